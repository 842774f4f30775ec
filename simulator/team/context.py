"""Template context for every page: the reports' stylesheet plus the server's few additions,
and the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.safestring import mark_safe

from simulator.review.html import CSS
from simulator.team import access, labels

EXTRA_CSS = """
nav.top{display:flex;gap:1em;flex-wrap:wrap;align-items:center;border-bottom:1px solid var(--line);
padding:.4em 0;margin-bottom:1em}nav.top form{display:inline;margin:0}
form.filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:end;margin:.5em 0 1em}
form.filters label{display:flex;flex-direction:column;font-size:.85em}
table.list{border-collapse:collapse;width:100%}table.list td,table.list th{border-bottom:1px solid
var(--line);padding:.25em .4em;text-align:left;vertical-align:top}
.pass{color:#1d7a4f;font-weight:600}.fail{color:#c0392b;font-weight:600}
.comment{background:var(--soft);padding:.3em .5em;margin:.3em 0}
.audit{font-size:.85em;color:var(--muted)}textarea{width:100%}.error{color:#c0392b}
#roster-add,#user-add,#assign{margin:.8em 0}.comment-form,.override-form{margin:.4em 0}
form.filters select,#assign select{max-width:24em}
.comment-form button,.override-form button,#roster-add button,form.link button{margin-left:.4em}
.badge{white-space:nowrap}@media (max-width:760px){table.list{display:block;overflow-x:auto}}
"""


def page(request: HttpRequest) -> dict[str, Any]:
    role = access.role(request.user)
    return {"css": mark_safe(CSS + EXTRA_CSS), "role": role,
            "role_label": labels.name(labels.ROLES, role)}  # fmt: skip
