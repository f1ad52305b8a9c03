"""URL normalisation: one spelling per page, so the same story is not fetched twice.

The same article is linked with tracking parameters (``utm_*``, ``spm``, ``from``), fragments,
upper-case hosts and default ports. Only those are removed; other query parameters are kept
in their order, because many news CMSs address articles by query (``?id=123``).

The URL is first made safe the way Scrapy makes every request's URL safe (w3lib's
``safe_url_string``: IDNA hosts, percent-encoded paths and queries), so a link found in a feed
and the URL Scrapy fetched it under have one spelling. w3lib's ``canonicalize_url`` is not used:
it sorts query parameters and keeps default ports, and the order of a query can address a
different page.
"""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

TRACKING_PARAMS = frozenset(
    {
        "from",
        "spm",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "share_token",
        "share_from",
        "scene",
        "srcid",
        "_ga",
        "ref",
        "ref_src",
        "cmpid",
        "ncid",
        "sr_share",
        "wt.mc_id",
        "wtmc",
        "s_kwcid",
        "ito",
        "icid",
        "feature",
        "sharesource",
        "isappinstalled",
    }
)
_TRACKING_PREFIXES = ("utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str, base: str | None = None) -> str:
    """Absolute URL without fragment, tracking parameters, default port or upper-case host.

    User info (``user:password@``) is kept as given: it is part of what the server is asked for.
    """
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(safe_url_string(absolute))
    scheme = parts.scheme.lower()
    netloc = _userinfo(parts) + _host(parts)
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def _userinfo(parts: SplitResult) -> str:
    if parts.username is None:
        return ""
    return parts.username + (f":{parts.password}" if parts.password is not None else "") + "@"


def _host(parts: SplitResult) -> str:
    """The lower-cased host without a trailing dot; an IPv6 address keeps its brackets."""
    host = (parts.hostname or "").lower().rstrip(".")
    return f"[{host}]" if ":" in host else host


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def host_labels(address: str | None) -> list[str]:
    """The labels of an address's host, lower case (``news.example.com`` → ``news``, ``example``,
    ``com``); none for no address or one no parser reads (``http://[ccpa-preferences]/``, a broken
    link a page may well hold)."""
    try:
        host = urlsplit(address).hostname if address else None
    except ValueError:
        return []
    return [label for label in host.lower().split(".") if label] if host else []
