"""Baselines: the findings a set of plans already had, so that only new ones fail a run.

``check --write-baseline FILE`` records every finding of the run (waived ones aside) by a
stable fingerprint; ``check --baseline FILE`` then reports only findings not in it, and says how
many matched and how many of its entries no finding matched any more (fixed, or changed).

The fingerprint is the finding's code, plan id, indicator id and a digest of its message
arguments, normalised: numbers by value (``55.0`` is ``55``), text with runs of white space
made one space, and arguments that hold positions left out (``line``, ``lines``, ``column``,
``file``, ``path``, and a ``row`` given as a number). Neither the line of a finding nor the
wording or language of its message takes part, so editing another part of a plan file, or
upgrading to a release that rewords a message, keeps the baseline valid; a change that alters
what a finding says (a target loosened further, another unit) makes it new. Equal
fingerprints are counted, so two identical findings need two entries.

The file is JSON::

    {"schema": "minzheng-plans-baseline/1",
     "findings": [{"code": "MZ401", "plan": "990101-2021-2025", "indicator": "t1.4",
                   "digest": "3f2a9c0d1b2e4f56", "count": 1,
                   "message": "…the finding in English, for people…"}]}
"""

from __future__ import annotations

import collections
import decimal
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import attrs

from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.core.findings import Finding
from minzheng_plans.files.planfile import dumps_json

__all__ = [
    "BASELINE_SCHEMA_ID",
    "Baseline",
    "Fingerprint",
    "baseline_json",
    "fingerprint",
    "match_baseline",
    "read_baseline",
    "write_baseline",
]

BASELINE_SCHEMA_ID = "minzheng-plans-baseline/1"

_POSITION_ARGS = frozenset({"line", "lines", "column", "file", "path"})
_SPACE = re.compile(r"\s+")
_DIGEST_LENGTH = 16
_PLAIN_DIGITS = 30
# Wide enough that normalising never rounds or overflows an exact value a finding holds.
_WIDE = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _normal(value: object) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        value = value.normalize(_WIDE)
        if abs(value.adjusted()) > _PLAIN_DIGITS:
            # The exponent form: a hostile 1E+999999999 must not become a billion digits.
            return str(value)
        text = format(value, "f")
        return "0" if text in {"-0", ""} else text
    if isinstance(value, int):
        return str(value)
    return _SPACE.sub(" ", str(value)).strip()


class Fingerprint(NamedTuple):
    """What identifies a finding across runs (see the module docstring)."""

    code: str
    plan: str
    indicator: str
    digest: str

    def __str__(self) -> str:
        return f"{self.code} {self.plan or '-'} {self.indicator or '-'} {self.digest}"


def fingerprint(finding: Finding) -> Fingerprint:
    """The finding's code, plan, indicator and normalised-arguments digest."""
    args = {
        key: _normal(value)
        for key, value in finding.args
        if key not in _POSITION_ARGS and not (key == "row" and isinstance(value, int))
    }
    text = json.dumps(args, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]
    return Fingerprint(finding.code, finding.plan or "", finding.indicator or "", digest)


@attrs.frozen
class Baseline:
    """Fingerprints with how often each was recorded; ``path`` names the file for reports."""

    counts: collections.Counter[Fingerprint] = attrs.field(factory=collections.Counter, eq=False)
    path: str | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding], path: str | None = None) -> Baseline:
        return cls(collections.Counter(fingerprint(f) for f in findings), path)


def match_baseline(
    findings: Sequence[Finding],
    baseline: Baseline,
    *,
    plans: AbstractSet[str],
    wants: Callable[[str], bool],
) -> tuple[list[Finding], list[Finding], int]:
    """``(new, matched, gone)``: findings not in ``baseline``, those in it, and the number of
    its entries nothing matched.

    Only entries that this run could have matched count as gone: those of the run's ``plans``
    (or of no plan) whose code the run selects (``wants``).
    """
    left = collections.Counter(baseline.counts)
    new: list[Finding] = []
    matched: list[Finding] = []
    for finding in findings:
        key = fingerprint(finding)
        if left[key] > 0:
            left[key] -= 1
            matched.append(finding)
        else:
            new.append(finding)
    gone = sum(
        count
        for key, count in left.items()
        if count > 0 and (not key.plan or key.plan in plans) and wants(key.code)
    )
    return new, matched, gone


def baseline_json(findings: Iterable[Finding]) -> str:
    """The baseline file recording ``findings`` (sorted, so that it diffs well)."""
    counts: dict[Fingerprint, int] = {}
    first: dict[Fingerprint, Finding] = {}
    for finding in findings:
        key = fingerprint(finding)
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, finding)
    entries = []
    for key in sorted(counts):
        finding = first[key]
        entries.append(
            {
                "code": key.code,
                "plan": key.plan,
                "indicator": key.indicator,
                "digest": key.digest,
                "count": counts[key],
                "message": finding.text,
            }
        )
    return dumps_json({"schema": BASELINE_SCHEMA_ID, "findings": entries}) + "\n"


def write_baseline(findings: Iterable[Finding], path: str | Path) -> Baseline:
    """Write the baseline of ``findings`` to ``path`` (replacing it whole, creating its folder)
    and return it."""
    items = list(findings)
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(baseline_json(items), encoding="utf-8")
        temporary.replace(target)
    except OSError as err:
        msg = f"cannot write the baseline: {err.strerror or err}"
        raise PlanFileError(msg, path=str(path)) from None
    return Baseline.of(items, str(path))


def read_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a :class:`PlanFileError`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        msg = f"cannot read the baseline: {getattr(err, 'strerror', None) or err}"
        raise PlanFileError(msg, path=str(path)) from None
    try:
        tree = json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"JSON syntax: {err.msg}"
        raise PlanFileError(msg, path=str(path), line=err.lineno, column=err.colno) from None
    if not isinstance(tree, dict) or tree.get("schema") != BASELINE_SCHEMA_ID:
        msg = f'not a baseline file: expected "schema": "{BASELINE_SCHEMA_ID}"'
        raise PlanFileError(msg, path=str(path), key="schema")
    entries = tree.get("findings")
    if not isinstance(entries, list):
        msg = "expected a list of findings"
        raise PlanFileError(msg, path=str(path), key="findings")
    counts: collections.Counter[Fingerprint] = collections.Counter()
    for position, entry in enumerate(entries):
        key = _entry_key(entry)
        count = entry.get("count", 1) if isinstance(entry, dict) else None
        if key is None or isinstance(count, bool) or not isinstance(count, int) or count < 1:
            msg = "expected code, plan, indicator and digest as text, and a count of 1 or more"
            raise PlanFileError(msg, path=str(path), key=f"findings[{position}]")
        counts[key] += count
    return Baseline(counts, str(path))


def _entry_key(entry: object) -> Fingerprint | None:
    if not isinstance(entry, dict):
        return None
    parts = [entry.get(name) for name in Fingerprint._fields]
    if not all(isinstance(part, str) for part in parts) or not parts[0] or not parts[3]:
        return None
    return Fingerprint(*(str(part) for part in parts))
