"""A JSON-lines file scored line by line, on every core the process may use.

Scoring is pure Python and each line stands alone, so a large file is cut into chunks of lines
dealt out in turn to forked worker processes (they share the loaded rubrics); the parent writes
each chunk's output in file order as it arrives. The result is the serial one byte for byte:
the same lines in the same order, and on a bad line the output of every line before it and
then that line's error. Small files, and systems without fork, are scored in this process.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from simulator.errors import HoldlineError, InputError

CHUNK = 250  # lines per chunk
PARALLEL_BYTES = 256_000  # smaller files are scored in this process (forking costs more)
MAX_WORKERS = 8

# score_line(line number, line) -> the output line ("" for a blank one); raises HoldlineError
ScoreLine = Callable[[int, str], str]


def workers_for(size: int) -> int:
    if not hasattr(os, "fork") or size < PARALLEL_BYTES:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def score_file(path: Path, handle: IO[str], score_line: ScoreLine, out: IO[str], workers: int,
               finish: Callable[[], None] = lambda: None) -> None:
    """Write score_line's output for every line of `handle` (open on `path`) to `out`, in
    order; `finish` runs once in each process that scored lines (the compiled-regex cache is
    saved there)."""
    if workers <= 1:
        try:
            for n, line in enumerate(handle, 1):
                out.write(score_line(n, line))
        finally:
            finish()
        return
    handle.close()  # (each worker reads the file itself: a shared offset would be shared)
    out.flush()
    sys.stderr.flush()
    children: list[tuple[int, IO[bytes]]] = []
    ended = False
    try:
        for k in range(workers):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(read_end)
                for _, other in children:
                    other.close()
                _work(path, score_line, k, workers, os.fdopen(write_end, "wb"), finish)
            os.close(write_end)
            children.append((pid, os.fdopen(read_end, "rb")))
        _collect([pipe for _, pipe in children], out)
        ended = True
    finally:
        for pid, pipe in children:
            if not ended:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            os.waitpid(pid, 0)
            pipe.close()


def _collect(pipes: list[IO[bytes]], out: IO[str]) -> None:
    """Chunk c comes from worker c % len(pipes): write each in turn until one says the file
    ended (or a line was bad)."""
    c = 0
    while True:
        kind, payload = _receive(pipes[c % len(pipes)])
        if kind == "end":
            return
        out.write(payload)
        if kind == "error":
            raise InputError(_receive(pipes[c % len(pipes)])[1])
        if kind == "crash":
            raise RuntimeError(f"a batch worker failed:\n{_receive(pipes[c % len(pipes)])[1]}")
        c += 1


def _work(path: Path, score_line: ScoreLine, k: int, workers: int, pipe: IO[bytes],
          finish: Callable[[], None]) -> None:
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
        with open(path, encoding="utf-8") as handle:
            for lines in _my_chunks(handle, k, workers):
                done: list[str] = []
                try:
                    for n, line in lines:
                        done.append(score_line(n, line))
                except HoldlineError as exc:
                    _send(pipe, "error", "".join(done))
                    _send(pipe, "message", str(exc))
                    return
                except Exception:  # noqa: BLE001 (reported by the parent)
                    _send(pipe, "crash", "".join(done))
                    _send(pipe, "message", traceback.format_exc())
                    return
                _send(pipe, "chunk", "".join(done))
        finish()  # (before "end": the parent waits for us once it has read that)
        _send(pipe, "end", "")
    except BaseException:  # a broken pipe: the parent has stopped
        code = 1
    finally:
        try:
            pipe.close()
        except OSError:
            code = 1
        os._exit(code)


def _my_chunks(handle: IO[str], k: int, workers: int) -> Iterable[list[tuple[int, str]]]:
    """Worker k's chunks: numbers k, k + workers, ... of CHUNK lines each."""
    chunk: list[tuple[int, str]] = []
    for n, line in enumerate(handle, 1):
        if ((n - 1) // CHUNK) % workers == k:
            chunk.append((n, line))
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _send(pipe: IO[bytes], kind: str, payload: str) -> None:
    body = marshal.dumps((kind, payload))
    pipe.write(len(body).to_bytes(8, "little") + body)
    pipe.flush()


def _receive(pipe: IO[bytes]) -> tuple[str, str]:
    head = pipe.read(8)
    if len(head) < 8:
        raise RuntimeError("a batch worker stopped without a word")
    kind, payload = marshal.loads(pipe.read(int.from_bytes(head, "little")))
    return kind, payload
