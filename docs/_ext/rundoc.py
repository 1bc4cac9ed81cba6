"""``{run}`` and ``{run-python}``: pages whose shown output is generated when the docs are built.

````md
```{run} minzheng-plans check data/plans --select MZ4
:exit: 1
:lines: 1-5, 12-
```
````

runs the command from the repository root (through :mod:`docrun`, which also normalises the
output) and shows ``$ command``, what it printed and ``[exit N]`` when it did not exit 0.
Options:

``:exit: N``
    the exit code the page expects (default 0); another one fails the build (``-W``).
``:lines: SPEC``
    show only these lines of the output (``1-5, 12-``, 1-based, ``-`` open-ended); each gap
    is marked ``…``. The full output is still produced, so the command still runs in full.
``:cwd: PATH``
    run in this folder of the repository (``examples/minimal_plugin``).
``:install: PATH [PATH…]``
    make these distributions of the repository importable for this command, as an installed
    plugin is (``pip install --no-deps --target``, once per build), without touching the
    environment that builds the docs.
``:hide-command:``
    show only the output (for a snippet whose command the page has just shown as text).

``{run-python}`` runs its content as a Python script the same way and shows the code followed
by its output; ``:exit:``, ``:lines:``, ``:cwd:`` and ``:install:`` work as above.

Commands of one page share one workspace, so a page can write a file in one step and read it
in the next. Pages that use these directives are rebuilt on every build, since their output
depends on the code, not on the page.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import docrun
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

_RUN_DOCS_KEY = "rundoc_documents"


def select_lines(output: str, spec: str | None) -> str:
    """The lines of ``output`` that ``spec`` (``1-5, 12-``) names, with ``…`` for each gap."""
    lines = output.split("\n")
    if not spec:
        return output
    keep: set[int] = set()
    for part in spec.split(","):
        part = part.strip()  # noqa: PLW2901
        if not part:
            continue
        match = re.fullmatch(r"(\d*)\s*(-?)\s*(\d*)", part)
        if match is None or not (match.group(1) or match.group(3)):
            msg = f"bad :lines: part {part!r} (expected N, N-M, N- or -M)"
            raise ValueError(msg)
        low = int(match.group(1) or 1)
        high = int(match.group(3) or len(lines)) if match.group(2) else low
        keep.update(range(low, high + 1))
    shown: list[str] = []
    previous = 0
    for number in sorted(n for n in keep if 1 <= n <= len(lines)):
        if number != previous + 1:
            shown.append("…")
        shown.append(lines[number - 1])
        previous = number
    if previous < len(lines):
        shown.append("…")
    return "\n".join(shown)


def _site(app: Sphinx, path: str) -> Path:
    """A folder where ``path`` (a distribution in the repository) is installed, once a build."""
    source = docrun.ROOT / path
    if not (source / "pyproject.toml").is_file():
        msg = f":install: {path} is not a distribution in the repository (no pyproject.toml)"
        raise ValueError(msg)
    digest = hashlib.sha256(str(source).encode()).hexdigest()[:12]
    target = Path(app.doctreedir) / "rundoc-site" / digest
    installed: set[str] = app.env.rundoc_installed  # type: ignore[attr-defined]
    if path not in installed:
        subprocess.run(  # noqa: S603 - pip installing the repository's own example
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--upgrade",
                "--target",
                str(target),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=docrun.TIMEOUT,
        )
        installed.add(path)
    return target


class _Run(SphinxDirective):
    option_spec = {  # noqa: RUF012 - docutils reads it from the class
        "exit": directives.nonnegative_int,
        "lines": directives.unchanged,
        "cwd": directives.unchanged,
        "install": directives.unchanged,
        "hide-command": directives.flag,
    }

    def workspace(self) -> Path:
        """The page's workspace, made afresh when the page is read."""
        data = self.env.temp_data
        if "rundoc_workspace" not in data:
            name = self.env.docname.replace("/", "__")
            path = Path(self.env.app.doctreedir) / "rundoc" / name
            data["rundoc_workspace"] = docrun.Workspace(path).path
        self.env.__dict__.setdefault(_RUN_DOCS_KEY, set()).add(self.env.docname)
        return data["rundoc_workspace"]  # type: ignore[no-any-return]

    def pythonpath(self) -> list[Path]:
        return [_site(self.env.app, p) for p in self.options.get("install", "").split()]

    def check_exit(self, result: docrun.Result, what: str) -> None:
        expected = self.options.get("exit", 0)
        if result.exit_code != expected:
            logger.warning(
                "%s exited %d, the page expects %d; its output:\n%s",
                what,
                result.exit_code,
                expected,
                result.output,
                location=(self.env.docname, self.lineno),
            )

    def shown(self, result: docrun.Result) -> str:
        text = select_lines(result.output, self.options.get("lines"))
        if result.exit_code:
            text = f"{text}\n[exit {result.exit_code}]" if text else f"[exit {result.exit_code}]"
        return text

    def literal(self, text: str, language: str) -> nodes.literal_block:
        node = nodes.literal_block(text, text)
        node["language"] = language
        self.set_source_info(node)
        return node


class RunCommand(_Run):
    """``{run} COMMAND``: the command, run at build time, with its real output."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0]
        result = docrun.run_command(
            command, self.workspace(), self.options.get("cwd", "."), self.pythonpath()
        )
        self.check_exit(result, f"`{command}`")
        shown = self.shown(result)
        if "hide-command" not in self.options:
            shown = f"$ {command}\n{shown}" if shown else f"$ {command}"
        return [self.literal(shown, "console")]


class RunPython(_Run):
    """``{run-python}``: the snippet, run at build time as a script, then its real output."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        code = "\n".join(self.content)
        result = docrun.run_python(
            code, self.workspace(), self.options.get("cwd", "."), self.pythonpath()
        )
        self.check_exit(result, "the Python snippet")
        out: list[nodes.Node] = [self.literal(code, "python")]
        shown = self.shown(result)
        if shown:
            out.append(self.literal(shown, "text"))
        return out


def _always_outdated(
    _app: Sphinx,
    env: BuildEnvironment,
    _added: set[str],
    _changed: set[str],
    _removed: set[str],
) -> list[str]:
    return sorted(env.__dict__.get(_RUN_DOCS_KEY, set()) & set(env.found_docs))


def _merge(
    _app: Sphinx, env: BuildEnvironment, _docnames: set[str], other: BuildEnvironment
) -> None:
    env.__dict__.setdefault(_RUN_DOCS_KEY, set()).update(other.__dict__.get(_RUN_DOCS_KEY, set()))


def _builder_inited(app: Sphinx) -> None:
    app.env.rundoc_installed = set()  # type: ignore[attr-defined]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("run", RunCommand)
    app.add_directive("run-python", RunPython)
    app.connect("builder-inited", _builder_inited)
    app.connect("env-get-outdated", _always_outdated)
    app.connect("env-merge-info", _merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
