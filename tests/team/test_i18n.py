"""The pages in English, Russian and Chinese: every catalogue entry is translated and the
server answers in the language the browser asks for."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO

from .conftest import PASSWORD, Server
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
