"""Period totals in brackets (〔500〕) and 力争 aspirations in table cells, through the loaders.

The documents are written for these tests; the expected values are written by hand.
"""

from __future__ import annotations

from decimal import Decimal

from minzheng_plans.core.quantity import Basis, Comparator, Comparison
from minzheng_plans.files.document import Document
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document

TEXT = """\
德源县“十四五”民政事业发展规划

表1 主要指标
| 序号 | 指标 | 单位 | 2020年 | 2025年 | 属性 |
| 1 | 新增养老床位数 | 张 | — | 〔500〕 | 预期性 |
| 2 | 养老机构护理型床位占比 | % | 52 | 力争达到60 | 约束性 |
| 3 | 社会组织数量 | 个 | 800 | ≥900（力争1000） | 预期性 |
| 4 | 城乡低保标准 | 元/人·月 | 900 | 逐步提高 | 预期性 |
"""

CSV = """\
指标,单位,2020年,2025年,属性
养老机构护理型床位占比,%,52,力争60,约束性
新增养老床位数,张,,〔500〕,预期性
城乡低保标准,元/人·月,900,逐步提高,预期性
"""


def _load(name: str, text: str):
    host = create_plugin_host(entry_points=False)
    return load_document(Document.from_text(name, text), host)


def test_text_table_reads_totals_and_commitments():
    """〔500〕 is a cumulative target; 力争达到60 reads 60; ≥900（力争1000） reads ≥900."""
    plan = _load("deyuan.txt", TEXT).plan
    targets = {i.name: i.target for i in plan.indicators}
    assert (
        Comparison(2025, Decimal(500), Comparator.EQ, basis=Basis.CUMULATIVE)
        == targets["新增养老床位数"]
    )
    assert Comparison(2025, Decimal(60), Comparator.EQ) == targets["养老机构护理型床位占比"]
    assert Comparison(2025, Decimal(900), Comparator.GE) == targets["社会组织数量"]


def test_text_table_keeps_each_aspiration_in_a_finding():
    """Each 力争 cell gets an MZ502 info quoting the cell (normalised spelling) at its line."""
    result = _load("deyuan.txt", TEXT)
    said = [(f.location.line, dict(f.args)["raw"]) for f in result.findings if f.code == "MZ502"]
    assert [(6, "力争达到60"), (7, "≥900(力争1000)")] == said


def test_csv_table_says_what_the_aspiration_was():
    """In a CSV table the row keeps its target and the MZ501 of the row quotes the 力争 cell."""
    result = _load("deyuan.csv", CSV)
    targets = {i.name: i.target for i in result.plan.indicators}
    assert Comparison(2025, Decimal(60), Comparator.EQ) == targets["养老机构护理型床位占比"]
    assert Basis.CUMULATIVE == targets["新增养老床位数"].basis
    rows = [f for f in result.findings if f.code == "MZ501" and "力争60" in f.text]
    assert 1 == len(rows)


def test_a_direction_keeps_its_row_without_a_target():
    """逐步提高 in the target column: the row is kept with its baseline and no target, and
    its finding quotes the words (MZ503 in a text table, the row's MZ501 in CSV)."""
    text = _load("deyuan.txt", TEXT)
    row = next(i for i in text.plan.indicators if i.name == "城乡低保标准")
    assert (Decimal(900), None) == (row.baseline.value, row.target)
    assert any(f.code == "MZ503" and "逐步提高" in f.text for f in text.findings)
    table = _load("deyuan.csv", CSV)
    row = next(i for i in table.plan.indicators if i.name == "城乡低保标准")
    assert (Decimal(900), None) == (row.baseline.value, row.target)
    assert any(f.code == "MZ501" and "逐步提高" in f.text for f in table.findings)
