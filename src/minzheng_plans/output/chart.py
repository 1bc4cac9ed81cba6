"""Charts of one catalog indicator across plans (the ``plot`` extra: matplotlib).

Each jurisdiction's target is a bar: a one-sided target (≥55) rises to its bound, a range
(35–40) floats between its ends; the parent plan's target (the plan the others sit under,
see :func:`minzheng_plans.analysis.compare.parent_plans`) is a dashed reference line. Labels state
the
targets exactly (``≥55``), so the figure reads without the axis.

Chinese labels need a CJK font. :func:`find_cjk_font` looks for one at run time (Noto Sans
CJK from Debian's ``fonts-noto-cjk``, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei,
PingFang); without one the chart is drawn with English names and :class:`ChartResult` carries
a warning saying so, instead of boxes where the characters should be. Rendering uses the Agg
canvas through :class:`matplotlib.figure.Figure`, never pyplot's global state; SVG keeps its
text as text, so the labels can be searched and tested.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from minzheng_plans.core.errors import UsageError
from minzheng_plans.core.messages import N_

if TYPE_CHECKING:
    from minzheng_plans.analysis.compare import ComparisonRow, ComparisonTable
    from minzheng_plans.registries.catalog import Catalog

__all__ = ["CJK_FONT_NAMES", "ChartResult", "draw_comparison", "find_cjk_font"]

# Family names, best first; matched as prefixes of matplotlib's font names.
CJK_FONT_NAMES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK",
    "Noto Serif CJK SC",
    "Noto Serif CJK",
    "Source Han Sans SC",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Droid Sans Fallback",
)
# File-name fragments of the same fonts, for fonts installed after matplotlib built its cache.
_FILE_HINTS = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "simhei", "msyh", "droidsans")
_FORMATS = frozenset({".svg", ".png"})
# Said on stderr, where the command line speaks English.
NO_CJK_FONT = N_(
    "no CJK font found (install e.g. Debian's fonts-noto-cjk); labels fall back to English names"
)


@attrs.frozen
class ChartResult:
    path: Path
    font: str | None
    warning: str | None
    labels: tuple[str, ...]


def _import_matplotlib() -> None:
    try:
        import matplotlib as mpl  # noqa: PLC0415, F401 - the plot extra
    except ImportError:
        msg = "charts need the plot extra (in a checkout of minzheng-plans: pip install '.[plot]')"
        raise UsageError(msg) from None


def find_cjk_font() -> str | None:
    """The family name of an installed font that draws Chinese, or ``None``."""
    _import_matplotlib()
    from matplotlib import font_manager  # noqa: PLC0415

    def known() -> str | None:
        names = {entry.name for entry in font_manager.fontManager.ttflist}
        for wanted in CJK_FONT_NAMES:
            for name in sorted(names):
                if name.startswith(wanted):
                    return name
        return None

    found = known()
    if found is not None:
        return found
    for path in font_manager.findSystemFonts():
        flat = Path(path).name.lower().replace("-", "").replace("_", "")
        if any(hint in flat for hint in _FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return known()


def draw_comparison(
    table: ComparisonTable,
    code: str,
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    font: str | None = "auto",
) -> ChartResult:
    """Draw ``code``'s targets across the table's plans to ``path`` (``.svg`` or ``.png``).

    ``font="auto"`` looks for a CJK font; ``None`` forces the English fallback.
    """
    target = Path(path)
    if target.suffix.lower() not in _FORMATS:
        msg = f"charts are written as .svg or .png, not {target.suffix or 'no suffix'}"
        raise UsageError(msg)
    rows = _one_per_plan([row for row in table.for_code(code) if _drawable(row)])
    if not rows:
        msg = f"no plan has a numeric, comparable target for {code}"
        raise UsageError(msg)
    _import_matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415

    if catalog is None:
        from minzheng_plans.registries.catalog import default_catalog  # noqa: PLC0415

        catalog = default_catalog()
    family = find_cjk_font() if font == "auto" else font
    chinese = family is not None
    warning = None if chinese else NO_CJK_FONT
    entry = catalog.get(code)
    unit = rows[0].normalised_unit
    if chinese:
        title = f"{entry.name if entry else rows[0].indicator}"
    else:
        title = f"{entry.name_en if entry else code}"
    ylabel = unit if (chinese or unit.isascii()) else ""

    parents = {row.parent for row in table.rows if row.parent}
    references = [row for row in rows if row.plan in parents]
    bars = [row for row in rows if row.plan not in parents] or references

    def name(row: ComparisonRow) -> str:
        if chinese:
            return row.jurisdiction
        return row.jurisdiction_en or row.jurisdiction_code

    # text.parse_math off: names come from documents, and ``$\\undefinedcmd$`` must be drawn
    # as the characters it is, never parsed as maths text (which raises on bad TeX).
    rc: dict[str, Any] = {
        "svg.fonttype": "none",
        "axes.unicode_minus": False,
        "text.parse_math": False,
        "text.usetex": False,
    }
    if family is not None:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [family, "DejaVu Sans"]
    from matplotlib import rc_context  # noqa: PLC0415

    labels: list[str] = [title]
    with rc_context(rc):  # type: ignore[arg-type]
        figure = Figure(figsize=(max(4.5, 1.3 * len(bars) + 2.5), 4.2), dpi=120)
        axes = figure.add_subplot()
        top = max(_top(row) for row in rows)
        for index, row in enumerate(bars):
            low, high = row.target_low, row.target_high
            if low is not None and high is not None and low != high:
                bottom, height = float(low), float(high - low)
            else:
                bottom, height = 0.0, float(low if low is not None else high or 0)
            axes.bar(index, height, bottom=bottom, width=0.6, color="#4C72B0", alpha=0.85)
            label = f"{row.allowed} ({row.target_year})"
            axes.annotate(
                label,
                (index, bottom + height),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=9,
            )
            labels.append(label)
        for row in references:
            value = row.target_low if row.target_low is not None else row.target_high
            assert value is not None
            label = f"{name(row)} {row.allowed} ({row.target_year})"
            axes.axhline(float(value), color="#C44E52", linestyle="--", linewidth=1.5, label=label)
            labels.append(label)
        names = [name(row) for row in bars]
        labels.extend(names)
        axes.set_xticks(
            range(len(bars)), [f"{n}\n{row.period}" for n, row in zip(names, bars, strict=True)]
        )
        if references:
            axes.legend(loc="upper left", frameon=False, fontsize=9)
        axes.set_xlim(-0.6, len(bars) - 0.4)
        axes.set_ylim(0, float(top) * 1.35 if top > 0 else 1)
        axes.set_title(title)
        if ylabel:
            axes.set_ylabel(ylabel)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        figure.savefig(target, format=target.suffix.lower().lstrip("."))
    return ChartResult(target, family, warning, tuple(labels))


def _one_per_plan(rows: list[ComparisonRow]) -> list[ComparisonRow]:
    """A plan may state one indicator in its table, in prose and in a completion table: draw
    the target for the end of the plan's period, preferring a table row (``t…`` ids)."""

    def rank(row: ComparisonRow) -> tuple[bool, bool, bool]:
        end = row.period.rsplit("-", 1)[-1]
        return (
            str(row.target_year) != end,
            not row.indicator_id.startswith("t"),
            row.baseline is None,
        )

    chosen: dict[str, ComparisonRow] = {}
    for row in rows:
        best = chosen.get(row.plan)
        if best is None or rank(row) < rank(best):
            chosen[row.plan] = row
    return list(chosen.values())


def _drawable(row: ComparisonRow) -> bool:
    # Counts and totals are drawn as well only if someone asks for them by code; values
    # that did not convert to the catalog unit would mislead beside the others.
    return row.reason not in {"incompatible-units", "unknown-unit", "no-code"} and (
        row.target_low is not None or row.target_high is not None
    )


def _top(row: ComparisonRow) -> Decimal:
    values = [v for v in (row.target_low, row.target_high) if v is not None]
    return max(values) if values else Decimal(0)
