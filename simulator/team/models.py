"""The team store's tables. A session is kept whole (its JSON, as uploaded, validated by the
session loader) and also spread into columns and rows the pages filter and count on.

Audio lives in the database (``Audio.data``), not in files beside it: a session and its audio
are stored in one transaction, so a killed upload leaves neither, and one backup (the SQLite
file, or ``pg_dump``) holds everything. Turn WAVs are small (tens to hundreds of KB).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from simulator.vocabulary import DIMENSIONS

ROLES = (("admin", "admin"), ("trainer", "trainer"), ("trainee", "trainee"))


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Trainee(models.Model):
    """A roster entry: the stable identity typed names are matched to."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="trainees")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)  # normalised name, see store.name_key

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "key"], name="trainee_key")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """Another typed spelling that means this trainee (added when a trainer links a name)."""

    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="aliases")
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    key = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "key"], name="alias_key")]


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=10, choices=ROLES)
    team = models.ForeignKey(Team, on_delete=models.PROTECT)
    trainee = models.ForeignKey(Trainee, null=True, blank=True, on_delete=models.SET_NULL)


class Session(models.Model):
    session_id = models.CharField(max_length=200, unique=True)
    sha256 = models.CharField(max_length=64)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="sessions")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    received_at = models.DateTimeField(auto_now_add=True)
    trainee = models.ForeignKey(Trainee, null=True, on_delete=models.SET_NULL)
    trainee_name = models.CharField(max_length=200)  # as typed on the workstation
    scenario_id = models.CharField(max_length=200)
    scenario_title = models.CharField(max_length=500)
    language = models.CharField(max_length=20)
    mode = models.CharField(max_length=10)
    front_end = models.CharField(max_length=10)
    outcome = models.CharField(max_length=10)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True)
    turn_count = models.IntegerField()
    empathy = models.FloatField(null=True)  # means over turns, with overrides applied
    firmness = models.FloatField(null=True)
    boundary_clarity = models.FloatField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["team", "-started_at"]),
            models.Index(fields=["trainee", "-started_at"]),
            models.Index(fields=["scenario_id", "-started_at"]),
        ]
        ordering = ["-started_at", "session_id"]


class Document(models.Model):
    """The session JSON as uploaded, in its own table so scans of sessions stay narrow."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="document")
    text = models.TextField()


class Turn(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="turn_rows")
    index = models.IntegerField()  # 0-based, as in the session file
    node = models.CharField(max_length=200)
    reply_text = models.TextField()
    empathy = models.FloatField()  # with overrides applied; originals stay in the Document
    firmness = models.FloatField()
    boundary_clarity = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "index"], name="turn_index")]
        ordering = ["session", "index"]


class Hit(models.Model):
    """An expected behaviour missed, or a red flag hit, in one turn (for the behaviour view)."""

    KINDS = (("missed", "missed"), ("red_flag", "red_flag"))
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="hits")
    session = models.ForeignKey(Session, null=True, on_delete=models.CASCADE, related_name="hits")
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=KINDS)
    name = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["team", "kind", "name"])]


class Audio(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="audio")
    path = models.CharField(max_length=500)  # as the turn names it, relative to the session
    content_type = models.CharField(max_length=50)
    data = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "path"], name="audio_path")]


class Comment(models.Model):
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]


class Override(models.Model):
    """A trainer's corrected score; every one is kept (the audit trail), the latest applies."""

    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="overrides")
    dimension = models.CharField(max_length=20, choices=[(d, d) for d in DIMENSIONS])
    original = models.FloatField()  # the scorer's value, from the session file
    previous = models.FloatField()  # the value in force before this override
    value = models.FloatField()
    reason = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]


class Assignment(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assignments")
    scenario_id = models.CharField(max_length=200)
    due = models.DateField()
    trainees = models.ManyToManyField(Trainee, related_name="assignments")
    pass_empathy = models.FloatField()
    pass_firmness = models.FloatField()
    pass_boundary_clarity = models.FloatField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
