"""The turn told so a room can follow it: L opens the whole last turn over the graph, part by
part under plain headings, paging when it does not fit; the log strip leads with what reached
customers and what internal customers said; this turn's money shows (and hides with the
scores); what an internal customer said when asked sits beside its hand-off (on a big screen
too, where it may have to go a little further off), its words padded alike on either side."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from ripple.engine import Decision
from ripple.engine.policies import POLICIES
from ripple.ui.app import App
from ripple.ui.draw import story as story_module
from ripple.ui.draw.panel_views import amount, log_view, money_view, still_view, story_view
from ripple.ui.draw.story import HEADINGS, StoryView, lay_out, page_count, story_parts
from ripple.ui.pilot import Pilot
from ripple.ui.scenes.play import PlayScene
from tests.test_readability import Drawn, noted, play_screen


def playing(
    turns: int,
    policy: str = "customer",
    *,
    size: tuple[int, int] = (1024, 768),
    projector: bool = False,
    **options: Any,
) -> tuple[App, Pilot, PlayScene]:
    """The claims game on screen, `turns` played as `policy` would, the last one shown."""
    app, scene, pilot = play_screen("claims", projector, turns, policy, size=size, **options)
    return app, pilot, scene


def frame(app: App) -> bytes:
    return pygame.image.tobytes(app.screen, "RGB")


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[Drawn]:
    """Every text the story panel draws, in order."""
    return noted(monkeypatch, story_module, "blit")


# --- opening and closing ------------------------------------------------------------------


def test_l_opens_the_story_and_l_esc_or_the_log_strip_close_it() -> None:
    app, pilot, scene = playing(2)
    closed = frame(app)
    pilot.press(pygame.K_l)
    assert scene.story_open and "story" in scene.hotspots
    assert still_view(scene).story is not None
    assert frame(app) != closed, "L changed nothing on screen"
    assert scene.hit(scene.story.center) == "story", "the story is not the thing clicked"
    pilot.press(pygame.K_l)
    assert not scene.story_open and "story" not in scene.hotspots
    assert frame(app) == closed, "the screen did not come back as it was"

    pilot.press(pygame.K_l)
    pilot.press(pygame.K_ESCAPE)
    assert not scene.story_open
    assert app.top is scene, "Esc on the story asked to leave the game"

    pilot.click("log")
    assert scene.story_open, "a click on the log strip did not open the story"
    pilot.click("log")
    assert not scene.story_open
    scene.session.close()


def test_ending_the_turn_closes_the_story_so_the_ripple_is_watched() -> None:
    _app, pilot, scene = playing(1)
    pilot.press(pygame.K_l)
    pilot.press(pygame.K_e)
    assert not scene.story_open
    scene.session.close()


def test_before_the_first_turn_the_story_says_what_to_do() -> None:
    _app, pilot, scene = playing(0)
    pilot.press(pygame.K_l)
    view = story_view(scene)
    assert view is not None and view.title == "Before turn 1"
    assert "End turn (E)" in view.parts[0][1][0]
    scene.session.close()


# --- every line, under its heading ----------------------------------------------------------


def _pages_read(pilot: Pilot, scene: PlayScene, told: list[Drawn]) -> tuple[int, str]:
    """Open the story and read it page by page with the Down key: how many pages, and
    everything drawn, in order."""
    told.clear()
    pilot.press(pygame.K_l)
    pages = page_count(scene.theme, scene.story, story_view(scene) or StoryView("", ()))
    for _ in range(pages - 1):
        pilot.press(pygame.K_DOWN)
    return pages, " ".join(drawn.what for drawn in told)


def test_the_story_tells_every_line_of_the_turn_under_its_heading(told: list[Drawn]) -> None:
    _app, pilot, scene = playing(5, "customer")
    report = scene.session.after.report
    assert report is not None and len(report.sections) >= 3, "too quiet a turn to tell"
    pages, text = _pages_read(pilot, scene, told)
    assert text.startswith(f"Turn {report.turn}: the whole story")
    at = 0
    for section, lines in report.sections:
        at = text.find(HEADINGS[section], at)
        assert at >= 0, f"no heading '{HEADINGS[section]}' (in order) for {section}"
        for line in lines:
            at = text.find(f"· {line}", at)
            assert at >= 0, f"'{line}' is not told under '{HEADINGS[section]}'"
    assert pages >= 1
    scene.session.close()


def test_only_the_parts_with_lines_are_headed() -> None:
    sections = (("decisions", ("A talk.",)), ("events", ()), ("customers", ("Late.", "Wrong.")))
    assert story_parts(sections) == (
        ("You decided", ("A talk.",)),
        ("What reached customers, and where it started", ("Late.", "Wrong.")),
    )
    assert story_parts(sections, "Red decided")[0][0] == "Red decided"


# --- paging -----------------------------------------------------------------------------------


def _long_story() -> StoryView:
    """More than any panel holds: seven parts of twelve long sentences each."""
    words = "and the work waited at the hand-off for another turn"
    return StoryView(
        "Turn 9: the whole story",
        tuple(
            (heading, tuple(f"{heading} {n}: {words}, {words}." for n in range(12)))
            for heading in HEADINGS.values()
        ),
    )


def test_a_long_story_pages_keeping_each_sentence_whole_and_no_heading_last() -> None:
    pygame.font.init()
    app = App((1024, 768), sound=False, projector=True)
    theme = app.theme
    rect = pygame.Rect(12, 60, 700, 580)
    view = _long_story()
    laid = lay_out(theme, rect, view)
    assert len(laid.pages) > 1 and laid.scale == story_module.SCALES[-1]
    sentences = [b for page in laid.pages for b in page if not b.heading]
    assert len(sentences) == sum(len(lines) for _, lines in view.parts), "a sentence is lost"
    for page in laid.pages:
        assert not page[-1].heading, "a heading ends a page"
    continued = [p[0].lines[0] for p in laid.pages[1:] if p[0].lines[0].endswith("(continued)")]
    assert continued, "a page going on with a part does not head it again"
    _, body, _ = story_module.regions(theme, rect)
    for page in laid.pages:
        assert story_module._height(theme, list(page), laid.scale) <= body.height


def test_the_keys_the_wheel_and_a_click_turn_the_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    app, pilot, scene = playing(1)
    long = _long_story()
    monkeypatch.setattr("ripple.ui.draw.panel_views.story_parts", lambda *_: long.parts)
    pilot.press(pygame.K_l)
    pages = page_count(scene.theme, scene.story, long)
    assert pages > 2
    first = frame(app)
    pilot.press(pygame.K_DOWN)
    assert scene.story_page == 1 and frame(app) != first, "Down did not turn the page"
    pilot.press(pygame.K_UP)
    assert scene.story_page == 0 and frame(app) == first
    pilot.press(pygame.K_PAGEDOWN)
    assert scene.story_page == 1
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1))
    pilot.frames(1)
    assert scene.story_page == 2, "the wheel did not turn the page"
    pilot.press(pygame.K_PAGEUP)
    pilot.click("story")
    assert scene.story_page == 2, "a click on the story did not turn the page"
    for _ in range(pages + 2):
        pilot.press(pygame.K_DOWN)
    assert scene.story_page == pages - 1, "paged past the last page"
    pilot.click("story")
    assert not scene.story_open, "a click on the last page did not close the story"
    scene.session.close()


# --- the strip --------------------------------------------------------------------------------


def test_the_strip_leads_with_customers_and_voices_not_the_decisions() -> None:
    _app, _pilot, scene = playing(5, "customer")
    report = scene.session.after.report
    assert report is not None
    parts = dict(report.sections)
    assert parts.get("decisions"), "no decisions to keep out of the lead"
    assert parts.get("customers") or parts.get("voices"), "nothing telling this turn"
    view = log_view(scene)
    lead = (parts.get("customers") or parts["voices"])[0]
    assert view.lines[0] == f"Turn {report.turn}: {lead}"
    assert not any(d in line for d in parts["decisions"] for line in view.lines)
    assert view.hint == "L: the whole turn"
    scene.message = "Time is up."
    assert log_view(scene).said == "Time is up."
    scene.session.close()


def test_before_the_first_turn_the_strip_says_how_to_start() -> None:
    _app, _pilot, scene = playing(0)
    view = log_view(scene)
    assert view.lines[0].startswith("Choose your decisions for turn 1") and not view.hint
    scene.session.close()


# --- money ------------------------------------------------------------------------------------


def test_this_turns_money_shows_and_hides_with_the_scores() -> None:
    app, pilot, scene = playing(4, "silo")
    money = scene.session.after.money
    view = money_view(scene)
    assert view is not None
    assert view.earned == f"{amount(money.revenue)} in"
    assert view.lost == f"{amount(money.failure)} lost to failure"
    assert view.detail == (
        f"rework {amount(money.rework)}",
        f"complaints {amount(money.complaints)}",
    )
    box = scene.money
    assert box.colliderect(scene.column) and not any(
        box.colliderect(r) for r in scene.graph.customers.values()
    ), "the money covers a customer"
    shown = app.screen.subsurface(box).copy()
    pilot.press(pygame.K_s)
    assert money_view(scene) is None
    hidden = app.screen.subsurface(box)
    assert pygame.image.tobytes(hidden, "RGB") != pygame.image.tobytes(shown, "RGB")
    background = scene.theme.palette.background
    assert all(
        hidden.get_at((x, y))[:3] == background
        for x in range(0, box.width, 7)
        for y in range(0, min(box.height, scene.theme.unit * 5), 5)
    ), "the money still shows with the scores hidden"
    pilot.press(pygame.K_s)
    assert money_view(scene) == view
    scene.session.close()


def test_an_amount_reads_whole_unless_it_has_a_part_worth_telling() -> None:
    assert [amount(v) for v in (0.0, 12.0, 1.5, 2.04, 1234.0)] == ["0", "12", "1.5", "2", "1,234"]


# --- what internal customers said -----------------------------------------------------------


def test_what_an_internal_customer_said_shows_beside_its_hand_off() -> None:
    app, pilot, scene = playing(0)
    key = "intake->assessment"
    assert not scene.graph.said(scene.theme, scene.session.after), "said before anyone asked"
    scene.choose(Decision("talk", key))  # the standard menu's talk listens for three turns
    assert scene.session.chosen == [Decision("talk", key)], scene.message
    pilot.press(pygame.K_e)
    pilot.until(lambda: not scene.session.resolving and not scene.animating)
    pilot.frames(2)
    handoff = scene.session.after.handoff(key)
    assert handoff.said, "the talk heard nothing"
    bubbles = {b.key: b for b in scene.graph.said(scene.theme, scene.session.after)}
    assert key in bubbles, "no bubble beside the hand-off asked"
    bubble = bubbles[key]
    assert " ".join(bubble.label.lines) == handoff.said.replace(", ", " · ")
    assert not bubble.label.cut
    graph = scene.graph
    taken = [*graph.nodes.values(), *graph.chips.values(), *graph.customers.values()]
    assert bubble.box.collidelist(taken) < 0, "the bubble hides a department, chip or customer"
    assert scene.area.contains(bubble.box)
    chip = graph.chips[key]
    assert bubble.box.inflate(2 * scene.theme.unit, 2 * scene.theme.unit).colliderect(chip)
    assert app.screen.get_at(bubble.box.center)[:3] != scene.theme.palette.background
    others = [b.box for b in bubbles.values() if b is not bubble]
    assert bubble.box.collidelist(others) < 0, "two bubbles overlap"
    scene.session.close()


def test_on_a_big_screen_every_internal_customer_asked_is_heard_beside_its_hand_off() -> None:
    """At 1920x1080, after every turn of a customer-minded game, each hand-off whose internal
    customer said something has its bubble, even where departments sit close on either side
    of its chip: the bubble hides no department, chip, customer or other bubble, stays in the
    graph, and its pointer runs to the chip across none of them."""
    _app, pilot, scene = playing(0, size=(1920, 1080))
    graph, session = scene.graph, scene.session
    heard = 0
    while not session.over:
        for decision in POLICIES["customer"](session.game):
            session.choose(decision)
        pilot.press(pygame.K_e)
        pilot.until(lambda: not session.resolving and not scene.animating)
        after = session.after
        asked = {h.key for h in after.handoffs if h.said}
        bubbles = graph.said(scene.theme, after)
        where = f"turn {after.turn}"
        assert {b.key for b in bubbles} == asked, f"{where}: said but not shown"
        taken = [*graph.nodes.values(), *graph.chips.values(), *graph.customers.values()]
        for bubble in bubbles:
            others = taken + [b.box for b in bubbles if b is not bubble]
            assert bubble.box.collidelist(others) < 0, f"{where}: {bubble.key} hides something"
            assert graph.room.contains(bubble.box), f"{where}: {bubble.key} out of the graph"
            chip = graph.chips[bubble.key]
            assert chip.inflate(2, 2).collidepoint(bubble.tail), f"{where}: points elsewhere"
            box, (x, y) = bubble.box, bubble.tail
            base = (max(box.left, min(box.right - 1, x)), max(box.top, min(box.bottom - 1, y)))
            pointer = (base, bubble.tail)
            crossed = [r for r in others if r is not chip and r.clipline(pointer)]
            assert not crossed, f"{where}: {bubble.key}'s pointer crosses {crossed}"
        heard += len(asked)
    assert heard, "nobody was asked all game"
    session.close()


def test_what_was_said_has_as_much_room_left_of_it_as_right() -> None:
    """The words in a bubble sit as far from its left edge (by the pointer) as from its
    right, with room inside the edge, normal and projector."""
    for projector in (False, True):
        _app, _pilot, scene = playing(5, projector=projector)
        theme = scene.theme
        surface = pygame.Surface(scene.app.size)
        surface.fill(theme.palette.background)
        scene.graph.draw_said(surface, theme, scene.session.after)
        bubbles = scene.graph.said(theme, scene.session.after)
        assert bubbles, "no bubble to look at"
        raised = sum(theme.palette.raised)
        for bubble in bubbles:
            box = bubble.box
            inside = range(box.left + theme.line, box.right - theme.line)
            middle = range(box.centery - theme.unit // 4, box.centery + theme.unit // 4)
            ink = [
                x for x in inside for y in middle if sum(surface.get_at((x, y))[:3]) > raised + 150
            ]
            assert ink, f"{bubble.key}: no words drawn"
            left, right = min(ink) - box.left, box.right - 1 - max(ink)
            assert abs(left - right) <= 1, f"{bubble.key}: {left} px left, {right} px right"
            room = left - theme.line  # clear of the edge
            assert room >= max(3, theme.unit // 4), f"{bubble.key}: the words touch the edge"
        scene.session.close()


# --- what if and teams ------------------------------------------------------------------------


def test_a_what_if_tells_the_turn_gone_back_to() -> None:
    _app, pilot, scene = playing(4)
    session = scene.session
    assert session.branch(2) is None
    scene.rewound(2)
    pilot.frames(2)
    pilot.press(pygame.K_l)
    view = story_view(scene)
    report = session.after.report
    assert view is not None and report is not None and report.turn == 2
    assert view.title == "What if, turn 2: the whole story"
    assert view.parts == story_parts(report.sections)
    session.close()


def test_a_workshop_team_reads_its_own_turn() -> None:
    _app, pilot, scene = playing(2, teams=("Red", "Blue"))  # Red's board is shown again
    pilot.press(pygame.K_l)
    view = story_view(scene)
    assert view is not None and view.title == "Red, turn 1: the whole story"
    assert any(heading == "Red decided" for heading, _ in view.parts)
    scene.session.close()
