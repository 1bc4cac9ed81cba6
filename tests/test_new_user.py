"""What a new user met (issue #18): the command line's listings, colour, version, completion,
uncatalogued names, findings in documents not at hand, readable targets and conversions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from minzheng_plans import (
    Comparison,
    Quantity,
    Range,
    Relative,
    default_units,
    format_target,
    make_finding,
)
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import UnknownUnitError
from minzheng_plans.core.findings import Severity
from minzheng_plans.text.coding import summarise_uncatalogued

ROOT = Path(__file__).resolve().parents[1]
WANSHENG = ROOT / "data" / "plans" / "500000-WS-2021-2025.toml"
NATIONAL = ROOT / "data" / "plans" / "000000-2021-2025.toml"


@pytest.fixture(name="run")
def _run():
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(cli, list(args), catch_exceptions=False, env=env)

    return run


def _mz504(plan: str, indicator: str, name: str) -> object:
    return make_finding(
        "MZ504",
        Severity.INFO,
        "Indicator {name} is not in the catalog (nearest: {candidates})",
        plan=plan,
        indicator=indicator,
        file="doc.txt",
        line=3,
        name=name,
        candidates="none",
    )


class TestUncatalogued:
    def test_one_summary_per_plan_with_count_and_every_name(self):
        """Three MZ504 of one plan become one, counting them and naming each with its id."""
        other = make_finding("MZ201", Severity.WARNING, "x", plan="a")
        findings = [
            _mz504("a", "t1", "甲"),
            other,
            _mz504("a", "t2", "乙"),
            _mz504("a", "t3", "丙"),
        ]
        summary, kept = summarise_uncatalogued(findings)
        args = dict(summary.args)
        assert ("MZ504", "a", None) == (summary.code, summary.plan, summary.indicator)
        assert (3, "甲、乙、丙", "t1 甲; t2 乙; t3 丙") == (
            args["count"],
            args["names"],
            args["all_names"],
        )
        assert other is kept

    def test_a_single_name_and_other_plans_stay_as_they_are(self):
        """A plan with one uncatalogued name keeps its own finding; plans are not mixed."""
        one, first, second = (
            _mz504("a", "t1", "甲"),
            _mz504("b", "t1", "乙"),
            _mz504("b", "t2", "丙"),
        )
        result = summarise_uncatalogued([one, first, second])
        assert one is result[0]
        assert [2] == [dict(f.args)["count"] for f in result[1:]]

    def test_check_prints_one_line_per_plan_unless_verbose(self, run):
        """`check` counts uncatalogued names per plan; `--verbose` lists each one."""
        short = run("check", str(NATIONAL)).stdout
        long = run("check", "--verbose", str(NATIONAL)).stdout
        assert 1 == short.count("MZ504")
        assert 10 < long.count("MZ504")
        assert f"{long.count('MZ504')} indicators are not in the catalog" in short

    def test_the_api_gives_the_command_lines_summary(self, run):
        """check_paths folds MZ504 per plan as check does; verbose=True lists each (#18)."""
        from minzheng_plans.checking.policy import Policy  # noqa: PLC0415
        from minzheng_plans.checking.runner import check_paths  # noqa: PLC0415
        from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

        host = create_plugin_host(entry_points=False)
        short = check_paths([NATIONAL], host, policy=Policy())
        long = check_paths([NATIONAL], host, policy=Policy(), verbose=True)
        cli = json.loads(run("check", "--isolated", "--format", "json", str(NATIONAL)).stdout)
        api = [f for f in short.findings if f.code == "MZ504"]
        assert [f["message"] for f in cli["findings"] if f["code"] == "MZ504"] == [
            f.text for f in api
        ]
        (summary,) = api
        assert dict(summary.args)["count"] == len(short.folded)
        assert len(short.folded) == len([f for f in long.findings if f.code == "MZ504"])
        assert () == long.folded

    def test_verbose_in_the_configuration_lists_each_name(self, run, tmp_path):
        """verbose = true in a configuration file does what --verbose does."""
        (tmp_path / "minzheng-plans.toml").write_text("verbose = true\n", encoding="utf-8")
        plan = tmp_path / NATIONAL.name
        plan.write_text(NATIONAL.read_text(encoding="utf-8"), encoding="utf-8")
        configured = run("check", str(plan)).stdout
        flagged = run("check", "--isolated", "--verbose", str(plan)).stdout
        assert 10 < configured.count("MZ504") == flagged.count("MZ504")

    def test_a_baseline_records_each_name_not_the_summary(self, run, tmp_path):
        """--write-baseline records one entry per uncatalogued name."""
        baseline = tmp_path / "baseline.json"
        run("check", "--isolated", "--write-baseline", str(baseline), str(NATIONAL))
        entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
        mz504 = [e for e in entries if e["code"] == "MZ504"]
        assert 10 < sum(e["count"] for e in mz504)
        assert all(e["indicator"] for e in mz504)

    def test_json_keeps_every_name(self, run):
        """--format json gives the summary with every name in args."""
        report = json.loads(run("check", "--format", "json", str(NATIONAL)).stdout)
        (summary,) = [f for f in report["findings"] if f["code"] == "MZ504"]
        assert summary["args"]["count"] == len(summary["args"]["all_names"].split("; "))


class TestDocumentNotAtHand:
    def test_finding_in_an_unshipped_document_is_shown_on_the_plan_file(self, run, tmp_path):
        """A loader finding pointing into a document not at hand names the document and its
        line, and is placed on the plan file's line (#18, item 5)."""
        result = run("check", str(NATIONAL), env={"NO_COLOR": "1"})
        line = next(x for x in result.stdout.splitlines() if "MZ502" in x)
        assert line.lstrip().startswith(f"{NATIONAL}:")
        document = "“十四五”民政事业发展规划 (002_5366459dd2a9c16e.txt)"
        assert f"in the published document {document}, line 302" in line

    def test_a_document_at_hand_keeps_its_own_location(self, run, tmp_path, monkeypatch):
        """When the document is found, the finding points into it as before."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "002_5366459dd2a9c16e.txt").write_text("stand-in\n", encoding="utf-8")
        result = run("check", str(NATIONAL))
        line = next(x for x in result.stdout.splitlines() if "MZ502" in x)
        assert line.lstrip().startswith("002_5366459dd2a9c16e.txt:302:")
        assert "published document" not in line

    def test_chinese_note(self, run):
        """The note is translated with the finding."""
        result = run("check", "--lang", "zh", str(NATIONAL))
        assert (
            "见原文《“十四五”民政事业发展规划》（002_5366459dd2a9c16e.txt）第302行" in result.stdout
        )


class TestListings:
    def test_long_contribution_lists_are_counted(self, run):
        """The catalog's ~100 codes are counted on one short line; JSON lists them all."""
        text = run("plugins", "minzheng_plans.builtin.catalog").stdout
        line = next(x for x in text.splitlines() if "catalog:" in x)
        assert len(line) < 150
        assert "--format json lists all" in line
        tree = json.loads(run("plugins", "--format", "json").stdout)
        (row,) = [r for r in tree["plugins"] if r["name"] == "minzheng_plans.builtin.catalog"]
        assert f"catalog: {len(row['contributes']['catalog'])} entries" in line

    def test_plugins_by_name_and_unknown_name(self, run):
        """`plugins NAME` shows that plugin only; an unknown name is a usage error."""
        text = run("plugins", "minzheng_plans.builtin.units").stdout
        assert text.startswith("minzheng_plans.builtin.units  (built-in)")
        assert "catalog" not in text
        assert 2 == run("plugins", "no-such-plugin").exit_code

    def test_version_lists_installed_plugins(self, run):
        """--version names this version and each installed plugin distribution."""
        from importlib.metadata import entry_points, version  # noqa: PLC0415

        text = run("--version").stdout
        assert text.startswith(f"minzheng-plans, version {version('minzheng-plans')}\nplugins:")
        for point in entry_points(group="minzheng_plans"):
            assert f"  {point.name}  ({point.dist.name} {point.dist.version})" in text


class TestTerminal:
    def test_no_color_turns_colour_off(self, run):
        """NO_COLOR (non-empty) drops colour codes even where colour would be shown."""
        coloured = CliRunner().invoke(cli, ["check", str(WANSHENG)], color=True)
        plain = CliRunner().invoke(cli, ["check", str(WANSHENG)], color=True, env={"NO_COLOR": "1"})
        assert "\x1b[" in coloured.stdout
        assert "\x1b[" not in plain.stdout

    def test_shell_completion_completes_commands(self):
        """click's completion protocol works through the installed script."""
        env = {
            **os.environ,
            "COMP_WORDS": "minzheng-plans che",
            "COMP_CWORD": "1",
            "_MINZHENG_PLANS_COMPLETE": "bash_complete",
        }
        script = Path(sys.executable).parent / "minzheng-plans"
        done = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=False)
        assert "plain,check" == done.stdout.strip()


class TestReadableValues:
    @pytest.mark.parametrize(
        ("target", "unit", "expected"),
        [
            (Comparison(2025, Decimal(55), ">="), "%", "≥55 %"),
            (Range(2020, Decimal(35), Decimal("40.0")), "张/千名老年人", "35–40 张/千名老年人"),
            (Comparison(2025, Decimal("1E+2")), "%", "100 %"),
            (
                Relative(2025, ">=", "居民上年度人均消费支出增速"),
                "%",
                "≥居民上年度人均消费支出增速",
            ),
        ],
    )
    def test_format_target(self, target, unit, expected):
        """Targets read as plans write them, every digit kept, no exponent (#18, item 11)."""
        assert expected == format_target(target, unit)
        assert f"{expected} ({target.year})" == format_target(target, unit, year=True)

    def test_str_is_readable_not_a_repr(self):
        """str() of targets and quantities is the readable form, not the attrs repr."""
        assert "≥55 (2025)" == str(Comparison(2025, Decimal("55.0"), ">="))
        assert "35–40 (2020)" == str(Range(2020, Decimal(35), Decimal(40)))
        assert "678 元/人·月" == str(Quantity(Decimal("678.00"), "元/人·月"))
        assert "=25–35% × 上年度人均消费支出 (2020)" == str(
            Relative(2020, "=", "上年度人均消费支出", Decimal(25), Decimal(35))
        )


class TestConversions:
    def test_convert_reads_str_exactly_and_refuses_float(self):
        """Units.convert takes "678.5" exactly; a float is refused with the reason and the fix."""
        units = default_units()
        assert Decimal(8142) == units.convert("678.5", "元/人·月", "元/人·年")
        with pytest.raises(TypeError, match=r"float is inexact; pass str\(678.5\)"):
            units.convert(678.5, "元/人·月", "元/人·年")
        with pytest.raises(ValueError, match="not 'abc'"):
            units.convert("abc", "元/人·月", "元/人·年")

    def test_convert_keeps_the_unit_as_written(self, run):
        """`convert` answers in the unit the user wrote, not its canonical spelling."""
        result = run("convert", "35 张/千名老年人", "张/百名老年人")
        assert "35 张/千名老年人 = 3.5 张/百名老年人" == result.stdout.strip()
        tree = json.loads(
            run("convert", "--format", "json", "35 张/千名老年人", "张/百名老年人").stdout
        )
        assert ("张/百名老年人", "张/百人", Decimal("3.5")) == (
            tree["unit"],
            tree["canonical_unit"],
            Decimal(str(tree["value"])),
        )

    @pytest.mark.parametrize(
        ("text", "first"),
        [("元每人", "元/人"), ("张每千名老年人", "张/千名老年人"), ("元/人民", "元/人")],
    )
    def test_unknown_units_suggest_units_people_write(self, text, first):
        """Suggestions are real units, likeliest first, and never a unit times itself."""
        with pytest.raises(UnknownUnitError) as caught:
            default_units().parse(text)
        assert first == caught.value.suggestions[0]
        assert "元元" not in caught.value.suggestions


class TestOneIndicatorOneReading:
    @pytest.mark.parametrize(
        ("name", "stated"),
        [
            ("每千名老人拥有养老床位数", "千名老人"),
            ("每千名老年人口拥有养老床位数", "千名老年人口"),
            ("每千名老年人拥有养老床位数", "千名老年人"),
            ("养老床位数", None),
            ("每百户居民拥有养老床位数", None),
        ],
    )
    def test_the_base_a_name_states_is_read_as_a_unit(self, name, stated):
        """Every spelling of 每千名老年人 states the base 千名老年人 (#18, item 14)."""
        from minzheng_plans.units.reading import stated_base  # noqa: PLC0415

        assert stated == stated_base(default_units(), name, "千名老年人")

    def test_compare_reads_both_wordings_alike_and_notes_name_their_row(self, run):
        """每千名老人… and 每千名老年人口… in 张 both read as 张/千名老年人; each note names
        its row's id."""
        plan = str(ROOT / "data" / "plans" / "500000-2016-2020.toml")
        text = run("compare", plan, "--indicator", "EC-BEDS-PER-1000-ELDERLY").stdout
        assert "does not convert" not in text
        assert "* 重庆市 t2.2: 张 read as 张/千名老年人: the name states 每千名老人" in text
        # 每千名老年人口…达到35张 is read by the prose reader in 张/千名老年人 already: no note.
        (row,) = [line for line in text.splitlines() if " p527.4 " in line]
        assert "≥35" in row
