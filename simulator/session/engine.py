"""The conversation engine: a pure state machine over a scenario graph.

It knows nothing about pygame, audio devices or files. `start()` and `reply()` return the
events that happened, in order, so front ends (window, terminal, headless script) and tests
read them like a transcript:

    ClientSpoke(opening) -> [reply] -> ReplyScored -> BranchTaken -> ClientSpoke(next) ...
    (a branch with its own `client` line adds ClientSpoke(next, branch_line=True) first)
    ... -> ClientSpoke(ending) -> ConversationEnded
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from simulator.errors import HoldlineError
from simulator.scenario.model import Mood, Node, Scenario
from simulator.transcript import Word
from simulator.vocabulary import Outcome, ReplySource

if TYPE_CHECKING:
    from simulator.scoring import ReplyScore, Scorer
    from simulator.speech.audio import Audio


@dataclass(frozen=True)
class Reply:
    """What the trainee said: text, and when spoken, the words and the audio behind them."""

    text: str
    source: ReplySource = "typed"
    words: tuple[Word, ...] = ()
    audio: Audio | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ClientSpoke:
    node: str
    text: str
    mood: Mood
    is_ending: bool
    branch_line: bool = False  # the line of the branch just taken, said before `node`'s own


@dataclass(frozen=True)
class ReplyScored:
    node: str
    client_text: str
    reply: Reply
    score: ReplyScore
    branch_line: str | None = None  # said on the branch into `node`, before `client_text`


@dataclass(frozen=True)
class ReplyUnclear:
    """The reply cannot be judged fairly (the recogniser was unsure of the words, or the reply
    is empty or in another language): the trainee is asked to say it again. Never scored,
    saved as a turn or branched on; from `attempt` 2 on, a front end offers typing."""

    node: str
    reply: Reply
    score: ReplyScore
    reason: str  # the flag behind it: low_confidence, wrong_language, empty_reply, no_words
    attempt: int = 1  # unclear replies in a row at this node


@dataclass(frozen=True)
class BranchTaken:
    source: str
    target: str
    branch: int  # index in the node's branches
    default: bool  # True when no condition matched and the last branch was taken


@dataclass(frozen=True)
class ConversationEnded:
    node: str
    outcome: Outcome
    summary: str


Event = ClientSpoke | ReplyScored | ReplyUnclear | BranchTaken | ConversationEnded


class ConversationOver(RuntimeError):
    """A reply arrived after the conversation ended (a front-end bug, not a user error)."""


class ConversationEngine:
    """Walks one scenario for one trainee; holds no I/O."""

    def __init__(self, scenario: Scenario, scorer: Scorer):
        self.scenario = scenario
        self.scorer = scorer
        self.node_id: str | None = None
        self.path: list[str] = []
        self.outcome: Outcome | None = None
        self.branch_line: str | None = None  # said on the branch into the current node
        self._unclear_count = 0

    @property
    def node(self) -> Node:
        if self.node_id is None:
            raise RuntimeError("call start() first")
        return self.scenario.nodes[self.node_id]

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def start(self) -> list[Event]:
        self.path = []
        self.outcome = None
        return self._enter(self.scenario.start)

    def reply(self, reply: Reply) -> list[Event]:
        if self.finished or self.node_id is None:
            raise ConversationOver("the conversation is over; no reply is expected")
        node_id, node = self.node_id, self.node
        score = self.score(reply)
        reason = self._reason_to_ask_again(reply, score)
        if reason:
            self._unclear_count += 1
            return [ReplyUnclear(node_id, reply, score, reason, self._unclear_count)]
        self._unclear_count = 0
        events: list[Event] = [
            ReplyScored(node_id, node.client, reply, score, branch_line=self.branch_line)
        ]
        index, target = self.choose_branch(node, score.behaviours, score.scores)
        branches = node.branches or []
        events.append(BranchTaken(node_id, target, index, default=index == len(branches) - 1))
        return events + self._enter(target, branches[index].client)

    def score(self, reply: Reply) -> ReplyScore:
        from simulator.scoring import ReplyContext

        node = self.node
        context = ReplyContext(
            language=self.scenario.language,
            client_text=f"{self.branch_line} {node.client}" if self.branch_line else node.client,
            expects=tuple(node.expects),
            red_flags=tuple(node.red_flags),
            request=node.request,
        )
        audio = reply.audio
        return self.scorer.score(
            reply.text,
            context,
            words=reply.words or None,
            samples=audio.mono() if audio is not None else None,
            sample_rate=audio.format.rate if audio is not None else None,
        )

    @staticmethod
    def choose_branch(
        node: Node, behaviours: frozenset[str] | set[str], scores: dict[str, int]
    ) -> tuple[int, str]:
        branches = node.branches or []
        for index, branch in enumerate(branches):
            if branch.when is None or branch.when.holds(behaviours, scores):
                return index, branch.goto
        raise HoldlineError("no branch matched and the node has no default: run holdline validate")

    def next_lines(self) -> list[tuple[str, Node]]:
        """Nodes one reply away: a front end renders their speech ahead of time."""
        if self.finished or self.node_id is None:
            return []
        seen: dict[str, Node] = {}
        for branch in self.node.branches or []:
            seen.setdefault(branch.goto, self.scenario.nodes[branch.goto])
        return list(seen.items())

    def next_branch_lines(self) -> list[tuple[str, Mood]]:
        """Branch lines one reply away, each with the mood it is said in (rendered ahead too)."""
        if self.finished or self.node_id is None:
            return []
        lines: dict[str, Mood] = {}
        for branch in self.node.branches or []:
            if branch.client:
                lines.setdefault(branch.client, self.mood_of(self.scenario.nodes[branch.goto]))
        return list(lines.items())

    def mood_of(self, node: Node) -> Mood:
        return node.mood or self.scenario.persona.mood

    def _reason_to_ask_again(self, reply: Reply, score: ReplyScore) -> str | None:
        """Why a reply cannot be judged fairly (asked again, every time), or None."""
        for flag in ("empty_reply", "no_words", "wrong_language"):
            if flag in score.flags:
                return flag
        if reply.source == "speech" and "low_confidence" in score.flags:
            return "low_confidence"
        return None

    def _enter(self, node_id: str, branch_line: str | None = None) -> list[Event]:
        self.node_id = node_id
        self.path.append(node_id)
        self.branch_line = branch_line
        node = self.scenario.nodes[node_id]
        mood = self.mood_of(node)
        events: list[Event] = []
        if branch_line:
            events.append(ClientSpoke(node_id, branch_line, mood, False, branch_line=True))
        events.append(ClientSpoke(node_id, node.client, mood, node.is_end))
        if node.end is not None:
            self.outcome = node.end.outcome
            events.append(ConversationEnded(node_id, node.end.outcome, node.end.summary))
        return events
