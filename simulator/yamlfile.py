"""Safe YAML loading with `path:line:col: field: problem` errors (scenarios, plans, rubrics).

The bottom of the package: it imports nothing from simulator/ but errors, so scenario/ and
scoring/ can both use it.

Only what `yaml.safe_load` accepts, and less: one document, UTF-8, a size cap, a nesting-depth
cap, an alias-expansion cap, no merge keys, and duplicate keys are errors. Every value keeps the
line and column it came from, so errors found later (by the pydantic model or the linter) still
point at the right place in the file.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from simulator.errors import InputError

MAX_BYTES = 512 * 1024
MAX_DEPTH = 32
MAX_ALIASES = 100
MAX_VALUES = 20_000  # the largest shipped file (a rubric) has about 1,200

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE_TAGS = frozenset(yaml.SafeLoader.yaml_constructors) - {None}
_MERGE_TAG = "tag:yaml.org,2002:merge"

# What YAML does not allow in a file (its "printable" set, inverted); tab, LF and CR are fine.
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One finding in one file; `str()` is the one-line form users see."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        if self.severity == "warning":
            return f"{where}: warning: {self.field}: {self.message}"
        return f"{where}: {self.field}: {self.message}"


class ValidationFailed(InputError):
    """A file has errors; each is one self-contained line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class LoadedYaml:
    """Plain data from a YAML file plus where every value and key stood in it."""

    path: Path
    data: Any
    sha256: str = ""  # of the bytes read, so a record names exactly the version played
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def mark(self, loc: Iterable[str | int], key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `loc`, or of its nearest known parent."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.value_marks and loc:
            loc = loc[:-1]
        return self.value_marks.get(loc, (1, 1))

    def problem(
        self, loc: Loc, message: str, severity: str = "error", key: bool = False
    ) -> Problem:
        line, col = self.mark(loc, key=key)
        return Problem(str(self.path), line, col, format_loc(loc), message, severity)


def format_loc(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top)"


def _fail(path: Path, line: int, col: int, fieldname: str, message: str) -> ValidationFailed:
    return ValidationFailed([Problem(str(path), line, col, fieldname, message)])


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def read_text(path: Path) -> str:
    """The file's text, or a one-line error for what is not a readable, small UTF-8 file."""
    return _read(path)[1]


def _read(path: Path) -> tuple[bytes, str]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise _fail(path, 1, 1, "file", "is a directory, not a YAML file") from None
    except FileNotFoundError:
        raise _fail(path, 1, 1, "file", "no such file") from None
    except OSError as exc:
        raise _fail(path, 1, 1, "file", f"cannot be read: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(path, 1, 1, "file", f"is larger than {MAX_BYTES // 1024} KiB")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise _fail(path, line, col, "file", "contains a NUL byte: this is not a text file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise _fail(
            path, line, col, "file", f"is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = f"U+{ord(bad.group()):04X}"
        raise _fail(path, line, col, "file", f"contains the control character {code}")
    return raw, text


def _yaml_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> ValidationFailed:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    lines = text.splitlines()
    bad_char = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
    if bad_char == "\t" or "\\t" in problem:
        problem = "a tab character is not allowed here; indent with spaces"
    elif "nesting depth" in problem:
        problem = f"nested deeper than {MAX_DEPTH} levels"
    elif exc.context and exc.problem:
        problem = f"{problem} ({exc.context})"
    return _fail(path, line, col, "yaml", problem)


def _check_events(path: Path, text: str) -> None:
    """Stream the events once (no recursion) to enforce depth, aliases, tags, documents."""
    depth = aliases = documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _fail(path, *where, "yaml", "only one YAML document per file (found '---')")
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail(path, *where, "yaml", f"nested deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _fail(path, *where, "yaml", f"more than {MAX_ALIASES} aliases (*name)")
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.NodeEvent) and tag and tag != "!":
            implicit = getattr(event, "implicit", None)
            explicit = not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
            if explicit and tag not in _SAFE_TAGS:
                short = tag.replace("tag:yaml.org,2002:", "!!")
                raise _fail(
                    path, *where, "yaml", f"tag '{short}' is not allowed; write plain values"
                )


class _Builder:
    """Turns composed nodes into plain Python data, recording marks and refusing duplicates."""

    def __init__(self, path: Path, loaded: LoadedYaml):
        self.path = path
        self.loaded = loaded
        self.values = 0
        self.scalars = yaml.SafeLoader("")  # only its scalar constructors are used

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self._error(node, (), f"more than {MAX_VALUES} values once aliases are expanded")
        if len(loc) > MAX_DEPTH:
            raise self._error(node, (), f"nested deeper than {MAX_DEPTH} levels")
        self.loaded.value_marks.setdefault(loc, self._where(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self._error(node, loc, str(exc).split("\n")[0]) from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise self._error(key_node, loc, "merge keys (<<) are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self._error(key_node, loc, "keys must be plain text")
            key = self.scalars.construct_object(key_node)
            if isinstance(key, (bytes, list, dict, set)) or key is None:
                raise self._error(key_node, loc, "keys must be plain text")
            key = key if isinstance(key, (str, int)) else str(key)
            child = (*loc, key)
            if key in out:
                first = self.loaded.key_marks[child]
                raise self._error(
                    key_node, child, f"duplicate key (first defined at line {first[0]})"
                )
            self.loaded.key_marks[child] = self._where(key_node)
            out[key] = self.build(value_node, child)
        return out

    def _error(self, node: yaml.Node, loc: Loc, message: str) -> ValidationFailed:
        field = format_loc(loc) if loc else "yaml"
        return _fail(self.path, *self._where(node), field, message)

    @staticmethod
    def _where(node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: str | Path) -> LoadedYaml:
    """Load one YAML file safely; raise ValidationFailed with `path:line:col` on any problem."""
    path = Path(path)
    raw, text = _read(path)
    try:
        _check_events(path, text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_problem(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise _fail(path, 1, 1, "yaml", str(exc).split("\n")[0]) from None
    loaded = LoadedYaml(path, None, hashlib.sha256(raw).hexdigest())
    if root is None:
        raise _fail(path, 1, 1, "file", "is empty")
    loaded.data = _Builder(path, loaded).build(root, ())
    return loaded


def _describe(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "null"}
    return names.get(type(value), type(value).__name__)


_FRIENDLY_PATTERNS = {
    r"^[a-z0-9][a-z0-9_-]*$": "must be lower-case letters, digits, '-' or '_' (an id)",
    r"^[a-z][a-z0-9_]*$": "must be a behaviour name: lower-case letters, digits and '_'",
}


def _message(error: dict[str, Any], known_fields: Iterable[str]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        close = difflib.get_close_matches(name, list(known_fields), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field '{name}'{hint}"
    if kind == "string_pattern_mismatch":
        return _FRIENDLY_PATTERNS.get(ctx.get("pattern", ""), error["msg"])
    if kind in ("model_type", "dict_type"):
        return f"expected a mapping of fields, found {_describe(error.get('input'))}"
    if kind == "list_type":
        return f"expected a list, found {_describe(error.get('input'))}"
    if kind == "string_type":
        return f"expected text, found {_describe(error.get('input'))}"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _all_field_names(model: type[BaseModel]) -> set[str]:
    names: set[str] = set()
    seen: set[type] = set()
    stack: list[type] = [model]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            names.add(name)
            for arg in _model_types(info.annotation):
                stack.append(arg)
    return names


def _model_types(annotation: Any) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_model_types(arg))
    return found


def validate(loaded: LoadedYaml, model: type[M]) -> M:
    """Validate loaded data against a pydantic model; errors carry the YAML positions."""
    if not isinstance(loaded.data, dict):
        found = _describe(loaded.data)
        raise _fail(loaded.path, 1, 1, "(top)", f"expected a mapping of fields, found {found}")
    try:
        return model.model_validate(loaded.data)
    except ValidationError as exc:
        known = _all_field_names(model)
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
            is_key = error["type"] == "extra_forbidden" or "[key]" in error["loc"]
            problems.append(loaded.problem(loc, _message(error, known), key=is_key))
        raise ValidationFailed(_unique(problems)) from None


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            out.append(problem)
    return out
