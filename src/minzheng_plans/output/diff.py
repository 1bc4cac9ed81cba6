"""A plan diff as text (one line per change, in Chinese or English) or JSON."""

from __future__ import annotations

from collections.abc import Mapping

from minzheng_plans.analysis.diff import Change, PlanDiff
from minzheng_plans.core.messages import N_
from minzheng_plans.core.printable import escape_field
from minzheng_plans.output.columns import display_width
from minzheng_plans.output.i18n import is_chinese, say
from minzheng_plans.output.terms import attribute_label

__all__ = ["KINDS", "diff_json", "diff_text"]

#: The label of each kind of change (``Change.kind``).
KINDS: Mapping[str, str] = {
    "added": N_("added"),
    "removed": N_("removed"),
    "renamed": N_("renamed"),
    "unit": N_("unit"),
    "baseline": N_("baseline"),
    "target": N_("target"),
    "attribute": N_("attribute"),
    "definition": N_("formula"),
}
NO_DIFFERENCES = N_("no differences")

# Labels are padded to this many terminal cells, so the codes after them line up.
_LABEL_WIDTH = 10


def diff_json(diff: PlanDiff) -> str:
    """The diff report: ``{"schema": …, "report": "diff", "old", "new", "changes",
    "summary"}``, as :meth:`PlanDiff.to_dict` gives them."""
    from minzheng_plans.files import reports  # noqa: PLC0415

    return reports.dumps_report("diff", diff.to_dict())


def diff_text(diff: PlanDiff, language: str = "en") -> str:
    """A title line, then one line per change: kind, code, ids, name, old → new."""
    colon = "：" if is_chinese(language) else ": "
    lines = [f"{diff.old_label} ({diff.old}) → {diff.new_label} ({diff.new})"]
    if not diff.changes:
        lines.append(say(NO_DIFFERENCES, language))
    for change in diff.changes:
        label = say(KINDS[change.kind], language)
        ids = " → ".join(i for i in (change.old_id, change.new_id) if i)
        label += " " * max(0, _LABEL_WIDTH - display_width(label))
        head = f"{label} {change.code or '-':<34} {ids:<12} {change.name}"
        if change.kind in {"added", "removed"}:
            lines.append(head.rstrip())
            continue
        unit = f" {change.unit}" if change.unit else ""
        old, new = _value(change, change.old, language), _value(change, change.new, language)
        lines.append(f"{head}{colon}{old} → {new}{unit}".rstrip())
    # Each entry is one line: a title or name with a newline cannot forge another.
    return "\n".join(escape_field(line) for line in lines)


def _value(change: Change, value: str | None, language: str) -> str:
    if not value:
        return "-"
    # An attribute is a word of the plan-file format (binding), shown in the report's language.
    return attribute_label(value, language) if change.kind == "attribute" else value
