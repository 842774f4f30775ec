"""The turn controller: whose turn it is, and what each input does to the conversation.

Inputs (called on the front end's loop thread): `begin`, `line_finished`, `listen`,
`stop_listening`, `speech_started`, `heard`, `start_typing`, `typed`, `replay`, `toggle_pause`,
`quit`. Outputs go to `on_output`, in order: `StateChanged`, the engine's events (`ClientSpoke`
when the line starts being spoken), `NothingHeard`, and `Note` (why a fallback is in use). The
window, the terminal and headless runs only render them (and word them: no text for the trainee
is written here); tests feed inputs and compare outputs.

    client_speaking -> your_turn -> (listening | typing) -> thinking -> client_speaking ...
    -> finished

Scoring and saving run on a worker thread when `background` (the window, so a frame never
waits), inline otherwise; speech runs in the speech module's threads. Results from other threads
come back through `loop.call_soon`.
"""

from __future__ import annotations

import functools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from simulator.errors import HoldlineError
from simulator.i18n import _
from simulator.scoring.evidence import ReplyScore
from simulator.session.engine import (
    ClientSpoke,
    ConversationEnded,
    Event,
    Reply,
    ReplyScored,
    ReplyUnclear,
)
from simulator.session.record import SaveFailed

if TYPE_CHECKING:
    from simulator.session.runner import PracticeSession
    from simulator.session.voice import ClientVoice, SpeechInput
    from simulator.transcript import Transcript


class Loop(Protocol):
    """What the controller needs from a front end's loop: run this on the loop thread soon."""

    def call_soon(self, fn: Callable[[], None]) -> None: ...


class QueueLoop:
    """A loop for front ends without one (terminal, tests): calls wait in a queue until run."""

    def __init__(self) -> None:
        self.inbox: queue.Queue[Callable[[], None]] = queue.Queue()

    def call_soon(self, fn: Callable[[], None]) -> None:
        self.inbox.put(fn)

    def run_until(self, done: Callable[[], bool], timeout: float = 120.0) -> bool:
        """Run queued calls until `done()`; False if `timeout` seconds pass first."""
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                fn = self.inbox.get(timeout=min(left, 0.1))
            except queue.Empty:
                continue
            fn()
        return True


class TurnState(StrEnum):
    LOADING = "loading"
    CLIENT_SPEAKING = "client_speaking"
    YOUR_TURN = "your_turn"
    LISTENING = "listening"
    TYPING = "typing"
    THINKING = "thinking"
    FINISHED = "finished"


@dataclass(frozen=True)
class StateChanged:
    state: TurnState
    message: str = ""  # what went wrong, when something did


@dataclass(frozen=True)
class Note:
    """Why a fallback is in use (typed replies, lines shown and not spoken)."""

    text: str


@dataclass(frozen=True)
class NothingHeard:
    """The microphone heard no speech: it is the trainee's turn again."""


Output = StateChanged | Note | NothingHeard | Event


@dataclass
class Feedback:
    node: str
    reply_text: str
    score: ReplyScore


class AnswerWorker:
    """Scores and saves replies off the loop thread, one at a time, in order."""

    def __init__(self, loop: Loop, session: PracticeSession, done: Any):
        self.loop = loop
        self.session = session
        self.done = done  # called on the loop thread with (events, error)
        self.jobs: queue.Queue[Reply | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="answer-worker", daemon=True)
        self.thread.start()

    def submit(self, reply: Reply) -> None:
        self.jobs.put(reply)

    def _run(self) -> None:
        while (reply := self.jobs.get()) is not None:
            events, error = answer(self.session, reply)
            self.loop.call_soon(functools.partial(self.done, events, error))
            self.jobs.task_done()
        self.jobs.task_done()

    def wait_idle(self) -> None:
        """Until every submitted reply is scored and saved (before the session is closed)."""
        self.jobs.join()

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(timeout=5)


def answer(session: PracticeSession, reply: Reply) -> tuple[list[Event], BaseException | None]:
    try:
        return session.answer(reply), None
    except Exception as exc:  # surfaced to the trainee, never a silent hang
        return [], exc


class TurnController:
    def __init__(
        self,
        loop: Loop,
        session: PracticeSession,
        voice: ClientVoice | None = None,
        listener: SpeechInput | None = None,
        *,
        on_output: Callable[[Output], None] | None = None,
        script: list[str] | None = None,
        hands_free: bool = False,
        notes: list[str] | None = None,
        background: bool = True,
        realtime: bool = False,
        strict_script: bool = False,
        clock: Callable[[], float] = time.perf_counter,
    ):
        self.loop = loop
        self.session = session
        self.voice = voice
        self.listener = listener
        self.on_output = on_output or (lambda _: None)
        self.script = deque(script) if script is not None else None
        self.hands_free = hands_free
        self.notes = list(notes or [])
        self.realtime = realtime  # scripted WAV replies arrive at the speed they were spoken
        self.strict_script = strict_script  # headless: a scripted run stops at an error
        self.speech_problem: str | None = None  # why there is no recogniser, when it failed
        self.clock = clock
        self.state = TurnState.LOADING
        self.subtitle = ""
        self.mood = session.scenario.persona.mood.value
        self.pending: deque[ClientSpoke] = deque()
        self.ending: ConversationEnded | None = None
        self.feedback: list[Feedback] = []
        self.turn = 0
        self.unclear = 0  # replies that were asked for again
        self.paused = False
        self.client_line: ClientSpoke | None = None
        self.worker = AnswerWorker(loop, session, self._answered) if background else None
        self.gaps_ms: list[float] = []  # end of reply -> start of the client's next line
        self.final_latencies_ms: list[float] = []  # end of reply -> final transcript
        self._reply_ended_at: float | None = None

    @property
    def finished(self) -> bool:
        return self.state == TurnState.FINISHED

    @property
    def ready(self) -> bool:
        """The speech model (loading in the background) is ready, or there is none."""
        return self.listener is None or self.listener.ready

    # --- flow ----------------------------------------------------------------------------------
    def begin(self) -> None:
        """The client starts talking; a recogniser that failed to load means typed replies."""
        if self.state != TurnState.LOADING:
            return
        if self.listener is not None and (failed := self.listener.failed):
            self.speech_problem = failed
            self.listener.close()
            self.listener = None
            self.note(_("Typed replies: {why}").format(why=failed))
        for text in self.notes:
            self.on_output(Note(text))
        self._apply(self.session.begin())

    def line_finished(self) -> None:
        """The client's line has been heard to its end."""
        if self.state != TurnState.CLIENT_SPEAKING:
            return
        if self.voice is not None and self.voice.error:
            why = self.voice.error
            self.note(_("The client\u2019s lines are shown, not spoken: {why}").format(why=why))
        self.session.client_finished()
        if self.pending:
            self._speak_next()
        elif self.ending is not None or self.session.finished:
            if self.ending is not None:
                self.on_output(self.ending)
            self._set(TurnState.FINISHED)
        else:
            self._your_turn()
            self._prefetch_next_lines()

    def feed_script(self) -> None:
        """The next scripted reply (headless runs): text, or the path of a recorded WAV."""
        if self.script is None or self.state != TurnState.YOUR_TURN or self.paused:
            return
        if not self.script:
            self.stop("the scripted replies ran out", quit=False)
            return
        reply = self.script.popleft()
        self.session.reply_started()
        if not reply.lower().endswith(".wav"):
            self._submit(Reply(reply, source="scripted"))
        elif self.listener is None:
            if self.speech_problem:  # (the recogniser's own reason, as it gave it)
                self._show_error(f"{reply}: {self.speech_problem}")
            else:
                no_model = _("{file}: no speech recogniser for this language")
                self._show_error(no_model.format(file=reply))
        else:
            self._set(TurnState.LISTENING)
            self.listener.transcribe_file(Path(reply), self._heard_in_thread, self.realtime)

    # --- the trainee's reply -------------------------------------------------------------------
    def listen(self) -> None:
        """Open the microphone (push-to-talk pressed, or hands-free at the start of a turn)."""
        if self.listener is None or self.state != TurnState.YOUR_TURN or self.paused:
            return
        self.listener.start(on_speech=self._speech_in_thread, on_end=self._heard_in_thread)
        self._set(TurnState.LISTENING)

    def stop_listening(self) -> None:
        """Push-to-talk released: the reply is over."""
        if self.listener is not None and self.state == TurnState.LISTENING:
            self._reply_ended_at = self.clock()
            self._set(TurnState.THINKING)
            self.listener.finish()

    def speech_started(self) -> None:
        self.session.reply_started()

    def heard(self, transcript: Transcript | None, error: str | None = None) -> None:
        if self.state == TurnState.FINISHED:
            return
        if error or transcript is None:
            self._show_error(error or _("the recogniser gave no result"))
            return
        if not transcript.text.strip():
            self.on_output(NothingHeard())
            self._your_turn()
            return
        self.session.reply_started()
        latency = transcript.extra.get("latency")
        if isinstance(latency, float):
            self.final_latencies_ms.append(latency * 1000)
        ended = transcript.extra.get("ended_at")
        reply = Reply(
            transcript.text,
            source="speech",
            words=transcript.words,
            audio=transcript.audio,
        )
        self._submit(reply, ended_at=ended if isinstance(ended, float) else self._reply_ended_at)

    def start_typing(self) -> bool:
        """Typing takes over from the microphone; False when it is not the trainee's turn."""
        if self.paused or self.state not in (TurnState.YOUR_TURN, TurnState.LISTENING):
            return False
        if self.state == TurnState.LISTENING and self.listener is not None:
            self.listener.cancel()
        self._set(TurnState.TYPING)
        return True

    def cancel_typing(self) -> None:
        if self.state == TurnState.TYPING:
            self._your_turn()

    def typed(self, text: str) -> None:
        if self.state not in (TurnState.YOUR_TURN, TurnState.TYPING) or not text.strip():
            return
        self.session.reply_started()
        self._submit(Reply(text.strip(), source="typed"))

    # --- controls ------------------------------------------------------------------------------
    def replay(self) -> None:
        """Hear the client's line again; while it is still speaking, the turn follows the
        replayed line's end."""
        if self.voice is None or self.client_line is None:
            return
        line = self.client_line
        if self.state == TurnState.CLIENT_SPEAKING:
            self.voice.play(line.text, line.mood, self._line_finished_in_thread)
        elif self.state == TurnState.YOUR_TURN:
            self.voice.play(line.text, line.mood, None)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        if self.voice is not None:
            self.voice.pause(self.paused)
        if self.paused and self.state == TurnState.LISTENING and self.listener is not None:
            self.listener.cancel()
            self._set(TurnState.YOUR_TURN)

    def quit(self) -> None:
        """The trainee quit: a reply being scored is saved as a turn first, then the session."""
        if self.state == TurnState.FINISHED:
            return
        if self.listener is not None:
            self.listener.cancel()
        if self.voice is not None:
            self.voice.stop()
        if self.worker is not None:
            self.worker.wait_idle()
        self.stop("the trainee quit")

    def stop(self, reason: str, quit: bool = True) -> None:
        """End here: the session is saved as quit (or unfinished, when `quit` is False)."""
        self.session.stop(reason, quit=quit)
        self._set(TurnState.FINISHED)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
        if self.listener is not None:
            self.listener.close()
        if self.voice is not None:
            self.voice.close()

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
            self.on_output(Note(text))

    # --- inside --------------------------------------------------------------------------------
    def _set(self, state: TurnState, message: str = "") -> None:
        self.state = state
        self.on_output(StateChanged(state, message))

    def _apply(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, ClientSpoke):
                self.pending.append(event)
                continue
            if isinstance(event, ReplyScored):
                self.turn += 1
                self.feedback.append(Feedback(event.node, event.reply.text, event.score))
            elif isinstance(event, ConversationEnded):
                self.ending = event  # told once its closing line has been heard
                continue
            self.on_output(event)
            if isinstance(event, ReplyUnclear):
                self.unclear += 1
                self._your_turn()
                return
        self._speak_next()

    def _speak_next(self) -> None:
        if not self.pending:
            return
        line = self.pending.popleft()
        self.client_line = line
        self.subtitle = line.text
        self.mood = line.mood.value
        self._set(TurnState.CLIENT_SPEAKING)
        self.on_output(line)
        self.session.client_started()
        if self.voice is not None:
            self.voice.play(
                line.text, line.mood, self._line_finished_in_thread, on_start=self._line_started
            )
        else:
            self._line_started(self.clock())
            self.line_finished()

    def _line_started(self, at: float) -> None:
        """The client's line is audible: the response gap ends here (any thread)."""
        ended, self._reply_ended_at = self._reply_ended_at, None
        if ended is not None:
            self.gaps_ms.append((at - ended) * 1000)

    def _your_turn(self) -> None:
        self._set(TurnState.YOUR_TURN)
        if self.hands_free and self.script is None:
            self.listen()

    def _prefetch_next_lines(self) -> None:
        if self.voice is None:
            return
        engine = self.session.engine
        for _id, node in engine.next_lines():
            self.voice.prepare(node.client, engine.mood_of(node))
        for text, mood in engine.next_branch_lines():
            self.voice.prepare(text, mood)

    def _submit(self, reply: Reply, ended_at: float | None = None) -> None:
        """`ended_at`: when the end of the reply was detected (the clock's time), if not now."""
        self._reply_ended_at = ended_at or self.clock()
        self._set(TurnState.THINKING)
        if self.worker is not None:
            self.worker.submit(reply)
        else:
            self._answered(*answer(self.session, reply))

    def _answered(self, events: list[Event], error: BaseException | None) -> None:
        if self.state == TurnState.FINISHED:  # the trainee quit meanwhile; the turn is saved
            return
        if isinstance(error, SaveFailed):  # play stops: the CLI prints what is kept, exit 1
            raise error
        if error is not None:
            self._show_error(_("Could not score the reply: {why}").format(why=error))
            return
        self._apply(events)

    def _show_error(self, text: str) -> None:
        if self.strict_script and self.script is not None:
            raise HoldlineError(text)  # a scripted run stops here (exit 1), never skips a reply
        self._set(TurnState.YOUR_TURN, text)

    def _line_finished_in_thread(self) -> None:
        self.loop.call_soon(self.line_finished)

    def _speech_in_thread(self) -> None:
        self.loop.call_soon(self.speech_started)

    def _heard_in_thread(self, transcript: Transcript | None, error: str | None = None) -> None:
        self.loop.call_soon(lambda: self.heard(transcript, error))
