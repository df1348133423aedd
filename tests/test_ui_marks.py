"""Highlights, notes and bookmarks in the app, driven by key presses (Textual's Pilot): which cells
carry the selection and highlight styles, what the marks panel lists, what is kept."""

import asyncio
import subprocess

import pytest
from textual import events
from textual.strip import Strip

from reader.document.marks import MarkKind, MarkSet, highlight
from reader.document.model import Block, BlockKind, Document, Section
from reader.saved_marks import load_marks, save_marks
from reader.state import DocumentKey, StateStore
from reader.ui.app import ReaderApp
from reader.ui.note_box import NoteBox
from reader.ui.selecting import SelectionBar

# My own sentences; no lam-alef nor hamza, so that FriBidi's shaping (the oracle below) and ours agree.
TITLE = "دفتر الرحلة"
FIRST = "زار الوفد المدينة صباحا."
SECOND = "ثم عقد اجتماعا مع سكان الحي في الساحة."
THIRD = "وقال رئيس الوفد: «سنعود قريبا»."
OPENING = f"{FIRST} {SECOND} {THIRD}"
HEADING = "العودة"
FILLER = [f"فقرة رقم {n} فيها كلمات كثيرة عن الطريق والسفر والمطر." for n in range(40)]
LAST = "وصل الجميع مساء."
TEXTS = [TITLE, OPENING, HEADING, *FILLER, LAST]


def document() -> Document:
    kinds = [BlockKind.TITLE, BlockKind.BODY, BlockKind.HEADING] + [BlockKind.BODY] * (len(TEXTS) - 3)
    blocks = tuple(Block(n, kind, text) for n, (kind, text) in enumerate(zip(kinds, TEXTS)))
    return Document(TITLE, "trip.txt", blocks, (Section(TITLE, None, 0, 2), Section(HEADING, 2, 2, len(TEXTS))),
                    (), (), ())


def on_screen(text: str) -> str:
    """GNU FriBidi's shaped, visual-order form of one line of right-to-left text."""
    result = subprocess.run(["fribidi", "--nopad", "--nobreak", "--rtl"], input=text, capture_output=True,
                            text=True, check=True)
    return result.stdout.strip("\n")


def runs(strip: Strip, *attributes: str) -> list[str]:
    """The runs of cells whose style has all of `attributes`, left to right."""
    found, current = [], ""
    for segment in strip:
        style = segment.style
        if style is not None and all(getattr(style, name) for name in attributes):
            current += segment.text
        elif current:
            found.append(current)
            current = ""
    if current:
        found.append(current)
    return found


def selected(app: ReaderApp) -> list[str]:
    """The selection's cells on screen, row by row from the top."""
    article = app.reader_screen.article
    return [run for y in range(article.scrollable_content_region.height)
            for run in runs(article.render_line(y), "reverse", "underline")]


def highlighted(app: ReaderApp) -> list[str]:
    article = app.reader_screen.article
    return [run for y in range(article.scrollable_content_region.height)
            for run in runs(article.render_line(y), "italic")]


def as_one_line(rows: list[str]) -> str:
    """Right-to-left rows, top to bottom, as the one line they would make (spaces left out:
    the line breaks took some)."""
    return "".join(reversed(rows)).replace(" ", "")


def highlight_background(app: ReaderApp):
    """The background colour of the highlighted cells (every one the same)."""
    article = app.reader_screen.article
    colours = {segment.style.bgcolor for y in range(article.scrollable_content_region.height)
               for segment in article.render_line(y) if segment.style is not None and segment.style.italic}
    assert len(colours) == 1, colours
    return colours.pop()


def panel_text(app: ReaderApp) -> list[str]:
    panel = app.reader_screen.panel("marks")
    return ["".join(segment.text for segment in panel.render_line(y)).strip()
            for y in range(panel.scrollable_content_region.height)]


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / "state"


def run(test, state_dir, size=(100, 30)):
    async def main():
        app = ReaderApp(document(), state_dir=state_dir)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)
        return app

    return asyncio.run(main())


def saved(state_dir):
    return load_marks(StateStore(state_dir), DocumentKey.of("trip.txt", TEXTS))


def test_v_selects_the_sentence_at_the_top_and_w_W_and_parentheses_move_its_end(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j")  # the opening paragraph at the top
        await pilot.press("v")
        assert app.focused is app.query_one(SelectionBar)
        assert selected(app) == [on_screen(FIRST)]
        await pilot.press("w")
        assert selected(app) == [on_screen(FIRST + " ثم")]
        await pilot.press("w", "W")
        assert selected(app) == [on_screen(FIRST + " ثم")]
        await pilot.press("right_parenthesis")
        assert selected(app) == [on_screen(FIRST + " " + SECOND)]
        await pilot.press("left_parenthesis")
        assert selected(app) == [on_screen(FIRST)]
        await pilot.press("escape")
        assert selected(app) == [] and app.focused is app.reader_screen.article

    run(check, state_dir)


def test_left_extends_a_right_to_left_selection_and_right_shrinks_it(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "left")
        assert selected(app) == [on_screen(FIRST + " ")]
        await pilot.press("left")
        # ث drawn as it is joined in its word ثم (its initial form), left of the rest.
        assert selected(app) == [on_screen("ثم")[-1] + " " + on_screen(FIRST)]
        await pilot.press("right", "right", "right")
        assert selected(app) == [on_screen(FIRST[:-1])]

    run(check, state_dir)


def test_h_highlights_exactly_the_selection_and_it_is_saved(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "right_parenthesis", "h")
        assert selected(app) == []
        assert highlighted(app) == [on_screen(FIRST + " " + SECOND)]
        assert app.focused is app.reader_screen.article

    run(check, state_dir)
    marks = saved(state_dir).marks
    assert [(mark.kind, mark.text, mark.note) for mark in marks] == [(MarkKind.HIGHLIGHT, FIRST + " " + SECOND, "")]


def test_a_opens_the_note_box_and_the_note_is_kept_with_the_highlight(state_dir):
    note = "اجتماع مهم جدا"

    async def check(app, pilot):
        await pilot.press("j", "j", "v", "a")
        box = app.query_one(NoteBox)
        assert app.focused is box
        for character in "اجتماع مهم":
            await pilot.press(character)
        # The box shows the note shaped and in order at the right, the cursor at its logical
        # end: the cell left of it.
        cells = [(character, bool(segment.style and segment.style.reverse))
                 for segment in box.render_line(0) for character in segment.text]
        shown = "".join(character for character, _ in cells).rstrip()
        assert shown.startswith("Note (Enter keeps, Esc drops):") and shown.endswith(" " + on_screen("اجتماع مهم"))
        assert [n for n, (_, cursor) in enumerate(cells) if cursor] == [len(shown) - len(on_screen("اجتماع مهم")) - 1]
        await pilot.press("s", "j", "q")  # letters are typed, not keys of the app
        assert box.text == "اجتماع مهمsjq"
        for _ in range(3):
            await pilot.press("backspace")
        await pilot.press("space")
        box.post_message(events.Paste("جدا\n"))  # bracketed paste: one line, as typed
        await pilot.pause()
        assert box.text == note + " "
        await pilot.press("enter")
        assert app.focused is app.reader_screen.article
        assert highlighted(app) == [on_screen(FIRST)]

    run(check, state_dir)
    assert [(mark.text, mark.note) for mark in saved(state_dir).marks] == [(FIRST, note)]


def test_escape_in_the_note_box_adds_nothing(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "a", "x", "escape")
        assert highlighted(app) == [] and selected(app) == []
        assert app.focused is app.reader_screen.article

    run(check, state_dir)
    assert not saved(state_dir).marks


def test_the_note_box_cursor_moves_by_character_and_word_and_deletes_both_ways(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "a")
        box = app.query_one(NoteBox)
        for character in "كلمة ثانية":
            await pilot.press(character)
        await pilot.press("right")  # right-to-left text: → goes back
        assert box.cursor == len("كلمة ثانية") - 1
        await pilot.press("ctrl+right")
        assert box.cursor == len("كلمة ")
        await pilot.press("backspace")
        assert box.text == "كلمةثانية" and box.cursor == 4
        await pilot.press("delete")
        assert box.text == "كلمةانية"
        await pilot.press("ctrl+left")
        assert box.cursor == len(box.text)
        await pilot.press("home", "left")
        assert box.cursor == 1

    run(check, state_dir)


def test_y_in_a_selection_copies_its_logical_text(state_dir):
    copied = []

    async def check(app, pilot):
        app.copy_to_clipboard = copied.append
        await pilot.press("j", "j", "v", "w", "y")
        assert selected(app) == []

    run(check, state_dir)
    assert copied == [FIRST + " ثم"]


def test_other_keys_do_nothing_while_selecting(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "s", "slash", "M")
        assert not app.reader_screen.panel("sections").display and not app.reader_screen.searching and not app.reader_screen.panel("marks").display
        assert selected(app) == [on_screen(FIRST)]

    run(check, state_dir)


def test_m_bookmarks_the_top_and_the_marks_panel_lists_marks_in_document_order(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "h")
        await pilot.press("G", "m", "g")
        await pilot.press("M")
        lines = [line for line in panel_text(app) if line]
        assert lines[0].startswith("▸") and "Highlight, yellow · paragraph 2" in lines[0]
        bookmark_line = next(n for n, line in enumerate(lines) if "Bookmark · paragraph" in line)
        assert bookmark_line > 1  # after the highlight and its text: document order
        assert app.focused is app.reader_screen.article

    run(check, state_dir)
    assert [mark.kind for mark in saved(state_dir).marks] == [MarkKind.HIGHLIGHT, MarkKind.BOOKMARK]


def test_apostrophe_opens_the_panel_at_the_bookmarks_and_enter_jumps_there(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "h")
        await pilot.press("G")
        bottom = app.reader_screen.article.top_anchor
        await pilot.press("m", "g", "apostrophe")
        panel = app.reader_screen.panel("marks")
        assert app.focused is panel and panel.cursor == 1
        await pilot.press("enter")
        assert app.reader_screen.article.top_anchor == bottom
        await pilot.press("up", "enter")  # the highlight, in view
        article = app.reader_screen.article
        assert article.scroll_y <= article.rows.row_of(1, 0) < article.scroll_y + article.scrollable_content_region.height
        assert highlighted(app) == [on_screen(FIRST)]

    run(check, state_dir)


def test_d_deletes_u_brings_back_c_recolours_R_edits_in_the_panel(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "h", "M")
        panel = app.reader_screen.panel("marks")
        panel.focus()
        yellow = highlight_background(app)
        await pilot.press("c")
        assert any("Highlight, green" in line for line in panel_text(app))
        assert highlight_background(app) != yellow
        await pilot.press("d")
        assert highlighted(app) == []
        assert any("No marks yet" in line for line in panel_text(app))
        await pilot.press("u")
        assert highlighted(app) == [on_screen(FIRST)]
        await pilot.press("R")
        assert app.focused is app.query_one(NoteBox)
        for character in "مهم":
            await pilot.press(character)
        await pilot.press("enter")
        assert app.focused is panel
        assert any(line.endswith("✎ " + "مهم") or on_screen("✎ مهم") in line for line in panel_text(app))

    run(check, state_dir)
    marks = saved(state_dir).marks
    assert [(mark.colour, mark.note) for mark in marks] == [(1, "مهم")]


def test_every_new_key_is_in_the_help_the_palette_and_the_selection_s_keys_in_the_footer(state_dir):
    async def check(app, pilot):
        # At 80 columns the footer has no room for more than today's keys: v and M are in the help
        # and the palette; in a selection, its own keys fill the footer.
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Select", "Bookmark", "Marks", "Bookmarks"} <= commands
        await pilot.press("j", "j", "v")
        footer = {binding.description for _, binding, enabled, _ in app.screen.active_bindings.values()
                  if binding.show and enabled}
        assert {"Word+", "Sentence+", "Highlight", "Note", "Copy", "Cancel"} <= footer
        assert "Sections" not in footer  # the selection owns the keys
        await pilot.press("escape", "question_mark")
        text = "\n".join(str(static.render()) for static in app.screen.query("Static"))
        for keys in ("v f6", "m f7", "M f5", "'", "w", "W", ")", "(", "← →", "h", "a", "d", "u", "c", "R"):
            assert f"\n{keys}\n" in f"\n{text}\n", keys

    run(check, state_dir)


def test_an_arabic_keyboard_layout_gives_the_selection_keys_and_the_note_is_typed_as_it_is(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "f6")  # v has no Arabic equivalent all layouts agree on: F6
        await pilot.press("ص")  # the w key
        assert selected(app) == [on_screen(FIRST + " ثم")]
        await pilot.press("ش")  # the a key: a note
        await pilot.press("ص", "ا")  # typed, not translated
        assert app.query_one(NoteBox).text == "صا"
        await pilot.press("enter")
        assert highlighted(app) == [on_screen(FIRST + " ثم")]
        await pilot.press("f7", "f5")  # bookmark, marks panel
        assert any("Bookmark · paragraph" in line for line in panel_text(app))

    run(check, state_dir)
    # Both start at the paragraph's start: the bookmark comes first.
    assert [(mark.kind, mark.note) for mark in saved(state_dir).marks] == [(MarkKind.BOOKMARK, ""), (MarkKind.HIGHLIGHT, "صا")]


def test_v_starts_at_the_current_search_hit(state_dir):
    async def check(app, pilot):
        await pilot.press("slash", *"الساحة", "enter")
        await pilot.press("v")
        assert selected(app) == [on_screen("الساحة")]
        await pilot.press("w")  # to the end of the word the hit is in, then of the next one
        assert selected(app) == [on_screen("الساحة.")]
        await pilot.press("w")
        assert selected(app) == [on_screen("الساحة. وقال")]

    run(check, state_dir)


def test_a_highlight_covers_its_text_at_another_width_and_without_harakat(state_dir):
    async def check(app, pilot):
        await pilot.press("j", "j", "v", "right_parenthesis", "right_parenthesis", "h")
        assert as_one_line(highlighted(app)) == as_one_line([on_screen(OPENING)])
        await pilot.resize_terminal(45, 30)
        await pilot.pause()
        rows = highlighted(app)
        assert len(rows) > 2  # wrapped on more lines now, each highlighted whole
        assert as_one_line(rows) == as_one_line([on_screen(OPENING)])

    run(check, state_dir)


def test_marks_saved_for_an_earlier_version_move_with_their_text_or_are_listed_as_not_found(state_dir):
    path = state_dir.parent / "trip.txt"  # a file is keyed by its path (other sources by their content)
    path.write_text("\n\n".join(TEXTS), encoding="utf-8")
    second = len(FIRST) + 1
    marks = MarkSet((highlight(TEXTS, 1, 0, len(FIRST)), highlight(TEXTS, 1, second, second + len(SECOND))))
    save_marks(StateStore(state_dir), DocumentKey.of(str(path), TEXTS), marks)
    # The file changes: a paragraph comes before, and the second sentence is rewritten.
    edited = [TITLE, "تمهيد جديد للرحلة.", f"{FIRST} ثم عاد الجميع. {THIRD}", HEADING, *FILLER, LAST]

    async def check(app, pilot):
        await pilot.press("j", "j", "j", "j")
        assert highlighted(app) == [on_screen(FIRST)]
        await pilot.press("M")
        lines = panel_text(app)
        assert any("paragraph 3" in line for line in lines)  # was 2: one paragraph came before
        assert any("Highlight, yellow · not found" in line for line in lines)

    blocks = tuple(Block(n, BlockKind.BODY if n else BlockKind.TITLE, text) for n, text in enumerate(edited))
    document = Document(TITLE, str(path), blocks, (Section(TITLE, None, 0, len(edited)),), (), (), ())

    async def main():
        app = ReaderApp(document, state_dir=state_dir)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await check(app, pilot)

    asyncio.run(main())
    # The lost mark is kept (it comes back if its text does); the moved one too.
    kept = load_marks(StateStore(state_dir), DocumentKey.of(str(path), edited)).marks
    assert sorted(mark.text for mark in kept) == sorted([FIRST, SECOND])


def test_below_70_columns_the_marks_panel_is_an_overlay_in_place_of_the_others(state_dir):
    async def check(app, pilot):
        await pilot.press("s")
        assert app.reader_screen.panel("sections").display
        await pilot.press("M")
        assert app.reader_screen.panel("marks").display and not app.reader_screen.panel("sections").display
        assert app.reader_screen.panel("marks").region.width == app.size.width

    run(check, state_dir, size=(60, 24))
