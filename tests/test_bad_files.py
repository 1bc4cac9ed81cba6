"""Every file in tests/bad yields its expected typed error, through the API and the CLI.

``tests/bad/expected.toml`` names, for each file, the error class, the line (where the file has
one to point at) and the key path. The CLI must print a located one-paragraph message and exit
2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli
from click.testing import CliRunner

from minzheng_plans.cli.app import EXIT_USAGE, cli
from minzheng_plans.core import errors
from minzheng_plans.core.errors import LimitError, PlanFileError, PlanStructureError
from minzheng_plans.files.planfile import DEFAULT_MAX_PLAN_BYTES, loads_plan, read_plan

from .conftest_plans import MINIMAL_PLAN

BAD = Path(__file__).resolve().parent / "bad"
EXPECTED: dict[str, dict[str, object]] = tomli.loads(
    (BAD / "expected.toml").read_text(encoding="utf-8")
)
FILES = sorted(EXPECTED)


def test_corpus_is_complete():
    """At least 25 bad files, each paired with an expectation, and no stray expectation."""
    on_disk = {p.name for p in BAD.iterdir() if p.name != "expected.toml"}
    assert len(on_disk) >= 25
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", FILES)
def test_api_raises_the_expected_error(name: str):
    """read_plan raises exactly the named class, at the named line, for the named key."""
    expected = EXPECTED[name]
    with pytest.raises(errors.MinzhengError) as caught:
        read_plan(BAD / name)
    err = caught.value
    assert expected["error"] == type(err).__name__, str(err)
    assert isinstance(err, PlanFileError)
    assert expected.get("line") == err.line, str(err)
    if isinstance(err, PlanStructureError):
        assert expected.get("key") in [p.key for p in err.problems], str(err)
    else:
        assert expected.get("key") == err.key
    assert str(BAD / name) in str(err)


@pytest.fixture(name="run")
def _run():
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return run


@pytest.mark.parametrize("command", ["check", "load"])
@pytest.mark.parametrize("name", FILES)
def test_cli_exits_two_with_a_located_message(run, command: str, name: str):
    """`check` and `load` exit 2 and name file:line (or the file), with no traceback."""
    path = BAD / name
    args = ("check", "--no-bundled", str(path)) if command == "check" else ("load", str(path))
    result = run(*args)
    text = result.stdout + result.stderr
    assert EXIT_USAGE == result.exit_code, text
    line = EXPECTED[name].get("line")
    assert (f"{path}:{line}" if line else str(path)) in text
    assert "Traceback" not in text


@pytest.fixture(name="ten_megabytes")
def _ten_megabytes(tmp_path: Path) -> Path:
    # Generated here rather than committed: a valid plan padded with a comment to 10 MB.
    path = tmp_path / "huge.toml"
    padding = "# " + "填" * 1000 + "\n"
    count = 10 * 1024 * 1024 // len(padding.encode("utf-8")) + 1
    path.write_text(MINIMAL_PLAN + padding * count, encoding="utf-8")
    return path


def test_ten_megabyte_file_is_refused_by_the_size_limit(ten_megabytes: Path):
    """The API raises LimitError naming the file, its size, the limit and the setting."""
    size = ten_megabytes.stat().st_size
    assert size > 10 * 1024 * 1024
    with pytest.raises(LimitError) as caught:
        read_plan(ten_megabytes)
    err = caught.value
    assert (DEFAULT_MAX_PLAN_BYTES, size, "max_bytes") == (err.limit, err.actual, err.setting)
    assert str(ten_megabytes) in str(err)
    assert "over the limit" in str(err)


def test_ten_megabyte_text_is_refused_before_parsing(ten_megabytes: Path):
    """loads_plan applies the same limit to text, counted in UTF-8 bytes."""
    with pytest.raises(LimitError):
        loads_plan(ten_megabytes.read_text(encoding="utf-8"))


def test_a_raised_limit_reads_the_same_file(ten_megabytes: Path):
    """The limit is a setting, not a wall: raised, the padded plan loads."""
    plan = read_plan(ten_megabytes, max_bytes=20 * 1024 * 1024)
    assert "990102-2021-2025" == plan.id


@pytest.mark.parametrize("command", ["check", "load"])
def test_cli_refuses_the_ten_megabyte_file(run, command: str, ten_megabytes: Path):
    """The CLI exits 2 with the limit in a one-paragraph message."""
    args = ("check", "--no-bundled") if command == "check" else ("load",)
    result = run(*args, str(ten_megabytes))
    text = result.stdout + result.stderr
    assert EXIT_USAGE == result.exit_code
    assert "over the limit" in text
    assert str(ten_megabytes) in text
    assert "Traceback" not in text
