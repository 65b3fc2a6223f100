"""How the play screen is drawn: what to highlight, and the still frame and panels it keeps
so that a frame only draws what moves."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pygame

from ripple.ui.draw.callout import draw_callout
from ripple.ui.draw.flow import draw_flow
from ripple.ui.draw.panels import (
    draw_banner,
    draw_decisions,
    draw_inspect,
    draw_log,
    draw_status,
)

if TYPE_CHECKING:
    pass


class PlayPicture:
    """The drawing half of the play screen (mixed into PlayScene)."""

    def lit(self) -> frozenset[str]:
        """What to highlight on the graph: the targets of the intervention being aimed, or
        the ripple chains through the inspected customer or from the inspected department."""
        if self.targeting:
            return frozenset(item.name for item in self.targets.items)
        kind, _, key = (self.inspected or "").partition(":")
        if kind == "customer":
            ripples = self.session.ripples(customer=key)[:3]
        elif kind == "dept":
            ripples = self.session.ripples(department=key)[:3]
        else:
            return frozenset()
        lit: set[str] = {self.inspected or ""}
        for ripple in ripples:
            lit.update(ripple.chain)
            lit.update(f"{a}->{b}" for a, b in itertools.pairwise(ripple.chain))
            lit.add(f"customer:{ripple.customer}")
        return frozenset(lit)

    def _panels_key(self) -> tuple[object, ...]:
        """What the scoreboard, decisions and log show: they are redrawn only when it changes."""
        session = self.session
        rows = self.targets if self.targeting else self.menu
        return (
            self.app.size,
            id(self.theme),
            session.after.turn,
            session.resolving,
            session.over,
            session.first is not None,
            tuple(session.chosen),
            self.targeting.id if self.targeting else None,
            tuple(item.enabled for item in rows.items),
            rows.focus,
            rows.first,
            self.message,
        )

    def _scene_key(self) -> tuple[object, ...]:
        """Everything a still frame shows: while nothing moves, the frame is drawn once."""
        return (self._panels_key(), self.inspected, self._focus(), self.lit(), self.banner_time > 0)

    def _focus(self) -> str | None:
        if self.targeting and self.targets.current:
            return self.targets.current.name
        return self.inspected.split(":", 1)[1] if self.inspected else None

    def draw(self, surface: pygame.Surface) -> None:
        if not self.animating:
            key = self._scene_key()
            still = self.app.layer("still")
            if key != self._still_key or still is not self._still:
                self._draw_all(still)
                self._still, self._still_key = still, key
            if surface is not still:
                surface.blit(still, (0, 0))
                draw_callout(surface, self.theme, self)  # over the still frame: it may pulse
            return
        self._still_key = None
        self._draw_graph(surface)
        key = self._panels_key()
        panels = self.app.layer("panels")
        if key != self._panels_key_drawn or panels is not self._panels:
            self._draw_panels(panels)
            self._panels, self._panels_key_drawn = panels, key
        for rect in (self.status, self.side, self.log):
            surface.blit(self._panels, rect, area=rect)
        if self.inspected:
            draw_inspect(surface, self.theme, self)
        draw_banner(surface, self.theme, self)
        draw_callout(surface, self.theme, self)

    def _draw_all(self, surface: pygame.Surface) -> None:
        self._draw_graph(surface)
        self._draw_panels(surface)
        if self.inspected:
            draw_inspect(surface, self.theme, self)
        draw_banner(surface, self.theme, self)

    def _draw_graph(self, surface: pygame.Surface) -> None:
        theme = self.theme
        surface.fill(theme.palette.background)
        t = self.progress
        focus, lit = self._focus(), self.lit()
        before, after = self.session.before, self.session.after
        self.graph.draw_links(surface, theme, before, after, t, focus=focus, lit=lit)
        self.graph.draw_nodes(surface, theme, before, after, t, focus=focus, lit=lit)
        self.graph.draw_chips(surface, theme, before, after, t, focus=focus, lit=lit)
        draw_flow(surface, theme, self.graph, after, t)
        self.graph.draw_customers(surface, theme, after, self.column, focus=focus, lit=lit)
        self.graph.draw_legend(surface, theme, self.area)

    def _draw_panels(self, surface: pygame.Surface) -> None:
        theme = self.theme
        draw_status(surface, theme, self)
        draw_decisions(surface, theme, self)
        draw_log(surface, theme, self.log, self.session, self.message)
