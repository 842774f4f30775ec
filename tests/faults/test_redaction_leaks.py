"""`--redact` leaks found in issue 16: fragments in quotes, ru/zh spoken digits, spelled-out
e-mail, handles, the trainee's name and file names, dates taken for phones, quadratic time."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.review.redact import Redactor
from simulator.transcript import Word

from .conftest import quote_turn, write_session


def report(session: Path, tmp_path: Path) -> str:
    out = tmp_path / "r.html"
    assert main(["report", str(session), "-o", str(out), "--redact"]) == 0
    return out.read_text(encoding="utf-8")


def test_quotes_are_cut_from_the_redacted_reply(sessions: Path, tmp_path: Path) -> None:
    reply = "sure, it is oh oh one two three four five six and I will wait"
    quote = "it is oh oh one two three"  # the scorer's span ends inside the number
    html = report(write_session(sessions, [quote_turn(reply, [quote])]), tmp_path)
    assert "one two three" not in html and "[phone]" in html


def test_quote_that_ends_inside_a_number(sessions: Path, tmp_path: Path) -> None:
    reply = "my number is five five five one two three four, thanks"
    quote = "my number is five five five one"
    html = report(write_session(sessions, [quote_turn(reply, [quote])]), tmp_path)
    assert "five five" not in html and "[phone]" in html


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        (
            "мой номер восемь девять один два три четыре пять шесть семь восемь девять",
            "девять один",
        ),
        ("我的电话是一 三 八 零 零 一 二 三 四 五 六", "零 零"),
        ("我的电话是一三八零零一二三四五六", "零零"),
        ("write to jo dot bloggs at gmail dot com", "jo dot"),
        ("пишите на иван точка петров собака mail точка ru", "петров"),
        ("邮箱是 jo 点 bloggs 艾特 qq 点 com", "bloggs"),
        ("find me on @jo_bloggs99", "jo_bloggs99"),
    ],
)
def test_details_in_every_language_are_caught(text: str, leak: str) -> None:
    redacted = Redactor(True)(text)
    assert leak not in redacted, redacted


@pytest.mark.parametrize(
    "text", ["born 1990-04-12, seen 12.04.2026", "server 192.168.100.254 is down", "on 03/12/2026"]
)
def test_dates_and_ip_addresses_are_not_phones(text: str) -> None:
    assert Redactor(True)(text) == text


def test_phone_typed_as_the_trainee_name_never_reaches_any_output(
    sessions: Path, tmp_path: Path
) -> None:
    phone = "07700 900 123"
    write_session(sessions, [quote_turn("Hi, this is 07700 900 123 speaking", [])], trainee=phone)
    out, table = tmp_path / "out", tmp_path / "t.csv"
    assert main(["review", str(sessions), "-o", str(out), "--redact", "--csv", str(table)]) == 0
    names = [p.name for p in out.rglob("*")]
    texts = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    texts.append(table.read_text(encoding="utf-8-sig"))
    for blob in [*texts, *names]:
        assert "07700" not in blob and "900-123" not in blob and "900_123" not in blob, blob[:200]
    rows = list(csv.reader(table.open(encoding="utf-8-sig")))
    assert rows[1][2].startswith("trainee-")


def test_trainee_name_in_the_transcript_is_redacted(sessions: Path, tmp_path: Path) -> None:
    session = write_session(
        sessions, [quote_turn("Hello, Jo Bloggs here", [])], trainee="Jo Bloggs"
    )
    html = report(session, tmp_path)
    assert "Bloggs" not in html and "[name]" in html


def test_redaction_time_is_linear(sessions: Path, tmp_path: Path) -> None:
    """100 KB holding 7,000 phone numbers and 14,000 low-confidence words: the spans were
    checked against each other and against every cut (quadratic, seconds); now one sweep."""
    reply = ("07700900123 x " * 8000)[:100_000]
    words = tuple(Word(w, i * 0.1, i * 0.1 + 0.05, 0.3) for i, w in enumerate(reply.split()))
    turn = quote_turn(reply, [reply[:5000]]).model_copy(update={"words": words})
    session = write_session(sessions, [turn])
    started = time.perf_counter()
    report(session, tmp_path)
    elapsed = time.perf_counter() - started
    print(f"100 KB reply, --redact report: {elapsed:.2f} s")
    assert elapsed < 2.0
