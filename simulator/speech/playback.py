"""Non-blocking playback of rendered lines through pygame.mixer.

    player = Player()            # opens the mixer on first play (22050 Hz mono s16)
    player.play(path) -> float   # starts playing, returns the line's length in seconds
    player.busy                  # True while a line plays (call from the pygame thread)
    player.speaking()            # thread-safe, time-based: the line is (nearly) still playing
    player.stop(); player.replay(); player.close()

Use `MicCapture(mute_while=player.speaking)` so the client's voice never reaches the
recogniser: `speaking()` only reads a float, so SDL's capture callback may call it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from simulator.errors import HoldlineError
from simulator.speech.quiet import native_stderr_silenced

ECHO_TAIL = 0.25  # seconds the microphone stays muted after a line ends (room echo)


class Player:
    def __init__(self, frequency: int = 22050, echo_tail: float = ECHO_TAIL) -> None:
        self.frequency = frequency
        self.echo_tail = echo_tail
        self.last: Path | None = None
        self._sound: Any = None
        self._channel: Any = None
        self._until = 0.0  # time.monotonic() when the current line ends, plus the echo tail
        self._opened = False

    def _open(self) -> None:
        import pygame

        if not pygame.mixer.get_init():
            try:
                with native_stderr_silenced():
                    pygame.mixer.init(frequency=self.frequency, size=-16, channels=1, buffer=1024)
            except pygame.error as exc:
                raise HoldlineError(f"no audio output device: {exc}") from None
            self._opened = True

    def play(self, path: str | os.PathLike[str]) -> float:
        import pygame

        self._open()
        self.stop()
        p = Path(path)
        try:
            self._sound = pygame.mixer.Sound(str(p))
        except (pygame.error, FileNotFoundError) as exc:
            raise HoldlineError(f"{p}: cannot play ({exc})") from None
        self.last = p
        length = float(self._sound.get_length())
        self._channel = self._sound.play()
        self._until = time.monotonic() + length + self.echo_tail
        return length

    def replay(self) -> float:
        if self.last is None:
            return 0.0
        return self.play(self.last)

    def stop(self) -> None:
        if self._sound is not None:
            self._sound.stop()
        self._until = 0.0

    @property
    def busy(self) -> bool:
        return bool(self._channel is not None and self._channel.get_busy())

    def speaking(self) -> bool:
        return time.monotonic() < self._until

    def close(self) -> None:
        import pygame

        self.stop()
        if self._opened and pygame.mixer.get_init():
            pygame.mixer.quit()
        self._opened = False
