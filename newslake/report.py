"""The run report: one self-contained HTML page with plots of what the lake holds.

Plots are inline SVG drawn here (no scripts, external styles or fonts), so the page opens
offline, in a mail attachment or straight from S3. Four plots: article copies per source per
day, reject reasons, the duplicate share per source, and the most syndicated stories with the
outlets that carried each and its copies. Two tables: the rejected URLs by source and reason
with examples, and each source's field coverage (share of its articles with a date, an author,
a credited source). When a run is named, a table of its per-source counts and health lines
heads the page. Counts say what they count: stories (one canonical row per cluster) or copies
(every article row, duplicates included). The font stack names CJK fonts of every platform,
so Chinese, Japanese and Korean titles render wherever one is installed.

Each data mark is an SVG element with ``class="mark"`` and a ``data-value``, which tests (and
anyone scraping the report) can count.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from transforms.edge.lake import Lake
from transforms.health import SourceHealth
from transforms.layout import partition_values, run_key
from transforms.schemas import ARTICLES, REJECTS, RUNS

PALETTE = ("#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e")
DUPLICATE_COLOURS = {"canonical": "#4269d0", "exact": "#ff725c", "near": "#efb118"}
TOP_STORIES = 10
MAX_DAYS = 30

ARTICLE_COLUMNS = [
    "source_id",
    "cluster_id",
    "is_canonical",
    "dup_kind",
    "title",
    "published_at",
    "authors",
    "credited_source",
]
REJECT_EXAMPLES = 3
COVERED_FIELDS = ("date", "author", "credited source")
FONTS = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans SC", '
    '"Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", '
    '"Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", "Noto Sans CJK KR", "Apple SD Gothic Neo", '
    '"Malgun Gothic", sans-serif'
)
RUN_COLUMNS = ["run_id", "source_id", "discovered", "fetched", "articles", "rejects", "duplicates", "started_at"]


@dataclass(frozen=True)
class Story:
    """A cluster and how far it travelled."""

    title: str
    outlets: int
    copies: int


@dataclass
class ReportData:
    """Everything the report shows, aggregated from the lake's tables."""

    per_source_day: dict[str, Counter[str]] = field(default_factory=dict)  # dt -> source -> articles
    reject_reasons: Counter[str] = field(default_factory=Counter)
    dup_kinds: dict[str, Counter[str]] = field(default_factory=dict)  # source -> canonical/exact/near -> rows
    stories: list[Story] = field(default_factory=list)
    # A projection of runs rows (RUN_COLUMNS), not whole RunRows: the report reads only what it shows.
    run_rows: list[dict[str, Any]] = field(default_factory=list)
    article_rows: int = 0
    story_count: int = 0
    rejects_by_source: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, reason) -> URLs
    reject_examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    coverage: dict[str, Counter[str]] = field(default_factory=dict)  # source -> field -> articles having it


def summarise(
    articles: Iterable[Mapping[str, Any]],
    rejects: Iterable[Mapping[str, Any]],
    run_rows: Sequence[Mapping[str, Any]] = (),
) -> ReportData:
    """Aggregate article rows (with their ``dt``) and reject rows into what the plots draw."""
    data = ReportData(run_rows=[dict(row) for row in run_rows])
    clusters: dict[str, dict[str, Any]] = {}
    for row in articles:
        data.article_rows += 1
        data.story_count += bool(row["is_canonical"])
        covered = data.coverage.setdefault(row["source_id"], Counter())
        covered["articles"] += 1
        covered["date"] += row.get("published_at") is not None
        covered["author"] += bool(row.get("authors"))
        covered["credited source"] += bool(row.get("credited_source"))
        data.per_source_day.setdefault(row["dt"], Counter())[row["source_id"]] += 1
        kind = row["dup_kind"] or "canonical"
        data.dup_kinds.setdefault(row["source_id"], Counter())[kind] += 1
        cluster = clusters.setdefault(row["cluster_id"], {"title": None, "outlets": set(), "copies": 0})
        cluster["outlets"].add(row["source_id"])
        cluster["copies"] += 1
        if row["is_canonical"] or cluster["title"] is None:
            cluster["title"] = row["title"] or "(untitled)"
    for row in rejects:
        data.reject_reasons[row["reason"]] += 1
        key = (row.get("source_id") or "?", row["reason"])
        data.rejects_by_source[key] += 1
        examples = data.reject_examples.setdefault(key, [])
        if len(examples) < REJECT_EXAMPLES and row.get("url") and row["url"] not in examples:
            examples.append(row["url"])
    ranked = sorted(clusters.values(), key=lambda c: (-len(c["outlets"]), -c["copies"], c["title"]))
    data.stories = [Story(c["title"], len(c["outlets"]), c["copies"]) for c in ranked[:TOP_STORIES] if c["copies"] > 1]
    return data


def read_report_data(lake: Lake, run_id: str | None = None) -> ReportData:
    """Read what the report needs from the lake: the last ``MAX_DAYS`` dates, only the needed columns."""
    article_files = _recent(lake.files("articles"))
    # ARTICLE_COLUMNS of stored articles plus the file's dt: a projection, not StoredArticleRows.
    articles: list[dict[str, Any]] = []
    for path in article_files:
        dt = partition_values(path).get("dt", "?")
        rows = lake.read(ARTICLES, [path], columns=ARTICLE_COLUMNS).to_pylist()
        articles.extend(row | {"dt": dt} for row in rows)
    rejects = lake.read(REJECTS, _recent(lake.files("rejects")), columns=["source_id", "reason", "url"]).to_pylist()
    runs = lake.read(RUNS, lake.files("runs", run_id=run_id), RUN_COLUMNS, run_id=run_id).to_pylist() if run_id else []
    return summarise(articles, rejects, runs)


def _recent(files: list[str]) -> list[str]:
    dates = sorted({partition_values(path).get("dt", "") for path in files})[-MAX_DAYS:]
    return [path for path in files if partition_values(path).get("dt", "") in dates]


def render(
    data: ReportData,
    *,
    lake_uri: str,
    generated_at: datetime,
    run_id: str | None = None,
    health: Sequence[SourceHealth] = (),
) -> str:
    """The report as one HTML document."""
    title = f"newslake run {run_id}" if run_id else "newslake lake report"
    sections = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">Lake <code>{escape(lake_uri)}</code> · {data.story_count} stories (canonical rows) '
        f"in {data.article_rows} article copies · generated {generated_at:%Y-%m-%d %H:%M} UTC · "
        f"plots and tables cover the last {MAX_DAYS} dates (dt)</p>",
    ]
    if run_id:
        sections.append(_run_table(data.run_rows, health))
    sections += [
        _figure(
            "Article copies per source per day (duplicates included)",
            "per-source-day",
            _per_source_day_svg(data.per_source_day),
        ),
        _figure("Rejected URLs by reason", "reject-reasons", _bars_svg(data.reject_reasons.most_common(), "#ff725c")),
        _figure("Duplicate share per source (of its copies)", "duplicate-share", _duplicate_share_svg(data.dup_kinds)),
        _figure("Most syndicated stories: outlets and copies of each", "syndicated", _stories_svg(data.stories)),
        _figure("Rejected URLs by source and reason", "rejects", _rejects_table(data)),
        _figure("Field coverage per source (share of its article copies)", "coverage", _coverage_table(data.coverage)),
    ]
    body = "\n".join(sections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
body {{ font-family: {FONTS};
       margin: 2rem auto; max-width: 960px; color: #222; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; }} h2 {{ font-size: 1.1rem; margin-top: 2rem; }}
.meta {{ color: #666; }} table {{ border-collapse: collapse; }}
td, th {{ padding: .2rem .6rem; border-bottom: 1px solid #ddd; text-align: right; }}
td:first-child, th:first-child {{ text-align: left; }}
.failed {{ color: #b00020; font-weight: 600; }} .empty {{ color: #888; font-style: italic; }}
svg text {{ font-size: 12px; fill: #333; }}
.urls {{ text-align: left; font-size: .85rem; word-break: break-all; }}
</style></head>
<body>
{body}
</body></html>
"""


def _figure(heading: str, name: str, svg: str) -> str:
    return f'<section id="{name}"><h2>{escape(heading)}</h2>\n{svg}\n</section>'


def _run_table(rows: Sequence[Mapping[str, Any]], health: Sequence[SourceHealth]) -> str:
    if not rows:
        return '<p class="empty">No runs rows for this run.</p>'
    columns = ("source", "discovered", "fetched", "articles", "rejects", "duplicates")
    head = "<tr>" + "".join(f"<th>{name}</th>" for name in columns) + "</tr>"
    cells = [
        f"<tr><td>{escape(row['source_id'])}</td><td>{row['discovered']}</td><td>{row['fetched']}</td>"
        f"<td>{row['articles']}</td><td>{row['rejects']}</td><td>{row['duplicates']}</td></tr>"
        for row in sorted(rows, key=lambda r: r["source_id"])
    ]
    lines = "".join(f'<li class="{"ok" if v.ok else "failed"}">{escape(v.line)}</li>' for v in health)
    checks = f"<h2>Source health</h2><ul>{lines}</ul>" if health else ""
    return f"<h2>This run</h2><table>{head}{''.join(cells)}</table>{checks}"


def _empty(message: str) -> str:
    return f'<p class="empty">{escape(message)}</p>'


def _bars_svg(items: Sequence[tuple[str, int]], colour: str, label_width: int = 180) -> str:
    """Horizontal bars, one per labelled count."""
    if not items:
        return _empty("Nothing to show yet.")
    width, bar, gap = 860, 18, 6
    scale = (width - label_width - 60) / max(value for _, value in items)
    height = len(items) * (bar + gap) + gap
    parts = [_svg_open(width, height, "bars")]
    for i, (label, value) in enumerate(items):
        y = gap + i * (bar + gap)
        length = max(value * scale, 1.0)
        parts.append(f'<text x="{label_width - 8}" y="{y + bar - 5}" text-anchor="end">{escape(_clip(label))}</text>')
        parts.append(
            f'<rect class="mark" data-label="{escape(label)}" data-value="{value}" x="{label_width}" y="{y}" '
            f'width="{length:.1f}" height="{bar}" fill="{colour}"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + bar - 5}">{value}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _per_source_day_svg(per_day: Mapping[str, Counter[str]]) -> str:
    """Stacked columns: one per day, one colour per source."""
    days = sorted(per_day)[-MAX_DAYS:]
    if not days:
        return _empty("No articles yet.")
    sources = sorted({source for day in days for source in per_day[day]})
    colours = {source: PALETTE[i % len(PALETTE)] for i, source in enumerate(sources)}
    width, height, left, bottom, top = 860, 260, 50, 40, 10
    plot_h = height - bottom - top
    peak = max(sum(per_day[day].values()) for day in days)
    step = (width - left - 10) / len(days)
    column = min(step * 0.7, 60)
    parts = [_svg_open(width, height + 24 * ((len(sources) + 3) // 4), "stacked-columns")]
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#999"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 10}" text-anchor="end">{peak}</text>')
    parts.append(f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>')
    for i, day in enumerate(days):
        x = left + i * step + (step - column) / 2
        y = float(top + plot_h)
        for source in sources:
            count = per_day[day][source]
            if not count:
                continue
            h = count / peak * plot_h
            y -= h
            parts.append(
                f'<rect class="mark" data-label="{escape(day)} {escape(source)}" data-value="{count}" '
                f'x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{h:.1f}" fill="{colours[source]}">'
                f"<title>{escape(day)} · {escape(source)}: {count}</title></rect>"
            )
        parts.append(f'<text x="{x + column / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{day[5:]}</text>')
    parts.extend(_legend(list(colours.items()), height))
    parts.append("</svg>")
    return "\n".join(parts)


def _duplicate_share_svg(kinds: Mapping[str, Counter[str]]) -> str:
    """One 100% bar per source: canonical, exact and near duplicate shares."""
    if not kinds:
        return _empty("No articles yet.")
    width, bar, gap, label_width = 860, 18, 6, 180
    span = width - label_width - 70
    sources = sorted(kinds)
    height = len(sources) * (bar + gap) + gap
    parts = [_svg_open(width, height + 30, "shares")]
    for i, source in enumerate(sources):
        y = gap + i * (bar + gap)
        total = sum(kinds[source].values())
        x = float(label_width)
        parts.append(f'<text x="{label_width - 8}" y="{y + bar - 5}" text-anchor="end">{escape(_clip(source))}</text>')
        for kind, colour in DUPLICATE_COLOURS.items():
            share = kinds[source][kind] / total
            if not share:
                continue
            parts.append(
                f'<rect class="mark" data-label="{escape(source)} {kind}" data-value="{share:.4f}" '
                f'x="{x:.1f}" y="{y}" width="{share * span:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{escape(source)} · {kind}: {kinds[source][kind]} of {total}</title></rect>"
            )
            x += share * span
        duplicates = 1 - kinds[source]["canonical"] / total
        parts.append(f'<text x="{label_width + span + 6}" y="{y + bar - 5}">{duplicates:.0%} dup</text>')
    parts.extend(_legend(list(DUPLICATE_COLOURS.items()), height + 4))
    parts.append("</svg>")
    return "\n".join(parts)


def _stories_svg(stories: Sequence[Story]) -> str:
    """Two bars per story on one scale: the outlets that carried it and its copies in all."""
    if not stories:
        return _empty("No story was carried more than once yet.")
    width, bar, gap, label_width = 860, 12, 10, 420
    scale = (width - label_width - 60) / max(story.copies for story in stories)
    colours = {"outlets": "#3ca951", "copies": "#4269d0"}
    height = len(stories) * (2 * bar + gap) + gap
    parts = [_svg_open(width, height + 30, "paired-bars")]
    for i, story in enumerate(stories):
        y = gap + i * (2 * bar + gap)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar + 4}" text-anchor="end">{escape(_clip(story.title))}</text>'
        )
        for j, (name, value) in enumerate((("outlets", story.outlets), ("copies", story.copies))):
            top, length = y + j * bar, value * scale
            parts.append(
                f'<rect class="mark" data-label="{escape(story.title)} {name}" data-value="{value}" '
                f'x="{label_width}" y="{top}" width="{length:.1f}" height="{bar - 1}" fill="{colours[name]}">'
                f"<title>{escape(story.title)}: {value} {name}</title></rect>"
            )
            parts.append(f'<text x="{label_width + length + 6:.1f}" y="{top + bar - 2}">{value} {name}</text>')
    parts.extend(_legend(list(colours.items()), height + 4))
    parts.append("</svg>")
    return "\n".join(parts)


def _rejects_table(data: ReportData) -> str:
    if not data.rejects_by_source:
        return _empty("No URL was rejected.")
    head = '<tr><th>source</th><th>reason</th><th>URLs</th><th class="urls">examples</th></tr>'
    ordered = sorted(data.rejects_by_source.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
    rows = []
    for (source, reason), count in ordered:
        examples = "<br>".join(escape(url) for url in data.reject_examples.get((source, reason), []))
        rows.append(
            f"<tr><td>{escape(source)}</td><td>{escape(reason)}</td><td>{count}</td>"
            f'<td class="urls">{examples}</td></tr>'
        )
    return f'<table class="rejects">{head}{"".join(rows)}</table>'


def _coverage_table(coverage: Mapping[str, Counter[str]]) -> str:
    if not coverage:
        return _empty("No articles yet.")
    head = "<tr><th>source</th><th>copies</th>" + "".join(f"<th>{name}</th>" for name in COVERED_FIELDS) + "</tr>"
    rows = []
    for source in sorted(coverage):
        counts = coverage[source]
        shares = "".join(
            f'<td data-field="{name}" data-value="{counts[name] / counts["articles"]:.4f}">'
            f"{counts[name] / counts['articles']:.0%}</td>"
            for name in COVERED_FIELDS
        )
        rows.append(f"<tr><td>{escape(source)}</td><td>{counts['articles']}</td>{shares}</tr>")
    return f'<table class="coverage">{head}{"".join(rows)}</table>'


def _legend(entries: Sequence[tuple[str, str]], y: float) -> list[str]:
    parts = []
    for i, (label, colour) in enumerate(entries):
        x, row = 50 + (i % 4) * 200, y + 6 + (i // 4) * 22
        parts.append(f'<rect x="{x}" y="{row}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 18}" y="{row + 11}">{escape(_clip(label, 26))}</text>')
    return parts


def _svg_open(width: int, height: float, name: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="plot {name}" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="img">'
    )


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_report(
    lake: Lake,
    now: datetime,
    run_id: str | None = None,
    dt: str | None = None,
    health: Sequence[SourceHealth] = (),
) -> tuple[str, str]:
    """Build the report and store it in the lake as ``reports/dt=…/RUN.html``; return (path, html)."""
    html = render(read_report_data(lake, run_id), lake_uri=lake.uri, generated_at=now, run_id=run_id, health=health)
    name = run_key(run_id) if run_id else f"lake-{now:%Y%m%dT%H%M%S}"
    target = report_path(lake, name, dt or now.date().isoformat())
    save_html(lake, target, html)
    return target, html


def report_path(lake: Lake, name: str, dt: str) -> str:
    """Where a report lives in the lake: ``reports/dt=…/NAME.html`` (NAME: the run key for a run's report)."""
    return f"{lake.partition_dir('reports', {'dt': dt})}/{name}.html"


def save_html(lake: Lake, target: str, html: str) -> None:
    """Write a page in one go: renamed into place locally, a single upload on S3."""
    if lake.is_local:
        folder = Path(target).parent
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{Path(target).name}.tmp-{uuid.uuid4().hex}"
        temporary.write_text(html, "utf-8")
        temporary.replace(target)
    else:
        with lake.fs.open(target, "wb") as handle:
            handle.write(html.encode("utf-8"))
