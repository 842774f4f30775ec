"""The trust suite (groups written blind, by authors who had not read the rubric) and the
gaming examples from issue 11, scored as `holdline score --client` scores them."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scoring import trust_suite
from simulator.scoring.scorer import ReplyContext, load_scorer

HERE = Path(__file__).parent
RUBRICS = Path(__file__).parents[3] / "scenarios" / "rubrics"
# Where the suite stands (see the README); 24% of the first 160 groups held before the trust
# layer. The goal is trust_suite.TRUST_PASS (95%); raise this floor as the scorer gets there,
# and lower it only when a fresh set joins (set9 at 0.847, set10 at 0.848) or a reading that
# misleads is dropped (the acknowledgement model, 0.866 -> 0.859). Set11 joined at 0.840 (sets 1-10
# then at 0.852), set12 at 0.828.
FLOOR = 0.828


def score(language: str, client: str, reply: str) -> dict[str, int]:
    return load_scorer(RUBRICS / f"{language}.yaml").score(
        reply, ReplyContext(language, client)).scores


@pytest.fixture(scope="module")
def outcomes() -> list[trust_suite.Outcome]:
    return trust_suite.run(trust_suite.load(sorted(HERE.glob("*.jsonl"))), score)


def test_suite_has_150_groups_in_three_languages(outcomes: list[trust_suite.Outcome]) -> None:
    assert len(outcomes) >= 150
    assert {o.language for o in outcomes} == {"en", "ru", "zh"}


def test_suite_holds_at_least_the_floor(outcomes: list[trust_suite.Outcome]) -> None:
    share = sum(o.passed for o in outcomes) / len(outcomes)
    broken = [f"{o.id}: {o.why}" for o in outcomes if not o.passed]
    assert share >= FLOOR, "\n".join(broken)


def test_repeating_never_pays(outcomes: list[trust_suite.Outcome]) -> None:
    assert [o.why for o in outcomes if o.kind == "repetition" and not o.passed] == []


@pytest.mark.parametrize("language, word", [("en", "i"), ("ru", "я"), ("zh", "我")])
def test_one_word_thirty_times_scores_below_20(language: str, word: str) -> None:
    client = {"en": "Can I have your number?", "ru": "Дайте ваш номер телефона?",
              "zh": "能给我你的电话号码吗？"}[language]
    got = score(language, client, " ".join([word] * 30))
    assert max(got.values()) < 20, got


@pytest.mark.parametrize("reply", [
    "I can't really do this, but sure, it's 07700 900123",
    "I shouldn't, but fine, it's oh seven seven double oh nine hundred one two three",
    "I'm so sorry you're going through this. Of course, my number is 07700 900123.",
])
def test_a_grant_caps_firmness_and_boundary(reply: str) -> None:
    got = score("en", "Can I have your personal number?", reply)
    assert got["firmness"] <= 25 and got["boundary_clarity"] <= 20, got


def test_agreeing_to_stay_on_all_night_is_not_firm() -> None:
    got = score("en", "Please don't hang up, can you stay on the line with me all night?",
                "I'm so sorry you feel this way. I'll stay on the line as long as you need, "
                "all night if you want.")
    assert got["firmness"] <= 25 and got["boundary_clarity"] <= 20, got


def test_the_grant_is_one_readable_item_on_the_words_that_granted() -> None:
    reply = "I can't really do this, but sure, it's 07700 900123"
    result = load_scorer(RUBRICS / "en.yaml").score(
        reply, ReplyContext("en", "Can I have your number?"))
    items = [e for e in result.evidence if e.indicator.startswith("decision:grant")]
    assert {e.label for e in items} == {"You agreed to personal contact details"}
    assert {e.text for e in items} == {"07700 900123"}
    assert result.decision == {"request": "personal_contact", "verdict": "grant"}


def test_mocking_sympathy_costs_empathy() -> None:
    got = score("en", "My husband left me and I can't stop crying.",
                "Oh I'm so sorry... it must be so hard for you... poor you.")
    assert got["empathy"] <= 20, got


def test_no_evidence_spans_the_whole_reply_for_learned_words() -> None:
    reply = "I hear you, and I'm sorry. I can't give out my number, but the branch can help."
    result = load_scorer(RUBRICS / "en.yaml").score(
        reply, ReplyContext("en", "Can I have your number?"))
    learned = [e for e in result.evidence if e.indicator.startswith("learned_words")]
    assert learned and all(e.end - e.start < len(reply) // 2 for e in learned)
    assert all(e.label and ":" not in e.label[:12] for e in result.evidence)
