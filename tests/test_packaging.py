"""Packaging: the wheel carries the scenarios and fonts, and an install from it works alone.

The wheel is built once from a copy of the checkout (so the build leaves nothing in it),
installed without -e and without network into a fresh virtual environment, and its `ripple`
command is run from another folder. The runtime dependencies come from this environment
through a `.pth` line, which adds that folder to the path without processing its own `.pth`
files, so the editable install of the checkout stays out of the way.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parent.parent

# What the copy leaves out: version control, environments, caches and build output.
SKIPPED = {
    ".git",
    ".venv",
    "build",
    "dist",
    ".hypothesis",
    "benchmarks/out",
    "tests/screens/failed",
}

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]

SIZE = "800x600"

PROBE = """
import json, sys
import networkx, numpy, pydantic, pygame, yaml
import ripple
from ripple import paths
print(json.dumps({
    "ripple": ripple.__file__,
    "pygame": pygame.__file__,
    "in_checkout": paths.IN_CHECKOUT,
    "scenarios": str(paths.SCENARIOS),
    "default": str(paths.DEFAULT_SCENARIO),
    "tutorial": str(paths.TUTORIAL_SCENARIO),
    "fonts": str(paths.FONTS),
    "editable": sorted(m for m in sys.modules if m.startswith("__editable__")),
}))
"""


@dataclass(frozen=True)
class Install:
    """A fresh virtual environment with the wheel installed, and where to run it from."""

    venv: Path
    wheel: Path
    source: Path
    cwd: Path
    env: dict[str, str]

    @property
    def ripple(self) -> Path:
        """The installed console script."""
        return self.venv / "bin" / "ripple"

    def run(
        self, *args: str | Path, command: Path | None = None, from_source: bool = False
    ) -> subprocess.CompletedProcess:
        """Run `ripple ARGS` (or another command) from the outside folder; it must succeed.

        `from_source` runs the copy of the checkout the wheel was built from, in place,
        instead: the same code, so edits made to the checkout meanwhile make no difference.
        """
        env = self.env | {"PYTHONPATH": str(self.source)} if from_source else self.env
        done = subprocess.run(
            [command or self.ripple, *args],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}{done.stderr}"
        return done


def _skipped(folder: str, names: list[str]) -> set[str]:
    where = Path(folder).relative_to(ROOT)
    return {
        name
        for name in names
        if (where / name).as_posix() in SKIPPED
        or name == "__pycache__"
        or name.endswith(("_cache", ".egg-info"))
    }


def _check(command: list[str | Path]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def install(tmp_path_factory: pytest.TempPathFactory) -> Install:
    """Build the wheel, install it into a fresh environment, and make its dependencies found."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_skipped)
    # No build isolation, so nothing is downloaded: this environment's setuptools builds it.
    _check(
        [
            *PIP,
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            work / "dist",
            source,
        ]
    )
    (wheel,) = (work / "dist").glob("ripple_effect-*.whl")

    venv = work / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    _check([*PIP, "--python", python, "install", "--no-deps", "--no-index", "-q", wheel])
    # Only after the install, so pip never sees this environment's packages as the new one's.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(site) / "ripple-dependencies.pth").write_text("".join(f"{p}\n" for p in ours))

    cwd = work / "elsewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env.pop("VIRTUAL_ENV", None)
    env |= {
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "RIPPLE_DATA_DIR": str(work / "data"),
    }
    return Install(venv=venv, wheel=wheel, source=source, cwd=cwd, env=env)


def test_the_wheel_carries_the_code_scenarios_and_fonts(install: Install) -> None:
    names = set(zipfile.ZipFile(install.wheel).namelist())
    data = {
        f"ripple/scenarios/{p.name}"
        for p in (ROOT / "scenarios").iterdir()
        if p.suffix == ".yaml" or p.name == "scenario.schema.json"
    }
    fonts = {f"ripple/assets/fonts/{p.name}" for p in (ROOT / "assets" / "fonts").iterdir()}
    code = {p.relative_to(ROOT).as_posix() for p in (ROOT / "ripple").rglob("*.py")}
    assert {"ripple/scenarios/claims.yaml", "ripple/scenarios/tutorial.yaml"} <= data
    assert {"ripple/assets/fonts/Inter-SemiBold.otf", "ripple/assets/fonts/README.md"} <= fonts
    assert data <= names
    assert fonts <= names
    # A subpackage missing from [tool.setuptools] packages in pyproject.toml shows up here.
    assert code - names == set()
    assert {"ripple/py.typed", "ripple/scenario/starter.yaml"} <= names
    # Everything inside the package: nothing lands at the top of site-packages.
    top = {n.split("/")[0] for n in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"ripple"}


def test_the_installed_package_is_the_wheel_not_the_checkout(install: Install) -> None:
    done = install.run("-c", PROBE, command=install.venv / "bin" / "python")
    found = json.loads(done.stdout.splitlines()[-1])
    venv = install.venv.resolve()
    package = Path(found["ripple"]).resolve().parent
    assert package.is_relative_to(venv), found
    assert not package.is_relative_to(ROOT), found
    assert found["editable"] == [], "the checkout's editable finder was loaded"
    # The dependencies are this environment's, through the .pth line.
    ours = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    assert any(Path(found["pygame"]).resolve().is_relative_to(p) for p in ours), found
    assert found["in_checkout"] is False
    assert found["scenarios"] == str(package / "scenarios")
    assert found["default"] == str(package / "scenarios" / "claims.yaml")
    assert Path(found["tutorial"]).is_file()
    assert found["fonts"] == str(package / "assets" / "fonts")
    fonts = list((ROOT / "assets" / "fonts").iterdir())
    assert fonts, "no fonts shipped to compare"
    for shipped in fonts:
        assert (package / "assets" / "fonts" / shipped.name).read_bytes() == shipped.read_bytes()


def _said(done: subprocess.CompletedProcess) -> str:
    # `ripple validate` reports on stderr, with the problems it finds.
    return (done.stdout + done.stderr).strip()


def test_validate_simulate_and_new_work_from_another_folder(install: Install) -> None:
    package = install.venv.resolve().glob("lib/python*/site-packages/ripple")
    scenarios = next(package) / "scenarios"
    assert _said(install.run("validate")) == f"{scenarios / 'claims.yaml'}: ok"
    every = sorted(scenarios.glob("*.yaml"))
    assert len(every) == len(list((ROOT / "scenarios").glob("*.yaml")))
    assert _said(install.run("validate", *every)).count(": ok") == len(every)

    story = install.run("simulate").stdout
    assert story.startswith("The Claims Ripple - seed 7, 12 turns")
    assert "Questions for the debrief" in story

    install.run("new", "mine.yaml")
    first = (install.cwd / "mine.yaml").read_text(encoding="utf-8").splitlines()[0]
    schema = Path(first.removeprefix("# yaml-language-server: $schema="))
    assert schema == scenarios / "scenario.schema.json"
    assert schema.is_file()
    assert _said(install.run("validate", "mine.yaml")) == "mine.yaml: ok"


def _pixels(path: Path) -> bytes:
    return pygame.image.tobytes(pygame.image.load(path), "RGB")


def test_play_draws_in_the_shipped_fonts(install: Install) -> None:
    # This environment's `ripple`, run on the source copy: PYTHONPATH comes before the
    # editable install's finder, and the copy keeps its fonts in assets/fonts.
    checkout = Path(sys.executable).with_name("ripple")
    done = install.run("-c", PROBE, command=Path(sys.executable), from_source=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert Path(found["ripple"]).resolve().is_relative_to(install.source.resolve()), found
    assert found["in_checkout"] is True
    assert found["fonts"] == str(install.source.resolve() / "assets" / "fonts")

    shot = ["--autoplay", "2", "--size", SIZE, "--screenshot"]
    install.run("new", "shop.yaml")
    for scenario in ([], ["shop.yaml"]):
        name = scenario[0].removesuffix(".yaml") if scenario else "claims"
        install.run("play", *scenario, *shot, f"{name}-installed.png")
        install.run(
            "play", *scenario, *shot, f"{name}-checkout.png", command=checkout, from_source=True
        )
        installed = install.cwd / f"{name}-installed.png"
        assert installed.stat().st_size > 0
        # Same pixels as the checkout, which draws with its assets/fonts: the same fonts.
        assert _pixels(installed) == _pixels(install.cwd / f"{name}-checkout.png"), name

    # And the comparison can tell: without the fonts, the built-in one draws something else.
    fonts = next(install.venv.glob("lib/python*/site-packages/ripple/assets/fonts"))
    aside = fonts.with_name("fonts-aside")
    fonts.rename(aside)
    try:
        install.run("play", *shot, "fallback.png")
    finally:
        aside.rename(fonts)
    assert _pixels(install.cwd / "fallback.png") != _pixels(install.cwd / "claims-installed.png")
