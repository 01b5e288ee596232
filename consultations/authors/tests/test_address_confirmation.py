"""No relay for bullies or spammers: until its owner confirms an address, Tribune sends it nobody's text,
and only a few emails a day, whoever types it."""

import datetime
import importlib
import logging
import re

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client
from django.utils import timezone
from post_office.models import STATUS, Email

from consultations.authors.links import make_token
from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import (
    AuthorAddress,
    ConsultationComment,
    ReasonCategory,
    UnconfirmedAddressEmail,
    address_key,
)
from consultations.moderation import service as moderation
from consultations.privacy.retention import erase_expired_author_data
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
VICTIM = "victim@example.org"
NASTY = "You are a loser and everyone at school knows it"


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user("camille", email="camille@example.org")


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def everything_in(message):
    html = message.alternatives[0][0] if message.alternatives else ""
    return f"{message.subject}\n{message.body}\n{html}"


def confirm_link_in(message):
    return re.search(r"https?://testserver(/en/my-comment/confirm/[^\s\"<>]+)", message.body).group(1)


def post_as_someone(page, comment_data, number, **fields):
    """A different person (own network address) posting on the page."""
    client = Client(REMOTE_ADDR=f"198.51.100.{number}")
    return client.post(comment_post_url(page), comment_data(page, **fields))


def test_an_unconfirmed_address_gets_a_received_email_with_no_text_no_pseudonym_and_a_confirmation_link(
    consultation, comment_data
):
    post_as_someone(consultation, comment_data, 1, email=VICTIM, name="Bully_99", comment=NASTY)
    deliver()

    [message] = emails_to(VICTIM)
    text = everything_in(message)
    assert message.subject == "We received your comment"
    assert NASTY not in text
    assert "loser" not in text
    assert "Bully_99" not in text
    assert consultation.title in text
    assert "If you did not post on Tribune, ignore this email." in message.body
    assert "/my-comment/confirm/" in message.body
    assert "/my-comment/confirm/" in message.alternatives[0][0]


def test_a_troll_typing_a_confirmed_pupils_address_sends_her_none_of_the_trolls_words(
    consultation, comment_data, moderator
):
    ConfirmedAddressFactory(address=VICTIM)  # she posted before and confirmed her address
    reason = ReasonCategory.objects.get(title="Disrespect or harassment")

    post_as_someone(consultation, comment_data, 1, email=VICTIM, name="UglyLoser", comment=NASTY)
    post_as_someone(consultation, comment_data, 2, email=VICTIM, name="UglyLoser", comment=f"Again: {NASTY}")
    first, second = ConsultationComment.objects.order_by("pk")
    moderation.remove(first, moderator, reason)
    moderation.return_for_revision(second, moderator, reason)
    deliver()

    messages = emails_to(VICTIM)
    assert [message.subject for message in messages] == [
        "We received your comment",
        "We received your comment",
        "Your comment will not be published",  # it was never public
        "Please change your comment a little",
    ]
    for message in messages:
        text = everything_in(message)
        assert "loser" not in text.lower()
        assert "Hello," in message.body
        assert "this email quotes no comment" in message.body
        assert "/my-comment/confirm/" not in message.body


def test_after_confirming_the_published_email_quotes_the_comment(
    client, consultation, comment_data, moderator
):
    post_as_someone(consultation, comment_data, 1, email="lina@example.org", name="Lina.B")
    deliver()
    [received] = emails_to("lina@example.org")
    link = confirm_link_in(received)

    page = client.get(link)
    done = client.post(link, {"confirm_address": "1"})
    moderation.approve(ConsultationComment.objects.get(), moderator)
    mail.outbox.clear()
    deliver()

    assert "Yes, this address is mine" in page.content.decode()
    assert AuthorAddress.objects.get(key=address_key("lina@example.org")).confirmed_at is not None
    assert "your address is confirmed" in done.content.decode()
    [published] = emails_to("lina@example.org")
    assert "More shade and benches, please." in published.body
    assert "Hello Lina.B" in published.body
    assert "/my-comment/confirm/" not in published.body
    assert "More shade and benches, please." not in received.body


def test_opening_the_confirmation_link_without_pressing_the_button_confirms_nothing(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email=VICTIM)

    client.get(f"/en/my-comment/confirm/{make_token(comment, 'confirm')}/")  # a mail scanner prefetching it

    assert not AuthorAddress.objects.filter(key=comment.author_key, confirmed_at__isnull=False).exists()


def post_ten_times_as_ten_people(consultation, comment_data, address=VICTIM):
    for number in range(10):
        post_as_someone(
            consultation,
            comment_data,
            number + 1,
            email=address,
            name=f"Troll{number}",
            comment=f"{NASTY} {number}",
        )


def at_most_three_in_any_24_hours(times):
    times = sorted(times)
    return all(
        later - earlier >= datetime.timedelta(hours=24)
        for earlier, later in zip(times, times[3:], strict=False)
    )


def test_ten_people_typing_the_same_victim_address_get_three_emails_to_it_now_and_the_others_later(
    consultation, comment_data, caplog, settings
):
    # Spread over an afternoon, so the per-author posting budget (5 per 10 minutes) does not apply.
    settings.TRIBUNE_AUTHOR_COMMENT_RATE = "100/10m"
    with caplog.at_level(logging.INFO, logger="consultations.authors.address_confirmation"):
        post_ten_times_as_ten_people(consultation, comment_data)
    deliver()

    assert ConsultationComment.objects.filter(user_email=VICTIM).count() == 10
    assert len(emails_to(VICTIM)) == 3
    waiting = Email.objects.filter(to=VICTIM, status=STATUS.queued)
    tomorrow = timezone.now() + datetime.timedelta(hours=23, minutes=59)
    assert waiting.count() == 7
    assert all(email.scheduled_time >= tomorrow for email in waiting)
    ledger = UnconfirmedAddressEmail.objects.filter(address__key=address_key(VICTIM))
    assert at_most_three_in_any_24_hours(ledger.values_list("scheduled_for", flat=True))
    deferrals = [r for r in caplog.records if r.name == "consultations.authors.address_confirmation"]
    assert len([record for record in deferrals if "deferred" in record.getMessage()]) == 7
    assert VICTIM not in caplog.text
    assert not Email.objects.filter(status=STATUS.failed).exists()  # none is lost


def test_spellings_of_one_mailbox_share_its_daily_cap(consultation, comment_data, settings):
    settings.TRIBUNE_AUTHOR_COMMENT_RATE = "100/10m"
    spellings = ["victim@gmail.com", "victim+1@gmail.com", "v.ictim@gmail.com", "Vic.tim+x@GoogleMail.com"]

    for number, spelling in enumerate(spellings):
        post_as_someone(consultation, comment_data, number + 1, email=spelling, comment=f"{NASTY} {number}")
    deliver()

    assert len(mail.outbox) == 3
    assert Email.objects.filter(status=STATUS.queued).count() == 1
    assert len({comment.author_key for comment in ConsultationComment.objects.all()}) == 1


def test_a_mailbox_key_ignores_plus_tags_and_gmail_dots_but_not_other_dots():
    assert address_key("victim+1@gmail.com") == address_key("victim@gmail.com")
    assert address_key("v.ictim@gmail.com") == address_key("victim@gmail.com")
    assert address_key(" V.I.C.T.I.M+school@GoogleMail.com") == address_key("victim@gmail.com")
    assert address_key("owl+tribune@example.org") == address_key("Owl@Example.org")
    assert address_key("o.wl@example.org") != address_key("owl@example.org")
    assert address_key("owl@example.org") != address_key("owl@example.com")


def test_the_migration_computes_the_same_keys_as_the_site(consultation):
    migration = importlib.import_module(
        "consultations.migrations.0012_canonical_address_keys_and_deferred_emails"
    )
    spellings = [
        "victim+1@gmail.com",
        "V.ictim@GoogleMail.com",
        "owl+x@example.org",
        "o.wl@example.org",
        "odd",
    ]

    assert [migration.mailbox_key(s) for s in spellings] == [address_key(s) for s in spellings]


def test_the_migration_rekeys_old_comments_and_keeps_their_owners_confirmation(consultation):
    migration = importlib.import_module(
        "consultations.migrations.0012_canonical_address_keys_and_deferred_emails"
    )
    comment = ConsultationCommentFactory(page=consultation, user_email="Lina.B+tribune@gmail.com")
    old_key = migration.spelling_key("Lina.B+tribune@gmail.com")
    ConsultationComment.objects.filter(pk=comment.pk).update(author_key=old_key)  # as before the migration
    AuthorAddress.objects.create(key=old_key, confirmed_at=timezone.now())

    migration.rekey_by_mailbox(apps, None)

    assert ConsultationComment.objects.get(pk=comment.pk).author_key == address_key("linab@gmail.com")
    assert AuthorAddress.objects.get().key == address_key("linab@gmail.com")
    assert AuthorAddress.objects.get().confirmed_at is not None


def test_the_daily_cap_of_an_unconfirmed_address_rolls_over_after_24_hours(consultation, moderator):
    comments = [
        ConsultationCommentFactory(page=consultation, user_email=VICTIM, state=State.PENDING)
        for _ in range(4)
    ]
    for comment in comments[:3]:
        moderation.approve(comment, moderator)
    UnconfirmedAddressEmail.objects.update(scheduled_for=timezone.now() - datetime.timedelta(hours=25))

    moderation.approve(comments[3], moderator)
    deliver()

    assert len(emails_to(VICTIM)) == 4


def test_a_returned_email_over_the_cap_is_delivered_the_next_day_with_its_revise_link(
    consultation, moderator, monkeypatch
):
    reason = ReasonCategory.objects.get(title="Personal information")
    for _ in range(3):
        moderation.approve(
            ConsultationCommentFactory(page=consultation, user_email=VICTIM, state=State.PENDING), moderator
        )
    returned = ConsultationCommentFactory(page=consultation, user_email=VICTIM, state=State.PENDING)

    moderation.return_for_revision(returned, moderator, reason)
    deliver()
    today = [message.subject for message in emails_to(VICTIM)]
    tomorrow = timezone.now() + datetime.timedelta(hours=24, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    deliver()

    assert today == ["Your comment is published"] * 3
    [later] = emails_to(VICTIM)[3:]
    assert later.subject == "Please change your comment a little"
    assert "/my-comment/revise/" in later.body


def test_a_confirmed_address_is_remembered_across_comments_and_has_no_daily_cap(
    client, consultation, comment_data
):
    first = ConsultationCommentFactory(page=consultation, user_email="Regular@example.org")
    client.post(f"/en/my-comment/confirm/{make_token(first, 'confirm')}/", {"confirm_address": "1"})

    for number in range(5):
        post_as_someone(
            consultation,
            comment_data,
            number + 1,
            email="regular@example.org",
            comment=f"Idea number {number}",
        )
    deliver()

    received = emails_to("regular@example.org")
    assert len(received) == 5
    assert not any("Idea number" in everything_in(message) for message in received)  # nobody published it yet
    assert AuthorAddress.objects.get().confirmed_at is not None


def test_a_withdraw_link_cannot_confirm_an_address(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email=VICTIM)
    withdraw_token = make_token(comment, "withdraw")

    response = client.post(f"/en/my-comment/confirm/{withdraw_token}/", {"confirm_address": "1"})

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert not AuthorAddress.objects.filter(confirmed_at__isnull=False).exists()


def test_a_tampered_confirmation_link_gets_the_invalid_page(client, consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email=VICTIM)
    token = make_token(comment, "confirm")

    response = client.post(f"/en/my-comment/confirm/{token[:-3]}abc/", {"confirm_address": "1"})

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert not AuthorAddress.objects.filter(confirmed_at__isnull=False).exists()


def test_the_reply_notification_to_an_unconfirmed_parent_author_carries_no_reply_text(
    consultation, moderator
):
    parent = ConsultationCommentFactory(
        page=consultation, user_email=VICTIM, followup=True, user_name="Victim"
    )
    reply = ConsultationCommentFactory(
        page=consultation, parent=parent, state=State.PENDING, user_name="Bully_99", comment=NASTY
    )

    moderation.approve(reply, moderator)
    moderation.reply_as_manager(parent, moderator, "Manager's words about the loser")
    deliver()

    messages = emails_to(VICTIM)
    assert sorted(message.subject for message in messages) == [  # the outbox has no order among equals
        "Someone answered your comment",
        "The community manager answered your comment",
    ]
    for message in messages:
        text = everything_in(message)
        assert "loser" not in text
        assert "Bully_99" not in text
        assert "Victim" not in text
        assert parent.comment not in text
        assert (
            "The community manager answered your comment on"
            if message.subject.startswith("The community manager")
            else "Someone answered your comment on"
        ) in message.body
        assert "/my-comment/confirm/" in message.body


def test_an_unconfirmed_removal_email_keeps_the_reason_and_the_moderators_words_only(consultation, moderator):
    comment = ConsultationCommentFactory(
        page=consultation, user_email=VICTIM, user_name="Bully_99", comment=NASTY
    )
    reason = ReasonCategory.objects.get(title="Disrespect or harassment")

    moderation.remove(comment, moderator, reason, message="No insults here.")
    deliver()

    [message] = emails_to(VICTIM)
    text = everything_in(message)
    assert "Disrespect or harassment" in text
    assert reason.explanation in message.body
    assert "No insults here." in text
    assert "loser" not in text
    assert "Bully_99" not in text
    assert "Your comment was:" not in message.body


def test_pages_behind_the_emailed_links_show_no_text_to_an_unconfirmed_address(
    client, consultation, moderator
):
    reason = ReasonCategory.objects.get(title="Disrespect or harassment")
    comment = ConsultationCommentFactory(
        page=consultation, user_email=VICTIM, comment=NASTY, state=State.PENDING
    )
    decision = moderation.return_for_revision(comment, moderator, reason)

    pages = {
        purpose: client.get(f"/en/my-comment/{purpose}/{make_token(comment, purpose, decision)}/")
        for purpose in ("revise", "download")
    }
    withdraw = client.get(f"/en/my-comment/withdraw/{make_token(comment, 'withdraw')}/")

    for response in (*pages.values(), withdraw):
        assert response.status_code == 200
        assert "loser" not in response.content.decode()
    assert "Yes, this address is mine" in pages["revise"].content.decode()
    assert "Yes, this address is mine" in pages["download"].content.decode()
    assert "Delete my comment" in withdraw.content.decode()


def test_confirming_from_the_download_link_then_downloads(client, consultation):
    comment = ConsultationCommentFactory(
        page=consultation, user_email="owl@example.org", comment="My own idea"
    )
    url = f"/en/my-comment/download/{make_token(comment, 'download')}/"

    confirmed = client.post(url, {"confirm_address": "1"})
    response = client.get(confirmed["Location"])

    assert confirmed.status_code == 302
    assert response["Content-Type"].startswith("application/json")
    assert "My own idea" in response.content.decode()


def test_retention_forgets_addresses_that_no_comment_carries_any_more(consultation):
    comment = ConsultationCommentFactory(page=consultation, user_email=VICTIM)
    ConfirmedAddressFactory(address=VICTIM)
    consultation.opens_at = timezone.now() - datetime.timedelta(days=90)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=60)
    consultation.save_revision().publish()

    erase_expired_author_data(30)

    assert ConsultationComment.objects.get(pk=comment.pk).author_key == ""
    assert not AuthorAddress.objects.exists()
