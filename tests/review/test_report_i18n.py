"""The report in the session's UI language: a session played in Russian or Chinese gets a
report whose own words (headings, labels, dimensions, outcome, mode, captions, dates) are in
that language, with <html lang> to match; --ui-lang and the saved setting override it."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from simulator.cli import main
from simulator.scenario.playable import open_playable
from simulator.session.runner import PracticeSession
from simulator.session.terminal import TerminalConversation
from tests.conftest import SCENARIOS

PLAYS = {
    "en": SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml",
    "ru": SCENARIOS / "ru" / "bank-client-jubilee-invite.yaml",
    "zh": SCENARIOS / "zh" / "bank-elder-wechat.yaml",
}
# Words of the report's chrome in each language (a heading, a label, a dimension, a caption).
CHROME = {
    "en": ["Scores", "Transcript", "Trainee", "Empathy", "Overall: mean of the turns"],
    "ru": ["Баллы", "Ход разговора", "Стажёр", "Эмпатия", "Итого: среднее по ответам"],
    "zh": ["得分", "对话记录", "学员", "同理心", "总体：各回合平均分"],
}


def played(lang: str, folder: Path) -> Path:
    """A session played for real (engine, scorer, recorder) with the plan's first run."""
    scenario = PLAYS[lang]
    plan = yaml.safe_load(scenario.with_suffix("").with_suffix(".plan.yaml").read_text("utf-8"))
    replies = [r["say"] if isinstance(r, dict) else r for r in plan["runs"][0]["replies"]]
    session = PracticeSession(open_playable(scenario), "Ада Лэй", folder, front_end="text")

    def read(_prompt: str) -> str:
        if not replies:
            raise EOFError
        return replies.pop(0)

    terminal = TerminalConversation(session, read=read, out=io.StringIO(), err=io.StringIO())
    terminal.run()
    terminal.turns.close()
    return session.path


def report(session: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    assert main(["report", str(session), "-o", str(out), *extra]) == 0
    return out.read_text(encoding="utf-8")


class Chrome(HTMLParser):
    """The page's text outside code and outside anything the session itself said (the
    elements marked with the scenario's language)."""

    def __init__(self, said_in: str):
        super().__init__()
        self.said_in = said_in
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "br", "rect", "line", "polyline"):
            return
        quoted = tag in ("code", "style", "title") or dict(attrs).get("lang") == self.said_in
        self.stack.append(quoted or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("meta", "br", "rect", "line", "polyline") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def chrome_text(html: str, said_in: str) -> str:
    # the page's own <html lang> is the UI language, so it never hides the chrome
    parser = Chrome(said_in)
    parser.feed(re.sub(r"<html[^>]*>", "<html>", html))
    return " ".join(parser.text)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_a_session_in_russian_or_chinese_reports_in_its_language(lang: str, tmp_path: Path) -> None:
    html = report(played(lang, tmp_path / "sessions"), tmp_path)
    assert f'<html lang="{lang}">' in html
    for words in CHROME[lang]:
        assert words in html, words
    english = [w for w in re.findall(r"[A-Za-z]{3,}", chrome_text(html, lang))
               if w not in ("holdline", "UTC")]  # fmt: skip
    assert not english, f"English chrome in the {lang} report: {english}"
    date = {"ru": r"\d\d\.\d\d\.20\d\d, \d\d:\d\d UTC", "zh": r"20\d\d年\d\d月\d\d日"}[lang]
    assert re.search(date, html)


def test_ui_lang_and_the_saved_setting_choose_the_reports_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = played("ru", tmp_path / "sessions")
    english = report(session, tmp_path, "--ui-lang", "en")
    assert '<html lang="en">' in english and "Transcript" in english and "Empathy" in english
    assert "Ход разговора" not in english
    assert 'lang="ru"' in english, "what the client and trainee said keeps its own language"

    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"ui_lang": "zh"}), encoding="utf-8")
    monkeypatch.setenv("HOLDLINE_CONFIG", str(settings))
    assert "对话记录" in report(session, tmp_path)
    assert "Ход разговора" in report(session, tmp_path, "--ui-lang", "ru")


def test_review_writes_each_session_page_in_its_own_language(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    for lang in ("en", "ru", "zh"):
        played(lang, sessions)
    out = tmp_path / "review"
    assert main(["review", str(sessions), "-o", str(out)]) == 0
    pages = {
        re.search(r'<html lang="(\w+)">', p.read_text("utf-8")).group(1): p.read_text("utf-8")
        for p in out.rglob("*.html")
        if p.name != "index.html"
    }
    assert sorted(pages) == ["en", "ru", "zh"]
    for lang, html in pages.items():
        assert CHROME[lang][1] in html
    index = (out / "index.html").read_text("utf-8")
    assert '<html lang="en">' in index, "the trainer's overview stays in one language"


def test_russian_numbers_use_a_decimal_comma(tmp_path: Path) -> None:
    html = report(played("ru", tmp_path / "sessions"), tmp_path)
    facts = re.findall(r"пауза перед ответом: <b>([^<]+)</b>", html)
    assert facts and all(re.fullmatch(r"\d+,\d с", f) for f in facts), facts


def test_quotes_and_colons_follow_the_language(tmp_path: Path) -> None:
    ru = report(played("ru", tmp_path / "ru"), tmp_path)
    assert re.search(r'<ul class="evidence">.*?«[^»<]+»', ru), "Russian quotes evidence «so»"
    zh = report(played("zh", tmp_path / "zh"), tmp_path)
    assert "回复方式：<b>打字</b>" in zh, "a full-width colon after a Chinese label"
