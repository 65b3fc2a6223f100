"""What is wrong with a scenario file, each thing at its place: `file:line:col: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Characters that would break a message's one line or change how a terminal shows it:
# control characters (line ends, tabs, escapes), Unicode line and paragraph separators and
# the bidirectional overrides. A message quoting a value from the file shows them escaped.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with every unprintable character written as an escape: 'a\\nb' for a line end."""
    return _UNPRINTABLE.sub(
        lambda found: _ESCAPES.get(found.group(), found.group().encode("unicode_escape").decode()),
        text,
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One error or warning at a line and column (both counted from 1) of a scenario file.

    Errors stop a scenario from being played; warnings point at something the author
    probably did not mean but the game can still run.
    """

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        # One problem is one line, whatever text from the file its message quotes.
        object.__setattr__(self, "message", one_line(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        """True when this problem stops the scenario from being played."""
        return self.severity == "error"


class ScenarioError(Exception):
    """A scenario file that cannot be played, with every error found in it at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
