"""What every command shares: exit codes, error handling, the plugin host, option parsing.

Only click is imported at module level, so that ``--help`` stays fast; library modules are
imported inside the functions that need them.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from minzheng_plans.core.model import Plan
    from minzheng_plans.plugins.host import PluginHost

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "FORMAT_JSON",
    "OUTPUT",
    "chosen_format",
    "echo_text",
    "emit",
    "exists",
    "fail",
    "friendly",
    "host",
    "read_plans",
    "split_codes",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
# As shells report a process ended by SIGINT.
EXIT_INTERRUPTED = 130

FORMAT_JSON = click.Choice(["text", "json"])

# -o FILE for the report commands; the file's suffix implies --format when it is not given.
OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of stdout (atomically); FILE.html, .xlsx, .json, "
    ".sarif or .csv implies the format when --format is not given.",
)
_IMPLIED = {
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".json": "json",
    ".sarif": "sarif",
    ".csv": "csv",
    ".txt": "text",
}

F = TypeVar("F", bound=Callable[..., Any])


def echo_text(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print text for people with every control character from input escaped (line breaks
    kept): a name from a document cannot drive the terminal. JSON is escaped by its writer."""
    from minzheng_plans.core.printable import escape_lines  # noqa: PLC0415

    click.echo(escape_lines(text), err=err, nl=nl)


def fail(message: str) -> NoReturn:
    """Print ``minzheng-plans: error: message`` on stderr and exit 2."""
    echo_text(f"minzheng-plans: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def friendly(func: F) -> F:
    """Turn library errors into a one-paragraph message and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # Imported per call, not at module level: `--help` then loads click and nothing else.
        from minzheng_plans.core.errors import MinzhengError  # noqa: PLC0415

        try:
            return func(*args, **kwargs)
        except MinzhengError as err:
            # Findings gathered before the error (a sniff past its budget) are not lost.
            for finding in err.findings:
                echo_text(f"minzheng-plans: {finding}", err=True)
            fail(str(err))
        except RecursionError:
            fail("the input is nested too deeply to process")
        except MemoryError:
            fail("the input is too large to process in memory")
        except KeyboardInterrupt as err:
            # Ctrl-C, or a plugin raising it: stop, and say where (never a traceback).
            detail = f": {err}" if str(err) else ""
            echo_text(f"minzheng-plans: interrupted{detail}", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper  # type: ignore[return-value]


def split_codes(values: Sequence[str]) -> list[str]:
    """Codes given repeated or comma-separated (``--select MZ4,MZ501 --select MZ6``)."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def host(ctx: click.Context) -> PluginHost:
    """The run's plugin host, built once with the group's plugin options."""
    from minzheng_plans.plugins.host import create_plugin_host  # noqa: PLC0415

    obj = ctx.ensure_object(dict)
    if "host" not in obj:
        obj["host"] = create_plugin_host(
            disabled=tuple(obj.get("disabled", ())), budget=obj.get("budget")
        )
    found: PluginHost = obj["host"]
    return found


def exists(path: str) -> bool:
    from pathlib import Path  # noqa: PLC0415

    return Path(path).exists()


def read_plans(ctx: click.Context, paths: Sequence[str]) -> list[Plan]:
    """Plan files (.toml, .json) directly; anything else through the loaders."""
    from minzheng_plans.core.errors import UsageError  # noqa: PLC0415
    from minzheng_plans.files.planfile import read_plan  # noqa: PLC0415
    from minzheng_plans.reading.loading import load_path  # noqa: PLC0415

    plans = []
    for path in paths:
        if not exists(path):
            msg = f"no such file: {path}"
            raise UsageError(msg)
        if path.lower().endswith((".toml", ".json")):
            plans.append(read_plan(path))
        else:
            plans.append(load_path(path, host(ctx)).plan)
    return plans


def chosen_format(ctx: click.Context, fmt: str, output: str | None) -> str:
    """``--format`` as given, else the one ``-o FILE``'s suffix implies among the command's
    choices, else the default."""
    from pathlib import Path  # noqa: PLC0415

    if output is None or ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT:
        return fmt
    implied = _IMPLIED.get(Path(output).suffix.lower())
    choices = next(
        (
            p.type.choices
            for p in ctx.command.params
            if p.name == "fmt" and hasattr(p.type, "choices")
        ),
        (),
    )
    return implied if implied is not None and implied in choices else fmt


def emit(text: str, output: str | None, *, what: str = "report", for_people: bool = False) -> None:
    """Print ``text``, or write it to ``output`` atomically and say so on stderr.

    ``for_people``: a text report, whose control characters from input are escaped as
    :func:`echo_text` does, in a file too (it is read in a terminal later). Machine formats
    are escaped by their writers: JSON keeps its own escapes, HTML its entities.
    """
    if for_people:
        from minzheng_plans.core.printable import escape_lines  # noqa: PLC0415

        text = escape_lines(text)
    if output is None:
        click.echo(text)
        return
    from minzheng_plans.files.atomic import atomic_write_text  # noqa: PLC0415

    atomic_write_text(output, text if text.endswith("\n") else text + "\n")
    echo_text(f"{what} written to {output}", err=True)
