"""The trainee-gender setting, end to end: the client addresses the trainee in the right form,
in the terminal, the saved session and the report's debrief."""

from __future__ import annotations

import io
from pathlib import Path

from simulator.scenario.playable import open_playable
from simulator.session.record import load_session
from simulator.session.runner import PracticeSession
from simulator.session.terminal import TerminalConversation
from tests.conftest import SCENARIOS, run_holdline

RU = """\
id: ru-post-office
title: Посылка
language: ru
category: hostility
difficulty: 1
persona:
  name: Пётр Ильич
  voice: {espeak: ru, rate: 160}
  mood: irritated
setting: Вы — (m:оператор|f:операторша) почтового отделения.
rubric: RUBRIC
start: opening
nodes:
  opening:
    client: (m:Молодой человек|f:Девушка), я тут уже час стою!
    branches:
      - goto: thanks
        client: (m:Ладно, молодой человек|f:Ладно, девушка).
  thanks:
    client: Спасибо.
    end: {outcome: good, summary: Вы (m:сами|f:сами) всё уладили.}
debrief:
  - Назовите чувство клиента.
"""


def ru_scenario(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    rubric = (SCENARIOS / "rubrics" / "ru.yaml").resolve()
    path.write_text(RU.replace("RUBRIC", str(rubric)), encoding="utf-8")
    return path


def test_the_client_says_the_female_forms_to_a_woman(tmp_path: Path) -> None:
    playable = open_playable(ru_scenario(tmp_path), trainee_gender="female")
    session = PracticeSession(playable, "Оля", tmp_path / "s", front_end="text")
    out = io.StringIO()
    replies = iter(["Понимаю, что вы устали ждать. Давайте я оформлю посылку."])
    TerminalConversation(session, read=lambda prompt: next(replies), out=out).run()
    shown = out.getvalue()
    assert "операторша" in shown and "Девушка, я тут уже час стою!" in shown
    assert "Ладно, девушка." in shown and "(m:" not in shown and "Молодой" not in shown
    saved = load_session(session.path)
    assert saved.turns[0].client_text == "Девушка, я тут уже час стою!"


def test_play_option_and_the_first_form_by_default(tmp_path: Path) -> None:
    scenario = ru_scenario(tmp_path)
    replies = tmp_path / "replies.txt"
    replies.write_text("Понимаю вас. Давайте оформим посылку.\n", encoding="utf-8")
    common = ["play", scenario, "--text", "--no-audio", "--trainee", "T", "--replies", replies]
    male = run_holdline(*common, "--sessions", tmp_path / "a", "--trainee-gender", "male")
    assert male.returncode == 0, male.stderr
    assert "Молодой человек, я тут уже час стою!" in male.stdout and "Девушка" not in male.stdout
    unset = run_holdline(*common, "--sessions", tmp_path / "b", env={"HOLDLINE_TRAINEE_GENDER": ""})
    assert unset.returncode == 0 and "Молодой человек, я тут" in unset.stdout
    by_env = run_holdline(*common, "--sessions", tmp_path / "c",
                          env={"HOLDLINE_TRAINEE_GENDER": "female"})  # fmt: skip
    assert by_env.returncode == 0 and "Девушка, я тут" in by_env.stdout
    bad = run_holdline(*common, "--sessions", tmp_path / "d", env={"HOLDLINE_TRAINEE_GENDER": "x"})
    assert bad.returncode == 1
    assert bad.stderr == (
        "holdline: trainee gender 'x': use female or male (HOLDLINE_TRAINEE_GENDER)\n"
    )
