"""The pack a facilitator sends round after a workshop: every turn of every team as CSV, the
decisions and events as CSV, what the debrief shows besides as CSV (each department's own
number against the harm it started and who left it, every recurring problem and what became
of it, the money turn by turn), the debrief's charts as PNG and a one-page summary: Markdown
that links the charts, and one self-contained HTML page with them inside, the file a
self-paced learner keeps.

`export_pack` replays a save and writes the whole pack; `ripple export` and the debrief's
export key both call it. The CSV, Markdown and HTML files hold no date or absolute path, so
exporting the same save twice gives the same bytes. The charts are the debrief's own
(`ripple.report.charts`); the caller hands over a `Renderer` that draws them as pixels (the
front end's `render_chart`), so nothing here draws. The front end's renderer uses pygame's
fonts, which are not thread-safe, so the window draws a pack's charts on its main thread
(`draw_charts`) and hands the pictures to `export_pack` on a worker, which only encodes and
writes files. The rows of the CSV files are in `ripple.report.export_tables`, what the
summary says in `ripple.report.export_summary`, and how it is written in
`ripple.report.export_blocks`.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ripple.engine import Game
from ripple.play.save import SavedGame
from ripple.report.charts import CHARTS, GAME_CHARTS, Chart, teams_chart
from ripple.report.export_blocks import markdown, page
from ripple.report.export_summary import DEFAULT_SIZE, summary_blocks
from ripple.report.export_tables import (
    DECISION_COLUMNS,
    DEPARTMENT_COLUMNS,
    MONEY_COLUMNS,
    ROOT_CAUSE_COLUMNS,
    TURN_COLUMNS,
    decision_rows,
    department_rows,
    money_rows,
    root_cause_rows,
    turn_rows,
)
from ripple.scenario.model import Scenario


class Renderer(Protocol):
    """What draws a chart as a picture `size` pixels large, and returns its pixels: three
    bytes each (red, green, blue), row by row from the top. The front end's
    `ripple.ui.draw.charts.render_chart` is one."""

    def __call__(self, chart: Chart, size: tuple[int, int], /) -> bytes: ...


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
    render: Renderer | None = None,
    size: tuple[int, int] = DEFAULT_SIZE,
    pictures: Sequence[Picture] | None = None,
) -> list[Path]:
    """Replay `saved` on `scenario` and write the pack into `out` (created if needed):
    turns.csv, decisions.csv, departments.csv, root-causes.csv, money.csv, the charts,
    summary.md (linking the charts) and summary.html (with the charts embedded). Returns the
    files written, in that order.

    The charts are drawn here by `render` at `size`, unless `pictures` are given: the charts
    of the save's games already drawn at `size` by `draw_charts`. A pack written on a worker
    thread needs them when the renderer may only draw on the main thread.

    Raises `TypeError` when given neither a renderer nor pictures, `DecisionError` when the
    save's decisions do not fit the scenario (it was edited), `ValueError` when the pictures
    are not the charts of its games at `size`, and `OSError` when the folder cannot be
    written.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    games = saved.games(scenario)
    names = _file_names(games)
    charts = chart_files(games, names)
    if pictures is None:
        if render is None:
            raise TypeError("export_pack needs a renderer or the pictures drawn beforehand")
        pictures = draw_charts(games, render, size)
    expected = [(file, size) for files in charts.values() for file in files]
    if [(picture.file, picture.size) for picture in pictures] != expected:
        raise ValueError("the charts drawn are not those of the saved game")
    written = [
        _write(out / "turns.csv", _csv(TURN_COLUMNS, turn_rows(games))),
        _write(out / "decisions.csv", _csv(DECISION_COLUMNS, decision_rows(saved, games))),
        _write(out / "departments.csv", _csv(DEPARTMENT_COLUMNS, department_rows(games))),
        _write(out / "root-causes.csv", _csv(ROOT_CAUSE_COLUMNS, root_cause_rows(games))),
        _write(out / "money.csv", _csv(MONEY_COLUMNS, money_rows(games))),
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


def draw_charts(
    games: Mapping[str, Game], render: Renderer, size: tuple[int, int] = DEFAULT_SIZE
) -> list[Picture]:
    """Each game's charts (and the teams' comparison) drawn by `render` at `size`, named as
    `chart_files` names them. Call it on a thread `render` may draw on: the front end's only
    on the main thread, the one that draws the frames."""
    files = chart_files(games, _file_names(games))
    charts: list[tuple[str, Chart]] = []
    for team, game in games.items():
        charts += [(file, c.build(game)) for file, c in zip(files[team], GAME_CHARTS, strict=True)]
    if "*" in files:
        charts.append((files["*"][0], teams_chart(games)))
    pictures = [Picture(file, size, render(chart, size)) for file, chart in charts]
    if any(len(picture.rgb) != 3 * size[0] * size[1] for picture in pictures):
        raise ValueError(f"the renderer drew a picture that is not {size[0]}x{size[1]} pixels")
    return pictures
