"""Lake I/O: the one module that reads and writes the lake's Delta tables.

The lake is a folder or an ``s3://bucket/prefix``; every table in it (``fetches``,
``articles``, …) is a Delta table, Hive-partitioned by day. A stage's output for one run
and partition lands in ONE Delta commit that replaces whatever that run wrote there before
(an overwrite with the predicate ``partition AND run_id``, narrowed by a scope column where
several writers share a partition: fetches' ``source``), so a rerun replaces its rows and
a reader sees a run whole or not at all, however many runs a compacted file holds. Readers
ask for a run's rows (or all but one run's, or one source's) rather than for file names.

Data files are still read through fsspec (``fs``): the same code reads a laptop folder,
MinIO and AWS; Delta's own client (``deltalake``) gets ``storage_options`` taken from the
same ``AWS_*`` environment.
"""

from __future__ import annotations

import operator
import os
import random
import re
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, reduce
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from transforms.layout import partition_values

if TYPE_CHECKING:
    from deltalake import DeltaTable

SCHEMA_VERSION = 5
"""Version of the lake's tables (docs/schema.md, "Schema versions"), kept in each table's
property ``newslake.schema_version``. Version 4: every table is a Delta table; version 5:
``fetches`` is partitioned by ``dt`` alone, its ``source`` an ordinary column."""

SCHEMA_VERSION_PROPERTY = "newslake.schema_version"
CHECKPOINT_INTERVAL = 10
"""Commits between Delta checkpoints (Delta's default: 100). Every commit first loads the table
from its last checkpoint and replays the log entries since; a crawl commits each source's
fetches on its own, so at 100 a run of 20 sources replayed ~50 entries per commit
(docs/benchmarks.md, the year-long lake: 1,378 → 817 ms CPU a run at 10)."""
TABLE_PROPERTIES = {SCHEMA_VERSION_PROPERTY: str(SCHEMA_VERSION), "delta.checkpointInterval": str(CHECKPOINT_INTERVAL)}
"""Properties every lake table is created with, and a converted one is given."""
COMMIT_ATTEMPTS = 8  # conflicting commits retried (with backoff) before the run fails
COMMIT_BATCH = 1024  # rows per batch when a local Parquet file streams into a commit
REPARTITION_FILE_BYTES = 32 * 1024 * 1024  # data files of a layout rewrite (Lake.repartition)


class LakeError(RuntimeError):
    """The lake cannot be used; the message names it and what to check."""


def writer_properties(row_group_rows: int | None = None) -> Any:
    """How every lake file is written: zstd like the rest of the lake, and column statistics cut
    to 64 bytes (untruncated min/max of 30 KB bodies made each fetches file ~45% larger)."""
    from deltalake import WriterProperties  # noqa: PLC0415 - deltalake loads with the first table

    return WriterProperties(compression="ZSTD", statistics_truncate_length=64, max_row_group_size=row_group_rows)


T = TypeVar("T")


def retry_commits(commit: Callable[[], T], reload: Callable[[], object] = lambda: None) -> T:
    """Run a Delta commit; when another writer took the version first, wait a random moment, ``reload``, retry.

    Concurrent runs (mapped crawl tasks, maintenance beside an hourly run) commit to the same
    tables; a lost race is normal traffic, so only the last of ``COMMIT_ATTEMPTS`` fails the caller.
    """
    from deltalake.exceptions import CommitFailedError  # noqa: PLC0415 - deltalake loads with the first table

    for attempt in range(COMMIT_ATTEMPTS):
        try:
            return commit()
        except CommitFailedError:
            if attempt == COMMIT_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.05, 0.2) * 2**attempt)  # noqa: S311 - jitter, not secrecy
            reload()
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Lake:
    """A lake root on some filesystem."""

    uri: str
    fs: Any
    root: str
    storage_options: dict[str, str] = field(default_factory=dict)

    @property
    def is_local(self) -> bool:
        """True for a folder on this machine."""
        return isinstance(self.fs, LocalFileSystem)

    def table_uri(self, table: str) -> str:
        """The table's location as Delta clients (and DuckDB's ``delta_scan``) take it."""
        return f"{self.root}/{table}" if self.is_local else f"s3://{self.root}/{table}"

    def partition_dir(self, table: str, partitions: Mapping[str, str]) -> str:
        """Where a partition's files live, Hive style (``table/key=value/…``)."""
        parts = [f"{key}={value}" for key, value in partitions.items()]
        return "/".join([self.root, table, *parts])

    def display(self, path: str) -> str:
        """A path as the user would type it (with ``s3://`` for object storage)."""
        return path if self.is_local or path.startswith("s3://") else f"s3://{path}"

    def _client_options(self) -> dict[str, str] | None:
        """``storage_options`` plus timeouts and retries as the fsspec client has them, so an
        unreachable store fails in seconds (kept out of ``storage_options``: Polars refuses them)."""
        if not self.storage_options:
            return None
        return self.storage_options | {
            "connect_timeout": "5s",
            "timeout": "60s",
            "max_retries": "3",
            "retry_timeout": "60s",
        }

    @contextmanager
    def _storage(self, action: str, path: str) -> Iterator[None]:
        """Turn a storage failure into one line naming the lake, the table or file and the way out.

        A commit is atomic, so a failed one leaves the table as it was: re-running the same
        run id once the store is back completes the run.
        """
        try:
            yield
        except LakeError:
            raise
        except Exception as error:
            if self.is_local and not isinstance(error, OSError) and not _is_delta_error(error):
                raise  # a local failure that is neither the disk's nor the table's is our bug: keep its traceback
            raise LakeError(
                f"lake {self.uri}: {action} {self.display(path)} failed ({type(error).__name__}: {_one_line(error)}); "
                "nothing partial was committed; re-run the same run id once the store is reachable"
            ) from error

    def delta(self, table: str, version: int | None = None) -> DeltaTable | None:
        """The table's Delta snapshot (the latest, or ``version``); None while it has no commit."""
        deltalake = _deltalake()
        uri = self.table_uri(table)
        with self._storage("opening", uri):
            try:  # not is_deltatable(): it holds the GIL while it waits on the store
                snapshot: DeltaTable = deltalake.DeltaTable(
                    uri, version=version, storage_options=self._client_options()
                )
                return snapshot
            except deltalake.exceptions.TableNotFoundError:
                return None

    def commit(
        self,
        table: str,
        schema: pa.Schema,
        partitions: Mapping[str, str],
        run_id: str,
        data: pa.Table | Path,
        *,
        scope: Mapping[str, str] | None = None,
        row_group_rows: int | None = None,
    ) -> int:
        """Replace the rows of ``partitions``, ``scope`` and ``run_id`` with ``data`` in one commit; the new version.

        ``scope`` are columns (not partitions) that every row of the commit gets, with these
        values, and that narrow what it replaces: fetches' ``source``, so that each source of a
        run commits its own rows to the day's partition, concurrently with the others, and a
        rerun of one source replaces only that source's rows of the run.

        ``row_group_rows`` caps the Parquet row groups, for a table read by row group (the
        dedup index's signature lookups); otherwise the writer's default.

        ``data`` is a table or a finished local Parquet file of ``schema`` (streamed in
        batches, then deleted). Every stored row carries ``run_id`` (a schema without the
        column, like the dedup index's, gets it). No rows removes what the run
        wrote there before. The table is created on first use (two writers racing to create
        it both succeed); commits that conflict with another writer's are retried.
        """
        deltalake = _deltalake()
        uri = self.table_uri(table)
        stored = delta_schema(schema if "run_id" in schema.names else schema.append(pa.field("run_id", pa.string())))
        added = {**(scope or {}), **partitions}  # the scope's columns, then the partitions', each row the same value
        full = pa.schema([*stored, *(pa.field(key, pa.string()) for key in added)])
        with self._storage("committing to", uri):
            snapshot = self._open_or_create(table, full, list(partitions))  # loaded once, updated by the write
            if (layout := list(snapshot.metadata().partition_columns)) != list(partitions):
                raise LakeError(
                    f"lake {self.uri}: table {table} is partitioned by {', '.join(layout) or 'nothing'}, "
                    f"this version writes it by {', '.join(partitions) or 'nothing'} (an earlier version's lake); "
                    "run `newslake check-lake` and convert the lake as it says"
                )
            predicate = " AND ".join(f"{key} = {_quote(value)}" for key, value in {**added, "run_id": run_id}.items())
            properties = deltalake.CommitProperties(
                custom_metadata={"run_id": run_id, "newslake_version": _newslake_version()},
                max_commit_retries=COMMIT_ATTEMPTS,
            )

            def write() -> None:
                deltalake.write_deltalake(
                    snapshot,
                    pa.RecordBatchReader.from_batches(full, _stored_batches(data, stored, added, run_id)),
                    mode="overwrite",
                    predicate=predicate,
                    partition_by=list(partitions),
                    schema_mode="merge",
                    storage_options=self._client_options(),
                    commit_properties=properties,
                    writer_properties=writer_properties(row_group_rows),
                )

            def reload() -> None:
                nonlocal snapshot
                snapshot = self._open_or_create(table, full, list(partitions))  # the other writer's commit

            retry_commits(write, reload)
            if not isinstance(data, pa.Table):
                Path(data).unlink(missing_ok=True)
            version: int = snapshot.version()
            return version

    def _open_or_create(self, table: str, full: pa.Schema, partition_by: list[str]) -> DeltaTable:
        """The table, created if it has no commit yet; a writer that lost the race to create it opens it."""
        existing = self.delta(table)
        if existing is not None:
            return existing
        deltalake = _deltalake()
        try:
            created: DeltaTable = deltalake.DeltaTable.create(
                self.table_uri(table),
                schema=full,
                mode="ignore",
                partition_by=partition_by or None,
                configuration=TABLE_PROPERTIES,
                storage_options=self._client_options(),
                raise_if_key_not_exists=False,
            )
        except Exception:
            raced = self.delta(table)
            if raced is None:
                raise
            return raced
        return created

    def repartition(self, table: str, partition_by: list[str]) -> int:
        """Rewrite the table partitioned by ``partition_by``, in one commit; the number of files rewritten
        (0 when it is partitioned so already, or does not exist).

        For a layout change between schema versions (fetches by ``source`` and ``dt`` became
        ``dt`` alone): a partition column that stays a column keeps its values. The writer keeps
        no row order (convert-lake sorts each day afterwards) and holds one unfinished file per
        new partition in memory until the commit, so files are cut at ``REPARTITION_FILE_BYTES``;
        maintenance merges them later. The old files stay readable through the earlier version
        until vacuum.
        """
        snapshot = self.delta(table)
        if snapshot is None or list(snapshot.metadata().partition_columns) == partition_by:
            return 0
        schema = pa.schema(snapshot.schema().to_arrow())
        files = self.files(table)
        with self._storage("rewriting", self.table_uri(table)):
            _deltalake().write_deltalake(
                snapshot,
                pa.RecordBatchReader.from_batches(schema, self._with_partition_columns(files, schema)),
                mode="overwrite",
                schema_mode="overwrite",
                partition_by=partition_by,
                target_file_size=REPARTITION_FILE_BYTES,
                storage_options=self._client_options(),
                writer_properties=writer_properties(),
                commit_properties=_deltalake().CommitProperties(
                    custom_metadata={"newslake_version": _newslake_version()}
                ),
            )
        return len(files)

    def _with_partition_columns(self, files: list[str], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
        """Every file's rows as ``schema``, the partition values its path holds as columns."""
        for path in files:
            values = partition_values(path)
            for batch in self.iter_batches(path, batch_size=COMMIT_BATCH):
                arrays = [
                    batch.column(f.name).cast(f.type)
                    if f.name in batch.schema.names
                    else pa.array([values.get(f.name)] * batch.num_rows, f.type)
                    for f in schema
                ]
                yield pa.RecordBatch.from_arrays(arrays, schema=schema)

    def mark_schema_version(self, table: str) -> str | None:
        """Set the table's ``newslake.schema_version`` to this version's (and the other
        ``TABLE_PROPERTIES``); the earlier version, None when it was this version's already (or
        the table does not exist)."""
        snapshot = self.delta(table)
        if snapshot is None:
            return None
        earlier: str | None = snapshot.metadata().configuration.get(SCHEMA_VERSION_PROPERTY)
        if earlier == str(SCHEMA_VERSION):
            return None
        with self._storage("updating", self.table_uri(table)):
            snapshot.alter.set_table_properties(TABLE_PROPERTIES, raise_if_not_exists=False)
        return earlier or "none"

    def files(
        self,
        table: str,
        partitions: Mapping[str, str] | None = None,
        run_id: str | None = None,
        where: Mapping[str, str] | None = None,
    ) -> list[str]:
        """Active data files of the table's current snapshot (paths for ``fs``), in partition then name order.

        Only files in ``partitions`` and, with ``run_id`` or ``where`` (column values such as
        fetches' ``source``), only files whose statistics say they may hold such rows (a file
        holds other runs' and sources' rows too once compacted: read with the same ``run_id``
        and ``where`` to keep only those rows).
        """
        snapshot = self.delta(table)
        if snapshot is None:
            return []
        with self._storage("listing", self.table_uri(table)):
            actions = pa.table(snapshot.get_add_actions(flatten=True))
        if not actions.num_rows:
            return []
        names = set(actions.column_names)
        keep = pa.array([True] * actions.num_rows, pa.bool_())
        for key, value in (partitions or {}).items():
            column = f"partition.{key}"
            if column not in names:
                return []
            keep = pc.and_(keep, pc.equal(actions[column], value))
        values = {**(where or {}), **({"run_id": run_id} if run_id is not None else {})}
        for key, value in values.items():
            if {f"min.{key}", f"max.{key}"} <= names:
                low = pc.fill_null(pc.less_equal(actions[f"min.{key}"], value), True)
                high = pc.fill_null(pc.greater_equal(actions[f"max.{key}"], value), True)
                keep = pc.and_(keep, pc.and_(low, high))
        kept = actions.filter(pc.fill_null(keep, False))
        partition_columns = sorted(c for c in kept.column_names if c.startswith("partition."))
        rows = zip(
            *(kept[c].to_pylist() for c in partition_columns),
            kept["path"].to_pylist(),
            strict=True,
        )
        root = f"{self.root}/{table}"
        return [f"{root}/{unquote(row[-1])}" for row in sorted(rows, key=lambda r: tuple(str(v) for v in r))]

    def read(
        self,
        schema: pa.Schema,
        files: list[str],
        columns: list[str] | None = None,
        run_id: str | None = None,
        exclude_run: str | None = None,
        where: Mapping[str, str] | None = None,
    ) -> pa.Table:
        """Rows of ``files`` as ``schema`` (or its ``columns``); only ``run_id``'s, or all but ``exclude_run``'s,
        and only those whose columns have the ``where`` values (columns of the table, in ``schema`` or not)."""
        wanted = schema if columns is None else pa.schema([schema.field(c) for c in columns])
        tables = []
        for path in files:
            with self._storage("reading", path):
                tables.append(self._read_file(path, wanted, run_id, exclude_run, where or {}))
        return pa.concat_tables(tables) if tables else wanted.empty_table()

    def _read_file(
        self, path: str, wanted: pa.Schema, run_id: str | None, exclude_run: str | None, where: Mapping[str, str]
    ) -> pa.Table:
        """One file's ``wanted`` columns of the rows asked for; a column added to the schema after the file
        was written reads as nulls. A file without a ``where`` column is of a table written in an earlier
        layout (fetches partitioned by ``source``): refused, as its rows cannot be told apart."""
        with self.fs.open(path, "rb") as handle:
            parquet = pq.ParquetFile(handle)
            present = set(parquet.schema_arrow.names)
            if missing := sorted(set(where) - present):
                raise LakeError(
                    f"lake {self.uri}: {self.display(path)} has no column {missing[0]} (a table of an earlier "
                    "version's layout); run `newslake check-lake` and convert the lake as it says"
                )
            names = [name for name in wanted.names if name in present]
            filtered = [*where, *(["run_id"] if run_id is not None or exclude_run is not None else [])]
            extra = [name for name in filtered if name not in names and name in present]
            table = parquet.read(columns=names + extra)
        condition = _row_filter(run_id, exclude_run, where)
        if condition is not None:
            table = table.filter(condition)
        columns = [
            _restore(table[f.name], f.type) if f.name in present else pa.nulls(table.num_rows, f.type) for f in wanted
        ]
        return pa.Table.from_arrays(columns, schema=wanted)

    def iter_rows(
        self, path: str, columns: list[str] | None = None, batch_size: int = 64, run_id: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Rows of one file (only ``run_id``'s when given), a batch at a time: large bodies never sit together.

        Plain dicts: the reader serves every table and any projection of one; a caller that
        knows the table types what it takes (as the dedup stage does with its key rows).
        """
        for batch in self.iter_batches(path, columns, batch_size, run_id):
            yield from batch.to_pylist()

    def iter_batches(
        self, path: str, columns: list[str] | None = None, batch_size: int = 64, run_id: str | None = None
    ) -> Iterator[pa.RecordBatch]:
        """Record batches of one file, ``batch_size`` rows at a time (only ``run_id``'s rows when given).

        ``pre_buffer`` off: with it, reading a 200 MB file batch by batch held ~250 MB more
        than reading it a row group at a time, growing with the file.
        """
        read = columns if run_id is None or columns is None or "run_id" in columns else [*columns, "run_id"]
        with self._storage("reading", path), self.fs.open(path, "rb") as handle:
            for batch in pq.ParquetFile(handle, pre_buffer=False).iter_batches(batch_size=batch_size, columns=read):
                if run_id is None:
                    yield batch
                    continue
                kept = batch.filter(pc.equal(batch["run_id"], run_id))
                if kept.num_rows:
                    yield kept if read is columns or columns is None else kept.select(columns)


def delta_schema(schema: pa.Schema) -> pa.Schema:
    """``schema`` as a Delta table stores it: Delta has no unsigned integers, fixed-size or large types.

    ``uint64`` becomes ``int64`` with the same bits, fixed-size and large binary plain binary,
    large strings plain strings; :meth:`Lake.read` casts back.
    """
    return pa.schema([pa.field(f.name, _stored_type(f.type), f.nullable, f.metadata) for f in schema])


def _stored_type(kind: pa.DataType) -> pa.DataType:
    mapping: dict[Callable[[pa.DataType], bool], Callable[[pa.DataType], pa.DataType]] = {
        pa.types.is_uint64: lambda _: pa.int64(),
        pa.types.is_uint32: lambda _: pa.int64(),
        pa.types.is_uint16: lambda _: pa.int32(),
        pa.types.is_uint8: lambda _: pa.int16(),
        pa.types.is_fixed_size_binary: lambda _: pa.binary(),
        pa.types.is_large_binary: lambda _: pa.binary(),
        pa.types.is_large_string: lambda _: pa.string(),
    }
    for test, stored in mapping.items():
        if test(kind):
            return stored(kind)
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        value = kind.value_field
        return pa.list_(pa.field(value.name, _stored_type(value.type), value.nullable))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _stored_type(f.type), f.nullable) for f in kind])
    if pa.types.is_map(kind):
        return pa.map_(_stored_type(kind.key_type), _stored_type(kind.item_type))
    return kind


def _restore(column: pa.ChunkedArray, kind: pa.DataType) -> pa.ChunkedArray:
    """A stored column cast back to its Arrow type (an unsigned integer from its signed bits)."""
    return column if column.type == kind else column.cast(kind, safe=False)


def _stored_batches(
    data: pa.Table | Path, stored: pa.Schema, added: Mapping[str, str], run_id: str
) -> Iterator[pa.RecordBatch]:
    """``data`` in its stored types, every row's ``run_id`` set, the scope and partition columns added, by batch."""
    if isinstance(data, pa.Table):
        batches: Iterator[pa.RecordBatch] = iter(data.to_batches(max_chunksize=COMMIT_BATCH))
    else:
        batches = pq.ParquetFile(data).iter_batches(batch_size=COMMIT_BATCH)
    for batch in batches:
        arrays = [
            pa.array([run_id] * batch.num_rows, pa.string())
            if f.name == "run_id"
            else batch.column(f.name).cast(f.type, safe=False)
            for f in stored
        ]
        arrays += [pa.array([value] * batch.num_rows, pa.string()) for value in added.values()]
        names = [*stored.names, *added]
        yield pa.RecordBatch.from_arrays(arrays, names=names)


def _row_filter(run_id: str | None, exclude_run: str | None, where: Mapping[str, str]) -> pc.Expression | None:
    clauses = [pc.field(key) == value for key, value in where.items()]
    if run_id is not None:
        clauses.append(pc.field("run_id") == run_id)
    elif exclude_run is not None:
        clauses.append((pc.field("run_id") != exclude_run) | pc.field("run_id").is_null())
    return reduce(operator.and_, clauses) if clauses else None


def _one_line(error: Exception) -> str:
    """The error's message on one line: Delta's store errors come as an indented, coloured chain of causes."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).replace("↳", ":")
    return " ".join(text.split())


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _is_delta_error(error: Exception) -> bool:
    return type(error).__module__.startswith("deltalake") or type(error).__name__ in {"DeltaError", "CommitFailedError"}


@cache
def _newslake_version() -> str:
    return package_version("newslake")


_DELTALAKE_PID: list[int] = []


def _deltalake() -> Any:
    """The ``deltalake`` module, refused in a process forked from one that already used it.

    ``deltalake`` panics there (its runtime's threads do not survive a fork): a worker
    forked after the parent touched the lake must leave the lake to the parent.
    """
    pid = os.getpid()
    if _DELTALAKE_PID and _DELTALAKE_PID[0] != pid:
        raise LakeError(
            "the lake cannot be used from a process forked after its parent used it; "
            "hand rows back to the parent or start the process with spawn"
        )
    import deltalake  # noqa: PLC0415 - loaded on first use: a process that never commits never starts its runtime

    if not _DELTALAKE_PID:
        _DELTALAKE_PID.append(pid)
    return deltalake


def storage_options_from_env(endpoint: str | None) -> dict[str, str]:
    """Delta's S3 options from the ``AWS_*`` environment, taken as boto3 takes it.

    Commits use S3's conditional writes (``If-None-Match``, on AWS since 2024 and on MinIO),
    so concurrent writers need no lock table.
    """
    options = {"AWS_CONDITIONAL_PUT": "etag"}
    if endpoint:
        options["AWS_ENDPOINT_URL"] = endpoint
        if endpoint.startswith("http://"):
            options["AWS_ALLOW_HTTP"] = "true"
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if region:
        options["AWS_REGION"] = region
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        if os.environ.get(key):
            options[key] = os.environ[key]
    return options


def open_lake(uri: str | None = None, fs: Any = None) -> Lake:
    """Open the lake at ``uri`` (default ``./lake``) and check that it can be reached."""
    uri = uri or "./lake"
    if uri.startswith("s3://"):
        return _open_s3(uri, fs)
    if "://" in uri and not uri.startswith("file://"):
        raise LakeError(f"lake {uri!r}: only a local folder or s3://bucket/prefix is supported")
    root = Path(uri.removeprefix("file://")).resolve()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LakeError(f"lake {uri}: cannot create the folder ({error.strerror}); pass another --lake") from None
    return Lake(uri=str(root), fs=fs or LocalFileSystem(), root=str(root))


def _open_s3(uri: str, fs: Any) -> Lake:
    root = uri.removeprefix("s3://").rstrip("/")
    bucket = root.split("/", 1)[0]
    if fs is None:
        fs = fsspec.filesystem(
            "s3",
            skip_instance_cache=True,
            config_kwargs={"connect_timeout": 5, "read_timeout": 60, "retries": {"max_attempts": 3}},
        )
    configured = os.environ.get("AWS_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL_S3")
    endpoint = configured or "AWS"
    try:
        fs.info(bucket)  # not exists(): s3fs answers False for every error, unreachable included
    except FileNotFoundError:
        raise LakeError(
            f"lake {uri}: bucket '{bucket}' does not exist at {endpoint}; create it or fix NEWSLAKE_LAKE"
        ) from None
    except Exception as error:  # any other client error means the same thing to the user
        raise LakeError(
            f"lake {uri}: cannot reach the object store at {endpoint} ({type(error).__name__}: {error}); "
            "check AWS_ENDPOINT_URL and the AWS credentials"
        ) from None
    return Lake(uri=uri, fs=fs, root=root, storage_options=storage_options_from_env(configured))
