"""A document handed to loaders: its name, its bytes, its format by content and, where they
decode, its text.
"""

from __future__ import annotations

import codecs
import enum
import io
import re
from pathlib import Path

import attrs

from minzheng_plans.core.errors import LimitError

__all__ = ["DEFAULT_MAX_BYTES", "Document", "Format", "decode_text", "sniff_format"]

# 20 MiB: the largest real plan is under 100 kB; a limit stops a runaway input early.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for UTF-8 (with or without BOM), UTF-16 with BOM or GB18030.

    ``None`` when the bytes are none of these (a spreadsheet, an image). GB18030 is tried
    last because it accepts almost any byte string; text that also decodes as UTF-8 is UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text, "gb18030"


class Format(enum.StrEnum):
    """What a document is by its content (magic bytes and head), whatever its name says."""

    TEXT = "text"
    PLAN = "plan"  # a plan file: declares schema = "minzheng-plans/…"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ZIP = "zip"  # another zip archive (.odt, .wps saved as OOXML without a Word part…)
    OLE = "ole"  # a compound file: .doc, .xls, .wps, .et
    BINARY = "binary"


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HEAD = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.IGNORECASE
)
_PLAN_HEAD = re.compile(r"""^\s*(?:schema\s*=\s*|\{\s*"schema"\s*:\s*)["']minzheng-plans/""")
_SNIFF_BYTES = 2048


def _zip_format(data: bytes) -> Format:
    import zipfile  # noqa: PLC0415 - only for documents that start like a ZIP archive

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return Format.BINARY
    if "word/document.xml" in names:
        return Format.DOCX
    if "xl/workbook.xml" in names:
        return Format.XLSX
    return Format.ZIP


def sniff_format(data: bytes, text: str | None = None) -> Format:
    """The format of ``data`` by its magic bytes; for text, HTML by its head, plan files by
    their declared schema."""
    head = data[:_SNIFF_BYTES]
    if head.lstrip().startswith(_PDF_MAGIC):
        return Format.PDF
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data)
    if data.startswith(_OLE_MAGIC):
        return Format.OLE
    if text is None:
        # An HTML page may fail to decode as a whole (a mislabelled GBK page); its head is ASCII.
        return Format.HTML if _HTML_HEAD.search(head) else Format.BINARY
    if _PLAN_HEAD.match(text[:_SNIFF_BYTES]):
        return Format.PLAN
    if _HTML_HEAD.search(head.lstrip()[:_SNIFF_BYTES]):
        return Format.HTML
    return Format.TEXT


_BINARY_FORMATS = frozenset({Format.PDF, Format.DOCX, Format.XLSX, Format.ZIP, Format.OLE})


@attrs.frozen
class Document:
    """What a loader reads. ``text`` is ``None`` for binary documents (spreadsheets, DOCX,
    PDF); ``format`` says what the content is (:func:`sniff_format`).

    Line endings are normalised to ``\\n`` in ``text`` so that loaders count lines the way
    editors do; ``data`` keeps the original bytes.
    """

    name: str
    data: bytes = attrs.field(repr=False)
    text: str | None = attrs.field(default=None, repr=False)
    encoding: str | None = None
    format: Format = attrs.field(
        default=attrs.Factory(lambda self: sniff_format(self.data, self.text), takes_self=True)
    )

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Document:
        binary = sniff_format(data)
        if binary in _BINARY_FORMATS:
            return cls(name, data, format=binary)
        decoded = decode_text(data)
        if decoded is None:
            return cls(name, data, format=binary)
        text, encoding = decoded
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return cls(name, data, text, encoding)

    @classmethod
    def from_text(cls, name: str, text: str) -> Document:
        return cls.from_bytes(name, text.encode("utf-8"))

    @classmethod
    def from_path(cls, path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
        path = Path(path)
        size = path.stat().st_size
        if size > max_bytes:
            what = f"{path}: file size"
            raise LimitError(what, max_bytes, size, setting="max_bytes")
        return cls.from_bytes(str(path), path.read_bytes())
