"""Refuse requests to loopback, private and link-local addresses (SSRF protection).

A public news site must not be able to point the crawler at 169.254.169.254 (cloud metadata)
or an internal service, by a link or by a redirect. Every request, redirects included, has
its host resolved here and is refused when any address it resolves to is not public, unless
the host is one the source itself is configured with (a site on an intranet, or the test
site on 127.0.0.1). Refusals are counted in the stats and recorded as ``private_address``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.threads import deferToThread

TRUSTED_HOSTS_SETTING = "NEWSLAKE_TRUSTED_HOSTS"
REFUSED_STAT = "newslake/private_address/refused"
logger = logging.getLogger(__name__)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class PrivateAddressRefused(IgnoreRequest):
    """The request's host resolves to an address the crawler must not reach."""


def is_public(address: Address) -> bool:
    """False for loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local and other special ranges."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_reserved
        or address.is_multicast
    )


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class PrivateAddressMiddleware:
    """Downloader middleware: resolve each request's host and refuse non-public addresses."""

    def __init__(self, crawler: Crawler, trusted_hosts: set[str]) -> None:
        self.crawler = crawler
        self.trusted_hosts = trusted_hosts
        self._verdicts: dict[str, str | None] = {}  # host → why it is refused, None when fine

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Trust the hosts the source is configured with."""
        hosts = {host.lower() for host in crawler.settings.getlist(TRUSTED_HOSTS_SETTING)}
        return cls(crawler, hosts)

    async def process_request(self, request: Request) -> None:
        """Let the request through, or raise ``PrivateAddressRefused``."""
        parts = urlparse_cached(request)
        host = (parts.hostname or "").lower()
        if not host or host in self.trusted_hosts:
            return
        if host not in self._verdicts:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            self._verdicts[host] = await maybe_deferred_to_future(deferToThread(_verdict, host, port))
        why = self._verdicts[host]
        if why is not None:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(REFUSED_STAT)
            logger.warning("refused %s: %s", request.url, why)
            raise PrivateAddressRefused(why)


def _verdict(host: str, port: int) -> str | None:
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError):
        return None  # unresolvable: the download itself fails and records connection_error
    blocked = [str(address) for address in addresses if not is_public(address)]
    if blocked:
        return f"{host} resolves to a non-public address ({', '.join(blocked)})"
    return None
