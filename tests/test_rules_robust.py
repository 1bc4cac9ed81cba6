"""Built-in rules never raise on odd but valid plans: every outcome is a finding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.model import Attribute, Indicator, Observation, Source, SourceKind
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative
from minzheng_plans.strategies import HOSTILE_DECIMALS

from .rule_helpers import host, plan

# Any number the bounds of core.numbers accept, and the crafted edges that broke rules (#17).
_numbers = st.one_of(
    st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        places=12,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.sampled_from(HOSTILE_DECIMALS),
)
_years = st.integers(min_value=2000, max_value=2035)
_observation = st.builds(Observation, _years, _numbers, st.sampled_from(list(Comparator)))
_target = st.one_of(
    st.none(),
    st.builds(Comparison, _years, _numbers, st.sampled_from(list(Comparator))),
    st.tuples(_years, _numbers, _numbers).map(lambda t: Range(t[0], min(t[1:]), max(t[1:]))),
    st.builds(
        Relative, _years, st.sampled_from(list(Comparator)), st.sampled_from(["增速", "物价"])
    ),
)
_names = st.sampled_from(
    [
        "养老机构护理型床位占比",
        "政府运营床位占比",
        "社会工作专业人才总量",
        "持证率",
        "指标",
        "床位数",
    ]
)
_units = st.sampled_from(["%", "", "‰", "张", "人", "个/万人", "元/人·月"])
_definitions = st.one_of(
    st.none(),
    st.sampled_from(["社会组织总数/常住人口数×10000", "甲/乙", "100/100", "人口数+床位数", "a.b"]),
    st.text(max_size=20),
)
_indicator = st.builds(
    Indicator,
    id=st.sampled_from(["t1.1", "t1.2", "p3.1", "k1.1"]),
    name=_names,
    unit=_units,
    attribute=st.sampled_from([None, Attribute.BINDING, Attribute.ANTICIPATORY]),
    baseline=st.one_of(st.none(), _observation),
    target=_target,
    actual=st.one_of(st.none(), _observation),
    growth=st.one_of(st.none(), _numbers),
    status=st.sampled_from([None, "已完成", "未完成", "基本完成", ""]),
    definition=_definitions,
    source=st.one_of(
        st.none(),
        st.builds(
            Source,
            st.sampled_from(list(SourceKind)),
            quote=st.one_of(st.none(), st.text(alphabet="0123456789.,万%不低于", max_size=12)),
        ),
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_indicator, max_size=6))
def test_rules_only_produce_findings(indicators):
    found = check_plans([plan(*indicators)], host(), select=["MZ2", "MZ5", "MZ005"])
    assert [] == [f for f in found if f.code == "MZ005"]
