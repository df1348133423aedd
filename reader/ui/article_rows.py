"""Which screen row of the article view shows what: the blocks laid out at one column width.

Rows are the blocks' screen lines in document order, one separator row between blocks (a rule
under the title, a blank row elsewhere). Hidden blocks (related links, when switched off) take no
rows. Only a few integers per block are kept for the whole document; paragraph layouts live in an
LRU cache and are rebuilt on demand.

A block longer than `reader.engine.pieces.PIECE_LIMIT` (a file with no line breaks can be one
paragraph of megabytes) is laid out as consecutive pieces cut at sentence ends, each a unit of its
own here: no more than a piece is ever laid out at once. Rows are counted per unit.

Layout is lazy: a unit's line count starts as an estimate from its length and becomes exact when
the unit is laid out — for the rows on screen at once, for the rest by `measure` (which the view
runs in a background worker) and `apply_counts`. Rows move when an estimate is corrected; the view
keeps its anchor (block, offset) so the text being read stays put.
"""

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, ne, sub

from textual.cache import LRUCache

from reader.engine.bidi import base_level
from reader.engine.layout import ParagraphLayout, ScreenLine
from reader.engine.pieces import PIECE_LIMIT, paragraph_pieces
from reader.ui.drawing import TextOptions

# Word wrap leaves the end of most lines short of the width: about 8% for Arabic prose.
_WRAP_SLACK = 1.08


@dataclass(frozen=True, slots=True)
class TextRow:
    block: int
    line: ScreenLine  # its offsets count from `offset`
    offset: int = 0  # where the piece the line belongs to starts in the block


@dataclass(frozen=True, slots=True)
class SeparatorRow:
    block: int  # the block above the separator
    rule: bool


def estimate_lines(length: int, width: int) -> int:
    """Screen lines of `length` characters at `width`, before they are laid out."""
    return max(1, -(-int(length * _WRAP_SLACK) // width))


class ArticleRows:
    def __init__(
        self,
        texts: Sequence[str],
        visible: Sequence[bool],
        ruled: Sequence[bool],
        width: int,
        options: TextOptions,
        body: Sequence[bool] = (),
        directions: Sequence[str | None] = (),
    ) -> None:
        """texts: each block's text; visible: whether it is shown; ruled: a rule (not a blank
        row) goes under it; width: the column width in cells; body: whether it is a body
        paragraph (justified when options.justify says so; none is when this is empty);
        directions: each block's own base direction ("rtl", "ltr", a book's dir or lang; None:
        from its text), used when options.base_dir is "auto"."""
        self.width = max(1, width)
        self._texts = texts
        self._ruled = ruled
        self._body = body
        self._directions = directions if options.base_dir == "auto" else ()
        self._options = options
        self._layouts: LRUCache[int, ParagraphLayout] = LRUCache(512)
        # One unit per visible block, or per piece of an enormous one: its block and its range.
        # Built with as little Python per block as can be: this runs again on every resize.
        lengths = array("l", map(len, texts))
        shown = array("l", compress(range(len(texts)), visible))
        self._base_dirs: dict[int, str] = {}  # the whole paragraph's direction, for its pieces
        if max(lengths, default=0) <= PIECE_LIMIT:  # nearly every document: a unit per block
            self.blocks, self.offsets = shown, array("l", bytes(shown.itemsize * len(shown)))
            self.ends = array("l", map(lengths.__getitem__, shown))
        else:
            units: list[tuple[int, int, int]] = []
            for index in shown:
                text = texts[index]
                if len(text) > PIECE_LIMIT:
                    own = self._directions[index] if self._directions else None
                    self._base_dirs[index] = own or ("rtl" if base_level(text, options.base_dir) else "ltr")
                    units.extend((index, start, end) for start, end in paragraph_pieces(text))
                else:
                    units.append((index, 0, len(text)))
            blocks, offsets, ends = zip(*units) if units else ((), (), ())
            self.blocks, self.offsets, self.ends = array("l", blocks), array("l", offsets), array("l", ends)
        self.counts = array("l", map(estimate_lines, map(sub, self.ends, self.offsets), repeat(self.width)))
        self._gaps = array("l", map(ne, self.blocks[1:], self.blocks))  # 1 between blocks, 0 between pieces
        self.exact = bytearray(len(self.blocks))  # whether counts[k] is measured, not estimated
        self.exact_count = 0
        self._restart()

    def _restart(self) -> None:
        """Recompute every unit's first row from the counts (one separator row between blocks,
        none between the pieces of a block)."""
        self.starts = array("l", accumulate(map(add, self.counts[:-1], self._gaps), initial=0))
        if not self.blocks:
            self.starts = array("l")
        self.total = (self.starts[-1] + self.counts[-1]) if self.blocks else 0

    @property
    def progress(self) -> float:
        """The share of the blocks laid out exactly, 0 to 1."""
        return self.exact_count / len(self.blocks) if self.blocks else 1.0

    def layout(self, k: int) -> ParagraphLayout:
        """The layout of unit `k` (a whole block, or a piece of one)."""
        layout = self._layouts.get(k)
        if layout is None:
            layout = self._lay_out(k)
            self._layouts[k] = layout
        return layout

    def _lay_out(self, k: int) -> ParagraphLayout:
        block = self.blocks[k]
        text = self._texts[block][self.offsets[k]:self.ends[k]]  # the whole text is not copied
        direction = self._base_dirs.get(block) or (self._directions[block] if self._directions else None)
        return self._options.layout(text, self.width, direction, body=bool(self._body) and self._body[block])

    # -- making estimates exact --------------------------------------------------------------

    def measure(self, positions: Iterable[int]) -> dict[int, int]:
        """Line counts of the visible blocks at `positions` (indexes into `blocks`), laid out
        now. Touches no state, so it may run in a worker thread."""
        return {k: len(self._lay_out(k).lines) for k in positions}

    def apply_counts(self, counts: dict[int, int]) -> int | None:
        """Record measured line counts; returns the first row whose content moved, None if none did."""
        moved: int | None = None
        for k, count in counts.items():
            if not self.exact[k]:
                self.exact[k] = 1
                self.exact_count += 1
            if self.counts[k] != count:
                self.counts[k] = count
                moved = k if moved is None else min(moved, k)
        if moved is None:
            return None
        self._restart()
        return self.starts[moved]  # the rows before the first changed block did not move

    def make_exact(self, first_row: int, last_row: int) -> bool:
        """Lay out every block shown between two rows (inclusive) until the rows there are exact;
        returns whether any row moved."""
        moved = False
        while True:
            k_first = max(0, bisect_right(self.starts, max(0, first_row)) - 1)
            k_last = min(len(self.blocks) - 1, bisect_right(self.starts, max(0, last_row)) - 1)
            todo = [k for k in range(k_first, k_last + 1) if not self.exact[k]]
            if not todo:
                return moved
            counts = {k: len(self.layout(k).lines) for k in todo}
            moved = self.apply_counts(counts) is not None or moved

    # -- rows --------------------------------------------------------------------------------

    def row(self, y: int) -> TextRow | SeparatorRow | None:
        if not 0 <= y < self.total:
            return None
        k = bisect_right(self.starts, y) - 1
        block = self.blocks[k]
        line = y - self.starts[k]
        if line < self.counts[k]:
            lines = self.layout(k).lines
            if line < len(lines):
                return TextRow(block, lines[line], self.offsets[k])
            return SeparatorRow(block, False)  # an estimate too high, until it is corrected
        return SeparatorRow(block, self._ruled[block])

    def block_at(self, y: int) -> int:
        """The block being read at row y: a separator row leads to the block below it."""
        if not self.blocks:
            return 0
        k = max(0, bisect_right(self.starts, max(0, y)) - 1)
        if y >= self.starts[k] + self.counts[k] and k + 1 < len(self.blocks):
            k += 1
        return self.blocks[k]

    def _first_unit(self, block: int) -> int | None:
        k = bisect_left(self.blocks, block)
        return k if k < len(self.blocks) and self.blocks[k] == block else None

    def is_visible(self, block: int) -> bool:
        return self._first_unit(block) is not None

    def first_row(self, block: int) -> int:
        """The row where `block` starts, or where it would be if it is hidden."""
        k = bisect_left(self.blocks, block)
        return self.starts[k] if k < len(self.blocks) else self.total

    def row_of(self, block: int, offset: int) -> int:
        """The row showing logical character `offset` of `block` (laying its piece out exactly)."""
        k = self._first_unit(block)
        if k is None:
            return self.first_row(block)
        while k + 1 < len(self.blocks) and self.blocks[k + 1] == block and self.offsets[k + 1] <= offset:
            k += 1
        self.make_exact(self.starts[k], self.starts[k])
        lines = self.layout(k).lines
        for number, line in enumerate(lines):
            if offset - self.offsets[k] < line.end:
                return self.starts[k] + number
        return self.starts[k] + len(lines) - 1

    def anchor(self, y: int) -> tuple[int, int]:
        """(block, logical offset) of what row y shows: survives a re-layout at another width."""
        found = self.row(y)
        if isinstance(found, TextRow):
            return found.block, found.offset + found.line.start
        return self.block_at(y), 0
