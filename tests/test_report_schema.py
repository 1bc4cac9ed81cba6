"""The JSON reports carry a format key and follow the published report schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.diff import diff_plans
from minzheng_plans.analysis.evaluate import evaluate_plan
from minzheng_plans.analysis.monitoring import read_monitoring
from minzheng_plans.cli.app import cli
from minzheng_plans.core.findings import Severity, make_finding
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.files.reports import (
    REPORT_SCHEMA_ID,
    dumps_report,
    report_schema,
    versioned,
)
from minzheng_plans.output.comparison import comparison_json
from minzheng_plans.output.diff import diff_json
from minzheng_plans.output.evaluation import evaluation_json
from minzheng_plans.output.report import findings_json

from ._compare_support import DRAFT, EXAMPLE, MONITORING, plans

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "data" / "schema" / "report.schema.json"


def _validate(tree: object) -> None:
    jsonschema.Draft202012Validator(report_schema()).validate(tree)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    """The published file is itself a valid JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_FILE.read_text("utf-8")))


def test_report_schema_reads_the_published_file():
    """report_schema() returns data/schema/report.schema.json."""
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == report_schema()


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("check", lambda: findings_json([])),
        (
            "evaluation",
            lambda: evaluation_json(evaluate_plan(read_plan(EXAMPLE), read_monitoring(MONITORING))),
        ),
        ("comparison", lambda: comparison_json(compare_plans(plans()))),
        ("diff", lambda: diff_json(diff_plans(read_plan(DRAFT), read_plan(EXAMPLE)))),
    ],
)
def test_every_report_starts_with_its_format_and_kind(kind, text):
    """Each report's first two keys are the format id and the report kind."""
    tree = json.loads(text())
    assert [("schema", REPORT_SCHEMA_ID), ("report", kind)] == list(tree.items())[:2]
    _validate(tree)


def test_a_check_report_with_findings_validates():
    """Findings with locations, related entries and decimal arguments fit the schema."""
    finding = make_finding(
        "MZ401",
        Severity.ERROR,
        "Target {child} looser than {parent}",
        plan="p",
        indicator="t1",
        file="p.toml",
        line=3,
        related=["q/t9"],
        child="≥45",
        parent="≥50",
    )
    text = findings_json([finding], {"plans": 1, "unreadable": 0}, version="0", language="en")
    tree = json.loads(text)
    _validate(tree)
    assert ["q/t9"] == tree["findings"][0]["related"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"schema": "minzheng-plans-report/2"}, id="version"),
        pytest.param({"report": "summary"}, id="kind"),
        pytest.param(
            {"findings": [{"code": "X1", "severity": "error", "message": "", "plan": None}]},
            id="code",
        ),
        pytest.param(
            {"findings": [{"code": "MZ101", "severity": "fatal", "message": "", "plan": None}]},
            id="severity",
        ),
        pytest.param({"summary": {"error": -1, "warning": 0, "info": 0}}, id="count"),
    ],
)
def test_broken_reports_are_refused(change):
    """The schema can fail: a wrong version, kind, code, severity or count is refused."""
    tree = json.loads(findings_json([])) | change
    with pytest.raises(jsonschema.ValidationError):
        _validate(tree)


def test_an_evaluation_missing_its_statuses_is_refused():
    """A report whose body does not match its kind fails (an evaluation without indicators)."""
    tree = json.loads(
        evaluation_json(evaluate_plan(read_plan(EXAMPLE), read_monitoring(MONITORING)))
    )
    del tree["indicators"]
    with pytest.raises(jsonschema.ValidationError, match="indicators"):
        _validate(tree)


def test_the_envelope_cannot_be_overridden_by_the_body():
    """A body that carries its own schema or report key does not change the envelope."""
    tree = versioned("diff", {"schema": "x", "report": "check", "old": "a"})
    assert (REPORT_SCHEMA_ID, "diff", "a") == (tree["schema"], tree["report"], tree["old"])


def test_unknown_kind_is_refused():
    """Only the four report kinds exist."""
    with pytest.raises(ValueError, match="unknown report kind"):
        dumps_report("summary", {})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json", "--no-bundled", str(EXAMPLE)],
        ["evaluate", str(EXAMPLE), "--monitoring", str(MONITORING), "--format", "json"],
        ["compare", *map(str, (EXAMPLE, DRAFT)), "--format", "json"],
        ["diff", str(DRAFT), str(EXAMPLE), "--format", "json"],
    ],
)
def test_command_line_reports_validate(args):
    """What the four commands print with --format json validates against the schema."""
    result = CliRunner().invoke(cli, args)
    assert result.exit_code in {0, 1}, result.output
    tree = json.loads(result.stdout)
    assert REPORT_SCHEMA_ID == tree["schema"]
    _validate(tree)
