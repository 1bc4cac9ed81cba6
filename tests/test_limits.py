"""Every size limit refuses with a LimitError (or a finding) that names the setting to raise.

Each limit is tested just under (accepted) and just over (refused), with the default and with
a setting changed, so a test fails both when a limit is missing and when it is off by one.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from minzheng_plans.checking.config import read_config
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import ConfigError, LimitError, PlanFileError, PlanStructureError
from minzheng_plans.files.converter import MAX_TEXT_LENGTH
from minzheng_plans.files.document import DEFAULT_MAX_BYTES, Document
from minzheng_plans.files.planfile import (
    DEFAULT_MAX_INDICATORS,
    DEFAULT_MAX_PLAN_BYTES,
    MAX_NESTING,
    loads_plan,
    read_plan,
)
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_path

from .conftest_plans import MINIMAL_PLAN

INDICATOR = """
[[indicators]]
id = "t1.{n}"
name = "指标{n}"
unit = "%"
target = {{ year = 2025, comparator = ">=", value = 55 }}
"""


def _plan_with(indicators: int) -> str:
    head = MINIMAL_PLAN.split("[[indicators]]", 1)[0]
    return head + "".join(INDICATOR.format(n=n) for n in range(1, indicators + 1))


class TestFileSize:
    def test_defaults(self):
        """Documents are limited to 20 MiB and plan files to 5 MiB by default."""
        assert (20 * 2**20, 5 * 2**20) == (DEFAULT_MAX_BYTES, DEFAULT_MAX_PLAN_BYTES)

    def test_document_over_the_limit_is_refused_naming_the_setting(self, tmp_path):
        """A document one byte over max_bytes is a LimitError giving limit, size and setting."""
        path = tmp_path / "plan.txt"
        path.write_bytes(b"x" * 101)
        with pytest.raises(LimitError) as info:
            load_path(path, create_plugin_host(entry_points=False), max_bytes=100)
        assert (100, 101, "max_bytes") == (info.value.limit, info.value.actual, info.value.setting)
        assert "over the limit of 100" in str(info.value)
        assert Document.from_path(path, max_bytes=101).data == b"x" * 101

    def test_plan_file_over_the_limit(self, tmp_path):
        """A plan file over max_bytes is refused whether read from a path or a string."""
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        size = path.stat().st_size
        assert read_plan(path, max_bytes=size).id == "990102-2021-2025"
        with pytest.raises(LimitError, match="max_bytes"):
            read_plan(path, max_bytes=size - 1)
        with pytest.raises(LimitError, match="max_bytes"):
            loads_plan(MINIMAL_PLAN, max_bytes=10)

    def test_check_reports_a_large_file_without_reading_it(self, tmp_path, monkeypatch):
        """check reports a file over the limit as unreadable (MZ101) naming max-file-bytes."""
        path = tmp_path / "plan.toml"
        path.write_text(MINIMAL_PLAN, encoding="utf-8")
        size = path.stat().st_size
        host = create_plugin_host(entry_points=False)
        report = check_paths([path], host, use_bundled=False, max_bytes=size - 1)
        assert ["MZ101"] == [f.code for f in report.findings]
        assert "max-file-bytes" in report.findings[0].text
        assert 1 == report.unreadable
        report = check_paths([path], host, use_bundled=False, max_bytes=size)
        assert 0 == report.unreadable

    def test_config_sets_the_file_size_limit_for_check(self, tmp_path):
        """max-file-bytes in the configuration limits what check reads."""
        (tmp_path / "plan.toml").write_text(MINIMAL_PLAN, encoding="utf-8")
        config = tmp_path / "minzheng-plans.toml"
        config.write_text("max-file-bytes = 100\n", encoding="utf-8")
        assert 100 == read_config(config).max_file_bytes
        result = CliRunner().invoke(
            cli, ["check", "--no-bundled", "--format", "json", str(tmp_path / "plan.toml")]
        )
        codes = [item["code"] for item in json.loads(result.stdout)["findings"]]
        assert ["MZ101"] == codes

    @pytest.mark.parametrize("value", ["0", "-5", "1.5", '"big"', "true"])
    def test_config_refuses_a_bad_file_size(self, tmp_path, value):
        """A max-file-bytes that is not a positive integer is a ConfigError naming it."""
        config = tmp_path / "minzheng-plans.toml"
        config.write_text(f"max-file-bytes = {value}\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="max-file-bytes"):
            read_config(config)


class TestIndicatorCount:
    def test_default_is_generous(self):
        """Plans may have up to 10,000 indicators by default."""
        assert 10_000 == DEFAULT_MAX_INDICATORS
        assert 3 == len(loads_plan(_plan_with(3)).indicators)

    def test_over_the_limit(self):
        """One indicator over max_indicators is a LimitError giving setting, limit and count."""
        assert 3 == len(loads_plan(_plan_with(3), max_indicators=3).indicators)
        with pytest.raises(LimitError) as info:
            loads_plan(_plan_with(4), max_indicators=3)
        assert ("max_indicators", 3, 4) == (
            info.value.setting,
            info.value.limit,
            info.value.actual,
        )

    def test_read_plan_passes_the_limit_on(self, tmp_path):
        """read_plan applies max_indicators to the file it reads."""
        path = tmp_path / "plan.toml"
        path.write_text(_plan_with(2), encoding="utf-8")
        with pytest.raises(LimitError, match="number of indicators"):
            read_plan(path, max_indicators=1)


class TestStringLength:
    """Fixed at converter.MAX_TEXT_LENGTH; a longer string is a structure problem at its key."""

    def test_just_under_and_over(self):
        """A title at the length limit is read; one more character is an error at key and line."""
        under = MINIMAL_PLAN.replace("测试县“十四五”民政规划", "长" * MAX_TEXT_LENGTH)
        assert MAX_TEXT_LENGTH == len(loads_plan(under).title)
        over = MINIMAL_PLAN.replace("测试县“十四五”民政规划", "长" * (MAX_TEXT_LENGTH + 1))
        with pytest.raises(PlanStructureError) as info:
            loads_plan(over)
        assert ("plan.title", 5) == (info.value.key, info.value.line)
        assert f"at most {MAX_TEXT_LENGTH} characters" in str(info.value)

    def test_megabyte_string_is_refused_quickly(self):
        """A megabyte-long title is refused, naming plan.title."""
        text = MINIMAL_PLAN.replace("测试县“十四五”民政规划", "x" * 1_000_000)
        with pytest.raises(PlanStructureError, match=r"plan\.title"):
            loads_plan(text)


class TestNesting:
    @pytest.mark.parametrize("depth", [MAX_NESTING + 5, 100_000])
    def test_deep_json_is_a_plan_file_error_not_a_recursion_error(self, depth):
        """JSON nested too deep is a PlanFileError about nesting, not a RecursionError."""
        text = '{"schema": "minzheng-plans/1", "plan": ' + "[" * depth + "]" * depth + "}"
        with pytest.raises(PlanFileError, match="nest"):
            loads_plan(text, fmt="json")

    def test_deep_toml_arrays(self):
        """TOML arrays nested too deep are a PlanFileError about nesting."""
        depth = MAX_NESTING + 5
        text = 'schema = "minzheng-plans/1"\nx = ' + "[" * depth + "]" * depth + "\n"
        with pytest.raises(PlanFileError, match="nest"):
            loads_plan(text)
