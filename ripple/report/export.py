"""The pack a facilitator sends round after a workshop: every turn of every team as CSV, the
decisions and events as CSV, the debrief's charts as PNG and a one-page summary: Markdown
that links the charts, and one self-contained HTML page with them inside, the file a
self-paced learner keeps.

`export_pack` replays a save and writes the whole pack; `ripple export` and the debrief's
export key both call it. The CSV, Markdown and HTML files hold no date or absolute path, so
exporting the same save twice gives the same bytes. Charts are drawn headless with the
debrief's own chart builders; pygame is imported only when they are drawn. Drawing uses
pygame's fonts, which are not thread-safe, so the window draws a pack's charts on its main
thread (`draw_charts`) and hands the pictures to `export_pack` on a worker, which only
encodes and writes files. The rows of the CSV files are in `ripple.report.export_tables`,
the summary in `ripple.report.export_summary`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ripple.engine import Game
from ripple.report.export_summary import CHARTS, DEFAULT_SIZE, markdown, page, summary_blocks
from ripple.report.export_tables import DECISION_COLUMNS, TURN_COLUMNS, decision_rows, turn_rows
from ripple.save import SavedGame
from ripple.scenario.model import Scenario

if TYPE_CHECKING:
    from ripple.ui.draw.charts import Chart

TEAMS_CHART = "teams-satisfaction"
"""The chart comparing every team's customer satisfaction (hot-seat play with 2+ teams)."""


@dataclass(frozen=True, slots=True)
class Picture:
    """A chart drawn as pixels: plain bytes, so any thread may encode and write it."""

    file: str
    """Its file name in the pack."""
    size: tuple[int, int]
    """Width and height, in pixels."""
    rgb: bytes
    """Three bytes a pixel (red, green, blue), row by row from the top."""

    def png(self) -> bytes:
        """The picture as a PNG file, encoded without pygame."""
        width, height = self.size
        stride = 3 * width
        # Each row starts with its filter type: 0, none (flat chart colours compress well).
        rows = b"".join(
            b"\0" + self.rgb[top : top + stride] for top in range(0, height * stride, stride)
        )
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
        return b"".join(
            (
                b"\x89PNG\r\n\x1a\n",
                _chunk(b"IHDR", header),
                _chunk(b"IDAT", zlib.compress(rows)),
                _chunk(b"IEND", b""),
            )
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, kind, data and the CRC of kind and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# --- the pack ----------------------------------------------------------------------


def export_pack(
    saved: SavedGame,
    scenario: Scenario,
    out: Path,
    *,
    size: tuple[int, int] = DEFAULT_SIZE,
    pictures: Sequence[Picture] | None = None,
) -> list[Path]:
    """Replay `saved` on `scenario` and write the pack into `out` (created if needed):
    turns.csv, decisions.csv, the charts, summary.md (linking the charts) and summary.html
    (with the charts embedded). Returns the files written, in that order.

    The charts are drawn here at `size`, unless `pictures` are given: the charts of the
    save's games already drawn at `size` by `draw_charts`. A pack written on a worker thread
    needs them, as only the main thread may draw.

    Raises `DecisionError` when the save's decisions do not fit the scenario (it was edited),
    `ValueError` when the pictures are not the charts of its games at `size`, and `OSError`
    when the folder cannot be written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    games = saved.games(scenario)
    names = _file_names(games)
    charts = chart_files(games, names)
    if pictures is None:
        pictures = draw_charts(games, size)
    expected = [(file, size) for files in charts.values() for file in files]
    if [(picture.file, picture.size) for picture in pictures] != expected:
        raise ValueError("the charts drawn are not those of the saved game")
    written = [
        _write(out / "turns.csv", _csv(TURN_COLUMNS, turn_rows(games))),
        _write(out / "decisions.csv", _csv(DECISION_COLUMNS, decision_rows(saved, games))),
    ]
    images = {picture.file: picture.png() for picture in pictures}
    drawn = [_write_bytes(out / file, data) for file, data in images.items()]
    written += drawn
    _remove_stale_charts(out, drawn)
    blocks = summary_blocks(saved, scenario, games, charts, size)
    written.append(_write(out / "summary.md", markdown(blocks)))
    written.append(_write(out / "summary.html", page(f"{scenario.title}: results", blocks, images)))
    return written


def _remove_stale_charts(out: Path, pictures: Sequence[Path]) -> None:
    """Remove the charts an earlier pack left in `out` that this one does not have (another
    team's, say), so a folder never holds charts of two different games."""
    kinds = [*CHARTS, TEAMS_CHART]
    for path in out.glob("*.png"):
        if path not in pictures and any(path.stem.endswith(kind) for kind in kinds):
            path.unlink()


def default_out(save: Path) -> Path:
    """Where a save's pack goes unless told otherwise: a folder named after the save, beside
    it (`workshop.json` -> `workshop/`)."""
    folder = save.with_suffix("")
    return folder if folder != save else save.with_name(f"{save.name}-export")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


# --- charts --------------------------------------------------------------------------


def slug(name: str) -> str:
    """A team name as part of a file name: lower case letters, digits and hyphens."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _file_names(games: Mapping[str, Game]) -> dict[str, str]:
    """Each team's prefix for its chart files ('' for one game), distinct even when two
    names slug alike."""
    if list(games) == [""]:
        return {"": ""}
    names: dict[str, str] = {}
    for number, team in enumerate(games, start=1):
        base = slug(team) or f"team-{number}"
        name, extra = base, 1
        while name in names.values() or f"{name}-satisfaction" == TEAMS_CHART:
            extra += 1
            name = f"{base}-{extra}"
        names[team] = name
    return names


def chart_files(games: Mapping[str, Game], names: Mapping[str, str]) -> dict[str, list[str]]:
    """The chart file names of each game (`<team>-satisfaction.png` in hot-seat play), and
    under '*' the teams' comparison when there are several teams."""
    files = {
        team: [f"{names[team]}-{chart}.png" if names[team] else f"{chart}.png" for chart in CHARTS]
        for team in games
    }
    if len(games) > 1:
        files["*"] = [f"{TEAMS_CHART}.png"]
    return files


def _builders() -> dict[str, Callable[[Game], Chart]]:
    from ripple.ui.scenes import debrief_charts as charts

    return {
        "satisfaction": charts.satisfaction_chart,
        "lead-time": charts.lead_time_chart,
        "work-in-progress": charts.work_chart,
        "defects-by-origin": charts.defects_chart,
    }


def teams_chart(games: Mapping[str, Game]) -> Chart:
    """Every team's external satisfaction over the turns on one chart, one line per team, told
    apart by line style and marker as well as colour."""
    import dataclasses

    from ripple.ui.draw.charts import MARKERS, STYLES, Chart
    from ripple.ui.scenes.debrief_charts import satisfaction_chart
    from ripple.ui.theme import BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILLION, YELLOW

    colours = (SKY, ORANGE, GREEN, PURPLE, YELLOW, BLUE, VERMILLION)
    own = {team: satisfaction_chart(game) for team, game in games.items()}
    longest = max(own.values(), key=lambda chart: len(chart.turns))
    series = tuple(
        dataclasses.replace(
            chart.series[0],
            label=team,
            values=chart.series[0].values + (None,) * (len(longest.turns) - len(chart.turns)),
            colour=colours[k % len(colours)],
            style=STYLES[k % len(STYLES)],
            marker=MARKERS[k % len(MARKERS)],
        )
        for k, (team, chart) in enumerate(own.items())
    )
    return Chart(
        "Customer satisfaction, team by team",
        longest.turns,
        series,
        label=longest.label,
        top=1.0,
        bottom=min(chart.bottom for chart in own.values()),
    )


def draw_charts(games: Mapping[str, Game], size: tuple[int, int] = DEFAULT_SIZE) -> list[Picture]:
    """Draw each game's charts (and the teams' comparison), named as `chart_files` names
    them. This uses pygame's fonts, which are not thread-safe: a window calls it on its
    main thread, the one that draws the frames."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from ripple.ui.draw.charts import Canvas, draw_chart
    from ripple.ui.theme import Theme

    if not pygame.font.get_init():
        pygame.font.init()
    theme = Theme(size[1])
    builders = _builders()
    files = chart_files(games, _file_names(games))
    charts: list[tuple[str, Chart]] = []
    for team, game in games.items():
        charts += [(file, builders[c](game)) for file, c in zip(files[team], CHARTS, strict=True)]
    if "*" in files:
        charts.append((files["*"][0], teams_chart(games)))
    surface = pygame.Surface(size)  # one for all: a picture's pixels are copied out
    pictures = []
    for file, chart in charts:
        canvas = Canvas(surface, theme)
        canvas.surface.fill(theme.palette.background)
        margin = theme.unit // 2
        draw_chart(canvas, canvas.surface.get_rect().inflate(-2 * margin, -2 * margin), chart)
        pictures.append(Picture(file, size, pygame.image.tobytes(canvas.surface, "RGB")))
    return pictures
