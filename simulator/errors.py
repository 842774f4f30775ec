"""User-facing errors: raised anywhere, printed once as one line by the CLI."""

import re


class HoldlineError(Exception):
    """An error the user caused or can fix; its message is shown as-is, without a traceback."""


class InputError(HoldlineError):
    """Bad input in a file: the message already reads `path:line:col: field: what is wrong`."""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for a terminal line: control characters (escape sequences, newlines,
    bidi overrides) shown as ``\\x1b``-style escapes instead of acting on the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
