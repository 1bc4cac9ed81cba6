"""A document handed to loaders: its name, its bytes and, where they decode, its text."""

from __future__ import annotations

import codecs
from pathlib import Path

import attrs

from minzheng_plans.core.errors import LimitError

__all__ = ["DEFAULT_MAX_BYTES", "Document", "decode_text"]

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


@attrs.frozen
class Document:
    """What a loader reads. ``text`` is ``None`` for binary documents (spreadsheets).

    Line endings are normalised to ``\\n`` in ``text`` so that loaders count lines the way
    editors do; ``data`` keeps the original bytes.
    """

    name: str
    data: bytes = attrs.field(repr=False)
    text: str | None = attrs.field(default=None, repr=False)
    encoding: str | None = None

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @classmethod
    def from_bytes(cls, name: str, data: bytes) -> Document:
        decoded = decode_text(data)
        if decoded is None:
            return cls(name, data)
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
