"""Key-line indexes of plan files: the fast reading of plain keys agrees with the regex (#21)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from minzheng_plans.files.keylines import _ASSIGN, _parts, assignment, line_of, toml_key_lines

ROOT = Path(__file__).resolve().parents[1]


def _by_regex(line: str) -> tuple[str, str] | None:
    match = _ASSIGN.match(line)
    if match is None:
        return None
    return ".".join(_parts(match.group(1))), line[match.end() :]


@given(st.text(alphabet=" \t\"'=.-_[]{}#ab1澜,", max_size=30))
def test_plain_keys_read_as_the_regex_reads_them(line):
    """For any line, the fast path gives the key and rest the regex gives."""
    assert _by_regex(line) == assignment(line)


def test_lines_of_a_plan_file():
    """Tables, arrays of tables, inline tables and multi-line arrays, each at its own line."""
    text = (
        'schema = "minzheng-plans/1"\n'  # 1
        "\n"
        "[plan]\n"  # 3
        'id = "x"\n'  # 4
        "based_on = [\n"  # 5
        '    { title = "甲", id = "a" },\n'  # 6
        "]\n"
        "\n"
        "[[indicators]]\n"  # 9
        'id = "t1"\n'  # 10
        "target = { year = 2025, value = 50 }\n"  # 11
        "\n"
        "[[indicators]]\n"  # 13
        'unit = "%"\n'  # 14
        "[indicators.target]\n"  # 15
        "value = 3\n"  # 16
        '"quoted key" = 1\n'  # 17
    )
    index = toml_key_lines(text)
    expected = {
        "schema": 1,
        "plan": 3,
        "plan.id": 4,
        "plan.based_on": 5,
        "plan.based_on[0]": 6,
        "plan.based_on[0].title": 6,
        "indicators": 9,
        "indicators[0]": 9,
        "indicators[0].id": 10,
        "indicators[0].target": 11,
        "indicators[0].target.year": 11,
        "indicators[1]": 13,
        "indicators[1].unit": 14,
        "indicators[1].target": 15,
        "indicators[1].target.value": 16,
        "indicators[1].target.quoted key": 17,
    }
    assert expected == {key: index.get(key) for key in expected}
    assert 13 == line_of(index, "indicators[1].attribute")


def test_every_bundled_plan_indexes_each_indicator_at_its_header():
    """In the bundled plans, indicator k sits on the k-th ``[[indicators]]`` line."""
    for path in sorted((ROOT / "data" / "plans").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        headers = [
            number
            for number, line in enumerate(text.split("\n"), start=1)
            if line.strip() == "[[indicators]]"
        ]
        index = toml_key_lines(text)
        assert headers == [index[f"indicators[{k}]"] for k in range(len(headers))], path.name
