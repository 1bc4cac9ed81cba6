"""Metadata readers, on notices written for these tests in the layouts of real pages."""

from __future__ import annotations

import datetime as dt

import pytest

from minzheng_plans.core.model import Period
from minzheng_plans.text import metadata as md

# A page in the bullet-field layout (labels and values on alternate lines).
BULLET_PAGE = """\
  • 发布机构
  • 县民政局
  • 成文日期
  • 2023-01-05
  • 发文字号
  • 测府办发〔2019〕7号
  • 有 效 性
测试县人民政府办公室 关于印发测试县养老服务“十四五”规划的通知
日期:2023-01-05 来源:县民政局

《测试县养老服务“十四五”规划》已经县政府同意,现印发给你们。

测试县人民政府办公室

20191103

测试县养老服务“十四五”规划

为做好养老工作,依据《测试省养老服务“十四五”规划》、《测试县国民经济和社会发展第十四个五年规划纲要》和《测试县民生规划》,结合实际,制定本规划。
根据《老年人权益保障法》,加强监管。
"""

# A page in the colon layout with no notice title.
COLON_PAGE = """\
公开主体:
测试区人民政府
发文字号:
测区府发[2021]3号
成文日期:
2021-07-01
生效日期:
现将《测试区民政事业发展第十四个五年规划(2021—2025年)》印发给你们。
2021年7月2日
"""


class TestFields:
    def test_bullet_fields_read_label_then_value(self):
        """Each label line is followed by its value; spaced labels (有 效 性) are labels."""
        fields = md.find_fields(BULLET_PAGE)
        assert "县民政局" == fields["发布机构"].value
        assert 6 == fields["发文字号"].line
        assert "有效性" not in fields  # its next line is not a value but the notice title

    def test_inline_fields_split_on_a_line(self):
        """``日期:… 来源:…`` on one line gives two fields."""
        fields = md.find_fields(BULLET_PAGE)
        assert "2023-01-05" == fields["日期"].value
        assert "县民政局" == fields["来源"].value

    def test_empty_values_are_not_fields(self):
        """``生效日期:`` followed by another line that is no value stays out."""
        fields = md.find_fields(COLON_PAGE)
        assert "生效日期" not in fields
        assert "测试区人民政府" == fields["公开主体"].value


class TestDocumentNumber:
    def test_number_with_hexagonal_brackets(self):
        """A document number in 〔〕 is found with its line."""
        assert ("测府办发〔2019〕7号", 6) == md.find_document_number(BULLET_PAGE)

    def test_number_with_square_brackets(self):
        """A document number in [] is found with its line."""
        assert ("测区府发[2021]3号", 4) == md.find_document_number(COLON_PAGE)

    def test_no_number(self):
        """A text without a document number gives none."""
        assert md.find_document_number("测试规划\n没有文号。") is None


class TestDates:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2021年5月24日", dt.date(2021, 5, 24)),
            ("2021-12-13", dt.date(2021, 12, 13)),
            ("20161214", dt.date(2016, 12, 14)),
            ("20161314", None),
            ("明年", None),
        ],
    )
    def test_parse_date(self, text, expected):
        """Dates in 年月日, ISO and eight-digit forms are read; impossible or vague ones are not."""
        assert expected == md.parse_date(text)

    def test_signature_date_wins_over_the_page_field(self):
        """A repost carries a new 成文日期; the date under the notice is the issue date."""
        assert dt.date(2019, 11, 3) == md.find_issued(BULLET_PAGE)

    def test_field_date_when_there_is_no_signature(self):
        """Without a signature the 成文日期 field gives the issue date, not a date in the body."""
        page = "成文日期:\n2020-02-03\n正文2021年1月1日前完成。\n"
        assert dt.date(2020, 2, 3) == md.find_issued(page)

    def test_find_dates_lists_each_with_its_line(self):
        """Each date in a page is listed with its line."""
        dates = md.find_dates(COLON_PAGE)
        assert (dt.date(2021, 7, 1), 6) in dates
        assert (dt.date(2021, 7, 2), 9) in dates


class TestTitleAndIssuers:
    def test_title_issued_by_the_notice(self):
        """The title is the plan the notice issues, with its line."""
        assert ("测试县养老服务“十四五”规划", 11) == md.find_title(BULLET_PAGE)

    def test_title_from_a_heading_line(self):
        """Without a notice, the heading line is the title."""
        text = "测试市民政事业发展第十三个五年规划(2016—2020年)\n\n正文。\n"
        assert ("测试市民政事业发展第十三个五年规划(2016—2020年)", 1) == md.find_title(text)

    def test_title_with_years_written_with_nian_on_both_ends(self):
        """A heading ending (2021年—2025年) is a title, not only (2021—2025年)."""
        text = "测试市某区民政事业发展规划（2021年—2025年）\n\n测政发〔2021〕1号\n"
        assert ("测试市某区民政事业发展规划(2021年—2025年)", 1) == md.find_title(text)

    def test_issuers_from_the_notice_title(self):
        """The issuers are the bodies named before 关于印发 in the notice's title."""
        text = "测试部 测试委员会关于印发《测试规划》的通知\n"
        assert ("测试部", "测试委员会") == md.find_issuers(text)

    def test_issuers_fall_back_to_the_publishing_body(self):
        """Without a notice title, the publishing body is the issuer."""
        assert ("测试区人民政府",) == md.find_issuers(COLON_PAGE)

    def test_a_paragraph_is_not_an_issuer(self):
        """A sentence that mentions 关于印发 in passing names no issuer."""
        text = "本年度工作取得进展,制定出台了《测试县人民政府办公室关于印发测试办法的通知》。\n"
        assert () == md.find_issuers(text)


class TestBasedOn:
    def test_chain_before_the_plan_is_made(self):
        """Every title of the 依据 chain, in order; a law cited in a task is no parent."""
        assert (
            "测试省养老服务“十四五”规划",
            "测试县国民经济和社会发展第十四个五年规划纲要",
            "测试县民生规划",
        ) == md.find_based_on(BULLET_PAGE)

    def test_repeated_chain_gives_each_title_once(self):
        """A chain of 依据 titles stated twice gives each title once, in order."""
        text = (
            "依据《甲规划》和《乙纲要》,特制定本规划。\n依据《甲规划》和《乙纲要》,制定本规划。\n"
        )
        assert ("甲规划", "乙纲要") == md.find_based_on(text)


class TestPeriod:
    @pytest.mark.parametrize(
        ("title", "expected"),
        [
            ("测试县民政事业发展“十三五”规划", Period(2016, 2020)),
            ("“十四五”民政事业发展规划", Period(2021, 2025)),
            ("测试市民政事业发展第十三个五年规划", Period(2016, 2020)),
            ("测试规划(2021—2023年)", Period(2021, 2023)),
            ("国民经济第一个五年计划", Period(1953, 1957)),
            ("测试规划", None),
        ],
    )
    def test_period_from_title(self, title, expected):
        """The title's 十三五, 十四五, 第N个五年 or year span gives the period; else none."""
        assert expected == md.period_from_title(title)

    def test_five_year_plan_numbering(self):
        """The count skips the 1963-1965 adjustment years."""
        assert Period(1953, 1957) == md.five_year_plan_period(1)
        assert Period(1966, 1970) == md.five_year_plan_period(3)
        assert Period(2026, 2030) == md.five_year_plan_period(15)
        with pytest.raises(ValueError, match="numbered from 1"):
            md.five_year_plan_period(0)


def test_read_metadata_combines_the_readers():
    """read_metadata gives the title, period, issue date, issuers and number of a page."""
    meta = md.read_metadata(COLON_PAGE)
    assert "测试区民政事业发展第十四个五年规划(2021—2025年)" == meta.title
    assert Period(2021, 2025) == meta.period
    assert dt.date(2021, 7, 2) == meta.issued
    assert ("测试区人民政府",) == meta.issuers
    assert "测区府发[2021]3号" == meta.document_number
