"""What changes every page: the page tree, a view restriction, a site, a locale, a setting, a snippet, an image or a
document; and a new release (every release runs ``migrate``: new code, templates or settings) or a setting
changed in a test. Each of those renews ``versions.SITE``, which every cached page depends on. Connected by
``PageCacheConfig.ready()``; the apps renew what only some pages show (a consultation's comments) themselves."""

from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

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


def renew_site_if_shown(sender, instance, **kwargs):
    """Any model's save or deletion: only those every page may show renew the site's version."""
    if isinstance(instance, SITE_WIDE) or sender in get_snippet_models():
        renew_site()


def connect():
    page_published.connect(renew_site, dispatch_uid="tribune.page_cache.published")
    page_unpublished.connect(renew_site, dispatch_uid="tribune.page_cache.unpublished")
    post_page_move.connect(renew_site, dispatch_uid="tribune.page_cache.moved")
    post_save.connect(renew_site_if_shown, dispatch_uid="tribune.page_cache.saved")
    post_delete.connect(renew_site_if_shown, dispatch_uid="tribune.page_cache.deleted")
    post_migrate.connect(renew_site, dispatch_uid="tribune.page_cache.migrated")
    setting_changed.connect(renew_site, dispatch_uid="tribune.page_cache.setting_changed")
