import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.blocks import AboutBlock, ConsultationBodyBlock, KickOffMeetingBlock
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationStatus

pytestmark = pytest.mark.django_db
NOW = timezone.now()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def three_consultations(site_tree):
    index = site_tree.consultations
    closed = ConsultationPageFactory(
        parent=index, title="Canteen", opens_at=NOW - 30 * DAY, closes_at=NOW - DAY
    )
    upcoming = ConsultationPageFactory(
        parent=index, title="Festival", opens_at=NOW + 5 * DAY, closes_at=NOW + 20 * DAY
    )
    open_ = ConsultationPageFactory(parent=index, title="Park", opens_at=NOW - DAY, closes_at=NOW + 10 * DAY)
    return open_, upcoming, closed


def titles(html):
    return re.findall(r'<h2 class="consultation-card__title">\s*<a [^>]*href="[^"]+">([^<]+)</a>', html)


def test_status_is_derived_from_the_dates(three_consultations):
    open_, upcoming, closed = three_consultations

    assert [page.status for page in three_consultations] == [
        ConsultationStatus.OPEN,
        ConsultationStatus.UPCOMING,
        ConsultationStatus.CLOSED,
    ]
    assert closed.status_at(NOW - 2 * DAY) == ConsultationStatus.OPEN


def test_index_lists_open_then_upcoming_then_closed(client, site_tree, three_consultations):
    html = client.get(site_tree.consultations.url).content.decode()

    assert titles(html) == ["Park", "Festival", "Canteen"]


@pytest.mark.parametrize(
    "status, expected",
    [("open", ["Park"]), ("closed", ["Canteen"]), ("bogus", ["Park", "Festival", "Canteen"])],
)
def test_index_filters_by_status(client, site_tree, three_consultations, status, expected):
    html = client.get(site_tree.consultations.url, {"status": status}).content.decode()

    assert titles(html) == expected


def test_index_paginates_and_survives_a_bad_page_number(client, site_tree):
    for number in range(14):
        ConsultationPageFactory(parent=site_tree.consultations, title=f"Consultation {number:02d}")

    first = client.get(site_tree.consultations.url).content.decode()
    second = client.get(site_tree.consultations.url, {"page": "2"}).content.decode()
    nonsense = client.get(site_tree.consultations.url, {"page": "lots"})

    assert len(titles(first)) == 12
    assert len(titles(second)) == 2
    assert nonsense.status_code == 200
    assert 'href="?page=2" rel="next"' in first and "Page 1 of 2" in first


def test_the_next_page_of_a_filtered_list_keeps_its_filter(client, site_tree):
    for number in range(14):
        ConsultationPageFactory(parent=site_tree.consultations, title=f"Consultation {number:02d}")

    first = client.get(site_tree.consultations.url, {"status": "open"}).content.decode()

    assert 'href="?status=open&amp;page=2" rel="next"' in first


def test_home_page_lists_open_consultations_in_its_language(client, three_consultations):
    html = client.get("/en/").content.decode()

    assert "Park" in html
    assert "Festival" not in html
    assert "Canteen" not in html


def test_consultation_page_shows_question_kick_off_and_comment_count(client, consultation):
    consultation.body = [
        (
            "kick_off_meeting",
            {
                "date": datetime.date(2027, 3, 10),
                "start_time": datetime.time(17, 30),
                "place": "Maison des jeunes",
            },
        )
    ]
    consultation.save_revision().publish()

    html = client.get(consultation.url).content.decode()

    assert "What would make you want to spend time in the new youth space?" in html
    assert "Kick-off meeting" in html
    assert "Maison des jeunes" in html
    assert "0 comments" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1


def test_comments_can_be_turned_off(client, consultation):
    consultation.comments_enabled = False
    consultation.save_revision().publish()

    html = client.get(consultation.url).content.decode()

    assert 'name="comment"' not in html
    assert 'class="comments"' not in html


def test_consultation_must_close_after_it_opens(consultation):
    consultation.closes_at = consultation.opens_at

    with pytest.raises(ValidationError) as error:
        consultation.full_clean()

    assert "closes_at" in error.value.message_dict


def test_kick_off_meeting_needs_a_place_or_a_link():
    block = KickOffMeetingBlock()

    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"date": "2027-03-10", "start_time": "17:30", "place": "", "online_link": ""})
        )


def test_kick_off_meeting_must_end_after_it_starts():
    block = KickOffMeetingBlock()
    value = {"date": "2027-03-10", "start_time": "17:30", "end_time": "17:00", "place": "Town hall"}

    with pytest.raises(ValidationError):
        block.clean(block.to_python(value))


@pytest.mark.parametrize("block", [KickOffMeetingBlock(), AboutBlock()])
def test_every_block_renders_its_admin_preview(block):
    html = block.render(block.get_preview_value())

    assert block.get_preview_value()
    assert "<h2" in html


def test_every_body_block_has_a_label_and_a_description():
    for name, block in ConsultationBodyBlock().child_blocks.items():
        assert block.label, name
        assert block.get_description(), name


def test_only_a_consultation_still_to_come_or_open_says_when_a_moderator_answers(client, three_consultations):
    open_, upcoming, closed = three_consultations

    pages = {page.title: client.get(page.url).content.decode() for page in three_consultations}

    assert 'class="availability' in pages["Park"] and 'class="availability' in pages["Festival"]
    assert 'class="availability' not in pages["Canteen"]
    assert "Comments are closed" in pages["Canteen"]


def test_an_upcoming_consultation_says_when_comments_open_in_one_sentence(client, three_consultations):
    _open, upcoming, _closed = three_consultations

    html = client.get(upcoming.url).content.decode()
    notice = " ".join(re.search(r'<p class="notice" role="status">(.*?)</p>', html, re.S).group(1).split())

    assert notice.startswith("This consultation has not started yet. Comments open on ")
    assert ".." not in notice
