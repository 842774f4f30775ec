"""Page shell shared by reports and the overview: escaping, inline CSS, a strict CSP.

Every page is one self-contained file: no network, no external scripts, styles or fonts. The
Content-Security-Policy allows only the page's own inline script (by hash), inline styles,
data: images and the reply audio, so even a session text that slipped past escaping could not
run a script or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from simulator import __version__
from simulator.i18n import _

CSS = """
:root{--fg:#1d2330;--muted:#5b6475;--line:#d8dce3;--bg:#fff;--soft:#f4f6f9;
--emp:#2a6fdb;--firm:#c26a00;--bound:#1d8a5a;--earn:#d9f2e3;--earn-b:#1d8a5a;
--cost:#fde2e1;--cost-b:#c0392b;--low:#8a5cc2}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}main.wide{max-width:1240px}
.nowrap{white-space:nowrap}.key i{display:inline-block;width:14px;height:3px;margin:0 4px 0 10px;
vertical-align:middle}.key .k-e{background:var(--emp)}.key .k-f{background:var(--firm)}
.key .k-b{background:var(--bound)}
h1{font-size:1.6em;margin:.2em 0 .4em}h2{font-size:1.25em;margin:1.6em 0 .6em;
border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.05em;margin:0 0 .5em}
.muted{color:var(--muted)}.small{font-size:.85em}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:.85em;font-weight:600;
border:1px solid currentColor}
.o-good{color:#1d7a4f}.o-mixed{color:#9a6700}.o-bad{color:#b42318}.o-unfinished,.o-quit{color:#5b6475}
.charts{display:flex;flex-wrap:wrap;gap:24px}.charts figure{margin:0}
figcaption{font-size:.85em;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
th[data-sort]{cursor:pointer;user-select:none}th[data-sort]::after{content:" \\2195";color:#aab}
th[aria-sort=ascending]::after{content:" \\2191";color:var(--fg)}
th[aria-sort=descending]::after{content:" \\2193";color:var(--fg)}
article.turn{border:1px solid var(--line);border-radius:8px;padding:12px 14px;margin:14px 0;
break-inside:avoid}
.client{margin:0 0 10px;padding:8px 12px;background:var(--soft);border-left:4px solid #99a3b5;
border-radius:4px}
.reply{margin:0 0 8px;padding:8px 12px;border-left:4px solid var(--emp);border-radius:4px;
white-space:pre-wrap;overflow-wrap:anywhere}
.who{font-size:.8em;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;
display:block;white-space:normal}
mark{background:none;color:inherit;padding:0 1px;border-radius:3px}
mark.earn{background:var(--earn);border-bottom:2px solid var(--earn-b)}
mark.cost{background:var(--cost);border-bottom:2px solid var(--cost-b)}
mark.both{background:linear-gradient(var(--earn),var(--cost));border-bottom:2px dashed var(--fg)}
.lowconf{text-decoration:underline wavy var(--low);text-underline-offset:3px}
.redacted{background:#e8e8e8;border-radius:3px;padding:0 3px;font-family:monospace}
.scores{display:flex;gap:10px;flex-wrap:wrap;margin:6px 0}
.chip{border-radius:4px;padding:1px 8px;background:var(--soft);font-size:.9em}
.chip b{font-variant-numeric:tabular-nums}
.d-empathy{border-left:4px solid var(--emp)}.d-firmness{border-left:4px solid var(--firm)}
.d-boundary_clarity{border-left:4px solid var(--bound)}
ul.evidence{margin:6px 0;padding-left:18px}ul.evidence li.earn::marker{color:var(--earn-b)}
ul.evidence li.cost::marker{color:var(--cost-b)}
.pts-earn{color:var(--earn-b);font-weight:600}.pts-cost{color:var(--cost-b);font-weight:600}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.88em;color:var(--muted)}
.facts b{color:var(--fg);font-weight:600}
audio{width:100%;max-width:420px;height:32px;margin-top:6px}
.legend span{margin-right:14px}
.skipped li{margin:3px 0}.skipped code{font-size:.9em}
code{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
footer{margin-top:36px;font-size:.8em;color:var(--muted)}
@media print{body{font-size:11pt}main{max-width:none;padding:0}audio,.noprint{display:none}
a{color:inherit;text-decoration:none}article.turn,figure,tr{break-inside:avoid}
h2{break-after:avoid}mark.earn,mark.cost,.badge{-webkit-print-color-adjust:exact;
print-color-adjust:exact}}
"""


GENERATOR = "holdline review"  # marks pages a later review may replace or remove


def esc(value: object) -> str:
    """Escape any text for HTML element content and double-quoted attributes."""
    return escape(str(value), quote=True)


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp(script: str | None) -> str:
    script_src = script_hash(script) if script else "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "media-src 'self' data: file:; "
        "base-uri 'none'; form-action 'none'"
    )


def page(
    title: str, body: str, *, script: str | None = None, lang: str = "en", wide: bool = False
) -> str:
    """A whole HTML document. ``title`` is plain text; ``body`` is already-escaped HTML."""
    script_tag = f"<script>{script}</script>" if script else ""
    main_class = ' class="wide"' if wide else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp(script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main{main_class}>\n"
        f"{body}\n"
        "<footer>"
        + esc(
            _("Made by {program} {version} from saved session files; works offline.").format(
                program="holdline", version=__version__
            )
        )
        + "</footer>\n"
        f"</main>\n{script_tag}\n</body>\n</html>\n"
    )
