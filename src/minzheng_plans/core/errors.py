"""The exception tree. Problems *in the data* are findings; exceptions are for input that
cannot be read at all and for misuse of the API.

::

    MinzhengError(Exception)
    ├── PlanFileError(MinzhengError, ValueError)     path, line, column, key path, expected
    │   ├── SchemaVersionError(PlanFileError)
    │   └── PlanStructureError(PlanFileError)         every structure problem of one file
    ├── DocumentError(MinzhengError, ValueError)      a document no loader can read
    ├── UnitError(MinzhengError, ValueError)          offending text
    │   ├── UnknownUnitError(UnitError)               with suggestions
    │   ├── IncompatibleUnitsError(UnitError)         both units and dimensions
    │   └── AmbiguousUnitError(UnitError)
    ├── ValueParseError(MinzhengError, ValueError)    a value or quantity text that is not one
    │   └── FormulaError(ValueParseError)             a formula outside the grammar, with position
    │       ├── ForbiddenSyntaxError(FormulaError)    code, attribute access, exponents
    │       ├── LookalikeCharacterError(FormulaError) a character that imitates an operator/digit
    │       └── FormulaDimensionError(FormulaError)   adding quantities of different dimensions
    │   └── NumberBoundsError(ValueParseError)        a number outside the digit/exponent bounds
    ├── LimitError(MinzhengError, ValueError)         an input larger than a configured limit
    ├── PluginHostError(MinzhengError)                misuse of the plugin host API
    ├── UsageError(MinzhengError)                     bad command-line usage; exit code 2
    └── ConfigError(MinzhengError, ValueError)        a configuration file that cannot be used

Fields are stored; ``__str__`` builds the message, so that callers can read the parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from minzheng_plans.core.messages import Message, as_message

if TYPE_CHECKING:
    from minzheng_plans.core.findings import Finding

__all__ = [
    "AmbiguousUnitError",
    "ConfigError",
    "DocumentError",
    "ForbiddenSyntaxError",
    "FormulaDimensionError",
    "FormulaError",
    "IncompatibleUnitsError",
    "LimitError",
    "LookalikeCharacterError",
    "MinzhengError",
    "NumberBoundsError",
    "PlanFileError",
    "PlanStructureError",
    "PluginHostError",
    "SchemaVersionError",
    "StructureProblem",
    "UnitError",
    "UnknownUnitError",
    "UsageError",
    "ValueParseError",
]


class MinzhengError(Exception):
    """Base of every exception this library raises on purpose.

    ``findings`` holds what was found before the error and would otherwise be lost with it:
    a loader's sniff that ran out of time (MZ007) when no loader could then read the file.
    """

    findings: tuple[Finding, ...] = ()


def _where(path: str | None, line: int | None, column: int | None) -> str:
    parts = [path or "<string>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


class PlanFileError(MinzhengError, ValueError):
    """A plan file that cannot be read: syntax, encoding, size or schema version."""

    def __init__(
        self,
        reason: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.line = line
        self.column = column
        self.key = key

    def __str__(self) -> str:
        key = f" [{self.key}]" if self.key else ""
        return f"{_where(self.path, self.line, self.column)}:{key} {self.reason}"


class SchemaVersionError(PlanFileError):
    """The file's ``schema`` key is missing or names a version this library does not read."""


@attrs.frozen
class StructureProblem:
    """One field of a plan file that does not fit the model."""

    key: str
    expected: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.key}: {self.expected}"


class PlanStructureError(PlanFileError):
    """Every field of a plan file that does not fit the model, collected in one error."""

    def __init__(self, problems: Sequence[StructureProblem], *, path: str | None = None) -> None:
        first = problems[0]
        super().__init__(
            first.expected, path=path, line=first.line, column=first.column, key=first.key
        )
        self.problems = tuple(problems)

    def __str__(self) -> str:
        head = f"{self.path or '<string>'}: {len(self.problems)} problem(s) in the plan structure"
        lines = [head]
        lines.extend(
            f"  {_where(self.path, p.line, p.column)}: {p.key}: {p.expected}" for p in self.problems
        )
        return "\n".join(lines)


class DocumentError(MinzhengError, ValueError):
    """A document that no loader can read, or that the chosen loader rejects."""

    def __init__(self, reason: str, *, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path or '<document>'}: {self.reason}"


class UnitError(MinzhengError, ValueError):
    """A unit text that cannot be used."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text, reason)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.reason}: {self.text!r}"


class UnknownUnitError(UnitError):
    """A unit the project registry does not define; ``suggestions`` holds the nearest ones."""

    def __init__(self, text: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(text, "unknown unit")
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        hint = f" (did you mean {', '.join(self.suggestions)}?)" if self.suggestions else ""
        return f"unknown unit {self.text!r}{hint}"


class IncompatibleUnitsError(UnitError):
    """Two units of different dimensions, such as 张 (beds) and 人 (people)."""

    def __init__(self, source: str, target: str, source_dim: str, target_dim: str) -> None:
        super().__init__(f"{source} -> {target}", "incompatible units")
        self.source = source
        self.target = target
        self.source_dim = source_dim
        self.target_dim = target_dim

    def __str__(self) -> str:
        return (
            f"cannot convert {self.source!r} ({self.source_dim}) "
            f"to {self.target!r} ({self.target_dim})"
        )


class AmbiguousUnitError(UnitError):
    """A unit text that reads two ways; ``readings`` lists them."""

    def __init__(self, text: str, readings: Sequence[str]) -> None:
        super().__init__(text, "ambiguous unit")
        self.readings = tuple(readings)

    def __str__(self) -> str:
        return f"ambiguous unit {self.text!r}: could be {' or '.join(self.readings)}"


class ValueParseError(MinzhengError, ValueError):
    """A value or quantity text (``≥55%``, ``35-40张``) that cannot be parsed.

    ``expected`` is the English text; ``expected_message`` the same as a message, for a
    finding shown in the report's language.
    """

    def __init__(self, text: str, expected: str | Message) -> None:
        message = as_message(expected)
        super().__init__(text, message.text)
        self.text = text
        self.expected = message.text
        self.expected_message = message

    def __str__(self) -> str:
        return f"cannot read {self.text!r}: expected {self.expected}"


class NumberBoundsError(ValueParseError):
    """A number with more digits, or a larger or smaller exponent, than any plan figure has
    (:mod:`minzheng_plans.core.numbers`); ``text`` is a short sketch of it, never all its digits."""


class FormulaError(ValueParseError):
    """A formula (``甲/乙×10000``) outside the grammar; ``position`` is 0-based."""

    def __init__(self, text: str, expected: str, position: int | None = None) -> None:
        super().__init__(text, expected)
        self.position = position

    def __str__(self) -> str:
        where = f" at character {self.position + 1}" if self.position is not None else ""
        shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return f"cannot read formula {shown!r}{where}: {self.expected}"


class ForbiddenSyntaxError(FormulaError):
    """Something a formula may never contain: code, attribute access, exponents, strings."""


class LookalikeCharacterError(FormulaError):
    """A character that looks like an operator or digit of the grammar but is another one."""

    def __init__(self, text: str, position: int, character: str, looks_like: str) -> None:
        name = f"U+{ord(character):04X}"
        super().__init__(
            text, f"{character!r} ({name}) looks like {looks_like!r} but is not it", position
        )
        self.character = character
        self.looks_like = looks_like


class FormulaDimensionError(FormulaError):
    """A formula that adds or subtracts quantities of different dimensions (人 + 张)."""


class LimitError(MinzhengError, ValueError):
    """An input larger than a configured limit (file size, depth, count, length)."""

    def __init__(self, what: str, limit: int, actual: int, *, setting: str) -> None:
        super().__init__(what, limit, actual)
        self.what = what
        self.limit = limit
        self.actual = actual
        self.setting = setting

    def __str__(self) -> str:
        return (
            f"{self.what} is {self.actual}, over the limit of {self.limit} "
            f"(raise it with {self.setting})"
        )


class PluginHostError(MinzhengError):
    """Misuse of the plugin host API (not a plugin failure: those are findings)."""


class UsageError(MinzhengError):
    """Bad command-line usage; the CLI exits with code 2."""


class ConfigError(MinzhengError, ValueError):
    """A configuration file (pyproject.toml, minzheng-plans.toml) that cannot be used."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
