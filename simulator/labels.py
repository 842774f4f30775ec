"""Trainee-facing names: dimensions, categories, moods, evidence indicators, warnings, states.

All marked with N_() for the catalogs and translated with _() where shown, so a Russian or
Chinese trainee reads them in the UI language. Evidence carrying a `label` (written by the
scorer in the scenario's language) shows that label instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.i18n import N_, _
from simulator.scoring.evidence import Evidence

# keyed by vocabulary.DIMENSIONS, in its order
DIMENSIONS: dict[str, str] = {
    "empathy": N_("Empathy"),
    "firmness": N_("Firmness"),
    "boundary_clarity": N_("Boundary clarity"),
}
CATEGORIES: dict[str, str] = {
    "over-sharing": N_("over-sharing"),
    "emotional-attachment": N_("emotional attachment"),
    "stalking": N_("stalking"),
    "hostility": N_("hostility"),
    "emergency": N_("emergency"),
    "out-of-scope": N_("out of scope"),
}
MOODS: dict[str, str] = {
    "calm": N_("calm"),
    "friendly": N_("friendly"),
    "hopeful": N_("hopeful"),
    "attached": N_("attached"),
    "sad": N_("sad"),
    "anxious": N_("anxious"),
    "distressed": N_("distressed"),
    "embarrassed": N_("embarrassed"),
    "irritated": N_("irritated"),
    "angry": N_("angry"),
    "furious": N_("furious"),
    "panicked": N_("panicked"),
    "uneasy": N_("uneasy"),
    "relieved": N_("relieved"),
    "grateful": N_("grateful"),
}
OUTCOMES: dict[str, str] = {
    "good": N_("good"),
    "mixed": N_("mixed"),
    "bad": N_("bad"),
    "unfinished": N_("unfinished"),
    "quit": N_("quit"),
}
MODES: dict[str, str] = {"practice": N_("practice mode"), "exam": N_("exam mode")}
FRONT_ENDS: dict[str, str] = {
    "window": N_("in the window"),
    "text": N_("in the terminal"),
    "headless": N_("scripted run"),
}
REPLY_SOURCES: dict[str, str] = {
    "speech": N_("spoken"),
    "typed": N_("typed"),
    "scripted": N_("scripted"),
}
# Why a session stopped, as the front ends record it (session.end_reason).
END_REASONS: dict[str, str] = {
    "the trainee quit": N_("the trainee quit"),
    "input ended before the conversation did": N_("input ended before the conversation did"),
    "the scripted replies ran out": N_("the scripted replies ran out"),
    "trainee closed the window": N_("the trainee closed the window"),
}
WARNINGS: dict[str, str] = {
    "low_confidence": N_("Speech recognition was unsure \u2014 scores may be off"),
    "wrong_language": N_("That reply doesn\u2019t look like the scenario\u2019s language"),
    "empty_reply": N_("No reply was heard"),
    "no_words": N_("No words were recognised"),
    "truncated": N_("Reply was cut short"),
}
UNCLEAR: dict[str, str] = {
    "low_confidence": N_("Sorry, that was not clear. Please say it again, or press T to type."),
    "wrong_language": N_(
        "That did not sound like the scenario\u2019s language. Please answer again."
    ),
    "empty_reply": N_("No reply heard. Please answer again, or press T to type."),
    "no_words": N_("No words recognised. Please answer again, or press T to type."),
}
INDICATORS: dict[str, str] = {
    "acknowledge_feelings": N_("acknowledge the feeling"),
    "validates_feeling": N_("names the feeling"),
    "validate_feeling": N_("names the feeling"),
    "shows_understanding": N_("shows understanding"),
    "sympathises": N_("sympathises"),
    "appreciates_client": N_("thanks the client"),
    "courtesy": N_("courtesy"),
    "offer_help": N_("offer help"),
    "offers_help": N_("offers help"),
    "warm_limit": N_("a warm limit"),
    "dismiss_feelings": N_("dismisses the feeling"),
    "dismissing": N_("dismisses the feeling"),
    "judge_or_blame": N_("judges or blames"),
    "judging": N_("judges"),
    "blaming": N_("blames"),
    "sarcasm": N_("sarcasm"),
    "aggression": N_("aggression"),
    "apologises_instead": N_("apologises instead of acknowledging"),
    "state_limit": N_("state the limit"),
    "clear_limit": N_("a clear limit"),
    "state_consequence": N_("state what happens next"),
    "states_consequence": N_("says what happens next"),
    "give_instruction": N_("give a clear instruction"),
    "clear_instruction": N_("a clear instruction"),
    "involve_colleague": N_("bring in a colleague"),
    "involves_colleague": N_("brings in a colleague"),
    "alternative_offered": N_("offers an alternative"),
    "takes_control": N_("takes the lead"),
    "stay_on_task": N_("bring the talk back to the task"),
    "redirects_to_task": N_("brings the talk back to the task"),
    "refer_channel": N_("refer to the right service"),
    "refers_on": N_("refers to the right service"),
    "hedging": N_("hedging"),
    "caving": N_("gives in"),
    "cave_in": N_("gives in"),
    "excessive_apology": N_("too many apologies"),
    "over_apologise": N_("too many apologies"),
    "pleading": N_("pleading"),
    "vague_deferral": N_("a vague \u201cmaybe later\u201d"),
    "agrees_to_contact": N_("agrees to outside contact"),
    "agree_outside_contact": N_("agrees to outside contact"),
    "outside_contact": N_("outside contact"),
    "gives_away_details": N_("gives away personal details"),
    "share_personal_info": N_("shares personal details"),
    "personal_details": N_("personal details"),
    "overstepping_role": N_("steps outside the role"),
    "overstep_role": N_("steps outside the role"),
    "slow_speech": N_("slow speech"),
    "rushed_speech": N_("rushed speech"),
    "long_pauses": N_("long pauses"),
    "filler_words": N_("filler words"),
    "hesitation_before_starting": N_("hesitation before starting"),
    "unsteady_loudness": N_("unsteady loudness"),
    "steady_delivery": N_("steady delivery"),
    "learned_words": N_("word choice (learned from raters)"),
    "learned_words:other": N_("other words (learned from raters)"),
}
KINDS: dict[str, str] = {
    "missing": N_("Missing: {name}"),
    "red_flag": N_("Red flag: {name}"),
    "delivery": N_("Delivery: {name}"),
    "expected": N_("{name} (expected)"),
}


def name(table: Mapping[str, str], key: str) -> str:
    """The translated name of `key` in `table`; the key made readable if it is not there."""
    found = table.get(key)
    return _(found) if found else key.replace("_", " ").replace("-", " ")


def indicator(ev: Evidence | str) -> str:
    """A piece of evidence in plain words: its `label` when it has one, else from its id."""
    if not isinstance(ev, str):
        if ev.label:
            return ev.label
        ev = ev.indicator
    if ev in INDICATORS:
        return capital(_(INDICATORS[ev]))
    kind, _sep, rest = ev.partition(":")
    if not rest:
        kind, rest = "", kind
    words = _(" or ").join(name(INDICATORS, p.strip()) for p in rest.split("|"))
    if kind in KINDS and kind != "expected":
        return capital(_(KINDS[kind]).format(name=words))
    return capital(words)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
