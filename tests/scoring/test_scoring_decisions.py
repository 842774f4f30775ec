"""What a reply does with the client's request, in the cases phrase lists get wrong: a smaller
offer after a refusal, a belief named as the client's, a refusal said after the thing refused,
a third party who has the time, reassurance that sounds like a limit."""

from __future__ import annotations

import pytest

from simulator.scoring.request import decide


@pytest.mark.parametrize(("language", "asked", "reply", "verdict"), [
    # a goodwill gesture after refusing the discount asked for
    ("en", "refund_or_discount",
     "Sorry about the Wi-Fi. Half off isn't possible, but I'll take breakfast off the bill.",
     "refuse"),
    ("en", "refund_or_discount", "I can't really, but fine, I'll take half off the bill.", "grant"),
    # "it's a false alarm" as the client's belief is no leave to stay
    ("ru", "stay_in_danger",
     "Знаю, кажется, что опять ложная тревога. Но, пожалуйста, к выходу.", "refuse"),
    ("ru", "stay_in_danger", "Да это ложная тревога, сидите.", "grant"),
    # the thing refused comes first, the refusal in the next clause
    ("ru", "colleague_information",
     "Когда он работает и где живёт, сказать не могу. Записку передам.", "refuse"),
    ("en", "colleague_information", "She works on Tuesdays and Fridays.", "grant"),
    # someone else can give the time: a referral, not a promise to stay on the line
    ("en", "stay_on_line",
     "I do have to go now, but there's a free befriending service that can chat for as long as "
     "you like.", "refuse"),
    ("en", "stay_on_line", "Of course, I can stay on for as long as you like.", "grant"),
    # a farewell until the next visit at work is not a date
    ("ru", "meet_outside_work", "Спасибо, но откажусь. Увидимся на кассе.", "refuse"),
    ("ru", "meet_outside_work", "Ну давайте, увидимся в кафе после смены.", "grant"),
])
def test_decision(language: str, asked: str, reply: str, verdict: str) -> None:
    assert decide(reply, asked, language).verdict == verdict


def test_please_dont_apologise_is_no_limit() -> None:
    reply = "oh i'm so sorry please don't apologise take your time"
    assert decide(reply, "none", "en").verdict == "ignore"
