"""Plan metadata read from the text: title, issuers, document number, dates, 依据 and period.

Published plans reach us as web pages: a block of labelled fields (发文字号, 成文日期 …), the
notice that issues the plan (``X关于印发《…》的通知``, signed and dated), then the plan itself,
whose preamble names the plans it is based on (``依据《A》和《B》…制定本规划``). Each reader
here is small and independent so that a loader can combine them with what it knows about its
own layout; :func:`read_metadata` combines them the common way.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping

import attrs

from minzheng_plans.core.model import Period
from minzheng_plans.text._numerals import parse_chinese_numeral
from minzheng_plans.text.normalise import NormalisedText, normalise

__all__ = [
    "Field",
    "Metadata",
    "PeriodEvidence",
    "find_addressees",
    "find_based_on",
    "find_dates",
    "find_document_number",
    "find_fields",
    "find_issued",
    "find_issuers",
    "find_period",
    "find_title",
    "five_year_plan_period",
    "parse_date",
    "period_from_title",
    "read_metadata",
]

# How far into a document the notice and the web page's field block reach.
HEAD_LINES = 60

FIELD_LABELS = (
    "索引号",
    "主题分类",
    "体裁分类",
    "发布机构",
    "公开主体",
    "成文日期",
    "发布日期",
    "发布时间",
    "生效日期",
    "失效日期",
    "标题",
    "发文字号",
    "文号",
    "有效性",
    "日期",
    "来源",
)

_BULLET = re.compile(r"^[\s•·●▪■◆\-*]+")
_LABEL_VALUE = re.compile(r"^(?P<label>[\u4e00-\u9fff ]{2,8})\s*:\s*(?P<value>.*)$")
_DOCUMENT_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,5}\s*号"
)
_DATE_YMD = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_DASH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_DATE_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
# 二〇一六年十二月二十日: a signature date in Chinese numerals.
_DATE_CHINESE = re.compile(
    r"([一二][〇零○][一二三四五六七八九〇零○]{2})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"\s*([一二三四五六七八九十]{1,3})\s*日"
)
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
# Issuers are names of bodies: Chinese characters, spaces between bodies, no punctuation.
_NOTICE = re.compile(
    r"^(?P<issuers>[\u4e00-\u9fff][\u4e00-\u9fff() ]{1,60}?)\s*关于(?:印发|转发|公布)"
)
_BOOK = re.compile(r"《([^《》\n]{2,120})》")
_BASED_ON = re.compile(
    r"(?:依据|根据|按照|依照)\s*(?P<chain>《[^《》\n]+》(?:\s*(?:、|和|及|与|以及|,)?\s*《[^《》\n]+》)*)"
)
_SENTENCE_END = "。;\n"
_ISSUES_PLAN = re.compile(r"制定|编制|特制定|印发")
_TITLE_LINE = re.compile(
    r"^[^,。;:!?]{4,60}规划(?:\s*\(\s*\d{4}\s*年?\s*[—–\-~至到]+\s*\d{4}\s*年?\s*\))?$"
)
_YEARS = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-~至到]+\s*((?:19|20)\d{2})")
_FYP_SHORT = re.compile(r"十([一二三四五六七八九]?)五")
_FYP_LONG = re.compile(r"第([一二三四五六七八九十]{1,3})个五年")
# 十四五 / “十四五” naming the plan's period outside a title: only before words that name
# a plan or a period, so that 二十五 or a 十五 in a sentence is never read as a period.
_FYP_IN_TEXT = re.compile(r"“?十([一二三四五六七八九])·?五”?(?=规划|时期|期间|民政|发展|末|”)")
_NOTICE_TITLE = re.compile(r"关于(?:印发|转发|公布)\s*《?(?P<title>[^《》]{4,80}?)》?\s*的通知")
_BOOK_LINE = re.compile(r"^《(?P<title>[^《》]{4,80})》$")
# 各市、县(市、区)人民政府,省政府直属各单位: the addressees of a notice.
_ADDRESSEES = re.compile(r"^(?P<list>各[^。;]{2,120}?)\s*:\s*$")
# A body that signs a notice: 浙江省人民政府办公厅, 山东省民政厅, 万盛经开区管委会.
_BODY = re.compile(r"^[\u4e00-\u9fff()]{2,30}(?:厅|局|委|部|政府|办公室|委员会|管委会|公署)$")
_INTRO_BEFORE = ("现将", "印发", "制定", "特制定", "发布")
_INTRO_AFTER = ("印发", "已经", "已由")


@attrs.frozen
class Field:
    """A labelled value of a web page's field block (``发文字号`` → ``渝府办发〔2016〕261号``)."""

    label: str
    value: str
    line: int


@attrs.frozen
class PeriodEvidence:
    """The words the period was read from (``“十四五”``, ``2021—2025年``) and their line."""

    text: str
    line: int


@attrs.frozen
class Metadata:
    """What the text says about the plan; ``None`` or empty where it says nothing.

    ``title`` is in normalised spelling (full-width forms folded, traditional characters
    simplified) so that it matches the titles other plans cite; ``addressees`` are the
    bodies a notice is sent to (``各市、县(市、区)人民政府``); ``period_evidence`` says
    where the period was read. The places resolver takes ``title``, ``issuers``,
    ``addressees``, ``document_number`` and :attr:`year`.
    """

    title: str | None = None
    title_line: int | None = None
    issuers: tuple[str, ...] = ()
    document_number: str | None = None
    document_number_line: int | None = None
    issued: dt.date | None = None
    published: dt.date | None = None
    based_on: tuple[str, ...] = ()
    period: Period | None = None
    addressees: tuple[str, ...] = ()
    period_evidence: PeriodEvidence | None = None

    @property
    def year(self) -> int | None:
        """The year the document speaks from: issued, else published, else the period's
        first year (for historic place codes)."""
        for date in (self.issued, self.published):
            if date is not None:
                return date.year
        return self.period.start if self.period is not None else None


def _as_normalised(text: str | NormalisedText) -> NormalisedText:
    return text if isinstance(text, NormalisedText) else normalise(text)


def _head(text: NormalisedText, limit: int = HEAD_LINES) -> list[tuple[int, str]]:
    return [(line.number, line.stripped) for line in text.lines()[:limit]]


def _clean_label(text: str) -> str:
    return _BULLET.sub("", text).replace(" ", "").rstrip(":")


def _is_value(label: str, value: str) -> bool:
    """A field value is short, no sentence, and a date for the date labels."""
    if not value or "。" in value or len(value) > 80 or _clean_label(value) in FIELD_LABELS:
        return False
    if label.endswith(("日期", "时间")) or label == "日期":
        return parse_date(value) is not None
    return True


def find_fields(text: str | NormalisedText, *, limit: int = HEAD_LINES) -> dict[str, Field]:
    """The labelled fields of the page head: ``label: value`` on one line, or on the next.

    The first occurrence of a label wins; an empty value (``生效日期:`` with nothing after it)
    is not a field.
    """
    lines = [(n, t) for n, t in _head(_as_normalised(text), limit) if t]
    fields: dict[str, Field] = {}
    for position, (number, raw) in enumerate(lines):
        cleaned = _BULLET.sub("", raw)
        label = _clean_label(cleaned)
        if label in FIELD_LABELS:
            if position + 1 < len(lines):
                next_number, next_text = lines[position + 1]
                value = _BULLET.sub("", next_text).strip()
                # In the bullet layout values are bulleted too: an unbulleted next line is
                # the page body, and the label had no value ("有效性" left blank).
                same_layout = bool(_BULLET.match(raw)) == bool(_BULLET.match(next_text))
                if same_layout and _is_value(label, value):
                    fields.setdefault(label, Field(label, value, next_number))
            continue
        # One line may hold several "label:value" pairs ("日期:2021-12-13 来源:市民政局").
        for piece in re.split(r"\s{1,}(?=[\u4e00-\u9fff ]{2,8}:)", cleaned):
            match = _LABEL_VALUE.match(piece.strip())
            if match is None:
                continue
            label = match["label"].replace(" ", "")
            value = match["value"].strip()
            if label in FIELD_LABELS and _is_value(label, value):
                fields.setdefault(label, Field(label, value, number))
    return fields


def find_document_number(text: str | NormalisedText) -> tuple[str, int] | None:
    """The document number (``渝府办发〔2016〕261号``) and its line, as written."""
    normalised = _as_normalised(text)
    fields = find_fields(normalised)
    candidates: list[tuple[int, int, int]] = []
    for key in ("发文字号", "文号"):
        if key in fields:
            line = normalised.lines()[fields[key].line - 1]
            match = _DOCUMENT_NUMBER.search(line.text)
            if match:
                candidates.append(
                    (line.start + match.start(), line.start + match.end(), line.number)
                )
    if not candidates:
        for line in normalised.lines()[:HEAD_LINES]:
            match = _DOCUMENT_NUMBER.search(line.text)
            if match:
                candidates.append(
                    (line.start + match.start(), line.start + match.end(), line.number)
                )
                break
    if not candidates:
        return None
    start, end, number = candidates[0]
    return normalised.quote(start, end).strip(), number


def parse_date(text: str) -> dt.date | None:
    """A date written ``2021年5月24日``, ``二〇二一年六月三十日``, ``2021-12-13`` or
    ``20161214``; ``None`` otherwise."""
    cleaned = text.strip()
    chinese = _DATE_CHINESE.search(cleaned)
    if chinese is not None:
        year = int(chinese[1].translate(_CN_DIGITS))
        month, day = parse_chinese_numeral(chinese[2]), parse_chinese_numeral(chinese[3])
        if month and day:
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
    for pattern in (_DATE_YMD, _DATE_DASH, _DATE_COMPACT):
        match = pattern.search(cleaned)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def find_dates(
    text: str | NormalisedText, *, limit: int | None = None
) -> list[tuple[dt.date, int]]:
    """Every date in the text (or its first ``limit`` lines) with its line, in order."""
    normalised = _as_normalised(text)
    lines = normalised.lines() if limit is None else normalised.lines()[:limit]
    found: list[tuple[dt.date, int]] = []
    for line in lines:
        for pattern in (_DATE_YMD, _DATE_DASH):
            for match in pattern.finditer(line.text):
                date = parse_date(match.group(0))
                if date is not None:
                    found.append((date, line.number))
        compact = _DATE_COMPACT.match(line.stripped)
        if compact:
            date = parse_date(line.stripped)
            if date is not None:
                found.append((date, line.number))
    return sorted(found, key=lambda item: item[1])


def find_issued(text: str | NormalisedText) -> dt.date | None:
    """The date the notice was signed: a line holding only a date, near the top.

    The page's ``成文日期`` field is the fallback: reposted pages carry the date of the
    repost there, while the signature under the notice keeps the real one.
    """
    normalised = _as_normalised(text)
    fields = find_fields(normalised)
    field_lines = {field.line for field in fields.values()}
    for number, stripped in _head(normalised):
        if number in field_lines:
            continue
        if (
            _DATE_YMD.fullmatch(stripped)
            or _DATE_DASH.fullmatch(stripped)
            or _DATE_COMPACT.fullmatch(stripped)
            or _DATE_CHINESE.fullmatch(stripped)
        ):
            date = parse_date(stripped)
            if date is not None:
                return date
    field = fields.get("成文日期")
    return parse_date(field.value) if field else None


def _published(fields: Mapping[str, Field]) -> dt.date | None:
    for key in ("发布日期", "发布时间", "日期"):
        if key in fields:
            date = parse_date(fields[key].value)
            if date is not None:
                return date
    return None


def find_issuers(text: str | NormalisedText) -> tuple[str, ...]:
    """The bodies that issue the plan: from ``X Y关于印发…`` or else the ``公开主体`` field."""
    normalised = _as_normalised(text)
    for _number, stripped in _head(normalised):
        match = _NOTICE.match(_BULLET.sub("", stripped))
        if match:
            issuers = tuple(part for part in match["issuers"].split() if part)
            if issuers:
                return issuers
    signer = _signature(normalised)
    if signer is not None:
        return (signer,)
    fields = find_fields(normalised)
    if "公开主体" in fields:
        return (fields["公开主体"].value,)
    return ()


def _signature(text: NormalisedText) -> str | None:
    """The body that signs a notice: the line above its date, when it names a body."""
    head = [(n, t) for n, t in _head(text) if t]
    if not any("通知" in t for _, t in head[:4]):
        return None
    for (_, above), (_, line) in itertools.pairwise(head):
        if parse_date(line) is not None and len(line) <= 16 and _BODY.match(above):
            return above
    return None


def find_addressees(text: str | NormalisedText) -> tuple[str, ...]:
    """The bodies a notice is addressed to: ``各市、县(市、区)人民政府,省政府直属各单位:``."""
    for _number, stripped in _head(_as_normalised(text)):
        match = _ADDRESSEES.match(stripped)
        if match is not None:
            return tuple(part.strip() for part in re.split(r"[,，]", match["list"]) if part)
    return ()


def find_title(text: str | NormalisedText) -> tuple[str, int] | None:
    """The plan's own title and a line where it stands.

    A ``《…规划…》`` that the notice issues (``现将《…》印发``, ``《…》已经市政府同意``) wins;
    otherwise the first line that is nothing but a plan title (``…规划(2016—2020年)``).
    """
    normalised = _as_normalised(text)
    head = normalised.lines()[:HEAD_LINES]
    for line in head:
        for match in _BOOK.finditer(line.text):
            title = match.group(1).strip()
            if "规划" not in title or "纲要" in title:
                continue
            before = line.text[: match.start()].rstrip()
            after = line.text[match.end() :].lstrip()
            if before.endswith(_INTRO_BEFORE) or after.startswith(_INTRO_AFTER):
                return _spelled(normalised, line.start + match.start(1), title), line.number
    for line in head:
        stripped = line.stripped
        if _TITLE_LINE.match(stripped) and not stripped.startswith(("第", "专栏", "表")):
            if "关于" in stripped or "通知" in stripped:
                continue
            offset = line.start + line.text.index(stripped)
            return _spelled(normalised, offset, stripped), line.number
    for line in head:
        # 《河南省“十四五”民政事业发展规划》 alone on a line: a page titled by the book.
        book = _BOOK_LINE.match(line.stripped)
        if book is not None and "规划" in book["title"]:
            offset = line.start + line.text.index(book["title"])
            return _spelled(normalised, offset, book["title"].strip()), line.number
    for line in head:
        notice = _NOTICE_TITLE.search(line.text)
        if notice is not None and "规划" in notice["title"]:
            title = notice["title"].strip()
            return _spelled(normalised, line.start + notice.start("title"), title), line.number
    return None


def _spelled(text: NormalisedText, start: int, title: str) -> str:
    """A title as written, or in normalised spelling when the text was converted."""
    if text.converted or text.text[start : start + len(title)] != text.quote(
        start, start + len(title)
    ):
        return title
    return text.quote(start, start + len(title))


def find_based_on(text: str | NormalisedText) -> tuple[str, ...]:
    """Titles of the plans this one is based on: ``依据《A》、《B》和《C》…制定本规划``.

    Only a chain whose sentence goes on to issue the plan (制定, 编制, 印发) counts, so that
    a task citing a law (``根据《未成年人保护法》``) is not taken for a parent plan. Each title
    once, in the order first written.
    """
    normalised = _as_normalised(text)
    titles: list[str] = []
    for match in _BASED_ON.finditer(normalised.text):
        rest = normalised.text[match.end() :]
        end = min((i for i in (rest.find(c) for c in _SENTENCE_END) if i >= 0), default=len(rest))
        if not _ISSUES_PLAN.search(rest[:end]):
            continue
        chain_start = match.start("chain")
        for book in _BOOK.finditer(match["chain"]):
            start = chain_start + book.start(1)
            title = normalised.quote(start, chain_start + book.end(1)).strip()
            if title not in titles:
                titles.append(title)
    return tuple(titles)


def five_year_plan_period(number: int) -> Period:
    """The years of the ``number``-th five-year plan (the 13th is 2016-2020).

    The first two ran 1953-1962; 1963-1965 were adjustment years, and from the third (1966)
    on every plan follows the previous one.
    """
    if number < 1:
        msg = f"five-year plans are numbered from 1, not {number}"
        raise ValueError(msg)
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return Period(start, start + 4)


def period_from_title(title: str) -> Period | None:
    """The period a title names: explicit years win, else ``十三五`` / ``第十三个五年``."""
    years = _YEARS.search(title)
    if years:
        start, end = int(years.group(1)), int(years.group(2))
        if start <= end:
            return Period(start, end)
    long_form = _FYP_LONG.search(title)
    if long_form:
        number = parse_chinese_numeral(long_form.group(1))
        if number:
            return five_year_plan_period(number)
    short = _FYP_SHORT.search(title)
    if short:
        number = 10 + (parse_chinese_numeral(short.group(1)) or 0) if short.group(1) else 10
        return five_year_plan_period(number)
    return None


def find_period(
    text: str | NormalisedText, title: str | None = None, title_line: int | None = None
) -> tuple[Period, PeriodEvidence] | None:
    """The plan period and where it was read: the title, the notice (``关于印发…的通知``,
    the 标题 field), then captions and headings of the first lines (``“十四五”时期…指标``,
    ``2021—2025年``). Sentences are not read: a review paragraph names an earlier period.
    """
    normalised = _as_normalised(text)
    if title is not None:
        period = period_from_title(title)
        if period is not None:
            return period, PeriodEvidence(_period_words(title), title_line or 0)
    fields = find_fields(normalised)
    if "标题" in fields:
        period = period_from_title(fields["标题"].value)
        if period is not None:
            field = fields["标题"]
            return period, PeriodEvidence(_period_words(field.value), field.line)
    for line in normalised.lines()[:HEAD_LINES]:
        stripped = line.stripped
        if _NOTICE_TITLE.search(stripped):
            period = period_from_title(stripped)
            if period is not None:
                return period, PeriodEvidence(_period_words(stripped), line.number)
    for line in normalised.lines():
        stripped = line.stripped
        if not stripped or len(stripped) > _HEADING_WIDTH or stripped.endswith("。"):
            continue
        years = _YEARS.search(stripped)
        if years and int(years[1]) <= int(years[2]) and "年" in stripped[years.end() :][:2]:
            return Period(int(years[1]), int(years[2])), PeriodEvidence(years.group(), line.number)
        words = _FYP_IN_TEXT.search(stripped)
        if words is not None and not stripped.startswith(_REVIEW_OPENINGS):
            number = 10 + (parse_chinese_numeral(words[1]) or 0)
            return five_year_plan_period(number), PeriodEvidence(words.group(), line.number)
    return None


# Captions and headings are short; sentences are not read for the period.
_HEADING_WIDTH = 40
# A heading that reviews an earlier period (“十三五”时期发展回顾) names that period.
_REVIEW_OPENINGS = ("一、", "(一)")


def _period_words(text: str) -> str:
    for pattern in (_YEARS, _FYP_LONG, _FYP_SHORT):
        found = pattern.search(text)
        if found is not None:
            return found.group()
    return text


def read_metadata(text: str | NormalisedText) -> Metadata:
    """Every metadata field this module can read, combined the common way."""
    normalised = _as_normalised(text)
    fields = find_fields(normalised)
    title = find_title(normalised)
    number = find_document_number(normalised)
    found = find_period(normalised, *(title or (None, None)))
    period, evidence = found if found is not None else (None, None)
    return Metadata(
        title=title[0] if title else None,
        title_line=title[1] if title else None,
        issuers=find_issuers(normalised),
        document_number=number[0] if number else None,
        document_number_line=number[1] if number else None,
        issued=find_issued(normalised),
        published=_published(fields),
        based_on=find_based_on(normalised),
        period=period,
        addressees=find_addressees(normalised),
        period_evidence=evidence,
    )
