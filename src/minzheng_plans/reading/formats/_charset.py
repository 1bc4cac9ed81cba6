"""The encoding of a saved web page: declared (BOM, ``<meta charset>``, ``http-equiv``, an
XML declaration) or, failing that, detected.

Government sites in China still serve GB2312 and GBK pages. GB2312 and GBK are read as
GB18030, their superset: a page labelled GB2312 routinely holds characters only GBK or
GB18030 has (rare surname characters such as 堃 or 珺), and a strict GB2312 decoder would
turn them into errors.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["declared_charset", "decode_html"]

_HEAD_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE
)
# Labels that mean a subset of GB18030 (the WHATWG encoding standard maps them to GBK).
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"})


def _canonical(label: str) -> str | None:
    label = label.strip().lower()
    if label in _GB_FAMILY:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The encoding the page declares, by its byte-order mark or in its head; GB* → GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:_HEAD_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match is not None:
            found = _canonical(match.group(1).decode("ascii", "replace"))
            if found is not None:
                return found
    return None


def decode_html(data: bytes) -> tuple[str, str, bool]:
    """``(text, encoding, exact)``: the page as text, the encoding used, and whether it decoded
    without a replacement character.

    A byte-order mark decides. Otherwise bytes that decode as UTF-8 are UTF-8 whatever the
    page declares (Chinese text in GB18030 is practically never valid UTF-8, while a page
    re-saved as UTF-8 often keeps its old ``charset=gb2312``); then the declared encoding,
    then GB18030. When none decodes cleanly, the declared one (else GB18030) is used with
    replacement characters and ``exact`` is false, so that the loader can say so.
    """
    declared = declared_charset(data)
    if declared in {"utf-8-sig", "utf-16"}:
        return data.decode(declared, errors="replace"), declared, True
    tried = ["utf-8"]
    tried += [e for e in (declared, "gb18030") if e is not None and e not in tried]
    for encoding in tried:
        try:
            return data.decode(encoding), encoding, True
        except UnicodeDecodeError:
            continue
    fallback = declared or "gb18030"
    return data.decode(fallback, errors="replace"), fallback, False
