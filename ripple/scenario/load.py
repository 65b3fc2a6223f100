"""Loading scenario files: every problem at once, each at its line and column, never a traceback.

`check_file` is what `ripple validate` prints; `load_scenario` is what the game plays.
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from ripple.scenario.check import check_meaning
from ripple.scenario.check_session import TextWidth
from ripple.scenario.model import Scenario
from ripple.scenario.problems import Problem, ScenarioError
from ripple.scenario.spelling import did_you_mean
from ripple.scenario.yamlsafe import Document, Location, Position, position_of, read_yaml

MAX_BYTES = 2 * 1024 * 1024
BOM = "\ufeff"
UNCHECKED_MESSAGE = "this file could not be checked"
NOT_A_FILE_MESSAGE = (
    "this is a device, a pipe or a socket, not a file; a scenario is a YAML text file"
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
EMPTY_MESSAGE = (
    "the file is empty; a scenario needs at least title, turns, departments and customers"
)


def check_file(path: str | Path, measure: TextWidth | None = None) -> list[Problem]:
    """Every error and warning in a scenario file, sorted by line and column; `measure` is how
    wide text is on the play screen (names are counted in characters without it)."""
    return _inspect_file(path, measure=measure)[1]


def check_text(
    text: str, path: str = "<scenario>", measure: TextWidth | None = None
) -> list[Problem]:
    """Every error and warning in scenario text; `path` names it in the problems."""
    return _inspect(text, path, measure=measure)[1]


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in a file, ready to play; raises ScenarioError listing every error.

    Loading looks for errors only: the checks that can only warn (names measured against
    the screen, say) are left to `check_file`, so playing starts quickly.
    """
    return _playable(*_inspect_file(path, warnings=False))


def load_text(text: str, path: str = "<scenario>") -> Scenario:
    """The scenario written in `text`; raises ScenarioError listing every error."""
    return _playable(*_inspect(text, path, warnings=False))


def scenario_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes, so a saved game can tell its scenario was changed."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _playable(scenario: Scenario | None, problems: list[Problem]) -> Scenario:
    errors = [problem for problem in problems if problem.is_error]
    if scenario is None or errors:
        raise ScenarioError(errors)
    return scenario


def _inspect_file(
    path: str | Path, *, warnings: bool = True, measure: TextWidth | None = None
) -> tuple[Scenario | None, list[Problem]]:
    name = str(path)
    text, problem = read_text(Path(path))
    if text is None:
        return None, [problem] if problem else []
    return _inspect(text, name, warnings=warnings, measure=measure)


def read_text(path: Path) -> tuple[str | None, Problem | None]:
    """The text of a scenario file, or the one problem that stops it from being read."""
    name = str(path)

    def refuse(message: str, line: int = 1, column: int = 1) -> tuple[None, Problem]:
        return None, Problem(name, line, column, "error", message)

    try:
        if path.is_dir():
            return refuse("this is a folder, not a scenario file")
        # Opened without waiting, so a pipe with no writer cannot hold `validate` forever.
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return refuse(NOT_A_FILE_MESSAGE)
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return refuse("there is no such file")
    except (OSError, ValueError) as error:
        return refuse(f"the file cannot be read: {getattr(error, 'strerror', None) or error}")
    if len(data) > MAX_BYTES:
        return refuse(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; is it a scenario?")
    zero = data.find(b"\0")
    if zero >= 0:
        line, column = _byte_position(data, zero)
        return refuse(
            "this is not a text file (it contains a zero byte); a scenario is "
            "YAML text saved as UTF-8",
            line,
            column,
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        return refuse("this is not UTF-8 text; save the file as UTF-8", line, column)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset].decode("utf-8", errors="replace")
    return position_of(before, len(before))


def _inspect(
    text: str, filename: str, *, warnings: bool = True, measure: TextWidth | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """The scenario (None if it has errors) and every problem, sorted by line and column."""
    if len(text) > MAX_BYTES:
        message = f"the text is longer than {MAX_BYTES} characters; is it a scenario?"
        return None, [Problem(filename, 1, 1, "error", message)]
    try:
        return _examine(text, filename, warnings, measure)
    except Exception as error:  # a facilitator in front of a room must never see a traceback
        message = f"{UNCHECKED_MESSAGE} ({type(error).__name__}: {error}); please report it"
        return None, [Problem(filename, 1, 1, "error", message)]


def _examine(
    text: str, filename: str, warnings: bool = True, measure: TextWidth | None = None
) -> tuple[Scenario | None, list[Problem]]:
    document, problems = read_yaml(text.removeprefix(BOM), filename)
    if document is None or document.data is None:
        if not problems:
            problems.append(Problem(filename, 1, 1, "error", EMPTY_MESSAGE))
        return None, problems
    if not isinstance(document.data, dict):
        line, column = document.value_at(())
        problems.append(Problem(filename, line, column, "error", _not_a_mapping(document.data)))
        return None, problems
    scenario, shape_problems = _validate(document, filename)
    problems.extend(shape_problems)
    problems.extend(check_meaning(scenario, document, filename, warnings=warnings, measure=measure))
    problems = sorted(set(problems), key=lambda p: (p.line, p.column, p.severity, p.message))
    has_errors = any(problem.is_error for problem in problems)
    return (None if has_errors else scenario), problems


def _not_a_mapping(data: object) -> str:
    found = "a list" if isinstance(data, list) else f"the single value {data!r}"
    return f"the top level of a scenario must be keys such as 'title:' and 'turns:', not {found}"


def _validate(document: Document, filename: str) -> tuple[Scenario | None, list[Problem]]:
    """The typed scenario, or None and a problem for every value that does not fit the model."""
    try:
        return Scenario.model_validate(document.data), []
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            described = describe_error(document, detail)
            if described is not None:
                (line, column), message = described
                problems.append(Problem(filename, line, column, "error", message))
        return None, problems


# From pydantic's errors to a facilitator's words -------------------------------------------

_ID_WORDS = "a short name: letters, digits, '_' or '-', starting with a letter, at most 40 long"


def describe_error(document: Document, error: ErrorDetails) -> tuple[Position, str] | None:
    """Where a validation error is and what to say about it; None if already reported."""
    loc: Location = tuple(error["loc"])
    if document.already_reported(loc):
        return None
    kind = error["type"]
    if kind == "missing":
        owner = loc[:-1]
        return document.value_at(owner), f"{document.describe(owner)} is missing '{loc[-1]}'"
    if kind == "extra_forbidden":
        owner, key = loc[:-1], str(loc[-1])
        inside = f" in {document.describe(owner)}" if owner else ""
        hint = did_you_mean(key, _keys_of(_expected_at(owner)[0]))
        return document.key_at(loc), f"unknown key '{key}'{inside}{hint}"
    subject = document.describe(loc)
    if kind == "value_error":
        reason = str(error["msg"]).removeprefix("Value error, ")
        return document.value_at(loc), f"{subject}: {reason}"
    annotation, constraints = _expected_at(loc)
    expected = _expectation(annotation, constraints, over_the_top=kind == "less_than_equal")
    value = error.get("input")
    message = f"{subject} must be {expected}, not {_shown(value)}"
    if value is None:
        message = f"{subject} is empty; it must be {expected}"
    elif isinstance(value, bool | int | float) and annotation is str:
        message += "; put it in quotes to use it as text"
    elif kind == "literal_error" and isinstance(value, str):
        message += did_you_mean(value, get_args(annotation))
    return document.value_at(loc), message


def _expected_at(loc: Location) -> tuple[Any, list[Any]]:
    """The type the model expects at `loc`, and its constraints (bounds, lengths, pattern)."""
    annotation, constraints = _unwrap(Scenario, [])
    for part in loc:
        if isinstance(part, str) and _is_model(annotation):
            info = _fields_of(annotation).get(part)
            if info is None:
                return None, []
            annotation, constraints = _unwrap(info.annotation, list(info.metadata))
        elif isinstance(part, int) and get_origin(annotation) in (list, tuple):
            items = get_args(annotation)
            annotation, constraints = _unwrap(items[min(part, len(items) - 1)], [])
        else:
            return None, []
    return annotation, constraints


def _unwrap(annotation: Any, constraints: list[Any]) -> tuple[Any, list[Any]]:
    """Strip `Annotated[...]` (keeping its constraints) and `| None` from an annotation."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *extra = get_args(annotation)
            for item in extra:
                constraints.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        elif get_origin(annotation) in (Union, UnionType):
            options = [option for option in get_args(annotation) if option is not type(None)]
            if len(options) != 1:
                return annotation, constraints
            annotation = options[0]
        else:
            return annotation, constraints


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _fields_of(model: type[BaseModel]) -> dict[str, FieldInfo]:
    fields = dict(model.model_fields)
    fields.update({info.alias: info for info in model.model_fields.values() if info.alias})
    return fields


def _keys_of(model: Any) -> list[str]:
    """The keys a mapping of this model may have, as written in files."""
    if not _is_model(model):
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _expectation(annotation: Any, constraints: list[Any], *, over_the_top: bool = False) -> str:
    """What a value must be, in words: 'a number from 0 to 1', 'a whole number of 1 or more'."""
    limits = {name: getattr(c, name) for c in constraints for name in _LIMITS if hasattr(c, name)}
    if annotation is bool:
        return "true or false"
    if annotation in (int, float):
        noun = "a whole number" if annotation is int else "a number"
        low, high = limits.get("ge"), limits.get("le")
        if over_the_top and high is not None and high >= 1_000_000:
            return f"{noun} of at most {_number(high)}"
        if low is not None and high is not None and high < 1_000_000:
            return f"{noun} from {_number(low)} to {_number(high)}"
        return f"{noun} of {_number(low)} or more" if low is not None else noun
    if annotation is str:
        if limits.get("pattern"):
            return _ID_WORDS
        if limits.get("max_length"):
            return f"text of {limits.get('min_length') or 0} to {limits['max_length']} characters"
        return "text"
    if get_origin(annotation) is Literal:
        options = [f"'{option}'" for option in get_args(annotation)]
        return "one of " + ", ".join(options[:-1]) + " or " + options[-1]
    if get_origin(annotation) is tuple:
        return "a pair of numbers such as [0.5, 0.2]"
    if get_origin(annotation) is list:
        least = limits.get("min_length")
        return f"a list of at least {least}" if least else "a list"
    if _is_model(annotation):
        return "keys such as " + ", ".join(_keys_of(annotation)[:3])
    return "something else"


_LIMITS = ("ge", "le", "min_length", "max_length", "pattern")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _shown(value: Any) -> str:
    """A value as a message quotes it: 'forty', 2.5, true, a list of 3."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, int | float):
        text = str(value)
        return text if len(text) <= 20 else text[:17] + "..."
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dict):
        return "keys"
    return "something else"
