"""The words sessions store as codes (dimensions, outcomes, modes, roles, where a reply came
from, flags, delivery measures), named in the page's language. A code with no name here is
shown as it is stored."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy, pgettext_lazy

DIMENSIONS = {
    "empathy": gettext_lazy("Empathy"),
    "firmness": gettext_lazy("Firmness"),
    "boundary_clarity": gettext_lazy("Boundary clarity"),
}
OUTCOMES = {
    "good": pgettext_lazy("outcome", "good"),
    "mixed": pgettext_lazy("outcome", "mixed"),
    "bad": pgettext_lazy("outcome", "bad"),
    "quit": pgettext_lazy("outcome", "quit"),
    "unfinished": pgettext_lazy("outcome", "unfinished"),
}
MODES = {"practice": pgettext_lazy("mode", "practice"), "exam": pgettext_lazy("mode", "exam")}
ROLES = {
    "trainee": gettext_lazy("trainee"),
    "trainer": gettext_lazy("trainer"),
    "admin": gettext_lazy("admin"),
}
SOURCES = {
    "speech": pgettext_lazy("reply source", "speech"),
    "typed": pgettext_lazy("reply source", "typed"),
    "scripted": pgettext_lazy("reply source", "scripted"),
}
FLAGS = {
    "low_confidence": gettext_lazy("low recognition confidence"),
    "rubric_language_mismatch": gettext_lazy("reply not in the rubric's language"),
    "truncated": gettext_lazy("reply cut short"),
}


END_REASONS = {  # why a session stopped before an ending, as the session runner words it
    "input ended before the conversation did": gettext_lazy(
        "the input ended before the conversation did"
    ),
    "the scripted replies ran out": gettext_lazy("the scripted replies ran out"),
    "the trainee quit": gettext_lazy("the trainee quit"),
    "trainee closed the window": gettext_lazy("the trainee closed the window"),
}
PER_MINUTE = gettext_lazy("%(n)s words/min")
SECONDS = gettext_lazy("%(n)s s")
DELIVERY: dict[str, tuple[object, int, object]] = {  # name, decimals, unit
    "words_per_minute": (gettext_lazy("pace"), 0, PER_MINUTE),
    "speaking_rate_wpm": (gettext_lazy("pace"), 0, PER_MINUTE),
    "long_pauses": (gettext_lazy("long pauses"), 0, "%(n)s"),
    "fillers": (gettext_lazy("filler words"), 0, "%(n)s"),
    "filler_words": (gettext_lazy("filler words"), 0, "%(n)s"),
    "hesitation_s": (gettext_lazy("hesitation"), 1, SECONDS),
    "loudness_cv": (gettext_lazy("loudness variation"), 2, "%(n)s"),
    "firmness_adjustment": (gettext_lazy("firmness adjustment"), 0, "%(n)s"),
}


def name(table: dict[str, object], code: str | None) -> str:
    return str(table.get(code, code)) if code is not None else ""


def delivery(key: str, value: object) -> tuple[str, str]:
    """One delivery measure as (name, value with its unit, in the page's number format)."""
    label, decimals, unit = DELIVERY.get(key, (key.replace("_", " "), 2, "%(n)s"))
    if isinstance(value, list):
        return str(label), ", ".join(str(v) for v in value) or "–"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(label), str(value)
    return str(label), str(unit) % {"n": number_format(value, decimals)}
