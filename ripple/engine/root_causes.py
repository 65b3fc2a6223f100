"""Recurring problems: the root causes behind a department's defects and lost time.

Each department has named problems (from the scenario, or one default). A problem is hidden
until something brings it to light: its internal customer naming it when asked, a manager's
visit, or the trace of harm to external customers leading back to it. Only a known problem
can be fixed, and a fixed one is gone for good. Firefighting relieves a problem's symptoms
whatever is known, but the relief fades and the problem comes back.
"""

from __future__ import annotations

import numpy as np

from ripple.engine.kept import read_only
from ripple.engine.rules import DEFAULT_PROBLEM_SHARE, RELIEF_KEEP, TRACE_FINDS
from ripple.scenario.model import Department, RecurringProblem

DEFAULT_NAME = "Recurring mistakes"
"""What a department's default problem is called, when the scenario names none."""

ASKED, VISITED, TRACED = "asked", "visited", "traced"
"""How a problem came to light: its internal customer named it, a manager saw it, or the
trace of harm to customers led to it."""


def problems_of(department: Department) -> list[RecurringProblem]:
    """The department's recurring problems: the scenario's, or one making half its defects."""
    if department.problems is not None:
        return list(department.problems)
    defects = DEFAULT_PROBLEM_SHARE * (1.0 - department.quality)
    if defects <= 0.0:
        return []
    return [RecurringProblem(id="recurring", name=DEFAULT_NAME, defects=defects)]


class Problems:
    """Every department's recurring problems, one array element per problem, grouped by
    department in id order."""

    def __init__(self, ordered: list[Department]) -> None:
        rows = [(d, p) for d, department in enumerate(ordered) for p in problems_of(department)]
        n = len(rows)
        self.departments = len(ordered)
        self.department = np.array([d for d, _ in rows], dtype=np.int64)
        self.ids = [p.id for _, p in rows]
        self.names = [p.name for _, p in rows]
        self.defects = np.array([p.defects for _, p in rows], dtype=float)
        self.delay = np.array([p.delay for _, p in rows], dtype=float)
        self.known = np.zeros(n, dtype=bool)
        self.how = [""] * n
        self.known_turn = np.zeros(n, dtype=np.int64)
        self.fixing = np.zeros(n, dtype=np.int64)
        """The turn a problem being fixed is gone from (0: nobody is fixing it)."""
        self.under_way: list[int] = []
        """The problems being fixed and not fixed yet, in the order their fixes started."""
        self.fixed = np.zeros(n, dtype=bool)
        self.relief = np.zeros(n)
        self.trace_at = np.full(len(ordered), TRACE_FINDS)
        """Per department, the weight of harm traced to it at which the trace brings its next
        hidden problem to light: each `TRACE_FINDS` more brings one more (infinite once none
        is hidden there)."""
        self._of = [(self.department == d).nonzero()[0] for d in range(len(ordered))]
        read_only(*self._of)

    def __len__(self) -> int:
        return len(self.ids)

    def of(self, department: int) -> np.ndarray:
        """Indices of one department's problems, in scenario order."""
        return self._of[department]

    def loads(self) -> tuple[np.ndarray, np.ndarray]:
        """Per department, the defect chance its unfixed problems add and the share of
        capacity they eat (at most 0.9), after any relief."""
        left = np.where(self.fixed, 0.0, 1.0 - self.relief)
        size = self.departments
        defects = np.bincount(self.department, weights=self.defects * left, minlength=size)
        delay = np.bincount(self.department, weights=self.delay * left, minlength=size)
        return defects, np.minimum(0.9, delay)

    def weight(self, index: int) -> float:
        """How much harm a problem does: its defect chance plus the capacity it eats."""
        return float(self.defects[index] + self.delay[index])

    def worst(self, department: int, *, known: bool, kind: str = "") -> int | None:
        """The department's most harmful unfixed problem that is (or is not) known and not
        being fixed already, or None; of one `kind` only ('defects' or 'delay') if given."""
        found = [
            int(i)
            for i in self.of(department)
            if not self.fixed[i]
            and not self.fixing[i]
            and self.known[i] == known
            and (not kind or getattr(self, kind)[i] > 0)
        ]
        return max(found, key=lambda i: (self.weight(i), -i)) if found else None

    def bring_to_light(
        self, department: int, how: str, turn: int, *, every: bool, kind: str = ""
    ) -> list[int]:
        """Make the department's hidden problems known (the worst one, or `every` one, of
        one `kind` if given); returns the problems that came to light, worst first."""
        found = []
        while (index := self.worst(department, known=False, kind=kind)) is not None:
            self.known[index] = True
            self.how[index] = how
            self.known_turn[index] = turn
            found.append(index)
            if not every:
                break
        return found

    def start_fix(self, department: int, done: int) -> int | None:
        """Start fixing the department's worst known problem, gone from turn `done`;
        returns the problem, or None when no known problem is left to fix."""
        index = self.worst(department, known=True)
        if index is not None:
            self.fixing[index] = done
            self.under_way.append(index)
        return index

    def finish_fixes(self, turn: int) -> list[int]:
        """Problems whose fix is done by `turn`: gone for good. Returns them, in order."""
        if not self.under_way:
            return []
        done = sorted(p for p in self.under_way if self.fixing[p] <= turn)
        if done:
            self.fixed[done] = True
            self.under_way = [p for p in self.under_way if not self.fixed[p]]
        return done

    def relieve(self, department: int, share: float) -> None:
        """Firefight: relieve the symptoms of the department's unfixed problems."""
        mine = self.of(department)
        self.relief[mine] = np.maximum(self.relief[mine], share)

    def fade_relief(self) -> None:
        """A turn later, the symptoms are partly back."""
        if np.count_nonzero(self.relief):
            self.relief *= RELIEF_KEEP
            self.relief[self.relief < 1e-3] = 0.0
