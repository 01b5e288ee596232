"""Who is posting or reporting, as far as abuse control needs to know: keyed hashes, never an address.

A *network* is what one household, school or phone usually holds: an IPv4 address, or an IPv6
/64 (a single IPv6 connection is given a whole /64, so counting its addresses one by one would
let one person count as millions). An *author* is the email address they typed, casefolded.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django_ratelimit.core import get_usage

from consultations.models import address_key

IPV6_NETWORK_PREFIX = 64
IPV6_SITE_PREFIX = 48  # what one customer, one school or one free tunnel is usually given: 65,536 /64s


def parse_address(value):
    """An IP address from what a socket or a proxy gives: "a.b.c.d", "a.b.c.d:port", "[v6]:port"… or None."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]  # IPv4 with a port
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def client_ip(request):
    """The client's address: the one the trusted proxies saw (TRIBUNE_PROXY_COUNT), else the socket's.

    A forwarded value that is not an address (a misconfigured proxy) is ignored rather than counted as
    it is: otherwise every connection could count as a network of its own.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.TRIBUNE_PROXY_COUNT and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= settings.TRIBUNE_PROXY_COUNT:
            ip = parse_address(hops[-settings.TRIBUNE_PROXY_COUNT])
            if ip is not None:
                return ip
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def client_network(request):
    """The network the client counts as: its IPv4 address, or the /64 of its IPv6 address."""
    ip = client_ip(request)
    if ip is None:
        return ""  # no usable address at all: every such client shares one budget
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        mask = ((1 << IPV6_NETWORK_PREFIX) - 1) << (128 - IPV6_NETWORK_PREFIX)
        return str(ipaddress.IPv6Network((int(ip) & mask, IPV6_NETWORK_PREFIX)))
    return str(ip)


def client_site(request):
    """The IPv6 /48 the client's address is in, or "" for an IPv4 client (its address is already one network)."""
    ip = client_ip(request)
    if ip is None or ip.version != 6 or ip.ipv4_mapped is not None:
        return ""
    mask = ((1 << IPV6_SITE_PREFIX) - 1) << (128 - IPV6_SITE_PREFIX)
    return str(ipaddress.IPv6Network((int(ip) & mask, IPV6_SITE_PREFIX)))


def keyed_hash(kind, value):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"tribune-{kind}:{value}".encode(), hashlib.sha256
    ).hexdigest()


def network_key(request):
    """A stable, keyed, one-way key for the client's network; no address is ever stored in clear.

    For an IPv4 client it is the same key as the per-address key used before networks were
    counted, so reports stored earlier keep counting as the same reporter.
    """
    return keyed_hash("client", client_network(request))


def site_key(request):
    """A keyed, one-way key for the client's IPv6 /48, or "" for an IPv4 client."""
    site = client_site(request)
    return keyed_hash("client-site", site) if site else ""


def _usage(group, key, rate, request, increment):
    """django-ratelimit's count for this key (None when rate limiting is switched off)."""
    return get_usage(request, group=group, key=lambda _group, _request: key, rate=rate, increment=increment)


def posting_budgets(request, email):
    """The two budgets a comment spends: its author's and its network's."""
    return [
        ("comment-author", address_key(email), settings.TRIBUNE_AUTHOR_COMMENT_RATE),
        ("comment-network", network_key(request), settings.TRIBUNE_NETWORK_COMMENT_RATE),
    ]


def spend_comment_budget(request, email):
    """Count this comment against its author's and its network's budgets; False past either.

    Counting and checking are one atomic increment in the cache (Redis in production), so a burst
    of simultaneous posts cannot all pass a check made before any of them was counted. Call it
    last, once nothing else can refuse the post: a post refused earlier costs nothing.
    """
    for group, key, rate in posting_budgets(request, email):
        usage = _usage(group, key, rate, request, increment=True)
        if usage is not None and usage["should_limit"]:
            return False  # the budgets after this one are left alone
    return True


def report_rate_exceeded(request):
    """Count one more report from this network; True past TRIBUNE_REPORT_RATE."""
    usage = _usage(
        "comment-report", network_key(request), settings.TRIBUNE_REPORT_RATE, request, increment=True
    )
    return usage is not None and usage["should_limit"]


def support_rate_exceeded(request):
    """Count one more support from this network, over all comments; True past TRIBUNE_SUPPORT_RATE."""
    usage = _usage(
        "comment-support", network_key(request), settings.TRIBUNE_SUPPORT_RATE, request, increment=True
    )
    return usage is not None and usage["should_limit"]
