"""Notice boxes: a site's small box around a sign-up call goes with the call; the story stays."""

from __future__ import annotations

from lxml import html as lxml_html

from transforms.extract.dom import Paragraph, block_paragraphs, without_notice_boxes
from transforms.extract.lines import is_notice

STORY = (
    "<p>The council voted on Tuesday to extend the night bus service to the northern districts.</p>"
    "<p>The new lines start in March and run every twenty minutes until two in the morning.</p>"
    "<p>Residents had asked for the change for years, the mayor said after the vote.</p>"
    "<p>The council sends a newsletter to every household each month with the new timetables.</p>"
)


def _texts(body: str) -> list[str]:
    picked = block_paragraphs(lxml_html.fromstring(f"<div class='story'>{body}</div>"))
    return [paragraph.text for paragraph in without_notice_boxes(picked, _notices(picked))]


def _notices(picked: list[Paragraph]) -> list[bool]:
    return [is_notice(paragraph.text) for paragraph in picked]


def test_a_notice_takes_its_small_box_with_it() -> None:
    box = (
        "<div class='promo'><p>Never miss a story</p>"
        "<p>Sign up for our newsletter and get the news every morning.</p>"
        "<p>It is free and you can leave at any time.</p></div>"
    )
    texts = _texts(STORY + box)
    assert "It is free and you can leave at any time." not in texts
    assert "Never miss a story" not in texts
    assert len(texts) == 4


def test_a_story_paragraph_mentioning_a_newsletter_stays() -> None:
    texts = _texts(STORY)
    assert texts[-1] == "The council sends a newsletter to every household each month with the new timetables."
    assert len(texts) == 4


def test_a_box_over_the_size_limits_stays() -> None:
    long_story = "".join(
        f"<p>{i}. The story goes on about the night buses and the vote in the council.</p>" for i in range(14)
    )
    box = (
        f"<div class='article-body'><p>Sign up for our newsletter and get the news every morning.</p>{long_story}</div>"
    )
    texts = _texts(STORY + box)
    assert "Sign up for our newsletter and get the news every morning." in texts  # the line rules drop it later
    assert len(texts) == 4 + 15
