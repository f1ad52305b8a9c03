"""The crawl's guards, called directly: which addresses are private, how Retry-After is read."""

from __future__ import annotations

import ipaddress
from email.utils import formatdate

import pytest

from crawlers.private_address import is_public, resolve
from crawlers.retry_after import retry_after_seconds


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "127.0.0.1",
        "127.8.8.8",
        "169.254.169.254",
        "0.0.0.0",
        "::1",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
    ],
)
def test_private_loopback_and_link_local_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::6810:84e5"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_ip_literals_resolve_to_themselves_without_dns() -> None:
    assert resolve("169.254.169.254", 80) == [ipaddress.ip_address("169.254.169.254")]
    assert resolve("[::1]", 80) == [ipaddress.ip_address("::1")]


def test_localhost_resolves_to_loopback() -> None:
    assert not any(is_public(address) for address in resolve("localhost", 80))


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = 1_800_000_000.0
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds(formatdate(now + 30, usegmt=True), now) == pytest.approx(30.0)
    assert retry_after_seconds(formatdate(now - 30, usegmt=True), now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
