"""`holdline play [SCENARIO]` in a window, in a terminal (--text) or scripted (--headless).

The wiring on top: arguments, finding the scenario, choosing the front end. Nothing below
imports this module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import HoldlineError
from simulator.i18n import _
from simulator.vocabulary import MODES

if TYPE_CHECKING:
    from simulator.session.runner import PracticeSession
    from simulator.session.voice import ClientVoice
    from simulator.team.client import AfterPlay
    from simulator.ui.app import AppConfig

DEFAULT_LIBRARY = Path("scenarios")


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    play = subparsers.add_parser(
        "play",
        help="play a scenario aloud (a picker opens when none is given)",
        description="Practise a scenario: the client speaks, you answer aloud (or type).",
    )
    play.add_argument("scenario", nargs="?", help="scenario file, or a scenario id or name")
    front = play.add_mutually_exclusive_group()
    front.add_argument("--text", action="store_true", help="play in the terminal, typing replies")
    front.add_argument(
        "--headless", action="store_true", help="scripted run with no screen (needs --replies)"
    )
    play.add_argument(
        "--replies", type=Path, help="scripted replies, one per line: text, or a path to a WAV"
    )
    play.add_argument("--trainee", help="your name, as it appears on the session and report")
    play.add_argument(
        "--trainee-gender",
        choices=("female", "male"),
        help="how the client addresses you where the language needs it (Russian 'девушка' / "
        "'молодой человек'); default: $HOLDLINE_TRAINEE_GENDER, else the form written first",
    )
    play.add_argument("--mode", choices=MODES, default="practice")
    play.add_argument("--sessions", type=Path, default=Path("sessions"), help="where sessions go")
    play.add_argument("--screenshots", type=Path, help="save a PNG of the window at every turn")
    play.add_argument("--pace", choices=("fast", "realtime"), default="fast")
    play.add_argument("--library", type=Path, default=DEFAULT_LIBRARY, help="scenario folder")
    play.add_argument("--mic", help="microphone name (see `holdline mic-test --list`)")
    play.add_argument(
        "--model", help="model folder or language code (en, ru, ko), as in transcribe"
    )
    play.add_argument("--typed", action="store_true", help="type replies instead of speaking")
    play.add_argument(
        "--hands-free", action="store_true", help="end a reply by pausing, not by a held key"
    )
    play.add_argument("--no-audio", action="store_true", help="do not speak the client's lines")
    play.add_argument("--size", default="1280x720", help="window size, e.g. 1280x720")
    play.add_argument(
        "--ui-lang",
        choices=("en", "ru", "zh"),
        help="language of the window's own text (default: saved choice, else the scenario's)",
    )
    play.add_argument(
        "--server",
        help="team server to sync each finished session to, in the background (remembered; "
        "default: $HOLDLINE_SERVER, else the saved one); the password is $HOLDLINE_PASSWORD",
    )
    play.add_argument("--server-user", help="your user name on the team server (remembered)")
    play.set_defaults(handler=run_play)


def find_scenario(spec: str, library: Path) -> Path:
    """A scenario file from a path, or from an id / file name in the library."""
    path = Path(spec)
    if path.is_file():
        return path
    if path.exists():
        raise HoldlineError(f"{spec}: not a scenario file")
    from simulator.scenario.library import scan_library

    matches = [e.path for e in scan_library(library) if spec in (e.id, e.path.stem)]
    if not matches:
        raise HoldlineError(f"{spec}: no such scenario file or id in {library}/")
    return matches[0]


def run_play(args: argparse.Namespace) -> int:
    from simulator.scenario.forms import gender_setting

    gender_setting(args.trainee_gender)  # a bad $HOLDLINE_TRAINEE_GENDER fails before any window
    if args.headless and not args.replies:
        raise HoldlineError("--headless needs --replies FILE (one reply per line)")
    if args.replies and not args.replies.is_file():
        raise HoldlineError(f"{args.replies}: no such replies file")
    scenario_path = find_scenario(args.scenario, args.library) if args.scenario else None
    if args.text:
        if scenario_path is None:
            raise HoldlineError("--text needs a scenario: holdline play SCENARIO --text")
        return run_terminal(args, scenario_path)
    if (
        not args.headless
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        if os.environ.get("SDL_VIDEODRIVER") in (None, "", "x11", "wayland"):
            raise HoldlineError(
                "no display found: run in a desktop session, or use --text to play in the terminal"
            )
    from simulator import i18n
    from simulator.settings import Settings
    from simulator.ui.app import App
    from simulator.ui.scenes import first_scene

    config = app_config(args, scenario_path)
    # the sync notes before the window knows its scenario: the chosen or the system's language
    i18n.use(i18n.choose(args.ui_lang, Settings.load().ui_lang, None))
    syncer = after_play(args)
    config.after_session = syncer.request if syncer else None
    app = App(config)
    if scenario_path is None and not args.headless:
        app.home = lambda: first_scene(app)  # the debrief goes back to the picker
    app.switch(first_scene(app))
    code = app.run()
    for line in app.summaries:  # outcome, the three scores and where each session was saved
        print(line)
    finish_sync(syncer)
    return code


# At exit a sync still going gets this long; what it leaves, the next sync uploads.
EXIT_SYNC_WAIT_S = 5.0


def after_play(args: argparse.Namespace) -> AfterPlay | None:
    """The background sync to the team server, when one is configured (saving --server and
    --server-user for next time); None, with a one-line note if one is set but unusable."""
    from simulator.settings import Settings
    from simulator.team.client import AfterPlay, configured_server

    saved = Settings.load()
    if args.server or args.server_user:
        saved.server = args.server or saved.server
        saved.server_user = args.server_user or saved.server_user
        saved.save()
    found = configured_server(args.server, args.server_user, saved)
    if found is None:
        return None
    if isinstance(found, str):
        sync_note(found)
        return None
    return AfterPlay(args.sessions, found, sync_note)


def sync_note(line: str) -> None:
    print(f"holdline: {line}", file=sys.stderr, flush=True)


def finish_sync(syncer: AfterPlay | None) -> None:
    if syncer is None:
        return
    syncer.request()  # a session the debrief did not see (closed mid-session) goes too
    if not syncer.wait(EXIT_SYNC_WAIT_S):
        sync_note(_("sync still running at exit: left for the next sync"))


def app_config(args: argparse.Namespace, scenario_path: Path | None) -> AppConfig:
    from simulator.scenario.forms import gender_setting
    from simulator.ui.app import AppConfig

    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        message = f"--size {args.size}: expected WIDTHxHEIGHT, e.g. 1280x720"
        raise HoldlineError(message) from None
    if width < 320 or height < 240:
        raise HoldlineError(f"--size {args.size}: the window must be at least 320x240")
    return AppConfig(
        scenario_path=scenario_path,
        library=args.library,
        trainee=args.trainee or ("scripted" if args.headless else None),
        mode=args.mode,
        sessions=args.sessions,
        screenshots=args.screenshots,
        pace=args.pace,
        replies=read_replies(args.replies) if args.replies else None,
        headless=args.headless,
        typed=args.typed,
        hands_free=args.hands_free,
        no_audio=args.no_audio,
        mic=args.mic,
        model=args.model,
        size=(width, height),
        trainee_gender=gender_setting(getattr(args, "trainee_gender", None)),
        ui_lang=args.ui_lang,
    )


def run_terminal(args: argparse.Namespace, scenario_path: Path) -> int:
    from simulator import i18n
    from simulator.scenario.forms import gender_setting
    from simulator.scenario.playable import open_playable
    from simulator.session.runner import PracticeSession
    from simulator.session.terminal import TerminalConversation
    from simulator.settings import Settings

    settings = Settings.load()
    playable = open_playable(scenario_path, gender_setting(args.trainee_gender))
    i18n.use(i18n.choose(args.ui_lang, settings.ui_lang, playable.scenario.language))
    trainee = args.trainee or settings.trainee or ask_name()
    if trainee != settings.trainee and sys.stdin.isatty():
        settings.trainee = trainee
        settings.save()
    session = PracticeSession(playable, trainee, args.sessions, args.mode, "text")
    voice = None if args.no_audio else terminal_voice(session)
    read: Callable[[str], str] = input
    if args.replies:
        lines = iter(read_replies(args.replies))

        def read(prompt: str) -> str:
            reply = next(lines, None)
            if reply is None:
                raise EOFError
            print(f"{prompt}{reply}")
            return reply

    terminal = TerminalConversation(session, read=read, voice=voice)
    try:
        return terminal.run()
    finally:
        terminal.turns.close()
        finish_sync(after_play(args))


def ask_name() -> str:
    if not sys.stdin.isatty():
        return "trainee"
    try:
        name = input(_("Your name: ")).strip()
    except EOFError:
        name = ""
    return name or "trainee"


def read_replies(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HoldlineError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise HoldlineError(f"{path}: cannot read: {exc.strerror}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if "\0" in line:
            raise HoldlineError(f"{path}:{number}: a reply holds a NUL character")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def terminal_voice(session: PracticeSession) -> ClientVoice | None:
    """The client's voice for terminal mode when audio works; None (with a note saying why)
    otherwise."""
    from simulator.session.voice import ClientVoice

    try:
        return ClientVoice.for_scenario(session.scenario)
    except HoldlineError as exc:
        print("(" + _("client lines are not spoken: {why}").format(why=exc) + ")", file=sys.stderr)
        return None
