"""Properties of the text toolkit on arbitrary text: maps back exactly, never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from minzheng_plans.text.metadata import read_metadata
from minzheng_plans.text.normalise import normalise, normalise_string
from minzheng_plans.text.sections import find_headings
from minzheng_plans.text.tables import find_tables
from tests._linear import assert_linear

# Characters the documents mix: CJK, digits, full-width forms, odd spaces, zero-width ones,
# line ends and table bars.
_ALPHABET = st.sampled_from(
    [
        *"第一二十章节、()（）１２%％:：|。,\n\r 重庆规划指标序号属性约束性预期性2015年≥≤—",
        *"\u00a0\u2002\u3000\u200b\ufeff",
    ]
)
TEXTS = st.text(_ALPHABET, max_size=300)


@given(TEXTS)
def test_normalised_text_maps_back(text):
    """Each normalised character maps back to a quote of the original that normalises to it."""
    normalised = normalise(text)
    assert normalised.text == normalise_string(text)
    for start in range(len(normalised.text)):
        char = normalised.text[start]
        quoted = normalised.quote(start, start + 1)
        assert normalise_string(quoted) == char
    assert len(normalised.lines()) == text.count("\n") + 1


@given(TEXTS, st.data())
def test_quotes_are_substrings_and_lines_agree(text, data):
    """Any quote is a substring of the original, and line numbers count its newlines."""
    normalised = normalise(text)
    size = len(normalised.text)
    start = data.draw(st.integers(0, size))
    end = data.draw(st.integers(start, size))
    quote = normalised.quote(start, end)
    assert quote in text
    if start < size:
        line = normalised.line_number(start)
        assert normalised.text.count("\n", 0, start) + 1 == line


@given(TEXTS)
def test_readers_never_raise(text):
    """The metadata, heading and table readers never raise; rows have one cell per column."""
    read_metadata(text)
    find_headings(text)
    for table in find_tables(text):
        assert table.row_count >= 1
        for row in table.rows:
            assert len(row.cells) == len(table.columns)


def test_large_inputs_stay_linear():
    """Eight times the tables cost about eight times the work (a rescanning reader: 64 times)."""
    block = "序号\n指标\n2020年\n属性\n1\n测试\n5\n约束性\n" + "正文一行,没有表格。\n" * 20
    assert 600 == len(find_tables(block * 600))

    def read(text: str) -> None:
        find_tables(text)
        find_headings(text)
        read_metadata(text)

    assert_linear(read, lambda n: block * n, 75)
