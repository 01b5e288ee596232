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
