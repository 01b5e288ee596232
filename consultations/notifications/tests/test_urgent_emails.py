"""The moderators' email about an urgent comment: at once, "URGENT" in the subject in each moderator's language,
whatever the notification mode and the burst cap, a link to the comment in the queue and no word of it; capped
itself against a flood of urgent phrases."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from wagtail.users.models import UserProfile

from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModeratorNotice
from consultations.moderation import links
from consultations.notifications import to_moderators
from consultations.notifications.mail import absolute
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
HREF = re.compile(r'href="([^"]*)"')
TEXT = "Honestly, my stepdad hits me and I want to die"


def make_moderator(username, language):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x")
    user.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def moderators(db):
    return make_moderator("amelie", "fr"), make_moderator("ben", "en")


def emails_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def post(client, page, comment_data, text, number=0):
    return client.post(
        comment_post_url(page),
        comment_data(page, comment=text, email=f"author{number}@example.org"),
        REMOTE_ADDR=f"2001:db8:{number}::1",
    )


@pytest.mark.parametrize("mode", ["each", "digest", "off"])
def test_every_moderator_is_emailed_at_once_urgent_in_their_language_whatever_the_mode(
    client, consultation, comment_data, moderators, settings, mode
):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = mode
    amelie, ben = moderators

    post(client, consultation, comment_data, TEXT)
    deliver()

    comment = ConsultationComment.objects.get()
    [french] = emails_to(amelie)
    [english] = emails_to(ben)
    assert french.subject == "URGENT : un commentaire dit qu'un·e jeune est peut-être en danger"
    assert english.subject == "URGENT: a comment says a young person may be in danger"
    link = absolute(links.comment_url(comment.pk))
    for message in (french, english):
        html = message.alternatives[0][0]
        assert link in message.body
        assert link in HREF.findall(html)
        assert "hits me" not in message.subject + message.body + html
        assert "want to die" not in message.subject + message.body + html
    assert "What it is about: Suicide, Abuse or violence at home" in english.body
    assert "De quoi il s'agit : Suicide, Maltraitance ou violences à la maison" in french.body
    assert "within 2 hours" in english.body
    assert "en moins de 2 heures" in french.body


def test_the_urgent_email_is_sent_even_when_the_new_comment_burst_is_spent(
    client, consultation, comment_data, moderators, settings
):
    settings.TRIBUNE_MODERATOR_EMAIL_BURST = 1
    amelie, ben = moderators
    for number in range(3):
        post(client, consultation, comment_data, f"More benches {number}", number)

    post(client, consultation, comment_data, "je me scarifie", 9)
    deliver()

    subjects = [message.subject for message in emails_to(ben)]
    assert subjects.count("URGENT: a comment says a young person may be in danger") == 1
    assert subjects.count("A new comment is waiting for moderation") == 1


def test_an_urgent_comment_gets_no_ordinary_new_comment_email_as_well(
    client, consultation, comment_data, moderators
):
    amelie, ben = moderators

    post(client, consultation, comment_data, "I want to kill myself")
    deliver()

    assert [message.subject for message in emails_to(ben)] == [
        "URGENT: a comment says a young person may be in danger"
    ]


def test_a_flood_of_urgent_phrases_sends_a_few_emails_then_one_that_says_so(
    client, consultation, comment_data, moderators, settings
):
    settings.TRIBUNE_MODERATOR_URGENT_EMAIL_BURST = 2
    amelie, ben = moderators

    for number in range(6):
        post(client, consultation, comment_data, f"I want to die {number}", number)
    deliver()

    subjects = [message.subject for message in emails_to(ben)]
    assert subjects == [
        "URGENT: a comment says a young person may be in danger",
        "URGENT: a comment says a young person may be in danger",
        "URGENT: several comments say a young person may be in danger",
    ]
    burst = emails_to(amelie)[-1]
    assert burst.subject == "URGENT : plusieurs commentaires disent qu'un·e jeune est peut-être en danger"
    assert ConsultationComment.objects.filter(is_urgent=True, state=State.PENDING).count() == 6
    assert ModeratorNotice.objects.filter(kind=ModeratorNotice.Kind.URGENT).count() == 2


def test_the_reminder_never_quotes_an_urgent_comment(consultation, moderators):
    amelie, ben = moderators
    ConsultationCommentFactory(
        page=consultation,
        state=State.PENDING,
        comment="il me frappe",
        is_urgent=True,
        urgent_phrases=["abuse:il me frappe"],
        submit_date=timezone.now() - datetime.timedelta(hours=30),
    )

    assert to_moderators.send_moderation_reminders(24) == 1
    deliver()

    [english] = emails_to(ben)
    assert "il me frappe" not in english.body + english.alternatives[0][0]
    assert "Urgent: read it in the queue" in english.body
