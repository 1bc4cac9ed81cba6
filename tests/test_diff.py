import json

import attrs
from click.testing import CliRunner

from minzheng_plans.analysis.diff import diff_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.diff import diff_text

from ._compare_support import DRAFT, EXAMPLE


def _kinds(result):
    return [(c.kind, c.code) for c in result.changes]


def test_draft_to_final():
    """Draft to final lists renames, unit, target, attribute, definition, removed and added rows."""
    result = diff_plans(read_plan(DRAFT), read_plan(EXAMPLE))
    assert _kinds(result) == [
        ("renamed", "EC-NURSING-BED-SHARE"),
        ("unit", "EC-NURSING-BED-SHARE"),
        ("target", "EC-NURSING-BED-SHARE"),
        ("attribute", "EC-NURSING-BED-SHARE"),
        ("target", "SW-PROFESSIONALS-TOTAL"),
        ("definition", "SW-PROFESSIONALS-TOTAL"),
        ("removed", "EC-COMMUNITY-FACILITY-COVERAGE"),
        ("added", "EC-BEDS-PER-1000-ELDERLY"),
    ]
    target = result.changes[2]
    # 450‰ and ≥50 % are compared in the catalog unit; the baseline 415‰ = 41.5 % is unchanged.
    assert (target.old, target.new, target.unit) == ("≥45 (2025)", "≥50 (2025)", "%")
    flip = result.changes[3]
    assert (flip.old, flip.new) == ("anticipatory", "binding")


def test_identical_plans_have_no_changes():
    """A plan compared with itself has no changes, and the text says so."""
    plan = read_plan(EXAMPLE)
    result = diff_plans(plan, plan)
    assert not result
    assert "no differences" in diff_text(result)


def test_renumbered_indicators_pair_by_code_not_id():
    """Renumbered indicators pair by catalog code and show no change."""
    plan = read_plan(EXAMPLE)
    shuffled = attrs.evolve(
        plan,
        indicators=tuple(
            attrs.evolve(i, id=f"t2.{n}") for n, i in enumerate(reversed(plan.indicators))
        ),
    )
    assert not diff_plans(plan, shuffled)


def test_uncoded_indicators_pair_by_name():
    """Indicators without a code pair by name."""
    plan = read_plan(EXAMPLE)
    renamed = attrs.evolve(
        plan,
        indicators=(attrs.evolve(plan.indicators[0], name="澜溪特色指标", code=None),),
    )
    other = attrs.evolve(renamed, indicators=(attrs.evolve(renamed.indicators[0], id="x"),))
    assert not diff_plans(renamed, other)


def test_cli_diff_text_and_json():
    """diff exits 1 on differences, printing them in Chinese or JSON, and 0 on none."""
    runner = CliRunner()
    text = runner.invoke(cli, ["diff", str(DRAFT), str(EXAMPLE), "--lang", "zh"])
    assert text.exit_code == 1  # like diff(1): the plans differ
    assert "改名" in text.output
    assert "≥45 (2025) → ≥50 (2025) %" in text.output
    as_json = runner.invoke(cli, ["diff", str(DRAFT), str(EXAMPLE), "--format", "json"])
    data = json.loads(as_json.output)
    assert data["summary"]["target"] == 2
    same = runner.invoke(cli, ["diff", str(EXAMPLE), str(EXAMPLE)])
    assert same.exit_code == 0
