"""Reading the bundled TOML data files (catalog, jurisdictions) with located errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NoReturn

import tomli

from minzheng_plans.core.errors import PlanFileError
from minzheng_plans.files.keylines import toml_key_lines

__all__ = ["DataFile"]


class DataFile:
    """A parsed TOML data file whose problems are reported with file, line and key."""

    def __init__(self, text: str, *, path: str | None, schema: str) -> None:
        self.path = path
        try:
            self.tree: dict[str, Any] = tomli.loads(text, parse_float=Decimal)
        except tomli.TOMLDecodeError as err:
            reason = f"not valid TOML: {err.msg}"
            raise PlanFileError(reason, path=path, line=err.lineno, column=err.colno) from err
        self._lines = toml_key_lines(text)
        if self.tree.get("schema") != schema:
            self.fail(f'expected schema = "{schema}", found {self.tree.get("schema")!r}', "schema")

    def fail(self, reason: str, key: str) -> NoReturn:
        """Raise a PlanFileError at ``key`` (a path such as ``indicator[3].kind``)."""
        line = self._lines.get(key)
        if line is None and "." in key:
            line = self._lines.get(key.rsplit(".", 1)[0])
        raise PlanFileError(reason, path=self.path, line=line, key=key)

    def tables(self, name: str, allowed_top: frozenset[str]) -> list[tuple[str, dict[str, Any]]]:
        """The ``[[name]]`` tables with their key paths; other top-level keys are refused."""
        unknown = sorted(set(self.tree) - allowed_top - {"schema", name})
        if unknown:
            self.fail(f"unknown top-level key {unknown[0]!r}", unknown[0])
        raw = self.tree.get(name, [])
        if not isinstance(raw, list):
            self.fail(f"expected [[{name}]] tables", name)
        found: list[tuple[str, dict[str, Any]]] = []
        for index, item in enumerate(raw):
            where = f"{name}[{index}]"
            if not isinstance(item, dict):
                self.fail("expected a table", where)
            found.append((where, item))
        return found

    def check_fields(
        self, where: str, item: dict[str, Any], known: frozenset[str], required: tuple[str, ...]
    ) -> None:
        extra = sorted(set(item) - known)
        if extra:
            names = ", ".join(sorted(known))
            self.fail(f"unknown field {extra[0]!r}; known: {names}", f"{where}.{extra[0]}")
        for key in required:
            if key not in item:
                self.fail(f"missing field {key!r}", where)
        for key, value in item.items():
            if key == "aliases":
                if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
                    self.fail("expected a list of non-empty strings", f"{where}.{key}")
            elif not isinstance(value, str):
                self.fail(f"expected a string, found {type(value).__name__}", f"{where}.{key}")
