"""A document's marks in the per-document state store (reader.state), found again in its text.

Saving merges with what is in the store under its lock: marks another reader of the same
document saved meanwhile are kept, and deletions win over older copies (MarkSet.merged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.document.marks import Mark, MarkSet, Placement, place_all
from reader.state import DocumentKey, DocumentState, StateStore


def load_marks(store: StateStore, key: DocumentKey) -> MarkSet:
    return MarkSet.from_record(store.load(key).marks)


def save_marks(store: StateStore, key: DocumentKey, marks: MarkSet) -> MarkSet:
    """Merge `marks` into the saved ones and write them; returns what is now saved.
    Raises OSError when the state cannot be written."""

    def merge(state: DocumentState) -> DocumentState:
        return replace(state, marks=MarkSet.from_record(state.marks).merged(marks).to_record())

    return MarkSet.from_record(store.update(key, merge).marks)


class DocumentMarks:
    """The marks of the document being read, as the reader changes them: each change is saved
    at once (merged with what other readers saved), and every mark is placed in the text."""

    def __init__(self, store: StateStore, key: DocumentKey, texts: Sequence[str]) -> None:
        self._store = store
        self.key = key
        self._texts = texts
        self.error: str | None = None  # the last save's error, until a save succeeds
        self._deleted: list[Mark] = []  # for undo, the last one last
        try:
            self.marks = load_marks(store, key)
        except OSError as error:  # an unreadable store: no marks, and saving will say why
            self.marks, self.error = MarkSet(), str(error)
        self.placed = place_all(self.marks.marks, texts)

    def moved_to(self, key: DocumentKey, texts: Sequence[str]) -> None:
        """The document's text grew (a book's preview, then the whole): place again, and keep
        the marks under the new key if it is another one (content keys follow the text)."""
        moved = key != self.key
        self.key, self._texts = key, texts
        if moved and self.marks.marks:
            self._save(self.marks)
        else:
            self.placed = place_all(self.marks.marks, texts)

    @property
    def shown(self) -> list[Mark]:
        """The marks found in the text, in document order (what the article draws)."""
        return [item.mark for item in self.placed if item.placement is not Placement.LOST]

    def find(self, mark_id: str) -> Mark | None:
        return next((item.mark for item in self.placed if item.mark.id == mark_id), None)

    def add(self, mark: Mark) -> None:
        self._save(self.marks.added(mark))

    def delete(self, mark_id: str) -> Mark | None:
        mark = self.find(mark_id)
        if mark is not None:
            self._deleted.append(mark)
            self._save(self.marks.removed(mark_id))
        return mark

    def undo_delete(self) -> Mark | None:
        if not self._deleted:
            return None
        mark = self._deleted.pop()
        self._save(self.marks.restored(mark))
        return mark

    def change(self, mark_id: str, **changes: str | int) -> Mark | None:
        """The mark with `changes` (note, colour) saved; None if there is no such mark."""
        mark = self.find(mark_id)
        if mark is None:
            return None
        changed = mark.edited(**changes)
        self._save(self.marks.added(changed))
        return changed

    def _save(self, marks: MarkSet) -> None:
        self.marks = marks
        try:
            self.marks = save_marks(self._store, self.key, marks)
            self.error = None
        except OSError as error:
            self.error = str(error)
        self.placed = place_all(self.marks.marks, self._texts)
