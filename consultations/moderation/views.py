"""The views of the moderation viewset (``viewsets.ModerationViewSet``), on Wagtail's generic admin views.

Thin: every decision goes through ``service.decide``; what an action is comes from ``actions.ACTIONS``.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from django_comments_xtd.models import MaxThreadLevelExceededException
from wagtail.admin.ui.tables import DateColumn, Table
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.views.generic.history import LogEntryUserColumn
from wagtail.admin.widgets import Button
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, Site

from consultations.models import CommentReport, ConsultationComment, ConsultationPage, ModerationDecision
from consultations.moderation import links, queue, urgency
from consultations.moderation import service as moderation
from consultations.moderation.actions import ACTIONS, QUEUE_ACTIONS
from consultations.moderation.author_record import RECENT_DAYS, author_record
from consultations.moderation.columns import (
    AuthorColumn,
    CommentColumn,
    DecideColumn,
    LaneColumn,
    LogActionColumn,
    LoggedCommentColumn,
    QueueCheckboxColumn,
    QueueTable,
    ReportsColumn,
    ScreeningColumn,
    TextColumn,
    WaitingColumn,
)
from consultations.moderation.filters import DecisionHistoryFilterSet, QueueFilterSet, state_label
from consultations.moderation.forms import (
    ApproveAndReplyForm,
    DecisionForm,
    EditOutForm,
    ReplyForm,
    seen_token,
)
from consultations.moderation.permissions import PERMISSION, moderating_group_name
from consultations.moderation.screening import reason_labels

State = ConsultationComment.State
EDIT_OUT = ACTIONS[ModerationDecision.Action.EDIT_OUT]
PER_PAGE = 50


def forbidden(request):
    """A 403 page for admin users who may not moderate (Wagtail turns PermissionDenied into a redirect)."""
    return render(
        request, "consultations/admin/forbidden.html", {"group_name": moderating_group_name()}, status=403
    )


class ModeratorRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


def response_hours(request):
    """The ordinary and the urgent promise of the request's site, in one query."""
    return queue.response_hours(SimpleLazyObject(lambda: Site.find_for_request(request)))


def refuse_missing_comment(request):
    """A forged or deleted comment id: say so and go back to the queue (an admin 404 would leave the admin)."""
    messages.error(request, _("This comment does not exist (any more). Nothing was changed."))
    return HttpResponseRedirect(links.queue_url())


def back_to(request, default):
    """Where the moderator came from (a queue page with its filters), if it is on this site."""
    return HttpResponseRedirect(get_valid_next_url_from_request(request) or default)


def form_errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def comment_log_entries():
    return (
        ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(ConsultationComment))
        .select_related("user", "user__wagtail_userprofile")
        .order_by("-timestamp", "-pk")
    )


def log_columns():
    """Wagtail's history columns: what was decided (with the reason and the message), by whom, when."""
    return [
        LogActionColumn("message", label=gettext_lazy("Decision")),
        LogEntryUserColumn("user", label=gettext_lazy("Moderator")),
        DateColumn("timestamp", label=gettext_lazy("Date")),
    ]


class QueueView(ModeratorRequiredMixin, IndexView):
    """The queue: what waits for a moderator first, oldest first, returned comments last."""

    model = ConsultationComment
    index_url_name = links.name("index")
    index_results_url_name = links.name("index_results")
    any_permission_required = None
    filterset_class = QueueFilterSet
    search_fields = ["comment"]
    search_backend_name = None
    paginate_by = PER_PAGE
    page_title = gettext_lazy("Moderation")
    header_icon = "comment"
    table_class = QueueTable
    template_name = "consultations/admin/moderation/queue.html"
    results_template_name = "consultations/admin/moderation/queue_results.html"

    @cached_property
    def response_hours(self):
        return response_hours(self.request)

    @property
    def promise_hours(self):
        return self.response_hours[0]

    def get_paginator(self, *args, **kwargs):
        """The whole queue, unfiltered, is what ``queue.counts`` counts: its count is the page's one count of the
        queue, not a second one."""
        paginator = super().get_paginator(*args, **kwargs)
        if self.lists_the_whole_queue:
            counts = queue.counts_for_request(self.request)
            paginator.count = counts.waiting + counts.returned
        return paginator

    def paginate_queryset(self, queryset, page_size):
        """The page's comments picked by id first, then read whole: sorting the queue needs only a few columns of
        two tables, and reading every column of every table for every waiting comment before keeping 50 cost twice
        as much (10,000 pending)."""
        paginator, page, _object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        ids = list(page.object_list.values_list("pk", flat=True))
        by_id = {comment.pk: comment for comment in queryset.order_by().filter(pk__in=ids)}
        page.object_list = [by_id[pk] for pk in ids if pk in by_id]
        return paginator, page, page.object_list, is_paginated

    @property
    def lists_the_whole_queue(self):
        """No lane, filter or search: the listing is ``queue.queue_queryset()`` itself."""
        return not self.is_searching and not self.is_filtering

    def get_base_queryset(self):
        lane = self.filters.lane if self.filters else ""
        comments = queue.queue_queryset(removed=lane == State.REMOVED)
        promise, urgent = self.response_hours
        return queue.listing(queue.ordered(comments), promise_hours=promise, urgent_hours=urgent)

    @cached_property
    def columns(self):
        comment_url = links.for_each_comment("comment")
        decide_urls = {code: links.for_each_comment("decide", code) for code in QUEUE_ACTIONS}
        return [
            QueueCheckboxColumn("bulk_actions", obj_type="comment"),
            AuthorColumn(
                "user_name",
                label=gettext_lazy("Author"),
                get_url=lambda comment: comment_url(comment.pk),
                get_title_id=lambda comment: f"comment_{comment.pk}_title",
                classname="tm-col-author",
            ),
            CommentColumn("comment", label=gettext_lazy("Comment"), classname="tm-col-text"),
            TextColumn(
                "consultation_title", label=gettext_lazy("Consultation"), classname="tm-col-consultation"
            ),
            LaneColumn("state", label=gettext_lazy("State"), classname="tm-col"),
            ScreeningColumn("screening_reasons", label=gettext_lazy("Screening"), classname="tm-col"),
            ReportsColumn("report_count", label=gettext_lazy("Reports"), classname="tm-col"),
            WaitingColumn("waiting_since", label=gettext_lazy("Waiting"), classname="tm-col"),
            DecideColumn(
                "decide",
                label=gettext_lazy("Decide"),
                classname="tm-col-decide",
                get_decide_url=lambda comment, action: decide_urls[action](comment.pk),
                get_comment_url=lambda comment: comment_url(comment.pk),
            ),
        ]

    @cached_property
    def header_more_buttons(self):
        """With a consultation chosen in the filters: download its published comments (the exports room)."""
        buttons = list(super().header_more_buttons)
        consultation = self.filters.form.cleaned_data.get("consultation") if self.filters else None
        if consultation is not None:
            buttons += [
                Button(
                    _("Download this consultation's comments (CSV)"),
                    url=links.export_url(consultation.pk, "csv"),
                    icon_name="download",
                    priority=80,
                ),
                Button(
                    _("Download this consultation's comments (Excel)"),
                    url=links.export_url(consultation.pk, "xlsx"),
                    icon_name="download",
                    priority=81,
                ),
            ]
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["promise_hours"] = self.promise_hours
        context["counts"] = queue.counts_for_request(self.request)
        # Urgent comments come first, so this page holds them all unless there are more than a page of them.
        context["urgent_on_page"] = sum(
            1 for comment in context.get("object_list") or [] if queue.is_urgent_row(comment)
        )
        context["urgent_url"] = f"{links.queue_url()}?state={queue.URGENT}"
        return context


def listed_in_queue(request):
    """Every comment the queue lists for this request (its lane, filters, search and order), on all its
    pages: Wagtail's "select all in listing" takes them, as the queue view itself finds them."""
    view = QueueView()
    view.setup(request)
    return view.get_queryset()


class CommentMixin:
    """Views of one comment: a forged or deleted id says so and goes back to the queue."""

    def get_comment(self, pk):
        return queue.with_open_reports(ConsultationComment.objects.filter(pk=pk)).first()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return forbidden(request)
        self.comment = self.get_comment(kwargs["pk"])
        if self.comment is None:
            return refuse_missing_comment(request)
        return super().dispatch(request, *args, **kwargs)


class CommentView(CommentMixin, WagtailAdminTemplateMixin, TemplateView):
    """A comment with its context, its reports, its history, and the decisions that can be taken on it."""

    template_name = "consultations/admin/moderation/comment.html"
    header_icon = "comment"

    def get_page_title(self):
        return _("Comment by %(author)s") % {"author": self.comment.author_name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": links.queue_url(), "label": _("Moderation")},
            {"url": "", "label": self.get_page_title()},
        ]

    def decision_forms(self):
        seen = seen_token(self.comment)
        return [
            {
                "action": action,
                "url": links.decide_url(self.comment.pk, code),
                "label": action.button_for(self.comment, short=True),
                "explanation": action.explanation_for(self.comment),
                "form": DecisionForm(initial={"seen": seen}, action=code, auto_id=f"{code}_%s"),
            }
            for code, action in QUEUE_ACTIONS.items()
            if action.allows_comment(self.comment)
        ]

    def approve_and_reply_form(self):
        """Offered on a pending comment: approve it and publish the manager's reply with it."""
        if self.comment.state != State.PENDING:
            return None
        return ApproveAndReplyForm(initial={"seen": seen_token(self.comment)}, auto_id="approve_reply_%s")

    def edit_out_form(self, data=None):
        """Offered on a pending or published participant's comment that has a text."""
        comment = self.comment
        if comment.is_community_manager or not comment.comment or not EDIT_OUT.allows(comment.state):
            return None
        return EditOutForm(
            data,
            initial={"seen": seen_token(comment), "text": comment.comment},
            marker=moderation.redaction_marker(comment.language),
            auto_id="edit_out_%s",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.comment
        parent = (
            ConsultationComment.objects.filter(pk=comment.parent_id).first()
            if comment.parent_id != comment.pk
            else None
        )
        history = log_registry.get_logs_for_instance(comment).select_related(
            "user", "user__wagtail_userprofile"
        )
        context.update(
            {
                "comment": comment,
                "state_label": state_label(comment),
                "consultation": ConsultationPage.objects.filter(pk=comment.object_pk).first(),
                "parent": parent,
                "reasons": reason_labels(comment.screening_reasons),
                "urgent_phrases": urgency.labels(comment.urgent_phrases),
                "reports": CommentReport.objects.filter(comment=comment).order_by("created_at"),
                "decisions": self.decision_forms(),
                "reply_form": ReplyForm() if moderation.accepts_replies(comment) else None,
                "reply_url": links.reply_url(comment.pk),
                "approve_reply_form": self.approve_and_reply_form(),
                "approve_reply_url": links.approve_and_reply_url(comment.pk),
                "edit_out": EDIT_OUT,
                "edit_out_form": kwargs.get("edit_out_form") or self.edit_out_form(),
                "edit_out_url": links.edit_out_url(comment.pk),
                "author_record": author_record(comment),
                "recent_days": RECENT_DAYS,
                "history": Table(log_columns(), history, classname="listing"),
                "history_url": links.history_url()
                + (f"?consultation={comment.object_pk}" if comment.object_pk.isdigit() else ""),
                "queue_url": links.queue_url(),
            }
        )
        return context


class DecideView(CommentMixin, View):
    """One decision on one comment (POST only: a GET changes nothing)."""

    http_method_names = ["post"]

    def post(self, request, pk, action):
        detail_url = links.comment_url(self.comment.pk)
        rule = QUEUE_ACTIONS.get(action)
        if rule is None:
            messages.error(request, _("This action does not exist. Nothing was changed."))
            return back_to(request, detail_url)
        form = DecisionForm(request.POST, action=action)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
            return HttpResponseRedirect(detail_url)
        try:
            moderation.decide(
                self.comment,
                action,
                moderator=request.user,
                reason=form.cleaned_data["reason"] if rule.needs_reason else None,
                message=form.cleaned_data["message"] if rule.needs_reason else "",
                seen=form.cleaned_data["seen"],
            )
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(detail_url)
        messages.success(request, rule.done_message(1))
        return back_to(request, links.queue_url())


class ReplyView(CommentMixin, View):
    """A reply as community manager, published at once (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        parent = self.comment
        detail_url = links.comment_url(parent.pk)
        form = ReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was posted: %(errors)s") % {"errors": form_errors(form)})
            return HttpResponseRedirect(detail_url)
        try:
            moderation.reply_as_manager(parent, request.user, form.cleaned_data["text"])
        except MaxThreadLevelExceededException:
            messages.error(
                request, _("This conversation cannot go deeper. Reply to an earlier comment instead.")
            )
            return HttpResponseRedirect(detail_url)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(detail_url)
        messages.success(request, _("Your reply is published."))
        return HttpResponseRedirect(detail_url)


class ApproveAndReplyView(CommentMixin, View):
    """Approve a pending comment and publish the community manager's reply with it: both or neither (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        detail_url = links.comment_url(self.comment.pk)
        form = ApproveAndReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
            return HttpResponseRedirect(detail_url)
        try:
            moderation.approve_and_reply(
                self.comment,
                request.user,
                form.cleaned_data["text"],
                seen=form.cleaned_data["seen"],
            )
        except MaxThreadLevelExceededException:
            messages.error(
                request,
                _(
                    "This conversation cannot go deeper: approve the comment, then reply to an earlier one. "
                    "Nothing was changed."
                ),
            )
            return HttpResponseRedirect(detail_url)
        except moderation.ModerationError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(detail_url)
        messages.success(request, _("The comment is approved and your reply is published."))
        return back_to(request, links.queue_url())


class EditOutView(CommentView):
    """Publish a comment with parts of it replaced by the marker (POST only). A refused edit shows the page
    again with the moderator's text, so that they can correct it rather than start over."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = self.edit_out_form(request.POST)
        if form is None:
            messages.error(
                request,
                _("A comment that is “%(state)s” cannot be edited out.")
                % {"state": state_label(self.comment)},
            )
            return HttpResponseRedirect(links.comment_url(self.comment.pk))
        if form.is_valid():
            try:
                moderation.edit_out(
                    self.comment,
                    request.user,
                    form.cleaned_data["reason"],
                    form.cleaned_data["text"],
                    message=form.cleaned_data["message"],
                    seen=form.cleaned_data["seen"],
                )
            except moderation.EditRefused as error:
                form.add_error("text", str(error))
            except moderation.ModerationError as error:
                messages.error(request, str(error))
                return HttpResponseRedirect(links.comment_url(self.comment.pk))
            else:
                messages.success(request, EDIT_OUT.done_message(1))
                return back_to(request, links.queue_url())
        messages.error(request, _("Nothing was changed: %(errors)s") % {"errors": form_errors(form)})
        return self.render_to_response(self.get_context_data(edit_out_form=form), status=400)


class DecisionHistoryView(ModeratorRequiredMixin, BaseListingView):
    """Every decision on comments, newest first, from Wagtail's log entries; filtered by consultation, action,
    moderator or date."""

    index_url_name = links.name("history")
    index_results_url_name = links.name("history_results")
    page_title = gettext_lazy("History of decisions")
    header_icon = "history"
    paginate_by = PER_PAGE
    filterset_class = DecisionHistoryFilterSet
    verbose_name_plural = gettext_lazy("decisions")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": links.queue_url(), "label": _("Moderation")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_base_queryset(self):
        # The log's object_id is text: cast it to the id (a primary-key search), never every id to text (a scan).
        comment = ConsultationComment.objects.filter(
            pk=Cast(OuterRef("object_id"), BigIntegerField())
        ).order_by()
        return comment_log_entries().annotate(
            comment_author=Subquery(comment.values("user_name")[:1]),
            comment_text=Subquery(comment.values("comment")[:1]),
        )

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": self.get_base_queryset()}

    @cached_property
    def columns(self):
        return [
            LoggedCommentColumn(
                "comment_author",
                label=gettext_lazy("Comment"),
                get_url=lambda entry: links.comment_url(entry.object_id),
            ),
            *log_columns(),
        ]

    def get_page_subtitle(self):
        if self.filters and self.filters.is_valid() and self.filters.form.cleaned_data.get("consultation"):
            return self.filters.form.cleaned_data["consultation"].title
        return ""
