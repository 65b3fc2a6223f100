"""The debrief's charts as the pack's pictures (X): the charts `ripple.report.export` names,
drawn by the front end's renderer on the main thread, as pygame's fonts are not thread-safe.
The worker that writes the pack is then handed the pictures, and never draws."""

from __future__ import annotations

from collections.abc import Mapping

from ripple.engine import Game
from ripple.report import export
from ripple.report.export_summary import DEFAULT_SIZE
from ripple.ui.draw.charts import render_chart


def draw_charts(
    games: Mapping[str, Game], size: tuple[int, int] = DEFAULT_SIZE
) -> list[export.Picture]:
    """Each game's charts (and the teams' comparison) as pictures `size` pixels large, drawn
    as `ripple export` draws them: call it on the thread that draws the frames."""
    return export.draw_charts(games, render_chart, size)
