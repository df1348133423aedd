"""The status line, drawn with the engine."""

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.drawing import TextOptions, text_strip


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
