"""Throttling of the Wagtail admin's sign-in (django-axes) and password reset (django-ratelimit).

Both know the client only by `consultations.comments.anti_abuse.network_key`, a keyed hash of its network
(an IPv4 address or an IPv6 /64) that follows TRIBUNE_PROXY_COUNT like the comment limits do; no
address is ever stored.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext
from django_ratelimit.core import _split_rate, is_ratelimited
from wagtail.admin.views.account import PasswordResetView

from consultations.comments.anti_abuse import network_key
from consultations.models import address_key


def axes_client_key(request):
    """AXES_CLIENT_IP_CALLABLE: django-axes counts failures per salted client hash, not per address."""
    return network_key(request)


def _minutes(duration):
    return max(1, math.ceil(duration.total_seconds() / 60))


def _too_many_attempts(request, message, retry_after_seconds):
    response = render(
        request,
        "too_many_attempts.html",
        {"message": message, "login_url": reverse("wagtailadmin_login")},
        status=429,
    )
    response["Retry-After"] = str(retry_after_seconds)
    return response


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a readable page in the visitor's language instead of axes' plain text."""
    minutes = _minutes(settings.AXES_COOLOFF_TIME)
    message = ngettext(
        "Too many failed sign-in attempts for this account from your connection. "
        "Please wait %(minutes)d minute, then try again.",
        "Too many failed sign-in attempts for this account from your connection. "
        "Please wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}
    return _too_many_attempts(request, message, minutes * 60)


def _email_key(group, request):
    """The address a reset is asked for, as the site's keyed hash of a mailbox (the limit holds whoever asks)."""
    return address_key(request.POST.get("email", ""))


def _client_key(group, request):
    return network_key(request)


def password_reset(request, *args, **kwargs):
    """Wagtail's password reset form, refused with a 429 page past TRIBUNE_PASSWORD_RESET_RATE
    requests from one client or TRIBUNE_PASSWORD_RESET_EMAIL_RATE for one address."""
    if request.method == "POST":
        by_client = is_ratelimited(
            request,
            group="admin-password-reset-client",
            key=_client_key,
            rate=settings.TRIBUNE_PASSWORD_RESET_RATE,
            increment=True,
        )
        by_email = is_ratelimited(
            request,
            group="admin-password-reset-email",
            key=_email_key,
            rate=settings.TRIBUNE_PASSWORD_RESET_EMAIL_RATE,
            increment=True,
        )
        if by_client or by_email:
            # django-ratelimit counts in fixed windows: the longest one bounds the wait.
            seconds = max(
                _split_rate(settings.TRIBUNE_PASSWORD_RESET_RATE)[1],
                _split_rate(settings.TRIBUNE_PASSWORD_RESET_EMAIL_RATE)[1],
            )
            minutes = _minutes(timedelta(seconds=seconds))
            message = ngettext(
                "Too many password reset requests. Please wait %(minutes)d minute, then try again.",
                "Too many password reset requests. Please wait %(minutes)d minutes, then try again.",
                minutes,
            ) % {"minutes": minutes}
            return _too_many_attempts(request, message, seconds)
    return PasswordResetView.as_view()(request, *args, **kwargs)
