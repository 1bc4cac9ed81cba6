"""Openings of plans of real places outside the seeds load with the right code and level.

The texts under tests/data/openings/ were written for these tests (fictional notices, numbers
and targets; real place names). Only the built-in loaders are used, so the generic loader and
the registry's resolver do all the work.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minzheng_plans import Document, Level, create_plugin_host, load_document

OPENINGS = Path(__file__).parent / "data" / "openings"

EXPECTED = {
    "hangzhou.txt": ("330100-2021-2025", "杭州市", Level.PREFECTURE, "330000"),
    "jinjiang.txt": ("350582-2021-2025", "晋江市", Level.COUNTY, "350500"),
    "gulou.txt": ("320106-2021-2025", "鼓楼区", Level.COUNTY, "320100"),
    "guangxi.txt": ("450000-2021-2025", "广西壮族自治区", Level.PROVINCIAL, "000000"),
    "changji.txt": ("652300-2021-2025", "昌吉回族自治州", Level.PREFECTURE, "650000"),
    "chaoyang.txt": ("110105-2021-2025", "朝阳区", Level.COUNTY, "110000"),
    "pixian.txt": ("510124-2011-2015", "郫县", Level.COUNTY, "510100"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_opening_loads_with_its_jurisdiction(name: str) -> None:
    """Plan id, jurisdiction name, level and parent come from the registry."""
    text = (OPENINGS / name).read_text(encoding="utf-8")
    host = create_plugin_host(entry_points=False)
    result = load_document(Document.from_text(name, text), host)
    plan = result.plan
    jurisdiction = plan.jurisdiction
    assert EXPECTED[name] == (plan.id, jurisdiction.name, jurisdiction.level, jurisdiction.parent)
    assert "MZ509" not in {f.code for f in result.findings}


def test_every_opening_is_tested() -> None:
    """No opening sits in the folder without an expectation."""
    assert set(EXPECTED) == {p.name for p in OPENINGS.glob("*.txt")}


def test_two_unresolvable_plans_do_not_share_an_id() -> None:
    """Plans of places the registry does not know get distinct ids and an MZ509 each."""
    host = create_plugin_host(entry_points=False)
    ids = []
    for name, place in (("a.txt", "某甲县"), ("b.txt", "某乙县")):
        text = f"{place}民政事业发展“十四五”规划\n\n到2025年，全县养老机构护理型床位占比达到55%。\n"
        result = load_document(Document.from_text(name, text), host)
        assert ["MZ509"] == [f.code for f in result.findings if f.code == "MZ509"]
        assert place == result.plan.jurisdiction.name
        ids.append(result.plan.id)
    assert ids[0] != ids[1]
    assert not any(i.startswith("unknown") for i in ids)
