"""The JSON Schema: valid Draft 2020-12, current, and in agreement with the loader.

The differential tests state the relation exactly: whatever the loader accepts, the schema
accepts; whatever the schema accepts, the loader accepts too, unless the loader's reason is one
of the rules a JSON Schema cannot state (``schema.CROSS_FIELD_RULES``: unique ids, target years
in the window around the period, period and range order, nesting depth). Those are excluded
explicitly, by the loader's message, never by skipping a case.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import tomli
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from minzheng_plans import strategies as mzst
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.core.model import Indicator, Level, Plan
from minzheng_plans.files.planfile import dumps_plan, loads_plan, plan_from_tree, read_plan
from minzheng_plans.schema import CROSS_FIELD_RULES, plan_schema, schema_json, to_json_value

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "data" / "schema" / "plan.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(
    plan_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

# The loader's messages for the rules in CROSS_FIELD_RULES, the only legitimate disagreement.
CROSS_FIELD_MESSAGES = re.compile(
    r"duplicate indicator id|far outside the plan period|period ends .* before it starts"
    r"|range high .* is below its low|nest more than"
)


def plan_files() -> list[Path]:
    files = [
        *sorted((ROOT / "examples").glob("*.toml")),
        *sorted((ROOT / "examples").glob("*.json")),
    ]
    files += sorted(p for p in (ROOT / "tests" / "bad").glob("*") if p.name != "expected.toml")
    return files


def not_json(name: str) -> object:
    """NaN and Infinity are not JSON, though Python's json reads them."""
    raise ValueError(name)


def schema_accepts(tree: object) -> bool:
    return VALIDATOR.is_valid(tree)


def loader_verdict(tree: object) -> tuple[bool, str]:
    try:
        plan_from_tree(tree, fmt="json")
    except PlanFileError as err:
        return False, str(err)
    return True, ""


def assert_agree(tree: object, instance: object = None) -> None:
    """The loader accepts ⇔ the schema accepts, but for the loader-only cross-field rules.

    ``instance`` is what the schema sees when it differs from the loader's tree (TOML values).
    """
    accepted, reason = loader_verdict(tree)
    instance = tree if instance is None else instance
    by_schema = schema_accepts(instance)
    if accepted:
        assert by_schema, [e.message for e in VALIDATOR.iter_errors(instance)]
    elif by_schema:
        # Every problem the loader reports must be one the schema cannot state.
        problems = reason.splitlines()[1:] or [reason]
        assert all(CROSS_FIELD_MESSAGES.search(p) for p in problems), reason


class TestSchemaItself:
    def test_is_a_valid_draft_2020_12_schema(self):
        """jsonschema's meta-schema check passes, and the dialect is 2020-12."""
        schema = plan_schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]

    def test_shipped_file_is_current(self):
        """data/schema/plan.schema.json equals the schema derived now.

        Regenerate with: python -m minzheng_plans schema > data/schema/plan.schema.json
        """
        assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
            "stale schema: run `python -m minzheng_plans schema > data/schema/plan.schema.json`"
        )

    def test_cli_prints_the_schema(self):
        """`minzheng-plans schema` prints the same text."""
        result = CliRunner().invoke(cli, ["schema"])
        assert 0 == result.exit_code
        assert schema_json() == result.stdout

    def test_derived_from_the_model(self):
        """Fields, required keys, enums and the target dispatch come from the classes."""
        defs = plan_schema()["$defs"]
        assert [f.name for f in attrs.fields(Indicator)] == list(defs["Indicator"]["properties"])
        assert ["id", "name"] == defs["Indicator"]["required"]
        assert [m.value for m in Level] == defs["Level"]["enum"]
        assert defs["Indicator"]["additionalProperties"] is False
        tags = [
            defs[b["$ref"].rsplit("/", 1)[1]]["properties"]["comparator"]
            for b in defs["Target"]["oneOf"]
        ]
        assert [
            {"$ref": "#/$defs/Comparator", "default": "="},
            {"const": "range"},
            {"const": "relative"},
        ] == tags

    def test_cross_field_rules_are_documented_in_the_schema(self):
        """What only the loader checks is named in the schema's $comment."""
        comment = plan_schema()["$comment"]
        for where, rule in CROSS_FIELD_RULES.items():
            assert f"{where}: {rule}" in comment

    def test_returns_a_copy(self):
        """Callers may change the dict they get without changing the next one."""
        plan_schema()["title"] = "changed"
        assert "changed" != plan_schema()["title"]


class TestFilesAgree:
    @pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
    def test_loader_and_schema_agree_on_file(self, path: Path):
        """Each example and each bad file: the loader and jsonschema reach the same verdict.

        A file with no JSON tree at all (bad syntax or encoding, NaN in JSON, nesting beyond
        the parser) has nothing for the schema to judge: the loader must refuse it.
        """
        fmt = "json" if path.suffix == ".json" else "toml"
        try:
            text = path.read_bytes().decode("utf-8-sig")
            if fmt == "json":
                tree: object = json.loads(text, parse_float=Decimal, parse_constant=not_json)
            else:
                tree = to_json_value(tomli.loads(text, parse_float=Decimal))
        except (UnicodeDecodeError, ValueError, RecursionError):
            with pytest.raises(PlanFileError):
                read_plan(path)
            return
        try:
            loads_plan(text, path=str(path), fmt=fmt)
            accepted, reason = True, ""
        except PlanFileError as err:
            accepted, reason = False, str(err)
        if accepted:
            assert schema_accepts(tree)
        elif schema_accepts(tree):
            problems = reason.splitlines()[1:] or [reason]
            assert all(CROSS_FIELD_MESSAGES.search(p) for p in problems), reason


class TestJsonValue:
    def test_toml_dates_become_iso_text(self):
        """A TOML date is what the JSON form writes: YYYY-MM-DD text."""
        tree = tomli.loads("issued = 2021-09-15\nat = 2021-09-15T10:00:00")
        assert {"issued": "2021-09-15", "at": "2021-09-15T10:00:00"} == to_json_value(tree)

    def test_non_finite_numbers_fit_no_field(self):
        """nan stands in as a value neither a number, a text nor an argument table accepts."""
        value = to_json_value(Decimal("NaN"))
        for schema in ({"type": "number"}, {"type": "string"}, {"type": "array"}):
            assert not jsonschema.Draft202012Validator(schema).is_valid(value)
        schema = plan_schema()
        args = {**schema["$defs"]["Finding"]["properties"]["args"], "$defs": schema["$defs"]}
        assert not jsonschema.Draft202012Validator(args).is_valid({"row": value})
        assert jsonschema.Draft202012Validator(args).is_valid({"row": Decimal("3.5")})

    def test_a_message_argument_is_a_table_of_id_args_and_translations(self):
        """A reason that is a message fits the schema; a table without an id does not."""
        schema = plan_schema()
        args = {**schema["$defs"]["Finding"]["properties"]["args"], "$defs": schema["$defs"]}
        reason = {"id": "a {b}", "args": {"b": {"id": "c"}}, "translations": {"zh_CN": "甲{b}"}}
        assert jsonschema.Draft202012Validator(args).is_valid({"reason": reason})
        assert not jsonschema.Draft202012Validator(args).is_valid({"reason": {"args": {}}})


def as_tree(plan: Plan) -> Any:
    return json.loads(dumps_plan(plan, "json"), parse_float=Decimal)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


WRONG_VALUES = [True, 7, Decimal("1.5"), "text", [], {}, None, [1], {"k": 1}, Decimal("2e18")]
BAD_STRINGS = ["bogus", "", "range", "relative", ">=", "county", "MZ1", "2021-13-01", "2021-02-03"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Any, str, Any]:
    """A valid plan tree, and a copy with one thing broken: a key dropped or added, a value
    replaced by one of another type, a bad string, a plausible year, nan or inf.

    The kind is drawn first, then a field name, then a place, so that rare places (the one
    optional enum without an attrs converter, say) are still hit often.
    """
    valid = as_tree(draw(mzst.plans(max_indicators=3)))
    tree = copy.deepcopy(valid)
    paths = _paths(tree)
    kind = draw(st.sampled_from(MUTATIONS))
    places = [p for p in paths if _applies(kind, _get(tree, p[:-1]), _get(tree, p))]
    if not places:
        kind, places = "wrong type", paths
    # By key name first: each of the few dozen field names is as likely as any other, however
    # many texts a plan holds.
    by_name: dict[str, list[tuple[Any, ...]]] = {}
    for place in places:
        by_name.setdefault(str(place[-1]) if isinstance(place[-1], str) else "[]", []).append(place)
    path = draw(st.sampled_from(by_name[draw(st.sampled_from(sorted(by_name)))]))
    parent = _get(tree, path[:-1])
    if kind == "non-finite":
        parent[path[-1]] = draw(st.sampled_from([Decimal("NaN"), Decimal("Inf"), Decimal("-Inf")]))
    elif kind == "drop":
        del parent[path[-1]]
    elif kind == "extra key":
        _get(tree, path)[draw(st.sampled_from(["zz_unknown", "note", "Value"]))] = 1
    elif kind == "bad string":
        parent[path[-1]] = draw(st.sampled_from(BAD_STRINGS))
    elif kind == "year":
        # Plausible years anywhere in 1949-2200: may leave the window around the period or
        # reverse the period, which only the loader can tell (CROSS_FIELD_RULES).
        parent[path[-1]] = draw(st.sampled_from([1949, 1990, 2020, 2035, 2199, 1948, 2201]))
    else:
        # A value of another JSON type than the one it replaces (a text for an array, …).
        current = _get(tree, path)
        others = [v for v in WRONG_VALUES if _json_type(v) != _json_type(current)]
        parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(others)))
    return valid, kind, tree


def _json_type(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    for kind in (str, list, dict):
        if isinstance(value, kind):
            return kind.__name__
    return "number"


# Bad strings (enum, pattern and date fields) and wrong types (a text for an array) are listed
# more than once: there the loader and the schema most easily part.
MUTATIONS = [
    "drop",
    "wrong type",
    "wrong type",
    "extra key",
    "bad string",
    "bad string",
    "bad string",
    "year",
    "non-finite",
]


def _applies(kind: str, parent: Any, value: Any) -> bool:
    if kind == "drop":
        return isinstance(parent, dict)
    if kind == "extra key":
        return isinstance(value, dict)
    if kind == "bad string":
        return isinstance(value, str)
    if kind == "year":
        return isinstance(value, int) and not isinstance(value, bool)
    return True


@given(case=mutated())
def test_loader_and_schema_agree_on_drawn_plans(case: tuple[Any, str, Any]):
    """A drawn plan is valid for both; broken, both refuse it (or the loader alone, for a
    cross-field rule). One property for valid and mutated trees keeps CI's 500 examples cheap.
    """
    valid, kind, tree = case
    assert (True, "") == loader_verdict(valid)
    assert schema_accepts(valid), [e.message for e in VALIDATOR.iter_errors(valid)]
    if kind == "non-finite":
        # TOML's nan and inf: the loader sees them, the schema sees their JSON stand-in.
        assert not loader_verdict(tree)[0]
        assert_agree(tree, to_json_value(tree))
    else:
        assert_agree(tree)
