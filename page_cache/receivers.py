"""What changes every page: the page tree, a view restriction, a site, a locale, a setting, a snippet, an image or a
document (the site's snippets are moderation lists, shown on no public page); and a new release (every release runs ``migrate``: new code, templates or settings) or a setting
changed in a test. Each of those renews ``versions.SITE``, which every cached page depends on. Connected by
``PageCacheConfig.ready()``; the apps renew what only some pages show (a consultation's comments) themselves."""

from django.apps import apps
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from page_cache import versions

SITE_WIDE = (
    Page,
    PageViewRestriction,
    Site,
    Locale,
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractImage,
    AbstractDocument,
)


def renew_site(*args, **kwargs):
    versions.renew(versions.SITE)


def renew_site_now(*args, **kwargs):
    """A release (``migrate``) or a setting changed in a test: no transaction to wait for, maybe no database.
    A new cache (``CACHES``) holds no copy, and the old one may not answer any more: nothing to renew."""
    if kwargs.get("setting") == "CACHES":
        return
    versions.renew(versions.SITE, again_on_commit=False)


def connect():
    page_published.connect(renew_site, dispatch_uid="tribune.page_cache.published")
    page_unpublished.connect(renew_site, dispatch_uid="tribune.page_cache.unpublished")
    post_page_move.connect(renew_site, dispatch_uid="tribune.page_cache.moved")
    # Model by model, not for every model: a receiver of every deletion would turn each cascade's fast delete
    # into a fetch of the rows first, which changes what pre_delete receivers can still hand over.
    for model in apps.get_models():
        if issubclass(model, SITE_WIDE):
            post_save.connect(
                renew_site, sender=model, dispatch_uid=f"tribune.page_cache.saved.{model._meta.label}"
            )
            post_delete.connect(
                renew_site, sender=model, dispatch_uid=f"tribune.page_cache.deleted.{model._meta.label}"
            )
    post_migrate.connect(renew_site_now, dispatch_uid="tribune.page_cache.migrated")
    setting_changed.connect(renew_site_now, dispatch_uid="tribune.page_cache.setting_changed")
