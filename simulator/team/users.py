"""Adding users and roster entries (the CLI's ``team user add`` and the roster page)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from simulator.errors import InputError
from simulator.team import models as m
from simulator.team.store import name_key


def roster_entry(team: m.Team, name: str) -> m.Trainee:
    """The roster entry for ``name`` in ``team``, created if the name matches none."""
    key = name_key(name)
    if not key:
        raise InputError(f"trainee name {name!r} has no letters or digits")
    found = m.Trainee.objects.filter(team=team, key=key).first()
    if found is None:
        alias = m.Alias.objects.filter(team=team, key=key).first()
        found = alias.trainee if alias else m.Trainee.objects.create(team=team, name=name, key=key)
    return found


def add_user(name: str, password: str, role: str, team_name: str, trainee: str | None) -> User:
    if not name.strip() or len(name) > 150:
        raise InputError(f"user name {name!r}: 1 to 150 characters")
    if User.objects.filter(username=name).exists():
        raise InputError(f"user {name} already exists")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise InputError(f"password for {name}: {' '.join(exc.messages)}") from None
    with transaction.atomic():
        team, _ = m.Team.objects.get_or_create(name=team_name)
        user = User.objects.create_user(name, password=password)
        entry = roster_entry(team, trainee or name) if role == "trainee" else None
        m.Profile.objects.create(user=user, role=role, team=team, trainee=entry)
    return user
