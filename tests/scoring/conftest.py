"""Shared fixtures for scoring tests: the shipped rubrics, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scoring import Scorer, load_scorer

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"


@pytest.fixture(scope="session")
def en() -> Scorer:
    return load_scorer(RUBRICS / "en.yaml")


@pytest.fixture(scope="session")
def en_rules() -> Scorer:
    """The English rubric's phrase rules alone, without its learned word weights."""
    return load_scorer(RUBRICS / "en.yaml", words=False)


@pytest.fixture(scope="session")
def ru() -> Scorer:
    return load_scorer(RUBRICS / "ru.yaml")


@pytest.fixture(scope="session")
def zh() -> Scorer:
    return load_scorer(RUBRICS / "zh.yaml")
