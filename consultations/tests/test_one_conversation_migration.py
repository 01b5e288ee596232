"""Migration 0023 moves the comments posted on a translation onto the consultation's source page, tested on the
demo content laid out as before it (each language's comments on its own page)."""

import html
import importlib
import re

import pytest
from django.apps import apps
from django.test import Client

from consultations.models import CommentSupport, ConsultationComment, ConsultationPage, ModerationDecision

pytestmark = pytest.mark.django_db
migration = importlib.import_module("consultations.migrations.0023_one_conversation_per_consultation")


def lay_out_as_before(pages):
    """Each French comment back on the French page, as the site stored it before the migration."""
    for french in pages:
        ConsultationComment.objects.for_page(french).filter(language="fr").update(object_pk=str(french.pk))


def test_the_migration_moves_the_demo_translations_comments_onto_the_source_pages(demo_content):
    french_pages = list(ConsultationPage.objects.filter(locale__language_code="fr"))
    lay_out_as_before(french_pages)
    before = {
        row["pk"]: row
        for row in ConsultationComment.objects.values(
            "pk", "parent_id", "thread_id", "level", "state", "language"
        )
    }
    decisions, supports = ModerationDecision.objects.count(), CommentSupport.objects.count()
    assert before and any(
        ConsultationComment.objects.filter(object_pk=str(page.pk)).exists() for page in french_pages
    )

    migration.move_comments_to_source_pages(apps, None)

    for french in french_pages:
        source = french.source_page
        assert source.locale.language_code == "en"
        assert not ConsultationComment.objects.filter(object_pk=str(french.pk)).exists()
        languages = set(ConsultationComment.objects.for_page(source).values_list("language", flat=True))
        assert languages <= {"en", "fr"}
    # Nothing else changed: ids, threads, states, languages, decisions and supports.
    after = {
        row["pk"]: row
        for row in ConsultationComment.objects.values(
            "pk", "parent_id", "thread_id", "level", "state", "language"
        )
    }
    assert after == before
    assert (ModerationDecision.objects.count(), CommentSupport.objects.count()) == (decisions, supports)


def test_after_the_migration_both_demo_pages_show_the_same_thread(demo_content):
    french = ConsultationPage.objects.get(slug="espace-jeunes-parc-des-berges")
    lay_out_as_before([french])
    migration.move_comments_to_source_pages(apps, None)
    client = Client()

    pages = [html.unescape(client.get(page.url).content.decode()) for page in (french, french.source_page)]

    threads = [re.findall(r'<li id="c(\d+)"', page) for page in pages]
    assert threads[0] == threads[1] and len(threads[0]) > 10
    for page in pages:
        assert "Shade please!" in page and "De l'ombre !" in page


def test_running_the_migration_again_changes_nothing(demo_content):
    placement = dict(ConsultationComment.objects.values_list("pk", "object_pk"))

    migration.move_comments_to_source_pages(apps, None)

    assert dict(ConsultationComment.objects.values_list("pk", "object_pk")) == placement
