"""The value cells of one row of the indicator-table layout, each problem kept as a reason.

A cell that cannot be read is not dropped: its reason (a message, shown in the report's
language) goes into the row's MZ501 finding, and the indicator keeps the cells that could be
read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from minzheng_plans.builtin.loaders._table_layout import ATTRIBUTES, YEAR, norm
from minzheng_plans.core.errors import ValueParseError
from minzheng_plans.core.messages import N_, ArgValue, Message, cut_message
from minzheng_plans.core.model import Attribute, Observation
from minzheng_plans.core.quantity import Target
from minzheng_plans.core.values import ParsedValue, parse_value
from minzheng_plans.text.rows import ASPIRATION
from minzheng_plans.text.vocabulary import is_no_value

__all__ = ["FIELD_WORDS", "CellReader"]

#: What each value field is called in a reason.
FIELD_WORDS: Mapping[str, str] = {
    "baseline": N_("baseline"),
    "target": N_("target"),
    "actual": N_("actual value"),
    "growth": N_("growth"),
}


def _field(field: str) -> Message:
    return Message(FIELD_WORDS.get(field, field))


def _reason(message: str, **args: ArgValue) -> Message:
    return Message(message, args)


@attrs.define
class CellReader:
    """Reads the value cells of one row, noting each cell it cannot read in ``reasons``.

    ``meta_year`` gives a year the header block states for a field (``target_year,2025``);
    ``period_end`` the end of the period it states, the default target year.
    """

    cells: Mapping[str, str]
    years: Mapping[str, int]
    meta_year: Callable[[str], str | None]
    period_end: int | None
    reasons: list[Message]
    units: list[str] = attrs.Factory(list)

    def value(self, field: str) -> ParsedValue | None:
        text = self.cells.get(field, "")
        if is_no_value(text):
            return None
        try:
            parsed = parse_value(text)
        except ValueParseError as err:
            self.reasons.append(
                _reason(
                    N_("{field} “{text}”: expected {expected}"),
                    field=_field(field),
                    # As the error shows it: a huge number as a sketch, never all its digits.
                    text=err.text,
                    expected=err.expected_message,
                )
            )
            return None
        if parsed.kind == "none":
            return None
        self.units.append(parsed.unit)
        return parsed

    def year(self, field: str, fallback: int | None = None) -> int | None:
        text = self.cells.get(f"{field}_year", "")
        if text:
            match = YEAR.fullmatch(text.strip())
            if match is None:
                self.reasons.append(
                    Message(
                        N_("{column} “{text}” is not a year"),
                        {"column": f"{field}_year", "text": cut_message(text, 40)},
                    )
                )
                return None
            return int(match.group(1))
        if field in self.years:
            return self.years[field]
        meta = self.meta_year(f"{field}_year")
        if meta is not None:
            match = YEAR.fullmatch(meta)
            return int(match.group(1)) if match else None
        return fallback

    def problem(self, field: str, parsed: ParsedValue, err: ValueError) -> None:
        self.reasons.append(
            _reason(
                N_("{field} “{text}”: {problem}"),
                field=_field(field),
                text=parsed.raw,
                problem=str(err),
            )
        )

    def not_single(self, field: str, parsed: ParsedValue) -> None:
        self.reasons.append(
            _reason(
                N_("{field} “{text}” is not a single value"), field=_field(field), text=parsed.raw
            )
        )

    def observation(self, field: str, fallback: int | None = None) -> Observation | None:
        parsed = self.value(field)
        if parsed is None:
            return None
        year = self.year(field, fallback)
        if year is None:
            self.no_year(field, parsed)
            return None
        try:
            observation = parsed.to_observation(year)
        except ValueError as err:
            self.problem(field, parsed, err)
            return None
        if observation is None:
            self.not_single(field, parsed)
        return observation

    def no_year(self, field: str, parsed: ParsedValue) -> None:
        if not self.cells.get(f"{field}_year"):  # else the year cell was reported already
            self.reasons.append(
                _reason(
                    N_("{field} “{text}” has no year: add a {column} column"),
                    field=_field(field),
                    text=parsed.raw,
                    column=f"{field}_year",
                )
            )

    def target(self) -> Target | None:
        parsed = self.value("target")
        if parsed is None:
            return None
        year = self.year("target", self.period_end)
        if year is None:
            self.no_year("target", parsed)
            return None
        if parsed.kind == "direction":
            # 逐步提高: the row is kept, without a target; the words stay in its finding.
            self.not_single("target", parsed)
            return None
        try:
            target = parsed.to_target(year)
        except ValueError as err:
            self.problem("target", parsed, err)
            return None
        if parsed.aspirational:
            # The 力争 figure is no target, and must not vanish: the row's finding keeps it.
            self.reasons.append(
                _reason(
                    N_("{field} “{text}”: {why}"),
                    field=_field("target"),
                    text=parsed.raw,
                    why=Message(ASPIRATION),
                )
            )
        return target

    def attribute(self) -> Attribute | None:
        text = self.cells.get("attribute", "")
        if is_no_value(text):
            return None
        found = ATTRIBUTES.get(norm(text))
        if found is None:
            self.reasons.append(
                _reason(N_("attribute “{text}”: expected 约束性 or 预期性"), text=text)
            )
        return found

    def growth(self) -> Decimal | None:
        parsed = self.value("growth")
        if parsed is None:
            return None
        if parsed.kind != "value" or parsed.value is None:
            self.not_single("growth", parsed)
            return None
        return parsed.value
