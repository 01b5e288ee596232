"""People of the moderation tests: a moderator (Community managers group), an editor, and the reasons."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from consultations.moderation.permissions import COMMUNITY_MANAGERS


@pytest.fixture
def moderator_user(db):
    user = get_user_model().objects.create_user(
        "camille", email="camille@example.org", password="pw", first_name="Camille", last_name="Durand"
    )
    user.groups.add(Group.objects.get(name=COMMUNITY_MANAGERS))
    return user


@pytest.fixture
def editor_user(db):
    user = get_user_model().objects.create_user("eddie", email="eddie@example.org", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator_client(client, moderator_user):
    client.force_login(moderator_user)
    return client


@pytest.fixture
def personal_info(db):
    from consultations.models import ReasonCategory

    return ReasonCategory.objects.get(title="Personal information")


@pytest.fixture
def digest_clock(site_tree):
    """Digest mode, chosen in the admin, with the digest hour set about two hours ahead. Returns a minute past
    that hour: ``send_moderation_reminders(now=digest_clock)`` then sends the digest of the comments a test
    made before (none of them overdue yet)."""
    import datetime
    import zoneinfo

    from django.utils import timezone

    from guidelines.models import CommunityManagerSettings

    manager = CommunityManagerSettings.for_site(site_tree.site)
    later = timezone.now() + datetime.timedelta(hours=2)
    manager.moderator_notifications = "digest"
    manager.digest_hour = later.astimezone(zoneinfo.ZoneInfo(manager.time_zone)).hour
    manager.save()
    return manager.latest_digest_time(later) + datetime.timedelta(minutes=1)
