"""A ScrollView drawn row by row on the Line API, each row's strip cached (as Textual's RichLog)."""

from textual.cache import LRUCache
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowView(ScrollView, inherit_bindings=False):
    """Not ScrollView's bindings: they scroll with an animation and would shadow the reader's own
    keys (PageDown, arrows, Home, End) whenever the view has focus."""

    STRIP_CACHE_SIZE = 256

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._strips: LRUCache[tuple, Strip] = LRUCache(self.STRIP_CACHE_SIZE)

    def _strip_key(self, row: int, width: int) -> tuple:
        """What a cached row depends on besides its content (cleared with `_strips` on change)."""
        return (row, width)

    def _render_row(self, row: int, width: int) -> Strip:
        raise NotImplementedError

    def _forget_rows_from(self, first: int) -> None:
        """Drop the cached strips of rows `first` and after (their content changed)."""
        for key in [key for key in self._strips.keys() if key[0] >= first]:
            self._strips.discard(key)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row = scroll_y + y
        key = self._strip_key(row, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, width)
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
