"""The scenario library: every shipped scenario checks clean, is the size the game is built
for, has a facilitator note, and is in the balance table, which `ripple balance` makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ripple.batch.balance import judge, page, summary_table, teaching_scenarios
from ripple.cli import main
from ripple.paths import DEFAULT_SCENARIO, ROOT, SCENARIOS
from ripple.scenario.load import check_file, load_scenario
from ripple.ui.measure import text_width
from ripple.ui.scenes.choose import DIFFICULTY, shipped

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))
BALANCE = ROOT / "docs" / "balance.md"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_scenario_checks_clean_and_has_a_facilitator_note(path: Path) -> None:
    assert [str(p) for p in check_file(path, text_width)] == []
    scenario = load_scenario(path)
    assert scenario.summary and scenario.debrief
    note = ROOT / "docs" / "scenarios" / f"{path.stem}.md"
    assert note.exists(), f"{path.name} has no facilitator note ({note})"
    assert scenario.title in note.read_text(encoding="utf-8")
    if scenario.tutorial:
        return
    assert 5 <= len(scenario.departments) <= 12
    assert 10 <= scenario.turns <= 20
    assert scenario.events and scenario.interventions


def test_the_library_has_five_teaching_scenarios_and_a_tutorial() -> None:
    teaching = teaching_scenarios()
    assert len(teaching) >= 5
    assert len(SHIPPED) == len(teaching) + 1
    assert len({load_scenario(p).title for p in SHIPPED}) == len(SHIPPED)


def test_the_scenario_list_shows_each_difficulty_and_summary() -> None:
    listed = {path: detail for path, _, detail in shipped()}
    order = [DIFFICULTY[s.difficulty] for _, s, _ in shipped()]
    assert order == sorted(order)
    assert set(listed) == set(SHIPPED)
    for path, detail in listed.items():
        scenario = load_scenario(path)
        assert detail.startswith(scenario.difficulty.capitalize() + " · ")
        assert " ".join(scenario.summary.split()) in detail


def test_the_balance_table_in_the_docs_covers_every_scenario_and_each_teaches() -> None:
    text = BALANCE.read_text(encoding="utf-8")
    assert "ripple balance --write docs/balance.md" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "`" in line]
    scenarios = teaching_scenarios()
    assert scenarios, "no shipped scenario to look up"
    for path in scenarios:
        row = next((r for r in rows if f"(`{path.name}`)" in r), None)
        assert row is not None, f"{path.name} is not in docs/balance.md: run make balance"
        assert row.rstrip(" |").endswith("yes"), row


def test_a_balance_verdict_is_worked_out_from_the_games() -> None:
    (verdict,) = judge([(DEFAULT_SCENARIO, load_scenario(DEFAULT_SCENARIO))], 40, turns=8)
    assert verdict.runs == 40 and verdict.title == "The Claims Ripple"
    assert [r.name for r in verdict.rivals][:4] == ["none", "random", "priciest", "silo"]
    silo = next(r for r in verdict.rivals if r.name == "silo")
    assert verdict.reference["satisfaction"] > silo.means["satisfaction"]
    assert 0.0 <= silo.gains["satisfaction"].won <= 1.0 and silo.gains["satisfaction"].spread > 0
    assert len(verdict.leaders) == 2 and len(verdict.causes) == 3
    assert verdict.proud_harm == bool(set(verdict.leaders) & set(verdict.causes))
    lines = summary_table([verdict])
    assert lines[0].startswith("| scenario |") and len(lines) == 3
    assert "The Claims Ripple (`claims.yaml`)" in lines[2]
    assert lines[2].endswith("| yes |") == verdict.teaches
    assert "40 seeded games" in page([verdict], "ripple balance")


def test_ripple_balance_prints_the_table_and_writes_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "balance.md"
    status = main(
        ["balance", str(DEFAULT_SCENARIO), "--runs", "30", "--jobs", "1", "--write", str(out)]
    )
    printed = capsys.readouterr().out
    assert "The Claims Ripple" in printed and printed.startswith("| scenario |")
    summary = printed[: printed.index("\n\n")].splitlines()[2:]
    assert status == (0 if all(row.endswith("| yes |") for row in summary) else 1)
    assert out.read_text(encoding="utf-8").startswith("# Balance")


def test_ripple_balance_answers_a_broken_file_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: x\nturns: 3\n", encoding="utf-8")
    assert main(["balance", str(broken), "--runs", "5"]) == 1
    assert "broken.yaml:" in capsys.readouterr().out
