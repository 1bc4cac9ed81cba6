"""The HTML reports in a real browser: headless Chromium (Debian's), both languages.

Each report — a check of the bundled plans, an evaluation, a comparison, and a plan whose
texts try to become markup — is opened from a file: the Chinese text must be in the rendered
page, with no console error, no page error and no request but the page itself; a screenshot
of each goes to ``test-artifacts/html/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.evaluate import evaluate_plan
from minzheng_plans.analysis.monitoring import read_monitoring
from minzheng_plans.checking.bundled import bundled_plans
from minzheng_plans.checking.runner import check_paths
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.output.html import (
    render_check_html,
    render_comparison_html,
    render_evaluation_html,
)
from minzheng_plans.plugins.host import create_plugin_host

from ._browser import Browser, Rendered
from ._compare_support import EXAMPLE, MONITORING, NATIONAL

ROOT = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).parent / "data" / "reports"
DAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Headless Chromium, shared by this module's tests."""
    instance = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield instance
    finally:
        instance.close()


def _check_page(lang: str) -> str:
    host = create_plugin_host(entry_points=False)
    report = check_paths([ROOT / "data" / "plans", ROOT / "examples"], host)
    return render_check_html(report, lang=lang, related_plans=bundled_plans(), generated=DAY)


def _evaluation_page(lang: str) -> str:
    plan = read_plan(EXAMPLE)
    evaluation = evaluate_plan(plan, read_monitoring(MONITORING))
    return render_evaluation_html(evaluation, lang=lang, plan=plan, generated=DAY)


def _comparison_page(lang: str) -> str:
    plans = [read_plan(NATIONAL), *bundled_plans(), read_plan(EXAMPLE)]
    return render_comparison_html(compare_plans(plans), lang=lang, generated=DAY)


# report → (page builder, texts the rendered page must show in zh, in en)
PAGES: dict[str, tuple[Callable[[str], str], tuple[str, ...], tuple[str, ...]]] = {
    "check": (
        _check_page,
        ("规划检查报告", "万盛经开区", "本规划目标与上级规划目标对照", "上级规划", "警告"),
        ("Plan check report", "万盛经开区", "This plan's target beside the parent plan's"),
    ),
    "evaluation": (
        _evaluation_page,
        ("澜溪县“十四五”民政事业发展规划中期评估", "进度滞后", "已达到", "养老机构护理型床位占比"),
        ("Mid-term evaluation", "off track", "met", "养老机构护理型床位占比"),
    ),
    "comparison": (
        _comparison_page,
        ("指标比较", "养老机构护理型床位占比", "上级规划目标", "澜溪县"),
        ("Indicator comparison", "养老机构护理型床位占比", "parent plan's target", "Lanxi"),
    ),
}


@pytest.fixture(scope="module")
def rendered(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every report in both languages, rendered once for the module."""
    folder = tmp_path_factory.mktemp("reports")
    out: dict[str, Rendered] = {}
    for name, (build, _zh, _en) in PAGES.items():
        for lang in ("zh", "en"):
            path = folder / f"{name}-{lang}.html"
            path.write_text(build(lang), encoding="utf-8")
            out[f"{name}-{lang}"] = browser.render(
                path, f"{name}-{lang}", print_pdf=folder / f"{name}-{lang}.pdf"
            )
    return out


KEYS = [f"{name}-{lang}" for name in PAGES for lang in ("zh", "en")]


@pytest.mark.parametrize("key", KEYS)
def test_the_expected_text_is_visible(rendered, key):
    """The rendered page shows the report's Chinese (and, in English, English) texts."""
    name, lang = key.rsplit("-", 1)
    _build, zh, en = PAGES[name]
    text = rendered[key].text
    assert [] == [words for words in (zh if lang == "zh" else en) if words not in text]


@pytest.mark.parametrize("key", KEYS)
def test_no_console_errors_and_no_page_errors(rendered, key):
    """Nothing goes wrong in the page: no console message at all, no uncaught error."""
    assert ((), ()) == (rendered[key].console, rendered[key].errors)


@pytest.mark.parametrize("key", KEYS)
def test_no_request_but_the_page_itself(rendered, key):
    """The report fetches nothing: the only request is the file itself."""
    requests = rendered[key].requests
    assert 1 == len(requests)
    assert requests[0].startswith("file://")
    assert [] == rendered[key].checks["external"]


@pytest.mark.parametrize("key", KEYS)
def test_accessible_structure(rendered, key):
    """One h1, no skipped heading level, every th scoped, every chart named, lang set."""
    checks = rendered[key].checks
    lang = "zh-CN" if key.endswith("zh") else "en"
    assert (lang, 1, 0, 0, 0) == (
        checks["lang"],
        checks["h1"],
        checks["skipped_heading_levels"],
        checks["th_without_scope"],
        checks["svgs_without_name"],
    )


@pytest.mark.parametrize("key", KEYS)
def test_text_contrast_is_at_least_4_5(rendered, key):
    """Every text on the rendered page meets WCAG AA contrast against its background."""
    assert rendered[key].checks["lowest_contrast"] >= 4.5


@pytest.mark.parametrize("key", KEYS)
def test_printing_hides_the_navigation(rendered, key):
    """The print stylesheet applies: no table of contents on paper."""
    assert "none" == rendered[key].checks["nav_display_in_print"]


def test_evaluation_and_comparison_have_charts(rendered):
    """Charts are drawn: one per assessable indicator, and per compared indicator."""
    assert 4 == rendered["evaluation-zh"].checks["svgs"]
    assert rendered["comparison-zh"].checks["svgs"] >= 10


@pytest.mark.parametrize("key", KEYS)
def test_a_screenshot_is_kept(rendered, key):
    """Each report leaves a PNG screenshot under test-artifacts/html/."""
    data = rendered[key].screenshot.read_bytes()
    assert b"\x89PNG" == data[:4]
    assert len(data) > 20_000


def test_hostile_texts_stay_text(browser, tmp_path):
    """A plan whose title, names and quotes are markup shows them as text and runs nothing."""
    paths = [REPORTS / f"{n}-2021-2025.toml" for n in ("province", "county", "hostile")]
    report = check_paths(paths, create_plugin_host(entry_points=False), use_bundled=False)
    page = tmp_path / "hostile.html"
    page.write_text(render_check_html(report, lang="zh", generated=DAY), encoding="utf-8")
    result = browser.render(page, "check-hostile")
    assert "<script>alert('x')</script>示范区规划" in result.text
    assert "<img src=x onerror=alert(1)>.txt" in result.text
    assert "示范区\ufffd[31m红" in result.text
    assert (0, 0, (), ()) == (
        result.checks["scripts"],
        result.checks["images"],
        result.console,
        result.errors,
    )
    assert 1 == len(result.requests)
