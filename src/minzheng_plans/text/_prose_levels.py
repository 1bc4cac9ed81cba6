"""Clause patterns that state a level: 达到/不低于 N, shares, per-capita levels, rules.

Each function reads one pattern family of a :class:`Clause` and reports through its
reader; :data:`minzheng_plans.text._prose_lines.FAMILIES` applies them in order, so that
an earlier family's claim keeps a later one from reading the same figure.
"""

from __future__ import annotations

import re

from minzheng_plans.core.quantity import Comparator
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_names import clean_name
from minzheng_plans.text._prose_reader import Clause
from minzheng_plans.text._prose_values import (
    add_relative,
    comparator_in,
    per_unit,
    target_of,
    unit_of,
)

__all__ = [
    "read_bare_rates",
    "read_by_rule",
    "read_each",
    "read_each_bare",
    "read_growth",
    "read_leading_shares",
    "read_per_capita",
    "read_relative",
    "read_triggers",
]

_RANGE_REVERSED = "range with its high end below its low end"


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
        if match["noun"] and match["noun"] != "标准":
            prefix = inner[: value.start()] if value else ""
            name += ("年均" if "年均" in prefix else "") + match["noun"]
        span = c.span(match)
        if not reader.free(*span):
            continue
        focus = c.start + match.start("inner")
        if relative is not None:
            add_relative(reader, relative, name, span, c.year, focus + relative.start())
        elif value is not None and value["low"]:
            comparator = comparator_in(inner[: value.start()], inner[value.end() :])
            target = target_of(value, comparator, c.year)
            if target is None:
                reader.reject(*span, _RANGE_REVERSED)
                continue
            unit = per_unit(inner[: value.start()], unit_of(value))
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
        target = target_of(match, comparator, c.year)
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
    """X达到N / X不低于N / X控制在N以内."""
    reader, clause, previous = c.reader, c.text, c.previous
    for match in g.TRIGGER_RE.finditer(clause):
        span = c.span(match)
        if not reader.free(*span):
            continue
        comparator = g.BEFORE[match["trigger"]]
        if match["after"] in g.AFTER:
            comparator = g.AFTER[match["after"]]
        target = target_of(match, comparator, c.year)
        if target is None:
            reader.reject(*span, _RANGE_REVERSED)
            continue
        raw_name = clause[: match.start()]
        name = raw_name
        if clean_name(name) == "" and previous:
            name = re.split(r"较|比(?=\d|上年|去年)", previous)[0]
        elif g.GENERIC_NAME.fullmatch(clean_name(name)) and previous:
            # 每个乡建设1个墓园,覆盖率达到90%: the rate is of what the clause before built.
            last = list(g.VALUE_RE.finditer(previous))
            subject = previous[last[-1].end() :] if last and last[-1]["low"] else previous
            name = clean_name(subject) + clean_name(name)
        name = re.split(r"(?:由|从)(?=\d)", name)[0]
        # 每百张床位配备不少于1名专业社工: what is counted follows the figure.
        tail = clause[match.end() :]
        if match["unit"] and 0 < len(tail) <= 12 and not re.match(r"[的以左]", tail):
            name = clean_name(name) + tail
        end = c.start + len(clause) if name.endswith(tail) and tail else span[1]
        if re.search(r"(?:都|均)$", raw_name) and re.search(r"和|、", name):
            # A和B都达到100%: one target for each.
            for part in re.split(r"和|、", clean_name(name)):
                reader.add(part, target, unit_of(match), c.body_start, end)
            continue
        reader.add(name, target, unit_of(match), c.body_start, end)


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
            rest = rest.strip()
            if rest.startswith("达到"):
                name = f"{match['scope']}{rest}比例"
            else:
                name = f"{rest}的{match['scope']}比例"
            reader.add(name, target, "%", *span)


def read_per_capita(c: Clause) -> None:
    """每千名老人拥有床位40张 / 每千名老人、每百张床位均拥有1名社工: per-capita levels."""
    reader = c.reader
    for match in g.PER_CAPITA.finditer(c.text):
        span = c.span(match)
        if not reader.free(*span) or not match["unit"]:
            continue
        target = target_of(match, Comparator.EQ, c.year)
        if target is None:
            continue
        counted = match["object"] + match["tail"]
        for subject in re.split(r"、(?=每)", match["subjects"]):
            reader.add(f"{subject}拥有{counted}", target, unit_of(match), *span)
