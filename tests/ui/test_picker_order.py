"""The picker lists the UI language's scenarios first, and keeps the choice when L changes it."""

from __future__ import annotations

from pathlib import Path

import pygame

from simulator import i18n
from simulator.ui.app import App, AppConfig
from simulator.ui.scenes import PickerScene, first_scene
from tests.conftest import SCENARIOS


def test_the_ui_languages_scenarios_come_first(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOLDLINE_CONFIG", str(tmp_path / "settings.json"))  # L saves the choice
    app = App(AppConfig(scenario_path=None, library=SCENARIOS, trainee="Аня", ui_lang="ru",
                        sessions=tmp_path, typed=True, headless=True))  # fmt: skip
    try:
        app.switch(first_scene(app))
        picker = app.scene
        assert isinstance(picker, PickerScene)
        langs = [e.language for e in picker.entries]
        assert langs[0] == "ru" and langs == sorted(langs, key=lambda lang: lang != "ru")
        assert len(picker.entries) == len(picker.library)
        assert picker.selected == 0, "the first Russian scenario is the one selected"
        picker.selected = 3
        chosen = picker.entries[3]
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=0, scancode=pygame.KSCAN_L,
                                             mod=0, unicode=""))  # fmt: skip
        app.step()
        now = i18n.active()
        assert now != "ru" and picker.entries[0].language == now
        assert picker.entries[picker.selected] is chosen
    finally:
        if app.scene is not None:
            app.scene.close()
        i18n.use("en")
