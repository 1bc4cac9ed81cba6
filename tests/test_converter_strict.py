"""What the converter refuses, and what the writers survive: one case per rule fixed in #2."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from minzheng_plans.core.errors import NumberBoundsError, PlanFileError, PlanStructureError
from minzheng_plans.core.model import Observation
from minzheng_plans.files.planfile import dumps_plan, loads_plan

from .conftest_plans import MINIMAL_PLAN

PLAN_LINE = "[plan.jurisdiction]"
FINDING = '\n[[findings]]\ncode = "MZ501"\nseverity = "info"\n'


def problems(text: str, fmt: str = "toml") -> dict[str, str]:
    with pytest.raises(PlanStructureError) as caught:
        loads_plan(text, fmt=fmt)  # type: ignore[arg-type]
    return {p.key: p.expected for p in caught.value.problems}


def with_meta(line: str) -> str:
    return MINIMAL_PLAN.replace(PLAN_LINE, f"{line}\n{PLAN_LINE}")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('issuers = "县政府"', "expected an array, got str"),
        ("issuers = { a = 1 }", "expected an array, got dict"),
        ('issued = "20210915"', "expected a date (YYYY-MM-DD), got '20210915'"),
        ('issued = "2021-02-30"', "day is out of range for month"),
    ],
)
def test_metadata_shapes_are_not_guessed(line, expected):
    """A string is not an array of its characters, nor a compact date an ISO one."""
    key = "plan." + line.split(" ", 1)[0]
    assert expected == problems(with_meta(line))[key]


def test_iso_date_text_is_read():
    """The passing case: ISO text is a date (JSON writes dates this way)."""
    plan = loads_plan(with_meta('issued = "2021-02-28"'))
    assert "2021-02-28" == str(plan.issued)


def test_enum_values_are_checked_where_optional():
    """An unknown attribute is an error naming the allowed values, not a stray string."""
    found = problems(MINIMAL_PLAN.replace('"binding"', '"mandatory"'))
    assert "'mandatory' is not one of 'binding', 'anticipatory'" == found["indicators[0].attribute"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ('[["row", 3, "junk"]]', "expected a table of message arguments, got list"),
        ("{ row = nan }", "expected a finite number, got NaN"),
        ("{ row = 1e30 }", "expected a number below 1E+18 in size, got 1E+30"),
    ],
)
def test_finding_arguments_follow_the_number_rules(args, expected):
    text = MINIMAL_PLAN + FINDING + f'message = "m"\nargs = {args}\n'
    assert expected in problems(text).values()


def test_finding_arguments_table_is_read():
    """A file's arguments are read, and its message, not a message id, stays literal text."""
    text = MINIMAL_PLAN + FINDING + 'message = "row {row}"\nargs = { row = 3 }\n'
    finding = loads_plan(text).findings[0]
    assert (("row", 3),) == finding.args
    assert "row {row}" == finding.text


def test_huge_json_integer_is_a_plan_file_error():
    """json refuses ints over 4300 digits with a bare ValueError; the loader types it."""
    with pytest.raises(PlanFileError, match="JSON syntax"):
        loads_plan('{"schema": "minzheng-plans/1", "plan": {"id": ' + "9" * 5000 + "}}", fmt="json")


def test_deep_sections_are_refused_before_structuring():
    """Sections nested beyond the limit give a PlanFileError, not a RecursionError."""
    plan = json.loads(loads_plan_json_text())
    node = plan
    for _ in range(40):
        child = {"number": "1", "title": "t", "sections": []}
        node.setdefault("sections", []).append(child)
        node = child
    with pytest.raises(PlanFileError, match="nest more than 64"):
        loads_plan(json.dumps(plan, ensure_ascii=False), fmt="json")


def test_shallow_sections_are_read():
    plan = json.loads(loads_plan_json_text())
    plan["sections"] = [
        {"number": "一、", "title": "t", "sections": [{"number": "（一）", "title": "u"}]}
    ]
    assert "（一）" == loads_plan(json.dumps(plan), fmt="json").sections[0].sections[0].number


def loads_plan_json_text() -> str:
    return dumps_plan(loads_plan(MINIMAL_PLAN), "json")


def test_model_refuses_huge_exponents():
    """A model value like 1E+999999 is refused where it is built, before any writer sees it."""
    with pytest.raises(NumberBoundsError, match="below 1E\\+18"):
        Observation(2020, Decimal("1E+999999"))
