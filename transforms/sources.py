"""The sources file: what to crawl, validated before anything runs.

A typo in ``sources.yaml`` should stop a run at once with one line naming the file, the line,
the source and the key, never half-way through a crawl. So the file is parsed with line marks
and checked field by field here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from transforms.extract.rules import FIELDS as EXTRACT_FIELDS
from transforms.extract.rules import Selector, SiteRules, parse_selector

KINDS = ("feed", "sitemap", "listing")
DEFAULT_USER_AGENT = "newslake/0.1 (+https://github.com/newslake/newslake)"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class SourcesError(ValueError):
    """A sources file a user must fix; the message names the place and the fix."""


@dataclass(frozen=True)
class Source:
    """One configured site section to crawl."""

    id: str
    kind: str
    urls: tuple[str, ...]
    allowed_domains: tuple[str, ...] = ()
    article_url_pattern: str | None = None
    timezone: str | None = None
    language: str | None = None
    max_pages: int = 1000
    concurrency: int = 2
    delay: float = 1.0
    discover_feeds: bool = False
    max_depth: int = 1
    pagination_pattern: str | None = None
    extract: SiteRules | None = None

    @property
    def domains(self) -> tuple[str, ...]:
        """Domains the crawl may stay on: configured, else the hosts of its start URLs."""
        if self.allowed_domains:
            return self.allowed_domains
        return tuple(sorted({urlsplit(url).hostname or "" for url in self.urls}))


@dataclass(frozen=True)
class HostPoliteness:
    """How hard one host may be crawled, from the ``sites:`` block: what it sets overrides its sources."""

    concurrency: int | None = None
    delay: float | None = None


@dataclass(frozen=True)
class SourcesFile:
    """All sources plus the settings shared by every crawl."""

    path: str
    sources: tuple[Source, ...]
    user_agent: str = DEFAULT_USER_AGENT
    hosts: tuple[tuple[str, HostPoliteness], ...] = ()  # the ``sites:`` block, host → politeness

    def get(self, source_id: str) -> Source:
        """The source called ``source_id``, or an error that lists the ones there are."""
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources)
        raise SourcesError(f"{self.path}: no source '{source_id}' (sources are: {known})")


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "kind": str,
    "urls": list,
    "allowed_domains": list,
    "article_url_pattern": str,
    "timezone": str,
    "language": str,
    "max_pages": int,
    "concurrency": int,
    "delay": (int, float),
    "discover_feeds": bool,
    "max_depth": int,
    "pagination_pattern": str,
}
_TOP = ("sources", "user_agent", "sites")
_HOST_FIELDS = ("concurrency", "delay")


def parse_sources(text: str, name: str = "sources.yaml") -> SourcesFile:
    """Validate the YAML text of a sources file."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise SourcesError(f"{name}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if not isinstance(root, yaml.MappingNode):
        raise SourcesError(f"{name}: expected a mapping with a 'sources:' list at the top")
    top = _mapping(root, name, "the file")
    for key, (node, _) in top.items():
        if key not in _TOP:
            raise SourcesError(f"{name}:{node.start_mark.line + 1}: unknown top-level key '{key}'{_hint(key, _TOP)}")
    if "sources" not in top or not isinstance(top["sources"][1], yaml.SequenceNode):
        raise SourcesError(f"{name}: needs a 'sources:' list")
    sources: list[Source] = []
    for item in top["sources"][1].value:
        source = _source(item, name)
        if any(s.id == source.id for s in sources):
            raise SourcesError(f"{name}:{item.start_mark.line + 1}: source '{source.id}': the id is used twice")
        sources.append(source)
    if not sources:
        raise SourcesError(f"{name}: the 'sources:' list is empty")
    user_agent = DEFAULT_USER_AGENT
    if "user_agent" in top:
        user_agent = str(yaml.safe_load(yaml.serialize(top["user_agent"][1])))
    hosts = _sites(top["sites"][1], name) if "sites" in top else ()
    return SourcesFile(path=name, sources=tuple(sources), user_agent=user_agent, hosts=hosts)


def _sites(node: yaml.Node, name: str) -> tuple[tuple[str, HostPoliteness], ...]:
    """The ``sites:`` block: ``host: {concurrency: N, delay: S}`` for hosts whose politeness is set by hand."""
    hosts: list[tuple[str, HostPoliteness]] = []
    for host, (key_node, value_node) in _mapping(node, name, "'sites:'").items():
        where = f"{name}:{key_node.start_mark.line + 1}: site '{host}'"
        if not host or "/" in host or ":" in host.strip("[]") or host != host.strip().lower():
            raise SourcesError(f"{where}: a site is a lowercase host name such as news.example.com, not a URL")
        # Parsed YAML being checked key by key; it becomes a HostPoliteness below.
        values: dict[str, Any] = {}
        for key, (inner_key, inner_value) in _mapping(value_node, name, f"site '{host}'").items():
            inner = f"{name}:{inner_key.start_mark.line + 1}: site '{host}'"
            if key not in _HOST_FIELDS:
                raise SourcesError(f"{inner}: unknown key '{key}'{_hint(key, _HOST_FIELDS)}")
            value = yaml.safe_load(yaml.serialize(inner_value))
            expected = _FIELDS[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not isinstance(value, expected):
                raise SourcesError(f"{inner}: '{key}' must be {_type_name(expected)}, got {value!r}")
            low = 1 if key == "concurrency" else 0
            if value < low:
                raise SourcesError(f"{inner}: '{key}' must be at least {low}")
            values[key] = value
        delay = values.get("delay")
        hosts.append((host, HostPoliteness(values.get("concurrency"), None if delay is None else float(delay))))
    return tuple(hosts)


def _mapping(node: yaml.Node, name: str, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise SourcesError(f"{name}:{node.start_mark.line + 1}: {what} must be a mapping of keys to values")
    return {str(key.value): (key, value) for key, value in node.value}


def _source(node: yaml.Node, name: str) -> Source:
    fields = _mapping(node, name, "each source")
    line = node.start_mark.line + 1
    ident = str(fields["id"][1].value) if "id" in fields else None
    label = f"source '{ident}'" if ident else "a source"
    # Parsed YAML not yet validated (_checked turns it into a Source or names what is wrong).
    values: dict[str, Any] = {}
    for key, (key_node, value_node) in fields.items():
        where = f"{name}:{key_node.start_mark.line + 1}: {label}"
        if key == "extract":
            values[key] = _extract_rules(value_node, name, label)
            continue
        if key not in _FIELDS:
            raise SourcesError(f"{where}: unknown key '{key}'{_hint(key, (*_FIELDS, 'extract'))}")
        value = yaml.safe_load(yaml.serialize(value_node))
        expected = _FIELDS[key]
        if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
            raise SourcesError(f"{where}: '{key}' must be {_type_name(expected)}, got {value!r}")
        values[key] = value
    for required in ("id", "kind", "urls"):
        if required not in values:
            raise SourcesError(f"{name}:{line}: {label}: missing required key '{required}'")
    return _checked(values, f"{name}:{line}: {label}")


def _checked(values: dict[str, Any], where: str) -> Source:
    if not _ID.match(values["id"]):
        raise SourcesError(f"{where}: 'id' must be lowercase letters, digits, '-' or '_' (got {values['id']!r})")
    if values["kind"] not in KINDS:
        raise SourcesError(f"{where}: 'kind' must be one of {', '.join(KINDS)}{_hint(values['kind'], KINDS)}")
    urls = tuple(str(url) for url in values["urls"])
    if not urls:
        raise SourcesError(f"{where}: 'urls' must list at least one URL")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where}: 'urls' entry {url!r} is not an http(s) URL")
    if values["kind"] == "listing" and not values.get("article_url_pattern"):
        raise SourcesError(f"{where}: a 'listing' source needs 'article_url_pattern' (a regex for article links)")
    for key in ("article_url_pattern", "pagination_pattern"):
        try:
            re.compile(values.get(key) or "")
        except re.error as error:
            raise SourcesError(f"{where}: '{key}' is not a valid regex ({error})") from None
    if zone := values.get("timezone"):
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SourcesError(f"{where}: 'timezone' {zone!r} is not an IANA zone such as Asia/Shanghai") from None
    for key, low in (("max_pages", 1), ("concurrency", 1), ("delay", 0), ("max_depth", 1)):
        if key in values and values[key] < low:
            raise SourcesError(f"{where}: '{key}' must be at least {low}")
    return Source(
        id=values["id"],
        kind=values["kind"],
        urls=urls,
        allowed_domains=tuple(str(d) for d in values.get("allowed_domains", ())),
        article_url_pattern=values.get("article_url_pattern"),
        timezone=values.get("timezone"),
        language=values.get("language"),
        max_pages=values.get("max_pages", 1000),
        concurrency=values.get("concurrency", 2),
        delay=float(values.get("delay", 1.0)),
        discover_feeds=values.get("discover_feeds", False),
        max_depth=values.get("max_depth", 1),
        pagination_pattern=values.get("pagination_pattern"),
        extract=values.get("extract"),
    )


def _extract_rules(node: yaml.Node, name: str, label: str) -> SiteRules:
    """A source's ``extract:`` block: each key a known field, each selector one parsel can read."""
    where = f"{name}:{node.start_mark.line + 1}: {label}"
    fields_list = ", ".join(EXTRACT_FIELDS)
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise SourcesError(f"{where}: 'extract' must map fields ({fields_list}) to selectors")
    rules: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        at = f"{name}:{key_node.start_mark.line + 1}: {label}"
        if key not in EXTRACT_FIELDS:
            hint = _hint(key, EXTRACT_FIELDS)
            raise SourcesError(f"{at}: unknown key '{key}' in 'extract'{hint} (the keys are {fields_list})")
        if key == "drop":
            items = value_node.value if isinstance(value_node, yaml.SequenceNode) else None
            if not items:
                raise SourcesError(f"{at}: 'extract.drop' must be a list of selectors, one per line starting '- '")
            rules[key] = tuple(_selector(item, f"extract.{key}", name, label) for item in items)
        else:
            rules[key] = _selector(value_node, f"extract.{key}", name, label)
        for selector in rules[key] if key == "drop" else (rules[key],):
            if key in ("body", "drop") and selector.selects_values:
                raise SourcesError(
                    f"{at}: 'extract.{key}' {selector.written!r} selects text or an attribute; "
                    "it must select elements (drop the ::text, ::attr() or /@name part)"
                )
    return SiteRules(**rules)


def _selector(node: yaml.Node, what: str, name: str, label: str) -> Selector:
    at = f"{name}:{node.start_mark.line + 1}: {label}"
    if not isinstance(node, yaml.ScalarNode):
        raise SourcesError(f"{at}: '{what}' must be one selector as text (CSS, or XPath starting with '/')")
    if not str(node.value).strip():
        # YAML reads an unquoted '#id' as a comment, which leaves the value empty.
        raise SourcesError(f"{at}: '{what}' is empty; quote a selector that starts with '#' ('#story')")
    try:
        return parse_selector(str(node.value))
    except ValueError as error:
        raise SourcesError(f"{at}: '{what}': {error}") from None


def _hint(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {str: "text", list: "a list", int: "a whole number", bool: "true or false"}
    if isinstance(expected, tuple):
        return "a number"
    return names.get(expected, expected.__name__)
