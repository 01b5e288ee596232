"""What moderators decide with: reasons sent to authors, the blocklist, the urgent phrases, and the record of
each decision."""

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import ModelLogEntry, TranslatableMixin

from consultations.models.comments import ConsultationComment


class ReasonCategory(TranslatableMixin, models.Model):
    """Why a comment was removed or sent back: a short title for moderators, an explanation for the author."""

    title = models.CharField(verbose_name=_("title"), max_length=120)
    explanation = models.TextField(
        verbose_name=_("explanation sent to the author"),
        help_text=_(
            "Written for young people: what the rule is, and why it matters. It is sent when a comment is "
            "removed and when it is returned for revision, so do not say here what was done with it."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(verbose_name=_("order"), default=0)

    panels = [FieldPanel("title"), FieldPanel("explanation"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def in_language(self, language_code):
        """This reason's translation into the language, or itself."""
        return (
            ReasonCategory.objects.filter(
                translation_key=self.translation_key, locale__language_code=language_code
            ).first()
            or self
        )


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation: whole words, any case, accents ignored."""

    word = models.CharField(
        verbose_name=_("word or phrase"),
        max_length=100,
        unique=True,
        help_text=_(
            "Matched as a whole word, whatever the case and accents: “connard” also catches “CONNARD”."
        ),
    )
    note = models.CharField(
        verbose_name=_("note for organisers"),
        max_length=255,
        blank=True,
        help_text=_("Why it is on the list; never shown to participants."),
    )

    panels = [FieldPanel("word"), FieldPanel("note")]

    class Meta:
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")
        ordering = ["word"]

    def __str__(self):
        return self.word


# A word of a phrase: letters or digits (apostrophes and hyphens are spaces), optionally ending in "*".
_PHRASE_WORD = re.compile(r"^\w+\*?$")


class UrgentPhrase(TranslatableMixin, models.Model):
    """Words that say a young person may be in danger: a comment containing one goes to the top of the queue,
    every moderator is emailed at once and the author is shown the help lines (``moderation/urgency.py``).

    One list per locale (Wagtail's locale filter and "Translate" action), all of them matched whatever the
    comment's language: a French page may receive English. An "everyday expression" cancels an urgent phrase it
    overlaps ("mourir de rire" in "j'ai envie de mourir de rire").
    """

    class Kind(models.TextChoices):
        URGENT = "urgent", _("Urgent")
        EVERYDAY = "everyday", _("Everyday expression (never urgent)")

    class Category(models.TextChoices):
        SUICIDE = "suicide", _("Suicide")
        SELF_HARM = "self_harm", _("Self-harm")
        ABUSE = "abuse", _("Abuse or violence at home")
        SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
        HARASSMENT = "harassment", _("Harassment")
        DANGER = "danger", _("Danger or threats")
        RUNNING_AWAY = "running_away", _("Running away or no home")

    phrase = models.CharField(
        verbose_name=_("phrase"),
        max_length=100,
        help_text=_(
            "Whole words, in this order. Case, accents, apostrophes and hyphens do not matter (“j ai envie de "
            "mourir” also catches “J'ai envie de mourir”); a * at the end of a word stands for any ending "
            "(“scarifi*” catches “scarifie”, “scarification”)."
        ),
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=8, choices=Kind.choices, default=Kind.URGENT)
    category = models.CharField(
        verbose_name=_("what it is about"),
        max_length=16,
        choices=Category.choices,
        blank=True,
        help_text=_("Shown to moderators; leave empty for an everyday expression."),
    )

    panels = [FieldPanel("phrase"), FieldPanel("kind"), FieldPanel("category")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("urgent phrase")
        verbose_name_plural = _("urgent phrases")
        ordering = ["kind", "category", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "phrase"], name="one_urgent_phrase_per_locale"),
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        super().clean()
        words = re.sub(r"[\s'’‘`´-]+", " ", self.phrase or "").split()
        if not words or any(not _PHRASE_WORD.match(word) for word in words):
            raise ValidationError(
                {"phrase": _("Use only words, spaces, apostrophes and hyphens, and * at the end of a word.")}
            )
        if any(word.endswith("*") and len(word) < 4 for word in words):
            raise ValidationError({"phrase": _("Put at least three letters before a *.")})
        if len("".join(words)) < 3:
            raise ValidationError({"phrase": _("A phrase needs at least three letters.")})
        if self.kind == self.Kind.URGENT and not self.category:
            raise ValidationError({"category": _("Say what an urgent phrase is about.")})


class ModerationDecision(models.Model):
    """One decision on one comment: who, when, what, why. Never edited, never deleted with the decision."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        REMOVE = "remove", _("Removed")
        RETURN = "return", _("Returned for revision")
        RESTORE = "restore", _("Restored")
        HOLD = "hold", _("Held for moderation")
        RESUBMIT = "resubmit", _("Resubmitted by its author")
        WITHDRAW = "withdraw", _("Withdrawn by its author")
        EDIT_OUT = "edit_out", _("Edited out and published")

    comment = models.ForeignKey(ConsultationComment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(verbose_name=_("action"), max_length=12, choices=Action.choices)
    from_state = models.CharField(max_length=12, choices=ConsultationComment.State.choices)
    to_state = models.CharField(max_length=12, choices=ConsultationComment.State.choices)
    reason = models.ForeignKey(
        ReasonCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reason"),
    )
    message = models.TextField(verbose_name=_("message to the author"), blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    created_at = models.DateTimeField(verbose_name=_("decided at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation decision")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id}"


# The Wagtail log action of an "edit out and publish": its entry's data keeps the text before and after.
EDIT_OUT_LOG_ACTION = f"tribune.comment.{ModerationDecision.Action.EDIT_OUT}"


def edit_log_entries(comment_ids=None):
    """The log entries of "edit out" decisions (of these comments, if given)."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ConsultationComment), action=EDIT_OUT_LOG_ACTION
    )
    if comment_ids is not None:
        entries = entries.filter(object_id__in=[str(pk) for pk in comment_ids])
    return entries


def forget_edited_text(entries, after_too=False):
    """Erase the text before each edit (the personal data a moderator took out) from these log entries, and
    the text after it too (a withdrawal erases the comment's text); returns how many entries changed."""
    count = 0
    done = {"data__before_erased": True, "data__after": ""} if after_too else {"data__before_erased": True}
    for entry in entries.exclude(**done).only("pk", "data"):
        data = dict(entry.data or {})
        data.update(before="", before_erased=True)
        if after_too:
            data["after"] = ""
        ModelLogEntry.objects.filter(pk=entry.pk).update(data=data)
        count += 1
    return count
