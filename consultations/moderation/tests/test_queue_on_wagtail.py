"""The queue on Wagtail's admin framework: bulk actions with a confirmation step, the stale-decision check on
``state_changed_at``, the history read from Wagtail's log entries, pages without inline styles, and a query
count that does not grow with the queue."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consultations.factories import ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision
from consultations.moderation import links
from consultations.moderation import service as moderation
from consultations.moderation.permissions import COMMUNITY_MANAGERS
from consultations.moderation.tests.admin_pages import (
    QUEUE,
    bulk,
    bulk_url,
    comment_url,
    decide_url,
    hidden_fields,
    messages_of,
)
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
HOSTILE = '<script>alert("x")</script><b onmouseover="steal()">bold</b>'
# As hostile, within a pseudonym's 50 characters (PostgreSQL refuses a longer one).
HOSTILE_NAME = '<script>alert()</script><b onmouseover="steal()">'


def state_of(comment):
    return ConsultationComment.objects.get(pk=comment.pk).state


@pytest.fixture
def colleague(db):
    user = get_user_model().objects.create_user(
        "sami", email="sami@example.org", first_name="Sami", last_name="K"
    )
    user.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    return user


# Bulk decisions through Wagtail's confirmation step.


def test_bulk_confirmation_lists_the_comments_and_asks_for_a_reason_and_a_message(
    moderator_client, consultation
):
    comments = [
        ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=f"Idea {n}")
        for n in range(2)
    ]

    html = moderator_client.get(bulk_url("remove", [c.pk for c in comments], next=QUEUE)).content.decode()

    assert "Idea 0" in html and "Idea 1" in html
    assert "Reason (sent to the author)" in html
    assert "Message to the author (optional)" in html
    assert {f"seen-{c.pk}" for c in comments} <= set(hidden_fields(html))
    assert ModerationDecision.objects.count() == 0


def test_bulk_removal_sends_each_author_the_reason_and_the_message_of_the_confirmation_step(
    moderator_client, consultation, personal_info
):
    comments = [
        ConsultationCommentFactory(
            page=consultation, state=State.PENDING, user_email=f"author{n}@example.org", language="fr"
        )
        for n in range(2)
    ]

    response = bulk(
        moderator_client, comments, "remove", reason=personal_info.pk, message="Sans ton adresse, stp."
    )

    assert "2 comments removed." in messages_of(response)
    assert [state_of(c) for c in comments] == [State.REMOVED] * 2
    deliver()
    for comment in comments:
        [email] = [m for m in mail.outbox if m.to == [comment.user_email]]
        assert "Informations personnelles" in email.body  # the reason, in the author's language
        assert "Sans ton adresse, stp." in email.body


def test_bulk_return_without_a_reason_shows_the_confirmation_again_and_changes_nothing(
    moderator_client, consultation
):
    comments = ConsultationCommentFactory.create_batch(2, page=consultation, state=State.PENDING)

    response = bulk(moderator_client, comments, "return", message="Please revise.")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a reason: it is sent to the author." in html
    assert "Please revise." in html  # the message typed is kept
    assert [state_of(c) for c in comments] == [State.PENDING] * 2


def test_select_all_in_listing_takes_every_comment_the_filtered_queue_lists(moderator_client, consultation):
    phone = ConsultationCommentFactory.create_batch(
        3, page=consultation, state=State.PENDING, screening_reasons=["phone"]
    )
    other = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = bulk(moderator_client, [], "approve", ids=["all"], reason="ignored")
    assert "4 comments approved." in messages_of(response)

    for comment in [*phone, other]:
        ConsultationComment.objects.filter(pk=comment.pk).update(state=State.PENDING, state_changed_at=None)
    url = bulk_url("approve", ["all"], reason="phone")
    moderator_client.post(url, hidden_fields(moderator_client.get(url).content.decode()))

    assert [state_of(c) for c in phone] == [State.PUBLISHED] * 3
    assert state_of(other) == State.PENDING


def test_select_all_with_a_search_longer_than_the_listing_matches_selects_nothing(
    moderator_client, consultation
):
    long = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="x" * 255 + " end")
    query = {"q": "x" * 300}  # the listing searches all of it; select-all used to cut it at 255 characters

    listing = moderator_client.get(QUEUE, query)
    url = bulk_url("approve", ["all"], **query)
    confirmation = moderator_client.get(url)
    moderator_client.post(url, hidden_fields(confirmation.content.decode()))

    assert list(listing.context["object_list"]) == []
    assert list(confirmation.context["items"]) == []
    assert "This decision will be taken on" not in confirmation.content.decode()
    assert state_of(long) == State.PENDING


@pytest.mark.parametrize(
    "query, count",
    [
        ({"q": "x" * 255 + " end"}, 1),
        ({"q": "idea", "state": "pending"}, 1),
        ({"q": "idea"}, 2),
        ({"state": "unreviewed"}, 1),
        ({}, 3),
    ],
)
def test_select_all_takes_exactly_the_comments_the_listing_shows(
    moderator_client, consultation, query, count
):
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="x" * 255 + " end")
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="A pending idea")
    ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None, comment="An idea")

    listing = moderator_client.get(QUEUE, query)
    confirmation = moderator_client.get(bulk_url("approve", ["all"], **query))

    shown = [comment.pk for comment in listing.context["object_list"]]
    assert [item["item"].pk for item in confirmation.context["items"]] == shown
    assert len(shown) == count
    assert f"This decision will be taken on {count} comment" in confirmation.content.decode()


MALFORMED_QUERIES = [
    "consultation=99999999999999999999",
    "consultation=abc",
    "state=x",
    "state=removed",
    "reason=%00",
    "flagged=x",
    "p=-1",
    "p=99999999999999999999",
    "q=%00",
    "q=" + "a" * 5000,
    "q=%F0%9F%98%80",
    "ordering=__str__",
    "id=abc",
    "_w_filter_fragment=1",
]


def test_select_all_with_malformed_filters_is_never_an_error_and_decides_nothing_unconfirmed(
    consultation, moderator_user
):
    browser = Client(raise_request_exception=False)
    browser.force_login(moderator_user)
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    statuses = {
        (method, action, query): getattr(browser, method)(f"{bulk_url(action, ['all'])}&{query}").status_code
        for query in MALFORMED_QUERIES
        for action in ("approve", "remove")
        for method in ("get", "post")  # a POST without the confirmation's fields decides nothing
    }

    assert {key: status for key, status in statuses.items() if status >= 500} == {}
    assert state_of(comment) == State.PENDING
    assert not ModerationDecision.objects.exists()


def test_no_page_of_the_moderation_admin_writes_to_the_database_when_read(
    moderator_client, consultation, moderator_user, personal_info
):
    pending = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    unread = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None)
    CommentReport.objects.create(comment=unread, reporter_key="k")
    moderation.remove(ConsultationCommentFactory(page=consultation), moderator_user, personal_info)
    urls = [
        "/admin/",
        QUEUE,
        QUEUE + "results/",
        QUEUE + "?state=removed",
        links.history_url(),
        links.history_url() + "results/",
        comment_url(pending),
        comment_url(unread),
        *(bulk_url(action, [pending.pk, unread.pk]) for action in ("approve", "remove", "return", "restore")),
        bulk_url("approve", ["all"], q="idea"),
    ]
    for url in urls:
        moderator_client.get(url)  # Wagtail may create a user profile on a first visit

    with CaptureQueriesContext(connection) as queries:
        statuses = {url: moderator_client.get(url).status_code for url in urls}

    assert statuses == dict.fromkeys(urls, 200)
    writes = [q["sql"][:80] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]
    assert writes == []


# The stale-decision check: what the moderator saw against the row's state_changed_at.


def test_the_decision_forms_carry_when_the_comment_last_changed_and_its_open_reports(
    moderator_client, consultation, colleague
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    never_decided = moderator_client.get(comment_url(comment)).content.decode()
    moderation.approve(comment, colleague)
    decided = moderator_client.get(comment_url(comment)).content.decode()

    assert hidden_fields(never_decided)["seen"] == "never;0"
    changed_at = ConsultationComment.objects.get(pk=comment.pk).state_changed_at
    assert hidden_fields(decided)["seen"] == f"{changed_at.isoformat()};0"


def test_a_decision_on_a_comment_that_changed_since_the_page_was_shown_is_refused_even_in_the_same_state(
    moderator_client, consultation, colleague, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, comment="Reported once")
    CommentReport.objects.create(comment=comment, reporter_key="first")
    page = moderator_client.get(comment_url(comment)).content.decode()
    moderation.approve(comment, colleague)  # a colleague keeps it…
    CommentReport.objects.create(comment=comment, reporter_key="second")  # …and a new report comes in

    response = moderator_client.post(
        decide_url(comment, "remove"),
        {"seen": hidden_fields(page)["seen"], "reason": personal_info.pk},
        follow=True,
    )

    assert state_of(comment) == State.PUBLISHED
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
    assert any(
        "Someone decided on this comment in the meantime (it is now “Published”). Nothing was changed." in m
        for m in messages_of(response)
    )


def test_a_bulk_decision_on_a_comment_that_changed_since_the_confirmation_is_refused_the_others_go_through(
    moderator_client, consultation, colleague
):
    kept_meanwhile, untouched = (
        ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None, user_name=name)
        for name in ("Kenza", "Lou")
    )
    url = bulk_url("approve", [kept_meanwhile.pk, untouched.pk], next=QUEUE)
    confirmation = moderator_client.get(url).content.decode()
    moderation.approve(kept_meanwhile, colleague)

    response = moderator_client.post(url, hidden_fields(confirmation), follow=True)

    text = " ".join(messages_of(response))
    assert "1 comment approved." in text
    assert "1 comment was not changed: the comment by “Kenza”: Someone decided on this comment" in text
    assert ModerationDecision.objects.filter(comment=kept_meanwhile).count() == 1
    assert ConsultationComment.objects.get(pk=untouched.pk).reviewed_at is not None


REPORTED_MEANWHILE = "Readers reported this comment since the page was shown: reload it to read the reports. Nothing was changed."


def open_reports_of(comment):
    return list(CommentReport.objects.filter(comment=comment, reviewed_at__isnull=True))


def test_keeping_a_comment_reported_after_its_page_was_shown_is_refused_until_the_moderator_reloads(
    moderator_client, consultation
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None)
    page = moderator_client.get(comment_url(comment)).content.decode()
    assert "Reports from readers" not in page
    CommentReport.objects.create(comment=comment, reporter_key="net-1", reason="It names my sister")

    refused = moderator_client.post(decide_url(comment, "approve"), hidden_fields(page), follow=True)

    assert REPORTED_MEANWHILE in messages_of(refused)
    assert "It names my sister" in refused.content.decode()  # back on the comment's page, the report shown
    assert [report.reason for report in open_reports_of(comment)] == ["It names my sister"]
    assert ConsultationComment.objects.get(pk=comment.pk).reviewed_at is None
    assert not ModerationDecision.objects.exists()

    reloaded = moderator_client.get(comment_url(comment)).content.decode()
    kept = moderator_client.post(decide_url(comment, "approve"), hidden_fields(reloaded), follow=True)

    assert "1 comment approved." in messages_of(kept)
    assert open_reports_of(comment) == []
    assert ConsultationComment.objects.get(pk=comment.pk).reviewed_at is not None


def test_the_keep_button_of_a_queue_row_drawn_before_a_new_report_is_refused(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, comment="Reported once")
    CommentReport.objects.create(comment=comment, reporter_key="net-1")
    row = moderator_client.get(QUEUE).content.decode()
    assert "Keep it" in row
    CommentReport.objects.create(comment=comment, reporter_key="net-2", reason="A second reader")

    refused = moderator_client.post(decide_url(comment, "approve"), hidden_fields(row), follow=True)

    assert REPORTED_MEANWHILE in messages_of(refused)
    assert len(open_reports_of(comment)) == 2

    kept = moderator_client.post(
        decide_url(comment, "approve"),
        hidden_fields(moderator_client.get(QUEUE).content.decode()),
        follow=True,
    )

    assert "1 comment approved." in messages_of(kept)
    assert open_reports_of(comment) == []


def test_a_bulk_keep_leaves_a_comment_reported_after_the_confirmation_with_its_report_open(
    moderator_client, consultation
):
    reported_meanwhile, untouched = (
        ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None, user_name=name)
        for name in ("Kenza", "Lou")
    )
    url = bulk_url("approve", [reported_meanwhile.pk, untouched.pk], next=QUEUE)
    confirmation = moderator_client.get(url).content.decode()
    CommentReport.objects.create(comment=reported_meanwhile, reporter_key="net-1")

    response = moderator_client.post(url, hidden_fields(confirmation), follow=True)

    text = " ".join(messages_of(response))
    assert "1 comment approved." in text
    assert f"1 comment was not changed: the comment by “Kenza”: {REPORTED_MEANWHILE}" in text
    assert len(open_reports_of(reported_meanwhile)) == 1
    assert ConsultationComment.objects.get(pk=reported_meanwhile.pk).reviewed_at is None
    assert ConsultationComment.objects.get(pk=untouched.pk).reviewed_at is not None


def test_the_bulk_confirmation_shows_how_many_open_reports_each_comment_has(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED)
    for network in ("net-1", "net-2"):
        CommentReport.objects.create(comment=comment, reporter_key=network)

    html = moderator_client.get(bulk_url("approve", [comment.pk], next=QUEUE)).content.decode()

    assert "reported 2 times" in html
    assert hidden_fields(html)[f"seen-{comment.pk}"].endswith(";2")


def test_a_bulk_post_without_what_the_moderator_saw_changes_nothing(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_name="Kenza")

    response = moderator_client.post(bulk_url("approve", [comment.pk]), {}, follow=True)

    assert state_of(comment) == State.PENDING
    assert any("This form is out of date: reload the page." in m for m in messages_of(response))


# History, from Wagtail's log entries.


def test_a_comments_page_lists_each_decision_from_the_log_with_moderator_reason_message_and_time(
    moderator_client, consultation, moderator_user, colleague, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    moderation.return_for_revision(comment, moderator_user, personal_info, message="Without the address.")
    moderation.resubmit(comment, "A new text")
    moderation.approve(comment, colleague)
    ModerationDecision.objects.all().delete()  # the history shown is the log's, not this table's

    html = moderator_client.get(comment_url(comment)).content.decode()

    history = html[html.index(">History<") :]
    assert history.index("Comment approved") < history.index("Comment resubmitted by its author")
    assert history.index("Comment resubmitted by its author") < history.index(
        "Comment returned for revision: Personal information"
    )
    assert 'Message to the author: <em dir="auto">Without the address.</em>' in history
    assert "Camille Durand" in history and "Sami K" in history
    assert len(re.findall(r"<time [^>]*datetime=", history)) >= 3


def test_the_history_of_a_consultation_lists_its_decisions_from_the_log(
    moderator_client, site_tree, consultation, moderator_user, personal_info
):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(parent=site_tree.consultations, title="The canteen")
    here = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Here it is")
    there = ConsultationCommentFactory(page=other, state=State.PENDING, comment="Over there")
    moderation.remove(here, moderator_user, personal_info, message="No phone numbers.")
    moderation.approve(there, moderator_user)
    ModerationDecision.objects.all().delete()

    html = moderator_client.get(f"{links.history_url()}?consultation={consultation.pk}").content.decode()

    assert "History of decisions: A youth space" in html
    assert "Comment removed: Personal information" in html
    assert "No phone numbers." in html
    assert "Camille Durand" in html
    assert "Over there" not in html and "Comment approved" not in html


def test_the_history_filtered_by_moderator_lists_their_decisions_only(
    moderator_client, consultation, moderator_user, colleague
):
    moderation.approve(
        ConsultationCommentFactory(page=consultation, state=State.PENDING, user_name="Kenza"), colleague
    )
    moderation.approve(
        ConsultationCommentFactory(page=consultation, state=State.PENDING, user_name="Lou"), moderator_user
    )

    html = moderator_client.get(f"{links.history_url()}?user={colleague.pk}").content.decode()

    assert "Kenza" in html and "Lou" not in html


# Pages as the moderator sees them.


def admin_pages(client, consultation, moderator_user, personal_info):
    """Every page of the queue, with rows of every kind on it."""
    parent = ConsultationCommentFactory(
        page=consultation, comment=f"Parent {HOSTILE}", user_name=f"P{HOSTILE_NAME}"
    )
    pending = ConsultationCommentFactory(
        page=consultation,
        parent=parent,
        state=State.PENDING,
        comment=f"Pending {HOSTILE}",
        user_name=f"N{HOSTILE_NAME}",
        screening_reasons=["phone", "blocklist:<i>x</i>"],
    )
    reported = ConsultationCommentFactory(page=consultation, comment=f"Reported {HOSTILE}")
    CommentReport.objects.create(comment=reported, reporter_key="a", reason=f"Report {HOSTILE}")
    removed = ConsultationCommentFactory(page=consultation, comment=f"Removed {HOSTILE}")
    moderation.remove(removed, moderator_user, personal_info, message=f"Message {HOSTILE}")
    ids = [pending.pk, reported.pk]
    return {
        "dashboard": client.get("/admin/"),
        "queue": client.get(QUEUE),
        "queue results": client.get(QUEUE + "results/?state=pending"),
        "removed lane": client.get(QUEUE + "?state=removed"),
        "comment": client.get(comment_url(pending)),
        "reported comment": client.get(comment_url(reported)),
        "removed comment": client.get(comment_url(removed)),
        "bulk remove": client.get(bulk_url("remove", ids, next=QUEUE)),
        "bulk approve": client.get(bulk_url("approve", ids, next=QUEUE)),
        "history": client.get(links.history_url()),
        "history results": client.get(links.history_url() + "results/"),
    }


def test_no_page_of_the_queue_has_an_inline_style(
    moderator_client, consultation, moderator_user, personal_info
):
    pages = admin_pages(moderator_client, consultation, moderator_user, personal_info)

    assert {name: response.status_code for name, response in pages.items()} == dict.fromkeys(pages, 200)
    styled = {
        name: re.findall(r"<[^>]*\sstyle=[^>]*>|<style", response.content.decode())
        for name, response in pages.items()
    }
    assert styled == dict.fromkeys(pages, [])


def test_no_participant_text_is_rendered_unescaped(
    moderator_client, consultation, moderator_user, personal_info
):
    pages = admin_pages(moderator_client, consultation, moderator_user, personal_info)

    for name, response in pages.items():
        html = response.content.decode()
        assert "<script>alert" not in html, name
        assert 'onmouseover="steal()"' not in html, name
        assert "<i>x</i>" not in html, name
    assert "&lt;script&gt;" in pages["queue"].content.decode()
    assert "&lt;script&gt;" in pages["removed comment"].content.decode()  # the message to the author


def test_the_queue_costs_the_same_queries_for_ten_rows_or_a_full_page(moderator_client, consultation):
    def queries():
        moderator_client.get(QUEUE)  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as captured:
            response = moderator_client.get(QUEUE)
        return len(captured), len(response.context["object_list"])

    parents = ConsultationCommentFactory.create_batch(2, page=consultation)
    for parent in parents:
        ConsultationCommentFactory.create_batch(5, page=consultation, parent=parent, state=State.PENDING)
    ten = queries()
    reported = ConsultationCommentFactory.create_batch(20, page=consultation, screening_reasons=["phone"])
    CommentReport.objects.bulk_create(CommentReport(comment=c, reporter_key="k") for c in reported)
    ConsultationCommentFactory.create_batch(30, page=consultation, state=State.RETURNED)
    full = queries()

    assert (ten[1], full[1]) == (10, 50)
    assert ten[0] == full[0]


def query_plan(queryset):
    """SQLite's plan for a queryset, one step a line (e.g. "SEARCH U0 USING INTEGER PRIMARY KEY (rowid=?)")."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_history_and_the_queue_find_each_rows_comment_and_consultation_by_primary_key(
    consultation, moderator_user
):
    from consultations.moderation import queue
    from consultations.moderation.views import DecisionHistoryView

    moderation.approve(ConsultationCommentFactory(page=consultation, state=State.PENDING), moderator_user)

    history = query_plan(DecisionHistoryView().get_base_queryset())
    listing = query_plan(queue.listing(queue.ordered(queue.queue_queryset()), promise_hours=24))

    # The log's text object_id (the comment's page's object_pk) is cast to the id, not every id to text.
    assert [step for step in history if step.startswith("SCAN")] == []
    assert [step for step in listing if step.startswith("SCAN")] == []
    assert sum("USING INTEGER PRIMARY KEY" in step for step in history) >= 2


def test_a_rows_approve_button_works_with_csrf_checks_and_comes_back_to_the_same_filters(
    moderator_user, consultation
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator_user)
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, screening_reasons=["phone"])
    html = browser.get(QUEUE + "results/?reason=phone&p=1").content.decode()
    form = re.search(
        rf'<form method="post" action="{re.escape(decide_url(comment, "approve"))}">(.*?)</form>', html, re.S
    )

    response = browser.post(
        decide_url(comment, "approve"),
        hidden_fields(form.group(1))
        | {
            "csrfmiddlewaretoken": re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1)
            ).group(1)
        },
    )

    assert response.status_code == 302
    assert response.url == QUEUE + "?reason=phone"
    assert state_of(comment) == State.PUBLISHED
