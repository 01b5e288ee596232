"""The community manager speaks as the community manager: a reply from the queue goes by the site's display
name and the badge, on the page, in the search and in every email; never by the staff member's own name."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from wagtail.models import Page, Site

from consultations.comments.urls import comment_post_url
from consultations.factories import (
    ConfirmedAddressFactory,
    ConsultationCommentFactory,
    ConsultationPageFactory,
)
from consultations.models import ConsultationComment, ReasonCategory
from consultations.moderation import service as moderation
from consultations.moderation.tests.admin_pages import decide_url, decision_form, reply_url
from guidelines.factories import CommunityManagerSettingsFactory
from home.factories import HomePageFactory
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db
State = ConsultationComment.State


@pytest.fixture(autouse=True)
def clean_slate():
    cache.clear()


def public(client, path):
    """A page as an anonymous reader gets it."""
    client.logout()
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def everything_delivered():
    deliver()
    return [
        "\n".join([message.subject, message.body, *[part for part, _type in message.alternatives]])
        for message in mail.outbox
    ]


def test_a_staff_members_name_appears_in_no_public_page_and_no_email(
    client, moderator_client, moderator_user, consultation, site_tree, comment_data
):
    assert moderator_user.get_full_name() == "Camille Durand"
    CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Sam", reply_to_email="team@example.org"
    )
    ConfirmedAddressFactory(address="lina@example.org")
    client.post(
        comment_post_url(consultation),
        comment_data(consultation, name="Lina.B", email="lina@example.org", followup="on"),
    )
    comment = ConsultationComment.objects.get(user_name="Lina.B")
    moderator_client.force_login(moderator_user)
    moderator_client.post(decide_url(comment, "approve"), decision_form(comment))
    moderator_client.post(reply_url(comment), {"text": "Skateboarders welcome: the ramp is in the plans."})
    assert ConsultationComment.objects.get(is_community_manager=True).user_name == "Sam"

    pages = {
        "consultation": public(client, consultation.url),
        "most supported first": public(client, f"{consultation.url}?sort=supported"),
        "search in French": public(client, "/fr/search/?query=skateboarders"),
        "search": public(client, "/en/search/?query=skateboarders"),
    }
    emails = everything_delivered()

    assert "Skateboarders welcome" in pages["consultation"] and "welcome: the ramp" in pages["search"]
    assert "Sam" in pages["consultation"] and "Sam" in pages["search"]
    assert len(emails) >= 3  # received, published and the reply to Lina, and the moderators' "new comment"
    assert any("Sam, the community manager, answered your comment" in email for email in emails)
    for where, text in [*pages.items(), *((f"email {number}", email) for number, email in enumerate(emails))]:
        assert "Durand" not in text, where
        assert "Camille" not in text, where
        assert "camille@example.org" not in text, where


def test_the_search_shows_the_display_name_and_the_badge_or_the_role_alone(client, consultation, site_tree):
    question = ConsultationCommentFactory(page=consultation, comment="Will there be a ramp?")
    ConsultationCommentFactory(
        page=consultation, parent=question, user_name="Sam", is_community_manager=True, comment="Ramp yes."
    )
    ConsultationCommentFactory(
        page=consultation, parent=question, user_name="", is_community_manager=True, comment="Ramp maybe."
    )

    html = public(client, "/en/search/?query=ramp")

    assert '<bdi class="search-hit__author">Sam</bdi> (Community manager)' in html
    assert '<bdi class="search-hit__author">Community manager</bdi> ·' in html


@pytest.mark.parametrize(("language", "badge"), [("en", "Community manager"), ("fr", "Animateur·rice")])
def test_without_a_display_name_the_reply_goes_by_the_role_in_the_readers_language(
    client, consultation, site_tree, moderator_user, language, badge
):
    page = consultation
    if language == "fr":
        page = consultation.copy_for_translation(site_tree.home_fr.locale)
        page.save_revision().publish()
    question = ConsultationCommentFactory(page=page, language=language)
    reply = moderation.reply_as_manager(question, moderator_user, "On y travaille.")

    html = public(client, page.url)
    assert reply.user_name == ""
    assert (
        f'<span class="comment__author" id="c{reply.pk}-author"><span class="badge badge--manager">{badge}</span></span>'
    ) in html
    assert "Durand" not in html


def test_in_the_queue_a_reply_to_an_unnamed_manager_answer_says_whom_it_answers(
    consultation, moderator_user, moderator_client
):
    question = ConsultationCommentFactory(page=consultation)
    answer = moderation.reply_as_manager(question, moderator_user, "On y travaille.")
    ConsultationCommentFactory(page=consultation, parent=answer, state=ConsultationComment.State.PENDING)

    html = moderator_client.get("/admin/moderation/").content.decode()

    assert answer.user_name == "" and "In reply to Community manager:" in html


# The data migrations, run on today's models.


def migration(name):
    return importlib.import_module(f"consultations.migrations.{name}")


def test_existing_manager_replies_are_renamed_after_their_sites_display_name(site_tree, consultation):
    CommunityManagerSettingsFactory(site=site_tree.site, display_name="Sam")
    french = consultation.copy_for_translation(site_tree.home_fr.locale)
    french.save_revision().publish()
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    Site.objects.create(hostname="other.example.org", root_page=other_home, site_name="Other")
    other_page = ConsultationPageFactory(parent=other_home, slug="elsewhere")
    question = ConsultationCommentFactory(page=consultation)
    english_reply = ConsultationCommentFactory(
        page=consultation, parent=question, user_name="Camille Durand", is_community_manager=True
    )
    french_reply = ConsultationCommentFactory(
        page=french, user_name="Camille Durand", is_community_manager=True, language="fr"
    )
    elsewhere = ConsultationCommentFactory(
        page=other_page, user_name="Camille Durand", is_community_manager=True
    )
    participant = ConsultationCommentFactory(page=consultation, user_name="Camille Durand")

    migration("0019_manager_replies_use_display_name").rename_manager_replies(apps, None)

    names = dict(ConsultationComment.objects.values_list("pk", "user_name"))
    assert names[english_reply.pk] == names[french_reply.pk] == "Sam"  # the French home is the same site
    assert names[elsewhere.pk] == ""  # a site without a display name: "Community manager" is shown
    assert names[participant.pk] == "Camille Durand"  # a participant's pseudonym is theirs


def test_the_seeded_reason_that_said_we_removed_it_is_rewritten_unless_an_organiser_edited_it(db):
    rewrite = migration("0020_reason_explanations_fit_every_decision")
    (old_en, new_en), (old_fr, new_fr) = rewrite.REWRITES
    english = ReasonCategory.objects.get(title="Personal information")
    french = ReasonCategory.objects.get(title="Informations personnelles")
    edited = ReasonCategory.objects.get(title="Off-topic")
    assert (english.explanation, french.explanation) == (new_en, new_fr)  # the migrations ran
    ReasonCategory.objects.filter(pk=english.pk).update(explanation=old_en)
    ReasonCategory.objects.filter(pk=french.pk).update(explanation=old_fr)
    ReasonCategory.objects.filter(pk=edited.pk).update(explanation="We removed it, said an organiser.")

    rewrite.rewrite(apps, None)

    explanations = dict(ReasonCategory.objects.values_list("pk", "explanation"))
    assert (explanations[english.pk], explanations[french.pk]) == (new_en, new_fr)
    assert "removed it" not in new_en and "retiré" not in new_fr
    assert explanations[edited.pk] == "We removed it, said an organiser."
