"""Forms of the moderation queue in the Wagtail admin: filters, one decision, bulk decisions, a reply."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from consultations.ids import parse_id
from consultations.models import (
    COMMENT_MAX_LENGTH,
    ConsultationComment,
    ConsultationPage,
    ModerationDecision,
    ReasonCategory,
)
from consultations.moderation.actions import ACTIONS, QUEUE_ACTIONS
from consultations.moderation.queue import FLAGGED, UNREVIEWED
from consultations.moderation.screening import LABELS

State = ConsultationComment.State
Action = ModerationDecision.Action


class IdChoiceField(forms.ModelChoiceField):
    """A model choice whose submitted id is bounded first: a huge or malformed id is an invalid choice."""

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        if parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


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


class DecisionForm(ReasonedActionForm):
    expected_state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)


class BulkDecisionForm(ReasonedActionForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("Choose an action")), *((code, a.button_label) for code, a in QUEUE_ACTIONS.items())],
    )
    comments = forms.MultipleChoiceField(
        label=_("Comments"),
        error_messages={"required": _("Select at least one comment.")},
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, action=data.get("action") if data else None, **kwargs)
        # Each value is "<id>:<state the moderator saw>"; unknown ids are refused later, one by one.
        submitted = data.getlist("comments") if data else []
        self.fields["comments"].choices = [(value, value) for value in submitted]
        self.unreadable = sum(1 for value in submitted if self.parse(value) is None)

    @staticmethod
    def parse(value):
        pk, _sep, state = str(value).partition(":")
        pk = parse_id(pk)
        if pk is None or state not in State.values:
            return None
        return pk, state

    def selected(self):
        return [parsed for parsed in map(self.parse, self.cleaned_data["comments"]) if parsed]


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply, published at once with the “Community manager” badge"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Your reply is empty.")},
    )


class QueueFilterForm(forms.Form):
    consultation = IdChoiceField(
        label=_("Consultation"),
        queryset=ConsultationPage.objects.order_by("title").only("id", "title"),
        required=False,
        empty_label=_("All consultations"),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All states")),
            (State.PENDING, State.PENDING.label),
            (UNREVIEWED, _("Published, not yet reviewed")),
            (FLAGGED, _("Reported by readers")),
            (State.RETURNED, State.RETURNED.label),
            (State.REMOVED, _("Removed (to restore)")),
        ],
    )
    reason = forms.ChoiceField(
        label=_("Screening reason"),
        required=False,
        choices=[
            ("", _("Any reason")),
            *((code, label) for code, label in LABELS.items()),
            ("blocklist", _("blocklisted word")),
        ],
    )
    flagged = forms.BooleanField(label=_("Reported by readers only"), required=False)
    q = forms.CharField(label=_("Search in the text"), required=False, max_length=200)

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "consultation": data["consultation"],
            "state": data["state"],
            "reason": data["reason"],
            "flagged": data["flagged"],
            "query": data["q"].strip(),
        }
