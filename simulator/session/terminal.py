"""Terminal mode (`holdline play SCENARIO --text`): the same conversation, typed.

For trainers checking a scenario quickly and for machines without a screen. Client lines are
printed (and spoken when a `speak` callback is given); replies are typed; practice mode shows the
scores and the words behind them after each reply, exam mode only at the end.
"""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from simulator import labels
from simulator.errors import printable
from simulator.i18n import N_, _
from simulator.scoring import ReplyScore
from simulator.session.engine import ClientSpoke, ConversationEnded, ReplyScored, ReplyUnclear
from simulator.session.runner import PracticeSession, overall_scores, summary_line
from simulator.session.turns import Note, Output, QueueLoop, StateChanged, TurnController, TurnState

if TYPE_CHECKING:
    from simulator.session.voice import ClientVoice

HELP = N_("Type your reply and press Enter.  /replay hears the line again, /quit stops (saved).")
# the per-turn table's column heads
SHORT = {"empathy": N_("Emp"), "firmness": N_("Firm"), "boundary_clarity": N_("Bound")}


def label(dimension: str) -> str:
    return labels.name(labels.DIMENSIONS, dimension)


def width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(1, columns - width(text))


def fill(text: str, columns: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """textwrap.fill; text with Chinese (no spaces between words) breaks by display width."""
    if width(text) == len(text):
        return textwrap.fill(
            text, columns, initial_indent=initial_indent, subsequent_indent=subsequent_indent
        )
    rest = subsequent_indent
    lines, line = [], initial_indent
    for char in text:
        if width(line) + width(char) > columns:
            lines.append(line)
            line = rest
        line += char
    return "\n".join([*lines, line])


def bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "#" * filled + "." * (width - filled)


def format_score(score: ReplyScore, reply_text: str) -> list[str]:
    lines = [f"  {pad(label(d), 17)}{bar(v)} {v:3d}" for d, v in score.scores.items()]
    for ev in sorted(score.evidence, key=lambda e: -abs(e.points))[:6]:
        sign = "+" if ev.points > 0 else "-"
        name = labels.indicator(ev)
        quote = " " + _("\u201c{quote}\u201d").format(quote=ev.text) if ev.text.strip() else ""
        said = _("{label}: {value}").format(label=label(ev.dimension).lower(), value=name)
        lines.append(f"    {sign} {said}{quote}")
    for flag in score.flags:
        lines.append(f"    ! {labels.name(labels.WARNINGS, flag)}")
    return lines


class TerminalConversation:
    """Renders the turn controller as text; typed lines are its inputs."""

    def __init__(
        self,
        session: PracticeSession,
        read: Callable[[str], str] = input,
        out: TextIO | None = None,
        voice: ClientVoice | None = None,
        err: TextIO | None = None,
    ):
        self.session = session
        self.read = read
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.loop = QueueLoop()
        self.turns = TurnController(
            self.loop, session, voice, on_output=self.show, background=False
        )

    def say(self, text: str = "") -> None:
        print(printable(text, lines=True), file=self.out, flush=True)

    def run(self) -> int:
        scenario = self.session.scenario
        self.say(f"== {scenario.title} ==")
        self.say(fill(scenario.setting, 78))
        self.say(f"({labels.name(labels.MODES, self.session.mode)})  {_(HELP)}")
        self.say()
        turns = self.turns
        turns.begin()
        while self.wait() and not turns.finished:
            try:
                text = self.read(_("you> ")).strip()
            except EOFError:
                turns.stop("input ended before the conversation did", quit=False)
                self.say("\n[" + _("input ended: session saved as unfinished") + "]")
                break
            except KeyboardInterrupt:
                turns.quit()
                self.say("\n[" + _("quit: session saved") + "]")
                break
            if text in ("/quit", "/q"):
                turns.quit()
                self.say("[" + _("quit: session saved") + "]")
                break
            if text in ("/replay", "/r"):
                if turns.client_line:
                    self.client(turns.client_line)
                    turns.replay()
            elif text in ("/help", "/?"):
                self.say(_(HELP))
            elif text:
                turns.typed(text)
        self.summary()
        self.say(summary_line(self.session))
        return 0

    def wait(self) -> bool:
        """Until the client's line has been heard (the voice ends it on another thread)."""
        return self.loop.run_until(lambda: self.turns.state != TurnState.CLIENT_SPEAKING)

    def client(self, event: ClientSpoke) -> None:
        name = self.session.scenario.persona.name
        mood = labels.name(labels.MOODS, event.mood.value)
        line = _("{name} ({mood}): {text}").format(name=name, mood=mood, text=event.text)
        self.say(fill(line, 78))

    def show(self, output: Output) -> None:
        if isinstance(output, ClientSpoke):
            self.client(output)
        elif isinstance(output, ReplyScored) and self.session.mode == "practice":
            for line in format_score(output.score, output.reply.text):
                self.say(line)
            self.say()
        elif isinstance(output, ReplyUnclear):
            reason = output.reason if output.reason in labels.UNCLEAR else "low_confidence"
            self.say(f"  ({_(labels.UNCLEAR[reason])})")
        elif isinstance(output, ConversationEnded):
            self.say()
            outcome = labels.name(labels.OUTCOMES, output.outcome.value)
            self.say(
                _("== Ending: {outcome} == {summary}").format(
                    outcome=outcome, summary=output.summary
                )
            )
        elif isinstance(output, StateChanged) and output.message:
            self.say(f"  ({output.message})")
        elif isinstance(output, Note):
            print(f"({output.text})", file=self.err, flush=True)

    def summary(self) -> None:
        turns = self.session.turns
        if not turns:
            return
        self.say()
        self.say(_("Scores per turn:"))
        for i, turn in enumerate(turns, 1):
            values = "  ".join(
                f"{_(SHORT[d])} {turn.scores.get(d):3.0f}" for d in labels.DIMENSIONS
            )
            self.say(f"  {i:2d}. {values}   {turn.reply_text[:40]}")
        overall = overall_scores(turns)
        self.say(_("Overall:"))
        for dim, value in overall.items():
            self.say(f"  {pad(label(dim), 17)}{bar(value)} {value:3d}")
        self.say(_("Key points:"))
        for point in self.session.scenario.debrief:
            self.say(fill(point, 76, initial_indent="  - ", subsequent_indent="    "))
