"""The ``newslake`` command.

Every command ends with a short summary and the paths it wrote. Mistakes a user can make
(bad sources file, unreachable lake, missing page) end in one line naming the thing and the
fix, with a non-zero exit; a run that completed exits 0 even when some URLs were rejected.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newslake.pipeline import (
    OPTIONS,
    Run,
    RunOptions,
    RunReport,
    crawl_sites,
    describe_counts,
    duckdb_hint,
    plan,
    run_pipeline,
)
from transforms.edge.dedup_file import DedupFileError, cluster_parquet
from transforms.edge.lake import Lake, LakeError, open_lake
from transforms.edge.settings import lake_uri, sources_path
from transforms.edge.sources_file import load_sources
from transforms.edge.stages import dedup_stage, process_stage
from transforms.edge.versions import package_version
from transforms.encoding import decode_body
from transforms.extract import NotArticle, Page, extract
from transforms.layout import partition_values
from transforms.schemas import FETCHES
from transforms.sources import SourcesError, SourcesFile
from transforms.warc import response_record as warc_response_record
from transforms.warc import warcinfo_record

EXIT_INCOMPLETE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called; the message says the fix."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``newslake`` console script."""
    args = _parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except (SourcesError, LakeError, UsageError) as error:
        print(f"newslake: {error}", file=sys.stderr)
        return EXIT_USAGE
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newslake", description="Crawl news sources into a Parquet lake.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, handler: Any, help_text: str, *, run: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if run:
            sub.add_argument(
                "--sources",
                default=sources_path(),
                help="sources file (default: $NEWSLAKE_SOURCES or ./sources.yaml)",
            )
            sub.add_argument(
                "--lake",
                default=lake_uri(),
                help="lake folder or s3://bucket/prefix (default: $NEWSLAKE_LAKE or ./lake)",
            )
            sub.add_argument("--run-id", help="run id; re-using one replaces that run's files (default: a new id)")
            sub.add_argument("--dt", help="the run's logical date YYYY-MM-DD (default: today in UTC)")
        return sub

    run = command("run", _run, "the whole pipeline: crawl, process, dedup, publish, then each source's health")
    crawl = command("crawl", _crawl, "only crawl: store raw fetches in the lake")
    _run_options(run, [option.name for option in OPTIONS])
    _run_options(crawl, ["sources", "max_pages", "recrawl"])
    command("process", _process, "extract articles from a run's stored fetches")
    dedup = command("dedup", _dedup, "mark duplicates of a run's extracted articles, or cluster a Parquet file")
    _run_options(dedup, ["history_days"])
    dedup.add_argument("--input", type=Path, metavar="FILE.parquet", help="cluster this Parquet file instead of a run")
    dedup.add_argument("--out", type=Path, metavar="OUT.parquet", help="where --input's clustered copy is written")
    dedup.add_argument("--text-column", default="text", help="the column holding the texts (default: text)")
    dedup.add_argument("--id-column", help="a column naming each row (default: the row number)")
    dedup.add_argument("--time-column", help="a timestamp column; the earliest copy is canonical (default: file order)")
    extract_cmd = command("extract", _extract, "extract one saved page and print it as JSON", run=False)
    extract_cmd.add_argument("path", help="a saved page (HTML, JSON or text)")
    extract_cmd.add_argument(
        "--url", help="the URL the page was fetched from (optional; without it nothing is read from the address)"
    )
    extract_cmd.add_argument("--content-type", help="the Content-Type header it was served with")
    extract_cmd.add_argument("--timezone", help="IANA timezone for dates without an offset")
    extract_cmd.add_argument(
        "--source", metavar="ID", help="extract as this source would: its timezone, language and extract: rules"
    )
    extract_cmd.add_argument(
        "--sources",
        default=sources_path(),
        help="sources file for --source (default: $NEWSLAKE_SOURCES or ./sources.yaml)",
    )
    warc = command("export-warc", _export_warc, "write a run's stored responses as a WARC/1.1 file", run=False)
    warc.add_argument("--lake", default=lake_uri(), help="lake folder or s3://…")
    warc.add_argument("--run-id", required=True, help="the run whose fetches to export")
    warc.add_argument("--out", required=True, help="the file to write, e.g. run.warc.gz")
    demo = command("demo", _demo, "serve the bundled sample site on 127.0.0.1 and run the pipeline on it", run=False)
    demo.add_argument("--lake", default="./lake", help="where to write (default ./lake)")
    demo.add_argument(
        "--port",
        type=int,
        help="port for the sample site (default: NEWSLAKE_DEMO_PORT, else 8765; the same port each time keeps "
        "its URLs, so a second demo refetches nothing)",
    )
    demo.add_argument("--serve", action="store_true", help="only serve the site until interrupted")
    compact = command("compact", _compact, "compact closed days, drop expired fetch bodies, vacuum the lake", run=False)
    compact.add_argument("--lake", default=lake_uri(), help="the lake to maintain (default: $NEWSLAKE_LAKE or ./lake)")
    report = command("report", _report, "write an HTML report with plots of what the lake holds", run=False)
    report.add_argument("--lake", default=lake_uri(), help="the lake to report on")
    report.add_argument("--run-id", help="head the report with this run's counts")
    report.add_argument("--out", type=Path, help="write here (default: the lake's reports/dt=<today>/ folder)")
    check = command(
        "check-lake", _check_lake, "check that every lake table is a Delta table of the expected columns", run=False
    )
    check.add_argument("lake", nargs="?", default=lake_uri(), help="the lake (default: $NEWSLAKE_LAKE or ./lake)")
    convert = command(
        "convert-lake",
        _convert_lake,
        "turn a lake of plain Parquet files (earlier versions) into Delta tables",
        run=False,
    )
    convert.add_argument("lake", nargs="?", default=lake_uri(), help="the lake (default: $NEWSLAKE_LAKE or ./lake)")
    return parser


_OPTION_ARGUMENTS: dict[str, dict[str, Any]] = {
    "sources": {"dest": "only", "action": "append", "default": [], "metavar": "SOURCE_ID"},  # --sources: the file
    "max_pages": {"type": int, "metavar": "N"},
    "recrawl": {"action": "store_true"},
    "since": {"type": date.fromisoformat, "metavar": "YYYY-MM-DD"},
    "history_days": {"type": int, "metavar": "N"},
}
"""How each run option (:data:`newslake.pipeline.OPTIONS`) is typed on the command line."""


def _run_options(command: argparse.ArgumentParser, names: list[str]) -> None:
    for option in OPTIONS:
        if option.name in names:
            arguments = {"dest": option.name, "help": option.help} | _OPTION_ARGUMENTS[option.name]
            command.add_argument(option.flag, **arguments)


def _open(args: argparse.Namespace) -> tuple[SourcesFile, Lake, str, str]:
    sources = load_sources(args.sources)
    lake = open_lake(args.lake)
    now = datetime.now(UTC)
    run_id = args.run_id or f"manual__{now:%Y-%m-%dT%H%M%SZ}"
    return sources, lake, run_id, args.dt or _dt_of_run(lake, run_id) or now.date().isoformat()


def _dt_of_run(lake: Lake, run_id: str) -> str | None:
    """The logical date a run's fetches were stored under, so later stages find them."""
    dates = {
        partition_values(path).get("dt")
        for path in lake.files("fetches", run_id=run_id)
        if lake.read(FETCHES, [path], columns=["run_id"], run_id=run_id).num_rows
    }
    if len(dates) > 1:
        raise UsageError(
            f"run {run_id} has fetches under several dates ({', '.join(sorted(map(str, dates)))}); pass --dt"
        )
    return dates.pop() if dates else None


def _options(args: argparse.Namespace) -> RunOptions:
    dest = {option.name: _OPTION_ARGUMENTS[option.name].get("dest", option.name) for option in OPTIONS}
    return RunOptions.from_values({name: getattr(args, dest[name], None) for name in dest})


def _run(args: argparse.Namespace) -> int:
    sources, lake, run_id, dt = _open(args)
    print(f"newslake run {run_id} (dt {dt}) into {lake.uri}")
    report = run_pipeline(sources, lake, run_id, dt, _options(args))
    _print_summary(report, lake)
    return EXIT_INCOMPLETE if report.failed_sources else 0


def _crawl(args: argparse.Namespace) -> int:
    sources, lake, run_id, dt = _open(args)
    print(f"newslake crawl {run_id} (dt {dt}) into {lake.uri}")
    options = _options(args)
    results = crawl_sites(Run(sources, lake, run_id, dt), plan(sources, options), options)
    print(f"next: newslake process --run-id {run_id} --lake {lake.uri}")
    return 0 if all(result.ok for result in results) else EXIT_INCOMPLETE


def _process(args: argparse.Namespace) -> int:
    if not args.run_id:
        raise UsageError("process needs --run-id: the run whose fetches to process")
    sources, lake, run_id, dt = _open(args)
    result = process_stage(lake, sources, run_id, dt)
    print(f"process  {describe_counts(result.counts)}")
    for path in result.files:
        print(f"  {lake.display(path)}")
    return 0


def _dedup(args: argparse.Namespace) -> int:
    if args.input:
        return _dedup_file(args)
    if not args.run_id:
        raise UsageError("dedup needs --run-id: the run whose articles to mark")
    lake = open_lake(args.lake)
    dt = args.dt or _dt_of_run(lake, args.run_id) or datetime.now(UTC).date().isoformat()
    result = dedup_stage(lake, args.run_id, dt, args.history_days)
    print(f"dedup    {describe_counts(result.counts)}")
    for path in result.files:
        print(f"  {lake.display(path)}")
    return 0


def _dedup_file(args: argparse.Namespace) -> int:
    if not args.out:
        raise UsageError("dedup --input needs --out: where to write the clustered file")
    try:
        found = cluster_parquet(args.input, args.out, args.text_column, args.id_column, args.time_column)
    except DedupFileError as error:
        raise UsageError(str(error)) from None
    print(f"dedup    rows {found.rows}, clusters {found.clusters}, exact {found.exact}, near {found.near}")
    print(f"  {args.out}")
    return 0


def _check_url(url: str) -> None:
    """The extractor reads the address's host and path (a day in the path, the country's zone):
    an address that does not parse would fail deep inside it, far from the flag that gave it."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port out of range is only found when read
    except ValueError as error:
        raise UsageError(
            f"--url {url!r}: not an address ({error}); give the page's full URL or leave --url out"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--url {url!r}: not an http(s) address; give the page's full URL or leave --url out")


def _extract(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if args.url is not None:
        _check_url(args.url)
    source = load_sources(args.sources).get(args.source) if args.source else None
    decoded = decode_body(path.read_bytes(), args.content_type)
    page = Page(
        url=args.url,
        body=decoded.text,
        fetched_at=datetime.now(UTC),
        content_type=args.content_type,
        source_timezone=args.timezone or (source.timezone if source else None),
        source_language=source.language if source else None,
        rules=source.extract if source else None,
    )
    result = extract(page)
    if isinstance(result, NotArticle):
        print(json.dumps({"not_article": result.reason, "detail": result.detail}, ensure_ascii=False))
        return EXIT_INCOMPLETE
    fields = {
        "url": args.url,
        "title": result.title,
        "text": result.text,
        "published_at": result.published_at.isoformat() if result.published_at else None,
        "date_source": result.date_source,
        "timezone_inferred": result.timezone_inferred,
        "modified_at": result.modified_at.isoformat() if result.modified_at else None,
        "authors": list(result.authors),
        "credited_source": result.credited_source,
        "editor": result.editor,
        "language": result.language,
        "canonical_url": result.canonical_url,
        "site_name": result.site_name,
        "image_url": result.image_url,
        "source_rules": dict(result.source_rules) or None,
        "encoding": decoded.used,
    }
    print(json.dumps(fields, ensure_ascii=False, indent=2))
    return 0


def _report(args: argparse.Namespace) -> int:
    from newslake.report import read_report_data, render, write_report  # noqa: PLC0415 - only this command

    lake = open_lake(args.lake)
    now = datetime.now(UTC)
    if args.out:
        html = render(read_report_data(lake, args.run_id), lake_uri=lake.uri, generated_at=now, run_id=args.run_id)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(html, "utf-8")
        path = str(args.out)
    else:
        path, _ = write_report(lake, now, run_id=args.run_id, dt=_dt_of_run(lake, args.run_id) if args.run_id else None)
        path = lake.display(path)
    print(f"report   {path}")
    return 0


def _compact(args: argparse.Namespace) -> int:
    from transforms.edge.maintenance import maintain  # noqa: PLC0415 - only this command
    from transforms.edge.settings import SettingError, maintenance_policy  # noqa: PLC0415

    try:
        policy = maintenance_policy()
    except SettingError as error:
        raise UsageError(str(error)) from None
    summary = maintain(open_lake(args.lake), policy)
    print(f"compact  {args.lake}")
    for line in summary.lines():
        print(f"  {line}")
    print(f"  {summary.seconds:.2f} s")
    return 0


def _export_warc(args: argparse.Namespace) -> int:
    lake = open_lake(args.lake)
    files = lake.files("fetches", run_id=args.run_id)
    if not files:
        raise UsageError(f"run {args.run_id} has no fetches in {lake.uri} (check --run-id and --lake)")
    out = Path(args.out)
    partial = out.with_name(out.name + ".part")
    written = skipped = 0
    with partial.open("wb") as sink:  # written aside and renamed, so a half-written file never looks done
        sink.write(warcinfo_record(f"newslake {package_version('newslake')}", out.name, datetime.now(UTC)))
        for path in files:
            for fetch in lake.iter_rows(path, run_id=args.run_id):
                record = warc_response_record(fetch)
                if record is None:
                    skipped += 1
                    continue
                sink.write(record)
                written += 1
    partial.replace(out)
    print(f"export-warc  {written} responses ({skipped} fetches without a response left out)")
    print(f"  {out}")
    return 0


def _check_lake(args: argparse.Namespace) -> int:
    from transforms.edge.lake_check import TABLES, check_lake  # noqa: PLC0415 - only this command

    lake = open_lake(args.lake)
    problems = check_lake(lake)
    for problem in problems:
        print(f"check-lake: {problem}", file=sys.stderr)
    if problems:
        return EXIT_INCOMPLETE
    print(f"check-lake {lake.uri}: {len(TABLES)} tables checked, all Delta tables of the expected columns")
    return 0


def _convert_lake(args: argparse.Namespace) -> int:
    from transforms.edge.lake_convert import convert_lake  # noqa: PLC0415 - only this command

    lake = open_lake(args.lake)
    converted = convert_lake(lake)
    print(f"convert-lake {lake.uri}: {sum(converted.values())} files in {len(converted)} tables converted")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from newslake.demo import run_demo, serve_forever  # noqa: PLC0415 - only the demo needs the site

    if args.serve:
        return serve_forever(args.port)
    return run_demo(args.lake, args.port)


def _print_summary(report: RunReport, lake: Lake) -> None:
    print()
    failed = report.failed_sources
    total = sum(len(crawl.source_ids) for crawl in report.crawls)
    print(f"run {report.run_id}: {total - len(failed)} of {total} sources crawled ({len(report.crawls)} sites)")
    for source_id in failed:
        print(f"  source {source_id} FAILED: see the crawl line above")
    print("wrote:")
    for path in report.outputs:
        print(f"  {lake.display(path)}")
    if lake.is_local:
        print("read the stories (one canonical row per story; drop the WHERE for every copy) with DuckDB:")
        print(f"  {duckdb_hint(lake.uri)}")


if __name__ == "__main__":
    sys.exit(main())
