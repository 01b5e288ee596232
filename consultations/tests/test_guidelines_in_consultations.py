"""What the consultation takes from the guidelines: rules, availability, the manager's name."""

import datetime

import pytest
from wagtail.models import Site

from consultations.comments.urls import comment_post_url
from guidelines.factories import CommunityManagerSettingsFactory, ManagerWeeklyRangeFactory
from guidelines.models import RulesSettings
from outbox.delivery import deliver

pytestmark = pytest.mark.django_db


@pytest.fixture
def code_of_conduct(site_tree):
    RulesSettings.objects.update_or_create(
        site=site_tree.site, defaults={"code_of_conduct": site_tree.guideline}
    )
    return site_tree.guideline


@pytest.fixture
def manager(site_tree):
    manager = CommunityManagerSettingsFactory(
        site=site_tree.site, display_name="Camille", role="community manager"
    )
    for weekday in range(7):
        ManagerWeeklyRangeFactory(
            settings=manager, weekday=weekday, starts_at=datetime.time(0, 0), ends_at=datetime.time(0, 0)
        )
    return manager


def test_consultation_links_to_the_sites_code_of_conduct_by_default(client, consultation, code_of_conduct):
    html = client.get(consultation.url).content.decode()

    assert f'href="{code_of_conduct.url}">Read the rules that apply to this discussion' in html
    assert f'<a href="{code_of_conduct.url}">Read the code of conduct</a>' in html


def test_consultation_links_to_its_own_rules_in_the_visitors_language(
    client, site_tree, consultation, code_of_conduct
):
    from guidelines.factories import GuidelinePageFactory

    own_rules = GuidelinePageFactory(parent=site_tree.guidelines, slug="park-rules", title="Park rules")
    consultation.guideline_page = own_rules
    consultation.save_revision().publish()

    assert own_rules.url in client.get(consultation.url).content.decode()


def test_consultation_page_shows_the_availability_banner(client, consultation, manager):
    html = client.get(consultation.url).content.decode()

    assert 'class="availability availability--' in html


def test_pending_message_says_when_a_reply_can_be_expected(client, consultation, comment_data, manager):
    response = client.post(comment_post_url(consultation), comment_data(consultation), follow=True)

    html = response.content.decode()
    assert "will be visible once a moderator has read it" in html
    assert "A moderator is online now and will read it soon." in html


def test_received_email_says_when_to_expect_a_reply_and_is_signed_by_the_manager(
    client, consultation, comment_data, manager, code_of_conduct
):
    from django.core import mail

    client.post(comment_post_url(consultation), comment_data(consultation, email="lina@example.org"))
    deliver()

    message = next(m for m in mail.outbox if m.to == ["lina@example.org"])
    assert "A moderator is online now, so a reply can come soon." in message.body
    assert '<html lang="en">' in message.alternatives[0][0]
    assert "Camille, community manager" in message.body
    assert code_of_conduct.url in message.body


def test_reminders_use_the_promised_response_time(consultation, manager):
    from consultations.moderation.queue import promised_response_hours

    manager.promised_response_hours = 12
    manager.save()

    assert promised_response_hours(Site.objects.get(is_default_site=True)) == 12


def test_without_a_site_argument_the_default_sites_manager_decides_the_promise_and_signs(
    consultation, manager, settings
):
    from consultations.moderation.queue import promised_response_hours
    from consultations.notifications.to_moderators import signature

    settings.TRIBUNE_RESPONSE_HOURS = 99  # gone: the community manager settings are the one source
    manager.promised_response_hours = 36
    manager.save()

    assert promised_response_hours() == 36
    assert consultation.community_manager().promised_response_hours == 36
    assert signature() == "Camille, community manager"


def test_with_no_site_at_all_the_promise_and_the_signature_are_the_documented_defaults(db, settings):
    from consultations.moderation.queue import promised_response_hours
    from consultations.notifications.to_moderators import signature
    from guidelines.availability import DEFAULT_PROMISED_HOURS

    Site.objects.all().delete()

    assert promised_response_hours() == DEFAULT_PROMISED_HOURS == 24
    assert signature() == settings.WAGTAIL_SITE_NAME
    assert not hasattr(settings, "TRIBUNE_RESPONSE_HOURS")
