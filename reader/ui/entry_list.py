"""A keyboard list whose entries are drawn with the engine (Textual's OptionList would draw
logical, unjoined Arabic). Each entry is a few fields, each field one paragraph laid out at the
list's width; the cursor moves over the entries that have a target.

A book has thousands of quotes: the entries that fill the first screens are laid out at once,
the rest by a background worker that appends them as it goes, so showing a panel never freezes.
"""

from dataclasses import dataclass
from functools import partial
from typing import Generic, TypeVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.engine.layout import ScreenLine
from reader.ui.drawing import TextOptions, line_segments
from reader.ui.row_view import RowView

MARKS = 2  # cells left of the text for the cursor and the "current" marks, before any labels
FIRST_ROWS = 200  # rows laid out before the list is drawn; the rest in the background
ENTRY_CHUNK = 200  # entries the background worker lays out between two updates of the list


@dataclass(frozen=True, slots=True)
class Field:
    text: str
    style: str = "entry-list--text"  # a component class
    base_dir: str = "auto"


Target = TypeVar("Target")


@dataclass(frozen=True, slots=True)
class Entry(Generic[Target]):
    fields: tuple[Field, ...]
    target: Target | None = None  # what Enter jumps to; None for a group heading or a notice
    label: str = ""  # a few ASCII characters drawn left of the text (e.g. the key that jumps there)


_Row = tuple[int, Field | None, ScreenLine | None]


class _EntriesLaidOut(Message, bubble=False):
    """From the background layout: the rows of the next few entries (of layout `generation`)."""

    def __init__(self, generation: int, entries_rows: list[list[_Row]]) -> None:
        super().__init__()
        self.generation = generation
        self.entries_rows = entries_rows


class EntryList(RowView, Generic[Target], can_focus=True):
    """Subclasses say what choosing an entry means (`chosen`: post their own typed message)."""

    COMPONENT_CLASSES = {
        "entry-list--text",
        "entry-list--heading",
        "entry-list--secondary",
        "entry-list--strip",
        "entry-list--cursor",
        "entry-list--marked",
    }
    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("home,g", "cursor_to(0)", "First", show=False),
        Binding("end,G", "cursor_to(-1)", "Last", show=False),
        Binding("pagedown,space", "cursor_page(1)", "Page down", show=False),
        Binding("pageup,b", "cursor_page(-1)", "Page up", show=False),
        Binding("enter", "choose", "Jump", show=False),
    ]

    def __init__(self, options: TextOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.entries: list[Entry[Target]] = []
        self.cursor: int | None = None
        self.marked: int | None = None
        self._starts: list[int] = []  # first row of each entry
        self._lines: list[_Row] = []  # (entry, field, screen line) per row; no field: a blank row
        self._width = 0
        self._generation = 0  # which layout a batch from the background worker belongs to
        self._gutter = MARKS

    def set_entries(self, entries: list[Entry[Target]]) -> None:
        self.entries = entries
        labels = max((len(entry.label) for entry in entries), default=0)
        self._gutter = MARKS + (labels + 1 if labels else 0)
        selectable = [n for n, entry in enumerate(entries) if entry.target is not None]
        self.cursor = selectable[0] if selectable else None
        self.marked = None
        if self.size.width:  # a hidden panel is laid out when it is first shown (on_resize)
            self._relayout()

    @property
    def target(self) -> Target | None:
        return None if self.cursor is None else self.entries[self.cursor].target

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self._gutter)

    def _relayout(self) -> None:
        self._starts, self._lines = [], []
        self._generation += 1
        # Not laid out until it has a width (hidden panels have none): at width 1 every
        # character of every entry would be a row.
        width = self._text_width() if self.scrollable_content_region.width > self._gutter else 0
        self._width = width
        self._strips.clear()
        if not width:
            self.virtual_size = Size(0, 0)
            return
        first: list[list[_Row]] = []
        while len(first) < len(self.entries) and sum(len(rows) for rows in first) < FIRST_ROWS:
            first.append(self._entry_rows(self.entries, len(first), width))
        self._append(self._generation, first)
        if len(first) < len(self.entries):
            self.run_worker(
                partial(self._lay_out_rest, self._generation, self.entries, len(first), width),
                thread=True, exclusive=True, group="entries",
            )

    def _entry_rows(self, entries: list[Entry[Target]], number: int, width: int) -> list[_Row]:
        """The rows of one entry: a blank row before it (but the first), then its fields' lines."""
        rows: list[_Row] = [(number - 1, None, None)] if number else []
        for field in entries[number].fields:
            rows.extend((number, field, line) for line in self._options.layout(field.text, width, field.base_dir).lines)
        return rows

    def _lay_out_rest(self, generation: int, entries: list[Entry[Target]], first: int, width: int) -> None:
        """In a worker thread: the entries from `first` on, handed over a chunk at a time."""
        worker = get_current_worker()
        for start in range(first, len(entries), ENTRY_CHUNK):
            if worker.is_cancelled or generation != self._generation:
                return
            chunk = [self._entry_rows(entries, number, width) for number in range(start, min(start + ENTRY_CHUNK, len(entries)))]
            self.post_message(_EntriesLaidOut(generation, chunk))

    def on__entries_laid_out(self, message: "_EntriesLaidOut") -> None:
        self._append(message.generation, message.entries_rows)

    def _append(self, generation: int, entries_rows: list[list[_Row]]) -> None:
        if generation != self._generation:  # laid out for entries or a width since replaced
            return
        cursor_was_laid_out = self.cursor is not None and self.cursor < len(self._starts)
        for rows in entries_rows:
            self._starts.append(len(self._lines) + (1 if self._lines else 0))
            self._lines.extend(rows)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._lines))
        self.refresh()
        if not cursor_was_laid_out:
            self._show_cursor()

    def on_resize(self, event: events.Resize) -> None:
        if self.size.width and self._text_width() != self._width:
            self._relayout()
            self._show_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- cursor ------------------------------------------------------------------------------

    def _selectable(self) -> list[int]:
        return [n for n, entry in enumerate(self.entries) if entry.target is not None]

    def move_cursor(self, entry: int | None) -> None:
        self.cursor = entry
        self._strips.clear()
        self.refresh()
        self._show_cursor()

    def mark(self, entry: int | None) -> None:
        """Mark an entry as current (e.g. the section being read), without moving the cursor."""
        if entry != self.marked:
            self.marked = entry
            self._strips.clear()
            self.refresh()

    def _show_cursor(self) -> None:
        if self.cursor is None or self.cursor >= len(self._starts):  # not laid out yet
            return
        top = self._starts[self.cursor]
        bottom = self._starts[self.cursor + 1] - 1 if self.cursor + 1 < len(self._starts) else len(self._lines)
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=max(top, bottom - height), animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        selectable = self._selectable()
        if not selectable:
            return
        if self.cursor not in selectable:
            self.move_cursor(selectable[0])
            return
        position = selectable.index(self.cursor) + step
        self.move_cursor(selectable[max(0, min(len(selectable) - 1, position))])

    def action_cursor_to(self, position: int) -> None:
        selectable = self._selectable()
        if selectable:
            self.move_cursor(selectable[position])

    def action_cursor_page(self, direction: int) -> None:
        if self.cursor is None or self.cursor >= len(self._starts):
            return
        row = self._starts[self.cursor] + direction * max(1, self.scrollable_content_region.height - 1)
        row = max(0, min(len(self._lines) - 1, row))
        entry = self._lines[row][0]
        selectable = self._selectable()
        candidates = [n for n in selectable if (n >= entry if direction > 0 else n <= entry)]
        self.move_cursor((candidates[0] if direction > 0 else candidates[-1]) if candidates else self.cursor)

    def on_click(self, event: events.Click) -> None:
        """A click jumps as Enter does, to the entry clicked."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + round(self.scroll_y)
        if 0 <= row < len(self._lines) and self.entries[self._lines[row][0]].target is not None:
            self.move_cursor(self._lines[row][0])
            self.action_choose()

    def action_choose(self) -> None:
        if self.target is not None:
            self.chosen(self.target)

    def chosen(self, target: Target) -> None:
        """Enter (or a click) on an entry with this target."""
        raise NotImplementedError

    # -- drawing -----------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The width can change without a Resize (a scrollbar coming): lay out for the width drawn.
        if self.size.width and self._text_width() != self._width:
            self._relayout()
        return super().render_lines(crop)

    def _render_row(self, row: int, width: int) -> Strip:
        base = self.rich_style
        entry, field, line = self._lines[row] if row < len(self._lines) else (0, None, None)
        if field is None or line is None:
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style(field.style)
        gutter = "  "
        if entry == self.marked:
            style += self.get_component_rich_style("entry-list--marked")
            gutter = "● "
        if entry == self.cursor:
            if self.has_focus:
                style += self.get_component_rich_style("entry-list--cursor")
            gutter = "▸ " if entry != self.marked else "▸●"
        if self._starts[entry] == row:
            gutter += self.entries[entry].label.rjust(self._gutter - MARKS - 1) + " " if self._gutter > MARKS else ""
        else:
            gutter = " " * self._gutter
        segments = [Segment(gutter, style), *line_segments(line, style)]
        return Strip(segments).adjust_cell_length(width, style).crop(0, width)
