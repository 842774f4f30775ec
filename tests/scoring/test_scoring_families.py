"""Pattern families the scenario writers found missed or wrongly detected: each fixed as a family
(several wordings), with negative cases that must stay undetected. None of these sentences is in
a rubric or in the labelled set."""

from __future__ import annotations

import pytest

from simulator.scoring import ReplyContext, Scorer

DETECTED = {
    "en": [
        # plain refusals
        ("state_limit", "No thanks, I'm walking on my own."),
        ("state_limit", "No, I'm not interested."),
        ("state_limit", "I'm fine getting home by myself, thank you."),
        ("state_limit", "Staff details stay private."),
        ("state_limit", "Colleagues' addresses are kept confidential."),
        ("state_limit", "Refunds are only within twenty-eight days."),
        ("state_limit", "Exchanges are only possible with a receipt."),
        ("state_limit", "We only refund to the original card."),
        # past-tense help
        ("offer_help", "I've corrected the reading and raised an urgent refund."),
        ("offer_help", "I've just rebooked you onto the nine o'clock train."),
        ("offer_help", "We've cancelled the old card already."),
        ("offer_help", "Your refund has been processed."),
        # consequences with another subject or other verbs
        ("state_consequence", "If you stay, I have to report you to the fire marshal."),
        ("state_consequence", "If you wait for me again, the manager will ban you."),
        ("state_consequence", "If you follow me again I'll report it to the police."),
        ("state_consequence", "If you don't leave now, I'll have to call security."),
        ("state_consequence", "You could be banned from the store."),
        # promises beyond the role
        ("overstep_role", "I promise I'll always be here for you."),
        ("overstep_role", "I'll always be there for you, whatever happens."),
        # sympathy for a named loss
        ("acknowledge_feelings", "I'm so sorry about Joan."),
        ("acknowledge_feelings", "We're really sorry to hear about your dad."),
        # colleagues
        ("involve_colleague", "I'll ask the pharmacist to come over."),
        ("involve_colleague", "Let me get the fire marshal."),
        ("involve_colleague", "I'm calling the duty manager now."),
    ],
    "ru": [
        ("state_limit", "Мужчина, не кричите, пожалуйста."),
        ("state_limit", "Не оскорбляйте меня, пожалуйста."),
        ("vague_deferral", "Ну, не знаю, может быть, завтра появятся."),
        ("vague_deferral", "Ну, посмотрим."),
        ("share_personal_info", "Записывайте: мой номер восемь девятьсот."),
    ],
    "zh": [
        ("state_limit", "我不能给您我的电话。"),
        ("state_limit", "这个不可以。"),
    ],
}

NOT_DETECTED = {
    "en": [
        ("share_personal_info", "It usually takes about five working days."),
        ("share_personal_info", "Could I take her mobile number?"),
        ("share_personal_info", "Your class starts at half six."),
        ("share_personal_info", "The delivery comes around ten."),
        ("sarcasm", "Congratulations on retiring!"),
        ("sarcasm", "Well done for getting here so early."),
        ("agree_outside_contact", "There's a helpline you can call tonight."),
        ("agree_outside_contact", "The advice line is one you can ring any time."),
        ("cave_in", "Okay, I'll call my manager over."),
        ("cave_in", "Fine, I'll call security."),
        ("aggression", "Get out while you can."),
        ("aggression", "Get out through the side door, quickly."),
        ("judge_or_blame", "That sounds awful, you must be shattered."),
        ("state_limit", "No problem, I'll sort it."),
        ("acknowledge_feelings", "I'm sorry about the wait."),
    ],
    "ru": [
        ("vague_deferral", "Давайте посмотрим."),
        ("vague_deferral", "Сейчас посмотрим ваш заказ."),
        ("share_personal_info", "Я запишу адрес."),
        ("share_personal_info", "Вам нужно записываться заранее."),
    ],
    "zh": [
        ("state_limit", "能不能给我看一下？"),
        ("state_limit", "您能不能给我您的身份证？"),
        ("state_limit", "可不可以再等一下？"),
    ],
}


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[object]:
    return [pytest.param(lang, b, r, id=f"{lang}-{b}-{i}")
            for lang, rows in table.items() for i, (b, r) in enumerate(rows)]


@pytest.mark.parametrize(("language", "behaviour", "reply"), _cases(DETECTED))
def test_family_is_detected(request: pytest.FixtureRequest, language: str, behaviour: str,
                            reply: str) -> None:
    scorer: Scorer = request.getfixturevalue(language)
    assert behaviour in scorer.score(reply, ReplyContext(language)).behaviours


@pytest.mark.parametrize(("language", "behaviour", "reply"), _cases(NOT_DETECTED))
def test_family_false_positive_is_gone(request: pytest.FixtureRequest, language: str,
                                       behaviour: str, reply: str) -> None:
    scorer: Scorer = request.getfixturevalue(language)
    assert behaviour not in scorer.score(reply, ReplyContext(language)).behaviours


MORE = [
    ("en", "stay_on_task", "Uh, right, yeah, let's check you in.", True),
    ("en", "stay_on_task", "Right, card please.", True),
    ("en", "stay_on_task", "Sure, I'll pay that in for you.", True),
    ("en", "dismiss_feelings", "Whatever, that's not really my problem.", True),
    ("en", "dismiss_feelings", "Whatever you need, I'm here to help.", False),
    ("en", "dismiss_feelings", "It's probably just nerves.", True),
    ("en", "refer_channel", "I can't tell you that, but our advisers can.", True),
    ("en", "refer_channel", "You'd need to check with your doctor first.", True),
    ("en", "involve_colleague", "I'll ask the duty doctor to phone you back.", True),
    ("en", "state_limit", "Following staff around is not acceptable.", True),
    ("en", "agree_outside_contact", "Okay, you can walk me to the stop.", True),
    ("en", "agree_outside_contact", "Ring tomorrow and ask for me.", True),
    ("en", "overstep_role", "Honestly, leave him.", True),
    ("en", "overstep_role", "Please leave him alone now.", False),
    ("en", "share_personal_info", "My brother did really well out of it.", True),
]


@pytest.mark.parametrize(("language", "behaviour", "reply", "expected"), MORE,
                         ids=[f"{b}-{i}" for i, (_, b, _, _) in enumerate(MORE)])
def test_more_families(request: pytest.FixtureRequest, language: str, behaviour: str, reply: str,
                       expected: bool) -> None:
    scorer: Scorer = request.getfixturevalue(language)
    assert (behaviour in scorer.score(reply, ReplyContext(language)).behaviours) is expected
