"""The team overview (``holdline review``): a report per session, a sortable index with
per-trainee averages, trends and weakest dimension, and an optional per-turn CSV."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from simulator.review.charts import DIMENSIONS, LABELS, fmt, sparkline
from simulator.review.collect import Loaded, Skipped, load_all
from simulator.review.html import GENERATOR, esc, page
from simulator.review.outputs import check_output, resolved
from simulator.review.redact import Redactor
from simulator.review.report import ReportOptions, outcome_badge, session_means, write_report

SORT_SCRIPT = """
(function(){
function key(row,i){var v=row.cells[i].getAttribute('data-v');return v===null?'':v;}
document.querySelectorAll('table.sortable').forEach(function(table){
var heads=table.tHead.rows[0].cells;
Array.prototype.forEach.call(heads,function(th,i){
if(!th.hasAttribute('data-sort'))return;
th.tabIndex=0;
function sort(){
var num=th.getAttribute('data-sort')==='num';
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir===1?'ascending':'descending');
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);
if(x==='')return y===''?0:1;if(y==='')return -1;
if(num){return (parseFloat(x)-parseFloat(y))*dir;}
return x.localeCompare(y)*dir;});
var frag=document.createDocumentFragment();
rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);}
th.addEventListener('click',sort);
th.addEventListener('keydown',function(e){
if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
});});
})();
""".strip()


@dataclass(frozen=True)
class ReviewResult:
    index: Path
    reports: int
    skipped: list[Skipped]


def _overall(means: dict[str, float | None]) -> float | None:
    values = [v for v in means.values() if v is not None]
    return sum(values) / len(values) if values else None


def _report_names(loaded: list[Loaded], redact: Redactor) -> list[str]:
    """A safe, unique file name per session (ids come from files and are not trusted)."""
    used: set[str] = set()
    names = []
    for item in loaded:
        stem = redact.file_stem(item.session.session_id)
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:120]
        base = base or "session"
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.lower())
        names.append(f"{name}.html")
    return names


def _cell(text: str, sort_value: object | None = None, cls: str = "") -> str:
    """A table cell whose ``data-v`` is what the sort script compares."""
    value = text if sort_value is None else sort_value
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<td{cls_attr} data-v="{esc(value)}">{text}</td>'


def _num(value: float | None) -> str:
    return _cell(fmt(value), "" if value is None else f"{value:.2f}", "num")


def _sessions_table(loaded: list[Loaded], hrefs: list[str], redact: Redactor) -> str:
    head = (
        '<table class="sortable" id="sessions"><thead><tr>'
        '<th data-sort="text" aria-sort="descending">Date</th><th data-sort="text">Trainee</th>'
        '<th data-sort="text">Scenario</th><th data-sort="text">Mode</th>'
        '<th data-sort="num" class="num">Turns</th>'
        + "".join(f'<th data-sort="num" class="num">{LABELS[d]}</th>' for d in DIMENSIONS)
        + '<th data-sort="text">Outcome</th><th>Report</th></tr></thead><tbody>'
    )
    rows = []
    order = sorted(range(len(loaded)), key=lambda i: loaded[i].session.started_at, reverse=True)
    for i in order:
        s = loaded[i].session
        means = session_means(s)
        rows.append(
            "<tr>"
            + _cell(
                esc(s.started_at.strftime("%Y-%m-%d %H:%M")), s.started_at.isoformat(), "nowrap"
            )
            + _cell(esc(redact.person(s.trainee)), redact.person(s.trainee))
            + _cell(esc(s.scenario.title), s.scenario.title)
            + _cell(esc(s.mode), s.mode)
            + _cell(str(len(s.turns)), len(s.turns), "num")
            + "".join(_num(means[d]) for d in DIMENSIONS)
            + _cell(outcome_badge(s.outcome), s.outcome)
            + f'<td><a href="{esc(hrefs[i])}">report</a></td></tr>'
        )
    return head + "\n".join(rows) + "</tbody></table>"


def _trainees_table(loaded: list[Loaded], redact: Redactor) -> str:
    by_trainee: dict[str, list[Loaded]] = defaultdict(list)
    for item in loaded:
        by_trainee[redact.person(item.session.trainee)].append(item)
    rows = []
    for trainee in sorted(by_trainee, key=str.casefold):
        items = sorted(by_trainee[trainee], key=lambda it: it.session.started_at)
        scored = [
            m for m in (session_means(it.session) for it in items) if m["empathy"] is not None
        ]
        avgs: dict[str, float | None] = {
            d: (sum(m[d] or 0.0 for m in scored) / len(scored) if scored else None)
            for d in DIMENSIONS
        }
        weakest = min(DIMENSIONS, key=lambda d: avgs[d] or 0.0) if scored else None
        overall = [_overall(m) or 0.0 for m in scored]
        change = None
        if len(overall) >= 2:
            k = max(1, min(3, len(overall) // 2))
            change = sum(overall[-k:]) / k - sum(overall[:k]) / k
        trend = (
            sparkline(
                [{d: m[d] or 0.0 for d in DIMENSIONS} for m in scored],
                f"{trainee}: scores per session, oldest first",
            )
            if scored
            else ""
        )
        rows.append(
            "<tr>"
            + _cell(esc(trainee), trainee)
            + _cell(str(len(items)), len(items), "num")
            + "".join(_num(avgs[d]) for d in DIMENSIONS)
            + _cell(esc(LABELS[weakest]) if weakest else "–", LABELS[weakest] if weakest else "")
            + _cell(
                "–" if change is None else f"{change:+.0f}",
                "" if change is None else f"{change:.2f}",
                "num",
            )
            + f"<td>{trend}</td></tr>"
        )
    return (
        '<table class="sortable" id="trainees"><thead><tr><th data-sort="text">Trainee</th>'
        '<th data-sort="num" class="num">Sessions</th>'
        + "".join(f'<th data-sort="num" class="num">{LABELS[d]}</th>' for d in DIMENSIONS)
        + '<th data-sort="text">Weakest</th>'
        '<th data-sort="num" class="num" title="mean of the latest sessions minus mean of the '
        'first ones (up to 3 each)">Change</th><th>Trend</th></tr></thead><tbody>'
        + "\n".join(rows)
        + "</tbody></table>"
    )


def _skipped_list(skipped: list[Skipped], root: Path, redact: Redactor) -> str:
    if not skipped:
        return ""
    items = "".join(
        f"<li><code>{esc(redact(str(s.path.relative_to(root))))}</code>: "
        f"{esc(redact(s.reason))}</li>"
        for s in skipped
    )
    return (
        f"<h2>Skipped files ({len(skipped)})</h2>"
        f'<p class="small muted">These files could not be used and are left out above.</p>'
        f'<ul class="skipped">{items}</ul>'
    )


def render_index(
    loaded: list[Loaded], hrefs: list[str], skipped: list[Skipped], root: Path, redact: Redactor
) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    trainees = len({redact.person(item.session.trainee) for item in loaded})
    body = [
        "<h1>Holdline: team overview</h1>",
        f'<p class="muted">{len(loaded)} sessions by {trainees} trainees &middot; made {now}'
        + (" &middot; personal details redacted" if redact.enabled else "")
        + "</p>",
    ]
    if loaded:
        body += [
            "<h2>Trainees</h2>",
            '<p class="small muted">Averages are over each trainee&#39;s sessions (a session '
            "scores the mean of its turns). Change: mean of the latest sessions minus mean of "
            "the first ones (up to 3 each). Trend, oldest session on the left:"
            '<span class="key"><i class="k-e"></i>empathy'
            '<i class="k-f"></i>firmness'
            '<i class="k-b"></i>boundary clarity</span>. '
            "Click a column heading to sort.</p>",
            _trainees_table(loaded, redact),
            "<h2>Sessions</h2>",
            _sessions_table(loaded, hrefs, redact),
        ]
    else:
        body.append("<p>No session files found.</p>")
    body.append(_skipped_list(skipped, root, redact))
    return page("Holdline team overview", "\n".join(body), script=SORT_SCRIPT, wide=True)


def write_csv(loaded: list[Loaded], path: Path, redact: Redactor | None = None) -> None:
    """One row per turn. Text cells that a spreadsheet would run as a formula are quoted."""
    redact = redact or Redactor(False)

    def safe(text: str) -> str:
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            ["session", "started_at", "trainee", "scenario", "mode", "turn", "node",
             *DIMENSIONS, "outcome"]
        )  # fmt: skip
        for item in sorted(loaded, key=lambda it: (it.session.started_at, it.session.session_id)):
            s = item.session
            for n, turn in enumerate(s.turns, start=1):
                writer.writerow(
                    [safe(redact.file_stem(s.session_id)), s.started_at.isoformat(),
                     safe(redact.person(s.trainee)),
                     safe(s.scenario.id), s.mode, n, safe(turn.node),
                     *(f"{turn.scores.get(d):g}" for d in DIMENSIONS), s.outcome]
                )  # fmt: skip


def _remove_stale_reports(reports_dir: Path, keep: set[str]) -> None:
    """Reports of sessions that are gone (or, after --redact, unredacted copies) must not linger;
    only pages this tool wrote are removed."""
    if not reports_dir.is_dir():
        return
    marker = f'<meta name="generator" content="{GENERATOR}">'.encode()
    for path in reports_dir.glob("*.html"):
        if path.name in keep:
            continue
        try:
            with path.open("rb") as fh:
                if marker in fh.read(2048):
                    path.unlink()
        except OSError:
            continue


def build_review(
    root: Path, out_dir: Path, options: ReportOptions, csv_path: Path | None = None
) -> ReviewResult:
    loaded, skipped = load_all(root)
    reports_dir = out_dir / "sessions"
    redact = Redactor(options.redact)
    names = _report_names(loaded, redact)
    inputs = resolved([item.path for item in loaded] + [item.path for item in skipped])
    index = out_dir / "index.html"
    for target in [index, *(reports_dir / name for name in names)]:
        check_output(target, inputs, "page")
    if csv_path is not None:
        check_output(csv_path, inputs, "CSV")
    for item, name in zip(loaded, names, strict=True):
        write_report(item.session, item.path, reports_dir / name, options)
    _remove_stale_reports(reports_dir, set(names))
    hrefs = [f"sessions/{quote(name)}" for name in names]
    out_dir.mkdir(parents=True, exist_ok=True)
    html_text = render_index(loaded, hrefs, skipped, root, redact)
    index.write_text(html_text, encoding="utf-8")
    if csv_path is not None:
        write_csv(loaded, csv_path, redact)
    return ReviewResult(index=index, reports=len(loaded), skipped=skipped)
