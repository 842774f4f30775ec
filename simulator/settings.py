"""Workstation settings chosen once: the trainee's name, UI language, text size, and the team
server sessions are synced to after play (its URL and the user name on it).

Kept in $HOLDLINE_CONFIG, else $XDG_CONFIG_HOME/holdline/settings.json, else
~/.config/holdline/settings.json. A missing or damaged file means defaults, never an error;
saving writes a temporary file and renames it, so a crash cannot leave half a file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

TEXT_SIZES = (0.85, 1.0, 1.2, 1.45)


def settings_path() -> Path:
    explicit = os.environ.get("HOLDLINE_CONFIG")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "holdline" / "settings.json"


@dataclass
class Settings:
    trainee: str | None = None
    ui_lang: str | None = None
    text_size: float = 1.0
    server: str | None = None
    server_user: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        out = cls(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(out.trainee, str) or not out.trainee.strip():
            out.trainee = None
        for name in ("ui_lang", "server", "server_user"):
            if not isinstance(getattr(out, name), str):
                setattr(out, name, None)
        if not isinstance(out.text_size, int | float) or not 0.5 <= out.text_size <= 2.0:
            out.text_size = 1.0
        return out

    def save(self, path: Path | None = None) -> bool:
        """Write the settings; False (and nothing raised) if the folder is not writable."""
        path = path or settings_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")
            tmp.replace(path)
        except OSError:
            return False
        return True

    def bigger_text(self, step: int) -> float:
        """The next text size up (step 1) or down (step -1) from the current one."""
        nearest = min(range(len(TEXT_SIZES)), key=lambda i: abs(TEXT_SIZES[i] - self.text_size))
        self.text_size = TEXT_SIZES[max(0, min(len(TEXT_SIZES) - 1, nearest + step))]
        return self.text_size
