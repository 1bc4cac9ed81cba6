"""A plan diff as text (one line per change, in Chinese or English) or JSON."""

from __future__ import annotations

from minzheng_plans.analysis.diff import PlanDiff
from minzheng_plans.analysis.texts import text
from minzheng_plans.core.printable import escape_field
from minzheng_plans.output.columns import display_width

__all__ = ["diff_json", "diff_text"]

# Labels are padded to this many terminal cells, so the codes after them line up.
_LABEL_WIDTH = 10


def diff_json(diff: PlanDiff) -> str:
    """``{"old", "new", "changes", "summary"}``, as :meth:`PlanDiff.to_dict` gives them."""
    from minzheng_plans.files.planfile import dumps_json  # noqa: PLC0415

    return dumps_json(diff.to_dict())


def diff_text(diff: PlanDiff, language: str = "en") -> str:
    """A title line, then one line per change: kind, code, ids, name, old → new."""
    lines = [
        text("diff.title", language, old=f"{diff.old_label} ({diff.old})", new=diff.new_label)
        + f" ({diff.new})"
    ]
    if not diff.changes:
        lines.append(text("diff.none", language))
    for change in diff.changes:
        label = text(f"diff.{change.kind}", language)
        ids = " → ".join(i for i in (change.old_id, change.new_id) if i)
        label += " " * max(0, _LABEL_WIDTH - display_width(label))
        head = f"{label} {change.code or '-':<34} {ids:<12} {change.name}"
        if change.kind in {"added", "removed"}:
            lines.append(head.rstrip())
            continue
        unit = f" {change.unit}" if change.unit else ""
        lines.append(f"{head}: {change.old or '-'} → {change.new or '-'}{unit}".rstrip())
    # Each entry is one line: a title or name with a newline cannot forge another.
    return "\n".join(escape_field(line) for line in lines)
