"""The session file: typed records, a save after every turn, and a validating loader.

A session is ``<dir>/<session-id>.json``, one JSON document written atomically (temp file in the
same directory, fsync, ``os.replace``, fsync of the directory) when the session starts and when
it ends. While it runs, each finished turn is appended as one JSON line to the journal beside it,
``<session-id>.turns.jsonl``, and fsynced, so a save costs the same on turn 1,000 as on turn 1.
``load_session`` folds the journal in (a line cut off by a crash is ignored), so a kill at any
moment leaves every finished turn readable; ``finish`` writes them all into the snapshot and
removes the journal. Until then the file says ``"outcome": "unfinished"``, ``"ended_at": null``.
A write that fails raises ``SaveFailed``, saying what is kept and where.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from simulator.errors import HoldlineError, InputError
from simulator.scoring.evidence import Evidence
from simulator.session.files import append_line, create_exclusive, write_atomic
from simulator.transcript import Word
from simulator.vocabulary import FrontEnd, Mode, ReplySource, Stopped
from simulator.vocabulary import SessionOutcome as Outcome

SCHEMA_VERSION = 1


ScoreValue = Annotated[int | float, Field(ge=0, le=100)]
Seconds = Annotated[float, Field(ge=0)]
DeliveryValue = int | float | str | bool | None | list[Any] | dict[str, Any]


class Record(BaseModel):
    """Frozen, strict about types and ranges, tolerant of unknown keys (newer minor fields)."""

    model_config = ConfigDict(frozen=True, extra="ignore")


def _plain(value: Any) -> Any:
    """numpy scalars (from the scorer or delivery analysis) become plain Python numbers."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (int, float, str, bool)):
        return item()
    return value


class Scores(Record):
    empathy: ScoreValue
    firmness: ScoreValue
    boundary_clarity: ScoreValue

    @field_validator("*", mode="before")
    @classmethod
    def _plain_score(cls, value: Any) -> Any:
        return _plain(value)

    def get(self, dimension: str) -> float:
        return float(getattr(self, dimension))


class Timings(Record):
    """Seconds since the session started; the gap is the trainee's response time."""

    client_start: Seconds | None = None
    client_end: Seconds | None = None
    reply_start: Seconds | None = None
    reply_end: Seconds | None = None
    response_gap_ms: Annotated[int | float, Field(ge=0)] | None = None


class Turn(Record):
    node: str = Field(min_length=1)
    client_text: str
    branch_line: str | None = None  # said on the branch into this node, before client_text
    reply_text: str
    reply_source: ReplySource = "speech"
    reply_audio: str | None = None  # relative to the session file's directory
    words: tuple[Word, ...] = ()
    scores: Scores
    evidence: tuple[Evidence, ...] = ()
    behaviours: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # e.g. "low_confidence"
    delivery: dict[str, DeliveryValue] | None = None  # words_per_minute, long_pauses, ...
    timings: Timings = Timings()

    @field_validator("delivery", mode="before")
    @classmethod
    def _plain_delivery(cls, value: Any) -> Any:
        return _plain(value)

    @model_validator(mode="after")
    def _evidence_inside_reply(self) -> Turn:
        for i, ev in enumerate(self.evidence):
            if not 0 <= ev.start <= ev.end <= len(self.reply_text):
                raise ValueError(
                    f"evidence[{i}] span {ev.start}-{ev.end} is outside the reply "
                    f"({len(self.reply_text)} characters)"
                )
        return self


class ScenarioRef(Record):
    id: str = Field(min_length=1)
    path: str
    title: str
    language: str
    sha256: str


class Ending(Record):
    node: str
    summary: str


class Session(Record):
    schema_version: Annotated[int, Field(ge=1)]
    session_id: str = Field(min_length=1)
    trainee: str
    scenario: ScenarioRef
    mode: Mode
    front_end: FrontEnd
    started_at: datetime
    ended_at: datetime | None = None
    outcome: Outcome
    end_reason: str | None = None  # why an unfinished or quit session stopped
    ending: Ending | None = None
    debrief: tuple[str, ...] = ()
    turns: tuple[Turn, ...]

    @field_validator("started_at", "ended_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # naive times are taken as UTC
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


# --- ids and writing -------------------------------------------------------------------------


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def slugify(name: str, limit: int = 32) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:limit].strip("-")
    return slug or "trainee"


def new_session_id(trainee: str, now: datetime | None = None) -> str:
    """``20261124T235959Z-trainee-slug-1a2b``: sorts by start time; the file is created with
    an exclusive link, so an id that is already taken is never reused."""
    stamp = (now or utc_now()).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{slugify(trainee)}-{secrets.token_hex(2)}"


def _encode(session: Session) -> bytes:
    return (session.model_dump_json(indent=2) + "\n").encode("utf-8")


JOURNAL_SUFFIX = ".turns.jsonl"


def journal_path(path: str | os.PathLike[str]) -> Path:
    """The journal of finished turns beside a session file: ``<id>.json`` → ``<id>.turns.jsonl``."""
    path = Path(path)
    return path.with_name(path.stem + JOURNAL_SUFFIX)


class SaveFailed(HoldlineError):
    """A session could not be written; the message says what is kept and where."""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


class SessionRecorder:
    """Keeps one session on disk: a snapshot at the start and the end, a journal line per turn."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        trainee: str,
        scenario: ScenarioRef,
        mode: Mode = "practice",
        front_end: FrontEnd = "window",
        debrief: list[str] | tuple[str, ...] = (),
        started_at: datetime | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        started = started_at or utc_now()
        for _ in range(100):
            session = Session(
                schema_version=SCHEMA_VERSION,
                session_id=new_session_id(trainee, started),
                trainee=trainee,
                scenario=scenario,
                mode=mode,
                front_end=front_end,
                started_at=started,
                outcome="unfinished",
                debrief=tuple(debrief),
                turns=(),
            )
            path = self.directory / f"{session.session_id}.json"
            if create_exclusive(path, _encode(session)):
                break
        else:  # pragma: no cover - 100 collisions in one second
            raise RuntimeError(f"could not find a free session id in {self.directory}")
        self.session = session  # the header; the turns are on disk, not kept in memory
        self.path = path
        self.journal = journal_path(path)
        self.turns_saved = 0
        self.finished = False
        self.failed = False

    @property
    def session_id(self) -> str:
        return self.session.session_id

    def _kept(self) -> str:
        n = self.turns_saved
        kept = f"turns 1-{n}" if n > 1 else ("turn 1" if n else "no turns")
        return f"{kept} kept in {self.path}" + (f" and {self.journal.name}" if n else "")

    def add_turn(self, turn: Turn) -> None:
        """Append a finished turn to the journal (returns once it is on disk)."""
        if self.finished:
            raise RuntimeError(f"session {self.session_id} is already finished")
        try:
            append_line(self.journal, turn.model_dump_json().encode("utf-8") + b"\n")
        except OSError as exc:
            self.failed = True
            number = self.turns_saved + 1
            raise SaveFailed(
                f"{self.journal}: cannot save turn {number} ({_why(exc)}); {self._kept()}"
            ) from None
        self.turns_saved += 1

    def finish(
        self,
        outcome: Outcome,
        ending_node: str | None,
        summary: str,
        *,
        at: datetime | None = None,
    ) -> None:
        """The conversation reached an ending (``outcome`` is the ending's good/mixed/bad)."""
        ending = Ending(node=ending_node, summary=summary) if ending_node else None
        self._save(outcome=outcome, ending=ending, ended_at=at or utc_now(), end_reason=None)

    def finish_unfinished(
        self,
        reason: str,
        outcome: Stopped = "unfinished",
        *,
        at: datetime | None = None,
    ) -> None:
        """The session stopped before an ending: an error ("unfinished") or the trainee quit.
        Does nothing once the session is finished, so shutdown paths may call it freely; after a
        failed save it tries once more and stays quiet (the failure was already reported)."""
        if self.finished:
            return
        try:
            self._save(outcome=outcome, ended_at=at or utc_now(), end_reason=reason)
        except SaveFailed:
            if not self.failed:
                raise

    def _from_disk(self) -> Session:
        try:
            session = load_session(self.path)
        except InputError as exc:
            self.failed = True
            raise SaveFailed(f"cannot finish the session: {exc}; {self._kept()}") from None
        if len(session.turns) != self.turns_saved:
            self.failed = True
            raise SaveFailed(
                f"{self.journal}: holds {len(session.turns)} turns, {self.turns_saved} were saved "
                f"(changed by another program?); the file is left as it is"
            )
        return session

    def _save(self, **changes: Any) -> None:
        if self.finished:
            raise RuntimeError(f"session {self.session_id} is already finished")
        if self.turns_saved != len(self.session.turns):  # read the journal back, once
            self.session = self._from_disk()
        session = Session.model_validate({**dict(self.session), **changes})
        try:
            write_atomic(self.path, _encode(session))
        except OSError as exc:
            self.failed = True
            raise SaveFailed(
                f"{self.path}: cannot save the end of the session ({_why(exc)}); {self._kept()}"
            ) from None
        self.session = session
        self.finished = session.ended_at is not None
        try:
            self.journal.unlink(missing_ok=True)  # every turn is in the snapshot now
        except OSError:
            pass  # harmless: the loader ignores the journal of a finished session


# --- loading ---------------------------------------------------------------------------------


_UNION_TAGS = {"int", "float", "str", "bool", "none", "list[any]", "dict[str,any]"}


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _problem(exc: ValidationError, prefix: tuple[int | str, ...] = ()) -> str:
    err = exc.errors(include_url=False)[0]
    where = _loc(prefix + tuple(p for p in err["loc"] if str(p) not in _UNION_TAGS))
    msg = err["msg"][0].lower() + err["msg"][1:]
    msg = msg.removeprefix("value error, ")
    if err["type"] == "missing":
        msg = "missing"
    elif {"int", "float"} & {str(p) for p in err["loc"]}:
        msg = f"expected a number, got {err['input']!r}"
    return f"{where}: {msg}"


def parse_session(
    raw: bytes | str,
    source: str = "<session>",
    journal: bytes | None = None,
    journal_source: str = "<journal>",
) -> Session:
    """Validate session JSON, with the turns of its journal folded in; raise InputError
    ``source: where: what`` on any problem."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{source}: not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{source}: not a session file (JSON nested too deeply)") from None
    if not isinstance(data, dict):
        raise InputError(f"{source}: expected a JSON object, got {type(data).__name__}")
    version = data.get("schema_version")
    if "schema_version" not in data:
        raise InputError(f"{source}: schema_version: missing")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(f"{source}: schema_version: expected an integer, got {version!r}")
    if version > SCHEMA_VERSION:
        raise InputError(
            f"{source}: schema_version {version} is newer than this holdline understands "
            f"({SCHEMA_VERSION}); update holdline"
        )
    try:
        session = Session.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise InputError(f"{source}: {_problem(exc)}") from None
    except (OverflowError, ValueError) as exc:  # e.g. a date that leaves the calendar in UTC
        raise InputError(f"{source}: {exc}") from None
    if journal and session.ended_at is None:
        session = _fold(session, journal, journal_source)
    return session


def _fold(session: Session, journal: bytes, source: str) -> Session:
    """The snapshot's turns, then the journal's later ones. The last line may be cut off by a
    crash in the middle of a save: it is ignored; any other bad line is an error."""
    lines = journal.split(b"\n")
    turns = list(session.turns)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        last = number == len(lines) or not any(rest.strip() for rest in lines[number:])
        try:
            turn = Turn.model_validate_json(line, strict=True)
        except ValidationError as exc:
            if last and not line.endswith(b"}"):
                break  # torn by a crash mid-write
            raise InputError(f"{source}:{number}: {_problem(exc)}") from None
        except (OverflowError, ValueError, RecursionError) as exc:
            raise InputError(f"{source}:{number}: {exc}") from None
        if number > len(session.turns):
            turns.append(turn)
    return session.model_copy(update={"turns": tuple(turns)})


def read_journal(path: str | os.PathLike[str]) -> bytes | None:
    """The journal beside a session file, or None when there is none."""
    try:
        return journal_path(path).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"{journal_path(path)}: cannot read ({exc.strerror or exc})") from None


def load_session(path: str | os.PathLike[str]) -> Session:
    """A session file with the turns of its journal (a session still running or killed)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_session(raw, str(path), read_journal(path), str(journal_path(path)))
