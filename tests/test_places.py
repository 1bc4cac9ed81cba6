"""Looking places up: codes, names, short and qualified names, years, suggestions, plugins."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from minzheng_plans import Jurisdiction, Level, hookimpl
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.registries.jurisdictions import JurisdictionRegistry, default_jurisdictions


def _one(query: str, year: int | None = None) -> tuple[str, str, Level, str | None]:
    lookup = default_jurisdictions().lookup(query, year=year)
    assert "found" == lookup.status, (query, [m.place.code for m in lookup.matches])
    place = lookup.place
    assert place is not None
    return place.code, place.name, place.level, place.parent


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Provinces, written in full, short, and as the autonomous regions are usually written.
        ("浙江省", ("330000", "浙江省", Level.PROVINCIAL, "000000")),
        ("浙江", ("330000", "浙江省", Level.PROVINCIAL, "000000")),
        ("广西", ("450000", "广西壮族自治区", Level.PROVINCIAL, "000000")),
        ("内蒙古", ("150000", "内蒙古自治区", Level.PROVINCIAL, "000000")),
        ("新疆", ("650000", "新疆维吾尔自治区", Level.PROVINCIAL, "000000")),
        ("北京", ("110000", "北京市", Level.PROVINCIAL, "000000")),
        ("Guangdong", ("440000", "广东省", Level.PROVINCIAL, "000000")),
        # Prefectures and autonomous prefectures.
        ("杭州", ("330100", "杭州市", Level.PREFECTURE, "330000")),
        ("昌吉州", ("652300", "昌吉回族自治州", Level.PREFECTURE, "650000")),
        ("黔东南州", ("522600", "黔东南苗族侗族自治州", Level.PREFECTURE, "520000")),
        ("大兴安岭地区", ("232700", "大兴安岭地区", Level.PREFECTURE, "230000")),
        ("兴安盟", ("152200", "兴安盟", Level.PREFECTURE, "150000")),
        # County-level cities are county level.
        ("晋江市", ("350582", "晋江市", Level.COUNTY, "350500")),
        ("义乌", ("330782", "义乌市", Level.COUNTY, "330700")),
        # Districts and counties of a 直辖市: county level, the municipality as parent.
        ("浦东新区", ("310115", "浦东新区", Level.COUNTY, "310000")),
        ("海淀区", ("110108", "海淀区", Level.COUNTY, "110000")),
        ("秀山县", ("500241", "秀山土家族苗族自治县", Level.COUNTY, "500000")),
        # By code, and the zone of the overlay.
        ("330106", ("330106", "西湖区", Level.COUNTY, "330100")),
        ("万盛经开区", ("500000-WS", "万盛经开区", Level.ZONE, "500000")),
    ],
)
def test_lookup_finds_one(query: str, expected: tuple[str, str, Level, str | None]) -> None:
    """Full names, short forms, English names and codes resolve to the one division."""
    assert expected == _one(query)


@pytest.mark.parametrize(
    ("query", "parents"),
    [
        ("鼓楼区", {"320100", "320300", "350100", "410200"}),
        ("朝阳区", {"110000", "220100"}),
        ("通州区", {"110000", "320600"}),
        ("西湖区", {"330100", "360100"}),
        ("吉林", {"000000", "220000"}),
    ],
)
def test_ambiguous_names_list_every_match_with_its_parent(query: str, parents: set[str]) -> None:
    """A name of several divisions returns all of them; find() refuses to pick one."""
    registry = default_jurisdictions()
    lookup = registry.lookup(query)
    assert "ambiguous" == lookup.status
    assert parents == {m.place.parent for m in lookup.matches}
    assert registry.find(query) is None


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("南京市鼓楼区", "320106"),
        ("福州鼓楼区", "350102"),
        ("江苏省南京市鼓楼区", "320106"),
        ("北京市朝阳区", "110105"),
        ("长春市朝阳区", "220104"),
        ("杭州西湖", "330106"),
        ("重庆市万盛经开区", "500000-WS"),
    ],
)
def test_qualified_names_resolve_to_one(query: str, code: str) -> None:
    """A parent named before the name picks the division under it."""
    lookup = default_jurisdictions().lookup(query)
    assert (code, True) == (lookup.matches[0].place.code, lookup.qualified)
    assert 1 == len(lookup.matches)


@pytest.mark.parametrize(
    ("query", "year", "code"),
    [
        ("崇明县", None, "310230"),
        ("崇明", 2014, "310230"),
        ("崇明", 2021, "310151"),
        ("崇明区", 2015, "310151"),  # no 崇明区 in 2015: the nearest in time
        ("崇川区", 2015, "320602"),  # the code before 2020
        ("崇川区", 2021, "320613"),  # and after
        ("崇川区", None, "320613"),  # without a year, the current one
        ("下城区", 2018, "330103"),
        ("襄都区", None, "130502"),
    ],
)
def test_the_year_picks_the_code_valid_then(query: str, year: int | None, code: str) -> None:
    """Historic codes are found by the years they were valid."""
    assert code == _one(query, year)[0]


def test_former_names_belong_to_their_years() -> None:
    """桥东区 of 邢台 was renamed 襄都区 in 2020: its old name finds it only before."""
    registry = default_jurisdictions()
    before = {m.place.code for m in registry.lookup("桥东区", year=2018).matches}
    after = {m.place.code for m in registry.lookup("桥东区", year=2022).matches}
    assert "130502" in before
    assert "130502" not in after


def test_historic_place_records_its_years_and_successors() -> None:
    """The place of an old code says when it was valid and what replaced it."""
    place = default_jurisdictions().place("310230")
    assert place is not None
    assert (None, 2016, ("310151",), "–2016") == (
        place.since,
        place.until,
        place.successors,
        place.years(),
    )


def test_misspelt_names_get_suggestions() -> None:
    """杭洲市 matches nothing; 杭州市 is suggested first."""
    lookup = default_jurisdictions().lookup("杭洲市")
    assert "none" == lookup.status
    assert "杭州市" == lookup.suggestions[0].name


def test_nothing_alike_gets_no_suggestions() -> None:
    """A query far from every name gets an empty answer, not noise."""
    assert () == default_jurisdictions().lookup("Zzyzx Qwerty Plan").suggestions


def test_ancestors_of_a_county_reach_the_country() -> None:
    """萧山区 → 杭州市 → 浙江省 → 全国."""
    registry = default_jurisdictions()
    assert ["330100", "330000", "000000"] == [j.code for j in registry.ancestors("330109")]
    assert registry.is_within("330109", "330000")


def test_plugin_places_are_merged_with_short_forms() -> None:
    """A plugin's zone is found by name and short form, under its bundled parent."""
    zone = Jurisdiction("330100-QT", "钱塘新区", Level.ZONE, parent="330100")
    plugin = types.SimpleNamespace(
        __name__="zones", register_jurisdictions=hookimpl(lambda: [zone])
    )
    registry = create_plugin_host(entry_points=False, extra=[plugin]).jurisdictions()
    assert "330100-QT" == registry.find("钱塘新区").code  # type: ignore[union-attr]
    assert "330100-QT" == registry.find("杭州市钱塘新区").code  # type: ignore[union-attr]
    assert ["330100", "330000", "000000"] == [j.code for j in registry.ancestors("330100-QT")]
    assert "330100" == registry.find("杭州").code  # type: ignore[union-attr]


def test_explicit_registry_knows_only_what_it_is_given() -> None:
    """A registry built from a list (tests, tools) derives short forms, nothing bundled."""
    registry = JurisdictionRegistry(
        [
            Jurisdiction("990000", "甲省", Level.PROVINCIAL),
            Jurisdiction("990100", "乙州市", Level.PREFECTURE, parent="990000"),
        ],
        aliases={"乙城": "990100"},
    )
    assert "990100" == registry.find("乙州").code  # type: ignore[union-attr]
    assert "990100" == registry.find("乙城").code  # type: ignore[union-attr]
    assert registry.find("杭州") is None


def test_import_does_not_build_the_place_index() -> None:
    """import minzheng_plans reads no place data and loads no rapidfuzz."""
    heavy = (
        "minzheng_plans.registries.places",
        "minzheng_plans.registries.placeindex",
        "minzheng_plans.registries.resolve",
        "rapidfuzz",
    )
    code = f"import sys, minzheng_plans; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()


def test_the_index_is_built_once() -> None:
    """Hosts with the bundled places share one index; lookups reuse it."""
    first = create_plugin_host(entry_points=False).jurisdictions().places()
    second = create_plugin_host(entry_points=False).jurisdictions().places()
    assert first is second
    assert first is default_jurisdictions().places()


def test_public_api_lookup_and_resolve() -> None:
    """lookup_places and resolve_jurisdiction are exported from minzheng_plans."""
    import minzheng_plans  # noqa: PLC0415

    lookup = minzheng_plans.lookup_places("鼓楼区")
    assert isinstance(lookup, minzheng_plans.PlaceLookup)
    assert all(isinstance(m, minzheng_plans.PlaceMatch) for m in lookup.matches)
    assert isinstance(lookup.matches[0].place, minzheng_plans.Division)
    registry = create_plugin_host(entry_points=False).jurisdictions()
    found = minzheng_plans.lookup_places("杭州", registry=registry)
    assert "330100" == found.matches[0].place.code
    result = minzheng_plans.resolve_jurisdiction(registry, title="杭州市民政事业发展规划")
    assert isinstance(result, minzheng_plans.Resolution)
    assert "330100" == result.jurisdiction.code
