"""The export view: ``<admin>/consultations/<id>/comments.<csv|xlsx>``, for those who may moderate."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from consultations.exports import files, rows
from consultations.models import ConsultationPage
from consultations.moderation.permissions import PERMISSION, moderating_group_name

FORMATS = ("csv", "xlsx")


def file_name(page, file_format):
    return f"{page.slug}-comments-{timezone.localdate().isoformat()}.{file_format}"


@require_safe
def export_comments(request, page_id, file_format):
    if not request.user.has_perm(PERMISSION):
        return render(
            request,
            "consultations/admin/forbidden.html",
            {"group_name": moderating_group_name()},
            status=403,
        )
    if file_format not in FORMATS:
        raise Http404
    page = get_object_or_404(ConsultationPage, pk=page_id)
    header, words = rows.headers(), rows.Words.current()
    cells = rows.export_cells(page, words)
    name = file_name(page, file_format)
    if file_format == "csv":
        response = StreamingHttpResponse(
            files.csv_lines(header, cells), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        output = files.xlsx_file(header, cells, title=page.slug)
        response = FileResponse(
            output, as_attachment=True, filename=name, content_type=files.XLSX_CONTENT_TYPE
        )
    response["Cache-Control"] = "private, no-store"
    return response
