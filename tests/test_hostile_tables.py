"""Hostile tables and exports (#17): cell numbers, XLSX limits, formulas, large tables, CSV.

The crafted files live in ``tests/hostile/``; the zip bomb and the large tables are built here.
Expected values are written by hand from the crafted inputs.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from minzheng_plans import Document
from minzheng_plans.analysis.compare import compare_plans
from minzheng_plans.analysis.export import export_plans
from minzheng_plans.builtin.loaders.tables import TableLimits, csv_rows, xlsx_tables
from minzheng_plans.checking.runner import check_plans
from minzheng_plans.cli.app import cli
from minzheng_plans.core.errors import DocumentError, LimitError, NumberBoundsError
from minzheng_plans.core.values import parse_value
from minzheng_plans.files.archive import DEFAULT_MAX_UNCOMPRESSED, check_archive
from minzheng_plans.files.planfile import read_plan
from minzheng_plans.files.spreadsheet import csv_text_cell
from minzheng_plans.output.comparison import comparison_csv
from minzheng_plans.output.i18n import render
from minzheng_plans.plugins.host import create_plugin_host
from minzheng_plans.reading.loading import load_document
from minzheng_plans.registries.catalog import Catalog, default_catalog

HOSTILE = Path(__file__).parent / "hostile"
HEADER = "指标,单位,2020年,2025年,属性\n"
SHARE_ROW = "养老机构护理型床位占比,%,41.5,141.5,约束性\n"


def _host() -> object:
    return create_plugin_host(entry_points=False)


def _cli(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def _filler(count: int) -> str:
    return "".join(f"填充指标{n},个,{n},{n + 1},预期性\n" for n in range(count))


class TestCellNumbers:
    def test_numbers_past_the_bounds_are_refused_as_such(self):
        """A cell number past the bounds is a NumberBoundsError naming the bound it breaks."""
        cases = {
            "≥1E-999999": ("1E-999999", "a number of at least 1E-30 in size"),
            "1E+999999999": ("1E+999999999", "a number below 1E+18 in size"),
            "99999999999999999999999": ("99999999999999999999999", "a number below 1E+18"),
            "1E-99999999999999999999999": (
                "1E-99999999999999999999999",
                "a number of at least 1E-30",
            ),
        }
        for text, (shown, expected) in cases.items():
            with pytest.raises(NumberBoundsError) as caught:
                parse_value(text)
            assert shown == caught.value.text
            assert caught.value.expected.startswith(expected)

    def test_a_huge_number_is_quoted_as_a_sketch(self):
        """Regression: a 10 000-digit cell was quoted whole; it is a sketch now."""
        with pytest.raises(NumberBoundsError) as caught:
            parse_value("0." + "7" * 10_000)
        assert "7.77777…E-1 (10000 digits)" == caught.value.text
        assert "a number of at most 40 significant digits, not 10000" == caught.value.expected

    def test_scientific_notation_reads_as_plain_digits(self):
        """Spreadsheets export large numbers as 1.5E+3: read as 1500, exactly."""
        assert Decimal(1500) == parse_value("1.5E+3").value
        assert (Decimal("0.0015"), "%") == (parse_value("1.5e-3%").value, "%")
        assert (Decimal(35), Decimal(40)) == (parse_value("3.5E1-4E1").low, Decimal(40))

    def test_crafted_table_gives_short_findings(self):
        """Each out-of-bounds cell of value-bounds.csv is an MZ501 quoting a sketch; nothing is
        cut to fit a plan file (no MZ526), in English and in Chinese."""
        document = Document.from_path(HOSTILE / "value-bounds.csv")
        result = load_document(document, _host())
        findings = result.plan.findings or result.findings
        mz501 = [f for f in findings if f.code == "MZ501"]
        assert [2, 3, 4] == [f.location.line for f in mz501 if f.location is not None]
        assert "MZ526" not in {f.code for f in findings}
        texts = [render(f, "en") for f in mz501]
        assert "“1E-999999”: expected a number of at least 1E-30 in size" in texts[0]
        assert "“1E+999999999”: expected a number below 1E+18 in size" in texts[1]
        assert "“7.77777…E-1 (10000 digits)”" in texts[2]
        assert all(len(text) < 400 for text in texts)
        assert "有效数字" in render(mz501[2], "zh_CN")


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of raw-deflate members: (name, compressed data, CRC-32, size)."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size in members:
        encoded, offset = name.encode(), len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded)),
            *(0, 0, 0, 0, 0, offset),
        )
        central += encoded
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0
    )
    return bytes(out)


def _workbook_bytes(rows: list[list[object]]) -> bytes:
    import openpyxl  # noqa: PLC0415

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet(workbook: bytes, sheet: tuple[bytes, int, int]) -> bytes:
    """``workbook`` with its first sheet replaced by (compressed XML, CRC-32, size)."""
    members = []
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        for info in archive.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                members.append((info.filename, *sheet))
                continue
            data = archive.read(info)
            members.append((info.filename, _deflate(data), zlib.crc32(data), len(data)))
    return _zip(members)


def _zip_bomb(expanded: int) -> bytes:
    """A real .xlsx whose sheet is ``expanded`` bytes of XML and some 11 MB compressed: one
    block of rows compressed with a full flush, so that its bytes can be repeated."""
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    head += b"<sheetData>"
    tail = b"</sheetData></worksheet>"
    block = b"".join(
        b'<row r="1"><c r="A1" t="n"><v>%d</v></c></row>' % (i * 7919 % 211) for i in range(20_000)
    )

    def flushed(data: bytes) -> bytes:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)

    repeats = (expanded - len(head) - len(tail)) // len(block)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    data = flushed(head) + flushed(block) * repeats + _deflate(tail)
    size = len(head) + repeats * len(block) + len(tail)
    return _with_sheet(_workbook_bytes([["指标", "单位"]]), (data, crc, size))


@pytest.fixture(name="bomb", scope="module")
def _bomb() -> bytes:
    return _zip_bomb(1_560_000_000)


class TestWorkbookLimits:
    def test_the_bomb_is_real(self, bomb):
        """The crafted workbook is about 11 MB and declares 1.5 GB, and its sheet inflates."""
        with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
            with archive.open("xl/worksheets/sheet1.xml") as sheet:
                start = sheet.read(1_000_000)
        assert 10_000_000 < len(bomb) < 13_000_000
        assert 1_500_000_000 < declared < 1_600_000_000
        assert start.startswith(b"<worksheet")
        assert 1_000_000 == len(start)

    def test_zip_bomb_is_refused_before_it_is_opened(self, bomb, monkeypatch):
        """Regression: a 10.8 MB workbook expanding to 1.56 GB was parsed in full. Its
        directory is read, it is refused, and neither openpyxl nor a member is opened."""
        import openpyxl  # noqa: PLC0415

        def refuse(*_args: object, **_kwargs: object) -> None:
            raise AssertionError

        monkeypatch.setattr(openpyxl, "load_workbook", refuse)
        monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
        with pytest.raises(LimitError) as caught:
            load_document(Document.from_bytes("bomb.xlsx", bomb), _host())
        assert ("max_uncompressed", DEFAULT_MAX_UNCOMPRESSED) == (
            caught.value.setting,
            caught.value.limit,
        )
        assert caught.value.actual > 1_500_000_000

    def test_zip_bomb_in_a_check_is_an_unreadable_input(self, bomb, tmp_path):
        """``check`` names the limit and exits 2, as for any unreadable input."""
        path = tmp_path / "bomb.xlsx"
        path.write_bytes(bomb)
        result = _cli("check", "--no-bundled", str(path))
        assert 2 == result.exit_code
        assert "MZ101" in result.stdout
        assert "uncompressed size of the archive" in result.stdout

    def test_archive_limits(self):
        """The uncompressed total and the member count each have their limit."""
        workbook = _workbook_bytes([["指标", "单位"]])
        check_archive(workbook, name="a.xlsx")
        with pytest.raises(LimitError, match="uncompressed size"):
            check_archive(workbook, name="a.xlsx", max_uncompressed=100)
        with pytest.raises(LimitError, match="members"):
            check_archive(workbook, name="a.xlsx", max_members=2)
        with pytest.raises(DocumentError, match="not a readable zip"):
            check_archive(b"PK\x03\x04 not really", name="a.xlsx")

    def test_cells_and_rows_are_counted(self):
        """A workbook past the cell or row limit is refused, naming the limit."""
        rows: list[list[object]] = [["指标", "单位", "2020年", "2025年", "属性"]]
        rows += [[f"指标{n}", "%", n, n + 1, "预期性"] for n in range(5)]
        document = Document.from_bytes("t.xlsx", _workbook_bytes(rows))
        assert 6 == len(xlsx_tables(document)[0].rows)
        with pytest.raises(LimitError) as cells:
            xlsx_tables(document, limits=TableLimits(cells=29))
        assert ("cells", 29, 30) == (cells.value.setting, cells.value.limit, cells.value.actual)
        with pytest.raises(LimitError) as many:
            xlsx_tables(document, limits=TableLimits(rows=5))
        assert ("rows", 5, 6) == (many.value.setting, many.value.limit, many.value.actual)

    def test_claimed_dimensions_do_not_pad_rows(self):
        """A sheet that claims A1:XFD1048576 is read by its cells, not padded to 16 384
        columns and a million rows."""
        workbook = _workbook_bytes([["指标", "单位"], ["养老机构护理型床位占比", "%"]])
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml")
        xml = xml.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
        assert b"XFD1048576" in xml
        claimed = _with_sheet(workbook, (_deflate(xml), zlib.crc32(xml), len(xml)))
        rows = xlsx_tables(Document.from_bytes("t.xlsx", claimed))[0].rows
        assert [(1, 2), (2, 2)] == [(row.line, len(row.cells)) for row in rows]


class TestFormulaCells:
    def test_formula_without_a_saved_value_is_a_finding(self):
        """Regression: formula cells without a cached value became empty cells silently."""
        document = Document.from_path(HOSTILE / "formula-without-cache.xlsx")
        result = load_document(document, _host())
        (finding,) = [f for f in result.findings if f.code == "MZ527"]
        args = dict(finding.args)
        assert ("D2, C3, D4", 3) == (args["cells"], args["count"])
        assert "formula-without-cache.xlsx" == args["workbook"]
        assert "公式单元格" in render(finding, "zh_CN")

    def test_formula_with_a_saved_value_reads_it(self):
        """A formula whose value the spreadsheet saved is read by that value, no finding."""
        path = HOSTILE / "formula-without-cache.xlsx"
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("xl/worksheets/sheet1.xml")
        saved = xml.replace(b"<f>C2+13.5</f><v></v>", b"<f>C2+13.5</f><v>55</v>")
        assert saved != xml
        data = _with_sheet(path.read_bytes(), (_deflate(saved), zlib.crc32(saved), len(saved)))
        result = load_document(Document.from_bytes("saved.xlsx", data), _host())
        (finding,) = [f for f in result.findings if f.code == "MZ527"]
        assert ("C3, D4", 2) == (dict(finding.args)["cells"], dict(finding.args)["count"])
        share = result.plan.indicators[0]
        assert share.target is not None
        assert Decimal(55) == share.target.value  # type: ignore[union-attr]


class TestLargeTables:
    def test_csv_rows_are_limited(self):
        """More rows with text than the limit is refused; blank rows do not count."""
        text = HEADER + "\n\n" + _filler(2)
        assert 5 == len(csv_rows(text, limits=TableLimits(rows=3)))
        with pytest.raises(LimitError) as caught:
            csv_rows(text + _filler(1), limits=TableLimits(rows=3))
        assert ("rows", 3, 4) == (caught.value.setting, caught.value.limit, caught.value.actual)

    def test_more_indicators_than_a_plan_holds_is_refused(self):
        """Regression: 60 000 filler rows cut the plan to its first 10 000 indicators with a
        warning, so a share of 141.5 % after them passed with exit 0."""
        text = HEADER + _filler(10_000) + SHARE_ROW
        with pytest.raises(DocumentError, match="10001 indicators, more than a plan holds"):
            load_document(Document.from_bytes("many.csv", text.encode()), _host())

    def test_sixty_thousand_rows_fail_the_check(self, tmp_path):
        """The issue's table: 60 000 filler rows and the share last; ``check`` exits 2 naming
        the limit, never 0."""
        path = tmp_path / "filler.csv"
        path.write_text(HEADER + _filler(60_000) + SHARE_ROW, encoding="utf-8")
        result = _cli("check", "--no-bundled", str(path))
        assert 2 == result.exit_code
        assert "60001 indicators, more than a plan holds (10000)" in result.stdout

    def test_a_full_table_is_checked_without_fuzzy_searches(self, monkeypatch):
        """At the limit (10 000 indicators, all uncatalogued but one), the rules find the
        share and do no fuzzy catalog search: nothing times out, the run fails."""
        text = HEADER + _filler(9_999) + SHARE_ROW
        host = _host()
        plan = load_document(Document.from_bytes("full.csv", text.encode()), host).plan
        calls: list[str] = []
        fuzzy = Catalog._fuzzy

        def counted(self: Catalog, key: str, percent: bool | None, limit: int) -> object:
            calls.append(key)
            return fuzzy(self, key, percent, limit)

        monkeypatch.setattr(Catalog, "_fuzzy", counted)
        findings = check_plans([plan], host, bundled=())
        codes = {f.code for f in findings}
        assert "MZ203" in codes
        assert not codes & {"MZ005", "MZ007"}
        assert [] == calls


class TestCatalogCache:
    def test_candidates_are_searched_once_per_name(self, monkeypatch):
        """Asking twice about a name the catalog lacks searches once."""
        catalog = Catalog(default_catalog().entries)
        calls: list[str] = []
        fuzzy = Catalog._fuzzy

        def counted(self: Catalog, key: str, percent: bool | None, limit: int) -> object:
            calls.append(key)
            return fuzzy(self, key, percent, limit)

        monkeypatch.setattr(Catalog, "_fuzzy", counted)
        first = catalog.match("养老床位护理占比", "%")
        again = catalog.match("养老床位护理占比", "%")
        assert first == again
        assert first.candidates
        assert 1 == len(calls)

    def test_match_without_suggestions_does_no_search(self, monkeypatch):
        """``suggest=False`` gives the entry or nothing, without candidates."""
        catalog = Catalog(default_catalog().entries)
        monkeypatch.setattr(Catalog, "_fuzzy", lambda *_args: pytest.fail("searched"))
        assert () == catalog.match("填充指标7", "个", suggest=False).candidates
        assert "exact" == catalog.match("养老机构护理型床位占比", suggest=False).how


class TestCsvCells:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("=1+1", "'=1+1"),
            ("+1+1养老", "'+1+1养老"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\n=1+1"),
            ("-5", "-5"),
            ("+1.5E+3", "+1.5E+3"),
            ("=", "="),
            ("-", "-"),
            ("养老\r床位", "养老\n床位"),
            ("≥55", "≥55"),
            ("养老\x1b[31m床位\x1b]8;;http://x\x07", "养老\ufffd[31m床位\ufffd]8;;http://x\ufffd"),
            ("\x1b=1", "\ufffd=1"),
        ],
    )
    def test_csv_text_cell(self, text, expected):
        """Text that would run as a formula gets an apostrophe; numbers and a lone sign stay;
        control characters (terminal escapes) become U+FFFD, as in a workbook."""
        assert expected == csv_text_cell(text)

    def test_export_writes_no_formula(self, tmp_path):
        """Regression: the CSV export wrote names and units starting with = + - @ as they are."""
        plan = read_plan(HOSTILE / "formula-injection.toml")
        path = tmp_path / "values.csv"
        export_plans([plan], path)
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [
            ("'@SUM(1+1)*cmd|' /C calc'!A0", "'+1+1养老机构护理型床位占比", "'-2+3", "55"),
            ("'@SUM(1+1)*cmd|' /C calc'!A0", "'\t=1+1", "'\n=1+1", "-5"),
        ] == [(r["jurisdiction"], r["name"], r["unit"], r["value"]) for r in rows]
        assert [">=", ">="] == [r["comparator"] for r in rows]

    def test_compare_csv_writes_no_formula(self):
        """``compare --format csv`` neutralises the same cells; the target stays as stated."""
        plan = read_plan(HOSTILE / "formula-injection.toml")
        text = comparison_csv(compare_plans([plan]))
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [("'+1+1养老机构护理型床位占比", "'-2+3", "≥55"), ("'\t=1+1", "'\n=1+1", "≥-5")] == [
            (r["name"], r["unit"], r["target"]) for r in rows
        ]
        assert all(not r["jurisdiction"].startswith("@") for r in rows)


def test_docx_zip_bomb_is_refused_before_python_docx_reads_it(monkeypatch):
    """A DOCX is a zip archive too: one whose parts declare more than the DOCX limit is
    refused from its directory, naming the limit, and python-docx never opens it."""
    import docx  # noqa: PLC0415 - the formats extra, part of the test extra

    from minzheng_plans.reading.formats.docx import DOCX_MAX_UNCOMPRESSED, read_docx  # noqa: PLC0415

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("到2025年，养老机构护理型床位占比达到55%。")
    document.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", bytes(DOCX_MAX_UNCOMPRESSED + 1))
    data = buffer.getvalue()
    assert len(data) < 2_000_000

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError

    monkeypatch.setattr(docx, "Document", refuse)
    with pytest.raises(LimitError) as caught:
        read_docx(data, name="bomb.docx")
    assert ("max_uncompressed", DOCX_MAX_UNCOMPRESSED) == (
        caught.value.setting,
        caught.value.limit,
    )
    assert "bomb.docx" in str(caught.value)
