"""Plan ids are unique in a run (#14 item 6).

Two inputs with one plan id get an MZ107 error naming both files; each keeps its own findings
(in its own file), and neither is taken for the other's parent, through ``check_paths``, the
command line and a pool of workers alike. Plan texts written for these tests.
"""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from minzheng_plans.checking.duplicates import separate_duplicates
from minzheng_plans.checking.policy import Policy
from minzheng_plans.checking.runner import check_paths, check_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.files.planfile import loads_plan
from minzheng_plans.output.i18n import render
from minzheng_plans.plugins.host import create_plugin_host

from .conftest_plans import MINIMAL_PLAN

PLAN_ID = "990102-2021-2025"
# The same id, a share above 100 % (MZ203) in one copy only.
BROKEN = MINIMAL_PLAN.replace("value = 55", "value = 120")


def _write(folder, **texts: str) -> dict[str, str]:
    paths = {}
    for name, text in texts.items():
        path = folder / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    return paths


def _check(paths, **kwargs):
    host = create_plugin_host(entry_points=False)
    return check_paths(paths, host, use_bundled=False, policy=Policy(), **kwargs)


def test_two_inputs_with_one_id_get_an_error_naming_both_files(tmp_path):
    """MZ107 on the second input, naming it and the first; the run fails."""
    paths = _write(tmp_path, a=MINIMAL_PLAN, b=BROKEN)
    report = _check([paths["a"], paths["b"]])
    (found,) = [f for f in report.findings if f.code == "MZ107"]
    assert "error" == found.severity
    assert paths["b"] == found.location.file
    assert paths["a"] in found.text
    assert paths["b"] in found.text
    assert f"{PLAN_ID}#2" == found.plan
    assert 1 == report.exit_code
    assert "也是" in render(found, "zh_CN")


def test_each_copy_keeps_its_own_findings_in_its_own_file(tmp_path):
    """The MZ203 of the broken copy is reported under its id and located in its file."""
    paths = _write(tmp_path, a=MINIMAL_PLAN, b=BROKEN)
    report = _check([paths["a"], paths["b"]])
    located = {(f.code, f.plan, f.location.file) for f in report.findings if f.code == "MZ203"}
    assert {("MZ203", f"{PLAN_ID}#2", paths["b"])} == located
    assert [PLAN_ID, f"{PLAN_ID}#2"] == [p.id for p in report.plans]
    assert {paths["a"]: PLAN_ID, paths["b"]: f"{PLAN_ID}#2"} == {
        record.path: record.plan for record in report.inputs
    }


def test_a_plan_never_takes_its_duplicate_as_its_parent():
    """A copy whose based_on names the shared id finds no parent in its twin (MZ406)."""
    first = loads_plan(MINIMAL_PLAN)
    based_on = f'based_on = [{{ id = "{PLAN_ID}", title = "测试县“十四五”民政规划" }}]\n\n'
    second = loads_plan(
        MINIMAL_PLAN.replace("[plan.jurisdiction]", based_on + "[plan.jurisdiction]")
    )
    host = create_plugin_host(entry_points=False)
    report = check_plans([first, second], host, bundled=(), policy=Policy())
    codes = {(f.code, f.plan) for f in report.findings}
    assert ("MZ406", f"{PLAN_ID}#2") in codes
    assert ("MZ107", f"{PLAN_ID}#2") in codes


def test_distinct_ids_are_left_alone():
    """Plans with their own ids are returned as given, with no finding."""
    plans = [loads_plan(MINIMAL_PLAN), loads_plan(MINIMAL_PLAN.replace("990102", "990103"))]
    separated = separate_duplicates(plans, ["a.toml", "b.toml"])
    assert tuple(plans) == separated.plans
    assert () == separated.findings
    assert {} == dict(separated.twins)


def test_a_renamed_plans_stored_findings_and_waivers_follow_it():
    """Loading findings and the plan's own waivers move to the new id."""
    text = MINIMAL_PLAN + (
        '\n[[findings]]\ncode = "MZ504"\nseverity = "info"\nmessage = "x"\n'
        f'plan = "{PLAN_ID}"\n\n[[waivers]]\ncode = "MZ203"\nreason = "已批准"\n'
        f'plan = "{PLAN_ID}"\n'
    )
    plans = [loads_plan(MINIMAL_PLAN), loads_plan(text)]
    renamed = separate_duplicates(plans).plans[1]
    assert [f"{PLAN_ID}#2"] == [f.plan for f in renamed.findings]
    assert [f"{PLAN_ID}#2"] == [w.plan for w in renamed.waivers]


def test_the_command_line_reports_both_files(tmp_path):
    """check prints MZ107 with both file names and exits 1."""
    paths = _write(tmp_path, a=MINIMAL_PLAN, b=MINIMAL_PLAN)
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--no-bundled", "--format", "json", paths["a"], paths["b"]],
        obj={"host": create_plugin_host(entry_points=False)},
    )  # fmt: skip
    assert 1 == result.exit_code, result.output
    data = json.loads(result.stdout)
    (found,) = [f for f in data["findings"] if f["code"] == "MZ107"]
    assert paths["a"] in found["message"]
    assert paths["b"] == found["location"]["file"]


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_two_processes_separate_duplicates_as_one_does(tmp_path):
    """With -j 2 the copies are told apart exactly as in one process."""
    texts = {f"p{n:02d}": MINIMAL_PLAN.replace("990102", f"9901{n:02d}") for n in range(40)}
    texts["z1"] = BROKEN
    texts["z2"] = MINIMAL_PLAN
    _write(tmp_path, **texts)
    one = _check([tmp_path], jobs=1)
    two = _check([tmp_path], jobs=2)
    assert one.findings == two.findings
    assert [p.id for p in one.plans] == [p.id for p in two.plans]
    assert {"MZ107", "MZ203"} <= {f.code for f in two.findings}
