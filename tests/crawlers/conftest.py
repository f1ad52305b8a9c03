"""The Southern Portal fixture site, served from a copy with its generated files added.

Three files cannot be static: the two gzipped sitemaps hold absolute links to the server's
own port (``__BASE__`` cannot be replaced inside gzip bytes), and the over-size page is
11 MB, too big to keep in the repository. They are written into the served copy once the
server knows its address.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslake.site_server import SiteServer, serve_site

PORTAL = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "portal"
HUGE_BYTES = 11 * 1024 * 1024


@pytest.fixture(scope="session")
def portal_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The portal site on 127.0.0.1, gzipped sitemaps and the over-size page included."""
    root = tmp_path_factory.mktemp("portal") / "site"
    shutil.copytree(PORTAL, root)
    with serve_site(root) as site:
        templates = root / "_templates"
        for name, target in (("archive.xml", "sitemaps/archive.xml.gz"), ("news.xml", "sitemaps/news.xml")):
            text = (templates / name).read_bytes().replace(b"__BASE__", site.base_url.encode())
            (root / target).write_bytes(gzip.compress(text, mtime=0))
        paragraph = "<p>" + "超长页面的填充段落，用来检验页面大小上限。" * 40 + "</p>\n"
        filler = paragraph.encode() * (HUGE_BYTES // len(paragraph.encode()) + 1)
        huge = b"<!doctype html><html><head><meta charset='utf-8'><title>huge</title></head><body>\n"
        (root / "news/2026/0504/huge.html").write_bytes(huge + filler + b"</body></html>\n")
        yield site


@pytest.fixture(scope="session")
def portal_sources(tmp_path_factory: pytest.TempPathFactory, portal_site: SiteServer) -> Path:
    """One site, three discovery kinds: robots.txt sitemaps, a paginated listing, feeds found on the home page."""
    base = portal_site.base_url
    path = tmp_path_factory.mktemp("portal-sources") / "sources.yaml"
    path.write_text(
        f"""\
user_agent: "newslake-test/0.1 (+https://example.org/contact)"
sources:
  - id: portal-sitemap
    kind: sitemap
    urls: ["{base}/"]
    timezone: Asia/Shanghai
    delay: 0
    concurrency: 4
  - id: portal-listing
    kind: listing
    urls: ["{base}/china/index.html"]
    article_url_pattern: '/(news|world|en)/\\d{{4}}/\\d{{4}}/[a-z0-9-]+\\.html$'
    pagination_pattern: '/china/index_\\d+\\.html$'
    max_depth: 2
    timezone: Asia/Shanghai
    delay: 0
    concurrency: 4
  - id: portal-feed
    kind: feed
    urls: ["{base}/"]
    discover_feeds: true
    timezone: Asia/Shanghai
    delay: 0
    concurrency: 4
""",
        "utf-8",
    )
    return path
