import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from guidelines.factories import CommunityManagerSettingsFactory, ManagerAbsenceFactory
from guidelines.models import CommunityManagerSettings

pytestmark = pytest.mark.django_db


def edit_url(site):
    return reverse("wagtailsettings:edit", args=["guidelines", "communitymanagersettings", site.pk])


def form_data(ranges=(), absences=(), help_lines=(), texts=(), **fields):
    data = {
        "display_name": "Sam",
        "role": "Community manager",
        "photo": "",
        "time_zone": "Europe/Paris",
        "promised_response_hours": "24",
        "urgent_response_hours": "2",
        "contact_line": "",
        "moderator_notifications": "each",
        "digest_hour": "8",
        **fields,
    }
    for prefix, rows in [
        ("weekly_ranges", ranges),
        ("absences", absences),
        ("help_lines", help_lines),
        ("texts", texts),
    ]:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
            data[f"{prefix}-{index}-ORDER"] = str(index + 1)
            data[f"{prefix}-{index}-DELETE"] = ""
            data[f"{prefix}-{index}-id"] = ""
    return data


def weekly(day, start, end):
    return {"weekday": str(day), "starts_at": start, "ends_at": end}


def absence(starts_on, ends_on, message=""):
    return {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat(), "message": message}


def post(admin_client, site, data):
    return admin_client.post(edit_url(site), data)


def child_errors(response, relation, index):
    return response.context["form"].formsets[relation].forms[index].errors


def test_organiser_can_save_weekly_hours_and_an_absence(admin_client, site_tree):
    today = timezone.localdate()
    data = form_data(
        ranges=[weekly(0, "09:00", "17:00"), weekly(2, "19:00", "21:00")],
        absences=[absence(today + dt.timedelta(days=30), today + dt.timedelta(days=37), "Holidays")],
    )

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 302
    manager = CommunityManagerSettings.objects.get(site=site_tree.site)
    assert manager.weekly_ranges.count() == 2
    assert manager.absences.get().message == "Holidays"


def test_an_empty_schedule_is_valid(admin_client, site_tree):
    response = post(admin_client, site_tree.site, form_data())

    assert response.status_code == 302


def test_a_range_ending_before_it_starts_is_refused_on_its_end_field(admin_client, site_tree):
    response = post(admin_client, site_tree.site, form_data(ranges=[weekly(0, "17:00", "09:00")]))

    assert response.status_code == 200
    assert child_errors(response, "weekly_ranges", 0)["ends_at"] == ["The range must end after it starts."]
    assert "The range must end after it starts." in response.content.decode()


def test_a_range_ending_at_midnight_is_accepted(admin_client, site_tree):
    response = post(admin_client, site_tree.site, form_data(ranges=[weekly(4, "20:00", "00:00")]))

    assert response.status_code == 302


def test_overlapping_ranges_on_the_same_day_are_refused_on_the_second_range(admin_client, site_tree):
    data = form_data(ranges=[weekly(1, "09:00", "12:00"), weekly(1, "11:00", "14:00")])

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 200
    assert child_errors(response, "weekly_ranges", 1)["starts_at"] == [
        "This range overlaps 09:00–12:00 on the same day."
    ]
    assert not CommunityManagerSettings.objects.filter(display_name="Sam").exists()


def test_ranges_that_touch_or_fall_on_different_days_do_not_overlap(admin_client, site_tree):
    data = form_data(
        ranges=[weekly(1, "09:00", "12:00"), weekly(1, "12:00", "14:00"), weekly(2, "10:00", "11:00")]
    )

    assert post(admin_client, site_tree.site, data).status_code == 302


def test_an_absence_ending_before_it_starts_is_refused_on_its_end_field(admin_client, site_tree):
    today = timezone.localdate()
    data = form_data(absences=[absence(today + dt.timedelta(days=10), today + dt.timedelta(days=5))])

    response = post(admin_client, site_tree.site, data)

    assert child_errors(response, "absences", 0)["ends_on"] == [
        "The absence must end on or after its first day."
    ]


def test_an_absence_in_the_past_is_refused(admin_client, site_tree):
    today = timezone.localdate()
    data = form_data(absences=[absence(today - dt.timedelta(days=10), today - dt.timedelta(days=3))])

    response = post(admin_client, site_tree.site, data)

    assert child_errors(response, "absences", 0)["ends_on"] == [
        "This absence is already over. Remove it or pick future dates."
    ]


def test_an_absence_already_over_does_not_block_other_changes(admin_client, site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)
    old = ManagerAbsenceFactory(settings=manager, starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 1, 2))
    data = form_data(absences=[absence(old.starts_on, old.ends_on)], display_name="Alex")
    data.update({"absences-INITIAL_FORMS": "1", "absences-0-id": str(old.pk)})

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 302
    assert CommunityManagerSettings.objects.get(site=site_tree.site).display_name == "Alex"


def test_an_unknown_time_zone_is_refused_on_its_field(admin_client, site_tree):
    response = post(admin_client, site_tree.site, form_data(time_zone="Europe/Atlantis"))

    assert response.context["form"].errors["time_zone"] == [
        "“Europe/Atlantis” is not a known time zone. Use a name like Europe/Paris."
    ]


def test_the_settings_page_is_listed_in_the_admin(admin_client, site_tree):
    response = admin_client.get(edit_url(site_tree.site))

    assert response.status_code == 200
    assert "Weekly hours" in response.content.decode()


def test_organiser_chooses_the_moderators_emails_and_the_digest_hour(admin_client, site_tree):
    page = admin_client.get(edit_url(site_tree.site)).content.decode()

    response = post(
        admin_client, site_tree.site, form_data(moderator_notifications="digest", digest_hour="7")
    )

    assert "Emails to moderators" in page and "One email a day listing the new comments" in page
    assert response.status_code == 302
    manager = CommunityManagerSettings.objects.get(site=site_tree.site)
    assert (manager.moderator_notifications, manager.digest_hour) == ("digest", 7)


@pytest.mark.parametrize(
    ("field", "value"), [("digest_hour", "24"), ("digest_hour", "-1"), ("moderator_notifications", "weekly")]
)
def test_a_mode_or_hour_that_does_not_exist_is_refused_with_a_message(admin_client, site_tree, field, value):
    response = post(admin_client, site_tree.site, form_data(**{field: value}))

    assert response.status_code == 200
    assert "Select a valid choice." in str(response.context["form"].errors[field])
    assert not CommunityManagerSettings.objects.filter(site=site_tree.site, display_name="Sam").exists()


def test_a_site_whose_organiser_never_chose_follows_the_environment(settings, site_tree):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "off"
    unsaved = CommunityManagerSettings.for_site_without_saving(site_tree.site)
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = "digest"
    created = CommunityManagerSettings.for_site(site_tree.site)

    assert (unsaved.moderator_notifications, unsaved.digest_hour) == ("off", 8)
    assert created.moderator_notifications == "digest"


def help_line(language, name, phone, **fields):
    return {
        "language": language,
        "name": name,
        "phone": phone,
        "description": "",
        "hours": "",
        "url": "",
        **fields,
    }


def test_organiser_sets_the_urgent_promise_and_help_lines_in_each_language(admin_client, site_tree):
    data = form_data(
        help_lines=[
            help_line("fr", "Allô Enfance en Danger", "119", hours="24 h/24"),
            help_line("en", "Childline", "0800 1111", url="https://www.childline.org.uk/"),
        ],
        urgent_response_hours="1",
    )

    response = post(admin_client, site_tree.site, data)

    assert response.status_code == 302
    manager = CommunityManagerSettings.objects.get(site=site_tree.site)
    assert manager.urgent_response_hours == 1
    assert [(line.name, line.tel) for line in manager.help_lines_for("fr")] == [
        ("Allô Enfance en Danger", "119")
    ]
    assert [(line.name, line.tel) for line in manager.help_lines_for("en-gb")] == [("Childline", "08001111")]
    assert [line.name for line in manager.help_lines_for("de")] == ["Allô Enfance en Danger", "Childline"]


@pytest.mark.parametrize("phone", ["call me", "12", "javascript:alert(1)", "+33 (1) 23", ""])
def test_a_help_line_number_that_cannot_be_dialled_is_refused_on_its_field(admin_client, site_tree, phone):
    response = post(admin_client, site_tree.site, form_data(help_lines=[help_line("en", "Line", phone)]))

    assert response.status_code == 200
    assert "phone" in child_errors(response, "help_lines", 0)


def test_a_help_line_keeps_a_leading_plus_for_its_tel_link(site_tree):
    manager = CommunityManagerSettingsFactory(site=site_tree.site)

    line = manager.help_lines.model(settings=manager, language="fr", name="x", phone="+33 1.23-45 67 89")

    assert line.tel == "+33123456789"


def test_the_urgent_promise_is_two_hours_until_set(site_tree):
    assert CommunityManagerSettings.for_site_without_saving(site_tree.site).urgent_response_hours == 2
