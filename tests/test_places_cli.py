"""``minzheng-plans places``: one match, every match of an ambiguous name, suggestions, JSON."""

from __future__ import annotations

import json
import types

import pytest
from click.testing import CliRunner, Result

from minzheng_plans import Jurisdiction, Level, hookimpl
from minzheng_plans.cli.app import EXIT_OK, EXIT_USAGE, cli
from minzheng_plans.plugins.host import create_plugin_host


def _run(*args: str, obj: dict[str, object] | None = None) -> Result:
    return CliRunner().invoke(cli, ["places", *args], catch_exceptions=False, obj=obj)


def _json(*args: str) -> dict:
    result = _run(*args, "--format", "json")
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("query", "code", "level", "parent"),
    [
        ("浙江", "330000", "provincial", "000000"),
        ("杭州", "330100", "prefecture", "330000"),
        ("昌吉州", "652300", "prefecture", "650000"),
        ("锡林郭勒盟", "152500", "prefecture", "150000"),
        ("晋江市", "350582", "county", "350500"),
        ("北京市朝阳区", "110105", "county", "110000"),
        ("重庆市江北区", "500105", "county", "500000"),
    ],
)
def test_one_match_in_json(query: str, code: str, level: str, parent: str) -> None:
    """Code, level and parent of provinces, prefectures, county-level cities and districts."""
    tree = _json(query)
    [match] = tree["matches"]
    assert ("found", code, level, parent) == (
        tree["status"],
        match["code"],
        match["level"],
        match["parent"]["code"],
    )


def test_text_shows_every_field() -> None:
    """The text form names the parent, the years and the short forms."""
    result = _run("杭州")
    assert EXIT_OK == result.exit_code
    assert "330100" in result.stdout
    assert "330000 浙江省" in result.stdout
    assert "prefecture (地级市)" in result.stdout
    assert "杭州 (short form)" in result.stdout


@pytest.mark.parametrize("query", ["鼓楼区", "朝阳区", "通州区", "西湖区"])
def test_ambiguous_names_list_each_match_with_its_parent(query: str) -> None:
    """Every district of that name is listed with its parent's code and name."""
    result = _run(query)
    assert EXIT_OK == result.exit_code
    tree = _json(query)
    assert "ambiguous" == tree["status"]
    for match in tree["matches"]:
        assert f"in {match['parent']['code']} {match['parent']['name']}" in result.stdout


def test_year_picks_the_historic_code_and_shows_its_successor() -> None:
    """崇明 in 2014 is 崇明县 (310230), replaced by 崇明区 in 2016."""
    tree = _json("崇明", "--year", "2014")
    [match] = tree["matches"]
    assert ("310230", None, 2016, False) == (
        match["code"],
        match["since"],
        match["until"],
        match["current"],
    )
    assert [{"code": "310151", "name": "崇明区"}] == match["successors"]
    assert "2016 (no longer current)" in _run("崇明", "--year", "2014").stdout


def test_misspelt_name_gets_suggestions_and_exit_2() -> None:
    """杭洲市 matches nothing: exit 2, 杭州市 suggested on stderr and in the JSON."""
    result = _run("杭洲市")
    assert EXIT_USAGE == result.exit_code
    assert "no division matches '杭洲市'" in result.stderr
    assert "杭州市 (330100, 浙江省)" in result.stderr
    tree = _json("杭洲市")
    assert ("none", "330100") == (tree["status"], tree["suggestions"][0]["code"])


def test_nothing_at_all_is_exit_2_with_a_message() -> None:
    """A query like no name at all: exit 2 and a clear message, no suggestions."""
    result = _run("Zzyzx Qwerty")
    assert EXIT_USAGE == result.exit_code
    assert "no division matches 'Zzyzx Qwerty'" in result.stderr
    assert "did you mean" not in result.stderr


def test_plugin_places_are_listed() -> None:
    """A zone a plugin contributes is found through the host the command uses."""
    zone = Jurisdiction("330100-QT", "钱塘新区", Level.ZONE, parent="330100")
    plugin = types.SimpleNamespace(
        __name__="zones", register_jurisdictions=hookimpl(lambda: [zone])
    )
    host = create_plugin_host(entry_points=False, extra=[plugin])
    result = _run("钱塘新区", "--format", "json", obj={"host": host})
    [match] = json.loads(result.stdout)["matches"]
    assert ("330100-QT", "zone", "杭州市") == (
        match["code"],
        match["level"],
        match["parent"]["name"],
    )
