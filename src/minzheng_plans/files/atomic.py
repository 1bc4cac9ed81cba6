"""Atomic writes: a file is replaced whole or not at all.

Every report and export is written to a temporary file in the target's own folder (so the
final rename stays on one file system) and renamed over the target only once it is complete;
a failure on the way removes the temporary file and leaves an existing target untouched.
A folder that does not exist or cannot be written is a :class:`UsageError` naming the path.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from minzheng_plans.core.errors import UsageError

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A fresh temporary path beside ``target``; renamed onto it when the block succeeds.

    The temporary file exists (empty) when the block starts; writers that refuse to open an
    existing file (SQLite opens it fine) may delete it first.
    """
    final = Path(target)
    folder = final.parent if str(final.parent) else Path()
    try:
        handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        msg = f"cannot write {final}: {err.strerror or err}"
        raise UsageError(msg) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        if final.exists():
            # Keep the permissions of the file being replaced (mkstemp creates it 0600).
            os.chmod(temporary, final.stat().st_mode & 0o777)  # noqa: PTH101
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # noqa: PTH101
        try:
            temporary.replace(final)
        except OSError as err:
            msg = f"cannot write {final}: {err.strerror or err}"
            raise UsageError(msg) from None
    finally:
        temporary.unlink(missing_ok=True)


def atomic_write_bytes(target: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; the target's path."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    return Path(target)


def atomic_write_text(target: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, newlines as given) to ``target`` atomically."""
    return atomic_write_bytes(target, text.encode("utf-8"))
