"""The UI catalogs: every string the window and terminal show is translated in ru and zh, with
the right plural forms and placeholders, and the compiled .mo files match the .po files."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from babel.util import pathmatch

from simulator import i18n
from tests.conftest import REPO

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHODS = [  # the same sections as babel.cfg, which `pybabel extract -F babel.cfg` uses
    (line[1:-1].split(":", 1)[1].strip(), "python")
    for line in (REPO / "babel.cfg").read_text(encoding="utf-8").splitlines()
    if line.startswith("[python:")
]
PLURALS = {"en": 2, "ru": 3, "zh": 1}
# Translations that may equal the English: placeholders only, or names of things.
SAME_OK = re.compile(r"^[\s\W\d{}a-z_:.+-]*$")


def source_messages() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        REPO / "simulator", METHODS, KEYWORDS
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def called_strings() -> set[str]:
    """Every literal passed to _() in the extracted files, as the code runs it: f-strings
    included, which Babel's extractor does not look into."""
    found: set[str] = set()
    root = REPO / "simulator"
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).as_posix()
        if any(pathmatch(pattern, rel) for pattern, _method in METHODS):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.add(node.args[0].value)
    return found


def test_no_string_hides_from_the_extractor() -> None:
    hidden = sorted(called_strings() - {m for m in source_messages() if isinstance(m, str)})
    assert not hidden, f"translated where shown but not extracted (inside an f-string?): {hidden}"


def catalog(lang: str):  # type: ignore[no-untyped-def]
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "holdline.po"
    with path.open("rb") as f:
        return read_po(f, locale=lang)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_every_string_in_the_code_is_translated(lang: str) -> None:
    cat = catalog(lang)
    wanted = source_messages()
    assert len(wanted) > 150, "extraction found the marked strings"
    have = {m.id for m in cat if m.id}
    missing = sorted(str(w) for w in wanted if w not in have)
    assert not missing, f"{lang}: not in the catalog (run pybabel extract/update): {missing}"
    stale = sorted(str(h) for h in have if h not in wanted)
    assert not stale, f"{lang}: in the catalog but no longer in the code: {stale}"
    for m in cat:
        if not m.id:
            continue
        strings = list(m.string) if isinstance(m.string, tuple | list) else [m.string]
        assert all(strings), f"{lang}: untranslated {m.id!r}"
        assert not m.fuzzy, f"{lang}: fuzzy {m.id!r}"
        if isinstance(m.id, tuple):
            assert len(strings) == PLURALS[lang], f"{lang}: plural forms of {m.id[0]!r}"
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        fields = set(re.findall(r"\{[^}]*\}", ids[-1]))
        for s in strings:
            assert set(re.findall(r"\{[^}]*\}", s)) == fields, f"{lang}: placeholders in {s!r}"


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_translations_are_not_english(lang: str) -> None:
    english = [
        m.id
        for m in catalog(lang)
        if isinstance(m.id, str) and m.id and m.string == m.id and not SAME_OK.match(m.id)
    ]
    assert not english, f"{lang}: left in English: {english}"
    latin = re.compile(r"[A-Za-z]{4,}")
    for m in catalog(lang):
        if not m.id:
            continue
        s = m.string if isinstance(m.string, str) else " ".join(m.string)
        words = latin.findall(re.sub(r"\{[^}]*\}|--[a-z-]+|/[a-z]+", "", s))
        assert not [w for w in words if w != "Enter"], f"{lang}: English words in {s!r}"


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_compiled_catalogs_match_the_po_files(lang: str) -> None:
    mo_path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "holdline.mo"
    with mo_path.open("rb") as f:
        mo = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    po = {_key(m.id): _key(m.string) for m in catalog(lang) if m.id}
    assert mo == po, f"{lang}: .mo is stale: run python -m simulator.i18n compile"


def test_every_mood_and_category_has_a_name_to_translate() -> None:
    from simulator import labels
    from simulator.scenario.model import Category, Mood

    assert {m.value for m in Mood} <= set(labels.MOODS)
    assert {c.value for c in Category} <= set(labels.CATEGORIES)


def test_russian_plurals_have_three_forms() -> None:
    t = i18n.texts("ru")
    forms = [t.ngettext("{n} filler word", "{n} filler words", n).format(n=n) for n in (1, 3, 5)]
    assert forms == ["1 слово-паразит", "3 слова-паразита", "5 слов-паразитов"]
    synced = "synced to {url}: uploaded {n}"
    uploads = [t.ngettext(synced, synced, n).format(url="U", n=n).split()[-1] for n in (1, 3, 5)]
    assert uploads == ["занятие", "занятия", "занятий"]
    zh = i18n.texts("zh").ngettext("{n} filler word", "{n} filler words", 7).format(n=7)
    assert zh == "口头禅 7 个"


def test_the_ui_language_follows_flag_then_setting_then_scenario(monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert i18n.choose("ru", "zh", "en") == "ru"
    assert i18n.choose(None, "zh", "ru") == "zh"
    assert i18n.choose(None, None, "ru") == "ru"
    assert i18n.choose(None, None, "ko") == "zh", "no catalog for Korean: the system's language"
    monkeypatch.setenv("LANGUAGE", "")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert i18n.system_language() == "ru"
    try:
        assert i18n.use("ru") == "ru" and i18n._("Empathy") == "Эмпатия"
        assert i18n.use("xx") == "en" and i18n._("Empathy") == "Empathy"
    finally:
        i18n.use("en")


def test_the_mo_files_are_package_data() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "locale/*/LC_MESSAGES/*.mo" in text
    assert Path(i18n.LOCALE_DIR).is_dir()


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value
