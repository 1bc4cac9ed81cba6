"""Linear time for the table readers, the prose extractor and whole loaders, by work.

Each crafted input is parsed at size n (eight times) and 8n (once), see ``tests/_linear.py``:
linear cost gives a ratio near 1, a quadratic reader near 8. The shapes are those that make
regex-based readers backtrack or rescan: one very long line, many near-miss header lines,
comparators without numbers, a table with thousands of rows.
"""

from __future__ import annotations

import contextlib
import importlib
import time

import pytest

from minzheng_plans.core.errors import DocumentError, MinzhengError
from minzheng_plans.core.model import Period
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.text.projects import extract_projects
from minzheng_plans.text.prose import extract_targets
from minzheng_plans.text.rows import tables_indicators
from minzheng_plans.text.sections import find_headings
from minzheng_plans.text.tables import find_tables
from tests._linear import assert_linear

PERIOD = Period(2021, 2025)


def _cell_table(rows: int) -> str:
    head = "表1 主要指标\n序号\n指标\n单位\n2020年\n2025年\n属性\n"
    body = "".join(f"{i}\n养老床位{i}\n张\n{i}\n≥{i + 1}\n预期性\n" for i in range(1, rows + 1))
    return head + body


def _pipe_table(rows: int) -> str:
    head = "| 序号 | 指标 | 单位 | 2025年 | 属性 |\n"
    return head + "".join(f"| {i} | 覆盖率{i} | % | ≥{i % 100} | 约束性 |\n" for i in range(rows))


TABLE_INPUTS = {
    "cell-table-rows": lambda n: _cell_table(n // 30),
    "pipe-table-rows": lambda n: _pipe_table(n // 30),
    "near-miss-headers": lambda n: "序号\n指标\n正文。\n" * (n // 10),
    "one-long-bar-line": lambda n: "|" * n,
    "one-long-cell-line": lambda n: "序号\n指标\n" + "1" * n + "\n",
    "unclosed-pipes": lambda n: "| 序号 | 指标 " * (n // 10),
}

PROSE_INPUTS = {
    "many-target-lines": lambda n: "到2025年,养老机构护理型床位占比达到55%。\n" * (n // 25),
    "one-long-sentence": lambda n: "覆盖率达到55%," * (n // 9),
    "comparators-without-numbers": lambda n: "不低于" * (n // 3),
    "digits-without-units": lambda n: "1" * n,
    "growth-phrases": lambda n: "较2020年增长" * (n // 9),
    "long-name-then-value": lambda n: "养" * n + "达到5%",
    "ranges-and-tildes": lambda n: "35～40~" * (n // 6),
    "severally-lists": lambda n: "城市、县城分别达到" + "35平方米、" * (n // 6),
    "severally-clauses": lambda n: "城市、县城分别达到35平方米、30平方米," * (n // 21),
    "annual-growth": lambda n: "低保标准年均增长8%以上," * (n // 13),
    "annual-growth-without-figures": lambda n: "年均增长" * (n // 4),
    "per-capita-units": lambda n: "每千名老年人拥有养老床位35张至40张," * (n // 19),
    "per-person-per-month": lambda n: "城市低保标准每人每月不低于700元," * (n // 17),
    "chinese-years": lambda n: "二〇二三年底前覆盖率达到100%;" * (n // 17),
    "approximate-figures": lambda n: "捐赠额约8亿元左右," * (n // 10),
    "unread-figures": lambda n: "确保惠及困难老人1200人," * (n // 13),
    "traditional-text": lambda n: "到2025年，農村社區覆蓋率為100%。\n" * (n // 20),
    # #17: one clause of thousands of 全覆盖, one enumeration of thousands of facilities,
    # thousands of short target lines, and both with the clauses cut short.
    "one-clause-of-coverage": lambda n: "到2025年,社区养老服务" + "全覆盖" * (n // 3) + "。",
    "coverage-clauses": lambda n: "全覆盖," * (n // 4),
    "enumerated-facilities": lambda n: "新建" + "、5个养老院" * (n // 6) + "。",
    "short-target-lines": lambda n: "达到5%\n" * (n // 5),
    "years-in-one-sentence": lambda n: "较2020年" * (n // 7) + "达到5%",
}

# The same shapes through a whole loader, with no time budget (the API's load_document,
# ``--plugin-timeout 0``, ``minzheng-plans load``): the budget must not be what bounds them.
LOADER_INPUTS = {
    name: PROSE_INPUTS[name]
    for name in ("one-clause-of-coverage", "enumerated-facilities", "short-target-lines")
}


@pytest.mark.parametrize("make", TABLE_INPUTS.values(), ids=TABLE_INPUTS.keys())
def test_table_reader_is_linear(make):
    assert_linear(find_tables, make, 4_000)


@pytest.mark.parametrize("rows", [60])
def test_table_rows_to_indicators_is_linear(rows):
    def parse(text: str) -> None:
        tables_indicators(find_tables(text), period=PERIOD)

    assert_linear(parse, _cell_table, rows)


@pytest.mark.parametrize("make", PROSE_INPUTS.values(), ids=PROSE_INPUTS.keys())
def test_prose_extractor_is_linear(make):
    assert_linear(lambda text: extract_targets(text, period=PERIOD), make, 4_000)


@pytest.mark.parametrize(
    ("reader", "make"),
    [
        (find_headings, lambda n: "第一章 总则\n一、目标\n(一)任务\n" * (n // 15)),
        (read_metadata, lambda n: "重庆市民政局关于印发规划的通知\n" * (n // 15)),
        (extract_projects, lambda n: "专栏1 工程\n新增床位6万张。\n" * (n // 15)),
        (extract_projects, lambda n: "专栏1 工程\n" + "、5个养老院" * (n // 6) + "\n"),
        (extract_projects, lambda n: "专栏1 工程\n" + "新增床位6万张\n" * (n // 8)),
    ],
    ids=["headings", "metadata", "projects", "project-enumeration", "project-lines"],
)
def test_other_readers_are_linear(reader, make):
    assert_linear(reader, make, 4_000)


@pytest.mark.parametrize("make", LOADER_INPUTS.values(), ids=LOADER_INPUTS.keys())
def test_generic_loader_without_budget_is_linear(make, host):
    """The hostile prose shapes of #17 through sniffing and loading, with no budget."""
    assert host.budget is None

    def load(text: str) -> None:
        document = Document.from_text("plan.txt", "某县“十四五”民政事业发展规划\n" + text)
        # Every loader sniffs; the most confident one loads (the generic one, or a plugin's).
        with contextlib.suppress(DocumentError):
            load_document(document, host)

    assert_linear(load, make, 1_000)


def test_check_and_load_of_many_findings_are_linear(host, tmp_path, monkeypatch):
    """Regression: ``load`` and ``check`` compared each finding of a load with every finding
    stored in the plan (a tuple), quadratic in the number of findings: 100 000 short target
    lines never finished."""
    from click.testing import CliRunner  # noqa: PLC0415

    import minzheng_plans.plugins.host  # noqa: PLC0415
    from minzheng_plans.checking.inputs import read_path  # noqa: PLC0415
    from minzheng_plans.cli.app import cli  # noqa: PLC0415

    monkeypatch.setattr(minzheng_plans.plugins.host, "create_plugin_host", lambda **_: host)
    path = tmp_path / "plan.txt"

    def run(text: str) -> None:
        path.write_text("某县“十四五”民政事业发展规划\n" + text, encoding="utf-8")
        read_path(path, host, None)
        result = CliRunner().invoke(cli, ["load", str(path), "-o", str(tmp_path / "p.toml")])
        assert 0 == result.exit_code, result.output

    assert_linear(run, lambda n: "达到5%\n" * (n // 5), 3_000)


@pytest.fixture(scope="module")
def host():
    modules = [
        importlib.import_module(f"minzheng_plans_{name}")
        for name in ("chongqing", "henan", "national", "shanghai")
    ]
    return create_plugin_host(entry_points=False, extra=modules, budget=None)


def _megabyte_document() -> str:
    """A plan-shaped text of 1 MB: title, a long table, chapters of target sentences."""
    parts = ["某市“十四五”民政事业发展规划\n", _cell_table(2_000)]
    chapter = "第{n}章 发展目标\n到2025年,社区养老服务设施覆盖率达到100%,床位不少于{n}张。\n"
    n = 1
    while sum(len(p.encode()) for p in parts) < 1_000_000:
        parts.append(chapter.format(n=n))
        n += 1
    return "".join(parts)


def test_megabyte_document_loads_through_every_loader(host):
    """Every loader sniffs a 1 MB document and the chosen one loads it, in seconds."""
    text = _megabyte_document()
    assert len(text.encode()) >= 1_000_000
    started = time.perf_counter()
    with contextlib.suppress(MinzhengError):  # refusing is fine; hanging or crashing is not
        load_document(Document.from_text("plan.txt", text), host)
    assert time.perf_counter() - started < 60


@pytest.mark.parametrize(
    "text",
    [
        "|" * 1_000_000,
        "不低于" * 340_000,
        "1" * 1_000_000,
        "序号\n指标\n" * 100_000,
    ],
    ids=["bars", "comparators", "digits", "headers"],
)
def test_megabyte_crafted_inputs_finish(host, text):
    started = time.perf_counter()
    find_tables(text)
    extract_targets(text, period=PERIOD)
    with contextlib.suppress(MinzhengError):
        load_document(Document.from_text("plan.txt", text), host)
    assert time.perf_counter() - started < 60
