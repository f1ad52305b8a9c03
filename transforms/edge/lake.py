"""Lake I/O: the one module that reads and writes the Parquet tables.

The lake is a folder or an ``s3://bucket/prefix``; both are reached through fsspec, so the
same code writes to a laptop, to MinIO and to AWS, and inside Airflow a filesystem built from
an Airflow connection can be passed in. Each writer owns one file per run and partition with
a deterministic name, written atomically (a temporary file renamed into place locally, a
single completed upload on S3), so re-running a run replaces its files and never duplicates
rows, and a reader never sees half a file.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from transforms.layout import run_key


class LakeError(RuntimeError):
    """The lake cannot be used; the message names it and what to check."""


@dataclass(frozen=True)
class Lake:
    """A lake root on some filesystem."""

    uri: str
    fs: Any
    root: str

    @property
    def is_local(self) -> bool:
        """True for a folder on this machine."""
        return isinstance(self.fs, LocalFileSystem)

    def partition_dir(self, table: str, partitions: Mapping[str, str]) -> str:
        """Where a partition's files live, Hive style (``table/key=value/…``)."""
        parts = [f"{key}={value}" for key, value in partitions.items()]
        return "/".join([self.root, table, *parts])

    def display(self, path: str) -> str:
        """A path as the user would type it (with ``s3://`` for object storage)."""
        return path if self.is_local else f"s3://{path}"

    @contextmanager
    def _storage(self, action: str, path: str) -> Iterator[None]:
        """Turn a storage failure into one line naming the lake, the file and the way out.

        Writes are atomic, so a failed one leaves no partial file behind: re-running the same
        run id once the store is back completes the run.
        """
        try:
            yield
        except LakeError:
            raise
        except Exception as error:
            if self.is_local and not isinstance(error, OSError):
                raise  # a local failure that is not the disk's is our bug: keep its traceback
            raise LakeError(
                f"lake {self.uri}: {action} {self.display(path)} failed ({type(error).__name__}: {error}); "
                "nothing partial was written; re-run the same run id once the store is reachable"
            ) from error

    def write(self, table: str, partitions: Mapping[str, str], name: str, data: pa.Table) -> str:
        """Write ``data`` as ``name``.parquet in the partition, replacing any earlier file of that name."""
        target = f"{self.partition_dir(table, partitions)}/{name}.parquet"
        with self._storage("writing", target):
            self._write(target, data)
        return target

    def _write(self, target: str, data: pa.Table) -> None:
        if self.is_local:
            with _atomic_local(target) as temporary:
                pq.write_table(data, temporary, compression="zstd")
        else:
            with self.fs.open(target, "wb") as handle:
                pq.write_table(data, handle, compression="zstd")

    def put(self, table: str, partitions: Mapping[str, str], name: str, local_file: Path) -> str:
        """Move a finished local Parquet file into the lake as ``name``.parquet, atomically."""
        target = f"{self.partition_dir(table, partitions)}/{name}.parquet"
        with self._storage("uploading", target):
            self._put(target, local_file)
        return target

    def _put(self, target: str, local_file: Path) -> None:
        if self.is_local:
            with _atomic_local(target) as temporary:
                shutil.move(local_file, temporary)
        else:
            self.fs.put_file(str(local_file), target)

    def files(self, table: str, run_id: str | None = None, partitions: Mapping[str, str] | None = None) -> list[str]:
        """Parquet files of a table, optionally only one run's and only matching partitions."""
        base = f"{self.root}/{table}"
        with self._storage("listing", base):
            found = sorted(str(p) for p in self.fs.find(base) if str(p).endswith(".parquet"))
        if run_id is not None:
            found = [p for p in found if _file_run(p) == run_key(run_id)]
        if partitions:
            found = [p for p in found if all(f"/{k}={v}/" in p for k, v in partitions.items())]
        return found

    def read(self, schema: pa.Schema, files: list[str], columns: list[str] | None = None) -> pa.Table:
        """Read files into one table of ``schema`` (or its ``columns``); no files gives no rows."""
        wanted = schema if columns is None else pa.schema([schema.field(c) for c in columns])
        tables = []
        for path in files:
            with self._storage("reading", path):
                tables.append(self._read_file(path, wanted))
        return pa.concat_tables(tables) if tables else wanted.empty_table()

    def _read_file(self, path: str, wanted: pa.Schema) -> pa.Table:
        """One file's ``wanted`` columns; a column added to the schema after the file was written reads as nulls."""
        try:
            return pq.read_table(path, filesystem=self.fs, columns=wanted.names).cast(wanted)
        except pa.ArrowInvalid:
            present = set(pq.read_schema(path, filesystem=self.fs).names)
            if present >= set(wanted.names):
                raise
        table = pq.read_table(path, filesystem=self.fs, columns=[name for name in wanted.names if name in present])
        columns = [
            table[field.name] if field.name in present else pa.nulls(table.num_rows, field.type) for field in wanted
        ]
        return pa.Table.from_arrays(columns, schema=wanted)

    def iter_rows(self, path: str, columns: list[str] | None = None, batch_size: int = 64) -> Iterator[dict[str, Any]]:
        """Rows of one file, a batch at a time, so large bodies never sit in memory together.

        Plain dicts: the reader serves every table and any projection of one; a caller that
        knows the table types what it takes (as the dedup stage does with its key rows).
        """
        for batch in self.iter_batches(path, columns, batch_size):
            yield from batch.to_pylist()

    def iter_batches(
        self, path: str, columns: list[str] | None = None, batch_size: int = 64
    ) -> Iterator[pa.RecordBatch]:
        """Record batches of one file, ``batch_size`` rows at a time.

        ``pre_buffer`` off: with it, reading a 200 MB file batch by batch held ~250 MB more
        than reading it a row group at a time, growing with the file.
        """
        with self._storage("reading", path), self.fs.open(path, "rb") as handle:
            yield from pq.ParquetFile(handle, pre_buffer=False).iter_batches(batch_size=batch_size, columns=columns)


@contextmanager
def _atomic_local(target: str) -> Iterator[str]:
    """A temporary path beside ``target`` to fill; renamed onto ``target`` when the block succeeds.

    A reader sees the old file or the new one, never half of one; a failed write leaves neither
    the temporary file nor a partial target. (On object storage a single completed upload is
    atomic by itself.)
    """
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    temporary = f"{target}.tmp-{uuid.uuid4().hex}"
    try:
        yield temporary
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _file_run(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".parquet")


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
    endpoint = os.environ.get("AWS_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL_S3") or "AWS"
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
    return Lake(uri=uri, fs=fs, root=root)
