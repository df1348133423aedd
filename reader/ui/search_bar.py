"""The search bar: its field, the hits of the query, and the worker that finds them.

The bar never takes focus: while it is open the screen hands it every key (`type_key`), so no
key can slip past it while focus moves, and none can stay with it once it is closed. What a key
did comes back at once as the result of `type_key`, so keys typed right after Enter or Escape
already find the search closed.
"""

import time
from enum import Enum, auto

from rich.segment import Segment
from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.ui.drawing import TextOptions, line_segments
from reader.ui.search import SearchHits, SearchIndex

SEARCH_BATCH_SECONDS = 0.1  # how often a search under way shows its new hits

_Hit = tuple[int, int, int]


class SearchKey(Enum):
    """What a key did to the search."""

    EDITED = auto()
    SUBMITTED = auto()  # Enter: the hits are kept
    CANCELLED = auto()  # Escape: the search before this one is back (or none)


class SearchField(Widget):
    """The query: kept as logical text, drawn shaped and reordered by the engine, with a cursor
    at the logical end. A query shown `selected` (the last one, when the bar opens again) is
    replaced by the first letter typed."""

    COMPONENT_CLASSES = {"search-field--cursor", "search-field--prompt", "search-field--selected"}
    DEFAULT_CSS = """
    SearchField { height: 1; }
    SearchField > .search-field--cursor { text-style: reverse; }
    SearchField > .search-field--selected { text-style: reverse; }
    """

    def __init__(self, options: TextOptions, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.query_text = ""
        self.selected = False
        self.count = ""  # e.g. "3/12", shown after the prompt

    def show(self, query_text: str, *, selected: bool = False) -> None:
        self.query_text, self.selected = query_text, selected
        self.refresh()

    def set_count(self, count: str) -> None:
        if count != self.count:
            self.count = count
            self.refresh()

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
        text_style = base + self.get_component_rich_style("search-field--selected") if self.selected else base
        layout = self._options.layout(self.query_text, room)
        line = layout.lines[-1]  # the line holding the logical end, where the cursor is
        text = line_segments(line, text_style)
        if layout.rtl:  # the logical end of right-to-left text is its left edge
            indent, *rest = text if line.indent else [Segment(""), *text]
            body = [Segment(indent.text, base), cursor, *rest]
        else:
            body = [*text, cursor]
        return Strip.join([head, Strip(body)]).adjust_cell_length(width, base)


class _HitsFound(Message, bubble=False):
    """From the search worker: the hits of some blocks, for the search `hits` (maybe replaced since)."""

    def __init__(self, hits: SearchHits, batch: list[list[_Hit]], complete: bool) -> None:
        super().__init__()
        self.hits = hits
        self.batch = batch
        self.complete = complete


class SearchBar(Widget):
    """Search from the reading position on: the first hit is shown as soon as it is found and the
    count grows as the rest come in; a new query drops the search under way.

    Opened again after a search was kept, it shows that query selected: typing replaces it,
    Enter keeps it, Escape keeps the earlier search's hits."""

    DEFAULT_CSS = """
    SearchBar { height: 1; }
    """

    class HitsChanged(Message):
        """The hits or the current one changed; `first`: the first hit to show was just found."""

        def __init__(self, first: bool) -> None:
            super().__init__()
            self.first = first

    def __init__(self, options: TextOptions, texts: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._options = options
        self.index = SearchIndex(texts)
        self.hits = SearchHits((0, 0))
        self.opened_at: tuple[int, int] = (0, 0)  # where the reader was when the bar opened
        self._kept: tuple[str, SearchHits] | None = None  # the last search kept with Enter
        self.field = SearchField(options, id="search")

    def compose(self) -> ComposeResult:
        yield self.field

    def set_texts(self, texts: list[str]) -> None:
        """The whole document (after its start): a new index; hits found so far stay valid."""
        self.index = SearchIndex(texts)

    @property
    def query_text(self) -> str:
        return self.field.query_text

    def open(self, reading_at: tuple[int, int]) -> None:
        self.opened_at = reading_at
        if self._kept is not None:
            self.field.show(self._kept[0], selected=True)

    def type_key(self, event: events.Key) -> SearchKey | None:
        """Edit the query with a key; None when the key is not the bar's."""
        field = self.field
        if event.key == "enter":
            if self.query_text.strip() and self.hits:
                self._kept = (self.query_text, self.hits)
            field.show(self.query_text)
            return SearchKey.SUBMITTED
        if event.key == "escape":
            self._restore_kept()
            return SearchKey.CANCELLED
        if event.key == "backspace":
            self._search("" if field.selected else self.query_text[:-1])
        elif event.is_printable and event.character:
            self._search(event.character if field.selected else self.query_text + event.character)
        else:
            return None
        return SearchKey.EDITED

    def _restore_kept(self) -> None:
        self.workers.cancel_group(self, "search")
        if self._kept is None:
            self.field.show("")
            self.hits = SearchHits((0, 0))
        else:
            self.field.show(self._kept[0])
            self.hits = self._kept[1]
        self._show_count()
        self.post_message(self.HitsChanged(first=False))

    def _search(self, query: str) -> None:
        self.field.show(query)
        self.hits = SearchHits(self.opened_at)
        if query.strip():
            self.run_worker(lambda: self._find(query, self.hits), thread=True, exclusive=True, group="search")
        else:
            self.workers.cancel_group(self, "search")
            self.hits.finish()
        self._show_count()
        self.post_message(self.HitsChanged(first=False))

    def _find(self, query: str, hits: SearchHits) -> None:
        """In a worker thread: hand the hits over a batch at a time, the first at once."""
        worker = get_current_worker()
        index = self.index
        batch: list[list[_Hit]] = []
        handed: float | None = None
        for block_hits in index.find_from(query, hits.anchor[0]):
            if worker.is_cancelled:
                return
            batch.append(block_hits)
            if handed is None or time.monotonic() - handed >= SEARCH_BATCH_SECONDS:
                self.post_message(_HitsFound(hits, batch, False))
                batch, handed = [], time.monotonic()
        if not worker.is_cancelled:
            self.post_message(_HitsFound(hits, batch, True))

    def on__hits_found(self, message: _HitsFound) -> None:
        hits = message.hits
        if hits is not self.hits:  # hits of a query since replaced
            return
        had_current = hits.current is not None
        for block_hits in message.batch:
            hits.add(block_hits)
        if message.complete:
            hits.finish()
        self._show_count()
        self.post_message(self.HitsChanged(first=not had_current and hits.current is not None))

    def step(self, step: int) -> bool:
        """Make the next (or previous) hit current; False when there are none."""
        hits = self.hits
        if not hits:
            return False
        if hits.current is None:
            hits.current = 0 if step > 0 else len(hits) - 1
        else:
            hits.current = (hits.current + step) % len(hits)
        self._show_count()
        return True

    def _show_count(self) -> None:
        """n/total after the query, with … while the search goes on."""
        hits = self.hits
        if not self.query_text.strip():
            count = ""
        elif hits.current is not None:
            count = f"{hits.current + 1}/{len(hits)}"
        else:
            count = f"0/{len(hits)}"
        self.field.set_count(count if hits.complete or not count else count + "…")
