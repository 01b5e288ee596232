"""A comment returned for revision whose new text says its author is hurt or in danger is urgent like a new one:
it waits for a person in the urgent lane, every moderator is emailed "URGENT" without a word of it (never the
ordinary email that quotes the text), and its author is shown the help lines."""

import html
import re

import pytest
from django.core import mail

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment, ModerationMode
from consultations.moderation import service as moderation
from guidelines.factories import CommunityManagerSettingsFactory
from guidelines.models import HelpLine
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State
URGENT_TEXT = "I changed it. Honestly my stepdad hits me and I want to die"


@pytest.fixture
def moderator(moderator_user):
    """A community manager whose account says "Camille Durand" (consultations/conftest.py)."""
    return moderator_user


@pytest.fixture
def returned(consultation, moderator, personal_info, settings):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "each"
    consultation.moderation_mode = ModerationMode.POST
    consultation.save_revision().publish()
    comment = ConsultationCommentFactory(page=consultation, state=State.PENDING, language="en")
    ConfirmedAddressFactory(address=comment.user_email)
    decision = moderation.return_for_revision(comment, moderator, personal_info)
    mail.outbox.clear()
    return comment, f"/en/my-comment/revise/{make_token(comment, 'revise', decision)}/"


def as_read(response):
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_a_revised_text_that_becomes_urgent_waits_in_the_urgent_lane(client, returned):
    comment, url = returned

    client.post(url, {"comment": URGENT_TEXT})

    comment.refresh_from_db()
    assert (comment.state, comment.is_urgent) == (State.PENDING, True)
    assert "suicide:want to die" in comment.urgent_phrases


def test_the_moderators_are_told_urgent_without_a_word_of_the_revised_text(client, returned, moderator):
    comment, url = returned

    client.post(url, {"comment": URGENT_TEXT})
    deliver()

    [email] = [message for message in mail.outbox if message.to == [moderator.email]]
    assert email.subject == "URGENT: a comment says a young person may be in danger"
    everything = email.subject + email.body + email.alternatives[0][0]
    assert "want to die" not in everything
    assert "hits me" not in everything


def test_the_author_of_an_urgent_revision_sees_the_help_lines(client, returned, site_tree):
    comment, url = returned
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    HelpLine.objects.create(settings=manager, language="en", name="Childline", phone="0800 1111")

    text = as_read(client.post(url, {"comment": URGENT_TEXT}))

    assert "Call Childline: 0800 1111" in text
    assert "112" in text


def test_an_ordinary_revision_is_not_urgent_and_shows_no_help_lines(client, returned, site_tree):
    comment, url = returned
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    HelpLine.objects.create(settings=manager, language="en", name="Childline", phone="0800 1111")

    text = as_read(client.post(url, {"comment": "A youth space with a ramp, please."}))

    comment.refresh_from_db()
    assert (comment.state, comment.is_urgent, comment.urgent_phrases) == (State.PENDING, False, [])
    assert "Childline" not in text
