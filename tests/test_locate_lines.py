"""The lines findings point to: the quick reading of usual plan files gives what the whole
key-line index gives (#21)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from minzheng_plans.checking.locate import _key_lines, _usual_toml_lines, finding_lines

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILES = sorted(
    {
        *ROOT.glob("data/plans/*.toml"),
        *ROOT.glob("examples/*.toml"),
        *ROOT.glob("tests/**/*.toml"),
    }
)


def _whole(text: str) -> dict[str, int]:
    """What finding_lines keeps, from the whole index (the quick reading switched off)."""
    index = _key_lines(text, "toml")
    return {
        key: line
        for key, line in index.items()
        if key in {"plan", "plan.based_on", "indicators"}
        or (
            key.startswith("indicators[")
            and key.partition(".")[2] in {"", "target", "unit", "attribute"}
        )
    }


def _parses(path: Path) -> bool:
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return True


@pytest.mark.parametrize(
    "path", [p for p in PLAN_FILES if _parses(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_quick_lines_agree_with_the_whole_index(path):
    """Every TOML file of the repository that parses (only those are located): the quick
    reading agrees, or declines."""
    text = path.read_text(encoding="utf-8")
    quick = _usual_toml_lines(text)
    if quick is not None:
        assert _whole(text) == quick


def test_the_usual_layout_is_read_quickly():
    """A plan file as dumps_plan writes it is read without the whole index."""
    text = (ROOT / "data" / "plans" / "000000-2021-2025.toml").read_text(encoding="utf-8")
    assert _usual_toml_lines(text) is not None


CASES = {
    "sub-tables and inline tables": (
        '[plan]\nid = "x"\nbased_on = [\n    { title = "甲" },\n]\n\n[[indicators]]\n'
        'id = "t1"\nunit = "%"\ntarget = { year = 2025, value = 50 }\n[[indicators]]\n'
        'id = "t2"\n[indicators.target]\nvalue = 3\nunit = "x"\nattribute = "binding"\n'
    ),
    "a dotted key": '[[indicators]]\nid = "t1"\ntarget.value = 3\nunit = "%"\n',
    "a quoted key": '[[indicators]]\n"unit" = "%"\n',
    "a multi-line string": '[[indicators]]\nname = """a\nunit = "%"\n"""\nunit = "元"\n',
    "brackets in an array's strings": '[plan]\nissuers = [\n  "某[市",\n]\nbased_on = []\n',
    "indicators inline": 'indicators = [\n  { id = "t1", unit = "%" },\n]\n',
    "plan based_on as tables": '[plan]\nid = "x"\n[[plan.based_on]]\ntitle = "甲"\n',
    "a comment after a header": '[[indicators]] # first\nunit = "%"\n',
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_unusual_layouts_agree_or_decline(text):
    """Each layout the quick reading might misread: the same lines, or no answer."""
    quick = _usual_toml_lines(text)
    assert quick is None or _whole(text) == quick
    assert _whole(text) == finding_lines("plan.toml", text)


def test_the_usual_case_is_answered():
    """The first case is the usual layout: answered, with every line by hand."""
    expected = {
        "plan": 1,
        "plan.based_on": 3,
        "indicators": 7,
        "indicators[0]": 7,
        "indicators[0].unit": 9,
        "indicators[0].target": 10,
        "indicators[1]": 11,
        "indicators[1].target": 13,
    }
    assert expected == _usual_toml_lines(CASES["sub-tables and inline tables"])
