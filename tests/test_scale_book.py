"""Book-sized documents in the app (issue 6): what is on screen comes before the rest is laid
out, progress shows and ends, jumps and resizes work while layout goes on, a paragraph of
megabytes is drawn in pieces. Behaviour only: the timings are in benchmarks/run.py."""

import asyncio

import pytest

from harness.documents import MARKER, book, one_paragraph
from reader.document.model import Block, Document
from reader.engine.layout import layout_paragraph
from reader.engine.pieces import PIECE_LIMIT
from reader.ui.app import ReaderApp
from reader.ui.status import StatusLine


def text_of(strip) -> str:
    return "".join(segment.text for segment in strip)


def on_screen(words: str) -> str:
    return layout_paragraph(words, 10_000).lines[0].text


def status_text(app: ReaderApp) -> str:
    return text_of(app.query_one(StatusLine).render_line(0))


def run(document: Document, test, tmp_path, size=(80, 24)):
    async def main():
        app = ReaderApp(document, state_dir=tmp_path / "state")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


async def wait_until(pilot, condition, seconds: float = 60) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("waited too long")


@pytest.fixture(scope="module")
def ten_megabytes() -> Document:
    return book(10_000_000)


def test_a_ten_megabyte_book_shows_its_first_lines_before_the_rest_is_laid_out(ten_megabytes, tmp_path):
    async def check(app, pilot):
        article = app.reader_screen.article
        assert article.layout_progress < 1
        column = article.column_width
        title = layout_paragraph(ten_megabytes.blocks[0].text, column).lines[0].text
        first = layout_paragraph(ten_megabytes.blocks[1].text, column).lines
        assert text_of(article.render_line(0)).rstrip().endswith(title)
        assert text_of(article.render_line(2)).rstrip().endswith(first[0].text)
        assert text_of(article.render_line(3)).rstrip().endswith(first[1].text)
        # The status line tells of the layout once it has lasted a moment (PROGRESS_AFTER_SECONDS).
        await wait_until(pilot, lambda: "laying out" in status_text(app), 10)

    run(ten_megabytes, check, tmp_path)


def test_the_end_of_a_book_is_shown_while_layout_is_still_going_on(ten_megabytes, tmp_path):
    async def check(app, pilot):
        article = app.reader_screen.article
        app.workers.cancel_group(article, "layout")  # whatever speed the machine has, layout is not done
        assert article.layout_progress < 1
        await pilot.press("G")
        height = article.scrollable_content_region.height
        last = layout_paragraph(ten_megabytes.blocks[-1].text, article.column_width).lines
        assert text_of(article.render_line(height - 1)).rstrip().endswith(last[-1].text)
        assert text_of(article.render_line(height - 1 - len(last) + 1)).rstrip().endswith(last[0].text)
        await pilot.press("g")
        assert text_of(article.render_line(0)).rstrip().endswith(
            layout_paragraph(ten_megabytes.blocks[0].text, article.column_width).lines[0].text
        )

    run(ten_megabytes, check, tmp_path)


def test_layout_progress_leaves_the_status_line_once_everything_is_laid_out(tmp_path):
    async def check(app, pilot):
        await wait_until(pilot, lambda: app.reader_screen.article.layout_progress == 1)
        await pilot.pause()
        assert "laying out" not in status_text(app)
        # Every row is now exact: the last rows are the last block's last lines.
        height = app.reader_screen.article.scrollable_content_region.height
        await pilot.press("G")
        last = layout_paragraph(app.reader_screen.texts[-1], app.reader_screen.article.column_width).lines
        assert text_of(app.reader_screen.article.render_line(height - 1)).rstrip().endswith(last[-1].text)

    run(book(2_000_000), check, tmp_path)


def test_a_resize_keeps_the_paragraph_being_read_at_the_top(ten_megabytes, tmp_path):
    async def check(app, pilot):
        block = 12_345
        app.reader_screen.article.go_to(block)
        await pilot.pause()
        assert app.reader_screen.article.top_anchor == (block, 0)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        article = app.reader_screen.article
        assert article.column_width < 60 and article.top_anchor == (block, 0)
        first = layout_paragraph(ten_megabytes.blocks[block].text, article.column_width).lines[0]
        assert text_of(article.render_line(0)).rstrip().endswith(first.text)

    run(ten_megabytes, check, tmp_path)


def test_a_paragraph_of_megabytes_is_drawn_and_laid_out_a_piece_at_a_time(tmp_path):
    document = one_paragraph(3_000_000)
    text = document.blocks[0].text
    assert "\n" not in text and len(text.encode()) >= 3_000_000

    async def check(app, pilot):
        article = app.reader_screen.article
        column = article.column_width
        opening = text[: text.index(" ", 2000)]  # a first line depends only on what starts it
        assert text_of(article.render_line(0)).rstrip().endswith(layout_paragraph(opening, column).lines[0].text)
        await pilot.press("G")
        height = article.scrollable_content_region.height
        assert text_of(article.render_line(height - 1)).rstrip().endswith(on_screen(text.split()[-1]))
        await pilot.press("pageup")
        lines = [text_of(article.render_line(y)).strip() for y in range(height)]
        assert all(lines) and len(set(lines)) == height  # a screenful of different, non-empty lines
        rows = article.rows
        assert rows.total > 10_000
        assert all(len(rows.layout(k).text) <= PIECE_LIMIT for k in range(len(rows.blocks)) if rows.exact[k])

    run(document, check, tmp_path)


def test_search_finds_a_word_near_the_end_of_a_book_and_goes_there(tmp_path):
    document = book(3_000_000)
    where = len(document.blocks) - 40
    texts = [block.text for block in document.blocks]
    texts[where] = texts[where].replace(" ", f" {MARKER} ", 1)
    blocks = tuple(Block(n, block.kind, text) for n, (block, text) in enumerate(zip(document.blocks, texts)))
    document = Document(document.title, document.source, blocks, document.sections, (), (), ())

    async def check(app, pilot):
        await pilot.press("slash", *MARKER)
        await wait_until(pilot, lambda: app.reader_screen.search_bar.hits.complete)
        assert app.reader_screen.search_bar.field.count == "1/1"
        assert app.reader_screen.search_bar.hits[0][0] == where
        article = app.reader_screen.article
        height = article.scrollable_content_region.height
        shown = [text_of(article.render_line(y)) for y in range(height)]
        assert any(on_screen(MARKER) in line for line in shown)

    run(document, check, tmp_path)
