"""`play --text` in the trainee's language: the name prompt, the mode and help line, the
prompt, scores, the end-of-play line and the background sync's notes all come from the
catalogs, so a Russian or Chinese scenario shows no English chrome."""

from __future__ import annotations

import builtins
import re
import sys
from pathlib import Path

import pytest
import yaml

from simulator.cli import main
from tests.conftest import SCENARIOS, run_holdline

PLAYS = {
    "ru": SCENARIOS / "ru" / "bank-client-jubilee-invite.yaml",
    "zh": SCENARIOS / "zh" / "bank-elder-wechat.yaml",
}
SAVED = {"ru": "сохранено в", "zh": "已保存到"}


def replies_file(lang: str, tmp_path: Path) -> Path:
    plan = yaml.safe_load(PLAYS[lang].with_suffix("").with_suffix(".plan.yaml").read_text("utf-8"))
    lines = [r["say"] if isinstance(r, dict) else r for r in plan["runs"][0]["replies"]]
    path = tmp_path / "replies.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more, leaving out paths, URLs, the program's name and
    the Enter key's."""
    text = re.sub(r"\S*[/\\]\S*", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ("holdline", "UTC", "Enter")]


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_text_mode_speaks_the_scenarios_language(lang: str, tmp_path: Path) -> None:
    done = run_holdline(
        "play", PLAYS[lang], "--text", "--no-audio", "--trainee", "Ада",
        "--replies", replies_file(lang, tmp_path), "--sessions", tmp_path / "sessions",
        "--server", "http://127.0.0.1:9", "--server-user", "ada",
        env={"HOLDLINE_CONFIG": str(tmp_path / "settings.json"), "HOLDLINE_PASSWORD": "x"},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = done.stdout
    assert not english_words(out), f"English in the {lang} terminal: {english_words(out)}"
    punctuation = {"ru": "«", "zh": "）："}[lang]  # evidence quoted «so»; "name（mood）：line"
    assert punctuation in out
    prompt = {"ru": "вы> ", "zh": "你> "}[lang]
    assert out.count(prompt) >= 2
    last = out.rstrip().splitlines()[-1]
    assert SAVED[lang] in last and last.endswith(".json"), last
    sync = [line for line in done.stderr.splitlines() if line.startswith("holdline:")]
    assert len(sync) == 1, done.stderr
    assert not english_words(sync[0]), f"English in the {lang} sync note: {sync[0]}"


def test_ui_lang_keeps_the_terminal_in_english(tmp_path: Path) -> None:
    done = run_holdline(
        "play", PLAYS["ru"], "--text", "--no-audio", "--trainee", "Ada", "--ui-lang", "en",
        "--replies", replies_file("ru", tmp_path), "--sessions", tmp_path / "sessions",
        env={"HOLDLINE_CONFIG": str(tmp_path / "settings.json")},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "you> " in done.stdout and "Empathy" in done.stdout
    assert "saved to" in done.stdout.rstrip().splitlines()[-1]


def test_the_first_name_prompt_is_in_the_scenarios_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return "Лиза"

    monkeypatch.setattr(builtins, "input", typed)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setenv("HOLDLINE_CONFIG", str(tmp_path / "settings.json"))
    args = ["play", str(PLAYS["zh"]), "--text", "--no-audio", "--sessions", str(tmp_path / "s"),
            "--replies", str(replies_file("zh", tmp_path))]  # fmt: skip
    try:
        assert main(args) == 0
    finally:
        from simulator import i18n

        i18n.use("en")
    assert prompts == ["你的名字："]
    assert "Лиза" in (tmp_path / "settings.json").read_text("utf-8"), "the name is remembered"
