"""One session as one self-contained HTML report (``holdline report``)."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from simulator.review.charts import DIMENSIONS, LABELS, fmt, score_bars, turn_lines
from simulator.review.html import esc, page
from simulator.review.redact import Redactor, Span, apply_spans
from simulator.scoring.evidence import Evidence
from simulator.session.record import Session, Turn

LOW_CONFIDENCE = 0.6  # words the recogniser was less sure of are underlined
MAX_EMBED_BYTES = 50 * 1024 * 1024
AUDIO_TYPES = {
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".mp3": "audio/mpeg",
    ".flac": "audio/flac",
    ".webm": "audio/webm",
}


@dataclass(frozen=True)
class ReportOptions:
    redact: bool = False
    embed_audio: bool = False


def session_means(session: Session) -> dict[str, float | None]:
    """The session's score per dimension: the mean over its turns (None with no turns)."""
    n = len(session.turns)
    return {
        dim: (sum(t.scores.get(dim) for t in session.turns) / n if n else None)
        for dim in DIMENSIONS
    }


def when(session: Session) -> str:
    return session.started_at.strftime("%Y-%m-%d %H:%M UTC")


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def outcome_badge(outcome: str) -> str:
    return f'<span class="badge o-{esc(outcome)}">{esc(outcome)}</span>'


def _word_spans(turn: Turn) -> list[tuple[int, int, float]]:
    """Low-confidence words located in the reply text, in order; unmatched words are skipped."""
    text = turn.reply_text.casefold()
    spans: list[tuple[int, int, float]] = []
    pos = 0
    for w in turn.words:
        needle = w.word.casefold().strip()
        if not needle:
            continue
        at = text.find(needle, pos)
        if at < 0:
            continue
        pos = at + len(needle)
        if w.conf < LOW_CONFIDENCE and len(needle) == len(w.word.strip()):
            spans.append((at, pos, w.conf))
    return spans


def mark_reply(turn: Turn, redact: Redactor, reds: list[Span] | None = None) -> str:
    """The reply as HTML: evidence highlighted, low-confidence words underlined, details
    redacted. Offsets are cut on the original text, so nothing shifts; one sweep over the cuts."""
    text = turn.reply_text
    lows = _word_spans(turn)
    reds = redact.spans(text) if reds is None else reds
    cuts = {0, len(text)}
    for ev in turn.evidence:
        cuts |= {ev.start, ev.end}
    for start, end, _ in lows:
        cuts |= {start, end}
    for span in reds:
        cuts |= {span.start, span.end}
    bounds = sorted(cuts)
    scored = [ev for ev in turn.evidence if ev.points != 0]
    out: list[str] = []
    ri = li = 0
    for a, b in zip(bounds, bounds[1:], strict=False):
        while ri < len(reds) and reds[ri].end <= a:
            ri += 1
        while li < len(lows) and lows[li][1] <= a:
            li += 1
        red = reds[ri] if ri < len(reds) and reds[ri].start <= a else None
        if red is not None and a != red.start:
            continue
        inner = f'<span class="redacted">{esc(red.placeholder)}</span>' if red else esc(text[a:b])
        low = lows[li][2] if li < len(lows) and lows[li][0] <= a else None
        if low is not None:
            inner = f'<span class="lowconf" title="recogniser confidence {low:.2f}">{inner}</span>'
        covering = [ev for ev in scored if ev.start <= a < ev.end]
        if covering:
            # a word both earns and costs (different dimensions): its colour is what it nets
            cls = "earn" if sum(ev.points for ev in covering) >= 0 else "cost"
            title = "; ".join(
                f"{LABELS.get(ev.dimension, ev.dimension)} {ev.points:+g}: "
                f"{ev.label or ev.indicator}"
                for ev in covering
            )
            inner = f'<mark class="{cls}" title="{esc(title)}">{inner}</mark>'
        out.append(inner)
    return "".join(out)


def _quote(turn: Turn, ev: Evidence, redact: Redactor, reds: list[Span]) -> str:
    """An evidence quote: cut from the redacted reply, so no part of a detail survives."""
    if ev.start < ev.end:
        return apply_spans(turn.reply_text, reds, ev.start, ev.end)
    return redact(ev.text)


def _evidence_list(turn: Turn, redact: Redactor, reds: list[Span]) -> str:
    if not turn.evidence:
        return ""
    items = []
    # spans in reading order first; missing behaviours (empty spans) after them
    for ev in sorted(turn.evidence, key=lambda e: (e.start == e.end, e.start, e.dimension)):
        kind = "earn" if ev.points > 0 else ("cost" if ev.points < 0 else "")
        quote = _quote(turn, ev, redact, reds) if ev.text else ""
        quote_html = f" &ldquo;{esc(quote)}&rdquo;" if quote else ""
        name = esc(ev.label) if ev.label else f"<code>{esc(ev.indicator)}</code>"
        items.append(
            f'<li class="{kind}"><span class="pts-{kind or "earn"}">{ev.points:+g}</span> '
            f"{esc(LABELS.get(ev.dimension, ev.dimension))} &middot; {name}{quote_html}</li>"
        )
    return f'<ul class="evidence">{"".join(items)}</ul>'


DELIVERY_LABELS = {
    "words_per_minute": ("pace", "{:.0f} words/min"),
    "long_pauses": ("long pauses", "{}"),
    "filler_words": ("filler words", "{}"),
    "hesitation_s": ("hesitation", "{:.1f} s"),
    "loudness_cv": ("loudness variation", "{:.2f}"),
}


def _value(value: object, pattern: str = "{}") -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items()) or "none"
    try:
        return pattern.format(value)
    except (ValueError, TypeError):
        return str(value)


def _facts(turn: Turn, redact: Redactor) -> str:
    facts: list[tuple[str, str]] = [("reply", turn.reply_source)]
    tm = turn.timings
    if tm.response_gap_ms is not None:
        facts.append(("response gap", f"{tm.response_gap_ms / 1000:.1f} s"))
    if tm.reply_start is not None and tm.reply_end is not None:
        facts.append(("reply length", f"{max(0.0, tm.reply_end - tm.reply_start):.1f} s"))
    for key, value in (turn.delivery or {}).items():
        label, pattern = DELIVERY_LABELS.get(key, (key.replace("_", " "), "{}"))
        facts.append((label, redact(_value(value, pattern))))
    if turn.behaviours:
        facts.append(("behaviours", ", ".join(turn.behaviours)))
    if turn.flags:
        facts.append(("flags", ", ".join(f.replace("_", " ") for f in turn.flags)))
    return (
        '<div class="facts">'
        + "".join(f"<span>{esc(k)}: <b>{esc(v)}</b></span>" for k, v in facts)
        + "</div>"
    )


def _audio(turn: Turn, session_dir: Path, report_dir: Path, embed: bool) -> str:
    rel = turn.reply_audio
    if not rel:
        return ""
    pure = PurePosixPath(rel.replace("\\", "/"))
    media = AUDIO_TYPES.get(pure.suffix.lower())
    if pure.is_absolute() or ".." in pure.parts or media is None:
        return (
            f'<p class="small muted">Audio not linked (not a relative audio path): {esc(rel)}</p>'
        )
    source = session_dir / pure
    try:
        inside = source.resolve().is_relative_to(session_dir.resolve())
    except OSError:
        inside = False
    if not inside or not source.is_file():
        return f'<p class="small muted">Audio file not found: {esc(rel)}</p>'
    if embed and source.stat().st_size <= MAX_EMBED_BYTES:
        url = f"data:{media};base64," + base64.b64encode(source.read_bytes()).decode("ascii")
        return f'<audio controls preload="metadata" src="{url}"></audio>'
    url = quote(Path(os.path.relpath(source, report_dir)).as_posix())
    return (
        f'<audio controls preload="none" src="{esc(url)}"></audio> '
        f'<a class="small noprint" href="{esc(url)}">audio file</a>'
    )


def _client_said(turn: Turn, redact: Redactor) -> str:
    """The client's line before the reply; a branch's own line first, when there was one."""
    line = esc(redact(turn.client_text))
    if not turn.branch_line:
        return line
    return f'<span class="branch-line">{esc(redact(turn.branch_line))}</span> {line}'


def _turn(i: int, turn: Turn, redact: Redactor, audio: str) -> str:
    reds = redact.spans(turn.reply_text)
    chips = "".join(
        f'<span class="chip d-{dim}">{LABELS[dim]} <b>{fmt(turn.scores.get(dim))}</b></span>'
        for dim in DIMENSIONS
    )
    return (
        f'<article class="turn" id="turn-{i + 1}">'
        f'<h3>Turn {i + 1} <span class="muted small">node <code>{esc(turn.node)}</code></span></h3>'
        f'<p class="client"><span class="who">Client</span>{_client_said(turn, redact)}</p>'
        f'<p class="reply"><span class="who">Reply</span>{mark_reply(turn, redact, reds)}</p>'
        f"{audio}"
        f'<div class="scores">{chips}</div>'
        f"{_evidence_list(turn, redact, reds)}{_facts(turn, redact)}</article>"
    )


def render_report(
    session: Session, session_path: Path, report_path: Path, options: ReportOptions
) -> str:
    redact = Redactor(options.redact, [session.trainee])
    session_dir = session_path.resolve().parent
    report_dir = report_path.resolve().parent
    sc = session.scenario
    duration = ""
    if session.ended_at is not None:
        duration = _duration((session.ended_at - session.started_at).total_seconds())
    scenario_html = f"{esc(sc.title)} <span class='muted'>({esc(sc.id)}, {esc(sc.language)})</span>"
    meta = [
        ("Trainee", esc(redact.person(session.trainee))),
        ("Scenario", scenario_html),
        ("Date", esc(when(session)) + (f" &middot; {esc(duration)}" if duration else "")),
        ("Mode", f"{esc(session.mode)} &middot; {esc(session.front_end)}"),
        ("Outcome", outcome_badge(session.outcome)),
        ("Turns", str(len(session.turns))),
        ("Session", f"<code>{esc(redact.file_stem(session.session_id))}</code>"),
    ]
    body = [
        f"<h1>{esc(sc.title)}</h1>",
        '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>",
    ]
    if session.outcome in ("unfinished", "quit"):
        reason = session.end_reason or (
            "the file was saved mid-session (the program stopped or is still running)"
        )
        body.append(
            f"<p><strong>Not finished:</strong> {esc(redact(reason))}. "
            "Scores cover the finished turns only.</p>"
        )
    if session.ending is not None:
        body.append(
            f"<p><strong>Ending</strong> (<code>{esc(session.ending.node)}</code>): "
            f"{esc(redact(session.ending.summary))}</p>"
        )
    body.append("<h2>Scores</h2>")
    if session.turns:
        series = [{d: t.scores.get(d) for d in DIMENSIONS} for t in session.turns]
        body.append(
            '<div class="charts"><figure>'
            + score_bars(session_means(session), "Overall scores (mean of turns)")
            + "<figcaption>Overall: mean of the turns, 0-100</figcaption></figure><figure>"
            + turn_lines(series, "Scores per turn")
            + "<figcaption>Per turn</figcaption></figure></div>"
        )
    else:
        body.append("<p class='muted'>No finished turns.</p>")
    body.append(
        '<h2>Transcript</h2><p class="legend small"><span><mark class="earn">earned points</mark>'
        '</span><span><mark class="cost">cost points</mark></span>'
        '<span class="lowconf">low recogniser confidence</span>'
        + ('<span><span class="redacted">[phone]</span> redacted</span>' if options.redact else "")
        + "</p>"
    )
    body.append(f'<section lang="{esc(sc.language)}">')
    for i, turn in enumerate(session.turns):
        audio = _audio(turn, session_dir, report_dir, options.embed_audio)
        body.append(_turn(i, turn, redact, audio))
    body.append("</section>")
    if session.debrief:
        body.append("<h2>Debrief</h2><ul>")
        body.extend(f"<li>{esc(redact(point))}</li>" for point in session.debrief)
        body.append("</ul>")
    title = f"{redact.person(session.trainee)}: {sc.title} ({session.started_at:%Y-%m-%d})"
    return page(title, "\n".join(body))


def write_report(
    session: Session, session_path: Path, report_path: Path, options: ReportOptions
) -> None:
    report_path.parent.mkdir(parents=True, exist_ok=True)
    html_text = render_report(session, session_path, report_path, options)
    report_path.write_text(html_text, encoding="utf-8")
