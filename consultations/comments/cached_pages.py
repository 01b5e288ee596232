"""Cached copies of a consultation's pages leave the page cache (``page_cache``) when what they show of its
conversation changes: every moderation decision (``comment_decided``: approved, removed, held, edited out,
withdrawn, revised), a comment saved published (posted under post-moderation, or by the demo and the tests) or
deleted, a support counted or withdrawn. Lists (home, index) count every consultation's comments and go too, except
for a support (no list shows one).
A comment posted pending shows nowhere yet and renews nothing (``comment_posted`` is not listened to: the save
of a published one says it). Connected by ``ConsultationsConfig.ready()``. A CDN in front (``WAGTAILFRONTENDCACHE``) is asked to purge the consultation's
pages once the change commits."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page

from consultations.models import CommentSupport, ConsultationComment, ConsultationPage, ModerationDecision
from consultations.moderation.service import comment_decided
from page_cache import versions


def renew_conversation(object_pk, lists_too=True):
    """New versions for the consultation whose source page is ``object_pk`` (its comments' ``object_pk``), and for
    the lists (home, index: their cards count published comments) unless ``lists_too`` is False (a support: no list
    shows one, and a stream of taps must not keep every list drawn afresh)."""
    try:
        page_id = int(object_pk)
    except (TypeError, ValueError):
        page_id = None
    translation_key = (
        Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first() if page_id else None
    )
    if translation_key is None:
        if lists_too:
            versions.renew(versions.COMMENTS)
        return
    lists = [versions.COMMENTS] if lists_too else []
    versions.renew(*lists, ConsultationPage.conversation_version(translation_key))
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(
            lambda: purge_pages_from_cache(
                ConsultationPage.objects.live().public().filter(translation_key=translation_key)
            )
        )


def on_comment_saved(sender, instance, **kwargs):
    if instance.state == ConsultationComment.State.PUBLISHED:
        renew_conversation(instance.object_pk)


def on_comment_decided(sender, decision, **kwargs):
    """Any decision, published or not: a comment taken down must leave every copy."""
    renew_conversation(decision.comment.object_pk)


def on_comment_deleted(sender, instance, **kwargs):
    renew_conversation(instance.object_pk)


def on_support_changed(sender, instance, **kwargs):
    object_pk = (
        ConsultationComment.objects.filter(pk=instance.comment_id).values_list("object_pk", flat=True).first()
    )
    renew_conversation(object_pk, lists_too=False)


def connect():
    comment_decided.connect(
        on_comment_decided, sender=ModerationDecision, dispatch_uid="tribune.page_cache.comment_decided"
    )
    post_save.connect(
        on_comment_saved, sender=ConsultationComment, dispatch_uid="tribune.page_cache.comment_saved"
    )
    post_delete.connect(
        on_comment_deleted, sender=ConsultationComment, dispatch_uid="tribune.page_cache.comment_deleted"
    )
    post_save.connect(
        on_support_changed, sender=CommentSupport, dispatch_uid="tribune.page_cache.support_saved"
    )
    post_delete.connect(
        on_support_changed, sender=CommentSupport, dispatch_uid="tribune.page_cache.support_deleted"
    )
