"""Rows of the article view: lazy layout gives the same rows as laying out everything."""

from reader.engine.layout import layout_paragraph
from reader.ui.article_rows import ArticleRows, SeparatorRow, TextRow
from reader.ui.drawing import TextOptions

TEXTS = [f"الفقرة {n}: " + "كلمة أخرى هنا " * (n % 9 + 1) for n in range(400)]


def full_rows(texts, width, visible):
    """Every row worked out the slow, obvious way."""
    rows = []
    for index, text in enumerate(texts):
        if not visible[index]:
            continue
        if rows:
            rows.append(None)
        rows += [(index, line.start) for line in layout_paragraph(text, width).lines]
    return rows


def drawn(rows: ArticleRows):
    found = []
    for y in range(rows.total):
        row = rows.row(y)
        found.append((row.block, row.line.start) if isinstance(row, TextRow) else None)
    return found


def test_only_what_is_asked_for_is_laid_out_and_the_rest_converges_to_the_full_layout():
    visible = [n % 7 != 3 for n in range(len(TEXTS))]
    rows = ArticleRows(TEXTS, visible, [False] * len(TEXTS), 30, TextOptions())
    assert rows.exact_count == 0
    rows.make_exact(0, 24)
    assert 0 < rows.exact_count < 20
    assert drawn(rows)[:24] == full_rows(TEXTS, 30, visible)[:24]
    rows.apply_counts(rows.measure(range(len(rows.blocks))))
    assert rows.progress == 1
    assert drawn(rows) == full_rows(TEXTS, 30, visible)


def test_row_of_lays_out_the_block_it_is_asked_about_and_finds_the_offset():
    rows = ArticleRows(TEXTS, [True] * len(TEXTS), [False] * len(TEXTS), 25, TextOptions())
    block = 300
    lines = layout_paragraph(TEXTS[block], 25).lines
    row = rows.row_of(block, lines[2].start)
    assert rows.row(row) == TextRow(block, rows.layout(block).lines[2])
    assert rows.anchor(row) == (block, lines[2].start)
    assert isinstance(rows.row(rows.row_of(block, 0) - 1), SeparatorRow)
    assert rows.block_at(rows.row_of(block, 0) - 1) == block  # a separator leads to the block below
