"""The demo consultations look real: their images, dates on the hour, comments posted at plausible times,
a meeting that took place and one to come."""

import datetime
import html
import os

import PIL.Image
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Revision

from consultations.demo.content import IMAGES, IMAGES_DIR, daytime_ago
from consultations.models import ConsultationComment, ConsultationPage, ConsultationStatus
from guidelines.models import CommunityManagerSettings

pytestmark = pytest.mark.django_db
Image = get_image_model()


@pytest.fixture
def demo(demo_content):
    """The demo content, loaded once for all the tests that read it (root conftest)."""


def demo_pages():
    return ConsultationPage.objects.select_related("locale", "lead_image").order_by(
        "locale__language_code", "pk"
    )


def english_slug(page):
    return (
        page.get_translation(page.locale.get_default()).slug
        if page.locale.language_code != "en"
        else page.slug
    )


def meetings(language="en"):
    """(consultation slug, raw data of its kick-off meeting block)."""
    return {
        page.slug: block["value"]
        for page in demo_pages().filter(locale__language_code=language)
        for block in page.body.raw_data
        if block["type"] == "kick_off_meeting"
    }


# Images.


def test_each_image_file_is_small_wide_and_credited():
    credits = (IMAGES_DIR / "README.md").read_text()
    for filename, _titles in IMAGES.values():
        path = IMAGES_DIR / filename
        assert path.stat().st_size <= 80 * 1024, filename
        with PIL.Image.open(path) as picture:
            assert picture.size == (1600, 900), filename
        assert filename in credits and "CC0" in credits


def test_every_demo_consultation_shows_its_image_with_a_title_in_its_language(demo):
    pages = list(demo_pages())

    assert len(pages) == 6
    for page in pages:
        _filename, titles = IMAGES[english_slug(page)]
        assert page.lead_image is not None, page.title
        assert page.lead_image.title == titles[page.locale.language_code]
        assert (page.lead_image.width, page.lead_image.height) == (1600, 900)
        response = Client().get(page.url)
        assert response.status_code == 200
        assert f'alt="{html.escape(page.lead_image.title)}"' in response.content.decode(), page.url


def test_loading_again_creates_no_image_and_changes_no_page(demo):
    before = (
        Image.objects.count(),
        Revision.objects.count(),
        list(demo_pages().values_list("lead_image", flat=True)),
    )

    call_command("load_demo_content")

    after = (
        Image.objects.count(),
        Revision.objects.count(),
        list(demo_pages().values_list("lead_image", flat=True)),
    )
    assert after == before


def test_an_image_the_organiser_chose_is_kept(demo):
    park = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    canteen_image = ConsultationPage.objects.get(slug="school-canteen-lunch").lead_image
    park.lead_image = canteen_image
    park.save_revision().publish()

    call_command("load_demo_content")

    park.refresh_from_db()
    assert park.lead_image == canteen_image


def test_a_renamed_demo_image_is_found_by_its_file_not_uploaded_again(demo):
    park = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    image = park.lead_image
    image.title = "Skate area sketch (renamed)"
    image.save()
    park.lead_image = None
    park.save_revision().publish()
    count = Image.objects.count()

    call_command("load_demo_content")

    park.refresh_from_db()
    assert park.lead_image == image
    assert Image.objects.count() == count


def test_a_page_with_a_draft_in_progress_is_left_alone(demo):
    park = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    park.lead_image = None
    park.save_revision().publish()
    park.title = "A youth space (draft)"
    park.save_revision()

    call_command("load_demo_content")

    park.refresh_from_db()
    assert park.lead_image is None
    assert park.get_latest_revision_as_object().title == "A youth space (draft)"


# Dates.


def test_consultations_open_and_close_on_the_hour_in_the_sites_time_zone(demo, settings):
    assert settings.TIME_ZONE == "Europe/Paris"
    for page in demo_pages():
        for moment in (page.opens_at, page.closes_at):
            local = timezone.localtime(moment)
            assert (local.minute, local.second) == (0, 0), (page.title, local)


def test_one_consultation_of_each_status(demo):
    statuses = {page.slug: page.status for page in demo_pages().filter(locale__language_code="en")}

    assert statuses == {
        "youth-space-parc-des-berges": ConsultationStatus.OPEN,
        "school-canteen-lunch": ConsultationStatus.CLOSED,
        "bike-path-along-the-river": ConsultationStatus.UPCOMING,
    }


def test_comments_were_posted_in_the_daytime_in_the_past_and_in_thread_order(demo):
    now = timezone.now()
    comments = ConsultationComment.objects.all()
    by_pk = {comment.pk: comment for comment in comments}
    pages = {str(page.pk): page for page in demo_pages()}

    assert len(by_pk) > 40
    for comment in comments:
        local = timezone.localtime(comment.submit_date)
        assert datetime.time(8) <= local.time() <= datetime.time(22), (comment.comment, local)
        assert local.second == 0
        assert comment.submit_date <= now
        page = pages[comment.object_pk]
        assert page.opens_at <= comment.submit_date <= min(now, page.closes_at), comment.comment
        if comment.parent_id != comment.pk:
            assert comment.submit_date > by_pk[comment.parent_id].submit_date, comment.comment
        for decision in comment.decisions.all():
            assert comment.submit_date <= decision.created_at <= now
            assert datetime.time(8) <= timezone.localtime(decision.created_at).time() <= datetime.time(22)


def test_no_participant_goes_by_the_community_managers_name(demo):
    manager = CommunityManagerSettings.objects.get().display_name
    participants = ConsultationComment.objects.filter(is_community_manager=False)

    assert manager and participants.exists()
    assert not participants.filter(user_name__iexact=manager).exists()


def test_the_closed_consultation_has_its_published_comments_in_both_languages(demo):
    canteen = ConsultationPage.objects.get(slug="dejeuner-cantine")

    published = ConsultationComment.objects.for_page(canteen).filter(
        state=ConsultationComment.State.PUBLISHED
    )

    assert published.filter(language="fr").count() == 6
    assert published.filter(language="en").count() == 6
    assert published.filter(is_community_manager=True).count() == 2


def test_each_consultation_keeps_one_conversation_on_its_source_page(demo):
    for page in ConsultationPage.objects.filter(locale__language_code="fr"):
        english = page.get_translation(Locale.objects.get(language_code="en"))
        assert page.source_page.pk == english.pk
        assert not ConsultationComment.objects.filter(object_pk=str(page.pk)).exists()
        assert set(ConsultationComment.objects.for_page(page).values_list("pk", flat=True)) == set(
            ConsultationComment.objects.for_page(english).values_list("pk", flat=True)
        )


@pytest.mark.parametrize(
    "local_now", ["2026-11-30 03:15", "2026-11-30 14:40", "2026-11-30 23:30", "2026-03-29 09:10"]
)
def test_daytime_ago_reads_like_a_real_time_and_keeps_the_order(local_now):
    now = timezone.make_aware(datetime.datetime.fromisoformat(local_now))
    moments = [daytime_ago(now, hours) for hours in [0, 0.5, 1, 3, 5, 12, 24, 30, 48, 100, 190, 2000]]

    assert moments == sorted(moments, reverse=True)
    assert moments[0] <= now
    for moment in moments:
        local = timezone.localtime(moment)
        assert datetime.time(8) <= local.time() <= datetime.time(22), local
    # A day is still a day: 48 hours ago is two days before, give or take the night.
    days_back = (timezone.localdate(now) - timezone.localtime(moments[8]).date()).days
    assert days_back in (1, 2, 3)


# Meetings.


def test_one_meeting_took_place_nine_days_ago_and_one_is_coming(demo):
    today = timezone.localdate()
    dates = {slug: datetime.date.fromisoformat(value["date"]) for slug, value in meetings().items()}

    assert dates["youth-space-parc-des-berges"] == today - datetime.timedelta(days=9)
    upcoming = dates["bike-path-along-the-river"]
    assert 4 <= (upcoming - today).days <= 6 and upcoming.weekday() < 5
    bike_path = ConsultationPage.objects.get(slug="bike-path-along-the-river")
    assert timezone.localtime(bike_path.opens_at).date() == upcoming


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_meeting_has_a_map_link_and_an_accessibility_note(demo, language):
    found = meetings(language)

    assert len(found) == 2
    for value in found.values():
        assert value["map_url"].startswith("https://www.openstreetmap.org/?mlat=")
        assert "#map=18/" in value["map_url"]
        assert value["accessibility"]
    assert {value["accessibility"] for value in found.values()} == {
        {
            "en": "Step-free entrance, accessible toilets, a quiet room.",
            "fr": "Entrée de plain-pied, toilettes accessibles, une salle calme.",
        }[language]
    }


@pytest.mark.parametrize(
    ("url", "text"),
    [
        (
            "/en/consultations/bike-path-along-the-river/",
            "What would make you ride to school on the new bike path?",
        ),
        ("/fr/consultations/piste-cyclable-bord-de-riviere/", "Qu&#x27;est-ce qui te donnerait envie"),
    ],
)
def test_the_upcoming_consultation_is_served_in_both_languages(demo, url, text):
    response = Client().get(url)

    assert response.status_code == 200
    assert text in response.content.decode()


def test_readers_have_supported_demo_comments_so_most_supported_changes_the_order(demo, client):
    park = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")

    by_date = client.get(park.url).content.decode()
    by_support = client.get(park.url + "?sort=supported").content.decode()

    def first_comment(page_html):
        start = page_html.index('<ol class="comment-thread"')
        return page_html[start:].split('<li id="c', 1)[1].split('"', 1)[0]

    wifi = ConsultationComment.objects.for_page(park).get(comment__startswith="Free wifi")
    assert first_comment(by_date) != first_comment(by_support) == str(wifi.pk)
    assert "Me too, 17 supports" in by_support
    for manager_reply in ConsultationComment.objects.for_page(park).filter(is_community_manager=True):
        assert not manager_reply.supports.exists()


def test_the_park_conversation_has_replies_across_languages(demo):
    park = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    comments = ConsultationComment.objects.for_page(park).filter(state=ConsultationComment.State.PUBLISHED)
    by_id = {comment.pk: comment for comment in comments}

    crossing = [
        comment
        for comment in comments
        if comment.parent_id != comment.pk and comment.language != by_id[comment.parent_id].language
    ]

    assert sorted(comment.language for comment in crossing) == ["en", "fr"]
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert ConsultationComment.objects.for_page(park).filter(state="published").count() == comments.count()
