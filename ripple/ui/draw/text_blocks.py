"""Paragraphs laid out before they are drawn, so a page can pick the largest size at which
its text fits and never let words run over each other or out of their boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ripple.ui.draw.charts import Canvas

SMALLEST = 0.85
"""The smallest body text a page lays out: it still reads from the back of a room."""


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph laid out in lines, at one size, face and palette colour; lines after the
    first are indented by `hang` (a bullet's width)."""

    lines: tuple[str, ...]
    scale: float
    face: str = "regular"
    tone: str = "text"
    hang: int = 0

    def height(self, canvas: Canvas) -> int:
        """How tall the paragraph is."""
        return len(self.lines) * canvas.height(self.scale)

    def draw(self, canvas: Canvas, x: int, y: int) -> int:
        """Draw it with its top left at (x, y); returns its bottom."""
        colour = getattr(canvas.theme.palette, self.tone)
        for k, line in enumerate(self.lines):
            indent = self.hang if k else 0
            y = canvas.text(
                line, (x + indent, y), scale=self.scale, colour=colour, face=self.face
            ).bottom
        return y

    def cut(self, canvas: Canvas, height: int) -> Text:
        """As many lines as fit in `height`, the last ending in an ellipsis if any were cut."""
        keep = max(0, height // canvas.height(self.scale))
        if keep >= len(self.lines):
            return self
        lines = list(self.lines[:keep])
        if lines:
            lines[-1] = lines[-1].rstrip(".,;: ") + "…"
        return Text(tuple(lines), self.scale, self.face, self.tone, self.hang)


def paragraph(
    canvas: Canvas, text: str, width: int, scale: float, face: str = "regular", tone: str = "text"
) -> Text:
    """`text` wrapped to `width`."""
    return Text(tuple(canvas.theme.wrap(text, width, scale, face)), scale, face, tone)


def fact(canvas: Canvas, text: str, width: int, scale: float, tone: str) -> Text:
    """A fact after a bullet, wrapped under its own first word."""
    hang = canvas.width("· ", scale)
    first, *more = canvas.theme.wrap(text, width - hang, scale)
    return Text(("· " + first, *more), scale, tone=tone, hang=hang)


def facts_that_fit(
    canvas: Canvas, facts: Sequence[str], width: int, height: int, tone: str
) -> list[Text]:
    """The facts at the largest size at which all fit `height` (else at the smallest size, as
    many whole facts as fit)."""
    for scale in (1.0, 0.95, 0.9, SMALLEST):
        laid = [fact(canvas, f, width, scale, tone) for f in facts]
        if sum(t.height(canvas) for t in laid) <= height:
            return laid
    kept, used = [], 0
    for text in laid:
        used += text.height(canvas)
        if used > height:
            break
        kept.append(text)
    return kept


def first_sentence(text: str) -> str:
    """The first sentence of `text` (all of it if it has one)."""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
