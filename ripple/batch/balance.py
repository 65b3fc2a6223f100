"""Does a scenario teach? Many seeded games of the customer-minded player (`customer`, the
reference) and of every player who reads nothing from the game, all on the same seeds,
judged on what the game is for:

1. customer beats every blind player on final external satisfaction and on on-time share,
   each by more than the run-to-run spread: over the paired games (same seed), the mean of
   customer's result minus the blind player's is more than `MARGIN` times its standard
   error (how far that mean would move were the check run again on other seeds), and
   customer does better in more paired games than it does worse;
2. under `silo`, the departments that look best on their own numbers (the work they
   finished against their planned capacity) are among the top root causes of customer harm.

`ripple balance` plays every shipped scenario but the tutorial in one pool of processes,
prints the tables below and writes docs/balance.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ripple.batch.runs import OUTCOMES, Batch, Lineup, Progress, play_lineups, root_causes
from ripple.engine import Game
from ripple.engine.policies import ONLY
from ripple.paths import SCENARIOS
from ripple.scenario.load import load_scenario
from ripple.scenario.model import Scenario

REFERENCE = "customer"
"""The player every scenario is judged by: it reads the ripples and serves customers."""

BLIND = ("none", "random", "priciest", "silo")
"""The players who read nothing from the game, on every scenario; each scenario adds one
`only:<id>` player per intervention on its menu."""

PROUD = "silo"
"""The blind player under whom departments proud of their own numbers are looked for."""

JUDGED = ("satisfaction", "on_time_share")
"""The outcomes customer must win, both higher when customers are better served."""

LABELS = {"satisfaction": "satisfaction", "on_time_share": "on time"}
"""How the tables name the judged outcomes."""

LEADERS = 2
"""How many departments count as looking best on their own numbers."""

MARGIN = 3.0
"""How many run-to-run spreads (standard errors) the mean gain must exceed: at 3, a check
run again on other seeds would agree about 999 times in 1,000."""

CAUSES = 3
"""How many of the top root causes of harm they must be among."""


def teaching_scenarios() -> list[Path]:
    """The shipped scenarios to judge: all but guided ones (their steps script the play)."""
    return [p for p in sorted(SCENARIOS.glob("*.yaml")) if not load_scenario(p).tutorial]


def blind_players(scenario: Scenario) -> tuple[str, ...]:
    """The players who read nothing, for this scenario: `BLIND`, then one player per
    intervention on its menu, in menu order."""
    return (*BLIND, *(f"{ONLY}{key}" for key in Game(scenario).menu.interventions))


def players(scenario: Scenario) -> tuple[str, ...]:
    """Everyone who plays the scenario's games: the reference first, then the blind."""
    return (REFERENCE, *blind_players(scenario))


@dataclass(frozen=True)
class Gain:
    """Customer's result minus a blind player's on one outcome, over paired games."""

    mean: float
    spread: float
    """The run-to-run spread of the mean gain: its standard error, the standard deviation
    of the paired differences over the square root of their number (infinite with a single
    game, which has no spread to judge by)."""
    won: float
    """The share of paired games in which customer did better."""
    lost: float
    """The share of paired games in which customer did worse."""

    @property
    def beyond_spread(self) -> bool:
        """True when the mean gain is beyond `MARGIN` spreads and customer does better in
        more games than it does worse."""
        return self.mean > MARGIN * self.spread and self.won > self.lost


def gain(reference: np.ndarray, blind: np.ndarray) -> Gain:
    """Customer's gain over a blind player, game by game on the same seeds."""
    paired = reference - blind
    n = len(paired)
    spread = float(np.std(paired, ddof=1)) / math.sqrt(n) if n > 1 else math.inf
    return Gain(
        float(np.mean(paired)), spread, float(np.mean(paired > 0)), float(np.mean(paired < 0))
    )


@dataclass(frozen=True)
class Rival:
    """A blind player's games set against customer's."""

    name: str
    means: dict[str, float]
    """The player's mean of each judged outcome."""
    gains: dict[str, Gain]
    """Customer's gain over the player on each judged outcome."""

    @property
    def beaten(self) -> bool:
        """True when customer's gain is beyond the spread on every judged outcome."""
        return all(found.beyond_spread for found in self.gains.values())


@dataclass(frozen=True)
class Verdict:
    """How one scenario did over `runs` seeded games per player."""

    path: Path
    title: str
    difficulty: str
    runs: int
    reference: dict[str, float]
    """Customer's mean of each judged outcome."""
    rivals: tuple[Rival, ...]
    """Every blind player, in the order of `blind_players`."""
    leaders: tuple[str, ...]
    """Under silo: the departments best on their own numbers, best first."""
    causes: tuple[str, ...]
    """Under silo: the top root causes of harm to customers, biggest first."""

    @property
    def proud_harm(self) -> bool:
        """True when a department proud of its own numbers is a top root cause."""
        return bool(set(self.leaders) & set(self.causes))

    def closest(self, outcome: str) -> Rival:
        """The blind player customer beats by the least on `outcome`: the smallest gain
        in spreads, then the smallest gain (the first in order among equals)."""
        return min(
            self.rivals, key=lambda r: (_in_spreads(r.gains[outcome]), r.gains[outcome].mean)
        )

    @property
    def teaches(self) -> bool:
        """Every blind player beaten on every judged outcome, and proud harm under silo."""
        return all(rival.beaten for rival in self.rivals) and self.proud_harm


def _in_spreads(found: Gain) -> float:
    """The mean gain in run-to-run spreads."""
    return found.mean / found.spread if found.spread > 0 else math.copysign(math.inf, found.mean)


def verdict(path: Path, scenario: Scenario, batch: Batch) -> Verdict:
    """Judge the games of a batch that `players(scenario)` played."""
    column = {outcome: OUTCOMES.index(outcome) for outcome in JUDGED}
    reference = batch.outcomes[REFERENCE]
    rivals = tuple(
        Rival(
            name=name,
            means={o: float(batch.outcomes[name][:, j].mean()) for o, j in column.items()},
            gains={o: gain(reference[:, j], batch.outcomes[name][:, j]) for o, j in column.items()},
        )
        for name in batch.policies
        if name != REFERENCE
    )
    own = batch.own[PROUD].mean(axis=0)
    best = sorted(range(len(batch.departments)), key=lambda i: (-own[i], i))[:LEADERS]
    return Verdict(
        path=path,
        title=scenario.title,
        difficulty=scenario.difficulty,
        runs=batch.runs,
        reference={o: float(reference[:, j].mean()) for o, j in column.items()},
        rivals=rivals,
        leaders=tuple(batch.names[batch.departments[i]] for i in best),
        causes=tuple(c["name"] for c in root_causes(batch, PROUD, top=CAUSES)),
    )


def judge(
    scenarios: Sequence[tuple[Path, Scenario]],
    runs: int,
    *,
    jobs: int = 1,
    seed: int | None = None,
    turns: int | None = None,
    progress: Progress | None = None,
) -> list[Verdict]:
    """Play `runs` games per player of each (path, loaded scenario) and judge them; all
    scenarios share one pool of `jobs` processes, and `progress` hears of the whole run."""
    lineups = [Lineup(scenario, players(scenario)) for _, scenario in scenarios]
    batches = play_lineups(lineups, runs, seed=seed, turns=turns, jobs=jobs, progress=progress)
    return [
        verdict(path, scenario, batch)
        for (path, scenario), batch in zip(scenarios, batches, strict=True)
    ]


def games(scenarios: Sequence[Scenario], runs: int) -> int:
    """How many games judging these scenarios plays."""
    return runs * sum(len(players(scenario)) for scenario in scenarios)


# --- the tables -----------------------------------------------------------------------------


def _markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _points(found: Gain) -> str:
    """'+21.5 pts (spread 0.12)', in bold when the gain is not beyond its spread."""
    points = round(found.mean * 100, 1)
    sign = "+" if points >= 0 else "−"  # a gain that rounds to 0 shows as +0.0
    text = f"{sign}{abs(points):.1f} pts (spread {found.spread * 100:.2f})"
    return text if found.beyond_spread else f"**{text}**"


def _closest(verdict: Verdict, outcome: str) -> str:
    rival = verdict.closest(outcome)
    return f"`{rival.name}`: {_points(rival.gains[outcome])}"


def _yes(value: bool) -> str:
    return "yes" if value else "**no**"


def _scenario(verdict: Verdict) -> str:
    return f"{verdict.title} (`{verdict.path.name}`)"


SUMMARY = (
    "scenario",
    "difficulty",
    "customer: satisfaction",
    "customer: on time",
    "closest: satisfaction",
    "closest: on time",
    "best on own numbers (silo)",
    "top root causes (silo)",
    "teaches",
)
"""The columns of the summary table, one row per scenario."""


def summary_table(verdicts: Sequence[Verdict]) -> list[str]:
    """One row per scenario: customer's results, the blind player closest to it on each
    outcome, proud harm under silo, and whether the scenario teaches."""
    rows = [
        (
            _scenario(v),
            v.difficulty,
            *(f"{v.reference[outcome]:.1%}" for outcome in JUDGED),
            *(_closest(v, outcome) for outcome in JUDGED),
            ", ".join(v.leaders),
            ", ".join(f"**{c}**" if c in v.leaders else c for c in v.causes),
            _yes(v.teaches),
        )
        for v in verdicts
    ]
    return _markdown(SUMMARY, rows)


PLAYERS = (
    "blind player",
    "satisfaction",
    "on time",
    "customer's gain: satisfaction",
    "customer's gain: on time",
    "beaten",
)
"""The columns of a scenario's table, one row per blind player."""


def player_table(verdict: Verdict) -> list[str]:
    """One row per blind player: its results, customer's gain over it on each outcome (with
    the spread and the share of games customer won), and whether customer beat it."""
    rows = [
        (
            f"`{rival.name}`",
            *(f"{rival.means[outcome]:.1%}" for outcome in JUDGED),
            *(
                f"{_points(rival.gains[outcome])}, won {rival.gains[outcome].won:.0%}, "
                f"lost {rival.gains[outcome].lost:.0%}"
                for outcome in JUDGED
            ),
            _yes(rival.beaten),
        )
        for rival in verdict.rivals
    ]
    return _markdown(PLAYERS, rows)


def details(verdicts: Sequence[Verdict]) -> list[str]:
    """Each scenario under its own heading: customer's results, then its blind players."""
    lines: list[str] = []
    for v in verdicts:
        customer = ", ".join(f"{LABELS[o]} {v.reference[o]:.1%}" for o in JUDGED)
        lines += [
            f"### {_scenario(v)}",
            "",
            f"`{REFERENCE}` (the reference): {customer}; {v.runs:,} games a player.",
            "",
            *player_table(v),
            "",
        ]
    return lines[:-1]


def table(verdicts: Sequence[Verdict]) -> list[str]:
    """The whole table in Markdown: the summary, then every blind player of each scenario."""
    return [*summary_table(verdicts), "", *details(verdicts)]


def page(verdicts: Sequence[Verdict], command: str) -> str:
    """docs/balance.md: how the table was made, what it means, and the whole table."""
    runs = verdicts[0].runs if verdicts else 0
    return "\n".join(
        [
            "# Balance: does each scenario teach?",
            "",
            f"Made by `{command}`. For every scenario it plays {runs:,} seeded games with the "
            f"customer-minded player (`{REFERENCE}`, the reference) and {runs:,} with each "
            "player who reads nothing from the game, all on the same seeds, so each blind "
            "player's game is set against customer's game of the same seed. Regenerate the "
            "page with the same command after changing a scenario or the rules.",
            "",
            "## The players who read nothing",
            "",
            "- `none` spends nothing: the organisation as it is;",
            "- `random` makes random choices the budget allows;",
            "- `priciest` buys the most expensive choice it can afford every turn;",
            "- `silo` lets every department spend on its own queue, blind to what its work "
            "does downstream;",
            "- `only:<id>` spends on one intervention of the scenario's menu every turn, on "
            "each of its targets in turn: one such player per intervention.",
            "",
            '## What "beyond the spread" means',
            "",
            "For one blind player and one outcome, take each pair of games (same seed) and "
            "subtract: customer's result minus the blind player's. The **gain** is the mean of "
            "those differences, in percentage points (pts). The **spread** is how far that "
            "mean would move from one run of this check to the next, on other seeds: its "
            "standard error (the standard deviation of the differences over the square root "
            f"of the number of games). Customer beats the player on that outcome when the "
            f"gain is more than {MARGIN:g} spreads, so a run on other seeds would agree about "
            "999 times in 1,000, and customer also does better in more paired games than it "
            'does worse. "Won" and "lost" are the shares of paired games in which customer '
            "did better and worse (the rest are ties). A gain in **bold** is not beyond its "
            "spread.",
            "",
            "## When a scenario teaches",
            "",
            "All three must hold:",
            "",
            "1. **satisfaction**: customer beats every blind player on final external "
            "customer satisfaction;",
            "2. **on time**: customer beats every blind player on the share of deliveries on time;",
            f"3. **proud harm**: under `{PROUD}`, one of the {LEADERS} departments that look "
            "best on their own numbers (work finished against planned capacity) is among the "
            f"{CAUSES} top root causes of harm to customers (shown in bold).",
            "",
            "The summary names, for each outcome, the blind player customer beats by the "
            "least (the smallest gain in spreads); the tables after it show every "
            "blind player.",
            "",
            "## Summary",
            "",
            *summary_table(verdicts),
            "",
            "## Every blind player",
            "",
            *details(verdicts),
            "",
        ]
    )
