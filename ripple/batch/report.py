"""A batch of games written out: the plain table of outcomes and root causes (`describe`),
one CSV row per game (`rows`), the JSON summary (`summary`), and the progress bar shown
while the games are played."""

from __future__ import annotations

from typing import Any, TextIO

from ripple.batch.runs import (
    COUNTED,
    OUTCOMES,
    Batch,
    Difference,
    comparisons,
    distribution,
    root_causes,
)
from ripple.engine.state import KINDS


class ProgressBar:
    """`[#####.....] 512/2000 games` on one line of a terminal, redrawn as games finish."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = ""

    def __call__(self, done: int, total: int) -> None:
        filled = self.WIDTH * done // max(1, total)
        line = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} games"
        if line != self.shown:
            self.stream.write("\r" + line)
            self.stream.flush()
            self.shown = line

    def clear(self) -> None:
        """Rub the bar out, so the report starts on a clean line."""
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()


def summary(batch: Batch) -> dict[str, Any]:
    """The batch as the JSON `ripple simulate --runs N --json` prints."""
    result: dict[str, Any] = {
        "scenario": batch.title,
        "runs": batch.runs,
        "base_seed": batch.base_seed,
        "policies": {
            policy: {
                outcome: distribution(batch.outcomes[policy][:, j])
                for j, outcome in enumerate(OUTCOMES)
            }
            for policy in batch.policies
        },
        "root_causes": {policy: root_causes(batch, policy) for policy in batch.policies},
    }
    if len(batch.policies) > 1:
        result["comparisons"] = [
            {
                "baseline": first,
                "policy": other,
                "outcomes": {name: d.as_dict(name) for name, d in found.items()},
            }
            for first, other, found in comparisons(batch)
        ]
    return result


def rows(batch: Batch) -> list[list[str | int | float]]:
    """One CSV row per game (policy, run, seed, every outcome), after a header row."""
    table: list[list[str | int | float]] = [["policy", "run", "seed", *OUTCOMES]]
    for policy in batch.policies:
        for run, seed in enumerate(batch.seeds):
            values = batch.outcomes[policy][run]
            table.append(
                [
                    policy,
                    run,
                    seed,
                    *(
                        int(v) if name in COUNTED else round(float(v), 6)
                        for name, v in zip(OUTCOMES, values, strict=True)
                    ),
                ]
            )
    return table


LABELS: dict[str, tuple[str, int]] = {
    "satisfaction": ("satisfaction", 3),
    "on_time_share": ("on time", 3),
    "late_share": ("late", 3),
    "defective_share": ("defective", 3),
    "churn": ("churn", 4),
    "mean_lead_time": ("lead time (turns)", 2),
    "complaints": ("complaints", 1),
    "completed": ("completed", 1),
}
"""How the plain output names each outcome, and the decimals it shows."""


def _align(table: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell: the first to the left, the others to the right."""
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]


def _verdict(outcome: str, found: Difference, digits: int) -> str:
    better = found.better(outcome)
    if not found.clear:
        word = "within noise"
    else:
        word = "clear" + {True: ", better", False: ", worse", None: ""}[better]
    return f"{found.mean:+.{digits}f} [{found.low:+.{digits}f}, {found.high:+.{digits}f}] {word}"


def outcome_table(batch: Batch) -> list[str]:
    """One row per outcome: each policy's mean and 5th-95th percentiles, then the differences.

    One policy alone also gets its standard deviation and median.
    """
    single = len(batch.policies) == 1
    if single:
        header = ["outcome", "mean", "sd", "p5", "p50", "p95"]
    else:
        header = ["outcome", *(f"{p}: mean (p5-p95)" for p in batch.policies)]
    found = comparisons(batch)
    header += [f"difference ({other} - {first}), 95% interval" for first, other, _ in found]
    table = [header]
    for j, outcome in enumerate(OUTCOMES):
        label, digits = LABELS[outcome]
        row = [label]
        for policy in batch.policies:
            d = distribution(batch.outcomes[policy][:, j])
            if single:
                row += [f"{d[key]:.{digits}f}" for key in ("mean", "sd", "p5", "p50", "p95")]
            else:
                row.append(f"{d['mean']:.{digits}f} ({d['p5']:.{digits}f}-{d['p95']:.{digits}f})")
        row += [_verdict(outcome, differences[outcome], digits) for _, _, differences in found]
        table.append(row)
    return _align(table)


def cause_table(batch: Batch, policy: str) -> list[str]:
    """The departments where most harm started under one policy."""
    causes = root_causes(batch, policy)
    if not causes:
        return ["  no harm: every item reached its customer on time and right"]
    table = [["  department", "share", *(f"{kind} (mean)" for kind in KINDS)]]
    for cause in causes:
        table.append(
            [
                f"  {cause['name']}",
                f"{cause['share']:.0%}",
                *(f"{cause[kind]:.1f}" for kind in KINDS),
            ]
        )
    return _align(table)


def describe(batch: Batch, turns: int) -> str:
    """The batch in plain words: the outcome table, then where the harm started."""
    policies = ", ".join(batch.policies)
    lines = [
        f"{batch.title} - {batch.runs} game{'s' if batch.runs != 1 else ''} a policy "
        f"({policies}), {turns} turns, "
        f"seeds from {batch.base_seed}",
        "",
        *outcome_table(batch),
    ]
    if len(batch.policies) > 1:
        lines += [
            "",
            "A difference is clear when its 95% interval leaves out 0; "
            "otherwise it is within noise.",
        ]
    for policy in batch.policies:
        lines += ["", f"Where the harm started ({policy}):", *cause_table(batch, policy)]
    return "\n".join(lines) + "\n"
