"""Refuse requests to loopback, private and link-local addresses (SSRF protection).

A public news site must not be able to point the crawler at 169.254.169.254 (cloud metadata)
or an internal service, by a link or by a redirect. Every request, redirects included, has
its host resolved here and is refused when any address it resolves to is not public, unless
the host is one the sources themselves are configured with (a site on an intranet, or the test
site on 127.0.0.1). Refusals are counted in the stats and recorded as ``private_address``.

The middleware's answer alone is not enough: the connection resolves the host again, and a
host whose DNS answers a public address first and 127.0.0.1 next (DNS rebinding, with a TTL
of zero) would pass the check and connect inside. So the resolver that connections use,
:class:`GuardedResolver`, checks the address it hands the connection, the one actually
connected to; a refused lookup fails the download, and the middleware records it as
``private_address`` too.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Sequence
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
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

    def process_exception(self, request: Request, exception: BaseException) -> None:
        """A download whose connection the resolver refused fails as ``private_address``, saying why."""
        resolver = _installed_resolver()
        host = (urlparse_cached(request).hostname or "").lower()
        why = resolver.refused.get(host) if resolver is not None else None
        if why is not None and not isinstance(exception, PrivateAddressRefused):
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(REFUSED_STAT)
            logger.warning("refused %s at connect time: %s", request.url, why)
            raise PrivateAddressRefused(why)

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
    return blocked_reason(host, addresses)


def blocked_reason(host: str, addresses: Sequence[Address]) -> str | None:
    """Why ``host`` may not be reached at ``addresses``, or None when they are all public."""
    blocked = [str(address) for address in addresses if not is_public(address)]
    if blocked:
        return f"{host} resolves to a non-public address ({', '.join(blocked)})"
    return None


class GuardedResolver(CachingThreadedResolver):
    """The resolver connections use (``TWISTED_DNS_RESOLVER``): it refuses non-public answers at connect time.

    Hosts the sources are configured with are trusted, as in the middleware. ``refused``
    keeps why each host was refused, for the middleware to record.
    """

    def __init__(self, reactor: Any, cache_size: int, timeout: float, trusted_hosts: set[str]) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.trusted_hosts = trusted_hosts
        self.refused: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> Self:
        """Built by Scrapy when the reactor starts; ``crawler`` is the crawler process (its settings suffice)."""
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        trusted = {host.lower() for host in settings.getlist(TRUSTED_HOSTS_SETTING)}
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), trusted)

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802 - Twisted's name
        """The address a connection to ``name`` will use, or a failure when it is not public."""
        answer = super().getHostByName(name, timeout)
        answer.addCallback(self._checked, name)
        return answer

    def _checked(self, address: str, name: str) -> str:
        host = name.lower()
        if host in self.trusted_hosts:
            return address
        why = blocked_reason(host, [ipaddress.ip_address(address)])
        if why is not None:
            self.refused[host] = why
            raise PrivateAddressRefused(why)
        return address


def _installed_resolver() -> GuardedResolver | None:
    from twisted.internet import reactor  # noqa: PLC0415 - the reactor this crawl installed

    resolver = getattr(reactor, "resolver", None)
    return resolver if isinstance(resolver, GuardedResolver) else None
