"""Project configuration: ``[tool.minzheng-plans]`` in pyproject.toml or a minzheng-plans.toml.

The file is looked up from the checked files' folder upwards; in each folder a
``minzheng-plans.toml`` (keys at its top level) wins over a ``pyproject.toml`` that has a
``[tool.minzheng-plans]`` table; a ``pyproject.toml`` without one is passed over. Keys::

    select = ["MZ"]             # codes or prefixes to report (default: all)
    ignore = ["MZ405"]          # codes or prefixes to leave out
    lang = "zh"                 # message language when --lang is not given
    plugin-timeout = 10         # seconds one plugin call may take
    disable-plugins = ["x"]     # plugins to leave out of every run
    max-file-bytes = 20971520   # larger input files are reported (MZ101), not read

    [severity]                  # ([tool.minzheng-plans.severity] in pyproject.toml)
    MZ401 = "warning"           # per code or prefix; the longest matching key wins

An unknown key or a bad value is a :class:`~minzheng_plans.core.errors.ConfigError` naming the file,
never silently ignored: a misspelt ``ignroe`` would otherwise hide nothing and say nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from minzheng_plans.core.errors import ConfigError
from minzheng_plans.core.findings import Finding, Severity

__all__ = ["CONFIG_FILE", "Config", "find_config", "load_config", "read_config"]

CONFIG_FILE = "minzheng-plans.toml"
TOOL_KEY = "minzheng-plans"
_KEYS = {
    "select",
    "ignore",
    "severity",
    "lang",
    "plugin-timeout",
    "disable-plugins",
    "max-file-bytes",
}


def _codes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(value.strip().upper() for value in values if value.strip())


@attrs.frozen
class Config:
    """Settings read from a configuration file (all optional); ``path`` names the file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    lang: str | None = None
    plugin_timeout: float | None = None
    disable_plugins: tuple[str, ...] = ()
    max_file_bytes: int | None = None
    path: str | None = None

    def severity_for(self, code: str) -> Severity | None:
        """The overriding severity for ``code``: the longest matching code or prefix."""
        matches = [key for key in self.severity if code.startswith(key)]
        return self.severity[max(matches, key=len)] if matches else None

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with severities overridden where the configuration says so."""
        out = []
        for finding in findings:
            override = self.severity_for(finding.code)
            out.append(
                finding
                if override is None or override is finding.severity
                else attrs.evolve(finding, severity=override)
            )
        return out


def find_config(start: str | Path) -> Path | None:
    """The configuration file governing ``start`` (a file or a folder), if any."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and TOOL_KEY in _tool_tables(pyproject):
            return pyproject
    return None


def _tool_tables(path: Path) -> Mapping[str, Any]:
    tool = _read_toml(path).get("tool", {})
    return tool if isinstance(tool, Mapping) else {}


def _read_toml(path: Path) -> Mapping[str, Any]:
    import tomllib  # noqa: PLC0415

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(str(path), str(err)) from None


def read_config(path: str | Path) -> Config:
    """Read one configuration file (``pyproject.toml`` or ``minzheng-plans.toml``)."""
    file = Path(path)
    if file.name == "pyproject.toml":
        table = _tool_tables(file).get(TOOL_KEY, {})
        prefix = f"tool.{TOOL_KEY}."
    else:
        table = _read_toml(file)
        prefix = ""
    if not isinstance(table, Mapping):
        raise ConfigError(str(file), f"{prefix.rstrip('.')} must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        known = ", ".join(sorted(_KEYS))
        raise ConfigError(str(file), f"unknown key {prefix}{unknown[0]} (known keys: {known})")
    return Config(
        select=_code_list(table, "select", file, prefix),
        ignore=_code_list(table, "ignore", file, prefix),
        severity=_severities(table.get("severity", {}), file, prefix),
        lang=_optional_str(table, "lang", file, prefix),
        plugin_timeout=_timeout(table.get("plugin-timeout"), file, prefix),
        disable_plugins=tuple(_str_list(table, "disable-plugins", file, prefix)),
        max_file_bytes=_positive_int(table.get("max-file-bytes"), "max-file-bytes", file, prefix),
        path=str(file),
    )


def load_config(paths: Sequence[str | Path], explicit: str | Path | None = None) -> Config:
    """The configuration for a run over ``paths``: ``explicit`` if given, else the nearest file.

    The first path decides where the search starts; with no file found, defaults apply.
    """
    if explicit is not None:
        return read_config(explicit)
    found = find_config(paths[0] if paths else Path.cwd())
    return read_config(found) if found is not None else Config()


def _str_list(table: Mapping[str, Any], key: str, file: Path, prefix: str) -> list[str]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(str(file), f"{prefix}{key} must be a list of strings")
    return value


def _code_list(table: Mapping[str, Any], key: str, file: Path, prefix: str) -> tuple[str, ...]:
    return _codes(_str_list(table, key, file, prefix))


def _optional_str(table: Mapping[str, Any], key: str, file: Path, prefix: str) -> str | None:
    value = table.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(str(file), f"{prefix}{key} must be a string")
    return value


def _severities(value: object, file: Path, prefix: str) -> dict[str, Severity]:
    if not isinstance(value, Mapping):
        raise ConfigError(str(file), f"{prefix}severity must be a table of code = severity")
    out: dict[str, Severity] = {}
    for code, level in value.items():
        choices = ", ".join(s.value for s in Severity)
        if not isinstance(level, str) or level not in {s.value for s in Severity}:
            raise ConfigError(
                str(file), f"{prefix}severity.{code} must be one of {choices}, not {level!r}"
            )
        out[str(code).strip().upper()] = Severity(level)
    return out


def _timeout(value: object, file: Path, prefix: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(str(file), f"{prefix}plugin-timeout must be a positive number of seconds")
    return float(value)


def _positive_int(value: object, key: str, file: Path, prefix: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(str(file), f"{prefix}{key} must be a positive whole number")
    return value
