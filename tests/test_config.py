"""Configuration files: lookup, keys, severity overrides, and their effect on `check`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from minzheng_plans import Severity, make_finding
from minzheng_plans.checking.config import Config, find_config, load_config, read_config
from minzheng_plans.cli.app import EXIT_FINDINGS, EXIT_OK, cli
from minzheng_plans.core.errors import ConfigError

from ._compliance_support import plan_text

PYPROJECT = """\
[project]
name = "someone-elses-plans"

[tool.minzheng-plans]
ignore = ["mz405"]
lang = "zh"
plugin-timeout = 3

[tool.minzheng-plans.severity]
MZ4 = "warning"
MZ401 = "error"
"""


class TestLookup:
    def test_pyproject_table_is_found_from_a_subfolder(self, tmp_path):
        """A pyproject.toml with our table is found from a folder below it."""
        (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (tmp_path / "data" / "plans").mkdir(parents=True)
        assert tmp_path / "pyproject.toml" == find_config(tmp_path / "data" / "plans")

    def test_pyproject_without_the_table_is_passed_over(self, tmp_path):
        """A pyproject.toml without our table is passed over for a minzheng-plans.toml above."""
        (tmp_path / "minzheng-plans.toml").write_text('ignore = ["MZ406"]\n', encoding="utf-8")
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname='x'\n", encoding="utf-8")
        assert tmp_path / "minzheng-plans.toml" == find_config(tmp_path / "sub")

    def test_own_file_wins_in_the_same_folder(self, tmp_path):
        """minzheng-plans.toml wins over pyproject.toml in the same folder."""
        (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (tmp_path / "minzheng-plans.toml").write_text("", encoding="utf-8")
        assert "minzheng-plans.toml" == find_config(tmp_path).name

    def test_no_file_gives_defaults(self, tmp_path):
        """Without a configuration file the defaults apply."""
        assert find_config(tmp_path) is None
        assert Config() == load_config([tmp_path])


class TestRead:
    def test_pyproject_keys(self, tmp_path):
        """The pyproject table's ignore (upper-cased), lang and plugin-timeout are read."""
        path = tmp_path / "pyproject.toml"
        path.write_text(PYPROJECT, encoding="utf-8")
        config = read_config(path)
        assert (("MZ405",), "zh", 3.0) == (config.ignore, config.lang, config.plugin_timeout)

    def test_unknown_key_is_an_error_naming_it(self, tmp_path):
        """An unknown key is a ConfigError naming it."""
        path = tmp_path / "minzheng-plans.toml"
        path.write_text('ignroe = ["MZ405"]\n', encoding="utf-8")
        with pytest.raises(ConfigError, match="unknown key ignroe"):
            read_config(path)

    @pytest.mark.parametrize(
        "text",
        ['[severity]\nMZ401 = "fatal"\n', "plugin-timeout = -1\n", "select = 3\n", "a = = 1\n"],
    )
    def test_bad_values_are_errors(self, tmp_path, text):
        """A bad severity, timeout, type or TOML syntax is a ConfigError naming the file."""
        path = tmp_path / "minzheng-plans.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=str(path)):
            read_config(path)


class TestSeverity:
    def test_longest_matching_key_wins(self, tmp_path):
        """The longest matching severity key wins (MZ401 over MZ4); other codes keep theirs."""
        path = tmp_path / "pyproject.toml"
        path.write_text(PYPROJECT, encoding="utf-8")
        config = read_config(path)
        findings = [
            make_finding("MZ401", Severity.WARNING, "a"),
            make_finding("MZ404", Severity.ERROR, "b"),
            make_finding("MZ105", Severity.WARNING, "c"),
        ]
        assert [Severity.ERROR, Severity.WARNING, Severity.WARNING] == [
            f.severity for f in config.apply(findings)
        ]


class TestCheckUsesConfig:
    @pytest.fixture(name="folder")
    def _folder(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "child.toml").write_text(
            plan_text("child", [], based_on="《不存在的民政规划》"), encoding="utf-8"
        )
        return tmp_path

    def _codes(self, *args: str) -> tuple[int, list[tuple[str, str]]]:
        result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-bundled", *args])
        report = json.loads(result.stdout)
        return result.exit_code, [(f["code"], f["severity"]) for f in report["findings"]]

    def test_without_config(self, folder):
        """Without a configuration check reports MZ408 and MZ406 as info and exits 0."""
        # MZ408: no plan of the test province is given, so nothing above it was compared.
        assert (EXIT_OK, [("MZ408", "info"), ("MZ406", "info")]) == self._codes("child.toml")

    def test_severity_override_changes_the_exit_code(self, folder):
        """A severity override raising MZ406 to error makes check exit 1."""
        (folder / "minzheng-plans.toml").write_text('[severity]\nMZ406 = "error"\n', "utf-8")
        assert (EXIT_FINDINGS, [("MZ408", "info"), ("MZ406", "error")]) == self._codes("child.toml")

    def test_ignore_from_config_and_select_from_command_line(self, folder):
        """ignore in the configuration drops MZ406, and wins over --select."""
        (folder / "minzheng-plans.toml").write_text('ignore = ["MZ406"]\n', encoding="utf-8")
        assert (EXIT_OK, [("MZ408", "info")]) == self._codes("child.toml")
        assert (EXIT_OK, []) == self._codes("--select", "MZ406", "child.toml")

    def test_language_from_config(self, folder):
        """lang in the configuration sets the report's language; --lang overrides it."""
        (folder / "minzheng-plans.toml").write_text('lang = "zh"\n', encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "child.toml"])
        assert "本规划所依据的" in result.stdout
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "--lang", "en", "child.toml"])
        assert "The plan this one is based on" in result.stdout

    def test_plugin_settings_reach_the_host_unless_the_command_line_sets_them(
        self, folder, monkeypatch
    ):
        """Configured plugin timeout and disabled plugins reach the host; --plugin-timeout wins."""
        import minzheng_plans.plugins.host  # noqa: PLC0415

        seen: list[tuple[float | None, tuple[str, ...]]] = []
        real = minzheng_plans.plugins.host.create_plugin_host

        def spy(**kwargs):
            seen.append((kwargs.get("budget"), tuple(kwargs.get("disabled", ()))))
            return real(**kwargs)

        monkeypatch.setattr(minzheng_plans.plugins.host, "create_plugin_host", spy)
        (folder / "minzheng-plans.toml").write_text(
            'plugin-timeout = 3\ndisable-plugins = ["nothing-here"]\n', encoding="utf-8"
        )
        CliRunner().invoke(cli, ["check", "--no-bundled", "child.toml"])
        CliRunner().invoke(cli, ["--plugin-timeout", "7", "check", "--no-bundled", "child.toml"])
        assert [(3.0, ("nothing-here",)), (7.0, ("nothing-here",))] == seen

    def test_explicit_config_file(self, folder):
        """--config names the configuration file to use."""
        other = folder / "other.toml"
        other.write_text('[severity]\nMZ4 = "warning"\n', encoding="utf-8")
        assert (EXIT_OK, [("MZ408", "warning"), ("MZ406", "warning")]) == self._codes(
            "--config", str(other), "child.toml"
        )

    def test_bad_config_exits_two_with_the_file_named(self, folder):
        """A bad configuration makes check exit 2 naming the file and the key."""
        (folder / "minzheng-plans.toml").write_text("selct = []\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "child.toml"])
        assert 2 == result.exit_code
        assert "minzheng-plans.toml: unknown key selct" in result.stderr


class TestPreCommitHook:
    def test_hook_runs_check_on_plan_files_not_on_configs(self):
        """The pre-commit hook runs check on TOML and JSON plans, not on configuration files."""
        import re  # noqa: PLC0415
        from pathlib import Path  # noqa: PLC0415

        import yaml  # noqa: PLC0415 - a test dependency (the test extra)

        hooks = yaml.safe_load(
            (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
        )
        hook = next(h for h in hooks if h["id"] == "minzheng-plans-check")
        assert ("minzheng-plans check", "python", True) == (
            hook["entry"],
            hook["language"],
            hook["require_serial"],
        )
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        chosen = [
            path
            for path in ("plans/a.toml", "x/b.json", "pyproject.toml", "minzheng-plans.toml")
            if files.search(path) and not exclude.search(path)
        ]
        assert ["plans/a.toml", "x/b.json"] == chosen


class TestColour:
    def test_severities_coloured_on_a_terminal_only(self, tmp_path, monkeypatch):
        """Severities are coloured when colour is on, and plain otherwise."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "child.toml").write_text(
            plan_text("child", [], based_on="《不存在的民政规划》"), encoding="utf-8"
        )
        args = ["check", "--no-bundled", "child.toml"]
        coloured = CliRunner().invoke(cli, args, color=True).stdout
        plain = CliRunner().invoke(cli, args).stdout
        assert "\x1b[36mMZ406 info\x1b[0m" in coloured
        assert "\x1b[" not in plain
