"""The grammar of prose targets: figures, units, commitment words and clause patterns.

Shared by :mod:`minzheng_plans.text.prose` (which applies the patterns) and
:mod:`minzheng_plans.text._review` (which needs the period words). Patterns are written
against the document text as published, so both full-width and ASCII punctuation appear.
"""

from __future__ import annotations

import re

from minzheng_plans.core.quantity import Comparator
from minzheng_plans.core.values import COMPARATOR_WORDS

# A whole number of at most 15 digits (plans write no longer ones), never a piece of a longer
# run: an unbounded \d+ inside patterns with a free-text prefix (WITHIN_TIME) backtracked
# over every digit from every start, cubic on a long digit run. Nor a piece of a longer
# decimal: 0.000…1 with 40 places is no figure, not 0 (#17), and its tail is not one either.
NUM = r"(?<!\d)(?<!\d\.)\d{1,15}(?:\.\d{1,10})?(?!\d|\.\d)"
PCT = r"[%％‰]"
SEP = r"(?:——|--|[-－—–~～至到])"
# Longest first: the regex takes the first alternative that matches. Only units the project
# registry (data/units.toml) knows: a figure in another unit is not read as a target.
UNIT_WORDS = sorted(
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
        "套",
        "辆",
        "亩",
        "公里",
        "床",
        "位",
        "台",
        "幅",
        "周",
        "周岁",
        "岁",
    ),
    key=len,
    reverse=True,
)
UNIT = r"(?:[万亿千百])?(?:余|多)?(?:" + "|".join(UNIT_WORDS) + r")?"
# A range may repeat its unit after the low end (35张至40张, 8人到10人, 50%—55%).
LOW_UNIT = r"(?:[万亿千百])?(?:" + "|".join(UNIT_WORDS) + r")"
VALUE = (
    rf"(?P<low>{NUM})(?P<lowpct>{PCT})?"
    rf"(?:(?P<lowunit>{LOW_UNIT})?{SEP}(?P<high>{NUM}))?(?P<pct>{PCT})?(?P<unit>{UNIT})"
)
VALUE_RE = re.compile(VALUE)

# Words that open a target in prose. Their comparators come from the value-cell parser's
# table, so a word means the same in a table cell and in a sentence (DESIGN contract); prose
# takes fewer words (a bare 为 or 大于 opens no commitment) and adds a few phrases of its own.
_PROSE_TRIGGERS = (
    "达到", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至",
    "增至", "保持在", "保持", "稳定在", "达", "不低于", "不少于", "至少", "超过", "高于",
    "不高于", "不超过", "不多于", "控制在", "低于",
)  # fmt: skip
_PROSE_ONLY: dict[str, Comparator] = {
    "力争达": Comparator.EQ,
    "至少建有": Comparator.GE,
    "至少有": Comparator.GE,
    "降到": Comparator.EQ,
    "下降到": Comparator.EQ,
    "降低到": Comparator.EQ,
    "降至": Comparator.EQ,
    # 为 states a level only after a rate or a standard (覆盖率为100%): see RATE_END.
    "为": Comparator.EQ,
}
#: Words that make a figure approximate (约60亿元, 85%左右); the comparator stays ``=``.
APPROX_BEFORE = ("约", "大约")
APPROX_AFTER = "左右"


def _stated(word: str) -> Comparator:
    comparator = COMPARATOR_WORDS[word]
    if comparator is None:  # a table edit that would make a prose trigger approximate
        msg = f"prose trigger {word!r} states no comparator"
        raise ValueError(msg)
    return comparator


BEFORE: dict[str, Comparator] = {
    **{word: _stated(word) for word in _PROSE_TRIGGERS},
    **_PROSE_ONLY,
}
BEFORE_RE = "|".join(sorted(BEFORE, key=len, reverse=True))
# ``低于`` / ``高于`` only when not part of ``不低于`` / ``不高于``.
# A per phrase may stand between the trigger and the figure (不低于每人每月1400元).
PER_WORDS = r"(?:每(?:人|户|名|年|月|日|天|周)){1,2}"
AFTER_RE = r"(?P<after>及以上|及以下|以上|以下|以内|之内|左右)"
# A scaled base between the trigger and the figure: 社会组织数量达到每万人5个.
BASE_WORDS = r"每[十百千万](?:名|位)?(?:老年人|老人|常住人口|居民|人|户)"
TRIGGER_RE = re.compile(
    rf"(?<!不)(?P<trigger>{BEFORE_RE}|约|大约)(?P<approx>约|大约)?(?P<per>{PER_WORDS})?"
    rf"(?P<base>{BASE_WORDS})?为?{VALUE}{AFTER_RE}?"
)
AFTER: dict[str, Comparator] = {
    "及以上": Comparator.GE,
    "以上": Comparator.GE,
    "及以下": Comparator.LE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
}
# The names 为 may follow: rates, shares, standards and amounts.
RATE_END = re.compile(r"(?:率|比例|占比|比重|标准|面积|水平|金额|总额|总量|数量|费)$")
# A time base opening a name (每周联系和交流): the count is per that time.
LEADING_TIME = re.compile(r"^每(?:年|月|周|日|天)")
# A per phrase ending a name (城市低保标准每人每月): it belongs to the unit.
TRAILING_PER = re.compile(rf"{PER_WORDS}$")
# A per-capita base inside a name: 每千名老年人, 每百户居民, 每万名城镇常住人口, 每百张床位.
PER_BASE = re.compile(
    r"每(?P<scale>[十百千万]+)(?P<counter>名|张|户|个|位)?(?P<noun>[^\d每，,；;。、拥配均都有]{0,10}?)"
    r"(?=拥有|配备|均|都|有|$)"
)
# 年均增长8%以上 / 年均增长不低于8% / 年均增速10%左右: an annual growth rate.
ANNUAL_GROWTH = re.compile(
    r"(?P<name>[^，,；;。\d]{0,30}?)年均(?:增长|增幅|增速|提高|递增)(?:率|速度|幅度)?"
    rf"(?P<trigger>{BEFORE_RE}|约)?(?P<value>{NUM}(?:{SEP}{NUM})?[%％]){AFTER_RE}?"
)
# Figures counted over the whole period: 累计, or “十四五”期间 with a flow (新增, 筹集 …).
CUMULATIVE = re.compile(r"累计")
FLOW_NAME = re.compile(r"新增|新建|筹集|募集|销售|培训|培养|发放|改造|改扩建|公益金")
# 分别达到A、B、C: one figure for each subject named before it; a per-unit phrase may stand
# before the figures (分别达到每人每月800元和600元).
SEVERALLY = re.compile(
    rf"分别(?P<trigger>{BEFORE_RE})?(?P<per>{PER_WORDS})?"
    rf"(?P<values>{NUM}[%％‰]?{UNIT}"
    rf"(?:(?:、|和|与|及|,|，){NUM}[%％‰]?{UNIT}){{1,8}})(?P<after>以上|以下|左右)?"
)

# Clause boundaries: full-width and ASCII punctuation the seeds use alike.
CLAUSE_END = re.compile(r"[，,；;。！!？?：:]")
SENTENCE_END = re.compile(r"[。！!？?]")

# Fillers a name does not include: leading adverbs, scope words and verbs of commitment.
LEAD = re.compile(
    r"^(?:(?:到|至|截至|截止|争取到|力争到|在)?(?:\d{4}|[二][〇零○][一二三四五六七八九〇零○]{2})年"
    r"(?:底前|末前|底|末|前)?|累计|所有|争取|力争|确保|保证|保障|"
    r"全市|全区|全县|全省|全国|全镇|实现|基本|要|并|其中|使|推动|推进|执行|达到|对|原则上|"
    r"逐步|进一步|总体|每年|同时|以及|和|与|及|深化|落实|加快|加强|“十[一二三四五六七八九]·?五”(?:期间|时期|末)?)+"
)
TRAIL = re.compile(r"(?:要|将|应|均|都|总体上|总体|基本|逐步|稳定|力争|争取|确保|分别|进一步)+$")
# Past-tense markers; 较2020年增长 is not one (targets are stated against a base year).
PAST = re.compile(r"已|由.{0,12}(?:提高|提升|增加)到")
FUTURE = re.compile(r"到\d{4}年|力争|争取")
# Years may be written in full-width digits (２０２５年); int() reads both forms.
CENTURY = "(?:19|20|１９|２０)"
YEAR = re.compile(r"(?<!\d)(?P<year>" + CENTURY + r"\d{2})年")
# 二〇二三年底前: a year in Chinese numerals (read with CN_DIGITS).
CN_YEAR = re.compile(r"(?P<year>[二一][〇零○][一二三四五六七八九〇零○]{2})年")
CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
PERIOD_WORD = re.compile(r"“十(?P<n>[一二三四五六七八九])·?五”")
CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
COVER = re.compile(r"(?P<scope>[^，,；;。“”、]{0,12}?)(?<![“、])全覆盖(?![”、])")
COVER_ALL = re.compile(r"覆盖(?:所有|全部)(?P<scope>[^，,；;。]{1,12})")
EACH = re.compile(
    rf"每个?(?![千百万十])(?P<per>[^，,；;。每个]{{1,6}}?)(?:确保|均|都|要)?(?:至少)?(?:拥有|有|建成|建设|建有|配备|设立|设置|组建)"
    rf"{VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。、]{{2,30}})"
)
LEADING_SHARE = re.compile(
    rf"(?P<value>{NUM}[%％])(?P<after>以上|以下)?的?(?!以[上下])(?P<scope>[^，,；;。和、\d]{{1,12}}?)"
    r"(?=和|、|建立|建成|实现|设立|开展|配备|拥有|有|达到|$)"
)
BUILD = re.compile(
    rf"(?P<least>至少)?(?P<verb>新建和改扩建|新建、续建|改扩建|新增|新建|续建|改建|扩建|建成|建设|培育|创建|新开|筹集|培养培训|培养|培训|"
    r"打造|设立|建立|提升|拥有|配备|组建)(?P<where>全市|全区|全县|全省|[^，,；;。\d]{1,20}?等)?(?:约)?"
    rf"{VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。和、\d]{{2,24}}?)(?=和|、|[，,；;。]|$)"
)
# ``按照…的标准/比例 确定/提高/给予 …``: the level is a rule for something named after it.
BY_RULE = re.compile(
    r"(?:按照|按|以)(?:原则上)?(?P<inner>[^，,；;。]{1,40}?)(?:的(?P<noun>标准|比例|增长速度|速度|幅度))?"
    r"(?P<verb>确定|提高|给予|落实|安排|发放|调整)(?P<object>[^，,；;。]{1,30}?)(?=、(?:按|以)|[，,；;。]|$)"
)
RELATIVE = re.compile(
    r"(?P<trigger>不低于|不高于|达到|高于|低于|不少于)(?P<reference>[^，,；;。\d]{2,24}?)的"
    rf"{VALUE}"
)
RELATIVE_LEVEL = re.compile(
    r"(?<!不)(?P<trigger>不低于|不高于|高于|低于|不少于)(?P<reference>[^，,；;。\d]{2,24}?"
    r"(?:水平|增速|增幅|增长率|增长幅度))"
)
# 上年度居民消费支出的20%—30% inside 按照…确定: a share of a named reference.
SHARE_OF = re.compile(rf"^(?P<trigger>)(?P<reference>[^\d，,；;。]{{2,24}}?)的{VALUE}$")
QUANTITY = re.compile(
    rf"(?P<name>[^，,；;。、\d“”]{{2,20}}?)(?:约|为|共|达|总计)?{VALUE}(?P<after>以上|左右)?"
    r"(?P<object>[^，,；;。、\d(（)）]{0,16})"
)
PLANNED = re.compile(rf"(?P<lead>(?<![\d])年|每年)?计划(?P<rest>[^，,；;。\d]{{2,40}}?){VALUE}")
PER_CAPITA = re.compile(
    r"(?P<subjects>每[千百万十][^，,；;。\d]{1,30}?)(?:均|都)?拥有(?P<object>[^，,；;。\d]{0,16}?)"
    rf"{VALUE}(?P<after>以上|以下|左右)?(?P<tail>[^，,；;。、\d]{{0,12}})"
)
EACH_BARE = re.compile(
    rf"每个(?P<per>[^，,；;。、\d有建配设拥]{{1,8}}?){VALUE}(?=、每个|[^，,；;。、\d]{{2,}})"
)
MORE = re.compile(rf"(?:和|、){VALUE}(?P<after>以上|左右)?(?P<object>[^，,；;。和、]{{2,24}})")
VERB_OBJECT = re.compile(
    r"(?P<verb>筹集|销售|新增|改造|发放|募集|培训|培养|新建|其中)(?P<object>[^，,；;。、\d“”]{1,14}?)"
    rf"(?:约|达)?{VALUE}(?P<after>以上|左右)?"
)
WHO = re.compile(r"^\s*对(?P<who>[^，,；;。在的]{2,12})")
# A clause with none of these cannot hold a target (or an unreadable commitment).
CLAUSE_HINT = re.compile(r"\d|覆盖|低于|高于|不少于|达到|提高到|控制在")
# Words that make a clause a commitment: a figure in such a clause that no pattern reads is
# reported (MZ507), so that nothing a plan commits to disappears silently.
COMMITMENT = re.compile(
    r"达到|达|不低于|不少于|不超过|不高于|控制在|提高到|提升到|增加到|增长|以上|以内|以下|"
    r"新增|新建|建成|建设|培育|培训|覆盖|力争|确保|实现|保持|稳定在|降到|降至|年均"
)
GENERIC_NAME = re.compile(r"覆盖率|比例|占比|比率|达标率|完成率")
BARE_RATE = re.compile(
    r"(?P<name>[^，,；;。\d]{2,24}?(?:率|比例|占比))(?P<value>\d+(?:\.\d+)?[%％])(?![\d~～-])"
)
GROWTH = re.compile(
    r"(?P<name>[^，,；;。\d]{0,24}?)较(?P<base>" + CENTURY + r"\d{2})年(?:增长|提高|增加)"
    r"(?P<value>\d+(?:\.\d+)?[%％])"
)
WITHIN_TIME = re.compile(
    rf"(?P<subject>[^，,；;。]{{2,20}}?){VALUE}(?P<after>之内|以内|内)(?P<what>[^，,；;。]{{0,16}})"
)
UNREAD_HINT = re.compile(r"[一二三四五六七八九十百千万两半倍番成“]")
HEADING = re.compile(
    r"^\s*(?:(?P<chapter>第[一二三四五六七八九十]+(?:章|部分))|(?P<part>[一二三四五六七八九十]+、)|"
    r"(?P<section>第[一二三四五六七八九十]+节))"
)
REVIEW_WORDS = re.compile(r"回顾|实施情况|发展基础|发展现状|成就|成绩|工作成效|完成情况|面临的")
TABLE_LINE = re.compile(r" \| .* \| |\|\s*$")
