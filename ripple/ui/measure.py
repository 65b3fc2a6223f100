"""How wide a name is on the play screen at 1024x768, in the shipped fonts, without loading
pygame: `ripple validate` measures names with this, so checking a file starts no front end.

The widths come from a table of each letter's advance at each text size
(`ripple/ui/glyphs.json`), read from the fonts by `glyph_table()`; a test renews it when the
fonts change and checks it against pygame's own measure.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ripple.paths import FONTS

GLYPHS = Path(__file__).with_name("glyphs.json")
"""The table of advances: {"characters": ..., "advances": {face: {size: [advance, ...]}}}."""

UNIT = 17
"""The body text size of the 1024x768 play screen (`Theme(768).unit`; a test holds them
equal)."""

FACES = {"regular": "Inter-Regular.otf", "bold": "Inter-SemiBold.otf"}
"""The faces names are drawn in, and their font files."""

SIZES = range(10, 25)
"""The text sizes in pixels the table holds: every size names get at 1024x768."""

CHARACTERS = (
    "".join(chr(c) for c in range(32, 127))
    + "".join(chr(c) for c in range(0xA0, 0x180))
    + "‘’“”–—…·→"
)
"""The letters the table holds: ASCII and Latin-1 and Latin Extended-A, and punctuation."""


def size(scale: float) -> int:
    """A text size in pixels at 1024x768, as the theme works it out."""
    return max(10, round(UNIT * scale))


@functools.cache
def _table() -> tuple[dict[str, int], dict[tuple[str, int], list[int]]]:
    data = json.loads(GLYPHS.read_text(encoding="utf-8"))
    index = {char: k for k, char in enumerate(data["characters"])}
    advances = {
        (face, int(px)): list(row)
        for face, sizes in data["advances"].items()
        for px, row in sizes.items()
    }
    return index, advances


def text_width(text: str, scale: float, face: str) -> int:
    """How many pixels `text` takes at `scale` in `face` ("regular" or "bold") at 1024x768:
    the sum of its letters' advances less the pixel the font's own measure leaves off the
    last one (a letter the table lacks counts as an "M"). Kerning and ligatures are not in
    the table, so a name can measure a few pixels off what it draws."""
    index, advances = _table()
    row = advances[(face, min(max(size(scale), SIZES[0]), SIZES[-1]))]
    wide = row[index["M"]]
    total = sum(row[index[char]] if char in index else wide for char in text)
    return max(0, total - 1)


def glyph_table() -> dict[str, Any]:
    """The table, read from the shipped fonts with pygame (only to renew `glyphs.json`)."""
    import pygame

    pygame.font.init()
    advances: dict[str, dict[str, list[int]]] = {}
    for face, file in FACES.items():
        advances[face] = {}
        for px in SIZES:
            font = pygame.font.Font(str(FONTS / file), px)
            advances[face][str(px)] = [m[4] if m else 0 for m in font.metrics(CHARACTERS)]
    return {"characters": CHARACTERS, "advances": advances}
