"""Many seeded games of a scenario or several, in parallel processes, summed up as distributions.

A facilitator balancing a scenario wants to know what usually happens, how widely games
differ, and whether one way of playing is really better than another or just luckier.
`play_batch` plays `runs` games per policy, every policy on the same seeds, so two policies
can be compared game by game (a paired comparison); `play_lineups` does the same for several
scenarios at once, in one pool of processes. The summaries below turn the games into
distributions, root causes and verdicts; `ripple.batch.report` writes them out.

Run k's seed is `SeedSequence(base).spawn(runs)[k]` turned into a 32-bit number: it depends
only on the base seed and k, so the first 100 games of a 1,000-game batch are the games of a
100-game batch, and the results are the same whatever the number of processes.
"""

from __future__ import annotations

import math
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ripple.engine import Game
from ripple.engine.figures import game_outcomes
from ripple.engine.state import KINDS
from ripple.report.record import play_out
from ripple.scenario.model import Scenario

OUTCOMES: tuple[str, ...] = (
    "satisfaction",
    "on_time_share",
    "late_share",
    "defective_share",
    "churn",
    "mean_lead_time",
    "complaints",
    "completed",
)
"""What each game is measured by, in the order of tables, CSV columns and JSON keys."""

HIGHER_IS_BETTER: dict[str, bool | None] = {
    "satisfaction": True,
    "on_time_share": True,
    "late_share": False,
    "defective_share": False,
    "churn": False,
    "mean_lead_time": False,
    "complaints": False,
    "completed": None,
}
"""Which way each outcome should move for customers to be better served. None: neither,
as completed work counts complaints handled (failure demand) as well as real demand."""

COUNTED = frozenset({"complaints", "completed"})
"""Outcomes that are whole numbers in a single game."""

Progress = Callable[[int, int], None]
"""Told (games done, games in all) as the batch goes."""

CHUNK = 25
"""The most games one task plays: enough to make sending the task worth it, few enough to
show progress and to leave no process with a long last task while the others wait."""


def seeds(base: int, runs: int) -> list[int]:
    """The seeds of runs 0 .. runs-1, derived from the scenario's (or the chosen) seed."""
    return [int(child.generate_state(1)[0]) for child in np.random.SeedSequence(base).spawn(runs)]


Measured = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Outcomes, harm per department and kind, and each department's own numbers."""


def measure(game: Game, departments: Sequence[str]) -> Measured:
    """A finished game's outcomes (in `OUTCOMES` order), its harm per department and kind,
    and each department's own numbers: the work it finished against its planned capacity
    over the game (what a department judged on its own throughput is proud of)."""
    got = game_outcomes(game)
    outcomes = np.array(
        [
            got.satisfaction,
            got.on_time,
            got.late,
            got.defective,
            got.churn,
            got.lead_time,
            float(got.complaints),
            float(got.completed),
        ]
    )
    index = {department: i for i, department in enumerate(departments)}
    harm = np.zeros((len(departments), len(KINDS)))
    for (department, kind), weight in game.attribution().items():
        harm[index[department], KINDS.index(kind)] += weight
    own = np.zeros(len(departments))
    for department, (done, capacity) in game.finished().items():
        planned = capacity * max(1, game.turn)
        own[index[department]] = done / planned if planned > 0 else 0.0
    return outcomes, harm, own


def play_games(
    scenario: Scenario, policy: str, run_seeds: Sequence[int], turns: int | None
) -> Measured:
    """One game per seed: outcomes (games x outcomes), harm (games x departments x kinds),
    own numbers (games x departments)."""
    departments = sorted(d.id for d in scenario.departments)
    outcomes = np.zeros((len(run_seeds), len(OUTCOMES)))
    harm = np.zeros((len(run_seeds), len(departments), len(KINDS)))
    own = np.zeros((len(run_seeds), len(departments)))
    for row, seed in enumerate(run_seeds):
        game = Game(scenario, seed, turns=turns, keep_snapshots=False, told=False)
        play_out(game, policy)
        outcomes[row], harm[row], own[row] = measure(game, departments)
    return outcomes, harm, own


_worker: dict[str, Any] = {}
"""What a pool process was handed once: the scenarios of the run and the turns to play."""


def _start_worker(scenarios: Sequence[Scenario], turns: int | None) -> None:
    # Ctrl-C reaches every process of the terminal; the main process alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["scenarios"] = scenarios
    _worker["turns"] = turns


def _play_in_worker(place: int, policy: str, run_seeds: Sequence[int]) -> Measured:
    return play_games(_worker["scenarios"][place], policy, run_seeds, _worker["turns"])


@dataclass(frozen=True)
class Batch:
    """The games of a batch: per policy, every game's outcomes and harm, in seed order."""

    title: str
    base_seed: int
    seeds: tuple[int, ...]
    policies: tuple[str, ...]
    departments: tuple[str, ...]
    names: dict[str, str]
    outcomes: dict[str, np.ndarray]
    harm: dict[str, np.ndarray]
    own: dict[str, np.ndarray]
    """Per policy, each game's own numbers per department (work finished / planned)."""

    @property
    def runs(self) -> int:
        """Games per policy."""
        return len(self.seeds)


@dataclass(frozen=True)
class Lineup:
    """One scenario of a run and the players who each play its batch of games."""

    scenario: Scenario
    policies: tuple[str, ...]


def chunks(runs: int, jobs: int, batches: int = 1) -> list[range]:
    """The runs of one policy split into tasks: with `batches` of `runs` games to share out,
    several tasks per process in all, each at most `CHUNK` games."""
    size = max(1, min(CHUNK, math.ceil(runs * batches / (8 * jobs))))
    return [range(start, min(start + size, runs)) for start in range(0, runs, size)]


Task = tuple[int, str, range]
"""A share of the work: the lineup's place, a policy, and the runs it plays."""


def _empty_batch(lineup: Lineup, base: int, runs: int) -> Batch:
    scenario = lineup.scenario
    departments = tuple(sorted(d.id for d in scenario.departments))
    return Batch(
        title=scenario.title,
        base_seed=base,
        seeds=tuple(seeds(base, runs)),
        policies=lineup.policies,
        departments=departments,
        names={d.id: d.name for d in scenario.departments},
        outcomes={p: np.zeros((runs, len(OUTCOMES))) for p in lineup.policies},
        harm={p: np.zeros((runs, len(departments), len(KINDS))) for p in lineup.policies},
        own={p: np.zeros((runs, len(departments))) for p in lineup.policies},
    )


def play_lineups(
    lineups: Sequence[Lineup],
    runs: int,
    *,
    seed: int | None = None,
    turns: int | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[Batch]:
    """Play `runs` games per policy of each lineup, every policy of a scenario on the same
    seeds; `jobs` > 1 plays them all in one pool of processes, so no process waits for a
    scenario's last games while another scenario's are still to play.

    `seed` replaces each scenario's own. The processes are handed the scenarios themselves,
    never their files, so a file edited while the games play changes nothing. The result
    does not depend on `jobs`.
    """
    batches = [
        _empty_batch(lineup, lineup.scenario.seed if seed is None else seed, runs)
        for lineup in lineups
    ]
    shared = sum(len(lineup.policies) for lineup in lineups)
    parts = chunks(runs, jobs, shared)
    tasks: list[Task] = [
        (place, policy, part)
        for place, lineup in enumerate(lineups)
        for policy in lineup.policies
        for part in parts
    ]
    total, done = runs * shared, 0

    def keep(task: Task, result: Measured) -> None:
        nonlocal done
        place, policy, part = task
        batch, rows = batches[place], slice(part.start, part.stop)
        batch.outcomes[policy][rows], batch.harm[policy][rows], batch.own[policy][rows] = result
        done += len(part)
        if progress is not None:
            progress(done, total)

    def seeds_of(task: Task) -> tuple[int, ...]:
        place, _, part = task
        return batches[place].seeds[part.start : part.stop]

    if jobs <= 1:
        for task in tasks:
            place, policy, _ = task
            keep(task, play_games(lineups[place].scenario, policy, seeds_of(task), turns))
        return batches
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)),
        initializer=_start_worker,
        initargs=(tuple(lineup.scenario for lineup in lineups), turns),
    )
    try:
        pending: dict[Future[Measured], Task] = {
            pool.submit(_play_in_worker, task[0], task[1], seeds_of(task)): task for task in tasks
        }
        for future in as_completed(pending):
            keep(pending[future], future.result())
    except BaseException:
        # Stopped (Ctrl-C) or failed: end the pool's processes rather than wait for
        # them; an orderly shutdown after an interrupt can wait forever.
        for process in set(multiprocessing.active_children()) - before:
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return batches


def play_batch(
    path: Path,
    scenario: Scenario,
    policies: Sequence[str],
    runs: int,
    *,
    seed: int | None = None,
    turns: int | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> Batch:
    """Play `runs` games per policy of one scenario on the same seeds; `jobs` > 1 plays
    them in processes.

    `scenario` is `path` loaded, and is what every process plays (`path` is not read
    again). The result does not depend on `jobs`.
    """
    (batch,) = play_lineups(
        [Lineup(scenario, tuple(policies))],
        runs,
        seed=seed,
        turns=turns,
        jobs=jobs,
        progress=progress,
    )
    return batch


def distribution(values: np.ndarray) -> dict[str, float]:
    """Mean, standard deviation and the 5th, 50th and 95th percentiles of some games."""
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return {
        "mean": round(float(np.mean(values)), 6),
        "sd": round(float(np.std(values, ddof=1)) if len(values) > 1 else 0.0, 6),
        "p5": round(float(p5), 6),
        "p50": round(float(p50), 6),
        "p95": round(float(p95), 6),
    }


@dataclass(frozen=True)
class Difference:
    """Policy B minus policy A on one outcome, paired game by game (same seeds)."""

    mean: float
    low: float
    high: float
    games: int

    @property
    def clear(self) -> bool:
        """True when the 95% interval excludes 0: the difference is clear of noise.

        One game alone has no spread to judge by, so its difference is never clear."""
        return self.games > 1 and (self.low > 0 or self.high < 0)

    def as_dict(self, outcome: str) -> dict[str, Any]:
        """The difference under the names of the JSON output."""
        return {
            "difference": round(self.mean, 6),
            "low": round(self.low, 6),
            "high": round(self.high, 6),
            "clear": self.clear,
            "better": self.better(outcome),
        }

    def better(self, outcome: str) -> bool | None:
        """True if clearly better for customers, False if clearly worse, else None."""
        direction = HIGHER_IS_BETTER[outcome]
        if not self.clear or direction is None:
            return None
        return (self.mean > 0) == direction


def difference(a: np.ndarray, b: np.ndarray) -> Difference:
    """B - A over paired games: the mean and its 95% interval (mean +- 1.96 sd / sqrt(N))."""
    paired = b - a
    mean = float(np.mean(paired))
    half = 1.96 * float(np.std(paired, ddof=1)) / math.sqrt(len(paired)) if len(paired) > 1 else 0
    return Difference(mean, mean - half, mean + half, len(paired))


def root_causes(batch: Batch, policy: str, top: int = 5) -> list[dict[str, Any]]:
    """The departments where most harm started: mean share of each game's harm, biggest first.

    A game's harm is its late, defective and lost items' weights; a department's share is
    its part of them (a game with no harm at all counts as a share of 0 everywhere).
    """
    harm = batch.harm[policy]
    per_game = harm.sum(axis=2)
    totals = per_game.sum(axis=1, keepdims=True)
    shares = np.divide(per_game, totals, out=np.zeros_like(per_game), where=totals > 0)
    mean_share = shares.mean(axis=0)
    mean_harm = harm.mean(axis=0)
    order = sorted(range(len(batch.departments)), key=lambda i: (-mean_share[i], i))
    found = []
    for i in order[:top]:
        if mean_share[i] <= 0:
            break
        department = batch.departments[i]
        entry: dict[str, Any] = {
            "department": department,
            "name": batch.names[department],
            "share": round(float(mean_share[i]), 6),
        }
        entry.update({kind: round(float(mean_harm[i, k]), 6) for k, kind in enumerate(KINDS)})
        found.append(entry)
    return found


def comparisons(batch: Batch) -> list[tuple[str, str, dict[str, Difference]]]:
    """Each policy after the first against the first: (first, other, difference per outcome)."""
    first = batch.policies[0]
    return [
        (
            first,
            other,
            {
                outcome: difference(batch.outcomes[first][:, j], batch.outcomes[other][:, j])
                for j, outcome in enumerate(OUTCOMES)
            },
        )
        for other in batch.policies[1:]
    ]
