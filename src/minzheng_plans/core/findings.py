"""Findings: every problem found in data, with a stable code, a severity and a location.

Code families (contract): MZ0xx plugins/runtime · MZ1xx file and schema · MZ2xx internal
consistency · MZ3xx units · MZ4xx cross-level compliance · MZ5xx extraction and provenance ·
MZ6xx evaluation/progress. A code is never reused for another meaning.

A finding's ``message`` is the English message id with ``{name}`` placeholders; ``args`` fills
them. Rendering in a language happens in :mod:`minzheng_plans.output.i18n`, so that a finding
stored in a plan file can be shown in Chinese or English later.

Messages are filled by :func:`fill_message`, never by ``str.format``: a placeholder is
``{name}`` and nothing else (no format spec, no attribute or index access), each argument and
the whole message are cut at a length, and a placeholder without its argument stays visible.
A finding read from a file is ``literal``: its message is not a template unless it is one of
the library's own message ids (see :func:`minzheng_plans.output.i18n.render`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

__all__ = [
    "CORE_CODES",
    "MAX_ARG_LENGTH",
    "MAX_MESSAGE_LENGTH",
    "ArgValue",
    "Finding",
    "Location",
    "Severity",
    "Suppression",
    "code_matches",
    "fill_message",
    "make_finding",
    "missing_placeholders",
    "sort_findings",
]

ArgValue = str | int | Decimal

_CODE = re.compile(r"MZ\d{3}")

# A filled message is at most this long, and one argument at most MAX_ARG_LENGTH of it: a
# finding is one line a person reads, not a place to store a document.
MAX_MESSAGE_LENGTH = 2_000
MAX_ARG_LENGTH = 500
# ``{{``, ``}}`` or a ``{name}`` placeholder; every other brace is text.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]{0,63})\}")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fill_message(template: str, args: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by ``args[name]``; one pass, linear time.

    ``{{`` and ``}}`` are literal braces; a placeholder whose argument is missing, and any
    other use of braces (``{a:>9}``, ``{a.b}``, ``{0}``), stay as written. Arguments are cut at
    :data:`MAX_ARG_LENGTH` characters and the result at :data:`MAX_MESSAGE_LENGTH`.
    """
    template = _cut(template, MAX_MESSAGE_LENGTH)

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return match.group()[0]
        value = args.get(name)
        return match.group() if value is None else _cut(value, MAX_ARG_LENGTH)

    return _cut(_PLACEHOLDER.sub(replace, template), MAX_MESSAGE_LENGTH)


def missing_placeholders(template: str, args: Mapping[str, object]) -> list[str]:
    """The ``{name}`` placeholders of ``template`` that ``args`` does not fill."""
    names = (m.group(1) for m in _PLACEHOLDER.finditer(template[:MAX_MESSAGE_LENGTH]))
    return [name for name in dict.fromkeys(names) if name is not None and name not in args]


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@attrs.frozen
class Location:
    """Where a finding points: a file and a 1-based line (and column) in it."""

    file: str | None = None
    line: int | None = None
    column: int | None = None


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not _CODE.fullmatch(value):
        msg = f"finding codes are MZ and three digits, not {value!r}"
        raise ValueError(msg)


def _args(
    value: Mapping[str, ArgValue] | Iterable[tuple[str, ArgValue]],
) -> tuple[tuple[str, ArgValue], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), v) for k, v in items))


@attrs.frozen
class Finding:
    """One problem: ``code``, ``severity``, message id plus ``args``, and where it is."""

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    args: tuple[tuple[str, ArgValue], ...] = attrs.field(default=(), converter=_args)
    plan: str | None = None
    indicator: str | None = None
    location: Location | None = None
    related: tuple[str, ...] = ()
    # Read from a file: the message is text, not a template (see the module docstring). Not
    # part of the file form, equality or the hash: a finding written and read back is equal.
    literal: bool = attrs.field(default=False, kw_only=True, eq=False)

    @property
    def text(self) -> str:
        """The English message with its placeholders filled (as written when ``literal``)."""
        if self.literal:
            return _cut(self.message, MAX_MESSAGE_LENGTH)
        return fill_message(self.message, {key: str(value) for key, value in self.args})

    def __str__(self) -> str:
        return f"{self.code} {self.severity}: {self.text}"


def make_finding(
    code: str,
    severity: Severity,
    message: str,
    *,
    plan: str | None = None,
    indicator: str | None = None,
    file: str | None = None,
    line: int | None = None,
    related: Iterable[str] = (),
    **args: ArgValue,
) -> Finding:
    """Build a finding; keyword arguments beyond the named ones fill the message."""
    location = Location(file, line) if file is not None or line is not None else None
    return Finding(
        code,
        severity,
        message,
        args,
        plan=plan,
        indicator=indicator,
        location=location,
        related=tuple(related),
    )


def _check_reason(_instance: object, _attribute: object, value: str) -> None:
    if not value.strip():
        msg = "a suppression needs a reason"
        raise ValueError(msg)


@attrs.frozen
class Suppression:
    """``[[suppress]]`` in a plan file: silence ``code`` (for ``indicator``), with a reason."""

    code: str = attrs.field(validator=_check_code)
    reason: str = attrs.field(validator=_check_reason)
    indicator: str | None = None
    expires: dt.date | None = None


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is selected by any pattern: a full code (MZ401) or a prefix (MZ4)."""
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Deterministic order: plan, file, line, severity, code, indicator, message."""

    def key(f: Finding) -> tuple[str, str, int, int, str, str, str]:
        loc = f.location or Location()
        return (
            f.plan or "",
            loc.file or "",
            loc.line or 0,
            f.severity.rank,
            f.code,
            f.indicator or "",
            f.text,
        )

    return sorted(findings, key=key)


# Codes emitted by the core itself (rules contribute theirs through the plugin hooks).
CORE_CODES: Mapping[str, tuple[Severity, str]] = {
    "MZ001": (Severity.ERROR, "A plugin entry point failed to import"),
    "MZ002": (Severity.ERROR, "A plugin has a bad hook signature or an unknown hook"),
    "MZ003": (Severity.ERROR, "A plugin hook raised or returned the wrong type"),
    "MZ004": (Severity.ERROR, "A loader raised while sniffing or loading"),
    "MZ005": (Severity.ERROR, "A rule raised while checking"),
    "MZ006": (
        Severity.WARNING,
        "Two plugins contribute the same loader, rule, catalog entry or jurisdiction",
    ),
    "MZ007": (Severity.ERROR, "A plugin call exceeded its time budget"),
    "MZ008": (Severity.WARNING, "A plugin printed to stdout or stderr; the output was kept apart"),
    "MZ101": (Severity.ERROR, "The plan file cannot be parsed"),
    "MZ102": (Severity.ERROR, "The plan file does not fit the schema"),
    "MZ103": (Severity.ERROR, "The plan file names an unsupported schema version"),
    "MZ104": (Severity.ERROR, "Two indicators share one id"),
    "MZ105": (Severity.WARNING, "A suppression is expired or matches nothing"),
    # Emitted by loaders (the text toolkit and the jurisdiction plugins) while reading.
    "MZ501": (Severity.WARNING, "A table row could not be read and was left out"),
    "MZ502": (Severity.INFO, "A damaged value was repaired while reading"),
    "MZ503": (Severity.WARNING, "A doubtful value was kept as read"),
    "MZ504": (Severity.INFO, "An indicator is not in the catalog (nearest candidates given)"),
    "MZ505": (Severity.INFO, "A generic loader read the document"),
    "MZ506": (Severity.WARNING, "A target stated in the text could not be read"),
    "MZ520": (Severity.INFO, "A figure in a commitment was not read as a target"),
    "MZ521": (
        Severity.WARNING,
        "The text is in traditional characters and no converter is installed",
    ),
    "MZ522": (Severity.INFO, "Plan metadata missing from the document was filled in or left out"),
    # Emitted by the format readers (DOCX, web page, PDF) about what could not be read.
    "MZ523": (Severity.WARNING, "PDF pages without a text layer (scanned) were not read"),
    "MZ524": (Severity.WARNING, "PDF pages whose fonts give (cid:NNN) glyphs were not read"),
    "MZ525": (Severity.WARNING, "A web page did not decode cleanly; bytes were replaced"),
    "MZ526": (Severity.WARNING, "A loaded plan was cut to fit the limits of a plan file"),
}
