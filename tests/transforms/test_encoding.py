from __future__ import annotations

import pytest

from transforms.encoding import decode_body

SIMPLIFIED = (
    "<html><head>{meta}</head><body><p>国务院常务会议研究部署进一步扩大内需，推动经济持续回升向好。</p></body></html>"
)
TRADITIONAL = "<html><head>{meta}</head><body><p>香港特區政府公佈新一輪經濟措施，市場反應積極。</p></body></html>"


@pytest.mark.parametrize(
    ("html", "encode_as", "content_type", "declared", "used"),
    [
        (SIMPLIFIED.format(meta='<meta charset="utf-8">'), "utf-8", None, "utf-8", "utf-8"),
        (SIMPLIFIED.format(meta='<meta charset="gb2312">'), "gbk", None, "gb2312", "gb18030"),
        (SIMPLIFIED.format(meta=""), "gb18030", "text/html; charset=GB18030", "gb18030", "gb18030"),
        (SIMPLIFIED.format(meta='<meta charset="utf-8">'), "gbk", None, "utf-8", "gb18030"),
        (TRADITIONAL.format(meta='<meta charset="big5">'), "big5", None, "big5", "big5hkscs"),
        (TRADITIONAL.format(meta='<meta charset="utf-8">'), "big5", "text/html", "utf-8", "big5hkscs"),
    ],
)
def test_pages_decode_to_the_text_a_browser_shows(
    html: str, encode_as: str, content_type: str | None, declared: str, used: str
) -> None:
    decoded = decode_body(html.encode(encode_as), content_type)
    assert decoded.text == html
    assert (decoded.declared, decoded.used) == (declared, used)


def test_a_byte_order_mark_wins_over_a_wrong_declaration() -> None:
    decoded = decode_body("\ufeff<p>新闻</p>".encode("utf-8"), "text/html; charset=gbk")
    assert decoded.text == "<p>新闻</p>"
    assert decoded.used == "utf-8"


def test_a_stray_byte_does_not_throw_away_the_declared_charset() -> None:
    page = SIMPLIFIED.format(meta='<meta charset="gb2312">') * 10
    raw = page.encode("gbk").replace(b"</body>", b"\xff</body>", 1)
    decoded = decode_body(raw, None)
    assert decoded.used == "gb18030"
    assert "国务院常务会议研究部署" in decoded.text
