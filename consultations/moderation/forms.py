"""Forms of the moderation queue in the Wagtail admin: one decision, a bulk decision's confirmation, a reply,
approval with a reply, an edit out."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from consultations.models import COMMENT_MAX_LENGTH, ModerationDecision, ReasonCategory
from consultations.moderation.actions import ACTIONS
from consultations.moderation.service import Seen

Action = ModerationDecision.Action


class ReasonChoiceField(forms.ModelChoiceField):
    """Any reason is accepted; those in the moderator's language are offered."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=ReasonCategory.objects.all(),
            required=False,
            label=_("Reason (sent to the author)"),
            empty_label=_("Choose a reason"),
            error_messages={"invalid_choice": _("This reason does not exist any more. Choose another one.")},
            **kwargs,
        )

    def offer_reasons_in(self, language_code):
        reasons = ReasonCategory.objects.filter(locale__language_code=language_code)
        self.choices = [("", self.empty_label)] + [(reason.pk, reason.title) for reason in reasons]


class ReasonedActionForm(forms.Form):
    reason = ReasonChoiceField()
    message = forms.CharField(
        label=_("Message to the author (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["reason"].offer_reasons_in((get_language() or "en")[:2])

    def clean(self):
        cleaned_data = super().clean()
        action = ACTIONS.get(self.action)
        if action and action.needs_reason and not cleaned_data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", _("Choose a reason: it is sent to the author."))
        return cleaned_data


class SeenField(forms.CharField):
    """Hidden: what the moderator saw of the comment (a ``seen_token``).

    Cleans to a ``service.Seen``; a missing or unreadable value is an error (the form is forged or broken).
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(
            error_messages={
                "required": _("This form is out of date: reload the page."),
                "invalid": _("This form is out of date: reload the page."),
            },
            **kwargs,
        )

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        seen = parse_seen(value)
        if seen is INVALID:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return seen

    def validate(self, value):
        if value == "":
            raise ValidationError(self.error_messages["required"], code="required")


NEVER = "never"
INVALID = object()


def seen_token(comment):
    """What the decision forms carry of the comment the moderator sees: when its state last changed ("never"
    if it never did) and, after a semicolon, how many open reports it has (``queue.with_open_reports``),
    e.g. "2026-03-01T10:00:00+00:00;2"."""
    changed_at = comment.state_changed_at.isoformat() if comment.state_changed_at else NEVER
    return f"{changed_at};{comment.report_count}"


def parse_seen(value):
    """The ``service.Seen`` a ``seen_token`` names, INVALID for anything else."""
    changed_at, separator, report_count = str(value).partition(";")
    if not (separator and report_count.isascii() and report_count.isdigit() and len(report_count) <= 9):
        return INVALID
    if changed_at == NEVER:
        return Seen(None, int(report_count))
    try:
        seen = datetime.datetime.fromisoformat(changed_at)
    except ValueError:
        return INVALID
    return Seen(seen, int(report_count)) if seen.tzinfo is not None else INVALID


class DecisionForm(ReasonedActionForm):
    """One decision on one comment, from its page or its row in the queue."""

    seen = SeenField()


class BulkDecisionForm(ReasonedActionForm):
    """The confirmation step of a bulk decision: the reason and the message, the same for every comment.
    Each comment's ``seen-<id>`` (a ``seen_token``) is read by the bulk action itself."""

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, action=action, **kwargs)
        if not ACTIONS[action].needs_reason:
            del self.fields["reason"]
            del self.fields["message"]

    def seen(self, comment_id):
        """What the moderator saw of this comment on the confirmation page (``parse_seen``), INVALID if nothing."""
        value = self.data.get(f"seen-{comment_id}")
        return INVALID if value is None else parse_seen(value)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply, published at once with the “Community manager” badge"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Your reply is empty.")},
    )


class ApproveAndReplyForm(forms.Form):
    """Approve a pending comment and publish the community manager's reply with it, in one step."""

    seen = SeenField()
    text = forms.CharField(
        label=_("Your reply, published with the comment under the “Community manager” badge"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Your reply is empty.")},
    )


class EditOutForm(ReasonedActionForm):
    """The comment's text, where the moderator replaces what must not be published with the marker
    (``service.edited_out`` checks that nothing else changed)."""

    seen = SeenField()
    text = forms.CharField(
        label=_("The comment, as it will be published"),
        strip=False,
        max_length=COMMENT_MAX_LENGTH * 2,
        widget=forms.Textarea(attrs={"rows": 6, "data-tm-edit-out": ""}),
        error_messages={"required": _("The text is empty: to take everything out, remove the comment.")},
    )

    def __init__(self, *args, marker="", **kwargs):
        super().__init__(*args, action=Action.EDIT_OUT, **kwargs)
        self.fields["text"].help_text = _(
            "Replace each part to take out with “%(marker)s” (select it and use the button, or type it). "
            "Nothing else may change."
        ) % {"marker": marker}
        self.fields["text"].widget.attrs["data-tm-marker"] = marker
