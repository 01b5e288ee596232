"""The settings a consultation's translations follow: dates, moderation mode, comment switch, offline count and
rules page are set on the source page (the first created) and every translation shows them."""

import datetime
import importlib
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage, ConsultationStatus, ModerationMode
from home.page_tree import add_translation

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
MIGRATION = "0025_translations_follow_their_source"


def translate(page, language_code, **fields):
    """A live translation of ``page`` (its texts copied), in a language whose locale is created if missing."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return add_translation(page, locale, summary=page.summary, question=page.question, **fields)


@pytest.fixture
def consultation(site_tree):
    """An open consultation in English (the source) and its French translation, both live."""
    now = timezone.now()
    english = ConsultationPageFactory(
        parent=site_tree.consultations, title="The park", opens_at=now - DAY, closes_at=now + 10 * DAY
    )
    english.save_revision().publish()
    french = translate(english, "fr", title="Le parc", slug="le-parc")
    return ConsultationPage.objects.get(pk=english.pk), ConsultationPage.objects.get(pk=french.pk)


def fresh(page):
    return ConsultationPage.objects.get(pk=page.pk)


def by_translation_key(queries):
    """The queries that read or write the followed settings of the pages of one translation key (Wagtail's own
    check that a key is used once per locale is not one of them)."""
    return [
        query["sql"]
        for query in queries
        if '"translation_key" =' in query["sql"].partition("WHERE")[2]
        and query["sql"].startswith(
            ('SELECT "consultations_consultationpage"', 'UPDATE "consultations_consultationpage"')
        )
    ]


def publish_with(page, **values):
    """What the admin's "Publish" does: a revision of the latest draft with these values, then published."""
    draft = page.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    revision = draft.save_revision()
    revision.publish()
    return revision


def test_closing_the_english_page_closes_the_french_page(client, consultation):
    english, french = consultation
    yesterday = timezone.now() - DAY

    publish_with(english, closes_at=yesterday)

    assert fresh(french).closes_at == yesterday
    assert fresh(french).status == ConsultationStatus.CLOSED
    english_html = client.get(fresh(english).url).content.decode()
    french_html = client.get(fresh(french).url).content.decode()
    assert "This consultation is closed." in english_html
    assert "Cette consultation est terminée." in french_html
    assert "data-comment-form" not in english_html and "data-comment-form" not in french_html


def test_every_followed_setting_reaches_the_translation_on_publish(consultation, site_tree):
    english, french = consultation
    opens, closes = timezone.now() + DAY, timezone.now() + 20 * DAY

    publish_with(
        english,
        opens_at=opens,
        closes_at=closes,
        moderation_mode=ModerationMode.POST,
        comments_enabled=False,
        offline_participants=42,
        guideline_page=site_tree.guideline,
    )

    french = fresh(french)
    assert (french.opens_at, french.closes_at) == (opens, closes)
    assert french.moderation_mode == ModerationMode.POST
    assert french.comments_enabled is False
    assert french.offline_participants == 42
    assert french.guideline_page_id == site_tree.guideline.pk
    assert french.rules_page().pk == site_tree.guideline_fr.pk  # the rules in French


def test_a_draft_of_the_live_english_page_changes_nothing_the_french_page_shows(consultation):
    english, french = consultation
    closes_before = french.closes_at

    draft = english.get_latest_revision_as_object()
    draft.closes_at = timezone.now() - DAY
    draft.comments_enabled = False
    draft.save_revision()

    assert fresh(french).closes_at == closes_before
    assert fresh(french).comments_enabled is True
    assert fresh(english).closes_at == closes_before  # the live English page is unchanged too


def test_publishing_an_old_revision_of_the_translation_cannot_bring_back_old_settings(consultation):
    english, french = consultation
    old_revision = french.get_latest_revision()  # its settings: open for ten more days
    yesterday = timezone.now() - DAY
    publish_with(english, closes_at=yesterday)

    old_revision.publish()

    assert fresh(french).closes_at == yesterday


def test_a_translation_saved_with_other_settings_keeps_its_sources(consultation):
    english, french = consultation

    french.closes_at = timezone.now() + 100 * DAY
    french.moderation_mode = ModerationMode.POST
    french.offline_participants = 7
    french.save()

    french = fresh(french)
    assert french.closes_at == english.closes_at
    assert french.moderation_mode == english.moderation_mode
    assert french.offline_participants is None


def test_a_new_translation_starts_with_the_sources_settings(site_tree):
    english = ConsultationPageFactory(parent=site_tree.consultations, offline_participants=12)

    french = translate(english, "fr", offline_participants=3, closes_at=timezone.now())

    assert fresh(french).offline_participants == 12
    assert fresh(french).closes_at == english.closes_at


def test_when_the_source_is_deleted_the_next_page_leads(consultation, site_tree):
    english, french = consultation
    german = english.copy_for_translation(Locale.objects.create(language_code="de"), copy_parents=True)

    english.delete()
    publish_with(fresh(french), offline_participants=5)

    assert fresh(french).is_source
    assert fresh(german).offline_participants == 5


def test_the_pages_of_other_consultations_are_left_alone(consultation, site_tree):
    english, _french = consultation
    other = ConsultationPageFactory(parent=site_tree.consultations, offline_participants=9)

    publish_with(english, offline_participants=1)

    assert fresh(other).offline_participants == 9


def test_a_save_that_writes_no_followed_setting_reads_no_other_page(consultation):
    english, french = consultation

    with CaptureQueriesContext(connection) as queries:
        english.get_latest_revision_as_object().save_revision()
        french.get_latest_revision_as_object().save_revision()

    assert not by_translation_key(queries)


def test_saving_the_source_reads_its_translations_once_and_writes_them_once(consultation):
    english, french = consultation

    with CaptureQueriesContext(connection) as queries:
        fresh(english).save()
    ours = by_translation_key(queries)

    assert len(ours) == 2
    assert ours[0].startswith("SELECT") and ours[1].startswith("UPDATE")


def test_the_migration_brings_the_demos_french_pages_in_line_with_their_english_sources(demo_content):
    migration = importlib.import_module(f"consultations.migrations.{MIGRATION}")
    english_pages = list(ConsultationPage.objects.filter(locale__language_code="en").order_by("pk"))
    assert len(english_pages) == 3
    drifted = ConsultationPage.objects.filter(locale__language_code="fr")
    drifted.update(
        closes_at=timezone.now() + 365 * DAY,
        moderation_mode=ModerationMode.POST,
        comments_enabled=False,
        offline_participants=999,
    )

    historical = MigrationExecutor(connection).loader.project_state([("consultations", MIGRATION)]).apps
    migration.copy_settings_to_translations(historical, None)

    for english in english_pages:
        french = ConsultationPage.objects.get(
            translation_key=english.translation_key, locale__language_code="fr"
        )
        assert [getattr(french, column) for column in migration.FOLLOWED_COLUMNS] == [
            getattr(english, column) for column in migration.FOLLOWED_COLUMNS
        ]
        assert fresh(english).offline_participants == english.offline_participants  # the source is untouched


def draft_of_a_page_that_is_not_live(page, **values):
    """What the admin's "Save draft" does for a page that is not live: the row is saved (``form.save(commit=True)``),
    then a revision."""
    draft = page.get_latest_revision_as_object()
    for name, value in values.items():
        setattr(draft, name, value)
    draft.save()
    draft.save_revision()


def test_a_draft_of_the_english_page_taken_offline_does_not_close_the_live_french_page(client, consultation):
    english, french = consultation
    fresh(english).unpublish()

    draft_of_a_page_that_is_not_live(fresh(english), closes_at=timezone.now() - DAY, comments_enabled=False)

    french = fresh(french)
    assert french.live
    assert french.status == ConsultationStatus.OPEN
    assert french.comments_enabled is True
    assert "data-comment-form" in client.get(french.url).content.decode()


def test_a_draft_of_the_english_page_taken_offline_does_not_reopen_the_closed_french_page(consultation):
    english, french = consultation
    yesterday = timezone.now() - DAY
    publish_with(english, closes_at=yesterday)
    fresh(english).unpublish()

    draft_of_a_page_that_is_not_live(fresh(english), closes_at=timezone.now() + 30 * DAY)

    assert fresh(french).closes_at == yesterday
    assert fresh(french).status == ConsultationStatus.CLOSED


def test_a_publication_of_the_offline_english_page_scheduled_for_later_changes_the_french_page_only_then(
    consultation,
):
    english, french = consultation
    fresh(english).unpublish()
    closes_before = french.closes_at
    later = timezone.now() + datetime.timedelta(hours=1)

    publish_with(fresh(english), closes_at=timezone.now() - DAY, go_live_at=later)

    assert fresh(french).closes_at == closes_before
    with mock.patch("django.utils.timezone.now", return_value=later + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")
    assert fresh(english).live
    assert fresh(french).closes_at == fresh(english).closes_at < closes_before


def test_publishing_the_english_page_again_brings_its_drafts_to_the_french_page(consultation):
    english, french = consultation
    fresh(english).unpublish()
    draft_of_a_page_that_is_not_live(fresh(english), offline_participants=64)

    publish_with(fresh(english))

    assert fresh(french).offline_participants == 64


def test_a_french_draft_follows_the_drafts_of_an_english_page_that_is_not_live_either(site_tree):
    english = ConsultationPageFactory(parent=site_tree.consultations, live=False, offline_participants=1)
    french = english.copy_for_translation(site_tree.home_fr.locale)

    draft_of_a_page_that_is_not_live(fresh(english), offline_participants=2)

    assert not fresh(french).live
    assert fresh(french).offline_participants == 2
