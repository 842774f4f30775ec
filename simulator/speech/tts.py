"""Text-to-speech: one worker thread owns pyttsx3 and renders lines into a WAV cache.

    settings = voice_settings(scenario.persona.voice, mood="angry")   # -> VoiceSettings
    tts = TextToSpeech(cache_dir="audio/cache")      # worker thread starts on first use
    tts.prefetch(text, voice, mood) -> Future[Path]  # render ahead of time, never blocks
    tts.render(text, voice, mood, timeout=30) -> Path  # blocks; returns at once when cached
    tts.cached(text, voice, mood) -> Path | None
    tts.close()                                      # or use `with TextToSpeech() as tts:`

`voice` is a scenario `Voice` (espeak, rate, pitch, volume), a `VoiceSettings`, an espeak voice
name ('en-gb', 'en-us+f3', 'ru', 'cmn') or None ('en-us'). `mood` is a scenario `Mood` or its
name: angry/furious/irritated speak faster and louder, sad/distressed slower and softer (see
MOOD_STYLE). Output: mono 16-bit WAV at 22050 Hz (pyttsx3's espeak driver fixes the rate),
named by a hash of text + final voice settings, written atomically: a line is synthesised once.

pyttsx3 rules (see shared/notes/speech-environment.md): the engine is created and used on the
worker thread only, the voice is set before every save_to_file, say() is never called, and the
driver's "Audio saved to ..." print is silenced so it never reaches our CLI output.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import sys
import tempfile
import threading
import wave
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from simulator.errors import HoldlineError
from simulator.speech.audio import AudioFormat
from simulator.speech.voices import espeak_identifier, voice_installed

log = logging.getLogger(__name__)

TTS_FORMAT = AudioFormat(22050, 2, 1)
DEFAULT_VOICE = "en-us"
CACHE_VERSION = 2
RENDER_TIMEOUT = 30.0  # seconds for one line
MISSING_ESPEAK = (
    "espeak-ng is not installed: install the 'espeak-ng' package "
    "(Debian/Ubuntu: sudo apt-get install espeak-ng)"
)


@dataclass(frozen=True)
class VoiceSettings:
    """espeak voice, words per minute, pitch 0-99, volume (a linear gain, 0.05-1.5)."""

    espeak: str = DEFAULT_VOICE
    rate: int = 175
    pitch: int = 50
    volume: float = 0.9

    def key(self, text: str) -> str:
        blob = json.dumps(
            [
                CACHE_VERSION,
                text,
                self.espeak.lower(),
                self.rate,
                self.pitch,
                round(self.volume, 3),
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class MoodStyle:
    rate: float = 1.0  # multiplier
    volume: float = 1.0  # multiplier
    pitch: int = 0  # added to espeak pitch


MOOD_STYLE: dict[str, MoodStyle] = {
    "calm": MoodStyle(),
    "friendly": MoodStyle(1.05, 1.0, 4),
    "hopeful": MoodStyle(1.05, 1.0, 5),
    "attached": MoodStyle(0.95, 0.95, 2),
    "sad": MoodStyle(0.85, 0.8, -8),
    "anxious": MoodStyle(1.1, 0.9, 6),
    "distressed": MoodStyle(0.85, 0.75, 4),
    "embarrassed": MoodStyle(0.92, 0.75, 2),
    "irritated": MoodStyle(1.1, 1.1, -2),
    "angry": MoodStyle(1.2, 1.25, -4),
    "furious": MoodStyle(1.3, 1.35, -6),
    "panicked": MoodStyle(1.3, 1.1, 10),
    "uneasy": MoodStyle(0.95, 0.9, 3),
    "relieved": MoodStyle(0.97, 1.0, 0),
    "grateful": MoodStyle(1.0, 1.0, 3),
}


def _mood_name(mood: object) -> str | None:
    if mood is None:
        return None
    name = str(getattr(mood, "value", mood)).lower()
    if name not in MOOD_STYLE:
        raise HoldlineError(f"unknown mood '{name}' (known: {', '.join(MOOD_STYLE)})")
    return name


def voice_settings(voice: object = None, mood: object = None) -> VoiceSettings:
    """Scenario Voice / VoiceSettings / espeak name / None, shaped by the mood."""
    if voice is None:
        base = VoiceSettings()
    elif isinstance(voice, VoiceSettings):
        base = voice
    elif isinstance(voice, str):
        base = VoiceSettings(espeak=voice)
    else:  # scenario.model.Voice or anything with the same fields
        base = VoiceSettings(
            espeak=str(voice.espeak),  # type: ignore[attr-defined]
            rate=int(voice.rate),  # type: ignore[attr-defined]
            pitch=int(voice.pitch),  # type: ignore[attr-defined]
            volume=float(voice.volume),  # type: ignore[attr-defined]
        )
    name = _mood_name(mood)
    if name is None:
        return base
    style = MOOD_STYLE[name]
    return replace(
        base,
        rate=max(80, min(450, round(base.rate * style.rate))),
        pitch=max(0, min(99, base.pitch + style.pitch)),
        volume=round(max(0.05, min(1.5, base.volume * style.volume)), 3),
    )


def default_cache_dir() -> Path:
    return Path(os.environ.get("HOLDLINE_TTS_CACHE") or Path("audio") / "cache")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


# pyttsx3 hands out one engine per driver and process: two TextToSpeech objects alive at once
# would share it from two worker threads, so its use is serialised (one per process is best).
_ENGINE_LOCK = threading.Lock()


class _Engine:
    """The pyttsx3 engine; every method runs on the worker thread (under _ENGINE_LOCK)."""

    def __init__(self) -> None:
        try:
            import pyttsx3

            self.engine = pyttsx3.init("espeak")
        except Exception as exc:  # OSError from ctypes, RuntimeError, ... when espeak is missing
            log.debug("pyttsx3.init failed: %r", exc)
            raise HoldlineError(MISSING_ESPEAK) from None
        self.errors: list[BaseException] = []
        # pyttsx3 reports a failed setProperty through this callback instead of raising
        self.engine.connect(
            "error", lambda name=None, exception=None: self.errors.append(exception)
        )
        self.finished = threading.Event()
        self.engine.connect("finished-utterance", lambda **_: self.finished.set())
        driver = sys.modules.get("pyttsx3.drivers.espeak")
        if driver is not None:  # shadow print() in the driver module: no "Audio saved to ..."
            driver.print = lambda *a, **k: None  # type: ignore[attr-defined]
        # Warm up: pyttsx3's first runAndWait runs queued commands late and may return before
        # the WAV is written (seen: an empty first file); one throw-away line settles it.
        fd, warm = tempfile.mkstemp(suffix=".wav")
        os.close(fd)
        try:
            self.save("a", VoiceSettings(), Path(warm), check_voice=False)
        except HoldlineError:
            pass
        finally:
            Path(warm).unlink(missing_ok=True)

    def save(
        self, text: str, settings: VoiceSettings, target: Path, check_voice: bool = True
    ) -> None:
        e = self.engine
        if (
            check_voice and voice_installed(settings.espeak) is False
        ):  # espeak-ng silently falls back otherwise
            raise HoldlineError(f"espeak-ng has no voice '{settings.espeak}'")
        self.errors.clear()
        # Seen with espeak-ng 1.51 through pyttsx3: setting the voice resets the rate, and a
        # changed volume sometimes keeps its old value and undoes the rate. So: voice, pitch,
        # rate, with espeak's volume never changed; volume is a gain applied afterwards.
        e.setProperty("voice", espeak_identifier(settings.espeak))
        if self.errors:
            raise HoldlineError(f"espeak-ng has no voice '{settings.espeak}'")
        e.setProperty("pitch", settings.pitch)
        e.setProperty("rate", settings.rate)
        if self.errors:
            raise HoldlineError(f"espeak-ng rejected the voice settings: {self.errors[0]}")
        self.finished.clear()
        e.save_to_file(text, str(target))
        e.runAndWait()
        # the WAV is complete when the driver reports the utterance finished
        if not self.finished.wait(RENDER_TIMEOUT):
            raise HoldlineError(f"espeak-ng did not finish a line within {RENDER_TIMEOUT:.0f} s")


class TextToSpeech:
    """Renders lines to cached WAVs on one worker thread that owns the pyttsx3 engine."""

    def __init__(self, cache_dir: str | os.PathLike[str] | None = None) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._jobs: queue.Queue[tuple[str, VoiceSettings, Path, Future[Path]] | None] = (
            queue.Queue()
        )
        self._pending: dict[Path, Future[Path]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closed = False

    # -- public API --
    def path_for(self, text: str, voice: object = None, mood: object = None) -> Path:
        clean, settings = _spoken(text, voice, mood)
        return self.cache_dir / f"{settings.key(clean)}.wav"

    def cached(self, text: str, voice: object = None, mood: object = None) -> Path | None:
        path = self.path_for(text, voice, mood)
        return path if cache_entry_ok(path) else None

    def prefetch(self, text: str, voice: object = None, mood: object = None) -> Future[Path]:
        """Queue a line for rendering; the future resolves to its WAV path."""
        clean, settings = _spoken(text, voice, mood)
        if voice_installed(settings.espeak) is False:  # espeak-ng silently falls back otherwise
            raise HoldlineError(f"espeak-ng has no voice '{settings.espeak}'")
        path = self.cache_dir / f"{settings.key(clean)}.wav"
        with self._lock:
            if cache_entry_ok(path):
                done: Future[Path] = Future()
                done.set_result(path)
                return done
            if path in self._pending:
                return self._pending[path]
            if self._closed:
                raise RuntimeError("TextToSpeech is closed")
            future: Future[Path] = Future()
            self._pending[path] = future
            self._ensure_worker()
            self._jobs.put((clean, settings, path, future))
            return future

    def render(
        self, text: str, voice: object = None, mood: object = None, timeout: float = 60.0
    ) -> Path:
        """The line's WAV path, rendering it first unless it is cached."""
        return self.prefetch(text, voice, mood).result(timeout)

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._jobs.put(None)
            thread.join(timeout)

    def __enter__(self) -> TextToSpeech:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- worker --
    def _ensure_worker(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="holdline-tts", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        engine: _Engine | None = None
        init_error: BaseException | None = None
        while True:
            job = self._jobs.get()
            if job is None:
                return
            text, settings, path, future = job
            try:
                with _ENGINE_LOCK:
                    if engine is None and init_error is None:
                        try:
                            engine = _Engine()
                        except BaseException as exc:  # noqa: BLE001 - handed to every future
                            init_error = exc
                    if init_error is not None:
                        raise init_error
                    assert engine is not None
                    made = self._render_one(engine, text, settings, path)
            except BaseException as exc:  # noqa: BLE001 - delivered through the future
                self._finish(path, future, error=exc)
            else:
                self._finish(path, future, made)

    def _finish(
        self,
        path: Path,
        future: Future[Path],
        made: Path | None = None,
        error: BaseException | None = None,
    ) -> None:
        with self._lock:
            self._pending.pop(path, None)
        if error is None:
            future.set_result(made or path)
        else:
            future.set_exception(error)

    @staticmethod
    def _render_one(engine: _Engine, text: str, settings: VoiceSettings, path: Path) -> Path:
        """Render into the cache; a cache that cannot be written (read-only, full) is passed
        by: the line is rendered into a private temporary folder instead."""
        try:
            path.unlink(missing_ok=True)  # a corrupt entry (checked by the caller)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".tts-", suffix=".wav", dir=path.parent)
        except OSError:
            path = _fallback_dir() / path.name
            fd, tmp_name = tempfile.mkstemp(prefix=".tts-", suffix=".wav", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            # pyttsx3 now and then returns before espeak has written the file (seen in a full
            # test run: an empty WAV); one more render settles it, a second failure is real.
            for _attempt in range(2):
                engine.save(text, settings, tmp)
                if _has_audio(tmp):
                    break
            else:
                raise HoldlineError(f"espeak-ng produced no audio for voice '{settings.espeak}'")
            apply_gain(tmp, settings.volume)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        return path


_FALLBACK: list[Path] = []


def _fallback_dir() -> Path:
    """A private folder for this process's renders when the cache cannot be written."""
    if not _FALLBACK:
        _FALLBACK.append(Path(tempfile.mkdtemp(prefix="holdline-tts-")))
    return _FALLBACK[0]


def cache_entry_ok(path: Path) -> bool:
    """A cached WAV whose header parses and whose data is all there (a file cut short by a
    full disk or a crash, or overwritten with rubbish, is rendered again)."""
    try:
        size = path.stat().st_size
        with wave.open(str(path), "rb") as w:
            frames = w.getnframes()
            need = frames * w.getsampwidth() * w.getnchannels()
            if frames == 0 or w.getframerate() <= 0:
                return False
            w.readframes(0)
        return size >= 44 + need
    except (OSError, wave.Error, EOFError, ValueError):
        return False


def _has_audio(path: Path) -> bool:
    try:
        return path.stat().st_size > 44 and wav_seconds(path) > 0
    except (OSError, wave.Error, EOFError):
        return False


def apply_gain(path: Path, gain: float) -> None:
    """Scale a mono s16 WAV in place (clipped): the voice's volume."""
    if abs(gain - 1.0) < 1e-3:
        return
    import numpy as np

    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        pcm = w.readframes(w.getnframes())
    x = np.frombuffer(pcm, "<i2").astype(np.float32) * gain
    out = np.clip(x, -32768, 32767).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setparams(params)
        w.writeframes(out)


def _spoken(text: str, voice: object, mood: object) -> tuple[str, VoiceSettings]:
    """The text and settings espeak-ng is given (Chinese goes as pinyin: see mandarin.py)."""
    from simulator.speech.mandarin import as_pinyin

    return as_pinyin(_clean(text), voice_settings(voice, mood))


def _clean(text: str) -> str:
    clean = " ".join(str(text).split())
    if not clean:
        raise HoldlineError("nothing to say: the text is empty")
    return clean


def render_to(
    path: str | os.PathLike[str],
    text: str,
    voice: Any = None,
    mood: Any = None,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """One-shot helper for `holdline say`: render (through the cache) and copy to `path`."""
    import shutil

    with TextToSpeech(cache_dir) as tts:
        wav = tts.render(text, voice, mood)
    out = Path(path)
    tmp = ""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".say-", suffix=".wav", dir=out.parent)
        os.close(fd)
        shutil.copyfile(wav, tmp)
        os.replace(tmp, out)
    except OSError as exc:
        raise HoldlineError(f"{out}: cannot write ({exc.strerror or exc})") from None
    finally:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
    return out
