"""Finding messages in Chinese and English: complete catalogs, placeholders kept."""

from __future__ import annotations

import re
import string
from decimal import Decimal

import pytest

from minzheng_plans import Severity, make_finding
from minzheng_plans.core.errors import UsageError
from minzheng_plans.output.i18n import messages, render, resolve_language
from minzheng_plans.output.messages import collect_message_ids, message_ids_in_source

MESSAGE_IDS = sorted(collect_message_ids())
# A message of placeholders and separators only: ``{error}``, ``{item}``, ``{first}; {rest}``.
_WORDLESS = re.compile(r"\{[a-z_]+\}|[;,:\s“”]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class TestCatalogsComplete:
    def test_ids_are_collected_from_rules_core_and_summaries(self):
        """The collector sees finding messages, core summaries and every rule's summary."""
        ids = collect_message_ids()
        assert "Waiver of {waived} matches no finding; remove it." in ids
        assert "The plan file cannot be parsed" in ids
        assert any(
            place.startswith("rule:MZ401")
            for place in ids.get(
                "A target is looser than the parent plan's target for the same indicator and year "
                "(error when the parent's indicator is binding, warning otherwise)",
                [],
            )
        )

    @pytest.mark.parametrize("message", MESSAGE_IDS)
    def test_every_message_has_a_chinese_translation(self, message):
        translated = messages("zh_CN").get(message)
        assert translated, (
            f"no zh_CN translation for {message!r}; run python -m minzheng_plans.output.messages"
        )
        # Messages of placeholders alone (a list, a file's own error) have no words to translate.
        assert not _WORDLESS.sub("", message) or _HAN.search(translated)

    @pytest.mark.parametrize("message", MESSAGE_IDS)
    def test_every_message_has_an_english_entry(self, message):
        assert messages("en").get(message)

    @pytest.mark.parametrize("message", MESSAGE_IDS)
    def test_translations_keep_the_placeholders(self, message):
        for language in ("zh_CN", "en"):
            assert _fields(message) == _fields(messages(language).get(message, message))


class TestCollector:
    def test_literals_constants_and_tables_are_found(self):
        source = """
A = "constant {x}"
TABLE = {1: A, 2: "tabled"}
make_finding("MZ901", Severity.INFO, "literal {y}")
make_finding("MZ902", Severity.INFO, A)
Finding("MZ903", Severity.INFO, TABLE[key])
"""
        assert {"constant {x}", "tabled", "literal {y}"} == {
            message for message, _line in message_ids_in_source(source)
        }

    def test_other_calls_are_not_messages(self):
        assert [] == list(message_ids_in_source('print("a", "b", "not a message")'))


class TestRender:
    FINDING = make_finding(
        "MZ406",
        Severity.INFO,
        "The plan this one is based on, {title}, is not among the given or bundled plans; "
        "compliance with it was not checked.",
        title="《某规划》",
    )

    def test_chinese(self):
        assert "本规划所依据的《某规划》不在给定或内置的规划中，未检查与其的符合性。" == render(
            self.FINDING, "zh_CN"
        )

    def test_english(self):
        assert self.FINDING.text == render(self.FINDING, "en")

    def test_untranslated_message_falls_back_to_english(self):
        finding = make_finding("MZ901", Severity.INFO, "Third-party {thing}", thing="x")
        assert "Third-party x" == render(finding, "zh_CN")

    def test_decimals_are_formatted_per_locale_exactly(self):
        finding = make_finding("MZ901", Severity.INFO, "{v}", v=Decimal("5962.125"))
        assert "5,962.125" == render(finding, "en")


class TestLanguageChoice:
    @pytest.mark.parametrize(
        ("option", "env", "expected"),
        [
            ("zh", {}, "zh_CN"),
            ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
            (None, {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
            (None, {"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}, "en"),
            (None, {"LC_ALL": "zh_TW.UTF-8"}, "zh_CN"),
            (None, {"LANG": "fr_FR.UTF-8"}, "en"),
            (None, {}, "en"),
        ],
    )
    def test_option_then_environment_then_english(self, option, env, expected):
        assert expected == resolve_language(option, env)

    def test_unknown_option_is_a_usage_error(self):
        with pytest.raises(UsageError, match="zh, en"):
            resolve_language("fr", {})


class TestTextReport:
    FINDINGS = (
        make_finding("MZ406", Severity.INFO, "first {x}", plan="p", line=1, file="a.toml", x=1),
        make_finding("MZ401", Severity.ERROR, "second", plan="p", line=9, file="a.toml"),
    )

    def test_grouped_by_plan_then_severity(self):
        from minzheng_plans.output.report import findings_text  # noqa: PLC0415

        lines = findings_text(self.FINDINGS).splitlines()
        assert ["== p", "  a.toml:9: MZ401 error: second", "  a.toml:1: MZ406 info: first 1"] == (
            lines[:3]
        )

    def test_summary_line_in_chinese(self):
        from minzheng_plans.output.i18n import translate  # noqa: PLC0415
        from minzheng_plans.output.report import findings_text  # noqa: PLC0415

        text = findings_text(self.FINDINGS, translate=lambda t: translate(t, "zh_CN"))
        assert "1 个错误，0 个警告，1 条提示" == text.splitlines()[-1]


class TestRulesCommand:
    def test_summaries_in_chinese(self):
        from click.testing import CliRunner  # noqa: PLC0415

        from minzheng_plans.cli.app import cli  # noqa: PLC0415

        result = CliRunner().invoke(cli, ["rules", "--lang", "zh"])
        line = next(x for x in result.stdout.splitlines() if x.startswith("MZ404"))
        assert "上级规划的约束性指标被列为预期性指标" in line
        result = CliRunner().invoke(cli, ["rules", "--lang", "en"])
        assert "listed as anticipatory" in result.stdout


class TestUpdateCatalogs:
    def test_adds_missing_ids_and_keeps_translations(self, tmp_path):
        import shutil  # noqa: PLC0415

        from babel.messages.pofile import read_po  # noqa: PLC0415

        from minzheng_plans.output.i18n import LOCALE_DIR  # noqa: PLC0415
        from minzheng_plans.output.messages import update_catalogs  # noqa: PLC0415

        shutil.copytree(LOCALE_DIR, tmp_path / "locale")
        po = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "minzheng_plans.po"
        # Drop one translated entry, as if its message were new in the code.
        text = po.read_text(encoding="utf-8")
        entry = 'msgid "Two indicators share one id"\nmsgstr "两个指标使用同一编号"\n'
        assert entry in text
        po.write_text(text.replace(entry, ""), encoding="utf-8")
        added = update_catalogs(tmp_path / "locale")
        assert ["zh_CN: Two indicators share one id"] == added
        with po.open("rb") as handle:
            catalog = read_po(handle)
        assert "" == catalog.get("Two indicators share one id").string
        assert "规则在检查时引发异常" == catalog.get("A rule raised while checking").string
