"""A deterministic synthetic news site for benchmarks, served on 127.0.0.1.

Run from the repository root::

    .venv/bin/python -m bench.sitegen --pages 10000 --port 8800

The site is a portal: ``/robots.txt`` names ``/sitemap_index.xml``, which lists urlsets of at
most 50,000 URLs each, which list the article pages. Every page is a pure function of
``(seed, index)`` and is generated when asked for, so nothing is written to disk and a site
of any size costs no memory. Pages are 20–150 KB of HTML (about 45 KB in the median), half
Chinese and half English, wrapped in portal chrome: navigation, sidebars with hot lists,
related headlines, comments, inline scripts and styles. Every tenth page is a syndicated copy
of the page nine before it (the same story under another headline, credit and chrome).

The server is one asyncio process with HTTP/1.1 keep-alive, meant to run apart from the
crawler being measured so it never competes with it for the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import hashlib
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

URLSET_LIMIT = 50_000  # the sitemap protocol's maximum per urlset
COPY_EVERY = 10  # page i with i % 10 == 9 is a syndicated copy of page i - 9
MIN_BYTES, MEDIAN_BYTES, MAX_BYTES = 20_000, 45_000, 150_000
POOL = 512  # distinct comment and sidebar blocks per language
EPOCH = datetime(2026, 5, 1, tzinfo=UTC)

_ZH_WORD_LIST = (
    "经济 发展 城市 政府 企业 市场 记者 报道 表示 今年 工作 项目 建设 服务 增长 地区 国际 合作 "
    "社会 居民 活动 政策 提高 技术 研究 数据 公司 产业 投资 消费 旅游 交通 教育 医院 学校 文化 "
    "环境 能源 农业 银行 金融 改革 创新 推进 完成 计划 部门 相关 负责人 介绍 目前 已经 进一步 "
    "加强 支持 保障 安全 质量 标准 体系 平台 网络 资源 规模 水平 能力 影响 问题 措施 方案 会议 "
    "省 市 县 镇 村 街道 社区 群众 专家 学者 分析 认为 预计 同比 环比 百分之 亿元 万人 公里 "
    "雨 风 气温 防汛 救援 志愿者 比赛 选手 冠军 博物馆 展览 演出 音乐 电影 图书 科技 芯片 电池 "
    "汽车 港口 铁路 航班 机场 物流 出口 进口 贸易 价格 房地产 就业 收入 养老 医保 健康 食品"
)
_EN_WORD_LIST = (
    "the of and to in a is that for on was with said by as at from it his an were are which this "
    "be has have had not but after year city government company market report people new first "
    "two last its their more will would about also than over million percent officials police "
    "state national week public during between could while under country minister plan program "
    "water power energy school hospital court workers prices trade port rail flight storm rain "
    "festival museum council residents business investment growth data research technology battery "
    "chip vehicle election budget health care housing industry farmers export import bank rate"
)
_ZH_WORDS, _EN_WORDS = tuple(_ZH_WORD_LIST.split()), tuple(_EN_WORD_LIST.split())
_ZH_PUNCT = ("，", "，", "，", "。", "、", "；")
_SECTIONS_ZH = (
    "首页",
    "要闻",
    "国内",
    "国际",
    "财经",
    "科技",
    "体育",
    "娱乐",
    "汽车",
    "房产",
    "教育",
    "健康",
    "旅游",
    "图片",
    "视频",
)
_SECTIONS_EN = (
    "Home",
    "World",
    "China",
    "Business",
    "Tech",
    "Sport",
    "Culture",
    "Opinion",
    "Travel",
    "Video",
    "Photos",
)
_STYLE = (
    "body{margin:0;font:14px/1.6 'PingFang SC','Microsoft YaHei',Arial,sans-serif;color:#222}"
    ".nav a{display:inline-block;padding:0 12px;color:#fff}.side li{list-style:none;border-bottom:1px dotted #ccc}"
    ".article h1{font-size:28px}.related li a{color:#0645ad}.comment{border-top:1px solid #eee;padding:8px}"
) * 4


@dataclass(frozen=True)
class Site:
    """The synthetic site: ``pages`` articles drawn from ``seed``."""

    pages: int
    seed: int = 8
    base_url: str = "http://127.0.0.1:8800"

    # --- URLs -----------------------------------------------------------------------------
    def language(self, index: int) -> str:
        """``zh`` or ``en``; a copy keeps its original's language."""
        return "zh" if self.story(index) % 2 == 0 else "en"

    def path(self, index: int) -> str:
        """The page's path, e.g. ``/news/2026/05/000042.html``."""
        section = "news" if self.language(index) == "zh" else "en"
        day = EPOCH + timedelta(minutes=7 * index)
        return f"/{section}/{day:%Y/%m}/{index:06d}.html"

    def url(self, index: int) -> str:
        """The page's absolute URL."""
        return self.base_url + self.path(index)

    def index_of(self, path: str) -> int | None:
        """The page index a path names, or None when it names no page of this site."""
        name = path.rsplit("/", 1)[-1]
        if not name.endswith(".html") or not name[:-5].isdigit():
            return None
        index = int(name[:-5])
        return index if 0 <= index < self.pages and self.path(index) == path else None

    def is_copy(self, index: int) -> bool:
        """True for the syndicated copies (10% of the pages)."""
        return index % COPY_EVERY == COPY_EVERY - 1

    def story(self, index: int) -> int:
        """The index of the page's original story: its own, or the original's for a copy."""
        return index - (COPY_EVERY - 1) if self.is_copy(index) else index

    # --- robots and sitemaps -------------------------------------------------------------
    def robots(self) -> bytes:
        """robots.txt: one private folder disallowed, the sitemap index named."""
        return f"User-agent: *\nDisallow: /private/\n\nSitemap: {self.base_url}/sitemap_index.xml\n".encode()

    def urlset_count(self) -> int:
        """How many urlsets the index lists."""
        return max(1, -(-self.pages // URLSET_LIMIT))

    def sitemap_index(self) -> bytes:
        """The sitemap index listing every urlset."""
        entries = "".join(
            f"<sitemap><loc>{self.base_url}/sitemaps/{number}.xml</loc></sitemap>\n"
            for number in range(self.urlset_count())
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</sitemapindex>\n'
        ).encode()

    def urlset(self, number: int) -> bytes | None:
        """The ``number``-th urlset, or None past the last one."""
        if not 0 <= number < self.urlset_count():
            return None
        first = number * URLSET_LIMIT
        entries = [
            f"<url><loc>{self.url(index)}</loc><lastmod>{self.published(index):%Y-%m-%dT%H:%M:%S+00:00}</lastmod></url>\n"
            for index in range(first, min(self.pages, first + URLSET_LIMIT))
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(entries) + "</urlset>\n"
        ).encode()

    # --- pages ---------------------------------------------------------------------------
    def _rng(self, index: int, part: str) -> random.Random:
        digest = hashlib.blake2b(f"{self.seed}:{index}:{part}".encode(), digest_size=8).digest()
        return random.Random(int.from_bytes(digest, "big"))

    def published(self, index: int) -> datetime:
        """The page's publication time: one every 7 minutes from the epoch."""
        return EPOCH + timedelta(minutes=7 * index)

    def target_bytes(self, index: int) -> int:
        """The page's approximate size: log-normal around 45 KB, clipped to 20–150 KB."""
        size = int(self._rng(index, "size").lognormvariate(0.0, 0.45) * MEDIAN_BYTES)
        return min(MAX_BYTES, max(MIN_BYTES, size))

    def _text(self, rng: random.Random, language: str, words: int) -> str:
        if language == "zh":
            chosen = rng.choices(_ZH_WORDS, k=words)
            marks = rng.choices(_ZH_PUNCT, k=words // 6 + 1)
            return "".join(word + (marks[n // 6] if n % 6 == 5 else "") for n, word in enumerate(chosen)) + "。"
        chosen = rng.choices(_EN_WORDS, k=words)
        return " ".join(chosen).capitalize() + "."

    def title(self, index: int) -> str:
        """The headline; a copy's differs from its original's."""
        story = self.story(index)
        language = self.language(index)
        headline = self._text(self._rng(story, "title"), language, 9 if language == "zh" else 10).rstrip("。.")
        if self.is_copy(index):
            return ("（转载）" if language == "zh" else "Syndicated: ") + headline
        return headline

    def paragraphs(self, index: int) -> list[str]:
        """The article body; a copy carries its original's paragraphs (the last one dropped)."""
        story = self.story(index)
        rng = self._rng(story, "body")
        language = self.language(index)
        count = rng.randint(6, 16)
        per = (22, 60) if language == "zh" else (35, 90)
        paragraphs = [self._text(rng, language, rng.randint(*per)) for _ in range(count)]
        return paragraphs[:-1] if self.is_copy(index) else paragraphs

    def page(self, index: int) -> bytes:
        """The article page's HTML (UTF-8)."""
        language = self.language(index)
        rng = self._rng(index, "chrome")
        zh = language == "zh"
        sections = _SECTIONS_ZH if zh else _SECTIONS_EN
        published = self.published(self.story(index)) + timedelta(hours=8 if zh else 0)
        offset = "+08:00" if zh else "+00:00"
        title = self.title(index)
        credit = (
            ("来源：新华社" if zh else "Source: Wire Service") if self.is_copy(index) else ("来源：本站" if zh else "")
        )
        nav = "".join(f'<a href="/{n}/index.html">{name}</a>' for n, name in enumerate(sections))
        head = (
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:title" content="{title}"><meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{published:%Y-%m-%dT%H:%M:%S}{offset}">'
            f'<link rel="canonical" href="{self.url(index)}"><style>{_STYLE}</style>'
            f"<script>window.__PORTAL__={{id:{index},ads:[{','.join(str(rng.randint(1, 999)) for _ in range(40))}]}};"
            "function track(e){var i=new Image();i.src='/px?e='+e+'&t='+Date.now();}</script></head><body>"
            f'<div class="top"><div class="nav">{nav}</div><form action="/search"><input name="q"></form></div>'
        )
        body = "".join(f"<p>{text}</p>" for text in self.paragraphs(index))
        article = (
            f'<div class="main"><div class="crumbs"><a href="/">{sections[0]}</a> &gt; '
            f'<a href="/1/">{sections[1]}</a></div><div class="article"><h1>{title}</h1>'
            f'<div class="info"><time datetime="{published:%Y-%m-%dT%H:%M:%S}{offset}">'
            f"{published:%Y-%m-%d %H:%M}</time> <span>{credit}</span></div>"
            f'<div class="content" id="article-body">{body}</div>'
            f'<p class="editor">{"责任编辑：王明" if zh else "Editor: J. Smith"}</p></div>'
        )
        related = "".join(
            f'<li><a href="{self.path(other)}">{self.title(other)}</a></li>'
            for other in (rng.randrange(self.pages) for _ in range(10))
        )
        parts = [
            head,
            article,
            f'<div class="related"><h3>{"相关新闻" if zh else "Related"}</h3><ul>{related}</ul></div>',
        ]
        comments: list[str] = []
        filler: list[str] = []
        size = sum(len(part.encode()) for part in parts)
        target = self.target_bytes(index)
        comment_pool, side_pool = _chrome_pool(self.seed, language)
        while size < target - 1_000:
            if len(comments) < 30:
                chunk = comment_pool[rng.randrange(len(comment_pool))]
                comments.append(chunk)
            else:
                chunk = side_pool[rng.randrange(len(side_pool))]
                filler.append(chunk)
            size += len(chunk.encode())
        tail = (
            f'<div class="comments">{"".join(comments)}</div></div>'
            f'<div class="aside">{"".join(filler)}</div>'
            f'<div class="footer">{nav}<p>© 2026 Portal. 京ICP备00000000号</p></div>'
            "<script>document.querySelectorAll('a').forEach(function(a){a.onclick=function(){track('click')}});</script>"
            "</body></html>"
        )
        return "".join([*parts[:1], parts[1], parts[2], tail]).encode()

    # --- routing ------------------------------------------------------------------------
    def respond(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path."""
        path = path.split("?", 1)[0]
        if path == "/robots.txt":
            return 200, "text/plain; charset=utf-8", self.robots()
        if path == "/sitemap_index.xml":
            return 200, "application/xml", self.sitemap_index()
        if path.startswith("/sitemaps/") and path.endswith(".xml") and path[10:-4].isdigit():
            urlset = self.urlset(int(path[10:-4]))
            if urlset is not None:
                return 200, "application/xml", urlset
        index = self.index_of(path)
        if index is not None:
            return 200, "text/html; charset=utf-8", self.page(index)
        return 404, "text/plain", b"not found\n"


@functools.cache
def _chrome_pool(seed: int, language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Comment and sidebar blocks shared by the site's pages (portal chrome repeats across pages)."""
    rng = random.Random(f"{seed}:{language}:chrome")
    site = Site(pages=1, seed=seed)
    zh = language == "zh"
    comments = tuple(
        f'<div class="comment"><span class="user">user{rng.randint(1000, 99999)}</span>'
        f"<p>{site._text(rng, language, rng.randint(8, 30))}</p><a onclick=\"track('like')\">赞</a></div>"
        for _ in range(POOL)
    )
    sides = tuple(
        f'<div class="side"><h4>{"热点" if zh else "Most read"}</h4><ul>'
        + "".join(
            f'<li><a href="/hot/{rng.randint(1, 10**7)}.html">{site._text(rng, language, 7)}</a></li>'
            for _ in range(12)
        )
        + "</ul></div>"
        for _ in range(POOL)
    )
    return comments, sides


async def _serve_client(site: Site, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
            if len(request_line) < 2:
                return
            method, target = request_line[0], request_line[1]
            status, content_type, body = site.respond(target)
            reason = "OK" if status == 200 else "Not Found"
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n".encode()
            )
            if method != "HEAD":
                writer.write(body)
            await writer.drain()
            if b"connection: close" in head.lower():
                return
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        return
    finally:
        writer.close()


async def serve(site_pages: int, seed: int, port: int) -> None:
    """Serve the site on 127.0.0.1 until killed; print the base URL once listening."""
    holder: dict[str, Site] = {}
    server = await asyncio.start_server(lambda r, w: _serve_client(holder["site"], r, w), "127.0.0.1", port)
    bound = server.sockets[0].getsockname()[1]
    holder["site"] = Site(pages=site_pages, seed=seed, base_url=f"http://127.0.0.1:{bound}")
    print(holder["site"].base_url, flush=True)
    async with server:
        await server.serve_forever()


def main(argv: list[str] | None = None) -> int:
    """Serve a site of ``--pages`` pages on 127.0.0.1 (``--port 0``: any free port, printed)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=1000, help="article pages (default 1000)")
    parser.add_argument("--seed", type=int, default=8, help="the site's seed (default 8)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args.pages, args.seed, args.port))
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
