"""Fonts that can show the scenario's language, loaded once and cached.

Chinese needs a CJK font (WenQuanYi, Noto Sans CJK); Russian and English use DejaVu Sans. When
nothing suitable is installed we fall back to pygame's bundled font so the app still runs (with
tofu boxes for CJK). Debian packages: fonts-wqy-microhei, fonts-dejavu-core.
"""

from __future__ import annotations

import functools
import os
import subprocess
from pathlib import Path

import pygame
import pygame.freetype

from simulator import i18n

# (regular, bold) candidates in order of preference; bold may be None (synthetic bold is used).
_KNOWN: dict[str, tuple[tuple[str, str | None], ...]] = {
    "zh": (
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
        (
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        ),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", None),
    ),
    "latin": (
        (
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        ),
        (
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        ),
        (
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        ),
    ),
}

# A short sample each language's font must render without tofu.
SAMPLES: dict[str, str] = {
    "zh": "我理解您的心情",
    "ru": "Здравствуйте, я понимаю",
    "en": "Hello, I understand…",
}

# Fonts we created, so has_glyphs and resized can find their file: id(font) -> (font, path, bold).
_REGISTRY: dict[int, tuple[pygame.font.Font, str | None, bool]] = {}


def default_font_path() -> str:
    """pygame's bundled font file (Latin only)."""
    return str(Path(pygame.__file__).parent / pygame.font.get_default_font())


@functools.lru_cache(maxsize=32)
def _freetype(path: str) -> pygame.freetype.Font | None:
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    try:
        return pygame.freetype.Font(path, 16)
    except (OSError, pygame.error):
        return None


def file_has_glyphs(path: str, text: str) -> bool:
    """True when the font file maps every non-space character of `text` to a real glyph."""
    ft = _freetype(path)
    if ft is None:
        return False
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return True
    try:
        return all(m is not None for m in ft.get_metrics("".join(chars)))
    except (pygame.error, ValueError):
        return False


def _fontconfig(language: str) -> list[str]:
    """Font files fontconfig lists for a language (empty when fontconfig is not installed)."""
    out: list[str] = []
    for cmd in (
        ["fc-list", f":lang={language}", "file"],
        ["fc-match", "-f", "%{file}", f":lang={language}"],
    ):
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=3, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        for line in res.stdout.splitlines():
            path = line.strip().rstrip(":").strip()
            if path and path not in out:
                out.append(path)
    # Prefer sans fonts in TrueType/OpenType files we can open.
    out.sort(key=lambda p: ("sans" not in p.lower(), "bold" in p.lower(), p))
    return out


def _lang_key(language: str) -> str:
    lang = (language or "en").lower().split("-")[0].split("_")[0]
    return "zh" if lang in ("zh", "cmn", "yue") else lang


@functools.lru_cache(maxsize=16)
def font_files(language: str) -> tuple[str | None, str | None]:
    """(regular, bold) font files for a language; (None, None) means pygame's default font."""
    lang = _lang_key(language)
    sample = SAMPLES.get(lang, SAMPLES["en"])
    known = _KNOWN["zh"] if lang == "zh" else _KNOWN["latin"]
    for regular, bold in known:
        if os.path.exists(regular) and file_has_glyphs(regular, sample):
            return regular, (bold if bold and os.path.exists(bold) else None)
    for path in _fontconfig(lang):
        if os.path.exists(path) and file_has_glyphs(path, sample):
            return path, None
    return None, None


def for_screen(language: str) -> str:
    """The font language for a screen showing `language` text with the window's own words:
    Chinese when either is (a CJK font carries Latin and Cyrillic too, not the other way)."""
    return "zh" if i18n.active() == "zh" else language


@functools.lru_cache(maxsize=128)
def font(language: str, size: int, bold: bool = False) -> pygame.font.Font:
    """A cached font for `language` at pixel `size` (falls back to pygame's default font)."""
    if not pygame.font.get_init():
        pygame.font.init()
    size = max(6, int(size))
    regular, bold_file = font_files(language)
    path = bold_file if bold and bold_file else regular
    try:
        f = pygame.font.Font(path, size)
    except (OSError, pygame.error):
        path = None
        f = pygame.font.Font(None, size)
    if bold and (path is None or path != bold_file):
        f.set_bold(True)
    _REGISTRY[id(f)] = (f, path, bold)
    return f


def font_path(f: pygame.font.Font) -> str | None:
    """The file a font from `font()` was loaded from (None for pygame's default or unknown)."""
    entry = _REGISTRY.get(id(f))
    return entry[1] if entry and entry[0] is f else None


@functools.lru_cache(maxsize=128)
def _resized(path: str | None, bold: bool, size: int) -> pygame.font.Font:
    f = pygame.font.Font(path, max(6, size))
    if bold and path is not None and "bold" not in path.lower():
        f.set_bold(True)
    _REGISTRY[id(f)] = (f, path, bold)
    return f


def resized(f: pygame.font.Font, size: int, bold: bool | None = None) -> pygame.font.Font:
    """The same face as `f` at another size (e.g. big numbers); `f` itself if unknown."""
    entry = _REGISTRY.get(id(f))
    if entry is None or entry[0] is not f:
        return f
    return _resized(entry[1], entry[2] if bold is None else bold, int(size))


def has_glyphs(f: pygame.font.Font, text: str) -> bool:
    """True when `f` has real glyphs (not tofu) for every non-space character of `text`."""
    entry = _REGISTRY.get(id(f))
    if entry is not None and entry[0] is f:
        return file_has_glyphs(entry[1] or default_font_path(), text)
    # A font we did not load: compare each glyph with the font's "missing glyph" box.
    tofu = pygame.image.tobytes(f.render("\uffff", False, (0, 0, 0), (255, 255, 255)), "RGB")
    for ch in set(text):
        if ch.isspace():
            continue
        img = pygame.image.tobytes(f.render(ch, False, (0, 0, 0), (255, 255, 255)), "RGB")
        if img == tofu:
            return False
    return True
