"""How the play screen is drawn: what to highlight, and the still frame and panels it keeps
so that a frame only draws what moves. What is kept is redrawn whenever the view it was
drawn from (`panel_views`) differs from this frame's."""

from __future__ import annotations

import itertools

import pygame

from ripple.scenario.model import handoff_key
from ripple.ui.draw.callout import draw_callout
from ripple.ui.draw.flow import draw_flow
from ripple.ui.draw.panel_views import (
    CardView,
    MoneyView,
    PanelsView,
    StillView,
    banner_text,
    card_view,
    money_view,
    panels_view,
    places,
    still_view,
    story_view,
)
from ripple.ui.draw.panels import (
    draw_banner,
    draw_decisions,
    draw_inspect,
    draw_log,
    draw_money,
    draw_status,
)
from ripple.ui.draw.story import StoryView, draw_story


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
            lit.update(handoff_key(a, b) for a, b in itertools.pairwise(ripple.chain))
            lit.add(f"customer:{ripple.customer}")
        return frozenset(lit)

    def focus(self) -> str | None:
        """The name of what the graph draws in focus: the target being aimed at, or the
        department, hand-off or customer inspected."""
        if self.targeting and self.targets.current:
            return self.targets.current.name
        return self.inspected.split(":", 1)[1] if self.inspected else None

    def draw(self, surface: pygame.Surface) -> None:
        if not self.animating:
            view = still_view(self)
            still = self.app.layer("still")
            if view != self._still_view or still is not self._still:
                self._draw_still(still, view)
                self._still, self._still_view = still, view
            if surface is not still:
                surface.blit(still, (0, 0))
                self._draw_callout(surface)  # over the still frame: it may pulse
            return
        self._still_view = None
        self._draw_graph(surface)
        self._draw_money(surface, money_view(self))
        shown = panels_view(self)
        panels = self.app.layer("panels")
        if shown != self._panels_view or panels is not self._panels:
            self._draw_panels(panels, shown)
            self._panels, self._panels_view = panels, shown
        for rect in (self.status, self.side, self.log):
            surface.blit(self._panels, rect, area=rect)
        self._draw_over(surface, card_view(self), story_view(self), banner_text(self))
        self._draw_callout(surface)

    def _draw_callout(self, surface: pygame.Surface) -> None:
        """The tutorial's callout, unless the turn's story is open over it (it comes back
        when the story closes)."""
        if not self.story_open:
            draw_callout(surface, self.theme, self)

    def _draw_still(self, surface: pygame.Surface, view: StillView) -> None:
        self._draw_graph(surface)
        self._draw_money(surface, view.money)
        self._draw_panels(surface, view.panels)
        self._draw_over(surface, view.card, view.story, view.banner)

    def _draw_over(
        self, surface: pygame.Surface, card: CardView | None, story: StoryView | None, banner: str
    ) -> None:
        """What goes over the graph: the inspect card, the turn's story over that, and a
        banner where it covers neither (over the log strip while the story is open)."""
        where = places(self)
        box = draw_inspect(surface, self.theme, where, card) if card is not None else None
        if story is not None:
            draw_story(surface, self.theme, where.story, story)
        avoid = tuple(r for r in (box, where.story if story else None) if r is not None)
        draw_banner(surface, self.theme, where, banner, avoid)

    def _draw_money(self, surface: pygame.Surface, money: MoneyView | None) -> None:
        """This turn's money under the external customers (none while scores are hidden)."""
        if money is not None:
            draw_money(surface, self.theme, places(self).money, money)

    def _draw_graph(self, surface: pygame.Surface) -> None:
        theme = self.theme
        surface.fill(theme.palette.background)
        t = self.progress
        focus, lit = self.focus(), self.lit()
        before, after = self.session.before, self.session.after
        self.graph.draw_links(surface, theme, before, after, t, focus=focus, lit=lit)
        self.graph.draw_nodes(surface, theme, before, after, t, focus=focus, lit=lit)
        self.graph.draw_chips(surface, theme, before, after, t, focus=focus, lit=lit)
        draw_flow(surface, theme, self.graph, after, t)
        self.graph.draw_customers(surface, theme, after, self.column, focus=focus, lit=lit)
        self.graph.draw_said(surface, theme, after)
        self.graph.draw_legend(surface, theme, self.area)

    def _draw_panels(self, surface: pygame.Surface, view: PanelsView) -> None:
        theme = self.theme
        draw_status(surface, theme, self.status, view.status)
        rows = self.targets if self.targeting else self.menu
        draw_decisions(surface, theme, places(self), rows, view.decisions)
        draw_log(surface, theme, self.log, view.log)
