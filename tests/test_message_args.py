"""Messages inside messages: a finding's reason in the report's language (#13).

A placeholder may hold a :class:`~minzheng_plans.core.messages.Message`; it is rendered in the
language of the sentence around it, written to plan files and JSON reports as a table, and
read back. A plugin's own sentence carries its translation with it.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from minzheng_plans import N_, Message, make_finding
from minzheng_plans.checking.baseline import fingerprint
from minzheng_plans.core.errors import PlanFileError, PlanStructureError
from minzheng_plans.core.findings import Finding, Severity
from minzheng_plans.core.messages import MAX_MESSAGE_DEPTH, fill_message, join_messages
from minzheng_plans.core.model import Jurisdiction, Level, Period, Plan
from minzheng_plans.files.converter import make_converter
from minzheng_plans.files.planfile import dumps_plan, loads_plan
from minzheng_plans.output.i18n import render, render_message
from minzheng_plans.output.report import finding_to_json

LOST = N_("the closing bracket after the unit was lost in extraction")
REPAIRED = "Row {row} of {table} ({name}): “{raw}” was read as “{read}” ({reason})"


def _repair(reason: Message) -> Finding:
    return make_finding(
        "MZ502",
        Severity.INFO,
        REPAIRED,
        plan="990101-2021-2025",
        row="3",
        table="表1",
        name="养老床位数",
        raw="养老床位数(张",
        read="养老床位数(张)",
        reason=reason,
    )


def test_a_reason_from_the_catalog_is_rendered_in_chinese():
    """A message id of the catalogs in a placeholder is translated with the sentence."""
    finding = _repair(Message(LOST))
    expected = (
        "表1第 3 行（养老床位数）：“养老床位数(张”被识读为“养老床位数(张)”"
        "（单位后的右括号在提取时丢失）"
    )
    assert expected == render(finding, "zh_CN")
    assert finding.text.endswith("(the closing bracket after the unit was lost in extraction)")


def test_a_plugins_own_reason_uses_its_translation():
    """An id no catalog holds is shown in the plugin's translation, placeholders filled."""
    reason = Message(
        "the prose gives {figure} for this row", {"figure": "每人每月260元"},
        translations={"zh_CN": "正文给出本行的{figure}"},
    )  # fmt: skip
    assert render(_repair(reason), "zh_CN").endswith("（正文给出本行的每人每月260元）")
    assert render(_repair(reason), "en").endswith("(the prose gives 每人每月260元 for this row)")


def test_a_catalog_translation_wins_over_the_messages_own():
    """A plugin that reuses a catalog id gets the catalog's wording."""
    reason = Message(LOST, translations={"zh_CN": "别的说法"})
    assert "单位后的右括号在提取时丢失" == render_message(reason, "zh")


def test_nested_decimals_are_formatted_in_the_language():
    """Numbers inside a nested message follow the report's locale, exactly."""
    reason = Message("{share} of {count}", {"share": Decimal("12345.6"), "count": 3017})
    assert "(12,345.6 of 3017)" == render_message(Message("({inner})", {"inner": reason}), "en")


def test_lists_join_with_the_languages_separator():
    """join_messages keeps text as written and translates messages, with ；in Chinese."""
    joined = join_messages(["备注", Message(N_("(no header)")), "其他"])
    assert "备注; (no header); 其他" == joined.text
    assert "备注；（无表头）；其他" == render_message(joined, "zh_CN")
    assert "无" == render_message(join_messages([]), "zh_CN")


def test_a_long_list_nests_shallowly():
    """Sixty items nest fewer levels deep than a file may hold."""

    def depth(value: object) -> int:
        if not isinstance(value, Message):
            return 0
        return 1 + max((depth(v) for _k, v in value.args), default=0)

    assert depth(join_messages([str(n) for n in range(60)])) <= 8 < MAX_MESSAGE_DEPTH


def test_text_that_is_no_format_string_is_shown_as_written():
    """A stray brace in text taken as an id never breaks a report."""
    assert "expected } after {" == fill_message("expected } after {", {})
    assert "a {missing} b" == fill_message("a {missing} b", {})


class TestStorage:
    def _plan(self, finding: Finding) -> Plan:
        return Plan(
            id="990101-2021-2025",
            title="测试县民政事业发展规划",
            jurisdiction=Jurisdiction("990101", "测试县", Level.COUNTY),
            period=Period(2021, 2025),
            findings=(finding,),
        )

    @pytest.mark.parametrize("fmt", ["toml", "json"])
    def test_a_nested_message_survives_a_plan_file(self, fmt):
        """Written as a table of id, args and translations, read back equal."""
        reason = Message("the prose gives {n}", {"n": Decimal("2.5")}, {"zh_CN": "正文给出{n}"})
        plan = self._plan(_repair(reason))
        assert plan == loads_plan(dumps_plan(plan, fmt), fmt=fmt)

    def test_the_file_form_of_a_message(self):
        """A message argument is written as {id, args, translations}, empty parts left out."""
        data = make_converter().unstructure(_repair(Message(LOST)))
        assert {"id": LOST} == data["args"]["reason"]

    def _file_with_reason(self, reason: object) -> str:
        tree = json.loads(dumps_plan(self._plan(_repair(Message(LOST))), "json"))
        tree["findings"][0]["args"]["reason"] = reason
        return json.dumps(tree, ensure_ascii=False)

    def test_a_message_table_with_other_keys_is_refused(self):
        """Unknown keys in a message table are an error naming them, not silently dropped."""
        text = self._file_with_reason({"id": LOST, "colour": "red"})
        with pytest.raises(PlanStructureError, match="colour"):
            loads_plan(text, fmt="json")

    def test_messages_nest_only_so_deep(self):
        """A hostile file nesting messages without end is refused with a reason."""
        reason: dict[str, object] = {"id": "x"}
        for _ in range(MAX_MESSAGE_DEPTH + 1):
            reason = {"id": "({inner})", "args": {"inner": reason}}
        with pytest.raises(PlanFileError, match="nest"):
            loads_plan(self._file_with_reason(reason), fmt="json")

    def test_json_report_holds_the_message_table(self):
        """The JSON report's args hold the message as data, the message text is rendered."""
        data = finding_to_json(_repair(Message(LOST)), lambda f: render(f, "zh_CN"))
        assert {"id": LOST} == data["args"]["reason"]
        assert "单位后的右括号" in data["message"]
        json.dumps(data, ensure_ascii=False)

    def test_baseline_fingerprint_reads_the_english_text(self):
        """A reason that became a message keeps the fingerprint the same English text had."""
        as_text = _repair(LOST)  # type: ignore[arg-type]
        assert fingerprint(as_text) == fingerprint(_repair(Message(LOST)))
