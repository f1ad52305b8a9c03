"""`newslake dedup --input`: clustering any Parquet file of texts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newslake.cli import main
from transforms.edge.dedup_file import cluster_table

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"


def text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text("utf-8")


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    """An analyst's file: ids, naive timestamps out of order, a body column and an outlet column."""
    path = tmp_path / "stories.parquet"
    table = pa.table(
        {
            "doc": ["d-trunc", "d-orig", "d-hant", "d-follow", "d-same", "d-empty", "d-empty2"],
            "seen": pa.array(
                [datetime(2026, 4, d, 9) for d in (19, 17, 18, 18, 20)] + [None, None], pa.timestamp("ms")
            ),
            "body": [
                text("truncated"),
                text("original"),
                text("copy_traditional"),
                text("followup"),
                text("original").replace("，", ","),
                None,
                "",
            ],
            "outlet": ["a", "b", "c", "b", "d", "e", "f"],
        }
    )
    pq.write_table(table, path)
    return path


def test_dedup_input_adds_cluster_columns_and_keeps_every_row(
    stories: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "clustered.parquet"
    args = ["dedup", "--input", str(stories), "--text-column", "body", "--out", str(out)]
    assert main([*args, "--id-column", "doc", "--time-column", "seen"]) == 0
    assert capsys.readouterr().out == f"dedup    rows 7, clusters 4, exact 1, near 2\n  {out}\n"
    table = pq.read_table(out)
    assert table.column_names == [
        *pq.read_table(stories).column_names,
        "cluster_id",
        "is_canonical",
        "duplicate_of",
        "dup_kind",
        "similarity",
    ]
    rows = {row["doc"]: row for row in table.to_pylist()}
    assert table["doc"].to_pylist() == pq.read_table(stories)["doc"].to_pylist()
    story = ("d-orig", "d-hant", "d-trunc", "d-same")
    assert {doc: rows[doc]["cluster_id"] for doc in story} == dict.fromkeys(story, "d-orig")
    assert (rows["d-same"]["dup_kind"], rows["d-same"]["similarity"]) == ("exact", 1.0)
    assert rows["d-hant"]["dup_kind"] == rows["d-trunc"]["dup_kind"] == "near"
    assert [doc for doc, row in rows.items() if row["is_canonical"]] == ["d-orig", "d-follow", "d-empty", "d-empty2"]


def test_without_ids_or_times_rows_are_numbered_and_first_seen_in_file_order(stories: Path) -> None:
    table = cluster_table(pq.read_table(stories), "body")
    # The truncated copy comes first in the file, so it is the story's first-seen row.
    assert table["cluster_id"].to_pylist() == ["0", "0", "0", "3", "0", "5", "6"]
    assert table["duplicate_of"].to_pylist() == [None, "0", "1", None, "1", None, None]
    assert table["dup_kind"].to_pylist() == [None, "near", "near", None, "exact", None, None]


def test_clustering_a_clustered_file_again_gives_the_same_file(stories: Path) -> None:
    once = cluster_table(pq.read_table(stories), "body", "doc", "seen")
    assert cluster_table(once, "body", "doc", "seen").equals(once)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--text-column", "text"], "the input has no text column 'text'; its columns are doc, seen"),
        (["--text-column", "body", "--id-column", "outlet"], "the id column 'outlet' repeats values"),
        (["--text-column", "body", "--time-column", "body"], "the time column 'body' (string) cannot be read"),
    ],
)
def test_a_wrong_column_stops_with_one_line_naming_it(
    stories: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    out = tmp_path / "out.parquet"
    assert main(["dedup", "--input", str(stories), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newslake: {message}") and err.count("\n") == 1
    assert not out.exists()


def test_input_without_out_or_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dedup", "--input", str(tmp_path / "x.parquet")]) == 2
    assert "dedup --input needs --out" in capsys.readouterr().err
    assert main(["dedup", "--input", str(tmp_path / "x.parquet"), "--out", str(tmp_path / "o.parquet")]) == 2
    assert "x.parquet: no such file" in capsys.readouterr().err
