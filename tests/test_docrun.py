"""The machinery of executable docs (docs/_ext/docrun.py, rundoc.py, scripts/refresh_docs.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import docrun  # noqa: E402 - found through the path set above

PY = "python -c"


def _refresh_module():
    spec = importlib.util.spec_from_file_location(
        "refresh_docs", ROOT / "scripts" / "refresh_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(name="workspace")
def _workspace():
    with docrun.Workspace() as workspace:
        yield workspace.path


class TestTranscripts:
    def test_steps_with_output_and_exit_codes(self):
        """`$` lines start steps; an `[exit N]` last line is the step's exit code."""
        text = "$ a --x\none\ntwo\n$ b\n[exit 2]\n$ c"
        expected = [docrun.Step("a --x", "one\ntwo", 0), docrun.Step("b", "", 2), docrun.Step("c")]
        assert expected == docrun.parse_transcript(text)

    def test_rendering_is_the_inverse_of_parsing(self):
        """A parsed transcript renders back to the same text."""
        text = "$ a\none\n[exit 1]\n$ b\ntwo"
        steps = docrun.parse_transcript(text)
        assert text == "\n".join(docrun.render_step(s) for s in steps)

    def test_text_before_the_first_command_is_refused(self):
        """Output with no command before it is a mistake in the page, not something to skip."""
        with pytest.raises(ValueError, match="starts with"):
            docrun.parse_transcript("output\n$ a")

    def test_refresh_replaces_stale_output_and_exit_code(self, workspace):
        """A stale transcript is rewritten with what the commands really print and return."""
        text = f"$ {PY} 'print(41)'\n40\n$ {PY} 'import sys; sys.exit(3)'"
        expected = f"$ {PY} 'print(41)'\n41\n$ {PY} 'import sys; sys.exit(3)'\n[exit 3]"
        assert expected == docrun.refresh_transcript(text, workspace)

    def test_leading_assignments_set_the_environment(self, workspace):
        """`NAME=value command` runs the command with NAME set, as a shell does."""
        code = "import os; print(os.environ['MZ_DOC_TEST'])"
        assert "yes" == docrun.run_command(f'MZ_DOC_TEST=yes {PY} "{code}"', workspace).output

    def test_globs_expand_like_a_shell(self, workspace):
        """`data/plans/*.toml` reaches the command as the sorted list of files."""
        code = "import sys; print(len(sys.argv[1:]) == len(set(sys.argv[1:])) > 1)"
        result = docrun.run_command(f"{PY} '{code}' data/plans/*.toml", workspace)
        assert ("True", 0) == (result.output, result.exit_code)

    def test_quoted_words_are_not_globs(self, workspace):
        """A quoted `"/db/table.csv?_size=5"` (a datasette path) and `"data/plans/*.toml"`
        reach the command as written, as a shell passes them."""
        code = "import sys; print(sys.argv[1:])"
        command = f"{PY} '{code}' \"/db/t.csv?_size=5\" 'data/plans/*.toml' data/plans/0*.toml"
        result = docrun.run_command(command, workspace)
        expected = "['/db/t.csv?_size=5', 'data/plans/*.toml', 'data/plans/000000-2021-2025.toml']"
        assert (expected, 0) == (result.output, result.exit_code)

    def test_words_split_as_a_shell_splits_them(self):
        """Quotes, backslashes and comments as in sh; an unclosed quote is refused."""
        words = docrun.shell_words('a \'b c\' d\\ e "f\\"g" \'\' x="1 2"3 # rest')
        assert ["a", "b c", "d e", 'f"g', "", "x=1 23"] == [w.text for w in words]
        with pytest.raises(ValueError, match="no closing quotation"):
            docrun.shell_words("a 'b")


class TestEnvironmentAndNormalisation:
    def test_language_and_colour_are_fixed(self, workspace, monkeypatch):
        """LANGUAGE/LC_ALL of the caller do not leak in; NO_COLOR and LANG are set."""
        monkeypatch.setenv("LANGUAGE", "zh_CN")
        monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
        code = "import os; e = os.environ; print(e.get('LANGUAGE'), e['LANG'], e['NO_COLOR'])"
        assert "None C.UTF-8 1" == docrun.run_command(f'{PY} "{code}"', workspace).output

    def test_paths_of_the_workspace_and_repository_read_relative(self, workspace):
        """Absolute paths of the scratch folder and the checkout are printed as typed."""
        text = f"{workspace}/data/x.toml and {docrun.ROOT}/docs and {workspace}"
        assert "data/x.toml and docs and ." == docrun.normalise(text, workspace)

    def test_trailing_spaces_are_dropped(self):
        """Trailing spaces and blank lines do not count."""
        assert "a\n b" == docrun.normalise("a  \n b \n\n")

    def test_files_written_stay_in_the_workspace(self, workspace):
        """A command that writes a file leaves the checkout untouched."""
        docrun.run_command(f'{PY} \'open("written-by-test.txt", "w").write("x")\'', workspace)
        assert (workspace / "written-by-test.txt").is_file()
        assert not (ROOT / "written-by-test.txt").exists()


class TestDoctests:
    def test_outputs_are_rewritten_in_one_session(self, workspace):
        """Examples share a namespace; expression values show as their repr; prints as printed."""
        text = ">>> x = 2\n>>> x + 1\n4\n>>> for i in range(2):\n...     print(i)\n>>> 'a'"
        expected = (
            ">>> x = 2\n>>> x + 1\n3\n>>> for i in range(2):\n...     print(i)\n0\n1\n>>> 'a'\n'a'"
        )
        assert expected == docrun.refresh_doctest(text, workspace)

    def test_an_exception_is_shown_as_a_traceback(self, workspace):
        """A raising example shows its exception, as a session does."""
        text = ">>> 1/0"
        expected = (
            ">>> 1/0\nTraceback (most recent call last):\n    ...\n"
            "ZeroDivisionError: division by zero"
        )
        assert expected == docrun.refresh_doctest(text, workspace)


class TestMarkdown:
    def test_blocks_options_and_replacement(self, tmp_path):
        """Fenced blocks are found with their MyST options; a body is replaced in place."""
        page = tmp_path / "page.md"
        page.write_text("# T\n\n```{run} x\n:exit: 1\n```\n\n```console\n$ a\nold\n```\n", "utf-8")
        run, console = docrun.fenced_blocks(page)
        assert ("{run} x", {"exit": "1"}, "") == (run.info, run.options, run.body)
        assert ("console", "$ a\nold", 7, 10) == (
            console.language,
            console.body,
            console.start,
            console.end,
        )
        replaced = docrun.replace_block(page.read_text("utf-8"), console, "$ a\nnew")
        assert replaced.endswith("```console\n$ a\nnew\n```\n")

    def test_refresh_script_rewrites_a_stale_page_and_check_fails_on_it(self, tmp_path):
        """`refresh_docs.py --check` exits 1 on stale output; without it the file is fixed."""
        page = tmp_path / "page.md"
        stale = f"```console\n$ {PY} 'print(1)'\n2\n```\n\n```python\n>>> 1 + 1\n3\n```\n"
        page.write_text(stale, "utf-8")
        refresh = _refresh_module()
        assert 1 == refresh.main(["--check", str(page)])
        assert stale == page.read_text("utf-8")
        assert 0 == refresh.main([str(page)])
        fixed = f"```console\n$ {PY} 'print(1)'\n1\n```\n\n```python\n>>> 1 + 1\n2\n```\n"
        assert fixed == page.read_text("utf-8")
        assert 0 == refresh.main(["--check", str(page)])


class TestDirectiveHelpers:
    def test_lines_are_selected_with_gaps_marked(self):
        """`:lines: 1-2, 4-` keeps those lines and marks each gap with an ellipsis."""
        import rundoc  # noqa: PLC0415 - needs sphinx, present with the test extra

        assert "a\nb\n…\nd\ne" == rundoc.select_lines("a\nb\nc\nd\ne", "1-2, 4-")
        assert "a\n…" == rundoc.select_lines("a\nb", "1")
        with pytest.raises(ValueError, match="bad :lines:"):
            rundoc.select_lines("a", "x")
