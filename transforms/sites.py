"""Sites: the unit of crawling. Sources that share a host are crawled together, politely, once.

A site is the set of sources whose start URLs share a host (a source whose URLs name several
hosts joins their sites into one). It is one crawl per run: one frontier, one duplicate filter,
one politeness slot per host, so a URL that its RSS feed, its sitemap and a section listing all
list is fetched once, and the host never sees more than one crawler's worth of requests.

The host, not the registrable domain, is the unit: it is what a server's rate limits, robots.txt
and ``Crawl-delay`` apply to, and telling registrable domains apart needs the public suffix list,
which would have to be shipped and kept current (``news.example.co.uk`` and
``sport.example.co.uk`` are two hosts, so two sites, crawled side by side).

Politeness of a host is the ``sites:`` block's when set there, else the strictest of the
site's sources: the fewest requests at once and the longest delay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from transforms.sources import HostPoliteness, Source, SourcesFile


@dataclass(frozen=True)
class Site:
    """Sources crawled together, and how hard their hosts may be crawled."""

    name: str  # the first of its hosts, sorted
    sources: tuple[Source, ...]
    concurrency: int  # per host, for hosts the ``sites:`` block does not name
    delay: float
    hosts: tuple[tuple[str, HostPoliteness], ...] = ()  # each host's politeness as configured

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of its sources, in the sources file's order."""
        return tuple(source.id for source in self.sources)

    def label(self) -> str:
        """``host (source, source…)``: how a crawl of the site is named in logs and the DAG."""
        return f"{self.name} ({', '.join(self.source_ids)})"


def source_hosts(source: Source) -> set[str]:
    """The lowercase hosts of a source's start URLs."""
    return {(urlsplit(url).hostname or "").lower() for url in source.urls}


def group_sites(sources: SourcesFile, chosen: Sequence[str] = ()) -> list[Site]:
    """The sites of the ``chosen`` sources (all when empty), in the order their first source is listed."""
    picked = [sources.get(source_id) for source_id in dict.fromkeys(chosen)] if chosen else list(sources.sources)
    groups: list[tuple[set[str], list[Source]]] = []
    for source in picked:
        hosts = source_hosts(source)
        touching = [group for group in groups if group[0] & hosts]
        merged_hosts = hosts.union(*(group[0] for group in touching))
        merged = [member for group in touching for member in group[1]] + [source]
        groups = [group for group in groups if group not in touching]
        groups.append((merged_hosts, merged))
    order = {source.id: position for position, source in enumerate(sources.sources)}
    groups.sort(key=lambda group: min(order[source.id] for source in group[1]))
    for _, members in groups:
        members.sort(key=lambda source: order[source.id])
    return [_site(hosts, members, dict(sources.hosts)) for hosts, members in groups]


def _site(hosts: set[str], members: list[Source], configured: dict[str, HostPoliteness]) -> Site:
    own = tuple((host, configured[host]) for host in sorted(hosts) if host in configured)
    return Site(
        name=sorted(hosts)[0],
        sources=tuple(members),
        concurrency=min(source.concurrency for source in members),
        delay=max(source.delay for source in members),
        hosts=own,
    )
