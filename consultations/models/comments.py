"""Comments and readers' reports. Tribune owns a comment's state; django-comments-xtd owns its threading."""

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Subquery
from django.db.models.functions import Cast
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment, XtdCommentManager


class ConsultationCommentManager(XtdCommentManager):
    def for_page(self, page):
        """Every comment of a consultation, whatever its state and the language it was posted in: they
        are stored on its source page (``ConsultationPage.source_page``), whichever translation is given.
        Unless the page already knows its source, the source is found inside the same query."""
        return self.filter(
            content_type=ContentType.objects.get_for_id(page.content_type_id), object_pk=source_pk_text(page)
        )


def source_pk_text(page):
    """The id of a consultation page's source page, as the text xtd's ``object_pk`` holds: the value if
    the page already knows it (``source_page`` was read), else a subquery (no query of its own)."""
    if "source_page" in page.__dict__ or not hasattr(page, "translation_key"):
        return str(getattr(page, "source_page", page).pk)
    first = (
        type(page)
        ._default_manager.filter(translation_key=page.translation_key)
        .order_by("pk")
        .values("pk")[:1]
    )
    return Cast(Subquery(first), output_field=models.CharField())


# The longest text a comment may have: every form that takes one (post, revision, manager's reply) checks it.
COMMENT_MAX_LENGTH = 2000

ADDRESS_KEY_SALT = "tribune.author-address"

GMAIL_DOMAINS = ("gmail.com", "googlemail.com")


def canonical_mailbox(address):
    """The mailbox an address delivers to, as one spelling: NFKC, casefolded, without a ``+tag``, and for
    Gmail without dots in the local part (``V.ictim+1@GoogleMail.com`` is ``victim@gmail.com``)."""
    normalised = unicodedata.normalize("NFKC", address.strip()).casefold()
    local, at, domain = normalised.rpartition("@")
    if not at or not local:
        return normalised
    local = local.split("+", 1)[0] or local
    if domain in GMAIL_DOMAINS:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def public_name(user_name, is_community_manager):
    """The name readers see under a comment: the pseudonym typed, or for the community manager's replies the
    display name stored with the reply (the site's, never a staff account's), else "Community manager"."""
    if is_community_manager:
        return user_name or gettext("Community manager")
    return user_name


def address_key(address):
    """A keyed hash that names a mailbox without revealing it: the same for "Owl@Example.org ",
    "owl+tribune@example.org" and "owl@example.org", different on another site (the key is derived from
    SECRET_KEY). Confirming one spelling confirms the mailbox, so all of its spellings."""
    return salted_hmac(ADDRESS_KEY_SALT, canonical_mailbox(address), algorithm="sha256").hexdigest()


class ConsultationComment(XtdComment):
    """A comment on a consultation. Tribune owns its state; xtd owns the threading columns.

    ``is_public`` and ``is_removed`` (from django-contrib-comments) are kept in step with
    ``state`` on every save, so nothing in xtd or django_comments can show a comment that
    Tribune has not published.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")
        RETURNED = "returned", _("Returned for revision")
        WITHDRAWN = "withdrawn", _("Withdrawn by its author")

    state = models.CharField(
        verbose_name=_("state"), max_length=12, choices=State.choices, default=State.PENDING, db_index=True
    )
    language = models.CharField(
        verbose_name=_("author's language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    is_community_manager = models.BooleanField(
        verbose_name=_("posted by the community manager"), default=False
    )
    screening_reasons = models.JSONField(verbose_name=_("screening reasons"), default=list, blank=True)
    is_urgent = models.BooleanField(
        verbose_name=_("urgent"),
        default=False,
        db_index=True,
        help_text=_(
            "Its text has an urgent phrase: first in the queue, never published without a moderator."
        ),
    )
    # The urgent phrases found, as "<category>:<phrase>" (what the moderator is shown), [] for none.
    urgent_phrases = models.JSONField(verbose_name=_("urgent phrases found"), default=list, blank=True)
    state_changed_at = models.DateTimeField(verbose_name=_("state changed at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(
        verbose_name=_("reviewed at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When a moderator last decided on this text. A published comment without it (post-moderation) "
            "waits in the queue until someone reads it."
        ),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    author_key = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "Keyed hash of the author's address, kept after a withdrawal so that their links still find "
            "their own comments; erased with the address at the end of retention."
        ),
    )

    objects = ConsultationCommentManager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comments", _("Can moderate comments"))]

    def save(self, *args, **kwargs):
        self.is_public = self.state == self.State.PUBLISHED
        self.is_removed = self.state in {self.State.REMOVED, self.State.WITHDRAWN}
        if self.user_email:
            self.author_key = address_key(self.user_email)
        super().save(*args, **kwargs)

    @property
    def author_name(self):
        return public_name(self.user_name, self.is_community_manager)

    @property
    def userinfo(self):
        """What django-comments calls the poster (``name``, ``email``, ``str()``): only what was stored with
        the comment. Its own reads a signed-in poster's account, and so a staff member's full name."""
        return {"name": self.author_name, "email": self.user_email, "url": self.user_url}

    @property
    def awaits_review(self):
        """Published without a moderator having read it (post-moderation): it belongs in the queue."""
        return self.state == self.State.PUBLISHED and self.reviewed_at is None

    @property
    def page_in_author_language(self):
        """The consultation page in the language the comment was written in, if that translation is live;
        else the source page that holds the comment, or a live translation if the source is offline. Where its
        author is sent back to."""
        page = self.content_object
        translation_in = getattr(page, "translation_in", None)
        return translation_in(self.language) if translation_in is not None else page

    def get_absolute_url(self, anchor_pattern="#c{id}"):
        page = self.page_in_author_language
        return page.url + anchor_pattern.format(id=self.pk) if page is not None else ""


class CommentReport(models.Model):
    """A reader's report that a published comment breaks the rules."""

    comment = models.ForeignKey(ConsultationComment, on_delete=models.CASCADE, related_name="reports")
    reporter_key = models.CharField(
        max_length=64, help_text=_("Salted hash identifying the reporter; never an IP address in clear.")
    )
    reason = models.CharField(verbose_name=_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_at = models.DateTimeField(
        verbose_name=_("reviewed at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when a moderator decides on the comment; an open report has none."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        verbose_name = _("comment report")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return f"Report on comment {self.comment_id}"


class CommentSupportQuerySet(models.QuerySet):
    def of_comment(self, comment):
        """The supports of one comment."""
        return self.filter(comment=comment)

    def on_page(self, page):
        """The supports of every comment of a consultation, in every language (the thread shows them on
        published comments only: a comment hidden later keeps its supports, uncounted, until it is published
        again)."""
        return self.filter(
            comment__content_type=ContentType.objects.get_for_id(page.content_type_id),
            comment__object_pk=source_pk_text(page),
        )


class CommentSupport(models.Model):
    """A reader's "me too" on a published comment: one per reader (a signed random cookie, stored here
    only as a keyed hash) and comment, capped per network (``network_key``, as reports)."""

    comment = models.ForeignKey(ConsultationComment, on_delete=models.CASCADE, related_name="supports")
    reader_key = models.CharField(
        max_length=64,
        null=True,
        help_text=_(
            "Keyed hash of the reader's random cookie, never the cookie itself; erased (null) with the "
            "authors' data at the end of retention, when the support still counts."
        ),
    )
    network_key = models.CharField(
        max_length=64,
        blank=True,
        help_text=_(
            "Keyed hash of the reader's network (IPv4 address or IPv6 /64); never an address in clear."
        ),
    )
    # Keyed hash of the reader's IPv6 /48 ("" for IPv4), for the cap on a customer's 65,536 networks.
    site_key = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommentSupportQuerySet.as_manager()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader_key"], name="one_support_per_reader"),
        ]
        # The daily cap counts one network's supports of one comment since a moment.
        indexes = [
            models.Index(fields=["comment", "network_key", "created_at"], name="support_network_day"),
            models.Index(fields=["comment", "site_key", "created_at"], name="support_site_day"),
        ]

    def __str__(self):
        return f"Support of comment {self.comment_id}"
