"""Safe HTML and SVG building: every text is escaped, only the code names tags and attributes.

:class:`Markup` marks a fragment this module built; anything else handed to :func:`element`
is text and is escaped, so a plan title such as ``<script>`` shows as those characters and
never becomes markup. Control characters (C0 except tab and newline, DEL, C1) are replaced by
U+FFFD first: they are not allowed in HTML, and a terminal sequence in a plan must not reach
a reader's screen through a copied report.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

__all__ = ["Markup", "clean", "element", "join", "text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAME = re.compile(r"[a-z][a-z0-9-]*(:[a-z]+)?", re.IGNORECASE)
# Elements with no content and no end tag.
_VOID = frozenset({"br", "hr", "meta", "link", "img", "col", "wbr"})


class Markup(str):
    """A fragment of HTML built here; the only kind of string inserted without escaping."""

    __slots__ = ()


def clean(value: str) -> str:
    """``value`` without control characters (each becomes U+FFFD, so nothing vanishes)."""
    return _CONTROL.sub("\ufffd", value)


def text(value: object) -> Markup:
    """``value`` as escaped text (quotes too, so it is safe in attributes)."""
    return Markup(html.escape(clean(str(value)), quote=True))


def _render(child: object) -> str:
    if child is None:
        return ""
    if isinstance(child, Markup):
        return child
    if isinstance(child, str | int):
        return text(child)
    if isinstance(child, Iterable):
        return "".join(_render(item) for item in child)
    msg = f"cannot put a {type(child).__name__} into HTML"
    raise TypeError(msg)


def join(*children: object) -> Markup:
    """Several children as one fragment (strings escaped)."""
    return Markup("".join(_render(child) for child in children))


def _attribute_name(name: str) -> str:
    # Python keywords and dashes: class_ → class, aria_label → aria-label, xmlns_xlink → …
    spelt = name.rstrip("_").replace("_", "-")
    if not _NAME.fullmatch(spelt):
        msg = f"not an attribute name: {name!r}"
        raise ValueError(msg)
    return spelt


def element(
    tag: str,
    *children: object,
    attributes: Mapping[str, object] | None = None,
    **named: object,
) -> Markup:
    """``<tag attr="…">children</tag>``; attributes set to ``None`` or ``False`` are left out.

    ``named`` attributes use Python spelling (``class_``, ``aria_label``); ``attributes``
    takes names as written (``viewBox``, ``text-anchor``).
    """
    if not _NAME.fullmatch(tag):
        msg = f"not a tag name: {tag!r}"
        raise ValueError(msg)
    pairs: list[tuple[str, object]] = [(_attribute_name(k), v) for k, v in named.items()]
    for key, value in (attributes or {}).items():
        if not _NAME.fullmatch(key):
            msg = f"not an attribute name: {key!r}"
            raise ValueError(msg)
        pairs.append((key, value))
    parts = [tag]
    for key, value in pairs:
        if value is None or value is False:
            continue
        if value is True:
            parts.append(key)
        else:
            parts.append(f'{key}="{text(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{join(*children)}</{tag}>")
