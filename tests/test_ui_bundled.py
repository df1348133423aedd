"""The bundled article in the app at 80×24 and 120×40: the main states, as plain screen text
(SVG snapshots distort Arabic widths, so order is asserted on text)."""

import asyncio

import pytest

from harness.fribidi_oracle import AVAILABLE as FRIBIDI_ORACLE
from harness.fribidi_oracle import rendered_paragraph_problems
from reader.cli import bundled_article
from reader.document.loading import load_document
from reader.document.model import EntityType
from reader.engine.layout import layout_paragraph
from reader.ui.app import ReaderApp


@pytest.fixture(scope="module")
def article():
    return load_document(bundled_article())


def screen_rows(app: ReaderApp) -> list[str]:
    """The whole screen as text, row by row (what the terminal would be sent, without styles)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def run(document, size, keys, check, tmp_path):
    async def main():
        app = ReaderApp(document, state_dir=tmp_path / "state")
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            check(app, screen_rows(app))

    asyncio.run(main())


def text_groups(rows: list[str], left: int, right: int) -> list[list[str]]:
    """Runs of non-blank rows between blank rows (or the rule), cut to columns [left, right)."""
    groups, current = [], []
    for row in rows:
        cut = row[left:right].rstrip()
        if not cut.strip() or set(cut.strip()) == {"─"}:
            if current:
                groups.append(current)
            current = []
        else:
            current.append(cut)
    return groups


@pytest.mark.skipif(not FRIBIDI_ORACLE, reason="needs libfribidi")
def test_80x24_opening_screen(article, tmp_path):
    def check(app, rows):
        assert len(rows) == 24
        title = layout_paragraph(article.title, 77).lines[0].text
        assert rows[0].startswith(" 0%") and rows[0].rstrip().endswith(title)  # status line
        assert rows[1] == " " + " " * (77 - len(title)) + title + "  "  # right-aligned in the column
        assert rows[2][1:78] == "─" * 77
        for key in ("s Sections", '" Quotes', "e Glossary", "/ Search", "? Help", "q Quit"):
            assert key in rows[23]
        # Every paragraph whole on screen is, line by line, FriBidi's reordering of it.
        groups = text_groups(rows[3:23], 1, 78)[:-1]  # the last one may run off the bottom
        assert len(groups) >= 3
        for number, group in enumerate(groups, start=1):
            assert rendered_paragraph_problems(article.blocks[number].text, group, 77) == []

    run(article, (80, 24), [], check, tmp_path)


def test_120x40_with_every_panel_open(article, tmp_path):
    def check(app, rows):
        assert len(rows) == 40
        sidebar = app.reader_screen.panel("sections").region
        assert sidebar.right == 120 and sidebar.width == 30
        # border, cursor, mark, key number, space | text | scrollbar
        text_width = 30 - 5 - 1
        first_section = layout_paragraph(article.sections[0].title, text_width).lines[0].render()
        assert rows[1][sidebar.x : sidebar.right - 1] == "▏▸●1 " + first_section.rjust(text_width)
        second_section = layout_paragraph(article.sections[1].title, text_width).lines[0].render()
        assert "▏  2 " + second_section.rjust(text_width) in [row[sidebar.x : sidebar.right - 1] for row in rows]
        quotes, glossary = app.reader_screen.panel("quotes").region, app.reader_screen.panel("glossary").region
        assert quotes.y == glossary.y > 20 and quotes.x < glossary.x
        below = rows[quotes.y :]
        assert "Vladimir Putin — " in below[0][: glossary.x]  # the first quote's speaker
        assert "People" in "".join(row[glossary.x :] for row in below[:4])  # after the strip's legend
        assert "Vladimir Putin · " in "\n".join(row[glossary.x :] for row in below)
        # each entity's Arabic name whole, ending at the panel's text edge, left of its scrollbar
        for entity in [entity for entity in article.entities if entity.type is EntityType.PERSON][:2]:  # on screen
            name = layout_paragraph(entity.name_ar, 100).lines[0].text
            assert any(row[glossary.x : glossary.right - 1].rstrip().endswith(name) for row in below), entity.name_en
        # the article keeps its 80-cell measure in the 87 cells left to it; its first quote underlined
        assert app.reader_screen.article.scrollable_content_region.width == 120 - 30 - 3
        assert app.reader_screen.article.column_width == 80
        quote = article.quotes[0]
        row = app.reader_screen.article.rows.row_of(quote.paragraph, quote.start)
        underlined = "".join(
            segment.text for segment in app.reader_screen.article.render_line(row) if segment.style and segment.style.underline
        )
        shown = layout_paragraph(quote.text, 200).lines[0].text  # the quote's words, as drawn alone
        assert underlined.strip() == shown

    run(article, (120, 40), ["s", "quotation_mark", "e"], check, tmp_path)


def test_the_command_palette_offers_every_reader_key(article, tmp_path):
    def check(app, rows):
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        for wanted in ("Sections", "Quotes", "Glossary", "Search", "Next match", "Back", "Copy", "Help", "Quit"):
            assert wanted in commands
        assert commands["Line down"].endswith("(j ↓)") and commands["Section 3"].endswith("(3)")

    run(article, (80, 24), [], check, tmp_path)


def test_80x24_searching(article, tmp_path):
    def check(app, rows):
        # The search row sits above the footer: prompt and count on the left, the query
        # joined and right to left at the right edge (ﻦﻴﺗﻮﺑ: بوتين).
        assert rows[22].startswith("/ 1/") and rows[22].rstrip().endswith("\ufee6\ufef4\ufe97\ufeee\ufe91")
        count = rows[22].split()[1].rstrip("…")  # … while the search is still going
        assert count in rows[0]  # the status line repeats it
        hits = [segment.text for y in range(21) for segment in app.reader_screen.article.render_line(y)
                if segment.style and segment.style.reverse]
        assert "\ufee6\ufef4\ufe97\ufeee\ufe91" in hits  # a hit on screen, reversed

    run(article, (80, 24), ["slash", *"بوتين"], check, tmp_path)
