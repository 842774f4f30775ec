"""Reports and the overview in a real headless Chromium: they load with no console errors, no
network, no injected script, working audio and sorting; screenshots and a print are taken.

Set HOLDLINE_SCREENSHOTS=DIR to keep the screenshots (CI can upload them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from simulator.review.overview import build_review
from simulator.review.report import ReportOptions, write_report
from simulator.review.samples import write_sessions
from simulator.session.record import load_session

from .browser import Browser, PageLog
from .conftest import PHONE, SCRIPT, write_tricky_session

AUDIO_DURATION_JS = """
new Promise(function (resolve) {
  var a = document.querySelector('audio');
  if (!a) { resolve(-2); return; }
  a.addEventListener('loadedmetadata', function () { resolve(a.duration); });
  a.addEventListener('error', function () { resolve(-1); });
  a.preload = 'auto'; a.load();
  setTimeout(function () { resolve(-3); }, 10000);
})
"""


def keep(shot: Path) -> Path:
    target = os.environ.get("HOLDLINE_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    return shot


def assert_clean(log: PageLog) -> None:
    assert log.errors == [], log.errors
    assert log.dialogs == [], f"a script ran: {log.dialogs}"
    offline = [u for u in log.requests if not u.startswith(("file:", "data:"))]
    assert offline == [], f"network requests: {offline}"


@pytest.mark.parametrize("embed", [False, True], ids=["linked-audio", "embedded-audio"])
def test_report_in_browser(browser: Browser, tmp_path: Path, embed: bool) -> None:
    session_path = write_tricky_session(tmp_path / "sessions")
    out = tmp_path / "reports" / "tricky.html"
    write_report(load_session(session_path), session_path, out, ReportOptions(True, embed))
    assert_clean(browser.open(out))
    text = browser.eval("document.body.innerText")
    assert SCRIPT in text  # shown as text, never run
    assert PHONE not in text and "[phone]" in text
    assert browser.eval("document.scripts.length") == 0
    assert browser.eval("document.querySelectorAll('mark.cost').length") >= 2
    assert browser.eval("document.querySelectorAll('.lowconf').length") >= 1
    assert browser.eval(AUDIO_DURATION_JS, await_promise=True) == pytest.approx(0.4, abs=0.05)
    assert_clean(browser.log)  # loading the audio raised no CSP or media error
    keep(browser.screenshot(tmp_path / f"report-{'embedded' if embed else 'linked'}.png"))
    assert browser.pdf()[:5] == b"%PDF-"


def test_overview_in_browser(browser: Browser, tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    write_sessions(root, 40, seed=5, audio=True)
    write_tricky_session(root / "eve")
    (root / "broken.json").write_text('{"schema_version": 1, "turns": [')
    result = build_review(root, tmp_path / "review", ReportOptions(redact=True))
    assert_clean(browser.open(result.index))
    assert "<script>alert(1)</script>" not in browser.eval("document.body.innerHTML")
    assert "broken.json" in browser.eval("document.body.innerText")

    column = """
    (function (table, col) {
      return Array.prototype.map.call(document.querySelectorAll('#' + table + ' tbody tr'),
        function (r) { return r.cells[col].getAttribute('data-v'); });
    })"""
    heads = "document.querySelectorAll('#sessions thead th')"
    browser.eval(f"{heads}[5].click()")  # Empathy, ascending
    values = browser.eval(f"{column}('sessions', 5)")
    numbers = [float(v) for v in values if v != ""]
    assert numbers == sorted(numbers) and len(values) == 41
    assert values[len(numbers) :] == [""] * (len(values) - len(numbers))  # no scores: last
    browser.eval(f"{heads}[5].click()")  # descending
    numbers = [float(v) for v in browser.eval(f"{column}('sessions', 5)") if v != ""]
    assert numbers == sorted(numbers, reverse=True)
    browser.eval(f"{heads}[1].click()")  # trainee, text
    names = browser.eval(f"{column}('sessions', 1)")
    assert names[0].casefold() <= names[-1].casefold() and names != sorted(names, reverse=True)
    assert_clean(browser.log)
    keep(browser.screenshot(tmp_path / "overview.png"))

    first_report = browser.eval("document.querySelector('#sessions a').href")
    assert first_report.startswith("file://")
    assert_clean(browser.open(Path(first_report.removeprefix("file://"))))
    assert browser.eval(AUDIO_DURATION_JS, await_promise=True) > 0  # linked from OUT_DIR
    assert_clean(browser.log)


@pytest.mark.parametrize(
    ("body", "expect"),
    [
        ("<script>console.error('boom')</script>", "errors"),
        ("<script>throw new Error('uncaught')</script>", "errors"),
        ("<script>alert(1)</script>", "dialogs"),
        ('<img src="https://example.invalid/x.png">', "requests"),
        (
            '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
            "<script>document.title = 'ran'</script>",
            "errors",
        ),
    ],
)
def test_the_harness_notices_problems(
    browser: Browser, tmp_path: Path, body: str, expect: str
) -> None:
    """The clean checks above mean something: each kind of problem is caught."""
    page = tmp_path / "bad.html"
    page.write_text(f"<!DOCTYPE html><html><head></head><body>{body}</body></html>")
    log = browser.open(page)
    caught = {
        "errors": log.errors,
        "dialogs": log.dialogs,
        "requests": [u for u in log.requests if not u.startswith("file:")],
    }
    assert caught[expect], caught
