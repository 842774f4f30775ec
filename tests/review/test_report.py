"""`holdline report`: escaping, redaction, evidence, audio, unfinished and broken sessions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.review.report import ReportOptions, render_report
from simulator.session.record import load_session

from .conftest import EMAIL, PHONE, SCRIPT, write_tricky_session


def report(session_path: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "out" / "report.html"
    assert main(["report", str(session_path), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


def urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]*)"', html)


def test_session_text_is_escaped(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path)
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Eve &lt;b&gt;O&#x27;Neil&lt;/b&gt;" in html  # trainee name
    assert "&amp; we&#x27;ll &quot;sort it&quot;" in html
    assert html.count("<script") == 0  # a report needs no script at all
    assert "script-src &#x27;none&#x27;" in html


def test_without_redact_details_are_shown(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path)
    assert PHONE in html and EMAIL in html and "020 7946 0958" in html


def test_redact_removes_details_everywhere(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path, "--redact")
    for detail in (PHONE, "7700", "900456", EMAIL, "bloggs", "020 7946 0958"):
        assert detail not in html
    assert '<span class="redacted">[phone]</span>' in html
    assert '<span class="redacted">[email]</span>' in html
    assert "call me on [phone]" in html  # evidence quotes too


def test_evidence_marks_earned_and_cost(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path, "--redact")
    assert re.search(r'<mark class="cost" title="Firmness -25: Gives in">Fine</mark>', html)
    # the phone number sits inside a cost span; the first word also earned a point, and is
    # painted by what it nets (a cost)
    assert re.search(r'<mark class="cost" title="[^"]*Shares personal details[^"]*">call</mark>', html)
    assert re.search(
        r'<mark class="cost"[^>]*><span class="redacted">\[phone\]</span></mark>', html
    )
    assert (
        '<span class="pts-cost">-30</span>' in html and '<span class="pts-earn">+5</span>' in html
    )
    assert re.search(r'<span class="lowconf" title="recogniser confidence 0.35">tonight\.</span>',
                     html)  # fmt: skip


def test_charts_header_debrief_and_delivery(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path)
    assert html.count("<svg") == 2
    for text in ("The member who wants your phone number", "2026-11-20 09:30 UTC", "exam",
                 'class="badge o-bad"', "Say no clearly and kindly", "151 words/min",
                 "response gap: <b>1.4 s</b>", "filler words: <b>um</b>"):  # fmt: skip
        assert text in html


def test_audio_is_a_relative_link_by_default(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path)
    session = load_session(tricky_session)
    rel = "../sessions/" + session.turns[0].reply_audio  # report in out/, session in sessions/
    assert f'<audio controls preload="none" src="{rel}">' in html
    for url in urls(html):
        assert not re.match(r"^[a-z]+:", url) and not url.startswith("//")  # no network


def test_embed_audio_uses_a_data_uri(tricky_session: Path, tmp_path: Path) -> None:
    html = report(tricky_session, tmp_path, "--embed-audio")
    assert 'src="data:audio/wav;base64,UklGR' in html
    assert all(u.startswith("data:audio/wav;base64,") for u in urls(html))


@pytest.mark.parametrize("audio", ["/etc/passwd.wav", "../../secret.wav", "notes.txt", "no.wav"])
def test_unsafe_or_missing_audio_is_not_linked(tricky_session: Path, tmp_path: Path,
                                               audio: str) -> None:  # fmt: skip
    data = json.loads(tricky_session.read_text())
    data["turns"][0]["reply_audio"] = audio
    tricky_session.write_text(json.dumps(data))
    html = report(tricky_session, tmp_path, "--embed-audio")
    assert "<audio" not in html and "Audio" in html


def test_unfinished_session_reports_finished_turns(tmp_path: Path) -> None:
    path = write_tricky_session(tmp_path / "s", finish=False)
    html = report(path, tmp_path)
    assert 'class="badge o-unfinished"' in html and "Not finished:" in html
    assert "saved mid-session" in html and 'id="turn-1"' in html


def test_session_without_turns(tmp_path: Path) -> None:
    path = write_tricky_session(tmp_path / "s")
    data = json.loads(path.read_text())
    data["turns"] = []
    path.write_text(json.dumps(data))
    html = render_report(load_session(path), path, tmp_path / "r.html", ReportOptions())
    assert "No finished turns." in html and "<svg" not in html


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"schema_version": 1, "turns": [', "not valid JSON"),
        ('{"schema_version": 99}', "schema_version 99 is newer"),
        ('{"schema_version": 1}', "session_id: missing"),
    ],
)
def test_broken_session_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, reason: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert main(["report", str(path), "-o", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("holdline: ") and reason in err and err.count("\n") == 1
    assert "Traceback" not in err and not (tmp_path / "r.html").exists()
