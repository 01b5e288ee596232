"""A mistyped TRIBUNE_MODERATOR_NOTIFICATIONS stops `manage.py check` (and runserver, migrate) with a clear error."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.mark.parametrize("mode", ["each", "digest", "off"])
def test_each_documented_mode_passes_the_checks(settings, mode):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = mode

    call_command("check", "--fail-level", "ERROR")


@pytest.mark.parametrize("mode", ["Each", "weekly", "", " off", None, 1])
def test_any_other_value_is_an_error_that_names_it_and_the_choices(settings, mode):
    settings.TRIBUNE_MODERATOR_NOTIFICATIONS = mode

    with pytest.raises(SystemCheckError) as failure:
        call_command("check")

    message = str(failure.value)
    assert "consultations.E001" in message
    assert f"TRIBUNE_MODERATOR_NOTIFICATIONS is {mode!r}" in message
    assert '"each", "digest" or "off"' in message
