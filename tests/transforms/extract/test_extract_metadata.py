"""Titles as a reader sees them in the lake: the headline, never the site's name after it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from transforms.extract.metadata import (
    best_title,
    copyright_holder,
    read_metadata,
    strip_edition_prefix,
    strip_site_suffix,
)


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("长江流域今年首次实施跨省生态补偿_国内新闻_华东在线网", "长江流域今年首次实施跨省生态补偿"),
        ("国产大飞机今年交付量有望翻番 - 东岸财经网", "国产大飞机今年交付量有望翻番"),
        ("港鐵東涌綫延線工程明年通車 - 維港新聞網", "港鐵東涌綫延線工程明年通車"),
        ("City council approves flood barrier plan | The Riverside Herald", "City council approves flood barrier plan"),
        ("Dow closes higher - CNBC News", "Dow closes higher"),
    ],
)
def test_site_suffix_is_removed(raw: str, title: str) -> None:
    assert strip_site_suffix(raw) == title


@pytest.mark.parametrize(
    "title",
    [
        "美媒爆料:俄罗斯仍要求乌军从顿巴斯撤离,美国试图提出新方案",
        "Covid-19: what we know",
        "专访 - 他如何在三年里走出困境",
        # the second clause ends in a word sites end in (中心), but a site's name holds no comma
        "我国芯片进口突破3000亿美元！某教授：产业结构扭曲，没将产品作为中心",
    ],
)
def test_titles_without_a_site_suffix_stay_whole(title: str) -> None:
    assert strip_site_suffix(title) == title


@pytest.mark.parametrize("kind", ["LiveBlogPosting", "ReportageNewsArticle", "ClaimReview", "BackgroundNewsArticle"])
def test_json_ld_of_any_article_kind_gives_the_date_and_authors(kind: str) -> None:
    page = f"""<html><head><script type="application/ld+json">
    //<![CDATA[
    {{"@context": "https://schema.org", "@type": "{kind}", "datePublished": "2026-05-13T09:30:00+02:00",
      "author": [{{"@type": "Person", "name": "Anna Schmidt"}}], "headline": "Ein Bericht"}}
    //]]>
    </script></head><body><h1>Ein Bericht</h1></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published[0] == ("json-ld", "2026-05-13T09:30:00+02:00")
    assert found.authors == ["Anna Schmidt"]


def test_a_video_record_beside_the_article_gives_no_date() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@type": "VideoObject", "uploadDate": "2026-05-14", "datePublished": "2026-05-14T10:00:00Z"}
    </script></head><body></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).published == []


def test_an_update_time_is_no_publish_time() -> None:
    """``itemprop="dateUpdated"`` marks when the story changed: a publish date only as a last resort."""
    page = """<html><head><meta itemprop="dateUpdated" content="2019-06-13"></head><body>
    <time itemprop="dateUpdated" datetime="2019-06-13T10:00:00Z">Updated June 13, 2019</time></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == []
    assert found.modified == ["2019-06-13"]


def _title_of(page: str) -> str | None:
    return best_title(read_metadata(lxml_html.document_fromstring(page)), None)


def test_an_h1_holding_the_blogs_name_yields_to_the_title() -> None:
    page = """<html><head><title>Silicon Exposed: Open Verilog flow for programmable logic devices</title></head>
    <body><h1 class="title"><a href="/">Silicon Exposed</a></h1><h3>Open Verilog flow</h3></body></html>"""
    assert _title_of(page) == "Open Verilog flow for programmable logic devices"


def test_an_h1_equal_to_the_site_name_is_not_the_headline() -> None:
    page = """<html><head><title>Dow closes higher | Riverside Herald</title>
    <meta property="og:site_name" content="Riverside Herald"><meta property="og:title" content="Dow closes higher">
    </head><body><h1>Riverside Herald</h1></body></html>"""
    assert _title_of(page) == "Dow closes higher"


def test_without_an_h1_the_h2_the_title_tag_repeats_is_the_headline() -> None:
    page = """<html><head><title>京沪高速无锡段封闭十二天_某某订阅</title></head>
    <body><h2>热门推荐</h2><div class="article_title"><h2>京沪高速无锡段封闭十二天</h2></div></body></html>"""
    assert _title_of(page) == "京沪高速无锡段封闭十二天"


def test_a_section_name_in_an_h2_is_not_the_headline() -> None:
    page = """<html><head><title>Dow closes higher after a long week of trading | Riverside Herald</title>
    </head><body><h2>Riverside</h2><h2>Markets</h2></body></html>"""
    assert _title_of(page) == "Dow closes higher after a long week of trading"


def test_h1_parts_are_joined_with_a_space_except_in_cjk() -> None:
    english = """<html><head><title>Live Storm hits the coast - News</title></head>
    <body><h1><span class="kicker">Live</span><span>Storm hits the coast</span></h1></body></html>"""
    chinese = """<html><head><title>长江流域生态补偿_华东在线网</title></head>
    <body><h1><span>长江流域</span><span>生态补偿</span></h1></body></html>"""
    assert _title_of(english) == "Live Storm hits the coast"
    assert _title_of(chinese) == "长江流域生态补偿"


def test_an_e_paper_edition_prefix_is_dropped() -> None:
    assert strip_edition_prefix("华东日报数字报-长江流域今年首次实施跨省生态补偿") == "长江流域今年首次实施跨省生态补偿"
    assert strip_edition_prefix("专访 - 他如何在三年里走出困境") == "专访 - 他如何在三年里走出困境"


def test_a_graphs_author_named_by_reference_is_read() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "Article", "@id": "https://example.org/a/#article", "headline": "A report",
       "author": {"@id": "https://example.org/#/schema/person/4749"}},
      {"@type": ["Person"], "@id": "https://example.org/#/schema/person/4749", "name": "Yoav Schumacher"}]}
    </script></head><body></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).authors == ["Yoav Schumacher"]


@pytest.mark.parametrize(
    ("script", "source", "editor"),
    [
        ("var article = {title: '城市更新', Source: '新华社', editor: '王海涛'};", "新华社", "王海涛"),
        # a long s matches ``s`` when case is ignored, but does not lower to it
        ("var article = {title: '城市更新', ſource: '新华社', editor: '王海涛'};", "新华社", "王海涛"),
        # ``İ`` lowers to two characters: every key after it sits one place further in the lowered text
        (
            "var article = {title: 'İstanbul', source: 'Anadolu Ajansı', editor: 'Ayşe Kaya'};",
            "Anadolu Ajansı",
            "Ayşe Kaya",
        ),
    ],
)
def test_a_scripts_source_and_editor_are_read_in_any_case_beside_any_letters(
    script: str, source: str, editor: str
) -> None:
    page = f"<html><head><script>{script}</script></head><body></body></html>"
    found = read_metadata(lxml_html.document_fromstring(page))
    assert (found.script_source, found.script_editor) == (source, editor)


@pytest.mark.parametrize(
    "script",
    [
        '{"props": {"pageProps": {"article": {"author": "王海涛", "source": "新华社", "editor": "林晓"}}}}',
        'window.__INITIAL_STATE__ = {"article": {"authorName": "王海涛", "sourceName": "新华社", '
        '"responsibleEditor": "林晓"}};',
    ],
)
def test_an_embedded_records_writer_source_and_editor_are_read(script: str) -> None:
    page = f"<html><head><script>{script}</script></head><body></body></html>"
    found = read_metadata(lxml_html.document_fromstring(page))
    assert (found.script_author, found.script_source, found.script_editor) == ("王海涛", "新华社", "林晓")


@pytest.mark.parametrize(
    ("script", "account"),
    [
        ('var nickname = "未闻Code";', "未闻Code"),
        # newer public-account templates decode the name when the script runs
        ('var nickname = htmlDecode("未闻Code");', "未闻Code"),
        ("var nickname = htmlDecode('M&amp;A观察');", "M&A观察"),
    ],
)
def test_the_posting_accounts_name_is_read_from_the_script(script: str, account: str) -> None:
    page = f"<html><head><script>{script}</script></head><body></body></html>"
    assert read_metadata(lxml_html.document_fromstring(page)).accounts == [account]


@pytest.mark.parametrize("key", ["DCTERMS.creator", "shareaholic:article_author_name"])
def test_other_author_meta_tags_are_read(key: str) -> None:
    page = f'<html><head><meta name="{key}" content="Martin Stallmann"></head><body></body></html>'
    assert read_metadata(lxml_html.document_fromstring(page)).authors == ["Martin Stallmann"]


def test_a_vcard_byline_is_a_byline() -> None:
    page = """<html><body><div class="post-footer"><span class="post-author vcard">Posted by
    <span class="fn">Ned Deily</span></span></div></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert [text for _, text in found.bylines] == ["Posted by Ned Deily"]


def test_json_ld_author_names_given_as_a_list_of_links_are_read() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@type": "Article", "author": {"@type": "Person", "name": [
      "<a href=\\"/pl/eksperci/mateusz-gniazdowski\\">Mateusz Gniazdowski</a>", "Martyna Wasiuta"]}}
    </script></head><body></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).authors == ["Mateusz Gniazdowski", "Martyna Wasiuta"]


def test_a_bylines_author_link_is_its_name() -> None:
    page = """<html><body><div class="author_fmt"> By <a rel="author" href="/kelli-miller">Kelli  Miller</a>
    <br/>WebMD Health News</div></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert [text for _, text in found.bylines] == ["Kelli Miller"]


@pytest.mark.parametrize(
    ("footer", "holder"),
    [
        ("<p>版权所有 湖南某某医院　Copyright © 2018 All rights reserved.</p>", "湖南某某医院"),
        ("<div>© 2010 - 2016 明日大盘 京ICP备16058363号-1</div>", "明日大盘"),
        ("<p>新华网版权所有</p>", "新华网"),
        ("<p>© Copyright 2019 某某日报社 all rights</p>", "某某日报社"),
        ("<p>版权所有 复制必究</p>", None),
        ("<p>Copyright © 2024 Riverside Herald. All rights reserved.</p>", None),  # Latin footers credit photos too
    ],
)
def test_the_copyright_notice_names_the_publisher(footer: str, holder: str | None) -> None:
    assert copyright_holder(f"<html><body><p>正文</p><footer>{footer}</footer></body></html>") == holder


@pytest.mark.parametrize(
    ("title", "suffix"),
    [
        ("数据业大整顿_财经_腾讯网", "腾讯网"),
        ("书记市长这一周 | 奋马扬鞭争春色，“虎”力全开向未来", None),  # a column's name, then the headline
    ],
)
def test_the_title_ends_in_the_sites_name_only_when_its_last_part_is_no_clause(title: str, suffix: str | None) -> None:
    page = f"<html><head><title>{title}</title></head><body><p>正文</p></body></html>"
    assert read_metadata(lxml_html.document_fromstring(page)).site_suffix() == suffix


def test_the_media_id_meta_names_the_outlet_the_story_is_from() -> None:
    """``<meta name="mediaid" content="参考消息">``: a portal names the outlet it took the story from."""
    page = '<html><head><meta name="mediaid" content="参考消息"></head><body></body></html>'
    assert read_metadata(lxml_html.document_fromstring(page)).source == "参考消息"


def test_a_byline_set_as_a_list_item_is_no_menu_link() -> None:
    page = """<html><head><title>Flood barrier approved</title></head><body>
    <h1>Flood barrier approved</h1>
    <ul class="byline"><li><a href="/author/jane-doe">Jane Doe</a></li></ul>
    <p>The council approved the barrier.</p></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert [text for _, text in found.bylines] == ["Jane Doe"]
    assert found.section_bylines == set()


def test_a_byline_that_links_a_menu_item_names_a_section() -> None:
    page = """<html><head><title>Flood barrier approved</title></head><body>
    <nav><ul><li><a href="/markets">Markets</a></li><li><a href="/city">City</a></li></ul></nav>
    <h1>Flood barrier approved</h1>
    <div class="article-author"><a class="author-name" href="/markets/">Markets</a></div>
    <p>The council approved the barrier.</p></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert [element for element, _ in found.bylines] == list(found.section_bylines)


def test_a_link_listed_twice_outside_a_nav_is_a_menu_item() -> None:
    page = """<html><head><title>Flood barrier approved</title></head><body>
    <ul><li><a href="/markets">Markets</a></li></ul>
    <h1>Flood barrier approved</h1>
    <div class="article-author"><a class="author-name" href="/markets">Markets</a></div>
    <ul><li><a href="/markets">Markets</a></li></ul></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert len(found.section_bylines) == 1


def test_a_teasers_publish_time_is_not_the_storys() -> None:
    page = """<html><head><title>防汛工程通过验收</title></head><body>
    <div class="main"><h1>防汛工程通过验收</h1><p>2026-05-17</p><p>工程通过验收。</p></div>
    <div class="sidebar"><ul><li data-ptime="2026-04-01 08:00:00"><a href="/a.html">另一条新闻</a></li></ul></div>
    </body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == []


def test_the_storys_wrapper_gives_its_publish_time() -> None:
    page = """<html><head><title>防汛工程通过验收</title></head><body>
    <div id="contain" data-ptime="2026-05-17 20:02:46"><div class="article_title"><h2>防汛工程通过验收</h2></div>
    <p>工程通过验收。</p></div>
    <ul><li data-ptime="2026-04-01 08:00:00"><a href="/a.html">另一条新闻</a></li></ul></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == [("meta", "2026-05-17 20:02:46")]


def test_a_microdata_time_kept_in_an_abbr_title_keeps_its_offset() -> None:
    """A blog template's ``<abbr itemprop="datePublished" title="…">`` shows the clock time and
    keeps the full time, with its offset, in ``title``."""
    page = """<html><head><title>Saving Data: Reducing the size of App Updates</title></head><body>
    <div class="post" itemscope itemtype="http://schema.org/BlogPosting"><h3 itemprop="name">Saving Data</h3>
    <div class="post-footer"><a class="timestamp-link" href="/2016/12/saving-data.html" rel="bookmark">
    <abbr class="published" itemprop="datePublished" title="2016-12-06T12:06:00-08:00">12:06 PM</abbr></a>
    <abbr itemprop="dateModified" title="2016-12-07T09:00:00-08:00">Dec 7</abbr></div></div></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == [("meta", "2016-12-06T12:06:00-08:00")]
    assert found.modified == ["2016-12-07T09:00:00-08:00"]


def test_a_microdata_date_written_as_text_is_read() -> None:
    page = """<html><body><h1>Council approves budget</h1>
    <p>Posted <span itemprop="datePublished">6 December 2016</span></p></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).published == [("meta", "6 December 2016")]


_RECIPE = """<html><head><title>Pierogi z dynią w sosie szałwiowym przepis - Przepisy.pl</title>
<script type="application/ld+json">{"@context": "http://schema.org", "@type": "Recipe", "author": "przepisy.pl  ",
 "datePublished": "2012-09-06T22:36:31.000Z", "name": "%s",
 "recipeIngredient": ["dynia", "cebula"]}</script></head>
<body><h1>Pierogi z dynią w sosie szałwiowym</h1></body></html>"""


def test_the_pages_own_recipe_gives_the_date() -> None:
    """A recipe's page dates its ``Recipe`` item, named as its ``<h1>``; the site's name written as
    its author is no person."""
    found = read_metadata(lxml_html.document_fromstring(_RECIPE % "Pierogi z dynią w sosie szałwiowym"))
    assert found.published == [("json-ld", "2012-09-06T22:36:31.000Z")]
    assert found.authors == []


def test_a_recipe_cards_date_ranks_below_the_posts_meta_tag() -> None:
    """A blog post carrying a recipe card: the post's ``article:published_time`` dates the post."""
    page = (_RECIPE % "Pierogi z dynią w sosie szałwiowym").replace(
        "<title>", '<meta property="article:published_time" content="2019-07-04T11:23:38+02:00"><title>'
    )
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == [("meta", "2019-07-04T11:23:38+02:00"), ("json-ld", "2012-09-06T22:36:31.000Z")]


def test_a_microdata_property_of_several_names_gives_the_date() -> None:
    page = """<html><head><meta itemprop="datePublished dateCreated" content="2019-11-19T11:00:09.000Z">
    </head><body><h1>Republicans follow</h1></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).published == [("meta", "2019-11-19T11:00:09.000Z")]


def test_a_recipe_teased_beside_the_story_gives_no_date() -> None:
    found = read_metadata(lxml_html.document_fromstring(_RECIPE % "Sernik na zimno z truskawkami"))
    assert found.published == []


def test_a_clip_that_is_the_pages_main_entity_gives_the_date_and_its_people() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@type": "VideoObject", "name": "Flood waters recede", "datePublished": "2026-05-14T10:00:00Z",
     "mainEntityOfPage": "https://example.org/video/flood", "author": {"@type": "Person", "name": "Ana Ruiz"}}
    </script></head><body><h1>Flood waters recede in the valley</h1></body></html>"""
    found = read_metadata(lxml_html.document_fromstring(page))
    assert found.published == [("json-ld", "2026-05-14T10:00:00Z")]
    assert found.authors == ["Ana Ruiz"]


def test_the_title_part_the_description_repeats_is_the_headline() -> None:
    """``Club name - Story heading - Section - News``: no ``<h1>``, no og:title, and the description is
    the heading word for word."""
    page = """<html><head><meta name="description" content="Eintracht Frankfurt stellt Weichen für die Zukunft" />
    <title>EFC Bayrische Bembel Regensburg - Eintracht Frankfurt stellt Weichen für die Zukunft - Eintracht Presse -
    News</title>
    </head><body><span class="itemTitle"><a href="/news/?storytopic=3">Eintracht Presse</a> : Eintracht Frankfurt
    stellt Weichen für die Zukunft</span></body></html>"""
    assert _title_of(page) == "Eintracht Frankfurt stellt Weichen für die Zukunft"


def test_a_stock_description_naming_the_site_does_not_shorten_the_title() -> None:
    page = """<html><head><meta name="description" content="Riverside Herald" />
    <title>Dow closes higher after a long week of trading - Riverside Herald</title></head><body></body></html>"""
    assert _title_of(page) == "Dow closes higher after a long week of trading"


def test_a_title_ending_in_the_stories_day_dates_it() -> None:
    """``Headline | DW | 19.01.2020``: the template dates the story in its title, while the page shows
    the day only in a box beside the story (``<li><strong>Date</strong> 19.01.2020</li>``)."""
    page = """<html><head>
    <meta property="og:title"
     content="Berlin confronts Germany&#39;s colonial past with new initiative | DW | 19.01.2020"/>
    <title>Berlin confronts Germany′s colonial past with new initiative | Germany| News | DW | 19.01.2020</title>
    </head><body><h1>Berlin confronts Germany's colonial past with new initiative</h1>
    <ul class="smallList"><li><strong>Date</strong> 19.01.2020</li></ul></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).published == [("meta", "19.01.2020")]


def test_a_day_inside_the_headline_does_not_date_the_story() -> None:
    page = """<html><head><title>Was am 19.01.2020 in Berlin geschah | Beispielblatt</title></head>
    <body><h1>Was am 19.01.2020 in Berlin geschah</h1></body></html>"""
    assert read_metadata(lxml_html.document_fromstring(page)).published == []
