"""Helpers shared by the speech tests (imported by name: tests/speech is on sys.path)."""

from __future__ import annotations

from tests.conftest import KO_TEXT, REPO, ko_model_dir  # noqa: F401 - re-exported
from tests.conftest import run_holdline as run_cli  # noqa: F401 - re-exported
