import datetime
import json
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from consultations.authors.links import make_token
from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationDecision, ModeratorNotice, ReasonCategory
from consultations.moderation import service as moderation
from consultations.notifications import to_moderators
from consultations.notifications.tests.mail_backends import FlakySMTPBackend
from consultations.notifications.to_moderators import send_moderation_reminders
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture(autouse=True)
def clean_slate():
    cache.clear()
    FlakySMTPBackend.down = False
    FlakySMTPBackend.attempts = 0


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user(
        "camille", email="camille.moderator@example.org", password="x"
    )
    user.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    return user


@pytest.fixture
def reason(db):
    return ReasonCategory.objects.get(title="Personal information")


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def only_email_to(address):
    messages = sent_to(address)
    assert len(messages) == 1, [m.subject for m in mail.outbox]
    message = messages[0]
    html = message.alternatives[0][0] if message.alternatives else ""
    return message, html


def links_in(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def path_of(link):
    return link.split("testserver", 1)[1]


def test_pre_moderated_author_gets_one_received_email_in_their_language(
    client, site_tree, consultation, comment_data
):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()
    ConfirmedAddressFactory(address="lina@example.org")

    client.post(comment_post_url(french), comment_data(french, email="lina@example.org", name="Lina.B"))
    deliver()

    message, html = only_email_to("lina@example.org")
    assert message.subject == "Nous avons bien reçu ton commentaire"
    assert "Bonjour," in message.body
    assert "Lina.B" not in message.body + html  # nobody published it yet: anyone could have typed her address
    assert "More shade and benches, please." not in message.body + html
    assert "<html" in html
    assert "lina@example.org" not in message.body + html


def test_approval_emails_the_author_a_link_to_the_comment(client, consultation, moderator):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="sam@example.org")

    moderation.approve(comment, moderator)
    deliver()

    message, html = only_email_to("sam@example.org")
    assert message.subject == "Your comment is published"
    permalink = next(link for link in links_in(message.body) if f"/comments/{comment.pk}/" in link)
    assert client.get(path_of(permalink))["Location"] == f"{consultation.url}#c{comment.pk}"


def test_removal_email_gives_the_reason_the_message_and_the_way_back_but_not_the_removed_text(
    consultation, moderator, reason
):
    ConfirmedAddressFactory(address="jo@example.org")
    comment = ConsultationCommentFactory(
        page=consultation,
        state=State.PUBLISHED,
        user_email="jo@example.org",
        comment="Call my cousin on 06 12 34 56 78",
    )

    moderation.remove(comment, moderator, reason, message="Please never share phone numbers here.")
    deliver()

    message, html = only_email_to("jo@example.org")
    assert message.subject == "Your comment was removed"
    assert "Personal information" in message.body
    assert reason.explanation in message.body
    assert "Please never share phone numbers here." in message.body
    assert "06 12 34 56 78" not in message.body + html
    assert "/my-comment/download/" in message.body  # where the author can read what they wrote
    assert reason.explanation in html
    assert "Please never share phone numbers here." in html
    assert "write a new comment that follows the rules" in message.body
    assert consultation.url in message.body


def test_removal_email_is_in_french_for_a_french_author(consultation, moderator, reason):
    comment = ConsultationCommentFactory(page=consultation, user_email="jo@example.org", language="fr")

    moderation.remove(comment, moderator, reason)
    deliver()

    message, _html = only_email_to("jo@example.org")
    assert message.subject == "Ton commentaire a été retiré"
    assert "Informations personnelles" in message.body


def test_revision_link_lets_the_author_resubmit_once(client, consultation, moderator, reason):
    ConfirmedAddressFactory(address="kenza@example.org")
    comment = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_email="kenza@example.org"
    )
    moderation.return_for_revision(comment, moderator, reason, message="Remove the address.")
    deliver()
    message, _html = only_email_to("kenza@example.org")
    revise = path_of(next(link for link in links_in(message.body) if "/revise/" in link))

    form_page = client.get(revise)
    done = client.post(revise, {"comment": "The same idea, without the address."})
    reused = client.post(revise, {"comment": "Trying again"})

    assert form_page.status_code == 200
    assert "Remove the address." in form_page.content.decode()
    assert done.status_code == 200
    comment.refresh_from_db()
    assert comment.state == State.PENDING
    assert comment.comment == "The same idea, without the address."
    assert reused.status_code == 400
    assert "already been used" in reused.content.decode()
    assert comment.decisions.first().action == ModerationDecision.Action.RESUBMIT


def test_revision_keeps_the_comment_rules(client, consultation, moderator, reason):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    ConfirmedAddressFactory(address=comment.user_email)
    decision = moderation.return_for_revision(comment, moderator, reason)
    url = f"/en/my-comment/revise/{make_token(comment, 'revise', decision)}/"

    response = client.post(url, {"comment": "x" * 2001})

    assert response.status_code == 400
    assert "Your comment is too long" in response.content.decode()
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.RETURNED


@pytest.mark.parametrize("purpose", ["revise", "withdraw", "download", "unsubscribe"])
def test_tampered_links_get_a_clear_page_and_change_nothing(client, consultation, purpose):
    comment = ConsultationCommentFactory(page=consultation, state=State.RETURNED)
    token = make_token(comment, purpose)

    response = client.post(f"/en/my-comment/{purpose}/{token[:-3]}abc/", {"comment": "hacked"})

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.RETURNED


def test_expired_link_gets_a_clear_page(client, consultation, moderator, reason, monkeypatch):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    decision = moderation.return_for_revision(comment, moderator, reason)
    token = make_token(comment, "revise", decision)
    real_loads = signing.loads
    monkeypatch.setattr(
        signing, "loads", lambda *args, **kwargs: real_loads(*args, **{**kwargs, "max_age": -1})
    )

    response = client.get(f"/en/my-comment/revise/{token}/")

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


def test_author_can_withdraw_their_comment_and_replies_stay(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, comment="My phone is 06 12 34 56 78")
    ConsultationCommentFactory(page=consultation, parent=comment, comment="Nice idea!")
    url = f"/en/my-comment/withdraw/{make_token(comment, 'withdraw')}/"

    assert client.get(url).status_code == 200
    client.post(url)

    comment.refresh_from_db()
    assert comment.state == State.WITHDRAWN
    assert comment.comment == ""
    html = client.get(consultation.url).content.decode()
    assert "This comment was removed at its author" in html
    assert "Nice idea!" in html
    assert client.post(url).status_code == 400


def test_author_can_download_what_they_posted_without_any_address(client, consultation):
    ConfirmedAddressFactory(address="owl@example.org")
    first = ConsultationCommentFactory(page=consultation, user_email="Owl@Example.org", comment="First idea")
    ConsultationCommentFactory(page=consultation, user_email="owl@example.org", comment="Second idea")
    ConsultationCommentFactory(page=consultation, user_email="someone.else@example.org", comment="Not mine")

    response = client.get(f"/en/my-comment/download/{make_token(first, 'download')}/")

    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert [item["text"] for item in data["comments"]] == ["First idea", "Second idea"]
    assert "example.org" not in response.content.decode().lower()


def test_reply_email_goes_only_to_the_parent_author_who_opted_in(
    client, consultation, comment_data, moderator
):
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    ConfirmedAddressFactory(address="parent@example.org")
    ConsultationCommentFactory(page=consultation, user_email="bystander@example.org", followup=True)

    client.post(
        comment_post_url(consultation),
        comment_data(consultation, reply_to=str(parent.pk), email="replier@example.org", name="Sam"),
    )
    moderation.approve(ConsultationComment.objects.get(user_name="Sam"), moderator)
    deliver()

    message, _html = only_email_to("parent@example.org")
    assert "Sam answered your comment" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert sent_to("bystander@example.org") == []
    assert "replier@example.org" not in message.body


def test_no_reply_email_without_opt_in_but_always_for_the_community_manager(consultation, moderator):
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=False)
    reply = ConsultationCommentFactory(page=consultation, parent=parent, state=State.PENDING)

    moderation.approve(reply, moderator)
    moderation.reply_as_manager(parent, moderator, "We passed your idea on.")
    deliver()

    message, _html = only_email_to("parent@example.org")
    assert message.subject == "The community manager answered your comment"


def test_unsubscribe_stops_reply_emails(client, consultation, moderator):
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    url = f"/en/my-comment/unsubscribe/{make_token(parent, 'unsubscribe')}/"

    client.post(url)  # as a mail client's one-click unsubscribe does, without a CSRF token
    moderation.approve(
        ConsultationCommentFactory(page=consultation, parent=parent, state=State.PENDING), moderator
    )
    deliver()

    assert ConsultationComment.objects.get(pk=parent.pk).followup is False
    assert sent_to("parent@example.org") == []


def test_a_comment_held_after_reports_and_approved_again_repeats_no_email(consultation, moderator):
    ConfirmedAddressFactory(address="parent@example.org")
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    reply = ConsultationCommentFactory(
        page=consultation, parent=parent, state=State.PENDING, user_email="sam@example.org"
    )

    moderation.approve(reply, moderator)
    moderation.hold(reply, message="Hidden after 3 reports from readers.")
    moderation.approve(reply, moderator)
    deliver()

    assert [message.subject for message in sent_to("sam@example.org")] == ["Your comment is published"]
    assert [message.subject for message in sent_to("parent@example.org")] == ["Someone answered your comment"]


def test_a_removed_comment_restored_tells_its_author_it_is_published_again_but_not_the_parent(
    consultation, moderator, reason
):
    parent = ConsultationCommentFactory(page=consultation, user_email="parent@example.org", followup=True)
    reply = ConsultationCommentFactory(
        page=consultation, parent=parent, state=State.PENDING, user_email="sam@example.org"
    )

    moderation.approve(reply, moderator)
    moderation.remove(reply, moderator, reason)
    moderation.restore(reply, moderator)
    deliver()

    assert [message.subject for message in sent_to("sam@example.org")] == [
        "Your comment is published",
        "Your comment was removed",
        "Your comment is published",
    ]
    assert len(sent_to("parent@example.org")) == 1


def test_in_each_mode_a_flood_of_comments_sends_ten_emails_then_one_saying_many_are_waiting(
    consultation, moderator, settings
):
    assert settings.TRIBUNE_MODERATOR_EMAIL_BURST == 10
    comments = [ConsultationCommentFactory(page=consultation, state=State.PENDING) for _ in range(30)]

    for comment in comments:
        to_moderators.notify_moderators_of_new_comment(comment)
    deliver()

    subjects = [message.subject for message in sent_to("camille.moderator@example.org")]
    assert subjects == ["A new comment is waiting for moderation"] * 10 + [
        "Many new comments are waiting for moderation"
    ]
    [many] = sent_to("camille.moderator@example.org")[10:]
    assert "/admin/moderation/" in many.body
    assert comments[-1].comment not in many.body
    assert ConsultationComment.objects.filter(state=State.PENDING).count() == 30  # all still in the queue


def test_after_ten_minutes_of_calm_each_new_comment_is_emailed_again(consultation, moderator, monkeypatch):
    for _ in range(12):
        to_moderators.notify_moderators_of_new_comment(
            ConsultationCommentFactory(page=consultation, state=State.PENDING)
        )
    later = timezone.now() + datetime.timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    to_moderators.notify_moderators_of_new_comment(
        ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="After the flood")
    )
    deliver()

    messages = sent_to("camille.moderator@example.org")
    assert len(messages) == 12
    assert "After the flood" in messages[-1].body


def test_comments_hidden_by_reports_reach_the_moderators_even_during_a_flood(consultation, moderator):
    for _ in range(15):
        to_moderators.notify_moderators_of_new_comment(
            ConsultationCommentFactory(page=consultation, state=State.PENDING)
        )
    held = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="Reported thrice")

    to_moderators.notify_moderators_of_held_comment(held, 3)
    deliver()

    assert "Reported thrice" in sent_to("camille.moderator@example.org")[-1].body


def test_moderators_get_an_email_for_each_new_pending_comment(client, consultation, comment_data, moderator):
    client.post(comment_post_url(consultation), comment_data(consultation))
    deliver()

    message, _html = only_email_to("camille.moderator@example.org")
    assert "waiting for moderation" in message.subject
    assert "More shade and benches" in message.body
    assert "owl@example.org" not in message.body


def test_reminders_report_overdue_comments_once(consultation, moderator, settings):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "off"
    old = ConsultationCommentFactory(page=consultation, state=State.PENDING)
    ConsultationComment.objects.filter(pk=old.pk).update(
        submit_date=timezone.now() - datetime.timedelta(hours=30)
    )
    ConsultationCommentFactory(page=consultation, state=State.PENDING)

    first = send_moderation_reminders(24)
    second = send_moderation_reminders(24)
    call_command("moderation_reminders")
    deliver()

    assert (first, second) == (1, 0)
    assert ModeratorNotice.objects.filter(comment=old, kind="overdue").count() == 1
    message, _html = only_email_to("camille.moderator@example.org")
    assert "longer than promised" in message.subject


def test_mail_server_down_during_100_approvals_loses_nothing_and_sends_each_email_once(
    consultation, moderator, settings
):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "consultations.notifications.tests.mail_backends.FlakySMTPBackend"},
    }
    comments = [
        ConsultationCommentFactory(
            page=consultation, state=State.PENDING, user_email=f"author{n}@example.org"
        )
        for n in range(100)
    ]
    FlakySMTPBackend.down = True

    for comment in comments:
        moderation.approve(comment, moderator)
    deliver()

    assert ConsultationComment.objects.filter(state=State.PUBLISHED).count() == 100
    assert ModerationDecision.objects.count() == 100
    assert mail.outbox == []
    assert Email.objects.filter(status=STATUS.requeued).count() == 100
    assert Email.objects.filter(status=STATUS.requeued, scheduled_time__gt=timezone.now()).count() == 100

    FlakySMTPBackend.down = False
    Email.objects.update(
        scheduled_time=timezone.now() - datetime.timedelta(seconds=1)
    )  # the back-off has passed
    deliver()
    deliver()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"author{n}@example.org" for n in range(100)
    )
    assert Email.objects.filter(status=STATUS.sent).count() == 100


def test_decision_rolled_back_sends_nothing(consultation, moderator):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    with pytest.raises(RuntimeError), transaction.atomic():
        moderation.approve(comment, moderator)
        raise RuntimeError("something failed after the decision")
    deliver()

    assert Email.objects.count() == 0
    assert mail.outbox == []
    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PENDING


def test_invalid_author_address_keeps_the_decision_and_shows_the_failure(consultation, moderator):
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="not an address")

    moderation.approve(comment, moderator)

    assert ConsultationComment.objects.get(pk=comment.pk).state == State.PUBLISHED
    failed = Email.objects.get(status=STATUS.failed)
    assert failed.logs.get().message == "Invalid recipient address"


def test_failed_delivery_never_writes_an_address_to_the_logs(consultation, moderator, settings, caplog):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "consultations.notifications.tests.mail_backends.FlakySMTPBackend"},
    }
    FlakySMTPBackend.down = True
    moderation.approve(
        ConsultationCommentFactory(page=consultation, state=State.PENDING, user_email="owl@example.org"),
        moderator,
    )
    from site_project.log_filters import RedactEmailAddresses

    with caplog.at_level(logging.INFO):
        caplog.handler.addFilter(RedactEmailAddresses())
        deliver()

    assert caplog.records
    assert "owl@example.org" not in caplog.text
    assert "<email redacted>" in caplog.text
