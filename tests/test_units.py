"""The unit layer: Chinese unit text, exact factors, dimensions, quantity arithmetic."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time
import types
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minzheng_plans import hookimpl
from minzheng_plans.core.errors import (
    AmbiguousUnitError,
    IncompatibleUnitsError,
    UnitError,
    UnknownUnitError,
    ValueParseError,
)
from minzheng_plans.core.quantity import (
    Comparator,
    Comparison,
    Interval,
    Quantity,
    Range,
    Relative,
)
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.units import registry as units
from minzheng_plans.units.definitions import (
    DIMENSIONLESS,
    UnitDefinition,
    bundled_definitions,
    parse_definition,
)
from minzheng_plans.units.registry import build_units, default_units, to_decimal
from tests._linear import assert_linear

D = Decimal


@pytest.fixture(name="reg", scope="module")
def _reg():
    return default_units()


class TestDoneWhen:
    """The issue's acceptance facts, through the API."""

    def test_month_to_year(self, reg):
        """678 元/人·月 is 8136 元/人·年, exactly."""
        assert D("8136") == reg.convert(D("678"), "元/人·月", "元/人·年")

    def test_scale_word(self, reg):
        """200 万人 is 2000000 人 and not 200 人."""
        assert reg.equal(Quantity(D(200), "万人"), Quantity(D(2000000), "人"))
        assert not reg.equal(Quantity(D(200), "万人"), Quantity(D(200), "人"))

    def test_per_mille_to_percent(self, reg):
        """0.6 ‰ is 0.06 %."""
        assert D("0.06") == reg.convert(D("0.6"), "‰", "%")

    def test_ratio_of_standards(self, reg):
        """5962 元/人·年 ÷ 678 元/人·月 is dimensionless, 73.28 % to two decimals."""
        ratio = reg.divide(reg.quantity("5962 元/人·年"), reg.quantity("678 元/人·月"))
        assert "" == ratio.unit
        assert D("73.28") == reg.convert(ratio.value, "", "%").quantize(D("0.01"))
        assert Fraction(5962, 678 * 12) == Fraction(ratio.value).limit_denominator(10**6)

    def test_beds_are_not_people(self, reg):
        """Converting 张 to 人 fails with a dimension error naming both."""
        with pytest.raises(IncompatibleUnitsError) as info:
            reg.convert(D(1), "张", "人")
        assert ("[bed]", "[person]") == (info.value.source_dim, info.value.target_dim)

    def test_subsets_across_units(self, reg):
        """{≥60 %} lies inside {≥55 %} even when one side is written as a fraction of 1."""
        child = reg.convert_target(Comparison(2025, D("0.6"), Comparator.GE), "", "%")
        parent = Comparison(2025, D("55"), Comparator.GE)
        child_set = Interval.from_comparator(child.comparator, child.value)
        parent_set = Interval.from_comparator(parent.comparator, parent.value)
        assert child_set.is_subset(parent_set)
        assert not Interval.from_comparator(Comparator.GE, D(30)).is_subset(
            Interval.from_comparator(Comparator.GT, D(30))
        )


# Every unit the issue names, with the dimension it must have.
ISSUE_UNITS = {
    "%": DIMENSIONLESS,
    "‰": DIMENSIONLESS,
    "元": "[money]",
    "万元": "[money]",
    "亿元": "[money]",
    "元/人·月": "[money] / [person] / [time]",
    "元/月·人": "[money] / [person] / [time]",
    "元/人·年": "[money] / [person] / [time]",
    "人": "[person]",
    "万人": "[person]",
    "个": "[item]",
    "万个": "[item]",
    "张": "[bed]",
    "家": "[institution]",
    "户": "[household]",
    "支": "[team]",
    "所": "[establishment]",
    "座": "[structure]",
    "平方米": "[length] ** 2",
    "平方米/百户": "[length] ** 2 / [household]",
    "张/千名老年人": "[bed] / [person]",
    "每千名老年人拥有…张": "[bed] / [person]",
    "人/万人": DIMENSIONLESS,
    "个/万人": "[item] / [person]",
    "客/日": "[meal] / [day]",
    "人次": "[person_visit]",
    "万人次": "[person_visit]",
    "": DIMENSIONLESS,
}


class TestParsing:
    @pytest.mark.parametrize(("text", "dimension"), sorted(ISSUE_UNITS.items()))
    def test_issue_units_have_their_dimension(self, reg, text, dimension):
        """Every unit named in the issue parses, with the dimension it must have."""
        assert dimension == reg.dimension(text)

    @pytest.mark.parametrize(
        "text", ["元/人·月", "元/月·人", "元/(人·月)", "元/人/月", "元／人・月", "元 / 人 • 月"]
    )
    def test_slash_takes_the_whole_rest(self, reg, text):
        """After a slash everything is the denominator: never (元/人)×月 as pint reads it."""
        assert "元/人·月" == reg.normalise(text)
        assert Fraction(12) == reg.factor(text, "元/人·年")

    def test_adjacent_scale_word_multiplies(self, reg):
        """万人 is 10000 × 人, not one unknown name; 10万人 is 100000 人."""
        assert Fraction(10000) == reg.factor("万人", "人")
        assert Fraction(1, 10) == reg.factor("个/10万人", "个/万人")

    def test_longest_name_wins(self, reg):
        """人次 is its own unit, not 人 times 次."""
        assert "[person_visit]" == reg.dimension("人次")
        assert not reg.compatible("人次", "人")

    def test_classifier_is_dropped(self, reg):
        """千名老年人 is a thousand people, the same as 千人."""
        assert "张/千人" == reg.normalise("张/千名老年人")
        assert Fraction(10) == reg.factor("张/百名老人", "张/千人")

    @pytest.mark.parametrize(
        ("text", "canonical"),
        [
            ("每千名老年人拥有养老床位数张", "张/千人"),
            ("每百户居民拥有的社区服务设施面积平方米", "平方米/百户"),
            ("每万人常住人口拥有社会组织数个", "个/万人"),
        ],
    )
    def test_per_phrase(self, reg, text, canonical):
        """每<denominator>拥有…<numerator> reads as numerator/denominator."""
        assert canonical == reg.normalise(text)

    @pytest.mark.parametrize(
        ("text", "canonical"), [("％", "%"), ("㎡", "平方米"), ("m²", "平方米")]
    )
    def test_full_width_and_symbol_forms(self, reg, text, canonical):
        """Full-width and compatibility characters fold to the canonical spelling."""
        assert canonical == reg.normalise(text)

    def test_powers_read_back(self, reg):
        """Repeated names merge into a power, spelled ² ³ or ^n, and read back."""
        assert "年^4" == reg.normalise("年年²年")
        assert "年^4" == reg.normalise("年^4")
        assert "平方米²" == reg.normalise("平方米·平方米")

    def test_times_after_slash_is_ambiguous(self, reg):
        """元/人×月 reads two ways and is refused with both readings."""
        with pytest.raises(AmbiguousUnitError) as info:
            reg.parse("元/人×月")
        assert 2 == len(info.value.readings)
        assert "元/人×月" == info.value.text

    def test_unknown_unit_suggests_near_ones(self, reg):
        """An unknown unit names the text and suggests registry spellings."""
        with pytest.raises(UnknownUnitError) as info:
            reg.parse("平方分米")
        assert "平方米" in info.value.suggestions
        assert "平方分米" == info.value.text

    @pytest.mark.parametrize("text", ["元/", "/人", "元/()", "元/(人", "斤", "1.2.3元"])
    def test_malformed_text_is_a_unit_error(self, reg, text):
        """Dangling slashes, unbalanced brackets and unknown names raise UnitError."""
        with pytest.raises(UnitError):
            reg.parse(text)

    def test_too_long_is_refused(self, reg):
        """Unit text over the limit is refused before it is read."""
        with pytest.raises(UnitError, match="longer than"):
            reg.parse("人" * 65)


COUNTING = ["张", "人", "个", "户", "家", "支", "所", "座", "客", "人次", "处", "次", "项"]


@pytest.mark.parametrize("a", COUNTING)
@pytest.mark.parametrize("b", COUNTING)
def test_counting_units_are_distinct(reg, a, b):
    """Counting units convert only to themselves."""
    assert (a == b) == reg.compatible(a, b)


class TestDefinitions:
    def test_every_bundled_unit_asserts_its_dimension(self):
        """Each bundled derived unit states a dimension; the registry checked all of them."""
        parsed = [parse_definition(line) for line in bundled_definitions()]
        derived = [p for p in parsed if isinstance(p, UnitDefinition) and not p.is_base]
        assert derived
        assert all(p.dimension for p in derived)

    def test_wrong_dimension_is_refused(self):
        """A definition whose asserted dimension is not its real one fails the build."""
        with pytest.raises(UnitError, match="asserts"):
            build_units(["元 = [money]", "人 = [person]", "万元 = 10000 元 ; dimension = [person]"])
        with pytest.raises(UnitError, match="no unit has dimension"):
            build_units(["元 = [money]", "万元 = 10000 元 ; dimension = [cash]"])

    def test_derived_unit_without_dimension_is_refused(self):
        """Every derived unit must assert its dimension."""
        with pytest.raises(UnitError, match="asserts its dimension"):
            build_units(["元 = [money]", "角 = 1/10 元"])

    @pytest.mark.parametrize(
        "line", ["元", "元 = ", "万- = ten", "元 = [money] ; colour = red", "= [x]"]
    )
    def test_bad_lines(self, line):
        """Lines that do not follow the syntax raise UnitError naming the line."""
        with pytest.raises(UnitError):
            parse_definition(line)

    def test_identical_lines_count_once_and_conflicts_fail(self):
        """Repeating a line is harmless; redefining a name differently is an error."""
        reg = build_units(["元 = [money]", "元 = [money]"])
        assert "[money]" == reg.dimension("元")
        with pytest.raises(UnitError, match="already defined"):
            build_units(["元 = [money]", "元 = [cash]"])

    def test_alias_clash_fails(self):
        """Two units cannot share a spelling."""
        with pytest.raises(UnitError, match="already spells"):
            build_units(["元 = [money] ; aliases = 块", "块 = [piece]"])

    def test_definition_lines_round_trip(self):
        """Every bundled line reads back to a definition that writes the same line."""
        for line in bundled_definitions():
            assert line == parse_definition(line).line()

    def test_plugin_contributes_units(self):
        """A plugin's register_units lines extend the bundled registry through the host."""
        plugin = types.SimpleNamespace(
            __name__="extra_units",
            register_units=hookimpl(lambda: ["角 = 1/10 元 ; dimension = [money]"]),
        )
        host = create_plugin_host(entry_points=False, extra=[plugin])
        reg = host.units()
        assert D("1.5") == reg.convert(D(15), "角", "元")
        assert D("8136") == reg.convert(D(678), "元/人·月", "元/人·年")

    def test_pint_is_not_imported_with_the_package(self):
        """Importing the package, units and formatting (and parsing values) loads neither pint
        nor babel: they load when a registry is built or a number formatted."""
        code = (
            "import sys, minzheng_plans, minzheng_plans.units.registry;"
            "import minzheng_plans.core.formatting;"
            "minzheng_plans.parse_value('≥55%');"
            "print('pint' in sys.modules, 'babel' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False False" == result.stdout.strip()


class TestApproximate:
    def test_days_do_not_convert_to_years_by_default(self, reg):
        """客/日 to 客/年 needs the approximate policy."""
        with pytest.raises(IncompatibleUnitsError):
            reg.factor("客/日", "客/年")

    def test_approximate_conversion_when_asked(self, reg):
        """With approximate=True a year counts 365 days."""
        assert Fraction(365) == reg.factor("客/日", "客/年", approximate=True)
        assert D("3285000") == reg.convert(D(9000), "客/日", "客/年", approximate=True)

    def test_approximate_never_bridges_counting_units(self, reg):
        """The approximate policy does not make 张 into 人."""
        with pytest.raises(IncompatibleUnitsError):
            reg.factor("张", "人", approximate=True)


class TestTargetsAndQuantities:
    def test_convert_target_variants(self, reg):
        """Comparisons and ranges convert their values; relative targets are unchanged."""
        assert Comparison(2025, D("8136"), Comparator.GE) == reg.convert_target(
            Comparison(2025, D(678), Comparator.GE), "元/人·月", "元/人·年"
        )
        assert Range(2020, D("0.35"), D("0.4")) == reg.convert_target(
            Range(2020, D(35), D(40)), "%", ""
        )
        relative = Relative(2025, Comparator.GE, "居民上年度人均消费支出增速")
        assert relative is reg.convert_target(relative, "%", "")

    def test_ratio_cells_have_the_ratio_unit(self, reg):
        """1:0.55 reads with unit 1:x, dimensionless: 0.55 of 1:x is 55 %."""
        parsed = reg.read("1：0.55")
        assert (D("0.55"), units.RATIO_UNIT) == (parsed.value, parsed.unit)
        assert D("55") == reg.convert(D("0.55"), "1:x", "%")
        assert "1:x" == reg.normalise("1：x")

    def test_read_checks_and_normalises_the_unit(self, reg):
        """Units.read parses a value text and gives the canonical unit."""
        parsed = reg.read("35～40张/千名老年人")
        assert ("range", "张/千人") == (parsed.kind, parsed.unit)
        with pytest.raises(UnknownUnitError):
            reg.read("35斤")

    def test_quantity_refuses_comparators(self, reg):
        """A quantity is a plain amount: ≥55% is a target, not a quantity."""
        with pytest.raises(ValueParseError):
            reg.quantity("≥55%")

    def test_multiply_folds_scale_and_cancels(self, reg):
        """678 元/人·月 × 12 月 = 8136 元/人; 200 万人 × 2 = 4000000 人."""
        assert Quantity(D(8136), "元/人") == reg.multiply(
            reg.quantity("678 元/人·月"), reg.quantity("12 月")
        )
        assert Quantity(D(4000000), "人") == reg.multiply(
            reg.quantity("200 万人"), reg.quantity("2")
        )

    def test_divide_by_zero_is_refused(self, reg):
        """Division by a zero quantity raises a library error."""
        with pytest.raises(ValueParseError):
            reg.divide(reg.quantity("1 元"), reg.quantity("0 人"))

    def test_compare(self, reg):
        """Quantities compare exactly across units."""
        assert 1 == reg.compare(Quantity(D(200), "万人"), Quantity(D(1999999), "人"))
        assert 0 == reg.compare(Quantity(D(678), "元/人·月"), Quantity(D(8136), "元/人·年"))
        assert -1 == reg.compare(Quantity(D("0.5"), "‰"), Quantity(D("0.06"), "%"))


class TestToDecimal:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Fraction(8136), D("8136")),
            (Fraction(2000000), D("2000000")),
            (Fraction(3, 50), D("0.06")),
            (Fraction(-1, 8), D("-0.125")),
            (Fraction(0), D("0")),
        ],
    )
    def test_finite_decimals_are_exact(self, value, expected):
        """A fraction with a finite decimal form comes back exactly, never in E notation."""
        result = to_decimal(value)
        assert expected == result
        assert str(expected) == str(result)

    def test_repeating_decimals_round_half_even(self):
        """1/12 keeps 28 significant digits; places= rounds to a fixed number of places."""
        assert D("0.08333333333333333333333333333") == to_decimal(Fraction(1, 12))
        assert D("73.28") == to_decimal(Fraction(5962 * 100, 678 * 12), places=2)


# -- properties ----------------------------------------------------------------------------

SAME_DIMENSION = [
    ["元", "万元", "亿元", "千元"],
    ["人", "万人", "千人", "百人"],
    ["元/人·月", "元/人·年", "万元/万人·年", "元/人·季度"],
    ["%", "‰", "", "倍"],
    ["平方米", "平方公里", "亩", "公顷"],
    ["张/千人", "张/百人", "张/万人"],
]


@st.composite
def unit_triples(draw):
    group = draw(st.sampled_from(SAME_DIMENSION))
    return draw(st.sampled_from(group)), draw(st.sampled_from(group)), draw(st.sampled_from(group))


DECIMALS = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(unit_triples(), DECIMALS)
def test_round_trip_is_exact(triple, value):
    """Converting a→b→a gives back the value exactly (as a fraction)."""
    reg = default_units()
    a, b, _ = triple
    there = reg.convert_fraction(value, a, b)
    assert Fraction(value) == there * reg.factor(b, a)


@settings(max_examples=200, deadline=None)
@given(unit_triples())
def test_factors_compose_and_invert(triple):
    """factor(a,b)·factor(b,a) = 1 and factor(a,b)·factor(b,c) = factor(a,c)."""
    reg = default_units()
    a, b, c = triple
    assert 1 == reg.factor(a, b) * reg.factor(b, a)
    assert reg.factor(a, c) == reg.factor(a, b) * reg.factor(b, c)


@settings(max_examples=200, deadline=None)
@given(unit_triples(), DECIMALS, DECIMALS)
def test_conversion_preserves_order(triple, x, y):
    """x < y in a implies converted x < converted y in b (factors are positive)."""
    reg = default_units()
    a, b, _ = triple
    assert (x < y) == (reg.convert_fraction(x, a, b) < reg.convert_fraction(y, a, b))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(ISSUE_UNITS)))
def test_normalise_is_idempotent(text):
    """The canonical spelling reads back to itself, with the same dimension."""
    reg = default_units()
    canonical = reg.normalise(text)
    assert canonical == reg.normalise(canonical)
    assert reg.dimension(text) == reg.dimension(canonical)


_UNIT_ALPHABET = st.sampled_from(
    list("元人月年张万亿千百个户家支所座客次日/·・()（）×*%‰ 1.0每拥有的名m²")
)


@settings(max_examples=400, deadline=None)
@given(st.text(_UNIT_ALPHABET, max_size=20) | st.text(max_size=30))
def test_random_text_raises_only_unit_errors(text):
    """Any text either parses (to a self-consistent unit) or raises UnitError."""
    reg = default_units()
    try:
        unit = reg.parse(text)
    except UnitError:
        return
    assert unit.scale > 0
    assert reg.dimension(unit.text) == unit.dimension


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "人" * n,
        lambda n: "元/" + "人·" * n + "月",
        lambda n: "(" * n + "元" + ")" * n,
        lambda n: "每" + "万人" + "的" * n + "张",
        lambda n: "万" * n + "人",
        lambda n: "1" * n + "人",
        lambda n: "元/" + "(人)" * n,
    ],
)
def test_parse_cost_grows_linearly(monkeypatch, make):
    """With the length cap lifted, reading 8n characters costs about 8x reading n."""
    monkeypatch.setattr(units, "MAX_UNIT_LENGTH", 10**7)
    reg = build_units(bundled_definitions())

    def parse(text: str) -> None:
        with contextlib.suppress(UnitError):
            reg._parse(text, reg._exact)

    assert_linear(parse, make, 2_000)


SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

# Unit spellings that follow numbers in the seed plans' tables and prose.
SEED_SPELLINGS = [
    "年", "元", "个", "家", "张", "人", "万人次", "平方米", "平方公里", "亿元", "万元", "万张",
    "万人", "名", "月", "日", "小时", "周岁", "岁", "条", "公里", "万个", "项", "所", "户",
    "座", "亩", "人次", "%", "‰", "客/日", "支", "元/月", "元/人·月", "元/人·年",
]  # fmt: skip


@pytest.mark.parametrize("text", SEED_SPELLINGS)
def test_seed_spellings_parse(reg, text):
    """Every unit spelling the seed plans use after a number parses."""
    assert reg.is_known(text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside the repo")
def test_seed_unit_columns_parse(reg):
    """The unit column of the row-per-line seed table and the bracketed units of the
    cell-per-line seed parse; the one damaged unit (a lost month) is refused, not misread."""
    (row_table,) = SEEDS.glob("004_*.txt")
    units_seen = {
        cells[5]
        for line in row_table.read_text(encoding="utf-8").splitlines()
        if len(cells := [c.strip() for c in line.split("|")]) >= 7 and cells[0].isdigit()
    }
    assert {"%", "张", "人", "个", "客/日"} <= units_seen
    assert all(reg.is_known(unit) for unit in units_seen)
    (cells_table,) = SEEDS.glob("000_*.txt")
    bracketed = re.findall(
        r"[(（]([^()（）0-9]{1,6})[)）]", cells_table.read_text(encoding="utf-8")
    )
    known = {b for b in bracketed if reg.is_known(b)}
    assert {"张", "万人", "亿元"} <= known
    assert not reg.is_known("元/·人")


class TestBadPluginUnits:
    def test_collected_errors_leave_out_only_the_bad_lines(self):
        """With on_error, each bad line is reported and the rest still builds."""
        errors: list[tuple[str, str]] = []
        reg = build_units(
            [
                *bundled_definitions(),
                "角 = 1/10 元 ; dimension = [money]",
                "坏 = 1/10 元 ; dimension = [person]",  # wrong dimension
                "张 = [sheet]",  # conflicts with the bundled 张
                "人头 = [head] ; aliases = 人",  # steals a spelling
                "毫 = 1/1000 不存在 ; dimension = [money]",  # unknown unit in the body
                "not a definition",
                "天数 = [daycount] ; approximately = 1/365 不存在",
            ],
            on_error=lambda line, error: errors.append((line, type(error).__name__)),
        )
        assert 6 == len(errors)
        assert D("1.5") == reg.convert(D(15), "角", "元")
        assert "[bed]" == reg.dimension("张")
        assert "[person]" == reg.dimension("人")
        assert not reg.is_known("坏")
        assert reg.is_known("天数")

    def test_host_reports_a_plugins_bad_units_and_keeps_the_others(self):
        """A plugin with a bad unit line is reported (MZ003 naming it) and its units left
        out; the bundled units and other plugins' units still work."""
        sloppy = types.SimpleNamespace(
            __name__="sloppy_units",
            register_units=hookimpl(lambda: ["毫 = 1/1000 元 ; dimension = [money]", "坏 = ["]),
        )
        good = types.SimpleNamespace(
            __name__="good_units",
            register_units=hookimpl(lambda: ["角 = 1/10 元 ; dimension = [money]"]),
        )
        host = create_plugin_host(entry_points=False, extra=[sloppy, good])
        reg = host.units()
        assert D("1.5") == reg.convert(D(15), "角", "元")
        assert not reg.is_known("毫")
        assert D("8136") == reg.convert(D(678), "元/人·月", "元/人·年")
        assert ["MZ003"] == [f.code for f in host.findings]
        assert "sloppy_units" in str(host.findings[0])


def test_megabyte_unit_text_is_refused_quickly(reg):
    """A 1 MB unit text is refused by the length cap before it is read."""
    start = time.perf_counter()
    with pytest.raises(UnitError, match="longer than"):
        reg.parse("元/" + "人·" * 500_000)
    assert time.perf_counter() - start < 1


def test_docs_examples_run():
    """The >>> examples in docs/units.md give the output the page shows."""
    import doctest  # noqa: PLC0415

    page = Path(__file__).resolve().parents[1] / "docs" / "units.md"
    result = doctest.testfile(str(page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 5)


TEN_POWER_GROUPS = [["%", "‰", ""], ["人", "万人", "千人"], ["元", "万元", "亿元"]]
COMPARATORS = st.sampled_from(list(Comparator))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(TEN_POWER_GROUPS).flatmap(lambda g: st.tuples(*[st.sampled_from(g)] * 2)),
    COMPARATORS,
    COMPARATORS,
    DECIMALS,
    DECIMALS,
)
def test_converting_targets_preserves_subsets(pair, c1, c2, x, y):
    """Converting two targets to another unit keeps whether one set lies inside the other."""
    reg = default_units()
    src, dst = pair
    a, b = Comparison(2025, x, c1), Comparison(2025, y, c2)
    a2, b2 = reg.convert_target(a, src, dst), reg.convert_target(b, src, dst)
    before = Interval.from_comparator(c1, x).is_subset(Interval.from_comparator(c2, y))
    after = Interval.from_comparator(a2.comparator, a2.value).is_subset(
        Interval.from_comparator(b2.comparator, b2.value)
    )
    assert before == after
