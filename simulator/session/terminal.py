"""Terminal mode (`holdline play SCENARIO --text`): the same conversation, typed.

For trainers checking a scenario quickly and for machines without a screen. Client lines are
printed (and spoken when a `speak` callback is given); replies are typed; practice mode shows the
scores and the words behind them after each reply, exam mode only at the end.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from simulator.errors import printable
from simulator.scoring import ReplyScore
from simulator.session.engine import (
    ClientSpoke,
    ConversationEnded,
    Event,
    Reply,
    ReplyScored,
    ReplyUnclear,
)
from simulator.session.runner import PracticeSession, overall_scores

LABELS = {"empathy": "Empathy", "firmness": "Firmness", "boundary_clarity": "Boundary clarity"}
HELP = "Type your reply and press Enter.  /replay hears the line again, /quit stops (saved)."


def bar(value: float, width: int = 20) -> str:
    filled = round(value / 100 * width)
    return "#" * filled + "." * (width - filled)


def format_score(score: ReplyScore, reply_text: str) -> list[str]:
    lines = [f"  {LABELS[d]:<17}{bar(v)} {v:3d}" for d, v in score.scores.items()]
    for ev in sorted(score.evidence, key=lambda e: -abs(e.points))[:6]:
        sign = "+" if ev.points > 0 else "-"
        name = ev.indicator.replace("_", " ")
        lines.append(f'    {sign} {LABELS[ev.dimension].lower()}: "{ev.text}" ({name})')
    for flag in score.flags:
        lines.append(f"    ! {flag.replace('_', ' ')}")
    return lines


class TerminalConversation:
    def __init__(
        self,
        session: PracticeSession,
        read: Callable[[str], str] = input,
        out: TextIO | None = None,
        speak: Callable[[ClientSpoke], None] | None = None,
    ):
        import sys

        self.session = session
        self.read = read
        self.out = out or sys.stdout
        self.speak = speak
        self.last_line: ClientSpoke | None = None

    def say(self, text: str = "") -> None:
        print(printable(text, lines=True), file=self.out, flush=True)

    def run(self) -> int:
        scenario = self.session.scenario
        self.say(f"== {scenario.title} ==")
        self.say(textwrap.fill(scenario.setting, 78))
        self.say(f"({self.session.mode} mode)  {HELP}")
        self.say()
        self.show(self.session.begin())
        while not self.session.finished:
            try:
                text = self.read("you> ").strip()
            except EOFError:
                self.session.stop("input ended before the conversation did", quit=False)
                self.say("\n[input ended: session saved as unfinished]")
                break
            except KeyboardInterrupt:
                self.session.stop("the trainee quit")
                self.say("\n[quit: session saved]")
                break
            if not text:
                continue
            if text in ("/quit", "/q"):
                self.session.stop("the trainee quit")
                self.say("[quit: session saved]")
                break
            if text in ("/replay", "/r"):
                if self.last_line:
                    self.client(self.last_line)
                continue
            if text in ("/help", "/?"):
                self.say(HELP)
                continue
            self.session.reply_started()
            self.show(self.session.answer(Reply(text, source="typed")))
        self.summary()
        self.say(f"Session saved: {self.session.path}")
        return 0

    def client(self, event: ClientSpoke) -> None:
        name = self.session.scenario.persona.name
        self.say(textwrap.fill(f"{name} ({event.mood.value}): {event.text}", 78))
        if self.speak:
            self.speak(event)

    def show(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, ClientSpoke):
                self.last_line = event
                self.session.client_started()
                self.client(event)
                self.session.client_finished()
            elif isinstance(event, ReplyScored) and self.session.mode == "practice":
                for line in format_score(event.score, event.reply.text):
                    self.say(line)
                self.say()
            elif isinstance(event, ReplyUnclear):
                reasons = {"wrong_language": f"please answer in '{self.session.scenario.language}'"}
                self.say(f"  ({reasons.get(event.reason, 'please say that again')})")
            elif isinstance(event, ConversationEnded):
                self.say()
                self.say(f"== Ending: {event.outcome.value} == {event.summary}")

    def summary(self) -> None:
        turns = self.session.turns
        if not turns:
            return
        self.say()
        self.say("Scores per turn:")
        for i, turn in enumerate(turns, 1):
            values = "  ".join(f"{LABELS[d][:3]} {turn.scores.get(d):3.0f}" for d in LABELS)
            self.say(f"  {i:2d}. {values}   {turn.reply_text[:40]}")
        overall = overall_scores(turns)
        self.say("Overall:")
        for dim, value in overall.items():
            self.say(f"  {LABELS[dim]:<17}{bar(value)} {value:3d}")
        self.say("Key points:")
        for point in self.session.scenario.debrief:
            self.say(textwrap.fill(point, 76, initial_indent="  - ", subsequent_indent="    "))
