"""``minzheng-plans convert``: exact results, JSON, and clear errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from click.testing import CliRunner

from minzheng_plans.cli.app import EXIT_OK, EXIT_USAGE, cli


@pytest.fixture(name="run")
def _run():
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["convert", *args], catch_exceptions=False)

    return run


class TestResults:
    @pytest.mark.parametrize(
        ("quantity", "unit", "expected"),
        [
            ("678 元/人·月", "元/人·年", "678 元/人·月 = 8136 元/人·年"),
            ("200 万人", "人", "200 万人 = 2000000 人"),
            ("0.6 ‰", "%", "0.6 ‰ = 0.06 %"),
            ("≥55%", "", "≥55% = ≥0.55"),
            ("1:0.55", "%", "1:0.55 = 55 %"),
            ("35-40张/千名老年人", "张/百人", "35-40张/千名老年人 = 3.5-4 张/百人"),
        ],
    )
    def test_text_output(self, run, quantity, unit, expected):
        """The converted quantity, exact, with the comparator or range kept."""
        result = run(quantity, unit)
        assert EXIT_OK == result.exit_code
        assert expected == result.stdout.strip()

    def test_json_output(self, run):
        """--format json gives the exact value as a JSON number and the exact factor."""
        result = run("--format", "json", "678 元/人·月", "元/人·年")
        tree = json.loads(result.stdout, parse_float=Decimal)
        assert EXIT_OK == result.exit_code
        assert (8136, "元/人·年", "12", True) == (
            tree["value"],
            tree["unit"],
            tree["factor"],
            tree["exact"],
        )

    def test_repeating_result_is_marked_rounded(self, run):
        """5962 元/人·年 in 元/人·月 repeats forever: the output says it is rounded."""
        result = run("--format", "json", "5962 元/人·年", "元/人·月")
        tree = json.loads(result.stdout, parse_float=Decimal)
        assert (False, "1/12") == (tree["exact"], tree["factor"])
        text = run("--places", "2", "5962 元/人·年", "元/人·月").stdout
        assert "= 496.83 元/人·月  (rounded)" in text

    def test_ratio_of_two_quantities(self, run):
        """a ÷ b is computed exactly, then converted: the 73.28 % of the issue."""
        result = run("--places", "2", "5962 元/人·年 ÷ 678 元/人·月", "%")
        assert EXIT_OK == result.exit_code
        assert "5962 元/人·年 ÷ 678 元/人·月 = 73.28 %  (rounded)" == result.stdout.strip()
        tree = json.loads(run("--format", "json", "678 元/人·月 × 12 月", "元/人").stdout)
        assert (8136, True) == (tree["value"], tree["exact"])

    def test_ratio_in_a_counting_unit_fails(self, run):
        """A dimensionless ratio does not convert to 人; the error names both sides."""
        result = run("5962 元/人·年 ÷ 678 元/人·月", "人")
        assert EXIT_USAGE == result.exit_code
        assert "dimensionless" in result.stderr

    def test_approximate_needs_the_flag(self, run):
        """Days to years fails with a hint, and works with --approximate."""
        refused = run("9000 客/日", "客/年")
        assert EXIT_USAGE == refused.exit_code
        assert "--approximate" in refused.stderr
        allowed = run("--approximate", "9000 客/日", "客/年")
        assert "= 3285000 客/年" in allowed.stdout


class TestErrors:
    def test_dimension_error_names_both(self, run):
        """张 to 人 exits 2 and names both units and dimensions, without a traceback."""
        result = run("5 张", "人")
        assert EXIT_USAGE == result.exit_code
        assert "'张' ([bed])" in result.stderr
        assert "'人' ([person])" in result.stderr
        assert "Traceback" not in result.output

    def test_unknown_unit_suggests(self, run):
        """An unknown unit exits 2 with suggestions."""
        result = run("3 元/人·旬", "元/人·月")
        assert EXIT_USAGE == result.exit_code
        assert "did you mean" in result.stderr
        assert "元/人·月" in result.stderr

    @pytest.mark.parametrize(("quantity", "unit"), [("abc", "元"), ("——", "元"), ("1:0.8", "张")])
    def test_not_a_quantity(self, run, quantity, unit):
        """Text that is not a quantity exits 2 with a message on stderr."""
        result = run(quantity, unit)
        assert EXIT_USAGE == result.exit_code
        assert result.stderr.startswith("minzheng-plans: error:")
        assert "" == result.stdout


def test_installed_script():
    """The console script runs the command end to end."""
    result = subprocess.run(
        [sys.executable, "-m", "minzheng_plans", "convert", "678 元/人·月", "元/人·年"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (0, "678 元/人·月 = 8136 元/人·年") == (result.returncode, result.stdout.strip())
