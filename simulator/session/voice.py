"""The conversation's audio: the client's voice out, the trainee's reply in.

`ClientVoice` renders lines with the TTS worker (cached, prefetched) and plays them without
blocking; `SpeechInput` owns the microphone and the Vosk model (loaded in the background) and
turns one reply at a time into a Transcript, by push-to-talk or hands-free. Both report back
through callbacks; the app passes callbacks that hop onto its main loop.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import HoldlineError

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.speech.listen import ReplyListener
    from simulator.transcript import Transcript

CHUNK_SECONDS = 0.064  # what SDL delivers per callback at 16 kHz with 1024-frame chunks
Heard = Callable[["Transcript | None", "str | None"], None]


class ClientVoice:
    """Speaks client lines in the persona's voice, shaped by the line's mood."""

    def __init__(self, voice: Any, cache_dir: Path | None = None):
        from simulator.speech.playback import Player
        from simulator.speech.tts import TextToSpeech

        self.voice = voice
        self.tts = TextToSpeech(cache_dir)
        self.player = Player()
        self._timer: threading.Timer | None = None
        self._on_done: Callable[[], None] | None = None
        self._ends_at = 0.0
        self._remaining: float | None = None  # set while paused
        self._generation = 0
        self.error: str | None = None  # why the last line could not be voiced

    @classmethod
    def for_scenario(cls, scenario: Scenario) -> ClientVoice:
        from simulator.speech.voices import installed_voices

        if installed_voices() is None:
            raise HoldlineError("espeak-ng is not installed (apt install espeak-ng)")
        voice = cls(scenario.persona.voice)
        voice.player._open()  # fail now, with the reason, if there is no audio output
        return voice

    def prepare(self, text: str, mood: Any) -> None:
        """Render a line ahead of time so it plays at once when its turn comes."""
        self.tts.prefetch(text, self.voice, mood)

    def play(
        self,
        text: str,
        mood: Any,
        on_done: Callable[[], None] | None,
        on_start: Callable[[float], None] | None = None,
    ) -> None:
        """Start speaking (rendering first on a worker if needed); `on_done` when it ends,
        `on_start(time.perf_counter())` the moment the sound starts."""
        self._generation += 1
        generation = self._generation
        self._cancel_timer()
        future = self.tts.prefetch(text, self.voice, mood)

        def rendered(_: object) -> None:
            if generation != self._generation:
                return
            try:
                length = self.player.play(future.result())
                if on_start is not None:
                    on_start(time.perf_counter())
            except Exception as exc:  # a line that cannot be voiced is still shown as a subtitle
                self.error = str(exc)
                length = 0.0
            self._start_timer(length, on_done)

        future.add_done_callback(rendered)

    def say_and_wait(self, text: str, mood: Any) -> None:
        """Blocking: for the terminal, where nothing else needs the thread."""
        done = threading.Event()
        self.play(text, mood, done.set)
        done.wait(120)

    def pause(self, paused: bool) -> None:
        import pygame

        if not pygame.mixer.get_init():
            return
        if paused:
            pygame.mixer.pause()
            if self._timer is not None:
                self._remaining = max(0.0, self._ends_at - time.monotonic())
                self._timer.cancel()
        else:
            pygame.mixer.unpause()
            if self._remaining is not None:
                self._start_timer(self._remaining, self._on_done)
                self._remaining = None

    def stop(self) -> None:
        self._generation += 1
        self._cancel_timer()
        self.player.stop()

    def speaking(self) -> bool:
        return self.player.speaking()

    def close(self) -> None:
        self.stop()
        self.tts.close()
        self.player.close()

    def _start_timer(self, seconds: float, on_done: Callable[[], None] | None) -> None:
        self._on_done = on_done
        self._ends_at = time.monotonic() + seconds
        if on_done is None:
            self._timer = None
            return
        self._timer = threading.Timer(seconds, on_done)
        self._timer.daemon = True
        self._timer.start()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._remaining = None


class SpeechInput:
    """The microphone and the recogniser for one scenario's language."""

    def __init__(
        self, model_path: Path, mic: Any | None, hands_free: bool = False, language: str = "en"
    ):
        from simulator.speech.stt import ModelLoader

        self.model_path = model_path
        self.loader = ModelLoader(model_path).start()
        self.mic = mic
        self.hands_free = hands_free
        self.language = language  # hands-free: the end-of-reply cues are per language
        self._vad: Any = None  # the voice-activity model, loaded in the background
        self._vad_user: ReplyListener | None = None  # the listener using it
        if hands_free:
            threading.Thread(target=self._load_vad, name="holdline-vad", daemon=True).start()
        self.listener: ReplyListener | None = None
        self._ptt: Any = None
        self.file_partial = ""

    @classmethod
    def for_scenario(
        cls,
        scenario: Scenario,
        model: str | None = None,
        mic: str | None = None,
        use_mic: bool = True,
        hands_free: bool = False,
        mute_while: Callable[[], bool] | None = None,
    ) -> SpeechInput:
        from simulator.speech.models import resolve_model

        info = resolve_model(model, scenario.language)  # --model PATH|LANG, as in transcribe
        capture = None
        if use_mic:
            from simulator.speech.capture import MicCapture

            capture = MicCapture(mic, mute_while=mute_while).start()
            capture.mute()
        return cls(info.path, capture, hands_free, scenario.language)

    # --- state polled by the 60 FPS loop -------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.loader.ready

    @property
    def failed(self) -> str | None:
        if not self.loader.ready:
            return None
        try:
            self.loader.result(0)
        except HoldlineError as exc:
            return str(exc)
        return None

    @property
    def level(self) -> float:
        return self.listener.level if self.listener is not None else 0.0

    @property
    def partial(self) -> str:
        return self.listener.partial if self.listener is not None else self.file_partial

    # --- one reply -----------------------------------------------------------------------------
    def start(self, on_speech: Callable[[], None], on_end: Heard) -> None:
        """Open the microphone for one reply (push-to-talk: the key is held now)."""
        from simulator.speech.endpoint import PushToTalk
        from simulator.speech.listen import ReplyListener

        if self.mic is None:
            raise HoldlineError("no microphone")
        endpointer: Any
        if self.hands_free:
            endpointer = self._hands_free()
        else:
            endpointer = self._ptt = PushToTalk()
            self._ptt.press()
        self.mic.unmute()

        def done(listener: ReplyListener) -> None:  # on the listener's thread
            if self.mic is not None:
                self.mic.mute()
            if listener is not self.listener:
                return  # cancelled
            self._ptt = None
            try:
                on_end(listener.result(0), None)
            except Exception as exc:
                on_end(None, str(exc))

        listener = ReplyListener(
            self.mic, self.loader.result(), endpointer, on_speech=on_speech, on_done=done
        )
        if getattr(endpointer, "vad", None) is not None:
            self._vad_user = listener
        self.listener = listener
        listener.start()

    def _load_vad(self) -> None:
        from simulator.speech.vad import load_vad

        self._vad = load_vad()  # None when not installed: the energy detector alone

    def _hands_free(self) -> Any:
        """The adaptive endpointer; the VAD is shared by one reply at a time (a cancelled
        listener may still be draining its last chunk: that reply goes without it)."""
        from simulator.speech.adaptive import AdaptiveConfig, AdaptiveHandsFree

        assert self.mic is not None
        free = self._vad_user is None or self._vad_user.done
        vad = self._vad if free else None
        config = AdaptiveConfig(language=self.language)
        return AdaptiveHandsFree(config, fmt=self.mic.format, vad=vad or False)

    def finish(self) -> None:
        """Push-to-talk released: the reply is over."""
        if self._ptt is not None:
            self._ptt.release()
        elif self.listener is not None:
            self.listener.stop()

    def cancel(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop()
        if self.mic is not None:
            self.mic.mute()

    def transcribe_file(self, path: Path, on_end: Heard, realtime: bool = False) -> None:
        """A recorded reply (scripted runs): the same recogniser, fed from a WAV file in
        chunks, at the speed it was spoken when `realtime` (as a microphone would)."""

        def run() -> None:
            try:
                on_end(self._transcribe(path, realtime), None)
            except Exception as exc:
                on_end(None, f"{path}: {exc}")

        threading.Thread(target=run, name="holdline-transcribe-file", daemon=True).start()

    def _transcribe(self, path: Path, realtime: bool) -> Transcript:
        from dataclasses import replace

        from simulator.speech.audio import read_wav
        from simulator.speech.stt import Recognizer

        pcm, fmt = read_wav(path)
        recognizer = Recognizer(self.loader.result(120), fmt).start()
        step = fmt.bytes_for(CHUNK_SECONDS)
        started = time.perf_counter()
        for i in range(0, len(pcm), step):
            recognizer.feed(pcm[i : i + step])
            self.file_partial = recognizer.partial()
            if realtime:
                time.sleep(max(0.0, started + fmt.seconds(i + step) - time.perf_counter()))
        ended = time.perf_counter()  # the reply's last audio: end of reply
        transcript = recognizer.final()
        latency = round(time.perf_counter() - ended, 4)
        return replace(
            transcript, extra={**transcript.extra, "ended_at": ended, "latency": latency}
        )

    def close(self) -> None:
        self.cancel()
        if self.mic is not None:
            self.mic.stop()
