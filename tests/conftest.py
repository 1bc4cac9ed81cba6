"""Shared test helpers: the seed documents, and the hypothesis profiles.

The plugins are separate distributions; tests import them from their source folders (the
repository's root ``conftest.py`` puts those on ``sys.path``, no installation needed) and
register them with ``create_plugin_host(extra=[module])``.

Hypothesis profiles: "ci" (500 examples, derandomized) by default, "dev" for quick runs; select
with ``HYPOTHESIS_PROFILE=dev``. Deadlines are off: the machine running the suite is shared,
and a slow example is not a wrong one.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from minzheng_plans.files.document import Document

settings.register_profile(
    "ci",
    max_examples=500,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix`` (``"003"``); skip when absent."""
    if not SEEDS.is_dir():
        pytest.skip("the seed documents (../shared/seeds) are not available")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed document {prefix}_*.txt is not available")
    return matches[0]


@pytest.fixture
def seed_document() -> Callable[[str], Document]:
    """``seed_document("004")``: the seed as a Document (skips when seeds are absent)."""
    return lambda prefix: Document.from_path(seed_path(prefix))


@pytest.fixture
def all_seed_documents() -> dict[str, Document]:
    """Every seed by its three-digit prefix (skips when the seeds are absent)."""
    return {p: Document.from_path(seed_path(p)) for p in ("000", "001", "002", "003", "004")}


def seed(prefix: str) -> Path:
    """The seed document whose name starts with ``prefix``; skips when the seeds are absent."""
    return seed_path(prefix)


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages default to the environment's language; tests expect English unless they ask."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@functools.cache
def _report_validator() -> Any:
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    from minzheng_plans.files.reports import report_schema  # noqa: PLC0415

    return Draft202012Validator(report_schema())


@pytest.fixture(autouse=True)
def _reports_follow_their_schema(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every JSON report a test produces validates against data/schema/report.schema.json.

    All four reports (check, evaluation, comparison, diff) are written by
    ``files.reports.dumps_report``; wrapping it checks each one, whether a test asked for it
    through the library or the command line, and fails the test after the fact even when the
    command line swallowed the error.
    """
    from minzheng_plans.files import reports  # noqa: PLC0415

    original = reports.dumps_report
    problems: list[str] = []

    def checked(kind: reports.ReportKind, tree: Mapping[str, Any]) -> str:
        text = original(kind, tree)
        errors = list(_report_validator().iter_errors(json.loads(text)))
        problems.extend(f"{kind} report: {e.json_path}: {e.message}" for e in errors)
        if errors:
            raise AssertionError(problems[-1])
        return text

    monkeypatch.setattr(reports, "dumps_report", checked)
    yield
    assert [] == problems
