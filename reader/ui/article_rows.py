"""Which screen row of the article view shows what: the blocks laid out at one column width.

Rows are the blocks' screen lines in document order, one separator row between blocks (a rule
under the title, a blank row elsewhere). Hidden blocks (related links, when switched off) take no
rows. Paragraph layouts are kept in an LRU cache and rebuilt on demand; only two integers per
block are kept for the whole document.
"""

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from textual.cache import LRUCache

from reader.engine.layout import ParagraphLayout, ScreenLine
from reader.ui.drawing import TextOptions


@dataclass(frozen=True, slots=True)
class TextRow:
    block: int
    line: ScreenLine


@dataclass(frozen=True, slots=True)
class SeparatorRow:
    block: int  # the block above the separator
    rule: bool


class ArticleRows:
    def __init__(
        self,
        texts: Sequence[str],
        visible: Sequence[bool],
        ruled: Sequence[bool],
        width: int,
        options: TextOptions,
    ) -> None:
        """texts: each block's text; visible: whether it is shown; ruled: a rule (not a blank
        row) goes under it; width: the column width in cells."""
        self.width = max(1, width)
        self._texts = texts
        self._ruled = ruled
        self._options = options
        self._layouts: LRUCache[int, ParagraphLayout] = LRUCache(512)
        self.blocks = array("l")  # visible blocks, in order
        self.starts = array("l")  # first row of each visible block
        self.counts = array("l")  # its number of lines
        row = 0
        for index, text in enumerate(texts):
            if not visible[index]:
                continue
            if self.blocks:
                row += 1  # the separator under the previous block
            count = len(self.layout(index).lines)
            self.blocks.append(index)
            self.starts.append(row)
            self.counts.append(count)
            row += count
        self.total = row
        self._position = {block: k for k, block in enumerate(self.blocks)}

    def layout(self, block: int) -> ParagraphLayout:
        layout = self._layouts.get(block)
        if layout is None:
            layout = self._options.layout(self._texts[block], self.width)
            self._layouts[block] = layout
        return layout

    def row(self, y: int) -> TextRow | SeparatorRow | None:
        if not 0 <= y < self.total:
            return None
        k = bisect_right(self.starts, y) - 1
        block = self.blocks[k]
        line = y - self.starts[k]
        if line < self.counts[k]:
            return TextRow(block, self.layout(block).lines[line])
        return SeparatorRow(block, self._ruled[block])

    def block_at(self, y: int) -> int:
        """The block being read at row y: a separator row leads to the block below it."""
        if not self.blocks:
            return 0
        k = max(0, bisect_right(self.starts, max(0, y)) - 1)
        if y >= self.starts[k] + self.counts[k] and k + 1 < len(self.blocks):
            k += 1
        return self.blocks[k]

    def is_visible(self, block: int) -> bool:
        return block in self._position

    def first_row(self, block: int) -> int:
        """The row where `block` starts, or where it would be if it is hidden."""
        k = self._position.get(block)
        if k is not None:
            return self.starts[k]
        for later, start in zip(self.blocks, self.starts):
            if later > block:
                return start
        return self.total

    def row_of(self, block: int, offset: int) -> int:
        """The row showing logical character `offset` of `block`."""
        if block not in self._position:
            return self.first_row(block)
        lines = self.layout(block).lines
        for number, line in enumerate(lines):
            if offset < line.end:
                return self.starts[self._position[block]] + number
        return self.starts[self._position[block]] + len(lines) - 1

    def anchor(self, y: int) -> tuple[int, int]:
        """(block, logical offset) of what row y shows: survives a re-layout at another width."""
        found = self.row(y)
        if isinstance(found, TextRow):
            return found.block, found.line.start
        return self.block_at(y), 0
