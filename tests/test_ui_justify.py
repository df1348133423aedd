"""Justified body paragraphs in the app: what `--justify` (TextOptions.justify) draws."""

import asyncio

from harness.documents import HEADING_ON_SCREEN, TITLE_ON_SCREEN, sample_document
from textual.strip import Strip

from reader.document.model import BlockKind
from reader.engine.justify import TATWEEL
from reader.ui.app import ReaderApp
from reader.ui.article_rows import TextRow
from reader.ui.drawing import TextOptions

DOCUMENT = sample_document()


def text_of(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def screen_rows(options: TextOptions, tmp_path, size=(80, 24)) -> tuple[list[str], list, int]:
    """The article's rows as drawn, what each shows, and the column width."""
    result = []

    async def main():
        app = ReaderApp(DOCUMENT, state_dir=tmp_path / "state", options=options)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            article = app.query_one("ArticleView")
            rows = article.rows
            shown = [rows.row(y) for y in range(article.size.height)]
            drawn = [text_of(article.render_line(y)) for y in range(article.size.height)]
            result.extend([drawn, shown, article.column_width])

    asyncio.run(main())
    return result[0], result[1], result[2]


def test_body_lines_fill_the_column_and_nothing_else_changes(tmp_path):
    plain, _, width = screen_rows(TextOptions(), tmp_path)
    justified, rows, _ = screen_rows(TextOptions(justify="kashida"), tmp_path)
    assert TITLE_ON_SCREEN in justified[0] and HEADING_ON_SCREEN in "".join(justified)
    stretched = 0
    for y, (row, before, after) in enumerate(zip(rows, plain, justified)):
        if not isinstance(row, TextRow) or DOCUMENT.blocks[row.block].kind is not BlockKind.BODY:
            assert after == before, f"row {y} changed: {row}"
            continue
        line = row.line
        last = line.end == len(DOCUMENT.blocks[row.block].text)
        if last:
            assert after == before, f"row {y}, a paragraph's last line, changed"
        else:
            assert line.cell_width == width and after.strip(" ") != before.strip(" ")
            stretched += after.count(TATWEEL)
    assert stretched > 0
