"""Scrapy settings for one site's crawl: polite by default, bounded in every dimension.

Every limit a hostile or broken site could push on (size, time, retries, redirects) has a
value here, and everything that opens a port (telnet console, remote control) is off.
Politeness is per host (Scrapy's download slots): the site's setting for every host, and a
slot of its own for each host the ``sites:`` block names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from crawlers.private_address import TRUSTED_HOSTS_SETTING
from crawlers.retry_after import BACKOFF_SETTING, MAX_WAIT_SETTING
from transforms.sites import Site

MAX_PAGE_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 30
RETRIES = 2
RETRY_BACKOFF_SECONDS = 1.0  # before the first retry; doubled for each further one
RETRY_MAX_WAIT_SECONDS = 120.0
# Environment overrides, for tests against deliberately slow sites (and for operators who must
# tune a deployment without a code change); the defaults above hold when they are unset.
TIMEOUT_ENV = "NEWSLAKE_DOWNLOAD_TIMEOUT"
BACKOFF_ENV = "NEWSLAKE_RETRY_BACKOFF"


def _seconds(environ: Mapping[str, str], name: str, default: float) -> float:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number of seconds; unset it or give e.g. {default:g}") from None
    if not 0 < seconds <= 3600:
        raise ValueError(f"{name}={value!r} must be between 0 and 3600 seconds")
    return seconds


def crawl_settings(site: Site, user_agent: str, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The Scrapy settings for crawling ``site`` (``environ``, default ``os.environ``, may lower the timeouts)."""
    environ = os.environ if environ is None else environ
    slots = {
        host: {
            "concurrency": politeness.concurrency or site.concurrency,
            "delay": site.delay if politeness.delay is None else politeness.delay,
        }
        for host, politeness in site.hosts
    }
    most = max([site.concurrency, *(slot["concurrency"] for slot in slots.values())])
    return {
        "BOT_NAME": "newslake",
        "USER_AGENT": user_agent,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": user_agent,
        "CONCURRENT_REQUESTS": max(4, most * 2),
        "CONCURRENT_REQUESTS_PER_DOMAIN": site.concurrency,
        "DOWNLOAD_DELAY": site.delay,
        "DOWNLOAD_SLOTS": slots,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(site.delay, 0.1),
        # AutoThrottle aims at this many requests at once per host; each host's slot caps it at its own.
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(most),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "DOWNLOAD_TIMEOUT": _seconds(environ, TIMEOUT_ENV, TIMEOUT_SECONDS),
        "DOWNLOAD_MAXSIZE": MAX_PAGE_BYTES,
        "DOWNLOAD_WARNSIZE": MAX_PAGE_BYTES // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": RETRIES,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        BACKOFF_SETTING: _seconds(environ, BACKOFF_ENV, RETRY_BACKOFF_SECONDS),
        MAX_WAIT_SETTING: RETRY_MAX_WAIT_SECONDS,
        "REDIRECT_ENABLED": True,
        "REDIRECT_MAX_TIMES": 10,
        "HTTPERROR_ALLOW_ALL": True,  # error pages are stored and become rejects, never vanish
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "LOGSTATS_INTERVAL": 30.0,
        "ITEM_PIPELINES": {"crawlers.fetch_writer.FetchWriter": 100},
        "DOWNLOADER_MIDDLEWARES": {
            "crawlers.private_address.PrivateAddressMiddleware": 60,  # before robots.txt is fetched
            "crawlers.crawl_delay.CrawlDelayMiddleware": 110,  # after robots.txt is parsed
            "crawlers.retry_after.RetryAfterMiddleware": 560,  # sees what RetryMiddleware retries, first
        },
        # Only the hosts the sources are configured with may be private (an intranet site, a test site).
        TRUSTED_HOSTS_SETTING: sorted(
            {(urlsplit(url).hostname or "").lower() for source in site.sources for url in source.urls}
        ),
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        # Connections check the address they connect to (DNS rebinding; see private_address.py).
        "TWISTED_DNS_RESOLVER": "crawlers.private_address.GuardedResolver",
    }
