"""The community manager writes to each author in the author's language: signature and contact line of that
language (else the main ones), in every email as the author reads it once delivered; moderators get the
signature in their admin language. What an organiser typed there is data, never a template."""

import pytest
from django.core import mail
from django.utils.html import escape

from consultations.comments.urls import comment_post_url
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import service as moderation
from consultations.notifications import to_moderators
from consultations.notifications.tests.test_author_emails_as_read import as_read
from consultations.notifications.tests.test_moderator_emails import email_to, make_moderator
from guidelines.factories import CommunityManagerSettingsFactory, ManagerTextsFactory
from guidelines.models import ManagerTexts
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
AUTHOR = "lina@example.org"

SIGNED = {
    "en": ("Sam, Community manager", "A question? Write to moderation@example.org"),
    "fr": ("Sam, Animatrice de la communauté", "Une question ? Écris à moderation@example.org"),
}
OTHER = {"en": "fr", "fr": "en"}


@pytest.fixture
def sam(site_tree):
    """English main texts, French ones, and no address for replies: the emails give the contact line."""
    manager = CommunityManagerSettingsFactory(
        site=site_tree.site,
        display_name="Sam",
        role="Community manager",
        contact_line="Write to moderation@example.org",
        reply_to_email="",
    )
    ManagerTextsFactory(
        settings=manager,
        language="fr",
        role="Animatrice de la communauté",
        contact_line="Écris à moderation@example.org",
    )
    return manager


@pytest.fixture
def pages(site_tree, consultation):
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.title = "Un espace jeunes"
    french.save_revision().publish()
    return {"en": consultation, "fr": french}


@pytest.fixture
def moderator(moderator_user):
    return moderator_user


@pytest.fixture
def reason():
    return ReasonCategory.objects.get(title="Personal information")


def delivered_to_author():
    """(subject, text, HTML part as read, raw HTML) of each email delivered to the author, in order."""
    deliver()
    return [
        (message.subject, message.body, as_read(message.alternatives[0][0]), message.alternatives[0][0])
        for message in mail.outbox
        if message.to == [AUTHOR]
    ]


def comment_by_the_author(page, language, **fields):
    return ConsultationCommentFactory(page=page, language=language, user_email=AUTHOR, **fields)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_email_to_an_author_is_signed_in_the_authors_language_with_its_contact_line(
    client, comment_data, pages, sam, moderator, reason, language
):
    page = pages[language]
    ConfirmedAddressFactory(address=AUTHOR)
    client.post(comment_post_url(page), comment_data(page, email=AUTHOR, name="Lina.B"))
    posted = ConsultationComment.objects.get(user_name="Lina.B")
    moderation.return_for_revision(posted, moderator, reason)
    moderation.resubmit(posted, "A new text.")
    moderation.approve(posted, moderator)
    moderation.reply_as_manager(posted, moderator, "Thanks!")
    moderation.remove(posted, moderator, reason)
    unseen = comment_by_the_author(page, language, state=State.PENDING)
    moderation.remove(unseen, moderator, reason)

    emails = delivered_to_author()

    # received, returned, received again, published, reply, removed (public), removed (unseen)
    assert len(emails) == 7, [subject for subject, *_ in emails]
    signature, contact = SIGNED[language]
    other_signature, other_contact = SIGNED[OTHER[language]]
    assert posted.language == language
    for subject, text, html, _raw in emails:
        assert signature in text and signature in html, subject
        assert contact in text and contact in html, subject
        assert other_signature not in text + html, subject
        assert other_contact.split("? ")[1] not in text + html, subject


def test_an_author_whose_language_has_no_texts_of_its_own_gets_the_main_signature_and_contact_line(
    pages, sam, moderator
):
    ManagerTexts.objects.all().delete()
    ConfirmedAddressFactory(address=AUTHOR)
    comment = comment_by_the_author(pages["fr"], "fr", state=State.PENDING)

    moderation.approve(comment, moderator)

    [(_subject, text, html, _raw)] = delivered_to_author()
    assert "Sam, Community manager" in text and "Sam, Community manager" in html
    assert "Une question ? Write to moderation@example.org" in text


def test_a_blank_field_of_the_authors_language_falls_back_to_the_main_one(pages, sam, moderator):
    ManagerTexts.objects.update(contact_line="")
    ConfirmedAddressFactory(address=AUTHOR)
    comment = comment_by_the_author(pages["fr"], "fr", state=State.PENDING)

    moderation.approve(comment, moderator)

    [(_subject, text, _html, _raw)] = delivered_to_author()
    assert "Sam, Animatrice de la communauté" in text
    assert "Une question ? Write to moderation@example.org" in text


HOSTILE_ROLE = (
    "{% load wagtailsettings_tags %}{% get_settings as s %}{{ s }} {{ 7|add:1 }} <b>{% now 'Y' %}</b>"
)
HOSTILE_CONTACT = "{% lorem 99999 w %} <script>alert(1)</script> {% debug %}"


def test_template_syntax_and_html_in_a_languages_texts_reach_the_email_exactly_as_typed(
    pages, sam, moderator
):
    ManagerTexts.objects.update(role=HOSTILE_ROLE, contact_line=HOSTILE_CONTACT)
    ConfirmedAddressFactory(address=AUTHOR)
    comment = comment_by_the_author(pages["fr"], "fr", state=State.PENDING)

    moderation.approve(comment, moderator)

    [(_subject, text, html, raw)] = delivered_to_author()
    assert f"Sam, {HOSTILE_ROLE}" in text and f"Sam, {HOSTILE_ROLE}" in html
    assert HOSTILE_CONTACT in text and HOSTILE_CONTACT in html
    assert escape(HOSTILE_ROLE) in raw and escape(HOSTILE_CONTACT) in raw
    assert "<script>" not in raw and "<b>{%" not in raw
    assert len(text) < 5_000  # no {% lorem %} was expanded


def test_the_name_of_a_reply_is_the_display_name_in_the_language_of_the_comment_it_answers(
    pages, sam, moderator
):
    ManagerTexts.objects.update(display_name="Samia")
    english = ConsultationCommentFactory(page=pages["en"], language="en")
    # A French comment kept on the consultation's first page (the English one, where its conversation lives).
    french_on_the_english_page = ConsultationCommentFactory(page=pages["en"], language="fr")
    pending_french = ConsultationCommentFactory(page=pages["en"], language="fr", state=State.PENDING)

    to_english = moderation.reply_as_manager(english, moderator, "Thanks.")
    to_french = moderation.reply_as_manager(french_on_the_english_page, moderator, "Merci.")
    _decision, with_approval = moderation.approve_and_reply(pending_french, moderator, "Merci !")

    assert to_english.user_name == "Sam"
    assert to_french.user_name == "Samia"
    assert with_approval.user_name == "Samia"


def test_the_reply_email_names_the_manager_as_the_author_reads_it(pages, sam, moderator):
    ManagerTexts.objects.update(display_name="Samia")
    ConfirmedAddressFactory(address=AUTHOR)
    parent = comment_by_the_author(pages["fr"], "fr", state=State.PUBLISHED, followup=False)

    moderation.reply_as_manager(parent, moderator, "On transmet ton idée à la mairie.")

    [(_subject, text, html, _raw)] = delivered_to_author()
    assert "Samia, l'animateur·rice, a répondu à ton commentaire" in text
    assert "Samia, Animatrice de la communauté" in html


def test_each_moderator_gets_the_signature_in_their_admin_language(consultation, sam):
    amelie = make_moderator("amelie", language="fr")
    ben = make_moderator("ben")
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING)

    to_moderators.notify_moderators_of_new_comment(comment)
    deliver()

    _french, french_html = email_to(amelie)
    _english, english_html = email_to(ben)
    # Their HTML part is signed (the text part of moderators' emails carries no signature).
    assert "Sam, Animatrice de la communauté" in as_read(french_html)
    assert "Sam, Community manager" in as_read(english_html)
    assert "Community manager" not in as_read(french_html)
