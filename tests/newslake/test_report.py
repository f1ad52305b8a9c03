"""The run report: a self-contained page whose plots a real browser draws."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newslake.cli import main
from newslake.report import write_report
from transforms.edge.lake import open_lake

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = datetime(2026, 4, 18, 9, 30, tzinfo=UTC)

# Appended to a copy of the report only (the report itself has no script): the browser lays
# the page out, and this records how many data marks of each plot ended up with an area.
MEASURE = """<script>
for (const svg of document.querySelectorAll('svg.plot')) {
  const drawn = [...svg.querySelectorAll('.mark')].filter(m => {
    const b = m.getBBox();
    return b.width > 0 && b.height > 0;
  });
  svg.setAttribute('data-drawn', String(drawn.length));
  svg.setAttribute('data-box', String(Math.round(svg.getBoundingClientRect().width)));
  const widths = new Set([...svg.querySelectorAll('.mark')].map(m => Math.round(m.getBBox().width)));
  svg.setAttribute('data-widths', String(widths.size));
}
// Chinese titles: draw four of a title's characters in the font the page gave the title. Where
// no font has the glyphs, every character is the same empty box, so the pictures are identical.
const label = [...document.querySelectorAll('svg.paired-bars text')].find(t => /[\u4e00-\u9fff]/.test(t.textContent));
const chars = [...label.textContent].filter(c => /[\u4e00-\u9fff]/.test(c)).slice(0, 4);
const pictures = chars.map(c => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const g = canvas.getContext('2d');
  g.font = `40px ${getComputedStyle(label).fontFamily}`;
  g.fillText(c, 4, 40);
  const pixels = g.getImageData(0, 0, 48, 48).data;
  let ink = 0;
  for (let i = 3; i < pixels.length; i += 4) ink += pixels[i] > 0 ? 1 : 0;
  return {ink, picture: canvas.toDataURL()};
});
document.body.setAttribute('data-cjk-distinct', String(new Set(pictures.map(p => p.picture)).size));
document.body.setAttribute('data-cjk-min-ink', String(Math.min(...pictures.map(p => p.ink))));
const rejects = document.querySelector('table.rejects');
document.body.setAttribute('data-rejects-rows', String(rejects ? rejects.rows.length - 1 : 0));
const tableHeight = rejects ? Math.round(rejects.getBoundingClientRect().height) : 0;
document.body.setAttribute('data-rejects-height', String(tableHeight));
</script>"""


@pytest.fixture(scope="module")
def two_day_lake(tmp_path_factory: pytest.TempPathFactory, wire_sources_module: Path) -> Path:
    lake = tmp_path_factory.mktemp("report") / "lake"
    common = ["--sources", str(wire_sources_module), "--lake", str(lake)]
    assert main(["run", *common, "--run-id", "r1", "--dt", "2026-04-17"]) == 0
    assert main(["run", *common, "--run-id", "r2", "--dt", "2026-04-18", "--recrawl", "--only", "wire-rss"]) == 0
    return lake


@pytest.fixture(scope="module")
def wire_sources_module(tmp_path_factory: pytest.TempPathFactory, wire_site) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("sources") / "sources.yaml"
    path.write_text(
        "sources:\n"
        + "".join(
            f'  - id: {name}\n    kind: feed\n    urls: ["{wire_site.base_url}/{feed}"]\n'
            "    timezone: Asia/Shanghai\n    delay: 0\n    concurrency: 4\n"
            for name, feed in (("wire-rss", "rss.xml"), ("wire-atom", "atom.xml"))
        ),
        "utf-8",
    )
    return path


def test_the_report_is_stored_per_run_and_needs_nothing_from_the_network(two_day_lake: Path) -> None:
    path, html = write_report(open_lake(str(two_day_lake)), NOW, run_id="r2", dt="2026-04-18")
    assert path == f"{two_day_lake}/reports/dt=2026-04-18/r2.html"
    assert Path(path).read_text("utf-8") == html
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="plot') == 4
    assert "wire-rss" in html and "This run" in html


def test_the_report_counts_what_the_lake_holds(two_day_lake: Path) -> None:
    _, html = write_report(open_lake(str(two_day_lake)), NOW)
    per_day = dict(re.findall(r'data-label="(2026-04-1\d wire-rss)" data-value="(\d+)"', html))
    assert per_day == {"2026-04-17 wire-rss": "10", "2026-04-18 wire-rss": "10"}
    assert 'data-label="not_article"' in html or 'data-label="http_error"' in html
    # Every page fetched again on the 18th is an exact copy: wire-rss is half duplicates.
    assert 'data-label="wire-rss exact" data-value="0.5000"' in html
    # Each story re-fetched on the 18th: one outlet, two copies, drawn as two bars on one scale.
    outlets = re.findall(r'data-label="([^"]+) outlets" data-value="(\d+)"', html)
    copies = dict(re.findall(r'data-label="([^"]+) copies" data-value="(\d+)"', html))
    assert outlets and all((value, copies[title]) == ("1", "2") for title, value in outlets)
    assert "stories (canonical rows) in 23 article copies" in html


def test_the_report_tables_rejects_by_source_and_reason_and_field_coverage(two_day_lake: Path) -> None:
    _, html = write_report(open_lake(str(two_day_lake)), NOW)
    rejects = html.split('<table class="rejects">')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>(\d+)</td><td class=\"urls\">(.*?)</td></tr>", rejects)
    assert rows and {source for source, _, _, _ in rows} <= {"wire-rss", "wire-atom"}
    for _, _, count, examples in rows:
        urls = examples.split("<br>")
        assert 1 <= len(urls) <= min(int(count), 3) and all(url.startswith("http://127.0.0.1:") for url in urls)
    coverage = html.split('<table class="coverage">')[1].split("</table>")[0]
    shares = re.findall(r'<td data-field="([^"]+)" data-value="([\d.]+)">', coverage)
    assert {field for field, _ in shares} == {"date", "author", "credited source"}
    assert all(0 <= float(value) <= 1 for _, value in shares)
    assert ("date", "1.0000") in shares  # every wire article carries its date


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is missing: `make test` installs it (apt-get install chromium)")
def test_chromium_draws_every_plot(two_day_lake: Path, tmp_path: Path) -> None:
    _, html = write_report(open_lake(str(two_day_lake)), NOW, run_id="r2", dt="2026-04-18")
    page = tmp_path / "measured.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), "utf-8")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-extensions",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    plots = re.findall(
        r'<svg [^>]*class="plot ([\w-]+)"[^>]*data-drawn="(\d+)" data-box="(\d+)" data-widths="(\d+)"', dom
    )
    assert [name for name, _, _, _ in plots] == ["stacked-columns", "bars", "shares", "paired-bars"]
    for name, drawn, box, _ in plots:
        assert int(drawn) > 0, f"{name}: no mark was drawn"
        assert int(box) >= 800, f"{name}: laid out {box}px wide"
    assert int(plots[-1][3]) >= 2, "the syndication plot's bars all have the same length"
    body = dict(re.findall(r'data-(cjk-distinct|cjk-min-ink|rejects-rows|rejects-height)="(\d+)"', dom))
    assert body["cjk-distinct"] == "4", "Chinese characters drew as identical boxes: no CJK font was used"
    assert int(body["cjk-min-ink"]) > 40
    assert int(body["rejects-rows"]) > 0 and int(body["rejects-height"]) > 20


def test_newslake_report_writes_the_page_where_asked(
    two_day_lake: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "report.html"
    assert main(["report", "--lake", str(two_day_lake), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"report   {out}"
    assert out.read_text("utf-8").count('class="mark"') > 10
