"""The bucketed band-key index (Delta table ``dedup_bands``) and the history join that uses it.

Joining a run's band keys against every signature row of the history read all of it: time and
memory grew with the history (3.4 s and +793 MB at 3M articles). Here the band keys live apart
from the signatures, one ``int64`` entry per (article, band) in a Delta table partitioned by
``bucket`` (the key's top bits, :mod:`transforms.neardup.buckets`), each run's entries sorted
within their file. A run's history join then

1. reads, bucket by bucket, only the ``entry`` column (a row group in memory per thread) and
   looks its own keys up there (binary search, or a bitmap of the keys for a small file), which
   names the candidate articles by their id prefix;
2. reads the signature rows of those candidates only: the signature table (``dedup_index``) is
   written sorted by ``article_id`` in small row groups, so Parquet statistics skip the rest,
   and of the row groups left only those whose ids hold a candidate are read whole;
3. keeps the pairs that share a full band key and verifies them as before.

The pairs and decisions are those of :func:`transforms.edge.near_match.history_matches` on the
same history (tests/transforms/edge/test_band_index.py).

Writes: a run's entries for every bucket go in ONE Delta commit that replaces the run's earlier
entries (rerun), so readers see a run whole or not at all. Each run adds a small file per
bucket; :meth:`BandTable.compact` sorts each bucket's files into one (Delta z-order on the
single ``entry`` column: a sorted file), without blocking concurrent runs. The bucket count is
the table property ``newslake.bucket_bits``; :meth:`BandTable.rebuild` rewrites the table from
the signature table (an existing lake, or another bucket count).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

if TYPE_CHECKING:
    from deltalake import DeltaTable

from transforms.edge.lake import TABLE_PROPERTIES, Lake, retry_commits
from transforms.edge.spool import SignatureSpool
from transforms.neardup.buckets import (
    BUCKET_BITS,
    RANGE,
    REF_HEX,
    article_refs,
    buckets_of,
    entries,
    is_hex_prefix,
    matching_entries,
    matching_refs,
    probes,
    ref_prefixes,
    shared_key_pairs,
)
from transforms.neardup.match import (
    I64,
    NO_EARLIER,
    Bools,
    Earlier,
    MatchPolicy,
    Stored,
    signature_values,
    stored_earlier,
    verify_stored,
)
from transforms.neardup.scheme import SCHEME_VERSION
from transforms.neardup.signature import U32, U64, Signatures, band_keys

BANDS_TABLE = "dedup_bands"
"""The lake table of band-key entries (partitioned by ``bucket``)."""

BAND_SCHEMA = pa.schema(
    [
        pa.field("bucket", pa.string(), nullable=False),
        pa.field("entry", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)
"""``bucket``: the key's top bits as hex (the partition); ``entry``: see
:mod:`transforms.neardup.buckets`; ``run_id``: the run that wrote it (a rerun replaces it)."""

BITS_PROPERTY = "newslake.bucket_bits"

SIGNATURE_ROW_GROUP = 1024
"""Rows per row group of the signature table (~600 KB): a candidate costs one row group read."""

SIGNATURE_COLUMNS = ["article_id", "cluster_id", "fetched_at", "n_shingles", "signature"]

ENTRY_ROW_GROUP = 1 << 20
"""Entries per row group (8 MB): what the join holds of a bucket at a time, per thread."""


def _deltalake() -> Any:
    """``deltalake``, loaded on first use: a process that never touches the index never starts its runtime."""
    import deltalake  # noqa: PLC0415 - see the docstring

    return deltalake


def _write(uri: str | DeltaTable, rows: pa.Table, storage_options: dict[str, str], **options: Any) -> None:
    """Write entries; random 64-bit entries neither compress nor repeat: uncompressed and PLAIN
    (no dictionary, which the writer tries first and abandons per page) they decode at memory
    speed, about twice as fast as with the dictionary pages (measured on 20M entries)."""
    deltalake = _deltalake()
    plain = deltalake.ColumnProperties(dictionary_enabled=False, encoding="PLAIN")
    properties = deltalake.WriterProperties(
        compression="UNCOMPRESSED", max_row_group_size=ENTRY_ROW_GROUP, column_properties={"entry": plain}
    )
    deltalake.write_deltalake(
        uri,
        rows,
        partition_by=["bucket"],
        writer_properties=properties,
        storage_options=storage_options or None,
        **options,
    )


_THREADS = 2


def bucket_name(bucket: int, bits: int) -> str:
    """A bucket's partition value: zero-padded hex."""
    return f"{bucket:0{(bits + 3) // 4}x}"


def band_rows(
    article_ids: pa.Array | pa.ChunkedArray,
    keys: U64,
    usable: Bools,
    run_id: str | pa.Array | pa.ChunkedArray,
    bits: int = BUCKET_BITS,
) -> pa.Table:
    """The entries of articles with band keys ``keys`` (``(n, BANDS)``; rows not ``usable`` have
    none), sorted by bucket then entry. ``run_id``: one run, or each article's."""
    rows = np.flatnonzero(usable)
    owners = np.repeat(rows, keys.shape[1])
    flat = keys[rows].ravel()
    refs = article_refs(article_ids.to_pylist())[owners]
    bucket = buckets_of(flat, bits)
    entry = entries(flat, refs, bits)
    order = np.lexsort((entry, bucket))
    names = pa.array([bucket_name(b, bits) for b in range(1 << bits)], pa.string())
    if isinstance(run_id, str):
        runs: pa.Array | pa.ChunkedArray = pa.array([run_id], pa.string()).take(
            pa.array(np.zeros(order.size, np.int32))
        )
    else:
        runs = run_id.take(pa.array(owners[order]))
    columns = {"bucket": names.take(pa.array(bucket[order])), "entry": pa.array(entry[order], pa.int64())}
    return pa.table({**columns, "run_id": runs}, schema=BAND_SCHEMA)


def index_keys(rows: pa.Table) -> tuple[U64, Bools]:
    """Band keys of signature rows, recomputed from ``signature`` (equal to the stored ``band_keys``)."""
    values = signature_values(rows["signature"], rows.num_rows)
    usable = np.asarray(rows["n_shingles"].to_numpy(), dtype=np.int32) > 0
    return band_keys(values), usable


def sorted_for_lookup(index_rows: pa.Table) -> pa.Table:
    """Index rows sorted by ``article_id``: how the signature table must be written, in row groups
    of :data:`SIGNATURE_ROW_GROUP`, for the join to read only its candidates' rows."""
    return index_rows.sort_by("article_id")


@dataclass
class BandTable:
    """The ``dedup_bands`` Delta table at ``uri`` (``storage_options`` as deltalake takes them)."""

    uri: str
    storage_options: dict[str, str] = field(default_factory=dict)
    filesystem: pafs.FileSystem | None = None
    """How to read its data files; None: the local disk."""

    def table(self) -> DeltaTable | None:
        """The current snapshot; None before the first commit."""
        try:
            table: DeltaTable = _deltalake().DeltaTable(self.uri, storage_options=self.storage_options or None)
        except _deltalake().exceptions.TableNotFoundError:
            return None
        return table

    def bits(self, table: DeltaTable) -> int:
        """The table's bucket bits (``newslake.bucket_bits``)."""
        return int(table.metadata().configuration.get(BITS_PROPERTY, BUCKET_BITS))

    def commit_run(self, run_id: str, index_rows: pa.Table) -> int:
        """Replace the run's entries with those of ``index_rows``, in one commit; the new version.

        A commit that conflicts with another run's is retried with backoff.
        """
        table = self.table()
        if table is None:
            self._create(BUCKET_BITS)
            table = self.table()
            assert table is not None  # just created
        keys, usable = index_keys(index_rows)
        rows = band_rows(index_rows["article_id"], keys, usable, run_id, self.bits(table))
        retry_commits(
            lambda: _write(
                self.uri, rows, self.storage_options, mode="overwrite", predicate=f"run_id = {_quote(run_id)}"
            )
        )
        return self._version()

    def _create(self, bits: int, mode: str = "ignore") -> None:
        """Create the table with ``bits`` bucket bits (two runs racing to create it both succeed)."""
        _deltalake().DeltaTable.create(
            self.uri,
            schema=BAND_SCHEMA,
            mode=mode,
            partition_by=["bucket"],
            configuration={BITS_PROPERTY: str(bits), **TABLE_PROPERTIES},
            storage_options=self.storage_options or None,
            raise_if_key_not_exists=False,
        )

    def _version(self) -> int:
        table = self.table()
        return -1 if table is None else table.version()

    def rebuild(self, signature_files: Sequence[str], bits: int = BUCKET_BITS, *, batch_rows: int = 262_144) -> int:
        """Rewrite the table from the signature table's files, with ``bits`` bucket bits.

        For an existing lake (the table did not exist) or another bucket count. The files are
        ``INDEX_SCHEMA`` rows; each row's run is its ``run_id`` column, else its file's name.
        Entries are appended ``batch_rows`` articles at a time (memory follows the batch), then
        every bucket is sorted into one file. Run it while no run writes: the table is replaced.
        """
        self._create(bits, mode="overwrite")
        for path in signature_files:
            parquet = pq.ParquetFile(path, filesystem=self.filesystem)
            has_run = "run_id" in parquet.schema_arrow.names
            columns = ["article_id", "n_shingles", "signature", *(["run_id"] if has_run else [])]
            for batch in parquet.iter_batches(batch_size=batch_rows, columns=columns):
                rows = pa.Table.from_batches([batch])
                keys, usable = index_keys(rows)
                run = rows["run_id"] if has_run else _file_run(path)
                self._append(band_rows(rows["article_id"], keys, usable, run, bits))
        return self.compact()

    def _append(self, rows: pa.Table) -> None:
        _write(self.uri, rows, self.storage_options, mode="append")

    def compact(self) -> int:
        """Sort each bucket's files into one file, a bucket at a time: the new version.

        One commit per bucket replaces the rows it read (overwrite, against the snapshot it read,
        with the predicate ``bucket = … AND run_id IN (the runs read)``): a run committing
        meanwhile keeps its entries, and a rerun meanwhile makes the commit fail (its files were
        replaced), so the bucket is read again. Measured against Delta's own z-order on ``entry`` (the same
        result): 2.5 GB in about two minutes here instead of more than half an hour.
        """
        table = self.table()
        if table is None:
            return -1
        actions = pa.table(table.get_add_actions(flatten=True))
        for name in sorted(set(actions["partition.bucket"].to_pylist())):
            retry_commits(lambda name=name: self._compact_bucket(name))  # type: ignore[misc]
        return self._version()

    def _compact_bucket(self, name: str) -> None:
        table = self.table()
        assert table is not None  # compacting it
        actions = pa.table(table.get_add_actions(flatten=True))
        paths = [
            p
            for p, b in zip(actions["path"].to_pylist(), actions["partition.bucket"].to_pylist(), strict=True)
            if b == name
        ]
        if len(paths) < 2:
            return
        parts = [
            pq.read_table(
                self._path(p), columns=["entry", "run_id"], filesystem=self.filesystem, read_dictionary=["run_id"]
            )
            for p in paths
        ]
        merged = pa.concat_tables(parts).combine_chunks()
        entry = np.asarray(merged["entry"].to_numpy(), dtype=np.int64)
        order = pa.array(np.argsort(entry, kind="stable"))
        rows = pa.table(
            {
                "bucket": pa.array([name], pa.string()).take(pa.array(np.zeros(len(entry), np.int32))),
                "entry": merged["entry"].take(order),
                "run_id": merged["run_id"].take(order).cast(pa.string()),
            },
            schema=BAND_SCHEMA,
        )
        runs = ", ".join(_quote(run) for run in pc.unique(rows["run_id"]).to_pylist())
        del merged, parts, entry
        # Against the snapshot read, and only the runs read: a run committing meanwhile keeps its rows.
        _write(
            table,
            rows,
            self.storage_options,
            mode="overwrite",
            predicate=f"bucket = {_quote(name)} AND run_id IN ({runs})",
        )

    def matched(self, keys: U64, usable: Bools) -> Matched:
        """The stored entries whose (44-bit) key is one of the usable rows' keys, per bucket."""
        table = self.table()
        if table is None or not usable.any():
            return Matched(BUCKET_BITS, {})
        bits = self.bits(table)
        wanted = _wanted(keys, usable, bits)
        actions = pa.table(table.get_add_actions(flatten=True))
        paths = actions["path"].to_pylist()
        names = actions["partition.bucket"].to_pylist()
        low = actions["min.entry"].to_pylist() if "min.entry" in actions.column_names else [None] * len(paths)
        high = actions["max.entry"].to_pylist() if "max.entry" in actions.column_names else [None] * len(paths)
        work = []
        for path, name, lo, hi in zip(paths, names, low, high, strict=True):
            probe = wanted.get(int(name, 16))
            if probe is not None:
                inside = _inside(probe, lo, hi)
                if inside.size:
                    work.append((int(name, 16), self._path(path), inside))
        with ThreadPoolExecutor(_THREADS) as pool:
            found = list(pool.map(lambda item: (item[0], self._file_entries(item[1], item[2])), work))
        by_bucket: dict[int, list[I64]] = {}
        for bucket, entries_found in found:
            by_bucket.setdefault(bucket, []).append(entries_found)
        return Matched(bits, {b: np.sort(np.concatenate(parts)) for b, parts in by_bucket.items()})

    def _file_entries(self, path: str, wanted: I64) -> I64:
        """Matching entries of one file, a row group at a time (row groups outside every probe skipped)."""
        parquet = pq.ParquetFile(path, filesystem=self.filesystem, pre_buffer=False)
        found = []
        for group in range(parquet.metadata.num_row_groups):
            stats = parquet.metadata.row_group(group).column(0).statistics
            has = stats is not None and stats.has_min_max
            inside = _inside(wanted, stats.min if has else None, stats.max if has else None)
            if inside.size == 0:
                continue
            column = parquet.read_row_group(group, columns=["entry"], use_threads=False).column(0)
            found.append(matching_entries(np.asarray(column.to_numpy(), dtype=np.int64), inside))
        return np.concatenate(found) if found else np.empty(0, dtype=np.int64)

    def _path(self, relative: str) -> str:
        base = self.uri.split("://", 1)[1] if "://" in self.uri else self.uri
        return f"{base.rstrip('/')}/{relative}"


@dataclass(frozen=True)
class Matched:
    """What a scan of the band table found for a set of articles: entries per bucket, sorted."""

    bits: int
    entries: dict[int, I64]

    def refs(self, keys: U64, usable: Bools) -> U32:
        """Sorted distinct refs of the stored articles sharing a (44-bit) key with the usable rows
        (rows of the articles scanned for, or some of them)."""
        if not self.entries or not usable.any():
            return np.empty(0, dtype=np.uint32)
        wanted = _wanted(keys, usable, self.bits)
        refs = [matching_refs(found, wanted[b], is_sorted=True) for b, found in self.entries.items() if b in wanted]
        return np.unique(np.concatenate(refs)) if refs else np.empty(0, dtype=np.uint32)


def _wanted(keys: U64, usable: Bools, bits: int) -> dict[int, I64]:
    """The probes of the usable rows' keys, per bucket."""
    return probes(keys[usable], bits)


def _inside(wanted: I64, lo: int | None, hi: int | None) -> I64:
    """The (sorted) probes that can match an entry between ``lo`` and ``hi`` (all when unknown)."""
    if lo is None or hi is None:
        return wanted
    first = np.searchsorted(wanted, max(lo - int(RANGE), _LOWEST), side="left")
    return wanted[first : np.searchsorted(wanted, hi, side="right")]


_LOWEST = -(1 << 63)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _file_run(path: str) -> str:
    return PurePosixPath(path).stem


def candidate_rows(
    signature_files: Sequence[str],
    refs: U32,
    *,
    filesystem: pafs.FileSystem | None = None,
    exclude_ids: Sequence[str] = (),
    exclude_runs: Sequence[str] = (),
    bounds: dict[str, GroupBounds] | None = None,
) -> pa.Table:
    """Signature rows (``SIGNATURE_COLUMNS``) of the articles whose id starts with one of ``refs``.

    Reads only the row groups whose ``article_id`` statistics can hold one of them (the
    statistics are kept in ``bounds``, by file, for the next call: a file's footer is read
    once per run, not once per chunk), two files at a time. An id
    stored twice keeps its first-seen row (earliest ``fetched_at``, then ``cluster_id``), ids
    in ``exclude_ids`` (the batch) and rows of ``exclude_runs`` are left out.
    """
    empty = pa.table({name: pa.array([], _SIGNATURE_TYPES[name]) for name in SIGNATURE_COLUMNS})
    if refs.size == 0 or not signature_files:
        return empty
    lookup = _Lookup(refs, filesystem, tuple(exclude_runs), {} if bounds is None else bounds, empty.schema)
    with ThreadPoolExecutor(_THREADS) as pool:
        parts = [rows for rows in pool.map(lookup.file_rows, signature_files) if rows is not None]
    if not parts:
        return empty
    found = pa.concat_tables(parts)
    if exclude_ids:
        found = found.filter(pc.invert(pc.is_in(found["article_id"], value_set=pa.array(list(exclude_ids)))))
    found = found.sort_by([("article_id", "ascending"), ("fetched_at", "ascending"), ("cluster_id", "ascending")])
    ids = found["article_id"].to_numpy(zero_copy_only=False)
    first_of_id = np.ones(len(ids), dtype=np.bool_)
    if len(ids) > 1:
        first_of_id[1:] = ids[1:] != ids[:-1]
    return found.filter(pa.array(first_of_id))


@dataclass
class _Lookup:
    """One :func:`candidate_rows` call: the refs sought and how to read a signature file."""

    refs: U32
    filesystem: pafs.FileSystem | None
    exclude_runs: tuple[str, ...]
    bounds: dict[str, GroupBounds]
    schema: pa.Schema
    lows: list[str] = field(init=False)
    prefixes: pa.Array = field(init=False)

    def __post_init__(self) -> None:
        self.lows = ref_prefixes(self.refs)
        self.prefixes = pa.array(self.lows, pa.string())

    def file_rows(self, path: str) -> pa.Table | None:
        """The file's rows with one of the refs (None: none)."""
        parquet = pq.ParquetFile(path, filesystem=self.filesystem, pre_buffer=False)
        if path not in self.bounds:
            self.bounds[path] = _group_bounds(parquet)
        groups = _candidate_groups(self.bounds[path], self.lows)
        if groups == []:
            return None
        columns = [*SIGNATURE_COLUMNS, "scheme_version"]
        columns += ["run_id"] if self.exclude_runs and "run_id" in parquet.schema_arrow.names else []
        if groups is None:  # ids that are not hex digests: their refs are hashes, found by reading all
            rows = parquet.read(columns=columns, use_threads=False)
            refs = pa.array(article_refs(rows["article_id"].to_pylist()), pa.uint32())
            rows = rows.filter(pc.is_in(refs, value_set=pa.array(self.refs, pa.uint32())))
        else:
            groups = _groups_holding(parquet, groups, self.prefixes)
            if not groups:
                return None
            rows = parquet.read_row_groups(groups, columns=columns, use_threads=False)
            prefix = pc.utf8_slice_codeunits(rows["article_id"], 0, REF_HEX)
            rows = rows.filter(pc.is_in(prefix, value_set=self.prefixes))
        if "run_id" in columns:
            hidden = pc.is_in(rows["run_id"], value_set=pa.array(list(self.exclude_runs), pa.string()))
            rows = rows.filter(pc.invert(pc.fill_null(hidden, False)))
        _check_scheme(rows["scheme_version"])
        return rows.select(SIGNATURE_COLUMNS).cast(self.schema)


GroupBounds = list[tuple[str, str]] | None
"""A signature file's row groups as (first, last) ``article_id`` prefixes; None when they are
not hex ids (or unknown), so the file is read whole."""


def _group_bounds(parquet: pq.ParquetFile) -> GroupBounds:
    at = parquet.schema_arrow.names.index("article_id")
    found = []
    for group in range(parquet.metadata.num_row_groups):
        stats = parquet.metadata.row_group(group).column(at).statistics
        if stats is None or not stats.has_min_max:
            return None
        low, high = str(stats.min), str(stats.max)
        if not (is_hex_prefix(low) and is_hex_prefix(high)):
            return None
        found.append((low[:REF_HEX], high[:REF_HEX]))
    return found


def _candidate_groups(bounds: GroupBounds, prefixes: list[str]) -> list[int] | None:
    """Row groups whose bounds hold one of the sorted hex ``prefixes``; None: read the file whole."""
    if bounds is None:
        return None
    groups = []
    for group, (low, high) in enumerate(bounds):
        first = bisect.bisect_left(prefixes, low)
        if first < len(prefixes) and prefixes[first] <= high:
            groups.append(group)
    return groups


def _groups_holding(parquet: pq.ParquetFile, groups: list[int], prefixes: pa.Array) -> list[int]:
    """The row groups among ``groups`` that hold an id starting with one of ``prefixes``.

    A ref names a row group in every file (each file spans every id) but its article is in one
    of them, or none: reading the ids first (about 30 KB a row group) spares reading the
    signatures (about 520 KB) of the row groups that turn out to hold no candidate.
    """
    ids = parquet.read_row_groups(groups, columns=["article_id"], use_threads=False)["article_id"]
    hit = pc.is_in(pc.utf8_slice_codeunits(ids, 0, REF_HEX), value_set=prefixes)
    at = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
    if at.size == 0:
        return []
    starts = np.cumsum([0] + [parquet.metadata.row_group(g).num_rows for g in groups])
    owners = np.unique(np.searchsorted(starts, at, side="right") - 1)
    return [groups[int(i)] for i in owners]


def _check_scheme(versions: pa.ChunkedArray) -> None:
    stale = sorted(v for v in pc.unique(versions).to_pylist() if v != SCHEME_VERSION)
    if stale:
        msg = (
            f"the near-duplicate history index holds signature scheme versions {stale}, "
            f"this library computes version {SCHEME_VERSION}; rebuild the index from the article texts"
        )
        raise ValueError(msg)


_SIGNATURE_TYPES: dict[str, pa.DataType] = {
    "article_id": pa.string(),
    "cluster_id": pa.string(),
    "fetched_at": pa.timestamp("us", tz="UTC"),
    "n_shingles": pa.int32(),
    "signature": pa.binary(512),
}


def history_pairs(keys: U64, usable: Bools, found: pa.Table) -> tuple[I64, I64]:
    """``(new row, found row)`` pairs sharing a full band key, from the found rows' signatures."""
    stored, has = index_keys(found)
    stored_rows = np.repeat(np.flatnonzero(has), stored.shape[1])
    rows = np.flatnonzero(usable)
    new_rows = np.repeat(rows, keys.shape[1])
    return shared_key_pairs(keys[rows].ravel(), new_rows, stored[has].ravel(), stored_rows)


@dataclass
class BandHistory:
    """The history as the band index and the signature table's files (read through ``filesystem``).

    ``exclude_runs``: runs whose signature rows are not history (the run being matched, when
    it is rerun, and runs hidden from it). :meth:`prepare` scans the index once for all of a run's articles, so that a
    run matched a chunk at a time reads the buckets once.
    """

    bands: BandTable
    signature_files: list[str]
    filesystem: pafs.FileSystem | None = None
    exclude_runs: Sequence[str] = ()
    found: Matched | None = None
    bounds: dict[str, GroupBounds] = field(default_factory=dict)

    def prepare(self, keys: U64, usable: Bools) -> None:
        """Scan the buckets for every article the run will match (``(n, BANDS)`` keys)."""
        self.found = self.bands.matched(keys, usable)

    def refs(self, keys: U64, usable: Bools) -> U32:
        """Refs of the stored articles sharing a key with the rows (from :meth:`prepare` when it ran)."""
        found = self.found if self.found is not None else self.bands.matched(keys, usable)
        return found.refs(keys, usable)


def band_matches(
    history: BandHistory,
    *,
    keys: U64,
    usable: Bools,
    sigs: Signatures,
    ids: list[str],
    fetched: I64,
    policy: MatchPolicy,
) -> Earlier:
    """Verified matches of a batch in the history: the same pairs and verdicts as the full join."""
    refs = history.refs(keys, usable)
    found = candidate_rows(
        history.signature_files,
        refs,
        filesystem=history.filesystem,
        exclude_ids=ids,
        exclude_runs=history.exclude_runs,
        bounds=history.bounds,
    )
    if found.num_rows == 0:
        return NO_EARLIER
    new, at = history_pairs(keys, usable, found)
    stored = Stored.of(found)
    return stored_earlier(stored, [verify_stored(stored, new, at, sigs, ids, fetched, policy)])


def lake_bands(lake: Lake) -> BandTable:
    """The lake's band table."""
    filesystem = None if lake.is_local else pafs.PyFileSystem(pafs.FSSpecHandler(lake.fs))
    return BandTable(lake.table_uri(BANDS_TABLE), dict(lake.storage_options), filesystem)


def run_history(
    lake: Lake, signature_files: list[str], hidden_runs: Sequence[str], signed: SignatureSpool, positions: I64
) -> BandHistory:
    """The history a run's articles (``positions`` in ``signed``) are matched against, scanned
    once for all of them; rows of ``hidden_runs`` (the run itself, and runs it must not see)
    are not history. A lake with signature rows and no band table yet (written before the
    table existed) gets it built from those rows first."""
    bands = lake_bands(lake)
    if bands.table() is None and signature_files:
        bands.rebuild(signature_files)
    history = BandHistory(bands, signature_files, bands.filesystem, exclude_runs=tuple(hidden_runs))
    keys, usable = [], []
    for start in range(0, positions.size, _PREPARE_ROWS):
        part = signed.read(positions[start : start + _PREPARE_ROWS])
        keys.append(band_keys(part.values))
        usable.append(part.n_shingles > 0)
    if keys:
        history.prepare(np.concatenate(keys), np.concatenate(usable))
    return history


_PREPARE_ROWS = 4096


def commit_index(lake: Lake, run_id: str, index_file: Path) -> Path:
    """Commit the run's band entries and rewrite its index rows (``index_file``) in the order
    lookups need: sorted by ``article_id`` in row groups of :data:`SIGNATURE_ROW_GROUP`."""
    rows = sorted_for_lookup(pq.read_table(index_file))
    pq.write_table(rows, index_file, row_group_size=SIGNATURE_ROW_GROUP, compression="zstd")
    lake_bands(lake).commit_run(run_id, rows)
    return index_file
