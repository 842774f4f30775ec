"""The admin's user page and trainees' comments, over HTTP on SQLite and PostgreSQL: only an
admin manages users; an added user can log in with the role and team given; a deactivated
user is locked out of pages and the API; a reset password replaces the old one. A trainee
comments on turns of their own sessions (the trainer sees it) and not on anyone else's."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import PASSWORD, Server
from .test_web_exports import sample_docs, upload
from .web_client import WebClient

NEW_PASSWORD = "a different long one"


def user_id(page: str, name: str) -> str:
    found = re.search(rf'<tr id="user-(\d+)"[^>]*><td><b>{re.escape(name)}</b>', page)
    assert found, page[:2000]
    return found.group(1)


def test_only_admins_manage_users(server: Server) -> None:
    server.add_user("ada", "admin")
    server.add_user("tina", "trainer")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    for name in ("tina", "jonas"):
        web = WebClient(server.url)
        web.login(name, PASSWORD)
        assert web.get("/users/")[0] == 403
        assert "/users/" not in web.get("/")[1]  # no link to it either
        status, _, _ = web.post("/users/", {"username": "sneaky", "password": PASSWORD,
                                            "role": "admin", "team": "default"})  # fmt: skip
        assert status == 403
    admin = WebClient(server.url)
    admin.login("ada", PASSWORD)
    status, page, _ = admin.get("/users/")
    assert status == 200 and 'href="/users/"' in page
    assert all(f"<b>{n}</b>" in page for n in ("ada", "tina", "jonas"))
    assert WebClient(server.url).get("/users/")[0] == 200  # logged out: the login form
    assert admin.post("/users/", {"username": "x", "password": PASSWORD, "role": "trainee",
                                  "team": "default"}, token=False)[0] == 403  # fmt: skip
    assert "<b>x</b>" not in admin.get("/users/")[1]


def test_admin_adds_deactivates_and_resets(server: Server, tmp_path: Path) -> None:
    server.add_user("ada", "admin")
    admin = WebClient(server.url)
    admin.login("ada", PASSWORD)
    admin.get("/users/")
    form = {"username": "kim", "password": PASSWORD, "role": "trainee",
            "team": "<b>north</b>", "trainee": "Kim <i>Lee</i>"}  # fmt: skip
    status, page, _ = admin.post("/users/", form)
    assert status == 200 and "kim" in page
    assert "&lt;b&gt;north&lt;/b&gt;" in page and "Kim &lt;i&gt;Lee&lt;/i&gt;" in page
    assert "<i>Lee" not in page and "<b>north" not in page
    status, page, _ = admin.post("/users/", form)  # the same name again
    assert status == 400 and "already exists" in page
    status, page, _ = admin.post("/users/", {**form, "username": "sam", "password": "short"})
    assert status == 400 and "<b>sam</b>" not in page
    status, page, _ = admin.post("/users/", {**form, "username": "<s>sam"})
    assert status == 400 and "<b>&lt;s&gt;sam</b>" not in page

    kim = WebClient(server.url)
    kim.login("kim", PASSWORD)
    assert "(trainee)" in kim.get("/")[1]
    doc = sample_docs(tmp_path, 2)[0]
    assert upload(server, "kim", doc) == 201
    assert server.api("GET", f"/api/sessions/{doc['session_id']}", "kim")[1]["trainee"] \
        == "Kim <i>Lee</i>"  # fmt: skip

    page = admin.get("/users/")[1]
    kid = user_id(page, "kim")
    status, page, _ = admin.post(f"/users/{kid}/", {"action": "deactivate"})
    assert status == 200 and re.search(rf'<tr id="user-{kid}" class="inactive', page)
    assert kim.get("/")[1].count('id="login"') == 1  # the open login is over
    assert server.api("GET", "/api/sessions", "kim")[0] == 401
    refused = WebClient(server.url)
    refused.get("/login/")
    assert "not accepted" in refused.post("/login/", {"username": "kim",
                                                      "password": PASSWORD})[1]  # fmt: skip
    admin.post(f"/users/{kid}/", {"action": "activate"})
    assert server.api("GET", "/api/sessions", "kim")[0] == 200

    status, page, _ = admin.post(f"/users/{kid}/", {"action": "password", "password": "short"})
    assert status == 400 and 'class="error"' in page
    admin.post(f"/users/{kid}/", {"action": "password", "password": NEW_PASSWORD})
    assert server.api("GET", "/api/sessions", "kim")[0] == 401
    assert server.api("GET", "/api/sessions", "kim", password=NEW_PASSWORD)[0] == 200

    ada = user_id(admin.get("/users/")[1], "ada")
    status, page, _ = admin.post(f"/users/{ada}/", {"action": "deactivate"})
    assert status == 400 and "own account" in page
    assert admin.get("/users/")[0] == 200  # still logged in


def test_trainee_comments_on_their_own_sessions_only(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    server.add_user("bilal", "trainee", "--trainee", "Bilal Khan")
    docs = sample_docs(tmp_path, 3)
    docs[0]["trainee"], docs[1]["trainee"] = "Jonas Berg", "Bilal Khan"
    for doc in docs[:2]:
        assert upload(server, "tina", doc) == 201
    mine, theirs = docs[0]["session_id"], docs[1]["session_id"]

    jonas = WebClient(server.url)
    jonas.login("jonas", PASSWORD)
    page = jonas.get(f"/sessions/{mine}/")[1]
    assert 'class="comment-form"' in page and 'class="override-form"' not in page
    status, page, _ = jonas.post(f"/sessions/{mine}/turns/1/comment",
                                 {"text": "I froze here <i>sorry</i>"})  # fmt: skip
    assert status == 200 and "I froze here &lt;i&gt;sorry&lt;/i&gt;" in page
    assert jonas.post(f"/sessions/{theirs}/turns/1/comment", {"text": "ha"})[0] == 404
    form = {"dimension": "empathy", "value": "99", "reason": "me"}
    assert jonas.post(f"/sessions/{mine}/turns/1/override", form)[0] == 403

    tina = WebClient(server.url)
    tina.login("tina", PASSWORD)
    page = tina.get(f"/sessions/{mine}/")[1]
    assert "I froze here &lt;i&gt;sorry&lt;/i&gt;" in page and 'class="badge by-trainee"' in page
    assert "ha</div>" not in tina.get(f"/sessions/{theirs}/")[1]
    bilal = WebClient(server.url)
    bilal.login("bilal", PASSWORD)
    assert bilal.get(f"/sessions/{mine}/")[0] == 404
    assert "I froze here" not in bilal.get(f"/sessions/{theirs}/")[1]
