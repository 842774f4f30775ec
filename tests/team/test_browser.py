"""The web app in a real headless Chromium against ``holdline serve`` on a SQLite file: log in,
filter, open a session, play its audio, comment, override a score with a reason, assign a
scenario with pass marks, and a trainee who cannot see another trainee's session; a trainee
comments on a turn of their own session and the trainer sees it marked; an admin adds,
deactivates, reactivates a user and resets a password, which a trainer may not. Every page
loads with no console errors or CSP violations and requests nothing but the server."""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.review.samples import write_sessions
from tests.review.browser import Browser, PageLog, find_chromium

from .conftest import PASSWORD, SECRET, Server

PLAY_JS = """
new Promise(function (resolve) {
  var a = document.querySelector('audio');
  if (!a) { resolve('no audio element'); return; }
  a.addEventListener('ended', function () { resolve('ended ' + a.duration.toFixed(2)); });
  a.addEventListener('error', function () { resolve('error'); });
  a.play().catch(function (e) { resolve('play failed: ' + e); });
  setTimeout(function () { resolve('timeout'); }, 10000);
})
"""


class Web:
    def __init__(self, browser: Browser, base: str):
        self.b, self.base = browser, base

    def go(self, path: str) -> PageLog:
        self.b.log = PageLog()
        self.b._events = []
        self.b.send("Page.navigate", {"url": self.base + path})
        return self._loaded()

    def _loaded(self) -> PageLog:
        deadline = time.monotonic() + 30
        while not any(e.get("method") == "Page.loadEventFired" for e in self.b._events):
            assert time.monotonic() < deadline, "page did not load"
            self.b._pump(0.05)
        self.b._pump(0.2)
        return self.b.log

    def submit(self, form_selector: str, fields: dict[str, str | list[str]]) -> PageLog:
        """Fill a form's fields by name and submit it as a user would."""
        self.b.log = PageLog()
        self.b._events = []
        script = f"""(function () {{
          var f = document.querySelector({json.dumps(form_selector)});
          var values = {json.dumps(fields)};
          for (var name in values) {{
            var el = f.elements[name];
            if (el.multiple) {{ for (var o of el.options) o.selected = values[name].includes(o.value); }}
            else el.value = values[name];
          }}
          f.requestSubmit(); return true; }})()"""
        assert self.b.eval(script)
        return self._loaded()

    def text(self, selector: str) -> str:
        return self.b.eval(f"document.querySelector({json.dumps(selector)}).textContent")

    def count(self, selector: str) -> int:
        return self.b.eval(f"document.querySelectorAll({json.dumps(selector)}).length")

    def url(self) -> str:
        return self.b.eval("location.pathname + location.search")

    def status(self) -> int:
        """The HTTP status of the page now shown (the last document response)."""
        docs = [e["params"]["response"]["status"] for e in self.b._events
                if e.get("method") == "Network.responseReceived"
                and e["params"].get("type") == "Document"]  # fmt: skip
        assert docs, "no document response seen"
        return docs[-1]


def clean(log: PageLog, base: str) -> None:
    assert log.errors == [] and log.dialogs == []
    assert all(u.startswith(base) or u.startswith("data:") for u in log.requests), log.requests


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    root = tmp_path_factory.mktemp("team-web")
    env = {**SECRET, "XDG_CONFIG_HOME": str(root / "config")}
    srv = Server(str(root / "team.sqlite3"), env).start()
    srv.add_user("ada", "admin")
    srv.add_user("tina", "trainer")
    srv.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    srv.add_user("bilal", "trainee", "--trainee", "Bilal Khan")
    folder = root / "sessions"
    write_sessions(folder, 16, audio=True, tricky=True)
    assert srv.sync(folder, "tina").returncode == 0
    try:
        yield srv, folder
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def web(site: tuple[Server, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    executable = find_chromium()
    if executable is None:
        pytest.fail("chromium is not installed (tools/bootstrap installs it)")
    b = Browser(executable, tmp_path_factory.mktemp("chromium-team"))
    try:
        yield Web(b, site[0].url)
    finally:
        b.close()


def log_in(web: Web, user: str) -> None:
    web.go("/logout/")  # a GET is refused (405); the cookie is dropped below instead
    web.b.send("Network.clearBrowserCookies")
    clean(web.go("/"), web.base)
    assert web.url().startswith("/login/")
    web.submit("#login", {"username": user, "password": "wrong password"})
    assert "not accepted" in web.text("#login-error")
    clean(web.submit("#login", {"username": user, "password": PASSWORD}), web.base)
    assert web.url() == "/"


def test_trainer_reviews_comments_overrides_and_assigns(
    web: Web, site: tuple[Server, Path]
) -> None:
    everyone = site[0].api("GET", "/api/sessions", "tina")[1]["sessions"]
    exam = next(s for s in everyone if s["mode"] == "exam" and s["trainee"] and s["turns"])
    log_in(web, "tina")
    total = web.count("#sessions tbody tr")
    assert total > 5
    counts = collections.Counter(s["outcome"] for s in everyone)
    pick = next(o for o, n in counts.most_common() if 0 < n < len(everyone))  # some, not all
    clean(web.submit("#filters", {"outcome": pick}), web.base)
    assert f"outcome={pick}" in web.url()
    outcomes = web.b.eval(
        "[...document.querySelectorAll('#sessions .outcome')].map(e => e.textContent)"
    )
    assert outcomes == [pick] * counts[pick] and len(outcomes) < total

    web.go("/")
    href = web.b.eval("document.querySelector('#sessions a').getAttribute('href')")
    clean(web.go(href), web.base)
    assert web.count("article.turn") >= 1 and web.count("audio") == web.count("article.turn")
    assert web.b.eval(PLAY_JS, await_promise=True).startswith("ended 0.4")

    # untrusted text stays text: the tricky session's <script> reply, and a comment with markup
    assert web.count("main script") == 0
    clean(web.submit("#turn-1 .comment-form", {"text": "<b>Ask</b> before you promise"}), web.base)
    assert "<b>Ask</b> before you promise" in web.text("#turn-1 .comment")
    assert web.count("#turn-1 .comment b") == 1  # only the author's name is bold

    before = web.text("#turn-1 .score-firmness")
    new = "12" if before != "12" else "13"
    form = {"dimension": "firmness", "value": new, "reason": "recogniser misheard 'no'"}
    clean(web.submit("#turn-1 .override-form", form), web.base)
    assert web.text("#turn-1 .score-firmness") == new
    assert web.text("#turn-1 .chip.d-firmness s") == before  # the scorer's value is kept
    audit = web.text("#turn-1 .override")
    assert f"from {before} to {new} by tina" in audit and "misheard" in audit

    clean(web.go("/assignments/"), web.base)
    trainee_ids = web.b.eval(
        "[...document.querySelectorAll('#assign select[name=trainees] option')].map(o => o.value)"
    )
    clean(web.submit("#assign", {"scenario_id": exam["scenario"], "due": "2026-12-31",
                                 "trainees": trainee_ids, "pass_empathy": "40",
                                 "pass_firmness": "40", "pass_boundary_clarity": "40"}), web.base)  # fmt: skip
    assert web.count("section.assignment") == 1
    option = f"#assign select[name=scenario_id] option[value={json.dumps(exam['scenario'])}]"
    shown = web.b.eval(  # the scenario by its title, as the session page names it
        "[document.querySelector('section.assignment h2 span').textContent,"
        " document.querySelector('section.assignment h2 span').title,"
        f" document.querySelector({json.dumps(option)}).textContent]"
    )
    listed = next(s for s in everyone if s["scenario"] == exam["scenario"])["session_id"]
    clean(web.go(f"/sessions/{listed}/"), web.base)
    title = web.text("h1")
    assert shown == [title, exam["scenario"], title] and title != exam["scenario"]
    clean(web.go("/assignments/"), web.base)
    verdicts = web.b.eval(
        "[...document.querySelectorAll('section.assignment .pass, section.assignment .fail')].length"
    )
    assert verdicts > 0
    for page in ("/scenarios/", "/behaviours/", "/roster/"):
        clean(web.go(page), web.base)
        assert web.count("h1") == 1


def test_trainee_sees_only_their_own(web: Web, site: tuple[Server, Path]) -> None:
    srv, _ = site
    everyone = srv.api("GET", "/api/sessions", "tina")[1]["sessions"]
    others = [s["session_id"] for s in everyone if s["typed_name"] != "Jonas Berg"]
    mine = [s["session_id"] for s in everyone if s["typed_name"] == "Jonas Berg"]
    assert others and mine
    log_in(web, "jonas")
    links = web.b.eval(
        "[...document.querySelectorAll('#sessions tbody a[href^=\"/sessions/\"]')].map(a => a.getAttribute('href'))"
    )
    assert sorted(links) == sorted(f"/sessions/{s}/" for s in mine)
    web.go(f"/sessions/{others[0]}/")
    assert "Not Found" in web.text("body") and web.count("article.turn") == 0
    web.go(f"/sessions/{mine[0]}/")
    assert web.count("article.turn") >= 1 and web.count(".override-form") == 0
    assert web.count(".comment-form") == web.count("article.turn")  # trainees comment on their own


def test_trainee_comments_and_the_trainer_sees_it_marked(
    web: Web, site: tuple[Server, Path]
) -> None:
    srv, _ = site
    everyone = srv.api("GET", "/api/sessions", "tina")[1]["sessions"]
    mine = next(s["session_id"] for s in everyone if s["typed_name"] == "Jonas Berg" and s["turns"])
    log_in(web, "jonas")
    clean(web.go(f"/sessions/{mine}/"), web.base)
    clean(web.submit("#turn-1 .comment-form", {"text": "I froze when she raised her voice"}),
          web.base)  # fmt: skip
    assert web.url() == f"/sessions/{mine}/"
    assert "I froze when she raised her voice" in web.text("#turn-1 .comment")
    log_in(web, "tina")
    clean(web.go(f"/sessions/{mine}/"), web.base)
    marked = web.b.eval(
        "[...document.querySelectorAll('#turn-1 .comment')].map(c => "
        "[c.querySelector('b').textContent, !!c.querySelector('.badge.by-trainee'), c.textContent])"
    )
    assert [(who, badge) for who, badge, text in marked if "I froze" in text] == [("jonas", True)]
    assert all(not badge for who, badge, _ in marked if who != "jonas")


def user_row(web: Web, name: str) -> str:
    """The ``#user-N`` selector of the users table's row for ``name``."""
    row = web.b.eval(
        f"[...document.querySelectorAll('#users tbody tr')].find(tr => "
        f"tr.querySelector('b').textContent === {json.dumps(name)})?.id"
    )
    assert row, f"no row for {name}"
    return "#" + row


def test_admin_manages_users_and_a_trainer_cannot(web: Web, site: tuple[Server, Path]) -> None:
    srv, _ = site
    log_in(web, "tina")
    assert web.count('nav a[href="/users/"]') == 0
    web.go("/users/")
    assert web.status() == 403 and web.count("#users") == 0

    log_in(web, "ada")
    assert web.count('nav a[href="/users/"]') == 1
    clean(web.go("/users/"), web.base)
    form = {"username": "kim", "password": PASSWORD, "role": "trainee", "team": "north",
            "trainee": "Kim Lee"}  # fmt: skip
    clean(web.submit("#user-add", form), web.base)
    assert web.status() == 200 and web.url() == "/users/"
    kim = user_row(web, "kim")
    cells = web.b.eval(
        f"[...document.querySelectorAll('{kim} td')].slice(0, 4).map(td => td.textContent.trim())"
    )
    assert cells == ["kim", "trainee", "north", "Kim Lee"]
    assert srv.api("GET", "/api/sessions", "kim")[0] == 200

    clean(web.submit(f"{kim} form.toggle", {}), web.base)
    assert web.b.eval(f"document.querySelector('{kim}').className") == "inactive"
    assert web.text(f"{kim} form.toggle button") == "Reactivate"
    assert srv.api("GET", "/api/sessions", "kim")[0] == 401
    clean(web.submit(f"{kim} form.toggle", {}), web.base)
    assert web.b.eval(f"document.querySelector('{kim}').className") == "active"
    assert srv.api("GET", "/api/sessions", "kim")[0] == 200

    clean(web.submit(f"{kim} form.reset", {"password": "a brand new passphrase"}), web.base)
    assert web.status() == 200
    assert srv.api("GET", "/api/sessions", "kim")[0] == 401
    assert srv.api("GET", "/api/sessions", "kim", password="a brand new passphrase")[0] == 200
