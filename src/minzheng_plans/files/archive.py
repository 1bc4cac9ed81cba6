"""Zip containers (XLSX workbooks): their size checked before anything inside is read.

An .xlsx file is a zip archive of XML parts, and zip compresses repetitive XML a
hundredfold or more: ten megabytes on disk can be a gigabyte and a half of XML, which a
spreadsheet library would parse into many gigabytes of memory. The archive's central
directory states each member's uncompressed size, and Python's :mod:`zipfile` never yields
more than that size from a member (a member that holds more fails its CRC check), so adding
up the stated sizes bounds what any reader of the archive can be given, before it starts.
"""

from __future__ import annotations

import io

from minzheng_plans.core.errors import DocumentError, LimitError

__all__ = ["DEFAULT_MAX_MEMBERS", "DEFAULT_MAX_UNCOMPRESSED", "check_archive"]

#: What the members of one archive may hold uncompressed, together. An indicator workbook of
#: ten thousand rows is a few megabytes of XML.
DEFAULT_MAX_UNCOMPRESSED = 32 * 1024 * 1024
#: Members of one archive: a workbook has a few dozen parts.
DEFAULT_MAX_MEMBERS = 10_000


def check_archive(
    data: bytes,
    *,
    name: str | None = None,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> None:
    """Refuse an archive whose members hold more than ``max_uncompressed`` bytes together, or
    that has more than ``max_members`` members (:class:`LimitError`); a file that is no zip
    archive is a :class:`DocumentError`. Only the central directory is read: the time is
    linear in the size of ``data``, whatever the members would expand to."""
    import zipfile  # noqa: PLC0415 - start-up: only a run that reads an archive pays for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        msg = f"not a readable zip archive: {err}"
        raise DocumentError(msg, path=name) from None
    where = name or "<archive>"
    if len(members) > max_members:
        what = f"{where}: members of the archive"
        raise LimitError(what, max_members, len(members), setting="max_members")
    total = sum(member.file_size for member in members)
    if total > max_uncompressed:
        what = f"{where}: uncompressed size of the archive in bytes"
        raise LimitError(what, max_uncompressed, total, setting="max_uncompressed")
