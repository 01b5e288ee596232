"""A comment saying its author is hurt or in danger: held for a person whatever the moderation mode, and its
author is shown, at once and in their language, the help lines of the site and that a person will read it."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from consultations.comments import feedback
from consultations.comments.urls import comment_post_url
from consultations.factories import ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationMode
from guidelines.factories import CommunityManagerSettingsFactory
from guidelines.models import HelpLine

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
URGENT_TITLE = {
    "en": "Thank you for telling us. A person from our team will read your message soon.",
    "fr": "Merci de nous l'avoir dit. Une personne de l'équipe va lire ton message très vite.",
}


@pytest.fixture
def help_lines(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    for order, (language, name, phone) in enumerate(
        [
            ("fr", "Allô Enfance en Danger", "119"),
            ("en", "Childline", "0800 1111"),
            ("en", "Samaritans", "116 123"),
        ]
    ):
        HelpLine.objects.create(
            settings=manager,
            language=language,
            name=name,
            phone=phone,
            hours="24/7",
            sort_order=order,
            url="https://example.org/",
        )
    return manager


@pytest.fixture
def french(site_tree, consultation):
    page = consultation.copy_for_translation(site_tree.home_fr.locale)
    page.save_revision().publish()
    return page


def post(client, page, data):
    return client.post(comment_post_url(page), data)


def confirmation_text(html):
    """The urgent confirmation as read (tags dropped), or None when the page shows none."""
    found = re.search(r'<div class="feedback feedback--urgent" id="feedback"[^>]*>(.*?)\n</div>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split()) if found else None


def test_an_urgent_comment_waits_for_a_person_and_its_author_sees_the_help_lines(
    client, consultation, comment_data, help_lines
):
    response = post(client, consultation, comment_data(consultation, comment="Honestly I want to die."))

    comment = ConsultationComment.objects.get()
    assert (comment.state, comment.is_urgent) == (State.PENDING, True)
    assert comment.urgent_phrases == ["suicide:want to die"]
    page = client.get(response["Location"])
    html = page.content.decode()
    text = confirmation_text(html)
    assert URGENT_TITLE["en"] in text
    assert "Your message is not public: only the team can read it." in text
    assert "Call Childline: 0800 1111" in text
    assert "Call Samaritans: 116 123" in text
    assert "119" not in text  # the French line is for French pages
    assert 'href="tel:08001111"' in html
    assert 'href="tel:116123"' in html
    assert 'href="tel:112"' in html
    assert "Honestly I want to die." not in html
    assert response.cookies == {} and page.cookies == {}


def test_the_french_author_sees_the_french_help_lines_in_french(client, french, comment_data, help_lines):
    response = post(client, french, comment_data(french, comment="jveux mourir, personne m'écoute"))

    html = client.get(response["Location"]).content.decode()
    text = confirmation_text(html)
    assert URGENT_TITLE["fr"] in text
    assert "Tu peux parler à quelqu'un tout de suite :" in text
    assert "Appeler Allô Enfance en Danger : 119" in text
    assert "Childline" not in text
    assert 'href="tel:119"' in html
    assert ConsultationComment.objects.get().language == "fr"


def test_without_help_lines_in_a_language_every_line_is_shown_and_always_the_emergency_number(
    client, french, comment_data, site_tree
):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    HelpLine.objects.create(settings=manager, language="en", name="Childline", phone="0800 1111")

    response = post(client, french, comment_data(french, comment="il me frappe"))

    text = confirmation_text(client.get(response["Location"]).content.decode())
    assert "Appeler Childline : 0800 1111" in text
    assert "appelle le numéro d'urgence : 112" in text


def test_an_urgent_comment_is_never_published_at_once_under_post_moderation(
    client, consultation, comment_data
):
    consultation.moderation_mode = ModerationMode.POST
    consultation.save_revision().publish()

    response = post(client, consultation, comment_data(consultation, comment="My dad hits me."))
    post(
        client, consultation, comment_data(consultation, comment="More benches please", email="b@example.org")
    )

    urgent = ConsultationComment.objects.get(comment="My dad hits me.")
    assert urgent.state == State.PENDING
    assert ConsultationComment.objects.get(comment="More benches please").state == State.PUBLISHED
    html = client.get(response["Location"]).content.decode()
    assert "My dad hits me." not in html
    assert URGENT_TITLE["en"] in confirmation_text(html)


def test_an_urgent_comment_with_personal_data_is_not_stopped_by_the_warning(
    client, consultation, comment_data, help_lines
):
    response = post(
        client,
        consultation,
        comment_data(consultation, comment="Il me frappe, appelez-moi au 06 12 34 56 78"),
    )

    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.state == State.PENDING
    assert comment.is_urgent
    assert "phone" in comment.screening_reasons


def test_an_ordinary_comment_is_not_urgent_and_gets_the_ordinary_confirmation(
    client, consultation, comment_data
):
    response = post(client, consultation, comment_data(consultation, comment="I'd kill for a skate park"))

    comment = ConsultationComment.objects.get()
    assert (comment.is_urgent, comment.urgent_phrases) == (False, [])
    assert confirmation_text(client.get(response["Location"]).content.decode()) is None


def test_the_confirmation_token_says_urgent_and_nothing_else(client, consultation, comment_data):
    response = post(client, consultation, comment_data(consultation, comment="I want to kill myself"))

    token = parse_qs(urlsplit(response["Location"]).query)[feedback.PARAMETER][0]
    assert signing.loads(token, salt=feedback.SALT) == {"p": consultation.pk, "k": "urgent", "c": 0}


def test_an_urgent_reply_shows_the_help_lines_under_the_comment_replied_to(
    client, consultation, comment_data, help_lines
):
    parent = ConsultationCommentFactory(page=consultation, comment="Benches?")

    response = post(
        client, consultation, comment_data(consultation, reply_to=str(parent.pk), comment="je me scarifie")
    )

    html = client.get(response["Location"]).content.decode()
    block = html[html.index(f'<li id="c{parent.pk}"') :]
    assert block.index('id="feedback"') < block.index("</li>")
    assert "Call Childline: 0800 1111" in confirmation_text(html)


def test_sending_an_urgent_comment_twice_shows_the_help_lines_again(
    client, consultation, comment_data, help_lines
):
    data = comment_data(consultation, comment="I want to die")
    post(client, consultation, data)

    again = post(client, consultation, data)

    assert ConsultationComment.objects.count() == 1
    assert "Call Childline" in confirmation_text(client.get(again["Location"]).content.decode())


def test_an_urgent_text_refused_by_the_posting_budget_still_shows_the_help_lines(
    client, consultation, comment_data, help_lines, settings
):
    settings.TRIBUNE_AUTHOR_COMMENT_RATE = "1/10m"
    post(client, consultation, comment_data(consultation, comment="Benches"))

    refused = post(client, consultation, comment_data(consultation, comment="I want to die"))

    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Please wait ten minutes before posting again" in html
    assert 'id="help-lines"' in html
    assert "Call Childline: 0800 1111" in html
    assert ConsultationComment.objects.count() == 1
