"""Storing an uploaded session: validated by the session loader, written in one transaction
(session, turns, behaviour hits, audio), idempotent by session id and content hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.db import IntegrityError, transaction

from simulator.errors import InputError
from simulator.review.report import AUDIO_TYPES, session_means
from simulator.session.record import Session as Record
from simulator.session.record import parse_session
from simulator.team import models as m

MAX_AUDIO_BYTES = 50 * 1024 * 1024


class Conflict(InputError):
    """The same session id was stored before with different content."""


@dataclass(frozen=True)
class Stored:
    session: m.Session
    created: bool  # False: it was already there, byte for byte


def name_key(name: str) -> str:
    """A typed name reduced for matching: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", name).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def match_trainee(team: m.Team, typed: str) -> m.Trainee | None:
    key = name_key(typed)
    if not key:
        return None
    found = m.Trainee.objects.filter(team=team, key=key).first()
    if found is None:
        alias = m.Alias.objects.filter(team=team, key=key).select_related("trainee").first()
        found = alias.trainee if alias else None
    return found


def hits_of(turn_record) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(kind, behaviour) pairs a turn's evidence records: expected ones missed, red flags hit."""
    found: set[tuple[str, str]] = set()
    for ev in turn_record.evidence:
        kind, _, name = ev.indicator.partition(":")
        if kind == "missing" and name:
            found.add(("missed", name))
        elif kind == "red_flag" and name:
            found.add(("red_flag", name))
    return sorted(found)


def _check_audio(record: Record, audio: dict[str, bytes], source: str) -> None:
    named = {t.reply_audio for t in record.turns if t.reply_audio}
    for path, data in audio.items():
        if path not in named:
            raise InputError(f"{source}: audio {path!r} is not named by any turn")
        if PurePosixPath(path).suffix.lower() not in AUDIO_TYPES:
            raise InputError(f"{source}: audio {path!r}: unknown audio type")
        if len(data) > MAX_AUDIO_BYTES:
            raise InputError(f"{source}: audio {path!r}: larger than {MAX_AUDIO_BYTES} bytes")


def store_session(
    raw: bytes, audio: dict[str, bytes], team: m.Team, user: object, trainee: m.Trainee | None,
    source: str = "upload",
) -> Stored:  # fmt: skip
    """Store one finished session; a second upload of the same bytes changes nothing."""
    record = parse_session(raw, source)
    if record.ended_at is None:
        raise InputError(f"{source}: session {record.session_id} is unfinished; not stored")
    _check_audio(record, audio, source)
    digest = hashlib.sha256(raw).hexdigest()
    old = m.Session.objects.filter(session_id=record.session_id).first()
    if old is not None:
        return _same(old, digest, source)
    try:
        with transaction.atomic():
            row = _write(record, raw, digest, audio, team, user, trainee)
    except IntegrityError:  # stored by a concurrent upload of the same session
        return _same(m.Session.objects.get(session_id=record.session_id), digest, source)
    return Stored(row, True)


def _same(old: m.Session, digest: str, source: str) -> Stored:
    if old.sha256 != digest:
        raise Conflict(
            f"{source}: session {old.session_id} is already stored with different content"
        )
    return Stored(old, False)


def _write(
    record: Record, raw: bytes, digest: str, audio: dict[str, bytes], team: m.Team,
    user: object, trainee: m.Trainee | None,
) -> m.Session:  # fmt: skip
    if trainee is None:
        trainee = match_trainee(team, record.trainee)
    means = session_means(record)
    row = m.Session.objects.create(
        session_id=record.session_id,
        sha256=digest,
        team=team,
        uploaded_by=user,
        trainee=trainee,
        trainee_name=record.trainee,
        scenario_id=record.scenario.id,
        scenario_title=record.scenario.title,
        language=record.scenario.language,
        mode=record.mode,
        front_end=record.front_end,
        outcome=record.outcome,
        started_at=record.started_at,
        ended_at=record.ended_at,
        turn_count=len(record.turns),
        **means,
    )
    m.Document.objects.create(session=row, text=raw.decode("utf-8"))
    turns = m.Turn.objects.bulk_create(
        m.Turn(
            session=row,
            index=i,
            node=t.node,
            reply_text=t.reply_text,
            **{d: t.scores.get(d) for d in m.DIMENSIONS},
        )
        for i, t in enumerate(record.turns)
    )
    m.Hit.objects.bulk_create(
        m.Hit(turn=turn, session=row, team=team, kind=kind, name=name)
        for turn, t in zip(turns, record.turns, strict=True)
        for kind, name in hits_of(t)
    )
    m.Audio.objects.bulk_create(
        m.Audio(
            session=row,
            path=path,
            content_type=AUDIO_TYPES[PurePosixPath(path).suffix.lower()],
            data=data,
        )
        for path, data in audio.items()
    )
    return row


def load_record(row: m.Session) -> Record:
    """The stored session, through the same loader the workstation uses."""
    return parse_session(row.document.text, f"stored session {row.session_id}")


def refresh_means(row: m.Session) -> None:
    """Recompute the session's means from its turns (after an override)."""
    turns = list(row.turn_rows.all())
    for dim in m.DIMENSIONS:
        values = [getattr(t, dim) for t in turns]
        setattr(row, dim, sum(values) / len(values) if values else None)
    row.save(update_fields=list(m.DIMENSIONS))
