"""A cookie-keeping HTTP client that logs in through the login form, as a browser would."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class WebClient:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = ""

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        return self._open(urllib.request.Request(self.base + path))

    def post(
        self, path: str, fields: dict[str, str], token: bool = True
    ) -> tuple[int, str, dict[str, str]]:  # noqa: E501
        data = dict(fields)
        if token:
            data["csrfmiddlewaretoken"] = self.token
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, body, method="POST"))

    def _open(self, req: urllib.request.Request) -> tuple[int, str, dict[str, str]]:
        try:
            with self.opener.open(req, timeout=60) as resp:
                text = resp.read().decode("utf-8")
                status, headers = resp.status, dict(resp.headers)
        except urllib.error.HTTPError as exc:
            text, status, headers = (
                exc.read().decode("utf-8", "replace"),
                exc.code,
                dict(exc.headers),
            )
        found = TOKEN.search(text)
        if found:
            self.token = found.group(1)
        return status, text, headers

    def login(self, user: str, password: str) -> None:
        self.get("/login/")
        status, text, _ = self.post("/login/", {"username": user, "password": password})
        assert status == 200 and "Log out" in text, text[:500]
