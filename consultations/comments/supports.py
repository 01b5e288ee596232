"""Readers' supports ("me too") of published comments: who counts as the same reader, and the caps.

A reader is a random value in a signed cookie set only by the answer to a support (reading sets
none), stored as a keyed hash. A script can drop its cookie, so each network (an IPv4 address, an
IPv6 /64) may add at most TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK supports to one comment in any
24 hours, each IPv6 /48 (one customer's or one tunnel's 65,536 networks) at most
TRIBUNE_SUPPORTS_PER_COMMENT_PER_IPV6_48, and each network TRIBUNE_SUPPORT_RATE over all comments. Withdrawing one's own support is never capped:
it only undoes what the cap let through.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations.comments.anti_abuse import keyed_hash, network_key, site_key, support_rate_exceeded
from consultations.models import CommentSupport, ConsultationComment

READER_COOKIE = "tribune_reader"
READER_COOKIE_SALT = "tribune.reader"
READER_COOKIE_DAYS = 180


@dataclass(frozen=True)
class Outcome:
    supported: bool  # whether this reader supports the comment now
    count: int  # the comment's supports now
    refused: str = ""  # "comment" (this network's daily cap on the comment) or "network" (its hourly rate)


def reader_token(request):
    """The random value of the reader's cookie, if it is one Tribune signed; else None."""
    return request.get_signed_cookie(READER_COOKIE, default=None, salt=READER_COOKIE_SALT)


def new_reader_token():
    return secrets.token_urlsafe(24)


def reader_key(token, comment):
    return keyed_hash("reader", f"{comment.pk}:{token}")


def of_comment(comment, key):
    """A network's key as one comment's supports store it: keyed by the comment too, so that the rows of
    one reader or one network on different comments share no value (nobody can list what one browser or
    one household agreed with); the caps only ever count within one comment."""
    return keyed_hash("support", f"{comment.pk}:{key}") if key else ""


def set_reader_cookie(response, token):
    """Signed, random, HttpOnly, SameSite=Lax, Secure where sessions are (production); for
    READER_COOKIE_DAYS after the reader's last support."""
    response.set_signed_cookie(
        READER_COOKIE,
        token,
        salt=READER_COOKIE_SALT,
        max_age=READER_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def toggle_support(request, comment, token, wanted=None):
    """Add or withdraw this reader's support of ``comment``; ``wanted`` True/False asks for one state
    (a second request for it changes nothing), None toggles. Returns the ``Outcome``."""
    key = reader_key(token, comment)
    network, site = of_comment(comment, network_key(request)), of_comment(comment, site_key(request))
    with transaction.atomic():
        # One support decision at a time per comment, so that the cap cannot be passed by a burst.
        list(
            ConsultationComment.objects.select_related(None)
            .select_for_update()
            .filter(pk=comment.pk)
            .values_list("pk", flat=True)
        )
        existing = CommentSupport.objects.filter(comment=comment, reader_key=key)
        supported = existing.exists()
        if wanted is None:
            wanted = not supported
        refused = ""
        if supported and not wanted:
            existing.delete()
            supported = False
        elif wanted and not supported:
            refused = cap_reached(request, comment, network, site)
            if not refused:
                try:
                    with transaction.atomic():
                        CommentSupport.objects.create(
                            comment=comment, reader_key=key, network_key=network, site_key=site
                        )
                except IntegrityError:
                    pass  # the same reader twice at once: it counts once
                supported = True
        count = CommentSupport.objects.of_comment(comment).count()
    return Outcome(supported=supported, count=count, refused=refused)


def cap_reached(request, comment, network, site=""):
    """Why this network may not add a support to this comment now ("comment", "network"), or ""."""
    since = timezone.now() - timedelta(hours=24)
    today = CommentSupport.objects.filter(comment=comment, created_at__gte=since)
    if today.filter(network_key=network).count() >= settings.TRIBUNE_SUPPORTS_PER_COMMENT_PER_NETWORK:
        return "comment"
    if site and today.filter(site_key=site).count() >= settings.TRIBUNE_SUPPORTS_PER_COMMENT_PER_IPV6_48:
        return "comment"
    if support_rate_exceeded(request):
        return "network"
    return ""
