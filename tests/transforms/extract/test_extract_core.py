"""Whatever a source serves, extraction answers with an article or a reason, never an exception."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from transforms.extract import Article, NotArticle, Page, extract

FETCHED = datetime(2026, 3, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n ",
        "{}",
        '{"code": 0, "data": null}',
        "<html></html>",
        "<html><body><p>短</p></body></html>",
        "\x00\x01\xff",
        "<" * 5000,
        "<?xml version='1.0'?><rss><channel><item><title>x</title></item></channel></rss>",
        "\\u003cp\\u003e只有一句\\u003c/p\\u003e",
    ],
    ids=lambda body: f"{len(body)}-chars-{body[:12]!r}",
)
def test_pages_without_a_story_get_a_reason(body: str) -> None:
    result = extract(Page(url="https://example.com/x", body=body, fetched_at=FETCHED))
    assert isinstance(result, NotArticle)
    assert result.reason in {"empty", "not_article", "unparseable"}
    assert result.detail


def test_a_bare_json_body_with_html_is_an_article() -> None:
    body = '{"title": "标题", "content": "<p>' + "本市今天发布新的交通管理措施，涉及多条主干道。" * 6 + '</p>"}'
    result = extract(Page(url="https://example.com/api/1", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.title == "标题"
    assert result.text.startswith("本市今天发布新的交通管理措施")


def test_a_page_with_text_but_no_story_is_not_an_article() -> None:
    body = (
        "<html><body><div class='top'><a href='/'>南方门户</a> <a href='/china'>国内</a></div>"
        "<h1>视频｜跨江大桥合龙瞬间</h1><video src='/m.mp4'></video><p>时长 01:32</p></body></html>"
    )
    result = extract(Page(url="https://example.com/video/1.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, NotArticle)
    assert result.reason == "not_article"


def test_a_blank_page_is_empty() -> None:
    body = "<html><head><script>var x = 1;</script></head><body> </body></html>"
    result = extract(Page(url="https://example.com/blank.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, NotArticle)
    assert result.reason == "empty"


@pytest.mark.parametrize(
    ("url", "is_article"),
    [
        ("https://example.com/blog/2012/05/31/gema-petition/", True),
        ("https://example.com/blog/2012/05/31/", False),
        ("https://example.com/blog/2012/05/31/page/2/", False),
        ("https://example.com/blog/gema-petition/", False),
    ],
)
def test_a_short_post_is_an_article_only_at_a_dated_permalink(url: str, is_article: bool) -> None:
    body = (
        "<html><body><div id='main'><h2>Das Ministerium informiert</h2><div class='newstext'><p>Die GEMA "
        "dreht völlig am Zeiger! Durch die geplanten Tariferhöhungen stehen viele Clubbesitzer vor dem Aus. "
        "Unterschreibt bitte alle diese Petition.</p></div></div></body></html>"
    )
    result = extract(Page(url=url, body=body, fetched_at=FETCHED))
    assert isinstance(result, Article) is is_article


def test_a_story_class_block_inside_a_removed_writer_box_stays_out() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of the council report says the bridge will close for repairs, and traffic "
        "will move to the ring road, the mayor said on Tuesday.</p>"
        for n in range(8)
    )
    body = (
        f"<html><body><div class='story'>{paragraphs}<div class='author-note'>"
        "<div class='story'><p>Another story, a short teaser.</p></div></div></div></body></html>"
    )
    result = extract(Page(url="https://example.com/news/bridge", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert "Paragraph 7 of the council report" in result.text
    assert "Another story" not in result.text


@pytest.mark.parametrize(
    ("owner", "site", "authors"), [("李建忠", "", ["李建忠"]), ("南方网", "", []), ("财新", "财新网", [])]
)
def test_a_blog_that_names_its_owner_atop_and_in_its_notice_credits_the_owner(
    owner: str, site: str, authors: list[str]
) -> None:
    story = "".join(
        f"<p>{'今天第一次在这里写博客，以后会常常更新技术文章，欢迎各位朋友来访交流。' * 2}</p>" for _ in range(4)
    )
    body = (
        f"<html><head><meta property='og:site_name' content='{site}'></head>"
        f"<body><div id='top'><h1><a href='/'>{owner}</a></h1></div>"
        f"<div class='post'><h2>很高兴入住博客堂</h2>{story}<p class='postfoot'>发表于 2004年12月27日 12:40</p></div>"
        f"<p id='footer'>Copyright &copy; {owner}</p></body></html>"
    )
    result = extract(Page(url="https://blog.example.com/archive/2004/12/27/41810.aspx", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == authors


@pytest.mark.parametrize(
    ("title", "authors"),
    [
        ("很高兴入住博客堂_林晓的博客_网易博客", ["林晓"]),
        ("很高兴入住博客堂 - 林晓的专栏 - CSDN博客", ["林晓"]),
        ("读《林晓的博客》有感 - 某某网", []),  # the post's own title speaks of a blog
        ("很高兴入住博客堂_南方网的博客", []),  # an outlet's blog
    ],
)
def test_a_blog_platform_title_names_whose_blog_the_post_is_on(title: str, authors: list[str]) -> None:
    story = "".join(
        f"<p>{'今天第一次在这里写博客，以后会常常更新技术文章，欢迎各位朋友来访交流。' * 2}</p>" for _ in range(4)
    )
    body = f"<html><head><title>{title}</title></head><body><div class='post'>{story}</div></body></html>"
    result = extract(Page(url="https://blog.example.com/archive/2004/12/27/41810.aspx", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == authors


@pytest.mark.parametrize(
    ("mark", "authors"),
    [
        ("<span class='writer'>林晓</span>", ["林晓"]),
        ("<span class='article-writer'>林晓</span>", ["林晓"]),
        ("<span class='zuozhe'>林晓</span>", ["林晓"]),  # the pinyin of 作者
        ("<span class='typewriter'>林晓</span>", []),
    ],
)
def test_a_template_may_class_the_byline_as_the_writer(mark: str, authors: list[str]) -> None:
    story = "".join(f"<p>{'记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作。' * 3}</p>" for _ in range(4))
    body = (
        f"<html><body><h1>老旧小区加装电梯</h1><div class='info'>{mark}</div>"
        f"<div class='post'>{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/2021/0301/a.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == authors


def test_a_writers_box_below_the_share_row_and_tags_credits_the_writer() -> None:
    story = "".join(
        f"<p>{'The council approved the new budget after a long debate about school funding. ' * 3}</p>" * 6
    )
    chrome = "".join(f"<li><a href='/tag/{n}'><span>Tag {n}</span></a></li>" for n in range(25))
    body = (
        f"<html><body><article><h1>Council approves budget</h1><div class='content'>{story}</div>"
        f"<div class='share'><ul>{chrome}</ul></div>"
        "<div class='author-name'>Anna Roth</div></article></body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == ["Anna Roth"]


@pytest.mark.parametrize(
    "below",
    [
        # a box of teasers under its own heading, each teaser's writer under its headline
        "<div class='more'><h3>More stories</h3><div class='card'><h4>Mayor opens new bridge</h4>"
        "<div><span>By</span> <span>Jane Doe</span></div></div>"
        "<div class='card'><h4>School board meets</h4><p>By Max Power</p></div></div>",
        "<section class='related'><h3>Read next</h3>"
        "<div><h4>Mayor opens new bridge</h4><p>By Jane Doe</p></div></section>",
        # a row of alike teasers, each with a linked headline, under no box heading; the first
        # teaser's writer stands before any heading
        "<div class='teasers'>"
        + "".join(
            f"<div class='teaser'><p>By Jane Doe</p><b><a href='/s{n}'><h5>Headline {n}</h5></a></b></div>"
            for n in range(3)
        )
        + "</div>",
        # a list of links with each item's writer
        "<ul>" + "".join(f"<li><a href='/s{n}'>Headline {n}</a> <p>By Max Power</p></li>" for n in range(3)) + "</ul>",
    ],
)
def test_a_teasers_writer_below_the_story_is_not_the_storys(below: str) -> None:
    story = "<p>The council approved the new budget after a long debate about school funding and parks. </p>" * 6
    body = (
        "<html><head><title>Council approves budget</title></head><body><h1>Council approves budget</h1>"
        f"<div class='content'>{story}</div>{below}</body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == []


def test_the_staff_line_just_below_the_story_still_credits_its_writer() -> None:
    story = "<p>The council approved the new budget after a long debate about school funding and parks. </p>" * 6
    body = (
        "<html><head><title>Council approves budget</title></head><body><h1>Council approves budget</h1>"
        f"<div class='content'>{story}</div><p>By Anna Roth</p>"
        "<div class='more'><h3>More stories</h3><div><h4>Mayor opens new bridge</h4><p>By Jane Doe</p></div></div>"
        "</body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert list(result.authors) == ["Anna Roth"]


@pytest.mark.parametrize(
    ("closing", "source"),
    [("（北京）", "某某网"), ("（新华社）", "新华社")],  # a dateline's place, an agency
)
def test_a_place_or_an_agency_closing_the_story_is_no_author(closing: str, source: str) -> None:
    story = (
        "<p>记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作，计划新增加装电梯三百部，惠及居民上万户。</p>"
        * 3
    )
    body = (
        "<html><head><title>老旧小区加装电梯_某某网</title></head><body><h1>老旧小区加装电梯</h1>"
        f"<div class='content'>{story}<p>记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作。{closing}</p>"
        "</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/2024/0105/b.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert (list(result.authors), result.credited_source) == ([], source)


def _client_rendered(story: str) -> str:
    """A page that prints its masthead and date line in the markup and ships the story in a script."""
    menu = "".join(f"<li><a href='/s{n}'>栏目{n}</a></li>" for n in range(60))
    return (
        f"<html><body><ul class='nav'>{menu}</ul><h1>跨江大桥今天合龙</h1>"
        "<div class='info'>2026-03-04 09:30 来源：江城日报</div>"
        f'<div id=\'app\'></div><script>window.__DATA__ = {{"content": "{story}"}};</script></body></html>'
    )


def test_a_story_shipped_in_a_script_keeps_the_date_line_printed_beside_it() -> None:
    story = (
        "\\u003cp\\u003e" + "大桥主跨今天上午顺利合龙，全桥预计年底通车，将缩短两岸通行时间。" * 8 + "\\u003c/p\\u003e"
    )
    result = extract(Page(url="https://example.com/a/1.html", body=_client_rendered(story), fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.text.startswith("大桥主跨今天上午顺利合龙")
    assert result.published_at == datetime.fromisoformat("2026-03-04T09:30:00+08:00")
    assert result.credited_source == "江城日报"


def test_markup_read_between_two_attribute_quotes_starts_at_a_tag_not_mid_tag() -> None:
    story = "<p>" + "The council voted on Tuesday to close the old bridge to traffic for repairs. " * 6 + "</p>"
    body = (
        '<html><body><aside class="paywall" style="display:none"><div class="text" lang=en id=body>'
        f"{story}</div></aside>"
        '<footer><a href="/imprint" title="Imprint">Imprint</a></footer></body></html>'
    )
    result = extract(Page(url="https://example.com/a/2.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.text.startswith("The council voted on Tuesday")


def _slides(hidden_texts: list[str]) -> str:
    lamp = "The first item is a lamp that lights itself when the room goes dark at night."
    shown = f"<div class='slide'><p>{lamp}</p></div>"
    hidden = "".join(f"<div class='slide' style='display: none'><p>{text}</p></div>" for text in hidden_texts)
    intro = "".join(f"<p>{'Ten things we never knew we wanted, picked by our editors over a long year. ' * 2}</p>" * 3)
    story = f"<h1>Ten things</h1>{intro}<div class='slides'>{shown}{hidden}</div>"
    return f"<html><body><article>{story}</article></body></html>"


def test_a_story_paged_as_hidden_slides_is_read_whole() -> None:
    page = _slides(["The second item is a kettle that knows when the water is just right for tea."])
    result = extract(Page(url="https://news.example.com/2024/05/03/things", body=page, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert "The second item is a kettle" in result.text


def test_a_hidden_copy_of_the_shown_block_is_not_read_twice() -> None:
    page = _slides(["The first item is a lamp that lights itself when the room goes dark at night."])
    result = extract(Page(url="https://news.example.com/2024/05/03/things", body=page, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.text.count("The first item is a lamp") == 1


@pytest.mark.parametrize(
    ("link", "source"),
    [
        ("<a href='https://other.example/markets/1.html' rel='nofollow'>Market Wire</a>", "Market Wire"),
        ("<a href='https://janeroth.example/' rel='author external'>Jane Roth</a>", None),
        ("<a href='https://janeroth.example/' class='author-link'>Jane Roth</a>", None),
        # another host of the site itself, or a link that names the site
        ("<a href='https://markets.example.com/' rel='nofollow'>Markets Desk</a>", None),
        ("<a href='https://mirror.example.org/' rel='nofollow'>Example News</a>", None),
        # an address no parser reads is no outlet, and no reason to fail the page
        ("<a href='http://[ccpa-preferences]/'>Privacy choices</a>", None),
    ],
)
def test_a_link_beside_the_date_credits_its_outlet_but_not_the_writers_own_site(link: str, source: str | None) -> None:
    sentence = "The council approved the new budget after a long debate about school funding. "
    story = f"<p>{sentence * 3}</p>" * 5
    body = (
        "<html><head><meta property='og:site_name' content='The Example News'></head>"
        "<body><h1>Council approves budget</h1>"
        f"<div class='info'><span>2024-05-03 10:56</span> {link}</div>"
        f"<div class='content'>{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.credited_source == (source or "The Example News")


@pytest.mark.parametrize(
    ("info", "source"),
    [
        ("<span class='time'>2024-05-03 10:56</span><span class='source'>Market Wire</span>", "Market Wire"),
        ("<span class='a_time'>2024-05-03 10:56</span><span class='a_source'>Market Wire</span>", "Market Wire"),
        ("<span>2024-05-03 10:56</span><span class='resource'>Market Wire</span>", None),  # not a source class
        # a picture's credit, classed as a source too, is no part of the date line
        ("<span>2024-05-03 10:56</span></div><figure><span class='image-source'>Supplied</span></figure><div>", None),
        ("<span class='a_source'>Market Wire</span>", None),  # no date line: any box may hold it
    ],
)
def test_the_part_of_the_date_line_classed_as_the_source_credits_its_outlet(info: str, source: str | None) -> None:
    sentence = "The council approved the new budget after a long debate about school funding. "
    body = (
        "<html><head><meta property='og:site_name' content='The Example News'></head>"
        f"<body><h1>Council approves budget</h1><div class='info'>{info}</div>"
        f"<div class='content'>{f'<p>{sentence * 3}</p>' * 5}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.credited_source == (source or "The Example News")


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        ("2019-09-07 04:04", "2019-09-07T04:04:00+08:00"),  # filed before the portal put it up
        ("2019-09-07 06:52", "2019-09-07T06:52:51+08:00"),  # the same minute: the tag keeps its seconds
        ("2019-09-07 03:52", "2019-09-07T06:52:51+08:00"),  # whole hours apart: a zone read wrongly
        ("2019-09-07 08:10", "2019-09-07T06:52:51+08:00"),  # later: an update, not the publish time
    ],
)
def test_a_shown_time_earlier_than_the_meta_tag_on_the_same_day_is_the_publish_time(shown: str, published: str) -> None:
    sentence = "记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作，计划新增加装电梯三百部，惠及居民上万户。"
    story = f"<p>{sentence}</p>" * 6
    body = (
        "<html><head><meta property='article:published_time' content='2019-09-07T06:52:51+08:00'></head>"
        f"<body><h1>老旧小区加装电梯</h1><div class='date-source'><span class='date'>{shown}</span></div>"
        f"<div class='article'>{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/c/doc-1.shtml", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.published_at == datetime.fromisoformat(published)


def test_a_shown_time_in_a_guessed_zone_does_not_overrule_the_meta_tag() -> None:
    """An English page that tells no zone: its ``9:47 AM`` is local time, not UTC."""
    sentence = "The city council approved the new transit budget after a long debate on Tuesday night."
    body = (
        "<html><head><meta property='article:published_time' content='2024-05-03T14:30:12Z'></head>"
        "<body><h1>Council approves transit budget</h1><div class='byline'><time>May 3, 2024 9:47 AM</time></div>"
        f"<div class='article'>{f'<p>{sentence}</p>' * 6}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.published_at == datetime(2024, 5, 3, 14, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("bar", "source"),
    [
        ("<span>2021-03-01 10:00</span>", "新京报"),  # the story's closing credit
        ("<span>2021-03-01 10:00</span> <span>来源：人民日报</span>", "人民日报"),  # the bar's own credit first
    ],
)
def test_the_outlet_closing_the_story_is_credited_when_the_page_states_no_other(bar: str, source: str) -> None:
    sentence = "记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作，计划新增加装电梯三百部。"
    story = f"<p>{sentence * 2}</p>" * 4 + f"<p>{sentence}（来源：新京报）</p>"
    body = (
        "<html><head><title>老旧小区加装电梯_某某网</title></head>"
        f"<body><h1>老旧小区加装电梯</h1><div class='info'>{bar}</div><div class='post'>{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/2021/0301/a.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.credited_source == source
    assert "来源" not in result.text


@pytest.mark.parametrize(
    ("column", "title"),
    [
        ("<h5>The council approves the new school budget</h5>", "The council approves the new school budget"),
        ("<h3>Most read stories this week</h3><ul><li><a href='/a'>Another story</a></li></ul>", "Press releases"),
    ],
)
def test_a_section_named_page_takes_the_heading_over_its_story_but_not_a_list_heading(column: str, title: str) -> None:
    sentence = "The council approved the new budget after a long debate about school funding. "
    body = (
        "<html><head><title>Press releases</title></head><body>"
        f"<div class='side'>{column}</div><div class='content'><p>2024-05-03</p>{f'<p>{sentence * 3}</p>' * 5}</div>"
        "</body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.title == title


@pytest.mark.parametrize(
    ("page_title", "hints", "title"),
    [
        # three words may be the headline itself
        ("Brexit deal agreed", {}, "Brexit deal agreed"),
        # the feed said what the headline is
        ("Press releases", {"title": "Council budget passes"}, "Council budget passes"),
    ],
)
def test_a_short_title_is_kept_when_it_may_be_the_headline(page_title: str, hints: dict[str, str], title: str) -> None:
    sentence = "The council approved the new budget after a long debate about school funding. "
    body = (
        f"<html><head><title>{page_title}</title></head><body>"
        "<h3>The council approves the new school budget</h3>"
        f"<div class='content'><p>2024-05-03</p>{f'<p>{sentence * 3}</p>' * 5}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.com/2024/05/03/b", body=body, fetched_at=FETCHED, hints=hints))
    assert isinstance(result, Article)
    assert result.title == title


_COUNCIL = "<p>The council approved the new budget after a long debate about school funding and the city parks.</p>" * 6
_RAT = "<p>Der Gemeinderat hat den neuen Haushalt nach einer langen Debatte über die Schulen beschlossen.</p>" * 6


@pytest.mark.parametrize(
    "head",
    [
        "<meta property='og:site_name' content=\"Daily Star - Bangladesh's Leading English Daily\">"
        "<meta name='author' content='Daily Star'>",
        "<meta property='og:site_name' content='Vanity Fair | The Complete Guide'>"
        "<meta name='author' content='Vanity Fair'>",
        "<meta property='og:site_name' content='Rolling Stone - Music, Film, TV and Political News'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves budget",'
        ' "author": {"@type": "Organization", "name": "Rolling Stone"}}</script>',
    ],
)
def test_a_brand_before_the_sites_separator_is_not_credited_as_a_person(head: str) -> None:
    body = f"<html><head>{head}<title>Council approves budget</title></head><body><h1>Council approves budget</h1>"
    body += f"<div class='content'>{_COUNCIL}</div></body></html>"
    result = extract(Page(url="https://www.brand.example/news/2024/05/budget", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.authors == ()


def test_the_owner_a_person_mark_names_is_credited() -> None:
    person = '{"@type": "BlogPosting", "headline": "Yoga", "author": {"@type": "Person", "name": "mady"}}'
    body = (
        "<html><head><meta property='og:site_name' content='Mady Morrison - Yoga Lifestyle'>"
        f'<script type="application/ld+json">{person}</script><title>Yoga</title></head><body><h1>Yoga</h1>'
        f"<div class='content'>{_COUNCIL}</div></body></html>"
    )
    result = extract(Page(url="https://www.madymorrison.com/yoga/energy", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.authors == ("mady",)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("<p class='route'><b>Von</b> Bad Homburg nach Frankfurt</p>", ""),  # a route above the story
        ("<div class='info'><p><strong>Von</strong> Montag Bis Freitag Geöffnet</p></div>", ""),  # opening hours
        ("", "<div class='event'><p><b>Von</b> Bad Homburg <b>nach</b> Frankfurt</p></div>"),  # below the story
    ],
)
def test_a_byline_label_alone_before_no_name_credits_nobody(before: str, after: str) -> None:
    body = (
        f"<html><head><title>Neue Buslinie</title></head><body><h1>Neue Buslinie</h1>{before}"
        f"<div class='content'>{_RAT}</div>{after}</body></html>"
    )
    result = extract(Page(url="https://www.example.de/verkehr/neue-buslinie", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.authors == ()


def test_a_byline_label_alone_before_a_full_name_credits_the_writer() -> None:
    body = (
        "<html><head><title>Neue Buslinie</title></head><body><h1>Neue Buslinie</h1>"
        f"<p><b>Von</b> Claudia Lindner</p><div class='content'>{_RAT}</div></body></html>"
    )
    result = extract(Page(url="https://www.example.de/verkehr/neue-buslinie", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.authors == ("Claudia Lindner",)


_STORY_DE = "<p>" + "Der Gemeinderat hat am Abend den neuen Haushalt beschlossen, nach langer Debatte. " * 6 + "</p>"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '<p class="date"><span>13</span> <span>Mai</span> 2025, <span>14:30</span> Uhr</p>',
            "2025-05-13T14:30:00+02:00",
        ),
        (
            '<div class="meta"><span class="day">13</span><span class="month">.05.</span>2025</div>',
            "2025-05-13T00:00:00+02:00",
        ),
        # the day and its time in two tags with nothing between: read apart, not as ``2025-05-1314:30``
        ('<div class="meta"><span>2025-05-13</span><span>14:30</span></div>', "2025-05-13T14:30:00+02:00"),
        # a link among the pieces: the month linked to the month's archive
        ('<p class="meta">13. <a href="/2025/05/">Mai 2025</a> um 14:30</p>', "2025-05-13T14:30:00+02:00"),
    ],
)
def test_a_date_line_split_across_inline_tags_is_read_joined(line: str, expected: str) -> None:
    body = f"<html lang='de'><body><article><h1>Haushalt beschlossen</h1>{line}{_STORY_DE}</article></body></html>"
    result = extract(Page(url="https://example.com/politik/haushalt", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.published_at == datetime.fromisoformat(expected)


@pytest.mark.parametrize(
    ("language", "url", "lines", "expected"),
    [
        (
            "pl",
            "https://example.pl/a",
            ["Zaktualizowano: 14.05.2025 10:00", "Opublikowano: 13.05.2025 14:30"],
            "2025-05-13T14:30:00+02:00",
        ),
        (
            "uk",
            "https://example.ua/a",
            ["Оновлено 14.05.2025 10:00", "Опубліковано 13.05.2025 14:30"],
            "2025-05-13T14:30:00+03:00",
        ),
        (
            "tr",
            "https://example.com.tr/a",
            ["Güncelleme: 14.05.2025 10:00", "Yayınlanma: 13.05.2025 14:30"],
            "2025-05-13T14:30:00+03:00",
        ),
    ],
)
def test_the_labelled_publish_line_outranks_the_update_line_in_more_languages(
    language: str, url: str, lines: list[str], expected: str
) -> None:
    info = "".join(f"<div>{line}</div>" for line in lines)
    body = f"<html lang='{language}'><body><article><h1>T</h1>{info}{_STORY_DE}</article></body></html>"
    result = extract(Page(url=url, body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.published_at == datetime.fromisoformat(expected)


_SHORT_STORY = (
    "<p>In einer Lagerhalle im Gewerbegebiet ist am Dienstagmorgen ein Feuer ausgebrochen. "
    "Die Feuerwehr hatte den Brand nach einer Stunde unter Kontrolle, verletzt wurde niemand.</p>"
)
_MORE_FROM_THE_REGION = '<section class="more"><h2>Mehr aus der Region</h2>' + "".join(
    f'<div class="teaser"><h3><a href="/nachrichten/meldung-{n}">Weitere Meldung {n} aus der Region</a></h3>'
    "<p>Die Polizei sucht nach Zeugen eines Unfalls auf der Landstraße, bei dem am Sonntag zwei Menschen "
    "verletzt wurden. Der Fahrer eines Transporters war nach ersten Erkenntnissen zu schnell unterwegs.</p></div>"
    for n in range(6)
)


_STORY_URL = "https://example.com/nachrichten/feuer-100.html"


def _regional_page(og_type: str, date_line: str) -> str:
    return (
        "<html lang='de'><head><title>Feuer in Lagerhalle gelöscht | Nachrichten</title>"
        f'<meta property="og:type" content="{og_type}"></head><body><header><nav><a href="/">Start</a></nav></header>'
        f"<main><article><h1>Feuer in Lagerhalle gelöscht</h1>{date_line}<div class='text'>{_SHORT_STORY}</div>"
        f"</article>{_MORE_FROM_THE_REGION}</main></body></html>"
    )


@pytest.mark.parametrize(
    ("og_type", "date_line"),
    [
        ("article", '<p class="meta">13.05.2025, 14:30 Uhr</p>'),  # declared: the story is under the headline
        ("website", '<p class="meta">13.05.2025, 14:30 Uhr</p>'),  # undeclared, but dated under the headline
    ],
)
def test_a_short_story_under_its_headline_is_not_swapped_for_the_summaries_below(og_type: str, date_line: str) -> None:
    page = Page(url=_STORY_URL, body=_regional_page(og_type, date_line), fetched_at=FETCHED)
    result = extract(page)
    assert isinstance(result, Article)
    assert result.text == _SHORT_STORY.removeprefix("<p>").removesuffix("</p>")


def test_a_date_line_opening_the_storys_block_marks_it_as_one_story() -> None:
    body = _regional_page("website", "").replace(
        "<div class='text'>", "<div class='text'><p>13.05.2025, 14:30 Uhr von Anna Berger</p>"
    )
    result = extract(Page(url=_STORY_URL, body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.text.endswith("verletzt wurde niemand.")
    assert "Weitere Meldung" not in result.text


def test_a_short_story_with_no_sign_of_being_one_is_not_an_article() -> None:
    page = Page(url=_STORY_URL, body=_regional_page("website", ""), fetched_at=FETCHED)
    result = extract(page)
    assert isinstance(result, NotArticle)


def test_a_section_front_with_dated_teasers_under_its_name_stays_an_index() -> None:
    teasers = "".join(
        f'<div class="item"><h3><a href="/nachrichten/{n}">Meldung {n}</a></h3><time>13.05.2025 14:3{n}</time>'
        "<p>Kurz gemeldet: Die Stadt sperrt die Brücke am Montag.</p></div>"
        for n in range(2)
    )
    body = (
        "<html lang='de'><head><title>Nachrichten | Region</title></head><body>"
        f"<main><h1>Nachrichten</h1><p class='meta'>13.05.2025</p>{teasers}</main></body></html>"
    )
    result = extract(Page(url="https://example.com/nachrichten/", body=body, fetched_at=FETCHED))
    assert isinstance(result, NotArticle)


@pytest.mark.parametrize(
    ("info", "published"),
    [
        ("<span>2022-02-13</span> <span>10:05</span>", "2022-02-13T10:05:00+08:00"),
        (
            "发布时间：<span class='date'>2022年02月13日</span><span class='time'>10:05:00</span>",
            "2022-02-13T10:05:00+08:00",
        ),
        ("<span>2022-02-13</span>", "2022-02-13T00:00:00+08:00"),  # the day alone: no time to join
        # teasers' dates in a list: each item its own line, the next item's time not the story's
        ("<ul><li>2022-02-13</li><li>10:05</li></ul>", "2022-02-13T00:00:00+08:00"),
    ],
)
def test_a_date_line_split_across_tags_is_read_whole(info: str, published: str) -> None:
    """``<span>2022-02-13</span> <span>10:05</span>``: the day in one tag and the time in the next are one date line."""
    story = "".join("<p>本市今天发布新的交通管理措施，涉及多条主干道，市民出行需提前规划路线。</p>" for _ in range(5))
    body = (
        f"<html><body><h1>交通管理措施发布</h1><div class='info'>{info}</div>"
        f"<div class='content'>{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/a/1.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert result.published_at == datetime.fromisoformat(published)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("", ("王海涛",)),  # the page shows no writer: the embedded record's
        ("<p>记者 林晓</p>", ("林晓",)),  # the page's own byline comes first
    ],
)
def test_an_embedded_records_writer_is_the_last_resort(byline: str, authors: tuple[str, ...]) -> None:
    story = "".join("<p>本市今天发布新的交通管理措施，涉及多条主干道，市民出行需提前规划路线。</p>" for _ in range(5))
    record = '{"props": {"pageProps": {"article": {"author": "王海涛", "source": "新华社"}}}}'
    body = (
        f"<html><head><script id='__NEXT_DATA__' type='application/json'>{record}</script></head>"
        f"<body><h1>交通管理措施发布</h1><div class='content'>{byline}{story}</div></body></html>"
    )
    result = extract(Page(url="https://news.example.cn/a/1.html", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert (result.authors, result.credited_source) == (authors, "新华社")


@pytest.mark.parametrize(
    "container",
    [
        # a picture post: its line or two of text under the pictures, hidden until the script runs
        '<div id="js_image_content" class="image_content" style="visibility: hidden; opacity: 0;">'
        '<h1 class="rich_media_title">老街记忆</h1>'
        '<p id="js_image_desc" class="share_notice js_underline_content">{text}</p></div>',
        # a text post
        '<div id="js_text_content" style="visibility: hidden;">'
        '<p id="js_text_desc" class="share_notice js_underline_content">{text}</p></div>',
    ],
)
def test_a_short_post_served_hidden_on_a_page_that_declares_one_item_is_read(container: str) -> None:
    text = "今天我们走进了城南的老街，青石板路已有百年历史。"
    body = (
        '<html><head><meta property="og:type" content="article"><meta property="og:title" content="老街记忆">'
        '<title>老街记忆</title></head><body><div id="js_article" class="rich_media">'
        '<div id="js_article_content" class="rich_media_area_primary">'
        f"{container.format(text=text)}"
        '<div class="wx_follow_context"><span class="wx_follow_nickname">城南旧事</span></div></div></div>'
        '<script>var ct = "1581418070"; var nickname = htmlDecode("城南旧事");</script></body></html>'
    )
    result = extract(Page(url="https://mp.example.cn/s/abc", body=body, fetched_at=FETCHED))
    assert isinstance(result, Article)
    assert (result.text, result.credited_source) == (text, "城南旧事")
