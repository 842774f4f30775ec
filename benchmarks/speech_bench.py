"""Speech benchmark: TTS render time (cold and cached), recogniser RTF and final latency.

    python benchmarks/speech_bench.py [--model PATH|LANG] [--runs 3] [--json OUT.json]

TTS: renders a handful of client lines into an empty cache (cold: synthesis + WAV write; the
first line also pays the pyttsx3/espeak start-up, reported separately), then asks again
(cached: a hash and a file check).

STT: the real Vosk model (default: the Korean model from PyPI) on espeak-ng Korean speech.
  - rtf: processing time / audio time, speech fed in 100 ms chunks as fast as possible
    (wall clock, so other load on the machine counts; the CPU-time figure does not);
  - latency (hands-free): the full reply path, a WAV source paced in real time through the
    HandsFree endpointer (0.8 s pause) and ReplyListener; time from the last chunk to the
    final transcript (target: under 150 ms);
  - latency (cut): the speech alone, paced in real time and cut right after the last word
    (push-to-talk released with no pause), where Vosk's FinalResult() does the closing work.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from simulator.speech.audio import VOSK_FORMAT, convert_all, read_wav  # noqa: E402
from simulator.speech.endpoint import EndpointConfig, HandsFree  # noqa: E402
from simulator.speech.listen import ReplyListener, WavSource  # noqa: E402
from simulator.speech.models import resolve_model  # noqa: E402
from simulator.speech.stt import Recognizer, load_model  # noqa: E402
from simulator.speech.tts import TextToSpeech, VoiceSettings  # noqa: E402

EN_LINES = [
    "I have been waiting for an hour and nobody has called me back.",
    "You told me last week that this would be sorted out.",
    "I just want to talk to someone who actually listens.",
    "Can you promise me it will not happen again?",
    "Fine. What exactly are you going to do about it?",
]
KO_LINES = [
    "안녕하세요 저는 고객 서비스 담당자입니다 도와드릴까요",
    "고객 서비스 센터에 전화해 주셔서 감사합니다",
    "안녕하세요 서비스 문제로 전화드렸습니다",
]
CHUNK = 0.1  # seconds


def bench_tts(cache: Path) -> dict[str, object]:
    voice = VoiceSettings("en-gb", 175, 50, 0.9)
    cold: list[float] = []
    with TextToSpeech(cache) as tts:
        t0 = time.perf_counter()
        tts.render("Warm up.", voice)
        startup = time.perf_counter() - t0
        for line in EN_LINES:
            t0 = time.perf_counter()
            tts.render(line, voice, "angry")
            cold.append(time.perf_counter() - t0)
        cached: list[float] = []
        for line in EN_LINES:
            t0 = time.perf_counter()
            tts.render(line, voice, "angry")
            cached.append(time.perf_counter() - t0)
    return {
        "startup_first_line_s": round(startup, 4),
        "cold_median_s": round(statistics.median(cold), 4),
        "cold_max_s": round(max(cold), 4),
        "cached_median_ms": round(statistics.median(cached) * 1000, 3),
        "cached_max_ms": round(max(cached) * 1000, 3),
    }


def speech(cache: Path) -> list[tuple[Path, bytes]]:
    """Each line's WAV and its 16 kHz audio cut right after the last voiced frame."""
    out = []
    with TextToSpeech(cache) as tts:
        for line in KO_LINES:
            wav = tts.render(line, "ko")
            pcm16 = convert_all(*read_wav(wav))
            ep = HandsFree(EndpointConfig(trailing_silence=0.8))
            step = VOSK_FORMAT.bytes_for(CHUNK)
            for i in range(0, len(pcm16) + VOSK_FORMAT.bytes_for(2.0), step):
                if ep.feed((pcm16 + b"\x00\x00" * 32000)[i : i + step]):
                    break
            assert ep.last_speech is not None
            out.append((wav, pcm16[: VOSK_FORMAT.bytes_for(ep.last_speech)]))
    return out


def cpu_rtf(model: object, pcm: bytes) -> float:
    """CPU seconds per audio second: what the recogniser costs on a core of its own."""
    step = VOSK_FORMAT.bytes_for(CHUNK)
    rec = Recognizer(model).start()
    c0 = time.process_time()
    for i in range(0, len(pcm), step):
        rec.feed(pcm[i : i + step])
    rec.final()
    return (time.process_time() - c0) / VOSK_FORMAT.seconds(len(pcm))


def run_once(model: object, pcm: bytes, paced: bool) -> tuple[float, float, str]:
    step = VOSK_FORMAT.bytes_for(CHUNK)
    chunks = [pcm[i : i + step] for i in range(0, len(pcm), step)]
    rec = Recognizer(model).start()
    t_start = time.perf_counter()
    arrived = t_start
    for k, chunk in enumerate(chunks):
        if paced:  # the chunk is available once its audio has been "spoken"
            arrived = t_start + (k + 1) * CHUNK
            delay = arrived - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        else:
            arrived = time.perf_counter()
        rec.feed(chunk)
    text = rec.final().text
    done = time.perf_counter()
    audio = VOSK_FORMAT.seconds(len(pcm))
    return (done - t_start) / audio, done - arrived, text


def run_pipeline(model: object, wav: Path) -> tuple[float, str]:
    """The real hands-free path: a real-time WAV source, HandsFree endpointer, ReplyListener."""
    source = WavSource(wav, realtime=True, tail=2.0)
    endpointer = HandsFree(EndpointConfig(trailing_silence=0.8), source.format)
    listener = ReplyListener(source, model, endpointer).start()
    t = listener.result(timeout=60)
    # from when the last chunk was due (a microphone would have delivered it), so a backlog
    # in the recogniser counts too
    return listener.finished_at - source.last_due, str(t.extra["finalised"])


def bench_stt(model_spec: str | None, runs: int, cache: Path) -> dict[str, object]:
    info = resolve_model(model_spec or "ko")
    t0 = time.perf_counter()
    model = load_model(info.path)
    load = time.perf_counter() - t0
    utterances = speech(cache)
    run_once(model, utterances[0][1], paced=False)  # warm caches
    rtfs, cpu_rtfs, latencies, cut_latencies, texts, how = [], [], [], [], [], []
    for _ in range(runs):
        for wav, cut in utterances:
            rtf, _, text = run_once(model, cut, paced=False)
            rtfs.append(rtf)
            cpu_rtfs.append(cpu_rtf(model, cut))
            texts.append(text)
            latency, finalised = run_pipeline(model, wav)
            latencies.append(latency)
            how.append(finalised)
            _, latency, _ = run_once(model, cut, paced=True)  # no pause: PTT released at once
            cut_latencies.append(latency)
    return {
        "model": info.name,
        "model_load_s": round(load, 3),
        "utterances": len(utterances),
        "runs": runs,
        "rtf_median": round(statistics.median(rtfs), 3),
        "rtf_max": round(max(rtfs), 3),
        "cpu_rtf_median": round(statistics.median(cpu_rtfs), 3),
        "latency_median_ms": round(statistics.median(latencies) * 1000, 1),
        "closed_during_pause": f"{how.count('endpoint')}/{len(how)}",
        "latency_max_ms": round(max(latencies) * 1000, 1),
        "latency_no_pause_median_ms": round(statistics.median(cut_latencies) * 1000, 1),
        "latency_no_pause_max_ms": round(max(cut_latencies) * 1000, 1),
        "sample_text": texts[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="model folder or language (default ko)")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--json", default=None, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result: dict[str, Any] = {
            "tts": bench_tts(Path(tmp) / "tts"),
            "stt": bench_stt(args.model, args.runs, Path(tmp) / "ko"),
        }
    tts: dict[str, Any] = result["tts"]
    stt: dict[str, Any] = result["stt"]
    print(f"TTS  first line (engine start-up + render): {tts['startup_first_line_s']:.3f} s")
    print(
        f"TTS  cold render per line: median {tts['cold_median_s']:.3f} s, "
        f"max {tts['cold_max_s']:.3f} s"
    )
    print(
        f"TTS  cached line: median {tts['cached_median_ms']:.2f} ms, "
        f"max {tts['cached_max_ms']:.2f} ms"
    )
    print(f"STT  model {stt['model']} loaded in {stt['model_load_s']:.2f} s")
    print(
        f"STT  real-time factor: median {stt['rtf_median']:.3f}, max {stt['rtf_max']:.3f} "
        f"(CPU time: {stt['cpu_rtf_median']:.3f}; load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"STT  last chunk -> final transcript: median {stt['latency_median_ms']:.0f} ms, "
        f"max {stt['latency_max_ms']:.0f} ms (target 150 ms; segment closed during the pause "
        f"in {stt['closed_during_pause']})"
    )
    print(
        "STT  ... audio cut right after the last word (push-to-talk release): median "
        f"{stt['latency_no_pause_median_ms']:.0f} ms, max {stt['latency_no_pause_max_ms']:.0f} ms"
    )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
