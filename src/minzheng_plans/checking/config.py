"""Project configuration: ``[tool.minzheng-plans]`` in pyproject.toml or a minzheng-plans.toml.

The file is looked up from the checked files' folder upwards (from the working directory when
plans are checked in memory); in each folder a ``minzheng-plans.toml`` (keys at its top level)
wins over a ``pyproject.toml`` that has a ``[tool.minzheng-plans]`` table; a
``pyproject.toml`` without one is passed over. Every report names the file used; ``isolated``
(``--isolated``) reads none. Keys::

    select = ["MZ"]             # codes or prefixes to report (default: all)
    ignore = ["MZ405"]          # codes or prefixes to leave out
    lang = "zh"                 # message language when --lang is not given
    plugin-timeout = 10         # seconds one plugin call may take
    disable-plugins = ["x"]     # plugins to leave out of every run
    max-file-bytes = 20971520   # larger input files are reported (MZ101), not read
    allow-incomplete = false    # true: a rule that could not run does not fail the run
    baseline = "baseline.json"  # report only findings not in this baseline (relative to here)
    progress-margin = 0.1       # MZ603: how far behind its path an actual may be (share)
    verbose = false             # true: one MZ504 per uncatalogued name, not one per plan

    [severity]                  # ([tool.minzheng-plans.severity] in pyproject.toml)
    MZ401 = "warning"           # per code or prefix; the longest matching key wins

    [[waivers]]                 # ([[tool.minzheng-plans.waivers]] in pyproject.toml)
    code = "MZ401"              # an approved deviation: code, plan and reason are required
    plan = "990102-2021-2025"
    indicator = "t1.4"
    reason = "…"
    approved_by = "…"           # optional: who approved it,
    document = "…〔2022〕12号"    # the approving document's number,
    expires = 2026-12-31        # and the last day it applies

An unknown key or a bad value is a :class:`~minzheng_plans.core.errors.ConfigError` naming the file,
never silently ignored: a misspelt ``ignroe`` would otherwise hide nothing and say nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from minzheng_plans.checking.policy import override_severities, severity_for
from minzheng_plans.core.errors import ConfigError
from minzheng_plans.core.findings import Finding, Severity, Waiver

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
    "allow-incomplete",
    "baseline",
    "progress-margin",
    "verbose",
    "waivers",
}
_WAIVER_KEYS = ("code", "plan", "indicator", "reason", "approved_by", "document", "expires")


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
    allow_incomplete: bool | None = None
    baseline: str | None = None
    progress_margin: Decimal | None = None
    verbose: bool | None = None
    waivers: tuple[Waiver, ...] = ()
    waiver_lines: tuple[int | None, ...] = ()
    path: str | None = None

    def severity_for(self, code: str) -> Severity | None:
        """The overriding severity for ``code``: the longest matching code or prefix."""
        return severity_for(code, self.severity)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with severities overridden where the configuration says so."""
        return override_severities(findings, self.severity)


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
    # tomli, compiled, rather than the standard library's pure-Python parser: every run in a
    # project reads its pyproject.toml.
    import tomli  # noqa: PLC0415

    try:
        with path.open("rb") as handle:
            return tomli.load(handle)
    except (OSError, tomli.TOMLDecodeError) as err:
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
    waivers, lines = _waivers(table.get("waivers", []), file, prefix)
    baseline = _optional_str(table, "baseline", file, prefix)
    return Config(
        select=_code_list(table, "select", file, prefix),
        ignore=_code_list(table, "ignore", file, prefix),
        severity=_severities(table.get("severity", {}), file, prefix),
        lang=_optional_str(table, "lang", file, prefix),
        plugin_timeout=_timeout(table.get("plugin-timeout"), file, prefix),
        disable_plugins=tuple(_str_list(table, "disable-plugins", file, prefix)),
        max_file_bytes=_positive_int(table.get("max-file-bytes"), "max-file-bytes", file, prefix),
        allow_incomplete=_optional_bool(table, "allow-incomplete", file, prefix),
        # Relative to the configuration's folder, wherever the run starts.
        baseline=None if baseline is None else str(file.parent / baseline),
        progress_margin=_margin(table.get("progress-margin"), file, prefix),
        verbose=_optional_bool(table, "verbose", file, prefix),
        waivers=waivers,
        waiver_lines=lines,
        path=str(file),
    )


def load_config(
    paths: Sequence[str | Path],
    explicit: str | Path | None = None,
    *,
    isolated: bool = False,
) -> Config:
    """The configuration for a run over ``paths``: ``explicit`` if given, else the nearest file.

    The first path decides where the search starts (the working directory when there is
    none); with no file found, or ``isolated``, defaults apply.
    """
    if explicit is not None:
        return read_config(explicit)
    if isolated:
        return Config()
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


def _optional_bool(table: Mapping[str, Any], key: str, file: Path, prefix: str) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise ConfigError(str(file), f"{prefix}{key} must be true or false")
    return value


def _margin(value: object, file: Path, prefix: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise ConfigError(
            str(file), f"{prefix}progress-margin must be a share from 0 up to (not including) 1"
        )
    # Through str: 0.1 as written, not the binary float nearest to it.
    return Decimal(str(value))


def _waivers(
    value: object, file: Path, prefix: str
) -> tuple[tuple[Waiver, ...], tuple[int | None, ...]]:
    """The ``[[waivers]]`` tables, each naming its plan, with their lines in the file."""
    if not isinstance(value, list):
        raise ConfigError(str(file), f"{prefix}waivers must be an array of tables ([[waivers]])")
    from minzheng_plans.files.keylines import toml_key_lines  # noqa: PLC0415

    index = toml_key_lines(file.read_text(encoding="utf-8")) if value else {}
    waivers: list[Waiver] = []
    lines: list[int | None] = []
    for position, item in enumerate(value):
        where = f"{prefix}waivers[{position}]"
        if not isinstance(item, Mapping):
            raise ConfigError(str(file), f"{where} must be a table")
        unknown = sorted(set(item) - set(_WAIVER_KEYS))
        if unknown:
            known = ", ".join(_WAIVER_KEYS)
            raise ConfigError(str(file), f"unknown key {where}.{unknown[0]} (known: {known})")
        for key in ("code", "plan", "reason"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                why = "the plan id" if key == "plan" else f"a {key}"
                raise ConfigError(str(file), f"{where}.{key} is required: {why} as text")
        for key in ("indicator", "approved_by", "document"):
            if key in item and not isinstance(item[key], str):
                raise ConfigError(str(file), f"{where}.{key} must be text")
        expires = item.get("expires")
        if expires is not None and (
            not isinstance(expires, dt.date) or isinstance(expires, dt.datetime)
        ):
            raise ConfigError(str(file), f"{where}.expires must be a date (2026-12-31)")
        try:
            waiver = Waiver(
                code=item["code"].strip().upper(),
                reason=item["reason"],
                plan=item["plan"],
                indicator=item.get("indicator"),
                approved_by=item.get("approved_by"),
                document=item.get("document"),
                expires=expires,
            )
        except ValueError as err:
            raise ConfigError(str(file), f"{where}: {err}") from None
        waivers.append(waiver)
        lines.append(index.get(f"{prefix}waivers[{position}]"))
    return tuple(waivers), tuple(lines)
