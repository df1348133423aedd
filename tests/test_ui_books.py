"""Books and pages in the app: nested contents in the sidebar, 1–9 for the top level, each block's
own direction, title and author or site, byline and date in the status line, datelines and
note references drawn subdued."""

import asyncio
from pathlib import Path

import pytest
from test_ui_app import block_row, status_text, styled, text_of

from harness.books import make_epub
from reader.document.loading import load_document
from reader.ui.app import ReaderApp

PAGES = Path(__file__).parent / "pages"


def run(test, document, state_dir, size=(100, 30)):
    async def main():
        app = ReaderApp(document, state_dir=state_dir)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)

    asyncio.run(main())


@pytest.fixture
def book(tmp_path):
    return load_document(str(make_epub(tmp_path / "book.epub")))


def test_nested_contents_and_keys_for_the_top_level(book, tmp_path):
    async def check(app, pilot):
        await pilot.press("s")
        sidebar = app.reader_screen.panel("sections")
        rows = [text_of(sidebar.render_line(y)) for y in (0, 2, 4)]  # a blank row between entries
        assert rows[0].startswith("▸●1 ") and rows[1].startswith("  2 ")
        assert rows[2].strip()[0] not in "0123456789"  # the section inside chapter 2 has no key
        # …and is indented: from the right, where a right-to-left title starts.
        assert rows[2].endswith("  ") and not rows[1].endswith(" ")
        await pilot.press("f2")
        await pilot.press("2")
        assert app.reader_screen.article.top_block == book.sections[1].start_block == 8
        await pilot.press("3")  # only two chapters at the top level
        assert app.reader_screen.article.top_block == 8

    run(check, book, tmp_path / "state", size=(100, 10))  # short: the view scrolls to each chapter


def test_each_block_keeps_its_own_direction_and_the_status_names_the_author(book, tmp_path):
    async def check(app, pilot):
        english = text_of(block_row(app, 6))
        arabic = text_of(block_row(app, 5))  # the image's mark, a short right-to-left line
        assert english.strip() == "The map was drawn in 1962."
        margin = len(arabic) - len(arabic.rstrip())  # right to left: against the column's right edge
        assert abs(len(english) - len(english.lstrip()) - margin) <= 1  # left to right: its left edge (the column is centred)
        assert len(arabic) - len(arabic.lstrip()) > 30 and len(english) - len(english.rstrip()) > 30
        status = status_text(app)
        assert "ﻱﻭﺍﺮﻟﺍ ﻰﻤﻠﺳ" in status  # سلمى الراوي, shaped, in visual order
        marked = [run for line in (0, 1) for run in styled(block_row(app, 3, line), "underline")]
        assert marked == ["1"]  # the note reference is marked
        footnote = text_of(block_row(app, 7))
        assert footnote.rstrip().endswith("1")  # the note, gathered, starts with its mark

    run(check, book, tmp_path / "state")


def test_a_page_shows_its_site_and_a_subdued_dateline(tmp_path):
    page = load_document(str(PAGES / "div-soup.html"))

    async def check(app, pilot):
        status = status_text(app)
        # صحيفة الوادي and 2024-03-14, in visual order (the number groups of a date in a
        # right-to-left line are drawn right to left, as FriBidi draws them)
        assert "14-03-2024" in status and "ﻱﺩﺍﻮﻟﺍ ﺔﻔﻴﺤﺻ" in status
        lead = block_row(app, 1)
        dim = styled(lead, "dim")
        assert len(dim) == 1 and text_of(lead).rstrip().endswith(dim[0])  # where the lead starts

    run(check, page, tmp_path / "state", size=(160, 30))  # wide enough for title, site, byline and date
