"""Migration 0023 moves the comments posted on a translation onto the consultation's source page, tested on the
demo content laid out as before it (each language's comments on its own page)."""

import html
import importlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentSupport, ConsultationComment, ConsultationPage, ModerationDecision
from guidelines.models import GuidelinePage

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


def test_the_migration_leaves_comments_it_cannot_place_where_they_are(site_tree, consultation):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()
    on_french = ConsultationCommentFactory(page=french)
    on_french.object_pk = str(french.pk)  # as the site stored it before the migration
    on_french.save()
    not_a_number = ConsultationCommentFactory(page=consultation)
    not_a_number.object_pk = "not-a-number"
    not_a_number.save()
    gone = ConsultationCommentFactory(page=consultation)
    gone.object_pk = "999999"
    gone.save()
    # Another model's row whose id is the French page's: not a comment of the consultation.
    other_type = ConsultationCommentFactory(page=consultation)
    other_type.content_type = ContentType.objects.get_for_model(GuidelinePage)
    other_type.object_pk = str(french.pk)
    other_type.save()

    migration.move_comments_to_source_pages(apps, None)

    placed = dict(ConsultationComment.objects.values_list("pk", "object_pk"))
    assert placed == {
        on_french.pk: str(consultation.pk),
        not_a_number.pk: "not-a-number",
        gone.pk: "999999",
        other_type.pk: str(french.pk),
    }
    assert re.findall(r'<li id="c(\d+)"', Client().get(french.url).content.decode()) == [str(on_french.pk)]
