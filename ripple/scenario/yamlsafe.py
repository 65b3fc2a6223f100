"""Safe YAML for scenario files: plain data, and the line and column of every key and value.

Only a safe subset of YAML gets through. Anchors and aliases, duplicate keys, several
documents and tags (`!!python/...`, `!custom`) are refused. Plain values are read the way
YAML 1.2 reads them, so YAML 1.1 surprises cannot slip in:

* only `true` and `false` (in any case) are booleans: `yes`, `no`, `on`, `off` stay text;
* numbers are decimal: `010` is ten, `0x1F`, `0o17` and `1_000` are text, and `1:20`
  (once read as 80 minutes) is text;
* `null`, `~` or nothing at all is empty; dates stay text.

The file is never turned into Python objects by YAML itself: the parser's events are read
one by one, so nothing in a file can run code or blow up memory through aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ripple.scenario.problems import Problem

_FAST_PARSER: Any
try:  # libyaml is about twenty times faster; the pure-Python parser gives the same events
    from yaml import _yaml

    _FAST_PARSER = _yaml.CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _FAST_PARSER = None

Location = tuple[str | int, ...]
Position = tuple[int, int]

MAX_DEPTH = 40  # a scenario nests five levels deep; anything far deeper is a broken file

_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", _STANDARD_TAG + "str", _STANDARD_TAG + "seq", _STANDARD_TAG + "map"}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NOT_A_NUMBER = re.compile(r"\.(nan|NaN|NAN)")

ALIAS_MESSAGE = "anchors and aliases (&name, *name) are not allowed in scenario files"


@dataclass
class Document:
    """A scenario file read as plain data, remembering where each key and value was written.

    A path is the way to a value from the top, such as ("departments", 2, "capacity"),
    with list items counted from 0 as Python counts them; messages count them from 1.
    """

    data: Any
    values: dict[Location, Position] = field(default_factory=dict)
    keys: dict[Location, Position] = field(default_factory=dict)
    reported: set[Location] = field(default_factory=set)

    def value_at(self, path: Location) -> Position:
        """Where the value at `path` was written, or its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            position = self.values.get(path[:end])
            if position is not None:
                return position
        return (1, 1)

    def key_at(self, path: Location) -> Position:
        """Where the key of the value at `path` was written (its value's place if none)."""
        return self.keys.get(path) or self.value_at(path)

    def lookup(self, path: Location) -> Any:
        """The plain value at `path`, or None when the file has nothing there."""
        value = self.data
        for part in path:
            in_list = isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
            if not (in_list or (isinstance(value, dict) and part in value)):
                return None
            value = value[part]
        return value

    def describe(self, path: Location) -> str:
        """How a message names the value at `path`: 'department 3 (intake): capacity'.

        List items are counted from 1, the way a facilitator counts them, and named by
        their id (or their hand-off) when they have one.
        """
        parts: list[str] = []
        keys: list[str] = []
        for end, part in enumerate(path, start=1):
            if not isinstance(part, int):
                keys.append(str(part))
                continue
            owner = keys.pop() if keys else ""
            parts.append(".".join([*keys, item_name(owner, part)]) + self._nickname(path[:end]))
            keys = []
        if keys:
            parts.append(".".join(keys))
        return ": ".join(parts) or "the scenario"

    def _nickname(self, path: Location) -> str:
        item = self.lookup(path)
        if not isinstance(item, dict):
            return ""
        if isinstance(item.get("id"), str):
            return f" ({item['id']})"
        if isinstance(item.get("from"), str) and isinstance(item.get("to"), str):
            return f" ({item['from']} -> {item['to']})"
        return ""

    def already_reported(self, path: Location) -> bool:
        """True when a problem was already reported at `path` or around it."""
        return any(path[:end] in self.reported for end in range(len(path) + 1))


# What one item of each list in a scenario is called in messages.
_ITEM_WORDS = {
    "departments": "department",
    "dependencies": "dependency",
    "customers": "customer",
    "interventions": "intervention",
    "events": "event",
    "schedule": "schedule entry",
    "route": "route step",
    "only": "only entry",
    "debrief": "debrief question",
    "tutorial": "tutorial step",
}


def item_name(key: str, index: int) -> str:
    """An item of list `key`, counted from 1: ('departments', 2) is 'department 3'."""
    word = _ITEM_WORDS.get(key, f"{key} entry" if key else "entry")
    return f"{word} {index + 1}"


def read_yaml(text: str, filename: str) -> tuple[Document | None, list[Problem]]:
    """Read YAML text into a Document, with the problems found on the way.

    The Document is None when the text is not YAML or holds no scenario at all.
    """
    problems: list[Problem] = []
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        line, column = position_of(text, error.start)
        message = "this text holds a character that is not valid Unicode; is it a scenario?"
        return None, [Problem(filename, line, column, "error", message)]
    try:
        document = _Reader(text, filename, problems).read()
    except yaml.YAMLError as error:
        problems.append(syntax_problem(error, text, filename))
        return None, problems
    return document, problems


def _parser(text: str) -> Any:
    if _FAST_PARSER is not None:
        return _FAST_PARSER(text)
    return yaml.SafeLoader(text)  # only its parser part is used: get_event / peek_event


class _TooDeep(Exception):
    """Raised to stop reading a file that nests deeper than MAX_DEPTH."""


class _Reader:
    """Turns parser events into plain data and positions, noting what is not allowed."""

    def __init__(self, text: str, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.parser = _parser(text)
        self.document = Document(data=None)
        self.problems = problems

    def read(self) -> Document | None:
        self.parser.get_event()  # stream start
        start = self.parser.get_event()
        if isinstance(start, StreamEndEvent):
            return None
        self._check_directives(start)
        try:
            self.document.data = self._node((), 0)
        except _TooDeep:
            return None
        self.parser.get_event()  # document end
        following = self.parser.get_event()
        if isinstance(following, DocumentStartEvent):
            message = "a scenario file holds one document; remove the second '---' and what follows"
            self._report(following, None, message)
        return self.document

    def _check_directives(self, start: Any) -> None:
        if getattr(start, "tags", None):
            self._report(start, None, "%TAG directives are not allowed in scenario files")

    def _report(self, event: Event, path: Location | None, message: str) -> None:
        self.problems.append(Problem(self.filename, *where(event), "error", message))
        if path is not None:
            self.document.reported.add(path)

    def _place(self, event: Event, path: Location | None) -> None:
        if path is not None:
            self.document.values[path] = where(event)

    def _node(self, path: Location | None, depth: int) -> Any:
        """Read one value; `path` is None for values that are read only to be skipped."""
        event = self.parser.get_event()
        self._place(event, path)
        if isinstance(event, AliasEvent):
            self._report(event, path, ALIAS_MESSAGE)
            return None
        if isinstance(event, NodeEvent) and event.anchor is not None:
            self._report(event, path, ALIAS_MESSAGE)
        if event.tag not in _ALLOWED_TAGS:
            self._report(
                event,
                path,
                f"the tag '{_short_tag(event.tag)}' is not allowed in "
                "scenario files; write plain values",
            )
            self._skip(event)
            return None
        if isinstance(event, ScalarEvent):
            return resolve(event)
        if depth >= MAX_DEPTH:
            # Reading on would cost the pure-Python parser time growing with the square of
            # the depth: a file 10,000 lists deep took minutes. One message is enough.
            self._report(event, path, f"lists and keys nest more than {MAX_DEPTH} levels deep")
            raise _TooDeep
        if isinstance(event, SequenceStartEvent):
            return self._sequence(path, depth)
        return self._mapping(path, depth)

    def _sequence(self, path: Location | None, depth: int) -> list[Any]:
        items: list[Any] = []
        while not self.parser.check_event(SequenceEndEvent):
            items.append(self._node(None if path is None else (*path, len(items)), depth + 1))
        self.parser.get_event()
        return items

    def _mapping(self, path: Location | None, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not self.parser.check_event(MappingEndEvent):
            key_event = self.parser.peek_event()
            key = self._key(path, depth)
            if key is None or path is None:
                self._node(None, depth + 1)
                continue
            if key in mapping:
                first_line = self.document.keys[(*path, key)][0]
                self._report(
                    key_event, None, f"key '{key}' appears twice (first at line {first_line})"
                )
                self._node(None, depth + 1)
                continue
            self.document.keys[(*path, key)] = where(key_event)
            mapping[key] = self._node((*path, key), depth + 1)
        self.parser.get_event()
        return mapping

    def _key(self, path: Location | None, depth: int) -> str | None:
        """A key as written in the file: always text, so `1:` and `no:` are keys '1' and 'no'."""
        event = self.parser.peek_event()
        if isinstance(event, ScalarEvent) and event.anchor is None and event.tag in _ALLOWED_TAGS:
            self.parser.get_event()
            return str(event.value)
        if isinstance(event, ScalarEvent | AliasEvent):
            self._node(None, depth + 1)  # reports the anchor, alias or tag
        else:
            self._report(event, path, "a key must be a plain name, not a list or a mapping")
            self._node(None, depth + 1)
        return None

    def _skip(self, event: Event) -> None:
        """Read past the rest of a list or mapping whose start was `event`."""
        level = 1 if isinstance(event, SequenceStartEvent | MappingStartEvent) else 0
        while level:
            following = self.parser.get_event()
            if isinstance(following, SequenceStartEvent | MappingStartEvent):
                level += 1
            elif isinstance(following, SequenceEndEvent | MappingEndEvent):
                level -= 1


def where(event: Event) -> Position:
    """Line and column (from 1) where an event starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def resolve(event: ScalarEvent) -> Any:
    """The value of a scalar: quoted and block text stays text; plain text may be a number."""
    text = event.value
    if not event.implicit[0] or event.tag is not None:
        return text
    if text in _NULL:
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        try:
            return int(text, 10)
        except ValueError:  # more digits than Python converts; it stays text
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    infinity = _INFINITY.fullmatch(text)
    if infinity:
        return float(f"{infinity.group(1)}inf")
    if _NOT_A_NUMBER.fullmatch(text):
        return float("nan")
    return text


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag


# What the parsers say, and what a facilitator needs to hear instead.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "a ':' is not allowed here; put the value in quotes if "
        "it contains ': ', otherwise check the indentation",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value' here; check the indentation and the ':' after each key",
    ),
    (
        "did not find expected key",
        "this line does not line up with the lines above it; check the indentation",
    ),
    (
        "expected <block end>",
        "this line does not line up with the lines above it; check the indentation",
    ),
    (
        "did not find expected '-'",
        "this line does not line up with the list above it; check the indentation",
    ),
    ("end of stream", "a quote or bracket opened here is never closed"),
    ("expected ',' or ']'", "a list opened with '[' here is not closed with ']'"),
    ("expected ',' or '}'", "a mapping opened with '{' here is not closed with '}'"),
    ("cannot start any token", "a value cannot start with this character; put it in quotes"),
    ("undefined tag handle", "tags are not allowed in scenario files; write plain values"),
    ("maximum nesting depth", f"lists and keys nest more than {MAX_DEPTH} levels deep"),
)


def syntax_problem(error: yaml.YAMLError, text: str, filename: str) -> Problem:
    """One problem for YAML that cannot be read, in words about indentation and quotes."""
    if isinstance(error, yaml.reader.ReaderError):
        line, column = position_of(text, error.position)
        return Problem(filename, line, column, "error", _bad_character(error.character))
    problem = str(getattr(error, "problem", "") or "")
    mark = getattr(error, "problem_mark", None)
    if "end of stream" in problem or mark is None:
        mark = getattr(error, "context_mark", None) or mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    tab = _tab_in_indentation(text, line)
    if tab is not None:
        return Problem(filename, *tab, "error", "a tab is used for indentation; indent with spaces")
    message = next((hint for words, hint in _SYNTAX_HINTS if words in problem), None)
    if message is None:
        message = f"this is not valid YAML ({problem or error}); check the indentation"
    return Problem(filename, line, column, "error", message)


def _bad_character(character: Any) -> str:
    code = ord(character) if isinstance(character, str) else int(character)
    return (
        f"the character #x{code:04x} is not allowed in a YAML file; is this really a scenario file?"
    )


def _tab_in_indentation(text: str, up_to_line: int) -> Position | None:
    """The last tab in a line's indentation, at or before line `up_to_line`."""
    lines = text.split("\n")[:up_to_line]
    for number in range(len(lines), 0, -1):
        indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
        if "\t" in indent:
            return (number, indent.index("\t") + 1)
    return None


def position_of(text: str, index: int) -> Position:
    """Line and column (from 1) of the character at `index` of `text`."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
