"""Silence what native audio libraries write straight to the process's stderr.

libasound prints "ALSA lib ...: cannot find card '0'" and the like on file descriptor 2 while
SDL probes for a device, even when SDL then reports the failure itself; Holdline turns that
report into one line of its own, so the native chatter is only noise to the trainee.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """Point file descriptor 2 at the null device for the duration (Python's own sys.stderr
    is flushed first and keeps working afterwards)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield  # no real descriptor 2 (an embedded or captured stderr): nothing to silence
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
