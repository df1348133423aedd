"""Opening a book (issue 6): its start is structured before the first paint, the whole document
and the names found so far arrive from the background, the view stays where it was."""

import asyncio
import random

from reader.document.loading import MENTION_STEP, PREVIEW_CHARS, load_document, open_document
from reader.engine.layout import layout_paragraph
from reader.ui.app import ReaderApp

WORDS = "كان الرحالة يكتب في دفتره كل مساء عن المدن والأسواق والقوافل التي تعبر الصحراء نحو البحر".split()


def write_book(path, paragraphs: int) -> None:
    """A title, then paragraphs that each name Putin (a name in the bundled glossary)."""
    rng = random.Random(3)
    body = [
        f"الفقرة {n}: قال بوتين إن " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + "."
        for n in range(paragraphs)
    ]
    path.write_text("رحلة طويلة\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")


def text_of(strip) -> str:
    return "".join(segment.text for segment in strip)


def test_the_start_of_a_book_is_its_first_blocks_and_the_whole_follows(tmp_path):
    path = tmp_path / "book.txt"
    write_book(path, 5000)
    start, analyse = open_document(str(path), preview=True)
    whole = load_document(str(path))
    assert sum(len(block.text) for block in start.blocks) < 2 * PREVIEW_CHARS < len(path.read_text())
    assert start.blocks == whole.blocks[: len(start.blocks)] and start.title == whole.title
    handed: list = []
    views: list = []

    class Progress:
        def structure_ready(self, document):
            handed.append(document)

        def names_found(self, entities, mentions):
            views.append((mentions, list(mentions)))  # a view of the analysis's list, not a copy
            handed.append(len(mentions))

    assert analyse(Progress()) == whole
    assert all(list(view) == seen for view, seen in views)  # what was handed over never changed
    assert handed[0].blocks == whole.blocks and not handed[0].mentions  # the structure comes first
    counts = handed[1:]
    assert len(counts) == len(whole.blocks) // MENTION_STEP and counts == sorted(counts)
    assert 0 < counts[0] < counts[-1] < len(whole.mentions)


def test_the_app_opened_on_a_books_start_gets_the_whole_book_and_keeps_the_view(tmp_path):
    path = tmp_path / "book.txt"
    write_book(path, 5000)
    start, analyse = open_document(str(path), preview=True)
    whole = load_document(str(path))

    async def main():
        app = ReaderApp(start, state_dir=tmp_path / "state", analyse=analyse)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("j", "j", "j")
            top = text_of(app.reader_screen.article.render_line(0))
            for _ in range(600):
                if len(app.reader_screen.texts) == len(whole.blocks):
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            assert len(app.reader_screen.texts) == len(whole.blocks)
            assert text_of(app.reader_screen.article.render_line(0)) == top  # still reading the same line
            await pilot.press("G")
            article = app.reader_screen.article
            last = layout_paragraph(whole.blocks[-1].text, article.column_width).lines
            height = article.scrollable_content_region.height
            assert text_of(article.render_line(height - 1)).rstrip().endswith(last[-1].text)

    asyncio.run(main())
