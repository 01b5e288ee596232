"""Moderator emails: each in its reader's admin language, every comment a link to it in the queue."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import links
from consultations.moderation.permissions import COMMUNITY_MANAGERS
from consultations.notifications import to_moderators
from consultations.notifications.mail import absolute
from guidelines.factories import CommunityManagerSettingsFactory
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
HREF = re.compile(r'href="([^"]*)"')
URL = re.compile(r"https?://\S+")


def make_moderator(username, language=None, time_zone=None):
    """A moderator; with ``language`` or ``time_zone``, a Wagtail profile saying so (else none at all)."""
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x")
    user.user_permissions.add(Permission.objects.get(codename="moderate_comments"))
    if language is not None or time_zone is not None:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language or ""
        profile.current_time_zone = time_zone or ""
        profile.save()
    return user


def email_to(user):
    messages = [message for message in mail.outbox if message.to == [user.email]]
    assert len(messages) == 1, [(m.to, m.subject) for m in mail.outbox]
    message = messages[0]
    return message, message.alternatives[0][0]


def comment_link(comment):
    return absolute(links.comment_url(comment.pk))


def assert_links_only_to_the_queue(message, html, comments):
    """Every comment of the email links to itself in the queue, the email links to the queue, and
    nothing else is a link (in the HTML part) or a URL (in the text part)."""
    allowed = {absolute(links.queue_url())} | {comment_link(comment) for comment in comments}
    hrefs = HREF.findall(html)
    assert set(hrefs) == allowed, hrefs
    assert set(URL.findall(message.body)) == allowed, message.body


@pytest.fixture
def french_and_english(site_tree):
    CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam", role="community manager")
    amelie = make_moderator("amelie", language="fr")
    amelie.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))  # allowed twice over, emailed once
    return amelie, make_moderator("ben")


def test_a_french_and_an_english_moderator_each_get_the_new_comment_email_in_their_language(
    consultation, french_and_english
):
    amelie, ben = french_and_english
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment="More benches")

    to_moderators.notify_moderators_of_new_comment(comment)
    deliver()

    french, french_html = email_to(amelie)
    english, english_html = email_to(ben)
    assert french.subject == "Un nouveau commentaire attend la modération"
    assert english.subject == "A new comment is waiting for moderation"
    assert "Ouvrir ce commentaire dans la file de modération" in french_html
    assert "Open this comment in the moderation queue" in english_html
    assert '<html lang="fr">' in french_html
    assert '<html lang="en">' in english_html
    for message, html in ((french, french_html), (english, english_html)):
        assert "More benches" in message.body
        assert "Sam, community manager" in message.body + html
        assert_links_only_to_the_queue(message, html, [comment])


def test_the_held_email_speaks_each_moderators_language_and_links_the_comment(
    consultation, french_and_english
):
    amelie, ben = french_and_english
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    to_moderators.notify_moderators_of_held_comment(comment, 3)
    deliver()

    french, french_html = email_to(amelie)
    english, english_html = email_to(ben)
    assert french.subject == "Des signalements ont masqué un commentaire : il attend votre décision"
    assert english.subject == "Readers' reports hid a comment: it waits for your decision"
    assert_links_only_to_the_queue(french, french_html, [comment])
    assert_links_only_to_the_queue(english, english_html, [comment])


def test_the_reminder_dates_each_comment_in_the_moderators_language_and_time_zone(consultation, digest_clock):
    amelie = make_moderator("amelie", language="fr")
    ben = make_moderator("ben", language="en", time_zone="America/Toronto")
    overdue = ConsultationCommentFactory(
        page=consultation,
        state=State.PENDING,
        submit_date=datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC),
    )
    new = ConsultationCommentFactory(page=consultation, state=State.PUBLISHED, reviewed_at=None)

    assert to_moderators.send_moderation_reminders(24, now=digest_clock) == 2
    deliver()

    french, french_html = email_to(amelie)
    english, english_html = email_to(ben)
    assert french.subject == "1 commentaire attend depuis plus longtemps que promis"
    assert "5 janvier 2026 10:30" in french.body  # Paris, the site's time zone
    assert "Jan. 5, 2026, 4:30 a.m." in english.body  # Toronto, Ben's own
    assert "déjà publié" in french.body
    assert_links_only_to_the_queue(french, french_html, [overdue, new])
    assert_links_only_to_the_queue(english, english_html, [overdue, new])


def test_a_moderator_without_a_usable_preference_gets_the_site_language(consultation, site_tree, settings):
    """No profile, a profile without a language (Wagtail would then follow whatever language is active,
    here the French participant's), or an admin language the site does not speak: the site's default."""
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "each"
    moderators = [make_moderator("noprofile"), make_moderator("blank", time_zone="Europe/Paris")]
    moderators.append(make_moderator("german", language="de"))
    french_page = consultation.copy_for_translation(site_tree.home_fr.locale)
    french_page.save_revision().publish()
    comment = ConsultationCommentFactory(page=french_page, state=State.PENDING, language="fr")

    with timezone.override("Europe/Paris"), translation.override("fr"):
        to_moderators.notify_moderators_of_new_comment(comment)
    deliver()

    for moderator in moderators:
        message, html = email_to(moderator)
        assert message.subject == "A new comment is waiting for moderation", moderator.username
        assert '<html lang="en">' in html


def test_a_regional_admin_language_is_served_by_the_sites_language(consultation):
    moderator = make_moderator("quebec", language="fr-ca")

    assert to_moderators.moderator_language(moderator) == "fr"


def test_nothing_a_participant_typed_is_ever_a_link_target(consultation, digest_clock):
    moderator = make_moderator("camille")
    typed = (
        'Look <a href="https://evil.example/a">here</a> https://evil.example/b www.evil.example/c '
        "javascript:alert(1) [x](https://evil.example/d)"
    )
    new = ConsultationCommentFactory(
        page=consultation, state=State.PENDING, user_name="https://evil.example/name", comment=typed
    )
    held = ConsultationCommentFactory(page=consultation, state=State.PENDING, comment=typed)

    to_moderators.notify_moderators_of_new_comment(new)  # digest mode: no email
    to_moderators.notify_moderators_of_held_comment(held, 3)
    to_moderators.send_moderation_reminders(24, now=digest_clock)
    deliver()

    messages = [message for message in mail.outbox if message.to == [moderator.email]]
    assert len(messages) == 2
    for message in messages:
        html = message.alternatives[0][0]
        assert "evil.example" in html  # shown as text...
        assert not [href for href in HREF.findall(html) if "evil" in href]  # ...never as a link
        assert "&lt;a href=&quot;https[:]//evil.example/a&quot;&gt;" in html  # and unlinked
