"""The JSON API under ``/api/`` (HTTP Basic credentials on every request) and ``/healthz``.

CSRF does not apply: these views ignore the browser's session cookie and accept only the
``Authorization`` header, which a page on another site cannot make a browser send.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from simulator.errors import InputError
from simulator.team import access, dburl, store
from simulator.team import models as m

MAX_CHECK = 100_000
PAGE = 1000  # sessions per GET /api/sessions (?offset=N for the next page)


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def basic(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = access.basic_user(request)
        if user is None or access.role(user) is None:
            resp = _error(401, "user name or password not accepted (or too many failures)")
            resp["WWW-Authenticate"] = 'Basic realm="holdline", charset="UTF-8"'
            return resp
        request.user = user
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    kind = dburl.kind(settings.DATABASES["default"])
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return JsonResponse({"ok": False, "database": kind, "error": str(exc)[:200]}, status=503)
    return JsonResponse({"ok": True, "database": kind})


def _summary_of(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "session_id": v["session_id"],
        "trainee": v["trainee__name"],
        "typed_name": v["trainee_name"],
        "scenario": v["scenario_id"],
        "language": v["language"],
        "mode": v["mode"],
        "outcome": v["outcome"],
        "started_at": v["started_at"].isoformat(),
        "turns": v["turn_count"],
        "scores": {d: v[d] for d in m.DIMENSIONS},
    }


def summary(row: m.Session) -> dict[str, Any]:
    names = ("session_id", "trainee_name", "scenario_id", "language", "mode", "outcome",
             "started_at", "turn_count", *m.DIMENSIONS)  # fmt: skip
    fields = {f: getattr(row, f) for f in names}
    return _summary_of({**fields, "trainee__name": row.trainee.name if row.trainee else None})


@basic
def sessions(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _upload(request)
    if request.method != "GET":
        return _error(405, "use GET or POST")
    try:
        limit = min(max(int(request.GET.get("limit", PAGE)), 1), PAGE)
        offset = max(int(request.GET.get("offset", 0)), 0)
    except ValueError:
        return _error(400, "limit and offset are whole numbers")
    fields = ("session_id", "trainee__name", "trainee_name", "scenario_id", "language", "mode",
              "outcome", "started_at", "turn_count", *m.DIMENSIONS)  # fmt: skip
    rows = access.visible_sessions(request.user).values(*fields)
    page = [_summary_of(r) for r in rows[offset : offset + limit + 1]]
    more = len(page) > limit
    return JsonResponse({"sessions": page[:limit], "next": offset + limit if more else None})


def _upload(request: HttpRequest) -> HttpResponse:
    try:
        body = json.loads(request.body)
        raw = body["session"].encode("utf-8")
        audio = {str(k): base64.b64decode(v, validate=True) for k, v in body["audio"].items()}
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return _error(400, 'expected JSON {"session": "<session JSON>", "audio": {path: base64}}')
    profile = request.user.profile
    trainee = profile.trainee if profile.role == "trainee" else None
    if profile.role == "trainee" and trainee is None:
        return _error(403, "this trainee account is not linked to a roster entry")
    try:
        stored = store.store_session(raw, audio, profile.team, request.user, trainee)
    except store.Conflict as exc:
        return _error(409, str(exc))
    except InputError as exc:
        return _error(400, str(exc))
    data = {"session_id": stored.session.session_id, "stored": stored.created}
    return JsonResponse(data, status=201 if stored.created else 200)


@basic
@require_POST
def missing(request: HttpRequest) -> HttpResponse:
    """Which of the workstation's sessions the server does not hold: ``{"sessions": {id:
    sha256}}`` in, ``{"missing": [ids], "conflicts": [ids]}`` out."""
    try:
        wanted = json.loads(request.body)["sessions"]
        pairs = {str(k): str(v) for k, v in wanted.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return _error(400, 'expected JSON {"sessions": {session_id: sha256}}')
    if len(pairs) > MAX_CHECK:
        return _error(400, f"at most {MAX_CHECK} sessions per check")
    held: dict[str, str] = {}
    ids = list(pairs)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        held.update(
            m.Session.objects.filter(session_id__in=chunk).values_list("session_id", "sha256")
        )
    return JsonResponse(
        {
            "missing": [i for i in ids if i not in held],
            "conflicts": [i for i in ids if i in held and held[i] != pairs[i]],
        }
    )


@basic
@require_GET
def session_detail(request: HttpRequest, session_id: str) -> HttpResponse:
    row = access.visible_sessions(request.user).filter(session_id=session_id).first()
    if row is None:
        return _error(404, f"no session {session_id} that you may see")
    data = summary(row)
    data["stored_turns"] = row.turn_rows.count()
    data["stored_audio"] = sorted(row.audio.values_list("path", flat=True))
    data["document"] = json.loads(row.document.text)
    return JsonResponse(data)
