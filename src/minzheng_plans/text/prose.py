"""Prose targets: sentences that commit to a level by a year or by the end of the plan.

A plan states many of its targets in running text rather than in a table:
``到2025年，社区服务站覆盖率达到70%``, ``护理床位不低于床位总数的50%``,
``按照上年度居民消费支出的20%—30%确定低保标准``. :func:`extract_targets` reads such clauses
line by line, on the document text itself (so that every quote is an exact substring of it),
and returns for each the indicator name as written, the target (comparator as the document
says it: 达到 is ``=``, 不低于 ``>=`` …), the unit, the year and where it stands.

What it recognises as a commitment but cannot read (``达到“一社区一社工”``) is returned as an
:class:`UnreadPhrase`, which loaders report as MZ506 instead of dropping it.

Review sections (``“十二五”规划实施情况``, ``发展回顾``) and sentences about an earlier
period (``“十三五”期间…达到…`` in a 14th plan) state achievements, not targets: they are
skipped, which is what keeps baselines from being read as targets.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal

import attrs

from minzheng_plans.core.findings import Finding, Severity, make_finding
from minzheng_plans.core.model import Indicator, Period, Source, SourceKind
from minzheng_plans.core.quantity import Comparator, Comparison, Range, Relative, Target
from minzheng_plans.text import _prose_grammar as g
from minzheng_plans.text._review import plan_period_year, review_lines
from minzheng_plans.text.vocabulary import MAX_QUOTE

__all__ = [
    "MAX_QUOTE",
    "ProseResult",
    "ProseTarget",
    "UnreadPhrase",
    "extract_targets",
    "plan_period_year",
    "prose_indicators",
    "read_passage",
    "review_lines",
]


@attrs.frozen
class ProseTarget:
    """One target read from prose: ``line`` is 1-based, ``column`` 0-based in that line."""

    name: str
    target: Target
    unit: str
    line: int
    column: int
    quote: str


@attrs.frozen
class UnreadPhrase:
    """A phrase that reads as a commitment but whose level cannot be read (MZ506)."""

    line: int
    column: int
    quote: str
    reason: str


@attrs.frozen
class ProseResult:
    targets: tuple[ProseTarget, ...] = ()
    unread: tuple[UnreadPhrase, ...] = ()


def _clauses(line: str) -> Iterator[tuple[int, str, int]]:
    """``(start, clause, sentence index)`` for each clause of a line."""
    start = 0
    sentence = 0
    for match in g.CLAUSE_END.finditer(line):
        # A comma between digits is a thousands separator, not a clause end.
        at = match.start()
        if match.group() == "," and 0 < at < len(line) - 1 and _between_digits(line, at):
            continue
        yield start, line[start : match.start()], sentence
        if g.SENTENCE_END.match(match.group()):
            sentence += 1
        start = match.end()
    if start < len(line):
        yield start, line[start:], sentence


def _between_digits(line: str, at: int) -> bool:
    return line[at - 1].isdigit() and line[at + 1].isdigit()


def _clean_name(text: str) -> str:
    name = text.strip(' \u3000\t“”"、').lstrip(".．)）|")
    # Item numbers of a list: 1. / 2、 / (3) / 01.
    name = re.sub(r"^(?:\d{1,2}[.．、]|[(（]\d{1,2}[)）])", "", name)
    # 上浮一定比例确定供养标准: the level is for what is determined.
    head, _, determined = name.rpartition("确定")
    if head and len(determined) >= 2:
        name = determined
    previous = None
    while previous != name:
        previous = name
        name = g.LEAD.sub("", name).strip(" \u3000\t、")
        name = g.TRAIL.sub("", name).strip(" \u3000\t、")
    return name


def _decimal(text: str) -> Decimal:
    return Decimal(text)


def _unit(match: re.Match[str]) -> str:
    pct = match["pct"] or match["lowpct"] or ""
    if pct == "％":
        pct = "%"
    return pct or re.sub("余|多", "", match["unit"] or "")


def _target(match: re.Match[str], comparator: Comparator, year: int) -> Comparison | Range | None:
    low = _decimal(match["low"])
    if re.search("余|多", match["unit"] or "") and comparator == Comparator.EQ:
        # 1万余幅: more than the figure.
        comparator = Comparator.GT
    if match["high"] is not None:
        high = _decimal(match["high"])
        if high < low:
            return None
        return Range(year, low, high)
    return Comparison(year, low, comparator)


def _quote(line: str, start: int, end: int, focus: int | None = None) -> tuple[int, str]:
    """The clause ``line[start:end]`` cut to :data:`MAX_QUOTE` characters.

    The cut keeps the end of the clause (where the figure usually is), unless that would
    lose ``focus`` (where the figure or the reference starts): then it starts there.
    """
    text = line[start:end].rstrip()
    if len(text) > MAX_QUOTE:
        if focus is not None and start + len(text) - MAX_QUOTE > focus:
            shift = max(focus - start, 0)
        else:
            shift = len(text) - MAX_QUOTE
        start += shift
        text = text[shift : shift + MAX_QUOTE]
    kept = text.lstrip(" \u3000\t、，,；;")
    return start + len(text) - len(kept), kept


@attrs.define
class _LineReader:
    line: str
    number: int
    year: int
    targets: list[ProseTarget] = attrs.field(factory=list)
    unread: list[UnreadPhrase] = attrs.field(factory=list)
    claimed: list[tuple[int, int]] = attrs.field(factory=list)
    quantities: bool = False
    # Where the current clause's claims begin in ``claimed``. Spans never leave their clause,
    # so earlier clauses' claims cannot overlap; checking them all made a long line of many
    # clauses quadratic.
    clause_from: int = 0

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.claimed[self.clause_from :])

    def add(
        self,
        name: str,
        target: Target,
        unit: str,
        start: int,
        end: int,
        focus: int | None = None,
    ) -> None:
        name = _clean_name(name)
        if not name:
            self.reject(start, end, "no indicator name before the figure")
            return
        self.claimed.append((start, end))
        column, quote = _quote(self.line, start, end, focus)
        self.targets.append(ProseTarget(name, target, unit, self.number, column, quote))

    def reject(self, start: int, end: int, reason: str) -> None:
        self.claimed.append((start, end))
        column, quote = _quote(self.line, start, end)
        self.unread.append(UnreadPhrase(self.number, column, quote, reason))


def _read_clause(
    reader: _LineReader,
    start: int,
    clause: str,
    previous: str,
    following: str = "",
    head: str = "",
) -> None:
    """Every target of one clause; ``previous`` is the clause before it in the sentence."""
    reader.clause_from = len(reader.claimed)
    if not g.CLAUSE_HINT.search(clause):
        return  # most clauses state no level at all: skip the patterns below
    year = reader.year

    # 按照…的标准确定…: the thing named after the verb is the indicator.
    for match in g.BY_RULE.finditer(clause):
        inner = match["inner"]
        value = g.VALUE_RE.search(inner)
        relative = (
            g.RELATIVE.search(inner) or g.RELATIVE_LEVEL.search(inner) or g.SHARE_OF.search(inner)
        )
        name = match["object"]
        if len(_clean_name(name)) <= 2 and (who := g.WHO.match(head)):
            # 对困难对象…按不低于60%的比例给予补助: the sentence names who.
            name = who["who"] + name
        if match["noun"] and match["noun"] != "标准":
            prefix = inner[: value.start()] if value else ""
            name += ("年均" if "年均" in prefix else "") + match["noun"]
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        focus = start + match.start("inner")
        if relative is not None:
            _add_relative(reader, relative, name, span, year, focus + relative.start())
        elif value is not None and value["low"]:
            comparator = _comparator_in(inner[: value.start()], inner[value.end() :])
            target = _target(value, comparator, year)
            if target is None:
                reader.reject(*span, "range with its high end below its low end")
                continue
            unit = _per_unit(inner[: value.start()], _unit(value))
            reader.add(name, target, unit, *span, focus=focus + value.start())

    # 不低于户籍老年人口的3.5% / 不低于当地平均生活水平: relative to a named reference.
    for pattern in (g.RELATIVE, g.RELATIVE_LEVEL):
        for match in pattern.finditer(clause):
            span = (start + match.start(), start + match.end())
            # 收入超过低保水平但低于…的家庭: an eligibility band, not a target.
            band = re.search(r"(?:超过|高于)[^，,；;。]*但$", clause[: match.start()])
            if reader.free(*span) and band is None:
                name = clause[: match.start()]
                _add_relative(reader, match, name, span, year)

    # 每个乡镇至少有1个…: a count per unit of area.
    for match in g.EACH.finditer(clause):
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        at_least = "至少" in match.group() or match["after"] == "以上"
        comparator = Comparator.GE if at_least else Comparator.EQ
        target = _target(match, comparator, year)
        if target is not None:
            name = f"每{match['per']}{_clean_name(match['object'])}数"
            reader.add(name, target, _unit(match), *span)

    # 每个街道3名、每个乡镇2名社工: counts per place, one object.
    bare = [m for m in g.EACH_BARE.finditer(clause) if m["unit"]]
    if bare:
        counted = _clean_name(clause[bare[-1].end() :])
        for match in bare:
            span = (start + match.start(), start + match.end())
            target = _target(match, Comparator.EQ, year)
            if counted and target is not None and reader.free(*span):
                reader.add(f"每{match['per']}{counted}数", target, _unit(match), *span)

    # X达到N / X不低于N / X控制在N以内.
    for match in g.TRIGGER_RE.finditer(clause):
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        comparator = g.BEFORE[match["trigger"]]
        if match["after"] in g.AFTER:
            comparator = g.AFTER[match["after"]]
        target = _target(match, comparator, year)
        if target is None:
            reader.reject(*span, "range with its high end below its low end")
            continue
        raw_name = clause[: match.start()]
        name = raw_name
        if _clean_name(name) == "" and previous:
            name = re.split(r"较|比(?=\d|上年|去年)", previous)[0]
        elif g.GENERIC_NAME.fullmatch(_clean_name(name)) and previous:
            # 每个乡建设1个墓园,覆盖率达到90%: the rate is of what the clause before built.
            last = list(g.VALUE_RE.finditer(previous))
            subject = previous[last[-1].end() :] if last and last[-1]["low"] else previous
            name = _clean_name(subject) + _clean_name(name)
        name = re.split(r"(?:由|从)(?=\d)", name)[0]
        # 每百张床位配备不少于1名专业社工: what is counted follows the figure.
        tail = clause[match.end() :]
        if match["unit"] and 0 < len(tail) <= 12 and not re.match(r"[的以左]", tail):
            name = _clean_name(name) + tail
        end = start + len(clause) if name.endswith(tail) and tail else span[1]
        if re.search(r"(?:都|均)$", raw_name) and re.search(r"和|、", name):
            # A和B都达到100%: one target for each.
            for part in re.split(r"和|、", _clean_name(name)):
                reader.add(
                    part, target, _unit(match), start + len(clause) - len(clause.lstrip()), end
                )
            continue
        reader.add(name, target, _unit(match), start + len(clause) - len(clause.lstrip()), end)

    # 确保上岗培训率100%: a rate stated with no verb.
    for match in g.BARE_RATE.finditer(clause):
        span = (start + match.start(), start + match.end())
        value = g.VALUE_RE.match(match["value"])
        if reader.free(*span) and value is not None:
            target = _target(value, Comparator.EQ, year)
            if target is not None:
                reader.add(match["name"], target, "%", *span)

    # 较2020年增长5%: growth over a base year.
    for match in g.GROWTH.finditer(clause):
        span = (start + match.start(), start + match.end())
        value = g.VALUE_RE.match(match["value"])
        name = _clean_name(match["name"]) or _clean_name(previous)
        if reader.free(*span) and value is not None and name:
            target = _target(value, Comparator.EQ, year)
            if target is not None:
                reader.add(f"{name}较{match['base']}年增长", target, "%", *span)

    # 90%以上的乡镇…建立…: shares written before what they count.
    shares = list(g.LEADING_SHARE.finditer(clause))
    if shares:
        rest = clause[shares[-1].end() :]
        before = clause[: shares[0].start()]
        for match in shares:
            span = (start + match.start(), start + match.end())
            if not reader.free(*span):
                continue
            value = g.VALUE_RE.match(match["value"])
            assert value is not None
            comparator = g.AFTER.get(match["after"] or "", Comparator.EQ)
            target = _target(value, comparator, year)
            if target is None:
                continue
            if before.endswith("覆盖"):
                # 设施覆盖70%以上的社区: a coverage rate of the places named.
                name = f"{_clean_name(before[:-2])}{match['scope']}覆盖率"
                reader.add(name, target, "%", start + len(before) - len(before.lstrip()), span[1])
            else:
                rest = rest.strip()
                if rest.startswith("达到"):
                    name = f"{match['scope']}{rest}比例"
                else:
                    name = f"{rest}的{match['scope']}比例"
                reader.add(name, target, "%", *span)

    # 每千名老人拥有床位40张 / 每千名老人、每百张床位均拥有1名社工: per-capita levels.
    for match in g.PER_CAPITA.finditer(clause):
        span = (start + match.start(), start + match.end())
        if not reader.free(*span) or not match["unit"]:
            continue
        target = _target(match, Comparator.EQ, year)
        if target is None:
            continue
        counted = match["object"] + match["tail"]
        for subject in re.split(r"、(?=每)", match["subjects"]):
            reader.add(f"{subject}拥有{counted}", target, _unit(match), *span)

    # 全覆盖 / 覆盖所有城市社区: coverage of 100 %.
    for match in g.COVER.finditer(clause):
        span = (start + match.start(), start + match.end())
        before = clause[: match.end("scope")]
        if not reader.free(*span) or before.count("《") > before.count("》"):
            continue
        subject = clause[: match.start()] + match["scope"]
        subject = re.sub(r"的$", "", _clean_name(subject))
        after = clause[match.end() :]
        if after.startswith("的"):
            # 建成区县全覆盖的儿童福利院: what covers is named after it.
            scope = re.sub(r"^(?:全面)?(?:建成|建设|实现)", "", match["scope"])
            subject = re.split(r"或|和|及|、", after[1:])[0] + scope
        if len(subject) <= 3 and previous:
            subject = _clean_name(re.sub(r"(?:便捷化|就近化|、|设置)+$", "", previous)) + subject
        subject = _clean_name(subject.replace("实现", ""))
        if subject:
            target = Comparison(year, Decimal(100), Comparator.EQ)
            reader.add(f"{subject}覆盖率", target, "%", start, span[1])
    for match in g.COVER_ALL.finditer(clause):
        span = (start + match.start(), start + match.end())
        if reader.free(*span):
            subject = _clean_name(clause[: match.start()])
            target = Comparison(year, Decimal(100), Comparator.EQ)
            reader.add(f"{subject}{match['scope']}覆盖率", target, "%", start, span[1])

    # 自然灾害发生12小时之内: a time limit.
    for match in g.WITHIN_TIME.finditer(clause):
        span = (start + match.start(), start + match.end())
        if reader.free(*span) and match["unit"] in {"小时", "天", "日", "个月"}:
            target = _target(match, Comparator.LE, year)
            if target is not None:
                name = _clean_name(match["subject"].replace("实现", ""))
                what = _clean_name(match["what"])
                if not what and following:
                    # 灾害发生8小时之内,确保灾民得到安置: the limit is for what follows.
                    what = "后" + _clean_name(following)
                name += what
                reader.add(f"{name}时限", target, match["unit"], *span)

    # 新建2家县级殡仪馆: a quantified task.
    for match in g.BUILD.finditer(clause):
        span = (start + match.start(), start + match.end())
        unit = _unit(match)
        if not reader.free(*span) or unit in {"", "%", "‰"}:
            continue
        at_least = match["after"] == "以上" or match["least"] is not None
        comparator = Comparator.GE if at_least else Comparator.EQ
        target = _target(match, comparator, year)
        if match["verb"] == "配备":
            # 居委会配备1名儿童主任: who is staffed is the subject before the verb.
            match_name = _clean_name(clause[: match.start()]) + "配备"
        else:
            match_name = match["verb"]
        if clause[: match.start()].endswith("每年"):
            unit += "/年"
        if target is not None:
            name = match_name + re.split(r"及|并|等(?!级)", match["object"])[0].strip("“”")
            reader.add(name, target, unit, *span)
        # 新建1000个A和500个B、20个C: the verb carries over to the next figures.
        at = match.end()
        while more := g.MORE.match(clause, at):
            more_comparator = Comparator.GE if more["after"] == "以上" else Comparator.EQ
            more_target = _target(more, more_comparator, year)
            more_span = (start + more.start(), start + more.end())
            if more_target is not None and reader.free(*more_span) and _unit(more):
                name = match["verb"] + re.split(r"及|并|等(?!级)", more["object"])[0]
                reader.add(name, more_target, _unit(more), *more_span)
            at = more.end()

    # 筹集公益金3985万元 / 其中本级公益金910万元: a task with its figure after the object.
    for match in g.VERB_OBJECT.finditer(clause):
        span = (start + match.start(), start + match.end())
        if reader.free(*span) and match["unit"]:
            least = match["after"] == "以上"
            target = _target(match, Comparator.GE if least else Comparator.EQ, year)
            if target is not None:
                # 民办养老机构新增床位5万张: whose figure it is stands before the verb.
                owner = _clean_name(re.split(r"[“”]|期间|时期", clause[: match.start()])[-1])
                verb = match["verb"] if match["verb"] != "其中" else ""
                name = (owner if len(owner) <= 10 else "") + verb + match["object"]
                reader.add(name, target, _unit(match), *span)

    # Inside a 专栏 box every quantity with a unit is a planned figure: 计划床位189张.
    if reader.quantities:
        for match in g.QUANTITY.finditer(clause):
            span = (start + match.start(), start + match.end())
            unit = _unit(match)
            if not reader.free(*span) or not match["unit"]:
                continue
            target = _target(match, Comparator.EQ, year)
            facility, inside = _open_tail(match["name"])
            name = _clean_name(inside)
            if facility:
                # 建成东区养老院(计划床位120张): the figure belongs to the facility named.
                name = _clean_name(facility) + name
            elif len(name) <= 4:
                name = _clean_name(name + match["object"])
            if target is not None and name:
                reader.add(name, target, unit, *span)

    # 年计划养护孤残儿童150名: a planned figure, per year when it says so.
    for match in g.PLANNED.finditer(clause):
        span = (start + match.start(), start + match.end())
        unit = _unit(match)
        if not reader.free(*span) or not match["unit"]:
            continue
        target = _target(match, Comparator.EQ, year)
        if target is not None:
            per_year = "/年" if match["lead"] else ""
            reader.add("计划" + match["rest"], target, unit + per_year, *span)

    # A commitment word with something that is not a figure after it.
    for match in re.finditer(
        r"(?<!不)(?:达到|不低于|不少于|提高到|控制在)(?P<rest>.{0,8})", clause
    ):
        span = (start + match.start(), start + match.end())
        if reader.free(*span) and g.UNREAD_HINT.match(match["rest"] or ""):
            reader.reject(start, span[1], "a commitment whose level is not a figure")


def _open_tail(text: str) -> tuple[str, str]:
    """``(facility, text)`` after a colon or an unclosed bracket.

    ``东林项目(计划床位`` gives ``("东林项目", "计划床位")``; without a bracket the facility is
    empty.
    """
    text = re.split(r"[:：]", text)[-1]
    for opening, closing in (("(", ")"), ("（", "）")):
        at = text.rfind(opening)
        if at >= 0 and closing not in text[at:]:
            facility = re.split(r"以及|和|等|[)）]", text[:at])[-1]
            facility = re.sub(r"^(?:建成|建设|新建|改建|扩建|推进|完成)", "", facility.strip())
            return facility, text[at + 1 :]
    return "", text


def _comparator_in(before: str, after: str) -> Comparator:
    for word in sorted(g.BEFORE, key=len, reverse=True):
        if before.endswith(word) and not (
            word in {"低于", "高于"} and before.endswith("不" + word)
        ):
            comparator = g.BEFORE[word]
            break
    else:
        comparator = Comparator.EQ
    for word, value in g.AFTER.items():
        if after.startswith(word):
            return value
    return comparator


def _per_unit(prefix: str, unit: str) -> str:
    """``每年每户`` before ``10元`` makes the unit ``元/户·年``."""
    time = re.search(r"每(年|月|日|天)", prefix)
    per = re.search(r"每(户|人|名)", prefix)
    if unit and per:
        return f"{unit}/{per[1]}" + (f"·{time[1]}" if time else "")
    return unit


def _add_relative(
    reader: _LineReader,
    match: re.Match[str],
    name: str,
    span: tuple[int, int],
    year: int,
    focus: int | None = None,
) -> None:
    relation = g.BEFORE.get(match["trigger"], Comparator.EQ)
    reference = match["reference"].strip()
    low = high = None
    if "low" in match.re.groupindex and match["low"]:
        low = _decimal(match["low"])
        high = _decimal(match["high"]) if match["high"] else low
    if low is not None and high is not None and high < low:
        reader.reject(*span, "range with its high end below its low end")
        return
    unit = _unit(match) if low is not None else ""
    reader.add(name, Relative(year, relation, reference, low, high), unit, *span, focus=focus)


# A part of a sentence that names no year at all.
_NO_YEAR = 0


def _sentence_year(sentence: str, default: int, period: Period) -> int | None:
    """The target year of a sentence; ``None`` when it speaks of an earlier period."""
    # 较2020年增长: a base year, not the year of the target.
    years = [
        int(m["year"])
        for m in g.YEAR.finditer(sentence)
        if not sentence[: m.start()].endswith(("较", "比", "与", "相比"))
    ]
    words = [plan_period_year(m.group()) for m in g.PERIOD_WORD.finditer(sentence)]
    if any(w is not None and w < period.end for w in words):
        return None
    future = [y for y in years if y >= period.start]
    if years and not future:
        return None
    if future:
        return (
            max(y for y in future if y <= period.end)
            if any(y <= period.end for y in future)
            else None
        )
    return default


def _read_line(line: str, number: int, period: Period, *, quantities: bool) -> _LineReader:
    """Targets of one line, sentence by sentence (。), part by part (；).

    A part that names its own year (or an earlier period) is read with it; one that names
    none takes its sentence's year, so that ``展望2035年…；…全覆盖`` is not read as a target
    of the plan and ``2020年底达到X；到2025年达到Y`` keeps X out.
    """
    reader = _LineReader(line, number, period.end, quantities=quantities)
    sentences: dict[int, list[tuple[int, str]]] = {}
    for start, clause, sentence in _clauses(line):
        sentences.setdefault(sentence, []).append((start, clause))
    for parts in sentences.values():
        sentence_year = _sentence_year("".join(c for _, c in parts), period.end, period)
        groups: list[list[tuple[int, str]]] = []
        for start, clause in parts:
            if not groups or (start > 0 and line[start - 1] in "；;"):
                groups.append([])
            groups[-1].append((start, clause))
        for group in groups:
            whole = "".join(c for _, c in group)
            year = _sentence_year(whole, _NO_YEAR, period)
            if year == _NO_YEAR:
                year = sentence_year
            if year is None or (g.PAST.search(whole) and not g.FUTURE.search(whole)):
                continue
            reader.year = year
            previous = ""
            for index, (start, clause) in enumerate(group):
                following = group[index + 1][1] if index + 1 < len(group) else ""
                _read_clause(reader, start, clause, previous, following, group[0][1])
                previous = clause
    return reader


def read_passage(
    pieces: Sequence[tuple[int, int, str]], *, period: Period, quantities: bool = False
) -> ProseResult:
    """Targets of one passage wrapped over several lines (a 专栏 box at a fixed width).

    ``pieces`` are ``(line, column, text)``: each line's text and where it starts in the
    document line. The passage is read joined, so that a name or figure broken by the wrap
    is read whole; each quote is then cut to the part on the line where its figure ends, so
    that it stays an exact substring of that line.
    """
    joined = "".join(text for _, _, text in pieces)
    if not pieces or not joined:
        return ProseResult()
    starts: list[int] = []
    offset = 0
    for _, _, text in pieces:
        starts.append(offset)
        offset += len(text)
    reader = _read_line(joined, pieces[0][0], period, quantities=quantities)

    def place(column: int, quote: str) -> tuple[int, int, str]:
        # The quote keeps the line with the figure (or the most of the clause).
        end = column + len(quote)
        best: tuple[bool, int, int, int, str] | None = None
        for index, at in enumerate(starts):
            stop = starts[index + 1] if index + 1 < len(starts) else len(joined)
            begin, finish = max(column, at), min(end, stop)
            if begin >= finish:
                continue
            part = joined[begin:finish]
            key = (bool(re.search(r"\d|覆盖", part)), len(part), index, begin, part)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return pieces[0][0], pieces[0][1], ""
        _, _, index, begin, part = best
        line, first_column, _ = pieces[index]
        return line, first_column + begin - starts[index], part

    targets = []
    for item in sorted(reader.targets, key=lambda t: t.column):
        line, column, quote = place(item.column, item.quote)
        targets.append(attrs.evolve(item, line=line, column=column, quote=quote))
    unread = []
    for phrase in reader.unread:
        line, column, quote = place(phrase.column, phrase.quote)
        unread.append(attrs.evolve(phrase, line=line, column=column, quote=quote))
    return ProseResult(tuple(targets), tuple(unread))


def extract_targets(
    text: str,
    *,
    period: Period,
    skip_lines: Collection[int] = (),
    skip_review: bool = True,
    only_lines: Collection[int] | None = None,
    quantities: bool = False,
) -> ProseResult:
    """Every prose target of ``text`` for a plan covering ``period``.

    ``skip_lines`` holds 1-based line numbers a loader reads otherwise (tables, 专栏 boxes);
    ``only_lines``, when given, restricts reading to those lines, and ``quantities`` reads
    every figure with a unit as a planned quantity (inside 专栏 boxes). Targets without a
    year are due at the end of the plan.
    """
    lines = text.split("\n")
    review = review_lines(lines, period) if skip_review and only_lines is None else frozenset()
    targets: list[ProseTarget] = []
    unread: list[UnreadPhrase] = []
    for number, line in enumerate(lines, start=1):
        if only_lines is not None:
            if number not in only_lines:
                continue
        elif number in review or number in skip_lines or g.TABLE_LINE.search(line):
            continue
        if not g.CLAUSE_HINT.search(line):
            continue
        reader = _read_line(line, number, period, quantities=quantities)
        targets.extend(sorted(reader.targets, key=lambda t: t.column))
        unread.extend(reader.unread)
    return ProseResult(tuple(targets), tuple(unread))


def prose_indicators(
    result: ProseResult, *, plan: str | None = None, file: str | None = None
) -> tuple[list[Indicator], list[Finding]]:
    """Indicators ``p{line}.{k}`` for the targets, and an MZ506 warning per unread phrase."""
    indicators: list[Indicator] = []
    counts: dict[int, int] = {}
    for item in result.targets:
        counts[item.line] = counts.get(item.line, 0) + 1
        indicators.append(
            Indicator(
                id=f"p{item.line}.{counts[item.line]}",
                name=item.name,
                unit=item.unit,
                target=item.target,
                source=Source(SourceKind.PROSE, line=item.line, quote=item.quote),
            )
        )
    findings = [
        make_finding(
            "MZ506",
            Severity.WARNING,
            "Prose target not readable: {quote} ({reason})",
            plan=plan,
            file=file,
            line=phrase.line,
            quote=phrase.quote,
            reason=phrase.reason,
        )
        for phrase in result.unread
    ]
    return indicators, findings
