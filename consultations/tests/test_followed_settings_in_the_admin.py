"""An organiser edits a consultation's settings once, on its source page; on a translation the admin shows them
read-only, says where they are set, and ignores what a forged form posts for them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from consultations.models import ConsultationPage, ModerationMode

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def park(demo_content):
    """The demo's open consultation: its English page (the source) and its French translation."""
    english = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    return english, ConsultationPage.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    """What the edit form would post as it is (its body emptied: the StreamField's inputs are drawn by
    JavaScript), and the page's HTML."""
    html = client.get(edit_url(page)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data["body-count"] = "0"
    return data, html


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def fresh(page):
    return ConsultationPage.objects.get(pk=page.pk)


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_forged_post_to_the_french_page_cannot_change_its_settings(admin_client, park):
    english, french = park
    data, _html = edit_form(admin_client, french)
    data.update(
        {
            "title": "Le parc (modifié)",
            "opens_at": local_input(timezone.now() - 100 * DAY),
            "closes_at": local_input(timezone.now() - 50 * DAY),
            "moderation_mode": ModerationMode.POST,
            "offline_participants": "999",
            "action-publish": "action-publish",
        }
    )
    data.pop("comments_enabled", None)  # an unticked box is not posted

    response = admin_client.post(edit_url(french), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    french = fresh(french)
    assert french.title == "Le parc (modifié)"  # the rest of the form was saved and published
    assert (french.opens_at, french.closes_at) == (english.opens_at, english.closes_at)
    assert french.moderation_mode == english.moderation_mode
    assert french.comments_enabled is True
    assert french.offline_participants == english.offline_participants


def test_a_forged_draft_of_the_french_page_holds_the_english_settings(admin_client, park):
    """A draft saves a revision, not the row: what the revision holds is what publishing it later would show."""
    english, french = park
    data, _html = edit_form(admin_client, french)
    data.update({"closes_at": local_input(timezone.now() + 300 * DAY), "offline_participants": "999"})

    response = admin_client.post(edit_url(french), data)  # "Save draft"

    assert response.status_code == 302
    draft = fresh(french).get_latest_revision_as_object()
    assert draft.closes_at == english.closes_at
    assert draft.offline_participants == english.offline_participants


def test_publishing_the_english_page_in_the_admin_changes_both_languages(admin_client, client, park):
    english, french = park
    data, _html = edit_form(admin_client, english)
    closed = (timezone.now() - DAY).replace(second=0, microsecond=0)
    data.update(
        {"closes_at": local_input(closed), "offline_participants": "31", "action-publish": "action-publish"}
    )

    response = admin_client.post(edit_url(english), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    for page in (fresh(english), fresh(french)):
        assert page.closes_at == closed
        assert page.offline_participants == 31
    assert "Cette consultation est terminée." in client.get(fresh(french).url).content.decode()


def test_saving_a_draft_of_the_english_page_leaves_the_french_page_open(admin_client, park):
    english, french = park
    data, _html = edit_form(admin_client, english)
    data["closes_at"] = local_input(timezone.now() - DAY)

    response = admin_client.post(edit_url(english), data)  # "Save draft"

    assert response.status_code == 302
    assert fresh(french).closes_at == french.closes_at
    assert fresh(english).closes_at == english.closes_at  # the live English page too, until published


def test_the_french_page_shows_the_english_settings_read_only_with_where_to_change_them(admin_client, park):
    english, french = park
    english.offline_participants = 48
    english.save_revision().publish()
    # A draft of the French page from before, that still holds another count.
    draft = french.get_latest_revision_as_object()
    draft.offline_participants = 555
    draft.save_revision()

    data, html = edit_form(admin_client, french)

    for name in (
        "opens_at",
        "closes_at",
        "moderation_mode",
        "comments_enabled",
        "offline_participants",
        "results_notice_months",
    ):
        assert name not in data, name  # no input to post
    assert html.count("Set on the English page: translations follow it.") == 7
    assert "555" not in text_of(html)
    assert "48" in text_of(html)
    assert timezone.localtime(english.closes_at).strftime("%Y") in text_of(html)
    assert "This page follows the English page for its dates, moderation, comments and rules." in html
    assert f'href="{edit_url(english)}"' in html and "Edit the English page" in html


def test_the_french_page_says_it_in_french_to_a_french_speaking_organiser(admin_client, park):
    _english, french = park
    profile = UserProfile.get_for_user(admin_client.get("/admin/").wsgi_request.user)
    profile.preferred_language = "fr"
    profile.save()

    html = admin_client.get(edit_url(french)).content.decode()

    assert "Défini sur la page anglaise : les traductions la suivent." in html
    assert "Modifier la page anglaise" in html


def test_the_english_page_says_its_translations_follow_its_settings(admin_client, park):
    english, _french = park

    data, html = edit_form(admin_client, english)

    assert "closes_at" in data and "offline_participants" in data
    assert "Translations of this consultation follow these settings" in html
    assert "Set on the English page" not in html


def test_a_new_consultation_is_its_own_source(admin_client, park):
    english, _french = park
    index = english.get_parent()

    response = admin_client.get(
        reverse("wagtailadmin_pages:add", args=["consultations", "consultationpage", index.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="closes_at"' in html
    assert "Translations of this consultation follow these settings" in html


def test_a_draft_of_the_english_page_taken_offline_leaves_the_live_french_page_open(
    admin_client, client, park
):
    english, french = park
    english.unpublish()
    data, _html = edit_form(admin_client, english)
    data["closes_at"] = local_input(timezone.now() - DAY)

    response = admin_client.post(edit_url(english), data)  # "Save draft"

    assert response.status_code == 302
    assert fresh(french).live
    assert fresh(french).closes_at == french.closes_at
    assert "data-comment-form" in client.get(fresh(french).url).content.decode()
