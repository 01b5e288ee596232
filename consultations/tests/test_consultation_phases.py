"""A consultation's phase timeline, its dates in words, and what a closed consultation says."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import ConsultationComment

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 3, 2, 10, 0, tzinfo=datetime.UTC)  # 11:00 in Paris
DAY = datetime.timedelta(days=1)
OPENS = datetime.datetime(2027, 3, 1, 8, 0, tzinfo=datetime.UTC)  # 09:00 in Paris
CLOSES = datetime.datetime(2027, 3, 15, 17, 0, tzinfo=datetime.UTC)  # 18:00 in Paris


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


DATES = {
    "upcoming": (OPENS + 7 * DAY, CLOSES + 14 * DAY),
    "open": (OPENS, CLOSES),
    "closed": (OPENS - 30 * DAY, OPENS - DAY),
}


def page_at(site_tree, status, **fields):
    opens_at, closes_at = DATES[status]
    return ConsultationPageFactory(
        parent=site_tree.consultations, opens_at=opens_at, closes_at=closes_at, **fields
    )


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def timeline_steps(html):
    timeline = re.search(r'<ol class="timeline__steps">(.*?)</ol>', html, re.S).group(1)
    return re.findall(r"<li (.*?)>(.*?)</li>", timeline, re.S)


@pytest.mark.parametrize(
    "status, current",
    [("upcoming", "Upcoming"), ("open", "Open"), ("closed", "Closed")],
)
def test_the_timeline_marks_the_current_step_in_words_and_for_assistive_technology(
    client, site_tree, status, current
):
    page = page_at(site_tree, status)

    steps = timeline_steps(client.get(page.url).content.decode())

    labels = [re.search(r'timeline__label">\s*(\w+)', body).group(1) for _, body in steps]
    assert labels == ["Upcoming", "Open", "Closed", "Results"]
    marked = [text_of(body) for attributes, body in steps if 'aria-current="step"' in attributes]
    assert len(marked) == 1
    assert f"{current} Now" in marked[0]
    now_badges = [label for (_, body), label in zip(steps, labels, strict=True) if "timeline__now" in body]
    assert now_badges == [current]
    done = [label for (_, body), label in zip(steps, labels, strict=True) if "(done)" in body]
    assert done == labels[: labels.index(current)]


def test_the_timeline_gives_the_dates_of_each_step_in_words(client, site_tree):
    page = ConsultationPageFactory(parent=site_tree.consultations, opens_at=OPENS, closes_at=CLOSES)

    html = client.get(page.url).content.decode()
    steps = [text_of(body) for _, body in timeline_steps(html)]

    assert "Until 1 March at 9:00" in steps[0]
    assert "From 1 March at 9:00 to 15 March at 18:00" in steps[1]
    assert "From 15 March at 18:00" in steps[2]
    assert "what they will do with your answers" in steps[3]
    assert "Open until Monday 15 March at 18:00" in text_of(html)


def test_an_upcoming_consultation_says_when_it_opens(client, site_tree):
    page = page_at(site_tree, "upcoming")

    header = re.search(
        r'<p class="consultation__dates">(.*?)</p>', client.get(page.url).content.decode(), re.S
    )

    assert text_of(header.group(1)) == "Opens on Monday 8 March at 9:00"


def test_a_closed_consultation_says_so_with_both_figures_and_no_reply_expectation(client, site_tree):
    page = page_at(site_tree, "closed", offline_participants=140)
    for _ in range(12):
        ConsultationCommentFactory(page=page)
    ConsultationCommentFactory(page=page, state=ConsultationComment.State.PENDING)

    html = client.get(page.url).content.decode()
    notice = text_of(re.search(r'<div class="closed-notice">(.*?)</div>', html, re.S).group(1))

    assert notice.startswith("This consultation is closed.")
    assert "12 comments online · 140 people at meetings and workshops" in notice
    assert 'class="availability' not in html
    assert "expected" not in text_of(html)
    assert "Closed on 28 February" in text_of(html)


def test_a_closed_consultation_without_comments_online_reads_well_with_its_offline_figure(client, site_tree):
    page = page_at(site_tree, "closed", offline_participants=1)

    html = client.get(page.url).content.decode()

    assert "No comment online · 1 person at a meeting or workshop" in text_of(html)


def test_a_closed_consultation_without_comments_shows_only_the_offline_figure(client, site_tree):
    page = page_at(site_tree, "closed", offline_participants=35, comments_enabled=False)

    notice = re.search(r'<div class="closed-notice">(.*?)</div>', client.get(page.url).content.decode(), re.S)

    assert "35 people at meetings and workshops" in text_of(notice.group(1))
    assert "online" not in text_of(notice.group(1))


def test_an_open_consultation_has_no_closed_notice_and_keeps_the_availability_banner(client, site_tree):
    page = page_at(site_tree, "open")

    html = client.get(page.url).content.decode()

    assert "closed-notice" not in html
    assert 'class="availability' in html


def test_the_lead_image_has_a_srcset_in_three_formats_and_its_description_as_alt(
    client, site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1800, 900), (255, 107, 87)).save(buffer, "JPEG")
    image = Image.objects.create(
        title="IMG_2041", description="Pupils around a table", file=ImageFile(buffer, name="a.jpg")
    )
    page = page_at(site_tree, "open", lead_image=image)

    html = client.get(page.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)

    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    assert re.findall(r" (\d+)w", re.search(r'srcset="([^"]+)"[^>]*type="image/avif"', picture).group(1)) == [
        "640",
        "1024",
        "1600",
    ]
    assert 'alt="Pupils around a table"' in picture
    assert 'loading="lazy"' not in picture  # above the fold

    image.description = ""
    image.save()
    picture = re.search(r"<picture>.*?</picture>", client.get(page.url).content.decode(), re.S).group(0)
    assert 'alt=""' in picture  # no description: it only illustrates (never the title, often a file name)


def test_offline_participants_is_in_the_participation_tab(admin_client, site_tree):
    page = page_at(site_tree, "open")

    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()

    assert "took part offline" in html.lower()
    assert "How many people took part face to face" in html


@pytest.mark.parametrize("how", ["deleted", "not an image"])
def test_a_lead_image_whose_file_cannot_be_read_is_left_out_not_drawn_broken(
    client, site_tree, settings, tmp_path, how
):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1800, 900), (255, 107, 87)).save(buffer, "JPEG")
    image = Image.objects.create(
        title="IMG_2041", description="Pupils around a table", file=ImageFile(buffer, name="a.jpg")
    )
    page = page_at(site_tree, "open", lead_image=image)
    if how == "deleted":
        image.file.storage.delete(image.file.name)
    else:
        with open(image.file.path, "wb") as file:
            file.write(b"not an image")

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "consultation__image" not in html
    assert "not-found" not in html
    assert "Pupils around a table" not in html


@pytest.mark.parametrize("how", ["fine", "deleted", "not an image"])
def test_an_image_of_the_body_whose_file_cannot_be_read_is_left_out(
    client, site_tree, settings, tmp_path, how
):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), (255, 107, 87)).save(buffer, "JPEG")
    image = Image.objects.create(title="IMG_2042", file=ImageFile(buffer, name="b.jpg"))
    page = page_at(site_tree, "open")
    page.body = [{"type": "image", "value": {"image": image.pk, "alt_text": "A bench", "decorative": False}}]
    page.save_revision().publish()
    if how == "deleted":
        image.file.storage.delete(image.file.name)
    elif how == "not an image":
        with open(image.file.path, "wb") as file:
            file.write(b"not an image")

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "not-found" not in html
    if how == "fine":
        assert re.search(
            r'<figure>\s*<img alt="A bench" height="338" loading="lazy" src="[^"]+\.jpg" width="600">', html
        )
    else:
        assert "A bench" not in html


def test_without_comments_the_open_step_promises_no_replies(client, site_tree):
    """With the comment form and the thread hidden, no one can reply to others here."""
    page = page_at(site_tree, "open", comments_enabled=False)

    steps = [text_of(body) for _, body in timeline_steps(client.get(page.url).content.decode())]

    assert "reply to others" not in steps[1]
    assert "Everyone can give their opinion." in steps[1]


def test_a_closed_consultation_without_results_is_drawn_again_each_midnight_for_a_translations_results(
    site_tree,
):
    """A closed page without results of its own shows a translation's results from their day (a midnight) on:
    no copy or piece of it outlives the next midnight. With its own results shown, nothing is planned."""
    zone = timezone.get_default_timezone()
    now = datetime.datetime(2026, 12, 1, 15, 0, tzinfo=zone)
    page = ConsultationPageFactory(
        parent=site_tree.consultations,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=2),
    )

    assert page.next_change(now) == datetime.datetime(2026, 12, 2, 0, 0, tzinfo=zone)

    page.results_published_on = now.date()
    page.results_heard = "<p>We heard you: more benches.</p>"
    assert page.next_change(now) is None
