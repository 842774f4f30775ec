"""Who may see what, and who someone is: roles, HTTP Basic credentials with a small cache of
verified passwords (PBKDF2 costs ~0.5 s; a workstation sends many requests), and throttling of
failed logins per user name."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _

from simulator.team import models as m

MAX_FAILURES = 5
FAILURE_WINDOW_S = 300
_verified: dict[tuple[str, str], tuple[str, float]] = {}
VERIFIED_TTL_S = 600


def role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    profile = getattr(user, "profile", None)
    return profile.role if profile else ("admin" if user.is_superuser else None)


def is_staff(user: Any) -> bool:
    return role(user) in ("admin", "trainer")


def visible_sessions(user: Any) -> QuerySet[m.Session]:
    """Admins see every session, trainers their team's, trainees only their own."""
    return _by_role(user, m.Session.objects.all(), "trainee_id")


def visible_trainees(user: Any) -> QuerySet[m.Trainee]:
    return _by_role(user, m.Trainee.objects.all(), "id")


def _by_role(user: Any, rows: QuerySet[Any], own: str) -> QuerySet[Any]:
    """The rows a user may see; `own` is the field that names a trainee's own rows."""
    who = role(user)
    if who == "admin":
        return rows
    if who == "trainer":
        return rows.filter(team_id=user.profile.team_id)
    if who == "trainee" and user.profile.trainee_id:
        return rows.filter(**{own: user.profile.trainee_id})
    return rows.none()


def _only(allowed: Callable[[Any], bool], refusal: Callable[[], str]) -> Callable[..., Any]:
    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not allowed(request.user):
                return HttpResponseForbidden(refusal())
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# For pages and forms only trainers and admins use, or only admins: anyone else gets 403.
staff_only = _only(is_staff, lambda: _("Trainers only."))
admin_only = _only(lambda user: role(user) == "admin", lambda: _("Admins only."))


def _failure_key(username: str) -> str:
    return "login-failures:" + hashlib.sha256(username.casefold().encode()).hexdigest()


def throttled(username: str) -> bool:
    return len(_recent_failures(username)) >= MAX_FAILURES


def _recent_failures(username: str) -> list[float]:
    now = time.time()
    return [t for t in cache.get(_failure_key(username), []) if now - t < FAILURE_WINDOW_S]


def note_failure(username: str) -> None:
    cache.set(_failure_key(username), [*_recent_failures(username), time.time()], FAILURE_WINDOW_S)


def check_password(request: Any, username: str, password: str) -> User | None:
    """The user these credentials name, or None (a failure counts towards throttling)."""
    if throttled(username):
        return None
    tag = hmac.new(settings.SECRET_KEY.encode(), password.encode(), "sha256").hexdigest()
    seen = _verified.get((username, tag))
    if seen and time.monotonic() - seen[1] < VERIFIED_TTL_S:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is not None and user.password == seen[0]:
            return user
    user = authenticate(request, username=username, password=password)
    if user is None:
        note_failure(username)
        return None
    _verified[(username, tag)] = (user.password, time.monotonic())
    return user


def basic_user(request: Any) -> User | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        username, _, password = base64.b64decode(value).decode("utf-8").partition(":")
    except ValueError:
        return None
    return check_password(request, username, password)
