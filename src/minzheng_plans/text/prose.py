"""Prose targets: sentences that commit to a level by a year or by the end of the plan.

A plan states many of its targets in running text rather than in a table:
``到2020年，农村社区综合服务设施覆盖率达到50%``, ``护理型床位数不低于总床位的60%``,
``按照上年度人均消费支出的25%—35%确定低保标准``. :func:`extract_targets` reads such clauses
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

from minzheng_plans.findings import Finding, Severity, make_finding
from minzheng_plans.model import Indicator, Period, Source, SourceKind
from minzheng_plans.quantity import Comparator, Comparison, Range, Relative, Target

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

# Quotes kept in committed data stay under 40 characters (the clause with the figure).
MAX_QUOTE = 39


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


# --- the grammar --------------------------------------------------------------------------

# A whole number of at most 15 digits (plans write no longer ones), never a piece of a longer
# run: an unbounded \d+ inside patterns with a free-text prefix (_WITHIN_TIME) backtracked
# over every digit from every start, cubic on a long digit run.
_NUM = r"(?<!\d)\d{1,15}(?:\.\d{1,10})?(?!\d)"
_PCT = r"[%％‰]"
_SEP = r"(?:——|--|[-－—–~～至到])"
# Longest first: the regex takes the first alternative that matches.
_UNIT_WORDS = sorted(
    (
        "张",
        "个",
        "家",
        "人",
        "名",
        "所",
        "户",
        "元",
        "平方米",
        "平方公里",
        "项",
        "次",
        "人次",
        "座",
        "处",
        "条",
        "支",
        "客",
        "小时",
        "天",
        "日",
        "个月",
        "倍",
        "份",
        "间",
        "套",
        "辆",
        "亩",
        "公里",
        "岁",
        "床",
        "位",
        "台",
        "批",
        "篇",
        "期",
        "分钟",
        "幅",
        "册",
        "块",
    ),
    key=len,
    reverse=True,
)
_UNIT = r"(?:[万亿千百])?(?:余|多)?(?:" + "|".join(_UNIT_WORDS) + r")?"
_VALUE = (
    rf"(?P<low>{_NUM})(?P<lowpct>{_PCT})?"
    rf"(?:{_SEP}(?P<high>{_NUM}))?(?P<pct>{_PCT})?(?P<unit>{_UNIT})"
)
_VALUE_RE = re.compile(_VALUE)

# Words before a value, with the comparator the document states (DESIGN contract).
_BEFORE: dict[str, Comparator] = {
    "达到": Comparator.EQ,
    "提高到": Comparator.EQ,
    "提高至": Comparator.EQ,
    "提升到": Comparator.EQ,
    "提升至": Comparator.EQ,
    "增加到": Comparator.EQ,
    "增加至": Comparator.EQ,
    "增长到": Comparator.EQ,
    "增长至": Comparator.EQ,
    "增至": Comparator.EQ,
    "保持在": Comparator.EQ,
    "保持": Comparator.EQ,
    "稳定在": Comparator.EQ,
    "力争达": Comparator.EQ,
    "达": Comparator.EQ,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "至少建有": Comparator.GE,
    "至少有": Comparator.GE,
    "至少": Comparator.GE,
    "超过": Comparator.GT,
    "高于": Comparator.GT,
    "不高于": Comparator.LE,
    "不超过": Comparator.LE,
    "不多于": Comparator.LE,
    "控制在": Comparator.LE,
    "低于": Comparator.LT,
}
_BEFORE_RE = "|".join(sorted(_BEFORE, key=len, reverse=True))
# ``低于`` / ``高于`` only when not part of ``不低于`` / ``不高于``.
_TRIGGER_RE = re.compile(
    rf"(?<!不)(?P<trigger>{_BEFORE_RE})(?:约)?{_VALUE}(?P<after>以上|以下|以内|之内|左右)?"
)
_AFTER: dict[str, Comparator] = {
    "以上": Comparator.GE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
}

# Clause boundaries: full-width and ASCII punctuation the seeds use alike.
_CLAUSE_END = re.compile(r"[，,；;。！!？?：:]")
_SENTENCE_END = re.compile(r"[。；;！!？?]")

# Fillers a name does not include: leading adverbs, scope words and verbs of commitment.
_LEAD = re.compile(
    r"^(?:(?:到|至|截至|截止|争取到|力争到|在)?\d{4}年(?:底|末|前)?|争取|力争|确保|保证|保障|"
    r"全市|全区|全县|全省|全国|全镇|实现|基本|要|并|其中|使|推动|推进|执行|达到|对|原则上|"
    r"逐步|进一步|总体|每年|同时|以及|和|与|及|深化|落实|加快|加强|“十[一二三四五六七八九]·?五”(?:期间|时期|末)?)+"
)
_TRAIL = re.compile(r"(?:要|将|应|均|都|总体|基本|逐步|稳定|力争|争取|确保|分别|进一步)+$")
_PAST = re.compile(
    r"已|累计|比.{0,6}增加|较.{0,12}(?:增加|增长|提高)|由.{0,12}(?:提高|提升|增加)到"
)
_FUTURE = re.compile(r"到\d{4}年|力争|争取")
# Years may be written in full-width digits (２０２５年); int() reads both forms.
_CENTURY = "(?:19|20|１９|２０)"
_YEAR = re.compile(r"(?<!\d)(?P<year>" + _CENTURY + r"\d{2})年")
_PERIOD_WORD = re.compile(r"“十(?P<n>[一二三四五六七八九])·?五”")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COVER = re.compile(r"(?<![“、])(?P<scope>[^，,；;。“”]{0,12}?)全覆盖(?!”)")
_COVER_ALL = re.compile(r"覆盖(?:所有|全部)(?P<scope>[^，,；;。]{1,12})")
_EACH = re.compile(
    rf"每个?(?P<per>[^，,；;。每个]{{1,6}}?)(?:确保|均|都|要)?(?:至少)?(?:拥有|有|建成|建设|建有|配备|设立|设置|组建)"
    rf"{_VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。、]{{2,30}})"
)
_LEADING_SHARE = re.compile(
    rf"(?P<value>{_NUM}[%％])(?P<after>以上|以下)?的?(?!以[上下])(?P<scope>[^，,；;。和、\d]{{1,12}}?)"
    r"(?=和|、|建立|建成|实现|设立|开展|配备|拥有|有|达到|$)"
)
_BUILD = re.compile(
    rf"(?P<least>至少)?(?P<verb>新建和改扩建|改扩建|新增|新建|改建|扩建|建成|建设|培育|创建|新开|筹集|培养培训|培养|培训|"
    r"打造|设立|建立|提升|拥有|配备|组建)(?P<where>全市|全区|全县|全省|[^，,；;。\d]{1,20}?等)?(?:约)?"
    rf"{_VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。和、\d]{{2,24}}?)(?=和|、|[，,；;。]|$)"
)
# ``按照…的标准/比例 确定/提高/给予 …``: the level is a rule for something named after it.
_BY_RULE = re.compile(
    r"(?:按照|按|以)(?:原则上)?(?P<inner>[^，,；;。]{1,40}?)(?:的(?P<noun>标准|比例|增长速度|速度|幅度))?"
    r"(?P<verb>确定|提高|给予|落实|安排|发放|调整)(?P<object>[^，,；;。]{1,30}?)(?=、(?:按|以)|[，,；;。]|$)"
)
_RELATIVE = re.compile(
    r"(?P<trigger>不低于|不高于|达到|高于|低于|不少于)(?P<reference>[^，,；;。\d]{2,24}?)的"
    rf"{_VALUE}"
)
_RELATIVE_LEVEL = re.compile(
    r"(?<!不)(?P<trigger>不低于|不高于|高于|低于|不少于)(?P<reference>[^，,；;。\d]{2,24}?"
    r"(?:水平|增速|增幅|增长率|增长幅度))"
)
# 上年度人均消费支出的25%—35% inside 按照…确定: a share of a named reference.
_SHARE_OF = re.compile(rf"^(?P<trigger>)(?P<reference>[^\d，,；;。]{{2,24}}?)的{_VALUE}$")
_QUANTITY = re.compile(
    rf"(?P<name>[^，,；;。、\d“”]{{2,20}}?)(?:约|为|共|达|总计)?{_VALUE}(?P<after>以上|左右)?"
    r"(?P<object>[^，,；;。、\d(（)）]{0,16})"
)
_PLANNED = re.compile(rf"(?P<lead>(?<![\d])年|每年)?计划(?P<rest>[^，,；;。\d]{{2,40}}?){_VALUE}")
_PER_CAPITA = re.compile(
    r"(?P<subjects>每[千百万十][^，,；;。\d]{1,30}?)(?:均|都)?拥有(?P<object>[^，,；;。\d]{0,16}?)"
    rf"{_VALUE}(?P<tail>[^，,；;。、\d]{{0,12}})"
)
_EACH_BARE = re.compile(
    rf"每个(?P<per>[^，,；;。、\d有建配设拥]{{1,8}}?){_VALUE}(?=、每个|[^，,；;。、\d]{{2,}})"
)
_MORE = re.compile(rf"(?:和|、){_VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。和、]{{2,24}})")
_VERB_OBJECT = re.compile(
    r"(?P<verb>筹集|销售|新增|改造|发放|募集|其中)(?P<object>[^，,；;。、\d“”]{1,14}?)"
    rf"(?:约|达)?{_VALUE}(?P<after>以上|左右)?"
)
_GENERIC_NAME = re.compile(r"覆盖率|比例|占比|比率|达标率|完成率")
_BARE_RATE = re.compile(
    r"(?P<name>[^，,；;。\d]{2,24}?(?:率|比例|占比))(?P<value>\d+(?:\.\d+)?[%％])(?![\d~～-])"
)
_GROWTH = re.compile(
    r"(?P<name>[^，,；;。\d]{0,24}?)较(?P<base>" + _CENTURY + r"\d{2})年(?:增长|提高|增加)"
    r"(?P<value>\d+(?:\.\d+)?[%％])"
)
_WITHIN_TIME = re.compile(
    rf"(?P<subject>[^，,；;。]{{2,20}}?){_VALUE}(?P<after>之内|以内|内)(?P<what>[^，,；;。]{{0,16}})"
)
_UNREAD_HINT = re.compile(r"[一二三四五六七八九十百千万两半倍番成“]")
_HEADING = re.compile(
    r"^\s*(?:(?P<chapter>第[一二三四五六七八九十]+(?:章|部分))|(?P<part>[一二三四五六七八九十]+、)|"
    r"(?P<section>第[一二三四五六七八九十]+节))"
)
_REVIEW_WORDS = re.compile(r"回顾|实施情况|发展基础|发展现状|成就|成绩|工作成效|完成情况|面临的")
_TABLE_LINE = re.compile(r" \| .* \| |\|\s*$")


def plan_period_year(text: str) -> int | None:
    """The end year a ``“十三五”``-style period word names (十三五 → 2020)."""
    match = _PERIOD_WORD.search(text)
    if match is None:
        return None
    return 1955 + 5 * (10 + _CN[match["n"]])


def review_lines(lines: Sequence[str], period: Period | None = None) -> frozenset[int]:
    """1-based numbers of lines inside review sections (实施情况, 回顾, 发展基础 …).

    A heading is a review when its title says so, or when the first paragraph under it
    speaks of an earlier plan period (``“十三五”时期…`` in a 14th plan). It covers the lines
    up to the next heading of the same or a higher level.
    """
    review: set[int] = set()
    active: int | None = None  # level of the open review heading
    pending: int | None = None  # level of a heading whose first paragraph is still to come
    for number, line in enumerate(lines, start=1):
        match = _HEADING.match(line)
        if match is not None and len(line.strip()) <= 60:
            level = 1 if match["chapter"] or match["part"] else 2
            if active is not None and level <= active:
                active = None
            pending = None
            if active is None:
                if _REVIEW_WORDS.search(line):
                    active = level
                else:
                    pending = level
        elif line.strip() and active is None and period is not None:
            # A paragraph opening on an earlier period reviews it: the review runs to the
            # next heading (of any level when no heading introduced it).
            if _opens_review(line, period, 40 if pending is not None else 20):
                active = pending if pending is not None else _ANY_HEADING
            pending = None
        if active is not None:
            review.add(number)
    return frozenset(review)


_ANY_HEADING = 99


def _opens_review(line: str, period: Period, width: int) -> bool:
    head = line.strip()[:width]
    earlier = [plan_period_year(m.group()) for m in _PERIOD_WORD.finditer(head)]
    ahead = [int(y) for y in re.findall(r"(?:到|至)(" + _CENTURY + r"\d{2})年", line)]
    return any(y is not None and y < period.end for y in earlier) and not any(
        y >= period.start for y in ahead
    )


def _clauses(line: str) -> Iterator[tuple[int, str, int]]:
    """``(start, clause, sentence index)`` for each clause of a line."""
    start = 0
    sentence = 0
    for match in _CLAUSE_END.finditer(line):
        # A comma between digits is a thousands separator, not a clause end.
        at = match.start()
        if match.group() == "," and 0 < at < len(line) - 1 and _between_digits(line, at):
            continue
        yield start, line[start : match.start()], sentence
        if _SENTENCE_END.match(match.group()):
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
    previous = None
    while previous != name:
        previous = name
        name = _LEAD.sub("", name).strip(" \u3000\t、")
        name = _TRAIL.sub("", name).strip(" \u3000\t、")
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


def _quote(line: str, start: int, end: int) -> tuple[int, str]:
    """The clause ``line[start:end]`` cut to its last :data:`MAX_QUOTE` characters."""
    text = line[start:end].rstrip()
    if len(text) > MAX_QUOTE:
        start += len(text) - MAX_QUOTE
        text = text[-MAX_QUOTE:]
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

    def add(self, name: str, target: Target, unit: str, start: int, end: int) -> None:
        name = _clean_name(name)
        if not name:
            self.reject(start, end, "no indicator name before the figure")
            return
        self.claimed.append((start, end))
        column, quote = _quote(self.line, start, end)
        self.targets.append(ProseTarget(name, target, unit, self.number, column, quote))

    def reject(self, start: int, end: int, reason: str) -> None:
        self.claimed.append((start, end))
        column, quote = _quote(self.line, start, end)
        self.unread.append(UnreadPhrase(self.number, column, quote, reason))


def _read_clause(reader: _LineReader, start: int, clause: str, previous: str) -> None:
    """Every target of one clause; ``previous`` is the clause before it in the sentence."""
    reader.clause_from = len(reader.claimed)
    year = reader.year

    # 按照…的标准确定…: the thing named after the verb is the indicator.
    for match in _BY_RULE.finditer(clause):
        inner = match["inner"]
        value = _VALUE_RE.search(inner)
        relative = (
            _RELATIVE.search(inner) or _RELATIVE_LEVEL.search(inner) or _SHARE_OF.search(inner)
        )
        name = match["object"]
        if match["noun"] and match["noun"] != "标准":
            prefix = inner[: value.start()] if value else ""
            name += ("年均" if "年均" in prefix else "") + match["noun"]
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        if relative is not None:
            _add_relative(reader, relative, name, span, year)
        elif value is not None and value["low"]:
            comparator = _comparator_in(inner[: value.start()], inner[value.end() :])
            target = _target(value, comparator, year)
            if target is None:
                reader.reject(*span, "range with its high end below its low end")
                continue
            reader.add(name, target, _per_unit(inner[: value.start()], _unit(value)), *span)

    # 不低于户籍老年人口的3.5% / 不低于当地平均生活水平: relative to a named reference.
    for pattern in (_RELATIVE, _RELATIVE_LEVEL):
        for match in pattern.finditer(clause):
            span = (start + match.start(), start + match.end())
            if reader.free(*span):
                name = clause[: match.start()]
                _add_relative(reader, match, name, span, year)

    # 每个乡镇至少有1个…: a count per unit of area.
    for match in _EACH.finditer(clause):
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        at_least = "至少" in match.group() or match["after"] == "以上"
        comparator = Comparator.GE if at_least else Comparator.EQ
        target = _target(match, comparator, year)
        if target is not None:
            name = f"每{match['per']}{_clean_name(match['object'])}数"
            reader.add(name, target, _unit(match), *span)

    # 每个城市社区2名、每个农村社区1名社会工作专业人才: counts per place, one object.
    bare = [m for m in _EACH_BARE.finditer(clause) if m["unit"]]
    if bare:
        counted = _clean_name(clause[bare[-1].end() :])
        for match in bare:
            span = (start + match.start(), start + match.end())
            target = _target(match, Comparator.EQ, year)
            if counted and target is not None and reader.free(*span):
                reader.add(f"每{match['per']}{counted}数", target, _unit(match), *span)

    # X达到N / X不低于N / X控制在N以内.
    for match in _TRIGGER_RE.finditer(clause):
        span = (start + match.start(), start + match.end())
        if not reader.free(*span):
            continue
        comparator = _BEFORE[match["trigger"]]
        if match["after"] in _AFTER:
            comparator = _AFTER[match["after"]]
        target = _target(match, comparator, year)
        if target is None:
            reader.reject(*span, "range with its high end below its low end")
            continue
        raw_name = clause[: match.start()]
        name = raw_name
        if _clean_name(name) == "" and previous:
            name = re.split(r"较|比(?=\d|上年|去年)", previous)[0]
        elif _GENERIC_NAME.fullmatch(_clean_name(name)) and previous:
            # 每个镇建设1个公墓,力争覆盖率达到100%: the rate is of what the clause before built.
            last = list(_VALUE_RE.finditer(previous))
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
                reader.add(part, target, _unit(match), start + _name_start(clause, match), end)
            continue
        reader.add(name, target, _unit(match), start + _name_start(clause, match), end)

    # 确保上岗培训率100%: a rate stated with no verb.
    for match in _BARE_RATE.finditer(clause):
        span = (start + match.start(), start + match.end())
        value = _VALUE_RE.match(match["value"])
        if reader.free(*span) and value is not None:
            target = _target(value, Comparator.EQ, year)
            if target is not None:
                reader.add(match["name"], target, "%", *span)

    # 较2020年增长5%: growth over a base year.
    for match in _GROWTH.finditer(clause):
        span = (start + match.start(), start + match.end())
        value = _VALUE_RE.match(match["value"])
        name = _clean_name(match["name"]) or _clean_name(previous)
        if reader.free(*span) and value is not None and name:
            target = _target(value, Comparator.EQ, year)
            if target is not None:
                reader.add(f"{name}较{match['base']}年增长", target, "%", *span)

    # 90%以上的乡镇…建立…: shares written before what they count.
    shares = list(_LEADING_SHARE.finditer(clause))
    if shares:
        rest = clause[shares[-1].end() :]
        before = clause[: shares[0].start()]
        for match in shares:
            span = (start + match.start(), start + match.end())
            if not reader.free(*span):
                continue
            value = _VALUE_RE.match(match["value"])
            assert value is not None
            comparator = _AFTER.get(match["after"] or "", Comparator.EQ)
            target = _target(value, comparator, year)
            if target is None:
                continue
            if before.endswith("覆盖"):
                # 设施覆盖80%以上的城镇社区: a coverage rate of the places named.
                name = f"{_clean_name(before[:-2])}{match['scope']}覆盖率"
                reader.add(name, target, "%", start + len(before) - len(before.lstrip()), span[1])
            else:
                rest = rest.strip()
                if rest.startswith("达到"):
                    name = f"{match['scope']}{rest}比例"
                else:
                    name = f"{rest}的{match['scope']}比例"
                reader.add(name, target, "%", *span)

    # 每千名老人拥有各类养老床位35张 / 每千名老年人、每百张床位均拥有1名社工: per-capita levels.
    for match in _PER_CAPITA.finditer(clause):
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
    for match in _COVER.finditer(clause):
        span = (start + match.start(), start + match.end())
        before = clause[: match.start()]
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
    for match in _COVER_ALL.finditer(clause):
        span = (start + match.start(), start + match.end())
        if reader.free(*span):
            subject = _clean_name(clause[: match.start()])
            target = Comparison(year, Decimal(100), Comparator.EQ)
            reader.add(f"{subject}{match['scope']}覆盖率", target, "%", start, span[1])

    # 自然灾害发生12小时之内: a time limit.
    for match in _WITHIN_TIME.finditer(clause):
        span = (start + match.start(), start + match.end())
        if reader.free(*span) and match["unit"] in {"小时", "天", "日", "个月", "分钟"}:
            target = _target(match, Comparator.LE, year)
            if target is not None:
                name = _clean_name(match["subject"].replace("实现", ""))
                name += _clean_name(match["what"])
                reader.add(f"{name}时限", target, match["unit"], *span)

    # 新建2家县级殡仪馆: a quantified task.
    for match in _BUILD.finditer(clause):
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
        while more := _MORE.match(clause, at):
            more_comparator = Comparator.GE if more["after"] == "以上" else Comparator.EQ
            more_target = _target(more, more_comparator, year)
            more_span = (start + more.start(), start + more.end())
            if more_target is not None and reader.free(*more_span) and _unit(more):
                name = match["verb"] + re.split(r"及|并|等(?!级)", more["object"])[0]
                reader.add(name, more_target, _unit(more), *more_span)
            at = more.end()

    # 筹集公益金3985万元 / 其中本级公益金910万元: a task with its figure after the object.
    for match in _VERB_OBJECT.finditer(clause):
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
        for match in _QUANTITY.finditer(clause):
            span = (start + match.start(), start + match.end())
            unit = _unit(match)
            if not reader.free(*span) or not match["unit"]:
                continue
            target = _target(match, Comparator.EQ, year)
            facility, inside = _open_tail(match["name"])
            name = _clean_name(inside)
            if facility:
                # 建成万东养老中心(计划床位189张): the figure belongs to the facility named.
                name = _clean_name(facility) + name
            elif len(name) <= 4:
                name = _clean_name(name + match["object"])
            if target is not None and name:
                reader.add(name, target, unit, *span)

    # 年计划养护孤残儿童150名: a planned figure, per year when it says so.
    for match in _PLANNED.finditer(clause):
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
        if reader.free(*span) and _UNREAD_HINT.match(match["rest"] or ""):
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


def _name_start(clause: str, match: re.Match[str]) -> int:
    """Where the quote for a trigger match starts: at the name, i.e. the clause start."""
    del match
    return len(clause) - len(clause.lstrip())


def _comparator_in(before: str, after: str) -> Comparator:
    for word in sorted(_BEFORE, key=len, reverse=True):
        if before.endswith(word) and not (
            word in {"低于", "高于"} and before.endswith("不" + word)
        ):
            comparator = _BEFORE[word]
            break
    else:
        comparator = Comparator.EQ
    for word, value in _AFTER.items():
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
    reader: _LineReader, match: re.Match[str], name: str, span: tuple[int, int], year: int
) -> None:
    relation = _BEFORE.get(match["trigger"], Comparator.EQ)
    reference = match["reference"].strip()
    low = high = None
    if "low" in match.re.groupindex and match["low"]:
        low = _decimal(match["low"])
        high = _decimal(match["high"]) if match["high"] else low
    if low is not None and high is not None and high < low:
        reader.reject(*span, "range with its high end below its low end")
        return
    unit = _unit(match) if low is not None else ""
    reader.add(name, Relative(year, relation, reference, low, high), unit, *span)


def _sentence_year(sentence: str, default: int, period: Period) -> int | None:
    """The target year of a sentence; ``None`` when it speaks of an earlier period."""
    years = [int(m["year"]) for m in _YEAR.finditer(sentence)]
    words = [plan_period_year(m.group()) for m in _PERIOD_WORD.finditer(sentence)]
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
    reader = _LineReader(line, number, period.end, quantities=quantities)
    sentences: dict[int, list[tuple[int, str]]] = {}
    for start, clause, sentence in _clauses(line):
        sentences.setdefault(sentence, []).append((start, clause))
    for parts in sentences.values():
        whole = "".join(c for _, c in parts)
        year = _sentence_year(whole, period.end, period)
        if year is None or (_PAST.search(whole) and not _FUTURE.search(whole)):
            continue
        reader.year = year
        previous = ""
        for start, clause in parts:
            _read_clause(reader, start, clause, previous)
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
    review = review_lines(lines, period) if skip_review else frozenset()
    targets: list[ProseTarget] = []
    unread: list[UnreadPhrase] = []
    for number, line in enumerate(lines, start=1):
        if only_lines is not None:
            if number not in only_lines:
                continue
        elif number in review or number in skip_lines or _TABLE_LINE.search(line):
            continue
        if not re.search(r"\d|覆盖|达到|不低于|不少于|不高于", line):
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
