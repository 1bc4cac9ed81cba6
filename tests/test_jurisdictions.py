"""The jurisdiction registry: codes, names, parent chains, the bundled data, plugins."""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
import tomli

from minzheng_plans import Jurisdiction, Level, hookimpl
from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.registries.jurisdictions import (
    GB_CODE,
    LOCAL_CODE,
    JurisdictionRegistry,
    default_jurisdictions,
    loads_jurisdictions,
)

DATA = Path(__file__).resolve().parents[1] / "data"

SEED_JURISDICTIONS = {
    "000000": ("全国", Level.NATIONAL, None),
    "500000": ("重庆市", Level.PROVINCIAL, "000000"),
    "500000-WS": ("万盛经开区", Level.ZONE, "500000"),
    "410000": ("河南省", Level.PROVINCIAL, "000000"),
    "410200": ("开封市", Level.PREFECTURE, "410000"),
    "310000": ("上海市", Level.PROVINCIAL, "000000"),
    "310151": ("崇明区", Level.COUNTY, "310000"),
}


@pytest.mark.parametrize("code", sorted(SEED_JURISDICTIONS))
def test_bundled_seed_jurisdictions(code: str) -> None:
    """Each seed's place is bundled with name, level, parent and a chain ending at 000000."""
    registry = default_jurisdictions()
    item = registry.get(code)
    assert item is not None
    assert SEED_JURISDICTIONS[code] == (item.name, item.level, item.parent)
    assert GB_CODE.match(code) or LOCAL_CODE.match(code)
    assert registry.find(item.name) is item
    chain = registry.ancestors(code)
    if code != "000000":
        assert "000000" == chain[-1].code
        assert registry.parent(code) is chain[0]
    else:
        assert () == chain
    assert not registry.conflicts


def test_find_by_alias_short_name_and_english() -> None:
    """Places are found by alias, short name or English name; an ambiguous name finds none."""
    registry = default_jurisdictions()
    assert "500000-WS" == registry.find("万盛经济技术开发区").code  # type: ignore[union-attr]
    assert "500000" == registry.find("重庆").code  # type: ignore[union-attr]
    assert "310151" == registry.find("chongming district").code  # type: ignore[union-attr]
    assert "410200" == registry.find("开封").code  # type: ignore[union-attr]
    assert registry.find("鼓楼区") is None  # four districts: find() wants exactly one


def test_ancestors_and_within() -> None:
    """Ancestor chains and containment follow the parents; an unknown code has neither."""
    registry = default_jurisdictions()
    assert ["500000", "000000"] == [j.code for j in registry.ancestors("500000-WS")]
    assert registry.is_within("310151", "310000")
    assert not registry.is_within("310151", "500000")
    assert registry.parent("999999") is None
    assert () == registry.ancestors("999999")


def test_conflicts_and_cycles_are_recorded_not_raised() -> None:
    """A repeated code (first kept) and an unknown parent are conflicts; a cycle ends the chain."""
    registry = JurisdictionRegistry(
        [
            Jurisdiction("100000", "甲省", Level.PROVINCIAL, parent="100100"),
            Jurisdiction("100100", "乙市", Level.PREFECTURE, parent="100000"),
            Jurisdiction("100100", "丙市", Level.PREFECTURE),
            Jurisdiction("100200", "丁市", Level.PREFECTURE, parent="999999"),
        ],
        aliases={},
    )
    assert "乙市" == registry.get("100100").name  # type: ignore[union-attr]
    assert ["100100"] == [j.code for j in registry.ancestors("100000")]
    assert 2 == len(registry.conflicts)


def test_host_registry_includes_plugin_jurisdictions() -> None:
    """Places a plugin registers join the host's registry beside the bundled ones."""
    extra = Jurisdiction(
        "500101", "万州区", Level.COUNTY, name_en="Wanzhou District", parent="500000"
    )
    plugin = types.SimpleNamespace(
        __name__="extra_places", register_jurisdictions=hookimpl(lambda: [extra])
    )
    registry = create_plugin_host(entry_points=False, extra=[plugin]).jurisdictions()
    assert ["500000", "000000"] == [j.code for j in registry.ancestors("500101")]
    assert "500000-WS" == registry.find("万盛经济技术开发区").code  # type: ignore[union-attr]


def _places_host(*items: Jurisdiction):  # type: ignore[no-untyped-def]
    plugin = types.SimpleNamespace(
        __name__="extra_places", register_jurisdictions=hookimpl(lambda: list(items))
    )
    return create_plugin_host(entry_points=False, extra=[plugin])


def test_host_registry_is_the_registry_of_its_jurisdiction_list() -> None:
    """The host's registry (bundled places made on demand) holds what its jurisdiction list
    holds, in order, with the conflicts and MZ006 warnings of a registry built from the list."""
    extra = Jurisdiction("990102", "澜溪新区", Level.COUNTY, parent="500000")
    repeat = Jurisdiction("500000", "重庆", Level.PROVINCIAL, parent="000000")
    orphan = Jurisdiction("990101", "澜溪县", Level.COUNTY, parent="990100")
    contributed = (extra, repeat, orphan, extra)
    lazy = _places_host(*contributed)
    registry = lazy.jurisdictions()
    eager = _places_host(*contributed)
    listed = JurisdictionRegistry(eager.jurisdiction_list())
    assert list(listed) == list(registry)
    assert listed.conflicts == registry.conflicts
    assert ["990101 names parent 990100, which is unknown"] == list(registry.conflicts)
    assert [f.text for f in eager.findings] == [f.text for f in lazy.findings]
    assert ["MZ006", "MZ006"] == [f.code for f in lazy.findings]
    assert eager.jurisdiction_list() == lazy.jurisdiction_list()
    assert ["500000", "000000"] == [j.code for j in registry.ancestors("990102")]
    assert listed.get("500000") == registry.get("500000")
    assert "990101" in registry
    assert "999999" not in registry
    assert len(listed) == len(registry)


_GOOD = """\
schema = "minzheng-plans-jurisdictions/1"

[[jurisdiction]]
code = "500000"
name = "重庆市"
level = "provincial"
"""


@pytest.mark.parametrize(
    ("edit", "line", "expected"),
    [
        (('code = "500000"', 'code = "5000"'), 4, "GB/T 2260"),
        (('level = "provincial"', 'level = "city"'), 6, "expected one of"),
        (('level = "provincial"', 'levels = "city"'), 6, "unknown field"),
        (("jurisdictions/1", "jurisdictions/2"), 1, "expected schema"),
    ],
)
def test_loads_jurisdictions_errors(edit: tuple[str, str], line: int, expected: str) -> None:
    """Each fault in a jurisdictions file is a PlanFileError at its line."""
    [item], _aliases = loads_jurisdictions(_GOOD)
    assert Level.PROVINCIAL == item.level
    with pytest.raises(PlanFileError, match=expected) as info:
        loads_jurisdictions(_GOOD.replace(*edit), path="j.toml")
    assert line == info.value.line


def test_bundled_jurisdictions_validate_against_their_schema() -> None:
    """The bundled jurisdictions satisfy their JSON Schema, which refuses a bad code."""
    import jsonschema  # noqa: PLC0415 - a test dependency (the test extra)

    schema = json.loads((DATA / "schema" / "jurisdictions.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    tree = tomli.loads((DATA / "jurisdictions.toml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(tree)
    broken = {**tree, "jurisdiction": [{**tree["jurisdiction"][0], "code": "WS"}]}
    assert not validator.is_valid(broken)
