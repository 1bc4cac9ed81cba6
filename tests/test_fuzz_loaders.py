"""Whole-document fuzzing: mutated documents go through every loader and the rules.

Each example takes a seed document (or, where the seeds are absent, a small document written
here in the same layouts), damages it the way editors and converters do (lines deleted,
duplicated, swapped or garbled, random characters inserted, the file cut short) and loads it
through :func:`~minzheng_plans.reading.loading.load_document` with every jurisdiction plugin. What
may
come out: a plan with findings, or a library error (:class:`MinzhengError`). A loader that
raises anything else is a bug even though the host isolates it (the document is then refused
with "loader … failed"), so the test fails on that too.

The example budget is fixed and derandomised so that CI is fast and repeatable; the atheris
harness in ``fuzz/`` runs the same pipeline for as long as one likes.
"""

from __future__ import annotations

import importlib
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minzheng_plans.checking.runner import check_plans
from minzheng_plans.core.errors import DocumentError, MinzhengError
from minzheng_plans.core.findings import Finding
from minzheng_plans.files.document import Document
from minzheng_plans.files.planfile import dumps_plan
from minzheng_plans.plugins.host import PluginHost, create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.testing import make_load_context
from tests.conftest import SEEDS

LOAD_CONTEXT = make_load_context()

PLUGINS = (
    "minzheng_plans_chongqing",
    "minzheng_plans_henan",
    "minzheng_plans_national",
    "minzheng_plans_shanghai",
)

# Written for these tests in the layouts of the real plans: a cell-per-line table, a bar
# table, chapter headings and prose targets. Used when the seeds are absent.
OWN_DOCUMENT = """\
某市"十四五"民政事业发展规划
第一章 发展基础
"十三五"期间,全市养老床位达到5.2万张。
第二章 主要目标
到2025年,养老机构护理型床位占比不低于55%,社区养老服务设施覆盖率达到100%。
表1 "十四五"民政事业发展主要指标
序号
指标
单位
2020年
2025年
属性
1
养老机构护理型床位占比
%
40
≥55
约束性
2
每千名老年人拥有养老床位数
张
32
≥35
预期性
| 序号 | 指标 | 2025年 | 属性 |
| 3 | 殡葬设施覆盖率 | 100% | 约束性 |
专栏1 养老服务设施建设工程
新建街道综合养老服务中心20个。
"""

_INSERTS = st.text(
    st.sampled_from([*"第一章节表专栏序号指标年%％≥≤—～|、。，\t 0123456789", "\u3000", "\u00a0"])
    | st.characters(blacklist_categories=("Cs",)),
    min_size=1,
    max_size=12,
)


def _seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        return [OWN_DOCUMENT]
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("0*.txt"))]
    return texts or [OWN_DOCUMENT]


@cache
def _texts() -> tuple[str, ...]:
    return (*_seed_texts(), OWN_DOCUMENT)


@cache
def _host() -> PluginHost:
    modules = [importlib.import_module(name) for name in PLUGINS]
    # No time budget: a hanging loader should fail the test, not become a finding.
    return create_plugin_host(entry_points=False, extra=modules, budget=None)


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_texts()))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 8))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "garble", "insert"]))
        if operation == "delete":
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, lines[at])
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "garble":
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(_INSERTS) + line[cut + draw(st.integers(0, 4)) :]
        else:
            lines.insert(at, draw(_INSERTS))
    mutated = "\n".join(lines)
    if draw(st.booleans()):
        mutated = mutated[: draw(st.integers(0, len(mutated)))]
    return mutated


def _assert_only_library_outcomes(document: Document, host: PluginHost) -> None:
    # Sniffing first, outside the host's isolation, so that a crash shows its traceback.
    for info in host.loaders():
        confidence = info.loader.sniff(document, LOAD_CONTEXT)
        assert isinstance(confidence, int | float), info.name
    try:
        result = load_document(document, host)
    except DocumentError as err:
        if " failed: " in err.reason:
            pytest.fail(f"a loader crashed instead of reporting: {err.reason}")
        return
    except MinzhengError:
        return
    crashed = [f for f in result.findings if f.code in ("MZ004", "MZ005", "MZ007")]
    assert not crashed, crashed
    assert all(isinstance(f, Finding) for f in result.findings)
    dumps_plan(result.plan)  # the plan can be written: nothing unrepresentable was built
    findings = check_plans([result.plan], host, bundled=())
    assert not [f for f in findings if f.code in ("MZ005", "MZ007")], findings


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_documents())
def test_mutated_documents_give_plans_or_library_errors(text: str) -> None:
    """A mutated plan document gives a plan or a library error, and no loader crashes."""
    _assert_only_library_outcomes(Document.from_text("plan.txt", text), _host())


@settings(max_examples=30, deadline=None, derandomize=True)
@given(mutated_documents(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_mutated_documents_in_other_encodings(text: str, encoding: str) -> None:
    """The same damage, stored in another encoding (bytes that cannot be stored are replaced)."""
    data = text.encode(encoding, errors="replace")
    _assert_only_library_outcomes(Document.from_bytes("plan.txt", data), _host())


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_or_read(data: bytes) -> None:
    """Random bytes are read or refused with a library error, and no loader crashes."""
    _assert_only_library_outcomes(Document.from_bytes("plan.txt", data), _host())


@pytest.mark.parametrize("keep", [0, 1, 2, 10, 100])
def test_every_seed_truncated_early(keep: int) -> None:
    """A file cut to its first few lines: the title alone, or a table without its rows."""
    for text in _texts():
        cut = "\n".join(text.split("\n")[:keep])
        _assert_only_library_outcomes(Document.from_text("plan.txt", cut), _host())


def test_unmutated_documents_load() -> None:
    """The harness itself: every unmutated seed is a plan, so mutations start from plans."""
    for text in _seed_texts():
        result = load_document(Document.from_text("plan.txt", text), _host())
        assert result.plan.indicators
