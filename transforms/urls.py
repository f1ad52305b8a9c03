"""URL normalisation: one spelling per page, so the same story is not fetched twice.

The same article is linked with tracking parameters (``utm_*``, ``spm``, ``from``), fragments,
upper-case hosts and default ports. Only those are removed; other query parameters are kept
in their order, because many news CMSs address articles by query (``?id=123``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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
    """Absolute URL without fragment, tracking parameters, default port or upper-case host."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    netloc = host
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def _is_tracking(key: str) -> bool:
    lowered = key.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)
