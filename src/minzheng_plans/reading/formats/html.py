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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.reading.formats._blocks import finish
from minzheng_plans.reading.formats._charset import decode_html
from minzheng_plans.reading.formats._deps import optional_module
from minzheng_plans.reading.formats._spans import SpanCell, expand_spans
from minzheng_plans.text.grid import Content, Grid, Paragraph, Place
from minzheng_plans.text.joining import join_pieces, squash_spaces

__all__ = ["HtmlContent", "read_html"]

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "select",
        "button",
        "input",
        "textarea",
        "nav",
        "aside",
        "head",
        "title",
        "meta",
        "link",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "blockquote",
        "center",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "body",
        "td",
        "th",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "hr",
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
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


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _names(element: Any) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _is_nav(element: Any) -> bool:
    return bool(_NAV_WORDS.search(_names(element)))


def _is_container(element: Any) -> bool:
    """A named article container (its class or id says so) that is not navigation."""
    names = _names(element)
    lowered = names.lower()
    return any(word in lowered for word in _CONTAINER_WORDS) and not _NAV_WORDS.search(names)


def _body_chars(root: Any) -> dict[Any, int]:
    """Chinese characters outside links and skipped elements, per element (bottom-up)."""
    counts: dict[Any, int] = {}
    cjk = _CJK.findall

    def visit(element: Any, *, in_link: bool) -> int:
        tag = element.tag
        if not isinstance(tag, str) or tag.lower() in _SKIPPED:
            return 0
        link = in_link or tag.lower() == "a"
        total = 0
        if link:
            for child in element:
                total += visit(child, in_link=True)
        else:
            text = element.text
            if text:
                total = len(cjk(text))
            for child in element:
                total += visit(child, in_link=False)
                tail = child.tail
                if tail:
                    total += len(cjk(tail))
        counts[element] = total
        return total

    visit(root, in_link=False)
    return counts


def _named(root: Any) -> list[Any]:
    """The elements under ``root`` (itself included) that have a ``class`` or an ``id``.

    One XPath query in lxml's C code: most elements of a page have neither, and asking each
    of them from Python costs more than the rest of the walk.
    """
    return list(root.xpath("descendant-or-self::*[@class or @id]"))


def _deepest(start: Any, counts: dict[Any, int], needed: float) -> Any:
    """The deepest element under ``start`` whose count is still at least ``needed``."""
    node = start
    while True:
        richer = [child for child in node if counts.get(child, 0) >= needed]
        if len(richer) != 1:
            return node
        node = richer[0]


def find_article(root: Any) -> Any:
    """The element holding the article (module docstring: named containers, then density)."""
    body = root.find(".//body")
    body = body if body is not None else root
    counts = _body_chars(body)
    total = counts.get(body, 0)
    attributed = set(_named(body))
    # In the order of ``counts`` (children before parents), which decides ties.
    named = [
        element
        for element in counts
        if element in attributed and element is not body and _is_container(element)
    ]
    if named:
        best = max(named, key=lambda e: counts[e])
        if total and counts[best] >= _NAMED_SHARE * total:
            return _deepest(best, counts, _DEEPER_SHARE * counts[best])
    return _deepest(body, counts, _DENSITY_SHARE * total)


class _Walker:
    """Paragraphs and grids of an element, in document order.

    ``nav`` holds the elements named like navigation that the walk skips (none in a cell);
    with ``lines_only`` the walker keeps each paragraph's text only (a cell's lines).
    """

    def __init__(self, nav: frozenset[Any] = frozenset(), *, lines_only: bool = False) -> None:
        self.blocks: list[Paragraph | Grid] = []
        self.lines: list[str] | None = [] if lines_only else None
        self.nav = nav
        self.paragraphs = 0
        self.tables = 0
        self.pieces: list[str] = []
        self.heading: int | None = None

    # --- paragraphs ----------------------------------------------------------------------

    def flush(self) -> None:
        if not self.pieces:
            return  # block ends around nothing: most of them in a page
        raw = "".join(self.pieces)
        self.pieces = []
        if raw.isspace():
            return  # the indentation between tags: no paragraph in it
        if self.lines is not None:
            self.lines.extend(_paragraphs(raw))
            return
        for text in _paragraphs(raw):
            self.paragraphs += 1
            self.blocks.append(Paragraph(text, Place(paragraph=self.paragraphs), self.heading))

    # --- the walk ------------------------------------------------------------------------

    def walk(self, element: Any) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag in _SKIPPED or element in self.nav:
            return
        if tag == "br":
            self.pieces.append("\n")
            return
        if tag == "table":
            self.flush()
            self.table(element)
            return
        block = tag in _BLOCKS or tag in _HEADINGS
        if block:
            self.flush()
        outer = self.heading
        if tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
        pieces = self.pieces
        text = element.text
        if text:
            pieces.append(text)
        for child in element:
            self.walk(child)
            # flush() replaces the list: append to the current one.
            pieces = self.pieces
            tail = child.tail
            if tail:
                pieces.append(tail)
        if block:
            self.flush()
        self.heading = outer

    def table(self, table: Any) -> None:
        rows = _table_rows(table)
        # iter() yields the table itself first: a second one is nested in it.
        nested = next(itertools.islice(table.iter("table"), 1, None), None) is not None
        if nested or max((len(cells) for cells in rows), default=0) < 2:
            # Layout: the cells are containers of paragraphs (and of the real tables).
            for cells in rows:
                for cell in cells:
                    self.walk(cell)
                    self.flush()
            return
        self.tables += 1
        spans = [[SpanCell(_cell_text(cell), *_spans(cell)) for cell in cells] for cells in rows]
        caption = table.find("caption")
        caption_text = squash_spaces(_text_content(caption)) if caption is not None else ""
        self.blocks.append(
            Grid(
                expand_spans(spans, table=self.tables),
                Place(table=self.tables),
                caption=caption_text or None,
            )
        )


def _paragraphs(raw: str) -> Iterator[str]:
    """Paragraphs of an inline run whose ``<br>`` breaks are ``"\\n"`` (module docstring)."""
    if "\n" not in raw:
        # One line, the usual run: it is its own paragraph, whatever it starts with.
        text = squash_spaces(raw)
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


def _table_rows(table: Any) -> list[list[Any]]:
    """The rows of ``table`` itself (not of tables nested in it), each a list of its cells."""
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in {"thead", "tbody", "tfoot"}:
            rows.extend(row for row in child if _tag(row) == "tr")
    return [[cell for cell in row if _tag(cell) in {"td", "th"}] for row in rows]


def _span(value: str | None) -> int:
    if value is None:
        return 1
    try:
        return int((value or "1").strip())
    except ValueError:
        return 1


def _spans(cell: Any) -> tuple[int, int]:
    return _span(cell.get("colspan")), _span(cell.get("rowspan"))


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs, one per line; ``<span>`` fragments and ``<br>`` breaks joined."""
    if not len(cell):
        # Text only, the usual cell: what the walk below would make of it, without the walk.
        raw = cell.text
        return "\n".join(_paragraphs(raw)) if raw and not raw.isspace() else ""
    walker = _Walker(lines_only=True)
    walker.walk(cell)
    walker.flush()
    return "\n".join(walker.lines or ())


def _text_content(element: Any) -> str:
    """All text inside ``element`` (not its tail), as ``lxml.html``'s ``text_content()``."""
    return "".join(element.itertext())


def _page_title(root: Any) -> str | None:
    meta = root.find(".//meta[@name='ArticleTitle']")
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


def read_html(data: bytes, *, name: str | None = None) -> HtmlContent:
    """The article of a saved web page as paragraphs and tables (module docstring)."""
    # lxml.etree rather than lxml.html: the same parser, without a Python class lookup for
    # every element the walk touches.
    etree = optional_module("lxml.etree", extra="html", what="web pages", path=name)
    text, encoding, exact = decode_html(data)
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except Exception as err:  # noqa: BLE001 - lxml raises ParserError for a broken page
        msg = f"not a readable web page: {type(err).__name__}: {err}"
        raise DocumentError(msg, path=name) from None
    if root is None:
        msg = "not a readable web page: ParserError: Document is empty"
        raise DocumentError(msg, path=name)
    article = find_article(root)
    nav = frozenset(element for element in _named(article) if _is_nav(element))
    walker = _Walker(nav)
    walker.walk(article)
    walker.flush()
    blocks: list[Paragraph | Grid] = walker.blocks
    title = _page_title(root)
    first = next((b.text for b in blocks if isinstance(b, Paragraph)), "")
    if title and title not in first and first not in title:
        heading = Paragraph(title, Place(), heading_level=0)
        blocks = [heading, *blocks]
    return HtmlContent(finish(blocks), encoding, exact)
