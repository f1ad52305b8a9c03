"""Language tags a reader filters on: Simplified and Traditional Chinese must not be mixed up."""

from __future__ import annotations

import pytest

from transforms.extract.language import detect_language


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (
            "今年起长江流域将首次在全流域范围内实施跨省横向生态保护补偿机制，覆盖沿线十一个省市，补偿资金将重点用于水源涵养。",
            "zh-Hans",
        ),
        (
            "港鐵公司今日公布，東涌綫延線工程進展順利，預計明年第三季通車，屆時東涌西一帶的居民可直接乘搭港鐵往返市區。",
            "zh-Hant",
        ),
        (
            "The city council voted on Thursday to approve a plan to build a permanent flood barrier along the river.",
            "en",
        ),
        ("東京都は五日、新しい防災計画を発表した。地震や台風に備えて、避難所の数を増やすという。", "ja"),
        ("서울시는 5일 새로운 교통 정책을 발표했다. 시민들의 출퇴근 시간을 줄이기 위한 대책이다.", "ko"),
    ],
)
def test_language_is_read_from_the_text(text: str, tag: str) -> None:
    assert detect_language(text) == tag


def test_unknown_text_falls_back_to_the_source_language() -> None:
    assert detect_language("12345 67890", "de") == "de"
