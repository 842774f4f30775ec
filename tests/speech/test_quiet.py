"""Native stderr chatter is silenced only while audio devices are probed."""

from __future__ import annotations

import os
import sys

import pytest

from simulator.speech.quiet import native_stderr_silenced


def test_descriptor_2_is_silenced_then_restored(capfd: pytest.CaptureFixture[str]) -> None:
    os.write(2, b"before\n")
    with native_stderr_silenced():
        os.write(2, b"ALSA lib confmisc.c: cannot find card '0'\n")
    os.write(2, b"after\n")
    print("python stderr still works", file=sys.stderr)
    err = capfd.readouterr().err
    assert "before" in err and "after" in err and "python stderr still works" in err
    assert "ALSA lib" not in err


def test_restored_even_when_the_probe_fails(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), native_stderr_silenced():
        raise RuntimeError("no device")
    os.write(2, b"visible again\n")
    assert "visible again" in capfd.readouterr().err
