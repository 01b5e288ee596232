"""The pages an author reaches from an email say what was decided, in their language: a comment returned for
revision is put aside, not removed; help is asked by replying to an email only where someone reads replies."""

import html
import re

import pytest

from consultations.authors.links import make_token
from consultations.factories import ConfirmedAddressFactory, ConsultationCommentFactory
from consultations.models import ConsultationComment
from consultations.moderation import service as moderation
from guidelines.factories import CommunityManagerSettingsFactory

pytestmark = pytest.mark.django_db
State = ConsultationComment.State

REVISE = {
    "en": {
        "title": "A youth space",
        "put_aside": "A moderator has put your comment on “A youth space” aside until you change it. "
        "It is not removed, and nobody else can see it until then.",
        "again": "Once you send your new text, a moderator reads it again before anyone else can see it.",
        "reason": "Anyone could read it and use it to find you or them",
        "removed": ("removed it", "sent back to you"),
        "sent": "Your new text is with the moderators. They will read it again, and we will email you what they decide.",
    },
    "fr": {
        "title": "Un espace jeunes",
        "put_aside": "L'équipe de modération a mis ton commentaire sur « Un espace jeunes » de côté en attendant que "
        "tu le modifies. Il n'est pas supprimé, et personne d'autre ne peut le voir d'ici là.",
        "again": "Une fois ton nouveau texte envoyé, l'équipe de modération le relit avant que les autres puissent le voir.",
        "reason": "N'importe qui pourrait les lire et s'en servir pour vous retrouver",
        "removed": ("retiré", "renvoyé"),
        "sent": "Ton nouveau texte est entre les mains de l'équipe de modération. Elle va le relire, et nous "
        "t'écrirons pour te dire ce qu'elle a décidé.",
    },
}


def as_read(response):
    """The page's main content as a reader sees it: without tags, entities decoded, spaces collapsed."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "cdurand", email="c@example.org", first_name="Camille", last_name="Durand"
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_revise_page_says_the_comment_is_put_aside_not_removed(
    client, site_tree, consultation, moderator, personal_info, language
):
    words = REVISE[language]
    page = consultation
    if language == "fr":
        page = consultation.copy_for_translation(site_tree.home_fr.locale)
        page.title = words["title"]
        page.save_revision().publish()
    comment = ConsultationCommentFactory(page=page, state=State.PENDING, language=language)
    ConfirmedAddressFactory(address=comment.user_email)
    decision = moderation.return_for_revision(comment, moderator, personal_info)
    url = f"/{language}/my-comment/revise/{make_token(comment, 'revise', decision)}/"

    text = as_read(client.get(url))
    sent = as_read(client.post(url, {"comment": "A youth space with a ramp."}))

    assert words["put_aside"] in text
    assert words["again"] in text
    assert words["reason"] in text
    for removal in words["removed"]:
        assert removal not in text
    assert words["sent"] in sent
    assert "Durand" not in text + sent


def invalid_link_page(client):
    return as_read(client.get("/en/my-comment/revise/not-a-token/"))


def test_the_invalid_link_page_invites_a_reply_only_where_the_team_reads_replies(client, site_tree):
    manager = CommunityManagerSettingsFactory(
        site=site_tree.site, contact_line="Write to moderation@example.org"
    )

    without = invalid_link_page(client)
    manager.reply_to_email = "moderation@example.org"
    manager.save()
    with_address = invalid_link_page(client)

    assert "reply to the email" not in without
    assert "If you need help: Write to moderation@example.org" in without
    assert (
        "If you need help, reply to the email you received: the community manager reads every reply."
        in with_address
    )


def test_the_invalid_link_page_in_french_without_any_contact_says_nothing_of_replies(client, site_tree):
    text = as_read(client.get("/fr/my-comment/revise/not-a-token/"))

    assert "Nous ne pouvons pas utiliser ce lien" in text
    assert "réponds" not in text and "aide" not in text


def test_the_invalid_link_page_gives_the_contact_line_in_the_readers_language(client, site_tree):
    from guidelines.factories import ManagerTextsFactory

    manager = CommunityManagerSettingsFactory(
        site=site_tree.site, contact_line="Write to moderation@example.org"
    )
    ManagerTextsFactory(settings=manager, language="fr", contact_line="Écris à moderation@example.org")

    english = invalid_link_page(client)
    french = as_read(client.get("/fr/my-comment/revise/not-a-token/"))

    assert "If you need help: Write to moderation@example.org" in english
    assert "Écris à moderation@example.org" in french
    assert "Write to" not in french and "Écris" not in english
