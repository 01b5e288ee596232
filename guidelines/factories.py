import datetime as dt

import factory
import wagtail_factories

from guidelines.models import (
    CommunityManagerSettings,
    GuidelineIndexPage,
    GuidelinePage,
    ManagerAbsence,
    ManagerTexts,
    ManagerWeeklyRange,
)


class GuidelineIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rules of participation"
    slug = "rules"
    intro = "<p>How we talk to each other.</p>"
    show_in_menus = True

    class Meta:
        model = GuidelineIndexPage


class GuidelinePageFactory(wagtail_factories.PageFactory):
    title = "Code of conduct"
    slug = factory.Sequence(lambda number: f"guideline-{number}")
    introduction = "How we talk to each other here."

    class Meta:
        model = GuidelinePage


def stream(*children):
    """Raw StreamField data: stream(("callout", {...}), …)."""
    return [{"type": block_type, "value": value} for block_type, value in children]


class CommunityManagerSettingsFactory(factory.django.DjangoModelFactory):
    display_name = "Sam"
    role = "Community manager"
    time_zone = "Europe/Paris"
    promised_response_hours = 24
    contact_line = "Write to moderation@example.org"

    class Meta:
        model = CommunityManagerSettings
        django_get_or_create = ("site",)


class ManagerWeeklyRangeFactory(factory.django.DjangoModelFactory):
    settings = factory.SubFactory(CommunityManagerSettingsFactory)
    weekday = 0
    starts_at = dt.time(9)
    ends_at = dt.time(17)

    class Meta:
        model = ManagerWeeklyRange


class ManagerAbsenceFactory(factory.django.DjangoModelFactory):
    settings = factory.SubFactory(CommunityManagerSettingsFactory)
    starts_on = dt.date(2026, 12, 24)
    ends_on = dt.date(2027, 1, 1)
    message = ""

    class Meta:
        model = ManagerAbsence


class ManagerTextsFactory(factory.django.DjangoModelFactory):
    settings = factory.SubFactory(CommunityManagerSettingsFactory)
    language = "fr"

    class Meta:
        model = ManagerTexts
