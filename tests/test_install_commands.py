"""Every documented `pip install` works as written on a fresh machine (as far as a test can see).

Installing takes minutes, so the commands are run by hand in fresh environments when they
change (docs/install.md records the last run). On every run this test checks what makes them
fail without a network: a distribution named that is not on an index (minzheng-plans is on
none), a path or an extra that does not exist, and the one-command form that pip before 23.3
cannot resolve (an editable core with extras plus the plugins that require it).
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [
        ROOT / "README.md",
        *ROOT.glob("docs/**/*.md"),
        *ROOT.glob("examples/*/README.md"),
        *ROOT.glob("plugins/*/README.md"),
    ]
)
PAGES = [p for p in PAGES if "_build" not in p.parts]

#: Third-party tools the docs install by name from the index: each is on PyPI.
# Third-party tools the docs name, all on PyPI (the exports' recipes open them).
FROM_INDEX = {"pip", "build", "twine", "atheris", "datasette", "frictionless", "pandas"}
#: Built artefacts: named by the docs after `python -m build`, not present in a checkout.
BUILT = ("dist/",)

_COMMAND = re.compile(r"(?:python -m )?pip install (?P<args>[^`\n&#;]*)")
_OPTIONS_WITH_VALUE = {"-r", "--requirement", "-c", "--constraint", "-t", "--target"}


def _commands() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for match in _COMMAND.finditer(page.read_text(encoding="utf-8")):
            args = match.group("args").strip().rstrip(")`,;")
            found.append((f"{page.relative_to(ROOT)}: pip install {args}", args))
    return found


COMMANDS = _commands()


def _requirements(args: str) -> list[tuple[str, bool]]:
    """``(requirement, editable)`` of each requirement argument."""
    words = shlex.split(args)
    out: list[tuple[str, bool]] = []
    editable = False
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in _OPTIONS_WITH_VALUE:
            skip = True
        elif word in {"-e", "--editable"}:
            editable = True
        elif not word.startswith("-"):
            out.append((word, editable))
            editable = False
    return out


def _split(requirement: str) -> tuple[str, set[str]]:
    match = re.fullmatch(r"(?P<target>[^\[]+)(?:\[(?P<extras>[^\]]*)\])?", requirement)
    assert match is not None, requirement
    extras = {e.strip() for e in (match.group("extras") or "").split(",") if e.strip()}
    return match.group("target"), extras


def _extras(project: Path) -> set[str]:
    data = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["project"].get("optional-dependencies", {}))


def test_the_docs_have_install_commands():
    """The README and install page give commands; without them this test checks nothing."""
    pages = {label.split(":")[0] for label, _ in COMMANDS}
    assert {"README.md", "docs/install.md"} <= pages


@pytest.mark.parametrize(("label", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_install_command_names_what_exists(label, args, tmp_path):
    """Each requirement is a path in the checkout (with extras it defines), a built wheel, or
    a third-party tool from the index; never minzheng-plans by name."""
    requirements = _requirements(args)
    assert requirements, label
    for requirement, _editable in requirements:
        target, extras = _split(requirement)
        if target.startswith(BUILT):
            assert target.endswith(".whl"), f"{label}: {target} is not a wheel"
            continue
        if "/" not in target and target != ".":
            assert target in FROM_INDEX, f"{label}: {target} is not on a public index"
            continue
        paths = sorted(ROOT.glob(target)) if any(c in target for c in "*?[") else [ROOT / target]
        assert paths, f"{label}: {target} matches nothing"
        for path in paths:
            assert (path / "pyproject.toml").is_file(), f"{label}: {path} is no distribution"
            assert extras <= _extras(path), f"{label}: {path} has no extra {extras}"


@pytest.mark.parametrize(("label", "args"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_no_editable_core_with_extras_beside_plugins(label, args):
    """pip < 23.3 cannot resolve `-e ".[test]" ./plugins/x`: the plugins' requirement on
    minzheng-plans is not seen as met by the editable core with extras (issue #18, item 15)."""
    requirements = [(_split(r), e) for r, e in _requirements(args)]
    editable_with_extras = any(e and extras for (_t, extras), e in requirements)
    plain_local = [t for (t, _x), e in requirements if not e and "/" in t]
    assert not (editable_with_extras and plain_local), label


def test_the_old_documented_form_is_caught():
    """The form docs/performance.md gave is refused by the rule above."""
    requirements = [(_split(r), e) for r, e in _requirements('-e ".[test]" ./plugins/*')]
    assert [((".", {"test"}), True), (("./plugins/*", set()), False)] == requirements
