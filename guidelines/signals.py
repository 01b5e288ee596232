"""What clears the shared cache's copies of what every page reads (``guidelines.models``): the community manager's
settings when they or one of their rows are saved or deleted, and the code of conduct's choice when anything that decides it changes.

Each is cleared at once and again when the transaction commits, so that a page read during the change cannot keep
an older copy past the commit (at worst, one racing read keeps it for ``SETTINGS_CACHE_SECONDS``)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from guidelines.models import (
    CODE_OF_CONDUCT_CACHE_KEY,
    CommunityManagerSettings,
    ManagerAbsence,
    ManagerTexts,
    ManagerWeeklyRange,
    RulesSettings,
)


def clear(key):
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def clear_manager_settings(sender, instance, **kwargs):
    clear(CommunityManagerSettings.cache_key(instance.site_id))


def clear_manager_settings_of_row(sender, instance, **kwargs):
    """A row of texts, hours or absences: the settings are cached with their rows."""
    site_id = (
        CommunityManagerSettings.objects.filter(pk=instance.settings_id)
        .values_list("site_id", flat=True)
        .first()
    )
    if site_id is not None:
        clear(CommunityManagerSettings.cache_key(site_id))


def clear_code_of_conduct(sender, **kwargs):
    clear(CODE_OF_CONDUCT_CACHE_KEY)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(clear_manager_settings, sender=CommunityManagerSettings)
        for row in (ManagerTexts, ManagerWeeklyRange, ManagerAbsence):
            signal.connect(clear_manager_settings_of_row, sender=row)
        for model in (RulesSettings, PageViewRestriction, Site, Locale):
            signal.connect(clear_code_of_conduct, sender=model)
    # Page only (a deleted page of any type deletes its Page row too): a receiver of every model's deletion would
    # stop Django deleting any cascade in one query, and rows moved by a pre_delete receiver would be deleted
    # anyway (a consultation's results subscriptions handed to its translation).
    post_delete.connect(clear_code_of_conduct, sender=Page)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_code_of_conduct)
    # A release: what was kept may name a page class the new code reads otherwise.
    post_migrate.connect(clear_code_of_conduct, dispatch_uid="tribune.guidelines.code_of_conduct.migrated")
