"""Prose targets, on sentences written for these tests and on the 开封 seed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng_plans.core.model import Period, SourceKind
from minzheng_plans.core.quantity import Basis, Comparator, Comparison, Range, Relative
from minzheng_plans.files.document import Document
from minzheng_plans.text.prose import (
    MAX_QUOTE,
    extract_targets,
    plan_period_year,
    prose_indicators,
    review_lines,
)

P14 = Period(2021, 2025)

# Written for these tests in the layout of a county plan: a review chapter, then targets.
PLAN = """\
测试县民政事业发展“十四五”规划

一、“十三五”时期发展回顾

“十三五”期间，全县养老床位达到1200张，农村敬老院实现全覆盖。

二、主要目标和任务

（一）养老服务

到2025年，全县养老机构护理型床位占比不低于58%，每千名老人养老床位数达到32-38张。
社区日间照料中心达到45家，街道养老服务中心实现镇街全覆盖。
困难老人探访率达到95%以上，特困人员集中供养率超过40%。
按照上年度全县人均消费支出的28%—33%确定最低生活保障标准。
孤儿基本生活费不低于本县居民平均生活水平。
每个村至少有1个互助养老点，新建3所县级敬老院。
到2023年，失能老年人照护床位占比达到22%。
力争基本达到“一村一社工”。
"""


def _by_name(text: str = PLAN) -> dict[str, object]:
    result = extract_targets(text, period=P14)
    return {t.name: t for t in result.targets}


def test_comparators_follow_the_design_contract() -> None:
    """不低于 and 以上 read as ≥, 超过 as >, 达到 a figure as =, each with its unit."""
    targets = _by_name()
    assert Comparison(2025, Decimal(58), Comparator.GE) == targets["养老机构护理型床位占比"].target
    assert Comparison(2025, Decimal(45), Comparator.EQ) == targets["社区日间照料中心"].target
    assert Comparison(2025, Decimal(95), Comparator.GE) == targets["困难老人探访率"].target
    assert Comparison(2025, Decimal(40), Comparator.GT) == targets["特困人员集中供养率"].target
    assert targets["养老机构护理型床位占比"].unit == "%"
    assert targets["社区日间照料中心"].unit == "家"


def test_range_with_unit() -> None:
    """达到32-38张 reads as a range in 张/千名老人."""
    target = _by_name()["每千名老人养老床位数"]
    assert Range(2025, Decimal(32), Decimal(38)) == target.target
    assert "张/千名老人" == target.unit


def test_relative_share_and_relative_level() -> None:
    """A share band of a reference and 不低于 a reference read as relative targets."""
    targets = _by_name()
    share = targets["最低生活保障标准"]
    assert (
        Relative(2025, Comparator.EQ, "上年度全县人均消费支出", Decimal(28), Decimal(33))
        == share.target
    )
    assert share.unit == "%"
    level = targets["孤儿基本生活费"]
    assert Relative(2025, Comparator.GE, "本县居民平均生活水平") == level.target


def test_full_coverage_counts_and_build_tasks() -> None:
    """全覆盖 reads as 100, 至少有1个 as ≥1 and 新建3所 as a count of 3."""
    targets = _by_name()
    assert Comparison(2025, Decimal(100)) == targets["街道养老服务中心镇街覆盖率"].target
    each = targets["每村互助养老点数"]
    assert Comparison(2025, Decimal(1), Comparator.GE) == each.target
    assert Comparison(2025, Decimal(3)) == targets["新建县级敬老院"].target


def test_explicit_year_wins_over_the_plan_end() -> None:
    """A sentence's own year (到2023年) wins over the plan's end year."""
    assert _by_name()["失能老年人照护床位占比"].target == Comparison(2023, Decimal(22))


def test_review_chapter_is_not_read_as_targets() -> None:
    """The review chapter of the previous period gives no targets."""
    lines = PLAN.split("\n")
    review = review_lines(lines, P14)
    assert 5 in review  # the 十三五 achievements paragraph
    assert 9 not in review
    result = extract_targets(PLAN, period=P14)
    assert all(t.line > 6 for t in result.targets)
    assert "养老床位" not in {t.name for t in result.targets}


def test_earlier_period_sentence_outside_a_review_heading_is_skipped() -> None:
    """A sentence about the previous period is skipped even outside a review chapter."""
    text = "二、主要目标\n\n“十三五”期间，全县养老床位达到900张。到2025年，养老床位达到1500张。\n"
    result = extract_targets(text, period=P14)
    assert [(t.name, t.target) for t in result.targets] == [
        ("养老床位", Comparison(2025, Decimal(1500)))
    ]


def test_unreadable_commitment_becomes_a_phrase_for_mz506() -> None:
    """A commitment with no figure read is kept as unread and reported as MZ506 at its line."""
    result = extract_targets(PLAN, period=P14)
    assert [u.quote for u in result.unread] == ["力争基本达到“一村一社工”"]
    _indicators, findings = prose_indicators(result, plan="x", file="plan.txt")
    assert [(f.code, f.severity, f.location.line) for f in findings] == [("MZ506", "warning", 18)]


def test_indicators_have_line_ids_and_exact_quotes() -> None:
    """Prose indicators get unique line-based ids and short quotes found on their line."""
    result = extract_targets(PLAN, period=P14)
    indicators, _ = prose_indicators(result)
    lines = PLAN.split("\n")
    ids = [i.id for i in indicators]
    assert len(ids) == len(set(ids))
    assert "p11.1" in ids
    assert "p11.2" in ids
    for indicator in indicators:
        source = indicator.source
        assert source is not None
        assert source.kind == SourceKind.PROSE
        assert source.quote is not None
        assert len(source.quote) <= MAX_QUOTE
        assert source.quote in lines[source.line - 1]


def test_table_lines_and_skipped_lines_are_left_alone() -> None:
    """Table lines and lines asked to be skipped give no prose targets."""
    text = "二、目标\n\n1 | 护理型床位占比 | 30 | ≥60 | % |\n床位总数达到500张。\n"
    result = extract_targets(text, period=P14, skip_lines={4})
    assert result.targets == ()


@pytest.mark.parametrize(
    ("word", "year"), [("“十三五”", 2020), ("“十四五”", 2025), ("“十三·五”", 2020), ("无", None)]
)
def test_period_words(word: str, year: int | None) -> None:
    """“十三五” ends in 2020, “十四五” in 2025, and other words give no year."""
    assert plan_period_year(word) == year


def test_kaifeng_seed_prose_targets(seed_document) -> None:
    """开封's prose gives ranges, counts, relative bands and growth, none from the review."""
    document: Document = seed_document("003")
    assert document.text is not None
    result = extract_targets(document.text, period=Period(2016, 2020))
    targets = {t.name: t for t in result.targets}
    beds = targets["每千名老年人拥有养老床位数"]
    assert Range(2020, Decimal(35), Decimal(40)) == beds.target
    assert "张/千名老年人" == beds.unit
    assert Comparison(2020, Decimal(30)) == targets["护理型床位比例"].target
    assert Comparison(2020, Decimal(50)) == targets["农村社区综合服务设施覆盖率"].target
    minimum = targets["最低生活保障标准"].target
    assert isinstance(minimum, Relative)
    assert (minimum.reference, minimum.low, minimum.high) == (
        "上年度当地人均消费支出",
        Decimal(25),
        Decimal(35),
    )
    growth = targets["特困人员供养标准年均增长"]
    assert Comparison(2020, Decimal(10), Comparator.GE, basis=Basis.ANNUAL_GROWTH) == growth.target
    # Nothing from the 十二五 review chapter (it ends where chapter 二 starts).
    review_end = next(
        n for n, line in enumerate(document.text.split("\n"), 1) if line.startswith("二、")
    )
    assert all(t.line > review_end for t in result.targets)
    lines = document.text.split("\n")
    assert all(t.quote in lines[t.line - 1] and len(t.quote) <= MAX_QUOTE for t in result.targets)


_ALPHABET = (
    "到年达不低于少超过以上下内控制在全覆盖每个至有新建张个家%‰-—～的，。；,;:“”二、（）()"
    "0123456789.养老床位率占比按照确定标准"
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=80), max_size=6))
def test_never_raises_and_quotes_are_exact(lines: list[str]) -> None:
    """On any text extraction does not raise, quotes are exact, and targets fall in the period."""
    text = "\n".join(lines)
    result = extract_targets(text, period=P14)
    split = text.split("\n")
    for item in (*result.targets, *result.unread):
        assert item.quote in split[item.line - 1]
        assert len(item.quote) <= MAX_QUOTE
    for target in result.targets:
        assert target.name
        assert target.target.year in P14


def _one(sentence: str) -> list[tuple[str, object, str]]:
    text = f"二、主要任务\n{sentence}\n"
    return [(t.name, t.target, t.unit) for t in extract_targets(text, period=P14).targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全县火化率达85%以上。", [("火化率", Comparison(2025, Decimal(85), ">="), "%")]),
        (
            "到2025年孤儿养育补贴发放率保持100%。",
            [("孤儿养育补贴发放率", Comparison(2025, Decimal(100)), "%")],
        ),
        (
            "每千名老人拥有各类养老床位40张。",
            [("每千名老人拥有各类养老床位", Comparison(2025, Decimal(40)), "张/千名老人")],
        ),
        (
            "实现每千名老年人、每百张床位均拥有1名社工。",
            [
                ("每千名老年人拥有社工", Comparison(2025, Decimal(1)), "名/千名老年人"),
                ("每百张床位拥有社工", Comparison(2025, Decimal(1)), "名/百张"),
            ],
        ),
        (
            "实现每个城市社区3名、每个农村社区2名社区工作者。",
            [
                ("每城市社区社区工作者数", Comparison(2025, Decimal(3)), "名"),
                ("每农村社区社区工作者数", Comparison(2025, Decimal(2)), "名"),
            ],
        ),
        (
            "慈善捐赠额较2020年增长8%,达到500万元以上。",
            [
                ("慈善捐赠额较2020年增长", Comparison(2025, Decimal(8)), "%"),
                ("慈善捐赠额", Comparison(2025, Decimal(500), ">="), "万元"),
            ],
        ),
        ("新增地名图2万余幅。", [("新增地名图", Comparison(2025, Decimal(2), ">"), "万幅")]),
        (
            "新建和改扩建东区、西区等12个救助站。",
            [("新建和改扩建救助站", Comparison(2025, Decimal(12)), "个")],
        ),
        (
            "社区居委会配备1名“儿童主任”。",
            [("社区居委会配备儿童主任", Comparison(2025, Decimal(1)), "名")],
        ),
        (
            "灾后物资8小时内运达灾区。",
            [("灾后物资运达灾区时限", Comparison(2025, Decimal(8), "<="), "小时")],
        ),
        (
            "社区养老设施覆盖70%以上的城镇社区和50%以上的农村社区。",
            [
                ("社区养老设施城镇社区覆盖率", Comparison(2025, Decimal(70), ">="), "%"),
                ("社区养老设施农村社区覆盖率", Comparison(2025, Decimal(50), ">="), "%"),
            ],
        ),
        (
            "特困人员集中供养率和委托照料协议签订率都达到95%。",
            [
                ("特困人员集中供养率", Comparison(2025, Decimal(95)), "%"),
                ("委托照料协议签订率", Comparison(2025, Decimal(95)), "%"),
            ],
        ),
        (
            "特困供养人员生活高于全县平均生活水平。",
            [("特困供养人员生活", Relative(2025, ">", "全县平均生活水平"), "")],
        ),
        (
            "应急救助能力提高到为50万人提供帮助。",
            [("应急救助能力提供帮助", Comparison(2025, Decimal(50)), "万人")],
        ),
        (
            "2020年底全县床位达到500张;到2025年全县床位达到800张。",
            [("床位", Comparison(2025, Decimal(800)), "张")],
        ),
        (
            "到2023年建成东区养老院,计划床位120张;全县床位达到900张。",
            [
                ("计划床位", Comparison(2023, Decimal(120)), "张"),
                ("床位", Comparison(2023, Decimal(900)), "张"),
            ],
        ),
        ("展望2035年,服务体系全面形成;困难群众救助实现全覆盖。", []),
        # Not targets: an eligibility rule, a document title, a list of qualities.
        ("人均收入超过低保水平但低于低保水平两倍的家庭给予渐退期。", []),
        ("落实《社区养老服务全覆盖实施方案》。", []),
        ("坚持无禁区、全覆盖、零容忍。", []),
    ],
)
def test_more_wordings(sentence: str, expected: list[tuple[str, object, str]]) -> None:
    """Each wording yields exactly the named targets, units and comparators, or none."""
    assert _one(sentence) == expected


def test_every_unit_the_grammar_reads_is_in_the_registry() -> None:
    """Every unit word of the prose grammar, plain or with 万, is in the unit registry."""
    from minzheng_plans.text._prose_grammar import UNIT_WORDS  # noqa: PLC0415
    from minzheng_plans.units.registry import default_units  # noqa: PLC0415

    units = default_units()
    for word in UNIT_WORDS:
        for scaled in (word, f"万{word}"):
            units.parse(scaled)  # raises UnknownUnitError for a unit the project lacks


def test_prose_trigger_words_mean_what_value_cells_mean():
    """Each word that opens a prose target states the comparator a value cell gives it."""
    from minzheng_plans.core.values import COMPARATOR_WORDS, parse_value  # noqa: PLC0415
    from minzheng_plans.text import _prose_grammar  # noqa: PLC0415

    for word, comparator in _prose_grammar.BEFORE.items():
        if word in COMPARATOR_WORDS:
            assert comparator == parse_value(f"{word}50%").comparator, word
