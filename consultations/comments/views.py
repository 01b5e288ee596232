"""Posting, linking to, reporting and supporting a comment (``consultations.comments.urls``)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_comments_xtd.models import MaxThreadLevelExceededException

from consultations.comments import feedback, signals
from consultations.comments.anti_abuse import network_key, report_rate_exceeded, spend_comment_budget
from consultations.comments.forms import CommentForm, ReportForm
from consultations.comments.results_notices import subscribe_to_results
from consultations.comments.supports import new_reader_token, reader_token, set_reader_cookie, toggle_support
from consultations.comments.thread import page_holding
from consultations.models.comments import CommentReport, ConsultationComment
from consultations.models.pages import ConsultationPage, ModerationMode
from consultations.moderation import service as moderation
from consultations.moderation.screening import personal_data_warning, screen
from consultations.moderation.urgency import find_urgent

SUBMITTED_FIELDS = ("name", "email", "comment", "followup", "results_notice", "accept_rules", "reply_to")


def render_page(request, page, status=200, **context_overrides):
    """The consultation page, as Wagtail would serve it, with what this view adds to its context."""
    context = {**page.get_context(request), **context_overrides}
    return TemplateResponse(request, page.get_template(request), context, status=status)


def render_page_with_form(
    request, page, form, status=200, form_error=None, screening_warning="", form_feedback=""
):
    """The consultation again, with the visitor's form, its errors and everything they typed."""
    return render_page(
        request,
        page,
        status=status,
        comment_form=form,
        form_alert=form_error,
        screening_warning=screening_warning,
        form_feedback=form_feedback,
    )


def refuse_forged_post(request, page):
    return render(request, "consultations/comment_refused.html", {"page": page}, status=400)


@csrf_exempt
def post_comment_view(request, page_id):
    """The comment form's target.

    Reading a consultation sets no cookie, so the anonymous form carries no CSRF token: it is
    protected by the form's signed security hash (page, timestamp) and a same-origin check.
    A logged-in visitor has a session, and gets Django's full CSRF check.
    """
    page = get_object_or_404(ConsultationPage.objects.live().public(), pk=page_id).specific
    if request.method == "POST":
        refusal = csrf_refusal(request)
        if refusal is not None:
            return refusal
    return post_comment(request, page)


def csrf_refusal(request):
    if request.user.is_authenticated:
        return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
    origin = request.headers.get("Origin")
    if (
        origin
        and origin != f"{request.scheme}://{request.get_host()}"
        and origin not in settings.CSRF_TRUSTED_ORIGINS
    ):
        return HttpResponseForbidden(_("This form was sent from another website."))
    return None


def post_comment(request, page):
    if request.method != "POST":
        return HttpResponseRedirect(page.url)
    if not page.accepts_comments:
        return render_page(request, page, status=403, posting_refused=True)

    form = CommentForm(page, data=request.POST, user=request.user)
    if not form.is_valid():
        if form.is_tampered():
            return refuse_forged_post(request, page)
        if form.is_expired():
            fresh = CommentForm(
                page, initial={name: request.POST.get(name) for name in SUBMITTED_FIELDS}, user=request.user
            )
            return render_page_with_form(
                request,
                page,
                fresh,
                form_error=_(
                    "This form was open for a long time, so we could not accept it. Your text is still here: please send it again."
                ),
            )
        return render_page_with_form(request, page, form)

    reasons = screen(form.cleaned_data["comment"])
    urgent = find_urgent(form.cleaned_data["comment"])
    warning = personal_data_warning(reasons)
    if warning and not urgent and not form.cleaned_data["post_anyway"]:
        # Nothing is saved: the author may remove it first, or confirm and post (then it waits). Not for an
        # urgent comment: it goes to a person at once, who sees the personal data before anyone else could.
        return render_page_with_form(request, page, form, screening_warning=warning)

    comment = form.get_comment_object()
    if comment.pk is not None:  # the same text, by the same author, today: a double click
        if comment.is_urgent:
            return HttpResponseRedirect(feedback.feedback_url(page, feedback.URGENT, reply_place(comment)))
        place = comment.pk if comment.state == ConsultationComment.State.PUBLISHED else reply_place(comment)
        return HttpResponseRedirect(feedback.feedback_url(page, feedback.DUPLICATE, place))

    # Counted last: a post refused for any other reason costs nothing.
    if not spend_comment_budget(request, form.cleaned_data["email"]):
        return render_page_with_form(
            request,
            page,
            form,
            status=429,
            # Nothing is saved, nobody is told: the help lines at least, above the form.
            form_feedback=feedback.help_html(page) if urgent else "",
            form_error=_(
                "You have posted several comments in a few minutes. Please wait ten minutes before posting again; your text is kept below."
            ),
        )

    comment.screening_reasons = [reason.to_json() for reason in reasons]
    comment.is_urgent = bool(urgent)
    comment.urgent_phrases = [finding.to_json() for finding in urgent]
    # An urgent comment waits for a person, whatever the consultation's moderation mode.
    comment.state = (
        ConsultationComment.State.PUBLISHED
        if page.moderation_mode == ModerationMode.POST and not reasons and not urgent
        else ConsultationComment.State.PENDING
    )
    if request.user.is_authenticated:
        comment.user = request.user
    try:
        with transaction.atomic():
            comment.save()
            if form.cleaned_data["results_notice"]:
                subscribe_to_results(page, comment)  # in a savepoint: the comment is stored whatever happens
            # In the comment's transaction: the emails it causes are stored with it or not at all.
            signals.comment_posted.send(sender=ConsultationComment, comment=comment)
    except MaxThreadLevelExceededException:
        return render_page_with_form(
            request,
            page,
            form,
            form_error=_("This conversation cannot go deeper. Reply to an earlier comment instead."),
        )

    # The confirmation is shown next to where the reader acted: under their published comment,
    # under the comment they replied to, or at the form (see consultations.comments.feedback).
    if comment.is_urgent:
        return HttpResponseRedirect(feedback.feedback_url(page, feedback.URGENT, reply_place(comment)))
    if comment.state == ConsultationComment.State.PUBLISHED:
        return HttpResponseRedirect(feedback.feedback_url(page, feedback.PUBLISHED, comment.pk))
    return HttpResponseRedirect(feedback.feedback_url(page, feedback.PENDING, reply_place(comment)))


def reply_place(comment):
    """The comment a reply answers (published: the form checked it), or None for a new thread."""
    return comment.parent_id if comment.parent_id and comment.parent_id != comment.pk else None


def published_comment_or_404(request, comment_id, suffix=""):
    """A published comment and the consultation page it is read on, if the address is the one under a live
    page of that consultation (any translation) and the consultation shows its comments.

    Any other comment (pending, returned, removed, withdrawn) answers exactly like an id that does
    not exist, so hidden comments cannot be counted or told apart.
    """
    comment = ConsultationComment.objects.filter(
        pk=comment_id, state=ConsultationComment.State.PUBLISHED
    ).first()
    source = comment.content_object if comment is not None else None
    if source is None or not isinstance(source, ConsultationPage):
        raise Http404
    # Every live translation shows the consultation's conversation: the address names the one read.
    path = request.path_info
    page = next(
        (
            translation
            for translation in ConsultationPage.objects.live().filter(translation_key=source.translation_key)
            if path == f"{translation.get_url(request)}comments/{comment.pk}/{suffix}"
        ),
        None,
    )
    if page is None or not page.comments_enabled:
        raise Http404
    return page, comment


def comment_permalink(request, page_path, comment_id):
    """A stable address for a published comment: the consultation's page of conversations that holds it (in
    the order of dates, all languages), scrolled to it."""
    page, comment = published_comment_or_404(request, comment_id)
    if not page.may_be_read_by(request):
        return HttpResponseRedirect(page.url)
    number = page_holding(page, comment.pk) or 1
    return HttpResponseRedirect(f"{page.url}{f'?page={number}' if number > 1 else ''}#c{comment.pk}")


def hold_if_reported_enough(comment):
    """At TRIBUNE_REPORT_HOLD_THRESHOLD open reports the comment is hidden until a moderator decides
    (the hold, a decision, tells the moderators at once).

    A report's key is its network's (an IPv4 address, an IPv6 /64) and a network reports a comment
    only once, ever (``one_report_per_reader``): open reports come from as many networks, and after
    a moderator kept the comment only networks that had never reported it can hide it again. Each
    report a moderator already dismissed raises the bar by one, so someone who can change networks
    (a phone reconnecting) needs more of them every time a moderator keeps the comment.
    """
    counts = CommentReport.objects.filter(comment=comment).aggregate(
        open=Count("pk", filter=Q(reviewed_at__isnull=True)),
        dismissed=Count("pk", filter=Q(reviewed_at__isnull=False)),
    )
    open_reports = counts["open"]
    if open_reports < settings.TRIBUNE_REPORT_HOLD_THRESHOLD + counts["dismissed"]:
        return
    try:
        moderation.hold(
            comment,
            message=_("Hidden after %(count)d reports from readers.") % {"count": open_reports},
        )
    except moderation.ModerationError:
        return  # already held, or a moderator decided in the meantime: their decision stands


def report_comment(request, page_path, comment_id):
    page, comment = published_comment_or_404(request, comment_id, suffix="report/")
    if not page.may_be_read_by(request):
        return HttpResponseRedirect(page.url)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            if report_rate_exceeded(request):
                form.add_error(None, _("You have sent many reports in a short time. Please try again later."))
            else:
                try:
                    with transaction.atomic():
                        CommentReport.objects.create(
                            comment=comment,
                            reporter_key=network_key(request),
                            reason=form.cleaned_data["reason"],
                        )
                except IntegrityError:
                    pass  # already reported from this network: it counts once
                else:
                    hold_if_reported_enough(comment)
                return HttpResponseRedirect(feedback.feedback_url(page, feedback.REPORTED, comment.pk))
    else:
        form = ReportForm()
    return render(
        request,
        "consultations/report_comment.html",
        {"page": page, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


# What a support form may ask for: "on" or "off" (the script says which state the reader saw), nothing (toggle).
WANTED_SUPPORT = {"on": True, "off": False}


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def support_refused(request, page, comment, status, message):
    if wants_json(request):
        return JsonResponse({"message": message}, status=status)
    return render(
        request,
        "consultations/support_refused.html",
        {"page": page, "comment": comment, "message": message},
        status=status,
    )


@csrf_exempt
def support_comment(request, page_path, comment_id):
    """A reader's "me too" on a published comment, and its withdrawal (the same button again).

    Like the comment form, reading the page sets no cookie, so there is no CSRF token: a same-origin
    check for visitors, Django's CSRF check for a logged-in one. The reader's cookie is set here, in
    the answer to the support, and nowhere else. A GET only goes to the comment.

    Not on the community manager's answers: supports tell organisers what participants agree with,
    and the manager's answers are the organisers' own voice (they have no button, their address is a 404).
    Not once the consultation is closed: its figures are final.
    """
    page, comment = published_comment_or_404(request, comment_id, suffix="support/")
    if comment.is_community_manager:
        raise Http404
    if not page.may_be_read_by(request):
        return HttpResponseRedirect(page.url)
    if request.method != "POST":
        return HttpResponseRedirect(f"{page.url}#c{comment.pk}")
    refusal = csrf_refusal(request)
    if refusal is not None:
        return refusal
    if not page.accepts_comments:
        return support_refused(
            request,
            page,
            comment,
            status=403,
            message=_("This consultation is closed: supports are no longer counted."),
        )
    token = reader_token(request) or new_reader_token()
    outcome = toggle_support(request, comment, token, wanted=WANTED_SUPPORT.get(request.POST.get("support")))
    if outcome.refused == "comment":
        return support_refused(
            request,
            page,
            comment,
            status=429,
            message=_(
                "Many people on your network have already supported this comment today, so we cannot count "
                "one more from it. Please try again tomorrow."
            ),
        )
    if outcome.refused:
        return support_refused(
            request,
            page,
            comment,
            status=429,
            message=_("Many supports came from your network in the last hour. Please try again later."),
        )
    if wants_json(request):
        response = JsonResponse({"supported": outcome.supported, "count": outcome.count})
    else:
        response = HttpResponseRedirect(
            feedback.feedback_url(
                page,
                feedback.SUPPORTED if outcome.supported else feedback.UNSUPPORTED,
                comment.pk,
                sort="supported" if request.POST.get("sort") == "supported" else "",
                language=request.POST.get("language", ""),
            )
        )
    set_reader_cookie(response, token)
    return response
