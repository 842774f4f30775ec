"""Which espeak-ng voices this machine has, for the scenario linter and the TTS worker.

    installed_voices() -> set[str] | None     # None: espeak-ng is not installed
    installed_variants() -> set[str] | None   # 'f3', 'klatt', 'whisper', ...
    voice_installed("en-us+f3") -> bool | None
    espeak_identifier("en-gb+f3") -> "gmw/en+f3"   # what pyttsx3/SetVoiceByName accepts

Names are compared in lower case. A voice is found by its language code ('en-us', 'cmn'), one of
its "other languages" ('en', 'zh'), or its file name ('gmw/en-us' or just 'en-us'), which is what
espeak-ng's own voice selection accepts. An optional '+variant' suffix must name a variant file
listed by ``espeak-ng --voices=variant``. The answer is computed once per process.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

ESPEAK_PACKAGE = "espeak-ng"
_OTHER_LANGUAGE = re.compile(r"\(([^\s()]+)\s+\d+\)")


def espeak_binary() -> str | None:
    """Path of the espeak-ng program, or None when it is not installed."""
    return shutil.which("espeak-ng")


def _run_voices(argument: str) -> str | None:
    binary = espeak_binary()
    if binary is None:
        return None
    try:
        done = subprocess.run(
            [binary, argument], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout


def parse_voice_list(listing: str) -> set[str]:
    """Names from ``espeak-ng --voices`` output: language, file, file basename, other languages."""
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5:
            continue
        language, file_name = fields[1].lower(), fields[4].lower()
        names.add(language)
        names.add(file_name)
        names.add(file_name.rsplit("/", 1)[-1])
        rest = " ".join(fields[5:])
        names.update(m.lower() for m in _OTHER_LANGUAGE.findall(rest))
    return names


def parse_variant_list(listing: str) -> set[str]:
    """Variant names from ``espeak-ng --voices=variant`` output ('!v/f3' -> 'f3')."""
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5:
            continue
        names.add(fields[4].rsplit("/", 1)[-1].lower())
        names.add(fields[3].lower())
    return names


def parse_voice_files(listing: str) -> dict[str, str]:
    """Lower-case name -> espeak voice file ('en-gb' -> 'gmw/en', 'en' -> 'gmw/en').

    Exact language codes and file names win; an "other language" entry maps to the voice
    that lists it with the best (lowest) priority.
    """
    exact: dict[str, str] = {}
    other: dict[str, tuple[int, str]] = {}
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5:
            continue
        file_name = fields[4]
        for key in (fields[1], file_name, file_name.rsplit("/", 1)[-1]):
            exact.setdefault(key.lower(), file_name)
        for lang, prio in re.findall(r"\(([^\s()]+)\s+(\d+)\)", " ".join(fields[5:])):
            best = other.get(lang.lower())
            if best is None or int(prio) < best[0]:
                other[lang.lower()] = (int(prio), file_name)
    return {**{k: f for k, (_, f) in other.items()}, **exact}


@functools.lru_cache(maxsize=1)
def _voice_files() -> dict[str, str] | None:
    listing = _run_voices("--voices")
    return None if listing is None else parse_voice_files(listing)


def _voices() -> frozenset[str] | None:
    files = _voice_files()
    return None if files is None else frozenset(files)


def espeak_identifier(name: str) -> str:
    """The name espeak-ng's SetVoiceByName accepts: 'en-gb+f3' -> 'gmw/en+f3'.

    Language codes such as 'en-gb' are not voice names to SetVoiceByName, so they are mapped
    to their voice file; unknown names come back unchanged.
    """
    files = _voice_files() or {}
    base, variant = split_voice(name)
    ident = files.get(base.lower(), base)
    return f"{ident}+{variant}" if variant else ident


@functools.lru_cache(maxsize=1)
def _variants() -> frozenset[str] | None:
    listing = _run_voices("--voices=variant")
    return None if listing is None else frozenset(parse_variant_list(listing))


def installed_voices() -> set[str] | None:
    """Voice names espeak-ng accepts here (lower case), or None when espeak-ng is missing."""
    voices = _voices()
    return None if voices is None else set(voices)


def installed_variants() -> set[str] | None:
    """Variant names ('f3', 'klatt', ...) in lower case, or None when espeak-ng is missing."""
    variants = _variants()
    return None if variants is None else set(variants)


def clear_cache() -> None:
    """Forget the cached listings (tests; after installing voices)."""
    _voice_files.cache_clear()
    _variants.cache_clear()


def split_voice(name: str) -> tuple[str, str | None]:
    """'en-us+f3' -> ('en-us', 'f3'); 'ru' -> ('ru', None)."""
    base, _, variant = name.strip().partition("+")
    return base, (variant or None)


def voice_installed(name: str) -> bool | None:
    """True when espeak-ng has this voice (and its +variant); None when espeak-ng is missing."""
    voices = _voices()
    if voices is None:
        return None
    base, variant = split_voice(name)
    if base.lower() not in voices:
        return False
    if variant is None:
        return True
    variants = _variants()
    if variants is None:
        return None
    return variant.lower() in variants
