"""`ripple bench` measures a real game on screen; these tests check what it reports, not
how fast this machine is."""

from __future__ import annotations

import json

import pytest

import ripple.ui.bench
from ripple.cli import main
from ripple.paths import DEFAULT_SCENARIO
from ripple.ui.bench import CHOOSING_FRAMES, TARGETS, bench, percentile

FIGURES = ("frame_p50_ms", "frame_p95_ms", "frame_max_ms", "first_frame_s", "rss_mb")


def test_bench_plays_the_first_turns_and_reports_every_figure() -> None:
    result = bench(DEFAULT_SCENARIO, (640, 480), turns=2)
    for name in (*FIGURES, "turn_frames_max_ms"):
        assert result[name] > 0, name
    assert result["frame_p50_ms"] <= result["frame_p95_ms"] <= result["frame_max_ms"]
    assert result["turns"] == 2
    # A turn animates for 2.4 s at 60 frames a second; the turns are most of the frames.
    turn_frames = sum(
        result["by_screen"][screen]["frames"]
        for screen in ("turn", "turn+inspect")
        if screen in result["by_screen"]
    )
    assert turn_frames >= 2 * 144
    assert result["by_screen"]["choosing"]["frames"] == 2 * CHOOSING_FRAMES
    assert result["frames"] == sum(s["frames"] for s in result["by_screen"].values())
    assert result["frames"] < 2000
    assert {"title", "play", "help"} <= set(result["screens"])
    assert set(result["targets"]) == set(TARGETS)
    assert {t["result"] for t in result["targets"].values()} <= {"PASS", "FAIL"}
    assert result["size"] == [640, 480]
    assert result["first_frame_from"] in ("process", "bench")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 21)]
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile(values, 1.0) == 20.0
    assert percentile([3.0], 0.95) == 3.0


def test_ripple_bench_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["bench", "--json", "--size", "640x480", "--turns", "1"])
    out, err = capsys.readouterr()
    assert status == 0, err
    result = json.loads(out)
    assert set(FIGURES) <= set(result)
    assert result["turns"] == 1


def test_ripple_bench_table(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["bench", "--size", "640x480", "--turns", "1"])
    out, _ = capsys.readouterr()
    assert status == 0
    for name in TARGETS:
        assert name in out
    assert "PASS" in out or "FAIL" in out


def test_ripple_bench_strict_fails_on_a_missed_target(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ripple.ui.bench, "TARGETS", {**TARGETS, "rss_mb": 0.001})
    args = ["bench", "--size", "640x480", "--turns", "1"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 1
    out, _ = capsys.readouterr()
    assert "FAIL" in out
