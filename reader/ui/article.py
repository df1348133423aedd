"""The article view: a ScrollView on Textual's Line API drawing the engine's screen lines.

Modelled on textual/widgets/_rich_log.py: `render_line` looks up the row, builds a Strip from
the engine's runs and keeps it in an LRU cache keyed by what can change it.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.document.marks import COLOURS
from reader.document.model import BlockKind, EntityType
from reader.engine.layout import Span
from reader.ui.article_rows import ArticleRows, SeparatorRow
from reader.ui.drawing import TextOptions, line_segments, safe_link
from reader.ui.freed import release_freed_memory
from reader.ui.quiet import InputQuiet
from reader.ui.row_view import RowView

DEFAULT_MEASURE = 80
MIN_MEASURE = 20
MEASURE_STEP = 8

LAYOUT_CHUNK = 50  # blocks measured per step of the background layout (a few milliseconds)
LAYOUT_HAND_OVER_SECONDS = 0.1  # how often the measured counts reach the view (and progress shows)
# The first hand-over waits longer: each redraws the view (the scrollbar moves), and a short
# document's whole layout is over by then, its counts handed over at once.
LAYOUT_FIRST_HAND_OVER_SECONDS = 1.0
# A document this small is laid out whole before it is drawn, on the app's thread (a few tens
# of milliseconds): no worker, and its rows are exact from the first frame on.
SMALL_DOCUMENT_BLOCKS = 200
SMALL_DOCUMENT_CHARACTERS = 20_000
HISTORY_LIMIT = 100  # jumps Backspace can go back over


class _CountsMeasured(Message, bubble=False):
    """From the background layout: exact line counts of some blocks of `rows`."""

    def __init__(self, rows: ArticleRows, counts: dict[int, int]) -> None:
        super().__init__()
        self.rows = rows
        self.counts = counts



class ArticleView(RowView, can_focus=True):
    """The document's blocks laid out in a reading column; highlights are spans per block. It
    keeps the jump history: `jump` remembers where the reader was, `jump_back` returns there."""

    STRIP_CACHE_SIZE = 1024

    COMPONENT_CLASSES = {
        "article--title",
        "article--lead",
        "article--heading",
        "article--byline",
        "article--footnote",
        "article--dateline",
        "article--note-reference",
        "article--body",
        "article--caption",
        "article--related-link",
        "article--embed",
        "article--rule",
        "article--link",
        "article--quote",
        "article--hit",
        "article--current-hit",
        "article--selection",
        *(f"article--mark-{colour}" for colour in range(COLOURS)),
        "article--mention",
        *(f"article--mention-{type_.id}" for type_ in EntityType if type_ is not EntityType.OTHER),
    }

    class Reflowed(Message):
        """Estimated rows were laid out exactly (progress for the status line)."""

    def __init__(
        self,
        texts: Sequence[str],
        kinds: Sequence[BlockKind],
        links: Sequence[Sequence[tuple[int, int, str]]],
        options: TextOptions,
        *,
        measure: int = DEFAULT_MEASURE,
        quiet: InputQuiet | None = None,
        id: str | None = None,
        directions: Sequence[str | None] = (),
        marked: Sequence[Sequence[tuple[int, int, str]]] = (),
    ) -> None:
        """texts/kinds: each block's text and kind; links: (start, end, url) per block; quiet:
        when the background layout gives way to input; directions: each block's own base
        direction (None: from its text); marked: spans the document marks per block, (start,
        end, kind) — a dateline, a note reference."""
        super().__init__(id=id)
        self._quiet = quiet or InputQuiet()
        self._take_blocks(texts, kinds, links, directions, marked)
        self._options = options
        self.measure = measure
        self.hidden_kinds: frozenset[BlockKind] = frozenset()
        self._spans: Mapping[int, Sequence[Span]] = {}
        self._rows: ArticleRows | None = None
        self.history: list[tuple[int, int]] = []
        self._at_end = False  # the reader asked for the end: it stays shown while the rows above settle
        self._opens_at: tuple[int, int] | None = None  # where the first frame shows (open_at)

    def open_at(self, block: int, offset: int = 0) -> None:
        """Show `block` at `offset` at the top from the first frame on (a remembered position),
        instead of drawing the start and then going there."""
        self._opens_at = (block, offset)

    def _take_blocks(
        self, texts: Sequence[str], kinds: Sequence[BlockKind], links: Sequence[Sequence[tuple[int, int, str]]],
        directions: Sequence[str | None] = (), marked: Sequence[Sequence[tuple[int, int, str]]] = (),
    ) -> None:
        self._texts = texts
        self._kinds = kinds
        self._directions = directions
        self._marked = marked
        # Most blocks have no link: they share one empty tuple (a book has tens of thousands).
        self._links: list[Sequence[tuple[int, int, str | None]]] = [
            [(start, end, safe_link(url)) for start, end, url in block] if block else () for block in links
        ]
        for number, kind in enumerate(kinds):  # an embed is a bare URL: the whole line is its link
            if kind is BlockKind.EMBED and not self._links[number] and safe_link(texts[number]):
                self._links[number] = [(0, len(texts[number]), safe_link(texts[number]))]

    def set_blocks(
        self, texts: Sequence[str], kinds: Sequence[BlockKind], links: Sequence[Sequence[tuple[int, int, str]]],
        directions: Sequence[str | None] = (), marked: Sequence[Sequence[tuple[int, int, str]]] = (),
    ) -> None:
        """The whole document after its start (see open_document's preview): the text at the
        top of the view stays there."""
        self._take_blocks(texts, kinds, links, directions, marked)
        self._relayout(keep_anchor=True)

    # -- layout ------------------------------------------------------------------------------

    @property
    def rows(self) -> ArticleRows:
        if self._rows is None:
            self._relayout()
        assert self._rows is not None
        return self._rows

    @property
    def column_width(self) -> int:
        return max(1, min(self.measure, self.scrollable_content_region.width or self.measure))

    def _relayout(self, keep_anchor: bool = False) -> None:
        """Lay out again (new width, measure or hidden kinds): what is on screen first and exactly,
        the rest estimated, then measured in a background worker."""
        anchor = self.top_anchor if keep_anchor and self._rows is not None else None
        if self._opens_at is not None and self.scrollable_content_region.height:  # the first layout with a size
            anchor, self._opens_at = self._opens_at, None
        visible = [kind not in self.hidden_kinds for kind in self._kinds]
        ruled = [kind is BlockKind.TITLE for kind in self._kinds]
        body = [kind is BlockKind.BODY for kind in self._kinds]
        rows = self._rows = ArticleRows(self._texts, visible, ruled, self.column_width, self._options, body,
                                        self._directions)
        height = max(1, self.scrollable_content_region.height)
        top = rows.row_of(*anchor) if anchor is not None else 0
        rows.make_exact(top, top + height)
        small = len(rows.blocks) <= SMALL_DOCUMENT_BLOCKS and sum(rows.ends) - sum(rows.offsets) <= SMALL_DOCUMENT_CHARACTERS
        if small and rows.progress < 1 and self.scrollable_content_region.width:
            # Whole, before it is drawn: drawn again for the rest's counts (the scrollbar moves),
            # the view would take two more frames.
            rows.apply_counts(rows.measure([k for k in range(len(rows.blocks)) if not rows.exact[k]]))
        if keep_anchor and self._at_end:  # the reader asked for the end: the new end (a whole book's)
            self._show_end()
        else:
            self._rows_changed()
            if anchor is not None:
                self.scroll_to(y=rows.row_of(*anchor), animate=False, immediate=True)
        if small and rows.progress < 1:  # laid out before the view had a width: once it has one
            self.call_after_refresh(self._measure_all_now, rows)
        elif rows.progress < 1:
            # After the frame being drawn: the worker competes with it for the interpreter.
            self.call_after_refresh(
                self.run_worker, partial(self._measure_rest, rows), thread=True, exclusive=True, group="layout"
            )

    def _measure_all_now(self, rows: ArticleRows) -> None:
        if rows is self._rows:
            self._apply_measured(rows, rows.measure([k for k in range(len(rows.blocks)) if not rows.exact[k]]))

    def _measure_rest(self, rows: ArticleRows) -> None:
        worker = get_current_worker()
        counts: dict[int, int] = {}
        handed = time.monotonic() + LAYOUT_FIRST_HAND_OVER_SECONDS - LAYOUT_HAND_OVER_SECONDS
        for first in range(0, len(rows.blocks), LAYOUT_CHUNK):
            self._quiet.wait()
            if worker.is_cancelled or rows is not self._rows:
                return
            todo = [k for k in range(first, min(len(rows.blocks), first + LAYOUT_CHUNK)) if not rows.exact[k]]
            counts.update(rows.measure(todo))
            last = first + LAYOUT_CHUNK >= len(rows.blocks)
            # Handed over a few times a second, not every chunk: each hand-over redraws the view.
            if counts and (last or time.monotonic() - handed >= LAYOUT_HAND_OVER_SECONDS):
                # Posted, not called on the app's thread: a worker waiting on the app could hold
                # the app's shutdown (which waits for its workers).
                self.post_message(_CountsMeasured(rows, counts))
                counts, handed = {}, time.monotonic()
        release_freed_memory()  # of the layouts made to count lines

    def on__counts_measured(self, message: _CountsMeasured) -> None:
        self._apply_measured(message.rows, message.counts)

    def _apply_measured(self, rows: ArticleRows, counts: dict[int, int]) -> None:
        if rows is not self._rows:
            return
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        anchor = rows.anchor(top)
        before = rows.row_of(*anchor)
        first_moved = rows.apply_counts(counts)
        if first_moved is not None:
            if self._at_end:
                self._show_end()
            elif first_moved >= top + height:
                # Only rows below the view moved: what is shown stays, only the scroll range grows.
                self._forget_rows_from(first_moved)
                self.virtual_size = Size(self.scrollable_content_region.width, rows.total)
            else:
                self._rows_changed()
                # Moved by as much as the anchor moved: a separator row at the top stays at the top.
                self.scroll_to(y=top + rows.row_of(*anchor) - before, animate=False, immediate=True)
        self.post_message(self.Reflowed())

    def _rows_changed(self) -> None:
        assert self._rows is not None
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, self._rows.total)
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled into estimated rows: lay them out exactly, keeping the text at the top put."""
        if round(new_value) < round(self.max_scroll_y):
            self._at_end = False
        rows = self._rows
        if rows is not None and rows.progress < 1:
            height = max(1, self.scrollable_content_region.height)
            top = round(new_value)
            anchor = rows.anchor(top)
            before = rows.row_of(*anchor)
            if rows.make_exact(top, top + height):
                self._rows_changed()
                self.scroll_to(y=top + rows.row_of(*anchor) - before, animate=False, immediate=True)
        super().watch_scroll_y(old_value, new_value)

    @property
    def layout_progress(self) -> float:
        return self.rows.progress

    def on_resize(self, event: events.Resize) -> None:
        rows = self._rows
        if rows is None or rows.width != self.column_width:
            self._relayout(keep_anchor=True)
            return
        # The same column: only the rows a taller view shows may need laying out. Textual draws
        # a resized view again anyway; what it shows did not change.
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        anchor = rows.anchor(top)
        before = rows.row_of(*anchor)
        if rows.make_exact(top, top + height):
            self._rows_changed()
            self.scroll_to(y=top + rows.row_of(*anchor) - before, animate=False, immediate=True)
        else:
            self.virtual_size = Size(self.scrollable_content_region.width, rows.total)

    def set_measure(self, measure: int) -> None:
        """Change the reading measure; the paragraph at the top stays at the top."""
        self.measure = max(MIN_MEASURE, measure)
        self._relayout(keep_anchor=True)

    @property
    def justify(self) -> str:
        return self._options.justify

    def set_justify(self, justify: str) -> None:
        """Justify the body paragraphs another way (none, spaces, kashida); the lines stay the same."""
        self._options = replace(self._options, justify=justify)
        self._relayout(keep_anchor=True)

    def set_hidden_kinds(self, kinds: frozenset[BlockKind]) -> None:
        self.hidden_kinds = kinds
        self._relayout(keep_anchor=True)

    def set_spans(self, spans: Mapping[int, Sequence[Span]]) -> None:
        """Highlights to draw: per block, spans whose style names a component class suffix. The
        caller sets them only when they changed (each call redraws the view)."""
        self._spans = spans
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # -- position ----------------------------------------------------------------------------

    @property
    def top_anchor(self) -> tuple[int, int]:
        """(block, offset) at the top of the view."""
        return self.rows.anchor(round(self.scroll_y))

    @property
    def top_block(self) -> int:
        return self.rows.block_at(round(self.scroll_y))

    @property
    def percent(self) -> int:
        if self.max_scroll_y <= 0:
            return 100
        return round(100 * self.scroll_y / self.max_scroll_y)

    def go_end(self) -> None:
        """Show the end of the document, its last rows laid out exactly; it stays at the end while
        the rows above it are still being measured (until the reader scrolls away)."""
        self._show_end()
        self._at_end = True

    def _show_end(self) -> None:
        rows = self.rows
        height = max(1, self.scrollable_content_region.height)
        rows.make_exact(rows.total - height, rows.total)
        self._rows_changed()
        self.scroll_to(y=max(0, rows.total - height), animate=False, immediate=True)

    def scroll_page(self, direction: int) -> None:
        """One page down (1) or up (-1), at once: no animation, not deferred to the next frame."""
        height = self.scrollable_content_region.height
        self.scroll_relative(y=direction * height, animate=False, immediate=True)

    def jump(self, block: int, offset: int = 0, *, top: bool = True) -> None:
        """Go to `block` at `offset` (see go_to), remembering where the reader was for `jump_back`."""
        self.remember_place()
        self.go_to(block, offset, top=top)

    def jump_to_end(self) -> None:
        self.remember_place()
        self.go_end()

    def remember_place(self, anchor: tuple[int, int] | None = None) -> None:
        """Where the reader is (or was: `anchor`), for Backspace."""
        self.history.append(anchor or self.top_anchor)
        del self.history[:-HISTORY_LIMIT]

    def jump_back(self) -> bool:
        """Back to where the reader was before the last jump; False when there is none."""
        if not self.history:
            return False
        self.go_to(*self.history.pop())
        return True

    def go_to(self, block: int, offset: int = 0, *, top: bool = True) -> None:
        """Show `block` at `offset`: at the top of the view, or (top=False) a third of the way
        down unless it is already in view."""
        row = self.rows.row_of(block, offset)
        if top:
            self.scroll_to(y=row, animate=False, immediate=True)
            return
        height = self.scrollable_content_region.height
        if self.scroll_y <= row < self.scroll_y + height:
            return
        self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    # -- drawing -----------------------------------------------------------------------------

    def _style(self, name: str, in_bold: bool = False) -> Style:
        if name.startswith("link:"):
            url = self._links_of_span(name)
            return self.get_component_rich_style("article--link") + Style(link=url) if url else Style()
        component = f"article--{name}"
        if component not in self.COMPONENT_CLASSES:
            component = "article--mention" if name.startswith("mention-") else "article--body"
        style = self.get_component_rich_style(component)
        if in_bold and name.startswith("mention") and style.bold:
            # Mentions are bold; in a bold title, lead or heading they stand out by not being bold,
            # so they stay distinguishable without colour.
            style += Style(bold=False)
        return style

    def _links_of_span(self, name: str) -> str | None:
        block, number = (int(part) for part in name[len("link:") :].split("."))
        return self._links[block][number][2]

    def render_lines(self, crop: Region) -> list[Strip]:
        # The content width can change without a Resize (the first frame, a scrollbar coming):
        # check once per frame that the rows were laid out for the width being drawn.
        if self._rows is not None and (self._rows.width != self.column_width or self._opens_at is not None):
            self._relayout(keep_anchor=True)
        return super().render_lines(crop)

    def _strip_key(self, row: int, width: int) -> tuple:
        return (row, width, self.column_width)

    def _render_row(self, row: int, width: int) -> Strip:
        base = self.rich_style
        found = self.rows.row(row)
        column = self.column_width
        margin = max(0, (width - column) // 2)
        if isinstance(found, SeparatorRow):
            if not found.rule:
                return Strip.blank(width, base)
            rule_style = base + self.get_component_rich_style("article--rule")
            return Strip([Segment(" " * margin, base), Segment("─" * column, rule_style)]).adjust_cell_length(
                width, base
            )
        if found is None:
            return Strip.blank(width, base)
        block_style = base + self.get_component_rich_style(f"article--{self._kinds[found.block]}")
        spans = [
            *(
                Span(start, end, f"link:{found.block}.{number}")
                for number, (start, end, url) in enumerate(self._links[found.block])
                if url
            ),
            *(Span(start, end, kind) for start, end, kind in (self._marked[found.block] if self._marked else ())),
            *self._spans.get(found.block, ()),
        ]
        if found.offset:  # a line of a piece of an enormous paragraph: offsets from the piece
            spans = [Span(span.start - found.offset, span.end - found.offset, span.style) for span in spans]
        style_of = partial(self._style, in_bold=bool(block_style.bold))
        segments = [Segment(" " * margin, base), *line_segments(found.line, block_style, spans, style_of)]
        return Strip(segments).adjust_cell_length(width, base)
