"""Human names for ids the store keeps: scenarios (their titles, as the uploaded sessions carry
them), behaviours (the scorer's plain-language names, in the page's language) and the default
team."""

from __future__ import annotations

from django.db.models import Max, QuerySet
from django.utils.translation import get_language, pgettext

from simulator.scoring.labels import label
from simulator.team import models as m

DEFAULT_TEAM = "default"  # the team ``holdline team user add`` puts users in unless told


def scenario_titles(rows: QuerySet[m.Session]) -> dict[str, str]:
    """Each scenario id among these sessions with its title, sorted by title. One query; a
    scenario whose title changed between versions shows one of them, the same every time."""
    found = rows.order_by().values("scenario_id").annotate(title=Max("scenario_title"))
    pairs = ((r["scenario_id"], r["title"] or r["scenario_id"]) for r in found)
    return dict(sorted(pairs, key=lambda p: (p[1].casefold(), p[0])))


def behaviour(code: str) -> str:
    """A behaviour id ('state_limit') named in the page's language ('stating a clear limit')."""
    language = (get_language() or "en").split("-")[0]
    return label(code, language)


def behaviours(codes: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    return [(c, behaviour(c)) for c in codes]


def team(name: str) -> str:
    return pgettext("team name", "default team") if name == DEFAULT_TEAM else name
