"""Helpers for testing plugins: build a host, state the loader and rule contracts in one call.

Plugin authors use these in their own test suites (see the how-to *Writing a plugin*)::

    from minzheng_plans.testing import assert_loader_contract, assert_rule_contract

    def test_loader():
        assert_loader_contract(MY_LOADER, [("plan.txt", MY_TEXT)], [("other.csv", OTHER)])

    def test_rule():
        assert_rule_contract(MY_RULE, failing_plan, passing_plan)

The helpers raise :class:`AssertionError` with a message saying which part of the contract
failed, so they work under pytest, unittest or a plain script. They use only the public API,
and they are public API themselves: their names and arguments follow the project's versioning.
"""

from __future__ import annotations

import collections
import os
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from minzheng_plans.core.findings import Finding, Severity, is_code, sort_findings
from minzheng_plans.core.messages import missing_placeholders
from minzheng_plans.core.model import (
    Attribute,
    Indicator,
    Jurisdiction,
    Level,
    Period,
    Plan,
    PlanRef,
)
from minzheng_plans.files.document import Document
from minzheng_plans.files.planfile import dumps_plan, loads_plan
from minzheng_plans.plugins.builtins import BUILTIN_PLUGINS
from minzheng_plans.plugins.context import CheckContext, LoadContext
from minzheng_plans.plugins.guard import DEFAULT_BUDGET_SECONDS
from minzheng_plans.plugins.hookspecs import Loader, LoadResult, Rule, declared_codes, hookimpl
from minzheng_plans.plugins.host import PluginHost, create_plugin_host
from minzheng_plans.reading.loading import sniff_document

__all__ = [
    "DocumentLike",
    "PlanLike",
    "as_document",
    "as_plan",
    "assert_codes",
    "assert_loader_contract",
    "assert_rule_contract",
    "make_host",
    "make_indicator",
    "make_load_context",
    "make_plan",
    "run_rule",
]

#: A document given to a helper: a :class:`Document`, a path, or ``(name, text or bytes)``.
DocumentLike = Document | str | os.PathLike[str] | tuple[str, str | bytes]
#: A plan given to a helper: a :class:`Plan` or the text of a TOML plan file.
PlanLike = Plan | str

# Documents every sniff must survive: nothing, binary noise, text of no known layout.
_ODD_DOCUMENTS = (
    Document.from_bytes("empty", b""),
    Document.from_bytes("noise.bin", bytes(range(256))),
    Document.from_text("notes.txt", "这是一段与规划无关的文字。\nplain text, no table\n"),
)


def as_document(item: DocumentLike) -> Document:
    """A :class:`Document` from a document, a path, or a ``(name, text or bytes)`` pair."""
    if isinstance(item, Document):
        return item
    if isinstance(item, tuple):
        name, content = item
        if isinstance(content, bytes):
            return Document.from_bytes(name, content)
        return Document.from_text(name, content)
    return Document.from_path(Path(item))


def as_plan(item: PlanLike) -> Plan:
    """A :class:`Plan` from a plan or from the text of a TOML plan file."""
    return item if isinstance(item, Plan) else loads_plan(item, path="<test plan>")


def make_host(
    *plugins: object,
    builtins: bool = True,
    strict: bool = True,
    budget: float | None = DEFAULT_BUDGET_SECONDS,
) -> PluginHost:
    """A plugin host with ``plugins`` and (unless ``builtins=False``) the built-ins only.

    A plugin is a module or object with hook implementations, or a bare :class:`Loader` or
    :class:`Rule` (wrapped into one plugin named ``testing``). Installed entry points are left
    out, so tests do not depend on what else is installed. With ``strict`` (the default) a
    plugin that fails to register raises :class:`AssertionError` with the host's finding.
    """
    loaders = [p for p in plugins if isinstance(p, Loader)]
    rules = [p for p in plugins if isinstance(p, Rule)]
    extra = [p for p in plugins if not isinstance(p, Loader | Rule)]
    if loaders or rules:
        extra.append(_bare_plugin(loaders, rules))
    host = create_plugin_host(
        entry_points=False,
        extra=extra,
        disabled=() if builtins else BUILTIN_PLUGINS,
        budget=budget,
    )
    refused = [f for f in host.findings if f.code in {"MZ001", "MZ002"}]
    if strict and refused:
        raise AssertionError("plugin not registered: " + "; ".join(f.text for f in refused))
    return host


def make_load_context(*plugins: object, builtins: bool = True) -> LoadContext:
    """The :class:`LoadContext` a loader receives in a run, over :func:`make_host`.

    For calling a loader's ``sniff`` or ``load`` directly in a test: the context gives the
    built-in units, catalog and jurisdictions, plus what ``plugins`` contribute.
    """
    return make_host(*plugins, builtins=builtins).load_context()


def _bare_plugin(loaders: list[Loader], rules: list[Rule]) -> object:
    namespace: dict[str, Any] = {"__name__": "testing"}
    if loaders:
        namespace["register_loaders"] = hookimpl(lambda: list(loaders))
    if rules:
        namespace["register_rules"] = hookimpl(lambda: list(rules))
    return types.SimpleNamespace(**namespace)


def assert_loader_contract(
    loader: Loader,
    own_documents: Iterable[DocumentLike],
    other_documents: Iterable[DocumentLike] = (),
    *,
    host: PluginHost | None = None,
) -> list[LoadResult]:
    """Check ``loader`` against the loader contract; return its results for ``own_documents``.

    The contract: ``sniff`` returns a number in [0, 1] for any document (empty, binary,
    unrelated text) without raising, the same number each time; each own document is claimed
    (confidence above 0) and *selected* among the loaders of ``host`` (default: the built-ins
    plus ``loader``), with no tie; ``load`` returns a :class:`LoadResult` whose findings are
    :class:`Finding` objects and whose plan survives a round trip through a TOML plan file;
    each other document gets a lower confidence than every own document.
    """
    own = [as_document(item) for item in own_documents]
    if not own:
        msg = "assert_loader_contract needs at least one document the loader reads"
        raise AssertionError(msg)
    if not loader.name or any(ch.isspace() for ch in loader.name) or not loader.description:
        msg = f"loader name {loader.name!r} must be non-empty, without spaces, with a description"
        raise AssertionError(msg)
    host = host or make_host(loader)
    context = host.load_context()
    for document in _ODD_DOCUMENTS:
        _confidence(loader, document, context)
    confidences = []
    results = []
    for document in own:
        confidence = _confidence(loader, document, context)
        if confidence <= 0:
            msg = f"{loader.name} does not claim its own document {document.name} (confidence 0)"
            raise AssertionError(msg)
        confidences.append(confidence)
        _assert_selected(loader, document, host)
        results.append(_assert_loads(loader, document, context))
    for document in (as_document(item) for item in other_documents):
        confidence = _confidence(loader, document, context)
        if confidence >= min(confidences):
            msg = (
                f"{loader.name} claims the other document {document.name} with {confidence}, "
                f"not less than the {min(confidences)} it gives its own documents"
            )
            raise AssertionError(msg)
    return results


def _confidence(loader: Loader, document: Document, context: LoadContext) -> float:
    try:
        first = loader.sniff(document, context)
        second = loader.sniff(document, context)
    except Exception as err:
        msg = f"{loader.name}.sniff raised {type(err).__name__} on {document.name}: {err}"
        raise AssertionError(msg) from err
    if isinstance(first, bool) or not isinstance(first, int | float) or not 0 <= first <= 1:
        msg = f"{loader.name}.sniff returned {first!r} for {document.name}, not a number in [0, 1]"
        raise AssertionError(msg)
    if first != second:
        msg = f"{loader.name}.sniff gave {first} then {second} for {document.name}"
        raise AssertionError(msg)
    return float(first)


def _assert_selected(loader: Loader, document: Document, host: PluginHost) -> None:
    findings: list[Finding] = []
    ranked = sniff_document(document, host, findings)
    listing = ", ".join(f"{c.loader} {c.confidence:.2f}" for c in ranked)
    top = ranked[0] if ranked else None
    tied = len(ranked) > 1 and ranked[0].confidence == ranked[1].confidence
    if top is None or top.loader != loader.name or tied:
        msg = f"{loader.name} is not selected for {document.name} (confidences: {listing})"
        raise AssertionError(msg)


def _assert_loads(loader: Loader, document: Document, context: LoadContext) -> LoadResult:
    result = loader.load(document, context)
    if not isinstance(result, LoadResult):
        msg = f"{loader.name}.load returned {type(result).__name__}, not a LoadResult"
        raise AssertionError(msg)  # noqa: TRY004 - a failed assertion, not a caller's bad type
    wrong = [f for f in result.findings if not isinstance(f, Finding)]
    if wrong:
        msg = f"{loader.name}.load returned findings that are not Finding objects: {wrong!r}"
        raise AssertionError(msg)
    for finding in result.findings:
        _render(finding, loader.name)
    try:
        again = loads_plan(dumps_plan(result.plan), path="<round trip>")
    except Exception as err:
        msg = f"the plan {loader.name} read from {document.name} is not a valid plan file: {err}"
        raise AssertionError(msg) from err
    if again != result.plan:
        msg = f"the plan {loader.name} read from {document.name} changes when written and read"
        raise AssertionError(msg)
    return result


def _render(finding: Finding, who: str) -> None:
    # Filling never raises (``{name}`` only); a placeholder left unfilled is the bug.
    missing = missing_placeholders(finding.message, dict(finding.args))
    if missing:
        msg = f"{who} produced {finding.code} whose message lacks an argument: {missing[0]!r}"
        raise AssertionError(msg)


def run_rule(
    rule: Rule,
    plans: PlanLike | Sequence[PlanLike],
    *,
    host: PluginHost | None = None,
    bundled: Sequence[Plan] = (),
) -> list[Finding]:
    """The findings ``rule`` gives for ``plans`` (one plan, or several for a plan-set rule).

    The rule is called directly, per plan or once with every plan as its scope says, with a
    :class:`~minzheng_plans.plugins.context.CheckContext` over ``host`` (default: the built-ins, so
    units and the catalog are there) bound to the rule, as in a run. Unlike a real run, an
    exception is not turned into an MZ005 finding: it fails the test as an
    :class:`AssertionError` chained to the original, so its traceback is shown; neither is a
    code the rule does not declare turned into MZ008 (:func:`assert_rule_contract` checks
    that). Suppressions and ``--select`` are not applied.
    """
    items = [plans] if isinstance(plans, Plan | str) else list(plans)
    subjects = [as_plan(item) for item in items]
    context = CheckContext(host or make_host(rule), subjects, bundled).for_rule(rule)
    calls: list[tuple[object, str | None]] = (
        [(plan, plan.id) for plan in subjects] if rule.scope == "plan" else [(subjects, None)]
    )
    found: list[Finding] = []
    for subject, plan_id in calls:
        try:
            produced = list(rule.check(subject, context))
        except Exception as err:
            msg = f"rule {rule.code} ({rule.name}) raised {type(err).__name__}: {err}"
            raise AssertionError(msg) from err
        for item in produced:
            if not isinstance(item, Finding):
                msg = f"rule {rule.code} yielded {type(item).__name__}, not a Finding"
                raise AssertionError(msg)  # noqa: TRY004 - a failed assertion
            found.append(item if item.plan or plan_id is None else attrs.evolve(item, plan=plan_id))
    return sort_findings(found)


def assert_rule_contract(
    rule: Rule,
    failing: PlanLike | Sequence[PlanLike],
    passing: PlanLike | Sequence[PlanLike],
    *,
    code_prefix: str | None = None,
    host: PluginHost | None = None,
) -> list[Finding]:
    """Check ``rule`` against the rule contract; return its findings for ``failing``.

    The contract: a code ``MZ`` + three digits (starting with ``code_prefix`` if given, e.g.
    ``"MZ9"`` for third-party rules), a name, a :class:`Severity`, a summary and a scope; at
    least one finding for ``failing``, every one with the rule's code and a message whose
    placeholders are all filled; none for ``passing``; no raising. A rule that declares
    several ``codes`` may give any of them (the runner drops any other, as MZ008).
    """
    _assert_declaration(rule, code_prefix)
    found = run_rule(rule, failing, host=host)
    if not found:
        msg = f"rule {rule.code} ({rule.name}) found nothing in the failing case"
        raise AssertionError(msg)
    declared = declared_codes(rule)
    foreign = sorted({f.code for f in found if f.code not in declared})
    if foreign:
        msg = (
            f"rule {rule.code} produced findings with codes it does not declare: "
            f"{', '.join(foreign)} (declared: {', '.join(declared)})"
        )
        raise AssertionError(msg)
    for finding in found:
        _render(finding, f"rule {rule.code}")
    clean = run_rule(rule, passing, host=host)
    if clean:
        texts = "; ".join(str(f) for f in clean)
        msg = f"rule {rule.code} ({rule.name}) flags the passing case: {texts}"
        raise AssertionError(msg)
    return found


def _assert_declaration(rule: Rule, code_prefix: str | None) -> None:
    problems = []
    code = str(rule.code)
    for each in declared_codes(rule):
        if not is_code(each):
            problems.append(f"code {each!r} is not MZ and three digits")
        if code_prefix is not None and not each.startswith(code_prefix):
            problems.append(f"code {each!r} does not start with {code_prefix!r}")
    if not rule.name or any(ch.isspace() for ch in rule.name):
        problems.append(f"name {rule.name!r} must be non-empty, without spaces")
    if not isinstance(rule.severity, Severity):
        problems.append(f"severity {rule.severity!r} is not a Severity")
    if not rule.summary:
        problems.append("summary is empty")
    if rule.scope not in {"plan", "plans"}:
        problems.append(f"scope {rule.scope!r} is neither 'plan' nor 'plans'")
    if problems:
        raise AssertionError(f"rule {code}: " + "; ".join(problems))


def assert_codes(findings: Iterable[Finding], expected: Iterable[str]) -> None:
    """The findings carry exactly the ``expected`` codes, each as many times, in any order."""
    got = collections.Counter(f.code for f in findings)
    want = collections.Counter(expected)
    if got != want:
        missing = sorted((want - got).elements())
        extra = sorted((got - want).elements())
        msg = f"finding codes differ: missing {missing}, unexpected {extra}"
        raise AssertionError(msg)


def make_indicator(
    name: str,
    unit: str = "",
    *,
    target: str | None = None,
    baseline: str | None = None,
    target_year: int = 2025,
    baseline_year: int = 2020,
    attribute: Attribute | str | None = None,
    id: str = "t1.1",  # noqa: A002 - the plan-file field is called id
    code: str | None = None,
) -> Indicator:
    """An indicator with values written as in a document: ``target="≥55"``, ``"35-40"``.

    Values are read by :func:`minzheng_plans.core.values.parse_value`, so a test states them the
    way plans write them.
    """
    from minzheng_plans.core.values import parse_value  # noqa: PLC0415 - only when used

    parsed_target = parse_value(target).to_target(target_year) if target is not None else None
    parsed_baseline = (
        parse_value(baseline).to_observation(baseline_year) if baseline is not None else None
    )
    return Indicator(
        id=id,
        name=name,
        unit=unit,
        code=code,
        attribute=Attribute(attribute) if attribute is not None else None,
        baseline=parsed_baseline,
        target=parsed_target,
    )


def make_plan(
    *indicators: Indicator,
    code: str = "990199",
    name: str = "测试县",
    level: Level | str = Level.COUNTY,
    period: tuple[int, int] = (2021, 2025),
    title: str | None = None,
    based_on: Sequence[str | tuple[str, str]] = (),
) -> Plan:
    """A small plan around ``indicators``; ids are numbered ``t1.1``, ``t1.2``… if they repeat.

    ``based_on`` takes plan ids (``"000000-2021-2025"``) or ``(title, id)`` pairs.
    """
    start, end = period
    seen: set[str] = set()
    numbered = []
    for position, indicator in enumerate(indicators, start=1):
        item = indicator
        if item.id in seen:
            item = attrs.evolve(item, id=f"t1.{position}")
        seen.add(item.id)
        numbered.append(item)
    refs = tuple(
        PlanRef(ref, ref) if isinstance(ref, str) else PlanRef(ref[0], ref[1]) for ref in based_on
    )
    return Plan(
        id=f"{code}-{start}-{end}",
        title=title or f"{name}民政事业发展规划（测试）",
        jurisdiction=Jurisdiction(code, name, Level(level)),
        period=Period(start, end),
        based_on=refs,
        indicators=tuple(numbered),
    )
