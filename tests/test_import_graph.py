"""The import-graph directive of docs/architecture.md draws the code's own imports."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(name="graph", scope="module")
def _graph():
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        import importgraph  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    return importgraph


def test_rows_are_the_layers_of_the_contract(graph):
    """The rows come from pyproject.toml's layers contract, highest first."""
    rows = graph.layer_rows()
    assert ["cli"] == rows[0]
    assert ["core"] == rows[-1]
    assert ["text", "units", "registries"] in rows


def test_only_the_contracts_exception_crosses_a_row(graph):
    """Every import between layer packages goes down, but the one text → registries
    annotation the contract lets through; none goes up."""
    rows = graph.layer_rows()
    grouped = {name for names in rows for name in names}
    _modules, imports = graph.read_imports()
    counts = graph.import_counts(imports, grouped)
    sideways = sorted(pair for pair in counts if graph.direction(rows, *pair) != "down")
    assert [("text", "registries")] == sideways
    assert counts[("cli", "output")] > 0


def test_the_reduction_keeps_the_order_and_drops_implied_arrows(graph):
    """A→B→C with A→C too: A→C is implied and dropped; an arrow across a row is kept."""
    rows = [["a"], ["b", "x"], ["c"]]
    counts = Counter({("a", "b"): 2, ("b", "c"): 1, ("a", "c"): 5, ("b", "x"): 1})
    assert {("a", "b"), ("b", "c"), ("b", "x")} == graph.essential(rows, counts)


def test_the_svg_has_a_box_per_package_and_an_arrow_per_essential_import(graph):
    """Well-formed SVG: one labelled box per layer package, one titled path per arrow."""
    tree = ET.fromstring(graph.import_graph_svg())  # noqa: S314 - our own drawing
    labels = [text.text for text in tree.iter(f"{SVG}text")]
    rows = graph.layer_rows()
    assert sorted(f"{name}/" for names in rows for name in names) == sorted(
        label.split(" ")[0] for label in labels
    )
    # The arrowhead markers are paths too, without a title.
    titled = [path.find(f"{SVG}title") for path in tree.iter(f"{SVG}path")]
    arrows = [title.text for title in titled if title is not None]
    assert all(" imports " in title for title in arrows)
    assert any(title.startswith("text imports registries") for title in arrows)
    assert all(title.endswith(("(down)", "(across)")) for title in arrows)
