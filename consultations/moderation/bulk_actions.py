"""The queue's bulk decisions, as Wagtail bulk actions on comments (``/admin/bulk/consultations/…``).

Wagtail lists the selected comments on a confirmation page; its form carries the reason and the message to
the author (for the actions that need them) and, for each comment, when its state last changed as shown
there (``seen-<id>``). Each comment then goes through ``service.decide`` on its own: a refused one (stale,
not allowed from its state, deleted meanwhile) is named in one warning, the others are decided.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from consultations.ids import parse_id
from consultations.models import ConsultationComment
from consultations.moderation import queue
from consultations.moderation import service as moderation
from consultations.moderation.actions import QUEUE_ACTIONS
from consultations.moderation.filters import state_label
from consultations.moderation.forms import INVALID, BulkDecisionForm, seen_token
from consultations.moderation.permissions import PERMISSION
from consultations.moderation.views import forbidden, listed_in_queue


def describe(comment):
    return _("the comment by “%(author)s”") % {"author": comment.author_name}


class ModerationBulkAction(BulkAction):
    """One of the queue's actions on the selected comments; ``code`` names its row in ``QUEUE_ACTIONS``."""

    code = None
    models = [ConsultationComment]
    form_class = BulkDecisionForm
    template_name = "consultations/admin/moderation/bulk_confirm.html"

    @property
    def action(self):
        return QUEUE_ACTIONS[self.code]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.code}

    @cached_property
    def selection(self):
        """(comments found, ids not found, count of ids not understood), in the order of the selection."""
        submitted = self.request.GET.getlist("id")
        if "all" in submitted:
            ids, unreadable = list(listed_in_queue(self.request).values_list("pk", flat=True)), 0
        else:
            parsed = [parse_id(value) for value in submitted]
            ids, unreadable = [pk for pk in parsed if pk is not None], parsed.count(None)
        ids = list(dict.fromkeys(ids))
        found = queue.with_open_reports(ConsultationComment.objects.all()).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found], [pk for pk in ids if pk not in found], unreadable

    def get_actionable_objects(self):
        comments, missing, unreadable = self.selection
        return comments, {"items_with_no_access": [], "missing_ids": missing, "unreadable": unreadable}

    def object_context(self, comment):
        return {
            "item": comment,
            "state": state_label(comment),
            "seen": seen_token(comment),
            "allowed": self.action.allows_comment(comment),
            "reasons": comment.screening_reasons,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action, "header_icon": "comment"}

    def execute_action(self, comments, **kwargs):
        """Decide on each comment in turn; refusals are collected in ``self.refused``."""
        form, rule = self.cleaned_form, self.action
        _found, missing, unreadable = self.selection
        if unreadable:
            self.refused.append(
                ngettext(
                    "%(count)d selection was not understood.",
                    "%(count)d selections were not understood.",
                    unreadable,
                )
                % {"count": unreadable}
            )
        self.refused += [_("comment #%(id)d does not exist.") % {"id": pk} for pk in missing]
        done = 0
        for comment in comments:
            seen = form.seen(comment.pk)
            try:
                if seen is INVALID:
                    raise moderation.StaleDecision(_("This form is out of date: reload the page."))
                moderation.decide(
                    comment,
                    self.code,
                    moderator=self.request.user,
                    reason=form.cleaned_data["reason"] if rule.needs_reason else None,
                    message=form.cleaned_data["message"] if rule.needs_reason else "",
                    seen=seen,
                )
                done += 1
            except moderation.ModerationError as error:
                self.refused.append(f"{describe(comment)}: {error}")
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        self.done = num_parent_objects
        return None  # said in form_valid, as plain text next to the refusals

    def form_valid(self, form):
        self.refused, self.done = [], 0
        if self.selection == ([], [], 0):
            messages.error(self.request, _("Select at least one comment. Nothing was changed."))
            return redirect(self.next_url)
        response = super().form_valid(form)
        if self.done:
            messages.success(self.request, self.action.done_message(self.done))
        if self.refused:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)d comment was not changed: %(details)s",
                    "%(count)d comments were not changed: %(details)s",
                    len(self.refused),
                )
                % {"count": len(self.refused), "details": " ".join(self.refused)},
            )
        return response

    def form_invalid(self, form):
        messages.error(
            self.request,
            _("Nothing was changed: %(errors)s")
            % {"errors": " ".join(str(error) for errors in form.errors.values() for error in errors)},
        )
        return super().form_invalid(form)


def bulk_action_for(code, priority):
    """The Wagtail bulk action of one row of the table (its name, labels and order in the footer)."""
    action = QUEUE_ACTIONS[code]
    return type(
        f"{code.capitalize()}CommentsBulkAction",
        (ModerationBulkAction,),
        {
            "code": code,
            "action_type": code,
            "display_name": action.bulk_label,
            "aria_label": action.bulk_aria_label,
            "action_priority": priority,
            "classes": {"serious"} if "serious" in action.button_classname else set(),
        },
    )


BULK_ACTIONS = [bulk_action_for(code, 10 * (rank + 1)) for rank, code in enumerate(QUEUE_ACTIONS)]
