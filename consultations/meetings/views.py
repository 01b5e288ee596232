"""The ``.ics`` download of a consultation's kick-off meeting (``consultations.meetings.urls``)."""

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from wagtail.models import Page

from consultations.meetings.ics import meeting_calendar
from consultations.models.pages import ConsultationPage


def meeting_or_404(request, page_path, block_id):
    """The consultation at ``page_path`` (live, and readable by this visitor) and its kick-off meeting
    ``block_id``. Anything else, a restricted page included, is "not found" like an unknown address."""
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404
    page, args, kwargs = route
    if args or kwargs or not isinstance(page, ConsultationPage) or not page.live:
        raise Http404
    if not page.may_be_read_by(request):
        raise Http404
    for block in page.body:
        if block.block_type == "kick_off_meeting" and block.id == block_id:
            return page, block
    raise Http404


@require_safe
def meeting_ics(request, page_path, block_id):
    page, block = meeting_or_404(request, page_path, block_id)
    body = meeting_calendar(
        page, block.value, block.id, page_url=page.get_full_url(request), host=page.get_site().hostname
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = f"kick-off-{slugify(page.slug) or page.pk}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
