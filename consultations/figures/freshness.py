"""When the home page's block may keep its figures: 5 minutes, unless a consultation's audience changes.

The block's cached HTML names consultations; one put behind a password, a login or a group, unpublished,
moved or deleted must leave it at once. Those changes replace a version number kept in the cache (shared by
every process), which is part of the block's cache key."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from page_cache import versions

# A version of the page cache's kind (page_cache/versions.py: kept in the shared cache, renewed at once and again
# on commit), but renewed only by what changes a consultation's audience.
VERSION = "site-figures"


def version():
    """The current version; a new one if the cache lost it."""
    return versions.current([VERSION])[VERSION]


def renew(**kwargs):
    versions.renew(VERSION)


def connect():
    """Connected by ``ConsultationsConfig.ready()``: any page (a consultation, or an ancestor's restriction)."""
    page_published.connect(renew, dispatch_uid="tribune.figures.renew.published")
    page_unpublished.connect(renew, dispatch_uid="tribune.figures.renew.unpublished")
    post_page_move.connect(renew, dispatch_uid="tribune.figures.renew.moved")
    post_delete.connect(renew, sender=Page, dispatch_uid="tribune.figures.renew.deleted")
    post_save.connect(renew, sender=PageViewRestriction, dispatch_uid="tribune.figures.renew.restricted")
    post_delete.connect(renew, sender=PageViewRestriction, dispatch_uid="tribune.figures.renew.unrestricted")
