"""What the play screen's panels show, as small frozen views built from the scene each frame.

The drawing functions in `panels.py` read only these views, and a still frame is redrawn
only when its view differs from the one drawn last: so anything a panel shows is part of
the comparison by construction, and a change on screen (a timer tick, a pause, hidden
scores, a team switch) can never be left undrawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ripple.engine import Ripple, figures
from ripple.engine.snapshot import DepartmentView, ProblemView
from ripple.engine.state import HARM_WORDS
from ripple.play.saved_games import plural
from ripple.play.session import Session
from ripple.report.standings import MEASURE_WORDS
from ripple.ui.draw.story import HEADINGS, StoryView, story_parts
from ripple.ui.widgets import ListView

if TYPE_CHECKING:
    from ripple.ui.scenes.play import PlayScene


@dataclass(frozen=True)
class StatusView:
    """The status bar: the scenario's title and the scoreboard's entries, most important
    first, each with the share its meter shows (None: no meter)."""

    title: str
    entries: tuple[tuple[str, float | None], ...]
    lead: bool
    """True when the first entry says whose turn it is (drawn in the focus colour)."""


@dataclass(frozen=True)
class RowsView:
    """What a list shows: its items, the highlighted one, and which rows are on screen."""

    items: tuple[object, ...]
    focus: int
    first: int
    rects: tuple[tuple[int, int, int, int], ...]


@dataclass(frozen=True)
class PreviewView:
    """The highlighted intervention, told under the list."""

    name: str
    description: str
    terms: str
    """Its cost, when it works, how long it lasts and whether it fades."""


@dataclass(frozen=True)
class DecisionsView:
    """The decisions column: heading, budget left, the list, a preview, what is chosen and
    the state of the End turn button."""

    heading: str
    left: int
    rows: RowsView
    preview: PreviewView | None
    chosen: tuple[str, ...]
    button: str
    """"debrief" once the game is over, "working" while a turn resolves, else "end"."""
    marked: tuple[str, ...] = ()
    """The rows ticked in the list: the choices made this turn, or the targets they aim at."""


@dataclass(frozen=True)
class LogView:
    """The turn log strip: the message for the player (in the warning colour), then the
    turn's most telling lines in plain words, and how to read the whole turn."""

    said: str
    lines: tuple[str, ...]
    hint: str = ""
    """Where the whole turn is told (the story, L): "" before there is a turn to tell."""


@dataclass(frozen=True)
class MoneyView:
    """This turn's money, under the external customers: what came in and what failure cost."""

    heading: str
    earned: str
    lost: str
    detail: tuple[str, ...]
    """What the failure was: rework and complaints."""


@dataclass(frozen=True)
class CardView:
    """The inspect card: what it is about, where that is, and its lines."""

    anchor: tuple[int, int, int, int]
    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PanelsView:
    """Everything the status bar, the decisions column and the turn log show."""

    size: tuple[int, int]
    theme: int
    """The theme's identity: a new one (a resize, the projector) redraws everything."""
    status: StatusView
    decisions: DecisionsView
    log: LogView


@dataclass(frozen=True)
class StillView:
    """Everything a still frame of the play screen shows."""

    panels: PanelsView
    before: object
    after: object
    """The snapshots the graph is drawn from (compared by identity first: they are frozen)."""
    focus: str | None
    lit: frozenset[str]
    card: CardView | None
    banner: str
    money: MoneyView | None = None
    story: StoryView | None = None


@dataclass(frozen=True)
class Places:
    """Where the play screen's panels and cards go: its layout, not what they show."""

    area: pygame.Rect
    """The graph's area (cards and banners stay inside it, clear of the customers)."""
    side: pygame.Rect
    preview: pygame.Rect
    end: pygame.Rect
    """The End turn button."""
    log: pygame.Rect
    departments: tuple[pygame.Rect, ...]
    chips: tuple[pygame.Rect, ...]
    """The hand-offs' rating labels."""
    customers: tuple[pygame.Rect, ...]
    money: pygame.Rect
    """This turn's money, under the external customers."""
    story: pygame.Rect
    """The turn's story, over the graph and the customers."""


def places(scene: PlayScene) -> Places:
    """The play screen's layout as the panels need it."""
    graph = scene.graph
    return Places(
        scene.area,
        scene.side,
        scene.preview,
        scene.hotspots["end_turn"],
        scene.log,
        tuple(graph.nodes.values()),
        tuple(graph.chips.values()),
        tuple(graph.customers.values()),
        scene.money,
        scene.story,
    )


def rows_view(rows: ListView) -> RowsView:
    """What `rows` draws."""
    return RowsView(
        tuple(rows.items),
        rows.focus,
        rows.first,
        tuple((r.x, r.y, r.w, r.h) for r in rows.rects.values()),
    )


def status_view(scene: PlayScene) -> StatusView:
    """The scoreboard: whose turn and how long is left, the turn and budget, then the scores
    (unless hidden). While one team's turn still plays out on screen, the bar speaks of that
    team's turn, not yet of the next team's."""
    session = scene.session
    after = session.after
    entries: list[tuple[str, float | None]] = []
    replay = session.mode == "hotseat" and session.showing != session.team
    if replay:  # one team's turn still plays out; the next team's clock has not started
        entries.append((f"{session.showing}: turn {after.turn} played", None))
    elif session.mode != "single":
        entries.append((f"{session.team}'s turn", None))
    if scene.time_left is not None and not session.over and not replay:
        seconds = max(0, math.ceil(scene.time_left))  # a countdown: 0:00 is the end
        entries.append((f"{seconds // 60}:{seconds % 60:02d} left", None))
    if scene.paused:
        entries.append(("PAUSED", None))
    if not replay:
        turn = (
            f"Game over: {after.turns} turns"
            if session.over
            else f"Turn {min(after.turn + 1, after.turns)} of {after.turns}"
        )
        entries += [(turn, None), (f"Budget {session.budget_left} of {session.budget}", None)]
    title = session.scenario.title
    if session.first is not None:
        title = f"What if · {title}"
    lead = session.mode != "single"
    if scene.scores_hidden:
        return StatusView(title, (*entries, ("scores hidden (S)", None)), lead)
    customers = after.customers
    demand = {c.id: c.demand for c in session.scenario.customers}
    demands = [demand.get(c.id, 0.0) for c in customers]
    satisfaction = figures.external_satisfaction([c.satisfaction for c in customers], demands)
    lost = figures.churn([c.remaining for c in customers], demands)
    internal = figures.internal_satisfaction([h.heard for h in after.handoffs if h.heard_turn])
    entries += [
        (f"Customers {satisfaction:.0%}", satisfaction),
        (f"Complaints {sum(c.complaints for c in customers)}", None),
        (f"Churn {lost:.0%}", None),
        (f"Internal {internal:.0%}" if internal is not None else "Internal ?", None),
    ]
    return StatusView(title, tuple(entries), lead)


def decisions_view(scene: PlayScene) -> DecisionsView:
    """The decisions column as the current team sees it."""
    session = scene.session
    rows = scene.targets if scene.targeting else scene.menu
    menu = session.game.menu
    intervention = scene.targeting or (
        menu.interventions.get(rows.current.name) if rows.current else None
    )
    preview = None
    if intervention is not None:
        when = "this turn" if intervention.lag == 0 else f"after {intervention.lag} turn(s)"
        lasts = (
            f", lasts {plural(intervention.duration, 'turn', 'turns')}"
            if intervention.duration
            else ""
        )
        fades = ", fades without refreshers" if intervention.fade else ""
        preview = PreviewView(
            intervention.name,
            intervention.description,
            f"cost {intervention.cost}, works {when}{lasts}{fades}",
        )
    chosen = tuple(
        f"✓ {menu.interventions[d.intervention].name}: {menu.target_name(d.target)}"
        for d in session.chosen
    )
    button = "debrief" if session.over else "working" if session.resolving else "end"
    aimed = scene.targeting
    marked = tuple(
        (d.target or "") if aimed else d.intervention
        for d in session.chosen
        if aimed is None or d.intervention == aimed.id
    )
    return DecisionsView(
        "Aim it at…" if aimed else "Decisions",
        session.budget_left,
        rows_view(rows),
        preview,
        chosen,
        button,
        marked,
    )


STRIP = ("customers", "voices", "people", "found", "events", "work")
"""The parts of a turn the log strip tells, most telling first: what reached customers and
where it started, what internal customers said, who left, what came to light. The decisions
the team just made are left to the story (L)."""


def log_view(scene: PlayScene) -> LogView:
    """The last turn's most telling lines in plain words, after any message for the player,
    and the way to the whole turn."""
    report = scene.session.after.report
    if report is None:
        start = "Choose your decisions for turn 1, then End turn (E). F1 lists every key."
        return LogView(scene.message, (start,))
    told = dict(report.sections)
    telling = [line for part in STRIP for line in told.get(part, ())] or ["a quiet turn."]
    lines = (f"Turn {report.turn}: {telling[0]}", *telling[1:])
    hint = "L or Esc: close the story" if scene.story_open else "L: the whole turn"
    return LogView(scene.message, lines, hint)


def money_view(scene: PlayScene) -> MoneyView | None:
    """This turn's money, unless the scores are hidden or no turn has been played."""
    after = scene.session.after
    if scene.scores_hidden or after.report is None:
        return None
    money = after.money
    return MoneyView(
        f"Money, turn {after.turn}",
        f"{amount(money.revenue)} in",
        f"{amount(money.failure)} lost to failure",
        (f"rework {amount(money.rework)}", f"complaints {amount(money.complaints)}"),
    )


def amount(value: float) -> str:
    """A sum of money as it reads on screen: whole, unless it has a part worth telling."""
    return f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"


def story_view(scene: PlayScene) -> StoryView | None:
    """The whole last turn told part by part, while the story is open (L)."""
    if not scene.story_open:
        return None
    session = scene.session
    report = session.after.report
    if report is None:
        return StoryView(
            "Before turn 1",
            (("Nothing has happened yet", ("Choose your decisions, then End turn (E).",)),),
        )
    who = {"hotseat": f"{session.showing} decided", "roles": "The teams decided"}
    parts = story_parts(report.sections, who.get(session.mode, HEADINGS["decisions"]))
    title = f"Turn {report.turn}: the whole story"
    if session.mode == "hotseat":
        title = f"{session.showing}, turn {report.turn}: the whole story"
    elif session.first is not None:
        title = f"What if, turn {report.turn}: the whole story"
    quiet = (("What happened", ("A quiet turn: nothing to tell.",)),)
    return StoryView(title, parts or quiet, scene.story_page)


def card_view(scene: PlayScene) -> CardView | None:
    """The inspect card of the department, hand-off or customer inspected, if any."""
    if not scene.inspected or scene.inspected not in scene.hotspots:
        return None
    anchor = scene.hotspots[scene.inspected]
    title, lines = _inspect_lines(scene)
    return CardView((anchor.x, anchor.y, anchor.w, anchor.h), title, tuple(lines))


def banner_text(scene: PlayScene) -> str:
    """The big line over the graph for a moment: paused, or whose turn it is now."""
    if scene.paused:
        return "Paused: P resumes"
    return scene.banner if scene.banner_time > 0 else ""


def panels_view(scene: PlayScene) -> PanelsView:
    """What the panels show this frame."""
    return PanelsView(
        scene.app.size,
        id(scene.theme),
        status_view(scene),
        decisions_view(scene),
        log_view(scene),
    )


def still_view(scene: PlayScene) -> StillView:
    """What a still frame shows this frame."""
    return StillView(
        panels_view(scene),
        scene.session.before,
        scene.session.after,
        scene.focus(),
        scene.lit(),
        card_view(scene),
        banner_text(scene),
        money_view(scene),
        story_view(scene),
    )


def _inspect_lines(scene: PlayScene) -> tuple[str, list[str]]:
    session = scene.session
    after = session.after
    kind, _, key = (scene.inspected or "").partition(":")
    menu = session.game.menu
    if kind == "dept":
        d = next(v for v in after.departments if v.id == key)
        suppliers = [menu.target_name(h.supplier) for h in after.handoffs if h.customer == key]
        customers = [menu.target_name(h.customer) for h in after.handoffs if h.supplier == key]
        return d.name, [
            f"capacity {d.capacity:.0f} a turn (planned {d.base_capacity:.0f}), queue {d.queue}",
            f"quality {d.quality:.0%}, morale {d.morale:.0%}",
            f"this turn: finished {d.processed}, "
            f"made {plural(d.defects_made, 'defect', 'defects')}, "
            f"got {d.sent_back} back for rework",
            "internal customers: " + (", ".join(customers) or "none (serves customers directly)"),
            "depends on: " + (", ".join(suppliers) or "nobody inside"),
            f"rewarded on {MEASURE_WORDS[d.measure]}: its own number {d.score:.0%}",
            *_problem_lines(d),
            *_ripple_lines(session, session.ripples(department=key)[:3], "Ripples it started:"),
        ]
    if kind == "handoff":
        h = after.handoff(key)
        heard = (
            f"internal customer satisfaction {h.heard:.0%} (asked on turn {h.heard_turn})"
            if h.heard_turn
            else "internal customer satisfaction: not asked yet (talk, or a survey)"
        )
        return f"{menu.target_name(h.supplier)} → {menu.target_name(h.customer)}", [
            heard,
            *([f"it said: {h.said}"] if h.said else []),
            f"this turn: {h.handed} handed on, {h.defective} with defects, {h.caught} sent back",
            f"in transit {h.in_transit}, lag {h.lag} turn(s), communication {h.communication:.0%}",
        ]
    c = next(v for v in after.customers if v.id == key)
    lines = [
        f"{c.mood}: satisfaction {c.satisfaction:.0%}, {c.remaining:.0%} still with you",
        f"this turn: {c.delivered} delivered, {c.on_time_and_right} on time and right, "
        f"{c.late} late, {c.defective} with defects, "
        f"{plural(c.complaints, 'complaint', 'complaints')}",
    ]
    ripples = session.ripples(customer=key)[:3]
    return c.name, lines + _ripple_lines(session, ripples, "Why? The biggest ripples so far:")


def _problem_lines(d: DepartmentView) -> list[str]:
    """What is known of the department's recurring problems, and who left it."""
    known = d.known_problems
    if not known:
        lines = ["recurring problems: none known yet (ask its internal customers, or visit)"]
    else:
        lines = ["recurring problems: " + "; ".join(_problem_words(p) for p in known)]
    if d.left:
        lines.append(f"people left it {plural(d.left, 'time', 'times')} (morale was low)")
    return lines


def _problem_words(p: ProblemView) -> str:
    if p.fixed:
        return f"{p.name} (fixed)"
    if p.fixing:
        return f"{p.name} (being fixed, gone turn {p.fixing})"
    return f"{p.name} (found: {p.how})"


def _ripple_lines(session: Session, ripples: list[Ripple], heading: str) -> list[str]:
    """A heading and one line per ripple: how many, what kind, from where, along which chain."""
    if not ripples:
        return []
    menu = session.game.menu
    customers = {c.id: c.name for c in session.scenario.customers}
    return [heading] + [
        f"{r.weight:.0f} {HARM_WORDS[r.kind]}: "
        + " → ".join([*(menu.target_name(d) for d in r.chain), customers[r.customer]])
        for r in ripples
    ]
