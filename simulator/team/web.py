"""Pages about sessions: the filtered list, one session (turns, scores, evidence, audio,
comments, overrides with their audit trail), the audio itself, login and logout."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any

from django import forms
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from simulator.review.charts import fmt, score_bars
from simulator.review.redact import Redactor
from simulator.review.report import mark_reply
from simulator.team import access, labels, names, store
from simulator.team import models as m
from simulator.vocabulary import ENDING_OUTCOMES, MODES

DIMS = m.DIMENSIONS
PAGE_SIZE = 50
OUTCOMES = (*ENDING_OUTCOMES, "quit")  # what an uploaded (finished) session can say


class LoginForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["username"]
        if access.throttled(name):
            error = _("Too many failed attempts. Wait a few minutes and try again.")
        else:
            user = access.check_password(request, name, form.cleaned_data["password"])
            if user is not None and access.role(user):
                login(request, user)
                target = request.GET.get("next", "/")
                return redirect(target if target.startswith("/") and "//" not in target else "/")
            error = _("User name or password not accepted.")
    return render(request, "team/login.html", {"form": form, "error": error})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/login/")


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filtered(request: HttpRequest) -> tuple[QuerySet[m.Session], dict[str, Any]]:
    """The sessions this user may see, narrowed by the list's filters (unknown values ignored)."""
    rows = access.visible_sessions(request.user)
    q = request.GET
    chosen: dict[str, Any] = {k: q.get(k, "") for k in (
        "trainee", "scenario", "language", "outcome", "mode", "since", "until")}  # fmt: skip
    if chosen["trainee"] == "unmatched":
        rows = rows.filter(trainee__isnull=True)
    elif chosen["trainee"].isdigit():
        rows = rows.filter(trainee_id=int(chosen["trainee"]))
    for key, column in (("scenario", "scenario_id"), ("language", "language"),
                        ("outcome", "outcome"), ("mode", "mode")):  # fmt: skip
        if chosen[key]:
            rows = rows.filter(**{column: chosen[key]})
    since, until = _date(chosen["since"]), _date(chosen["until"])
    if since:
        rows = rows.filter(started_at__gte=datetime.combine(since, time.min, timezone.utc))
    if until:
        rows = rows.filter(started_at__lte=datetime.combine(until, time.max, timezone.utc))
    return rows, chosen


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    rows, chosen = filtered(request)
    visible = access.visible_sessions(request.user)
    page = Paginator(rows.select_related("trainee"), PAGE_SIZE).get_page(request.GET.get("page"))
    lines = [row_view(s) for s in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "lines": lines,
        "unmatched_title": _("typed name not on the roster"),
        "chosen": chosen,
        "query": query.urlencode(),
        "trainees": access.visible_trainees(request.user),
        "scenarios": names.scenario_titles(visible).items(),
        "languages": visible.order_by().values_list("language", flat=True).distinct(),
        "outcomes": [(o, labels.OUTCOMES[o]) for o in OUTCOMES],
        "modes": [(o, labels.MODES[o]) for o in MODES],
    }
    return render(request, "team/sessions.html", context)


def row_view(s: m.Session) -> dict[str, Any]:
    """One session as the list and progress tables show it, formatted here rather than by
    template filters (a third of the page's time at 50 rows)."""
    return {
        "id": s.session_id,
        "when": s.started_at.strftime("%Y-%m-%d %H:%M"),
        "trainee_id": s.trainee_id,
        "trainee": s.trainee.name if s.trainee_id and s.trainee else s.trainee_name,
        "scenario": s.scenario_title,
        "mode": labels.name(labels.MODES, s.mode),
        "outcome": s.outcome,
        "outcome_label": labels.name(labels.OUTCOMES, s.outcome),
        "scores": [fmt(getattr(s, d)) for d in DIMS],
    }


def _session_or_404(request: HttpRequest, session_id: str) -> m.Session:
    row = access.visible_sessions(request.user).filter(session_id=session_id).first()
    if row is None:
        raise Http404(_("No such session"))
    return row


class CommentForm(forms.Form):
    text = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(forms.Form):
    dimension = forms.ChoiceField(choices=list(labels.DIMENSIONS.items()))
    value = forms.FloatField(min_value=0, max_value=100)
    reason = forms.CharField(max_length=2000)


@login_required
@require_GET
def session_page(request: HttpRequest, session_id: str) -> HttpResponse:
    row = _session_or_404(request, session_id)
    record = store.load_record(row)
    rows = {
        t.index: t
        for t in row.turn_rows.prefetch_related("comments__author__profile", "overrides__author")
    }
    audio = set(row.audio.values_list("path", flat=True))
    none = Redactor(False)
    turns = []
    for i, turn in enumerate(record.turns):
        stored = rows[i]
        turns.append({
            "n": i + 1,
            "record": turn,
            "row": stored,
            "reply_html": mark_safe(mark_reply(turn, none)),  # escaped by review.report
            "scores": [(d, labels.DIMENSIONS[d], getattr(stored, d), turn.scores.get(d))
                       for d in DIMS],
            "evidence": [(labels.name(labels.DIMENSIONS, e.dimension), e,
                          e.label or names.behaviour(e.indicator)) for e in
                         sorted(turn.evidence, key=lambda e: (e.start == e.end, e.start))],
            "audio": turn.reply_audio in audio,
            "source": labels.name(labels.SOURCES, turn.reply_source),
            "delivery": [labels.delivery(k, v) for k, v in sorted((turn.delivery or {}).items())],
            "flags": ", ".join(labels.name(labels.FLAGS, f) for f in turn.flags),
            "behaviours": names.behaviours(turn.behaviours),
            "overrides": [(labels.name(labels.DIMENSIONS, o.dimension), o)
                          for o in stored.overrides.all()],
        })  # fmt: skip
    means = {d: getattr(row, d) for d in m.DIMENSIONS}
    context = {
        "row": row,
        "record": record,
        "turns": turns,
        "chart": mark_safe(score_bars(means, _("Session scores"), labels.DIMENSIONS)),
        "mode": labels.name(labels.MODES, row.mode),
        "end_reason": labels.name(labels.END_REASONS, record.end_reason),
        "outcome": labels.name(labels.OUTCOMES, row.outcome),
        "staff": access.is_staff(request.user),
        "comment_form": CommentForm(),
        "override_form": OverrideForm(),
    }
    return render(request, "team/session.html", context)


@login_required
@require_GET
def audio(request: HttpRequest, session_id: str, n: int) -> HttpResponse:
    row = _session_or_404(request, session_id)
    record = store.load_record(row)
    if not 1 <= n <= len(record.turns) or not record.turns[n - 1].reply_audio:
        raise Http404(_("No audio for this turn"))
    clip = row.audio.filter(path=record.turns[n - 1].reply_audio).first()
    if clip is None:
        raise Http404(_("No audio for this turn"))
    response = HttpResponse(bytes(clip.data), content_type=clip.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _turn_for_edit(request: HttpRequest, session_id: str, n: int) -> m.Turn:
    row = _session_or_404(request, session_id)
    turn = row.turn_rows.filter(index=n - 1).first()
    if turn is None:
        raise Http404(_("No such turn"))
    return turn


@login_required
@require_POST
def comment(request: HttpRequest, session_id: str, n: int) -> HttpResponse:
    turn = _turn_for_edit(request, session_id, n)
    form = CommentForm(request.POST)
    if form.is_valid():
        m.Comment.objects.create(turn=turn, author=request.user, text=form.cleaned_data["text"])
    return redirect(f"/sessions/{session_id}/#turn-{n}")


@login_required
@require_POST
@access.staff_only
def override(request: HttpRequest, session_id: str, n: int) -> HttpResponse:
    turn = _turn_for_edit(request, session_id, n)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("A score from 0 to 100 and a reason are needed."), status=400)
    dim = form.cleaned_data["dimension"]
    record = store.load_record(turn.session)
    with transaction.atomic():
        m.Override.objects.create(
            turn=turn, dimension=dim, original=record.turns[n - 1].scores.get(dim),
            previous=getattr(turn, dim), value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"], author=request.user,
        )  # fmt: skip
        setattr(turn, dim, form.cleaned_data["value"])
        turn.save(update_fields=[dim])
        store.refresh_means(turn.session)
    return redirect(f"/sessions/{session_id}/#turn-{n}")
