"""The reader's own marks: highlights (each with an optional note) and bookmarks.

A mark is kept in logical text: its block, the code-point offsets of its text in that block, the
text itself and a little of the text on either side (`before`, `after`), never screen positions,
so it survives a resize, another width, --drop-harakat or --bidi terminal. A bookmark is a mark
too: its position is `start`, its text the words that follow it.

When the document has changed, `reanchor` finds each mark again by its text, the context
deciding between several places holding the same text; a mark whose text is nowhere any more is
kept as it was and said to be lost (it comes back if the text does).

Marks are merged, not overwritten, when two readers save the same document: `MarkSet.merged`
keeps every mark either side has, the later edit of a mark, and a deletion (kept as a tombstone
with its time) over an older copy of the mark. `MarkSet.to_record` is what the state store
(reader.state) keeps for a document.
"""

from __future__ import annotations

import time
import uuid
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from itertools import accumulate
from typing import Any, TypeGuard

CONTEXT = 32  # characters of context kept on each side of a mark
NEARBY_BLOCKS = 32  # blocks either side of its old one where a mark is looked for first
BOOKMARK_TEXT = 48  # characters a bookmark keeps of the text it points at (to the end of a word)
COLOURS = 4  # highlight colours: c cycles through them
MAX_TEXT = 100_000  # longest text, note or context a stored mark may have
MAX_MARKS = 10_000  # marks per document read from a store
MAX_NUMBER = 2**53  # the largest offset or time a stored mark may hold (as the state store checks)
TOMBSTONE_MS = 180 * 24 * 3600 * 1000  # how long a deletion is remembered for merging


class MarkKind(StrEnum):
    HIGHLIGHT = "highlight"
    BOOKMARK = "bookmark"


class Placement(StrEnum):
    """Where `reanchor` found a mark: where it was, elsewhere (the document changed), or nowhere."""

    SAME = "same"
    MOVED = "moved"
    LOST = "lost"


@dataclass(frozen=True, slots=True)
class Mark:
    """`note`: a highlight's note, or a bookmark's name (empty: shown by its text).
    `created` and `modified` are milliseconds since the epoch; `modified` decides merges."""

    id: str
    kind: MarkKind
    block: int
    start: int
    end: int
    text: str
    before: str
    after: str
    note: str = ""
    colour: int = 0
    created: int = 0
    modified: int = 0

    @property
    def order(self) -> tuple[int, int, int]:
        """Document order; a bookmark before a highlight starting at the same place."""
        return self.block, self.start, 0 if self.kind is MarkKind.BOOKMARK else 1

    def edited(self, **changes: Any) -> Mark:
        return replace(self, modified=changes.pop("modified", None) or now_ms(), **changes)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]


def _new_id() -> str:
    return uuid.uuid4().hex


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def highlight(texts: Sequence[str], block: int, start: int, end: int, *, note: str = "",
              colour: int = 0, now: int | None = None) -> Mark:
    """A highlight of texts[block][start:end]."""
    text = texts[block]
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text to highlight at {start}:{end} of a block of {len(text)} characters")
    now = now_ms() if now is None else now
    before, after = _context(text, start, end)
    return Mark(_new_id(), MarkKind.HIGHLIGHT, block, start, end, text[start:end], before, after,
                note, colour % COLOURS, now, now)


def bookmark(texts: Sequence[str], block: int, offset: int, *, now: int | None = None) -> Mark:
    """A bookmark at texts[block][offset], keeping the words that follow it (at least one)."""
    text = texts[block]
    offset = max(0, min(offset, len(text)))
    end = min(len(text), offset + BOOKMARK_TEXT)
    while end < len(text) and not text[end].isspace():
        end += 1
    now = now_ms() if now is None else now
    before, after = _context(text, offset, end)
    return Mark(_new_id(), MarkKind.BOOKMARK, block, offset, end, text[offset:end], before, after,
                "", 0, now, now)


# -- finding a mark again ----------------------------------------------------------------------


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b):
        if x != y:
            break
        count += 1
    return count


def _context_score(mark: Mark, text: str, start: int, end: int) -> int:
    before, after = _context(text, start, end)
    return _common_suffix(mark.before, before) + _common_prefix(mark.after, after)


class DocumentText:
    """The blocks' texts joined once (when first searched), so that finding a mark's text anywhere
    is one scan in C, not a loop over the blocks (a book has tens of thousands)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts

    @cached_property
    def _joined(self) -> str:  # joined when first searched
        return "\n".join(self.texts)

    @cached_property
    def _starts(self) -> list[int]:
        return list(accumulate((len(text) + 1 for text in self.texts[:-1]), initial=0))

    def occurrences(self, needle: str) -> Iterable[tuple[int, int]]:
        """(block, offset) of every occurrence of `needle` inside one block."""
        joined, starts = self._joined, self._starts
        at = joined.find(needle)
        while at >= 0:
            block = bisect_right(starts, at) - 1
            start = at - starts[block]
            if start + len(needle) <= len(self.texts[block]):
                yield block, start
            at = joined.find(needle, at + 1)


def _where_it_was(mark: Mark, texts: Sequence[str]) -> tuple[Mark, Placement] | None:
    if 0 <= mark.block < len(texts):
        text = texts[mark.block]
        if text[mark.start:mark.end] == mark.text and _context(text, mark.start, mark.end) == (mark.before, mark.after):
            return mark, Placement.SAME
    return None


def _nearby_with_its_context(mark: Mark, texts: Sequence[str]) -> Mark | None:
    """The mark in a block near its old one, its text there with all of its context around it
    (the common case, a paragraph added or removed before it: no need to search the whole book)."""
    whole = mark.before + mark.text + mark.after
    for block in sorted(range(max(0, mark.block - NEARBY_BLOCKS), min(len(texts), mark.block + NEARBY_BLOCKS + 1)),
                        key=lambda block: abs(block - mark.block)):
        text = texts[block]
        at = text.find(whole)
        while at >= 0:
            start = at + len(mark.before)
            if _context(text, start, start + len(mark.text)) == (mark.before, mark.after):
                return replace(mark, block=block, start=start, end=start + len(mark.text))
            at = text.find(whole, at + 1)
    return None


def reanchor(mark: Mark, texts: Sequence[str], document: DocumentText | None = None) -> tuple[Mark, Placement]:
    """The mark in `texts`: where it was if its text and context are still there, else at the
    place holding its text whose context matches best (the nearest of equals), else unchanged
    and LOST. The text of a placed mark is always exactly the document's text there.
    document: `texts` joined, when placing many marks (see place_all)."""
    same = _where_it_was(mark, texts)
    if same is not None:
        return same
    if not mark.text:
        if 0 <= mark.block < len(texts) and mark.start <= len(texts[mark.block]) and mark.kind is MarkKind.BOOKMARK:
            return mark, Placement.SAME  # a bookmark on an empty block: its place is all it has
        return mark, Placement.LOST
    nearby = _nearby_with_its_context(mark, texts)
    if nearby is not None:
        return nearby, Placement.MOVED
    best: tuple[int, int, int, int, int] | None = None
    for block, start in (document or DocumentText(texts)).occurrences(mark.text):
        score = _context_score(mark, texts[block], start, start + len(mark.text))
        candidate = (score, -abs(block - mark.block), -abs(start - mark.start), block, start)
        if best is None or candidate[:3] > best[:3]:
            best = candidate
    if best is None:
        return mark, Placement.LOST
    block, start = best[3], best[4]
    end = start + len(mark.text)
    if (block, start) == (mark.block, mark.start) and best[0] == len(mark.before) + len(mark.after):
        return mark, Placement.SAME
    before, after = _context(texts[block], start, end)
    return replace(mark, block=block, start=start, end=end, before=before, after=after), Placement.MOVED


@dataclass(frozen=True, slots=True)
class PlacedMark:
    mark: Mark
    placement: Placement


def place_all(marks: Iterable[Mark], texts: Sequence[str]) -> list[PlacedMark]:
    """Each mark where its text is now (`reanchor`), in document order, the lost ones last."""
    document = DocumentText(texts)
    placed = [PlacedMark(*reanchor(mark, texts, document)) for mark in marks]
    return sorted(placed, key=lambda item: (item.placement is Placement.LOST, item.mark.order, item.mark.created))


# -- the set of a document's marks, stored and merged ------------------------------------------


@dataclass(frozen=True)
class MarkSet:
    """A document's marks in document order, and the ids of deleted ones with when they went (ms)."""

    marks: tuple[Mark, ...] = ()
    deleted: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", tuple(sorted(self.marks, key=lambda mark: (mark.order, mark.created))))

    def __len__(self) -> int:
        return len(self.marks)

    def get(self, mark_id: str) -> Mark | None:
        return next((mark for mark in self.marks if mark.id == mark_id), None)

    def added(self, mark: Mark) -> MarkSet:
        """With `mark` added, or replacing the mark with its id."""
        return MarkSet((*(m for m in self.marks if m.id != mark.id), mark), self.deleted)

    def removed(self, mark_id: str, *, now: int | None = None) -> MarkSet:
        deleted = dict(self.deleted)
        deleted[mark_id] = now_ms() if now is None else now
        return MarkSet(tuple(m for m in self.marks if m.id != mark_id), deleted)

    def restored(self, mark: Mark) -> MarkSet:
        """`mark` back after it was removed (undo): newer than its tombstone."""
        deleted = {key: value for key, value in self.deleted.items() if key != mark.id}
        return MarkSet((*self.marks, mark.edited(modified=max(now_ms(), self.deleted.get(mark.id, 0) + 1))), deleted)

    def merged(self, other: MarkSet, *, now: int | None = None) -> MarkSet:
        """Both sides' marks: of two copies of a mark the later edit, and no mark deleted after
        its last edit; tombstones older than TOMBSTONE_MS are forgotten."""
        now = now_ms() if now is None else now
        deleted = dict(self.deleted)
        for key, when in other.deleted.items():
            deleted[key] = max(when, deleted.get(key, when))
        newest: dict[str, Mark] = {}
        for mark in (*self.marks, *other.marks):
            known = newest.get(mark.id)
            if known is None or mark.modified > known.modified:
                newest[mark.id] = mark
        marks = tuple(mark for key, mark in newest.items() if deleted.get(key, -1) < mark.modified)
        deleted = {key: when for key, when in deleted.items() if now - when < TOMBSTONE_MS}
        return MarkSet(marks, deleted)

    def to_record(self) -> dict[str, Any]:
        """For the state store (JSON): {"marks": [a flat table per mark], "deleted": {id: ms}}."""
        return {"marks": [mark_record(mark) for mark in self.marks], "deleted": dict(self.deleted)}

    @classmethod
    def from_record(cls, record: object) -> MarkSet:
        """Every valid mark and deletion of a stored record; anything else in it is left out."""
        if not isinstance(record, Mapping):
            return cls()
        raw_marks, raw_deleted = record.get("marks"), record.get("deleted")
        marks = [mark_from_record(item) for item in raw_marks[:MAX_MARKS]] if isinstance(raw_marks, list) else []
        deleted: dict[str, int] = {}
        if isinstance(raw_deleted, Mapping):
            for key, when in list(raw_deleted.items())[:MAX_MARKS]:
                if isinstance(key, str) and _is_count(when):
                    deleted[key] = when
        return cls(tuple(mark for mark in marks if mark is not None), deleted)


def mark_record(mark: Mark) -> dict[str, str | int]:
    return {
        "id": mark.id, "kind": str(mark.kind), "block": mark.block, "start": mark.start, "end": mark.end,
        "text": mark.text, "before": mark.before, "after": mark.after, "note": mark.note,
        "colour": mark.colour, "created": mark.created, "modified": mark.modified,
    }


def _is_count(value: object) -> TypeGuard[int]:
    return type(value) is int and 0 <= value <= MAX_NUMBER


class _BadRecord(ValueError):
    pass


def _count(record: Mapping[Any, Any], name: str) -> int:
    value = record.get(name)
    if not _is_count(value):
        raise _BadRecord(name)
    return value


def _text(record: Mapping[Any, Any], name: str) -> str:
    value = record.get(name)
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise _BadRecord(name)
    return value


def mark_from_record(record: object) -> Mark | None:
    """The mark a stored record describes, or None when any field is missing or wrong."""
    if not isinstance(record, Mapping):
        return None
    try:
        kind = MarkKind(_text(record, "kind"))
        mark_id = _text(record, "id")
        block, start, end = _count(record, "block"), _count(record, "start"), _count(record, "end")
        text = _text(record, "text")
        mark = Mark(mark_id, kind, block, start, end, text, _text(record, "before"), _text(record, "after"),
                    _text(record, "note"), _count(record, "colour") % COLOURS,
                    _count(record, "created"), _count(record, "modified"))
    except ValueError:
        return None
    if not 0 < len(mark_id) <= 64 or end - start != len(text) or (kind is MarkKind.HIGHLIGHT and not text):
        return None
    return mark
