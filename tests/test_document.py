"""Documents: decoding of the encodings offices actually send, and the size limit."""

from __future__ import annotations

import codecs

import pytest

from minzheng_plans.core.errors import LimitError
from minzheng_plans.files.document import Document, decode_text

TEXT = "到2025年，养老机构护理型床位占比达到55%。\n"


class TestDecoding:
    @pytest.mark.parametrize(
        ("data", "encoding"),
        [
            (TEXT.encode("utf-8"), "utf-8"),
            (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
            (TEXT.encode("gb18030"), "gb18030"),
            (TEXT.encode("utf-16"), "utf-16"),
        ],
    )
    def test_known_encodings_decode_to_the_same_text(self, data, encoding):
        """UTF-8 with or without BOM, GB18030 and UTF-16 with BOM all give the text back."""
        assert (TEXT, encoding) == decode_text(data)

    def test_binary_is_not_text(self):
        """Bytes with NUL characters (a spreadsheet) have no text."""
        assert None is decode_text(b"PK\x03\x04\x00\x00binary")

    def test_crlf_and_cr_become_newlines(self):
        """Windows and old Mac line endings are normalised so that line numbers agree."""
        document = Document.from_bytes("a.txt", "一\r\n二\r三\n".encode())
        assert "一\n二\n三\n" == document.text


class TestLimit:
    def test_file_over_the_limit_is_refused_before_reading(self, tmp_path):
        """A file larger than max_bytes raises LimitError naming the setting."""
        path = tmp_path / "big.txt"
        path.write_bytes(b"x" * 2048)
        with pytest.raises(LimitError, match="max_bytes") as info:
            Document.from_path(path, max_bytes=1024)
        assert (1024, 2048) == (info.value.limit, info.value.actual)
