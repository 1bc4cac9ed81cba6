"""Clause patterns that state a task or a limit: coverage, time limits, built and raised
quantities, planned figures, and commitments whose level is not a figure."""

from __future__ import annotations

import re
from decimal import Decimal

from minzheng_plans.core.messages import N_
from minzheng_plans.core.quantity import Comparator, Comparison
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._prose_names import clean_name, open_tail
from minzheng_plans.text._prose_reader import Clause
from minzheng_plans.text._prose_values import target_of, unit_of

__all__ = [
    "read_build",
    "read_coverage",
    "read_planned",
    "read_quantities",
    "read_time_limits",
    "read_unreadable",
    "read_verb_object",
]

_OBJECT_END = re.compile(r"及|并|等(?!级)")


def read_coverage(c: Clause) -> None:
    """全覆盖 / 覆盖所有城市社区: coverage of 100 %."""
    reader, clause, previous = c.reader, c.text, c.previous
    for match in g.COVER.finditer(clause):
        span = c.span(match)
        before = clause[: match.end("scope")]
        if not reader.free(*span) or before.count("《") > before.count("》"):
            continue
        subject = clause[: match.start()] + match["scope"]
        subject = re.sub(r"的$", "", clean_name(subject))
        after = clause[match.end() :]
        if after.startswith("的"):
            # 建成区县全覆盖的儿童福利院: what covers is named after it.
            scope = re.sub(r"^(?:全面)?(?:建成|建设|实现)", "", match["scope"])
            # 或 joins two forms of one facility (福利院或儿童服务部): both are named.
            subject = re.split(r"和|及|、", after[1:])[0] + scope
        if len(subject) <= 3 and previous:
            subject = clean_name(re.sub(r"(?:便捷化|就近化|、|设置)+$", "", previous)) + subject
        subject = clean_name(subject.replace("基本实现", "").replace("实现", ""))
        if subject:
            target = Comparison(c.year, Decimal(100), Comparator.EQ)
            reader.add(f"{subject}覆盖率", target, "%", c.start, span[1])
    for match in g.COVER_ALL.finditer(clause):
        span = c.span(match)
        if reader.free(*span):
            subject = clean_name(clause[: match.start()])
            target = Comparison(c.year, Decimal(100), Comparator.EQ)
            reader.add(f"{subject}{match['scope']}覆盖率", target, "%", c.start, span[1])


def read_time_limits(c: Clause) -> None:
    """自然灾害发生12小时之内: a time limit."""
    if "内" not in c.text:
        return  # every limit ends in 内 (之内, 以内): no need to try the pattern at every start
    reader = c.reader
    for match in g.WITHIN_TIME.finditer(c.text):
        span = c.span(match)
        if reader.free(*span) and match["unit"] in {"小时", "天", "日", "个月"}:
            target = target_of(match, Comparator.LE, c.year)
            if target is not None:
                name = clean_name(match["subject"].replace("实现", ""))
                what = clean_name(match["what"])
                if not what and c.following:
                    # 灾害发生8小时之内,确保灾民得到安置: the limit is for what follows.
                    what = "后" + clean_name(c.following)
                name += what
                reader.add(f"{name}时限", target, match["unit"], *span)


def read_build(c: Clause) -> None:
    """新建2家县级殡仪馆: a quantified task; 新建1000个A和500个B: the verb carries over."""
    reader, clause = c.reader, c.text
    for match in g.BUILD.finditer(clause):
        span = c.span(match)
        unit = unit_of(match)
        if not reader.free(*span) or unit in {"", "%", "‰"}:
            continue
        at_least = match["after"] == "以上" or match["least"] is not None
        comparator = Comparator.GE if at_least else Comparator.EQ
        target = target_of(match, comparator, c.year)
        if match["verb"] == "配备":
            # 居委会配备1名儿童主任: who is staffed is the subject before the verb.
            verb = clean_name(clause[: match.start()]) + "配备"
        elif match["verb"] == "拥有":
            verb = ""  # 拥有5个机构: a level, not a task; the name is what is had
        else:
            verb = match["verb"]
        if clause[: match.start()].endswith("每年"):
            unit += "/年"
        if target is not None:
            name = verb + _OBJECT_END.split(match["object"])[0].strip("“”")
            reader.add(name, target, unit, *span)
        at = match.end()
        while more := g.MORE.match(clause, at):
            more_comparator = Comparator.GE if more["after"] == "以上" else Comparator.EQ
            more_target = target_of(more, more_comparator, c.year)
            more_span = c.span(more)
            if more_target is not None and reader.free(*more_span) and unit_of(more):
                name = match["verb"] + _OBJECT_END.split(more["object"])[0]
                reader.add(name, more_target, unit_of(more), *more_span)
            at = more.end()


def read_verb_object(c: Clause) -> None:
    """筹集公益金3985万元 / 其中本级公益金910万元: a task with its figure after the object."""
    reader, clause = c.reader, c.text
    for match in g.VERB_OBJECT.finditer(clause):
        span = c.span(match)
        if reader.free(*span) and match["unit"]:
            least = match["after"] == "以上"
            target = target_of(match, Comparator.GE if least else Comparator.EQ, c.year)
            if target is not None:
                # 民办养老机构新增床位5万张: whose figure it is stands before the verb.
                owner = clean_name(re.split(r"[“”]|期间|时期", clause[: match.start()])[-1])
                verb = match["verb"] if match["verb"] != "其中" else ""
                name = (owner if len(owner) <= 10 else "") + verb + match["object"]
                reader.add(name, target, unit_of(match), *span)


def read_quantities(c: Clause) -> None:
    """Inside a 专栏 box every quantity with a unit is a planned figure: 计划床位189张."""
    reader = c.reader
    if not reader.quantities:
        return
    for match in g.QUANTITY.finditer(c.text):
        span = c.span(match)
        unit = unit_of(match)
        if not reader.free(*span) or not match["unit"]:
            continue
        target = target_of(match, Comparator.EQ, c.year)
        facility, inside = open_tail(match["name"])
        name = clean_name(inside)
        if facility:
            # 建成东区养老院(计划床位120张): the figure belongs to the facility named.
            name = clean_name(facility) + name
        elif len(name) <= 4:
            name = clean_name(name + match["object"])
        if target is not None and name:
            reader.add(name, target, unit, *span)


def read_planned(c: Clause) -> None:
    """年计划养护孤残儿童150名: a planned figure, per year when it says so."""
    reader = c.reader
    for match in g.PLANNED.finditer(c.text):
        span = c.span(match)
        unit = unit_of(match)
        if not reader.free(*span) or not match["unit"]:
            continue
        target = target_of(match, Comparator.EQ, c.year)
        if target is not None:
            per_year = "/年" if match["lead"] else ""
            reader.add("计划" + match["rest"], target, unit + per_year, *span)


_COMMITMENT = re.compile(r"(?<!不)(?:达到|不低于|不少于|提高到|控制在)(?P<rest>.{0,8})")


def read_unreadable(c: Clause) -> None:
    """A commitment word with something that is not a figure after it (MZ506)."""
    reader = c.reader
    for match in _COMMITMENT.finditer(c.text):
        span = c.span(match)
        if reader.free(*span) and g.UNREAD_HINT.match(match["rest"] or ""):
            reader.reject(c.start, span[1], N_("a commitment whose level is not a figure"))
