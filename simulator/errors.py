"""User-facing errors: raised anywhere, printed once as one line by the CLI."""


class HoldlineError(Exception):
    """An error the user caused or can fix; its message is shown as-is, without a traceback."""


class InputError(HoldlineError):
    """Bad input in a file: the message already reads `path:line:col: field: what is wrong`."""
