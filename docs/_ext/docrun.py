"""Run what the documentation shows, and make its output comparable from one machine to another.

One module serves three users:

- the Sphinx directives in :mod:`rundoc` (``{run}`` and ``{run-python}``), which run a command
  or a Python snippet at build time and insert its real output into the page;
- ``tests/test_readme.py``, which runs the README's transcripts and doctests (GitHub shows the
  README, Sphinx does not build it) and fails with a diff when the shown output is stale;
- ``scripts/refresh_docs.py``, which rewrites the README's shown output from a real run.

Everything runs the way a reader would run it: from the repository root, with the
``minzheng-plans`` and ``python`` of the interpreter running this module first on ``PATH``,
in English, without colour. Commands that write files (``--chart x.png``, ``--to x.sqlite``)
run in a *workspace*: a scratch folder whose entries are symbolic links to the repository
root's, so relative paths in the docs work and the checkout stays clean.

Output is normalised in one place, :func:`normalise`; the rules are listed there and in
``docs/contributing-docs.md``.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parents[2]

#: Seconds one documented command may take before the run counts as failed.
TIMEOUT = 300

#: Entries of the repository root that a workspace does not mirror (caches, builds, VCS).
_NOT_MIRRORED = {".git", ".ci-venv", ".ci-wheel", ".ci-docs", "dist", "build"}

#: The environment variables a documented run sets; language and colour come from nowhere else.
FIXED_ENVIRONMENT = {
    "LANG": "C.UTF-8",
    "TZ": "UTC",
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
}
#: Variables of the caller's environment that would change a documented run's output.
_DROPPED = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "FORCE_COLOR", "CLICOLOR_FORCE")

EXIT_MARK = re.compile(r"^\[exit (\d+)\]$")


def environment(pythonpath: Sequence[Path] = ()) -> dict[str, str]:
    """The environment of every documented run: ours first on PATH, English, no colour."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update(FIXED_ENVIRONMENT)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    if pythonpath:
        extra = [str(p) for p in pythonpath]
        env["PYTHONPATH"] = os.pathsep.join([*extra, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def normalise(text: str, workspace: Path | None = None) -> str:
    """Output that reads the same on every machine. The rules, in order:

    1. the workspace's path and the repository's absolute path are left out (``/tmp/…/data``
       reads ``data``), so paths read as the reader typed them;
    2. the temporary folder of any other run reads ``$TMPDIR``;
    3. trailing spaces are stripped from each line, and trailing blank lines from the end.
    """
    places = [ROOT]
    if workspace is not None:
        places.insert(0, workspace)
    for place in places:
        for spelling in {str(place), str(place.resolve())}:
            text = text.replace(spelling + os.sep, "").replace(spelling, ".")
    tmp = re.escape(tempfile.gettempdir().rstrip(os.sep))
    text = re.sub(tmp + r"/[^\s:'\"]*", "$TMPDIR", text)
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n")


class Workspace:
    """A scratch folder mirroring the repository root through symbolic links."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            path = Path(tempfile.mkdtemp(prefix="mzdocs-"))
        else:
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        self.path = path
        for entry in ROOT.iterdir():
            if entry.name not in _NOT_MIRRORED and not entry.name.startswith(".ci"):
                (path / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Result:
    """What a run printed (stdout and stderr as interleaved, normalised) and its exit code."""

    output: str
    exit_code: int


def run_command(
    command: str, workspace: Path, cwd: str = ".", pythonpath: Sequence[Path] = ()
) -> Result:
    """Run ``command`` in ``workspace/cwd``: shell words, ``# comments``, globs and leading
    ``NAME=value`` assignments as a shell reads them; no pipes or redirections."""
    words = shell_words(command)
    env = environment(pythonpath)
    while words and _ASSIGNMENT.match(words[0].text):
        name, _, value = words.pop(0).text.partition("=")
        env[name] = value
    argv = _expand(words, workspace / cwd)
    if not argv:
        msg = f"no command in {command!r}"
        raise ValueError(msg)
    try:
        done = subprocess.run(  # noqa: S603 - the docs' own commands, by design
            argv,
            cwd=workspace / cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        return Result(f"{argv[0]}: command not found", 127)
    return Result(normalise(done.stdout.decode("utf-8", "replace"), workspace), done.returncode)


@dataclass(frozen=True)
class Word:
    """A word of a command as a shell reads it; ``pattern`` when a ``*``, ``?`` or ``[`` of it
    stands outside quotes, so that the shell would expand it."""

    text: str
    pattern: bool = False


def shell_words(command: str) -> list[Word]:
    """The words of ``command`` as a POSIX shell splits them: quotes and backslashes removed,
    a ``#`` that starts a word beginning a comment. A quoted ``"/path?a=1"`` is no glob."""
    words: list[Word] = []
    text: list[str] = []
    started = pattern = False
    quote = ""
    chars = iter(command)
    for char in chars:
        if quote == "'":
            if char == "'":
                quote = ""
            else:
                text.append(char)
        elif quote == '"':
            if char == '"':
                quote = ""
            elif char == "\\":
                escaped = next(chars, "")
                text.append(escaped if escaped in '"\\$`' else "\\" + escaped)
            else:
                text.append(char)
        elif char.isspace():
            if started:
                words.append(Word("".join(text), pattern))
            text, started, pattern = [], False, False
        elif char == "#" and not started:
            break
        else:
            started = True
            if char in "'\"":
                quote = char
            elif char == "\\":
                text.append(next(chars, ""))
            else:
                text.append(char)
                pattern = pattern or char in "*?["
    if quote:
        msg = f"no closing quotation in {command!r}"
        raise ValueError(msg)
    if started:
        words.append(Word("".join(text), pattern))
    return words


def _expand(words: list[Word], cwd: Path) -> list[str]:
    """Words with an unquoted ``*``, ``?`` or ``[`` expanded against ``cwd``, sorted, as a shell
    does; a pattern that matches nothing stays as written."""
    out: list[str] = []
    for word in words:
        matches = (
            sorted(str(p.relative_to(cwd)) for p in cwd.glob(word.text)) if word.pattern else []
        )
        out.extend(matches or [word.text])
    return out


_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def run_python(
    code: str, workspace: Path, cwd: str = ".", pythonpath: Sequence[Path] = ()
) -> Result:
    """Run a Python snippet as a script (``python -c``) in ``workspace/cwd``."""
    done = subprocess.run(  # noqa: S603 - the docs' own snippets, by design
        [sys.executable, "-c", code],
        cwd=workspace / cwd,
        env=environment(pythonpath),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=TIMEOUT,
        check=False,
    )
    return Result(normalise(done.stdout.decode("utf-8", "replace"), workspace), done.returncode)


# -- transcripts: `$ command`, its output, `[exit N]` -------------------------------------------


@dataclass(frozen=True)
class Step:
    """One command of a transcript and the output shown for it."""

    command: str
    output: str = ""
    exit_code: int = 0


def parse_transcript(text: str) -> list[Step]:
    """The steps of a console block: lines ``$ command``, then its output, then ``[exit N]``
    when it does not exit 0. Text before the first ``$`` line is an error."""
    steps: list[Step] = []
    command: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if command is None:
            return
        code = 0
        if lines and (mark := EXIT_MARK.match(lines[-1])):
            code = int(mark.group(1))
            lines.pop()
        steps.append(Step(command, "\n".join(lines).rstrip("\n"), code))

    for line in text.splitlines():
        if line.startswith("$ "):
            flush()
            command, lines = line[2:], []
        elif command is None:
            if line.strip():
                msg = f"a transcript starts with '$ command', not {line!r}"
                raise ValueError(msg)
        else:
            lines.append(line)
    flush()
    return steps


def render_step(step: Step) -> str:
    """``$ command``, the output, and ``[exit N]`` when the exit code is not 0."""
    parts = [f"$ {step.command}"]
    if step.output:
        parts.append(step.output)
    if step.exit_code:
        parts.append(f"[exit {step.exit_code}]")
    return "\n".join(parts)


def refresh_transcript(text: str, workspace: Path) -> str:
    """The transcript with every step's output and exit code replaced by a real run's."""
    steps = [
        Step(s.command, *_result(run_command(s.command, workspace))) for s in parse_transcript(text)
    ]
    return "\n".join(render_step(s) for s in steps)


def _result(result: Result) -> tuple[str, int]:
    return result.output, result.exit_code


# -- doctests: `>>> code` and the output shown for it --------------------------------------------

_DOCTEST_RUNNER = r"""
import contextlib, doctest, io, json, sys, traceback
examples = json.loads(sys.stdin.read())
namespace = {"__name__": "__main__"}
outputs = []
for source in examples:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        try:
            exec(compile(source, "<doc>", "single"), namespace)
        except Exception as error:
            lines = traceback.format_exception_only(type(error), error)
            print("Traceback (most recent call last):\n    ...\n" + "".join(lines), end="")
    outputs.append(buffer.getvalue())
print(json.dumps(outputs))
"""


def refresh_doctest(text: str, workspace: Path) -> str:
    """The doctest block with each example's output replaced by a real run's.

    Examples run in order in one namespace, in a separate interpreter, as in a Python session;
    an expression's value is shown with ``repr``, as the interactive prompt shows it.
    """
    examples = doctest.DocTestParser().get_examples(text)
    done = subprocess.run(  # noqa: S603 - the docs' own snippets, by design
        [sys.executable, "-c", _DOCTEST_RUNNER],
        input=json.dumps([e.source for e in examples]).encode(),
        cwd=workspace,
        env=environment(),
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        msg = "the doctest runner failed:\n" + done.stderr.decode("utf-8", "replace")
        raise RuntimeError(msg)
    outputs = json.loads(done.stdout.decode())
    lines: list[str] = []
    for example, output in zip(examples, outputs, strict=True):
        source = example.source.rstrip("\n").split("\n")
        lines.append(">>> " + source[0])
        lines.extend("... " + more for more in source[1:])
        shown = normalise(output, workspace)
        if shown:
            lines.extend(line or "<BLANKLINE>" for line in shown.split("\n"))
    return "\n".join(lines)


# -- fenced blocks of Markdown ------------------------------------------------------------------

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclass(frozen=True)
class Block:
    """A fenced block of a Markdown file: its info string, body and 1-based line span."""

    path: Path
    info: str
    body: str
    start: int  # the line of the opening fence
    end: int  # the line of the closing fence
    options: dict[str, str] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.info.split()[0] if self.info.split() else ""


def fenced_blocks(path: Path) -> list[Block]:
    """Every top-level fenced block of ``path``; MyST ``:option: value`` lines become options."""
    blocks: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening.group("fence")
        info = opening.group("info").strip()
        body: list[str] = []
        close = index + 1
        while close < len(lines) and not (
            lines[close].startswith(fence[0] * len(fence)) and not lines[close].strip(fence[0])
        ):
            body.append(lines[close])
            close += 1
        options: dict[str, str] = {}
        if info.startswith("{"):
            while body and (option := re.match(r"^:([\w-]+):\s*(.*)$", body[0])):
                options[option.group(1)] = option.group(2).strip()
                body.pop(0)
        text = "\n".join(body).rstrip("\n")
        blocks.append(Block(path, info, text, index + 1, close + 1, options))
        index = close + 1
    return blocks


def is_doctest(block: Block) -> bool:
    return block.language in {"python", "pycon"} and block.body.lstrip().startswith(">>>")


def replace_block(text: str, block: Block, body: str) -> str:
    """``text`` with ``block``'s body (between its fences, options kept) replaced by ``body``."""
    lines = text.splitlines(keepends=True)
    head = lines[: block.start]
    options = [f":{k}: {v}\n" for k, v in block.options.items()]
    tail = lines[block.end - 1 :]
    return "".join([*head, *options, body + "\n", *tail])


def refresh_block(block: Block, workspace: Path) -> str | None:
    """The body ``block`` should have after a real run, or ``None`` if it shows no run."""
    if block.language == "console":
        return refresh_transcript(block.body, workspace)
    if is_doctest(block):
        return refresh_doctest(block.body, workspace)
    return None


def checked_blocks(path: Path) -> Iterator[Block]:
    """The blocks of ``path`` whose shown output is compared with a real run."""
    for block in fenced_blocks(path):
        if block.language == "console" or is_doctest(block):
            yield block
