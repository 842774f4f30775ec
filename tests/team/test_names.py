"""Ids the store keeps are shown by name in the page's language: scenarios by their titles
(filter, per-scenario page, assignment headings and form), behaviours by the scorer's plain
names with the id in a tooltip, the default team by a translated name; <html lang> follows the
page and tables show dates as ISO in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import PASSWORD, Server
from .test_web_exports import sample_docs, upload
from .web_client import WebClient

TITLE = "The customer & her <divorce>"
SHOWN = "The customer &amp; her &lt;divorce&gt;"  # escaped, as untrusted text must be
LANGS = {  # Accept-Language: (<html lang>, state_limit, vague_deferral, acknowledge_feelings, team)
    "en": ("en", "Stating a clear limit", "A vague &#x27;maybe later&#x27;",
           "acknowledging the feeling", "default team"),
    "ru": ("ru", "Ясно обозначить границу", "Расплывчатое «может быть, потом»",
           "признать чувства", "основная команда"),
    "zh-CN,zh;q=0.9": ("zh-hans", "清楚说明界限", "含糊的“以后再说”", "回应感受", "默认团队"),
}  # fmt: skip


def _login(server: Server, user: str, accept: str) -> WebClient:
    web = WebClient(server.url)
    web.opener.addheaders = [("Accept-Language", accept)]
    web.get("/login/")
    status, page, _ = web.post("/login/", {"username": user, "password": PASSWORD})
    assert status == 200 and 'id="logout"' in page
    return web


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_ids_are_shown_by_name_in_the_page_language(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    server.add_user("ada", "admin")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    docs = sample_docs(tmp_path, 3)
    doc = docs[0]
    doc["scenario"]["title"] = TITLE
    first = doc["turns"][0]
    base = first["evidence"][0]
    first["evidence"] += [
        {
            **base,
            "indicator": "missing:state_limit",
            "points": -10,
            "text": "",
            "start": 0,
            "end": 0,
        },
        {**base, "indicator": "red_flag:vague_deferral", "points": -10},
    ]
    assert first["behaviours"] == ["acknowledge_feelings", "stay_on_task"]
    for d in docs:
        assert upload(server, "tina", d) == 201
    sid, scenario = doc["session_id"], doc["scenario"]["id"]
    others = {d["scenario"]["id"]: d["scenario"]["title"] for d in docs[1:]}

    for accept, (lang, limit, deferral, feelings, team) in LANGS.items():
        web = _login(server, "tina", accept)
        listing = web.get("/")[1]
        assert f'<html lang="{lang}">' in listing
        option = f'<option value="{scenario}" title="{scenario}">{SHOWN}</option>'
        assert option in listing, accept
        assert all(f">{title}</option>" in listing for title in others.values())
        when = re.findall(r'<a href="/sessions/[^"]+/">([^<]+)</a>', listing)
        assert when and all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", w) for w in when)
        assert f"<td>{SHOWN}</td>" in listing

        page = web.get(f"/sessions/{sid}/")[1]
        assert f'<span title="acknowledge_feelings">{feelings}</span>' in page, accept
        assert ">stay_on_task" not in page and "stay_on_task," not in page  # tooltips only

        seen = web.get("/behaviours/")[1]
        assert f'title="state_limit">{limit}</span>' in seen, accept
        assert f'title="vague_deferral">{deferral}</span>' in seen, accept
        assert "<code>" not in seen

        per = web.get("/scenarios/")[1]
        assert f'<h2 id="s-{scenario}" title="{scenario}">{SHOWN}</h2>' in per
        assert f">{scenario}<" not in per

        form = web.get("/assignments/")[1]
        assert f'<option value="{scenario}">{SHOWN}</option>' in form, accept
        assert 'name="scenario_id" list=' not in form  # a choice, not free text

        users = _login(server, "ada", accept).get("/users/")[1]
        assert f'<td title="default">{team}</td>' in users, accept
        assert f'<option value="default" label="{team}">' in users or lang == "en"

    web = _login(server, "tina", "ru")
    trainees = re.findall(r'<option value="(\d+)"', web.get("/assignments/")[1])
    assert trainees
    assert web.post("/assignments/", {"scenario_id": "no-such-scenario", "due": "2026-12-31",
                                      "trainees": trainees, "pass_empathy": "40",
                                      "pass_firmness": "40", "pass_boundary_clarity": "40"})[0] == 200  # fmt: skip
    assert 'class="assignment"' not in web.get("/assignments/")[1]  # refused: not a choice
    status, page, _ = web.post("/assignments/", {
        "scenario_id": scenario, "due": "2026-12-31", "trainees": trainees,
        "pass_empathy": "40", "pass_firmness": "40", "pass_boundary_clarity": "40"})  # fmt: skip
    assert status == 200
    heading = re.search(r'<section class="assignment"><h2>(.*?)</h2>', page)
    assert heading, page[:2000]
    assert heading.group(1).startswith(f'<span title="{scenario}">{SHOWN}</span> · ')
    assert heading.group(1).endswith(" 2026-12-31")
