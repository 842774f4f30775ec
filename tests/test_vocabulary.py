"""The shared words agree with each other and with the names people read."""

from __future__ import annotations

from typing import get_args

from simulator import labels, vocabulary


def test_a_session_ends_at_a_scenario_ending_or_stops_before_one() -> None:
    stopped = get_args(vocabulary.Stopped)
    assert vocabulary.SESSION_OUTCOMES == vocabulary.ENDING_OUTCOMES + stopped
    assert set(labels.OUTCOMES) == set(vocabulary.SESSION_OUTCOMES)


def test_every_dimension_and_mode_has_a_label_in_order() -> None:
    assert tuple(labels.DIMENSIONS) == vocabulary.DIMENSIONS
    assert tuple(labels.MODES) == vocabulary.MODES
