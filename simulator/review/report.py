"""One session as one self-contained HTML report (``holdline report``)."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from simulator import i18n, labels
from simulator.i18n import N_, _
from simulator.review.charts import DIMENSIONS, fmt, score_bars, turn_lines
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
    ui_lang: str | None = None  # --ui-lang or the saved setting; else the scenario's language


def session_means(session: Session) -> dict[str, float | None]:
    """The session's score per dimension: the mean over its turns (None with no turns)."""
    n = len(session.turns)
    return {
        dim: (sum(t.scores.get(dim) for t in session.turns) / n if n else None)
        for dim in DIMENSIONS
    }


def when(session: Session) -> str:
    t = session.started_at
    return _("{year}-{month:02d}-{day:02d} {hour:02d}:{minute:02d} UTC").format(
        year=t.year, month=t.month, day=t.day, hour=t.hour, minute=t.minute
    )


def decimal(value: float, digits: int = 1) -> str:
    """A number as the UI language writes it (a decimal comma in Russian)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if i18n.active() == "ru" else text


def label(dimension: str) -> str:
    return labels.name(labels.DIMENSIONS, dimension)


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return _("under a minute")
    if minutes < 120:
        return _("{minutes} min").format(minutes=minutes)
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


def outcome_badge(outcome: str) -> str:
    name = labels.name(labels.OUTCOMES, outcome)
    return f'<span class="badge o-{esc(outcome)}">{esc(name)}</span>'


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
    for start, end, _conf in lows:
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
            tip = _("recogniser confidence {value}").format(value=decimal(low, 2))
            inner = f'<span class="lowconf" title="{esc(tip)}">{inner}</span>'
        covering = [ev for ev in scored if ev.start <= a < ev.end]
        if covering:
            # a word both earns and costs (different dimensions): its colour is what it nets
            cls = "earn" if sum(ev.points for ev in covering) >= 0 else "cost"
            title = "; ".join(
                f"{label(ev.dimension)} {ev.points:+g}: {labels.indicator(ev)}"
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
    learned: dict[tuple[str, bool], list[Evidence]] = {}
    # spans in reading order first; missing behaviours (empty spans) after them
    for ev in sorted(turn.evidence, key=lambda e: (e.start == e.end, e.start, e.dimension)):
        if ev.indicator == "learned_words":
            # one line per dimension and sign: a dozen two-word items read as noise
            group = learned.setdefault((ev.dimension, ev.points > 0), [])
            if not group:
                items.append(group)
            group.append(ev)
            continue
        items.append([ev])
    lines = "".join(_evidence_item(turn, g, redact, reds) for g in items)
    return f'<ul class="evidence">{lines}</ul>'


def _evidence_item(turn: Turn, group: list[Evidence], redact: Redactor, reds: list[Span]) -> str:
    points = round(sum(ev.points for ev in group), 1)
    kind = "earn" if points > 0 else ("cost" if points < 0 else "")
    quotes = [q for q in (_quote(turn, ev, redact, reds) if ev.text else "" for ev in group) if q]
    quote_html = (" " + esc(_(", ").join(_("\u201c{quote}\u201d").format(quote=q) for q in quotes))
                  if quotes else "")
    name = esc(labels.indicator(group[0]))
    return (f'<li class="{kind}"><span class="pts-{kind or "earn"}">{points:+g}</span> '
            f"{esc(label(group[0].dimension))} &middot; {name}{quote_html}</li>")


# delivery measure: its name, how its value reads, and the digits after the decimal point
DELIVERY_LABELS = {
    "words_per_minute": (N_("pace"), N_("{value} words/min"), 0),
    "long_pauses": (N_("long pauses"), "{value}", None),
    "filler_words": (N_("filler words"), "{value}", None),
    "hesitation_s": (N_("hesitation"), N_("{value} s"), 1),
    "loudness_cv": (N_("loudness variation"), "{value}", 2),
}


def _value(value: object, pattern: str = "{value}", digits: int | None = None) -> str:
    if isinstance(value, list):
        return _(", ").join(str(v) for v in value) or _("none")
    if isinstance(value, dict):
        return _(", ").join(f"{k} {v}" for k, v in value.items()) or _("none")
    if digits is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return _(pattern).format(value=decimal(value, digits))
    return _(pattern).format(value=value)


def labelled(label_html: str, value_html: str) -> str:
    """ "label: value" as the UI language punctuates it (a full-width colon in Chinese)."""
    return esc(_("{label}: {value}")).format(label=label_html, value=value_html)


def _seconds(value: float) -> str:
    return _("{value} s").format(value=decimal(value))


def _facts(turn: Turn, redact: Redactor) -> str:
    source = labels.name(labels.REPLY_SOURCES, turn.reply_source)
    facts: list[tuple[str, str]] = [(_("reply"), source)]
    tm = turn.timings
    if tm.response_gap_ms is not None:
        facts.append((_("response gap"), _seconds(tm.response_gap_ms / 1000)))
    if tm.reply_start is not None and tm.reply_end is not None:
        facts.append((_("reply length"), _seconds(max(0.0, tm.reply_end - tm.reply_start))))
    for key, value in (turn.delivery or {}).items():
        name, pattern, digits = DELIVERY_LABELS.get(key, (key, "{value}", None))
        shown = labels.name({key: name}, key) if key in DELIVERY_LABELS else key.replace("_", " ")
        facts.append((shown, redact(_value(value, pattern, digits))))
    if turn.behaviours:
        names = (labels.name(labels.INDICATORS, b) for b in turn.behaviours)
        facts.append((_("behaviours"), _(", ").join(names)))
    if turn.flags:
        facts.append(
            (_("flags"), _(", ").join(labels.name(labels.WARNINGS, f) for f in turn.flags))
        )
    return (
        '<div class="facts">'
        + "".join(f"<span>{labelled(esc(k), f'<b>{esc(v)}</b>')}</span>" for k, v in facts)
        + "</div>"
    )


def _audio(turn: Turn, session_dir: Path, report_dir: Path, embed: bool) -> str:
    rel = turn.reply_audio
    if not rel:
        return ""
    pure = PurePosixPath(rel.replace("\\", "/"))
    media = AUDIO_TYPES.get(pure.suffix.lower())
    if pure.is_absolute() or ".." in pure.parts or media is None:
        note = _("Audio not linked (not a relative audio path): {path}").format(path=rel)
        return f'<p class="small muted">{esc(note)}</p>'
    source = session_dir / pure
    try:
        inside = source.resolve().is_relative_to(session_dir.resolve())
    except OSError:
        inside = False
    if not inside or not source.is_file():
        note = _("Audio file not found: {path}").format(path=rel)
        return f'<p class="small muted">{esc(note)}</p>'
    if embed and source.stat().st_size <= MAX_EMBED_BYTES:
        url = f"data:{media};base64," + base64.b64encode(source.read_bytes()).decode("ascii")
        return f'<audio controls preload="metadata" src="{url}"></audio>'
    url = quote(Path(os.path.relpath(source, report_dir)).as_posix())
    link = esc(_("audio file"))
    return (
        f'<audio controls preload="none" src="{esc(url)}"></audio> '
        f'<a class="small noprint" href="{esc(url)}">{link}</a>'
    )


def _client_said(turn: Turn, redact: Redactor) -> str:
    """The client's line before the reply; a branch's own line first, when there was one."""
    line = esc(redact(turn.client_text))
    if not turn.branch_line:
        return line
    return f'<span class="branch-line">{esc(redact(turn.branch_line))}</span> {line}'


def _turn(i: int, turn: Turn, redact: Redactor, audio: str, said_in: str) -> str:
    reds = redact.spans(turn.reply_text)
    chips = "".join(
        f'<span class="chip d-{dim}">{esc(label(dim))} <b>{fmt(turn.scores.get(dim))}</b></span>'
        for dim in DIMENSIONS
    )
    heading = esc(_("Turn {n}").format(n=i + 1))
    node = esc(_("node")) + f" <code>{esc(turn.node)}</code>"
    client, reply = esc(_("Client")), esc(_("Reply"))
    return (
        f'<article class="turn" id="turn-{i + 1}">'
        f'<h3>{heading} <span class="muted small">{node}</span></h3>'
        f'<p class="client"><span class="who">{client}</span>'
        f'<span lang="{said_in}">{_client_said(turn, redact)}</span></p>'
        f'<p class="reply"><span class="who">{reply}</span>'
        f'<span lang="{said_in}">{mark_reply(turn, redact, reds)}</span></p>'
        f"{audio}"
        f'<div class="scores">{chips}</div>'
        f"{_evidence_list(turn, redact, reds)}{_facts(turn, redact)}</article>"
    )


def report_language(session: Session, options: ReportOptions) -> str:
    """--ui-lang or the saved setting, else the scenario's language (else the system's)."""
    return i18n.choose(options.ui_lang, None, session.scenario.language)


def render_report(
    session: Session, session_path: Path, report_path: Path, options: ReportOptions
) -> str:
    """The report's page, its own words in the session's UI language."""
    with i18n.using(report_language(session, options)) as lang:
        return _render(session, session_path, report_path, options, lang)


def _render(
    session: Session, session_path: Path, report_path: Path, options: ReportOptions, lang: str
) -> str:
    redact = Redactor(options.redact, [session.trainee])
    session_dir = session_path.resolve().parent
    report_dir = report_path.resolve().parent
    sc = session.scenario
    duration = ""
    if session.ended_at is not None:
        duration = _duration((session.ended_at - session.started_at).total_seconds())
    scenario_html = (
        f'<span lang="{esc(sc.language)}">{esc(sc.title)}</span> '
        f"<span class='muted'>(<code>{esc(sc.id)}</code>, {esc(sc.language)})</span>"
    )
    mode = labels.name(labels.MODES, session.mode)
    front = labels.name(labels.FRONT_ENDS, session.front_end)
    meta = [
        (_("Trainee"), esc(redact.person(session.trainee))),
        (_("Scenario"), scenario_html),
        (_("Date"), esc(when(session)) + (f" &middot; {esc(duration)}" if duration else "")),
        (_("Mode"), f"{esc(mode)} &middot; {esc(front)}"),
        (_("Outcome"), outcome_badge(session.outcome)),
        (_("Turns"), str(len(session.turns))),
        (_("Session"), f"<code>{esc(redact.file_stem(session.session_id))}</code>"),
    ]
    body = [
        f'<h1 lang="{esc(sc.language)}">{esc(sc.title)}</h1>',
        '<dl class="meta">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in meta) + "</dl>",
    ]
    if session.outcome in ("unfinished", "quit"):
        if session.end_reason:
            reason = labels.name(labels.END_REASONS, session.end_reason)
            if session.end_reason not in labels.END_REASONS:
                reason = session.end_reason
        else:
            reason = _("the file was saved mid-session (the program stopped or is still running)")
        body.append(
            "<p><strong>"
            + esc(_("Not finished:"))
            + f"</strong> {esc(redact(reason))}. "
            + esc(_("Scores cover the finished turns only."))
            + "</p>"
        )
    if session.ending is not None:
        name = (
            "<strong>" + esc(_("Ending")) + f"</strong> (<code>{esc(session.ending.node)}</code>)"
        )
        summary = f'<span lang="{esc(sc.language)}">{esc(redact(session.ending.summary))}</span>'
        body.append(f"<p>{labelled(name, summary)}</p>")
    body.append("<h2>" + esc(_("Scores")) + "</h2>")
    if session.turns:
        series = [{d: t.scores.get(d) for d in DIMENSIONS} for t in session.turns]
        body.append(
            '<div class="charts"><figure>'
            + score_bars(session_means(session), _("Overall scores (mean of turns)"))
            + "<figcaption>"
            + esc(_("Overall: mean of the turns, 0-100"))
            + "</figcaption>"
            + "</figure><figure>"
            + turn_lines(series, _("Scores per turn"))
            + "<figcaption>"
            + esc(_("Per turn"))
            + "</figcaption></figure></div>"
        )
    else:
        body.append("<p class='muted'>" + esc(_("No finished turns.")) + "</p>")
    redacted = esc(_("{placeholder} redacted")).format(
        placeholder='<span class="redacted">[phone]</span>'
    )
    legend = [
        '<mark class="earn">' + esc(_("earned points")) + "</mark>",
        '<mark class="cost">' + esc(_("cost points")) + "</mark>",
        '<span class="lowconf">' + esc(_("low recogniser confidence")) + "</span>",
        *([redacted] if options.redact else []),
    ]
    body.append(
        "<h2>"
        + esc(_("Transcript"))
        + '</h2><p class="legend small">'
        + "".join(f"<span>{item}</span>" for item in legend)
        + "</p>"
    )
    body.append("<section>")
    for i, turn in enumerate(session.turns):
        audio = _audio(turn, session_dir, report_dir, options.embed_audio)
        body.append(_turn(i, turn, redact, audio, esc(sc.language)))
    body.append("</section>")
    if session.debrief:
        body.append("<h2>" + esc(_("Debrief")) + f'</h2><ul lang="{esc(sc.language)}">')
        body.extend(f"<li>{esc(redact(point))}</li>" for point in session.debrief)
        body.append("</ul>")
    title = f"{redact.person(session.trainee)}: {sc.title} ({when(session)})"
    return page(title, "\n".join(body), lang=lang)


def write_report(
    session: Session, session_path: Path, report_path: Path, options: ReportOptions
) -> None:
    report_path.parent.mkdir(parents=True, exist_ok=True)
    html_text = render_report(session, session_path, report_path, options)
    report_path.write_text(html_text, encoding="utf-8")
