"""Exports: CSV (one row per turn, with reply text, behaviours, flags, overrides and comments)
and xAPI statements (one per attempt and one per scored turn, results scaled 0-1, the three
dimensions as extensions), written to a file and optionally sent to an LRS."""

from __future__ import annotations

import base64
import csv
import io
import json
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from simulator.errors import InputError
from simulator.team import access, store
from simulator.team import models as m
from simulator.team.web import filtered
from simulator.vocabulary import ENDING_OUTCOMES

DIMS = m.DIMENSIONS
NS = uuid.UUID("6f1d2c1e-4b7a-4c55-9a43-7f0b8e1f5a10")  # statement ids: uuid5(NS, key)
VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "responded": "http://adlnet.gov/expapi/verbs/responded",
}
CSV_HEADER = [
    "session", "started_at", "trainee", "typed_name", "scenario", "language", "mode", "outcome",
    "turn", "node", "client_text", "reply_text", *DIMS, *(f"original_{d}" for d in DIMS),
    "behaviours", "flags", "missed", "red_flags", "overrides", "comments",
]  # fmt: skip


def safe(text: str) -> str:
    """A text cell a spreadsheet would run as a formula is quoted, as review's CSV does."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(sessions: Iterable[m.Session]) -> Iterator[list[str]]:
    for row in sessions:
        record = store.load_record(row)
        related = row.turn_rows.prefetch_related("overrides__author", "comments__author")
        turns = {t.index: t for t in related}
        for i, turn in enumerate(record.turns):
            stored = turns[i]
            hits = store.hits_of(turn)
            overrides = "; ".join(
                f"{o.dimension} {o.previous:g}->{o.value:g} by {o.author} ({o.reason})"
                for o in stored.overrides.all()
            )
            comments = "; ".join(f"{c.author}: {c.text}" for c in stored.comments.all())
            yield [safe(x) for x in (
                row.session_id, row.started_at.isoformat(),
                row.trainee.name if row.trainee else "", row.trainee_name, row.scenario_id,
                row.language, row.mode, row.outcome, str(i + 1), turn.node, turn.client_text,
                turn.reply_text, *(f"{getattr(stored, d):g}" for d in DIMS),
                *(f"{turn.scores.get(d):g}" for d in DIMS), ", ".join(turn.behaviours),
                ", ".join(turn.flags), ", ".join(n for k, n in hits if k == "missed"),
                ", ".join(n for k, n in hits if k == "red_flag"), overrides, comments,
            )]  # fmt: skip


def write_csv(sessions: Iterable[m.Session], out: io.TextIOBase | Any) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    n = 0
    for line in _rows(sessions):
        writer.writerow(line)
        n += 1
    return n


def _actor(row: m.Session, base: str) -> dict[str, Any]:
    name = row.trainee.name if row.trainee else row.trainee_name
    ident = f"trainee-{row.trainee_id}" if row.trainee_id else f"typed:{row.trainee_name}"
    return {"objectType": "Agent", "name": name,
            "account": {"homePage": base, "name": ident}}  # fmt: skip


def _result(scores: dict[str, float | None], base: str) -> dict[str, Any]:
    values = [v for v in scores.values() if v is not None]
    scaled = round(sum(values) / len(values) / 100, 4) if values else 0.0
    return {
        "score": {"scaled": scaled, "raw": round(scaled * 100, 2), "min": 0, "max": 100},
        "extensions": {
            f"{base}/xapi/extensions/{d}": (None if v is None else round(v / 100, 4))
            for d, v in scores.items()
        },
    }


def statements(sessions: Iterable[m.Session], base: str) -> list[dict[str, Any]]:
    """xAPI 1.0.3 statements; ids are derived from the session, so a resend is recognised."""
    base = base.rstrip("/")
    out = []
    for row in sessions:
        record = store.load_record(row)
        activity = {
            "objectType": "Activity",
            "id": f"{base}/scenarios/{quote(row.scenario_id, safe='')}",
            "definition": {"name": {record.scenario.language: row.scenario_title},
                           "type": "http://adlnet.gov/expapi/activities/simulation"},
        }  # fmt: skip
        attempt_id = str(uuid.uuid5(NS, f"attempt:{row.session_id}"))
        result = _result({d: getattr(row, d) for d in DIMS}, base)
        result["completion"] = row.outcome in ENDING_OUTCOMES
        result["success"] = row.outcome == "good"
        ctx = {"registration": str(uuid.uuid5(NS, f"registration:{row.session_id}")),
               "extensions": {f"{base}/xapi/extensions/session": row.session_id,
                              f"{base}/xapi/extensions/mode": row.mode}}  # fmt: skip
        out.append({
            "id": attempt_id, "actor": _actor(row, base),
            "verb": {"id": VERBS["completed"], "display": {"en-US": "completed"}},
            "object": activity, "result": result, "context": ctx,
            "timestamp": (row.ended_at or row.started_at).isoformat(),
        })  # fmt: skip
        for stored in row.turn_rows.all():
            turn = record.turns[stored.index]
            turn_result = _result({d: getattr(stored, d) for d in DIMS}, base)
            turn_result["response"] = turn.reply_text
            out.append({
                "id": str(uuid.uuid5(NS, f"turn:{row.session_id}:{stored.index}")),
                "actor": _actor(row, base),
                "verb": {"id": VERBS["responded"], "display": {"en-US": "responded"}},
                "object": {"objectType": "Activity",
                           "id": f"{activity['id']}/nodes/{quote(turn.node, safe='')}",
                           "definition": {"name": {"en-US": turn.node},
                                          "type": "http://adlnet.gov/expapi/activities/interaction"}},
                "result": turn_result,
                "context": {**ctx, "contextActivities": {"parent": [{"id": activity["id"]}]},
                            "statement": {"objectType": "StatementRef", "id": attempt_id}},
                "timestamp": row.started_at.isoformat(),
            })  # fmt: skip
    return out


def send(batch: list[dict[str, Any]], lrs: str, batch_size: int = 200) -> int:
    """POST the statements to ``lrs``'s ``/statements`` (credentials may be in the URL)."""
    parts = urlsplit(lrs)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--lrs {lrs}: expected http(s)://host/path")
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"}
    if parts.username:
        token = f"{parts.username}:{parts.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(token).decode()
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    url = parts._replace(netloc=netloc).geturl().rstrip("/") + "/statements"
    sent = 0
    for start in range(0, len(batch), batch_size):
        chunk = batch[start : start + batch_size]
        req = urllib.request.Request(url, json.dumps(chunk).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=60):
                pass
        except urllib.error.HTTPError as exc:
            if exc.code != 409:  # 409: statements with these ids are already there
                raise InputError(f"LRS {url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise InputError(
                f"cannot reach the LRS at {url} ({getattr(exc, 'reason', exc)})"
            ) from None
        sent += len(chunk)
    return sent


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@login_required
@require_GET
@access.staff_only
def csv_view(request: HttpRequest) -> HttpResponse:
    rows, _ = filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="holdline-sessions.csv"'
    response.write("\ufeff")
    write_csv(rows.select_related("trainee"), response)
    return response


@login_required
@require_GET
@access.staff_only
def xapi_view(request: HttpRequest) -> HttpResponse:
    rows, _ = filtered(request)
    data = statements(rows.select_related("trainee"), _base(request))
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=1),
                            content_type="application/json")  # fmt: skip
    response["Content-Disposition"] = 'attachment; filename="holdline-xapi.json"'
    return response
