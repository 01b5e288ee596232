"""The queue's filters, as a Wagtail filter set: consultation, lane, screening reason, reported only.

The text search is Wagtail's own search box (``QueueView.search_fields``). Removed comments are not a filter
of the queue but a queue of their own (the "Removed (to restore)" lane): the view chooses which queryset to
filter (``QueueFilterSet.lane``).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, F
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import MultipleUserFilter, UserModelMultipleChoiceField, WagtailFilterSet
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.models import ModelLogEntry

from consultations.ids import parse_id
from consultations.models import ConsultationComment, ConsultationPage
from consultations.moderation import queue
from consultations.moderation.screening import LABELS

State = ConsultationComment.State

LANES = [
    (queue.URGENT, _("Urgent")),
    (State.PENDING, State.PENDING.label),
    (queue.UNREVIEWED, _("Published, not yet reviewed")),
    (queue.FLAGGED, _("Reported by readers")),
    (State.RETURNED, State.RETURNED.label),
    (State.REMOVED, _("Removed (to restore)")),
]


def state_label(comment):
    """A comment's state as the moderator reads it: "Published, not yet reviewed" (the lane's name) for a
    published comment no moderator has read yet."""
    if comment.awaits_review:
        return dict(LANES)[queue.UNREVIEWED]
    return comment.get_state_display()


def lane_label(comment):
    """Which lane of the queue a comment is in, as its filter names it (a published comment that a moderator
    read is in the queue for its reports). An urgent comment waiting for a decision is in the "Urgent" lane."""
    if queue.is_urgent_row(comment):
        return dict(LANES)[queue.URGENT]
    if comment.state == State.PUBLISHED and not comment.awaits_review:
        return dict(LANES)[queue.FLAGGED]
    return state_label(comment)


class BoundedIdChoiceField(django_filters.fields.ModelChoiceField):
    """A model choice whose submitted id is bounded first: a huge or malformed id is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ConsultationFilter(django_filters.ModelChoiceFilter):
    """The consultation the comments belong to, for the queue and the history (each filter set says how with
    its ``filter_consultation``)."""

    field_class = BoundedIdChoiceField

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Consultation"),
            # One row per consultation: its source page, which holds the comments of every translation.
            queryset=ConsultationPage.objects.annotate(source_pk=ConsultationPage.source_pk_expression())
            .filter(pk=F("source_pk"))
            .order_by("title")
            .only("id", "title"),
            empty_label=_("All consultations"),
            method="filter_consultation",
            **kwargs,
        )


class BoundedUserChoiceField(UserModelMultipleChoiceField):
    """Wagtail's choice of users whose submitted ids are bounded first: a huge or malformed id is an invalid
    choice (Wagtail's own field would compare it with the user ids, a 500)."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for submitted in value:
                if parse_id(submitted) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": submitted},
                    )
        return super().clean(value)


class BoundedUserFilter(MultipleUserFilter):
    field_class = BoundedUserChoiceField


class QueueFilterSet(WagtailFilterSet):
    consultation = ConsultationFilter()
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=LANES,
        empty_label=_("All states"),
        method="filter_lane",
    )
    reason = django_filters.ChoiceFilter(
        label=_("Screening reason"),
        choices=[*LABELS.items(), ("blocklist", _("blocklisted word"))],
        empty_label=_("Any reason"),
        method="filter_reason",
    )
    flagged = django_filters.BooleanFilter(
        label=_("Reported by readers only"),
        widget=forms.CheckboxInput,
        initial=False,
        method="filter_flagged",
    )

    class Meta:
        model = ConsultationComment
        fields = []

    @property
    def lane(self):
        """The lane chosen, "" for the whole queue (also when the filters are not understood)."""
        return self.form.cleaned_data.get("state", "") if self.is_valid() else ""

    def filter_consultation(self, comments, name, consultation):
        return comments.filter(object_pk=str(consultation.pk))

    def filter_lane(self, comments, name, lane):
        return queue.filter_lane(comments, lane)

    def filter_reason(self, comments, name, reason):
        return queue.filter_screening_reason(comments, reason)

    def filter_flagged(self, comments, name, flagged):
        return comments.filter(has_open_reports=True) if flagged else comments


class DecisionHistoryFilterSet(HistoryFilterSet):
    """Wagtail's history filters (action, user, date) and the consultation the comments belong to."""

    # Wagtail's, with bounded ids (its queryset, the users in the log, is set by HistoryFilterSet).
    user = BoundedUserFilter(
        label=HistoryFilterSet.base_filters["user"].label, widget=forms.CheckboxSelectMultiple
    )
    consultation = ConsultationFilter()

    class Meta:
        model = ModelLogEntry
        fields = []

    def filter_consultation(self, entries, name, consultation):
        comments = ConsultationComment.objects.filter(object_pk=str(consultation.pk)).annotate(
            pk_text=Cast("pk", CharField())
        )
        return entries.filter(object_id__in=comments.values("pk_text"))
