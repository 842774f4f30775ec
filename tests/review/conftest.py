"""Fixtures: sessions written with the real SessionRecorder, and one headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from simulator.review.samples import SCENARIOS, write_wav
from simulator.scoring.evidence import Evidence
from simulator.session.record import Scores, SessionRecorder, Timings, Turn
from simulator.transcript import Word

from .browser import Browser, find_chromium

PHONE = "+44 7700 900456"
EMAIL = "jo.bloggs@example.org"
SCRIPT = "<script>alert(1)</script>"
TRICKY = f'{SCRIPT} Fine, call me on {PHONE} or mail {EMAIL} & we\'ll "sort it" tonight.'


def tricky_turn(audio: str | None) -> Turn:
    def span(phrase: str) -> tuple[int, int]:
        at = TRICKY.index(phrase)
        return at, at + len(phrase)

    cave = span("Fine")
    share = span(f"call me on {PHONE}")
    words = [Word(w, 0.3 + i * 0.3, 0.5 + i * 0.3, 0.35 if w == "tonight." else 0.93)
             for i, w in enumerate(TRICKY.split())]  # fmt: skip
    return Turn(
        node="ask",
        client_text="Can I have your number so we can grab a coffee? Mine's 020 7946 0958.",
        reply_text=TRICKY,
        reply_source="typed",
        reply_audio=audio,
        words=words,
        scores=Scores(empathy=41, firmness=12, boundary_clarity=5),
        evidence=[
            Evidence(
                dimension="firmness",
                indicator="cave_in",
                points=-25,
                start=cave[0],
                end=cave[1],
                text="Fine",
            ),
            Evidence(
                dimension="boundary_clarity",
                indicator="share_personal_info",
                points=-30,
                start=share[0],
                end=share[1],
                text=f"call me on {PHONE}",
            ),
            Evidence(
                dimension="empathy",
                indicator="warm_tone",
                points=5,
                start=share[0],
                end=share[0] + 4,
                text="call",
            ),
        ],  # fmt: skip
        behaviours=["cave_in", "share_personal_info"],
        flags=["low_confidence"],
        delivery={
            "words_per_minute": 151.0,
            "long_pauses": 1,
            "filler_words": ["um"],
            "hesitation_s": 1.4,
            "loudness_cv": 0.22,
        },  # fmt: skip
        timings=Timings(
            client_start=1.0, client_end=4.0, reply_start=5.4, reply_end=11.0, response_gap_ms=1400
        ),  # fmt: skip
    )


def write_tricky_session(directory: Path, *, finish: bool = True) -> Path:
    scenario, _, _, debrief = SCENARIOS[1]
    rec = SessionRecorder(directory, trainee="Eve <b>O'Neil</b>", scenario=scenario,
                          mode="exam", front_end="text", debrief=debrief,
                          started_at=datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc))  # fmt: skip
    audio = f"audio/{rec.session_id}/turn1.wav"
    write_wav(directory / audio)
    rec.add_turn(tricky_turn(audio))
    if finish:
        rec.finish("bad", "accept", "The limit gave way: you shared your number.")
    return rec.path


@pytest.fixture
def tricky_session(tmp_path: Path) -> Path:
    return write_tricky_session(tmp_path / "sessions")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium): browser checks skipped")
    b = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()
