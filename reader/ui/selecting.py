"""The selection mode: a bar under the article that owns the selection and its keys while it is on.

It starts on a sentence (or a quote, a mention, a search hit) and moves its end by words and
sentences in reading order, or by a character on screen: in a right-to-left paragraph ← extends
and → shrinks. h, a and y end it by highlighting, annotating or copying; Escape drops it. The
bar has the focus while a selection is on, so its bindings come first and show in the footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from reader.document.selection import Selection
from reader.engine.bidi import base_level
from reader.ui.bindings import SELECTION_BINDINGS
from reader.ui.drawing import TextOptions, text_strip

EXCERPT_CELLS = 40


class SelectionBar(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [*SELECTION_BINDINGS]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"selection-bar--label"}

    @dataclass
    class Changed(Message):
        """The selection moved (or started); None when it ended."""

        selection: Selection | None

    @dataclass
    class Finished(Message):
        """The selection ended by h (highlight), a (highlight with a note) or y (copy)."""

        selection: Selection
        action: str

    def __init__(self, options: TextOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.selection: Selection | None = None
        self._text = ""
        self._rtl = True

    def start(self, selection: Selection, text: str) -> None:
        """Select in a paragraph whose text is `text`."""
        self._text = text
        self._rtl = base_level(text, self._options.base_dir) == 1
        self._set(selection)

    def _set(self, selection: Selection | None) -> None:
        self.selection = selection
        self.refresh()
        self.post_message(self.Changed(selection))

    def _finish(self, action: str) -> None:
        selection = self.selection
        if selection is None:
            return
        self.selection = None
        self.post_message(self.Finished(selection, action))

    # -- keys --------------------------------------------------------------------------------

    def action_selection_word(self, step: int) -> None:
        if self.selection is not None:
            move = self.selection.extend_word if step > 0 else self.selection.shrink_word
            self._set(move(self._text))

    def action_selection_sentence(self, step: int) -> None:
        if self.selection is not None:
            move = self.selection.extend_sentence if step > 0 else self.selection.shrink_sentence
            self._set(move(self._text))

    def action_selection_screen(self, arrow: str) -> None:
        """← / →: one character on screen; the direction of reading decides which extends."""
        if self.selection is not None:
            extend = (arrow == "left") == self._rtl
            move = self.selection.extend_character if extend else self.selection.shrink_character
            self._set(move(self._text))

    def action_highlight(self) -> None:
        self._finish("highlight")

    def action_annotate(self) -> None:
        self._finish("note")

    def action_copy_selection(self) -> None:
        self._finish("copy")

    def action_cancel_selection(self) -> None:
        self.selection = None
        self.post_message(self.Changed(None))

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y or width <= 0 or self.selection is None:
            return Strip.blank(width, base)
        selection = self.selection
        count = selection.end - selection.start
        label = Strip([Segment(f" Selection: {count} character{'s' if count != 1 else ''} ",
                               base + self.get_component_rich_style("selection-bar--label"))])
        room = min(EXCERPT_CELLS, width - label.cell_length - 1)
        if room <= 0:
            return label.crop(0, width).adjust_cell_length(width, base)
        excerpt = text_strip(self._text[selection.start:selection.end], room, self._options, base)
        return Strip.join([label, Strip.blank(1, base), excerpt]).adjust_cell_length(width, base)
