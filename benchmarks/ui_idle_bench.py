"""CPU use of the real window while it waits at "Your turn", and frame times while it animates.

Usage: python benchmarks/ui_idle_bench.py [--idle-seconds 10] [--scenario PATH]
Starts a private Xvfb (needs xvfb; tools/bootstrap installs it), opens the window on it with the
x11 video driver, plays the scenario's first client line through SDL's disk audio driver (so the
client speaks, in real time, with the avatar's mouth moving), then sits at "Your turn".
Prints: idle CPU as % of one core (target <= 5 %), and FPS and p50/p95/max work per frame while
the client speaks (target 60 FPS, p95 < 20 ms).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cpu_seconds() -> float:
    """User + system CPU of this process, all threads (speech workers included)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def start_xvfb() -> tuple[subprocess.Popen, str]:
    for n in range(180, 220):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            break
        time.sleep(0.05)
    return server, f":{n}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument(
        "--scenario", type=Path, default=REPO / "scenarios/en/pharmacy-exhausted-parent.yaml"
    )
    args = parser.parse_args()
    server, display = start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="holdline-idle-"))
    os.environ.update({
        "DISPLAY": display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "disk",
        "SDL_DISKAUDIOFILE": str(tmp / "speaker.raw"), "HOLDLINE_TTS_CACHE": str(tmp / "tts"),
        "HOLDLINE_CONFIG": str(tmp / "settings.json"), "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    })  # fmt: skip
    try:
        from simulator.ui.app import App, AppConfig
        from simulator.ui.scenes import ConversationScene, first_scene

        config = AppConfig(scenario_path=args.scenario, trainee="bench", typed=True,
                           sessions=tmp / "sessions", size=(1280, 720))  # fmt: skip
        app = App(config)
        app.switch(first_scene(app))
        app.scene.start()  # type: ignore[union-attr]
        deadline = time.monotonic() + 120
        while not (isinstance(app.scene, ConversationScene) and app.scene.c.state != "loading"):
            app.step()
            if time.monotonic() > deadline:
                raise SystemExit("the conversation did not start")
        c = app.scene.c
        first = len(app.frame_times)
        t0 = time.perf_counter()
        cpu_ms: list[float] = []  # main-thread CPU per frame: the work, without preemption
        while c.state == "client_speaking" and time.monotonic() < deadline:
            before = time.thread_time()
            app.step()
            cpu_ms.append((time.thread_time() - before) * 1000)
        speaking_s = time.perf_counter() - t0
        speaking = [
            t * 1000
            for t, s in zip(app.frame_times[first:], app.frame_states[first:], strict=True)
            if s == "client_speaking"
        ]
        while c.state != "your_turn" and time.monotonic() < deadline:
            app.step()
        settle = time.perf_counter() + 3  # the next lines' speech is rendered ahead meanwhile
        while time.perf_counter() < settle:
            app.step()
        cpu0, wall0, frames0 = cpu_seconds(), time.perf_counter(), len(app.frame_times)
        while time.perf_counter() - wall0 < args.idle_seconds:
            app.step()
        idle_wall = time.perf_counter() - wall0
        idle_cpu = (cpu_seconds() - cpu0) / idle_wall * 100
        idle_frames = len(app.frame_times) - frames0
        app.scene.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    q = statistics.quantiles(speaking, n=20) if len(speaking) >= 20 else [0.0] * 19
    print(f"client speaking: {len(speaking)} frames in {speaking_s:.1f} s = "
          f"{len(speaking) / max(speaking_s, 1e-9):.1f} FPS; work per frame p50 "
          f"{statistics.median(speaking):.1f} ms, p95 {q[18]:.1f} ms, "
          f"max {max(speaking):.1f} ms")  # fmt: skip
    cq = statistics.quantiles(cpu_ms, n=20) if len(cpu_ms) >= 20 else [0.0] * 19
    print(f"  main-thread CPU per frame (excludes waiting for a busy machine's cores): p50 "
          f"{statistics.median(cpu_ms):.1f} ms, p95 {cq[18]:.1f} ms")  # fmt: skip
    print(f"idle at 'Your turn': {idle_cpu:.1f} % of one core over {idle_wall:.1f} s "
          f"({idle_frames} redraws, {idle_frames / idle_wall:.1f} per s)")  # fmt: skip
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = idle_cpu <= 5.0 and q[18] < 20.0 and len(speaking) / max(speaking_s, 1e-9) >= 55
    print("targets met" if ok else "TARGETS MISSED (idle <= 5 %, p95 < 20 ms, 60 FPS)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
