"""Saved web pages (a plan published as a government site's article) read with lxml.

**Encoding.** See :mod:`~minzheng_plans.reading.formats._charset`: a byte-order mark, else
UTF-8 when the bytes are UTF-8, else the declared charset (GB2312 and GBK read as GB18030),
else GB18030.

**The article.** A government page wraps the plan in navigation, breadcrumbs, a header,
share and print links, related-article lists and a footer. The article is the element that
holds the page's text, found in two steps:

1. *Named containers.* Content-management systems name it: ``TRS_Editor`` (TRS WCM, the most
   common system on Chinese government sites), ``zoom`` (the font-size switcher's target),
   ``article``, ``content``, ``xxgk`` (信息公开 pages), ``detail``, ``zw``/``wzzw`` (正文).
   Among elements whose ``class`` or ``id`` names one of these, the one with the most body
   text wins, and inside it the deepest one that still holds 90 % of that text.
2. *Text density*, when no named container holds at least half of the page's body text:
   body text is Chinese characters outside links (navigation is almost all links; a footer
   is short). The deepest element holding 80 % of the page's body text is the article.

Scripts, styles, forms' controls, ``nav``/``aside`` elements and, inside the article,
elements named like navigation (``share``, ``print``, ``breadcrumb``, ``footer``…) are
skipped. The page's title is taken from ``<meta name="ArticleTitle">``, the first ``<h1>``,
or ``<title>`` (minus the site name) when the article does not start with it.

**Text.** Block elements (``p``, ``div``, ``h1``-``h6``, ``li``…) make paragraphs;
``<span>`` fragments are joined; ``&nbsp;`` and full-width spaces are squashed beside
Chinese characters; a ``<br>`` is a line break inside a paragraph unless the line before it
ends a sentence or the next starts indented or with a list, heading or 专栏 marker (then
it starts a new paragraph). **Tables**
get ``rowspan``/``colspan`` expanded; a table with a table inside it, or with a single
column, is layout (a 专栏 box) and is read as paragraphs.

**Speed.** The walk is done by libxslt (:mod:`._html_walk`), and so is the counting of the
text the density weighs (the body and every named container in one pass): the page's
elements are never visited one by one from Python (except below the eighth level of a deep
search for the article, where one count of every element keeps the time linear). A page
carrying the noncharacters U+FDD0-U+FDEF (which Unicode reserves for a program's internal
use, and which the walk uses as markers) reads them as U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.reading.formats import _html_walk as walk
from minzheng_plans.reading.formats._blocks import finish
from minzheng_plans.reading.formats._charset import decode_html
from minzheng_plans.reading.formats._deps import optional_module
from minzheng_plans.reading.formats._spans import expand_cells
from minzheng_plans.text.grid import Content, Grid, Paragraph, Place
from minzheng_plans.text.joining import join_pieces, squash_spaces

__all__ = ["HtmlContent", "read_html"]

_CONTAINER_WORDS = ("trs_editor", "zoom", "article", "content", "xxgk", "detail", "wzzw", "zw")
_NAV_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|dqwz|share|"
    r"print|toolbar|footer|copyright|sidebar|related|xgxx|xgwz|pager|login|search)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = ("。", "！", "？", "；", "：", "!", "?", ";", ":", "…")
_INDENT = re.compile(r"^[\s\u00a0\u3000]{2,}")
# A line that opens a list item, a heading or a 专栏 starts a paragraph of its own.
_OPENER = re.compile(
    r"^(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十\d]{1,3}[章节条]|专栏\s*\d)"
)
_TITLE_SUFFIX = re.compile(r"\s*[_|\-–—]\s*[^_|\-–—]*(?:网|门户|政府|网站)[^_|\-–—]*$")
# What squash_spaces changes in a stripped run: an inner space or a zero-width character.
_SQUASHABLE = re.compile(r"[\s\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]")
# A paragraph's end (its heading level in the marker) with the ends and spaces that follow it
# (no paragraph in them), or a whole data table.
_FLUSHES = f"{walk.FLUSH[0]}-{walk.FLUSH[-1]}"
_TOKEN = re.compile(
    f"([{_FLUSHES}][\\s{_FLUSHES}]*+|{walk.TABLE}[^{walk.TABLE_END}]*{walk.TABLE_END})"
)
# Every character str.strip() strips (str.isspace(); a test checks), and a paragraph's end in
# a cell.
_SPACES_AND_BLOCK = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" + walk.FLUSH[0]
)
_NOT_COUNTED = walk.SKIPPED | {"a"}
_WEIGHED_MARK = re.compile(f"([{walk.START}{walk.END}])")
# How many levels the article's search goes down by asking libxml2 for the text of each level
# before it counts every element below once.
_SHALLOW = 8
# The named container must hold this share of the page's body text to be trusted, and a
# deeper one this share of the named container's; density takes the deepest with this share.
_NAMED_SHARE = 0.5
_DEEPER_SHARE = 0.9
_DENSITY_SHARE = 0.8


@attrs.frozen
class HtmlContent:
    """A page's content, the encoding it was read in and whether it decoded exactly."""

    content: Content
    encoding: str
    exact: bool


# --- the article ---------------------------------------------------------------------------


def _names(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _is_container(element: Any) -> bool:
    """A named article container (its class or id says so) that is not navigation."""
    names = _names(element)
    lowered = names.lower()
    return any(word in lowered for word in _CONTAINER_WORDS) and not _NAV_WORDS.search(names)


# Chinese characters (U+3400-U+9FFF, U+F900-U+FAFF) by the high byte of their UTF-16 code
# unit: counting them is two C passes over bytes instead of a regular expression's.
_NOT_CJK_HIGH = bytes(sorted(set(range(256)) - set(range(0x34, 0xA0)) - {0xF9, 0xFA}))


def _cjk(text: str) -> int:
    """How many Chinese characters ``text`` holds (what ``_CJK`` matches)."""
    return len(text.encode("utf-16-le")[1::2].translate(None, _NOT_CJK_HIGH))


class _Density:
    """Chinese characters outside links and skipped elements, of the elements asked about."""

    def __init__(self, etree: Any) -> None:
        self.etree = etree
        self.counts: dict[Any, int] = {}

    def weigh(self, body: Any, named: list[Any]) -> int:
        """Count ``body`` and each of ``named`` (inside it, in document order) in one pass;
        ``body``'s count."""
        parts = _WEIGHED_MARK.split(walk.counted_text(self.etree, body, named))
        total = 0
        # Starts come in document order; an end closes the innermost element open.
        opened: list[tuple[Any, int]] = []
        elements = iter(named)
        for index, part in enumerate(parts):
            if index % 2 == 0:
                total += _cjk(part)
            elif part == walk.START:
                opened.append((next(elements), total))
            else:
                element, before = opened.pop()
                self.counts[element] = total - before
        self.counts[body] = total
        return total

    def __call__(self, element: Any) -> int:
        count = self.counts.get(element)
        if count is None:
            count = self.counts[element] = _cjk(walk.counted_text(self.etree, element))
        return count

    def deepest(self, start: Any, needed: float) -> Any:
        """The deepest element under ``start`` whose count is still at least ``needed``."""
        node = start
        if needed <= 0:
            # Every child qualifies: go down while there is exactly one.
            while len(node) == 1:
                node = node[0]
            return node
        for _ in range(_SHALLOW):
            # A count never exceeds the length of the text: only longer children can qualify.
            longer = node.xpath("*[string-length() >= $n]", n=needed)
            richer = [child for child in longer if self(child) >= needed]
            if len(richer) != 1:
                return node
            node = richer[0]
        # Deeper still: each step above reads the whole subtree again, so the rest of the way
        # is found from one count of every element below (linear however deep the nesting).
        counts = _every_count(node)
        while True:
            richer = [child for child in node if counts.get(child, 0) >= needed]
            if len(richer) != 1:
                return node
            node = richer[0]


def _every_count(start: Any) -> dict[Any, int]:
    """The count of every element under ``start`` (itself included) in one walk, bottom-up."""
    counts: dict[Any, int] = {}

    def visit(element: Any, *, in_link: bool) -> int:
        tag = element.tag
        if not isinstance(tag, str) or tag in walk.SKIPPED:
            return 0
        link = in_link or tag == "a"
        total = 0
        if link:
            for child in element:
                total += visit(child, in_link=True)
        else:
            if element.text:
                total = _cjk(element.text)
            for child in element:
                total += visit(child, in_link=False)
                if child.tail:
                    total += _cjk(child.tail)
        counts[element] = total
        return total

    visit(start, in_link=False)
    return counts


def _first_in_post_order(tied: list[Any]) -> Any:
    """Of elements in document order, the first a children-before-parents walk meets."""
    best = tied[0]
    for element in tied[1:]:
        # A later element is either inside ``best`` (met before it) or after it.
        if best in element.iterancestors():
            best = element
    return best


def _uncounted(element: Any, body: Any) -> bool:
    """Inside a link or a skipped element (or one itself), below ``body``."""
    for item in (element, *element.iterancestors()):
        if item is body:
            return False
        if item.tag in _NOT_COUNTED:
            return True
    return False


def _attributed(element: Any) -> list[Any]:
    """The elements under ``element`` (itself included) that have a ``class`` or an ``id``.

    Asked for the attributes, not for each element whether it has one: in libxml2 that is
    several times faster, and most elements of a page have neither.
    """
    return list(element.xpath("(.//@class|.//@id)/.."))


def find_article(etree: Any, body: Any, attributed: list[Any]) -> Any:
    """The element holding the article (module docstring: named containers, then density);
    ``attributed`` is :func:`_attributed` of ``body``."""
    density = _Density(etree)
    named = [
        element
        for element in attributed
        if element is not body and _is_container(element) and not _uncounted(element, body)
    ]
    total = density.weigh(body, named)
    if named and total:
        most = max(density(element) for element in named)
        if most >= _NAMED_SHARE * total:
            best = _first_in_post_order([e for e in named if density(e) == most])
            return density.deepest(best, _DEEPER_SHARE * most)
    return density.deepest(body, _DENSITY_SHARE * total)


# --- the walk's string, read ---------------------------------------------------------------


def _squashed(run: str) -> str:
    """:func:`squash_spaces` of ``run``, without its work for a run that needs none."""
    text = run.strip()
    return squash_spaces(text) if _SQUASHABLE.search(text) else text


def _paragraphs(raw: str) -> Iterator[str]:
    """Paragraphs of an inline run whose ``<br>`` breaks are ``"\\n"`` (module docstring)."""
    if "\n" not in raw:
        # One line, the usual run: it is its own paragraph, whatever it starts with.
        text = _squashed(raw)
        if text:
            yield text
        return
    current: list[str] = []
    for line in raw.split("\n"):
        text = squash_spaces(line)
        starts_new = not text or bool(_INDENT.match(line) or _OPENER.match(text))
        ended = bool(current) and current[-1].endswith(_SENTENCE_END)
        if current and (starts_new or ended):
            yield join_pieces(current)
            current = []
        if text:
            current.append(text)
    if current:
        yield join_pieces(current)


def _cell_text(content: str) -> str:
    """A cell's paragraphs, one per line; ``<span>`` fragments and ``<br>`` breaks joined."""
    block = walk.FLUSH[0]
    inner = content.strip(_SPACES_AND_BLOCK)
    if block not in inner and "\n" not in inner:
        # One run of one line, the usual cell; its paragraph ends and spaces are no lines.
        return _squashed(inner)
    lines: list[str] = []
    for run in content.split(block):
        if run and not run.isspace():
            lines.extend(_paragraphs(run))
    return "\n".join(lines)


def _span(value: str) -> int:
    try:
        return int(value.strip() or "1")
    except ValueError:
        return 1


def _table(body: str) -> tuple[list[list[str]], dict[tuple[int, int], tuple[int, int]]]:
    """The text of every cell of a data table's rows (``ROW`` and ``CELL`` markers), each as
    :func:`_cell_text` makes it, and the ``(colspan, rowspan)`` of each cell that has one
    (``SPAN`` colspan ``SEP`` rowspan ``SEP`` before its text) by its row and index."""
    # _cell_text written out for the usual cell (one paragraph of one line): a table has
    # hundreds of cells, and each call costs as much as the work.
    edges, block, span, squashable = _SPACES_AND_BLOCK, walk.FLUSH[0], walk.SPAN, _SQUASHABLE
    texts = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(body.split(walk.ROW)[1:]):
        line: list[str] = []
        for cell in row.split(walk.CELL)[1:]:
            if cell.startswith(span):
                colspan, rowspan, content = cell[1:].split(walk.SEP, 2)
                spans[(r, len(line))] = (
                    _span(colspan) if colspan else 1,
                    _span(rowspan) if rowspan else 1,
                )
                line.append(_cell_text(content))
                continue
            inner = cell.strip(edges)
            if block in inner or "\n" in inner:
                line.append(_cell_text(cell))
            elif squashable.search(inner):
                line.append(squash_spaces(inner))
            else:
                line.append(inner)
        texts.append(line)
    return texts, spans


def _grid(token: str, number: int) -> Grid:
    """A data table of the walk's string (``TABLE`` caption ``CAPTION_END`` rows ``END``)."""
    caption, _, body = token[1:-1].partition(walk.CAPTION_END)
    texts, spans = _table(body)
    caption = squash_spaces(caption)
    grid = expand_cells(texts, spans, table=number)
    return Grid(grid, Place(table=number), caption=caption or None)


def _blocks(stream: str) -> list[tuple[str, int | None] | Grid]:
    """Paragraphs (text, heading level) and grids of the walk's string, in order."""
    out: list[tuple[str, int | None] | Grid] = []
    parts = _TOKEN.split(stream)
    # The walk ends with a paragraph's end at body level, as every block does.
    parts.append(walk.FLUSH[0])
    tables = 0
    first = ord(walk.FLUSH[0])
    for index in range(0, len(parts), 2):
        run, token = parts[index], parts[index + 1]
        # A table's start ends the paragraph before it: the run before a table is empty.
        if run and not run.isspace():
            level = ord(token[0]) - first
            heading = level if 0 < level <= len(walk.HEADINGS) else None
            if "\n" in run:
                out.extend((text, heading) for text in _paragraphs(run))
            else:
                # One line, the usual paragraph (what _paragraphs makes of it).
                text = _squashed(run)
                if text:
                    out.append((text, heading))
        if token[0] == walk.TABLE:
            tables += 1
            out.append(_grid(token, tables))
    return out


# --- the page ------------------------------------------------------------------------------


def _text_content(element: Any) -> str:
    """All text inside ``element`` (not its tail), as ``lxml.html``'s ``text_content()``."""
    return "".join(element.itertext())


def _page_title(root: Any) -> str | None:
    # Not find(): lxml's find() tests a predicate on every element in Python.
    meta = next((m for m in root.iter("meta") if m.get("name") == "ArticleTitle"), None)
    if meta is not None and squash_spaces(meta.get("content") or ""):
        return squash_spaces(meta.get("content") or "")
    for heading in root.iter("h1"):
        text = squash_spaces(_text_content(heading))
        if _CJK.search(text):
            return text
    title = root.find(".//title")
    if title is not None:
        text = _TITLE_SUFFIX.sub("", squash_spaces(_text_content(title)))
        return text or None
    return None


def _walked(etree: Any, article: Any, attributed: list[Any]) -> list[tuple[str, int | None] | Grid]:
    """The article's paragraphs and grids, navigation inside it left out; ``attributed``
    holds every element of the article that has a ``class`` or an ``id`` (and maybe more)."""
    if not isinstance(article.tag, str):
        return []  # a processing instruction: no text of its own
    nav = False
    for element in attributed:
        if _NAV_WORDS.search(_names(element)) and (
            element is article or article in element.iterancestors()
        ):
            element.set(walk.NAV_ATTRIBUTE, "")
            nav = True
    return _blocks(walk.stream(etree, article, nav=nav))


def _refuse_cut_parse(parser: Any, name: str | None) -> None:
    """Refuse a page libxml2 stopped parsing at one of its limits (nesting deeper than 256
    elements): it returns the tree read so far without raising, and reading that as the page
    would drop the rest of it without a word."""
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            msg = (
                f"not a readable web page: at line {error.line} its elements nest deeper "
                "than the HTML parser reads, and it stopped there; nothing of "
                "the page was read"
            )
            raise DocumentError(msg, path=name)


def read_html(data: bytes, *, name: str | None = None) -> HtmlContent:
    """The article of a saved web page as paragraphs and tables (module docstring)."""
    # lxml.etree rather than lxml.html: the same parser, without a Python class lookup for
    # every element.
    etree = optional_module("lxml.etree", extra="html", what="web pages", path=name)
    text, encoding, exact = decode_html(data)
    marked = walk.without_markers(text)
    # Bytes that decoded as UTF-8 are what re-encoding the text would give.
    source = data if encoding == "utf-8" and marked is text else marked.encode("utf-8")
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = etree.fromstring(source, parser)
    except Exception as err:  # noqa: BLE001 - lxml raises ParserError for a broken page
        msg = f"not a readable web page: {type(err).__name__}: {err}"
        raise DocumentError(msg, path=name) from None
    if root is None:
        msg = "not a readable web page: ParserError: Document is empty"
        raise DocumentError(msg, path=name)
    _refuse_cut_parse(parser, name)
    body = next(root.iter("body"), root)
    attributed = _attributed(body)
    try:
        walked = _walked(etree, find_article(etree, body, attributed), attributed)
    except etree.XSLTError as err:  # libxslt's limits (none that a parsed page reaches)
        msg = f"not a readable web page: {type(err).__name__}: {err}"
        raise DocumentError(msg, path=name) from None
    title = _page_title(root)
    first = next((b[0] for b in walked if isinstance(b, tuple)), "")
    if title and title not in first and first not in title:
        walked.insert(0, (title, 0))
    blocks: list[Paragraph | Grid] = []
    paragraphs = 0
    for block in walked:
        if isinstance(block, Grid):
            blocks.append(block)
            continue
        paragraphs += 1
        # Numbered as finish() numbers them, so that it keeps them as they are; the place's
        # fields by position (line, page, table, row, column, paragraph) cost less.
        place = Place(None, None, None, None, None, paragraphs)
        blocks.append(Paragraph(block[0], place, block[1]))
    return HtmlContent(finish(blocks), encoding, exact)
