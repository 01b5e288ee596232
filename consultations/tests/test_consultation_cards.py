"""Consultation cards (consultations index and home page): image, status, dates in words, participation."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_image(title="Skate park at dusk", size=(1600, 900)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (84, 51, 214)).save(buffer, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="photo.jpg"))


def cards(html):
    return re.findall(r'<article class="consultation-card.*?</article>', html, re.S)


def test_a_card_shows_the_image_in_avif_webp_and_jpeg_at_three_widths(client, site_tree):
    ConsultationPageFactory(parent=site_tree.consultations, title="Park", lead_image=make_image())

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())

    avif = re.search(r'<source[^>]*srcset="([^"]+)"[^>]*type="image/avif"', card).group(1)
    webp = re.search(r'<source[^>]*srcset="([^"]+)"[^>]*type="image/webp"', card).group(1)
    assert re.findall(r" (\d+)w", avif) == ["400", "800", "1200"]
    assert re.findall(r" (\d+)w", webp) == ["400", "800", "1200"]
    assert ".avif 400w" in avif and ".webp 800w" in webp
    img = re.search(r"<img [^>]*>", card).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'loading="lazy"' in img
    assert 'sizes="(min-width: 64rem) 20rem, (min-width: 40rem) 50vw, 100vw"' in img
    # Decorative: the card's title already says what it is about.
    assert 'alt=""' in img
    assert "consultation-card__placeholder" not in card


def test_a_card_without_an_image_shows_a_tinted_block_with_its_status(client, site_tree):
    ConsultationPageFactory(parent=site_tree.consultations, title="Park")

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())

    assert "<img" not in card
    assert "<picture" not in card
    assert 'class="consultation-card__placeholder" aria-hidden="true"' in card
    assert re.search(r'class="status status--open consultation-card__status">\s*Open\s*</p>', card)


@pytest.mark.parametrize(
    "opens, closes, status, dates",
    [
        (-1, 10, "Open", "Open until 12 June"),
        (5, 20, "Upcoming", "Opens on 7 June"),
        (-30, -1, "Closed", "Closed on 1 June"),
    ],
)
def test_a_card_says_its_status_and_dates_in_words(
    client, site_tree, monkeypatch, opens, closes, status, dates
):
    now = datetime.datetime(2027, 6, 2, 10, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)
    ConsultationPageFactory(
        parent=site_tree.consultations, opens_at=now + opens * DAY, closes_at=now + closes * DAY
    )

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())

    assert status in text
    assert dates in text


def test_the_count_is_of_published_comments_replies_included(client, site_tree):
    page = ConsultationPageFactory(parent=site_tree.consultations)
    first = ConsultationCommentFactory(page=page)
    ConsultationCommentFactory(page=page, parent=first)
    ConsultationCommentFactory(page=page, state=ConsultationComment.State.PENDING)
    ConsultationCommentFactory(page=page, state=ConsultationComment.State.REMOVED)
    other = ConsultationPageFactory(parent=site_tree.consultations)
    ConsultationCommentFactory(page=other)

    html = client.get(site_tree.consultations.url).content.decode()

    assert "2 comments online" in html
    assert "1 comment online" in html


def test_offline_participants_read_together_with_the_online_count(client, site_tree):
    ConsultationPageFactory(
        parent=site_tree.consultations,
        opens_at=timezone.now() - 30 * DAY,
        closes_at=timezone.now() - DAY,
        offline_participants=140,
    )

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())

    assert "No comment online · 140 people at meetings and workshops" in text


def test_an_open_card_without_comments_invites_and_an_upcoming_one_counts_nothing(client, site_tree):
    ConsultationPageFactory(parent=site_tree.consultations, title="Park")
    ConsultationPageFactory(
        parent=site_tree.consultations,
        title="Festival",
        opens_at=timezone.now() + 5 * DAY,
        closes_at=timezone.now() + 20 * DAY,
    )

    park, festival = cards(client.get(site_tree.consultations.url).content.decode())

    assert "No comment online yet" in park
    assert "participation" not in festival


def test_the_home_page_draws_the_same_card_with_a_level_3_heading(client, site_tree):
    ConsultationPageFactory(parent=site_tree.consultations, title="Park", lead_image=make_image())

    html = client.get("/en/").content.decode()

    (card,) = cards(html)
    assert re.search(
        r'<h3 class="consultation-card__title">\s*<a class="consultation-card__link"[^>]*>Park</a>', card
    )
    assert 'type="image/avif"' in card
    assert "No comment online yet" in card


@pytest.mark.parametrize("url", ["/en/consultations/", "/en/"])
def test_cards_cost_the_same_queries_for_one_consultation_or_ten(client, site_tree, url):
    """Counts, images and renditions are read for the whole list, never once per card."""

    def queries_for_the_page():
        client.get(url)  # renditions are made on the first view; count the views after
        cache.clear()  # renditions are cached too: read them from the database, as a cold cache would
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    def add_consultation():
        page = ConsultationPageFactory(parent=site_tree.consultations, lead_image=make_image(size=(160, 90)))
        ConsultationCommentFactory(page=page)

    add_consultation()
    one = queries_for_the_page()
    for _ in range(5 if url == "/en/" else 9):  # the home page shows six
        add_consultation()
    many = queries_for_the_page()

    assert len(cards(client.get(url).content.decode())) == (6 if url == "/en/" else 10)
    assert many == one


def test_a_consultation_closing_at_midnight_is_open_until_the_day_before(client, site_tree, monkeypatch):
    """Closing at 00:00 on 16 June, it is open on the 15th, not on the 16th ("jusqu'au 16 juin" includes the 16th)."""
    paris = timezone.get_default_timezone()
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2027, 6, 2, 10, 0, tzinfo=paris))
    ConsultationPageFactory(
        parent=site_tree.consultations,
        opens_at=datetime.datetime(2027, 6, 1, 0, 0, tzinfo=paris),
        closes_at=datetime.datetime(2027, 6, 16, 0, 0, tzinfo=paris),
    )

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())

    assert "Open until 15 June" in text


def damage(image, how):
    """The image's original file deleted from disk, cut short (an upload or a copy interrupted) or not an image."""
    if how == "deleted":
        image.file.storage.delete(image.file.name)
        return
    with open(image.file.path, "r+b") as file:
        content = file.read()
        file.seek(0)
        file.truncate()
        file.write(content[: len(content) // 3] if how == "truncated" else b"not an image")


@pytest.mark.parametrize("how", ["deleted", "truncated", "not an image"])
@pytest.mark.parametrize("url", ["/en/consultations/", "/en/"])
def test_an_image_whose_file_cannot_be_read_gives_the_tinted_block_not_a_broken_image(
    client, site_tree, url, how
):
    """Wagtail draws a 0×0 "not-found" picture (a broken image, a 404) for a missing file, and fails (500) on
    one it cannot decode."""
    image = make_image()
    ConsultationPageFactory(parent=site_tree.consultations, title="Park", lead_image=image)
    damage(image, how)

    response = client.get(url)

    assert response.status_code == 200
    (card,) = cards(response.content.decode())
    assert "not-found" not in card
    assert "<picture" not in card
    assert 'class="consultation-card__placeholder" aria-hidden="true"' in card


def test_renditions_made_before_the_file_went_missing_are_still_shown(client, site_tree):
    image = make_image()
    ConsultationPageFactory(parent=site_tree.consultations, title="Park", lead_image=image)
    client.get(site_tree.consultations.url)
    image.file.storage.delete(image.file.name)
    cache.clear()

    (card,) = cards(client.get(site_tree.consultations.url).content.decode())

    assert ".avif 400w" in card
    assert "consultation-card__placeholder" not in card
