"""The one cattrs converter: every (un)structuring rule between the model and plain data.

Plain data is what TOML and JSON hold: dicts, lists, strings, ``Decimal`` numbers (read with
``parse_float=Decimal``), ints, bools and dates. Optional fields are omitted when unset (TOML
has no null) and unknown keys are refused.

The plan-file tree is the contract shape: metadata under ``plan``, the collections
(``indicators``, ``projects``, ``sections``, ``findings``, ``waivers``) at the top level;
``suppress``, the name waivers had before #20, is read as ``waivers``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from minzheng_plans.core.enums import member_of
from minzheng_plans.core.findings import ArgValue, Finding
from minzheng_plans.core.messages import MAX_MESSAGE_DEPTH, Message
from minzheng_plans.core.model import Plan
from minzheng_plans.core.numbers import MAX_EXPONENT, bounds_problem, sketch
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative, Target

__all__ = [
    "COLLECTIONS",
    "DATE_PATTERN",
    "LEGACY_COLLECTIONS",
    "MAX_MAGNITUDE",
    "MAX_TEXT_LENGTH",
    "TARGET_TAGS",
    "make_converter",
    "structure_plan",
    "unstructure_arg",
    "unstructure_message",
    "unstructure_plan",
]

# Plan fields that live at the top level of a plan file rather than under [plan].
COLLECTIONS = ("indicators", "projects", "sections", "findings", "waivers")
#: Top-level keys read under another name: ``[[suppress]]`` tables are waivers.
LEGACY_COLLECTIONS: Mapping[str, str] = {"suppress": "waivers"}

_RANGE = "range"
_RELATIVE = "relative"

# The ``comparator`` value that tags each target class in a file; a Comparison is tagged by
# its own comparator (absent means ``=``). The JSON Schema dispatches on the same tags.
TARGET_TAGS: Mapping[type[Range | Relative], str] = {Range: _RANGE, Relative: _RELATIVE}
_TAGGED: Mapping[str, type[Range | Relative]] = {tag: cls for cls, tag in TARGET_TAGS.items()}
_TARGET_KINDS = (*(c.value for c in Comparator), *_TAGGED)

# The size bound of :mod:`minzheng_plans.core.numbers`, kept here under its old name.
MAX_MAGNITUDE = 10 ** (MAX_EXPONENT + 1)

# The longest text field a plan needs is a definition or a raw extracted row; a longer string
# is junk pasted into the wrong place.
MAX_TEXT_LENGTH = 10_000

# Dates in text form are ISO 8601 calendar dates only (``date.fromisoformat`` also takes
# ``20210915`` and week dates, which no reader of a plan file expects).
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATE = re.compile(DATE_PATTERN.strip("^$"))


def _structure_decimal(value: object, _type: object) -> Decimal:
    # bool is an int subclass, and a float here means the file was read without
    # parse_float=Decimal: both would silently lose meaning or digits. A string is refused
    # too: a quoted number is a typo in a plan file, and a schema could not agree on it.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        msg = f"expected an exact number, got {type(value).__name__}"
        raise TypeError(msg)
    number = value if type(value) is Decimal else Decimal(value)
    # The digit tuple needs no context, so even 1E+999999999 costs nothing to refuse.
    if not number.is_finite():
        msg = f"expected a finite number, got {value}"
        raise ValueError(msg)
    problem = bounds_problem(number)
    if problem is not None:
        msg = f"expected {problem}, got {sketch(number)}"
        raise ValueError(msg)
    return number


def _unstructure_decimal(value: Decimal) -> Decimal | int:
    # TOML writers render Decimal("1") as 1.0; an integral decimal with no fraction digits is
    # written as an integer so that the text reads back to the same digits.
    exponent = value.as_tuple().exponent
    # The size bound keeps a hostile ``1E+999999999`` from becoming a billion-digit integer.
    if isinstance(exponent, int) and exponent >= 0 and value.adjusted() < 30:
        return int(value)
    return value


def _structure_int(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {type(value).__name__}"
        raise TypeError(msg)
    if len(value) > MAX_TEXT_LENGTH:
        msg = f"expected at most {MAX_TEXT_LENGTH} characters, got {len(value)}"
        raise ValueError(msg)
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def _structure_date(value: object, _type: object) -> dt.date:
    if isinstance(value, dt.datetime):
        msg = "expected a date (YYYY-MM-DD), got a date and time"
        raise TypeError(msg)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if not _DATE.fullmatch(value):
            msg = f"expected a date (YYYY-MM-DD), got {value!r}"
            raise ValueError(msg)
        return dt.date.fromisoformat(value)
    msg = f"expected a date (YYYY-MM-DD), got {type(value).__name__}"
    raise TypeError(msg)


def _structure_arg(value: object, type_: object, depth: int = 0) -> ArgValue:
    if isinstance(value, Mapping):
        return _structure_message(value, type_, depth + 1)
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        msg = f"expected a string, a number or a message table, got {type(value).__name__}"
        raise TypeError(msg)
    if isinstance(value, str):
        return _structure_str(value, type_)
    # Numbers in message arguments follow the same rules as every other number in a file.
    number = _structure_decimal(value, type_)
    return value if isinstance(value, int) else number


_MESSAGE_KEYS = frozenset({"id", "args", "translations"})


def _structure_message(value: Mapping[Any, Any], type_: object, depth: int) -> Message:
    """A message in a placeholder: ``{id = "…", args = {…}, translations = {zh_CN = "…"}}``."""
    if depth > MAX_MESSAGE_DEPTH:
        msg = f"messages nest at most {MAX_MESSAGE_DEPTH} levels deep"
        raise ValueError(msg)
    extra = sorted(str(key) for key in value if key not in _MESSAGE_KEYS)
    if extra:
        msg = f"a message table has id, args and translations, not {', '.join(extra)}"
        raise ValueError(msg)
    if "id" not in value:
        msg = "a message table needs an id"
        raise ValueError(msg)
    args = value.get("args", {})
    translations = value.get("translations", {})
    if not isinstance(args, Mapping) or not isinstance(translations, Mapping):
        msg = "a message's args and translations are tables"
        raise TypeError(msg)
    return Message(
        _structure_str(value["id"], str),
        {str(k): _structure_arg(v, type_, depth) for k, v in args.items()},
        {str(k): _structure_str(v, str) for k, v in translations.items()},
    )


def unstructure_message(message: Message) -> dict[str, Any]:
    """A message as plain data (the form :func:`_structure_message` reads)."""
    data: dict[str, Any] = {"id": message.id}
    if message.args:
        data["args"] = {key: unstructure_arg(arg) for key, arg in message.args}
    if message.translations:
        data["translations"] = dict(message.translations)
    return data


def unstructure_arg(value: ArgValue) -> object:
    """A placeholder value as plain data: a message as a table, anything else as it is."""
    if isinstance(value, Message):
        return unstructure_message(value)
    return _unstructure_decimal(value) if isinstance(value, Decimal) else value


def _is_homogeneous_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(conv: cattrs.Converter) -> Any:
    # cattrs builds a tuple from any iterable, so ``issuers = "abc"`` would become three
    # issuers and a table would become its keys: only arrays are arrays.
    def structure_tuple(value: object, type_: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {type(value).__name__}"
            raise TypeError(msg)
        item_type = get_args(type_)[0]
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(conv.structure(item, item_type))
            except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
                note = IterableValidationNote(
                    f"Structuring {type_} @ index {index}", index, item_type
                )
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            msg = f"While structuring {type_!r}"
            raise IterableValidationError(msg, errors, type_)
        return tuple(items)

    return structure_tuple


def _is_optional(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) in (Union, UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(conv: cattrs.Converter) -> Any:
    # What cattrs does for ``X | None``, with the hook of X looked up once rather than on
    # every value: plans have a dozen optional fields per indicator.
    def factory(type_: Any) -> Any:
        args = get_args(type_)
        other = args[0] if args[1] is type(None) else args[1]
        inner = conv.get_structure_hook(other)

        def structure_optional(value: object, _type: object) -> object:
            return None if value is None else inner(value, other)

        return structure_optional

    return factory


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    try:
        return member_of(type_, value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in type_)
        msg = f"{value!r} is not one of {allowed}"
        raise ValueError(msg) from None


def make_converter(*, dates_as_text: bool = False) -> cattrs.Converter:
    """A converter owned by the caller. ``dates_as_text`` writes dates as ISO strings (JSON)."""
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    # Class hooks dispatch by MRO, where str comes before Enum in a StrEnum's: registered on
    # Enum alone, the str hook would take "city" as a Level and "mandatory" as an Attribute.
    conv.register_structure_hook(enum.StrEnum, _structure_enum)
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook_func(_is_homogeneous_tuple, _tuple_hook(conv))
    # Before the targets': their own hook for ``Target | None`` is registered later and wins.
    conv.register_structure_hook_factory(_is_optional, _optional_hook(conv))
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    if dates_as_text:
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    else:
        conv.register_unstructure_hook(dt.date, lambda d: d)

    conv.register_structure_hook(ArgValue, _structure_arg)
    conv.register_unstructure_hook(Message, unstructure_message)
    _register_targets(conv)
    _register_findings(conv)
    return conv


_Made = TypeVar("_Made")


def _on_first_use(make: Callable[..., _Made]) -> Callable[..., _Made]:
    """``make(*args)`` when first asked for with ``args``, then the same value.

    cattrs writes and compiles the source of every function it generates; a check reads plans
    and never writes one, and most targets are comparisons, so the rest are made when needed.
    """
    return functools.cache(make)


def _register_targets(conv: cattrs.Converter) -> None:
    # One function per target class, each made on first use.
    structure_fn = _on_first_use(
        lambda cls: make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    )
    unstructure_fn = _on_first_use(
        lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )

    def structure_target(value: object, _type: object) -> Target:
        if not isinstance(value, Mapping):
            msg = f"expected a table, got {type(value).__name__}"
            raise TypeError(msg)
        data = dict(value)
        kind = data.pop("comparator", Comparator.EQ.value)
        if kind not in _TARGET_KINDS:
            msg = f"comparator {kind!r} is not one of {', '.join(map(repr, _TARGET_KINDS))}"
            raise ValueError(msg)
        cls = _TAGGED.get(kind, Comparison)
        if cls is Comparison:
            data["comparator"] = kind
        target: Target = structure_fn(cls)(data, cls)
        return target

    # cattrs would otherwise disambiguate the union by unique field names, which cannot see
    # the comparator; an optional target must dispatch the same way.
    conv.register_structure_hook_func(lambda t: t == Target, structure_target)
    conv.register_structure_hook_func(
        lambda t: t == Target | None,
        lambda v, t: None if v is None else structure_target(v, t),
    )

    def unstructure_target(target: Target) -> dict[str, Any]:
        data: dict[str, Any] = unstructure_fn(type(target))(target)
        if isinstance(target, Comparison):
            # The comparator is always written, so that a reader need not know the default.
            data["comparator"] = target.comparator.value
        else:
            data = {"comparator": TARGET_TAGS[type(target)], **data}
        return data

    for cls in (Comparison, Range, Relative):
        conv.register_unstructure_hook(cls, unstructure_target)
    conv.register_unstructure_hook(Target, unstructure_target)


def _register_findings(conv: cattrs.Converter) -> None:
    # ``literal`` is not a file key: every finding read from a file is literal text unless
    # its message is a message id (output.i18n decides), so a file cannot smuggle a template.
    structure = _on_first_use(
        lambda: make_dict_structure_fn(
            Finding, conv, _cattrs_forbid_extra_keys=True, literal=override(omit=True)
        )
    )
    unstructure = _on_first_use(
        lambda: make_dict_unstructure_fn(
            Finding, conv, _cattrs_omit_if_default=True, literal=override(omit=True)
        )
    )

    def structure_finding(value: object, _type: object) -> Finding:
        if not isinstance(value, Mapping):
            msg = f"expected a table, got {type(value).__name__}"
            raise TypeError(msg)
        args = value.get("args")
        if args is not None:
            # Written as a table; the model's pairs are not a file form (a three-item pair
            # would be cut short silently).
            if not isinstance(args, Mapping):
                msg = f"expected a table of message arguments, got {type(args).__name__}"
                raise TypeError(msg)
            value = {**value, "args": [list(item) for item in args.items()]}
        return attrs.evolve(structure()(value, Finding), literal=True)

    def unstructure_finding(finding: Finding) -> dict[str, Any]:
        data = unstructure()(finding)
        if finding.args:
            data["args"] = {key: conv.unstructure(arg) for key, arg in finding.args}
        return data

    conv.register_structure_hook(Finding, structure_finding)
    conv.register_unstructure_hook(Finding, unstructure_finding)


def unstructure_plan(plan: Plan, converter: cattrs.Converter) -> dict[str, Any]:
    """The plan-file tree of ``plan`` (without the ``schema`` key)."""
    data = converter.unstructure(plan)
    tree: dict[str, Any] = {"plan": {k: v for k, v in data.items() if k not in COLLECTIONS}}
    tree.update((k, data[k]) for k in COLLECTIONS if k in data)
    return tree


def structure_plan(tree: Mapping[str, Any], converter: cattrs.Converter) -> Plan:
    """The plan a plan-file tree describes; the top level must already be checked.

    Raises cattrs' ``ClassValidationError`` carrying every problem;
    :mod:`minzheng_plans.files.planfile`
    turns it into a :class:`~minzheng_plans.core.errors.PlanStructureError` with lines.
    """
    flat = {**tree["plan"], **{key: tree[key] for key in COLLECTIONS if key in tree}}
    plan: Plan = converter.structure(flat, Plan)
    return plan
