"""reCAPTCHA on the comment form: only with keys, and an unreachable service is a message, not a 500."""

from unittest import mock
from urllib.error import URLError

import pytest
from django.core.cache import cache
from django.test import Client
from django_recaptcha.client import RecaptchaResponse

from consultations.comments.urls import comment_post_url
from consultations.models import ConsultationComment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def recaptcha_keys(settings):
    cache.clear()
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "public-test-key"
    settings.RECAPTCHA_PRIVATE_KEY = "private-test-key"


def post(page, data):
    return Client(raise_request_exception=False).post(comment_post_url(page), data)


def test_form_shows_the_captcha_only_when_keys_are_configured(client, consultation, settings):
    assert "g-recaptcha" in client.get(consultation.url).content.decode()

    settings.RECAPTCHA_ENABLED = False

    assert "g-recaptcha" not in client.get(consultation.url).content.decode()


def test_solved_captcha_lets_the_comment_through(consultation, comment_data):
    with mock.patch("django_recaptcha.client.submit", return_value=RecaptchaResponse(is_valid=True)):
        response = post(consultation, comment_data(consultation, **{"g-recaptcha-response": "token"}))

    assert response.status_code == 302
    assert ConsultationComment.objects.count() == 1


def test_failed_captcha_is_refused_with_the_text_kept(consultation, comment_data):
    with mock.patch("django_recaptcha.client.submit", return_value=RecaptchaResponse(is_valid=False)):
        response = post(consultation, comment_data(consultation, **{"g-recaptcha-response": "token"}))

    assert response.status_code == 200
    assert "More shade and benches, please." in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_unreachable_captcha_service_is_a_clear_retryable_error(consultation, comment_data):
    with mock.patch("django_recaptcha.client.submit", side_effect=URLError("timed out")):
        response = post(consultation, comment_data(consultation, **{"g-recaptcha-response": "token"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not check the anti-spam test just now" in html
    assert "More shade and benches, please." in html
    assert not ConsultationComment.objects.exists()
