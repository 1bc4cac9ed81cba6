"""The compiled cache: what every run would rebuild from the same inputs, kept between runs.

A check of one plan file would otherwise spend most of its time rebuilding things that do not
change between runs: the unit table (through pint), the catalog, every division of China and the
bundled plans. :func:`cached` keeps each as a pickle of the built value, one file per entry,
named by a digest of its key; the key is stored in the file and compared whole on reading, so a
collision or a stale entry is never trusted.

Every key holds, besides what the caller names (the unit definition lines, the stamps of the
data files read, :func:`file_stamp`): the cache format, the interpreter's cache tag
(``cpython-311``), the installed version of minzheng-plans and a fingerprint of its source
files (path, size and modification time of every module), so that an upgrade, a downgrade or
an edited checkout never reads what another code base wrote.

Where: ``$MINZHENG_PLANS_CACHE_DIR`` when set; else the platform's cache folder
(``$XDG_CACHE_HOME/minzheng-plans``, ``~/.cache/minzheng-plans``; ``~/Library/Caches`` on macOS,
``%LOCALAPPDATA%`` on Windows). ``MINZHENG_PLANS_NO_CACHE=1`` turns it off. The cache is only
ever a shortcut: an entry that cannot be read (corrupt, cut short, written by another version)
is rebuilt, and a folder that cannot be written (a read-only home) leaves the run uncached and
otherwise unchanged. Writers write a temporary file and rename it into place, so concurrent
runs never see half an entry.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_FORMAT",
    "KEEP",
    "NO_CACHE_ENV",
    "cache_dir",
    "cached",
    "digest",
    "file_stamp",
    "installed",
    "installed_version",
    "source_fingerprint",
]

#: Relocates the cache.
CACHE_DIR_ENV = "MINZHENG_PLANS_CACHE_DIR"
#: Set to anything but ``""`` or ``0`` to build everything afresh and write nothing.
NO_CACHE_ENV = "MINZHENG_PLANS_NO_CACHE"
#: Raised whenever the layout of an entry changes.
CACHE_FORMAT = 2
#: Entries of one kind kept (the newest); several installations may share the folder.
KEEP = 16

_APP = "minzheng-plans"
_PACKAGE = Path(__file__).resolve().parents[1]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder entries are kept in, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in {"", "0"}:
        return None
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / _APP / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / _APP
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG rule: a relative $XDG_CACHE_HOME is invalid and ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"  # noqa: PTH117
    return base / _APP


def digest(*parts: bytes | str) -> str:
    """A SHA-256 of ``parts`` (text as UTF-8), for keys that name file contents."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def file_stamp(node: Traversable) -> tuple[object, ...]:
    """What names the version of a data file in a key, without reading it.

    On a file system (every wheel, an editable install, a checkout): its path, size and
    modification time, as :func:`source_fingerprint` names the code; reading and hashing the
    bundled data on every run would cost more than the rest of a small check. Anywhere else
    (a package inside a zip archive): the digest of its bytes.
    """
    if isinstance(node, Path):
        try:
            stat = node.stat()
        except OSError:
            return (str(node), None)
        return (str(node), stat.st_size, stat.st_mtime_ns)
    return (node.name, digest(node.read_bytes()))


@cache
def source_fingerprint() -> str:
    """A digest of the installed code: every module's path, size and modification time.

    An editable install or a checkout changes code without changing its version; a pickled
    record written by other code must then not be read back.
    """
    found: list[tuple[str, int, int]] = []
    root = os.fspath(_PACKAGE)
    _walk(root, len(root) + 1, found)
    found.sort()
    return digest(repr(found))


def _walk(folder: str, strip: int, found: list[tuple[str, int, int]]) -> None:
    # Plain strings and os.scandir: this runs on every start, over every module.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _walk(entry.path, strip, found)
            elif entry.name.endswith(".py"):
                stat = entry.stat()
                found.append((entry.path[strip:], stat.st_size, stat.st_mtime_ns))


@cache
def installed_version() -> str:
    """The installed version of minzheng-plans (:func:`~minzheng_plans.core.version.own_version`),
    from the cache while nothing is installed or removed."""
    from minzheng_plans.core.version import own_version  # noqa: PLC0415

    return installed("version", own_version)


@cache
def _release() -> tuple[str, str, str]:
    return (sys.implementation.cache_tag or "", installed_version(), source_fingerprint())


def _path_state() -> tuple[tuple[str, int], ...]:
    """Every folder on ``sys.path`` with its modification time (-1: not a folder here)."""
    state = []
    for entry in sys.path:
        try:
            state.append((entry, os.stat(entry or ".").st_mtime_ns))  # noqa: PTH116
        except OSError:
            state.append((entry, -1))
    return tuple(state)


def installed(kind: str, read: Callable[[], T]) -> T:
    """What ``read`` finds in the installed distributions' metadata (a version, entry points).

    Kept in the cache under ``kind`` and keyed by the modification time of every folder on
    ``sys.path``: installing, upgrading or removing a distribution adds or removes its
    metadata folder, which changes the time of the folder holding it. A hit spares the
    import of :mod:`importlib.metadata` and the scan of every distribution.
    """
    folder = cache_dir()
    if folder is None:
        return read()
    full = (CACHE_FORMAT, kind, sys.implementation.cache_tag, _path_state(), source_fingerprint())
    return _through(folder / f"installed-{kind}-{digest(repr(full))[:32]}.pickle", full, read)


def cached(kind: str, key: Iterable[object], build: Callable[[], T]) -> T:
    """The value ``build()`` returns for ``key``, from the cache when it holds it.

    ``kind`` names the entry (``"units"``); ``key`` is plain data (str, int, tuples) naming
    everything the value depends on besides the installed code, which every key includes.
    ``build`` runs when the entry is missing, stale or unreadable, and its value is stored
    (when the folder can be written). The value must pickle; it is returned as built or as
    read back, never both, so callers must not rely on its identity.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    full = (CACHE_FORMAT, kind, _release(), tuple(key))
    return _through(folder / f"{kind}-{digest(repr(full))[:32]}.pickle", full, build)


def _through(path: Path, full: tuple[object, ...], build: Callable[[], T]) -> T:
    """The entry at ``path`` when it was stored for ``full``; else ``build()``, stored."""
    found = _read(path, full)
    if found is not _MISSING:
        return cast("T", found)
    value = build()
    _write(path, full, value)
    return value


class _Missing:
    pass


_MISSING: Any = _Missing()


def _read(path: Path, key: tuple[object, ...]) -> object:
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)  # noqa: S301 - our own folder, keyed by our own code
    except FileNotFoundError:
        return _MISSING
    except Exception:  # noqa: BLE001 - a damaged entry of any kind is rebuilt, never fatal
        return _MISSING
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != key:
        return _MISSING
    return stored[1]


def _write(path: Path, key: tuple[object, ...], value: object) -> None:
    """Store an entry; any failure (read-only folder, full disk) leaves the run uncached."""
    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - a value that will not pickle is simply not kept
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A name of our own beside the entry: concurrent writers never share a temporary file,
        # and the rename replaces the entry whole.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{id(data):x}.tmp")
        try:
            with temporary.open("xb") as handle:
                handle.write(data)
            temporary.replace(path)
        finally:
            temporary.unlink(missing_ok=True)
        _prune(path)
    except OSError:
        return


def _prune(path: Path) -> None:
    """Keep the newest :data:`KEEP` entries of the kind just written: entries of older code
    are never read again, and each upgrade or edit would otherwise add its own."""
    kind = path.name.rsplit("-", 1)[0]
    entries = [
        (entry.stat().st_mtime_ns, entry)
        for entry in path.parent.glob(f"{kind}-*.pickle")
        if entry.name.rsplit("-", 1)[0] == kind
    ]
    for _time, entry in sorted(entries, reverse=True)[KEEP:]:
        entry.unlink(missing_ok=True)
