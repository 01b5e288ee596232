"""The moderation queue in the Wagtail admin. Thin: every decision goes through consultations.moderation."""

import functools

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django_comments_xtd.models import MaxThreadLevelExceededException
from wagtail.models import Site

from consultations.ids import parse_id
from consultations.models import CommentReport, ConsultationComment, ConsultationPage, ModerationDecision
from consultations.moderation import queue
from consultations.moderation import service as moderation
from consultations.moderation.actions import QUEUE_ACTIONS
from consultations.moderation.forms import (
    BulkDecisionForm,
    DecisionForm,
    QueueFilterForm,
    ReasonedActionForm,
    ReplyForm,
)
from consultations.moderation.screening import reason_labels

State = ConsultationComment.State
Action = ModerationDecision.Action
PERMISSION = "consultations.moderate_comments"
PER_PAGE = 50


def moderator_required(view):
    """A 403 page for admin users who may not moderate (Wagtail would turn PermissionDenied into a redirect)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return render(request, "consultations/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def back_to(request, default):
    """Where the moderator came from (a queue page with its filters), if it is on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def promise_hours(request):
    # The site is looked up only if the promise is read from the site's settings.
    return queue.promised_response_hours(SimpleLazyObject(lambda: Site.find_for_request(request)))


def queue_url():
    return reverse("tribune_moderation:queue")


@require_GET
@moderator_required
def queue_view(request):
    filter_form = QueueFilterForm(request.GET or None)
    comments = queue.filtered_queue(**filter_form.filters())
    paginator = Paginator(comments, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    hours = promise_hours(request)
    rows = queue.queue_rows(page.object_list, promise_hours=hours)
    reason_form = ReasonedActionForm(auto_id="bulk_%s")
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "consultations/admin/queue.html",
        {
            "rows": rows,
            "page": page,
            "paginator": paginator,
            "filter_form": filter_form,
            "reason_form": reason_form,
            "bulk_actions": [(code, action.button_label) for code, action in QUEUE_ACTIONS.items()],
            "query_string": query.urlencode(),
            "promise_hours": hours,
            "State": State,
        },
    )


def refuse_missing_comment(request):
    """A forged or deleted comment id: say so and go back to the queue (an admin 404 would leave the admin)."""
    messages.error(request, _("This comment does not exist (any more). Nothing was changed."))
    return HttpResponseRedirect(queue_url())


@require_GET
@moderator_required
def comment_view(request, pk):
    comment = (
        ConsultationComment.objects.annotate(has_open_reports=Exists(queue.open_reports()))
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        return refuse_missing_comment(request)
    consultation = ConsultationPage.objects.filter(pk=comment.object_pk).first()
    parent = (
        ConsultationComment.objects.filter(pk=comment.parent_id).first()
        if comment.parent_id != comment.pk
        else None
    )
    initial = {"expected_state": comment.state}
    return render(
        request,
        "consultations/admin/comment.html",
        {
            "comment": comment,
            "consultation": consultation,
            "parent": parent,
            "reasons": reason_labels(comment.screening_reasons),
            "reports": CommentReport.objects.filter(comment=comment).order_by("created_at"),
            "decisions": comment.decisions.select_related("moderator", "reason"),
            "remove_form": DecisionForm(initial=initial, action=Action.REMOVE, auto_id="remove_%s"),
            "return_form": DecisionForm(initial=initial, action=Action.RETURN, auto_id="return_%s"),
            "reply_form": ReplyForm(),
            "can_approve": QUEUE_ACTIONS[Action.APPROVE].allows_comment(comment),
            "can_remove": QUEUE_ACTIONS[Action.REMOVE].allows_comment(comment),
            "can_return": QUEUE_ACTIONS[Action.RETURN].allows_comment(comment),
            "can_restore": QUEUE_ACTIONS[Action.RESTORE].allows_comment(comment),
            "can_reply": comment.state == State.PUBLISHED,
        },
    )


def describe(comment):
    return _("the comment by “%(author)s”") % {"author": comment.user_name}


def done_message(action, count):
    return QUEUE_ACTIONS[action].done_message(count)


def form_errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@require_POST
@moderator_required
def decide_view(request, pk, action):
    comment = ConsultationComment.objects.filter(pk=pk).first()
    if comment is None:
        return refuse_missing_comment(request)
    if action not in QUEUE_ACTIONS:
        messages.error(request, _("This action does not exist. Nothing was changed."))
        return back_to(request, reverse("tribune_moderation:comment", args=[comment.pk]))
    detail_url = reverse("tribune_moderation:comment", args=[comment.pk])
    form = DecisionForm(request.POST, action=action)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
        return back_to(request, detail_url)
    try:
        moderation.decide(
            comment,
            action,
            moderator=request.user,
            reason=form.cleaned_data["reason"] if QUEUE_ACTIONS[action].needs_reason else None,
            message=form.cleaned_data["message"] if QUEUE_ACTIONS[action].needs_reason else "",
            expected_state=form.cleaned_data["expected_state"],
        )
    except moderation.ModerationError as error:
        messages.error(request, str(error))
        return back_to(request, detail_url)
    messages.success(request, done_message(action, 1))
    return back_to(request, queue_url())


@require_POST
@moderator_required
def bulk_view(request):
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
        return back_to(request, queue_url())
    action = form.cleaned_data["action"]
    selected = form.selected()
    comments = ConsultationComment.objects.in_bulk([pk for pk, _state in selected])
    done, refused = 0, []
    if form.unreadable:
        refused.append(
            ngettext(
                "%(count)d selection was not understood.",
                "%(count)d selections were not understood.",
                form.unreadable,
            )
            % {"count": form.unreadable}
        )
    for pk, seen_state in selected:
        comment = comments.get(pk)
        if comment is None:
            refused.append(_("comment #%(id)d does not exist.") % {"id": pk})
            continue
        try:
            moderation.decide(
                comment,
                action,
                moderator=request.user,
                reason=form.cleaned_data["reason"] if QUEUE_ACTIONS[action].needs_reason else None,
                message=form.cleaned_data["message"] if QUEUE_ACTIONS[action].needs_reason else "",
                expected_state=seen_state,
            )
            done += 1
        except moderation.ModerationError as error:
            refused.append(f"{describe(comment)}: {error}")
    if done:
        messages.success(request, done_message(action, done))
    if refused:
        messages.warning(
            request,
            ngettext(
                "%(count)d comment was not changed: %(details)s",
                "%(count)d comments were not changed: %(details)s",
                len(refused),
            )
            % {"count": len(refused), "details": " ".join(refused)},
        )
    return back_to(request, queue_url())


@require_POST
@moderator_required
def reply_view(request, pk):
    parent = ConsultationComment.objects.filter(pk=pk).first()
    if parent is None:
        return refuse_missing_comment(request)
    detail_url = reverse("tribune_moderation:comment", args=[parent.pk])
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was posted: %(errors)s") % {"errors": form_errors(form)})
        return back_to(request, detail_url)
    if parent.state != State.PUBLISHED:
        messages.error(request, _("You can only reply to a published comment. Nothing was posted."))
        return back_to(request, detail_url)
    name = request.user.get_full_name() or request.user.get_username()
    try:
        moderation.reply_as_manager(parent, request.user, form.cleaned_data["text"], name=name)
    except MaxThreadLevelExceededException:
        messages.error(request, _("This conversation cannot go deeper. Reply to an earlier comment instead."))
        return back_to(request, detail_url)
    messages.success(request, _("Your reply is published."))
    return back_to(request, detail_url)


@require_GET
@moderator_required
def history_view(request):
    decisions = ModerationDecision.objects.select_related("moderator", "reason", "comment").order_by(
        "-created_at", "-pk"
    )
    consultation_id = parse_id(request.GET.get("consultation", ""))
    consultation = ConsultationPage.objects.filter(pk=consultation_id).first() if consultation_id else None
    if consultation is not None:
        decisions = decisions.filter(comment__object_pk=str(consultation.pk))
    page = Paginator(decisions, PER_PAGE).get_page(request.GET.get("p"))
    titles = dict(
        ConsultationPage.objects.filter(
            pk__in={int(d.comment.object_pk) for d in page.object_list if d.comment.object_pk.isdigit()}
        ).values_list("pk", "title")
    )
    return render(
        request,
        "consultations/admin/history.html",
        {
            "page": page,
            "consultation": consultation,
            "titles": {str(pk): title for pk, title in titles.items()},
            "consultations": ConsultationPage.objects.order_by("title").only("id", "title"),
        },
    )
