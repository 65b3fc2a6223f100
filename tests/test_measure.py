"""`ripple validate` measures names without loading pygame, from a table of the shipped
fonts' advances (ripple/ui/glyphs.json): the table is the fonts', and it measures as the
screen draws. `RIPPLE_REGENERATE=1` renews the table after a change of font."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from ripple.paths import SCENARIOS
from ripple.scenario.load import load_scenario
from ripple.ui import measure
from ripple.ui.theme import Theme


def test_the_table_is_that_of_the_shipped_fonts() -> None:
    made = measure.glyph_table()
    if os.environ.get("RIPPLE_REGENERATE"):
        text = json.dumps(made, ensure_ascii=False, separators=(",", ":")) + "\n"
        measure.GLYPHS.write_text(text, encoding="utf-8")
    assert json.loads(measure.GLYPHS.read_text(encoding="utf-8")) == made


def test_the_play_screen_at_1024x768_has_the_body_size_the_table_assumes() -> None:
    theme = Theme(768)
    assert theme.unit == measure.UNIT
    assert all(theme.size(s) == measure.size(s) for s in (0.75, 0.8, 0.9, 1.0, 1.2))


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_name_measures_as_the_screen_draws_it(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    theme = Theme(768)
    names = [d.name for d in scenario.departments] + [c.name for c in scenario.customers]
    names += [i.name for i in scenario.interventions]
    assert names, "no names to measure"
    for name in names:
        for scale, face in ((1.0, "bold"), (0.8, "bold"), (0.9, "bold"), (0.75, "regular")):
            drawn = theme.font(theme.size(scale), face).size(name)[0]
            measured = measure.text_width(name, scale, face)
            # kerning and ligatures are not in the table: within a few pixels
            assert abs(measured - drawn) <= 3, (name, scale, face, drawn, measured)


def test_measuring_loads_no_pygame() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom ripple.ui.measure import text_width\n"
        "print(text_width('Claims Intake', 1.0, 'bold'), 'pygame' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    width, loaded = done.stdout.split()
    assert int(width) > 50 and loaded == "False", done.stderr
    assert pygame  # the test process itself may use pygame to compare
