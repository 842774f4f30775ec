"""What the conversation screen knows and does, apart from drawing it.

States: client_speaking -> your_turn -> (listening | typing) -> thinking -> client_speaking ...
-> finished. Scoring and saving run on a worker thread; speech runs in the speech module's
threads; results come back to the main loop through `app.call_soon`.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import N_, _
from simulator.session.engine import (
    ClientSpoke,
    ConversationEnded,
    Event,
    Reply,
    ReplyScored,
    ReplyUnclear,
)
from simulator.ui.labels import UNCLEAR

if TYPE_CHECKING:
    from simulator.session.runner import PracticeSession
    from simulator.session.voice import ClientVoice, SpeechInput
    from simulator.transcript import Transcript
    from simulator.ui.app import App


TWICE_UNCLEAR = N_(
    "Your reply could not be made out twice in a row. It is not scored. "
    "Press T to type it, or try again."
)


@dataclass
class Feedback:
    node: str
    reply_text: str
    score: dict[str, Any]  # ReplyScore.to_json()


class AnswerWorker:
    """Scores and saves replies off the main thread, one at a time, in order."""

    def __init__(self, app: App, session: PracticeSession, done: Any):
        self.app = app
        self.session = session
        self.done = done  # called on the main thread with (events, error)
        self.jobs: queue.Queue[Reply | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="answer-worker", daemon=True)
        self.thread.start()

    def submit(self, reply: Reply) -> None:
        self.jobs.put(reply)

    def _run(self) -> None:
        while (reply := self.jobs.get()) is not None:
            try:
                events = self.session.answer(with_samples(reply))
                error = None
            except Exception as exc:  # surfaced on screen, never a silent hang
                events, error = [], exc
            self.app.call_soon(lambda e=events, x=error: self.done(e, x))
            self.jobs.task_done()
        self.jobs.task_done()

    def wait_idle(self) -> None:
        """Until every submitted reply is scored and saved (before the session is closed)."""
        self.jobs.join()

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(timeout=5)


def with_samples(reply: Reply) -> Reply:
    """Spoken replies carry their samples to the scorer for loudness steadiness."""
    if reply.samples is not None or not reply.audio_path:
        return reply
    try:
        from dataclasses import replace

        from simulator.speech.audio import read_wav, to_float_mono

        pcm, fmt = read_wav(reply.audio_path)
        return replace(reply, samples=to_float_mono(pcm, fmt), sample_rate=fmt.rate)
    except Exception:
        return reply


class Conversation:
    def __init__(
        self,
        app: App,
        session: PracticeSession,
        voice: ClientVoice | None,
        listener: SpeechInput | None,
        script: list[str] | None = None,
        hands_free: bool = False,
        notes: list[str] | None = None,
    ):
        self.app = app
        self.session = session
        self.voice = voice
        self.listener = listener
        self.script = deque(script) if script is not None else None
        self.hands_free = hands_free
        self.notes = notes or []  # why a fallback is in use, shown on screen
        self.state = "loading"
        self.subtitle = ""
        self.mood = session.scenario.persona.mood.value
        self.pending: deque[ClientSpoke] = deque()
        self.ending: ConversationEnded | None = None
        self.feedback: list[Feedback] = []
        self.message = ""
        self.turn = 0
        self.unclear = 0  # replies that were asked for again
        self.paused = False
        self.client_line: ClientSpoke | None = None
        self.worker = AnswerWorker(app, session, self._answered)
        self.gaps_ms: list[float] = []  # end of reply -> start of the client's next line
        self.final_latencies_ms: list[float] = []  # end of reply -> final transcript
        self._reply_ended_at: float | None = None
        self._script_due = 0

    # --- flow ----------------------------------------------------------------------------------
    def update(self) -> None:
        """Once the speech model has loaded (in the background), the client starts talking."""
        if self.script is not None and self.state == "your_turn" and not self.paused:
            self._script_due -= 1
            if self._script_due <= 0:
                self._feed_script()
        if self.state != "loading":
            return
        if self.listener is not None:
            if not self.listener.ready:
                return
            failed = self.listener.failed
            if failed:
                self.notes.append(_("Typed replies: {why}").format(why=failed))
                self.listener.close()
                self.listener = None
        self.apply(self.session.begin())

    def apply(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, ClientSpoke):
                self.pending.append(event)
            elif isinstance(event, ReplyScored):
                self.turn += 1
                self.feedback.append(Feedback(event.node, event.reply.text, event.score.to_json()))
            elif isinstance(event, ReplyUnclear):
                self.unclear += 1
                reason = event.reason if event.reason in UNCLEAR else "low_confidence"
                self.message = _(TWICE_UNCLEAR if event.attempt >= 2 else UNCLEAR[reason])
                self.your_turn()
                return
            elif isinstance(event, ConversationEnded):
                self.ending = event
        self.speak_next()

    def speak_next(self) -> None:
        if not self.pending:
            return
        line = self.pending.popleft()
        self.client_line = line
        self.subtitle = line.text
        self.mood = line.mood.value
        self.state = "client_speaking"
        self.session.client_started()
        config = self.app.config
        if self.voice is not None and (config.pace == "realtime" or not config.headless):
            done = lambda: self.app.call_soon(self.client_done)  # noqa: E731
            self.voice.play(line.text, line.mood, done, on_start=self._line_started)
        else:
            self._line_started(time.perf_counter())
            self.client_done()

    def _line_started(self, at: float) -> None:
        """The client's line is audible: the response gap ends here (any thread)."""
        ended, self._reply_ended_at = self._reply_ended_at, None
        if ended is not None:
            self.gaps_ms.append((at - ended) * 1000)

    def client_done(self) -> None:
        if self.state != "client_speaking":
            return
        if self.voice is not None and self.voice.error:
            note = _("The client\u2019s lines are shown, not spoken: {why}").format(
                why=self.voice.error
            )
            if note not in self.notes:
                self.notes.append(note)
        self.session.client_finished()
        if self.pending:
            self.speak_next()
            return
        if self.ending is not None or self.session.finished:
            self.app.screenshot("ending")
            self.finish()
            return
        self.your_turn()
        self.app.screenshot(f"turn-{self.turn + 1}")
        self._prefetch_next_lines()
        self._script_due = 2  # frames: let "your turn" show before the scripted reply arrives

    def your_turn(self) -> None:
        self.state = "your_turn"
        if self.hands_free and self.listener is not None and self.script is None:
            self.start_listening()

    def _prefetch_next_lines(self) -> None:
        if self.voice is None:
            return
        for _id, node in self.session.engine.next_lines():
            self.voice.prepare(node.client, self.session.engine.mood_of(node))

    def _feed_script(self) -> None:
        if self.script is None:
            return
        if not self.script:
            self.session.stop("the scripted replies ran out", quit=False)
            self.finish()
            return
        reply = self.script.popleft()
        self.session.reply_started()
        if reply.lower().endswith(".wav"):
            if self.listener is None:
                self.show_error(
                    _("{file}: no speech recogniser for this language").format(file=reply)
                )
                return
            self.state = "listening"
            realtime = self.app.config.pace == "realtime"
            self.listener.transcribe_file(Path(reply), self._heard_in_thread, realtime)
        else:
            self.submit(Reply(reply, source="scripted"))

    # --- the trainee's reply -------------------------------------------------------------------
    def start_listening(self) -> None:
        if self.listener is None or self.state not in ("your_turn",):
            return
        self.message = ""
        self.listener.start(on_speech=self._speech_started, on_end=self._heard_in_thread)
        self.state = "listening"

    def stop_listening(self) -> None:
        if self.listener is not None and self.state == "listening":
            self.state = "thinking"
            self._reply_ended_at = time.perf_counter()  # push-to-talk released
            self.listener.finish()

    def _speech_started(self) -> None:
        self.app.call_soon(self.session.reply_started)

    def _heard_in_thread(self, transcript: Transcript | None, error: str | None = None) -> None:
        self.app.call_soon(lambda: self.heard(transcript, error))

    def heard(self, transcript: Transcript | None, error: str | None = None) -> None:
        if self.state == "finished":
            return
        if error or transcript is None:
            self.show_error(error or _("the recogniser gave no result"))
            return
        if not transcript.text.strip():
            self.message = _("No speech heard. Hold SPACE while you talk, or press T to type.")
            self.your_turn()
            return
        self.session.reply_started()
        latency = transcript.extra.get("latency")
        if isinstance(latency, float):
            self.final_latencies_ms.append(latency * 1000)
        ended = transcript.extra.get("ended_at")
        self.submit(
            Reply(
                transcript.text,
                source="speech",
                words=transcript.words,
                audio_path=transcript.audio_path,
            ),
            ended_at=ended if isinstance(ended, float) else self._reply_ended_at,
        )

    def submit(self, reply: Reply, ended_at: float | None = None) -> None:
        """`ended_at`: when the end of the reply was detected (perf_counter), if not now."""
        self.state = "thinking"
        self._reply_ended_at = ended_at or time.perf_counter()
        self.worker.submit(reply)

    def _answered(self, events: list[Event], error: BaseException | None) -> None:
        if self.state == "finished":  # the trainee quit meanwhile; the turn is already saved
            return
        if error is not None:
            self.show_error(_("Could not score the reply: {why}").format(why=error))
            return
        self.apply(events)

    # --- controls ------------------------------------------------------------------------------
    def replay(self) -> None:
        if self.voice is None or self.client_line is None:
            return
        if self.state == "client_speaking":  # start again; the turn still follows the line
            done = lambda: self.app.call_soon(self.client_done)  # noqa: E731
            self.voice.play(self.client_line.text, self.client_line.mood, done)
        elif self.state == "your_turn":
            self.voice.play(self.client_line.text, self.client_line.mood, None)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        if self.voice is not None:
            self.voice.pause(self.paused)
        if self.paused and self.state == "listening" and self.listener is not None:
            self.listener.cancel()
            self.state = "your_turn"

    def quit(self) -> None:
        if self.listener is not None:
            self.listener.cancel()
        if self.voice is not None:
            self.voice.stop()
        self.worker.wait_idle()  # a reply being scored is saved as a turn, not lost
        self.session.stop("the trainee quit")
        self.finish()

    def finish(self) -> None:
        self.state = "finished"

    def show_error(self, text: str) -> None:
        self.message = text
        self.state = "your_turn"

    def close(self) -> None:
        self.worker.close()
        if self.listener is not None:
            self.listener.close()
        if self.voice is not None:
            self.voice.close()
