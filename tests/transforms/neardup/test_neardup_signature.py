"""The signature scheme is pinned: a change to stored signatures must be a new SCHEME_VERSION."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from transforms.neardup import BANDS, NUM_PERM, SCHEME_VERSION, band_keys, estimate, signatures
from transforms.neardup.scheme import mix64, mix64_int, permutations

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"


def test_pinned_signature_of_a_fixed_text(texts: dict[str, str]) -> None:
    pin = json.loads((FIXTURES / "pinned_signature.json").read_text(encoding="utf-8"))
    assert pin["scheme_version"] == SCHEME_VERSION, "scheme changed: re-pin only together with a new SCHEME_VERSION"
    sigs = signatures([texts["original"]])
    assert sigs.values.shape == (1, NUM_PERM)
    assert int(sigs.n_shingles[0]) == pin["n_shingles"]
    assert sigs.values[0, :8].tolist() == pin["signature_head"]
    assert hashlib.sha256(sigs.values[0].astype("<u4").tobytes()).hexdigest() == pin["signature_sha256"]
    assert band_keys(sigs.values)[0, :4].tolist() == pin["band_keys_head"]
    a, b = permutations()
    assert a[:4].tolist() == pin["permutation_a_head"]
    assert b[:4].tolist() == pin["permutation_b_head"]


def test_batch_signatures_do_not_depend_on_neighbours(texts: dict[str, str]) -> None:
    alone = signatures([texts["followup"]]).values[0]
    together = signatures([texts["original"], "", texts["followup"], texts["unrelated"]]).values[2]
    assert np.array_equal(alone, together)


def test_numpy_mix_matches_the_documented_reference() -> None:
    xs = [0, 1, 2**63, 2**64 - 1, 0x1234_5678_9ABC_DEF0]
    assert mix64(np.array(xs, dtype=np.uint64)).tolist() == [mix64_int(x) for x in xs]


def test_text_shorter_than_a_shingle_has_no_shingles() -> None:
    sigs = signatures(["短讯", ""])
    assert sigs.n_shingles.tolist() == [0, 0]
    assert band_keys(sigs.values).shape == (2, BANDS)


def test_estimates_follow_the_story(texts: dict[str, str]) -> None:
    names = ["original", "copy_traditional", "truncated", "followup"]
    sigs = signatures([texts[n] for n in names])
    rest = np.arange(1, 4)
    jaccard, containment, _ = estimate(
        sigs.values[[0, 0, 0]], sigs.values[rest], sigs.n_shingles[[0, 0, 0]], sigs.n_shingles[rest]
    )
    copy, truncated, followup = jaccard
    assert copy > 0.5
    assert truncated > 0.45
    assert containment[1] > 0.9
    assert followup < 0.2
