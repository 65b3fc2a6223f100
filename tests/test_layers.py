"""The layers hold: the import contracts in pyproject.toml (every import, those inside
functions too), and the headless commands load no front end."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout and "kept" in done.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["simulate"],
        ["validate"],
        ["validate", str(ROOT / "scenarios" / "software.yaml")],
        ["simulate", "--json"],
        ["simulate", "--runs", "3", "--jobs", "1"],
        ["balance", "--runs", "3", "--jobs", "1", str(ROOT / "scenarios" / "claims.yaml")],
        ["export", "--help"],
    ],
)
def test_headless_commands_load_no_front_end(command: list[str]) -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from ripple.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({command!r})\n"
        "print('pygame' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False", f"{command} loaded pygame"
