"""The Content-Security-Policy every page is served with: the reports' policy (no scripts,
inline styles, nothing from elsewhere), with forms and media allowed back to this server."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def csp_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response

    return middleware
