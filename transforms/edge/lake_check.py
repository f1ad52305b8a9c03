"""What ``newslake check-lake`` verifies: every table is a Delta table the readers can use.

For each table: a Delta log exists (a folder of plain Parquet files is a lake written by an
earlier version, to convert), the columns and types are the Arrow schema's as stored
(:func:`transforms.edge.lake.delta_schema`), the partition columns are the expected ones, the
schema version property is this version's, and DuckDB's ``delta_scan`` reads it. Each
problem is one line naming the table and what is wrong; a table of an earlier version (plain
Parquet, or ``fetches`` partitioned by ``source``) names the command that converts it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from transforms.dedup import INDEX_TABLE
from transforms.edge.band_index import BAND_SCHEMA, BANDS_TABLE
from transforms.edge.duck import connect
from transforms.edge.lake import SCHEMA_VERSION, SCHEMA_VERSION_PROPERTY, Lake, LakeError, delta_schema
from transforms.edge.stages import EXTRACTED_TABLE
from transforms.neardup import INDEX_SCHEMA
from transforms.schemas import ARTICLES, EXTRACTED, FETCHES, REJECTS, RUNS


@dataclass(frozen=True)
class TableSpec:
    """A lake table as this version writes it."""

    schema: pa.Schema
    partitions: tuple[str, ...]
    required: bool = True
    scope: tuple[str, ...] = ()
    """Columns each commit sets for all its rows and replaces by (``Lake.commit``'s ``scope``)."""


TABLES: dict[str, TableSpec] = {
    "fetches": TableSpec(FETCHES, ("dt",), scope=("source",)),
    "articles": TableSpec(ARTICLES, ("dt",)),
    "rejects": TableSpec(REJECTS, ("dt",)),
    "runs": TableSpec(RUNS, ("dt",)),
    INDEX_TABLE: TableSpec(INDEX_SCHEMA, ("dt",)),
    EXTRACTED_TABLE: TableSpec(EXTRACTED, ("dt",), required=False),  # working rows between stages
    # The band-key buckets of the history join, written by the first dedup run.
    BANDS_TABLE: TableSpec(pa.schema([f for f in BAND_SCHEMA if f.name != "bucket"]), ("bucket",), required=False),
}


def stored_schema(spec: TableSpec) -> pa.Schema:
    """The columns a table of ``spec`` has in Delta: the mapped Arrow schema, ``run_id``, the scope, the partitions."""
    schema = spec.schema if "run_id" in spec.schema.names else spec.schema.append(pa.field("run_id", pa.string()))
    added = [*spec.scope, *spec.partitions]
    return pa.schema([*delta_schema(schema), *(pa.field(name, pa.string()) for name in added)])


def check_lake(lake: Lake) -> list[str]:
    """One line per problem found in the lake's tables; none for a sound lake."""
    problems: list[str] = []
    duck = None
    for table, spec in TABLES.items():
        found = _check_table(lake, table, spec)
        if found is None:
            continue
        if found:
            problems.extend(found)
            continue
        try:
            duck = duck or connect(lake.uri)
            duck.sql(f"SELECT count(*) FROM delta_scan('{lake.table_uri(table)}')").fetchall()  # noqa: S608
        except Exception as error:
            problems.append(f"{table}: DuckDB's delta_scan cannot read it ({type(error).__name__}: {error})")
    return problems


def _check_table(lake: Lake, table: str, spec: TableSpec) -> list[str] | None:
    """The table's problems; None for an optional table that does not exist."""
    where = lake.display(lake.table_uri(table))
    try:
        snapshot = lake.delta(table)
    except LakeError as error:
        return [f"{table}: cannot be opened as a Delta table ({error})"]
    if snapshot is None:
        if _has_parquet(lake, table):
            return [
                f"{table}: {where} holds plain Parquet files, no Delta log (a lake of an earlier version); "
                "convert it as docs/schema.md says"
            ]
        if not spec.required:
            return None
        return [f"{table}: no Delta table at {where}; run the pipeline once or check the lake path"]
    metadata = snapshot.metadata()
    if list(metadata.partition_columns) != list(spec.partitions) and set(spec.scope) & set(metadata.partition_columns):
        partitions = ", ".join(metadata.partition_columns)
        return [
            f"{table}: partitioned by {partitions}, the layout of schema version 4; "
            f'run `newslake convert-lake {lake.uri}` (docs/schema.md, "Schema versions")'
        ]
    problems = []
    actual = pa.schema(snapshot.schema().to_arrow())
    for expected in stored_schema(spec):
        if expected.name not in actual.names:
            problems.append(f"{table}: column {expected.name} is missing (expected {expected.type})")
        elif not actual.field(expected.name).type.equals(expected.type):
            found = actual.field(expected.name).type
            problems.append(f"{table}: column {expected.name} is {found}, expected {expected.type}")
    if list(metadata.partition_columns) != list(spec.partitions):
        partitions = ", ".join(metadata.partition_columns) or "none"
        problems.append(f"{table}: partitioned by {partitions}, expected {', '.join(spec.partitions)}")
    version = metadata.configuration.get(SCHEMA_VERSION_PROPERTY)
    if version != str(SCHEMA_VERSION):
        older = version is not None and version.isdigit() and int(version) < SCHEMA_VERSION
        upgrade = f"; run `newslake convert-lake {lake.uri}`" if older else ""
        problems.append(
            f"{table}: table property {SCHEMA_VERSION_PROPERTY} is {version}, expected {SCHEMA_VERSION}{upgrade}"
        )
    return problems


def _has_parquet(lake: Lake, table: str) -> bool:
    base = f"{lake.root}/{table}"
    try:
        return any(str(path).endswith(".parquet") for path in lake.fs.find(base))
    except FileNotFoundError:
        return False
