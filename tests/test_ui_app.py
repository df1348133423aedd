"""The reader app driven by key presses (Textual's Pilot): what each key changes on screen."""

import asyncio

import pytest
from textual.strip import Strip

from harness.documents import (
    AHMAD_ON_SCREEN,
    BODY_COUNT,
    EGYPT_ON_SCREEN,
    HEADING,
    HEADING_ON_SCREEN,
    LAST_ON_SCREEN,
    QUOTE_ON_SCREEN,
    TITLE_ON_SCREEN,
    sample_document,
)
from reader.ui.app import ReaderApp
from reader.ui.drawing import TextOptions
from reader.ui.help import HelpScreen
from reader.ui.screen import ReaderScreen
from reader.ui.status import StatusLine

SECOND_HEADING_BLOCK = 3 + BODY_COUNT


def text_of(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def styled(strip: Strip, attribute: str) -> list[str]:
    """The runs of text whose style has `attribute` (underline, bold, reverse…), left to right."""
    runs, current = [], ""
    for segment in strip:
        if segment.style is not None and getattr(segment.style, attribute):
            current += segment.text
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return [run.strip() for run in runs if run.strip()]


def article_row(app: ReaderApp, y: int) -> Strip:
    return app.reader_screen.article.render_line(y)


def block_row(app: ReaderApp, block: int, line: int = 0) -> Strip:
    """The strip of a block's line, wherever it is (scrolling the view if needed is not done)."""
    article = app.reader_screen.article
    return article.render_line(article.rows.row_of(block, 0) + line - round(article.scroll_y))


def status_text(app: ReaderApp) -> str:
    return text_of(app.query_one(StatusLine).render_line(0))


def run(test, size=(80, 24), document=None, state_dir=None, options=TextOptions()):
    """Run `test(app, pilot)` inside a Pilot session."""

    async def main(tmp_state):
        app = ReaderApp(document or sample_document(), state_dir=tmp_state, options=options)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)
        return app

    return asyncio.run(main(state_dir))


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / "state"


def test_title_is_right_aligned_in_visual_order_with_a_rule_under_it(state_dir):
    async def check(app, pilot):
        title = text_of(article_row(app, 0))
        assert title.rstrip().endswith(TITLE_ON_SCREEN)
        # 80 cells less two of padding and one of scrollbar: the title ends at the column's right edge
        assert len(title) == len(title.rstrip()) == app.reader_screen.article.column_width == 77
        assert set(text_of(article_row(app, 1)).strip()) == {"─"}
        assert text_of(article_row(app, 2)).rstrip().endswith("\ufedd\ufe8e\ufed7")  # ﻝﺎﻗ: قال, first word at the right

    run(check, state_dir=state_dir)


def test_j_k_and_arrows_scroll_one_line(state_dir):
    async def check(app, pilot):
        second_row = text_of(article_row(app, 1))
        await pilot.press("j")
        assert app.reader_screen.article.scroll_y == 1
        assert text_of(article_row(app, 0)) == second_row
        await pilot.press("down", "down")
        assert app.reader_screen.article.scroll_y == 3
        await pilot.press("k", "up")
        assert app.reader_screen.article.scroll_y == 1
        await pilot.press("up", "up")
        assert app.reader_screen.article.scroll_y == 0

    run(check, state_dir=state_dir)


def test_page_keys_move_a_screen_and_g_G_go_to_the_ends(state_dir):
    async def check(app, pilot):
        height = app.reader_screen.article.scrollable_content_region.height
        for key in ("space", "pagedown"):
            before = app.reader_screen.article.scroll_y
            await pilot.press(key)
            assert app.reader_screen.article.scroll_y == before + height
        for key in ("b", "pageup"):
            before = app.reader_screen.article.scroll_y
            await pilot.press(key)
            assert app.reader_screen.article.scroll_y == before - height
        await pilot.press("G")
        assert app.reader_screen.article.scroll_y == app.reader_screen.article.max_scroll_y > 0
        assert text_of(article_row(app, height - 1)).rstrip().endswith(LAST_ON_SCREEN)
        assert status_text(app).lstrip().startswith("100%")
        await pilot.press("g")
        assert app.reader_screen.article.scroll_y == 0
        await pilot.press("end")
        assert app.reader_screen.article.scroll_y == app.reader_screen.article.max_scroll_y
        await pilot.press("home")
        assert app.reader_screen.article.scroll_y == 0

    run(check, state_dir=state_dir)


def test_section_keys_jump_to_headings_and_the_status_line_follows(state_dir):
    async def check(app, pilot):
        await pilot.press("right_square_bracket")
        assert app.reader_screen.article.top_block == 2
        assert text_of(article_row(app, 0)).rstrip().endswith(HEADING_ON_SCREEN)
        assert HEADING_ON_SCREEN in status_text(app)
        await pilot.press("right_square_bracket")
        assert app.reader_screen.article.top_block == SECOND_HEADING_BLOCK
        await pilot.press("left_square_bracket")
        assert app.reader_screen.article.top_block == 2
        await pilot.press("left_square_bracket")
        assert app.reader_screen.article.scroll_y == 0
        await pilot.press("3")
        assert app.reader_screen.article.top_block == SECOND_HEADING_BLOCK
        await pilot.press("2")
        assert app.reader_screen.article.top_block == 2
        await pilot.press("1")
        assert app.reader_screen.article.scroll_y == 0
        await pilot.press("9")  # there is no section 9: nothing moves, the reader is told
        assert app.reader_screen.article.scroll_y == 0
        assert any("no section 9" in n.message for n in app._notifications)

    run(check, state_dir=state_dir)


def test_sections_sidebar_is_on_the_right_marks_the_current_section_and_jumps(state_dir):
    async def check(app, pilot):
        sidebar = app.reader_screen.panel("sections")
        assert not sidebar.display
        await pilot.press("s")
        assert sidebar.display
        assert sidebar.region.x > app.reader_screen.article.region.x
        assert sidebar.region.right == app.size.width
        rows = [text_of(sidebar.render_line(y)) for y in range(5)]
        assert rows[0].startswith("▸●1 ") and rows[0].rstrip().endswith(TITLE_ON_SCREEN)  # 1 goes there
        assert rows[2].rstrip().endswith(HEADING_ON_SCREEN) and rows[2].startswith("  2 ")
        await pilot.press("right_square_bracket")
        assert text_of(sidebar.render_line(2)).startswith("▸●")  # the list follows the reading
        assert text_of(sidebar.render_line(0)).startswith("  ")
        await pilot.press("tab")
        assert sidebar.has_focus
        await pilot.press("up")
        assert app.reader_screen.article.top_block == 2  # moving in the list does not move the article
        await pilot.press("down", "down", "enter")
        assert app.reader_screen.article.top_block == SECOND_HEADING_BLOCK
        await pilot.press("f2")
        assert not sidebar.display and app.reader_screen.article.has_focus

    run(check, state_dir=state_dir)


def test_quotes_are_underlined_listed_with_their_speaker_and_enter_jumps(state_dir):
    async def check(app, pilot):
        assert styled(block_row(app, 1), "underline") == []
        await pilot.press("quotation_mark")
        assert app.reader_screen.panel("quotes").display
        assert styled(block_row(app, 1), "underline") == [QUOTE_ON_SCREEN]
        listing = [text_of(app.reader_screen.panel("quotes").render_line(y)) for y in range(3)]
        assert "Ahmad" in listing[0] and AHMAD_ON_SCREEN in listing[0]
        assert QUOTE_ON_SCREEN in listing[1]
        await pilot.press("G", "tab", "enter")
        assert app.reader_screen.article.scroll_y <= app.reader_screen.article.rows.row_of(1, 0) < app.reader_screen.article.scroll_y + 10
        await pilot.press("f3")
        assert not app.reader_screen.panel("quotes").display
        assert styled(block_row(app, 1), "underline") == []

    run(check, state_dir=state_dir)


def test_glossary_highlights_mentions_by_type_and_n_walks_the_selected_entity(state_dir):
    async def check(app, pilot):
        assert styled(block_row(app, SECOND_HEADING_BLOCK), "bold") == [EGYPT_ON_SCREEN]  # a bold heading
        await pilot.press("e")
        glossary = app.reader_screen.panel("glossary")
        assert glossary.display
        # …in which the mention of Egypt stands out without colour: it is the one part not bold.
        assert styled(block_row(app, SECOND_HEADING_BLOCK), "bold") == []
        lead = block_row(app, 1)
        assert styled(lead, "bold") == [EGYPT_ON_SCREEN, AHMAD_ON_SCREEN]
        colours = {seg.text.strip(): seg.style.color for seg in lead if seg.text.strip() in (EGYPT_ON_SCREEN, AHMAD_ON_SCREEN)}
        assert colours[EGYPT_ON_SCREEN] != colours[AHMAD_ON_SCREEN]
        listing = "\n".join(text_of(glossary.render_line(y)) for y in range(glossary.size.height))
        assert "People" in listing and "Places" in listing and "Ahmad · 1 mention" in listing
        assert "the text starts on the right" in listing
        # 24 cells for 46 blocks, the start on the right: Ahmad in block 1; Egypt in blocks 1, 33, 34
        rows = [text_of(glossary.render_line(y)).rstrip() for y in range(glossary.virtual_size.height)]
        assert any(row.endswith(" " + "·" * 23 + "▮") for row in rows)
        assert any(row.endswith(" " + "·" * 6 + "▮" + "·" * 16 + "▮") for row in rows)
        # select Egypt (people come first: heading, Ahmad; then places: heading, Egypt)
        await pilot.press("tab")
        assert glossary.has_focus
        await pilot.press("down", "enter")
        assert glossary.target == "egypt"
        assert app.reader_screen.current_mention == 1
        await pilot.press("n")
        assert app.reader_screen.current_mention == 2 and app.reader_screen.article.top_block <= SECOND_HEADING_BLOCK
        assert styled(block_row(app, SECOND_HEADING_BLOCK), "italic") == [EGYPT_ON_SCREEN]
        await pilot.press("n", "n")
        assert app.reader_screen.current_mention == 1
        await pilot.press("N")
        assert app.reader_screen.current_mention == 3
        await pilot.press("f4")
        assert not glossary.display
        assert styled(block_row(app, 1), "bold") == []

    run(check, size=(80, 40), state_dir=state_dir)


def test_search_draws_the_query_shaped_highlights_hits_and_enter_keeps_them(state_dir):
    async def check(app, pilot):
        await pilot.press("slash")
        field = app.reader_screen.search_bar.field
        assert app.reader_screen.search_bar.display
        await pilot.press(*"احمد")  # no hamza typed: matches أحمد
        assert field.query_text == "احمد"
        line = text_of(field.render_line(0))
        assert line.startswith("/ 1/1 ")
        assert "\ufeaa\ufee4\ufea3\ufe8d" in line  # ﺪﻤﺣﺍ: the query joined, in visual order
        assert styled(block_row(app, 1), "reverse") == [AHMAD_ON_SCREEN]
        await pilot.press("enter")
        assert not app.reader_screen.search_bar.display and app.reader_screen.article.has_focus
        assert styled(block_row(app, 1), "reverse") == [AHMAD_ON_SCREEN]
        assert "1/1" in status_text(app)

    run(check, state_dir=state_dir)


def test_search_ignores_harakat_and_case_and_n_moves_between_hits(state_dir):
    async def check(app, pilot):
        await pilot.press("slash", *"مصر")
        assert app.reader_screen.search_bar.field.count == "1/3"
        await pilot.press("enter", "n")
        assert app.reader_screen.search_bar.hits.current == 1
        assert "2/3" in status_text(app)
        await pilot.press("n")
        assert app.reader_screen.search_bar.hits.current == 2
        assert app.reader_screen.article.scroll_y <= app.reader_screen.article.rows.row_of(SECOND_HEADING_BLOCK, 0)
        await pilot.press("n")
        assert app.reader_screen.search_bar.hits.current == 0  # wraps around
        await pilot.press("N")
        assert app.reader_screen.search_bar.hits.current == 2

    run(check, state_dir=state_dir)


def test_escape_cancels_the_search_and_clears_the_hits(state_dir):
    async def check(app, pilot):
        await pilot.press("slash", *"مصر", "backspace")
        assert app.reader_screen.search_bar.query_text == "مص"
        await pilot.press("escape")
        assert len(app.reader_screen.search_bar.hits) == 0 and app.reader_screen.search_bar.query_text == ""
        assert not app.reader_screen.search_bar.display
        assert styled(block_row(app, 1), "reverse") == []
        assert app.reader_screen.article.scroll_y == 0

    run(check, state_dir=state_dir)


def test_n_without_search_or_glossary_walks_quotes(state_dir):
    async def check(app, pilot):
        await pilot.press("G", "n")
        assert app.reader_screen.current_quote == 0
        assert app.reader_screen.article.scroll_y <= app.reader_screen.article.rows.row_of(1, 0)
        assert styled(block_row(app, 1), "reverse") == [QUOTE_ON_SCREEN]  # shown even with the list closed

    run(check, state_dir=state_dir)


def test_backspace_goes_back_before_the_last_jump(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j")
        await pilot.press("3")
        assert app.reader_screen.article.top_block == SECOND_HEADING_BLOCK
        await pilot.press("backspace")
        assert app.reader_screen.article.scroll_y == 2
        await pilot.press("backspace")  # nothing earlier: stays, and says so
        assert app.reader_screen.article.scroll_y == 2

    run(check, state_dir=state_dir)


def test_y_copies_the_paragraph_at_the_top_or_the_current_quote(state_dir):
    async def check(app, pilot):
        await pilot.press("2", "y")
        assert app.clipboard == HEADING
        assert list(app._notifications)[-1].message == f"Copied the paragraph at the top (3 characters):\n{HEADING_ON_SCREEN}"
        await pilot.press("g", "quotation_mark", "n", "y")
        assert app.clipboard == "نعم"
        assert "Copied the current quote" in list(app._notifications)[-1].message

    run(check, state_dir=state_dir)


def test_plus_and_minus_change_the_measure_and_keep_the_paragraph_at_the_top(state_dir):
    async def check(app, pilot):
        await pilot.press("2", "j", "j", "j", "j")
        top_block = app.reader_screen.article.top_block
        await pilot.press("minus", "minus")
        assert app.reader_screen.article.column_width == app.reader_screen.article.measure == 80 - 16
        assert app.reader_screen.article.top_block == top_block
        row = text_of(article_row(app, 0))
        assert len(row.rstrip()) <= (app.reader_screen.article.scrollable_content_region.width + 64) // 2 + 1
        await pilot.press("plus")
        assert app.reader_screen.article.measure == 72

    run(check, state_dir=state_dir)


def test_resize_reflows_and_keeps_the_paragraph_being_read(state_dir):
    async def check(app, pilot):
        await pilot.press("2", "j", "j", "j")
        top_block = app.reader_screen.article.top_block
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        assert app.reader_screen.article.column_width == 50 - 3
        await pilot.press("quotation_mark", "e")
        quotes, glossary = app.reader_screen.panel("quotes").region, app.reader_screen.panel("glossary").region
        assert glossary.y > quotes.y and glossary.x == quotes.x == 0  # one above the other
        assert app.reader_screen.article.top_block == top_block
        assert all(len(text_of(article_row(app, y)).rstrip()) <= 49 for y in range(20))

    run(check, state_dir=state_dir)


def test_r_hides_and_shows_related_links(state_dir):
    from harness.documents import sample_document as base
    from reader.document.model import Block, BlockKind

    document = base()
    blocks = list(document.blocks)
    blocks[3] = Block(3, BlockKind.RELATED, "اقرأ أيضا: شيء آخر")
    document = type(document)(**{**{f: getattr(document, f) for f in document.__dataclass_fields__}, "blocks": tuple(blocks)})

    async def check(app, pilot):
        total = app.reader_screen.article.rows.total
        assert app.reader_screen.article.rows.is_visible(3)
        await pilot.press("r")
        assert not app.reader_screen.article.rows.is_visible(3)
        assert app.reader_screen.article.rows.total < total
        await pilot.press("r")
        assert app.reader_screen.article.rows.total == total

    run(check, document=document, state_dir=state_dir)


def test_question_mark_lists_every_key_and_closes(state_dir):
    async def check(app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(static.render()) for static in app.screen.query("Static"))
        for keys in ("j ↓", "k ↑", "space", "pgdn", "pgup", "home", "end", "]", "[", "1–9", "f2", "f3", "f4",
                     "/", "n", "N", "backspace", "y", "tab", "shift+tab", "?", "q"):
            assert keys in text, keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    run(check, state_dir=state_dir)


def test_q_quits(state_dir):
    async def check(app, pilot):
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running

    run(check, state_dir=state_dir)


def test_the_reading_position_is_remembered_and_a_corrupt_state_file_set_aside(state_dir):
    async def read_some(app, pilot):
        await pilot.press("2", "j", "j")

    app = run(read_some, state_dir=state_dir)
    app.remember_position()
    remembered = app.reader_screen._last_anchor
    assert remembered == (3, 0)  # heading, blank row, then the first line of the paragraph below

    async def resumed(app, pilot):
        await pilot.pause()
        assert app.reader_screen.article.top_anchor == remembered

    run(resumed, state_dir=state_dir)

    saved = app.reader_screen.positions.path(app.reader_screen.document_key)
    saved.write_text("{not json", encoding="utf-8")

    async def reset(app, pilot):
        assert app.reader_screen.article.scroll_y == 0
        assert any("reset" in n.message for n in app._notifications)

    run(reset, state_dir=state_dir)
    assert list(state_dir.glob(saved.name + ".bad-*"))


def test_the_reading_position_is_written_while_reading_not_only_at_exit(state_dir, monkeypatch):
    monkeypatch.setattr(ReaderScreen, "POSITION_SAVE_SECONDS", 0.05)

    async def read_on(app, pilot):
        await pilot.press("2", "j", "j")
        await pilot.pause(0.3)
        assert app.reader_screen._last_anchor == (3, 0)
        saved = app.reader_screen.positions.path(app.reader_screen.document_key).read_text(encoding="utf-8")
        assert '"block": 3' in saved  # the app is still running

    run(read_on, state_dir=state_dir)


def test_an_arabic_keyboard_layout_gives_the_same_actions_from_the_same_keys(state_dir):
    async def check(app, pilot):
        await pilot.press("ت")  # the j key
        assert app.reader_screen.article.scroll_y == 1
        await pilot.press("س")  # the s key
        assert app.reader_screen.panel("sections").display
        await pilot.press("ض")  # the q key
        await pilot.pause()
        assert not app.is_running

    run(check, state_dir=state_dir)


def test_while_searching_every_letter_is_typed_even_bound_ones_and_from_a_focused_panel(state_dir):
    async def check(app, pilot):
        await pilot.press("s", "tab")
        assert app.reader_screen.panel("sections").has_focus
        await pilot.press("slash", "q", "j", "s", "ت", "backspace")
        assert app.reader_screen.search_bar.query_text == "qjs"
        assert app.is_running and app.reader_screen.panel("sections").display and app.reader_screen.article.scroll_y == 0
        await pilot.press("escape", "j")
        assert app.reader_screen.article.scroll_y == 1

    run(check, state_dir=state_dir)


def test_shift_tab_goes_back_through_the_open_panels_and_ctrl_q_quits(state_dir):
    async def check(app, pilot):
        await pilot.press("s", "e")
        await pilot.press("tab")
        assert app.reader_screen.panel("sections").has_focus
        await pilot.press("tab")
        assert app.reader_screen.panel("glossary").has_focus
        await pilot.press("shift+tab")
        assert app.reader_screen.panel("sections").has_focus
        await pilot.press("shift+tab")
        assert app.reader_screen.article.has_focus
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running

    run(check, size=(100, 30), state_dir=state_dir)


def test_a_narrow_terminal_shows_the_panels_as_overlays_one_at_a_time(state_dir):
    async def check(app, pilot):
        article_height = app.reader_screen.article.region.height
        await pilot.press("s")
        sidebar, article = app.reader_screen.panel("sections").region, app.reader_screen.article.region
        assert sidebar.y > article.y and sidebar.x == article.x == 0
        assert sidebar.bottom <= article.bottom  # over the article's lower part…
        assert article.height == article_height  # …which keeps its size: an overlay
        assert app.reader_screen.article.column_width == 50 - 3
        await pilot.press("quotation_mark")
        assert not app.reader_screen.panel("sections").display  # the quotes overlay replaces it
        quotes = app.reader_screen.panel("quotes").region
        assert quotes.y > article.y and quotes.x == 0 and quotes.bottom <= article.bottom
        await pilot.press("e")
        assert not app.reader_screen.panel("quotes").display  # and the glossary replaces the quotes
        glossary = app.reader_screen.panel("glossary").region
        assert glossary.y > article.y and glossary.x == 0 and glossary.bottom <= article.bottom
        assert app.reader_screen.article.region.height == article_height
        await pilot.press("s")
        assert not app.reader_screen.panel("quotes").display and not app.reader_screen.panel("glossary").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        sidebar, article = app.reader_screen.panel("sections").region, app.reader_screen.article.region
        assert sidebar.x > article.x and sidebar.right == 100

    run(check, size=(50, 20), state_dir=state_dir)


def test_when_the_terminal_does_the_bidi_the_app_sends_logical_text_in_one_column(state_dir):
    async def check(app, pilot):
        assert text_of(article_row(app, 0)).rstrip().endswith("سلام")  # logical, unshaped
        await pilot.press("s")
        assert app.reader_screen.panel("sections").region.x == 0  # the whole width: no other text on its rows
        await pilot.press("quotation_mark")
        assert not app.reader_screen.panel("sections").display
        assert app.reader_screen.panel("quotes").region.x == 0
        await pilot.press("e")
        assert not app.reader_screen.panel("quotes").display  # one panel at a time: none shares a row
        assert app.reader_screen.panel("glossary").region.x == 0

    run(check, size=(120, 40), state_dir=state_dir, options=TextOptions(shape=False, reorder=False))


def test_empty_panels_say_so(state_dir):
    document = sample_document()
    document = type(document)(**{**{f: getattr(document, f) for f in document.__dataclass_fields__},
                                 "quotes": (), "entities": (), "mentions": ()})

    async def check(app, pilot):
        await pilot.press("quotation_mark", "e")
        assert "No quotes in this document." in text_of(app.reader_screen.panel("quotes").render_line(0))
        assert "No known names in this document." in text_of(app.reader_screen.panel("glossary").render_line(0))
        await pilot.press("tab", "enter", "n")  # nothing to jump to: nothing happens, no error
        assert app.reader_screen.article.scroll_y == 0

    run(check, state_dir=state_dir, document=document)


def test_quotes_and_names_found_after_the_first_paint_fill_the_panels(state_dir):
    import threading

    full = sample_document()
    bare = type(full)(**{**{f: getattr(full, f) for f in full.__dataclass_fields__},
                         "quotes": (), "entities": (), "mentions": ()})
    release = threading.Event()

    def analyse(names_found, pause=None):
        release.wait(10)
        return full

    async def main():
        app = ReaderApp(bare, state_dir=state_dir, analyse=analyse)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("quotation_mark")
            assert "Finding quotes and names…" in text_of(app.reader_screen.panel("quotes").render_line(0))
            # The status line tells of the analysis once it has lasted a moment (PROGRESS_AFTER_SECONDS).
            for _ in range(100):
                if "finding quotes…" in status_text(app):
                    break
                await pilot.pause(0.05)
            assert "finding quotes…" in status_text(app)
            release.set()
            for _ in range(50):
                await pilot.pause(0.05)
                if app.reader_screen.document is full:
                    break
            await pilot.pause()
            assert "Ahmad" in text_of(app.reader_screen.panel("quotes").render_line(0))
            assert styled(block_row(app, 1), "underline") == [QUOTE_ON_SCREEN]

    asyncio.run(main())


def test_a_click_in_a_panel_jumps_like_enter(state_dir):
    async def check(app, pilot):
        await pilot.press("s")
        sidebar = app.reader_screen.panel("sections")
        heading_row = next(y for y in range(10) if text_of(sidebar.render_line(y)).rstrip().endswith(HEADING_ON_SCREEN))
        await pilot.click("#sections", offset=(5, heading_row))
        await pilot.pause()
        assert app.reader_screen.article.top_block == 2

    run(check, state_dir=state_dir)


def test_harakat_are_drawn_after_their_letter_or_dropped_on_request(state_dir):
    from reader.document.model import Block, BlockKind, Document, Section

    texts = ["سلام", "وأكّد"]
    document = Document(texts[0], "-", tuple(Block(n, kind, text) for n, (kind, text) in
                                               enumerate(zip((BlockKind.TITLE, BlockKind.BODY), texts))),
                        (Section(texts[0], None, 0, 2),), (), (), ())
    # و and أ join nothing on their left, so kaf is initial (ﻛ); the shadda right after it (L3)
    kept = "\ufeaa\ufedb\u0651\ufe83\ufeed"
    dropped = "\ufeaa\ufedb\ufe83\ufeed"

    async def check_kept(app, pilot):
        assert text_of(article_row(app, 2)).rstrip().endswith(kept)

    async def check_dropped(app, pilot):
        assert text_of(article_row(app, 2)).rstrip().endswith(dropped)

    run(check_kept, document=document, state_dir=state_dir)
    run(check_dropped, document=document, state_dir=state_dir, options=TextOptions(harakat="none"))


def test_every_key_of_the_contract_is_bound_once():
    from reader.ui.bindings import READER_BINDINGS

    contract = ["j", "down", "k", "up", "space", "pagedown", "b", "pageup", "g", "home", "G", "end",
                "right_square_bracket", "left_square_bracket", *"123456789", "s", "f2", "quotation_mark", "f3",
                "e", "f4", "n", "N", "slash", "backspace", "y", "tab", "shift+tab", "question_mark", "q"]
    bound = [key.strip() for binding in READER_BINDINGS for key in binding.key.split(",")]
    assert sorted(set(contract) - set(bound)) == []
    assert len(bound) == len(set(bound))
