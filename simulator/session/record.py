"""The session file: typed records, atomic autosave after every turn, and a validating loader.

A session is written to ``<dir>/<session-id>.json`` as one JSON document. Every write replaces
the whole file atomically (temp file in the same directory, fsync, ``os.replace``, fsync of the
directory), so a crash or kill at any moment leaves the last finished turn on disk as valid JSON.
Until ``finish`` is called the file says ``"outcome": "unfinished"`` and ``"ended_at": null``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from simulator.errors import InputError
from simulator.transcript import Word
from simulator.vocabulary import Dimension, FrontEnd, Mode, ReplySource
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


class Evidence(Record):
    """Why points were earned (points > 0) or lost (< 0): a span of the reply's text."""

    dimension: Dimension
    indicator: str
    points: int | float
    start: Annotated[int, Field(ge=0)]  # character offsets into the turn's reply_text
    end: Annotated[int, Field(ge=0)]
    text: str


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
            if not ev.start <= ev.end <= len(self.reply_text):
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


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows: directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(directory: Path, name: str, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old or the new file, never a mix."""
    tmp = _write_temp(path.parent, path.name, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def create_exclusive(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data`` only if nothing is there yet; False if it exists."""
    tmp = _write_temp(path.parent, path.name, data)
    try:
        os.link(tmp, path)  # atomic and fails if the name is taken
    except FileExistsError:
        return False
    except OSError:  # filesystems without hard links: exclusive create, then atomic replace
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return False
        os.replace(tmp, path)
        tmp = ""
    finally:
        if tmp:
            os.unlink(tmp)
    _fsync_dir(path.parent)
    return True


def _encode(session: Session) -> bytes:
    return (session.model_dump_json(indent=2) + "\n").encode("utf-8")


class SessionRecorder:
    """Keeps one session file up to date: every call rewrites the whole file atomically."""

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
        self.session = session
        self.path = path
        self.finished = False

    @property
    def session_id(self) -> str:
        return self.session.session_id

    def add_turn(self, turn: Turn) -> None:
        """Append a finished turn and rewrite the file (returns once it is on disk)."""
        self._save(turns=(*self.session.turns, turn))

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
        outcome: Literal["unfinished", "quit"] = "unfinished",
        *,
        at: datetime | None = None,
    ) -> None:
        """The session stopped before an ending: an error ("unfinished") or the trainee quit.
        Does nothing once the session is finished, so shutdown paths may call it freely."""
        if self.finished:
            return
        self._save(outcome=outcome, ended_at=at or utc_now(), end_reason=reason)

    def _save(self, **changes: Any) -> None:
        if self.finished:
            raise RuntimeError(f"session {self.session_id} is already finished")
        session = Session.model_validate({**dict(self.session), **changes})
        write_atomic(self.path, _encode(session))
        self.session = session
        self.finished = session.ended_at is not None


# --- loading ---------------------------------------------------------------------------------


_UNION_TAGS = {"int", "float", "str", "bool", "none", "list[any]", "dict[str,any]"}


def _loc(parts: tuple[int | str, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def parse_session(raw: bytes | str, source: str = "<session>") -> Session:
    """Validate session JSON; raise InputError ``source: where: what`` on any problem."""
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
        return Session.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = _loc(tuple(p for p in err["loc"] if str(p) not in _UNION_TAGS))
        msg = err["msg"][0].lower() + err["msg"][1:]
        msg = msg.removeprefix("value error, ")
        if err["type"] == "missing":
            msg = "missing"
        elif {"int", "float"} & {str(p) for p in err["loc"]}:
            msg = f"expected a number, got {err['input']!r}"
        raise InputError(f"{source}: {where}: {msg}") from None


def load_session(path: str | os.PathLike[str]) -> Session:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_session(raw, str(path))
