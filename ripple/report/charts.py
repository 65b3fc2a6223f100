"""The charts over turns, as plain data, and the builders that make them from games: customer
satisfaction, lead time, work in progress, defects by the department that made them, money,
the teams side by side, and both timelines of a what-if.

A chart says what it shows and how its series are told apart: a colour, a line style, a
marker and a fill pattern, each named by role, never as pixels. The debrief's pages and the
export build the same charts here; the front end draws them (`ripple.ui.draw.charts`),
giving each colour role its colour from the theme.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from ripple.engine import Game, figures
from ripple.report import money
from ripple.report.whatif import WhatIf

Hue = Literal["sky", "orange", "green", "purple", "yellow", "blue", "vermillion", "others"]
"""A series' colour, by role: one of the seven hues a colour-blind reader can tell apart, or
`others`, the neutral of a series that gathers the rest."""

Style = Literal["solid", "dashed", "dotted"]
"""How a series' line is drawn."""

Marker = Literal["circle", "square", "triangle", "diamond"]
"""The shape marking each point of a series (and its value at the end)."""

Pattern = Literal["plain", "stripes", "dots", "cross", "rungs"]
"""How a layer of stacked bars is filled over its colour."""

Format = Literal["count", "percent", "decimal"]
"""How a chart writes its numbers: `count` as people write a count (see `number`),
`percent` as a whole percentage, `decimal` with one decimal."""

STYLES: tuple[Style, ...] = ("solid", "dashed", "dotted")
"""Line styles, in the order series get them."""

MARKERS: tuple[Marker, ...] = ("circle", "square", "triangle", "diamond")
"""Point markers, in the order series get them."""

PATTERNS: tuple[Pattern, ...] = ("plain", "stripes", "dots", "cross", "rungs")
"""Bar fill patterns, in the order series get them."""

LINE_HUES: tuple[Hue, ...] = ("sky", "orange", "purple", "yellow")
"""Colours of the satisfaction lines: everyone first, then each customer segment."""

ORIGIN_HUES: tuple[Hue, ...] = ("orange", "sky", "green", "purple")
"""Colours of the departments whose defects are charted, biggest first."""

TEAM_HUES: tuple[Hue, ...] = ("sky", "orange", "green", "purple", "yellow", "blue", "vermillion")
"""Colours of the teams' lines, in the teams' order."""


def number(value: float) -> str:
    """A count as people write it: whole when it is, one decimal when it is small."""
    if abs(value - round(value)) < 1e-9 or abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.1f}"


FORMATS: dict[Format, Callable[[float], str]] = {
    "count": number,
    "percent": lambda value: f"{value:.0%}",
    "decimal": lambda value: f"{value:.1f}",
}
"""How a chart's axis and the values at its end write a number, by the chart's `format`."""


@dataclass(frozen=True, slots=True)
class Series:
    """One line (or one layer of stacked bars): a value per turn, None where there is none."""

    label: str
    values: tuple[float | None, ...]
    hue: Hue
    style: Style = "solid"
    marker: Marker = "circle"
    pattern: Pattern = "plain"
    note: str = ""
    """Shown after the label in the legend (a total, say)."""

    @property
    def last(self) -> float | None:
        """The latest value there is."""
        return next((v for v in reversed(self.values) if v is not None), None)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart over turns: `lines` joins each series' points; `stacked` piles them as bars."""

    title: str
    turns: tuple[int, ...]
    series: tuple[Series, ...]
    kind: Literal["lines", "stacked"] = "lines"
    format: Format = "count"
    """How the axis and the value at the end write a number (see `label`)."""
    top: float | None = None
    """A fixed top of the value axis (1.0 for shares); None fits the data."""
    bottom: float = 0.0
    """Where the value axis starts (above 0 when the values all sit high, as shares do)."""
    empty: str = "nothing to show yet"
    """What the chart says when it has no values at all."""

    def label(self, value: float) -> str:
        """`value` as the axis and the value at the end write it."""
        return FORMATS[self.format](value)

    def totals(self) -> list[float]:
        """For stacked bars, each turn's total."""
        return [sum(s.values[i] or 0.0 for s in self.series) for i in range(len(self.turns))]

    @property
    def low(self) -> float:
        """The smallest value drawn."""
        return min((v for s in self.series for v in s.values if v is not None), default=0.0)

    @property
    def peak(self) -> float:
        """The largest value the axis must reach."""
        if self.kind == "stacked":
            return max(self.totals(), default=0.0)
        return max((v for s in self.series for v in s.values if v is not None), default=0.0)

    @property
    def blank(self) -> bool:
        """True when there is nothing to draw."""
        if self.kind == "stacked":
            return not any(self.totals())
        return all(v is None for s in self.series for v in s.values)


# --- a game's charts ---------------------------------------------------------------


def _turns(game: Game) -> tuple[int, ...]:
    return tuple(report.turn for report in game.reports)


def satisfaction_chart(game: Game) -> Chart:
    """External satisfaction per turn: everyone (weighted by demand), then each segment."""
    snapshots = [game.snapshot(turn) for turn in _turns(game)]
    demands = [customer.demand for customer in game.scenario.customers]
    everyone = tuple(
        figures.external_satisfaction([c.satisfaction for c in s.customers], demands)
        for s in snapshots
    )
    series = [Series("All customers", everyone, LINE_HUES[0])]
    for k, customer in enumerate(game.scenario.customers[: len(LINE_HUES) - 1], start=1):
        values = tuple(s.customers[k - 1].satisfaction for s in snapshots)
        series.append(
            Series(
                customer.name,
                values,
                LINE_HUES[k],
                STYLES[k % len(STYLES)],
                MARKERS[k % len(MARKERS)],
            )
        )
    chart = Chart("Customer satisfaction", _turns(game), tuple(series), format="percent", top=1.0)
    # Satisfaction moves within a band near the top: start the axis just under the lowest
    # value so a room can see the movement (the axis says where it starts).
    bottom = max(0.0, math.floor((chart.low - 0.05) * 10) / 10) if not chart.blank else 0.0
    return dataclasses.replace(chart, bottom=bottom)


def lead_time_chart(game: Game) -> Chart:
    """Mean lead time of the work delivered each turn (no point where nothing was)."""
    values = tuple(
        figures.mean_lead_time(r.lead_time_sum, r.completed) if r.completed else None
        for r in game.reports
    )
    words = game.scenario.item.many
    return Chart(
        "Mean lead time (turns)",
        _turns(game),
        (Series("Lead time", values, "sky"),),
        format="decimal",
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
                "Inside at the end of the turn", tuple(float(r.wip) for r in game.reports), "orange"
            ),
            Series(
                "Delivered in the turn",
                tuple(float(r.completed) for r in game.reports),
                "sky",
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
    counts = figures.whole_numbers(totals)  # the notes add up to the debrief's total
    top = ranked[: len(ORIGIN_HUES)]
    series = [
        Series(
            game.menu.target_name(d),
            tuple(h.get(d, 0.0) for h in per_turn),
            ORIGIN_HUES[k],
            pattern=PATTERNS[k],
            note=f"({counts[d]})",
        )
        for k, d in enumerate(top)
    ]
    rest = ranked[len(top) :]
    if rest:
        values = tuple(sum(h.get(d, 0.0) for d in rest) for h in per_turn)
        series.append(
            Series(
                "Others",
                values,
                "others",
                pattern=PATTERNS[-1],
                note=f"({sum(counts[d] for d in rest)})",
            )
        )
    return Chart(
        "Defects reaching customers, by where they were made",
        turns,
        tuple(series),
        kind="stacked",
        empty="no defects reached a customer",
    )


def money_chart(game: Game) -> Chart:
    """Money per turn: revenue, what failure cost (rework and complaints answered) and the
    revenue lost with customers who left; each line's legend gives its total over the game,
    which is the game's `money_total`."""
    turns = money.per_turn(game)
    total = money.total(game)
    lines: tuple[tuple[str, list[float], float, Hue], ...] = (
        (money.REVENUE, [m.revenue for m in turns], total.revenue, "sky"),
        (money.FAILURE, [m.failure for m in turns], total.failure, "vermillion"),
        (money.LOST, [m.lost for m in turns], total.lost, "purple"),
    )
    series = tuple(
        Series(
            label,
            tuple(values),
            hue,
            STYLES[k % len(STYLES)],
            MARKERS[k % len(MARKERS)],
            note=f"({number(whole)} in all)",
        )
        for k, (label, values, whole, hue) in enumerate(lines)
    )
    return Chart("Money per turn", _turns(game), series, empty="no money yet")


@dataclass(frozen=True, slots=True)
class GameChart:
    """One of the charts every game has."""

    name: str
    """Its name in file names (`lead-time.png`)."""
    shows: str
    """What it shows, in words (a picture's alternative text)."""
    build: Callable[[Game], Chart]


GAME_CHARTS: tuple[GameChart, ...] = (
    GameChart("satisfaction", "Customer satisfaction", satisfaction_chart),
    GameChart("lead-time", "Mean lead time", lead_time_chart),
    GameChart("work-in-progress", "Work in progress", work_chart),
    GameChart(
        "defects-by-origin", "Defects reaching customers, by where they were made", defects_chart
    ),
    GameChart("money", "Money per turn", money_chart),
)
"""The charts of each game, in the export's order."""

CHARTS: tuple[str, ...] = tuple(chart.name for chart in GAME_CHARTS)
"""The names of the charts of each game, in the export's order."""


# --- charts of more than one game ----------------------------------------------------


def teams_chart(games: Mapping[str, Game]) -> Chart:
    """Every team's external satisfaction over the turns on one chart, one line per team, told
    apart by line style and marker as well as colour."""
    own = {team: satisfaction_chart(game) for team, game in games.items()}
    longest = max(own.values(), key=lambda chart: len(chart.turns))
    series = tuple(
        dataclasses.replace(
            chart.series[0],
            label=team,
            values=chart.series[0].values + (None,) * (len(longest.turns) - len(chart.turns)),
            hue=TEAM_HUES[k % len(TEAM_HUES)],
            style=STYLES[k % len(STYLES)],
            marker=MARKERS[k % len(MARKERS)],
        )
        for k, (team, chart) in enumerate(own.items())
    )
    return Chart(
        "Customer satisfaction, team by team",
        longest.turns,
        series,
        format=longest.format,
        top=1.0,
        bottom=min(chart.bottom for chart in own.values()),
    )


def what_if_chart(what_if: WhatIf) -> Chart:
    """Customer satisfaction in both timelines, turn by turn."""
    turns = tuple(range(1, what_if.turn + 1))
    return Chart(
        f"Customer satisfaction: the timelines part after turn {what_if.branched_at}",
        turns,
        (
            Series("As first played", what_if.first, "orange", "dashed", "square"),
            Series("What if", what_if.second, "sky", "solid", "circle"),
        ),
        format="percent",
        top=1.0,
        bottom=max(0.0, int(min((*what_if.first, *what_if.second, 1.0)) * 10 - 1) / 10),
    )
