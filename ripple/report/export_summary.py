"""The one-page summary of the export pack, built as blocks (headings, paragraphs, lists,
tables, pictures) and written as Markdown that links the chart pictures (`markdown`) or as one
self-contained HTML page with the pictures inside it (`page`); neither holds a date or an
absolute path. A single player's summary adds their reflection and culture read-out."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from ripple.engine import Game
from ripple.engine.figures import game_outcomes, share
from ripple.play.save import SavedGame
from ripple.report.charts import GAME_CHARTS
from ripple.report.culture import LEVELS, culture
from ripple.report.facts import looked_after
from ripple.report.learner import reflection
from ripple.report.standings import standings
from ripple.report.story import customers, ripples
from ripple.scenario.model import Scenario

TOP_RIPPLES = 3
"""How many ripples the summary tells per game."""

DEFAULT_SIZE = (1280, 720)
"""The size of each chart picture, in pixels."""


# --- the summary, as blocks either format can write ----------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 is the page's title."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain words."""

    text: str


@dataclass(frozen=True, slots=True)
class Items:
    """A list, numbered or not."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; every column after the first holds numbers."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Pictures:
    """Chart images side by side: (file name, what it shows)."""

    files: tuple[tuple[str, str], ...]
    size: tuple[int, int]


Block = Heading | Paragraph | Items | Table | Pictures

MODES = {
    "single": "One game",
    "hotseat": "Hot-seat play: each team ran its own copy of the organisation",
    "roles": "Teams shared one organisation, each deciding for its own departments",
}
"""How each way of playing is described."""


def _percent(part: float, whole: float) -> str:
    return f"{share(part, whole):.0%}" if whole else "-"


def outcomes(game: Game) -> list[tuple[str, str]]:
    """A game's totals in words: (measure, value) for the summary's table."""
    totals = game.totals()
    got = game_outcomes(game)
    done = int(totals["completed"])
    lead = f"{totals['mean_lead_time']:.1f} turns" if done else "-"
    return [
        ("Turns played", f"{game.turn} of {game.turns}"),
        (f"Delivered ({game.scenario.item.many})", str(done)),
        ("On time", _percent(totals["on_time"], done)),
        ("With defects", _percent(totals["defective"], done)),
        ("Mean lead time", lead),
        ("Complaints", str(got.complaints)),
        ("Satisfaction at the end", f"{got.satisfaction:.0%}"),
        ("Customers lost (churn)", f"{got.churn:.0%}"),
    ]


def _busy_but_harmful(game: Game) -> list[str]:
    many = game.scenario.item.many
    return [
        f"{s.name}: finished {s.processed} {many} using {s.used:.0%} of its capacity, "
        f"yet started {s.harm:.0%} of the harm customers felt."
        for s in standings(game)
        if s.flagged
    ]


def game_blocks(game: Game, files: Sequence[str], size: tuple[int, int], level: int) -> list[Block]:
    """One game's part of the summary: its charts, biggest ripples, what customers felt and
    the departments that looked busy yet started harm; headings at `level`."""
    pictures = tuple((file, c.shows) for file, c in zip(files, GAME_CHARTS, strict=True))
    found = [line.removeprefix("- ") for line in ripples(game, TOP_RIPPLES)]
    busy = _busy_but_harmful(game)
    return [
        Pictures(pictures, size),
        Heading(level, "Biggest ripples: root cause -> chain -> customer"),
        Items(tuple(found)) if game.ripples() else Paragraph(found[0]),
        Heading(level, "What customers felt"),
        Items(tuple(line.removeprefix("- ") for line in customers(game))),
        Heading(level, "Looked busy, yet started harm"),
        Items(tuple(busy))
        if busy
        else Paragraph("No department was both busy and the start of a large share of the harm."),
    ]


def learner_blocks(game: Game, note: str = "") -> list[Block]:
    """A single player's reflection (the four questions answered for each department they
    looked after, with the evidence, then their note) and their culture read-out."""
    blocks: list[Block] = [Heading(2, "Reflection")]
    for department in looked_after(game):
        blocks.append(Heading(3, f"Looking after {game.menu.target_name(department)}"))
        for answer in reflection(game, department):
            blocks += [Heading(4, answer.question), Paragraph(answer.answer)]
            if answer.evidence:
                blocks.append(Items(answer.evidence))
    if note.strip():
        blocks += [Heading(3, "Your note"), Paragraph(note)]
    read = culture(game)
    ladder = tuple(
        f"Level {level}, {name}: {meaning}" + (" (you played here)" if level == read.level else "")
        for level, (name, meaning) in enumerate(LEVELS, start=1)
    )
    return [
        *blocks,
        Heading(2, "Culture read-out"),
        Paragraph(
            f"You played at level {read.level} of {len(LEVELS)}: {read.name}. {read.meaning}"
        ),
        Items(ladder),
        Heading(3, "How you spent your turns"),
        Items(read.evidence),
    ]


def summary_blocks(
    saved: SavedGame,
    scenario: Scenario,
    games: Mapping[str, Game],
    charts: Mapping[str, Sequence[str]],
    size: tuple[int, int] = DEFAULT_SIZE,
) -> list[Block]:
    """The one-page summary: the scenario, who played how, the results side by side, each
    game's charts and ripples, and the questions for the debrief."""
    first = next(iter(games.values()))
    blocks: list[Block] = [Heading(1, f"{scenario.title}: results")]
    if scenario.summary:
        blocks.append(Paragraph(scenario.summary))
    teams = list(games) if saved.mode == "hotseat" else list(saved.teams)
    played = MODES[saved.mode] + f"; seed {first.seed}."
    if teams:
        played += f" Teams: {', '.join(teams)}."
    blocks.append(Paragraph(played))
    if saved.roles:
        blocks.append(
            Items(
                tuple(
                    f"{team} ran {', '.join(first.menu.target_name(d) for d in owned)}"
                    for team, owned in saved.roles.items()
                )
            )
        )
    events = [
        f"{first.events[e].name} (turn {turn})"
        for turn, injected in enumerate(first.injected, start=1)
        for e in injected
    ]
    if events:
        blocks.append(Paragraph(f"Events set off by the facilitator: {', '.join(events)}."))
    blocks.append(Heading(2, "Results"))
    header = ("Measure", *games) if len(games) > 1 else ("Measure", "Result")
    columns = [outcomes(game) for game in games.values()]
    rows = tuple(
        (measure, *(column[k][1] for column in columns))
        for k, (measure, _) in enumerate(columns[0])
    )
    blocks.append(Table(header, rows))
    if "*" in charts:
        blocks.append(Pictures(((charts["*"][0], "Customer satisfaction, team by team"),), size))
    for team, game in games.items():
        level = 2
        if len(games) > 1:
            blocks.append(Heading(2, f"Team {team}"))
            level = 3
        blocks += game_blocks(game, charts[team], size, level)
    if saved.mode == "single":
        blocks += learner_blocks(first, saved.note)
    if scenario.debrief:
        blocks.append(Heading(2, "Questions for the debrief"))
        blocks.append(Items(tuple(scenario.debrief), numbered=True))
    return blocks


# --- Markdown ------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|])")


def _md(text: str) -> str:
    """Plain words as Markdown, with the characters that would format them escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown(blocks: Sequence[Block]) -> str:
    """The blocks as a Markdown document, images linked by relative path."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * block.level} {_md(block.text)}")
        elif isinstance(block, Paragraph):
            parts.append(_md(block.text))
        elif isinstance(block, Items):
            parts.append(
                "\n".join(
                    f"{f'{k}.' if block.numbered else '-'} {_md(item)}"
                    for k, item in enumerate(block.items, start=1)
                )
            )
        elif isinstance(block, Table):
            lines = [
                "| " + " | ".join(_md(cell) for cell in block.header) + " |",
                "| --- |" + " ---: |" * (len(block.header) - 1),
            ]
            lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in block.rows]
            parts.append("\n".join(lines))
        else:
            parts.append("\n".join(f"![{_md(alt)}]({quote(file)})" for file, alt in block.files))
    return "\n\n".join(parts) + "\n"


# --- HTML ----------------------------------------------------------------------------

STYLE = """\
body { font-family: system-ui, sans-serif; max-width: 64rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.45; color: #16181e; background: #fff; }
h1 { margin-bottom: 0.3rem; }
h2 { margin-top: 1.6rem; border-bottom: 1px solid #c8ccd4; }
table { border-collapse: collapse; }
th, td { border: 1px solid #9aa0ac; padding: 0.2rem 0.6rem; text-align: left; }
td + td, th + th { text-align: right; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr));
  gap: 0.5rem; }
.charts img { width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } .charts img { break-inside: avoid; } }
"""
"""The page's own styles: no fonts, scripts or pictures from elsewhere."""


def _h(text: str) -> str:
    return html.escape(" ".join(text.split()))


def _source(file: str, images: Mapping[str, bytes]) -> str:
    """Where an image comes from: inside the page as a data URI when its bytes are given,
    else its relative path."""
    if file in images:
        return "data:image/png;base64," + base64.b64encode(images[file]).decode("ascii")
    return html.escape(quote(file))


def page(title: str, blocks: Sequence[Block], images: Mapping[str, bytes] | None = None) -> str:
    """The blocks as one standalone HTML page; the pictures whose PNG bytes `images` holds (by
    file name) are embedded, so the page is the whole summary, any others are linked."""
    images = images or {}
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_h(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_h(block.text)}</p>")
        elif isinstance(block, Items):
            tag = "ol" if block.numbered else "ul"
            items = "".join(f"\n<li>{_h(item)}</li>" for item in block.items)
            body.append(f"<{tag}>{items}\n</{tag}>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{_h(cell)}</th>" for cell in block.header)
            rows = "".join(
                "\n<tr>" + "".join(f"<td>{_h(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            body.append(
                f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>{rows}\n</tbody>\n</table>"
            )
        else:
            width, height = block.size
            tags = "".join(
                f'\n<img src="{_source(file, images)}" alt="{_h(alt)}" '
                f'width="{width}" height="{height}">'
                for file, alt in block.files
            )
            body.append(f'<div class="charts">{tags}\n</div>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_h(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
