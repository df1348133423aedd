"""The note box: one line of text the reader types (a highlight's note, a bookmark's name).

The text is kept logical and drawn by the engine, shaped and in visual order, like the search
field; the cursor is a logical offset shown on the cell of the character it stands before (at the
end, one cell past the text's logical end: the left edge of right-to-left text). The arrow keys
move it on screen: in right-to-left text ← goes forward. ctrl+← / ctrl+→ move by word, Backspace
and Delete delete either way, Home / End go to the ends. A paste (bracketed paste) is inserted
as one line, its controls removed. Enter keeps the text, Escape drops it.

While open it has the focus and takes every key (typing is never translated as an Arabic
keyboard layout's keys are elsewhere); its callbacks run at once, so a key typed right after
Enter already finds the box closed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from reader.engine.characters import IS_MARK
from reader.engine.layout import Span
from reader.engine.sanitize import clipboard_text
from reader.ui.drawing import TextOptions, line_segments

_LINE_BREAKS = re.compile("[\r\n\u2028\u2029]+")
MAX_NOTE = 2000  # characters


def next_word(text: str, offset: int) -> int:
    """The end of the word at or after `offset`."""
    while offset < len(text) and text[offset].isspace():
        offset += 1
    while offset < len(text) and not text[offset].isspace():
        offset += 1
    return offset


def previous_word(text: str, offset: int) -> int:
    """The start of the word before `offset`."""
    while offset > 0 and text[offset - 1].isspace():
        offset -= 1
    while offset > 0 and not text[offset - 1].isspace():
        offset -= 1
    return offset


class NoteBox(Widget, can_focus=True):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"note-box--prompt", "note-box--cursor"}

    def __init__(self, options: TextOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.prompt = "Note"
        self.text = ""
        self.cursor = 0
        self._on_submit: Callable[[str], None] = lambda text: None
        self._on_cancel: Callable[[], None] = lambda: None

    def open(self, prompt: str, text: str, *, on_submit: Callable[[str], None], on_cancel: Callable[[], None]) -> None:
        """Start editing `text` (the cursor at its end) after `prompt` ("Note"); on_submit gets
        the text on Enter."""
        self.prompt, self.text, self.cursor = prompt, text, len(text)
        self._on_submit, self._on_cancel = on_submit, on_cancel
        self.refresh()

    # -- editing -----------------------------------------------------------------------------

    def insert(self, typed: str) -> None:
        typed = _LINE_BREAKS.sub(" ", clipboard_text(typed)).replace("\t", " ")
        typed = typed[:max(0, MAX_NOTE - len(self.text))]
        self.text = self.text[:self.cursor] + typed + self.text[self.cursor:]
        self.cursor += len(typed)
        self.refresh()

    def _move(self, cursor: int) -> None:
        self.cursor = max(0, min(len(self.text), cursor))
        self.refresh()

    def _forward(self) -> int:
        """After the character at the cursor and its marks."""
        cursor = min(len(self.text), self.cursor + 1)
        while cursor < len(self.text) and IS_MARK[self.text[cursor]]:
            cursor += 1
        return cursor

    def _delete(self, start: int, end: int) -> None:
        self.text = self.text[:start] + self.text[end:]
        self.cursor = start
        self.refresh()

    @property
    def _rtl(self) -> bool:
        return self._options.layout(self.text or " ", 10_000).rtl

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        key = event.key
        # On screen: in right-to-left text the logical end is on the left.
        forward, backward = ("left", "right") if self._rtl else ("right", "left")
        if key == "enter":
            self._on_submit(self.text)
        elif key == "escape":
            self._on_cancel()
        elif key == forward:
            self._move(self._forward())
        elif key == backward:
            self._move(self.cursor - 1)
        elif key == f"ctrl+{forward}":
            self._move(next_word(self.text, self.cursor))
        elif key == f"ctrl+{backward}":
            self._move(previous_word(self.text, self.cursor))
        elif key == "home":
            self._move(0)
        elif key == "end":
            self._move(len(self.text))
        elif key == "backspace":
            if self.cursor:
                self._delete(self.cursor - 1, self.cursor)
        elif key == "delete":
            self._delete(self.cursor, self._forward())
        elif key in ("ctrl+w", "ctrl+backspace"):
            self._delete(previous_word(self.text, self.cursor), self.cursor)
        elif event.is_printable and event.character:
            self.insert(event.character)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.insert(event.text)

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y or width <= 0:
            return Strip.blank(width, base)
        prompt = f"{self.prompt} (Enter keeps, Esc drops): "
        head = Strip([Segment(prompt, base + self.get_component_rich_style("note-box--prompt"))])
        room = width - head.cell_length - 1  # one cell for the cursor at the end
        if room <= 0:
            return head.crop(0, width).adjust_cell_length(width, base)
        cursor_style = self.get_component_rich_style("note-box--cursor")
        layout = self._options.layout(self.text, room)
        lines = layout.lines
        line = next((line for line in lines if line.start <= self.cursor < line.end), lines[-1])
        if self.cursor < len(self.text):
            body = line_segments(line, base, [Span(self.cursor, self._forward(), "cursor")],
                                 lambda name: cursor_style)
            return Strip.join([head, Strip(body)]).adjust_cell_length(width, base)
        end = Segment(" ", base + cursor_style)
        text = line_segments(line, base)
        if layout.rtl:  # the logical end of right-to-left text is its left edge
            indent, *rest = text if line.indent else [Segment(""), *text]
            body = [indent, end, *rest]
        else:
            body = [*text, end]
        return Strip.join([head, Strip(body)]).adjust_cell_length(width, base)
