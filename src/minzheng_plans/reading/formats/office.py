"""The older office formats (.doc, .wps, .xls, .et) converted by LibreOffice.

Word 97-2003 documents, WPS Writer documents, Excel 97-2003 workbooks and WPS spreadsheets
are OLE2 compound files. No well-kept permissively licensed Python library reads their text
and tables, so we ask LibreOffice (``soffice --headless --convert-to docx|xlsx``) for an
Office Open XML copy in a temporary folder, within :data:`CONVERT_SECONDS`, and read that.
"""

from __future__ import annotations

import enum
import shutil
import subprocess
import tempfile
from pathlib import Path

from minzheng_plans.core.errors import DocumentError

__all__ = ["CONVERT_SECONDS", "OfficeKind", "convert_with_libreoffice", "office_kind"]

# A plan of 100 pages converts in a few seconds; a hung converter must not hang a check.
CONVERT_SECONDS = 120

_WRITER_STREAM = "WordDocument".encode("utf-16-le")
_CALC_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))
_WRITER_SUFFIXES = frozenset({".doc", ".wps", ".dot", ".wpt"})
_CALC_SUFFIXES = frozenset({".xls", ".et", ".xlt", ".ett"})


class OfficeKind(enum.StrEnum):
    """What a compound file holds: a text document or a workbook."""

    WRITER = "writer"
    CALC = "calc"


_TARGETS = {OfficeKind.WRITER: ("docx", ".doc"), OfficeKind.CALC: ("xlsx", ".xls")}
_PACKAGES = {
    OfficeKind.WRITER: "libreoffice-writer (or libreoffice-writer-nogui)",
    OfficeKind.CALC: "libreoffice-calc (or libreoffice-calc-nogui)",
}


def office_kind(data: bytes, suffix: str) -> OfficeKind | None:
    """Writer or Calc, by the compound file's stream names (stored in UTF-16), else by suffix."""
    if _WRITER_STREAM in data:
        return OfficeKind.WRITER
    if any(stream in data for stream in _CALC_STREAMS):
        return OfficeKind.CALC
    if suffix in _WRITER_SUFFIXES:
        return OfficeKind.WRITER
    if suffix in _CALC_SUFFIXES:
        return OfficeKind.CALC
    return None


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(
    data: bytes, kind: OfficeKind, *, name: str, timeout: float = CONVERT_SECONDS
) -> bytes:
    """The document converted to DOCX (Writer) or XLSX (Calc) by a headless LibreOffice.

    Raises :class:`DocumentError` naming the Debian package to install when LibreOffice is
    not on ``PATH``, and when the conversion fails or takes longer than ``timeout`` seconds.
    """
    program = _soffice()
    if program is None:
        msg = (
            f"reading {Path(name).suffix or 'this'} documents needs LibreOffice, which is not on "
            f"PATH; install it (Debian/Ubuntu: apt-get install {_PACKAGES[kind]}) or save the "
            f"document as {_TARGETS[kind][0].upper()} first"
        )
        raise DocumentError(msg, path=name)
    target, suffix = _TARGETS[kind]
    with tempfile.TemporaryDirectory(prefix="minzheng-office-") as folder:
        source = Path(folder) / f"document{suffix}"
        source.write_bytes(data)
        # A private profile: a user's running LibreOffice (or a parallel check) would
        # otherwise take the conversion over or lock it.
        profile = (Path(folder) / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            folder,
            str(source),
        ]
        try:
            done = subprocess.run(  # noqa: S603 - a fixed program and our own arguments
                command, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            msg = f"LibreOffice did not convert the document within {timeout:g} seconds"
            raise DocumentError(msg, path=name) from None
        except OSError as err:
            msg = f"LibreOffice could not be started: {err}"
            raise DocumentError(msg, path=name) from None
        converted = source.with_suffix(f".{target}")
        if done.returncode != 0 or not converted.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            msg = f"LibreOffice could not convert the document to {target.upper()}: {said}"
            raise DocumentError(msg, path=name)
        return converted.read_bytes()
