"""An ``import-graph`` directive: the layers of ``src/minzheng_plans`` and every import between
them, drawn at build time as an inline SVG.

The imports come from the code itself, read by grimp (import-linter's graph library, the
``docs`` extra), ``TYPE_CHECKING`` imports included, as the import contract counts them. The
rows are the ``layers`` contract of ``pyproject.toml``, highest first; the top-level modules
(``testing``, ``schema``, the entry point), which build on every layer, are left out. An arrow
goes from the importing package to the imported one, thicker for more imports; grey goes down
the layers, as the contract wants, orange between packages of one row and red upwards. No
Graphviz, no script, no network: the SVG is written here, and hovering a box or an arrow shows
its modules or its import count.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

PACKAGE = "minzheng_plans"
PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
TOP = "(top level)"

_WIDTH = 920
_ROW = 84
_BOX_HEIGHT = 34
_MARGIN = 24
_COLOURS = {"down": "#7a7a7a", "across": "#d17a00", "up": "#c0392b"}


def layer_rows(pyproject: Path = PYPROJECT) -> list[list[str]]:
    """The packages of each layer, highest first, from the ``layers`` import contract."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c.get("type") == "layers"]
    return [
        [name.strip().removeprefix(f"{PACKAGE}.") for name in layer.split("|")]
        for layer in contract["layers"]
    ]


def group_of(module: str, grouped: set[str]) -> str:
    """The box a module is drawn in: its layer package, else ``TOP`` (not drawn)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in grouped else TOP


def import_counts(
    imports: Iterable[tuple[str, str]], grouped: set[str]
) -> Counter[tuple[str, str]]:
    """How many module imports go from each box to each other box."""
    counts: Counter[tuple[str, str]] = Counter()
    for importer, imported in imports:
        source, target = group_of(importer, grouped), group_of(imported, grouped)
        if source != target and TOP not in (source, target):
            counts[(source, target)] += 1
    return counts


def read_imports() -> tuple[list[str], list[tuple[str, str]]]:
    """Every module of the package and every direct import between two of them."""
    import grimp  # noqa: PLC0415 - only when the page is built

    graph = grimp.build_graph(PACKAGE, cache_dir=None)
    modules = sorted(graph.modules)
    imports = [
        (module, imported)
        for module in modules
        for imported in sorted(graph.find_modules_directly_imported_by(module))
    ]
    return modules, imports


def essential(
    rows: Sequence[Sequence[str]], counts: Counter[tuple[str, str]]
) -> set[tuple[str, str]]:
    """The imports no longer path implies (a transitive reduction), and every one that does
    not go down the layers, which is always worth seeing."""
    targets: dict[str, set[str]] = {}
    for source, target in counts:
        targets.setdefault(source, set()).add(target)

    def reachable(start: str, skip: tuple[str, str]) -> set[str]:
        seen: set[str] = set()
        stack = [t for t in targets.get(start, ()) if (start, t) != skip]
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(targets.get(node, ()))
        return seen

    return {
        pair
        for pair in counts
        if direction(rows, *pair) != "down" or pair[1] not in reachable(pair[0], pair)
    }


def direction(rows: Sequence[Sequence[str]], source: str, target: str) -> str:
    """``down`` (allowed), ``across`` (one row) or ``up`` (against the layers)."""
    row = {name: index for index, names in enumerate(rows) for name in names}
    if row[target] > row[source]:
        return "down"
    return "across" if row[target] == row[source] else "up"


def render_svg(
    rows: Sequence[Sequence[str]],
    counts: Counter[tuple[str, str]],
    members: dict[str, list[str]],
) -> str:
    """The boxes, row by row, and one arrow per pair of boxes that import each other."""
    centres: dict[str, tuple[float, float, float]] = {}
    for index, names in enumerate(rows):
        slot = (_WIDTH - 2 * _MARGIN) / len(names)
        width = min(170.0, slot - 16)
        y = _MARGIN + index * _ROW
        for position, name in enumerate(names):
            centres[name] = (_MARGIN + slot * (position + 0.5), y, width)
    height = _MARGIN * 2 + (len(rows) - 1) * _ROW + _BOX_HEIGHT
    most = max(counts.values(), default=1)
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="import-graph-title" '
        f'font-family="sans-serif" font-size="13">'
    )
    title = (
        '<title id="import-graph-title">The layers of minzheng_plans and the imports '
        "between them</title>"
    )
    parts = [
        opening,
        title,
        "<defs>",
        *(
            f'<marker id="arrow-{kind}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
            f'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{colour}"/>'
            "</marker>"
            for kind, colour in _COLOURS.items()
        ),
        "</defs>",
    ]
    row_of = {name: index for index, names in enumerate(rows) for name in names}
    # Where each arrow leaves and enters a box: spread along its edge, in a stable order, so
    # that arrows between the same rows do not lie on one another.
    drawn = essential(rows, counts)
    leaving = _spread(drawn, centres, key=0)
    entering = _spread(drawn, centres, key=1)
    for number, (source, target) in enumerate(sorted(drawn)):
        count = counts[(source, target)]
        kind = direction(rows, source, target)
        x1, y1, _w = centres[source]
        x2, y2, _w = centres[target]
        x1, x2 = leaving[(source, target)], entering[(source, target)]
        span = abs(row_of[target] - row_of[source])
        if kind == "across":
            # Over the row, from the top of one box to the top of the other.
            lift = 26.0 + 12 * abs(x2 - x1) / _WIDTH
            path = (
                f"M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 - lift:.1f} "
                f"{x2:.1f},{y2 - lift:.1f} {x2:.1f},{y2:.1f}"
            )
        else:
            start_y, end_y = (y1 + _BOX_HEIGHT, y2) if kind == "down" else (y1, y2 + _BOX_HEIGHT)
            sign = 1 if kind == "down" else -1
            bend = max(abs(end_y - start_y) / 2.5, 24.0)
            # An arrow past rows in between bows out sideways, so that it does not run behind
            # the boxes it passes: further for longer arrows, alternately left and right.
            side = (-1 if number % 2 else 1) if span > 1 else 0
            bow = side * (70 + 28 * span)
            path = (
                f"M{x1:.1f},{start_y:.1f} C{x1 + bow:.1f},{start_y + sign * bend:.1f} "
                f"{x2 + bow:.1f},{end_y - sign * bend:.1f} {x2:.1f},{end_y:.1f}"
            )
        stroke = 0.8 + 2.2 * math.log1p(count) / math.log1p(most)
        plural = "s" if count != 1 else ""
        parts.append(
            f'<path d="{path}" fill="none" stroke="{_COLOURS[kind]}" stroke-opacity="0.6" '
            f'stroke-width="{stroke:.2f}" marker-end="url(#arrow-{kind})">'
            f"<title>{escape(source)} imports {escape(target)}: {count} import{plural} "
            f"({kind})</title></path>"
        )
    for name, (x, y, width) in centres.items():
        modules = members.get(name, [])
        imported = sorted((t, n) for (f, t), n in counts.items() if f == name)
        uses = "; imports " + ", ".join(f"{t} ({n})" for t, n in imported) if imported else ""
        tooltip = f"{name}: {len(modules)} modules ({', '.join(modules)}){uses}"
        parts.append(
            f"<g><title>{escape(tooltip)}</title>"
            f'<rect x="{x - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" '
            f'height="{_BOX_HEIGHT}" rx="5" fill="#ffffff" stroke="#34495e"/>'
            f'<text x="{x:.1f}" y="{y + _BOX_HEIGHT / 2 + 4.5:.1f}" text-anchor="middle">'
            f"{escape(name)}/ ({len(modules)})</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _spread(
    counts: Iterable[tuple[str, str]],
    centres: dict[str, tuple[float, float, float]],
    key: int,
) -> dict[tuple[str, str], float]:
    """The x at which each arrow leaves (``key=0``) or enters (``key=1``) its box."""
    by_box: dict[str, list[tuple[str, str]]] = {}
    for pair in counts:
        by_box.setdefault(pair[key], []).append(pair)
    found: dict[tuple[str, str], float] = {}
    for box, pairs in by_box.items():
        x, _y, width = centres[box]
        # Ordered by where the other end is, so that arrows do not cross at the box.
        pairs.sort(key=lambda pair: centres[pair[1 - key]][0])
        usable = width * 0.7
        for index, pair in enumerate(pairs):
            offset = 0.0 if len(pairs) == 1 else usable * (index / (len(pairs) - 1) - 0.5)
            found[pair] = x + offset
    return found


def import_graph_svg() -> str:
    """The whole drawing, from the code as it is now."""
    rows = layer_rows()
    grouped = {name for names in rows for name in names}
    modules, imports = read_imports()
    members: dict[str, list[str]] = {}
    for module in modules:
        group = group_of(module, grouped)
        if group in grouped:
            members.setdefault(group, []).append(module.removeprefix(f"{PACKAGE}."))
    return render_svg(rows, import_counts(imports, grouped), members)


class ImportGraph(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(PYPROJECT))
        figure = nodes.container(classes=["import-graph"])
        figure += nodes.raw("", import_graph_svg(), format="html")
        return [figure]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("import-graph", ImportGraph)
    return {"parallel_read_safe": True}
