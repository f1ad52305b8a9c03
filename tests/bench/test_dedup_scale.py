"""The dedup-at-scale benchmark measures a real dedup run of the portal's articles."""

from __future__ import annotations

import pytest

from bench import dedup_scale


@pytest.mark.slow  # a dedup run in a fresh process
def test_a_small_run_is_deduplicated_in_a_fresh_process_and_reported() -> None:
    figures = dedup_scale.bench_size(300, seed=8)
    assert figures["articles"] == 300
    assert figures["duplicates"] == 30  # every tenth page is a syndicated copy
    assert figures["clusters"] == 270
    assert figures["peak"] >= figures["before"] > 0 and figures["seconds"] > 0
    table = dedup_scale.render([(300, figures), (600, figures | {"peak": 2 * figures["peak"]})])
    assert "| 300 |" in table and "peak RSS 2.00×" in table
