"""Pages about the team: a trainee's progress, scenarios compared across trainees, the
behaviours most often missed or tripped over, the roster, and assignments with pass marks."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Avg, Count, Max, OuterRef, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from simulator.review.charts import turn_lines
from simulator.team import access, labels, names, store, users
from simulator.team import models as m
from simulator.team.web import PAGE_SIZE, row_view

DIMS = m.DIMENSIONS


CHART_SESSIONS = 100  # the progress chart's latest sessions; the table pages through all


@login_required
@require_GET
def trainee_page(request: HttpRequest, trainee_id: int) -> HttpResponse:
    trainee = access.visible_trainees(request.user).filter(id=trainee_id).first()
    if trainee is None:
        raise Http404(_("No such trainee"))
    rows = access.visible_sessions(request.user).filter(trainee=trainee).exclude(turn_count=0)
    latest = rows.order_by("-started_at").values_list(*DIMS)[:CHART_SESSIONS]
    series = [{d: v or 0.0 for d, v in zip(DIMS, r, strict=True)} for r in reversed(latest)]
    title = _("Scores per session over time")
    chart = turn_lines(series, title, labels.DIMENSIONS, _("Session")) if series else ""
    page = Paginator(rows.order_by("-started_at", "session_id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for row in page:
        row.trainee = trainee  # known already: no query per row
    context = {"trainee": trainee, "lines": [row_view(r) for r in page], "page": page,
               "chart": mark_safe(chart), "capped": page.paginator.count > CHART_SESSIONS,
               "chart_sessions": CHART_SESSIONS}  # fmt: skip
    return render(request, "team/trainee.html", context)


@login_required
@require_GET
def scenarios(request: HttpRequest) -> HttpResponse:
    rows = access.visible_sessions(request.user).exclude(turn_count=0)
    table = (
        rows.values("scenario_id", "trainee_id", "trainee__name")
        .annotate(n=Count("id"), last=Max("started_at"), **{d: Avg(d) for d in DIMS})
        .order_by("scenario_id", "trainee__name")
    )
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in table:
        grouped[line["scenario_id"]].append(line)
    titles = names.scenario_titles(rows)
    shown = [(code, title, grouped[code]) for code, title in titles.items() if code in grouped]
    return render(request, "team/scenarios.html", {"grouped": shown})


@login_required
@require_GET
def behaviours(request: HttpRequest) -> HttpResponse:
    visible = access.visible_sessions(request.user)
    counted = (
        m.Hit.objects.filter(session__in=visible)
        .values("kind", "name")
        .annotate(turns=Count("turn_id", distinct=True),
                  trainees=Count("session__trainee", distinct=True))
    )  # fmt: skip
    hits = [{**h, "label": names.behaviour(h["name"])} for h in counted]
    missed = sorted((h for h in hits if h["kind"] == "missed"), key=lambda h: -h["turns"])
    flags = sorted((h for h in hits if h["kind"] == "red_flag"), key=lambda h: -h["turns"])
    total = visible.aggregate(n=Sum("turn_count"))["n"] or 0
    context = {"missed": missed[:50], "flags": flags[:50], "total": total}
    return render(request, "team/behaviours.html", context)


class TraineeForm(forms.Form):
    name = forms.CharField(max_length=200)


class LinkForm(forms.Form):
    typed = forms.CharField(max_length=200)
    trainee = forms.IntegerField()


@login_required
@access.staff_only
def roster(request: HttpRequest) -> HttpResponse:
    team = request.user.profile.team
    if request.method == "POST":
        if request.POST.get("action") == "link":
            link = LinkForm(request.POST)
            if link.is_valid():
                _link(team, link.cleaned_data["typed"], link.cleaned_data["trainee"])
        else:
            add = TraineeForm(request.POST)
            if add.is_valid():
                users.roster_entry(team, add.cleaned_data["name"])
        return redirect("/roster/")
    entries = m.Trainee.objects.filter(team=team).annotate(n=Count("session")).order_by("name")
    unmatched = (
        m.Session.objects.filter(team=team, trainee__isnull=True)
        .values("trainee_name")
        .annotate(n=Count("id"))
        .order_by("trainee_name")  # fmt: skip
    )
    return render(request, "team/roster.html", {"entries": entries, "unmatched": unmatched})


def _link(team: m.Team, typed: str, trainee_id: int) -> None:
    """A typed name flagged as unmatched becomes an alias of a roster entry, with its sessions."""
    trainee = m.Trainee.objects.filter(team=team, id=trainee_id).first()
    key = store.name_key(typed)
    if trainee is None or not key:
        return
    with transaction.atomic():
        if key != trainee.key:
            m.Alias.objects.get_or_create(team=team, key=key, defaults={"trainee": trainee})
        for row in m.Session.objects.filter(team=team, trainee__isnull=True):
            if store.name_key(row.trainee_name) == key:
                row.trainee = trainee
                row.save(update_fields=["trainee"])


class AssignmentForm(forms.Form):
    scenario_id = forms.ChoiceField()  # choices: the team's scenarios, set per request
    due = forms.DateField()
    trainees = forms.ModelMultipleChoiceField(queryset=m.Trainee.objects.none())
    pass_empathy = forms.FloatField(min_value=0, max_value=100)
    pass_firmness = forms.FloatField(min_value=0, max_value=100)
    pass_boundary_clarity = forms.FloatField(min_value=0, max_value=100)


def results(assignments: list[m.Assignment], only: int | None) -> dict[int, list[dict[str, Any]]]:
    """Each assignment's trainees with their latest exam of the scenario up to the due date,
    against the pass marks (``only``: just this trainee). Three queries for any number of
    assignments and trainees: the latest exam is a subquery on each assignment-trainee row."""
    Through = m.Assignment.trainees.through
    latest = (
        m.Session.objects.filter(trainee_id=OuterRef("trainee_id"), mode="exam",
                                 scenario_id=OuterRef("assignment__scenario_id"),
                                 started_at__date__lte=OuterRef("assignment__due"))
        .exclude(outcome="quit").order_by("-started_at").values("id")[:1]
    )  # fmt: skip
    pairs = Through.objects.filter(assignment__in=assignments).select_related("trainee")
    if only is not None:
        pairs = pairs.filter(trainee_id=only)
    pairs = list(pairs.annotate(exam_id=Subquery(latest)).order_by("trainee__name", "trainee_id"))
    exams = m.Session.objects.in_bulk([p.exam_id for p in pairs if p.exam_id])
    by_assignment = {a.id: a for a in assignments}
    shown: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for pair in pairs:
        a, exam = by_assignment[pair.assignment_id], exams.get(pair.exam_id)
        if exam is None:
            shown[a.id].append({"trainee": pair.trainee, "exam": None, "passed": None, "dims": []})
            continue
        dims = []
        for d in DIMS:
            score, mark = getattr(exam, d), getattr(a, f"pass_{d}")
            dims.append((d, score, mark, score is not None and score >= mark))
        shown[a.id].append({"trainee": pair.trainee, "exam": exam,
                            "passed": all(ok for *_, ok in dims), "dims": dims})  # fmt: skip
    return shown


@login_required
def assignments(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    mine = m.Assignment.objects.filter(team=profile.team)
    if profile.role == "trainee":
        mine = mine.filter(trainees=profile.trainee)
    titles = names.scenario_titles(m.Session.objects.filter(team=profile.team))
    form = AssignmentForm(request.POST or None)
    form.fields["trainees"].queryset = m.Trainee.objects.filter(team=profile.team)
    form.fields["scenario_id"].choices = list(titles.items())
    if request.method == "POST":
        if not access.is_staff(request.user):
            return HttpResponseForbidden(_("Trainers only."))
        if form.is_valid():
            data = form.cleaned_data
            with transaction.atomic():
                made = m.Assignment.objects.create(
                    team=profile.team, created_by=request.user,
                    **{k: v for k, v in data.items() if k != "trainees"},
                )  # fmt: skip
                made.trainees.set(data["trainees"])
            return redirect("/assignments/")
    listed = list(mine)
    found = results(listed, profile.trainee_id if profile.role == "trainee" else None)
    shown = [{"a": a, "title": titles.get(a.scenario_id, a.scenario_id), "results": found[a.id]}
             for a in listed]  # fmt: skip
    context = {"shown": shown, "form": form, "staff": access.is_staff(request.user)}
    return render(request, "team/assignments.html", context)
