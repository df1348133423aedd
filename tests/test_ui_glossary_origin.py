"""The glossary and quotes panels say where each name comes from and who spoke (issue 10)."""

import asyncio
from pathlib import Path

from reader.document.loading import load_document
from reader.ui.app import ReaderApp

ARTICLE = Path(__file__).parent / "news" / "wire-cairo.txt"


def listing(app, name):
    panel = app.reader_screen.panel(name)
    return ["".join(segment.text for segment in panel.render_line(y)).strip() for y in range(panel.virtual_size.height)]


def test_glossary_shows_origin_and_cue_and_quotes_show_unnamed_sources(tmp_path):
    document = load_document(str(ARTICLE))

    async def main():
        app = ReaderApp(document, state_dir=tmp_path / "state")
        async with app.run_test(size=(120, 60)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            glossary = listing(app, "glossary")
            await pilot.press("e", "quotation_mark")
            await pilot.pause()
            return glossary, listing(app, "quotes")

    glossary, quotes = asyncio.run(main())
    # Shoukry, found after his title: no English name is made up, and the panel says why he is there.
    assert "no English name · 2 mentions · found in the text" in glossary
    assert not any("after the title" in line for line in glossary)  # the title is its description, shown once
    assert "Cairo · 2 mentions · CLDR data" in glossary and "CLDR exemplar city of Africa/Cairo" in glossary
    assert "Reuters · 2 mentions · curated" in glossary
    # Right to left on screen: the English words come first from the left.
    assert sum(line.startswith("unnamed source — ") for line in quotes) == 1  # مصدر دبلوماسي مصري
    assert sum(line.lstrip("▸ ").startswith("no English name — ") for line in quotes) == 3  # Shoukry twice, Safadi
