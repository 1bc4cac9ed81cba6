"""`--lang zh` output of check, evaluate, diff and compare holds no English words.

Each command runs through the command line on the bundled plans and the repository's
fixtures. What remains of its output once the allowed tokens are taken out must contain no
ASCII word: finding codes, catalog codes, plan and indicator ids, file names, numbers, unit
notation and the words the plans themselves contain (an indicator named …GDP比重) are allowed,
nothing else.

Loader messages (made in ``text/``, ``builtin/loaders/`` and the jurisdiction plugins' loaders,
stored in the bundled plans) are part of every check's output and are also checked on their
own: their reasons are messages of the catalogs, or a plugin's own sentences with their
Chinese translation (#13).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from minzheng_plans.checking.runner import check_paths
from minzheng_plans.cli.app import cli
from minzheng_plans.core.model import Plan
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.i18n import render
from minzheng_plans.output.messages import collect_message_ids
from minzheng_plans.plugins.host import PluginHost, create_plugin_host

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "plans"
EXAMPLES = ROOT / "examples"
COMPARE = ROOT / "tests" / "data" / "compare"
LANXI, DRAFT = (
    EXAMPLES / "lanxi-county-2021-2025.toml",
    EXAMPLES / "lanxi-county-2021-2025-draft.toml",
)
NATIONAL, TESTCOUNTY = COMPARE / "national-2021-2025.toml", COMPARE / "testcounty-2021-2025.toml"
CHONGMING = BUNDLED / "310151-2021-2025.toml"
PLAN_FILES = [*sorted(BUNDLED.glob("*.toml")), LANXI, DRAFT, NATIONAL, TESTCOUNTY]
JURISDICTION_PLUGINS = (
    "minzheng_plans_national",
    "minzheng_plans_chongqing",
    "minzheng_plans_henan",
    "minzheng_plans_shanghai",
)
# Where loader messages are made: the text toolkit, the built-in loaders and the jurisdiction
# plugins' loaders.
_LOADER_PLACES = ("minzheng_plans/text/", "minzheng_plans/builtin/loaders/", "minzheng-plans-")

_ALLOWED = [
    re.compile(pattern)
    for pattern in (
        r"\S+\.(?:toml|json|csv|txt|xlsx|mzlist)(?::\d+)*",  # file names, with a line
        r"\S*/\S*",  # paths and units such as 元/人·月
        r"\bMZ\d{3}\b",  # finding codes
        r"\b[A-Z]{2}(?:-[A-Z0-9]+)+\b",  # catalog codes: EC-NURSING-BED-SHARE
        r"\b\d{6}(?:-[A-Z]+)?-\d{4}-\d{4}\b",  # plan ids: 500000-WS-2021-2025
        r"\b[tpk]\d+(?:\.\d+)+\b",  # indicator ids: t1.2, p45.1, k3.1
        r"\[[a-z_]+\]",  # dimension notation of data/units.toml: [money], [person]
        r"\d[\d.,:]*",  # numbers, ratios
        r"(?<!\S)--[a-z][a-z-]*",  # command-line options a message points to: --verbose
    )
]
_WORD = re.compile(r"[A-Za-z]{2,}")


def _host() -> PluginHost:
    """The built-ins and the four jurisdiction plugins, nothing else installed."""
    modules = [importlib.import_module(name) for name in JURISDICTION_PLUGINS]
    return create_plugin_host(entry_points=False, extra=modules)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), obj={"host": _host()})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _plan_words(plans: list[Plan]) -> set[str]:
    """ASCII words the plans' own texts contain (names, titles, units, quotes, references)."""
    texts: list[str] = []
    for plan in plans:
        texts += [plan.title, plan.jurisdiction.name, *(ref.title for ref in plan.based_on)]
        for item in plan.indicators:
            texts += [item.name, item.unit, item.definition or "", item.status or ""]
            texts += [getattr(item.target, "reference", "") or ""]
            if item.source is not None:
                texts += [item.source.quote or "", item.source.table or "", item.source.raw or ""]
    return {word for text in texts for word in _WORD.findall(text)}


PLAN_WORDS = _plan_words([read_plan(path) for path in PLAN_FILES])


def english_words(text: str, allowed: set[str] = PLAN_WORDS) -> list[str]:
    """ASCII words of ``text`` outside the allowed tokens, each with the line it is on."""
    found = []
    for line in text.splitlines():
        rest = line
        for pattern in _ALLOWED:
            rest = pattern.sub(" ", rest)
        found += [f"{word}: {line.strip()}" for word in _WORD.findall(rest) if word not in allowed]
    return found


def _loader_ids() -> set[str]:
    return {
        message
        for message, places in collect_message_ids().items()
        if any(place.startswith(_LOADER_PLACES) for place in places)
    }


def _loader_renderings() -> list[str]:
    """The Chinese text of every loader message the checked plans carry."""
    ids = _loader_ids()
    report = check_paths(PLAN_FILES, _host(), jobs=1)
    return sorted({render(f, "zh_CN") for f in report.findings if f.message in ids})


def _commands() -> Iterator[tuple[str, list[str]]]:
    paths = [str(path) for path in PLAN_FILES]
    yield "check", ["check", "--lang", "zh", "-j", "1", *paths]
    for stage in ("mid", "final"):
        yield (
            f"evaluate-{stage}",
            ["evaluate", str(LANXI), "--monitoring", str(COMPARE / "lanxi-monitoring.toml"),
             "--stage", stage, "--lang", "zh"],
        )  # fmt: skip
        monitoring = EXAMPLES / "chongming-monitoring-2023.csv"
        yield (
            f"evaluate-chongming-{stage}",
            ["evaluate", str(CHONGMING), "--monitoring", str(monitoring), "--stage", stage,
             "--lang", "zh"],
        )  # fmt: skip
    yield "diff-draft", ["diff", str(DRAFT), str(LANXI), "--lang", "zh"]
    yield "diff-levels", ["diff", str(NATIONAL), str(TESTCOUNTY), "--lang", "zh"]
    yield "diff-bundled", ["diff", *(str(BUNDLED / f"{p}.toml") for p in ("500000-2016-2020",
                           "500000-WS-2021-2025")), "--lang", "zh"]  # fmt: skip
    yield "compare", ["compare", *(str(p) for p in PLAN_FILES), "--lang", "zh"]


COMMANDS = dict(_commands())


@pytest.fixture(scope="module")
def loader_renderings() -> list[str]:
    return _loader_renderings()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_chinese_output_has_no_english_words(name):
    """Every word of the output is Chinese or an allowed token (codes, ids, units, files)."""
    output = _run(*COMMANDS[name])
    assert output.strip()
    assert [] == english_words(output)


def test_the_scan_finds_english():
    """The scan itself: an English severity or attribute would be caught, a code would not."""
    line = "  data/plans/x.toml:3: MZ401 warning [t1.2]: EC-NURSING-BED-SHARE binding 约束性"
    assert ["warning", "binding"] == [hit.split(":")[0] for hit in english_words(line, set())]


def test_loader_messages_are_among_the_checked_findings(loader_renderings):
    """The checked plans carry loader messages (repairs, uncatalogued names, unread prose)."""
    assert len(loader_renderings) > 20


def test_loader_messages_are_chinese(loader_renderings):
    """The loader messages the checked plans carry, rendered in Chinese, hold no English."""
    assert [] == english_words("\n".join(loader_renderings))


def test_a_plan_file_of_wrong_structure_gets_a_finding_per_field(tmp_path):
    """MZ102 is one finding per field, at the field's line, its fixed phrases in Chinese;
    no line of the text output holds an escaped line break."""
    path = tmp_path / "wrong.toml"
    path.write_text('schema = "minzheng-plans/1"\n[plan]\ntitle = "某县规划"\nfoo = 1\n', "utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-bundled", "--lang", "zh", str(path)])
    lines = [line.strip() for line in result.stdout.splitlines() if "MZ102" in line]
    assert 2 == result.exit_code  # an input that could not be read
    assert [
        "wrong.toml:2: MZ102 错误: plan.id：必填，但缺失",
        "wrong.toml:2: MZ102 错误: plan.jurisdiction：必填，但缺失",
        "wrong.toml:2: MZ102 错误: plan.period：必填，但缺失",
        "wrong.toml:4: MZ102 错误: plan.foo：未知的键",
    ] == sorted(line.replace(str(tmp_path) + "/", "") for line in lines)
    assert "\\n" not in result.stdout


def _check_in_both(path):
    """``check`` of ``path`` alone, in Chinese and in English."""
    return tuple(
        CliRunner().invoke(cli, ["check", "--no-bundled", "--lang", lang, str(path)])
        for lang in ("zh", "en")
    )


def test_a_document_no_loader_reads_is_said_in_chinese(tmp_path):
    """MZ101 for a document no loader recognises is Chinese in ``--lang zh`` (its loader
    names and confidences aside) and English otherwise, as ``str()`` of the error is."""
    path = tmp_path / "note.txt"
    path.write_text("Nothing but a few words.\n", "utf-8")
    chinese, english = _check_in_both(path)
    assert (2, 2) == (chinese.exit_code, english.exit_code)
    assert "没有加载器能识别此文件" in chinese.stdout
    assert "可用 --loader 名称 指定一个" in chinese.stdout
    assert "no loader recognises" not in chinese.stdout
    assert "no loader recognises this document" in english.stdout


def test_a_chinese_text_without_a_period_is_said_in_chinese(tmp_path):
    """The generic loader's refusal of a Chinese text without a plan period is Chinese in
    ``--lang zh``."""
    path = tmp_path / "note.txt"
    path.write_text("随便写的几句话，不是规划。\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-bundled", "--lang", "zh", str(path)])
    assert 2 == result.exit_code
    assert "通用加载器找不到规划期" in result.stdout
    assert "generic loader" not in result.stdout


def test_a_toml_syntax_error_is_said_in_chinese(tmp_path):
    """A TOML syntax error of one of tomli's fixed messages is Chinese in ``--lang zh``,
    with the file, line and column; English output keeps tomli's words."""
    path = tmp_path / "broken.toml"
    path.write_text('schema = "minzheng-plans/1"\n[plan\n', "utf-8")
    chinese, english = _check_in_both(path)
    assert (2, 2) == (chinese.exit_code, english.exit_code)
    assert "broken.toml:2:6：TOML 语法错误：表声明末尾应为 ']'" in chinese.stdout
    assert "broken.toml:2:6: TOML syntax: Expected ']' at the end of a table declaration" in (
        english.stdout
    )
