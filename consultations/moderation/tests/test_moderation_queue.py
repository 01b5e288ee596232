import datetime
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from consultations.factories import ConsultationCommentFactory, ConsultationPageFactory
from consultations.models import CommentReport, ConsultationComment, ModerationDecision, ReasonCategory
from consultations.moderation import links, queue
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import (
    QUEUE,
    bulk,
    bulk_url,
    comment_url,
    decide_url,
    decision_form,
    hidden_fields,
    messages_of,
    reply_url,
)
from guidelines.factories import CommunityManagerSettingsFactory

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
Action = ModerationDecision.Action


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def state_of(comment):
    return ConsultationComment.objects.get(pk=comment.pk).state


def public_html(client, page):
    client.logout()
    return client.get(page.url).content.decode()


# The queue: what it lists and how.


def test_queue_lists_pending_returned_and_reported_comments_oldest_first(moderator_client, consultation):
    recent = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Recent idea")
    old = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Old idea", submit_date=hours_ago(10)
    )
    returned = ConsultationCommentFactory(page=consultation, state=State.RETURNED, comment="Sent back")
    reported = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, comment="Reported one")
    CommentReport.objects.create(comment=reported, reporter_key="a")
    ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, comment="Quiet published one")
    ConsultationCommentFactory(page=consultation, state=State.REMOVED, comment="Already removed")

    html = moderator_client.get(QUEUE).content.decode()

    assert (
        html.index("Old idea")
        < html.index("Recent idea")
        < html.index("Reported one")
        < html.index("Sent back")
    )
    assert "Quiet published one" not in html
    assert "Already removed" not in html
    assert "reported 1 time" in html
    assert all(comment.user_name in html for comment in (recent, old, returned))


def test_queue_shows_consultation_parent_and_screening_reasons(moderator_client, consultation):
    parent = ConsultationCommentFactory(page=consultation, comment="Benches under the trees?")
    ConsultationCommentFactory(
        page=consultation,
        parent=parent,
        state=State.PENDING,
        comment="Yes, call me 06 12 34 56 78",
        screening_reasons=["phone", "blocklist:connard"],
    )

    html = moderator_client.get(QUEUE).content.decode()

    assert consultation.title in html
    assert f"In reply to {parent.user_name}" in html
    assert "Benches under the trees?" in html
    assert "phone number" in html
    assert "blocklisted word: connard" in html


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "{{ 7|add:1 }}"])
def test_what_participants_typed_appears_in_the_queue_as_text(moderator_client, consultation, typed):
    """The queue's cells are rendered in Python (columns.py): a pseudonym, a text, the text replied to and a
    screened word are shown as typed, never run as HTML or as a template."""
    parent = ConsultationCommentFactory(page=consultation, user_name=f"P{typed}", comment=f"Parent {typed}")
    ConsultationCommentFactory(
        page=consultation,
        parent=parent,
        state=State.PENDING,
        user_name=f"R{typed}",
        comment=f"Reply {typed}",
        screening_reasons=[f"blocklist:{typed}"],
    )
    ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=f"Alone {typed}")

    html = moderator_client.get(QUEUE).content.decode()

    shown = escape(typed)
    for text in (
        f"R{shown}",
        f"Reply {shown}",
        f"In reply to P{shown}:",
        f"Parent {shown}",
        f"blocklisted word: {shown}",
    ):
        assert text in html
    assert f"Alone {shown}</p>" in html
    assert "alert(1)</script>" not in html
    assert "&lt;p" not in html and "&lt;span" not in html  # the queue's own markup is never escaped twice
    assert html.count(f"R{shown}") >= 3  # the author's cell and each decision's label for screen readers


def test_comments_past_the_promised_time_are_highlighted(moderator_client, consultation):
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(30))
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(2))

    html = moderator_client.get(QUEUE).content.decode()

    assert html.count("Past the promised time") == 1
    assert html.count('class="tm-late"') == 1


def test_queue_filters_by_consultation_state_reason_reports_and_text(
    moderator_client, site_tree, consultation
):
    other = ConsultationPageFactory(parent=site_tree.consultations, title="The canteen")
    phone = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Phone inside", screening_reasons=["phone"]
    )
    canteen = ConsultationCommentFactory(page=other, state=State.PENDING, comment="Canteen chips")
    returned = ConsultationCommentFactory(page=consultation, state=State.RETURNED, comment="Returned text")
    reported = ConsultationCommentFactory(page=consultation, comment="Reported text")
    CommentReport.objects.create(comment=reported, reporter_key="a")

    def listed(query):
        html = moderator_client.get(QUEUE + query).content.decode()
        return {c.comment for c in (phone, canteen, returned, reported) if c.comment in html}

    assert listed(f"?consultation={other.pk}") == {"Canteen chips"}
    assert listed("?state=returned") == {"Returned text"}
    assert listed("?state=flagged") == {"Reported text"}
    assert listed("?flagged=on") == {"Reported text"}
    assert listed("?reason=phone") == {"Phone inside"}
    assert listed("?q=chips") == {"Canteen chips"}
    assert listed("?consultation=999999&state=nonsense") == {
        "Phone inside",
        "Canteen chips",
        "Returned text",
        "Reported text",
    }


def test_queue_is_paginated(moderator_client, consultation):
    ConsultationCommentFactory.create_batch(55, page=consultation, state=State.PENDING)

    first = moderator_client.get(QUEUE)
    second = moderator_client.get(QUEUE + "?p=2")

    assert len(first.context["object_list"]) == 50
    assert len(second.context["object_list"]) == 5
    assert "Page 2 of 2" in second.content.decode()


def queue_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return response, captured.captured_queries


def add_waiting(consultation, count):
    parents = ConsultationCommentFactory.create_batch(max(count // 10, 1), page=consultation)
    for number in range(count):
        ConsultationCommentFactory(
            page=consultation, parent=parents[number % len(parents)], state=State.PENDING
        )


@pytest.mark.parametrize("waiting", [20, 400])
def test_queue_costs_ten_queries_whatever_its_length(moderator_client, consultation, waiting):
    add_waiting(consultation, waiting)
    moderator_client.get(QUEUE)  # warm Wagtail's per-process caches and the shared cache

    # The queue: its one count (which is also the paginator's), its rows with parents and consultations, the
    # consultation filter; the site. The signed-in user with their profile, their permissions, Wagtail's admin
    # chrome (locales, page, collection and site permissions). No session query: the session is in the cache.
    response, queries = queue_queries(moderator_client)

    assert len(queries) <= 10, "\n".join(query["sql"][:120] for query in queries)
    assert len(response.context["object_list"]) == min(waiting, 50)
    assert f"Moderation ({waiting})" in response.content.decode()  # the menu badge
    assert f"{waiting} comments wait for a decision, oldest first." in response.content.decode()


def test_the_queue_is_counted_once_per_request_on_the_queue_page_and_the_dashboard(
    moderator_client, consultation, monkeypatch
):
    add_waiting(consultation, 12)
    counted = []
    counts = queue.counts
    monkeypatch.setattr(queue, "counts", lambda: counted.append(1) or counts())

    for url in (QUEUE, "/admin/"):
        counted.clear()
        page = moderator_client.get(url).content.decode()

        assert len(counted) == 1, url
        assert "Moderation (12)" in page  # the menu badge


def test_a_filtered_queue_pages_its_own_count(moderator_client, consultation):
    ConsultationCommentFactory.create_batch(55, page=consultation, state=State.PENDING)
    ConsultationCommentFactory.create_batch(3, page=consultation, state=State.RETURNED)

    whole = moderator_client.get(QUEUE + "?p=2")
    returned = moderator_client.get(QUEUE + "?state=returned")

    assert "Page 2 of 2" in whole.content.decode()
    assert len(whole.context["object_list"]) == 8
    assert len(returned.context["object_list"]) == 3
    assert "Page 2 of" not in returned.content.decode()


# One decision at a time, through the admin views.


def test_moderator_approves_a_pending_comment_and_readers_see_it(
    moderator_client, consultation, moderator_user
):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, comment="Open the gym at night"
    )

    response = moderator_client.post(decide_url(comment, "approve"), decision_form(comment), follow=True)

    assert state_of(comment) == State.PUBLISHED
    assert "1 comment approved." in messages_of(response)
    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.moderator == moderator_user
    assert ModelLogEntry.objects.filter(object_id=str(comment.pk), action="tribune.comment.approve").exists()
    assert "Open the gym at night" in public_html(moderator_client, consultation)


@pytest.mark.parametrize("action, to_state", [("remove", State.REMOVED), ("return", State.RETURNED)])
def test_moderator_removes_or_returns_with_a_reason_and_a_message(
    moderator_client, consultation, personal_info, action, to_state
):
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PUBLISHED, comment="My address is here"
    )

    moderator_client.post(
        decide_url(comment, action),
        decision_form(comment, reason=personal_info.pk, message="Please leave out your address."),
    )

    assert state_of(comment) == to_state
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.action, decision.reason, decision.message) == (
        action,
        personal_info,
        "Please leave out your address.",
    )
    assert "My address is here" not in public_html(moderator_client, consultation)


def test_removed_parent_with_a_published_reply_shows_a_placeholder(
    moderator_client, consultation, personal_info
):
    parent = ConsultationCommentFactory(page=consultation, comment="Parent text with a secret")
    ConsultationCommentFactory(page=consultation, parent=parent, comment="A kind reply")

    moderator_client.post(decide_url(parent, "remove"), decision_form(parent, reason=personal_info.pk))

    html = public_html(moderator_client, consultation)
    assert "Parent text with a secret" not in html
    assert "This comment was removed by a moderator." in html
    assert "A kind reply" in html


def test_moderator_restores_a_removed_comment(moderator_client, consultation, moderator_user, personal_info):
    comment = ConsultationCommentFactory(page=consultation, comment="Back again")
    moderation.remove(comment, moderator_user, personal_info)

    moderator_client.post(decide_url(comment, "restore"), decision_form(comment))

    assert state_of(comment) == State.PUBLISHED
    assert "Back again" in public_html(moderator_client, consultation)


def test_removal_without_a_reason_is_refused_and_changes_nothing(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = moderator_client.post(decide_url(comment, "remove"), decision_form(comment), follow=True)

    assert state_of(comment) == State.PENDING
    assert any("Choose a reason" in message for message in messages_of(response))
    assert not ModerationDecision.objects.exists()


def test_an_unknown_reason_id_is_refused_and_changes_nothing(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = moderator_client.post(
        decide_url(comment, "return"), decision_form(comment, reason="999999"), follow=True
    )

    assert response.status_code == 200
    assert state_of(comment) == State.PENDING
    assert any("This reason does not exist any more" in message for message in messages_of(response))


def test_a_transition_that_makes_no_sense_is_refused_with_a_message(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = moderator_client.post(decide_url(comment, "restore"), decision_form(comment), follow=True)

    assert state_of(comment) == State.PENDING
    assert any("cannot be restored" in message for message in messages_of(response))


def test_a_stale_form_is_refused_with_a_clear_message(
    moderator_client, consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    form = decision_form(comment, reason=personal_info.pk)  # as the moderator's page shows it
    moderation.approve(comment, moderator_user)  # another moderator, a moment earlier

    response = moderator_client.post(decide_url(comment, "remove"), form, follow=True)

    assert state_of(comment) == State.PUBLISHED
    assert ModerationDecision.objects.filter(comment=comment).count() == 1
    assert any("Someone decided on this comment in the meantime" in m for m in messages_of(response))


@pytest.mark.parametrize("action", ["approve", "remove", "return", "restore"])
def test_get_on_an_action_url_is_refused(moderator_client, consultation, action):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = moderator_client.get(decide_url(comment, action))

    assert response.status_code == 405
    assert state_of(comment) == State.PENDING


def test_forged_comment_ids_and_actions_are_refused_with_a_message(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    refusals = [
        moderator_client.post("/admin/moderation/comments/999999/approve/", {"seen": "never;0"}, follow=True),
        moderator_client.post("/admin/moderation/comments/999999/reply/", {"text": "Hi"}, follow=True),
        moderator_client.get("/admin/moderation/comments/999999/", follow=True),
        moderator_client.post(
            f"/admin/moderation/comments/{comment.pk}/hold/", decision_form(comment), follow=True
        ),
        moderator_client.post(f"/admin/moderation/comments/{comment.pk}/withdraw/", follow=True),
    ]

    for response in refusals:
        assert response.status_code == 200
        assert any("does not exist" in message for message in messages_of(response))
    assert state_of(comment) == State.PENDING
    assert not ModerationDecision.objects.exists()


def test_a_forged_or_missing_seen_state_is_refused(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    refusals = [
        moderator_client.post(decide_url(comment, "approve"), data, follow=True)
        for data in (
            {"seen": "bogus"},
            {},
            {"seen": "2030-01-01T10:00:00;0"},  # no time zone
            {"seen": "never"},  # no report count
            {"seen": "never;-1"},
            {"seen": "never;99999999999999999999"},
        )
    ]

    assert state_of(comment) == State.PENDING
    for response in refusals:
        assert any("This form is out of date: reload the page." in m for m in messages_of(response))


@pytest.mark.parametrize(
    "seen",
    [
        "x" * 10000,
        "9999-12-31T23:59:59+23:59;0",
        "0001-01-01T00:00:00-23:59;0",
        "0001-01-01T00:00:00+23:59;0",
        "2024-01-01T00:00:00+00:00;99999",
        "never;1",  # a report the comment does not have
    ],
)
def test_a_forged_seen_token_changes_nothing_and_says_why(moderator_client, consultation, seen):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = moderator_client.post(decide_url(comment, "approve"), {"seen": seen}, follow=True)

    assert response.status_code == 200
    assert any("Nothing was changed" in message for message in messages_of(response))
    assert state_of(comment) == State.PENDING


def test_after_a_decision_the_moderator_goes_back_to_the_filtered_queue_but_never_off_site(
    moderator_client, consultation
):
    first = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    second = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    kept = moderator_client.post(
        decide_url(first, "approve"), decision_form(first, next="/admin/moderation/?q=x")
    )
    offsite = moderator_client.post(
        decide_url(second, "approve"), decision_form(second, next="https://evil.example/")
    )

    assert kept.url == "/admin/moderation/?q=x"
    assert offsite.url == QUEUE


# Reply as community manager.


def test_moderator_replies_as_community_manager_under_the_sites_display_name_not_their_own(
    moderator_client, moderator_user, consultation, site_tree
):
    CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam")
    parent = ConsultationCommentFactory(page=consultation, comment="When does the youth space open?")

    moderator_client.post(
        reply_url(parent),
        {"text": "In March, we will post the date here."},
    )

    reply = ConsultationComment.objects.get(parent_id=parent.pk, is_community_manager=True)
    assert reply.state == State.PUBLISHED
    assert reply.user_name == "Sam"
    assert reply.user == moderator_user  # for the record, never shown
    html = public_html(moderator_client, consultation)
    assert "In March, we will post the date here." in html
    assert f'<span class="comment__author" id="c{reply.pk}-author" dir="auto">Sam</span>' in html
    assert "Community manager" in html
    assert "Durand" not in html and "Camille" not in html


def test_without_a_display_name_a_reply_goes_by_community_manager(moderator_client, consultation):
    parent = ConsultationCommentFactory(page=consultation)

    response = moderator_client.post(reply_url(parent), {"text": "Thanks, we passed it on!"}, follow=True)

    assert "Your reply is published." in messages_of(response)
    reply = ConsultationComment.objects.get(parent_id=parent.pk, is_community_manager=True)
    assert reply.user_name == ""
    assert reply.author_name == "Community manager"
    html = public_html(moderator_client, consultation)
    assert (
        f'<span class="comment__author" id="c{reply.pk}-author"><span class="badge badge--manager">'
        "Community manager</span></span>"
    ) in html
    assert "Durand" not in html


def test_a_display_name_longer_than_the_column_is_shortened(moderator_client, consultation, site_tree):
    CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Marie-Christine-Alexandra de La Tour-Dupin-Gouvernet"
    )
    parent = ConsultationCommentFactory(page=consultation)
    limit = ConsultationComment._meta.get_field("user_name").max_length

    moderator_client.post(reply_url(parent), {"text": "Thanks, we passed it on!"})

    reply = ConsultationComment.objects.get(parent_id=parent.pk, is_community_manager=True)
    assert reply.user_name == "Marie-Christine-Alexandra de La Tour-Dupin-Gouver…"
    assert len(reply.user_name) == limit
    reply.clean_fields(exclude=[field.name for field in reply._meta.fields if field.name != "user_name"])
    assert "Marie-Christine-Alexandra de La Tour-Dupin-Gouver…" in public_html(moderator_client, consultation)


def test_replying_to_an_unpublished_comment_or_with_no_text_is_refused(moderator_client, consultation):
    pending = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    published = ConsultationCommentFactory(page=consultation)

    first = moderator_client.post(reply_url(pending), {"text": "Hi"}, follow=True)
    second = moderator_client.post(reply_url(published), {"text": ""}, follow=True)

    assert not ConsultationComment.objects.filter(is_community_manager=True).exists()
    assert any("only reply to a published comment" in m for m in messages_of(first))
    assert any("Your reply is empty." in m for m in messages_of(second))


# Bulk decisions.


def test_bulk_approve_publishes_every_selected_comment(moderator_client, consultation):
    comments = ConsultationCommentFactory.create_batch(3, page=consultation, state=State.PENDING)
    untouched = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    response = bulk(moderator_client, comments, "approve")

    assert [state_of(c) for c in comments] == [State.PUBLISHED] * 3
    assert state_of(untouched) == State.PENDING
    assert "3 comments approved." in messages_of(response)


@pytest.mark.parametrize("action, to_state", [("remove", State.REMOVED), ("return", State.RETURNED)])
def test_bulk_remove_and_return_need_a_reason_and_record_it(
    moderator_client, consultation, personal_info, action, to_state
):
    comments = ConsultationCommentFactory.create_batch(2, page=consultation, state=State.PENDING)

    refused = bulk(moderator_client, comments, action)
    assert [state_of(c) for c in comments] == [State.PENDING] * 2
    assert any("Choose a reason" in m for m in messages_of(refused))

    bulk(moderator_client, comments, action, reason=personal_info.pk, message="Same for both")

    assert [state_of(c) for c in comments] == [to_state] * 2
    assert set(ModerationDecision.objects.values_list("reason", "message")) == {
        (personal_info.pk, "Same for both")
    }


def test_removed_comments_are_listed_on_request_and_restored_in_bulk(
    moderator_client, consultation, moderator_user, personal_info
):
    comments = ConsultationCommentFactory.create_batch(2, page=consultation, comment="Removed, then restored")
    for comment in comments:
        moderation.remove(comment, moderator_user, personal_info)
    assert "Removed, then restored" not in moderator_client.get(QUEUE).content.decode()
    listed = moderator_client.get(QUEUE + "?state=removed").content.decode()
    assert listed.count("Removed, then restored") == 2

    bulk(moderator_client, [ConsultationComment.objects.get(pk=c.pk) for c in comments], "restore")

    assert [state_of(c) for c in comments] == [State.PUBLISHED] * 2


def test_bulk_skips_stale_and_forged_comments_and_says_so(moderator_client, consultation, moderator_user):
    fresh = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    stale = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    url = bulk_url("approve", [fresh.pk, stale.pk, 999999, "junk"])
    confirmation = moderator_client.get(url).content.decode()
    moderation.approve(stale, moderator_user)  # another moderator, while this one reads the confirmation

    response = moderator_client.post(url, hidden_fields(confirmation), follow=True)

    assert state_of(fresh) == State.PUBLISHED
    assert ModerationDecision.objects.filter(comment=stale).count() == 1
    text = " ".join(messages_of(response))
    assert "1 comment approved." in text
    assert "3 comments were not changed" in text
    assert "1 selection was not understood." in text
    assert "Someone decided on this comment in the meantime" in text
    assert "comment #999999 does not exist" in text


def test_bulk_without_selection_or_with_an_unknown_action_changes_nothing(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    empty = bulk(moderator_client, [], "approve")
    unknown = moderator_client.post(bulk_url("hold", [comment.pk]), follow=True)
    looked_at = moderator_client.get(bulk_url("approve", [comment.pk]))

    assert state_of(comment) == State.PENDING
    assert any("Select at least one comment" in m for m in messages_of(empty))
    assert unknown.status_code == 404
    assert looked_at.status_code == 200 and not ModerationDecision.objects.exists()


# History.


def test_comment_page_shows_who_decided_when_and_why(
    moderator_client, consultation, moderator_user, personal_info
):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    moderation.return_for_revision(
        comment, moderator_user, personal_info, message="Without the address, please."
    )

    html = moderator_client.get(comment_url(comment)).content.decode()

    assert "Returned for revision" in html
    assert "Camille Durand" in html
    assert "Personal information" in html
    assert "Without the address, please." in html


def test_history_per_consultation_lists_only_its_decisions(
    moderator_client, site_tree, consultation, moderator_user
):
    other = ConsultationPageFactory(parent=site_tree.consultations, title="The canteen")
    here = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Here it is")
    there = ConsultationCommentFactory(page=other, state=State.PENDING, comment="Over there")
    moderation.approve(here, moderator_user)
    moderation.approve(there, moderator_user)

    everything = moderator_client.get(links.history_url()).content.decode()
    filtered = moderator_client.get(links.history_url() + f"?consultation={consultation.pk}").content.decode()

    assert "Here it is" in everything and "Over there" in everything
    assert "Here it is" in filtered and "Over there" not in filtered
    assert moderator_client.get(links.history_url() + "?consultation=abc").status_code == 200


# The dashboard panel.


def test_dashboard_panel_counts_waiting_comments(moderator_client, consultation):
    ConsultationCommentFactory.create_batch(
        2, page=consultation, state=State.PENDING, submit_date=hours_ago(3)
    )

    html = moderator_client.get("/admin/").content.decode()

    assert "Comments waiting for moderation" in html
    assert "Late:" not in html
    assert 'class="tm-panel tm-panel--late"' not in html


def test_dashboard_panel_turns_red_and_says_so_past_the_promised_time(moderator_client, consultation):
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(26))
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(1))

    html = moderator_client.get("/admin/").content.decode()

    assert 'class="tm-panel tm-panel--late"' in html
    assert "Late: 1 comment has waited longer than the promised 24 hours." in html
    assert "1\xa0day, 2\xa0hours" in html


def test_reasons_offered_are_in_the_moderators_language(moderator_client, consultation):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    html = moderator_client.get(comment_url(comment)).content.decode()

    assert "Personal information" in html
    assert "Informations personnelles" not in html
    assert ReasonCategory.objects.filter(title="Informations personnelles").exists()


def test_the_promise_follows_the_setting(moderator_client, consultation, site_tree):
    from guidelines.factories import CommunityManagerSettingsFactory

    CommunityManagerSettingsFactory(site=site_tree.site, promised_response_hours=48)
    ConsultationCommentFactory(page=consultation, state=State.PENDING, submit_date=hours_ago(30))

    dashboard = moderator_client.get("/admin/").content.decode()
    html = moderator_client.get(QUEUE).content.decode()

    assert "Late:" not in dashboard
    assert "Past the promised time" not in html
    assert "We promise an answer within 48 hours." in html
