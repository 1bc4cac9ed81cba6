"""The built-in indicator-table loaders: CSV in three encodings, XLSX, bad rows, sniffing."""

from __future__ import annotations

import csv
import io
import json
import sys
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng_plans import Attribute, Comparator, Comparison, Document, Range, Relative
from minzheng_plans.builtin.loaders.tables import CSV_LOADER, XLSX_LOADER
from minzheng_plans.cli.app import EXIT_OK, EXIT_USAGE, cli
from minzheng_plans.core.errors import DocumentError
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.testing import make_load_context

from .conftest_plans import MINIMAL_PLAN

LOAD_CONTEXT = make_load_context()

# A fictional county's table, written for these tests in the documented layout.
TABLE = """\
title,澜溪县“十四五”民政事业发展规划
jurisdiction,990101,澜溪县,county
period,2021,2025
based_on,“十四五”民政事业发展规划,000000-2021-2025

表1 主要指标
序号,指标名称,单位,2020年,2025年,属性
1,养老机构护理型床位占比,%,41.5,≥55,约束性
2,每千名老年人拥有养老床位数,张,32,35～40,预期性
3,农村低保标准增长,%,——,不低于居民上年度人均消费支出增速,预期性
"""

ENGLISH = """\
title,澜溪县“十四五”民政事业发展规划
jurisdiction,990101,澜溪县,county
period,2021,2025

id,name,unit,attribute,baseline_year,baseline,target_year,target,code
t1.1,养老机构护理型床位占比,%,binding,2020,41.5,2025,≥55,nursing-bed-share
t1.2,每千名老年人拥有养老床位数,张,anticipatory,2020,32,2025,35～40,
t1.3,农村低保标准增长,%,anticipatory,,,2025,不低于居民上年度人均消费支出增速,
"""


def _csv(text: str, encoding: str = "utf-8", name: str = "table.csv") -> Document:
    return Document.from_bytes(name, text.encode(encoding))


def _host():
    return create_plugin_host(entry_points=False)


class TestCsv:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
    def test_three_encodings_read_the_same_plan(self, encoding):
        """UTF-8, UTF-8 with BOM and GB18030 bytes of one table give one and the same plan."""
        document = _csv(TABLE, encoding)
        result = load_document(document, _host())
        plan = result.plan
        assert ("990101-2021-2025", "澜溪县", 3) == (
            plan.id,
            plan.jurisdiction.name,
            len(plan.indicators),
        )
        first = plan.indicators[0]
        assert ("t1.1", "%", Attribute.BINDING) == (first.id, first.unit, first.attribute)
        assert Decimal("41.5") == first.baseline.value
        assert 2020 == first.baseline.year
        assert Comparison(2025, Decimal(55), Comparator.GE) == first.target
        assert Range(2025, Decimal(35), Decimal(40)) == plan.indicators[1].target
        assert isinstance(plan.indicators[2].target, Relative)
        assert plan.indicators[2].baseline is None
        assert [] == [f.code for f in result.findings]
        assert "表1 主要指标" == first.source.table
        assert 8 == first.source.line

    def test_gb18030_is_detected_not_guessed(self):
        """The GB18030 bytes are not valid UTF-8; the document says which encoding it read."""
        data = TABLE.encode("gb18030")
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        assert "gb18030" == Document.from_bytes("t.csv", data).encoding

    def test_english_and_chinese_headers_agree(self):
        """English column names with year columns read the same values as the Chinese ones."""
        chinese = load_document(_csv(TABLE), _host()).plan
        english = load_document(_csv(ENGLISH), _host()).plan
        pairs = [(c.name, c.unit, c.attribute, c.baseline, c.target) for c in chinese.indicators]
        assert pairs == [
            (e.name, e.unit, e.attribute, e.baseline, e.target) for e in english.indicators
        ]
        assert "nursing-bed-share" == english.indicators[0].code

    def test_tab_separated_text_reads_too(self):
        """A tab-separated copy from a spreadsheet reads like the comma-separated one."""
        tabbed = ENGLISH.replace(",", "\t")
        plan = load_document(_csv(tabbed, name="table.tsv"), _host()).plan
        assert 3 == len(plan.indicators)

    def test_bad_rows_become_mz501_quoting_the_row_and_nothing_is_dropped(self):
        """Every data row gives an indicator or an MZ501; partly read rows give both."""
        text = TABLE + (
            "4,,人,10,20,预期性\n"  # no name: no indicator
            "5,社会组织数,个,abc,120,预期性\n"  # unreadable baseline: indicator kept
            "6,志愿者注册率,%,10,15,约束\n"  # short attribute is fine
            "7,养老服务时间,小时,,8,说不准\n"  # unknown attribute
        )
        result = load_document(_csv(text), _host())
        problems = [f for f in result.findings if f.code == "MZ501"]
        assert [(11, None), (12, "t1.5"), (14, "t1.7")] == [
            (f.location.line, f.indicator) for f in problems
        ]
        assert all(f.severity == "warning" for f in problems)
        quotes = [dict(f.args)["quote"] for f in problems]
        assert "5 | 社会组织数 | 个 | abc | 120 | 预期性" == quotes[1]
        assert "abc" in str(dict(problems[1].args)["reasons"])
        ids = [i.id for i in result.plan.indicators]
        assert ["t1.1", "t1.2", "t1.3", "t1.5", "t1.6", "t1.7"] == ids
        kept = result.plan.indicator("t1.5")
        assert (None, Decimal(120)) == (kept.baseline, kept.target.value)
        assert Attribute.BINDING == result.plan.indicator("t1.6").attribute

    def test_unit_in_a_cell_fills_an_empty_unit_column_and_a_clash_is_reported(self):
        """≥55% fills a missing unit; 200人 under unit 张 keeps 张 and says so."""
        text = ENGLISH.replace(",%,binding,2020,41.5,2025,≥55,", ",,binding,2020,41.5,2025,≥55%,")
        text = text.replace("2020,32,2025,35～40,", "2020,32,2025,200人,")
        result = load_document(_csv(text), _host())
        assert "%" == result.plan.indicator("t1.1").unit
        assert "张" == result.plan.indicator("t1.2").unit
        (problem,) = [f for f in result.findings if f.code == "MZ501"]
        assert "t1.2" == problem.indicator
        assert "unit 人" in str(dict(problem.args)["reasons"])

    def test_cells_beyond_the_header_are_reported(self):
        """A row longer than the header keeps its indicator and names the stray cells."""
        result = load_document(_csv(TABLE + "4,社会工作者数,人,10,20,预期性,备注文字\n"), _host())
        (finding,) = result.findings
        assert "备注文字" in str(dict(finding.args)["reasons"])

    def test_unknown_columns_are_named_once_not_per_row(self):
        """A 备注 column is not read: one MZ505 names it; its rows are not MZ501."""
        text = TABLE.replace(",属性\n", ",属性,备注\n").replace("约束性\n", "约束性,已核实\n")
        result = load_document(_csv(text), _host())
        assert ["MZ505"] == [f.code for f in result.findings]
        assert "备注" in result.findings[0].text

    def test_category_heading_rows_are_not_indicators(self):
        """一、养老服务 alone on a row groups rows: neither an indicator nor a problem."""
        text = TABLE.replace("1,养老", "一、养老服务,,,,,\n1,养老")
        result = load_document(_csv(text), _host())
        assert 3 == len(result.plan.indicators)
        assert () == result.findings

    def test_category_rows_and_columns_give_the_section(self):
        """一、养老服务 above rows, or a 类别 column beside them, is the rows' section."""
        text = TABLE.replace("1,养老", "一、养老服务,,,,,\n1,养老")
        plan = load_document(_csv(text), _host()).plan
        assert ["养老服务"] * 3 == [i.section for i in plan.indicators]
        column = TABLE.replace("序号,", "类别,序号,").replace("\n1,", "\n养老,1,")
        column = column.replace("\n2,", "\n,2,").replace("\n3,", "\n救助,3,")
        plan = load_document(_csv(column), _host()).plan
        assert ["养老", "养老", "救助"] == [i.section for i in plan.indicators]

    def test_missing_metadata_is_defaulted_and_said_in_mz505(self):
        """Without a header block the period comes from the years, the rest from defaults."""
        body = ENGLISH.split("\n\n", 1)[1]
        result = load_document(_csv(body, name="lanxi.csv"), _host())
        plan = result.plan
        # No place anywhere: a code of its own (never a shared "unknown"), said in MZ509 (#14).
        assert (True, True, "lanxi") == (
            plan.id.startswith("X-"),
            plan.id.endswith("-2021-2025"),
            plan.title,
        )
        assert ["MZ509"] == [f.code for f in result.findings if f.code == "MZ509"]
        (note,) = [f for f in result.findings if f.code == "MZ505"]
        assert "info" == note.severity
        assert "period 2021-2025" in note.text

    def test_no_header_row_is_a_document_error(self):
        """A CSV that is not an indicator table is refused with what was expected."""
        with pytest.raises(DocumentError, match="指标名称"):
            CSV_LOADER.load(_csv("a,b,c\n1,2,3\n"), LOAD_CONTEXT)

    def test_no_period_and_no_years_is_a_document_error(self):
        """Without a period and without any target year the plan period cannot be known."""
        with pytest.raises(DocumentError, match="period"):
            CSV_LOADER.load(_csv("name,unit\n床位数,张\n"), LOAD_CONTEXT)

    def test_bad_level_is_a_document_error(self):
        """A jurisdiction level outside the five is refused, listing the accepted ones."""
        text = TABLE.replace("990101,澜溪县,county", "990101,澜溪县,village")
        with pytest.raises(DocumentError, match="national, provincial"):
            CSV_LOADER.load(_csv(text), LOAD_CONTEXT)


def _workbook(percent: bool = False) -> bytes:
    import openpyxl  # noqa: PLC0415 - a test dependency (the test extra)

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "主要指标"
    sheet.append(["标题", "澜溪县“十四五”民政事业发展规划"])
    sheet.append(["行政区", "990101", "澜溪县", "县"])
    sheet.append(["规划期", "2021-2025"])
    sheet.append([])
    sheet.append(["序号", "指标名称", "单位", "属性", "基期年份", "基期值", "目标年份", "目标值"])
    sheet.append([1, "养老机构护理型床位占比", "%", "约束性", 2020, 41.5, 2025, "≥55"])
    sheet.append([2, "社区综合服务设施覆盖率", "%", "预期性", 2020, 0.9, 2025, 1])
    if percent:
        sheet["F7"].number_format = "0%"
        sheet["H7"].number_format = "0%"
    sheet.append([3, "坏的一行", "个", "预期性", "去年", 5, 2025, 8])
    second = book.create_sheet("完成情况")
    second.append(["name", "unit", "target_year", "target", "actual"])
    second.append(["城乡社区服务站数", "个", 2020, 100, 104])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestXlsx:
    def test_workbook_reads_every_sheet_with_exact_numbers(self):
        """Each sheet with a header is a table; floats read as the decimals typed in."""
        result = load_document(Document.from_bytes("plan.xlsx", _workbook()), _host())
        plan = result.plan
        assert ["t1.1", "t1.2", "t1.3", "t2.1"] == [i.id for i in plan.indicators]
        assert Decimal("41.5") == plan.indicators[0].baseline.value
        assert "主要指标" == plan.indicators[0].source.table
        completion = plan.indicator("t2.1")
        assert (2020, Decimal(104)) == (completion.actual.year, completion.actual.value)
        (bad,) = [f for f in result.findings if f.code == "MZ501"]
        assert (8, "t1.3") == (bad.location.line, bad.indicator)
        assert "去年" in dict(bad.args)["quote"]

    def test_percent_formatted_cells_read_as_percent(self):
        """A cell holding 0.9 shown as 90% reads 90 with unit %."""
        plan = load_document(Document.from_bytes("p.xlsx", _workbook(percent=True)), _host()).plan
        row = plan.indicator("t1.2")
        assert (Decimal(90), Decimal(100), "%") == (
            row.baseline.value,
            row.target.value,
            row.unit,
        )

    def test_sheet_without_a_header_is_named_not_dropped_silently(self):
        """A notes sheet with no header row is not read, and MZ505 says which sheet."""
        import openpyxl  # noqa: PLC0415 - a test dependency (the test extra)

        book = openpyxl.load_workbook(io.BytesIO(_workbook()))
        book.create_sheet("填表说明").append(["本表由民政局规划科填写"])
        buffer = io.BytesIO()
        book.save(buffer)
        result = load_document(Document.from_bytes("p.xlsx", buffer.getvalue()), _host())
        (note,) = [f for f in result.findings if f.code == "MZ505"]
        assert "填表说明 has no header row" in note.text
        assert 4 == len(result.plan.indicators)

    def test_missing_openpyxl_names_the_excel_extra(self, monkeypatch):
        """Without openpyxl the workbook is still claimed, and loading says what to install."""
        data = _workbook()
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        document = Document.from_bytes("plan.xlsx", data)
        assert 0.5 == XLSX_LOADER.sniff(document, LOAD_CONTEXT)
        with pytest.raises(DocumentError, match=r"excel extra .*pip install '\.\[excel\]'"):
            load_document(document, _host())

    def test_broken_workbook_is_a_document_error(self):
        """A zip that claims to be a workbook but is damaged is refused, not a traceback."""
        data = _workbook()
        damaged = data[: len(data) // 2]
        assert 0.0 == XLSX_LOADER.sniff(Document.from_bytes("x.xlsx", damaged), LOAD_CONTEXT)
        with pytest.raises(DocumentError):
            XLSX_LOADER.load(Document.from_bytes("x.xlsx", damaged), LOAD_CONTEXT)


_NAMES = st.text(alphabet="养老床位服务覆盖率社区儿童福利每千名", min_size=2, max_size=12)
_VALUES = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


class TestProperties:
    @settings(max_examples=40, deadline=None)
    @given(
        rows=st.lists(st.tuples(_NAMES, _VALUES, _VALUES), min_size=1, max_size=8),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    )
    def test_written_tables_read_back_exactly(self, rows, encoding):
        """Any table written with csv.writer reads back with the same names and decimals."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["period", "2021", "2025"])
        writer.writerow(["name", "unit", "baseline_year", "baseline", "target"])
        writer.writerows(
            [name, "%", 2020, baseline, f"≥{target}"] for name, baseline, target in rows
        )
        result = CSV_LOADER.load(_csv(buffer.getvalue(), encoding), LOAD_CONTEXT)
        got = [(i.name, i.baseline.value, i.target.value) for i in result.plan.indicators]
        assert [(n.strip(), b, t) for n, b, t in rows] == got
        # The defaulted title (MZ505) and the place no row names (MZ509).
        assert ["MZ505", "MZ509"] == sorted(f.code for f in result.findings)

    @settings(max_examples=80, deadline=None)
    @given(st.text(max_size=300))
    def test_any_text_is_a_plan_or_a_document_error(self, text):
        """Arbitrary text never escapes as another exception, whatever its rows hold."""
        document = _csv("name,unit,target\n" + text)
        assert 0.0 <= CSV_LOADER.sniff(document, LOAD_CONTEXT) <= 1.0
        try:
            result = CSV_LOADER.load(document, LOAD_CONTEXT)
        except DocumentError:
            return
        assert all(f.code in {"MZ501", "MZ503", "MZ505"} for f in result.findings)


class TestSniff:
    @pytest.mark.parametrize(
        ("name", "text", "expected"),
        [
            ("table.csv", TABLE, 0.9),
            ("table.txt", TABLE, 0.6),
            ("notes.csv", "随手记,没有表头\n", 0.2),
            ("notes.txt", "随手记,没有表头\n", 0.0),
            ("plan.toml", MINIMAL_PLAN, 0.0),
            ("plan.txt", "某县规划\n第二章 目标\n正文。\n指标\t2025年\n测试率\t90\n", 0.05),
        ],
    )
    def test_csv_confidences(self, name, text, expected):
        """A header row is what the CSV loader trusts; the .csv suffix alone is a hint."""
        assert expected == CSV_LOADER.sniff(Document.from_text(name, text), LOAD_CONTEXT)

    def test_xlsx_confidences(self):
        """A workbook with a header is claimed; text and a plain zip are not."""
        assert 0.9 == XLSX_LOADER.sniff(Document.from_bytes("p.xlsx", _workbook()), LOAD_CONTEXT)
        assert 0.0 == XLSX_LOADER.sniff(_csv(TABLE), LOAD_CONTEXT)
        assert 0.0 == CSV_LOADER.sniff(Document.from_bytes("p.xlsx", _workbook()), LOAD_CONTEXT)

    def test_selection_picks_the_table_loader(self):
        """Among all built-in loaders the table loaders win their documents, plan files theirs."""
        host = _host()
        from minzheng_plans.reading.loading import sniff_document  # noqa: PLC0415

        def best(document):
            return sniff_document(document, host, [])[0].loader

        assert "table.csv" == best(_csv(TABLE))
        assert "table.xlsx" == best(Document.from_bytes("p.xlsx", _workbook()))
        assert "plan-file.toml" == best(Document.from_text("p.toml", MINIMAL_PLAN))


class TestCli:
    def test_load_csv_prints_a_plan_file(self, tmp_path):
        """`minzheng-plans load table.csv --format json` writes the plan with exact values."""
        path = tmp_path / "lanxi.csv"
        path.write_bytes(TABLE.encode("gb18030"))
        result = CliRunner().invoke(cli, ["load", "--format", "json", str(path)])
        assert EXIT_OK == result.exit_code
        tree = json.loads(result.stdout)
        assert "990101-2021-2025" == tree["plan"]["id"]
        assert '"value": 41.5' in result.stdout

    def test_check_reads_a_table_and_reports_bad_rows(self, tmp_path):
        """`check` accepts the CSV through its loader; MZ501 is a warning, so exit 0."""
        path = tmp_path / "lanxi.csv"
        path.write_text(TABLE + "4,,人,1,2,预期性\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["check", "--no-bundled", "--format", "json", str(path)])
        assert EXIT_OK == result.exit_code
        codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
        assert "MZ501" in codes

    def test_not_a_table_exits_two(self, tmp_path):
        """A .csv without a header row is a one-line error and exit 2 with --loader."""
        path = tmp_path / "x.csv"
        path.write_text("a,b\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["load", "--loader", "table.csv", str(path)])
        assert EXIT_USAGE == result.exit_code
        assert "header row" in result.stderr


class TestJurisdiction:
    """The table loaders resolve the place through the registry, as every loader does (#15)."""

    BODY = ENGLISH.split("\n\n", 1)[1]

    def _load(self, block: str):
        return load_document(_csv(block + "\n\n" + self.BODY, name="plan.csv"), _host())

    def test_a_code_the_registry_knows_takes_its_name_level_and_parent(self):
        """330100 written as a county is the registry's prefecture 杭州市 under 浙江省."""
        result = self._load(
            "title,杭州市民政事业发展规划\njurisdiction,330100,杭州,county\nperiod,2021,2025"
        )
        place = result.plan.jurisdiction
        assert ("330100", "杭州市", "prefecture", "330000") == (
            place.code, place.name, place.level, place.parent,
        )  # fmt: skip
        assert "330100-2021-2025" == result.plan.id

    def test_a_name_alone_is_resolved(self):
        """A name without a code is found in the registry, with the title as evidence."""
        result = self._load(
            "title,南京市鼓楼区民政事业发展规划\njurisdiction,鼓楼区\nperiod,2021,2025"
        )
        assert ("320106", "county", "320100") == (
            result.plan.jurisdiction.code,
            result.plan.jurisdiction.level,
            result.plan.jurisdiction.parent,
        )
        assert [] == [f for f in result.findings if f.code == "MZ509"]

    def test_an_unknown_place_keeps_its_name_gets_its_own_code_and_mz509(self):
        """A place no registry knows: the name kept, an X- code, the written level, MZ509."""
        result = self._load(
            "title,云杉镇民政事业发展规划\njurisdiction,云杉镇,zone\nperiod,2021,2025"
        )
        place = result.plan.jurisdiction
        assert ("云杉镇", "zone", True) == (place.name, place.level, place.code.startswith("X-"))
        (found,) = [f for f in result.findings if f.code == "MZ509"]
        assert result.plan.id == found.plan
        assert "云杉镇" in found.text

    def test_two_unresolved_places_never_share_an_id(self):
        """Two tables of places the registry does not know get two ids."""
        one = self._load("title,云杉镇民政规划\njurisdiction,云杉镇\nperiod,2021,2025")
        two = self._load("title,银杏镇民政规划\njurisdiction,银杏镇\nperiod,2021,2025")
        assert one.plan.id != two.plan.id

    def test_a_local_code_the_registry_does_not_know_is_kept_as_written(self):
        """A code of a test or local place (990101) is not replaced: it is the plan's own."""
        result = load_document(_csv(ENGLISH), _host())
        place = result.plan.jurisdiction
        assert ("990101", "澜溪县", "county") == (place.code, place.name, place.level)
        assert [] == [f for f in result.findings if f.code == "MZ509"]

    def test_reasons_of_a_bad_row_are_chinese_in_a_chinese_report(self):
        """A row's reasons (the value parser's expectation included) render in Chinese."""
        from minzheng_plans.output.i18n import render  # noqa: PLC0415

        result = load_document(_csv(ENGLISH.replace("≥55", "很多")), _host())
        (problem,) = [f for f in result.findings if f.code == "MZ501"]
        text = render(problem, "zh_CN")
        assert "目标值“很多”：应为形如" in text
