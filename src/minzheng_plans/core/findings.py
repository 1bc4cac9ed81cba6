"""Findings: every problem found in data, with a stable code, a severity and a location.

Code families (contract): MZ0xx plugins/runtime · MZ1xx file and schema · MZ2xx internal
consistency · MZ3xx units · MZ4xx cross-level compliance · MZ5xx extraction and provenance ·
MZ6xx evaluation/progress. A code is never reused for another meaning.

A finding's ``message`` is the English message id with ``{name}`` placeholders; ``args`` fills
them. Rendering in a language happens in :mod:`minzheng_plans.output.i18n`, so that a finding
stored in a plan file can be shown in Chinese or English later.

Messages are filled by :func:`~minzheng_plans.core.messages.fill_message`, never by
``str.format`` (``{name}`` placeholders only, lengths capped). A finding read from a file is
``literal``: its message is not a template unless it is one of the library's own message ids
(see :func:`minzheng_plans.output.i18n.render`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping

import attrs

from minzheng_plans.core.messages import ArgValue, cut_message, fill_message, message_args
from minzheng_plans.core.pickling import tuple_state

__all__ = [
    "CORE_CODES",
    "ArgValue",
    "Finding",
    "Location",
    "Severity",
    "Suppression",
    "Waiver",
    "code_matches",
    "is_code",
    "make_finding",
    "sort_findings",
]

_CODE = re.compile(r"MZ\d{3}")


def is_code(text: str) -> bool:
    """Whether ``text`` is a finding code: ``MZ`` and three digits."""
    return bool(_CODE.fullmatch(text))


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@tuple_state
@attrs.frozen
class Location:
    """Where a finding points: a file and a 1-based line (and column) in it."""

    file: str | None = None
    line: int | None = None
    column: int | None = None


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not is_code(value):
        msg = f"finding codes are MZ and three digits, not {value!r}"
        raise ValueError(msg)


@tuple_state
@attrs.frozen
class Finding:
    """One problem: ``code``, ``severity``, message id plus ``args``, and where it is."""

    code: str = attrs.field(validator=_check_code)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    args: tuple[tuple[str, ArgValue], ...] = attrs.field(default=(), converter=message_args)
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
            return cut_message(self.message)
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
        msg = "a waiver needs a reason"
        raise ValueError(msg)


@tuple_state
@attrs.frozen
class Waiver:
    """An approved deviation: findings of ``code`` (for ``plan`` and ``indicator``) are waived.

    Written as ``[[waivers]]`` in a configuration file or a plan file (``plan`` may be left
    out there: it is that plan), or as an inline comment next to an indicator of a TOML plan
    file. ``reason`` is required; ``approved_by`` and ``document`` (the approving document's
    number) record who allowed it; after ``expires`` the waiver no longer applies and is
    itself reported (MZ105).
    """

    code: str = attrs.field(validator=_check_code)
    reason: str = attrs.field(validator=_check_reason)
    plan: str | None = None
    indicator: str | None = None
    approved_by: str | None = None
    document: str | None = None
    expires: dt.date | None = None

    def is_expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def matches(self, finding: Finding, plan: str | None = None) -> bool:
        """Whether this waiver covers ``finding`` (``plan``: the plan it was written in)."""
        own_plan = self.plan or plan
        return (
            finding.code == self.code
            and (own_plan is None or own_plan == finding.plan)
            and (self.indicator is None or self.indicator == finding.indicator)
        )


#: The name ``[[suppress]]`` entries had before waivers replaced them (#20); the same class.
Suppression = Waiver


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
    "MZ008": (Severity.ERROR, "A rule returned a finding with a code it does not declare"),
    "MZ009": (Severity.WARNING, "A plugin printed to stdout or stderr; the output was kept apart"),
    "MZ101": (Severity.ERROR, "The plan file cannot be parsed"),
    "MZ102": (Severity.ERROR, "The plan file does not fit the schema"),
    "MZ103": (Severity.ERROR, "The plan file names an unsupported schema version"),
    "MZ104": (Severity.ERROR, "Two indicators share one id"),
    "MZ105": (Severity.WARNING, "A waiver is expired or matches nothing"),
    "MZ106": (
        Severity.WARNING,
        "An inline suppression comment has no reason, an unknown form or no indicator",
    ),
    "MZ107": (Severity.ERROR, "Two inputs of a run have the same plan id"),
    # Emitted by loaders (the text toolkit and the jurisdiction plugins) while reading.
    "MZ501": (Severity.WARNING, "A table row could not be read and was left out"),
    "MZ502": (Severity.INFO, "A damaged value was repaired while reading"),
    "MZ503": (Severity.WARNING, "A doubtful value was kept as read"),
    "MZ504": (Severity.INFO, "An indicator is not in the catalog (nearest candidates given)"),
    "MZ505": (Severity.INFO, "A generic loader read the document"),
    "MZ506": (Severity.WARNING, "A target stated in the text could not be read"),
    "MZ507": (Severity.WARNING, "A table was found but not read as an indicator table"),
    "MZ508": (Severity.INFO, "Columns of a table that no reader knows were not read"),
    "MZ509": (
        Severity.WARNING,
        "The plan's jurisdiction was not resolved (the name found and why are given)",
    ),
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
    "MZ527": (
        Severity.WARNING,
        "Spreadsheet formula cells without a saved value were read as empty",
    ),
}
