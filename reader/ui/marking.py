"""The reader's marks in the app: the selection mode, highlights, notes, bookmarks, the marks panel.

Kept apart from the rest of the screen (ReaderScreen's base class) so it moves as one piece; the
few things of ReaderScreen it uses are declared at the top of the class. The marks themselves live in
reader.saved_marks.DocumentMarks (no Textual), which saves every change at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.screen import Screen
from textual.widget import Widget

from reader.document.marks import MarkKind, Placement, bookmark, highlight
from reader.document.model import Document
from reader.document.selection import Selection
from reader.engine.sanitize import clipboard_text
from reader.saved_marks import DocumentMarks
from reader.ui.article import ArticleView
from reader.ui.drawing import TextOptions

if TYPE_CHECKING:  # imported when first shown: the marks panel (ReaderScreen.PANELS) and the bars
    from reader.ui.marks_panel import MarksPanel
    from reader.ui.note_box import NoteBox
    from reader.ui.selecting import SelectionBar

# While a selection is on, the app's keys that still act: reading on, help, quitting.
ACTIONS_WHILE_SELECTING = frozenset({
    "line_down", "line_up", "page_down", "page_up", "help", "quit_reader", "quit", "command_palette",
})


class Marking(Screen[None]):
    """ReaderScreen's part for marks."""

    marks: DocumentMarks
    selection: Selection | None = None
    # ReaderScreen's, used here:
    document: Document
    texts: list[str]
    show_marks: bool
    options: TextOptions
    _refresh_highlights: Callable[[], None]
    _current_span: Callable[[], tuple[int, int, int] | None]
    mount_row: Callable[[Widget], Awaitable[None]]
    _rows: dict[str, Widget]  # the rows of the bars mounted so far, by id (see _show_row)
    _panels: Mapping[str, Widget]  # the panels mounted so far, by id (ReaderScreen.PANELS)

    # -- state -------------------------------------------------------------------------------

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def selection_bar(self) -> SelectionBar:
        """The selection's bar, once a selection was started (see _show_row)."""
        from reader.ui.selecting import SelectionBar

        return self.query_one(SelectionBar)

    @property
    def note_box(self) -> NoteBox:
        """The note box, once a note was edited (see _show_row)."""
        from reader.ui.note_box import NoteBox

        return self.query_one(NoteBox)

    async def _show_row(self, row_id: str) -> None:
        """Show the row of the selection's bar ("selection-row") or of the note box
        ("note-bar"), mounted the first time it is needed: neither is drawn before."""
        if row_id not in self._rows:
            bar: Widget
            if row_id == "selection-row":
                from reader.ui.selecting import SelectionBar

                bar = SelectionBar(self.options)
            else:
                from reader.ui.note_box import NoteBox

                bar = NoteBox(self.options)
            self._rows[row_id] = Vertical(bar, id=row_id)
            await self.mount_row(self._rows[row_id])
        self._rows[row_id].display = True

    @property
    def marks_panel(self) -> MarksPanel | None:
        """The marks panel, once it has been shown (it is mounted then)."""
        return self._panels.get("marks")  # type: ignore[return-value]

    @property
    def noting(self) -> bool:
        # Asked for every key of the footer and the palette: no query of the whole screen.
        row = self._rows.get("note-bar")
        return row is not None and bool(row.display)

    def marking_allows(self, action: str) -> bool:
        """Whether an app key acts now: none but quitting while a note is typed, few while selecting."""
        if self.noting:
            return action in ("quit", "command_palette")
        if self.selection is not None:
            return action in ACTIONS_WHILE_SELECTING
        return True

    def _marks_changed(self, notice: str | None = None) -> None:
        if self.marks.error is not None:
            self.notify(f"Marks could not be saved: {self.marks.error}", severity="error", markup=False)
        elif notice:
            self.notify(notice, timeout=3, markup=False)
        panel = self.marks_panel
        if panel is not None and self.show_marks:
            from reader.ui.marks_panel import mark_entries

            cursor = panel.cursor
            panel.set_entries(mark_entries(self.document, self.marks.placed))
            if cursor is not None and panel.entries:
                panel.move_cursor(min(cursor, len(panel.entries) - 1))
        self._refresh_highlights()

    # -- the selection -----------------------------------------------------------------------

    async def action_start_selection(self) -> None:
        """From the current search hit, mention or quote if one is on screen, else the sentence
        at the top of the view."""
        article = self.article
        current = self._current_span()
        height = article.scrollable_content_region.height
        if current is not None and article.scroll_y <= article.rows.row_of(current[0], current[1]) < article.scroll_y + height:
            block, start, end = current
            selection = Selection(block, start, end)
        else:
            block, offset = article.top_anchor
            selection = Selection.sentence(block, self.texts[block], offset)
        if selection.start >= selection.end:
            self.notify("Nothing to select here")
            return
        await self._show_row("selection-row")
        self.selection_bar.start(selection, self.texts[block])
        self.set_focus(self.selection_bar)

    def on_selection_bar_changed(self, message: SelectionBar.Changed) -> None:
        self.selection = message.selection
        if message.selection is None:
            self._end_selection()
        else:
            # The end being moved stays in view.
            self.article.go_to(message.selection.block, max(message.selection.start, message.selection.end - 1), top=False)
        self._refresh_highlights()

    def _end_selection(self) -> None:
        self.selection = None
        self.query_one("#selection-row").display = False
        self.set_focus(self.article)

    async def on_selection_bar_finished(self, message: SelectionBar.Finished) -> None:
        selection = message.selection
        text = self.texts[selection.block][selection.start:selection.end]
        if message.action == "copy":
            self._end_selection()
            self.app.copy_to_clipboard(clipboard_text(text))
            self.notify(f"Copied the selection ({len(text)} characters)", timeout=3)
        elif message.action == "highlight":
            self._end_selection()
            self.marks.add(highlight(self.texts, selection.block, selection.start, selection.end))
            self._marks_changed("Highlighted (M lists your marks)")
        else:  # a highlight with a note: made when the note is kept
            self.query_one("#selection-row").display = False
            await self._open_note("Note", "", lambda note: self._add_noted(selection, note))
            return
        self._refresh_highlights()

    def _add_noted(self, selection: Selection, note: str) -> None:
        self.marks.add(highlight(self.texts, selection.block, selection.start, selection.end, note=note))
        self._marks_changed("Highlighted with a note")

    # -- the note box ------------------------------------------------------------------------

    async def _open_note(self, prompt: str, text: str, keep: Callable[[str], None]) -> None:
        """Edit a note (or a bookmark's name) in the note box; keep(text) on Enter."""

        def submitted(note: str) -> None:
            self._close_note()
            keep(note.strip())

        await self._show_row("note-bar")
        self.note_box.open(prompt, text, on_submit=submitted, on_cancel=self._close_note)
        self.set_focus(self.note_box)

    def _close_note(self) -> None:
        self.query_one("#note-bar").display = False
        self.selection = None
        self.set_focus(self.marks_panel if self.marks_panel is not None and self.show_marks else self.article)
        self._refresh_highlights()

    # -- bookmarks and the panel -------------------------------------------------------------

    def action_bookmark(self) -> None:
        block, offset = self.article.top_anchor
        self.marks.add(bookmark(self.texts, block, offset))
        self._marks_changed(f"Bookmarked paragraph {block + 1} (' lists your bookmarks)")

    def action_toggle_marks(self) -> None:
        self.show_marks = not self.show_marks  # its watcher fills the panel

    def show_marks_panel(self, panel: MarksPanel) -> None:
        """The panel being shown: its entries, from the marks as they are now."""
        from reader.ui.marks_panel import mark_entries

        panel.set_entries(mark_entries(self.document, self.marks.placed))

    def action_show_bookmarks(self) -> None:
        self.show_marks = True
        panel = self.marks_panel
        assert panel is not None  # mounted by show_marks
        bookmarks = [number for number, item in enumerate(self.marks.placed) if item.mark.kind is MarkKind.BOOKMARK]
        if not bookmarks:
            self.notify("No bookmarks yet: m bookmarks the place you are reading")
            return
        block = self.article.top_block
        after = [number for number in bookmarks if self.marks.placed[number].mark.block >= block]
        panel.move_cursor((after or bookmarks)[0])
        self.set_focus(panel)

    def go_to_mark(self, mark_id: str) -> None:
        placed = next((item for item in self.marks.placed if item.mark.id == mark_id), None)
        if placed is None:
            return
        if placed.placement is Placement.LOST:
            self.notify("This mark's text is not in this version of the document")
            return
        mark = placed.mark
        self.article.jump(mark.block, mark.start, top=mark.kind is MarkKind.BOOKMARK)

    def on_marks_panel_delete(self, message: MarksPanel.Delete) -> None:
        deleted = self.marks.delete(message.mark_id)
        if deleted is not None:
            self._marks_changed(f"Deleted the {deleted.kind} (u brings it back)")

    def on_marks_panel_undo_delete(self, message: MarksPanel.UndoDelete) -> None:
        restored = self.marks.undo_delete()
        self._marks_changed(f"The {restored.kind} is back" if restored else None)
        if restored is None:
            self.notify("Nothing deleted to bring back")

    def on_marks_panel_next_colour(self, message: MarksPanel.NextColour) -> None:
        mark = self.marks.find(message.mark_id)
        if mark is None or mark.kind is not MarkKind.HIGHLIGHT:
            self.notify("Only highlights have a colour")
            return
        from reader.ui.marks_panel import COLOUR_NAMES

        changed = self.marks.change(mark.id, colour=(mark.colour + 1) % len(COLOUR_NAMES))
        self._marks_changed(f"Colour: {COLOUR_NAMES[changed.colour]}" if changed else None)

    async def on_marks_panel_edit(self, message: MarksPanel.Edit) -> None:
        mark = self.marks.find(message.mark_id)
        if mark is None:
            return
        prompt = "Name" if mark.kind is MarkKind.BOOKMARK else "Note"
        await self._open_note(prompt, mark.note, lambda note: self._change_note(mark.id, note))

    def _change_note(self, mark_id: str, note: str) -> None:
        self.marks.change(mark_id, note=note)
        self._marks_changed()
