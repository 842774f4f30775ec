"""The admin's user management page: list users, add one with a role and team, deactivate or
reactivate, reset a password. Admins only; everyone else gets 403."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from simulator.team import access, labels, names, store, users
from simulator.team import models as m

ROLE_CHOICES = list(labels.ROLES.items())


class NewPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Password"), widget=forms.PasswordInput, max_length=200
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        validate_password(password)  # Django's own messages, translated by Django
        return password


class AddUserForm(NewPasswordForm):
    username = forms.CharField(
        label=gettext_lazy("User name"), max_length=150, validators=[UnicodeUsernameValidator()]
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES)
    team = forms.CharField(label=gettext_lazy("Team"), max_length=100, initial=names.DEFAULT_TEAM)
    trainee = forms.CharField(
        label=gettext_lazy("Roster name (trainees; default: the user name)"),
        max_length=200,
        required=False,
    )
    field_order = ["username", "password", "role", "team", "trainee"]

    def clean_username(self) -> str:
        name = self.cleaned_data["username"].strip()
        if User.objects.filter(username=name).exists():
            raise forms.ValidationError(_("A user with this name already exists."))
        return name

    def clean(self) -> dict[str, str]:
        data = super().clean() or {}
        name = data.get("trainee") or data.get("username") or ""
        if data.get("role") == "trainee" and name and not store.name_key(name):
            self.add_error("trainee", _("A roster name needs a letter or a digit."))
        return data


@login_required
@access.admin_only
def users_page(request: HttpRequest) -> HttpResponse:
    form = AddUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        users.add_user(d["username"], d["password"], d["role"], d["team"], d["trainee"] or None)
        return redirect("/users/")
    return _render(request, form, status=400 if form.is_bound else 200)


def _render(
    request: HttpRequest, form: AddUserForm, status: int = 200, **extra: object
) -> HttpResponse:
    listed = list(
        User.objects.select_related("profile__team", "profile__trainee").order_by("username")
    )
    for u in listed:
        u.team_label = names.team(u.profile.team.name) if hasattr(u, "profile") else ""
    teams = m.Team.objects.order_by("name").values_list("name", flat=True)
    context = {
        "listed": listed,
        "form": form,
        "reset": NewPasswordForm(),
        "teams": [(t, names.team(t)) for t in teams],
        "roles": dict(ROLE_CHOICES),
        **extra,
    }
    return render(request, "team/users.html", context, status=status)


@login_required
@require_POST
@access.admin_only
def user_action(request: HttpRequest, user_id: int) -> HttpResponse:
    target = get_object_or_404(User, id=user_id)
    action = request.POST.get("action")
    if action in ("deactivate", "activate"):
        if target == request.user:
            return _render(request, AddUserForm(), status=400, failed=target.id,
                           message=_("You cannot deactivate your own account."))  # fmt: skip
        target.is_active = action == "activate"
        target.save(update_fields=["is_active"])
    elif action == "password":
        reset = NewPasswordForm(request.POST)
        if not reset.is_valid():
            message = " ".join(reset.errors["password"])
            return _render(request, AddUserForm(), status=400, failed=target.id, message=message)
        target.set_password(reset.cleaned_data["password"])
        target.save(update_fields=["password"])
    else:
        return _render(request, AddUserForm(), status=400, failed=target.id,
                       message=_("Unknown action."))  # fmt: skip
    return redirect(f"/users/#user-{target.id}")
