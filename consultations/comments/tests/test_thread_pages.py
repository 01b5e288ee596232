"""A long thread in pages of conversations, read only as far as readers may see it (issue 17)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.comments import feedback
from consultations.comments.thread import build_thread, thread_rows
from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentSupport, ConsultationComment

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture
def three_a_page(settings):
    settings.TRIBUNE_THREADS_PER_PAGE = 3


def conversations(page, count, replies=1, language=None):
    """``count`` conversations, a minute apart, oldest first: [(top-level comment, [its replies])]."""
    start = timezone.now() - timedelta(hours=1)
    made = []
    for number in range(count):
        extra = {"language": language} if language else {}
        top = ConsultationCommentFactory(
            page=page, comment=f"Idea {number}", submit_date=start + timedelta(minutes=number), **extra
        )
        made.append(
            (
                top,
                [
                    ConsultationCommentFactory(
                        page=page, parent=top, comment=f"Answer to idea {number}", **extra
                    )
                    for _reply in range(replies)
                ],
            )
        )
    return made


def shown_ids(html):
    return [int(match) for match in re.findall(r'<li id="c(\d+)"', html)]


def test_the_thread_reads_only_published_comments_and_their_ancestors(consultation):
    """A pending comment is read only when a published reply hangs under it, however deep."""
    top = ConsultationCommentFactory(page=consultation, comment="Published idea")
    ConsultationCommentFactory(page=consultation, parent=top, state=State.PENDING, comment="Pending leaf")
    held = ConsultationCommentFactory(page=consultation, parent=top, state=State.PENDING)
    removed = ConsultationCommentFactory(page=consultation, parent=held, state=State.REMOVED)
    deep = ConsultationCommentFactory(page=consultation, parent=removed, comment="Deep published reply")
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Pending thread")
    ConsultationCommentFactory(page=consultation, state=State.WITHDRAWN)

    rows = thread_rows(consultation)

    assert [row["id"] for row in rows] == [top.pk, held.pk, removed.pk, deep.pk]
    assert [row["text"] for row in rows] == ["Published idea", "", "", "Deep published reply"]


def test_a_page_with_thousands_of_pending_comments_and_none_published_reads_no_comment(consultation):
    for _number in range(30):
        ConsultationCommentFactory(page=consultation, state=State.PENDING)

    with CaptureQueriesContext(connection) as captured:
        thread = build_thread(consultation, 3)

    assert thread.items == [] and thread.published_count == 0
    assert len(captured.captured_queries) == 1  # the count of published comments, nothing else


def test_the_thread_costs_the_same_queries_at_two_sizes(consultation, three_a_page):
    consultation.url  # noqa: B018 (the page's address is looked up once, then kept)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            thread = build_thread(consultation, 3, sort="supported")
        return len(captured.captured_queries), thread

    conversations(consultation, 4)
    small, _thread = queries()
    conversations(consultation, 40, replies=3)
    large, thread = queries()

    assert small == large
    assert thread.published_count == 4 * 2 + 40 * 4
    assert len(thread.items) == 2 + 2 + 4  # one page: three conversations (none supported: the oldest)


def test_a_long_thread_is_split_into_pages_that_keep_order_and_language(client, consultation, three_a_page):
    made = conversations(consultation, 7)
    ConsultationCommentFactory(page=consultation, comment="Une idée", language="fr")

    first = client.get(consultation.url).content.decode()
    third = client.get(f"{consultation.url}?page=3&sort=&language=en").content.decode()

    assert shown_ids(first) == [
        made[0][0].pk,
        made[0][1][0].pk,
        made[1][0].pk,
        made[1][1][0].pk,
        made[2][0].pk,
        made[2][1][0].pk,
    ]
    assert shown_ids(third) == [made[6][0].pk, made[6][1][0].pk]
    # The header counts every page and every language.
    assert "15 comments" in first and "All languages (15)" in first and "English (14)" in first
    nav = re.search(
        r'<nav class="pagination" aria-label="Pages of the comments">.*?</nav>', first, re.S
    ).group()
    assert "Page 1 of 3" in nav
    assert f'href="{consultation.url}?page=2#comments-title" rel="next"' in nav
    nav = re.search(r'<nav class="pagination".*?</nav>', third, re.S).group()
    assert "Page 3 of 3" in nav  # English only: 7 conversations
    assert f'href="{consultation.url}?page=2&amp;language=en#comments-title" rel="prev"' in nav
    assert 'rel="next"' not in nav
    # A reply link opens the same page, order and filter again, without JavaScript.
    assert f'href="?page=3&amp;language=en&amp;reply_to={made[6][0].pk}#comment-form"' in third


def test_a_short_thread_has_no_pages(client, consultation, three_a_page):
    conversations(consultation, 3)

    html = client.get(consultation.url).content.decode()

    assert 'class="pagination"' not in html
    assert 'href="?reply_to=' in html


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("abc", 0),
        ("0", 0),
        ("-1", 0),
        ("2.5", 0),
        ("1e3", 0),
        ("", 0),
        ("%00", 0),
        ("٣", 0),  # an Arabic-Indic three: not an ASCII number
        ("99", 2),
        ("10" + "0" * 29, 2),  # 10^30
        ("9" * 5000, 2),  # past Python's limit on int() of a text
        ("2", 1),
    ],
)
def test_any_page_value_shows_a_page_of_the_thread(client, consultation, three_a_page, value, shown):
    """Not a whole number from 1: the first page; past the end: the last page. Never an error."""
    made = conversations(consultation, 7, replies=0)

    response = client.get(consultation.url, {"page": value})

    assert response.status_code == 200
    first_shown = made[3 * shown][0].pk
    assert shown_ids(response.content.decode())[0] == first_shown


def test_a_permalink_opens_the_page_that_holds_the_comment(client, consultation, three_a_page):
    made = conversations(consultation, 7)
    reply = made[4][1][0]  # a reply in the fifth conversation: page 2

    first = client.get(f"{consultation.url}comments/{made[0][0].pk}/")
    second = client.get(f"{consultation.url}comments/{reply.pk}/")

    assert first.status_code == second.status_code == 302
    assert first["Location"] == f"{consultation.url}#c{made[0][0].pk}"
    assert second["Location"] == f"{consultation.url}?page=2#c{reply.pk}"
    assert reply.pk in shown_ids(client.get(second["Location"]).content.decode())


def test_a_confirmation_is_shown_on_the_page_of_the_comment_replied_to(client, consultation, three_a_page):
    made = conversations(consultation, 9)
    answered = made[7][0]  # page 3
    address = feedback.feedback_url(consultation, feedback.PENDING, answered.pk)

    html = client.get(address).content.decode()

    assert "Page 3 of 3" in html
    confirmation = html.index("Your comment will be visible once a moderator has read it")
    assert html.index(f'id="c{answered.pk}"') < confirmation < html.index(f'id="c{made[8][0].pk}"')


def test_most_supported_first_across_pages(client, consultation, three_a_page):
    made = conversations(consultation, 7, replies=0)
    favourite = made[6][0]
    for number in range(3):
        CommentSupport.objects.create(comment=favourite, reader_key=f"reader{number}")
    CommentSupport.objects.create(comment=made[5][0], reader_key="reader0")

    first = shown_ids(client.get(consultation.url, {"sort": "supported"}).content.decode())
    last = shown_ids(client.get(consultation.url, {"sort": "supported", "page": "3"}).content.decode())
    confirmation = client.get(
        feedback.feedback_url(consultation, feedback.SUPPORTED, made[4][0].pk, sort="supported")
    ).content.decode()

    assert first == [favourite.pk, made[5][0].pk, made[0][0].pk]
    assert last == [made[4][0].pk]
    assert "Page 3 of 3" in confirmation and "Your support is counted" in confirmation
