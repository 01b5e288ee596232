"""Which network a client counts as, whatever the proxy in front writes."""

import pytest
from django.test import RequestFactory

from consultations.comments.anti_abuse import client_network, client_site


def network_of(settings, remote, forwarded=None, proxies=1):
    settings.TRIBUNE_PROXY_COUNT = proxies
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_network(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


@pytest.mark.parametrize(
    ("forwarded", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("203.0.113.7:51234", "203.0.113.7"),
        ("[2001:db8:1:2::7]:443", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:aaaa::7", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", "203.0.113.7"),
    ],
)
def test_a_forwarded_address_counts_by_its_network_with_or_without_a_port(settings, forwarded, network):
    assert network_of(settings, "10.0.0.1", forwarded) == network


@pytest.mark.parametrize("forwarded", ["unknown", "garbage-1", "", "   ", "_hidden"])
def test_a_forwarded_value_that_is_no_address_is_ignored_for_the_proxys_own(settings, forwarded):
    # Counting junk as it is would make every connection a network of its own.
    assert network_of(settings, "10.0.0.1", forwarded) == "10.0.0.1"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    assert network_of(settings, "10.0.0.1", "203.0.113.7", proxies=0) == "10.0.0.1"


@pytest.mark.parametrize(
    ("remote", "site"),
    [
        ("2001:db8:77:1:2::3", "2001:db8:77::/48"),
        ("2001:db8:77:ffff::1", "2001:db8:77::/48"),
        ("203.0.113.7", ""),
        ("::ffff:203.0.113.7", ""),
        ("garbage", ""),
    ],
)
def test_an_ipv6_client_is_also_counted_by_its_48_and_an_ipv4_one_is_not(settings, remote, site):
    settings.TRIBUNE_PROXY_COUNT = 0
    assert client_site(RequestFactory().get("/", REMOTE_ADDR=remote)) == site
