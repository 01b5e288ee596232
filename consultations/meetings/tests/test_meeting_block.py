"""The kick-off meeting block knows the time: upcoming, today, past, in the site's time zone (Europe/Paris)."""

import datetime
import re
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.blocks import KickOffMeetingBlock, MeetingState, is_openstreetmap_url
from consultations.factories import ConsultationPageFactory

MAP = "https://www.openstreetmap.org/?mlat=45.7665&mlon=4.8795#map=18/45.7665/4.8795"
MEETING = {
    "date": "2026-11-21",
    "start_time": "17:30",
    "end_time": "19:00",
    "place": "Maison des jeunes, 12 rue de la République",
    "map_url": MAP,
    "accessibility": "Step-free entrance, accessible toilets.",
    "online_link": "",
    "note": "Snacks provided!",
}


def paris(*args):
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


def meeting(**overrides):
    block = KickOffMeetingBlock()
    return block, block.to_python({**MEETING, **overrides})


@pytest.mark.parametrize(
    "now, state",
    [
        (paris(2026, 11, 20, 23, 59), MeetingState.UPCOMING),
        (paris(2026, 11, 21, 0, 0), MeetingState.TODAY),
        (paris(2026, 11, 21, 18, 59), MeetingState.TODAY),
        (paris(2026, 11, 21, 19, 0), MeetingState.PAST),
        (paris(2026, 11, 30, 9, 0), MeetingState.PAST),
        # 23:30 UTC on the 20th is already the 21st in Paris: the day is the site's, not UTC's.
        (datetime.datetime(2026, 11, 20, 23, 30, tzinfo=datetime.UTC), MeetingState.TODAY),
    ],
)
def test_the_meeting_state_follows_the_clock_in_the_sites_time_zone(now, state):
    _, value = meeting()

    assert value.state_at(now) == state


def test_without_an_end_time_the_meeting_is_today_all_day():
    _, value = meeting(end_time=None)

    assert value.state_at(paris(2026, 11, 21, 23, 59)) == MeetingState.TODAY
    assert value.state_at(paris(2026, 11, 22, 0, 0)) == MeetingState.PAST


def test_the_meeting_starts_at_its_wall_clock_time_in_paris():
    _, value = meeting(date="2027-07-01")

    assert value.starts_at().astimezone(datetime.UTC) == datetime.datetime(
        2027, 7, 1, 15, 30, tzinfo=datetime.UTC
    )


def render_at(now, monkeypatch, **overrides):
    monkeypatch.setattr(timezone, "now", lambda: now)
    block, value = meeting(**overrides)
    html = block.render(value)
    return " ".join(re.sub(r"<[^>]+>", "", html).split()), html


def test_an_upcoming_meeting_invites_with_its_map_access_and_time(monkeypatch):
    text, html = render_at(paris(2026, 11, 12, 10, 0), monkeypatch)

    assert "Come and meet the team" in text
    assert "Saturday 21 November, 17:30–19:00" in text
    assert f'href="{escape(MAP)}"' in html
    assert "See on the map (OpenStreetMap)" in text
    assert "Access Step-free entrance, accessible toilets." in text
    assert "Today" not in text


def test_a_meeting_today_says_today_and_the_time(monkeypatch):
    text, _ = render_at(paris(2026, 11, 21, 9, 0), monkeypatch)

    assert "Today at 17:30" in text
    assert "Come and meet the team" in text


def test_a_past_meeting_says_it_took_place_and_invites_no_one(monkeypatch, client, site_tree):
    now = paris(2026, 11, 30, 9, 0)
    text, html = render_at(now, monkeypatch)

    assert "The kick-off meeting took place on 21 November." in text
    assert "Come and meet the team" not in text
    assert "OpenStreetMap" not in text
    assert "Snacks provided!" not in text

    page = ConsultationPageFactory(parent=site_tree.consultations, body=[("kick_off_meeting", meeting()[1])])
    page_html = client.get(page.url).content.decode()
    assert "took place on 21 November" in page_html
    assert ".ics" not in page_html
    assert "Add to my calendar" not in page_html


@pytest.mark.django_db
def test_the_page_links_to_the_meetings_calendar_file_while_it_is_to_come(monkeypatch, client, site_tree):
    monkeypatch.setattr(timezone, "now", lambda: paris(2026, 11, 21, 8, 0))
    page = ConsultationPageFactory(
        parent=site_tree.consultations, slug="park", body=[("kick_off_meeting", meeting()[1])]
    )
    block_id = page.body[0].id

    html = client.get(page.url).content.decode()

    link = re.search(r'<a class="button button--secondary" href="([^"]+)" download>Add to my calendar', html)
    assert link.group(1) == f"/en/consultations/park/meeting/{block_id}.ics"
    assert client.get(link.group(1)).status_code == 200
    assert "Today at 17:30" in html


def test_the_year_is_said_when_the_meeting_is_not_this_year(monkeypatch):
    text, _ = render_at(paris(2027, 1, 10, 9, 0), monkeypatch)

    assert "took place on 21 November 2026." in text


@pytest.mark.parametrize(
    "url",
    [
        "https://www.openstreetmap.org/#map=18/45.7665/4.8795",
        "https://openstreetmap.org/node/123",
        "https://osm.org/go/xV9bLQ--",
        "https://WWW.OpenStreetMap.org/way/42",
    ],
)
def test_openstreetmap_links_are_accepted(url):
    block, value = meeting(map_url=url)

    assert block.clean(value)["map_url"] == url


@pytest.mark.parametrize(
    "url",
    [
        "http://www.openstreetmap.org/#map=18/45.7665/4.8795",  # not https
        "https://maps.google.com/?q=Lyon",
        "https://openstreetmap.org.evil.example/",
        "https://evil.example/?https://www.openstreetmap.org/",
        "https://user@www.openstreetmap.org/",
    ],
)
def test_other_map_links_are_refused_with_a_clear_message(url):
    block, value = meeting(map_url=url)

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    assert "Only OpenStreetMap links are accepted" in str(error.value.block_errors["map_url"])
    assert not is_openstreetmap_url(url)


def test_a_map_link_that_is_no_url_at_all_is_refused():
    block, value = meeting(map_url="javascript:alert(1)")

    with pytest.raises(ValidationError):
        block.clean(value)


def test_a_map_link_that_bypassed_validation_is_not_shown(monkeypatch):
    """Raw data (an import, the demo) never goes through clean(): the template checks again."""
    text, html = render_at(paris(2026, 11, 12, 10, 0), monkeypatch, map_url="https://evil.example/")

    assert "evil.example" not in html
    assert "OpenStreetMap" not in text


@pytest.mark.parametrize(
    "now, changes_at",
    [
        (paris(2026, 11, 20, 9, 0), paris(2026, 11, 21, 0, 0)),  # "Today at 17:30" from midnight
        (paris(2026, 11, 21, 18, 0), paris(2026, 11, 21, 19, 0)),  # past when it ends: no more invitation
        (paris(2026, 11, 21, 19, 0), None),
    ],
)
def test_the_meeting_says_when_its_state_changes_next(now, changes_at):
    _, value = meeting()

    assert value.next_change_at(now) == changes_at
    if changes_at is not None:
        assert value.state_at(changes_at) != value.state_at(now)


def test_a_consultation_page_drawn_before_its_meeting_changes_is_kept_no_longer_than_that(site_tree):
    """Whole copies and shared pieces of the page are kept until ``next_change`` at most (page_cache)."""
    page = ConsultationPageFactory(
        parent=site_tree.consultations,
        opens_at=paris(2026, 11, 1, 9, 0),
        closes_at=paris(2026, 12, 20, 18, 0),
        body=[("kick_off_meeting", meeting()[1])],
    )

    assert page.next_change(paris(2026, 11, 20, 9, 0)) == paris(2026, 11, 21, 0, 0)
    assert page.next_change(paris(2026, 11, 21, 18, 0)) == paris(2026, 11, 21, 19, 0)
    assert page.next_change(paris(2026, 11, 22, 9, 0)) == paris(2026, 12, 20, 18, 0)
