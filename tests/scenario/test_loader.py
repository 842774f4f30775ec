"""The safe loader: every malformed input gives `path:line:col: field: problem`, exact lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.playable import load_scenario
from simulator.yamlfile import MAX_BYTES, ValidationFailed, load_yaml


def error_of(path: Path) -> str:
    with pytest.raises(ValidationFailed) as caught:
        load_scenario(path)
    return str(caught.value)


def only_line(message: str) -> str:
    lines = message.splitlines()
    assert len(lines) == 1, message
    return lines[0]


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("id: a\ntitle: [unclosed\nlanguage: en\n", ":3:9:", "yaml: "),
        ("id: a\nnodes:\n\topening: {}\n", ":3:1:", "tab character"),
        ("id: a\ntitle: x\nid: b\n", ":3:1:", "id: duplicate key (first defined at line 1)"),
        ("id: a\n---\nid: b\n", ":2:1:", "only one YAML document"),
        ("id: !!python/object/apply:os.system ['true']\n", ":1:5:", "'!!python/object/apply"),
        ("base: &b {x: 1}\nmore:\n  <<: *b\n", ":3:3:", "merge keys"),
        ("a:\n" + "".join("  " * i + " k:\n" for i in range(1, 40)), ":33:", "deeper than 32"),
        ("a: " + "[" * 50 + "]" * 50 + "\n", ":1:", "deeper than 32"),
    ],
    ids=["syntax", "tab", "duplicate", "two-documents", "python-tag", "merge", "deep", "deep-flow"],
)
def test_yaml_level_errors_name_the_line(write, text: str, where: str, fragment: str) -> None:
    path = write("bad.yaml", text)
    message = only_line(error_of(path))
    assert message.startswith(str(path) + where), message
    assert fragment in message


def test_python_tags_are_never_executed(write, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write("evil.yaml", f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    error_of(path)
    assert not marker.exists()


def test_alias_bomb_is_refused(write) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    message = only_line(error_of(path))
    assert "once aliases are expanded" in message


def test_too_many_aliases(write) -> None:
    path = write("aliases.yaml", "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n")
    assert "more than 100 aliases" in only_line(error_of(path))


def test_small_aliases_are_fine(write) -> None:
    path = write("ok.yaml", "a: &a [1, 2]\nb: *a\n")
    assert load_yaml(path).data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    ("content", "where", "fragment"),
    [
        (b"", ":1:1:", "file: is empty"),
        (b"# only a comment\n", ":1:1:", "file: is empty"),
        (b"id: a\ntitle: caf\xe9\n", ":2:11:", "is not UTF-8 (byte 0xe9)"),
        (b"id: a\ntitle: x\x00y\n", ":2:9:", "NUL byte"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":3:1:", "NUL byte"),
        (b"\xff\xfe\xfa\xce junk", ":1:1:", "is not UTF-8"),
        (b"- one\n- two\n", ":1:1:", "(top): expected a mapping of fields, found a list"),
        (b"just a sentence\n", ":1:1:", "(top): expected a mapping of fields, found text"),
        (b"x" * (MAX_BYTES + 1), ":1:1:", "larger than 512 KiB"),
    ],
    ids=["empty", "comment-only", "latin1", "nul", "binary", "binary-no-nul", "list", "scalar",
         "huge"],
)  # fmt: skip
def test_file_level_errors(write, content: bytes, where: str, fragment: str) -> None:
    path = write("bad.yaml", content)
    message = only_line(error_of(path))
    assert message.startswith(str(path) + where), message
    assert fragment in message


def test_control_character_is_reported_with_position(write) -> None:
    path = write("ctl.yaml", b"id: a\ntitle: bell\x07here\n")
    message = only_line(error_of(path))
    assert message == f"{path}:2:12: file: contains the control character U+0007"


def test_utf8_bom_is_accepted(write, workdir: Path) -> None:
    from tests.scenario.conftest import VALID

    path = write("bom.yaml", b"\xef\xbb\xbf" + VALID.encode())
    assert load_scenario(path).id == "test-counter"


def test_directory_and_missing_file(workdir: Path) -> None:
    assert "is a directory" in error_of(workdir)
    assert "no such file" in error_of(workdir / "nope.yaml")
