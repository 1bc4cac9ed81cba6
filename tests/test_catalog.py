"""The indicator catalog: entries, the bundled data, name normalisation and matching."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from minzheng_plans import Direction, hookimpl
from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.core.names import strip_unit
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.registries.catalog import (
    Catalog,
    CatalogEntry,
    IndicatorKind,
    default_catalog,
    loads_catalog,
    normalise_name,
)
from minzheng_plans.units.registry import default_units
from tests._linear import assert_linear

DATA = Path(__file__).resolve().parents[1] / "data"


def _entry(code: str, name: str, *aliases: str, unit: str = "%", **fields: object) -> CatalogEntry:
    return CatalogEntry(
        code=code, name=name, name_en=code.lower(), aliases=aliases, unit=unit, **fields
    )  # type: ignore[arg-type]


# ------------------------------------------------------------------------ normalisation


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("乡镇（街道）未成年人保护工作站覆盖率", "乡镇(街道)未成年人保护工作站覆盖率"),
        ("镇(街)未成年人保护工作站覆盖率", "乡镇(街道)未成年人保护工作站覆盖率"),
        ("乡(镇、街道)未成年人保护工作站覆盖率", "乡镇(街道)未成年人保护工作站覆盖率"),
        ("每千名老人拥有养老床位数(张)", "每千名老人拥有养老床位数"),
        ("每千名老人拥有养老床位数（张）", "每千名老人拥有养老床位数"),
        ("死亡人口年均火化率(%", "死亡人口年均火化率"),  # extraction lost the ")"
        ("社会工作专业人才占总人口比例(", "社会工作专业人才占总人口比例"),
        ("婚姻登记“跨省通办”实施率", "婚姻登记跨省通办实施率"),
        ("城乡低保标准 年度增速 |", "城乡低保标准年度增速"),
        ("ＡＢＣ覆盖率％", "abc覆盖率%"),
        ("【城乡】社区覆盖率", "(城乡)社区覆盖率"),
    ],
)
def test_normalise_folds_form(written: str, canonical: str) -> None:
    """Written forms of one name (brackets, 镇/乡镇, a trailing unit, quotes, width) match."""
    assert normalise_name(written) == normalise_name(canonical)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # A bracket that is not a unit is part of the name.
        ("城乡公益性安葬(放)设施区级覆盖率", "城乡公益性安葬设施区级覆盖率"),
        ("新开墓区小型墓比例(≤0.6平方米)", "新开墓区小型墓比例"),
        # Words that differ in meaning are aliases, never normalisation.
        ("每千名老人拥有养老床位数", "每千名老年人拥有养老床位数"),
        ("城市低保标准", "农村低保标准"),
    ],
)
def test_normalise_keeps_meaning(one: str, other: str) -> None:
    """Names differing in meaning (a non-unit bracket, 老人/老年人, 城市/农村) stay apart."""
    assert normalise_name(one) != normalise_name(other)


def test_strip_unit_returns_the_unit() -> None:
    """A trailing unit bracket is split off a name; a bracket that is all there is stays."""
    assert ("每千名老人拥有养老床位数", "张") == strip_unit("每千名老人拥有养老床位数(张)")
    assert ("覆盖率", "%") == strip_unit("覆盖率(%")
    assert ("(%)", "") == strip_unit("(%)")  # nothing but a unit: not a name with a unit
    assert ("安葬(放)", "") == strip_unit("安葬(放)")


_NAME_ALPHABET = st.sampled_from(
    list("乡镇街道()（）【】[]%％‰张人元/·“”\"' 　\t|:、.,覆盖率aAＡ1１≤")
) | st.characters(codec="utf-8")


@given(st.text(_NAME_ALPHABET, max_size=30))
def test_normalise_is_idempotent(name: str) -> None:
    """Normalising a normalised name changes nothing."""
    once = normalise_name(name)
    assert once == normalise_name(once)


# ------------------------------------------------------------------------ entries


def test_entry_kind_decides_intensive() -> None:
    """Shares, coverages and per-capita entries are intensive; totals, counts, amounts not."""
    assert _entry("EC-A", "甲占比", kind="share").intensive
    assert _entry("EC-B", "乙覆盖率", kind="coverage").intensive
    assert _entry("EC-C", "每千人丙", kind="per_capita").intensive
    assert not _entry("EC-D", "丁总数", unit="张", kind="total").intensive
    assert not _entry("EC-E", "戊数量", unit="人", kind="count").intensive
    assert not _entry("CH-F", "己总额", unit="万元", kind="amount").intensive


def test_entry_rejects_a_bad_code() -> None:
    """An entry with a malformed code is refused with an example of a good one."""
    with pytest.raises(ValueError, match="EC-NURSING-BED-SHARE"):
        _entry("nursing beds", "护理型床位占比")


# ------------------------------------------------------------------------ matching

_SAMPLE = Catalog(
    [
        _entry("EC-NURSING-BED-SHARE", "养老机构护理型床位占比", "护理型床位占比"),
        _entry("CW-STATION", "乡镇(街道)未成年人保护工作站覆盖率"),
        _entry("SA-URBAN", "城市低保标准", unit="元/人·月", kind="per_capita"),
        _entry("SA-RURAL", "农村低保标准", unit="元/人·年", kind="per_capita"),
    ]
)


def test_match_exact_alias_normalised() -> None:
    """A name matches by its exact name, an alias or its normalised form, and says which."""
    exact = _SAMPLE.match("养老机构护理型床位占比")
    assert ("exact", "EC-NURSING-BED-SHARE") == (exact.how, exact.code)
    alias = _SAMPLE.match("护理型床位占比")
    assert ("alias", "EC-NURSING-BED-SHARE") == (alias.how, alias.code)
    normalised = _SAMPLE.match("镇（街）未成年人保护工作站覆盖率（%）")
    assert ("normalised", "CW-STATION") == (normalised.how, normalised.code)
    assert not normalised.candidates


def test_fuzzy_is_only_a_suggestion() -> None:
    """A near miss matches nothing but offers the close entry as a scored candidate."""
    match = _SAMPLE.match("养老机构护理床位占比")
    assert match.entry is None
    assert "none" == match.how
    assert not match
    assert "EC-NURSING-BED-SHARE" == match.candidates[0].code
    assert 60 <= match.candidates[0].score <= 100


def test_unrelated_name_has_no_candidates() -> None:
    """An unrelated or blank name matches nothing and offers no candidates."""
    match = _SAMPLE.match("地名标志设置率")
    assert (None, "none", ()) == (match.entry, match.how, match.candidates)
    assert "none" == _SAMPLE.match("  ").how


def test_unit_ranks_candidates_of_the_same_family() -> None:
    """The unit ranks first the candidate of its family (人 a count, % a share)."""
    catalog = Catalog(
        [
            _entry("SW-A", "社会工作专业人才数", unit="人", kind="count"),
            _entry("SW-B", "社会工作专业人才占比"),
        ]
    )
    by_count = catalog.match("社会工作专业人才", unit="人").candidates
    by_share = catalog.match("社会工作专业人才", unit="%").candidates
    assert "SW-A" == by_count[0].code
    assert "SW-B" == by_share[0].code


def test_conflicts_keep_the_first_claim() -> None:
    """A duplicate code or name keeps its first claim and is listed as a conflict."""
    catalog = Catalog(
        [
            _entry("EC-A", "甲占比", "甲比例"),
            _entry("EC-A", "乙占比"),
            _entry("EC-B", "丙占比", "甲比例"),
            _entry("EC-C", "甲比例(%)"),
        ]
    )
    assert 3 == len(catalog)
    assert "EC-A" == catalog.match("甲比例").code
    assert "甲占比" == catalog.get("EC-A").name  # type: ignore[union-attr]
    assert 3 == len(catalog.conflicts)
    assert not default_catalog().conflicts


def test_search_chinese_english_and_code() -> None:
    """Search finds entries by Chinese or English name and by code, case aside."""
    assert ["EC-NURSING-BED-SHARE"] == [e.code for e in _SAMPLE.search("护理型床位")]
    assert ["SA-RURAL", "SA-URBAN"] == [e.code for e in _SAMPLE.search("低保标准")]
    assert ["SA-URBAN"] == [e.code for e in _SAMPLE.search("sa-urban")]
    assert not _SAMPLE.search("殡葬")
    assert 4 == len(_SAMPLE.search(""))
    bundled = default_catalog()
    assert [e.code for e in bundled.search("护理型床位")][:1] == [
        e.code for e in bundled.search("nursing beds")
    ][:1]


# ------------------------------------------------------------------------ the TOML format

_GOOD = """\
schema = "minzheng-plans-catalog/1"

[[indicator]]
code = "EC-A"
name = "甲占比"
name_en = "Share of A"
unit = "%"
kind = "share"
direction = "lower"
domain = "elderly-care"
"""


def test_loads_catalog_reads_entries() -> None:
    """A catalog file's entry is read with its kind, direction and aliases."""
    [entry] = loads_catalog(_GOOD)
    assert (IndicatorKind.SHARE, Direction.LOWER, ()) == (
        entry.kind,
        entry.direction,
        entry.aliases,
    )


@pytest.mark.parametrize(
    ("edit", "line", "expected"),
    [
        (("minzheng-plans-catalog/1", "catalog/9"), 1, "expected schema"),
        (('kind = "share"', 'kind = "big"'), 8, "expected one of share"),
        (('domain = "elderly-care"', 'domain = "misc"'), 10, "unknown domain"),
        (('domain = "elderly-care"', 'domain = "charity"'), 4, "starts with CH-"),
        (('unit = "%"', 'units = "%"'), 7, "unknown field 'units'"),
        (('unit = "%"', "unit = 1"), 7, "expected a string"),
        (('name_en = "Share of A"\n', ""), 3, "missing field 'name_en'"),
        (('code = "EC-A"', 'code = "EC-a b"'), 4, "EC-NURSING-BED-SHARE"),
        (("[[indicator]]", "[[indicator]"), 3, "not valid TOML"),
    ],
)
def test_loads_catalog_errors_name_the_line(
    edit: tuple[str, str], line: int, expected: str
) -> None:
    """Each fault in a catalog file is a PlanFileError naming the file, line and fault."""
    with pytest.raises(PlanFileError, match=expected) as info:
        loads_catalog(_GOOD.replace(*edit), path="cat.toml")
    assert "cat.toml" == info.value.path
    assert line == info.value.line


def test_bundled_catalog_validates_against_its_schema() -> None:
    """The bundled catalog satisfies its JSON Schema, which refuses an unknown kind."""
    import jsonschema  # noqa: PLC0415 - a test dependency (the test extra)

    schema = json.loads((DATA / "schema" / "catalog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    tree = tomli.loads((DATA / "catalog.toml").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(tree)
    broken = {**tree, "indicator": [{**tree["indicator"][0], "kind": "big"}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_bundled_catalog_is_consistent() -> None:
    """No normalised name of the bundled catalog belongs to two codes; each has an English name."""
    catalog = default_catalog()
    assert catalog.entries
    owners: dict[str, str] = {}
    for entry in catalog:
        assert entry.code.split("-")[0] != ""
        for name in entry.names:
            key = normalise_name(name)
            assert owners.setdefault(key, entry.code) == entry.code, name
    assert [] == [e.code for e in catalog if e.name_en.strip() != e.name_en or not e.name_en]


def test_known_directions() -> None:
    """Bundled entries know their direction: fewer publicly run beds, more nursing beds."""
    catalog = default_catalog()
    for name in ("政府运营床位占比", "困难群众住院医疗费自负水平"):
        assert Direction.LOWER == catalog.match(name).entry.direction  # type: ignore[union-attr]
    assert Direction.HIGHER == catalog.match("护理型床位占比").entry.direction  # type: ignore[union-attr]


# ------------------------------------------------------------------------ the plugin path


def test_host_catalog_adds_plugin_entries() -> None:
    """A plugin's catalog entries join the host's catalog without changing the default one."""
    extra = _entry("GN-PLUGIN-ONLY", "插件指标覆盖率")
    plugin = types.SimpleNamespace(
        __name__="extra_catalog", register_catalog=hookimpl(lambda: [extra])
    )
    host = create_plugin_host(entry_points=False, extra=[plugin])
    catalog = host.catalog()
    assert catalog.get("GN-PLUGIN-ONLY") is extra
    assert catalog.get("EC-NURSING-BED-SHARE") is not None
    assert default_catalog().get("GN-PLUGIN-ONLY") is None
    assert not host.findings


_PERCENT_KINDS = {IndicatorKind.SHARE, IndicatorKind.COVERAGE, IndicatorKind.RATE}


def test_bundled_units_fit_kinds() -> None:
    """Bundled shares are in % or ‰, totals have a unit, per-capita units divide."""
    for entry in default_catalog():
        if entry.kind in _PERCENT_KINDS:
            assert entry.unit in {"%", "‰"}, entry.code
        if not entry.intensive:
            assert entry.unit not in {"%", "‰", ""}, entry.code
        if entry.kind is IndicatorKind.PER_CAPITA:
            assert "/" in entry.unit, entry.code


def test_bundled_units_parse() -> None:
    """Every unit of the bundled catalog parses in the default unit registry."""
    units = default_units()
    for entry in default_catalog():
        units.parse(entry.unit)


def test_rapidfuzz_loads_only_for_candidates() -> None:
    """rapidfuzz is imported only when a name needs fuzzy candidates."""
    code = (
        "import sys\n"
        "from minzheng_plans.registries.catalog import default_catalog\n"
        "catalog = default_catalog()\n"
        "assert catalog.match('镇(街)未成年人保护工作站覆盖率').entry is not None\n"
        "assert 'rapidfuzz' not in sys.modules\n"
        "assert catalog.match('养老机构护理床位占比').candidates\n"
        "assert 'rapidfuzz' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_normalise_is_linear_in_the_length() -> None:
    """Normalising takes linear time on long runs of unit brackets and separators."""
    # Unit brackets and separators alternating at the end would make a strip-and-repeat
    # normaliser quadratic; 50 000 of them must still take well under a second.
    assert "覆盖率" == normalise_name("覆盖率" + "(%) |" * 50_000)
    assert_linear(normalise_name, lambda n: "覆盖率" + "(%) |" * n, 6_000)
    assert "a" + "(" * 100_000 + "x" == normalise_name("A" + "(" * 100_000 + "X")
