"""Run in a subprocess by test_capture.py: SDL reads its driver settings once, at start-up.

python sdl_probe.py capture MODEL_DIR KEEP_WAV   -> JSON transcript of the disk "microphone"
python sdl_probe.py bytes N                      -> hex of the first N captured bytes
python sdl_probe.py mute                         -> JSON: bytes queued while muted
python sdl_probe.py play WAV                     -> JSON: busy/speaking before and after stop
"""

from __future__ import annotations

import faulthandler
import json
import sys
import time


def capture(model_dir: str, keep: str) -> None:
    from simulator.speech.capture import MicCapture
    from simulator.speech.endpoint import EndpointConfig, HandsFree
    from simulator.speech.listen import ReplyListener
    from simulator.speech.stt import load_model

    model = load_model(model_dir)
    with MicCapture(max_queue_seconds=120) as mic:
        config = EndpointConfig(trailing_silence=0.8, no_speech_timeout=5.0, max_reply=20.0)
        listener = ReplyListener(mic, model, HandsFree(config)).start()
        partials = []
        while not listener.done:
            partials.append(listener.partial)
            time.sleep(0.05)
        t = listener.result(timeout=30)
    if t.audio is not None:
        t.audio.save(keep)
    out = t.to_json()
    out["device"] = mic.device_name
    out["saw_partial"] = any(p for p in partials)
    print(json.dumps(out, ensure_ascii=False))


def first_bytes(n: int) -> None:
    from simulator.speech.capture import MicCapture

    got = b""
    with MicCapture() as mic:
        while len(got) < n:
            chunk = mic.read(timeout=2.0)
            assert chunk is not None, "no audio from the capture device"
            got += chunk
    print(got[:n].hex())


def mute() -> None:
    from simulator.speech.capture import MicCapture

    with MicCapture() as mic:
        mic.mute()
        time.sleep(0.3)
        queued_muted = mic.drain()
        level_muted = mic.level
        mic.unmute()
        time.sleep(0.3)
        queued = mic.drain()
    print(json.dumps({"muted": queued_muted, "level_muted": level_muted, "unmuted": queued}))


def play(wav: str) -> None:
    from simulator.speech.playback import Player

    p = Player()
    length = p.play(wav)
    time.sleep(0.1)
    during = (p.busy, p.speaking())
    p.stop()
    after_stop = (p.busy, p.speaking())
    p.replay()
    time.sleep(0.05)
    replayed = p.busy
    p.close()
    print(
        json.dumps(
            {"length": length, "during": during, "after_stop": after_stop, "replayed": replayed}
        )
    )


if __name__ == "__main__":
    faulthandler.dump_traceback_later(45, exit=True)  # a hang shows where, then exits
    cmd = sys.argv[1]
    if cmd == "capture":
        capture(sys.argv[2], sys.argv[3])
    elif cmd == "bytes":
        first_bytes(int(sys.argv[2]))
    elif cmd == "mute":
        mute()
    elif cmd == "play":
        play(sys.argv[2])
