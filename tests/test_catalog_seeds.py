"""Every table-row indicator name in the five seed documents resolves to a catalog code.

Names are read from ``../shared/seeds`` by simple line reading: the row-per-line layout
(``1 | name | …``) and the cell-per-line layouts, where a row starts with a line holding only
its number and the next line is the name. The row counts are asserted too, so that a reader
that misses rows fails instead of passing on fewer names.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from minzheng_plans.registries.catalog import default_catalog

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

# (file prefix, the line that opens the table, number of rows)
TABLES = [
    ("000", "专栏1", 15),
    ("000", "专栏2", 14),
    ("001", "表1", 9),
    ("001", "表2", 17),
    ("002", "“十四五”时期民政事业主要发展指标", 15),
    ("004", "序号 | 指标名称", 17),
]
_NOT_NAMES = {"预期性", "约束性", "约束", "已完成", "未完成"}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _seed(prefix: str) -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS}")
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


def table_names(lines: list[str], opening: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(opening))
    names: list[str] = []
    cells = []
    for line in lines[start + 1 :]:
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) >= 3 and parts[0].isdigit():
            names.append(parts[1])
            continue
        cell = line.strip().rstrip("|").strip()
        if len(cell) > 45:  # a prose paragraph: the table is over
            break
        if cell:
            cells.append(cell)
    expected = 1
    for cell, following in itertools.pairwise(cells):
        if cell == str(expected) and _CJK.search(following) and following not in _NOT_NAMES:
            names.append(following)
            expected += 1
    return names


@pytest.mark.parametrize(("prefix", "opening", "rows"), TABLES)
def test_seed_table_names_resolve(prefix: str, opening: str, rows: int) -> None:
    """Every row name of each seed table resolves exactly, by alias or normalised."""
    names = table_names(_seed(prefix), opening)
    assert rows == len(names), names
    catalog = default_catalog()
    unresolved = {
        name: [c.code for c in match.candidates]
        for name in names
        if (match := catalog.match(name)).how not in {"exact", "alias", "normalised"}
    }
    assert {} == unresolved


def test_levels_share_codes() -> None:
    """The same indicator named differently at two levels gets one code."""
    catalog = default_catalog()
    pairs = [
        ("乡镇(街道)未成年人保护工作站覆盖率", "镇(街)未成年人保护工作站覆盖率"),
        ("护理型床位占比", "养老机构护理型床位占比"),
        ("社会工作专业人才总量", "社会工作专业人才数"),
        ("县级公益性安葬(放)设施覆盖率", "区县级公益性安葬(放)设施区级覆盖率"),
        (
            "乡镇(街道)范围具备综合功能的养老服务机构覆盖率",
            "镇(街)具备综合功能的养老服务机构覆盖率",
        ),
        ("农村低保标准占城市低保标准比例", "城市与农村最低生活保障标准比"),
    ]
    for one, other in pairs:
        assert catalog.match(one).code == catalog.match(other).code is not None, (one, other)


def test_reader_needs_row_numbers() -> None:
    """The test's name reader takes only rows that start with a number."""
    text = ["表9", "1 |", "甲覆盖率 |", "50 |", "预期性 |", "3 |", "乙覆盖率 |"]
    assert ["甲覆盖率"] == table_names(text, "表9")


# Indicator names as the seed documents' prose targets write them (names are facts).
PROSE_NAMES = [
    "每千名老年人拥有养老床位数",
    "每千名老年人口拥有养老床位数",
    "护理型床位比例",
    "死亡人口年均火化率",
    "城市社区综合服务设施覆盖率",
    "农村社区综合服务设施覆盖率",
    "城乡社区综合服务设施覆盖面",
    "社会工作专业人才总量",
    "注册志愿者人数",
    "社会组织数量",
    "县级未成年人救助保护机构覆盖率",
    "区域养老服务中心在乡镇(街道)的覆盖率",
    "生活不能自理特困人员集中供养率",
    "节地生态安葬率",
    "实名认证志愿者占居民人口比例",
    "政府运营床位占比",
    "福利彩票销售总额",
    "村委会直选率",
    "社区居委会直选率",
    "城市养老服务设施社会化运营率",
    "镇(街)未成年人救助保护工作站覆盖率",
]


@pytest.mark.parametrize("name", PROSE_NAMES)
def test_prose_names_resolve(name: str) -> None:
    """Each indicator named in the seeds' prose resolves to a catalog entry."""
    assert default_catalog().match(name).entry is not None
