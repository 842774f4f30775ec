"""`holdline validate` and `holdline schema` as a user runs them: exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_holdline
from tests.scenario.conftest import PLAN, VALID

holdline = run_holdline


def test_valid_folder_exits_zero(write, workdir: Path) -> None:
    # the folder's rubric.yaml is a stand-in for the linter, so only the two files are checked
    result = holdline("validate", write("s.yaml", VALID), write("s.plan.yaml", PLAN))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "ok: checked 1 scenario, 1 plan, 0 rubrics: 0 errors, 0 warnings" in result.stderr


def test_every_kind_of_broken_file_gives_lines_and_exit_one(write, workdir: Path) -> None:
    broken = {
        "syntax.yaml": b"id: [\n",
        "binary.yaml": bytes(range(256)),
        "latin1.yaml": "title: café\n".encode("latin-1"),
        "tag.yaml": b"a: !!python/name:os.system\n",
        "empty.yaml": b"",
        "list.yaml": b"- a\n",
        "dup.yaml": b"a: 1\na: 2\n",
        "docs.yaml": b"a: 1\n---\na: 2\n",
        "types.yaml": VALID.replace("difficulty: 1", "difficulty: [1]").encode(),
    }
    for name, content in broken.items():
        write(name, content)
    result = holdline("validate", workdir)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in broken:
        assert any(line.startswith(f"{workdir / name}:") for line in lines), (name, lines)
    for line in lines:
        path, line_no, col, rest = line.split(":", 3)
        assert line_no.isdigit() and col.isdigit() and rest.strip(), line


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    result = holdline("validate", tmp_path / "nowhere")
    assert result.returncode == 1
    assert f"{tmp_path / 'nowhere'}: no such file or directory" in result.stderr


def test_warnings_alone_do_not_fail(write, workdir: Path) -> None:
    write("s.yaml", VALID.replace("espeak: en-gb", "espeak: xx-nowhere"))
    result = holdline("validate", workdir / "s.yaml")
    assert result.returncode == 0
    assert "warning: persona.voice.espeak" in result.stdout


def test_validate_changes_no_files(write, workdir: Path) -> None:
    write("bad.yaml", "id: [\n")
    before = {p: p.read_bytes() for p in workdir.iterdir()}
    holdline("validate", workdir)
    assert {p: p.read_bytes() for p in workdir.iterdir()} == before


def test_schema_to_stdout_and_file(tmp_path: Path) -> None:
    result = holdline("schema")
    assert result.returncode == 0
    assert '"title": "Holdline scenario"' in result.stdout
    out = tmp_path / "schema.json"
    assert holdline("schema", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8") == result.stdout
    unwritable = holdline("schema", "-o", tmp_path / "no" / "dir" / "x.json")
    assert unwritable.returncode == 1
    assert "cannot write" in unwritable.stderr and "Traceback" not in unwritable.stderr
