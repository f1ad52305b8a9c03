"""Band-key entries: a bucket's sorted and unsorted entries give the same matches, and a match
needs the key's bucket and next 40 bits to agree."""

from __future__ import annotations

import numpy as np

from transforms.neardup.buckets import buckets_of, entries, matching_entries, matching_refs, probes


def test_sorted_and_unsorted_entries_match_the_same_keys() -> None:
    rng = np.random.default_rng(7)
    keys = rng.integers(0, 2**64, size=50_000, dtype=np.uint64)
    refs = rng.integers(0, 2**24, size=keys.size, dtype=np.uint32)
    in_bucket = keys[buckets_of(keys) == 3]
    stored = entries(in_bucket, refs[buckets_of(keys) == 3])
    wanted = probes(np.concatenate([in_bucket[:20], rng.integers(0, 2**64, size=500, dtype=np.uint64)]))[3]
    unsorted = matching_entries(stored, wanted, is_sorted=False)
    ordered = matching_entries(np.sort(stored), wanted)
    assert np.array_equal(np.sort(unsorted), ordered)
    assert set(matching_refs(np.sort(stored), wanted).tolist()) >= set(refs[buckets_of(keys) == 3][:20].tolist())


def test_a_key_differing_in_its_fragment_does_not_match() -> None:
    key = np.array([0x3123_4567_89AB_CDEF], dtype=np.uint64)  # bucket 3
    stored = entries(key, np.array([42], dtype=np.uint32))
    assert matching_refs(stored, probes(key)[3]).tolist() == [42]
    other = key ^ np.uint64(1 << 30)  # inside the 40 bits below the bucket bits
    assert matching_refs(stored, probes(other)[3]).size == 0
    below = key ^ np.uint64(1)  # the bits below the fragment are not stored: verified later on full keys
    assert matching_refs(stored, probes(below)[3]).tolist() == [42]


def test_few_and_many_probes_find_exactly_the_entries_sharing_their_fragment() -> None:
    rng = np.random.default_rng(11)
    keys = rng.integers(0, 2**64, size=400_000, dtype=np.uint64)
    in_bucket = keys[buckets_of(keys) == 3]
    stored = np.sort(entries(in_bucket, rng.integers(0, 2**24, size=in_bucket.size, dtype=np.uint32)))
    for n in (10, 20_000):  # binary search per probe; every entry through the bitmap
        wanted = probes(np.concatenate([in_bucket[:n], rng.integers(0, 2**64, size=n, dtype=np.uint64)]))[3]
        expected = stored[np.isin(stored >> 24, wanted >> 24)]
        assert expected.size >= min(n, 10)
        assert np.array_equal(matching_entries(stored, wanted), expected)
