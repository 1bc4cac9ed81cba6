"""Plan files: TOML (and the same tree as JSON) to and from
:class:`~minzheng_plans.core.model.Plan`.

Numbers are read as exact ``Decimal`` and written back digit for digit. A file that cannot be
read raises a :class:`~minzheng_plans.core.errors.PlanFileError` naming the file, the line and the
column (syntax errors) or a :class:`~minzheng_plans.core.errors.PlanStructureError` listing every
field that does not fit, each with its key path and line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs
import cattrs
import tomli
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from minzheng_plans.core.errors import (
    LimitError,
    PlanFileError,
    PlanStructureError,
    SchemaVersionError,
    StructureProblem,
)
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.core.model import Plan
from minzheng_plans.core.printable import escape_json
from minzheng_plans.files.converter import (
    COLLECTIONS,
    LEGACY_COLLECTIONS,
    make_converter,
    structure_plan,
    unstructure_plan,
)
from minzheng_plans.files.inline import has_inline_suppressions, inline_waivers
from minzheng_plans.files.keylines import LazyKeyLines, json_key_lines, line_of, toml_key_lines

if TYPE_CHECKING:
    from json import JSONDecodeError

__all__ = [
    "DEFAULT_MAX_INDICATORS",
    "DEFAULT_MAX_PLAN_BYTES",
    "MAX_NESTING",
    "SCHEMA_ID",
    "STRUCTURE_MESSAGES",
    "YEARS_AFTER_PERIOD",
    "YEARS_BEFORE_PERIOD",
    "Format",
    "decode_plan",
    "dumps_plan",
    "format_for",
    "loads_plan",
    "read_plan",
    "write_plan",
]

# What a field should have been, for the phrases any plan file can meet: message ids, so that
# MZ102 shows them in the report's language (the other reasons quote the file and stay as
# they are).
REQUIRED = N_("required but missing")
UNKNOWN_KEY = N_("unknown key")
PLAN_TABLE_REQUIRED = N_("a [plan] table is required")
EXPECTED_TABLE = N_("expected a table")
EXPECTED_TABLES = N_("expected an array of tables")
#: The reasons of :class:`StructureProblem` that are message ids.
STRUCTURE_MESSAGES = frozenset(
    {REQUIRED, UNKNOWN_KEY, PLAN_TABLE_REQUIRED, EXPECTED_TABLE, EXPECTED_TABLES}
)
# A syntax error, in the report's language where the parser's message is one of its fixed
# ones (tomli's, as of 2.x); a message that names a key, or of another tomli version, is shown
# as the parser wrote it.
TOML_SYNTAX = N_("TOML syntax: {detail}")
JSON_SYNTAX = N_("JSON syntax: {detail}")
_TOML_MESSAGES = frozenset(
    {
        N_("Invalid statement"),
        N_("Expected newline or end of document after a statement"),
        N_("Expected ']' at the end of a table declaration"),
        N_("Expected ']]' at the end of an array declaration"),
        N_("Cannot overwrite a value"),
        N_("Expected '=' after a key in a key/value pair"),
        N_("Invalid initial character for a key part"),
        N_("Unclosed array"),
        N_("Unclosed inline table"),
        N_("Unterminated string"),
        N_("Invalid value"),
        N_("Invalid date or datetime"),
        N_("Invalid hex value"),
    }
)

SCHEMA_ID = "minzheng-plans/1"

# Real plan files are tens of kilobytes; 5 MiB leaves room for a national compilation while
# refusing a runaway input before it is parsed.
DEFAULT_MAX_PLAN_BYTES = 5 * 1024 * 1024

# A target may look back at the previous period (completion tables of 十二五 in a 十三五 plan)
# and ahead to long-range goals (2035 远景目标); beyond these it is a slip, not a plan.
YEARS_BEFORE_PERIOD = 5
YEARS_AFTER_PERIOD = 15

# Tables and arrays nest about ten deep in a real plan (sections of sections); far deeper is
# junk, and structuring it would only end in a RecursionError.
MAX_NESTING = 64

# The national plan has a few dozen indicators and a compilation of every plan of a province a
# few thousand; far more is a generated or runaway file, and every rule would pay for it.
DEFAULT_MAX_INDICATORS = 10_000

Format = Literal["toml", "json"]


@functools.cache
def _converter(fmt: Format) -> cattrs.Converter:
    # Built on first use: each generates its structuring code, and most runs read TOML only.
    return make_converter(dates_as_text=fmt == "json")


def format_for(path: str | Path) -> Format:
    """``"json"`` for ``.json`` files, ``"toml"`` otherwise."""
    return "json" if Path(path).suffix.lower() == ".json" else "toml"


def read_plan(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_PLAN_BYTES,
    max_indicators: int = DEFAULT_MAX_INDICATORS,
) -> Plan:
    """Read a plan file (TOML, or JSON by its ``.json`` suffix).

    Limits raise :class:`~minzheng_plans.core.errors.LimitError`: the file's size (``max_bytes``)
    and the number of indicators (``max_indicators``), see :func:`loads_plan`.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            what = f"{path}: file size"
            raise LimitError(what, max_bytes, size, setting="max_bytes")
        data = path.read_bytes()
    except OSError as err:
        raise PlanFileError(err.strerror or str(err), path=str(path)) from None
    text = decode_plan(data, path=str(path))
    return loads_plan(
        text,
        path=str(path),
        fmt=format_for(path),
        max_bytes=max_bytes,
        max_indicators=max_indicators,
    )


def decode_plan(data: bytes, *, path: str | None = None) -> str:
    """The text of a plan file's bytes: UTF-8, a byte-order mark allowed; else a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        msg = "plan files are UTF-8; this byte sequence is not"
        if _is_gb18030(data):
            msg += " (the file looks like GB18030/GBK: save it as UTF-8)"
        raise PlanFileError(msg, path=path, line=line) from None


def _is_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def loads_plan(
    text: str,
    *,
    path: str | None = None,
    fmt: Format = "toml",
    max_bytes: int = DEFAULT_MAX_PLAN_BYTES,
    max_indicators: int = DEFAULT_MAX_INDICATORS,
) -> Plan:
    """Parse a plan-file text; ``path`` only names it in errors.

    Inline suppressions of a TOML text (``# minzheng: ignore[MZ401] reason``, see
    :mod:`minzheng_plans.files.inline`) become waivers of the plan; one that cannot be used is
    an MZ106 finding of the plan.

    Raises :class:`~minzheng_plans.core.errors.LimitError` for a text over ``max_bytes`` (UTF-8) or
    more than ``max_indicators`` indicators; nesting deeper than :data:`MAX_NESTING` is a
    :class:`~minzheng_plans.core.errors.PlanFileError`, and a string longer than
    :data:`~minzheng_plans.files.converter.MAX_TEXT_LENGTH` a structure problem at its key.
    """
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        what = f"{path or '<string>'}: plan text size"
        raise LimitError(what, max_bytes, size, setting="max_bytes")
    tree = _parse(text, fmt, path)
    _check_limits(tree, path, max_indicators)
    index = LazyKeyLines(text, json_key_lines if fmt == "json" else toml_key_lines)
    plan = plan_from_tree(tree, path=path, index=index, fmt=fmt)
    if fmt == "toml" and has_inline_suppressions(text):
        waivers, problems = inline_waivers(
            text, index, [item.id for item in plan.indicators], path=path
        )
        plan = attrs.evolve(
            plan,
            waivers=(*plan.waivers, *waivers),
            findings=(*plan.findings, *problems),
        )
    return plan


def plan_from_tree(
    tree: object,
    *,
    path: str | None = None,
    index: Mapping[str, int] | None = None,
    fmt: Format = "toml",
) -> Plan:
    """The plan a parsed plan-file tree describes, with every problem collected."""
    index = {} if index is None else index
    if not isinstance(tree, Mapping):
        raise PlanStructureError([StructureProblem("<top>", "a table (object)")], path=path)
    _check_schema(tree, path, index)
    if _nesting(tree) > MAX_NESTING:
        msg = f"tables and arrays nest more than {MAX_NESTING} levels deep, deeper than any plan"
        raise PlanFileError(msg, path=path)
    problems = list(_check_top(tree, index))
    tree, renamed = _legacy_names(tree)
    plan: Plan | None = None
    if not problems:
        converter = _converter(fmt)
        try:
            plan = structure_plan(tree, converter)
        except (cattrs.BaseValidationError, ValueError, TypeError) as err:
            problems.extend(_problems(err, "", index, renamed))
        except RecursionError:
            msg = "the file is nested too deeply to be a plan"
            raise PlanFileError(msg, path=path) from None
    if plan is not None:
        problems.extend(_check_semantics(plan, index))
    if problems:
        raise PlanStructureError(problems, path=path)
    assert plan is not None
    return plan


def _legacy_names(tree: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, str]]:
    """``tree`` with old top-level names read as their new ones, and the names it renamed
    (new → old), so that problems are reported under the key the file uses."""
    renamed = {new: old for old, new in LEGACY_COLLECTIONS.items() if old in tree}
    if not renamed:
        return tree, {}
    out = {key: value for key, value in tree.items() if key not in LEGACY_COLLECTIONS}
    for new, old in renamed.items():
        out[new] = tree[old]
    return out, renamed


def _check_limits(tree: object, path: str | None, max_indicators: int) -> None:
    # Before structuring: thousands of indicators would each be converted and checked first.
    if isinstance(tree, Mapping):
        indicators = tree.get("indicators")
        if isinstance(indicators, list) and len(indicators) > max_indicators:
            what = f"{path or '<string>'}: number of indicators"
            raise LimitError(what, max_indicators, len(indicators), setting="max_indicators")


_SCALARS = frozenset({str, int, float, bool, Decimal, type(None)})


def _nesting(tree: object) -> int:
    # Level by level (never recursive, so that measuring a hostile file cannot itself overflow
    # the stack), and only as deep as MAX_NESTING + 1: the caller needs no more.
    deepest = 0
    level: list[object] = [tree]
    depth = 1
    while level:
        below: list[object] = []
        for node in level:
            kind = type(node)
            # Exact types first: a parsed tree holds dicts, lists and scalars, and the ABC
            # check of Mapping costs more than the walk itself.
            if kind is dict:
                children: Iterable[object] = node.values()  # type: ignore[attr-defined]
            elif kind is list:
                children = node  # type: ignore[assignment]
            elif isinstance(node, Mapping):
                children = node.values()
            elif isinstance(node, list):
                children = node
            else:
                continue
            deepest = depth
            if depth <= MAX_NESTING:
                below.extend([child for child in children if type(child) not in _SCALARS])
        level = below
        depth += 1
    return deepest


def dumps_plan(plan: Plan, fmt: Format = "toml") -> str:
    """The plan-file text of ``plan``; ``loads_plan(dumps_plan(p)) == p``."""
    converter = _converter(fmt)
    tree = {"schema": SCHEMA_ID, **unstructure_plan(plan, converter)}
    if fmt == "json":
        return dumps_json(tree) + "\n"
    import tomli_w  # noqa: PLC0415 - only when writing

    return tomli_w.dumps(tree)


def write_plan(plan: Plan, path: str | Path) -> None:
    """Write ``plan`` to ``path`` as TOML, or JSON by its ``.json`` suffix."""
    Path(path).write_text(dumps_plan(plan, format_for(path)), encoding="utf-8")


def dumps_json(value: Any, indent: int = 2) -> str:
    """JSON with ``Decimal`` written as exact numbers (``json`` can only write floats).

    Characters a terminal acts on but JSON allows raw (C1 and bidirectional controls) are
    written as ``\\u`` escapes: the same data, safe to show.
    """
    return escape_json(_json(value, indent, 0))


def _json(value: Any, indent: int, depth: int) -> str:
    import json  # noqa: PLC0415 - json only for JSON files: most runs read and write TOML

    pad = "\n" + " " * (indent * (depth + 1))
    end = "\n" + " " * (indent * depth)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (
            f"{json.dumps(str(k), ensure_ascii=False)}: {_json(v, indent, depth + 1)}"
            for k, v in value.items()
        )
        return "{" + pad + ("," + pad).join(items) + end + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + pad + ("," + pad).join(_json(v, indent, depth + 1) for v in value) + end + "]"
    if isinstance(value, Decimal):
        return _decimal_text(value)
    return json.dumps(value, ensure_ascii=False)


def _decimal_text(value: Decimal) -> str:
    if not value.is_finite():
        msg = f"{value} cannot be written as JSON"
        raise ValueError(msg)
    # Plain digits read best ("0.0000001", not "1E-7"); the exponent form, valid JSON too, is
    # kept where plain digits would run long, so 1E-999999999 stays eleven characters.
    text = str(value)
    if "E" not in text or abs(value.adjusted()) > 30:
        return text
    return format(value, "f")


def _syntax_error(
    frame: str, detail: str | Message, path: str | None, line: int, column: int
) -> PlanFileError:
    message = Message(frame, {"detail": detail})
    error = PlanFileError(message.text, path=path, line=line, column=column)
    error.message = message
    return error


def _parse(text: str, fmt: Format, path: str | None) -> object:
    # json only for JSON files (see _json); until then its error is one nothing raises.
    json_error: type[ValueError] = _NeverRaisedError
    try:
        if fmt == "json":
            import json  # noqa: PLC0415

            json_error = json.JSONDecodeError
            return json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_refuse_constant,
                object_pairs_hook=_unique_keys,
            )
        return tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as err:
        detail = Message(err.msg) if err.msg in _TOML_MESSAGES else err.msg
        raise _syntax_error(TOML_SYNTAX, detail, path, err.lineno, err.colno) from None
    except json_error as err:
        bad = cast("JSONDecodeError", err)
        raise _syntax_error(JSON_SYNTAX, bad.msg, path, bad.lineno, bad.colno) from None
    except _DuplicateKeyError as err:
        # json reports no position from a hook; the key scanner finds the repeated key.
        found: list[tuple[str, int]] = []
        json_key_lines(text, found)
        lines = [line for key_path, line in found if key_path.rsplit(".", 1)[-1] == err.key]
        raise PlanFileError(str(err), path=path, line=lines[0] if lines else None) from None
    except _ConstantError as err:
        # json reports no position for constants; the first one outside a string is it.
        where = re.search(rf"[:\[,]\s*{err.name}\b", text)
        line = text.count("\n", 0, where.start()) + 1 if where else None
        raise PlanFileError(str(err), path=path, line=line) from None
    except ValueError as err:
        # Both parsers turn integers through int(), which refuses more than 4300 digits.
        msg = f"{fmt.upper()} syntax: {err}"
        raise PlanFileError(msg, path=path) from None
    except RecursionError:
        msg = "the file is nested too deeply to be a plan"
        raise PlanFileError(msg, path=path) from None


class _NeverRaisedError(ValueError):
    pass


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(
            f"JSON syntax: key {key!r} appears twice in one object; a plan file says each "
            "thing once (the reader would otherwise keep only the last)"
        )
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    tree = dict(pairs)
    if len(tree) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return tree


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"JSON syntax: {name} is not a number a plan can hold")
        self.name = name


def _refuse_constant(name: str) -> object:
    raise _ConstantError(name)


def _check_schema(tree: Mapping[str, Any], path: str | None, index: Mapping[str, int]) -> None:
    schema = tree.get("schema")
    if schema == SCHEMA_ID:
        return
    if schema is None:
        msg = f'the file does not say which schema it follows: add schema = "{SCHEMA_ID}"'
        raise SchemaVersionError(msg, path=path, line=1, key="schema")
    msg = f"unsupported schema {schema!r}: this library reads {SCHEMA_ID!r}"
    raise SchemaVersionError(msg, path=path, line=index.get("schema"), key="schema")


def _check_top(tree: Mapping[str, Any], index: Mapping[str, int]) -> Iterator[StructureProblem]:
    for key in tree:
        if key not in ("schema", "plan", *COLLECTIONS, *LEGACY_COLLECTIONS):
            yield StructureProblem(
                key,
                f"unknown top-level key; expected one of plan, {', '.join(COLLECTIONS)}",
                line_of(index, key),
            )
    for old, new in LEGACY_COLLECTIONS.items():
        if old in tree and new in tree:
            yield StructureProblem(
                old,
                f"{old} is the old name of {new}; write every entry under {new}",
                line_of(index, old),
            )
    meta = tree.get("plan")
    if meta is None:
        yield StructureProblem("plan", PLAN_TABLE_REQUIRED, None)
    elif not isinstance(meta, Mapping):
        yield StructureProblem("plan", EXPECTED_TABLE, index.get("plan"))
    else:
        for key in COLLECTIONS:
            if key in meta:
                yield StructureProblem(
                    f"plan.{key}",
                    f"{key} belongs at the top level, not under [plan]",
                    line_of(dict(index), f"plan.{key}"),
                )
    for key in (*COLLECTIONS, *LEGACY_COLLECTIONS):
        if key in tree and not isinstance(tree[key], list):
            yield StructureProblem(key, EXPECTED_TABLES, index.get(key))


def _file_path(path: str, renamed: Mapping[str, str] | None = None) -> str:
    # The converter sees a flat Plan; metadata fields sit under [plan] in the file.
    head = path.split(".", 1)[0].split("[", 1)[0]
    if not path:
        return path
    if renamed and head in renamed:
        return renamed[head] + path[len(head) :]
    if head in COLLECTIONS:
        return path
    return f"plan.{path}"


def _problems(
    err: BaseException,
    path: str,
    index: Mapping[str, int],
    renamed: Mapping[str, str] | None = None,
) -> list[StructureProblem]:
    found: list[StructureProblem] = []
    for key, exc in _walk(err, path):
        file_key = _file_path(key, renamed)
        line = line_of(index, file_key)
        if isinstance(exc, ForbiddenExtraKeysError):
            for extra in sorted(exc.extra_fields):
                extra_key = _file_path(_join(key, extra), renamed)
                found.append(StructureProblem(extra_key, UNKNOWN_KEY, line_of(index, extra_key)))
        elif isinstance(exc, KeyError):
            found.append(StructureProblem(file_key, REQUIRED, line))
        else:
            found.append(StructureProblem(file_key, _expected(exc), line))
    return found


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _walk(err: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    if isinstance(err, BaseExceptionGroup):
        for sub in err.exceptions:
            yield from _walk(sub, _note_path(sub, path))
    else:
        yield path, err


def _note_path(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return _join(path, note.name)
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _expected(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _check_semantics(plan: Plan, index: Mapping[str, int]) -> Iterator[StructureProblem]:
    """Cross-field rules a JSON Schema cannot state: unique ids, plausible target years, waivers
    of this plan."""
    for position, waiver in enumerate(plan.waivers):
        if waiver.plan is not None and waiver.plan != plan.id:
            key = f"waivers[{position}].plan"
            yield StructureProblem(
                key,
                f"a waiver in a plan file waives this plan's findings ({plan.id}); "
                f"write waivers of {waiver.plan} in its own file or in the configuration",
                line_of(index, key),
            )
    seen: dict[str, int] = {}
    earliest = plan.period.start - YEARS_BEFORE_PERIOD
    latest = plan.period.end + YEARS_AFTER_PERIOD
    for position, indicator in enumerate(plan.indicators):
        key = f"indicators[{position}]"
        if indicator.id in seen:
            first = seen[indicator.id]
            yield StructureProblem(
                f"{key}.id",
                f"duplicate indicator id {indicator.id!r} (first at indicators[{first}])",
                line_of(index, f"{key}.id"),
            )
        else:
            seen[indicator.id] = position
        target = indicator.target
        if target is not None and not earliest <= target.year <= latest:
            yield StructureProblem(
                f"{key}.target.year",
                f"target year {target.year} is far outside the plan period "
                f"{plan.period.start}-{plan.period.end} (allowed {earliest}-{latest})",
                line_of(index, f"{key}.target.year"),
            )
