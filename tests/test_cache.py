"""The compiled cache: stale entries rebuilt, damaged ones ignored, no folder needed, and the
same results with and without it (#21)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from fractions import Fraction
from pathlib import Path

import pytest

from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.files import cache
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.registries.catalog import bundled_entries
from minzheng_plans.registries.jurisdictions import bundled_jurisdictions
from minzheng_plans.registries.places import bundled_places, bundled_rows
from minzheng_plans.units._pint import PintRegistry
from minzheng_plans.units._tokens import tokenise
from minzheng_plans.units.definitions import bundled_definitions
from minzheng_plans.units.registry import build_units

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "lanxi-county-2021-2025.toml"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache folder of the test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(where))
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    return where


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_a_second_read_does_not_build(folder):
    """The value built on a miss is read back on the next call, without building."""
    build, calls = _counting({"a": (1, 2)})
    assert {"a": (1, 2)} == cache.cached("demo", ("k",), build)
    assert {"a": (1, 2)} == cache.cached("demo", ("k",), build)
    assert 1 == len(calls)


def test_another_key_builds_again(folder):
    """An entry answers only for its own key."""
    cache.cached("demo", ("one",), lambda: "first")
    assert "second" == cache.cached("demo", ("two",), lambda: "second")


def test_an_entry_of_another_release_is_rebuilt(folder, monkeypatch):
    """A stale entry (written by another version of the code) is never read; it is rebuilt."""
    cache.cached("demo", ("k",), lambda: "old code's value")
    monkeypatch.setattr(cache, "_release", lambda: ("cpython-311", "9.9.9", "other source"))
    build, calls = _counting("new code's value")
    assert "new code's value" == cache.cached("demo", ("k",), build)
    assert 1 == len(calls)


def test_a_stale_entry_under_the_same_name_is_rebuilt(folder, monkeypatch):
    """An entry whose stored key differs from the one asked for (a digest collision, or a
    file copied from elsewhere) is rebuilt and replaced."""
    cache.cached("demo", ("k",), lambda: "right")
    (entry,) = folder.glob("demo-*.pickle")
    entry.write_bytes(pickle.dumps((("another key",), "wrong")))
    assert "right" == cache.cached("demo", ("k",), lambda: "right")
    build, calls = _counting("unused")
    assert "right" == cache.cached("demo", ("k",), build)
    assert [] == calls


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05\x95garbage", pickle.dumps("a bare value")],
    ids=["empty", "text", "cut-short", "wrong-shape"],
)
def test_a_damaged_entry_is_ignored_and_rewritten(folder, damage):
    """A corrupt, cut-short or wrongly shaped entry is rebuilt, then served whole."""
    cache.cached("demo", ("k",), lambda: [1, 2, 3])
    (entry,) = folder.glob("demo-*.pickle")
    entry.write_bytes(damage)
    assert [1, 2, 3] == cache.cached("demo", ("k",), lambda: [1, 2, 3])
    build, calls = _counting([9])
    assert [1, 2, 3] == cache.cached("demo", ("k",), build)
    assert [] == calls


def test_a_folder_that_cannot_be_made_leaves_the_run_uncached(tmp_path, monkeypatch):
    """A cache folder that cannot be created (here: under a file) costs nothing but the
    cache; every call builds and answers."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))
    build, calls = _counting("value")
    assert "value" == cache.cached("demo", ("k",), build)
    assert "value" == cache.cached("demo", ("k",), build)
    assert 2 == len(calls)


def test_the_command_line_works_with_an_unusable_cache(tmp_path):
    """``check`` gives its usual answer when the cache folder cannot be written."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    env = {**os.environ, cache.CACHE_DIR_ENV: str(blocker / "cache")}
    code = "from minzheng_plans.cli.app import main; main(['check', sys.argv[1]])"
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; {code}", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (0, "") == (done.returncode, done.stderr)
    assert "0 error(s)" in done.stdout


def test_old_entries_of_a_kind_are_pruned(folder, monkeypatch):
    """Each kind keeps its newest entries only: old code's entries do not pile up."""
    monkeypatch.setattr(cache, "KEEP", 3)
    for number in range(6):
        cache.cached("demo", (number,), lambda number=number: number)
    cache.cached("demo-other", ("k",), lambda: "another kind")
    names = sorted(entry.name.rsplit("-", 1)[0] for entry in folder.glob("*.pickle"))
    assert ["demo", "demo", "demo", "demo-other"] == names
    assert 5 == cache.cached("demo", (5,), lambda: "rebuilt")
    assert "rebuilt" == cache.cached("demo", (0,), lambda: "rebuilt")


def test_no_cache_builds_every_time_and_writes_nothing(folder, monkeypatch):
    """MINZHENG_PLANS_NO_CACHE=1 turns the cache off."""
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    build, calls = _counting("value")
    cache.cached("demo", ("k",), build)
    cache.cached("demo", ("k",), build)
    assert (2, False) == (len(calls), folder.exists())


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    """Without the variable, entries live under $XDG_CACHE_HOME/minzheng-plans."""
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv(cache.NO_CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert tmp_path / "minzheng-plans" == cache.cache_dir()


def test_concurrent_writers_never_leave_half_an_entry(folder):
    """Threads writing and reading one entry at once only ever read a whole value."""
    value = list(range(50_000))
    wrong: list[object] = []

    def work() -> None:
        for _ in range(20):
            got = cache.cached("race", ("k",), lambda: value)
            if got != value:
                wrong.append(got)
            for entry in folder.glob("race-*.pickle"):
                entry.unlink(missing_ok=True)  # force the next call to write again

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [] == wrong
    assert [] == list(folder.glob(".*.tmp"))


def test_an_edited_data_file_rebuilds_what_is_keyed_by_its_stamp(folder, tmp_path):
    """A data file is named in a key by its path, size and modification time: an entry built
    from it is read back until the file is edited, even to the same size."""
    data = tmp_path / "units.toml"
    data.write_text("a = 1\n", encoding="utf-8")
    build, calls = _counting("built")
    cache.cached("demo", cache.file_stamp(data), build)
    cache.cached("demo", cache.file_stamp(data), build)
    assert 1 == len(calls)
    before = data.stat().st_mtime_ns
    data.write_text("a = 2\n", encoding="utf-8")
    os.utime(data, ns=(before + 1_000_000_000, before + 1_000_000_000))
    cache.cached("demo", cache.file_stamp(data), build)
    assert 2 == len(calls)


def _fresh(*functions):
    for function in functions:
        function.cache_clear()


def _everything():
    """What the cache holds, built through the public functions of a fresh process state."""
    _fresh(bundled_plans, bundled_rows, bundled_places, bundled_entries, bundled_definitions)
    _fresh(bundled_jurisdictions)
    units = build_units(bundled_definitions())
    probes = ["元/人·月", "张/千名老年人", "万人", "‰", "平方米/百户", "客/日", "人次/万人·年"]
    return (
        bundled_plans(),
        bundled_places(),
        bundled_jurisdictions(),
        bundled_entries(),
        bundled_definitions(),
        [(u.text, u.dimension, u.scale) for u in map(units.parse, probes)],
    )


def test_results_are_identical_with_and_without_the_cache(folder, monkeypatch):
    """Uncached, written on a miss and read back: the same plans, places, catalog and units."""
    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    uncached = _everything()
    monkeypatch.delenv(cache.NO_CACHE_ENV)
    written = _everything()
    read_back = _everything()
    assert uncached == written
    assert uncached == read_back
    assert {"bundled-plans", "places", "catalog", "unit-lines", "units"} <= {
        entry.name.rsplit("-", 1)[0] for entry in folder.glob("*.pickle")
    }


def test_a_check_finds_the_same_with_and_without_the_cache(folder, monkeypatch):
    """The findings of a check of the bundled plans do not depend on the cache."""
    paths = sorted((ROOT / "data" / "plans").glob("*.toml"))

    def run():
        _fresh(bundled_plans, bundled_rows, bundled_places, bundled_entries, bundled_definitions)
        _fresh(bundled_jurisdictions)
        return check_paths(paths, create_plugin_host(), isolated=True).findings

    monkeypatch.setenv(cache.NO_CACHE_ENV, "1")
    uncached = run()
    monkeypatch.delenv(cache.NO_CACHE_ENV)
    assert uncached == run()
    assert uncached == run()


def test_a_unit_table_measures_as_pint_does():
    """Every unit, and compounds of them, measure the same from the table as through pint."""
    units = build_units(bundled_definitions())
    table = units._exact
    pint = PintRegistry.of(units.definitions, units._lexicon, approximate=False)
    names = [unit.name for unit in units.definitions]
    texts = [*names, *(f"{a}/{b}" for a in names[:12] for b in names[:12] if a != b)]
    texts += ["元/人·月", "张/千名老年人", "平方米/百户", "人/万人", "元/人·年"]
    for text in texts:
        expr = tokenise(text, units._lexicon)
        assert pint.measure(expr) == table.measure(expr), text


def test_a_cached_unit_table_needs_no_pint(folder):
    """A registry whose table is cached is built without importing pint."""
    code = (
        "import sys\n"
        "from minzheng_plans.units.registry import build_units\n"
        "from minzheng_plans.units.definitions import bundled_definitions\n"
        "units = build_units(bundled_definitions())\n"
        "print(units.factor('元/人·月', '元/人·年'), 'pint' in sys.modules)\n"
    )
    env = {**os.environ, cache.CACHE_DIR_ENV: str(folder)}
    argv = [sys.executable, "-c", code]
    first = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    second = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    assert f"{Fraction(12)} True\n" == first.stdout
    assert f"{Fraction(12)} False\n" == second.stdout


def test_a_plugin_with_bad_unit_lines_is_still_reported_on_a_warm_cache(folder):
    """A registry whose lines pint refuses is never served from the cache: the refusal is
    reported on every run."""
    lines = [*bundled_definitions(), "坨 = 1 平方米 ; dimension = [money]"]
    errors: list[str] = []
    for _ in range(2):
        build_units(lines, on_error=lambda line, _err: errors.append(line))
    assert ["坨 = 1 平方米 ; dimension = [money]"] * 2 == errors
