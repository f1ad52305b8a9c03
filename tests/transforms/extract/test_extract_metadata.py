"""Titles as a reader sees them in the lake: the headline, never the site's name after it."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from transforms.extract.metadata import read_metadata, strip_site_suffix


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
