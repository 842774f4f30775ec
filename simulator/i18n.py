"""The trainee-facing language of the window and the terminal: gettext catalogs in en, ru, zh.

Catalogs live in simulator/locale/<lang>/LC_MESSAGES/holdline.po (edited by people) and .mo
(compiled by Babel: `python -m simulator.i18n compile`, checked by tests/ui/test_i18n.py).
Code marks strings with `_()` / `ngettext()` (translated where shown) or `N_()` (a constant
translated later). One UI language is active at a time, as with gettext's own `install()`: a
front end calls `use(lang)` once it knows the language; `texts(lang)` gives any other one.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "holdline"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("en", "ru", "zh")

_active: list[gettext.NullTranslations] = [gettext.NullTranslations()]
_active_lang = ["en"]


@cache
def texts(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang` (English source strings when there is none)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, [lang], fallback=True)


def supported(lang: str | None) -> str | None:
    """`lang` reduced to a UI language we have ("ru_RU.UTF-8" -> "ru"), or None."""
    if not lang:
        return None
    base = lang.replace("-", "_").split(".")[0].split("_")[0].lower()
    return base if base in LANGUAGES else None


def system_language() -> str:
    """The UI language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(var, "").split(":"):
            found = supported(part)
            if found:
                return found
    try:
        found = supported(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or "en"


def choose(explicit: str | None, saved: str | None, scenario: str | None) -> str:
    """--ui-lang, else the saved setting, else the scenario's language, else the system's."""
    return supported(explicit) or supported(saved) or supported(scenario) or system_language()


def use(lang: str) -> str:
    """Make `lang` the active UI language; returns the one actually used."""
    chosen = supported(lang) or "en"
    _active[0] = texts(chosen)
    _active_lang[0] = chosen
    return chosen


@contextmanager
def using(lang: str) -> Iterator[str]:
    """`lang` active inside the block (a report in its session's language), then the previous."""
    before = _active[0], _active_lang[0]
    try:
        yield use(lang)
    finally:
        _active[0], _active_lang[0] = before


def active() -> str:
    return _active_lang[0]


def _(message: str) -> str:
    return _active[0].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active[0].ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for extraction; translate it with `_()` where it is shown."""
    return message


def compile_catalogs() -> list[Path]:
    """Compile every .po next to its .mo (needs Babel, a dev dependency)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as f:
            write_mo(f, catalog)
        written.append(mo)
    return written


if __name__ == "__main__":  # python -m simulator.i18n compile
    if sys.argv[1:] == ["compile"]:
        for path in compile_catalogs():
            print(path)
    else:
        print("usage: python -m simulator.i18n compile", file=sys.stderr)
        sys.exit(2)
