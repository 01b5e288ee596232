"""Who is posting, as far as abuse control needs to know: a salted hash, never the address itself."""

import hashlib
import hmac

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_address(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.TRIBUNE_PROXY_COUNT and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= settings.TRIBUNE_PROXY_COUNT:
            return hops[-settings.TRIBUNE_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """A stable, salted, one-way key for the client; the IP address is never stored in clear."""
    return hmac.new(
        settings.SECRET_KEY.encode(), b"tribune-client:" + client_address(request).encode(), hashlib.sha256
    ).hexdigest()


def _ratelimit_key(group, request):
    return client_key(request)


def comment_rate_exceeded(request):
    """Count one more comment from this client; True past TRIBUNE_COMMENT_RATE (e.g. 5 in 10 minutes)."""
    return is_ratelimited(
        request, group="comment-post", key=_ratelimit_key, rate=settings.TRIBUNE_COMMENT_RATE, increment=True
    )


def report_rate_exceeded(request):
    """Count one more report from this client; True past TRIBUNE_REPORT_RATE."""
    return is_ratelimited(
        request, group="comment-report", key=_ratelimit_key, rate=settings.TRIBUNE_REPORT_RATE, increment=True
    )
