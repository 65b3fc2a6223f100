"""What the one-page summary of the export pack says, as blocks (`ripple.report.export_blocks`
writes them as Markdown and as HTML): the scenario, who played how, the results, and per game
its charts, ripples, what customers felt, own numbers against the harm started, root causes,
who left and money. A single player's summary adds their reflection and culture read-out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ripple.engine import Game
from ripple.engine.figures import game_outcomes, share
from ripple.play.save import SavedGame
from ripple.report import money
from ripple.report.charts import GAME_CHARTS, number
from ripple.report.culture import LEVELS, culture
from ripple.report.export_blocks import Block, Heading, Items, Paragraph, Pictures, Table
from ripple.report.facts import looked_after
from ripple.report.learner import reflection
from ripple.report.people import WHY, leavers, nobody_left
from ripple.report.problems import LESSON, root_causes, tally
from ripple.report.standings import standings
from ripple.report.story import customers, ripples
from ripple.scenario.model import Scenario

TOP_RIPPLES = 3
"""How many ripples the summary tells per game."""

DEFAULT_SIZE = (1280, 720)
"""The size of each chart picture, in pixels."""

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


def _good_but_harmful(game: Game) -> list[str]:
    return [
        f"{s.name}: rewarded on {s.measure}, its own number {s.own:.0%} over the game, "
        f"yet it started {s.harm:.0%} of the harm customers felt."
        for s in standings(game)
        if s.flagged and s.own is not None
    ]


def own_numbers_table(game: Game) -> Table:
    """Each department's measure and own number against the harm it started, as the
    debrief's own-numbers page ranks them."""
    return Table(
        ("Department", "Rewarded on", "Own number", "Harm started"),
        tuple(
            (s.name, s.measure, "-" if s.own is None else f"{s.own:.0%}", f"{s.harm:.0%}")
            for s in standings(game)
        ),
        numbers=2,
    )


def root_causes_blocks(game: Game, level: int) -> list[Block]:
    """Every recurring problem, hidden ones too, and what became of it."""
    causes = root_causes(game)
    said = tally(causes) + (f" {LESSON}" if causes else "")
    blocks: list[Block] = [Heading(level, "Root causes"), Paragraph(said)]
    if causes:
        blocks.append(
            Table(
                ("Department", "Recurring problem", "Found", "Fixed", "Kept coming back"),
                tuple(
                    (
                        c.department_name,
                        c.name,
                        c.found_words(),
                        c.fixed_words(),
                        c.kept_coming_back(),
                    )
                    for c in causes
                ),
                numbers=5,
            )
        )
    return blocks


def people_and_money_blocks(game: Game, level: int) -> list[Block]:
    """Who left, and the money over the game (its chart is among the pictures)."""
    left = [leaving.words() for leaving in leavers(game)]
    lines = money.money_lines(money.total(game))
    return [
        Heading(level, "Who left"),
        Items(tuple(left)) if left else Paragraph(nobody_left(game)),
        Paragraph(WHY),
        Heading(level, "Money"),
        Table(
            ("", "Over the game"),
            tuple(
                (f"of which {line.label}" if line.part else line.label, number(line.value))
                for line in lines
            ),
        ),
    ]


def game_blocks(game: Game, files: Sequence[str], size: tuple[int, int], level: int) -> list[Block]:
    """One game's part of the summary: its charts, biggest ripples, what customers felt, each
    department's own number against the harm it started, its root causes, who left and its
    money; headings at `level`."""
    pictures = tuple((file, c.shows) for file, c in zip(files, GAME_CHARTS, strict=True))
    found = [line.removeprefix("- ") for line in ripples(game, TOP_RIPPLES)]
    good = _good_but_harmful(game)
    return [
        Pictures(pictures, size),
        Heading(level, "Biggest ripples: root cause -> chain -> customer"),
        Items(tuple(found)) if game.ripples() else Paragraph(found[0]),
        Heading(level, "What customers felt"),
        Items(tuple(line.removeprefix("- ") for line in customers(game))),
        Heading(level, "Own numbers against the harm started"),
        own_numbers_table(game),
        Items(tuple(good))
        if good
        else Paragraph(
            "No department looked good on its own number while starting a large share of the harm."
        ),
        *root_causes_blocks(game, level),
        *people_and_money_blocks(game, level),
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
