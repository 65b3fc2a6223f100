"""Colours, sizes and text for every screen: readable from the back of a room.

Text size follows the window's height, with a floor, so 1024x768 on a projector and a 4K
screen both read well. Colours come from the Okabe-Ito palette, which colour-blind people can
tell apart, and nothing is shown by colour alone: shapes, icons and words say it too.
`projector=True` selects high contrast and larger text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pygame

from ripple.paths import FONTS

Colour = tuple[int, int, int]

ORANGE: Colour = (230, 159, 0)
SKY: Colour = (86, 180, 233)
GREEN: Colour = (0, 158, 115)
YELLOW: Colour = (240, 228, 66)
BLUE: Colour = (0, 114, 178)
VERMILLION: Colour = (213, 94, 0)
PURPLE: Colour = (204, 121, 167)


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one theme."""

    background: Colour
    panel: Colour
    raised: Colour
    edge: Colour
    text: Colour
    muted: Colour
    focus: Colour
    good: Colour
    warn: Colour
    bad: Colour
    info: Colour
    chosen: Colour


STANDARD = Palette(
    background=(22, 24, 30),
    panel=(34, 38, 47),
    raised=(48, 53, 64),
    edge=(92, 100, 116),
    text=(236, 239, 244),
    muted=(160, 168, 182),
    focus=YELLOW,
    good=GREEN,
    warn=ORANGE,
    bad=VERMILLION,
    info=SKY,
    chosen=BLUE,
)

PROJECTOR = Palette(
    background=(0, 0, 0),
    panel=(16, 16, 16),
    raised=(40, 40, 40),
    edge=(200, 200, 200),
    text=(255, 255, 255),
    muted=(215, 215, 215),
    focus=YELLOW,
    good=GREEN,
    warn=ORANGE,
    bad=VERMILLION,
    info=SKY,
    chosen=BLUE,
)

_FACES = {
    "regular": "Inter-Regular.otf",
    "bold": "Inter-SemiBold.otf",
    "symbols": "DejaVuSans.ttf",
}

SCALES = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 1.8)
"""The text sizes screens use, relative to the body size: loaded before the first frame."""

FLOOR = 0.75
"""The smallest size a label shrinks to before it wraps or is cut: still read from the back."""

ELLIPSIS = "…"
"""The mark at the end of text cut short: the last resort, after shrinking and wrapping."""

_LETTERS = "".join(chr(c) for c in range(32, 127)) + "…·→▶▲▼✓✗⚠☺"
_FILES: dict[str, bytes | None] = {}
_FONTS: dict[tuple[str, int], pygame.font.Font] = {}


def _font(face: str, size: int) -> pygame.font.Font:
    """A font, shared by every theme; the file is read once (the built-in font if it is missing)."""
    key = (face, size)
    font = _FONTS.get(key)
    if font is None:
        if face not in _FILES:
            path = FONTS / _FACES[face]
            _FILES[face] = path.read_bytes() if path.exists() else None
        data = _FILES[face]
        font = pygame.font.Font(io.BytesIO(data) if data else None, size)
        _FONTS[key] = font
    return font


@dataclass(frozen=True, slots=True)
class Label:
    """Text laid out for a box: its lines, the size and face they are drawn at."""

    lines: tuple[str, ...]
    scale: float
    face: str = "regular"

    @property
    def cut(self) -> bool:
        """True when the text did not fit and its last line ends in an ellipsis."""
        return bool(self.lines) and self.lines[-1].endswith(ELLIPSIS)


class Theme:
    """Palette, sizes and cached text for a window of a given height."""

    def __init__(self, height: int, *, projector: bool = False) -> None:
        self.projector = projector
        self.palette = PROJECTOR if projector else STANDARD
        self.unit = max(16 if projector else 14, round(height / (34 if projector else 44)))
        self._texts: dict[tuple[str, int, Colour, str], pygame.Surface] = {}
        self._fits: dict[tuple[str, int, float, str], str] = {}
        self._wraps: dict[tuple[str, int, float, str], tuple[str, ...]] = {}
        self._labels: dict[tuple[str, int, int, float, float, str], Label] = {}

    @property
    def line(self) -> int:
        """Width of ordinary lines; focus outlines are twice as wide."""
        return max(1, round(self.unit / (7 if self.projector else 9)))

    def size(self, scale: float) -> int:
        """A text size, `scale` times the body size."""
        return max(10, round(self.unit * scale))

    def font(self, size: int, face: str = "regular") -> pygame.font.Font:
        """The font of `face` at `size` pixels."""
        return _font(face, size)

    def warm(self) -> None:
        """Load every font the screens use, and their letters, before any frame needs them."""
        for scale in SCALES:
            for face in _FACES:
                font = self.font(self.size(scale), face)
                font.render(_LETTERS, True, self.palette.text)

    def text(
        self, text: str, scale: float = 1.0, colour: Colour | None = None, face: str = "regular"
    ) -> pygame.Surface:
        """Rendered text, cached: drawing the same words twice costs nothing."""
        size = self.size(scale)
        colour = colour or self.palette.text
        key = (text, size, colour, face)
        surface = self._texts.get(key)
        if surface is None:
            if len(self._texts) > 4000:
                self._texts.clear()
            surface = self.font(size, face).render(text, True, colour)
            self._texts[key] = surface
        return surface

    def leading(self, scale: float = 1.0, face: str = "regular") -> int:
        """The distance from one line of text to the next at `scale`."""
        return self.font(self.size(scale), face).get_height()

    def width(self, text: str, scale: float = 1.0, face: str = "regular") -> int:
        """How wide `text` is at `scale`."""
        return self.font(self.size(scale), face).size(text)[0]

    def largest(
        self,
        text: str,
        width: int,
        scale: float = 1.0,
        floor: float = FLOOR,
        face: str = "regular",
    ) -> float | None:
        """The largest size from `scale` down to `floor` at which `text` fits `width` on one
        line, or None when it does not fit even at `floor`."""
        for size in _sizes(scale, floor):
            if self.width(text, size, face) <= width:
                return size
        return None

    def label(
        self,
        text: str,
        width: int,
        height: int,
        scale: float = 1.0,
        floor: float = FLOOR,
        face: str = "regular",
    ) -> Label:
        """`text` laid out in a box of `width` by `height`: on one line at the largest size
        down to `floor`; else wrapped onto as many lines as the box holds, at the largest size
        that fits; only else cut with an ellipsis at `floor`. The box holds a line's ink: the
        last line needs its size in pixels, the others their leading (cached)."""
        key = (text, width, height, scale, floor, face)
        found = self._labels.get(key)
        if found is None:
            if len(self._labels) > 4000:
                self._labels.clear()
            found = self._label(text, width, height, scale, floor, face)
            self._labels[key] = found
        return found

    def _label(
        self, text: str, width: int, height: int, scale: float, floor: float, face: str
    ) -> Label:
        one = self.largest(text, width, scale, floor, face)
        if one is not None:
            return Label((text,), one, face)
        for size in _sizes(scale, floor):
            lines = self.wrap(text, width, size, face)
            wide = any(self.width(line, size, face) > width for line in lines)
            if not wide and self._lines_in(height, size, face) >= len(lines):
                return Label(tuple(lines), size, face)
        keep = max(1, self._lines_in(height, floor, face))
        lines = self.wrap(text, width, floor, face)
        shown = lines[: keep - 1]
        rest = " ".join(lines[keep - 1 :])
        return Label((*shown, self.fit(rest + ELLIPSIS, width, floor, face)), floor, face)

    def _lines_in(self, height: int, scale: float, face: str) -> int:
        """How many lines of text at `scale` a box `height` tall holds."""
        return max(0, (height - self.size(scale)) // self.leading(scale, face) + 1)

    def fit(self, text: str, width: int, scale: float = 1.0, face: str = "regular") -> str:
        """`text`, shortened with an ellipsis if it would be wider than `width` (cached)."""
        key = (text, width, scale, face)
        if key not in self._fits:
            if len(self._fits) > 4000:
                self._fits.clear()
            self._fits[key] = self._fit(text, width, scale, face)
        return self._fits[key]

    def wrap(self, text: str, width: int, scale: float = 1.0, face: str = "regular") -> list[str]:
        """`text` broken into lines no wider than `width` (cached)."""
        key = (text, width, scale, face)
        if key not in self._wraps:
            if len(self._wraps) > 4000:
                self._wraps.clear()
            self._wraps[key] = self._wrap(text, width, scale, face)
        return list(self._wraps[key])

    def _fit(self, text: str, width: int, scale: float, face: str) -> str:
        font = self.font(self.size(scale), face)
        if font.size(text)[0] <= width:
            return text
        whole = text
        while text and font.size(text + ELLIPSIS)[0] > width:
            text = text[:-1]
        # end on a whole word when that keeps most of what fits: "Reward right first…"
        words = text.rsplit(" ", 1)[0] if " " in text and whole[len(text)] != " " else text
        if len(words) >= 0.6 * len(text):
            text = words
        return text.rstrip(" ,;:·-→") + ELLIPSIS

    def _wrap(self, text: str, width: int, scale: float, face: str) -> tuple[str, ...]:
        font = self.font(self.size(scale), face)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                trial = f"{line} {word}".strip()
                if font.size(trial)[0] <= width or not line:
                    line = trial
                else:
                    lines.append(line)
                    line = word
            lines.append(line)
        return tuple(lines)


def _sizes(scale: float, floor: float) -> list[float]:
    """`scale`, then every smaller size of SCALES down to `floor`: the sizes a label tries."""
    return [scale, *(size for size in reversed(SCALES) if floor <= size < scale)]
