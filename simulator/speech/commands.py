"""Speech subcommands: say, transcribe, mic-test, models list|fetch.

Heavy imports (pygame, vosk, numpy, pyttsx3) happen inside the handlers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def add_commands(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    say = subparsers.add_parser("say", help="render text to a WAV with espeak-ng")
    say.add_argument("text")
    say.add_argument("--voice", default="en-us", help="espeak-ng voice, e.g. en-gb, en-us+f3")
    say.add_argument("--rate", type=int, default=175, help="words per minute (80-450)")
    say.add_argument("--pitch", type=int, default=50, help="0-99")
    say.add_argument("--volume", type=float, default=0.9, help="0.1-1.5")
    say.add_argument("--mood", default=None, help="client mood: angry, sad, distressed, ...")
    say.add_argument("--out", required=True, help="WAV file to write")
    say.add_argument("--cache", default=None, help="render cache folder (default audio/cache)")
    say.set_defaults(handler=cmd_say)

    tr = subparsers.add_parser("transcribe", help="transcribe a WAV file with Vosk")
    tr.add_argument("wav")
    tr.add_argument("--model", default=None, help="model folder or language code (en, ru, ko)")
    tr.add_argument("--json", action="store_true", help="print the transcript as JSON")
    tr.add_argument("--keep-audio", default=None, help="also write the 16 kHz audio here")
    tr.set_defaults(handler=cmd_transcribe)

    mic = subparsers.add_parser("mic-test", help="check the microphone: level and live text")
    mic.add_argument("--mic", default=None, help="capture device name (see --list)")
    mic.add_argument("--list", action="store_true", help="list capture devices and exit")
    mic.add_argument("--seconds", type=float, default=5.0)
    mic.add_argument("--model", default=None, help="model folder or language code")
    mic.set_defaults(handler=cmd_mic_test)

    models = subparsers.add_parser("models", help="list or fetch Vosk speech models")
    msub = models.add_subparsers(dest="models_command", metavar="ACTION")
    mlist = msub.add_parser("list", help="show the models found, with language, size and path")
    mlist.add_argument("--model", default=None, help="also check this model folder")
    mlist.add_argument("--json", action="store_true")
    mlist.set_defaults(handler=cmd_models_list)
    fetch = msub.add_parser("fetch", help="download the official small model for a language")
    fetch.add_argument("language", help="en, ru, zh, de, fr, ...")
    fetch.add_argument("--dest", default=None, help="models folder (default $HOLDLINE_MODELS)")
    fetch.add_argument("--list-url", default=None, help=argparse.SUPPRESS)
    fetch.set_defaults(handler=cmd_models_fetch)
    models.set_defaults(handler=lambda args: (models.print_help(), 2)[1])


def cmd_say(args: argparse.Namespace) -> int:
    from simulator.speech.tts import VoiceSettings, render_to, wav_seconds

    voice = VoiceSettings(args.voice, args.rate, args.pitch, args.volume)
    out = render_to(args.out, args.text, voice, args.mood, cache_dir=args.cache)
    print(f"{out}: {wav_seconds(out):.2f} s, 22050 Hz mono 16-bit")
    return 0


def cmd_transcribe(args: argparse.Namespace) -> int:
    from simulator.speech.audio import read_wav
    from simulator.speech.models import resolve_model
    from simulator.speech.stt import load_model, transcribe_file

    read_wav(args.wav)  # fail on a bad file before the slow model load
    info = resolve_model(args.model)
    model = load_model(info.path)
    t0 = time.perf_counter()
    transcript = transcribe_file(model, args.wav)
    elapsed = time.perf_counter() - t0
    kept = None
    if args.keep_audio and transcript.audio is not None:
        kept = str(transcript.audio.save(args.keep_audio))
    if args.json:
        data = transcript.to_json()
        data.update(
            {
                "model": info.name,
                "language": info.language,
                "rtf": round(elapsed / transcript.duration, 3) if transcript.duration else None,
                "audio_path": kept,
            }
        )
        print(json.dumps(data, ensure_ascii=False))
    else:
        print(transcript.text)
    return 0


def cmd_mic_test(args: argparse.Namespace) -> int:
    from simulator.speech.capture import MicCapture, list_capture_devices

    if args.list:
        names = list_capture_devices()
        if not names:
            from simulator.errors import HoldlineError
            from simulator.speech.capture import NO_DEVICE

            raise HoldlineError(NO_DEVICE)
        for name in names:
            print(name)
        return 0

    from simulator.speech.capture import choose_device
    from simulator.speech.endpoint import EndpointConfig, HandsFree
    from simulator.speech.listen import ReplyListener
    from simulator.speech.models import resolve_model
    from simulator.speech.stt import ModelLoader

    # fail fast when there is no microphone, before the slow model load; open it afterwards
    device = choose_device(list_capture_devices(), args.mic)
    info = resolve_model(args.model)
    print(f"microphone: {device}; model: {info.name}; loading...", file=sys.stderr)
    model = ModelLoader(info.path).result()
    mic = MicCapture(device)
    mic.start()
    print(f"speak now ({args.seconds:.0f} s)", file=sys.stderr)
    try:
        config = EndpointConfig(no_speech_timeout=args.seconds, max_reply=args.seconds)
        listener = ReplyListener(mic, model, HandsFree(config, mic.format)).start()
        deadline = time.monotonic() + args.seconds + 1.0
        tty = sys.stderr.isatty()
        while not listener.done and time.monotonic() < deadline:
            bar = "#" * int(listener.level * 20)
            line = f"[{bar:<20}] {listener.partial[-50:]}"
            if tty:
                sys.stderr.write("\r" + line.ljust(75))
                sys.stderr.flush()
            time.sleep(0.1)
        listener.stop()
        transcript = listener.result(timeout=10)
        if tty:
            sys.stderr.write("\n")
    finally:
        mic.stop()
    heard = transcript.text or "(nothing recognised)"
    print(f"heard: {heard}")
    print(f"audio: {transcript.duration:.1f} s, ended by {transcript.extra.get('end_reason')}")
    return 0


def cmd_models_list(args: argparse.Namespace) -> int:
    from simulator.speech.models import list_models, models_dir

    models = list_models(args.model)
    if args.json:
        print(json.dumps([m.to_json() for m in models], ensure_ascii=False))
        return 0
    if not models:
        print(f"no speech models found (looked in {models_dir()}/ and installed packages)")
        print("get one with: holdline models fetch LANG")
        return 0
    for m in models:
        size = m.size_bytes() / 1e6
        print(f"{m.language or '?':<6} {size:7.1f} MB  {m.name:<32} {m.path}  ({m.source})")
    return 0


def cmd_models_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from simulator.speech.models import fetch_model

    dest = Path(args.dest) if args.dest else None
    info = fetch_model(
        args.language,
        dest=dest,
        list_url=args.list_url,
        progress=sys.stderr.isatty() or bool(os.environ.get("HOLDLINE_PROGRESS")),
    )
    print(f"{info.language or '?'}  {info.name}  {info.path}")
    return 0
