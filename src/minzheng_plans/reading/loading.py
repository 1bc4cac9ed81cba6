"""Turning a document into a plan: every loader sniffs, the most confident one loads."""

from __future__ import annotations

import math
from pathlib import Path

import attrs

from minzheng_plans.core.errors import DocumentError, MinzhengError, UsageError
from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.messages import N_, Message
from minzheng_plans.files.converter import MAX_TEXT_LENGTH
from minzheng_plans.files.document import DEFAULT_MAX_BYTES, Document, Format
from minzheng_plans.files.fitting import Cut, fit_findings, fit_plan
from minzheng_plans.files.planfile import DEFAULT_MAX_INDICATORS
from minzheng_plans.plugins.builtins import PLAN_FILE_LOADERS
from minzheng_plans.plugins.guard import guarded
from minzheng_plans.plugins.hookspecs import LoadResult
from minzheng_plans.plugins.host import LoaderInfo, PluginHost
from minzheng_plans.text.once import normalised_once

__all__ = ["Candidate", "load_document", "load_path", "sniff_document"]

# Why no loader reads a document (message ids: an MZ101 shows them in the report's language).
NO_LOADER = N_(
    "no loader recognises this document (confidences: {confidences}); pass --loader NAME to "
    "force one"
)
NOT_TEXT = N_(
    "no loader recognises this document (confidences: {confidences}); it is not text in UTF-8, "
    "UTF-16 (with a byte-order mark) or GB18030/GBK; save it in one of these encodings"
)
TIED_LOADERS = N_(
    "loaders {first} and {second} claim this document equally (confidences: {confidences}); "
    "pass --loader NAME to choose"
)


@attrs.frozen
class Candidate:
    """A loader's confidence for one document."""

    loader: str
    confidence: float


def sniff_document(
    document: Document, host: PluginHost, findings: list[Finding]
) -> list[Candidate]:
    """Every loader's confidence, most confident first (ties by name, for determinism).

    A document that declares the plan-file schema (``schema = "minzheng-plans/1"``) is a plan
    file: the built-in plan-file loaders answer first, and when one is certain no other loader
    is asked. The format is the library's own, and a national check is spared thousands of
    sniffs by every installed loader.
    """
    infos = host.loaders()
    own = [i for i in infos if i.plugin.builtin and i.name in PLAN_FILE_LOADERS]
    candidates = []
    for info in own:
        confidence = _sniff(info, document, host, findings)
        if confidence == 1.0:
            return [Candidate(info.name, confidence)]
        if confidence is not None:
            candidates.append(Candidate(info.name, confidence))
    for info in infos:
        if info in own:
            continue
        confidence = _sniff(info, document, host, findings)
        if confidence is not None:
            candidates.append(Candidate(info.name, confidence))
    return sorted(candidates, key=lambda c: (-c.confidence, c.loader))


def _sniff(
    info: LoaderInfo, document: Document, host: PluginHost, findings: list[Finding]
) -> float | None:
    reported = len(findings)
    result = guarded(
        lambda: info.loader.sniff(document, host.load_context()),
        findings,
        code="MZ004",
        plugin=info.plugin.name,
        what=f"{info.name}.sniff",
        budget=host.budget,
        args={"loader": info.name},
    )
    if result is None and len(findings) > reported:
        return None  # the failure is reported already
    # NaN passes every type check but compares false with everything, so it would scramble
    # the ranking of the other loaders.
    # Out of range is refused, not clamped: 2.0 would otherwise win every tie-break as 1.0.
    if (
        isinstance(result, bool)
        or not isinstance(result, int | float)
        or math.isnan(result)
        or not 0.0 <= result <= 1.0
    ):
        host.report_wrong_type(info.plugin, f"{info.name}.sniff", "a number in [0, 1]", result)
        return None
    return float(result)


def load_document(
    document: Document,
    host: PluginHost,
    *,
    loader: str | None = None,
) -> LoadResult:
    """Load ``document`` with ``loader`` or the most confident loader.

    Raises :class:`DocumentError` when no loader claims the document, or two claim it equally,
    listing the candidates and their confidences; :class:`UsageError` for an unknown
    ``loader``. Plugin failures come back as findings in the result.
    """
    # The sniffers and the loader of one document share one normalisation of its text.
    with normalised_once():
        return _load_document(document, host, loader)


def _load_document(document: Document, host: PluginHost, loader: str | None) -> LoadResult:
    findings: list[Finding] = []
    try:
        return _load(document, host, loader, findings)
    except MinzhengError as err:
        # What the plugins did wrong before the failure (a sniff past its budget) is kept.
        err.findings = (*err.findings, *findings)
        raise


def _load(
    document: Document, host: PluginHost, loader: str | None, findings: list[Finding]
) -> LoadResult:
    by_name = {info.name: info for info in host.loaders()}
    if loader is not None:
        if loader not in by_name:
            from rapidfuzz import process  # noqa: PLC0415 - only on the error path

            near = [name for name, _score, _i in process.extract(loader, list(by_name), limit=3)]
            msg = f"no loader named {loader!r}; nearest: {', '.join(near) or 'none installed'}"
            raise UsageError(msg)
        chosen = by_name[loader]
    else:
        candidates = sniff_document(document, host, findings)
        listing = ", ".join(f"{c.loader} {c.confidence:.2f}" for c in candidates) or "none"
        claimed = [c for c in candidates if c.confidence > 0]
        if not claimed:
            # Binary by nature (by content: a PDF, a DOCX): not being text is no encoding
            # problem for those; otherwise say why before suggesting --loader: no text loader
            # can read undecoded bytes.
            undecoded = document.text is None and document.format is Format.BINARY
            message = Message(NOT_TEXT if undecoded else NO_LOADER, {"confidences": listing})
            raise DocumentError(message.text, path=document.name, message=message)
        if len(claimed) > 1 and claimed[0].confidence == claimed[1].confidence:
            message = Message(
                TIED_LOADERS,
                {"first": claimed[0].loader, "second": claimed[1].loader, "confidences": listing},
            )
            raise DocumentError(message.text, path=document.name, message=message)
        chosen = by_name[claimed[0].loader]
    result = guarded(
        lambda: chosen.loader.load(document, host.load_context()),
        findings,
        code="MZ004",
        plugin=chosen.plugin.name,
        what=f"{chosen.name}.load",
        budget=host.budget,
        # A loader's typed errors say the input is bad: the caller reports them.
        passthrough=(MinzhengError,),
        args={"loader": chosen.name},
    )
    if result is None:
        msg = f"loader {chosen.name} failed: {findings[-1].text if findings else 'no result'}"
        raise DocumentError(msg, path=document.name)
    if not isinstance(result, LoadResult):
        msg = f"loader {chosen.name} returned {type(result).__name__}, not a LoadResult"
        raise DocumentError(msg, path=document.name)
    if len(result.plan.indicators) > DEFAULT_MAX_INDICATORS:
        # Cutting the list would leave the findings of the rest unreported, and the run
        # could pass: a plan a plan file cannot hold is refused, saying so.
        msg = (
            f"loader {chosen.name} read {len(result.plan.indicators)} indicators, more than "
            f"a plan holds ({DEFAULT_MAX_INDICATORS}); split the document into several plans"
        )
        raise DocumentError(msg, path=document.name)
    cuts: list[Cut]
    if _fits_already(chosen, document):
        plan, cuts = result.plan, []
    else:
        plan, cuts = fit_plan(result.plan)
    # The findings of this load are stored with the plan by ``load``: fitted too.
    extra, more = fit_findings([*findings, *result.findings])
    cuts.extend(more)
    fitted = [
        make_finding(
            "MZ526",
            Severity.WARNING,
            CUT_TO_FIT,
            plan=plan.id,
            file=Path(document.name).name,
            key=cut.key,
            found=cut.found,
            kept=cut.kept,
        )
        for cut in cuts
    ]
    return LoadResult(plan, (*extra, *fitted))


def _fits_already(chosen: LoaderInfo, document: Document) -> bool:
    """Whether the plan ``chosen`` read from ``document`` is within the plan-file limits
    without looking: a built-in plan-file loader refuses too many indicators and target years
    far outside the period, as fitting would cut them, and no text it reads from a file of at
    most ``MAX_TEXT_LENGTH`` bytes can be longer than that (the strings of a plan file,
    its inline waivers' reasons included, are pieces of its text). Fitting walks every value
    of the plan, which for a small plan file costs a fair share of reading it."""
    return (
        chosen.plugin.builtin
        and chosen.name in PLAN_FILE_LOADERS
        and len(document.data) <= MAX_TEXT_LENGTH
    )


#: A loaded plan over a plan-file limit: cut so that the file ``load`` writes reads back.
CUT_TO_FIT = (
    "{key} had {found}, over the limits of a plan file; {kept} kept, so that the plan can be "
    "written and read back"
)


def load_path(
    path: str | Path,
    host: PluginHost,
    *,
    loader: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadResult:
    """Read ``path`` and load it (see :func:`load_document`)."""
    try:
        document = Document.from_path(path, max_bytes=max_bytes)
    except OSError as err:
        raise DocumentError(err.strerror or str(err), path=str(path)) from None
    return load_document(document, host, loader=loader)
