"""What is wrong with a scenario file, each thing at its place: `file:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
