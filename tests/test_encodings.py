"""Encodings and character forms: the same plan whatever the bytes, or a clear refusal.

UTF-8 with or without a byte-order mark, UTF-16 with one, GB18030 and its subset GBK are
read; other bytes are refused with a message naming the encodings that are read. CRLF line
ends, no-break spaces and full-width digits and signs give the same plan as plain text.
"""

from __future__ import annotations

import codecs
import importlib
from decimal import Decimal
from functools import cache

import pytest

from minzheng_plans.core.errors import DocumentError
from minzheng_plans.files.document import Document, decode_text
from minzheng_plans.plugins.host import PluginHost, create_plugin_host
from minzheng_plans.reading.loading import load_document, load_path
from minzheng_plans.units.registry import default_units
from tests.conftest import seed_path

from .conftest_plans import MINIMAL_PLAN

TEXT = "重庆市“十四五”民政事业发展规划\n养老床位≥55%\n"

_FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


@cache
def _host() -> PluginHost:
    modules = [
        importlib.import_module(f"minzheng_plans_{name}")
        for name in ("chongqing", "henan", "national", "shanghai")
    ]
    return create_plugin_host(entry_points=False, extra=modules)


class TestDecodeText:
    @pytest.mark.parametrize(
        ("data", "encoding"),
        [
            (TEXT.encode("utf-8"), "utf-8"),
            (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
            (TEXT.encode("utf-16"), "utf-16"),
            (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
            (TEXT.encode("gb18030"), "gb18030"),
            (TEXT.encode("gbk"), "gb18030"),
        ],
        ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gb18030", "gbk"],
    )
    def test_read_encodings_give_the_same_text(self, data, encoding):
        """UTF-8 with or without BOM, UTF-16 with BOM, GB18030 and GBK decode to the same text."""
        assert (TEXT, encoding) == decode_text(data)

    def test_bom_is_not_part_of_the_text(self):
        """A byte-order mark is not part of the decoded text."""
        text, _ = decode_text(codecs.BOM_UTF8 + b"abc")
        assert "abc" == text

    @pytest.mark.parametrize(
        "data",
        [
            TEXT.encode("utf-16-le"),  # no byte-order mark: NUL bytes, not guessed
            b"\xff\xfe\x00\xd8",  # UTF-16 with a BOM and a lone surrogate
            b"\x81\x30\xff",  # neither UTF-8 nor GB18030
            b"PK\x03\x04\x00\x00",  # a zip (a spreadsheet)
        ],
        ids=["utf-16-no-bom", "bad-utf-16", "not-gb18030", "zip"],
    )
    def test_other_bytes_are_not_text(self, data):
        """UTF-16 without BOM, bad UTF-16, bytes of no encoding and zips are not text."""
        assert decode_text(data) is None
        assert Document.from_bytes("plan.txt", data).text is None

    @pytest.mark.parametrize("ending", ["\r\n", "\r"])
    def test_line_ends_become_newlines(self, ending):
        """CRLF and CR line ends become newlines."""
        document = Document.from_bytes("plan.txt", TEXT.replace("\n", ending).encode())
        assert TEXT == document.text


class TestRefusal:
    def test_undecodable_text_file_names_the_encodings_read(self, tmp_path):
        """An undecodable text file is a DocumentError naming it and the encodings read."""
        path = tmp_path / "plan.txt"
        path.write_bytes(TEXT.encode("utf-16-le"))
        with pytest.raises(DocumentError) as info:
            load_path(path, _host())
        assert "UTF-8, UTF-16 (with a byte-order mark) or GB18030/GBK" in str(info.value)
        assert str(path) in str(info.value)

    def test_plan_file_in_gbk_is_refused_with_its_line(self, tmp_path):
        """A GBK plan file is refused at its first Chinese line, other bytes as not UTF-8."""
        from minzheng_plans.core.errors import PlanFileError  # noqa: PLC0415
        from minzheng_plans.files.planfile import read_plan  # noqa: PLC0415

        path = tmp_path / "plan.toml"
        path.write_bytes(MINIMAL_PLAN.encode("gbk"))
        with pytest.raises(PlanFileError, match="looks like GB18030/GBK") as info:
            read_plan(path)
        assert 5 == info.value.line  # the title, the first line with Chinese characters
        path.write_bytes(b"\xff\xff\xff")
        with pytest.raises(PlanFileError, match="UTF-8") as info:
            read_plan(path)
        assert "GB18030" not in str(info.value)


def _key(result) -> list[tuple[object, ...]]:
    units = default_units()

    def unit(text: str) -> str:
        return units.normalise(text) if text and units.is_known(text) else text

    return [(i.id, unit(i.unit), i.target, i.baseline) for i in result.plan.indicators]


SEEDS = ("000", "001", "002", "003", "004")


@pytest.mark.parametrize("prefix", SEEDS)
class TestSeedsInOtherForms:
    """Each seed loads to the same indicators, targets and baselines in every form."""

    @pytest.fixture
    def base(self, prefix):
        text = seed_path(prefix).read_text(encoding="utf-8")
        return text, _key(load_document(Document.from_text("plan.txt", text), _host()))

    @pytest.mark.parametrize(
        "encode",
        [
            lambda t: t.encode("gb18030"),
            lambda t: codecs.BOM_UTF8 + t.encode(),
            lambda t: t.encode("utf-16"),
            lambda t: t.replace("\n", "\r\n").encode(),
        ],
        ids=["gb18030", "utf-8-bom", "utf-16", "crlf"],
    )
    def test_encodings(self, base, encode):
        """A seed in GB18030, UTF-8 with BOM, UTF-16 or CRLF loads the same indicators."""
        text, expected = base
        document = Document.from_bytes("plan.txt", encode(text))
        assert expected == _key(load_document(document, _host()))

    def test_no_break_and_ideographic_spaces(self, base):
        """A seed with no-break spaces loads the same indicators."""
        text, expected = base
        spaced = text.replace(" ", "\u00a0")
        assert expected == _key(load_document(Document.from_text("plan.txt", spaced), _host()))

    def test_full_width_digits_and_percent(self, base):
        """Regression: 专栏１ gave project ids in full-width digits (k１.1), and years such as
        ２０２２年 were not read, so targets fell back to the plan's end year."""
        text, expected = base
        wide = text.translate(_FULL_WIDTH)
        assert expected == _key(load_document(Document.from_text("plan.txt", wide), _host()))


def test_full_width_project_number_and_year_in_own_text():
    """The same regression on a text written here, so that it runs without the seeds."""
    from minzheng_plans.core.model import Period  # noqa: PLC0415
    from minzheng_plans.text.projects import extract_projects, project_indicators  # noqa: PLC0415
    from minzheng_plans.text.prose import extract_targets  # noqa: PLC0415

    text = "专栏１ 养老服务工程\n新增养老床位６万张。\n"
    result = extract_projects(text)
    assert ["1"] == [box.number for box in result.boxes]
    _, indicators, _ = project_indicators(result, text=text, period=Period(2021, 2025))
    assert [("k1.1", Decimal(6))] == [(i.id, i.target.value) for i in indicators]
    targets = extract_targets(
        "到２０２２年,养老机构护理型床位占比达到５５%。\n", period=Period(2021, 2025)
    )
    assert [2022] == [t.target.year for t in targets.targets]
