"""User-facing errors: raised anywhere, printed once as one line by the CLI."""

import re


class HoldlineError(Exception):
    """An error the user caused or can fix; its message is shown as-is, without a traceback."""


class InputError(HoldlineError):
    """Bad input in a file: the message already reads `path:line:col: field: what is wrong`."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, lines: bool = False) -> str:
    """``text`` safe for a terminal line: control characters (escape sequences, newlines,
    bidi overrides) shown as ``\\x1b``-style escapes instead of acting on the terminal.
    ``lines=True`` keeps newlines (text printed as several lines)."""

    def escape(m: re.Match[str]) -> str:
        ch = m.group()
        return ch if lines and ch == "\n" else ch.encode("unicode_escape").decode("ascii")

    return _CONTROL.sub(escape, text)
