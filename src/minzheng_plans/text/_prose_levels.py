"""Clause patterns that state a level: 达到/不低于 N, shares, per-capita levels, rules.

Each function reads one pattern family of a :class:`Clause` and reports through its
reader; :data:`minzheng_plans.text._prose_lines.FAMILIES` applies them in order, so that
an earlier family's claim keeps a later one from reading the same figure.
"""

from __future__ import annotations

import re

from minzheng_plans.core.messages import N_
from minzheng_plans.core.quantity import Basis, Comparator
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_names import clean_name
from minzheng_plans.text._prose_reader import Clause
from minzheng_plans.text._prose_values import (
    add_relative,
    comparator_in,
    is_approximate,
    per_unit,
    target_of,
    unit_of,
    with_base,
)

__all__ = [
    "read_annual_growth",
    "read_bare_rates",
    "read_by_rule",
    "read_each",
    "read_each_bare",
    "read_growth",
    "read_leading_shares",
    "read_per_capita",
    "read_relative",
    "read_severally",
    "read_triggers",
]

_RANGE_REVERSED = N_("range with its high end below its low end")
# Subjects a 分别 list shares its name with are short: 城市、县城、乡镇; 省级、市级、县级.
_PLACE_WIDTH = 4


def read_by_rule(c: Clause) -> None:
    """按照…的标准确定…: the thing named after the verb is the indicator."""
    reader, clause = c.reader, c.text
    for match in g.BY_RULE.finditer(clause):
        inner = match["inner"]
        value = g.VALUE_RE.search(inner)
        relative = (
            g.RELATIVE.search(inner) or g.RELATIVE_LEVEL.search(inner) or g.SHARE_OF.search(inner)
        )
        name = match["object"]
        if len(clean_name(name)) <= 2 and (who := g.WHO.match(c.head)):
            # 对困难对象…按不低于60%的比例给予补助: the sentence names who.
            name = who["who"] + name
        basis = Basis.LEVEL
        if match["noun"] and match["noun"] != "标准":
            prefix = inner[: value.start()] if value else ""
            if "年均" in prefix and match["noun"] in {"增长速度", "速度", "幅度"}:
                # 以年均10%以上的增长速度提高…标准: the standard's annual growth.
                name += "年均增长"
                basis = Basis.ANNUAL_GROWTH
            else:
                name += ("年均" if "年均" in prefix else "") + match["noun"]
        span = c.span(match)
        if not reader.free(*span):
            continue
        focus = c.start + match.start("inner")
        if relative is not None:
            add_relative(reader, relative, name, span, c.year, focus + relative.start())
        elif value is not None and value["low"]:
            comparator = comparator_in(inner[: value.start()], inner[value.end() :])
            target = target_of(value, comparator, c.year, basis=basis)
            if target is None:
                reader.reject(*span, _RANGE_REVERSED)
                continue
            unit = (
                unit_of(value)
                if basis is Basis.ANNUAL_GROWTH
                else per_unit(inner[: value.start()], unit_of(value))
            )
            reader.add(name, target, unit, *span, focus=focus + value.start())


def read_relative(c: Clause) -> None:
    """不低于户籍老年人口的3.5% / 不低于当地平均生活水平: relative to a named reference."""
    reader, clause = c.reader, c.text
    for pattern in (g.RELATIVE, g.RELATIVE_LEVEL):
        for match in pattern.finditer(clause):
            span = c.span(match)
            # 收入超过低保水平但低于…的家庭: an eligibility band, not a target.
            band = re.search(r"(?:超过|高于)[^，,；;。]*但$", clause[: match.start()])
            if reader.free(*span) and band is None:
                add_relative(reader, match, clause[: match.start()], span, c.year)


def read_each(c: Clause) -> None:
    """每个乡镇至少有1个…: a count per unit of area."""
    reader = c.reader
    for match in g.EACH.finditer(c.text):
        span = c.span(match)
        if not reader.free(*span):
            continue
        at_least = "至少" in match.group() or match["after"] == "以上"
        comparator = Comparator.GE if at_least else Comparator.EQ
        target = target_of(match, comparator, c.year, approximate=is_approximate(match))
        if target is not None:
            name = f"每{match['per']}{clean_name(match['object'])}数"
            reader.add(name, target, unit_of(match), *span)


def read_each_bare(c: Clause) -> None:
    """每个街道3名、每个乡镇2名社工: counts per place, one object."""
    reader, clause = c.reader, c.text
    bare = [m for m in g.EACH_BARE.finditer(clause) if m["unit"]]
    if not bare:
        return
    counted = clean_name(clause[bare[-1].end() :])
    for match in bare:
        span = c.span(match)
        target = target_of(match, Comparator.EQ, c.year)
        if counted and target is not None and reader.free(*span):
            reader.add(f"每{match['per']}{counted}数", target, unit_of(match), *span)


def read_triggers(c: Clause) -> None:
    """X达到N / X不低于N / X控制在N以内 / 覆盖率为N / X约N / X每人每月不低于N元."""
    reader, clause, previous = c.reader, c.text, c.previous
    for match in g.TRIGGER_RE.finditer(clause):
        span = c.span(match)
        if not reader.free(*span):
            continue
        trigger = match["trigger"]
        raw_name = clause[: match.start()]
        if trigger == "为" and not g.RATE_END.search(_without_per(clean_name(raw_name))):
            continue  # 以…为重点: 为 states a level only after a rate or a standard
        comparator = g.BEFORE.get(trigger, Comparator.EQ)
        if match["after"] in g.AFTER:
            comparator = g.AFTER[match["after"]]
        target = target_of(match, comparator, c.year, approximate=is_approximate(match))
        if target is None:
            reader.reject(*span, _RANGE_REVERSED)
            continue
        name = raw_name
        if clean_name(name) == "" and previous:
            name = re.split(r"较|比(?=\d|上年|去年)", previous)[0]
        elif g.GENERIC_NAME.fullmatch(clean_name(name)) and previous:
            # 每个乡建设1个墓园,覆盖率达到90%: the rate is of what the clause before built.
            last = list(g.VALUE_RE.finditer(previous))
            subject = previous[last[-1].end() :] if last and last[-1]["low"] else previous
            name = clean_name(subject) + clean_name(name)
        name = re.split(r"(?:由|从)(?=\d)", name)[0]
        # 城市低保标准每人每月达到700元: the per phrase belongs to the unit.
        cleaned = clean_name(name)
        per = g.TRAILING_PER.search(cleaned)
        per_words = (per.group() if per else "") + (match["per"] or "")
        if not per_words and (time := g.LEADING_TIME.match(cleaned)):
            per_words = time.group()
        if per:
            name = cleaned[: per.start()]
        unit = per_unit(per_words, unit_of(match)) if per_words else unit_of(match)
        # 每百张床位配备不少于1名专业社工: what is counted follows the figure.
        tail = clause[match.end() :]
        if match["unit"] and 0 < len(tail) <= 12 and not re.match(r"[的以左]", tail):
            name = clean_name(name) + tail
        end = c.start + len(clause) if name.endswith(tail) and tail else span[1]
        if match["base"]:
            # 社会组织数量达到每万人5个: a figure per 万人, named as 每万人社会组织数量 is.
            name = match["base"] + clean_name(name)
        unit = with_base(clean_name(name), unit)
        if re.search(r"(?:都|均)$", raw_name) and re.search(r"和|、", name):
            # A和B都达到100%: one target for each.
            for part in re.split(r"和|、", clean_name(name)):
                reader.add(part, target, unit, c.body_start, end)
            continue
        reader.add(name, target, unit, c.body_start, end)


def _without_per(name: str) -> str:
    per = g.TRAILING_PER.search(name)
    return name[: per.start()] if per else name


def read_bare_rates(c: Clause) -> None:
    """确保上岗培训率100%: a rate stated with no verb."""
    reader = c.reader
    for match in g.BARE_RATE.finditer(c.text):
        span = c.span(match)
        value = g.VALUE_RE.match(match["value"])
        if reader.free(*span) and value is not None:
            target = target_of(value, Comparator.EQ, c.year)
            if target is not None:
                reader.add(match["name"], target, "%", *span)


def read_growth(c: Clause) -> None:
    """较2020年增长5%: growth over a base year."""
    reader = c.reader
    for match in g.GROWTH.finditer(c.text):
        span = c.span(match)
        value = g.VALUE_RE.match(match["value"])
        name = clean_name(match["name"]) or clean_name(c.previous)
        if reader.free(*span) and value is not None and name:
            target = target_of(value, Comparator.EQ, c.year)
            if target is not None:
                reader.add(f"{name}较{match['base']}年增长", target, "%", *span)


def read_leading_shares(c: Clause) -> None:
    """90%以上的乡镇…建立…: shares written before what they count."""
    reader, clause = c.reader, c.text
    shares = list(g.LEADING_SHARE.finditer(clause))
    if not shares:
        return
    rest = clause[shares[-1].end() :]
    before = clause[: shares[0].start()]
    for match in shares:
        span = c.span(match)
        if not reader.free(*span):
            continue
        value = g.VALUE_RE.match(match["value"])
        assert value is not None
        comparator = g.AFTER.get(match["after"] or "", Comparator.EQ)
        target = target_of(value, comparator, c.year)
        if target is None:
            continue
        if before.endswith("覆盖"):
            # 设施覆盖70%以上的社区: a coverage rate of the places named.
            name = f"{clean_name(before[:-2])}{match['scope']}覆盖率"
            reader.add(name, target, "%", c.start + len(before) - len(before.lstrip()), span[1])
        else:
            # 55%以上的机构达到国家标准 / 90%以上的乡镇建立…: 达到…的机构比例, 建立…的乡镇比例.
            name = f"{rest.strip()}的{match['scope']}比例"
            reader.add(name, target, "%", *span)


def read_per_capita(c: Clause) -> None:
    """每千名老人拥有床位40张 / 每千名老人、每百张床位均拥有1名社工: per-capita levels."""
    reader = c.reader
    for match in g.PER_CAPITA.finditer(c.text):
        span = c.span(match)
        if not reader.free(*span) or not match["unit"]:
            continue
        comparator = g.AFTER.get(match["after"] or "", Comparator.EQ)
        target = target_of(match, comparator, c.year, approximate=is_approximate(match))
        if target is None:
            continue
        counted = match["object"] + match["tail"]
        for subject in re.split(r"、(?=每)", match["subjects"]):
            name = f"{subject}拥有{counted}"
            reader.add(name, target, with_base(subject, unit_of(match)), *span)


def read_annual_growth(c: Clause) -> None:
    """城乡低保标准年均增长8%以上 / 年均增长不低于8%: an annual growth rate over the period."""
    reader = c.reader
    for match in g.ANNUAL_GROWTH.finditer(c.text):
        span = c.span(match)
        value = g.VALUE_RE.match(match["value"])
        name = clean_name(match["name"]) or clean_name(c.previous)
        if not reader.free(*span) or value is None or not name:
            continue
        comparator = g.BEFORE.get(match["trigger"] or "", Comparator.EQ)
        comparator = g.AFTER.get(match["after"] or "", comparator)
        target = target_of(
            value,
            comparator,
            c.year,
            approximate=is_approximate(match),
            basis=Basis.ANNUAL_GROWTH,
        )
        if target is None:
            reader.reject(*span, _RANGE_REVERSED)
            continue
        reader.add(f"{name}年均增长", target, "%", *span)


def read_severally(c: Clause) -> None:
    """城市、县城、乡镇…分别达到35平方米、30平方米、25平方米: one target per subject."""
    reader, clause = c.reader, c.text
    for match in g.SEVERALLY.finditer(clause):
        span = c.span(match)
        if not reader.free(*span):
            continue
        figures = list(g.VALUE_RE.finditer(match["values"]))
        names = _subjects(clause[: match.start()], len(figures))
        if names is None:
            reader.reject(
                c.body_start,
                span[1],
                N_("分别 names fewer or more subjects than figures"),
                figure=True,
            )
            continue
        comparator = g.BEFORE.get(match["trigger"] or "", Comparator.EQ)
        comparator = g.AFTER.get(match["after"] or "", comparator)
        units = [unit_of(figure) for figure in figures]
        shared = next((unit for unit in reversed(units) if unit), "")
        for name, figure, unit in zip(names, figures, units, strict=True):
            target = target_of(figure, comparator, c.year, approximate=is_approximate(match))
            if target is not None:
                # 100%和90%: a unit written once is every figure's; 每人每月 before them all.
                written = per_unit(match["per"], unit or shared) if match["per"] else unit or shared
                reader.add(name, target, with_base(name, written), c.body_start, span[1])


def _subjects(before: str, count: int) -> list[str] | None:
    """The ``count`` names a 分别 list distributes over, from the words before it.

    ``城市、县城、乡镇每百户…面积`` gives each place with the shared rest; ``城乡…覆盖率`` the
    城市 and 农村 ones; ``A和B`` two whole names. ``None`` when the words name another number.
    """
    text = clean_name(before)
    if count == 2 and "城乡" in text:
        return [text.replace("城乡", "城市", 1), text.replace("城乡", "农村", 1)]
    for separator in ("、", "和", "及", "与"):
        parts = [part for part in text.split(separator) if part]
        if len(parts) != count:
            continue
        width = len(parts[0])
        shared_tail = width <= _PLACE_WIDTH and len(parts[-1]) > width
        if shared_tail and all(len(part) == width for part in parts[:-1]):
            rest = parts[-1][width:]
            return [part + rest for part in [*parts[:-1], parts[-1][:width]]]
        return [clean_name(part) for part in parts]
    return None
