"""One practice session: the engine, the scorer and the session file, wired together.

Front ends (window, terminal, headless script) drive a `PracticeSession`: `begin()` gives the
first client line; `answer(reply)` scores it, saves the finished turn to disk at once, and
gives what happens next. Nothing here touches pygame or audio devices.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator import labels
from simulator.errors import InputError
from simulator.i18n import _
from simulator.scenario.playable import Playable
from simulator.session.engine import (
    ClientSpoke,
    ConversationEnded,
    ConversationEngine,
    Event,
    Reply,
    ReplyScored,
)
from simulator.session.record import SaveFailed, ScenarioRef, SessionRecorder, Timings, Turn
from simulator.vocabulary import DIMENSIONS, FrontEnd, Mode

if TYPE_CHECKING:
    from simulator.speech.audio import Audio


@dataclass
class TurnClock:
    """Seconds since the session began, for each moment of a turn."""

    started: float = field(default_factory=time.monotonic)
    client_start: float | None = None
    client_end: float | None = None
    reply_start: float | None = None
    reply_end: float | None = None

    def now(self) -> float:
        return round(time.monotonic() - self.started, 3)

    def timings(self) -> Timings:
        gap = None
        if self.client_end is not None and self.reply_start is not None:
            gap = max(0.0, (self.reply_start - self.client_end) * 1000)
        return Timings(
            client_start=self.client_start,
            client_end=self.client_end,
            reply_start=self.reply_start,
            reply_end=self.reply_end,
            response_gap_ms=round(gap) if gap is not None else None,
        )

    def next_turn(self) -> None:
        self.client_start = self.client_end = self.reply_start = self.reply_end = None


class PracticeSession:
    def __init__(
        self,
        playable: Playable,
        trainee: str,
        sessions_dir: Path,
        mode: Mode = "practice",
        front_end: FrontEnd = "window",
    ):
        from simulator.scoring import load_scorer

        self.playable = playable
        self.scenario = playable.scenario
        self.scorer = load_scorer(playable.rubric)
        # compile the rubric's patterns while the intro plays, not on the first reply
        threading.Thread(target=self.scorer.prepare, name="scorer-prepare", daemon=True).start()
        self.engine = ConversationEngine(self.scenario, self.scorer)
        self.mode = mode
        self.clock = TurnClock()
        self.turns: list[Turn] = []
        ref = ScenarioRef(
            id=self.scenario.id,
            path=str(playable.path),
            title=self.scenario.title,
            language=self.scenario.language,
            sha256=playable.sha256,
        )
        try:
            self.recorder = SessionRecorder(
                sessions_dir,
                trainee=trainee,
                scenario=ref,
                mode=mode,
                front_end=front_end,
                debrief=list(self.scenario.debrief),
            )
        except OSError as exc:
            raise InputError(f"{sessions_dir}: cannot save sessions here: {exc.strerror}") from exc

    @property
    def path(self) -> Path:
        return self.recorder.path

    @property
    def finished(self) -> bool:
        return self.engine.finished

    @property
    def audio_dir(self) -> Path:
        return self.path.parent / self.recorder.session_id

    def begin(self) -> list[Event]:
        return self.engine.start()

    def client_started(self) -> None:
        self.clock.client_start = self.clock.now()

    def client_finished(self) -> None:
        self.clock.client_end = self.clock.now()

    def reply_started(self) -> None:
        if self.clock.reply_start is None:
            self.clock.reply_start = self.clock.now()

    def answer(self, reply: Reply) -> list[Event]:
        """Score the reply, save the finished turn, and return what happens next."""
        if self.clock.reply_start is None:
            self.clock.reply_start = self.clock.now()
        self.clock.reply_end = self.clock.now()
        events = self.engine.reply(reply)
        for event in events:
            if isinstance(event, ReplyScored):
                self._save_turn(event)
            elif isinstance(event, ConversationEnded):
                self.recorder.finish(event.outcome.value, event.node, event.summary)
            elif isinstance(event, ClientSpoke):
                self.clock.next_turn()
        return events

    def stop(self, reason: str, quit: bool = True) -> None:
        """Close an unfinished session: the trainee quit, or the replies ran out."""
        if not self.finished:
            self.recorder.finish_unfinished(reason, "quit" if quit else "unfinished")

    def _save_turn(self, event: ReplyScored) -> None:
        score = event.score
        turn = Turn(
            node=event.node,
            client_text=event.client_text,
            branch_line=event.branch_line,
            reply_text=event.reply.text,
            reply_source=event.reply.source,
            reply_audio=self._save_audio(event.reply.audio),
            words=event.reply.words,
            scores=score.scores,
            evidence=tuple(e.rounded() for e in score.evidence),
            behaviours=tuple(sorted(score.behaviours)),
            flags=score.flags,
            delivery=score.delivery,
            timings=self.clock.timings(),
        )
        self.recorder.add_turn(turn)
        # the whole turn is on disk; memory keeps what the summary needs, so a long session
        # does not grow the process by its evidence and word timings
        self.turns.append(turn.model_copy(update={"evidence": (), "words": (), "delivery": None}))

    def _save_audio(self, audio: Audio | None) -> str | None:
        """The reply's audio beside the session file, written once; the record holds a path
        relative to the session file."""
        if audio is None or not audio.pcm:
            return None
        target = self.audio_dir / f"turn-{len(self.turns) + 1:02d}.wav"
        try:
            audio.save(target)
        except OSError as exc:
            target.unlink(missing_ok=True)
            self.recorder.failed = True
            n = len(self.turns)
            raise SaveFailed(
                f"{target}: cannot save the reply's audio ({exc.strerror or exc}); "
                f"{n} finished turn{'s' if n != 1 else ''} kept in {self.path}"
            ) from None
        return str(target.relative_to(self.path.parent))


def overall_scores(turns: list[Turn]) -> dict[str, int]:
    """The mean of each score over the turns (0 for a session with no turns)."""
    if not turns:
        return {d: 0 for d in DIMENSIONS}
    return {d: round(sum(t.scores.get(d) for t in turns) / len(turns)) for d in DIMENSIONS}


def summary_line(session: PracticeSession) -> str:
    """The one line `play` ends a session with: outcome, the three scores, where it is saved."""
    turns = list(session.turns)
    path = session.recorder.path
    if not turns:
        return _("Session ended before the first reply: nothing scored. Saved to {path}").format(
            path=path
        )
    parts = [f"{labels.name(labels.DIMENSIONS, d)} {v}" for d, v in overall_scores(turns).items()]
    outcome = labels.name(labels.OUTCOMES, str(session.recorder.session.outcome or ""))
    return _("Outcome: {outcome} \u00b7 {scores} \u00b7 saved to {path}").format(
        outcome=outcome, scores=" \u00b7 ".join(parts), path=path
    )
