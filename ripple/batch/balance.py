"""Does a scenario teach? Many seeded games under the `silo` and `customer` policies, judged
on what the game is for:

1. the customer-minded player serves external customers clearly better: higher
   satisfaction and a higher on-time share, each gain beyond the run-to-run spread (larger
   than the standard deviation of that outcome over the silo games, and with a paired 95%
   interval that excludes 0);
2. under `silo`, the departments that look best on their own numbers (the work they
   finished against their planned capacity) are among the top root causes of customer harm.

`ripple balance` prints the table for every shipped scenario and writes docs/balance.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ripple.batch.runs import OUTCOMES, Difference, Progress, difference, play_batch, root_causes
from ripple.paths import SCENARIOS
from ripple.scenario.load import load_scenario

POLICIES = ("silo", "customer")
"""The two mindsets compared: the first is the baseline."""

LEADERS = 2
"""How many departments count as looking best on their own numbers."""

CAUSES = 3
"""How many of the top root causes of harm they must be among."""


@dataclass(frozen=True)
class Verdict:
    """How one scenario did over `runs` seeded games per policy."""

    path: Path
    title: str
    difficulty: str
    runs: int
    satisfaction: tuple[float, float]
    """Mean final satisfaction under silo, then customer."""
    on_time: tuple[float, float]
    """Mean on-time share under silo, then customer."""
    satisfaction_gain: Difference
    on_time_gain: Difference
    spread: tuple[float, float]
    """The run-to-run spread under silo: the standard deviation of satisfaction, on time."""
    wins: tuple[float, float]
    """Share of paired games (same seed) in which customer did better: satisfaction, on time."""
    leaders: tuple[str, ...]
    """Under silo: the departments best on their own numbers, best first."""
    causes: tuple[str, ...]
    """Under silo: the top root causes of harm to customers, biggest first."""

    @property
    def proud_harm(self) -> bool:
        """True when a department proud of its own numbers is a top root cause."""
        return bool(set(self.leaders) & set(self.causes))

    @property
    def beyond_spread(self) -> tuple[bool, bool]:
        """Whether the satisfaction and on-time gains are beyond the run-to-run spread."""
        return (
            _beyond(self.satisfaction_gain, self.spread[0], "satisfaction"),
            _beyond(self.on_time_gain, self.spread[1], "on_time_share"),
        )

    @property
    def teaches(self) -> bool:
        """All three: satisfaction and on-time share clearly better, and proud harm."""
        return all(self.beyond_spread) and self.proud_harm


def _beyond(gain: Difference, spread: float, outcome: str) -> bool:
    return gain.better(outcome) is True and gain.mean > spread


def teaching_scenarios() -> list[Path]:
    """The shipped scenarios to judge: all but guided ones (their steps script the play)."""
    return [p for p in sorted(SCENARIOS.glob("*.yaml")) if not load_scenario(p).tutorial]


def judge(
    path: Path,
    runs: int,
    *,
    jobs: int = 1,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Verdict:
    """Play `runs` games per policy of the scenario at `path` and judge them."""
    scenario = load_scenario(path)
    batch = play_batch(path, scenario, POLICIES, runs, seed=seed, jobs=jobs, progress=progress)
    silo, customer = (batch.outcomes[p] for p in POLICIES)
    sat, on_time = OUTCOMES.index("satisfaction"), OUTCOMES.index("on_time_share")
    own = batch.own["silo"].mean(axis=0)
    best = sorted(range(len(batch.departments)), key=lambda i: (-own[i], i))[:LEADERS]
    return Verdict(
        path=path,
        title=scenario.title,
        difficulty=scenario.difficulty,
        runs=runs,
        satisfaction=(float(silo[:, sat].mean()), float(customer[:, sat].mean())),
        on_time=(float(silo[:, on_time].mean()), float(customer[:, on_time].mean())),
        satisfaction_gain=difference(silo[:, sat], customer[:, sat]),
        on_time_gain=difference(silo[:, on_time], customer[:, on_time]),
        spread=(float(silo[:, sat].std(ddof=1)), float(silo[:, on_time].std(ddof=1))),
        wins=(
            float((customer[:, sat] > silo[:, sat]).mean()),
            float((customer[:, on_time] > silo[:, on_time]).mean()),
        ),
        leaders=tuple(batch.names[batch.departments[i]] for i in best),
        causes=tuple(c["name"] for c in root_causes(batch, "silo", top=CAUSES)),
    )


def _gain(found: Difference, spread: float, wins: float, beyond: bool) -> str:
    sign = "+" if found.mean >= 0 else "−"
    verdict = "beyond" if beyond else "**not beyond**"
    return (
        f"{sign}{abs(found.mean) * 100:.1f} pts, {verdict} the spread of "
        f"{spread * 100:.1f}; better in {wins:.0%} of games"
    )


HEADER = (
    "scenario",
    "difficulty",
    "satisfaction silo → customer",
    "gain",
    "on time silo → customer",
    "gain",
    "best on own numbers (silo)",
    "top root causes (silo)",
    "teaches",
)
"""The columns of the balance table."""


def table(verdicts: Sequence[Verdict]) -> list[str]:
    """The balance table in Markdown, one row per scenario."""
    rows = [
        (
            f"{v.title} (`{v.path.name}`)",
            v.difficulty,
            f"{v.satisfaction[0]:.1%} → {v.satisfaction[1]:.1%}",
            _gain(v.satisfaction_gain, v.spread[0], v.wins[0], v.beyond_spread[0]),
            f"{v.on_time[0]:.1%} → {v.on_time[1]:.1%}",
            _gain(v.on_time_gain, v.spread[1], v.wins[1], v.beyond_spread[1]),
            ", ".join(v.leaders),
            ", ".join(f"**{c}**" if c in v.leaders else c for c in v.causes),
            "yes" if v.teaches else "**no**",
        )
        for v in verdicts
    ]
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def page(verdicts: Sequence[Verdict], command: str) -> str:
    """docs/balance.md: how the table was made, what it means, and the table."""
    runs = verdicts[0].runs if verdicts else 0
    return "\n".join(
        [
            "# Balance: does each scenario teach?",
            "",
            f"Made by `{command}`: {runs:,} seeded games per scenario under each of the `silo` "
            "and `customer` policies, on the same seeds (so each pair of games is compared "
            "game by game). Regenerate it with the same command after changing a scenario.",
            "",
            "A scenario teaches when all three hold:",
            "",
            "1. **satisfaction**: the customer-minded player ends with higher external "
            "satisfaction, by more than the run-to-run spread (the standard deviation of "
            "satisfaction over the silo games), and the 95% interval of the paired difference "
            "excludes 0;",
            "2. **on time**: the same for the share of deliveries on time;",
            f"3. **proud harm**: under `silo`, one of the {LEADERS} departments that look best "
            "on their own numbers (work finished against planned capacity) is among the "
            f"{CAUSES} top root causes of harm to customers (shown in bold).",
            "",
            'Gains are in percentage points (pts), customer minus silo; "better in" is the '
            "share of paired games (same seed) the customer-minded player won.",
            "",
            *table(verdicts),
            "",
        ]
    )
