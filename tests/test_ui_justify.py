"""Justified body paragraphs in the app: what `--justify` (TextOptions.justify) draws."""

import asyncio

from textual.strip import Strip

from harness.documents import HEADING_ON_SCREEN, TITLE_ON_SCREEN, sample_document
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


def test_f_cycles_none_spaces_kashida_and_leaves_the_text_alone(tmp_path):
    seen = []

    async def main():
        app = ReaderApp(DOCUMENT, state_dir=tmp_path / "state", options=TextOptions())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            article = app.query_one("ArticleView")
            body_row = next(y for y in range(article.size.height)
                            if isinstance(article.rows.row(y), TextRow)
                            and article.rows.row(y).block == 3 and article.rows.row(y).line.start == 0)
            for _ in range(4):
                seen.append((article.justify, text_of(article.render_line(body_row)),
                             [str(n.message) for n in app._notifications]))
                await pilot.press("f")
                await pilot.pause()
            footer = [(key.key_display, key.description) for key in app.query("FooterKey")]
            commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
            await pilot.press("question_mark")
            await pilot.pause()
            help_text = "\n".join(str(static.render()) for static in app.screen.query("Static"))
            seen.append((footer, commands, help_text))

    asyncio.run(main())
    (none, plain, _), (spaces, spaced, told_spaces), (kashida, stretched, told_kashida), (again, back, _) = seen[:4]
    assert (none, spaces, kashida, again) == ("none", "spaces", "kashida", "none")
    assert back == plain and TATWEEL not in spaced and TATWEEL in stretched
    assert " " * 2 in spaced.strip() and spaced.strip() != plain.strip()
    assert "Justified: spaces" in told_spaces and "Justified: kashida" in told_kashida
    footer, commands, help_text = seen[4]
    assert ("f", "Justify") in footer
    assert "Justify" in commands and commands["Justify"].endswith("(f)")
    assert "Justify body paragraphs" in help_text
