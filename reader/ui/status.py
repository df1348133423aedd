"""One-row widgets drawn with the engine: the status line and the search field."""

from collections.abc import Callable

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.drawing import TextOptions, line_segments, text_strip


class StatusLine(Widget):
    """Title and current section on the right (drawn by the engine), position on the left."""

    COMPONENT_CLASSES = {"status-line--position"}

    def __init__(self, options: TextOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.place = ""  # title and section, from the document
        self.position = ""  # ours: percent, search count, what is shown

    def show(self, place: str, position: str) -> None:
        if (place, position) != (self.place, self.position):
            self.place, self.position = place, position
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y or width <= 0:
            return Strip.blank(width, base)
        position = f" {self.position} "
        left = Strip([Segment(position, base + self.get_component_rich_style("status-line--position"))])
        room = width - left.cell_length - 1
        if room <= 0:
            return left.crop(0, width).adjust_cell_length(width, base)
        place = text_strip(self.place, room, self._options, base)
        return Strip.join([left, Strip.blank(1, base), place]).adjust_cell_length(width, base)


class SearchField(Widget):
    """The search query: kept as logical text, drawn shaped and reordered by the engine, with a
    cursor at the logical end. Printable keys type, Backspace deletes, Enter keeps, Escape cancels.

    It never takes focus: while it is open the app hands it every key (`type_key`), so no key can
    slip past it while focus moves, and none can stay with it once it is closed."""

    COMPONENT_CLASSES = {"search-field--cursor", "search-field--prompt"}

    def __init__(
        self,
        options: TextOptions,
        *,
        on_change: Callable[[str], None],
        on_submit: Callable[[], None],
        on_cancel: Callable[[], None],
        id: str | None = None,
    ) -> None:
        """The callbacks run at once, not as messages, so that keys typed right after Enter or
        Escape already find the search closed."""
        super().__init__(id=id)
        self._options = options
        self._on_change = on_change
        self._on_submit = on_submit
        self._on_cancel = on_cancel
        self.query = ""
        self.count = ""  # e.g. "3/12", shown after the prompt

    def set_query(self, query: str) -> None:
        self.query = query
        self.refresh()
        self._on_change(query)

    def set_count(self, count: str) -> None:
        self.count = count
        self.refresh()

    def type_key(self, event: events.Key) -> bool:
        """Edit the query with a key; returns whether the key was the field's."""
        if event.key == "enter":
            self._on_submit()
        elif event.key == "escape":
            self._on_cancel()
        elif event.key == "backspace":
            self.set_query(self.query[:-1])
        elif event.is_printable and event.character:
            self.set_query(self.query + event.character)
        else:
            return False
        return True

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y or width <= 0:
            return Strip.blank(width, base)
        prompt = f"/ {self.count} " if self.count else "/ "
        head = Strip([Segment(prompt, base + self.get_component_rich_style("search-field--prompt"))])
        room = width - head.cell_length - 1  # one cell for the cursor
        if room <= 0:
            return head.crop(0, width).adjust_cell_length(width, base)
        cursor = Segment(" ", base + self.get_component_rich_style("search-field--cursor"))
        layout = self._options.layout(self.query, room)
        line = layout.lines[-1]  # the line holding the logical end, where the cursor is
        text = line_segments(line, base)
        if layout.rtl:  # the logical end of right-to-left text is its left edge
            indent, *rest = text if line.indent else [Segment(""), *text]
            body = [indent, cursor, *rest]
        else:
            body = [*text, cursor]
        return Strip.join([head, Strip(body)]).adjust_cell_length(width, base)
