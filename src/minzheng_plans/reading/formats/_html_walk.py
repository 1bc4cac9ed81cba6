"""The walk of a web page's article, done by libxslt in one pass (see :mod:`.html`).

A walk written in Python visits every element of the page, and that alone costs about twice
lxml's parse of it. Instead one XSLT stylesheet walks the article in C and writes a flat string:
the text of the page in document order with a marker wherever the Python walk it replaces
ended a paragraph (the *flush*, carrying the heading level in force), and each data table
as rows of cells (its caption, each cell's ``colspan`` and ``rowspan``, the cell's text with
its own block breaks). Python then splits that string: a few hundred cuts instead of a few
thousand element visits.

The markers are Unicode noncharacters (U+FDD0-U+FDE0), which the standard reserves for a
program's internal use; :func:`without_markers` replaces any that a page carries (as
characters or as character references) by U+FFFD before the page is parsed, so that none can
be mistaken for one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

__all__ = [
    "BLOCKS",
    "CAPTION_END",
    "CELL",
    "END",
    "FLUSH",
    "HEADINGS",
    "NAV_ATTRIBUTE",
    "ROW",
    "SEP",
    "SKIPPED",
    "SPAN",
    "START",
    "TABLE",
    "TABLE_END",
    "WEIGHED",
    "counted_text",
    "stream",
    "without_markers",
]

SKIPPED = frozenset(
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
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BLOCKS = frozenset(
    {
        "p",
        "div",
        *HEADINGS,
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

_NAMESPACE = "urn:minzheng-plans:reading:html"
#: Set (in this namespace, which no parsed web page can use) on the navigation elements the
#: walk leaves out.
NAV_ATTRIBUTE = f"{{{_NAMESPACE}}}nav"

#: ``FLUSH[level]`` ends a paragraph whose heading level is ``level`` (0: body text). Inside a
#: data table's cell, ``FLUSH[0]`` ends a paragraph of the cell.
FLUSH = tuple(chr(0xFDD0 + level) for level in range(7))
TABLE, CAPTION_END, ROW, CELL, SEP, TABLE_END, START, END, SPAN = (
    chr(code) for code in range(0xFDD8, 0xFDE1)
)
#: The tag the density's elements wear while their text is counted.
WEIGHED = f"{{{_NAMESPACE}}}weighed"

_NONCHARACTER = re.compile("[\ufdd0-\ufdef]")
# A character reference to one of them (libxml2 reads one without its semicolon too).
_NONCHARACTER_REFERENCE = re.compile(
    r"&#(?:[xX]0*[fF][dD][dDeE][0-9a-fA-F](?![0-9a-fA-F])|0*(?:649(?:7[6-9]|[89]\d)|6500[0-7])(?!\d));?"
)


def without_markers(text: str) -> str:
    """``text`` with the noncharacters U+FDD0-U+FDEF (and references to them) as U+FFFD."""
    # Their UTF-16 code units are FDxx: a search of the high bytes for FD is cheaper than a
    # regular expression over the text, and a page rarely has a character of U+FD00-U+FDFF.
    if text.encode("utf-16-le")[1::2].find(b"\xfd") >= 0:
        text = _NONCHARACTER.sub("\ufffd", text)
    if "&#" in text and _NONCHARACTER_REFERENCE.search(text):
        text = _NONCHARACTER_REFERENCE.sub("&#xFFFD;", text)
    return text


def _rows() -> str:
    """The rows of a table (not of tables nested in it), relative to the table."""
    return "tr|thead/tr|tbody/tr|tfoot/tr"


def _cells() -> str:
    return "|".join(f"{row}/{cell}" for row in _rows().split("|") for cell in ("td", "th"))


def _walk_stylesheet(*, nav: bool) -> str:
    """Mode ``mN`` walks under heading level N; mode ``cell`` reads a data table's cell.

    Elements no template names go through XSLT's built-in rule, which walks their children
    in the same mode. ``nav``: with the template that leaves out marked navigation, a pattern
    every element is tested against, so it is left out of the stylesheet for the (usual)
    article without navigation inside it.
    """
    skipped = "|".join(sorted(SKIPPED))
    left_out = f"{skipped}|*[@z:nav]" if nav else skipped
    plain = "|".join(sorted(BLOCKS - set(HEADINGS)))
    # Layout (a 专栏 box, a page grid) when a table holds another or no row has two cells.
    data = f"not(.//table) and ({_rows()})[count(td|th)&gt;1]"
    out = [
        (
            '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
            f'xmlns:z="{_NAMESPACE}"><xsl:output method="text" encoding="utf-8"/>'
        ),
        '<xsl:template match="/"><xsl:apply-templates mode="m0"/></xsl:template>',
        # A data table: templates rather than xsl:for-each, and a cell's spans read only
        # where it has one, cost libxslt less.
        f'<xsl:template name="data">{TABLE}<xsl:value-of select="caption"/>{CAPTION_END}',
        f'<xsl:apply-templates select="{_rows()}" mode="row"/>{TABLE_END}</xsl:template>',
        f'<xsl:template match="*" mode="row">{ROW}',
        '<xsl:apply-templates select="td|th" mode="data-cell"/></xsl:template>',
        f'<xsl:template match="*" mode="data-cell">{CELL}',
        '<xsl:apply-templates mode="cell"/></xsl:template>',
        '<xsl:template match="*[@colspan or @rowspan]" mode="data-cell" priority="1">',
        f'{CELL}{SPAN}<xsl:value-of select="@colspan"/>{SEP}<xsl:value-of select="@rowspan"/>',
        f'{SEP}<xsl:apply-templates mode="cell"/></xsl:template>',
        f'<xsl:template match="{skipped}" mode="cell" priority="9"/>',
        (
            '<xsl:template match="br" mode="cell" priority="5"><xsl:text>&#10;</xsl:text>'
            "</xsl:template>"
        ),
        (
            f'<xsl:template match="{plain}|{"|".join(HEADINGS)}" mode="cell" priority="4">'
            f'{FLUSH[0]}<xsl:apply-templates mode="cell"/>{FLUSH[0]}</xsl:template>'
        ),
    ]
    for level in range(7):
        mode, flush = f"m{level}", FLUSH[level]
        out += [
            f'<xsl:template match="{left_out}" mode="{mode}" priority="9"/>',
            (
                f'<xsl:template match="br" mode="{mode}" priority="5"><xsl:text>&#10;</xsl:text>'
                "</xsl:template>"
            ),
            (
                f'<xsl:template match="table" mode="{mode}" priority="5">{flush}<xsl:choose>'
                f'<xsl:when test="{data}"><xsl:call-template name="data"/></xsl:when>'
                f'<xsl:otherwise><xsl:apply-templates select="{_cells()}" mode="{mode}"/>'
                "</xsl:otherwise></xsl:choose></xsl:template>"
            ),
            (
                f'<xsl:template match="{plain}" mode="{mode}" priority="4">{flush}'
                f'<xsl:apply-templates mode="{mode}"/>{flush}</xsl:template>'
            ),
        ]
        out += [
            f'<xsl:template match="{tag}" mode="{mode}" priority="4">{flush}'
            f'<xsl:apply-templates mode="m{inner}"/>{FLUSH[inner]}</xsl:template>'
            for tag, inner in HEADINGS.items()
        ]
    out.append("</xsl:stylesheet>")
    return "".join(out)


def _count_stylesheet() -> str:
    """The text the article's density counts (none inside links or skipped elements), with
    ``START``/``END`` around the elements renamed to ``z:weighed``."""
    skipped = "|".join(sorted(SKIPPED | {"a"}))
    return (
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'xmlns:z="{_NAMESPACE}"><xsl:output method="text" encoding="utf-8"/>'
        f'<xsl:template match="{skipped}"/>'
        f'<xsl:template match="z:weighed">{START}<xsl:apply-templates/>{END}</xsl:template>'
        "</xsl:stylesheet>"
    )


class _Transforms(threading.local):
    """The compiled stylesheets, one set per thread: an lxml XSLT object keeps the state of
    its last run (its error log), so threads do not share one."""

    def __init__(self) -> None:
        self.compiled: dict[str, Any] = {}

    def get(self, etree: Any, name: str) -> Any:
        transform = self.compiled.get(name)
        if transform is None:
            text = {
                "walk": lambda: _walk_stylesheet(nav=False),
                "walk-nav": lambda: _walk_stylesheet(nav=True),
                "count": _count_stylesheet,
            }[name]()
            transform = self.compiled[name] = etree.XSLT(etree.fromstring(text))
        return transform


_TRANSFORMS = _Transforms()


def stream(etree: Any, article: Any, *, nav: bool) -> str:
    """The flat string of ``article``'s walk (module docstring); ``nav``: elements inside it
    carry :data:`NAV_ATTRIBUTE`."""
    return str(_TRANSFORMS.get(etree, "walk-nav" if nav else "walk")(article))


def counted_text(etree: Any, element: Any, weighed: Sequence[Any] = ()) -> str:
    """The text of ``element`` outside links and skipped elements (its tail excluded).

    Each of ``weighed`` (elements inside ``element``, none inside a link or a skipped element)
    has its text between ``START`` and ``END``.
    """
    tags = [item.tag for item in weighed]
    try:
        for item in weighed:
            item.tag = WEIGHED
        return str(_TRANSFORMS.get(etree, "count")(element))
    finally:
        for item, tag in zip(weighed, tags, strict=True):
            item.tag = tag
