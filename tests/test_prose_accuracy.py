"""Prose accuracy on the corpus (built-in loaders only) and on the seeds (their plugins)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.text.metadata import read_metadata
from tests.conftest import seed_path
from tests.layouts import _score_prose as score

ROOT = Path(__file__).resolve().parents[1]


def _ratio(scores: list[score.DocumentScore], attribute: str) -> float:
    expected = sum(s.expected for s in scores)
    return sum(getattr(s, attribute) for s in scores) / expected


@pytest.fixture(name="corpus", scope="module")
def _corpus() -> list[score.DocumentScore]:
    return score.score_corpus()


@pytest.fixture(name="seeds_dir", scope="module")
def _seeds_dir() -> Path:
    return seed_path("000").parent


@pytest.fixture(name="seed_scores", scope="module")
def _seed_scores(seeds_dir: Path) -> list[score.DocumentScore]:
    return score.score_seeds(seeds_dir)


def test_corpus_has_the_phrasings_the_issue_names():
    """At least six corpus documents, each with hand-written prose expectations."""
    assert len(score.corpus_documents()) >= 6


def test_corpus_recall_and_exactness(corpus):
    """At least 85 % of the corpus's prose targets found and 75 % exactly right."""
    found, exact = _ratio(corpus, "found"), _ratio(corpus, "exact")
    misses = [m for s in corpus for m in (*s.missing, *s.inexact)]
    assert found >= 0.85, misses
    assert exact >= 0.75, misses


def test_seed_recall_and_exactness(seed_scores):
    """At least 95 % of the seeds' prose targets found and 90 % exactly right."""
    found, exact = _ratio(seed_scores, "found"), _ratio(seed_scores, "exact")
    misses = [m for s in seed_scores for m in (*s.missing, *s.inexact)]
    assert found >= 0.95, misses
    assert exact >= 0.90, misses


@pytest.mark.parametrize(
    ("document", "expectation"),
    score.corpus_documents(),
    ids=[d.stem for d, _ in score.corpus_documents()],
)
def test_corpus_metadata(document, expectation):
    """Every corpus document loads (never refused) with the metadata written by hand."""
    meta, _ = score.read_expectations(expectation)
    text = document.read_text(encoding="utf-8")
    host = create_plugin_host(entry_points=False)
    plan = load_document(Document.from_text(document.name, text), host).plan
    assert [] == score.metadata_misses(meta, plan)
    read = read_metadata(text)
    if "addressees" in meta:
        assert tuple(meta["addressees"]) == read.addressees
    if "published" in meta:
        assert meta["published"] == read.published.isoformat()


def test_docs_table_is_current(seeds_dir):
    """docs/loaders/prose-accuracy.md shows the accuracy measured now."""
    assert seeds_dir.is_dir()
    script = ROOT / "scripts" / "prose_accuracy.py"
    spec = importlib.util.spec_from_file_location("prose_accuracy", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["prose_accuracy"] = module
    spec.loader.exec_module(module)
    page = module.PAGE.read_text(encoding="utf-8")
    assert module.render(page) == page, "stale: run python scripts/prose_accuracy.py"
