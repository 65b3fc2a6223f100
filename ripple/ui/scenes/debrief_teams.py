"""The debrief's Teams page: how the teams of a workshop compare.

Teams on their own copies of the organisation: every team's satisfaction on one chart, and
per team its results, the biggest ripple it caused and the harm it prevented against the
other teams. Teams sharing one organisation: per team, the departments it ran and the share
of the harm to customers that started there.
"""

from __future__ import annotations

import pygame

from ripple.engine import Game
from ripple.engine.figures import game_outcomes
from ripple.play.session import Session
from ripple.report.charts import teams_chart
from ripple.report.standings import harm_shares
from ripple.ui.draw.charts import Canvas, draw_chart
from ripple.ui.widgets import panel


def harmed(game: Game) -> float:
    """Items that reached customers late, defective or not at all (each counted once a kind)."""
    return sum(game.attribution().values())


def team_lines(session: Session) -> list[tuple[str, list[str]]]:
    """Per team: its name and what to say about it."""
    if session.mode == "roles":
        return _role_lines(session)
    harms = {team: harmed(game) for team, game in session.games.items()}
    lines = []
    for team, game in session.games.items():
        got = game_outcomes(game)
        others = [h for t, h in harms.items() if t != team]
        average = sum(others) / len(others) if others else harms[team]
        prevented = average - harms[team]
        ripples = game.ripples()
        delivered = (
            f"{got.on_time:.0%} on time, {got.defective:.0%} with defects"
            if got.completed
            else f"no {game.scenario.item.many} delivered yet"
        )
        said = [f"{delivered}, satisfaction {got.satisfaction:.0%}"]
        if ripples:
            biggest = ripples[0]
            said.append(
                f"biggest ripple caused: {biggest.weight:.0f} {biggest.kind} from "
                f"{game.menu.target_name(biggest.origin)}"
            )
        if prevented >= 0.5:
            said.append(f"prevented about {prevented:.0f} harmed items against the other teams")
        elif prevented <= -0.5:
            said.append(f"about {-prevented:.0f} more harmed items than the other teams")
        lines.append((team, said))
    return lines


def _role_lines(session: Session) -> list[tuple[str, list[str]]]:
    game = session.game
    shares = harm_shares(game)
    lines = []
    for team in session.teams:
        owned = session.roles.get(team, ())
        names = ", ".join(game.menu.target_name(d) for d in owned)
        share = sum(shares.get(d, 0.0) for d in owned)
        ripples = [r for r in game.ripples() if r.origin in owned]
        said = [f"ran {names}", f"started {share:.0%} of the harm customers felt"]
        if ripples:
            r = ripples[0]
            said.append(f"biggest: {r.weight:.0f} {r.kind} from {game.menu.target_name(r.origin)}")
        lines.append((team, said))
    return lines


def draw_teams(canvas: Canvas, area: pygame.Rect, session: Session) -> None:
    """The chart (teams on their own copies) beside one card per team."""
    theme = canvas.theme
    gap = theme.unit // 2
    cards = area
    if session.mode == "hotseat":
        chart_area = pygame.Rect(area.x, area.y, area.width * 11 // 20, area.height)
        draw_chart(canvas, chart_area, teams_chart(session.games))
        cards = pygame.Rect(
            chart_area.right + gap, area.y, area.right - chart_area.right - gap, area.height
        )
    entries = team_lines(session)
    height = min(
        (cards.height - gap * (len(entries) - 1)) // max(1, len(entries)), round(theme.unit * 8)
    )
    for k, (team, said) in enumerate(entries):
        rect = pygame.Rect(cards.x, cards.y + k * (height + gap), cards.width, height)
        panel(canvas.surface, rect, theme.palette.panel, edge=theme.palette.edge)
        pad = theme.unit // 2
        at = (rect.x + pad, rect.y + pad // 2)
        y = canvas.line(team, at, rect.width - 2 * pad, scale=1.1, face="bold").bottom
        for line in said:
            for piece in theme.wrap(line, rect.width - 2 * pad, 0.95):
                if y + canvas.height(0.95) > rect.bottom - 2:
                    break
                y = canvas.text(piece, (rect.x + pad, y), scale=0.95).bottom
