from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from transforms.dedup import mark_exact
from transforms.normalise import content_hash

T0 = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)


def article(article_id: str, url: str, text: str, minutes: int, canonical: str | None = None) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "url": url,
        "canonical_url": canonical or url,
        "content_hash": content_hash(text),
        "fetched_at": T0 + timedelta(minutes=minutes),
    }


def test_copies_differing_only_in_punctuation_width_and_spacing_share_a_cluster() -> None:
    rows = mark_exact(
        [
            article("b", "https://b.cn/2.html", "国务院常务会议, 研究部署扩大内需。", 5),
            article("a", "https://a.cn/1.html", "国务院常务会议，研究部署扩大内需。", 1),
            article("c", "https://c.cn/3.html", "一篇完全不同的报道。", 2),
        ],
        history=[],
    )
    by_id = {row["article_id"]: row for row in rows}
    assert by_id["a"]["is_canonical"] and by_id["a"]["cluster_id"] == "a"
    assert by_id["b"]["duplicate_of"] == "a"
    assert (by_id["b"]["cluster_id"], by_id["b"]["dup_kind"], by_id["b"]["is_canonical"]) == ("a", "exact", False)
    assert by_id["c"]["cluster_id"] == "c" and by_id["c"]["dup_kind"] is None


def test_a_page_reached_under_its_canonical_url_joins_the_first_copy() -> None:
    (row,) = mark_exact(
        [article("m", "https://m.example.cn/a/1.html", "手机版正文。", 3, canonical="https://www.example.cn/a/1.html")],
        history=[article("w", "https://www.example.cn/a/1.html", "网页版正文，略有不同。", -600) | {"cluster_id": "w"}],
    )
    assert (row["cluster_id"], row["duplicate_of"], row["is_canonical"]) == ("w", "w", False)


def test_a_copy_of_an_earlier_runs_duplicate_joins_the_original_cluster() -> None:
    history = [
        article("first", "https://a.cn/1.html", "同一篇通稿。", -120) | {"cluster_id": "first"},
        article("second", "https://b.cn/1.html", "同一篇通稿。", -60) | {"cluster_id": "first"},
    ]
    (row,) = mark_exact([article("third", "https://c.cn/1.html", "同一篇通稿！", 0)], history)
    assert (row["cluster_id"], row["duplicate_of"]) == ("first", "first")


def test_every_cluster_has_exactly_one_canonical_row() -> None:
    texts = ["甲", "乙", "甲", "丙", "乙", "甲"]
    rows = mark_exact([article(str(i), f"https://x.cn/{i}", t, i) for i, t in enumerate(texts)], history=[])
    clusters: dict[str, int] = {}
    for row in rows:
        clusters[row["cluster_id"]] = clusters.get(row["cluster_id"], 0) + row["is_canonical"]
    assert clusters == {"0": 1, "1": 1, "3": 1}
