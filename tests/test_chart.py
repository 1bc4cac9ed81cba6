import re

import pytest
from click.testing import CliRunner

from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import UsageError
from minzheng_plans.output import chart
from minzheng_plans.output.chart import draw_comparison, find_cjk_font

from ._compare_support import COUNTY, EXAMPLE, NATIONAL, plans

CODE = "EC-NURSING-BED-SHARE"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.fixture(scope="module")
def table():
    return compare_plans(plans(), [CODE])


def test_without_a_cjk_font_labels_are_english_and_a_warning_says_why(table, tmp_path):
    """Without a CJK font the labels are English, no Chinese is drawn, and a warning says why."""
    result = draw_comparison(table, CODE, tmp_path / "chart.svg", font=None)
    assert result.font is None
    assert "no CJK font" in (result.warning or "")
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    texts = _texts(svg)
    for label in ("Test County", "Lanxi County", "≥60 (2025)", "≥50 (2025)", "China ≥55 (2025)"):
        assert label in texts
    assert not any(_CJK.search(t) for t in texts)  # nothing drawn as empty boxes


def test_with_a_cjk_font_labels_are_chinese(table, tmp_path):
    """With a CJK font the labels are Chinese and the font is embedded."""
    font = find_cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    result = draw_comparison(table, CODE, tmp_path / "chart.svg")
    assert (result.font, result.warning) == (font, None)
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    texts = _texts(svg)
    for label in ("养老机构护理型床位占比", "测试县", "澜溪县", "全国 ≥55 (2025)", "≥60 (2025)"):
        assert label in texts
    assert font in svg


def test_the_parent_is_a_reference_line_not_a_bar(table, tmp_path):
    """The parent's target is a labelled line; bars are the counties'."""
    result = draw_comparison(table, CODE, tmp_path / "chart.svg", font=None)
    # Bars for the two counties, the national target only as the labelled line.
    assert result.labels[-2:] == ("Test County", "Lanxi County")
    assert "China" not in result.labels[-2:]


def test_png_is_written(table, tmp_path):
    """A .png path gives a PNG file."""
    draw_comparison(table, CODE, tmp_path / "chart.png", font=None)
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_suffix_and_nothing_to_draw(table, tmp_path):
    """A suffix other than .svg or .png, or no numeric target, is a UsageError."""
    with pytest.raises(UsageError, match=r"\.svg or \.png"):
        draw_comparison(table, CODE, tmp_path / "chart.pdf")
    with pytest.raises(UsageError, match="no plan has a numeric"):
        draw_comparison(table, "SA-DIBAO-STANDARD-GROWTH", tmp_path / "chart.svg")


def test_cli_chart_warns_without_a_cjk_font(tmp_path, monkeypatch):
    """compare --chart draws with English labels and warns when no CJK font is found."""
    monkeypatch.setattr(chart, "find_cjk_font", lambda: None)
    out = tmp_path / "chart.svg"
    args = ["compare", str(NATIONAL), str(COUNTY), str(EXAMPLE), "--indicator", CODE]
    result = CliRunner().invoke(cli, [*args, "--chart", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning: no CJK font found" in result.output
    assert "Lanxi County" in _texts(out.read_text(encoding="utf-8"))


def test_a_range_target_floats_between_its_ends(tmp_path):
    """A range target is drawn between its ends, converted to the catalog unit."""
    table = compare_plans(plans(), ["EC-BEDS-PER-1000-ELDERLY"])
    result = draw_comparison(table, "EC-BEDS-PER-1000-ELDERLY", tmp_path / "beds.svg", font=None)
    svg = (tmp_path / "beds.svg").read_text(encoding="utf-8")
    assert _texts(svg).count("35–40 (2025)") == 2  # 3.5–4 张/百名老年人 is 35–40 per 1000
    assert result.labels[-2:] == ("Test County", "Lanxi County")
