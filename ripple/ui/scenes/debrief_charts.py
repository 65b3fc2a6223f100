"""The debrief's charts over turns, built from a game: customer satisfaction, lead time,
work in progress, and defects by the department that made them.

The debrief's charts page draws these; the report export writes them as pictures.
"""

from __future__ import annotations

import dataclasses
import math

from ripple.engine import Game
from ripple.ui.draw.charts import MARKERS, PATTERNS, STYLES, Chart, Series
from ripple.ui.theme import GREEN, ORANGE, PURPLE, SKY, YELLOW, Colour

LINE_COLOURS: tuple[Colour, ...] = (SKY, ORANGE, PURPLE, YELLOW)
"""Colours of the satisfaction lines: everyone first, then each customer segment."""

ORIGIN_COLOURS: tuple[Colour, ...] = (ORANGE, SKY, GREEN, PURPLE)
"""Colours of the departments whose defects are charted, biggest first."""

OTHERS: Colour = (150, 156, 168)
"""The colour of every other department's defects."""


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _turns(game: Game) -> tuple[int, ...]:
    return tuple(report.turn for report in game.reports)


def satisfaction_chart(game: Game) -> Chart:
    """External satisfaction per turn: everyone (weighted by demand), then each segment."""
    snapshots = [game.snapshot(turn) for turn in _turns(game)]
    series = [Series("All customers", tuple(r.satisfaction for r in game.reports), LINE_COLOURS[0])]
    for k, customer in enumerate(game.scenario.customers[: len(LINE_COLOURS) - 1], start=1):
        values = tuple(s.customers[k - 1].satisfaction for s in snapshots)
        series.append(
            Series(
                customer.name,
                values,
                LINE_COLOURS[k],
                STYLES[k % len(STYLES)],
                MARKERS[k % len(MARKERS)],
            )
        )
    chart = Chart("Customer satisfaction", _turns(game), tuple(series), label=_percent, top=1.0)
    # Satisfaction moves within a band near the top: start the axis just under the lowest
    # value so a room can see the movement (the axis says where it starts).
    bottom = max(0.0, math.floor((chart.low - 0.05) * 10) / 10) if not chart.blank else 0.0
    return dataclasses.replace(chart, bottom=bottom)


def lead_time_chart(game: Game) -> Chart:
    """Mean lead time of the work delivered each turn (no point where nothing was)."""
    values = tuple(r.lead_time_sum / r.completed if r.completed else None for r in game.reports)
    words = game.scenario.item.many
    return Chart(
        "Mean lead time (turns)",
        _turns(game),
        (Series("Lead time", values, SKY),),
        label=lambda v: f"{v:.1f}",
        empty=f"no {words} delivered yet",
    )


def work_chart(game: Game) -> Chart:
    """Work in progress at the end of each turn, against the work delivered in it."""
    words = game.scenario.item.many
    return Chart(
        f"Work in progress ({words})",
        _turns(game),
        (
            Series(
                "Inside at the end of the turn", tuple(float(r.wip) for r in game.reports), ORANGE
            ),
            Series(
                "Delivered in the turn",
                tuple(float(r.completed) for r in game.reports),
                SKY,
                "dashed",
                "square",
            ),
        ),
    )


def defects_chart(game: Game) -> Chart:
    """Defective deliveries per turn, stacked by the department that made the defect."""
    turns = _turns(game)
    per_turn = [
        {d: w for d, kind, w in game.snapshot(turn).harm if kind == "defective"} for turn in turns
    ]
    totals: dict[str, float] = {}
    for harm in per_turn:
        for department, weight in harm.items():
            totals[department] = totals.get(department, 0.0) + weight
    ranked = sorted(totals, key=lambda d: (-totals[d], d))
    top = ranked[: len(ORIGIN_COLOURS)]
    series = [
        Series(
            game.menu.target_name(d),
            tuple(h.get(d, 0.0) for h in per_turn),
            ORIGIN_COLOURS[k],
            pattern=PATTERNS[k],
            note=f"({totals[d]:.0f})",
        )
        for k, d in enumerate(top)
    ]
    rest = ranked[len(top) :]
    if rest:
        values = tuple(sum(h.get(d, 0.0) for d in rest) for h in per_turn)
        series.append(
            Series("Others", values, OTHERS, pattern=PATTERNS[-1], note=f"({sum(values):.0f})")
        )
    return Chart(
        "Defects reaching customers, by where they were made",
        turns,
        tuple(series),
        kind="stacked",
        empty="no defects reached a customer",
    )
