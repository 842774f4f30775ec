"""Builds a conversation: the session, the client's voice and the reply listener.

Every part that can be missing on a real laptop (no audio output, no microphone, no model for
the scenario's language) falls back cleanly, and the reason is shown on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.errors import HoldlineError
from simulator.i18n import _
from simulator.session.runner import PracticeSession
from simulator.session.turns import TurnController
from simulator.session.voice import ClientVoice, SpeechInput
from simulator.vocabulary import FrontEnd

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.scenario.playable import Playable
    from simulator.ui.app import App


def start_conversation(app: App, playable: Playable, trainee: str) -> TurnController:
    config = app.config
    front_end: FrontEnd = "headless" if config.headless else "window"
    session = PracticeSession(playable, trainee, config.sessions, config.mode, front_end)
    scenario = playable.scenario
    notes: list[str] = []
    voice = make_voice(app, scenario, notes)
    listener = make_listener(app, scenario, notes, voice)
    return TurnController(
        app,
        session,
        voice,
        listener,
        script=config.replies,
        hands_free=config.hands_free,
        notes=notes,
        realtime=config.pace == "realtime",
        strict_script=config.headless,
    )


def make_voice(app: App, scenario: Scenario, notes: list[str]) -> ClientVoice | None:
    config = app.config
    if config.no_audio:
        notes.append(_("The client\u2019s lines are shown, not spoken (--no-audio)."))
        return None
    if config.headless and config.pace == "fast":
        return None
    try:
        return ClientVoice.for_scenario(scenario)
    except HoldlineError as exc:
        notes.append(_("The client\u2019s lines are shown, not spoken: {why}").format(why=exc))
        return None


def make_listener(
    app: App, scenario: Scenario, notes: list[str], voice: ClientVoice | None
) -> SpeechInput | None:
    """A microphone + recogniser for the scenario's language, or None (typed replies)."""
    config = app.config
    scripted = config.replies is not None
    if config.typed and not scripted:
        notes.append(_("Typed replies (--typed)."))
        return None
    if scripted and not any(r.lower().endswith(".wav") for r in config.replies or []):
        return None  # text-only script: no recogniser needed
    try:
        return SpeechInput.for_scenario(
            scenario,
            model=config.model,
            mic=config.mic,
            use_mic=not scripted,
            hands_free=config.hands_free,
            mute_while=voice.speaking if voice is not None else None,
        )
    except HoldlineError as exc:
        notes.append(_("Typed replies: {why}").format(why=exc))
        return None
