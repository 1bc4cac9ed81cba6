"""Small inline SVG charts drawn by hand: progress of one indicator, targets across plans.

Values are exact decimals; only positions are computed in floating point, and every label
shows the exact digits. Each chart has ``role="img"`` with a ``<title>`` naming what it shows,
and a ``<desc>`` stating every value in words, so a screen reader (and a printout without
colour) loses nothing. Status is drawn by colour *and* by shape (circle met, triangle on
track, square off track).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from minzheng_plans.output.html._markup import Markup, element
from minzheng_plans.output.html._page import PALETTE

__all__ = ["Bar", "Progress", "progress_chart", "targets_chart"]

_INK = PALETTE["page"][0]
_MUTED = PALETTE["muted"][0]
_BAND = "#dfe6ee"
_BAND_EDGE = PALETTE["info"][1]


def _number(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _px(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _points(*pairs: tuple[float, float]) -> str:
    return " ".join(f"{_px(x)},{_px(y)}" for x, y in pairs)


def _svg(ident: str, width: int, height: int, title: str, desc: str, *parts: Markup) -> Markup:
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    return element(
        "svg",
        element("title", title, id=title_id),
        element("desc", desc, id=desc_id),
        *parts,
        attributes={
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "role": "img",
            "aria-labelledby": f"{title_id} {desc_id}",
        },
    )


def _label(x: float, y: float, words: str, anchor: str = "start", **extra: object) -> Markup:
    return element(
        "text",
        words,
        attributes={"x": _px(x), "y": _px(y), "text-anchor": anchor, **extra},
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, dashed: bool = False) -> Markup:
    attributes: dict[str, object] = {
        "x1": _px(x1),
        "y1": _px(y1),
        "x2": _px(x2),
        "y2": _px(y2),
        "stroke": colour,
        "stroke-width": "1.5",
    }
    if dashed:
        attributes["stroke-dasharray"] = "5 4"
    return element("line", attributes=attributes)


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool = False) -> Markup:
    fill = "#ffffff" if hollow else colour
    common = {"fill": fill, "stroke": colour, "stroke-width": "2"}
    if shape == "triangle":
        points = _points((x, y - 7), (x - 6.5, y + 5), (x + 6.5, y + 5))
        return element("polygon", attributes={"points": points, **common})
    if shape == "square":
        return element(
            "rect",
            attributes={"x": _px(x - 5.5), "y": _px(y - 5.5), "width": 11, "height": 11, **common},
        )
    if shape == "diamond":
        points = _points((x, y - 7), (x + 7, y), (x, y + 7), (x - 7, y))
        return element("polygon", attributes={"points": points, **common})
    return element("circle", attributes={"cx": _px(x), "cy": _px(y), "r": 6, **common})


def _domain(values: Sequence[Decimal]) -> tuple[float, float]:
    low, high = float(min(values)), float(max(values))
    span = high - low
    pad = span * 0.12 if span else max(abs(high) * 0.1, 1.0)
    return low - pad, high + pad


# -- one indicator's progress ---------------------------------------------------------------


@attrs.frozen
class Progress:
    """What the progress chart shows, with its labels already in the report's language."""

    title: str
    status: str  # met | on-track | off-track | not-assessable
    baseline: tuple[int, Decimal] | None
    actual: tuple[int, Decimal] | None
    target_year: int | None
    low: Decimal | None
    high: Decimal | None
    target_label: str  # 目标 ≥50
    baseline_label: str  # 基期 41.5
    actual_label: str  # 实际 45.5
    expected: Decimal | None = None
    expected_label: str = ""
    path_label: str = ""


_SHAPES = {"met": "circle", "on-track": "triangle", "off-track": "square"}


def progress_chart(chart: Progress, ident: str) -> Markup | None:
    """Baseline → actual → target on years and values; ``None`` with nothing to draw.

    ``ident`` prefixes the ids of the chart's title and description (unique in the page).
    """
    if chart.target_year is None or (chart.low is None and chart.high is None):
        return None
    width, height = 560, 210
    left, right, top, bottom = 30, 150, 26, 34
    years = [chart.target_year]
    values = [v for v in (chart.low, chart.high) if v is not None]
    for point in (chart.baseline, chart.actual):
        if point is not None:
            years.append(point[0])
            values.append(point[1])
    if chart.expected is not None:
        values.append(chart.expected)
    first, last = min(years), max(years)
    if first == last:
        first -= 1
    v_low, v_high = _domain(values)

    def x(year: int) -> float:
        return left + (year - first) / (last - first) * (width - left - right)

    def y(value: Decimal | float) -> float:
        share = (float(value) - v_low) / (v_high - v_low)
        return top + (1 - share) * (height - top - bottom)

    parts: list[Markup] = []
    axis_y = height - bottom
    parts.append(_line(left, axis_y, width - right + 10, axis_y, _MUTED))
    for year in sorted(set(years)):
        parts.append(_line(x(year), axis_y, x(year), axis_y + 4, _MUTED))
        parts.append(_label(x(year), axis_y + 18, str(year), "middle"))
    # The target: a band over the allowed values; an open end runs to the chart's edge.
    tx = x(chart.target_year)
    band_top = y(chart.high) if chart.high is not None else top - 6
    band_bottom = y(chart.low) if chart.low is not None else axis_y
    parts.append(
        element(
            "rect",
            attributes={
                "x": _px(tx - 8),
                "y": _px(band_top),
                "width": 16,
                "height": _px(max(band_bottom - band_top, 3)),
                "fill": _BAND,
                "stroke": _BAND_EDGE,
                "stroke-width": "1.5",
            },
        )
    )
    if chart.high is None:  # open upwards: an arrowhead at the band's top
        points = _points((tx - 8, band_top), (tx, band_top - 9), (tx + 8, band_top))
        parts.append(element("polygon", attributes={"points": points, "fill": _BAND_EDGE}))
    if chart.low is None:  # open downwards
        points = _points((tx - 8, band_bottom), (tx, band_bottom + 9), (tx + 8, band_bottom))
        parts.append(element("polygon", attributes={"points": points, "fill": _BAND_EDGE}))
    parts.append(_label(tx + 16, (band_top + band_bottom) / 2 + 4, chart.target_label))
    if chart.baseline is not None:
        b_year, b_value = chart.baseline
        aim = chart.low if chart.low is not None and chart.low >= b_value else chart.high
        if aim is None:
            aim = chart.low
        if aim is not None:
            path = _line(x(b_year), y(b_value), tx, y(aim), _MUTED, dashed=True)
            parts.append(element("g", element("title", chart.path_label), path))
        parts.append(_marker("circle", x(b_year), y(b_value), _MUTED, hollow=True))
        parts.append(_label(x(b_year) + 4, y(b_value) - 12, chart.baseline_label))
    # Actual and expected share a year: the higher value's label goes above, the other below.
    above = chart.expected is None or chart.actual is None or chart.actual[1] >= chart.expected
    if chart.expected is not None and chart.actual is not None:
        ex, ey = x(chart.actual[0]), y(chart.expected)
        parts.append(_marker("diamond", ex, ey, _MUTED, hollow=True))
        parts.append(_label(ex + 10, ey + (20 if above else -12), chart.expected_label))
    if chart.actual is not None:
        a_year, a_value = chart.actual
        colour = PALETTE.get(chart.status, PALETTE["not-assessable"])[1]
        shape = _SHAPES.get(chart.status, "circle")
        ax, ay = x(a_year), y(a_value)
        parts.append(_marker(shape, ax, ay, colour))
        parts.append(
            _label(
                ax + 10, ay + (-12 if above else 22), chart.actual_label, **{"font-weight": "600"}
            )
        )
    desc = "; ".join(
        words
        for words in (
            chart.baseline_label if chart.baseline else "",
            chart.actual_label if chart.actual else "",
            chart.expected_label if chart.expected is not None else "",
            chart.target_label,
        )
        if words
    )
    return _svg(ident, width, height, chart.title, desc, *parts)


# -- targets across plans -------------------------------------------------------------------


@attrs.frozen
class Bar:
    """One jurisdiction's allowed values: ``None`` ends are unbounded."""

    label: str
    low: Decimal | None
    high: Decimal | None
    text: str  # ≥55, 35–40
    parent: bool = False


def targets_chart(
    bars: Sequence[Bar],
    title: str,
    ident: str,
    reference: Bar | None = None,
    reference_label: str = "",
) -> Markup | None:
    """A horizontal bar per jurisdiction over the values its target allows; the parent
    plan's bounds as dashed lines. ``None`` when no bar has a number."""
    drawn = [bar for bar in bars if bar.low is not None or bar.high is not None]
    if not drawn:
        return None
    values = [v for bar in drawn for v in (bar.low, bar.high) if v is not None]
    if reference is not None:
        values += [v for v in (reference.low, reference.high) if v is not None]
    v_low, v_high = _domain(values)
    row, left, right, top = 30, 190, 150, 34
    width = 760
    height = top + row * len(drawn) + 26
    plot_right = width - right

    def x(value: Decimal | float) -> float:
        return left + (float(value) - v_low) / (v_high - v_low) * (plot_right - left)

    parts: list[Markup] = []
    parts.append(_line(left, top - 8, left, height - 20, _MUTED))
    if reference is not None:
        parts.extend(
            _line(x(bound), top - 14, x(bound), height - 20, _INK, dashed=True)
            for bound in (reference.low, reference.high)
            if bound is not None
        )
        anchor_value = reference.low if reference.low is not None else reference.high
        assert anchor_value is not None
        parts.append(_label(x(anchor_value), top - 18, reference_label, "middle"))
    for index, bar in enumerate(drawn):
        centre = top + row * index + row / 2
        parts.append(_label(left - 10, centre + 4, bar.label, "end"))
        start = x(bar.low) if bar.low is not None else left
        end = x(bar.high) if bar.high is not None else plot_right
        colour = PALETTE["info"][1]
        if bar.low is not None and bar.high is not None and bar.low == bar.high:
            parts.append(_marker("diamond", start, centre, colour))
        else:
            parts.append(
                element(
                    "rect",
                    attributes={
                        "x": _px(start),
                        "y": _px(centre - 8),
                        "width": _px(max(end - start, 2)),
                        "height": 16,
                        "fill": colour,
                    },
                )
            )
            if bar.high is None:  # open to the right: an arrowhead at the edge
                points = _points((end, centre - 11), (end + 10, centre), (end, centre + 11))
                parts.append(element("polygon", attributes={"points": points, "fill": colour}))
            if bar.low is None:
                points = _points((start, centre - 11), (start - 10, centre), (start, centre + 11))
                parts.append(element("polygon", attributes={"points": points, "fill": colour}))
        parts.append(_label(min(end, plot_right) + 14, centre + 4, bar.text))
    desc = "; ".join(f"{bar.label}: {bar.text}" for bar in drawn)
    if reference is not None:
        desc += f"; {reference_label}: {reference.text}"
    return _svg(ident, width, height, title, desc, *parts)
