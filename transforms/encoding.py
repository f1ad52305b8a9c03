"""Decoding fetched bytes the way a browser would, and then fixing what the site got wrong.

Chinese sites still serve GBK/GB2312 (decoded here as its superset GB18030), declare a
charset only in the HTTP header, or declare utf-8 over GBK bytes. A wrong guess produces
mojibake that no later stage can repair, so the declared charset is verified by a strict
decode and replaced by detection when it does not fit.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# The supersets browsers really use for these labels (WHATWG Encoding Standard).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "utf8": "utf-8",
}


MAX_BAD_SHARE = 500  # one undecodable character in this many still counts as the declared charset


@dataclass(frozen=True)
class Decoded:
    """Text and the two encodings an analyst needs to trust it."""

    text: str
    declared: str | None
    used: str


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset the response claims: HTTP header first, then a BOM, meta tag or XML declaration."""
    if content_type and (header := _HEADER_CHARSET.search(content_type)):
        return header.group(1).lower()
    head = body[:4096]
    for pattern in (_XML_DECL, _META_CHARSET):
        if found := pattern.search(head):
            return found.group(1).decode("ascii").lower()
    return None


def decode_body(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode ``body``: BOM, then the declared charset if the bytes fit it, else detection.

    A page whose bytes fit its declared charset (or UTF-8) all but for a stray byte or two keeps
    that charset, as a browser would: detection on such a page guesses a single-byte codepage
    and turns every Chinese character into mojibake.
    """
    declared = declared_charset(body, content_type)
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return Decoded(body.decode(name, "replace").lstrip("\ufeff"), declared, name)
    candidates: list[str | None] = [_browser_name(declared)] if declared else []
    candidates.append("utf-8")
    names = [candidate for candidate in candidates if candidate]
    for name in names:
        if (text := _strict(body, name)) is not None:
            return Decoded(text, declared, name)
    for name in names:
        if (text := _nearly(body, name)) is not None:
            return Decoded(text, declared, name)
    detected = _detect(body)
    return Decoded(body.decode(detected, "replace"), declared, detected)


def _browser_name(label: str) -> str | None:
    name = _SUPERSETS.get(label.lower(), label.lower())
    try:
        return codecs.lookup(name).name if name not in _SUPERSETS.values() else name
    except LookupError:
        return None


def _nearly(body: bytes, name: str) -> str | None:
    """The text when at most one character in 500 fails to decode, else None."""
    text = body.decode(name, "replace")
    return text if text.count("\ufffd") * MAX_BAD_SHARE <= max(len(text), 1) else None


def _strict(body: bytes, name: str) -> str | None:
    try:
        return body.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes) -> str:
    """Guess for bytes that fit neither the declared charset nor UTF-8; Chinese first.

    GBK and Big5 byte ranges overlap, so when both decode cleanly the statistical detector
    decides between just those two.
    """
    fits = [name for name in ("gb18030", "big5hkscs") if _strict(body, name) is not None]
    if len(fits) == 1:
        return fits[0]
    isolation = ["gb18030", "big5"] if fits else None
    best = charset_normalizer.from_bytes(body, cp_isolation=isolation).best()
    if best is None:
        return fits[0] if fits else "cp1252"
    return _SUPERSETS.get(best.encoding, best.encoding)
