"""Every email an author gets, as they read it once delivered, in English and in French: words that match the
decision (received, published, removed, returned, answered), and a Reply-To only where someone reads it."""

import html as html_module
import re

import pytest
from django.core import mail
from django.core.cache import cache

from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import CommentReport, ConsultationComment, ReasonCategory
from consultations.moderation import service as moderation
from guidelines.factories import CommunityManagerSettingsFactory
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
AUTHOR = "lina@example.org"
TEAM = "moderation@example.org"

# What each email must say, and what it must never say, in each language.
WORDS = {
    "en": {
        "received": ("We received your comment", "A moderator will read it before anyone else can see it."),
        "received_again": (
            "We received your new text",
            "Thank you for changing your comment on “A youth space”! A moderator will read it again",
        ),
        "published": (
            "Your comment is published",
            "Good news: your comment on “A youth space” is now published.",
        ),
        "restored": (
            "Your comment is published",
            "we took another look at your comment on “A youth space”, and it is published after all.",
        ),
        "removed_unseen": (
            "Your comment will not be published",
            "We will not publish your comment on “A youth space”.",
        ),
        "removed_public": (
            "Your comment was removed",
            "We removed your comment on “A youth space”: nobody can see it any more.",
        ),
        "returned": (
            "Please change your comment a little",
            "We have not removed it: we have put it aside until you change it. Until then, nobody else can see it.",
        ),
        "reply": (
            "The community manager answered your comment",
            "Sam, the community manager, answered your comment on “A youth space”.",
        ),
        "reason": "Anyone could read it and use it to find you or them",
        "invite": "A question? Reply to this email: the community manager reads every reply.",
        "contact": "A question? Write to moderation@example.org",
        "removal_words": ("We removed", "removed it"),
    },
    "fr": {
        "received": (
            "Nous avons bien reçu ton commentaire",
            "Quelqu'un de l'équipe de modération le lira avant que les autres puissent le voir.",
        ),
        "received_again": (
            "Nous avons bien reçu ton nouveau texte",
            "Merci d'avoir modifié ton commentaire sur « Un espace jeunes » ! L'équipe de modération va le relire",
        ),
        "published": (
            "Ton commentaire est publié",
            "Bonne nouvelle : ton commentaire sur « Un espace jeunes » est publié.",
        ),
        "restored": (
            "Ton commentaire est publié",
            "nous avons relu ton commentaire sur « Un espace jeunes », et il est finalement publié.",
        ),
        "removed_unseen": (
            "Ton commentaire ne sera pas publié",
            "Nous ne publierons pas ton commentaire sur « Un espace jeunes ».",
        ),
        "removed_public": (
            "Ton commentaire a été retiré",
            "Nous avons retiré ton commentaire sur « Un espace jeunes » : plus personne ne peut le voir.",
        ),
        "returned": (
            "Modifie un peu ton commentaire, s'il te plaît",
            "Nous ne l'avons pas retiré : nous l'avons mis de côté en attendant que tu le modifies.",
        ),
        "reply": (
            "L'animateur·rice a répondu à ton commentaire",
            "Sam, l'animateur·rice, a répondu à ton commentaire sur « Un espace jeunes ».",
        ),
        "reason": "N'importe qui pourrait les lire et s'en servir pour vous retrouver",
        "invite": "Une question ? Réponds à cet e-mail : l'animateur·rice lit chaque réponse.",
        "contact": "Une question ? Write to moderation@example.org",
        "removal_words": ("Nous avons retiré", "Nous l'avons retiré"),
    },
}


@pytest.fixture(autouse=True)
def clean_slate():
    cache.clear()


@pytest.fixture
def moderator(moderator_user):
    """A community manager whose account says "Camille Durand" (consultations/conftest.py)."""
    return moderator_user


@pytest.fixture
def personal_information():
    return ReasonCategory.objects.get(title="Personal information")


@pytest.fixture
def pages(site_tree, consultation):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.title = "Un espace jeunes"
    french.save_revision().publish()
    return {"en": consultation, "fr": french}


@pytest.fixture
def team_reads_replies(site_tree):
    return CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam", reply_to_email=TEAM)


@pytest.fixture
def no_reply_address(site_tree):
    return CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam", reply_to_email="")


def comment_by_the_author(page, language, **fields):
    ConfirmedAddressFactory(address=AUTHOR)
    return ConsultationCommentFactory(page=page, language=language, user_email=AUTHOR, **fields)


def as_read(html):
    """The HTML part as a reader sees it: the text without tags, entities decoded, spaces collapsed."""
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def delivered_to_author():
    """Each delivered email to the author: (subject, text, HTML part as read, MIME message), in the order
    sent."""
    deliver()
    return [
        (message.subject, message.body, as_read(message.alternatives[0][0]), message.message())
        for message in mail.outbox
        if message.to == [AUTHOR]
    ]


def only_email():
    emails = delivered_to_author()
    assert len(emails) == 1, [subject for subject, *_ in emails]
    return emails[0]


def assert_reads(email, words, kind):
    subject, text, html, _mime = email
    expected_subject, sentence = words[kind]
    assert subject == expected_subject
    assert sentence in text
    assert sentence in html
    assert "Durand" not in subject + text + html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_received_email_says_a_moderator_reads_it_first(
    client, pages, comment_data, language, team_reads_replies
):
    page = pages[language]
    ConfirmedAddressFactory(address=AUTHOR)

    client.post(comment_post_url(page), comment_data(page, email=AUTHOR, name="Lina.B"))

    email = only_email()
    assert_reads(email, WORDS[language], "received")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_published_and_restored_emails_say_what_happened(pages, moderator, personal_information, language):
    words = WORDS[language]
    approved = comment_by_the_author(pages[language], language, state=State.PENDING)
    restored = comment_by_the_author(pages[language], language, state=State.PENDING)
    moderation.remove(restored, moderator, personal_information)
    mail.outbox.clear()
    deliver()
    mail.outbox.clear()

    moderation.approve(approved, moderator)
    moderation.restore(restored, moderator)

    first, second = delivered_to_author()
    assert_reads(first, words, "published")
    assert_reads(second, words, "restored")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_removal_says_whether_anyone_saw_the_comment_and_why(
    pages, moderator, personal_information, language
):
    words = WORDS[language]
    unseen = comment_by_the_author(pages[language], language, state=State.PENDING)
    public = comment_by_the_author(pages[language], language, state=State.PUBLISHED)

    moderation.remove(unseen, moderator, personal_information, message="Never share a phone number here.")
    moderation.remove(public, moderator, personal_information)

    first, second = delivered_to_author()
    assert_reads(first, words, "removed_unseen")
    assert_reads(second, words, "removed_public")
    assert words["reason"] in first[1] and "Never share a phone number here." in first[1]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_return_for_revision_says_the_comment_is_put_aside_not_removed(
    pages, moderator, personal_information, language
):
    words = WORDS[language]
    comment = comment_by_the_author(pages[language], language, state=State.PENDING)

    moderation.return_for_revision(comment, moderator, personal_information)

    email = only_email()
    assert_reads(email, words, "returned")
    _subject, text, html, _mime = email
    assert words["reason"] in text  # the reason's explanation no longer says "we removed it"
    for removal in words["removal_words"]:
        assert removal not in text.replace(words["returned"][1], "")
        assert removal not in html.replace(words["returned"][1], "")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_revised_text_is_received_again_in_words_of_its_own(
    pages, moderator, personal_information, language
):
    comment = comment_by_the_author(pages[language], language, state=State.PENDING)
    moderation.return_for_revision(comment, moderator, personal_information)
    deliver()
    mail.outbox.clear()

    moderation.resubmit(comment, "A youth space with a skate ramp, without any phone number.")

    assert_reads(only_email(), WORDS[language], "received_again")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_reply_from_the_community_manager_is_signed_with_the_display_name(
    pages, moderator, language, team_reads_replies
):
    parent = comment_by_the_author(pages[language], language, state=State.PUBLISHED, followup=False)

    moderation.reply_as_manager(parent, moderator, "We passed your idea on to the town.")

    email = only_email()
    assert_reads(email, WORDS[language], "reply")
    assert "We passed your idea on to the town." in email[1]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_with_a_monitored_address_every_author_email_invites_a_reply_and_has_reply_to(
    client, pages, comment_data, moderator, personal_information, language, team_reads_replies
):
    page = pages[language]
    ConfirmedAddressFactory(address=AUTHOR)
    client.post(comment_post_url(page), comment_data(page, email=AUTHOR, name="Lina.B"))
    pending = ConsultationComment.objects.get(user_name="Lina.B")
    moderation.return_for_revision(pending, moderator, personal_information)
    moderation.resubmit(pending, "A new text.")
    moderation.approve(pending, moderator)
    moderation.reply_as_manager(pending, moderator, "Thanks!")
    moderation.remove(pending, moderator, personal_information)

    emails = delivered_to_author()

    assert len(emails) == 6  # received, returned, received again, published, reply, removed
    for subject, text, html, mime in emails:
        assert mime["Reply-To"] == TEAM, subject
        assert "noreply@" in mime["From"]
        assert WORDS[language]["invite"] in text
        assert WORDS[language]["invite"] in html
        assert TEAM not in text + html  # the address is in the header, not shown


@pytest.mark.parametrize("language", ["en", "fr"])
def test_without_a_monitored_address_no_email_invites_a_reply_and_the_contact_line_is_given(
    pages, moderator, personal_information, language, no_reply_address
):
    comment = comment_by_the_author(pages[language], language, state=State.PENDING)

    moderation.return_for_revision(comment, moderator, personal_information)
    moderation.resubmit(comment, "A new text.")
    moderation.approve(comment, moderator)

    emails = delivered_to_author()
    assert len(emails) == 3
    for subject, text, html, mime in emails:
        assert mime["Reply-To"] is None, subject
        assert WORDS[language]["invite"] not in text
        assert "Reply to this email" not in text and "Réponds à cet e-mail" not in text
        assert WORDS[language]["contact"] in text
        assert WORDS[language]["contact"] in html


def test_moderators_emails_name_the_reply_by_its_display_name_never_the_staff_account(
    site_tree, consultation, moderator
):
    CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam")
    parent = ConsultationCommentFactory(page=consultation)
    reply = moderation.reply_as_manager(parent, moderator, "We passed it on.")
    for number in range(3):
        CommentReport.objects.create(comment=reply, reporter_key=f"network-{number}")
    moderation.hold(reply, message="Hidden after 3 reports")

    deliver()

    to_moderators = [message for message in mail.outbox if message.to == [moderator.email]]
    assert to_moderators, [message.subject for message in mail.outbox]
    for message in to_moderators:
        assert "Sam" in message.body
        assert "Durand" not in message.body + message.alternatives[0][0]
