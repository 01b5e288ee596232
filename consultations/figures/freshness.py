"""When the home page's block may keep its figures: 5 minutes, unless a consultation's audience changes.

The block's cached HTML names consultations; one put behind a password, a login or a group, unpublished,
moved or deleted must leave it at once. Those changes replace a version number kept in the cache (shared by
every process), which is part of the block's cache key."""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "tribune:site-figures:version"


def version():
    """The current version; a new one (a nanosecond clock, never a number used before) if the cache lost it."""
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        value = cache.get(VERSION_KEY, 0)
    return value


def renew(**kwargs):
    """At once, and again when the change commits: a page drawn in between (from the data before the commit)
    must not stay cached under the last version."""
    cache.set(VERSION_KEY, time.time_ns(), None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))


def connect():
    """Connected by ``ConsultationsConfig.ready()``: any page (a consultation, or an ancestor's restriction)."""
    page_published.connect(renew, dispatch_uid="tribune.figures.renew.published")
    page_unpublished.connect(renew, dispatch_uid="tribune.figures.renew.unpublished")
    post_page_move.connect(renew, dispatch_uid="tribune.figures.renew.moved")
    post_delete.connect(renew, sender=Page, dispatch_uid="tribune.figures.renew.deleted")
    post_save.connect(renew, sender=PageViewRestriction, dispatch_uid="tribune.figures.renew.restricted")
    post_delete.connect(renew, sender=PageViewRestriction, dispatch_uid="tribune.figures.renew.unrestricted")
