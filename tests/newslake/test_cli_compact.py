"""``newslake compact`` as a user runs it on a lake of hourly runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from deltalake import DeltaTable

from newslake.cli import main
from tests.support.delta_rows import commit_fetches
from transforms.edge.maintenance import files_per_day


def test_compact_merges_closed_days_and_prints_files_before_and_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = str(tmp_path / "lake" / "fetches")
    for day in ("2026-05-01", "2026-05-02"):
        for hour in range(4):
            commit_fetches(tmp_path / "lake", f"{day}T{hour:02}", "alpha", day, 2)
    monkeypatch.delenv("NEWSLAKE_CLOSED_AFTER_DAYS", raising=False)
    assert main(["compact", "--lake", str(tmp_path / "lake")]) == 0
    assert files_per_day(DeltaTable(uri)) == {"2026-05-01": 1, "2026-05-02": 4}
    out = capsys.readouterr().out
    assert "newest day 2026-05-02" in out
    assert "fetches" in out and "files      8 -> 5" in out and "1 days compacted" in out


def test_a_bad_setting_is_one_line_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLAKE_BODY_RETENTION_DAYS", "forever")
    assert main(["compact", "--lake", str(tmp_path / "lake")]) == 2
    assert capsys.readouterr().err.startswith("newslake: NEWSLAKE_BODY_RETENTION_DAYS='forever' is not a whole number")
