"""Redaction of personal details in transcript text."""

from __future__ import annotations

import pytest

from simulator.review.redact import Redactor, find_spans

R = Redactor(True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me on +44 7700 900123, ok?", "call me on [phone], ok?"),
        ("or 07700-900-123.", "or [phone]."),
        ("ring (020) 7946 0958 now", "ring [phone] now"),
        ("mail jane.doe@example.co.uk now", "mail [email] now"),
        ("jane at gmail dot com", "[email]"),
        ("see https://example.com/a?b=c and www.x.org", "see [url] and [url]"),
        ("IBAN GB29 NWBK 6016 1331 9268 19 thanks", "IBAN [iban] thanks"),
        ("card 4111 1111 1111 1111 2222", "card [number]"),
        ("my number is five five five one two three four", "my number is [phone]"),
        ("Мой телефон 8 (912) 345-67-89", "Мой телефон [phone]"),
        ("我的电话是13812345678", "我的电话是[phone]"),
    ],
)
def test_redacts(text: str, expected: str) -> None:
    assert R(text) == expected


@pytest.mark.parametrize(
    "text", ["room 12, code 1234", "at 10:30 I paid 1,000", "twenty minutes", "I can't, sorry."]
)
def test_leaves_ordinary_text(text: str) -> None:
    assert R(text) == text


def test_disabled_is_identity_and_spans_index_the_original() -> None:
    text = "x +44 7700 900123 y a@b.co"
    assert Redactor(False)(text) == text and Redactor(False).spans(text) == []
    spans = find_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["+44 7700 900123", "a@b.co"]
