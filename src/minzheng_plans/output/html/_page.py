"""The page every HTML report shares: a self-contained document with inline CSS, no scripts.

Nothing is fetched: the stylesheet is inline, charts are inline SVG, the icon is an empty
``data:`` URI (so a browser does not ask for ``/favicon.ico``), and a Content-Security-Policy
forbids every other source, so a future change that adds an external asset fails in the
browser tests instead of leaking a request. Fonts are the reader's own: the stack names the
CJK fonts of common systems (Noto/Source Han on Linux, PingFang on macOS, Microsoft YaHei on
Windows) and falls back to the system's sans-serif.

Colours come from :data:`PALETTE`, pairs of text and background colours that a test keeps at
a contrast ratio of at least 4.5:1 (WCAG AA); status is never shown by colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from minzheng_plans.output.html._markup import Markup, element, join
from minzheng_plans.output.phrases import GENERATED, Phrases

__all__ = [
    "FONT_STACK",
    "PALETTE",
    "badge",
    "html_language",
    "library_version",
    "page",
    "slug",
]

FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", system-ui, sans-serif'
)

# name → (text colour, background colour); the background is also the chart colour.
PALETTE: Mapping[str, tuple[str, str]] = {
    "page": ("#1a1a1a", "#ffffff"),
    "muted": ("#4d4d4d", "#ffffff"),
    "head": ("#1a1a1a", "#e9edf2"),
    "link": ("#1f5f99", "#ffffff"),
    "error": ("#ffffff", "#a4161a"),
    "warning": ("#ffffff", "#8a4b08"),
    "info": ("#ffffff", "#1f5f99"),
    "met": ("#ffffff", "#1e6b34"),
    "on-track": ("#ffffff", "#0f5e7a"),
    "off-track": ("#ffffff", "#a4161a"),
    "not-assessable": ("#ffffff", "#5c5c5c"),
    "parent": ("#1a1a1a", "#fff4d6"),
    "quote": ("#1a1a1a", "#f4f6f8"),
}


def _css() -> str:
    badges = "\n".join(
        f".badge-{name} {{ color: {fg}; background: {bg}; }}"
        for name, (fg, bg) in PALETTE.items()
        if name not in {"page", "muted", "head", "link", "parent", "quote"}
    )
    page_fg, page_bg = PALETTE["page"]
    muted = PALETTE["muted"][0]
    head_fg, head_bg = PALETTE["head"]
    link = PALETTE["link"][0]
    parent_fg, parent_bg = PALETTE["parent"]
    quote_fg, quote_bg = PALETTE["quote"]
    return f"""
:root {{ color-scheme: light; }}
body {{ font-family: {FONT_STACK}; color: {page_fg}; background: {page_bg};
  line-height: 1.6; margin: 0 auto; padding: 1.5rem 2rem 3rem; max-width: 72rem; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .3rem; }}
h2 {{ font-size: 1.35rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid {head_bg}; }}
h3 {{ font-size: 1.1rem; margin: 1.4rem 0 .4rem; }}
a {{ color: {link}; }}
.lead, .meta {{ color: {muted}; margin: .2rem 0; }}
table {{ border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }}
th, td {{ border: 1px solid #b8c0c8; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }}
thead th, th[scope="row"] {{ color: {head_fg}; background: {head_bg}; }}
thead th, td.nowrap {{ white-space: nowrap; }}
caption {{ text-align: left; font-weight: 600; padding: .2rem 0; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
dl.facts {{ display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: .4rem 0 1rem; }}
dl.facts dt {{ color: {muted}; }}
dl.facts dd {{ margin: 0; }}
.badge {{ display: inline-block; padding: 0 .45rem; border-radius: .25rem;
  font-weight: 600; white-space: nowrap; }}
{badges}
blockquote {{ margin: .3rem 0; padding: .3rem .7rem; color: {quote_fg};
  background: {quote_bg}; border-left: 4px solid #8796a5; }}
blockquote footer {{ color: {muted}; font-size: .9em; }}
table.cross td, table.cross th {{ width: auto; }}
table.cross tr.parent td, table.cross tr.parent th {{ color: {parent_fg};
  background: {parent_bg}; }}
figure {{ margin: .5rem 0 1rem; }}
figcaption {{ color: {muted}; font-size: .9em; }}
svg {{ max-width: 100%; height: auto; font-family: {FONT_STACK}; }}
svg text {{ fill: {page_fg}; font-size: 13px; }}
nav ol {{ columns: 2; }}
code {{ font-family: ui-monospace, "Noto Sans Mono CJK SC", monospace; }}
.indicator {{ border-top: 1px solid {head_bg}; padding-top: .3rem; }}
footer.page {{ margin-top: 3rem; color: {muted}; font-size: .9em; }}
@page {{ size: A4; margin: 15mm 12mm; }}
@media print {{
  body {{ font-size: 10.5pt; max-width: none; padding: 0; }}
  nav {{ display: none; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  h2, h3 {{ break-after: avoid; }}
  tr, figure, blockquote, .indicator {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  a {{ color: inherit; text-decoration: none; }}
  section.plan + section.plan {{ break-before: page; }}
}}
"""


_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def library_version(given: str | None = None) -> str:
    """``given``, else the installed library's version (named in every report's footer)."""
    from minzheng_plans.core.version import own_version  # noqa: PLC0415

    return given if given is not None else own_version()


def html_language(language: str) -> str:
    """The ``lang`` attribute for a catalog language: ``zh-CN`` or ``en``."""
    return "zh-CN" if language.startswith("zh") else "en"


def slug(*parts: str) -> str:
    """A fragment id from code-made parts (ids, codes): letters, digits and dashes only."""
    text = "-".join(parts)
    kept = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text)
    return "r-" + "-".join(piece for piece in kept.split("-") if piece)


def badge(kind: str, label: str, symbol: str = "") -> Markup:
    """A label on its colour: the words carry the meaning, the colour only repeats it."""
    shown = f"{symbol} {label}" if symbol else label
    return element("span", shown, class_=f"badge badge-{kind}")


def page(
    title: str,
    body: Iterable[Markup],
    *,
    phrases: Phrases,
    version: str | None,
    generated: dt.date | None,
    lead: Iterable[Markup] = (),
    contents: Iterable[tuple[str, str]] = (),
) -> str:
    """The whole document: head, ``<h1>``, an optional table of contents, body, footer.

    ``version`` defaults to the installed library's, ``generated`` to today (the reader's
    local date); tests pass both so that pages compare byte for byte.
    """
    version = library_version(version)
    generated = generated or dt.date.today()  # noqa: DTZ011 - the reader's local date
    from minzheng_plans.output.phrases import CONTENTS  # noqa: PLC0415

    nav = None
    links = [element("li", element("a", label, href=f"#{target}")) for target, label in contents]
    if links:
        nav = element(
            "nav",
            element("h2", phrases(CONTENTS), id="contents"),
            element("ol", links),
            aria_labelledby="contents",
        )
    head = element(
        "head",
        element("meta", charset="utf-8"),
        element("meta", attributes={"http-equiv": "Content-Security-Policy", "content": _CSP}),
        element("meta", name="viewport", content="width=device-width, initial-scale=1"),
        element("meta", name="generator", content=f"minzheng-plans {version}"),
        element("link", rel="icon", href="data:,"),
        element("title", title),
        element("style", Markup(_css())),
    )
    footer = element(
        "footer",
        element("p", phrases(GENERATED, version=version, date=generated.isoformat())),
        class_="page",
    )
    document = element(
        "html",
        head,
        element(
            "body",
            element("header", element("h1", title), list(lead)),
            nav,
            element("main", list(body)),
            footer,
        ),
        lang=html_language(phrases.language),
    )
    return "<!DOCTYPE html>\n" + join(document) + "\n"
