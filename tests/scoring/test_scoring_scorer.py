"""The scorer: indicators and penalties, context, evidence spans, edge cases, confidence."""

from __future__ import annotations

import json

import pytest

from simulator.scoring import ReplyContext, Scorer
from simulator.transcript import Word

EN = ReplyContext("en")


def evidence_names(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(e.dimension, e.indicator) for e in result.evidence}


@pytest.mark.parametrize(
    ("reply", "dimension", "indicator"),
    [
        ("I can hear how frustrated you are.", "empathy", "validates_feeling"),
        ("I completely understand.", "empathy", "shows_understanding"),
        ("Thank you for telling me.", "empathy", "appreciates_client"),
        ("Please have a seat over there by the window.", "empathy", "courtesy"),
        ("I understand, but I can't share that.", "empathy", "warm_limit"),
        ("I'm not able to give out my personal number.", "firmness", "clear_limit"),
        ("If the shouting continues, I'll end this call.", "firmness", "states_consequence"),
        ("Leave the building now by the exit on your left.", "firmness", "clear_instruction"),
        ("I'm going to call my manager over.", "firmness", "involves_colleague"),
        ("What I can do is check the refund for you.", "firmness", "alternative_offered"),
        ("Let's get your account sorted.", "boundary_clarity", "redirects_to_task"),
        ("Our helpline has trained counsellors who can help.", "boundary_clarity", "refers_on"),
    ],
)
def test_each_indicator_earns_points(en_rules: Scorer, reply: str, dimension: str,
                                     indicator: str) -> None:
    en = en_rules
    result = en.score(reply, EN)
    hits = [e for e in result.evidence if (e.dimension, e.indicator) == (dimension, indicator)]
    assert hits, result.evidence
    assert all(e.points > 0 for e in hits)
    assert result.scores[dimension] > en.rubric.dimension(dimension).base


@pytest.mark.parametrize(
    ("reply", "dimension", "penalty", "behaviour"),
    [
        ("Calm down, it's not a big deal.", "empathy", "dismissing", "dismiss_feelings"),
        ("Honestly, that was a bit silly, what did you expect?", "empathy", "judging",
         "judge_or_blame"),
        ("It's your own fault, you should have read the form.", "empathy", "blaming",
         "judge_or_blame"),
        ("Oh wonderful, another genius.", "empathy", "sarcasm", "sarcasm"),
        ("Maybe, I guess, I'm not sure.", "firmness", "hedging", None),
        ("Fine, just this once.", "firmness", "caving", "cave_in"),
        ("Sorry, I'm so sorry, sorry about that.", "firmness", "excessive_apology",
         "over_apologise"),
        ("Please, I'm begging you, don't be angry with me.", "firmness", "pleading", None),
        ("Shut up, you idiot.", "firmness", "aggression", "aggression"),
        ("Maybe later, we'll see.", "boundary_clarity", "vague_deferral", "vague_deferral"),
        ("My number is 07700 900123.", "boundary_clarity", "personal_details",
         "share_personal_info"),
        ("I'd love to meet you for a coffee after work.", "boundary_clarity", "outside_contact",
         "agree_outside_contact"),
        ("I promise everything will be fine.", "boundary_clarity", "overstepping_role",
         "overstep_role"),
    ],
)
def test_each_penalty_costs_points(en: Scorer, reply: str, dimension: str, penalty: str,
                                   behaviour: str | None) -> None:
    result = en.score(reply, EN)
    hits = [e for e in result.evidence if (e.dimension, e.indicator) == (dimension, penalty)]
    assert hits, result.evidence
    assert all(e.points < 0 for e in hits)
    assert result.scores[dimension] < en.rubric.dimension(dimension).base
    if behaviour:
        assert behaviour in result.behaviours


def test_curt_reply_costs_empathy_even_when_polite(en: Scorer) -> None:
    curt = en.score("No. Please don't bring gifts.", EN)
    warm = en.score("Thank you, that's kind, but please don't bring gifts.", EN)
    assert any(e.indicator == "curt_reply" for e in curt.evidence)
    assert not any(e.indicator == "curt_reply" for e in warm.evidence)
    assert curt.scores["empathy"] < en.rubric.dimensions.empathy.base < warm.scores["empathy"]


def test_one_apology_is_not_over_apologising(en: Scorer) -> None:
    result = en.score("Sorry, I can't give out my number.", EN)
    assert "over_apologise" not in result.behaviours
    assert ("firmness", "excessive_apology") not in evidence_names(result)


@pytest.mark.parametrize(
    ("reply", "behaviour"),
    [
        ("I can hear how upset you are, and that's completely understandable.",
         "acknowledge_feelings"),
        ("That must have been really hard for you.", "acknowledge_feelings"),
        ("I'm so sorry for your loss.", "acknowledge_feelings"),
        ("I'm afraid I can't give out personal details.", "state_limit"),
        ("That's not something I'm able to do.", "state_limit"),
        ("We don't give out staff phone numbers.", "state_limit"),
        ("I'd like to keep our conversation professional.", "state_limit"),
        ("Here's what I can do: I'll raise a complaint for you today.", "offer_help"),
        ("You could speak to a counsellor, there's a free service.", "refer_channel"),
        ("I can put you through to my supervisor.", "refer_channel"),
        ("If you keep swearing I'll have to ask you to leave.", "state_consequence"),
        ("Now, about your order, can I take the reference?", "stay_on_task"),
        ("Please follow me to the fire exit, don't use the lift.", "give_instruction"),
        ("I'm calling an ambulance now, keep pressure on the wound.", "give_instruction"),
        ("I'll get security to come over.", "involve_colleague"),
        ("I live just round the corner actually.", "share_personal_info"),
        ("I finish at six on Fridays.", "share_personal_info"),
        ("Sure, text me any time.", "agree_outside_contact"),
        ("Let's grab a drink after work.", "agree_outside_contact"),
        ("Maybe some other time.", "vague_deferral"),
        ("Stop overreacting.", "dismiss_feelings"),
        ("People like you never read the rules.", "judge_or_blame"),
        ("Okay, you win, I'll make an exception.", "cave_in"),
        ("If I were you I'd leave him.", "overstep_role"),
    ],
)
def test_behaviours_from_natural_paraphrases(en: Scorer, reply: str, behaviour: str) -> None:
    assert behaviour in en.score(reply, EN).behaviours


@pytest.mark.parametrize(
    ("reply", "absent"),
    [
        ("I can't meet you outside work.", "agree_outside_contact"),
        ("I won't give you my number.", "share_personal_info"),
        ("I don't finish at a time I can share.", "share_personal_info"),
        ("I'm not going to make an exception.", "cave_in"),
        ("Please stay calm and follow me.", "dismiss_feelings"),
    ],
)
def test_negated_red_flags_are_not_detected(en: Scorer, reply: str, absent: str) -> None:
    assert absent not in en.score(reply, EN).behaviours


def test_behaviours_in_russian_and_chinese(ru: Scorer, zh: Scorer) -> None:
    r = ru.score("Понимаю, как вам тяжело, но я не даю личный номер. Давайте оформим карту.",
                 ReplyContext("ru"))
    assert {"acknowledge_feelings", "state_limit", "stay_on_task"} <= r.behaviours
    z = zh.score("我理解您很着急，但我不能加您的私人微信。我现在帮您办理退款。", ReplyContext("zh"))
    assert {"acknowledge_feelings", "state_limit", "offer_help"} <= z.behaviours
    assert "agree_outside_contact" not in z.behaviours


def test_same_reply_scores_differently_for_different_client_lines(en: Scorer) -> None:
    reply = "Let's get your account sorted first."
    overshare = en.score(reply, ReplyContext(
        "en", "My husband left me and I need to close our joint account."))
    fire = en.score(reply, ReplyContext("en", "There's smoke coming out of the back office!"))
    assert overshare.scores["boundary_clarity"] > fire.scores["boundary_clarity"]
    assert overshare.scores["firmness"] > fire.scores["firmness"]
    assert any(e.indicator == "missing:give_instruction" for e in fire.evidence)


def test_acknowledgement_matters_when_the_client_is_upset(en: Scorer) -> None:
    reply = "Can I have the account number?"
    upset = en.score(reply, ReplyContext("en", "I'm so upset, my mother just died."))
    neutral = en.score(reply, ReplyContext("en", "I'd like to check my balance."))
    assert upset.scores["empathy"] < neutral.scores["empathy"]


def test_scenario_expects_and_red_flags_move_scores(en: Scorer) -> None:
    reply = "I can't give you my number, but I'm happy to help here."
    plain = en.score(reply, ReplyContext("en"))
    expected = en.score(reply, ReplyContext("en", expects=("state_limit",)))
    missing = en.score(reply, ReplyContext("en", expects=("refer_channel",)))
    # (a refusal's floor may hold the score itself where it is: the items must be there and the
    # scores must not move the wrong way)
    assert expected.scores["boundary_clarity"] >= plain.scores["boundary_clarity"]
    assert missing.scores["boundary_clarity"] <= plain.scores["boundary_clarity"]
    assert any(e.indicator == "expected:state_limit" and e.points > 0 for e in expected.evidence)
    assert any(e.indicator.startswith("missing:refer_channel") and e.points < 0
               for e in missing.evidence)
    caving = "Fine, just this once."
    flagged = en.score(caving, ReplyContext("en", red_flags=("cave_in",)))
    assert flagged.scores["boundary_clarity"] <= en.score(caving, EN).scores["boundary_clarity"]
    assert any(e.indicator == "red_flag:cave_in" for e in flagged.evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "I can hear how frustrated you are, but I won't accept being shouted at. "
        "If it continues I'll end the call. What I can do is check your refund now.",
        "Я понимаю ваше раздражение, но прошу не кричать.",
        "我理解您很着急。如果您继续辱骂，我只能结束通话。",
    ],
)
def test_every_evidence_span_points_into_the_reply(en: Scorer, ru: Scorer, zh: Scorer,
                                                    reply: str) -> None:
    scorer = {"I": en, "Я": ru, "我": zh}[reply[0]]
    result = scorer.score(reply, ReplyContext(scorer.language, "You useless idiot!"))
    assert result.evidence
    for e in result.evidence:
        assert 0 <= e.start <= e.end <= len(reply)
        assert e.text == reply[e.start : e.end]
        if not e.indicator.startswith("missing:"):
            assert e.text.strip()


def test_points_add_up_to_the_score(en: Scorer) -> None:
    result = en.score("I'm sorry, that sounds hard. Let's get your card sorted.",
                      ReplyContext("en", "My dog died."))
    for dim in ("empathy", "firmness", "boundary_clarity"):
        offset = en.words.offsets[dim] if en.words is not None else 0.0
        raw = en.rubric.dimension(dim).base + offset + sum(
            e.points for e in result.evidence if e.dimension == dim)
        assert result.scores[dim] == max(0, min(100, round(raw)))


def test_empty_reply_is_flagged_not_scored(en: Scorer) -> None:
    for text in ("", "   ", "\n"):
        result = en.score(text, EN)
        assert result.flags == ("empty_reply",)
        assert result.scores == {"empathy": 0, "firmness": 0, "boundary_clarity": 0}
        assert not result.evidence and not result.behaviours


def test_punctuation_only_reply(en: Scorer) -> None:
    assert "no_words" in en.score("...?!", EN).flags


def test_huge_reply_is_truncated_and_still_scored(en: Scorer) -> None:
    reply = "I can't give out my number. " + "blah " * 200_000
    result = en.score(reply, EN)
    assert "truncated" in result.flags
    assert "state_limit" in result.behaviours
    assert all(e.end <= 5000 for e in result.evidence)


@pytest.mark.parametrize(
    ("scorer_name", "reply"),
    [
        ("en", "Я понимаю, но не могу дать вам свой номер."),
        ("en", "我不能给您我的电话号码。"),
        ("ru", "I can't give you my number."),
        ("zh", "I can't give you my number."),
        ("en", "안녕하세요 저는 고객 서비스 담당자입니다"),  # Korean, as a Korean model would hear it
        ("ru", "مرحبا، كيف يمكنني مساعدتك؟"),
    ],
)
def test_reply_in_the_wrong_language_is_flagged(request: pytest.FixtureRequest,
                                                scorer_name: str, reply: str) -> None:
    scorer: Scorer = request.getfixturevalue(scorer_name)
    result = scorer.score(reply, ReplyContext(scorer.language))
    assert "wrong_language" in result.flags
    assert result.scores == {"empathy": 0, "firmness": 0, "boundary_clarity": 0}
    assert not result.behaviours


def test_context_language_mismatch_is_flagged(en: Scorer) -> None:
    assert "rubric_language_mismatch" in en.score("I can help.", ReplyContext("ru")).flags


def words_for(text: str, conf: float, step: float = 0.3, start: float = 0.2) -> list[Word]:
    return [Word(w, start + i * step, start + i * step + 0.25, conf)
            for i, w in enumerate(text.split())]


def test_low_recognition_confidence_is_flagged(en: Scorer) -> None:
    text = "i can not give out my number"
    sure = en.score(text, EN, words=words_for(text, 0.95))
    unsure = en.score(text, EN, words=words_for(text, 0.3))
    assert "low_confidence" in unsure.flags and "low_confidence" not in sure.flags
    assert unsure.confidence == pytest.approx(0.3)
    assert unsure.to_json()["confidence"] == pytest.approx(0.3)
    # evidence heard with low confidence counts for less
    assert unsure.scores["firmness"] < sure.scores["firmness"]


def test_typed_reply_has_no_delivery(en: Scorer) -> None:
    result = en.score("I can't give out my number.", EN)
    assert result.delivery is None
    assert result.confidence is None


def test_hesitant_delivery_lowers_firmness_and_is_reported(en: Scorer) -> None:
    text = "um i can not uh give out um my number"
    fluent_text = "i can not give out my number"
    fluent = en.score(fluent_text, EN, words=words_for(fluent_text, 0.9))
    ws = words_for(text, 0.9, step=0.3, start=2.5)
    ws[5] = Word(ws[5].word, ws[5].start + 2.0, ws[5].end + 2.0, 0.9)  # a long pause
    hesitant = en.score(text, EN, words=ws)
    assert hesitant.delivery is not None and fluent.delivery is not None
    assert hesitant.delivery["fillers"] == 3
    assert hesitant.delivery["long_pauses"] == 1
    assert hesitant.delivery["hesitation_s"] == pytest.approx(2.5)
    assert hesitant.scores["firmness"] < fluent.scores["firmness"]
    names = {e.indicator for e in hesitant.evidence if e.dimension == "firmness"}
    assert {"delivery:filler_words", "delivery:long_pauses",
            "delivery:hesitation_before_starting"} <= names
    fillers = [e for e in hesitant.evidence if e.indicator == "delivery:filler_words"]
    assert fillers[0].text.startswith("um")
    # delivery never touches empathy or boundary clarity: the same words typed score the same
    typed = en.score(text, EN)
    assert hesitant.scores["empathy"] == typed.scores["empathy"]
    assert hesitant.scores["boundary_clarity"] == typed.scores["boundary_clarity"]


def test_json_round_trip(en: Scorer) -> None:
    result = en.score("I can hear how upset you are. Let's get your card sorted.",
                      ReplyContext("en", "I'm so upset!"))
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) >= {"scores", "behaviours", "evidence", "flags", "delivery"}
    assert data["behaviours"] == sorted(result.behaviours)
    assert data["evidence"][0].keys() == {"dimension", "indicator", "label", "points", "start",
                                          "end", "text"}
