"""The marks panel: highlights, notes and bookmarks in document order, drawn by the engine.

Enter jumps to a mark (the list's own key); d deletes it, u undoes the last delete, c gives a
highlight its next colour, R renames a bookmark or edits a highlight's note. Each posts a typed
message with the mark's id; the app changes the marks and saves them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message

from reader.document.marks import MarkKind, PlacedMark, Placement
from reader.document.model import Document
from reader.ui.bindings import MARKS_PANEL_BINDINGS
from reader.ui.entry_list import Entry, EntryList, Field
from reader.ui.messages import MarkChosen

COLOUR_NAMES = ("yellow", "green", "cyan", "magenta")  # in the order c goes through them
EXCERPT = 160  # characters of a long highlight shown in the list


def mark_entries(document: Document, placed: Sequence[PlacedMark]) -> list[Entry[str]]:
    """One entry per mark, the target its id: what and where, the text, the note."""
    starts = [section.start_block for section in document.sections]
    entries = []
    for item in placed:
        mark = item.mark
        lost = item.placement is Placement.LOST
        where = "not found" if lost else f"paragraph {mark.block + 1}"
        text = mark.text if len(mark.text) <= EXCERPT else mark.text[:EXCERPT] + "…"
        if mark.kind is MarkKind.BOOKMARK:
            fields = [Field(f"Bookmark · {where}", "entry-list--heading", "ltr")]
            if mark.note:
                fields.append(Field(mark.note, "entry-list--heading"))
            fields.append(Field(text + "…", "entry-list--secondary"))
        else:
            fields = [Field(f"Highlight, {COLOUR_NAMES[mark.colour]} · {where}", "entry-list--heading", "ltr"),
                      Field(text)]
            if mark.note:
                fields.append(Field("✎ " + mark.note, "entry-list--secondary"))
        section = bisect_right(starts, mark.block) - 1
        if lost:
            fields.insert(1, Field("Its text is not in this version of the document.", "entry-list--secondary", "ltr"))
        elif section > 0 and document.sections[section].title:
            fields.insert(1, Field(document.sections[section].title, "entry-list--secondary"))
        entries.append(Entry(tuple(fields), target=mark.id))
    return entries or [Entry((Field("No marks yet: v selects (then h highlights, a adds a note), m bookmarks.",
                                    "entry-list--secondary", "ltr"),))]


class MarksPanel(EntryList[str]):
    BINDINGS: ClassVar[list[BindingType]] = [*MARKS_PANEL_BINDINGS]

    def chosen(self, target: str) -> None:
        self.post_message(MarkChosen(target))

    @dataclass
    class Delete(Message):
        mark_id: str

    @dataclass
    class UndoDelete(Message):
        pass

    @dataclass
    class NextColour(Message):
        mark_id: str

    @dataclass
    class Edit(Message):
        mark_id: str

    def _target_id(self) -> str | None:
        target = self.target
        return target if isinstance(target, str) else None

    def action_delete_mark(self) -> None:
        if (mark_id := self._target_id()) is not None:
            self.post_message(self.Delete(mark_id))

    def action_undo_delete(self) -> None:
        self.post_message(self.UndoDelete())

    def action_next_colour(self) -> None:
        if (mark_id := self._target_id()) is not None:
            self.post_message(self.NextColour(mark_id))

    def action_edit_mark(self) -> None:
        if (mark_id := self._target_id()) is not None:
            self.post_message(self.Edit(mark_id))
