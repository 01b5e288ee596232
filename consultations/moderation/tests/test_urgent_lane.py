"""The "Urgent" lane: urgent comments first in the queue whatever their age, marked and explained; the dashboard
counts them against the shorter promise."""

import datetime

import pytest
from django.utils import timezone

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import queue
from consultations.moderation.tests.admin_pages import QUEUE
from guidelines.factories import CommunityManagerSettingsFactory

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def urgent_comment(page, **fields):
    return ConsultationCommentFactory(
        page=page,
        **{
            "state": State.PENDING,
            "is_urgent": True,
            "urgent_phrases": ["suicide:envie de mourir"],
            **fields,
        },
    )


def test_an_urgent_comment_is_listed_first_even_when_others_waited_longer(moderator_client, consultation):
    ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Old idea about benches", submit_date=hours_ago(20)
    )
    reported = ConsultationCommentFactory(
        page=consultation, comment="Reported long ago", submit_date=hours_ago(30)
    )
    reported.reports.create(reporter_key="a")
    urgent_comment(consultation, comment="J'ai envie de mourir", submit_date=hours_ago(0.1))

    html = moderator_client.get(QUEUE).content.decode()

    assert html.index("J&#x27;ai envie de mourir") < html.index("Old idea about benches")
    assert html.index("J&#x27;ai envie de mourir") < html.index("Reported long ago")
    assert html.count('class="tm-urgent"') == 1
    assert '<span class="tm-urgent-label">Urgent</span>' in html
    assert '<span class="tm-urgent-about">Suicide</span>' in html
    assert "Urgent: 1 comment says a young person may be in danger. It is first below." in html


def test_the_queue_says_nothing_urgent_when_nothing_is(moderator_client, consultation):
    ConsultationCommentFactory(page=consultation, state=State.PENDING)
    urgent_comment(consultation, state=State.REMOVED)

    html = moderator_client.get(QUEUE).content.decode()

    assert "may be in danger" not in html
    assert "tm-urgent" not in html


def test_the_urgent_lane_lists_only_urgent_comments_waiting_for_a_decision(moderator_client, consultation):
    waiting = urgent_comment(consultation, comment="Il me frappe")
    urgent_comment(consultation, comment="Decided already", state=State.REMOVED)
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Benches")

    response = moderator_client.get(QUEUE + "?state=urgent")

    assert [comment.pk for comment in response.context["object_list"]] == [waiting.pk]


def test_an_urgent_comment_is_late_after_the_shorter_promise(moderator_client, consultation, site_tree):
    CommunityManagerSettingsFactory(site=site_tree.site, promised_response_hours=24, urgent_response_hours=2)
    urgent_comment(consultation, submit_date=hours_ago(3))
    urgent_comment(consultation, submit_date=hours_ago(1))
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(3))

    html = moderator_client.get(QUEUE).content.decode()

    assert html.count('class="tm-late tm-urgent"') == 1
    assert html.count('class="tm-urgent"') == 1


def test_the_dashboard_counts_urgent_comments_against_the_shorter_promise(
    moderator_client, consultation, site_tree
):
    CommunityManagerSettingsFactory(site=site_tree.site, urgent_response_hours=2)
    urgent_comment(consultation, submit_date=hours_ago(3))
    urgent_comment(consultation, submit_date=hours_ago(1))
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(3))

    html = moderator_client.get("/admin/").content.decode()

    assert "Urgent: 2 comments say a young person may be in danger." in html
    assert "1 has waited longer than the 2 hours promised for urgent comments." in html
    assert 'href="/admin/moderation/?state=urgent"' in html
    summary = queue.summary(urgent_hours=2)
    assert (summary.waiting, summary.urgent, summary.urgent_late) == (3, 2, 1)


def test_the_dashboard_says_nothing_urgent_when_nothing_is(moderator_client, consultation):
    ConsultationCommentFactory(page=consultation, state=State.PENDING)

    html = moderator_client.get("/admin/").content.decode()

    assert "may be in danger" not in html


def test_the_comment_page_says_what_was_found_and_what_to_do(moderator_client, consultation):
    comment = urgent_comment(consultation, urgent_phrases=["abuse:il me frappe"])

    html = moderator_client.get(f"/admin/moderation/comments/{comment.pk}/").content.decode()

    assert "Abuse or violence at home: “il me frappe”" in html
    assert "The author was shown the help lines." in html


def test_the_urgent_phrases_are_a_snippet_moderators_can_edit(moderator_client):
    listing = moderator_client.get("/admin/snippets/consultations/urgentphrase/?q=mourir")
    added = moderator_client.post(
        "/admin/snippets/consultations/urgentphrase/add/?locale=fr",
        {"phrase": "mon beau-père me bat", "kind": "urgent", "category": "abuse"},
    )

    assert listing.status_code == 200
    assert "envie de mourir" in listing.content.decode()
    assert added.status_code == 302
    from consultations.moderation.urgency import find_urgent

    assert "mon beau-père me bat" in [f.phrase for f in find_urgent("Mon beau pere me bat")]
