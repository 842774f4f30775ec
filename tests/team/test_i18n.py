"""The pages in English, Russian and Chinese: every catalogue entry is translated and the
server answers in the language the browser asks for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO

from .conftest import PASSWORD, Server
from .test_web_exports import sample_docs, upload
from .web_client import WebClient

LOCALE = REPO / "simulator" / "team" / "locale"


@pytest.mark.parametrize("lang", ["ru", "zh_Hans"])
def test_every_message_is_translated(lang: str) -> None:
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    assert len(entries) > 50
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', entry, re.M)
        assert strs and all(strs), entry
        ids = re.findall(r"%\(\w+\)s", re.search(r'^msgid "(.*)"$', entry, re.M).group(1))
        for s in strs:  # the same placeholders, or the page would fail to render
            assert sorted(re.findall(r"%\(\w+\)s", s)) == sorted(ids) or len(strs) > 1, entry


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_pages_follow_the_browser_language(server: Server) -> None:
    server.add_user("tina", "trainer")
    for accept, words in (("en", ["Sessions", "Log out"]), ("ru-RU,ru;q=0.9", ["Сессии", "Выйти"]),
                          ("zh-CN,zh;q=0.9", ["练习记录", "退出"])):  # fmt: skip
        web = WebClient(server.url)
        web.opener.addheaders = [("Accept-Language", accept)]
        web.get("/login/")
        status, page, _ = web.post("/login/", {"username": "tina", "password": PASSWORD})
        assert status == 200 and all(w in page for w in words), (accept, page[:800])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_stored_codes_are_named_in_the_page_language(server: Server, tmp_path: Path) -> None:
    """Outcome, mode, dimensions (also in the chart), reply source and delivery measures are
    stored as English codes; the pages name them in the reader's language."""
    server.add_user("tina", "trainer")
    doc = next(d for d in sample_docs(tmp_path, 4) if d["mode"] == "exam")
    doc["end_reason"] = "the trainee quit"  # as the session runner words it
    evidence = doc["turns"][0]["evidence"][0]
    evidence["label"] = "Вы назвали <чувство> клиента"  # scorer's words, scenario's language
    assert upload(server, "tina", doc) == 201
    sid, outcome = doc["session_id"], doc["outcome"]
    for accept, mode, dims, outcomes, reason in (
        ("ru", "экзамен", ["Эмпатия", "Твёрдость", "Ясность границ", "темп"],
         {"good": "хорошо", "mixed": "средне", "bad": "плохо"}, "стажёр прервал сессию"),
        ("zh-CN", "考核", ["同理心", "坚定", "界限清晰", "语速"],
         {"good": "良好", "mixed": "一般", "bad": "较差"}, "学员中途退出"),
    ):  # fmt: skip
        web = WebClient(server.url)
        web.opener.addheaders = [("Accept-Language", accept)]
        _login(web)  # WebClient.login looks for the English "Log out"
        listing = web.get("/")[1]
        assert f">{outcomes[outcome]}</span>" in listing and f"<td>{mode}</td>" in listing
        page = web.get(f"/sessions/{sid}/")[1]
        chart = page.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert all(f">{d}</text>" in chart for d in dims[:3]), accept
        assert all(d in page for d in dims) and f"· {mode} ·" in page
        assert f'<p class="muted">{reason}</p>' in page
        shown = f'title="{evidence["indicator"]}">Вы назвали &lt;чувство&gt; клиента</span>'
        assert shown in page
        assert "words_per_minute" not in page and ">practice<" not in listing


def _login(web: WebClient) -> None:
    web.get("/login/")
    status, page, _ = web.post("/login/", {"username": "tina", "password": PASSWORD})
    assert status == 200 and 'id="logout"' in page
