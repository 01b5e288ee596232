"""The exports' last column: for each comment, the organisers' answers to ideas linked to it, as plain text in the
language of the page exported, neutralised like every cell, read in one query whatever the size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from consultations.exports.tests.reading import export_rows
from consultations.factories import ConsultationCommentFactory
from consultations.models import IdeaResponse
from consultations.moderation.links import export_url
from home.page_tree import add_translation

pytestmark = pytest.mark.django_db
FORMATS = ["csv", "xlsx"]
START = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def comment(page, minutes, **fields):
    return ConsultationCommentFactory(
        page=page, submit_date=START + datetime.timedelta(minutes=minutes), **fields
    )


def answer(page, idea, response, comments, order=0):
    row = IdeaResponse(page=page, idea=idea, response=response, sort_order=order)
    row.save()
    row.comments.set(comments)
    row.save()
    return row


@pytest.mark.parametrize("file_format", FORMATS)
def test_each_comment_carries_the_answers_linked_to_it_as_plain_text(
    moderator_client, consultation, file_format
):
    queue = comment(consultation, 0, comment="The queue is too long.")
    veggie = comment(consultation, 1, comment="More vegetarian food.")
    comment(consultation, 2, comment="Nothing to add.")
    answer(
        consultation,
        "A shorter queue",
        "<p>A <b>second</b> line opens.</p><ul><li>In January</li><li>Every day</li></ul>",
        [queue],
    )
    answer(consultation, "Food & choice", "<p>A veggie dish &amp; a salad bar.</p>", [queue, veggie], order=1)

    rows = export_rows(moderator_client.get(export_url(consultation.pk, file_format)), file_format)

    assert rows[0][-1] == "Organisers' answer"
    assert rows[1][-1].replace("\r\n", "\n") == (
        "A shorter queue: A second line opens.\nIn January\nEvery day\n\nFood & choice: A veggie dish & a salad bar."
    )
    assert rows[2][-1] == "Food & choice: A veggie dish & a salad bar."
    assert rows[3][-1] == ""


@pytest.mark.parametrize("file_format", FORMATS)
def test_an_answer_a_spreadsheet_would_run_is_written_as_text(moderator_client, consultation, file_format):
    queue = comment(consultation, 0)
    answer(consultation, '=HYPERLINK("https://evil.example","Click")', "<p>+1+1</p>", [queue])

    rows = export_rows(moderator_client.get(export_url(consultation.pk, file_format)), file_format)

    assert rows[1][-1] == '\'=HYPERLINK("https://evil.example","Click"): +1+1'


def test_the_french_page_exports_the_french_answers(moderator_client, consultation):
    queue = comment(consultation, 0)
    french = add_translation(
        consultation,
        Locale.objects.get(language_code="fr"),
        slug="espace-jeunes",
        summary="Résumé.",
        question="Question ?",
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
    )
    answer(consultation, "A shorter queue", "<p>Yes.</p>", [queue])
    answer(french, "Une file plus courte", "<p>Oui.</p>", [queue])

    english_rows = export_rows(moderator_client.get(export_url(consultation.pk, "csv")), "csv")
    french_rows = export_rows(moderator_client.get(export_url(french.pk, "csv")), "csv")

    assert english_rows[1][-1] == "A shorter queue: Yes."
    assert french_rows[1][-1] == "Une file plus courte: Oui."


def test_the_answers_cost_one_query_at_10_and_at_300_comments(moderator_client, consultation):
    comments = [comment(consultation, minutes) for minutes in range(10)]
    answer(consultation, "Idea", "<p>Answer.</p>", comments[:5])
    url = export_url(consultation.pk, "csv")
    export_rows(moderator_client.get(url), "csv")
    with CaptureQueriesContext(connection) as small:
        rows = export_rows(moderator_client.get(url), "csv")
    assert sum(row[-1] == "Idea: Answer." for row in rows) == 5

    more = [comment(consultation, minutes) for minutes in range(10, 300)]
    answer(consultation, "Other", "<p>More.</p>", more, order=1)
    with CaptureQueriesContext(connection) as large:
        rows = export_rows(moderator_client.get(url), "csv")

    assert sum(row[-1] == "Other: More." for row in rows) == 290
    assert len(large.captured_queries) == len(small.captured_queries)
    answer_queries = [query for query in large.captured_queries if "idearesponse" in query["sql"].lower()]
    assert len(answer_queries) == 1
