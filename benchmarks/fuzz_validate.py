"""The long scenario fuzz: mutate the shipped scenarios and run each through `ripple validate`.

Each case takes a shipped scenario, changes its parsed tree (a value of the wrong type, a
key dropped, a reference renamed, a huge, negative or non-finite number, unicode or a
10,000-character text, deep nesting) and then its bytes (binary bytes, tabs, a BOM, CRLF
line ends, a truncation), writes the file and runs `ripple validate FILE` in process. A case
fails when an exception escapes, the exit status is not 0 or 1, a printed line is not
`FILE:LINE:COL: error|warning: message`, the status disagrees with the errors printed, or
a problem says the file could not be checked. Failing inputs are kept for replay.

    python benchmarks/fuzz_validate.py                  # 10,000 cases, seed 0
    python benchmarks/fuzz_validate.py --quick          # 200 cases
    python benchmarks/fuzz_validate.py --cases 50000 --seed 7 --keep out/fuzz
    python benchmarks/fuzz_validate.py --replay out/fuzz/case-00042.yaml

`tests/test_fuzz.py` drives the same mutations from hypothesis.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TextIO

import yaml

from ripple.cli import main as ripple_main
from ripple.scenario.load import UNCHECKED_MESSAGE

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
QUICK_CASES = 200
DEFAULT_CASES = 10_000

Tree = Any
Step = tuple[str | int, ...]


class Chooser(Protocol):
    """What the mutations draw their choices from: `random.Random`, or hypothesis's randoms."""

    def random(self) -> float: ...

    def randint(self, a: int, b: int) -> int: ...

    def choice(self, seq: Sequence[Any]) -> Any: ...


@dataclass(frozen=True)
class Shipped:
    """A shipped scenario: its name, its text and its parsed tree."""

    name: str
    text: str
    tree: Tree


def shipped_scenarios() -> list[Shipped]:
    """Every scenario in scenarios/*.yaml, the seeds the mutations start from."""
    found = []
    for file in sorted(SCENARIOS.glob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        found.append(Shipped(file.name, text, yaml.safe_load(text)))
    return found


# Structured mutations: change the parsed tree, then write it back as YAML ----------------

HUGE_AND_ODD_NUMBERS: tuple[Any, ...] = (
    10**30,
    -(10**30),
    10**400,
    1e308,
    -1e308,
    5e-324,
    -1,
    -0.0,
    0,
    2**63,
    2**64,
    math.nan,
    math.inf,
    -math.inf,
    True,
)
STRANGE_TEXTS: tuple[str, ...] = (
    "",
    " ",
    "Ünïcödé Départment",
    "部門",
    "قسم",
    "🧾🔥",
    "e\u0301\u0301\u0301",
    "zero\u200bwidth",
    "line\u2028separator",
    "next\x85line",
    "tab\there",
    "new\nline",
    "carriage\rreturn",
    "{count} {items} {target} {missing} {0} {",
    "%s %d %%",
    "'quoted' \"double\"",
    "a: b",
    "- item",
    "&anchor",
    "*alias",
    "!tag",
    "\ufeffbom",
    "\U0010fffd",
)
WRONG_TYPES: tuple[Any, ...] = ([], {}, [1, 2, 3], {"a": 1}, "text", 3, 2.5, True, None)


def paths_of(tree: Tree, here: Step = ()) -> list[Step]:
    """Every place in the tree: the top, each value of a mapping and each item of a list."""
    found = [here]
    if isinstance(tree, dict):
        for key, value in tree.items():
            found.extend(paths_of(value, (*here, key)))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            found.extend(paths_of(value, (*here, index)))
    return found


def value_at(tree: Tree, path: Step) -> Any:
    """The value at `path`."""
    for part in path:
        tree = tree[part]
    return tree


def replaced(tree: Tree, path: Step, value: Any) -> Tree:
    """A copy of the tree with the value at `path` replaced (the top if `path` is empty)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(tree, dict):
        return {**tree, head: replaced(tree[head], rest, value)}
    copy = list(tree)
    copy[head] = replaced(tree[head], rest, value)  # type: ignore[index]
    return copy


def nested(depth: int, leaf: Any, in_lists: bool) -> Any:
    """A value `depth` lists (or one-key mappings) deep around `leaf`."""
    for _ in range(depth):
        leaf = [leaf] if in_lists else {"deeper": leaf}
    return leaf


def ids_in(tree: Tree) -> list[str]:
    """Every `id` in the scenario: the names references point at."""
    found: list[str] = []
    if isinstance(tree, dict):
        if isinstance(tree.get("id"), str):
            found.append(tree["id"])
        for value in tree.values():
            found.extend(ids_in(value))
    elif isinstance(tree, list):
        for value in tree:
            found.extend(ids_in(value))
    return found


def misspelt(word: str, rng: Chooser) -> str:
    """`word` with one letter dropped, doubled or changed, or something else entirely."""
    if not word or rng.random() < 0.2:
        return rng.choice(["nobody", "../../x", "/etc/passwd", "intake -> nowhere", "é", ""])
    at = rng.randint(0, len(word) - 1)
    how = rng.randint(0, 2)
    if how == 0:
        return word[:at] + word[at + 1 :]
    if how == 1:
        return word[:at] + word[at] + word[at:]
    return word[:at] + rng.choice("xyzQ_-9é") + word[at + 1 :]


def mutate_tree(tree: Tree, rng: Chooser) -> Tree:
    """One structured change somewhere in the tree."""
    path = rng.choice(paths_of(tree))
    old = value_at(tree, path)
    kind = rng.randint(0, 8)
    if kind == 0:
        return replaced(tree, path, rng.choice(WRONG_TYPES))
    if kind == 1:
        owners = [
            p
            for p in paths_of(tree)
            if value_at(tree, p) and isinstance(value_at(tree, p), dict | list)
        ]
        if not owners:  # an earlier change left no list or mapping with anything in it
            return tree
        owner = rng.choice(owners)
        container = value_at(tree, owner)
        if isinstance(container, dict):
            dropped = rng.choice(sorted(container))
            return replaced(tree, owner, {k: v for k, v in container.items() if k != dropped})
        return replaced(tree, owner, container[: rng.randint(0, len(container) - 1)])
    if kind == 2:
        strings = [p for p in paths_of(tree) if isinstance(value_at(tree, p), str)]
        ids = ids_in(tree)
        if not strings:
            return tree
        target = rng.choice(strings)
        word = value_at(tree, target)
        new = rng.choice(ids) if ids and rng.random() < 0.3 else misspelt(word, rng)
        return replaced(tree, target, new)
    if kind == 3:
        return replaced(tree, path, rng.choice(HUGE_AND_ODD_NUMBERS))
    if kind == 4:
        text = rng.choice(STRANGE_TEXTS)
        if rng.random() < 0.3:
            text = (text or "x") * (10_000 // max(1, len(text)))
        return replaced(tree, path, text)
    if kind == 5:
        return replaced(tree, path, nested(rng.randint(2, 120), old, rng.random() < 0.5))
    if kind == 6 and isinstance(old, list) and old:
        return replaced(tree, path, [*old, rng.choice(old)])  # a duplicate item, and its id
    if kind == 7 and isinstance(old, dict):
        key = rng.choice(["colour", "capacty", "Capacity", "ïd", "", "1", "from ", "x" * 300])
        return replaced(tree, path, {**old, key: rng.choice(WRONG_TYPES)})
    if kind == 8 and isinstance(old, dict) and old:
        key = rng.choice(sorted(old))
        renamed = {(misspelt(k, rng) if k == key else k): v for k, v in old.items()}
        return replaced(tree, path, renamed)
    return replaced(tree, path, rng.choice(HUGE_AND_ODD_NUMBERS + STRANGE_TEXTS))


def written(tree: Tree, rng: Chooser) -> bytes:
    """The tree as YAML, in block or flow style, with unicode as it is or escaped."""
    text = yaml.safe_dump(
        tree,
        sort_keys=False,
        allow_unicode=rng.random() < 0.7,
        default_flow_style=rng.choice([False, None, True]),
        width=rng.choice([80, 4096]),
    )
    return text.encode("utf-8")


# Textual mutations: change the bytes of the file ------------------------------------------

BINARY: tuple[bytes, ...] = (
    b"\0",
    b"\xff\xfe",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\x07",
    b"\x1b[31m",
    b"\x7f",
    b"\xef\xbf\xbe",
)
INDICATORS = b":-?&*!|>'\"%@`{}[],#"


def mutate_bytes(data: bytes, rng: Chooser) -> bytes:
    """One change to the bytes of a file."""
    at = rng.randint(0, len(data))
    kind = rng.randint(0, 8)
    if kind == 0:
        return data[:at] + rng.choice(BINARY) + data[at:]
    if kind == 1:
        line_start = data.rfind(b"\n", 0, at) + 1
        return data[:line_start] + b"\t" + data[line_start:]
    if kind == 2:
        return (
            b"\xef\xbb\xbf" + data
            if rng.random() < 0.8
            else data[:at] + b"\xef\xbb\xbf" + data[at:]
        )
    if kind == 3:
        return data.replace(b"\n", b"\r\n") if rng.random() < 0.7 else data.replace(b"\n", b"\r")
    if kind == 4:
        return data[:at]
    if kind == 5:
        return data[:at] + data[at + rng.randint(1, 200) :]
    if kind == 6:
        return data[:at] + bytes([rng.choice(INDICATORS)]) + data[at:]
    if kind == 7:
        line_start = data.rfind(b"\n", 0, at) + 1
        return data[:line_start] + b" " * rng.randint(1, 3) + data[line_start:]
    line_end = data.find(b"\n", at)
    line_start = data.rfind(b"\n", 0, at) + 1
    return data[:line_end] + data[line_start - 1 : line_end] + data[line_end:]  # line twice


def mutant(seed: Shipped, rng: Chooser) -> bytes:
    """A mutated scenario file: structured changes, textual changes, or both."""
    structured = rng.random() < 0.7
    textual = not structured or rng.random() < 0.4
    if structured:
        tree = seed.tree
        for _ in range(rng.randint(1, 3)):
            tree = mutate_tree(tree, rng)
        data = written(tree, rng)
    else:
        data = seed.text.encode("utf-8")
    if textual:
        for _ in range(rng.randint(1, 3)):
            data = mutate_bytes(data, rng)
    return data


# Running `ripple validate` and judging what it printed ------------------------------------


@dataclass
class Outcome:
    """What `ripple validate FILE` did: exit status, what it printed, what went wrong."""

    status: int | None
    stdout: str
    stderr: str
    faults: list[str]


def validate(path: Path) -> Outcome:
    """Run `ripple validate PATH` in process and judge its output."""
    out, err = io.StringIO(), io.StringIO()
    status: int | None = None
    faults: list[str] = []
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = ripple_main(["validate", str(path)])
    except BaseException as error:  # whatever escapes is the finding
        faults.append(f"{type(error).__name__} escaped: {error}")
    outcome = Outcome(status, out.getvalue(), err.getvalue(), faults)
    faults.extend(output_faults(path, outcome))
    return outcome


def output_faults(path: Path, outcome: Outcome) -> list[str]:
    """What is wrong with validate's output: lines out of format, a status that lies."""
    faults: list[str] = []
    if outcome.status not in (0, 1):
        faults.append(f"exit status {outcome.status}")
    pattern = re.compile(rf"{re.escape(str(path))}:\d+:\d+: (error|warning): .+")
    lines = outcome.stdout.split("\n")
    if lines[-1] != "":
        faults.append("the output does not end with a line end")
    errors = 0
    for line in lines[:-1]:
        if not pattern.fullmatch(line) or "\r" in line:
            faults.append(f"line not in FILE:LINE:COL form: {line[:200]!r}")
        elif UNCHECKED_MESSAGE in line:
            faults.append(f"a check failed inside: {line[:300]}")
        errors += ": error: " in line
    if outcome.stderr not in ("", f"{path}: ok\n"):
        faults.append(f"unexpected stderr: {outcome.stderr[:300]!r}")
    if outcome.status == 1 and not errors:
        faults.append("exit status 1 with no error printed")
    if outcome.status == 0 and errors:
        faults.append("exit status 0 with errors printed")
    return faults


# The run ---------------------------------------------------------------------------------


@dataclass
class Report:
    """The figures of a run."""

    cases: int
    failures: int
    seconds: float
    slowest: float
    by_status: dict[int | None, int]

    def lines(self) -> list[str]:
        """The report as printed."""
        rate = self.cases / self.seconds if self.seconds else 0.0
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.by_status.items(), key=str))
        return [
            f"cases: {self.cases}",
            f"failures: {self.failures}",
            f"exit statuses: {statuses}",
            f"time: {self.seconds:.1f} s ({rate:.0f} cases/s,"
            f" slowest {self.slowest * 1000:.0f} ms)",
        ]


def run(cases: int, seed: int, keep: Path, log: TextIO | None = None) -> Report:
    """Fuzz `cases` mutants from `seed`; failing inputs are copied into `keep`."""
    log = log or sys.stdout
    rng = random.Random(seed)
    seeds = shipped_scenarios()
    failures, slowest = 0, 0.0
    by_status: dict[int | None, int] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ripple-fuzz-") as folder:
        path = Path(folder) / "scenario.yaml"
        for number in range(cases):
            source = rng.choice(seeds)
            path.write_bytes(mutant(source, rng))
            began = time.perf_counter()
            outcome = validate(path)
            slowest = max(slowest, time.perf_counter() - began)
            by_status[outcome.status] = by_status.get(outcome.status, 0) + 1
            if outcome.faults:
                failures += 1
                keep.mkdir(parents=True, exist_ok=True)
                saved = keep / f"case-{number:05d}.yaml"
                shutil.copyfile(path, saved)
                print(f"FAIL {saved} (from {source.name}): {outcome.faults[0]}", file=log)
    return Report(cases, failures, time.perf_counter() - started, slowest, by_status)


def replay(file: Path, log: TextIO | None = None) -> int:
    """Run one saved input again and print what validate said and what was wrong with it."""
    log = log or sys.stdout
    outcome = validate(file)
    print(outcome.stdout, end="", file=log)
    for fault in outcome.faults:
        print(f"FAULT: {fault}", file=log)
    return 1 if outcome.faults else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, run the fuzz and print its figures; 1 if any case failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="how many mutants")
    parser.add_argument("--seed", type=int, default=0, help="seed of the mutations")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_CASES} cases only")
    parser.add_argument(
        "--keep",
        type=Path,
        default=Path(__file__).resolve().parent / "out" / "fuzz",
        help="folder for failing inputs (default: benchmarks/out/fuzz)",
    )
    parser.add_argument("--replay", type=Path, help="run one saved input again")
    args = parser.parse_args(argv)
    if args.replay is not None:
        return replay(args.replay)
    cases = QUICK_CASES if args.quick else args.cases
    report = run(cases, args.seed, args.keep)
    print("\n".join(report.lines()))
    if report.failures:
        print(f"failing inputs kept in {args.keep}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
