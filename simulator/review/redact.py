"""Replace personal details in transcript text with placeholders (`--redact`).

Spans are found on the original text, so evidence offsets into a reply stay valid: the report
cuts the reply at evidence and redaction boundaries and prints a placeholder for each span.
Redaction over-reaches on purpose (a long date also looks like a phone number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|triple)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[email]", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("[email]", re.compile(r"\b[\w.+-]+\s+at\s+[\w-]+\s+dot\s+(?:com|org|net|co|uk|ru)\b", re.I)),
    ("[url]", re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.I)),
    ("[iban]", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b")),
    # digits with spaces, dots, dashes, brackets: phones, cards, account numbers
    ("[number]", re.compile(r"(?<![A-Za-z0-9_+])\+?\(?\d[\d\s().-]{4,}\d(?![A-Za-z0-9_])")),
    # numbers read out in words, as a recogniser writes a spoken phone number
    ("[number]", re.compile(rf"\b{_NUMBER_WORDS}(?:[\s,-]+{_NUMBER_WORDS}){{5,}}\b", re.I)),
)
_MIN_DIGITS = 6


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    placeholder: str


def _placeholder(label: str, matched: str) -> str | None:
    if label != "[number]":
        return label
    digits = sum(ch.isdigit() for ch in matched)
    if digits == 0:  # spoken digits
        return "[phone]"
    if digits < _MIN_DIGITS:
        return None
    return "[phone]" if digits <= 15 else "[number]"


def find_spans(text: str) -> list[Span]:
    """Non-overlapping personal-detail spans, in order."""
    found: list[Span] = []
    for label, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            matched = m.group(0).rstrip(" .-(")
            end = start + len(matched)
            placeholder = _placeholder(label, matched)
            if placeholder is None:
                continue
            if any(s.start < end and start < s.end for s in found):
                continue
            found.append(Span(start, end, placeholder))
    return sorted(found, key=lambda s: s.start)


class Redactor:
    """Identity when disabled, so callers never branch on the option."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def spans(self, text: str) -> list[Span]:
        return find_spans(text) if self.enabled else []

    def __call__(self, text: str) -> str:
        if not self.enabled or not text:
            return text
        out: list[str] = []
        pos = 0
        for span in find_spans(text):
            out.append(text[pos : span.start])
            out.append(span.placeholder)
            pos = span.end
        out.append(text[pos:])
        return "".join(out)
