"""Prose targets the way planners write them, and metadata from any document shape."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.core.model import Period
from minzheng_plans.core.quantity import Basis, Comparator, Comparison, Range
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.text import _script
from minzheng_plans.text.metadata import parse_date, read_metadata
from minzheng_plans.text.normalise import normalise
from minzheng_plans.text.prose import extract_targets, prose_indicators

P14 = Period(2021, 2025)


def _targets(sentence: str) -> list[tuple[str, object, str]]:
    text = f"二、主要目标\n{sentence}\n"
    return [(t.name, t.target, t.unit) for t in extract_targets(text, period=P14).targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "城市低保标准每人每月达到700元。",
            [("城市低保标准", Comparison(2025, Decimal(700)), "元/人·月")],
        ),
        (
            "每千名老年人拥有养老床位35张至40张。",
            [("每千名老年人拥有养老床位", Range(2025, Decimal(35), Decimal(40)), "张/千名老年人")],
        ),
        (
            "每万人拥有志愿服务组织6个以上。",
            [("每万人拥有志愿服务组织", Comparison(2025, Decimal(6), ">="), "个/万人")],
        ),
        (
            "孤儿养育标准不低于每人每月1300元。",
            [("孤儿养育标准", Comparison(2025, Decimal(1300), ">="), "元/人·月")],
        ),
        (
            "二〇二三年底前，村级服务站覆盖率达到100%。",
            [("村级服务站覆盖率", Comparison(2023, Decimal(100)), "%")],
        ),
        (
            "临时救助标准年均增长7%以上。",
            [
                (
                    "临时救助标准年均增长",
                    Comparison(2025, Decimal(7), ">=", basis=Basis.ANNUAL_GROWTH),
                    "%",
                )
            ],
        ),
        (
            "累计新建社区食堂120个。",
            [("新建社区食堂", Comparison(2025, Decimal(120), basis=Basis.CUMULATIVE), "个")],
        ),
        (
            "慈善捐赠额达到8亿元左右。",
            [("慈善捐赠额", Comparison(2025, Decimal(8), approximate=True), "亿元")],
        ),
        (
            "年募集善款约3亿元。",
            [("年募集善款", Comparison(2025, Decimal(3), approximate=True), "亿元")],
        ),
        (
            "残疾人两项补贴发放率为100%。",
            [("残疾人两项补贴发放率", Comparison(2025, Decimal(100)), "%")],
        ),
        ("以社区为重点。", []),
        (
            "救助站平均滞留时间降到20天以下。",
            [("救助站平均滞留时间", Comparison(2025, Decimal(20), "<="), "天")],
        ),
        (
            "力争全市婚姻登记达标率达到90%。",
            [("婚姻登记达标率", Comparison(2025, Decimal(90)), "%")],
        ),
    ],
)
def test_planner_wordings(sentence, expected):
    """Each wording gives the name, target and unit a reader would write down."""
    assert expected == _targets(sentence)


def test_severally_distributes_over_the_subjects():
    """分别达到A、B、C gives one target per subject, sharing the rest of the name."""
    got = _targets("省级、市级、县级福利院床位使用率分别达到90%、80%、70%。")
    assert [
        ("省级福利院床位使用率", Comparison(2025, Decimal(90)), "%"),
        ("市级福利院床位使用率", Comparison(2025, Decimal(80)), "%"),
        ("县级福利院床位使用率", Comparison(2025, Decimal(70)), "%"),
    ] == got


def test_severally_over_town_and_country():
    """城乡…分别达到X和Y names the 城市 and the 农村 indicator."""
    got = _targets("城乡居民服务站覆盖率分别达到100%和85%。")
    assert ["城市居民服务站覆盖率", "农村居民服务站覆盖率"] == [name for name, _, _ in got]


def test_severally_with_a_mismatch_is_reported():
    """A 分别 list whose subjects do not match its figures is an MZ520 finding, not a guess."""
    result = extract_targets("二、目标\n服务设施面积分别达到30平方米、20平方米。\n", period=P14)
    _, findings = prose_indicators(result)
    assert ["MZ520"] == [f.code for f in findings]
    assert 2 == findings[0].location.line


def test_a_figure_no_pattern_reads_gets_an_info_finding():
    """A committed figure nobody reads gives MZ520 (info) with its line."""
    result = extract_targets("二、目标\n确保惠及困难老人1200人。\n", period=P14)
    _, findings = prose_indicators(result)
    assert [("MZ520", "info", 2)] == [(f.code, f.severity, f.location.line) for f in findings]


def test_traditional_text_reads_with_quotes_as_written():
    """Traditional characters read as simplified; the quote keeps what was written."""
    text = "二、目標\n到2025年，農村社區綜合服務設施覆蓋率為100%。\n"
    [target] = extract_targets(text, period=P14).targets
    assert "农村社区综合服务设施覆盖率" == target.name
    assert target.quote in text.split("\n")[1]
    assert "覆蓋率為100%" in target.quote


def test_traditional_without_converter_is_a_warning(monkeypatch):
    """Without OpenCC a traditional text loads with MZ521 instead of silently reading nothing."""
    monkeypatch.setattr(_script, "_converter", lambda: None)
    text = "某縣民政事業發展“十四五”規劃\n到2025年，養老床位達到500張。\n"
    assert normalise(text).traditional
    assert not normalise(text).converted
    result = load_document(
        Document.from_text("t.txt", text), create_plugin_host(entry_points=False)
    )
    assert "MZ521" in [f.code for f in result.findings]


def test_normalised_offsets_survive_conversion():
    """A converted text maps back to the original one character for one character."""
    text = "社區\u200b覆蓋率"
    normalised = normalise(text)
    assert "社区覆盖率" == normalised.text
    assert "覆蓋率" == normalised.quote(2, 5)


class TestMetadata:
    def test_notice_without_issuer_prefix(self):
        """关于印发…的通知 gives the title; the signature gives the issuer and date."""
        text = (
            "关于印发某某省民政事业发展“十四五”规划的通知\n某政办发〔2021〕9号\n"
            "各市人民政府，省政府各部门：\n现予印发。\n某某省人民政府办公厅\n二〇二一年六月三十日\n"
        )
        meta = read_metadata(text)
        assert "某某省民政事业发展“十四五”规划" == meta.title
        assert Period(2021, 2025) == meta.period
        assert ("某某省人民政府办公厅",) == meta.issuers
        assert ("各市人民政府", "省政府各部门") == meta.addressees
        assert "某政办发〔2021〕9号" == meta.document_number
        assert dt.date(2021, 6, 30) == meta.issued
        assert 2021 == meta.year

    @pytest.mark.parametrize(
        "number", ["某民发[2016]3号", "某民发［2016］3号", "某民发〔2016〕3号"]
    )
    def test_document_number_brackets(self, number):
        """Every bracket form of a 文号 is read, as written."""
        assert number == read_metadata(f"某某市民政事业发展规划\n{number}\n").document_number

    def test_period_from_a_caption(self):
        """A page whose caption says 十四五 (no quotes) has the 14th plan's period."""
        meta = read_metadata("表1 十四五时期民政事业主要指标\n序号\n指标\n")
        assert Period(2021, 2025) == meta.period
        assert meta.period_evidence is not None
        assert 1 == meta.period_evidence.line

    def test_period_from_header_years(self):
        """Header years 2021-2025年 give the period."""
        assert Period(2021, 2025) == read_metadata("某县养老服务发展目标（2021-2025年）\n").period

    def test_review_sentences_do_not_give_the_period(self):
        """A sentence about “十三五” in a body paragraph is not the plan's period."""
        meta = read_metadata("“十三五”期间，全县养老床位达到900张，社区服务设施不断完善。\n")
        assert meta.period is None

    def test_chinese_dates(self):
        """Dates in Chinese numerals read."""
        assert dt.date(2021, 12, 20) == parse_date("二〇二一年十二月二十日")

    def test_no_period_at_all_is_refused_saying_what_was_looked_for(self):
        """A text with no period words, years or target years is refused with the reasons."""
        host = create_plugin_host(entry_points=False)
        with pytest.raises(DocumentError, match=r"十四五.*2021—2025年.*到2025年"):
            load_document(Document.from_text("x.txt", "民政工作要点\n加强养老服务。\n"), host)

    def test_excerpt_without_title_loads_with_a_finding(self):
        """A page of targets with no title is a plan named after its file, with MZ522."""
        host = create_plugin_host(entry_points=False)
        text = "到2025年，养老机构护理型床位占比达到60%。\n"
        result = load_document(Document.from_text("page_of_targets.txt", text), host)
        assert "page_of_targets" == result.plan.title
        assert Period(2021, 2025) == result.plan.period
        assert 2 == [f.code for f in result.findings].count("MZ522")
        assert Comparator.EQ == result.plan.indicators[0].target.comparator
