"""The kick-off meeting's calendar file: ``<page path>meeting/<block id>.ics``."""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from consultations.factories import ConsultationPageFactory

pytestmark = pytest.mark.django_db
TRICKY_TITLE = "Parks, benches; and\nshade \\ for all"
MEETING = {
    "date": datetime.date(2027, 7, 1),
    "start_time": datetime.time(17, 30),
    "end_time": datetime.time(19, 0),
    "place": "Maison des jeunes, 12 rue de la République; 1st floor",
    "map_url": "https://www.openstreetmap.org/node/123",
    "accessibility": "Step-free entrance",
    "online_link": "",
    "note": "Snacks provided!\nBring a friend.",
}


@pytest.fixture
def page(site_tree):
    return ConsultationPageFactory(
        parent=site_tree.consultations,
        slug="park",
        title=TRICKY_TITLE,
        body=[
            ("about", {"heading": "About", "organiser": "Town", "what_happens_next": "<p>x</p>"}),
            ("kick_off_meeting", MEETING),
        ],
    )


def meeting_url(page, language="en"):
    block_id = page.body[1].id
    return f"/{language}/consultations/park/meeting/{block_id}.ics"


def test_the_calendar_file_describes_the_meeting(client, page):
    response = client.get(meeting_url(page))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kick-off-park.ics"'
    assert response.cookies == {}
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Kick-off: {TRICKY_TITLE}"
    # 17:30 in Paris in July is 15:30 UTC, written in UTC.
    assert event.decoded("DTSTART") == datetime.datetime(2027, 7, 1, 15, 30, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == datetime.datetime(2027, 7, 1, 17, 0, tzinfo=datetime.UTC)
    assert str(event["LOCATION"]) == MEETING["place"]
    assert str(event["URL"]) == "http://localhost/en/consultations/park/"
    description = str(event["DESCRIPTION"])
    assert "Snacks provided!\nBring a friend." in description
    assert "Access: Step-free entrance" in description
    assert "Map: https://www.openstreetmap.org/node/123" in description
    assert str(event["UID"]) == f"kick-off-{page.body[1].id}@localhost"


def test_what_organisers_typed_is_escaped_by_the_library(client, page):
    body = client.get(meeting_url(page)).content.decode()
    unfolded = body.replace("\r\n ", "")

    assert "SUMMARY:Kick-off: Parks\\, benches\\; and\\nshade \\\\ for all\r\n" in unfolded
    assert "LOCATION:Maison des jeunes\\, 12 rue de la République\\; 1st floor\r\n" in unfolded
    # No line of the file starts with anything a title could inject (a new property, a new event).
    assert [
        line.split(":")[0].split(";")[0] for line in body.split("\r\n") if line and not line.startswith(" ")
    ] == [
        "BEGIN",
        "VERSION",
        "PRODID",
        "METHOD",
        "BEGIN",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DTSTAMP",
        "UID",
        "DESCRIPTION",
        "LOCATION",
        "URL",
        "END",
        "END",
    ]


@pytest.mark.parametrize(
    "separator", ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
)
def test_no_other_line_break_than_crlf_reaches_the_file(client, site_tree, separator):
    """Readers that split lines as Python's str.splitlines() does (the ``ics`` library, scripts) see an
    event that a title, a place or a note could otherwise end, or add properties to. RFC 5545 allows
    no control character in a text value: whatever breaks a line becomes a line break the library escapes."""
    injected = f"Park{separator}END:VEVENT{separator}BEGIN:VEVENT{separator}SUMMARY:Free pizza"
    meeting = {**MEETING, "place": injected, "note": injected, "accessibility": f"Lift\x07{separator}Ramp"}
    page = ConsultationPageFactory(
        parent=site_tree.consultations, slug="park", title=injected, body=[("kick_off_meeting", meeting)]
    )

    body = client.get(f"/en/consultations/park/meeting/{page.body[0].id}.ics").content.decode()

    assert body.splitlines() == body.split("\r\n")[:-1]
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]", body)
    (event,) = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Kick-off: Park\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Free pizza"
    assert str(event["LOCATION"]) == "Park\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Free pizza"
    assert "Access: Lift\nRamp" in str(event["DESCRIPTION"])


def test_the_file_is_in_the_pages_language(client, site_tree):
    french = ConsultationPageFactory(
        parent=site_tree.consultations_fr,
        locale=site_tree.consultations_fr.locale,
        slug="parc",
        title="Le parc",
        body=[("kick_off_meeting", MEETING)],
    )

    response = client.get(f"/fr/consultations/parc/meeting/{french.body[0].id}.ics")

    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(": Le parc")
    assert not str(event["SUMMARY"]).startswith("Kick-off")
    assert str(event["URL"]).endswith("/fr/consultations/parc/")


def test_an_online_meeting_is_located_at_its_link(client, site_tree):
    online = {**MEETING, "place": "", "map_url": "", "online_link": "https://meet.example.org/tribune"}
    page = ConsultationPageFactory(
        parent=site_tree.consultations, slug="park", body=[("kick_off_meeting", online)]
    )

    response = client.get(f"/en/consultations/park/meeting/{page.body[0].id}.ics")

    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.example.org/tribune"
    assert "DTEND" in event


@pytest.mark.parametrize(
    "path",
    [
        "/en/consultations/park/meeting/00000000-0000-0000-0000-000000000000.ics",  # unknown id
        "/en/consultations/park/meeting/{about_id}.ics",  # a block that is no meeting
        "/en/consultations/other/meeting/{meeting_id}.ics",  # another page's path
        "/en/consultations/nowhere/meeting/{meeting_id}.ics",  # no page there
        "/en/consultations/meeting/{meeting_id}.ics",  # the index, not a consultation
        "/en/consultations/park/extra/meeting/{meeting_id}.ics",
        "/en/consultations/park/meeting/{meeting_id}x.ics",
        "/en/consultations/park/meeting/%00.ics",
    ],
)
def test_anything_but_a_meeting_of_that_page_is_not_found(client, page, site_tree, path):
    ConsultationPageFactory(parent=site_tree.consultations, slug="other")

    response = client.get(path.format(about_id=page.body[0].id, meeting_id=page.body[1].id))

    assert response.status_code == 404


def test_the_file_is_only_read(client, page):
    assert client.head(meeting_url(page)).status_code == 200
    assert client.post(meeting_url(page)).status_code == 405


def test_an_unpublished_consultation_has_no_calendar_file(client, page):
    url = meeting_url(page)
    page.unpublish()

    assert client.get(url).status_code == 404


def test_a_restricted_consultation_has_no_calendar_file_for_those_it_does_not_accept(
    client, page, admin_client
):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(meeting_url(page)).status_code == 404
    assert admin_client.get(meeting_url(page)).status_code == 200


def test_a_draft_meeting_is_not_served_before_it_is_published(client, page):
    draft = list(page.body.raw_data) + [
        {
            "type": "kick_off_meeting",
            "value": {**MEETING, "date": "2027-08-01", "start_time": "10:00:00", "end_time": "11:00:00"},
            "id": "draft-only",
        }
    ]
    page.body = draft
    page.save_revision()

    assert client.get("/en/consultations/park/meeting/draft-only.ics").status_code == 404


def test_the_stamp_is_the_time_of_the_download(client, page, monkeypatch):
    now = datetime.datetime(2027, 6, 2, 10, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: now)

    (event,) = Calendar.from_ical(client.get(meeting_url(page)).content).walk("VEVENT")

    assert event.decoded("DTSTAMP") == now
