"""What a consultation's blocks say by themselves comes out in the page's language, whatever the language of the
editor's admin; what the organiser typed is shown as typed."""

import html as html_lib
import json
import re

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from consultations.blocks import AboutBlock, ConsultationBodyBlock
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage
from home.page_tree import add_translation
from page_cache.receivers import renew_site_now

pytestmark = pytest.mark.django_db

ABOUT_EN = "About this consultation"
ABOUT_FR = "À propos de cette consultation"


def about(heading=None, organiser="Youth council"):
    value = {"organiser": organiser, "what_happens_next": "<p>We read every answer.</p>"}
    if heading is not None:
        value["heading"] = heading
    return {"type": "about", "value": value}


def h2s(html):
    return [
        " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", text)).split())
        for text in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


def in_french(english, **fields):
    """The French translation of a consultation, published; its dates follow the English page's."""
    return add_translation(
        english,
        Locale.objects.get(language_code="fr"),
        **{
            "summary": "La ville demande leur avis aux jeunes.",
            "question": "Qu'est-ce qui te donnerait envie d'y aller ?",
            "opens_at": english.opens_at,
            "closes_at": english.closes_at,
            **fields,
        },
    )


@pytest.fixture
def pair(site_tree):
    """An English consultation and its French translation, each with an "about" block left without heading."""
    english = ConsultationPageFactory(parent=site_tree.consultations, slug="youth-space", body=[about()])
    french = in_french(
        english,
        title="Un espace jeunes",
        slug="espace-jeunes",
        body=[about(organiser="Conseil des jeunes")],
    )
    return english, french


def publish_body(page, body):
    page.body = body
    page.save_revision().publish()
    return page


@pytest.fixture
def english_admin(django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


# The pages as participants read them.


def test_the_french_demo_consultation_says_about_this_consultation_in_french(client, demo_content):
    french = ConsultationPage.objects.get(slug="espace-jeunes-parc-des-berges")
    english = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")

    french_headings = h2s(client.get(french.url).content.decode())
    english_headings = h2s(client.get(english.url).content.decode())

    assert ABOUT_FR in french_headings and ABOUT_EN not in french_headings
    assert ABOUT_EN in english_headings and ABOUT_FR not in english_headings


def test_every_demo_about_block_leaves_its_heading_to_the_page(demo_content):
    for page in ConsultationPage.objects.all():
        for block in page.body:
            if block.block_type == "about":
                assert not block.value["heading"], page.slug


def test_a_heading_left_empty_is_said_in_each_page_language(client, pair):
    english, french = pair

    assert ABOUT_EN in h2s(client.get(english.url).content.decode())
    assert ABOUT_FR in h2s(client.get(french.url).content.decode())


def test_a_heading_the_organiser_typed_is_shown_as_typed_on_both_pages(client, pair):
    english, french = pair
    publish_body(english, [about("Who asks, and why")])
    # Copied from the English page and not translated: the French page still shows it as typed.
    publish_body(french, [about("Who asks, and why", organiser="Conseil des jeunes")])

    english_headings = h2s(client.get(english.url).content.decode())
    french_headings = h2s(client.get(french.url).content.decode())

    assert "Who asks, and why" in english_headings and ABOUT_EN not in english_headings
    assert "Who asks, and why" in french_headings and ABOUT_FR not in french_headings


def test_html_in_a_typed_heading_is_shown_as_text(client, pair):
    _english, french = pair
    publish_body(french, [about('<script>alert("hi")</script><em>Qui</em> & {{ request }}')])

    html = client.get(french.url).content.decode()

    assert "<script>alert" not in html and "<em>Qui</em>" not in html
    assert (
        "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;&lt;em&gt;Qui&lt;/em&gt; &amp; {{ request }}"
        in html
    )


def test_a_heading_of_blank_spaces_is_the_default_one(client, pair):
    _english, french = pair
    publish_body(french, [about("   ")])

    assert ABOUT_FR in h2s(client.get(french.url).content.decode())


# The admin: no English default is stored again.


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_new_about_block_starts_without_a_heading_in_any_admin_language(language):
    block = ConsultationBodyBlock().child_blocks["about"]

    with translation.override(language):
        state = block.get_form_state(block.get_default())
        preview = block.get_preview_value()

    assert not state["heading"]
    assert preview["heading"] == ""


def test_the_heading_field_says_that_empty_means_the_page_language():
    with translation.override("fr"):
        help_text = str(AboutBlock().child_blocks["heading"].field.help_text)

    assert "vide" in help_text and ABOUT_FR in help_text


def test_the_block_picker_preview_speaks_the_admin_language():
    block = AboutBlock()

    with translation.override("fr"):
        french = block.render(block.get_preview_value())
    with translation.override("en"):
        english = block.render(block.get_preview_value())

    assert h2s(french) == [ABOUT_FR] and "Conseil des jeunes de Villeurbanne" in french
    assert h2s(english) == [ABOUT_EN] and "Youth council of Villeurbanne" in english


PREVIEWED = [
    name
    for name, block in ConsultationBodyBlock().child_blocks.items()
    if hasattr(block.meta, "preview_value")
]


@pytest.mark.parametrize("name", PREVIEWED)
def test_every_body_block_picker_preview_speaks_the_admin_language(name):
    block = ConsultationBodyBlock().child_blocks[name]
    place = "Maison des jeunes, 12 rue de la République"  # a venue's name is not translated

    with translation.override("en"):
        english = block.render(block.get_preview_value())
    with translation.override("fr"):
        french = block.render(block.get_preview_value())

    # Every bit of English text (times and numbers aside) is gone from the French preview.
    english_texts = {
        text.strip() for text in re.findall(r">([^<>]+)<", english) if re.search(r"[a-z]{3}", text)
    }
    assert english_texts, name
    assert not {text for text in english_texts if text in french} - {place}, name


# Previews: an editor whose admin is in English sees the French page in French.


def test_an_english_admin_viewing_the_french_draft_sees_french_headings(client, pair, english_admin):
    _english, french = pair
    client.force_login(english_admin)

    with translation.override("en"):
        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[french.pk]))
    headings = h2s(response.content.decode())

    assert ABOUT_FR in headings and ABOUT_EN not in headings
    assert '<html lang="fr"' in response.content.decode()


def edit_form_data(page, body):
    local = "%Y-%m-%d %H:%M"
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "question": page.question,
            "summary": page.summary,
            "body": streamfield(body),
            "opens_at": page.opens_at.astimezone().strftime(local),
            "closes_at": page.closes_at.astimezone().strftime(local),
            "moderation_mode": page.moderation_mode,
            "comments_enabled": "on",
            "results_notice_months": page.results_notice_months,
            "idea_responses": inline_formset([]),
        }
    )


def test_an_english_admin_previewing_a_french_edit_sees_french_headings(client, pair, english_admin):
    _english, french = pair
    client.force_login(english_admin)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[french.pk])
    # The about block as the editor adds it: heading left as the form offers it (empty), then a kick-off meeting.
    body = [
        (
            "about",
            {"heading": "", "organiser": "Conseil des jeunes", "what_happens_next": rich_text("<p>Lu.</p>")},
        ),
        (
            "kick_off_meeting",
            {"date": "2027-03-10", "start_time": "17:30", "end_time": "", "place": "Maison des jeunes"},
        ),
    ]

    posted = client.post(url, edit_form_data(french, body))
    preview = client.get(url).content.decode()

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert ABOUT_FR in h2s(preview) and "Réunion de lancement" in h2s(preview)
    assert "mercredi 10 mars 2027" in preview
    assert ABOUT_EN not in preview and "Kick-off meeting" not in preview


# The data migration.


def heading_migration():
    """The migration that empties default headings, found by its name (the number may change at merge)."""
    loader = MigrationLoader(connection)
    key = next(
        key
        for key in loader.disk_migrations
        if key[0] == "consultations" and key[1].endswith("_about_heading_in_page_language")
    )
    return loader.disk_migrations[key].operations[-1], loader.project_state(key).apps


def about_headings(raw_body):
    data = json.loads(raw_body) if isinstance(raw_body, str) else raw_body
    return [block["value"].get("heading") for block in data if block["type"] == "about"]


def stored_headings(page):
    """The headings of the live data and of every revision of page, as stored."""
    raw = ConsultationPage.objects.filter(pk=page.pk).values_list("body", flat=True).get()
    live = about_headings(raw.raw_data if hasattr(raw, "raw_data") else raw)
    revisions = [
        about_headings(revision.content["body"])
        for revision in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    ]
    return live, revisions


def test_the_migration_empties_default_headings_in_any_language_and_keeps_typed_ones(demo_content):
    # The demo as an older version loaded it: the default typed in each page's language.
    demo = {
        "youth-space-parc-des-berges": ABOUT_EN,
        "espace-jeunes-parc-des-berges": ABOUT_FR,
        "bike-path-along-the-river": ABOUT_EN,
        "piste-cyclable-bord-de-riviere": ABOUT_FR,
    }
    demo_pages = {slug: ConsultationPage.objects.get(slug=slug) for slug in demo}
    for slug, heading in demo.items():
        page = demo_pages[slug]
        publish_body(
            page, [about(heading) if block["type"] == "about" else block for block in page.body.raw_data]
        )
    # Pages an editor built: the English default copied onto a French page, odd spacing and case, a draft
    # saved after the live version, and headings an organiser typed.
    index = demo_pages["youth-space-parc-des-berges"].get_parent()
    english = ConsultationPageFactory(
        parent=index, slug="festival", body=[about("  about THIS consultation ")]
    )
    english.save_revision().publish()
    english.body = [about(ABOUT_EN), about("About this consultation: the timetable")]
    english.save_revision()  # a draft, not published
    french = in_french(
        english, slug="festival-fr", body=[about(ABOUT_EN), about("À\u00a0PROPOS  de cette consultation")]
    )
    typed = ConsultationPageFactory(parent=index, slug="typed", body=[about("Who asks, and why"), about("")])
    typed.save_revision().publish()

    operation, apps = heading_migration()
    operation.code(apps, None)

    for page in demo_pages.values():
        live, revisions = stored_headings(page)
        assert live == [""]
        # The demo's first revision has no heading at all; the one published above had the default.
        assert revisions[-1] == [""] and all(not heading for headings in revisions for heading in headings)
    live, revisions = stored_headings(english)
    assert live == [""]
    assert revisions[-1] == ["", "About this consultation: the timetable"]  # the draft
    assert ["  about THIS consultation "] not in revisions
    live, revisions = stored_headings(french)
    assert live == ["", ""] and revisions == [["", ""]]
    live, revisions = stored_headings(typed)
    assert live == ["Who asks, and why", ""]
    assert set(map(tuple, revisions)) == {("Who asks, and why", "")}


def test_after_the_migration_an_old_french_demo_page_speaks_french_again(client, demo_content):
    french = ConsultationPage.objects.get(slug="espace-jeunes-parc-des-berges")
    # The English default, as Wagtail's old default stored it from an admin in English.
    publish_body(
        french, [about(ABOUT_EN) if block["type"] == "about" else block for block in french.body.raw_data]
    )
    assert ABOUT_EN in h2s(client.get(french.url).content.decode())

    operation, apps = heading_migration()
    operation.code(apps, None)
    renew_site_now()  # what `migrate` does after its migrations (post_migrate): no page cached before it is served

    assert ABOUT_FR in h2s(client.get(french.url).content.decode())


def test_an_english_admin_previewing_a_new_french_page_sees_french_headings(client, pair, english_admin):
    _english, french = pair
    client.force_login(english_admin)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["consultations", "consultationpage", french.get_parent().pk],
    )
    body = [
        (
            "about",
            {"heading": "", "organiser": "Conseil des jeunes", "what_happens_next": rich_text("<p>Lu.</p>")},
        )
    ]
    data = edit_form_data(french, body)
    data["slug"] = "nouvelle-consultation"

    posted = client.post(url, data)
    preview = client.get(url).content.decode()

    assert posted.json() == {"is_valid": True, "is_available": True}
    assert ABOUT_FR in h2s(preview) and ABOUT_EN not in preview
