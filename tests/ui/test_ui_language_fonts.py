"""The window's own words in Chinese get a font with Chinese glyphs whatever the scenario's
language (the name screen of an English or Russian scenario drew boxes before)."""

from __future__ import annotations

import pytest

from simulator import i18n
from simulator.ui import fonts


@pytest.mark.parametrize("scenario_language", ["en", "ru", "zh"])
def test_chinese_chrome_has_chinese_glyphs(scenario_language: str) -> None:
    i18n.use("zh")
    try:
        f = fonts.font(fonts.for_screen(scenario_language), 20)
        path = fonts.font_path(f)
        assert path is not None and fonts.file_has_glyphs(path, "你的名字 Ана Ada")
    finally:
        i18n.use("en")


def test_other_ui_languages_keep_the_scenarios_font() -> None:
    i18n.use("ru")
    try:
        assert fonts.for_screen("en") == "en" and fonts.for_screen("zh") == "zh"
    finally:
        i18n.use("en")
