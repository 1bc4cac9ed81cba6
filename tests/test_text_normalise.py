"""Normalisation keeps a map back to the original text."""

from __future__ import annotations

import pytest

from minzheng_plans.text.normalise import normalise, normalise_string


class TestNormaliseString:
    def test_spaces_of_every_width_become_ascii(self):
        """NBSP, en-space, em-space and the ideographic space read as one ASCII space."""
        assert "a b c d" == normalise_string("a\u00a0b\u2002c\u3000d")

    def test_full_width_forms_become_ascii(self):
        """Full-width digits, signs and brackets read as their ASCII forms."""
        assert "(%)≥55 12:3" == normalise_string("（％）≥５５\u300012：3")

    def test_every_table_character_replaced_as_the_table_says(self):
        """Each character of the table (spaces, dropped characters, full-width forms,
        look-alikes) becomes what ``str.translate`` with the table makes of it, between
        Chinese characters and at either end."""
        from minzheng_plans.text import normalise as module  # noqa: PLC0415

        for code in module._TABLE:
            char = chr(code)
            text = f"{char}养老{char}床位{char}"
            assert text.translate(module._TABLE) == normalise_string(text, traditional=False)
        assert "-1/2:3" == normalise_string("\u22121\u22152\u22363", traditional=False)

    def test_chinese_punctuation_outside_the_block_is_kept(self):
        """Only the full-width ASCII block changes: 〔〕、。“” stay as they are."""
        assert "〔2016〕、。“”" == normalise_string("〔2016〕、。“”")


class TestNormalisedText:
    def test_offsets_map_back_through_dropped_characters(self):
        """A zero-width space is dropped, and later characters still find their originals."""
        text = normalise("养老\u200b床位（张）")
        assert "养老床位(张)" == text.text
        at = text.text.index("(")
        assert "（张）" == text.quote(at, at + 3)

    def test_quote_does_not_swallow_dropped_characters_after_the_span(self):
        """A span ending before a dropped character quotes only what it covers."""
        text = normalise("达到60%\u200b。")
        assert "达到60%" == text.quote(0, 5)

    def test_line_numbers_count_original_lines(self):
        """CRLF line ends keep their line numbers; the carriage return is dropped."""
        text = normalise("第一行\r\n第二行\r\n\r\n第四行")
        lines = text.lines()
        assert [1, 2, 3, 4] == [line.number for line in lines]
        assert "第四行" == lines[3].text
        assert 4 == text.line_number(text.text.index("四"))

    def test_original_line_keeps_the_published_spelling(self):
        """The original of a line keeps its full-width characters."""
        text = normalise("标题\n比例（％）\n")
        assert "比例（％）" == text.original_line(2)
        assert "（％）" == text.find_in_line(2, "(%)")
        assert text.find_in_line(2, "张") is None

    def test_out_of_range_offsets_raise(self):
        """Asking for an offset beyond the text is an error, not a silent clamp."""
        text = normalise("ab")
        with pytest.raises(IndexError):
            text.original_offset(3)
        with pytest.raises(IndexError):
            text.original_line(2)


class TestMarkdownHeadings:
    def test_heading_markers_are_layout(self):
        """``#`` to ``######`` and the space after them leave the line; a ``#`` without a
        space, or inside a line, is text; line numbers stay those of the file."""
        text = normalise("# 某县规划\n  ## 第一章 总体要求\n#不是标题\n编号 #3\n####### 七个")
        assert ["某县规划", "第一章 总体要求", "#不是标题", "编号 #3", "####### 七个"] == [
            line.text for line in text.lines()
        ]
        assert [1, 2, 3, 4, 5] == [line.number for line in text.lines()]

    def test_quotes_point_into_the_file_as_written(self):
        """Offsets after a dropped marker still map to the characters of the original."""
        text = normalise("## 第二章 发展目标\n### 一、养老（服务）")
        at = text.text.index("(")
        assert "（服务）" == text.quote(at, at + 4)
        assert 2 == text.line_number(at)
        assert 4 == text.original_column(text.text.index("一"))
