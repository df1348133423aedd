"""What the article view draws over each block — mentions, quotes, the reader's highlights,
search hits, the current one, the selection —
worked out only for the blocks being drawn: a book has tens of thousands of mentions and a
search for a common letter hundreds of thousands of hits, and none of it costs anything until it
is on screen."""

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar

from reader.document.marks import Mark, MarkKind
from reader.document.model import EntityType, Mention, Quote
from reader.document.selection import Selection
from reader.engine.layout import Span
from reader.ui.search import SearchHits

_Item = TypeVar("_Item", Mention, Quote)


def _in_block(items: Sequence[_Item], block: int) -> Iterator[_Item]:
    """The items of one block, from items in document order."""
    for number in range(bisect_left(items, block, key=lambda item: item.paragraph), len(items)):
        if items[number].paragraph != block:
            return
        yield items[number]


class Highlights(Mapping[int, list[Span]]):
    """Spans per block, in increasing precedence: mentions, quotes, search hits, the current one.

    mentions, quotes and marks are in document order (as the document model gives them; marks
    as `place_all` does, without the lost ones, which are not drawn)."""

    def __init__(
        self,
        *,
        mentions: Sequence[Mention] = (),
        entity_types: Mapping[str, EntityType] | None = None,
        quotes: Sequence[Quote] = (),
        hits: SearchHits | None = None,
        current: tuple[int, int, int] | None = None,
        marks: Sequence[Mark] = (),
        selection: Selection | None = None,
    ) -> None:
        self._mentions = mentions
        self._entity_types = entity_types or {}
        self._quotes = quotes
        self._hits = hits
        self._current = current
        self._marks = [mark for mark in marks if mark.kind is MarkKind.HIGHLIGHT]
        self._selection = selection

    def __getitem__(self, block: int) -> list[Span]:
        spans = [
            Span(mention.start, mention.end, f"mention-{_type_id(self._entity_types.get(mention.entity_id))}")
            for mention in _in_block(self._mentions, block)
        ]
        spans += [Span(quote.start, quote.end, "quote") for quote in _in_block(self._quotes, block)]
        first = bisect_left(self._marks, block, key=lambda mark: mark.block)
        for mark in self._marks[first:]:
            if mark.block != block:
                break
            spans.append(Span(mark.start, mark.end, f"mark-{mark.colour}"))
        if self._hits is not None:
            spans += [Span(start, end, "hit") for start, end in self._hits.in_block(block)]
        if self._current is not None and self._current[0] == block:
            spans.append(Span(self._current[1], self._current[2], "current-hit"))
        if self._selection is not None and self._selection.block == block:
            spans.append(Span(self._selection.start, self._selection.end, "selection"))
        if not spans:
            raise KeyError(block)
        return spans

    def _blocks(self) -> set[int]:
        blocks = {mention.paragraph for mention in self._mentions} | {quote.paragraph for quote in self._quotes}
        blocks.update(mark.block for mark in self._marks)
        if self._selection is not None:
            blocks.add(self._selection.block)
        if self._hits is not None:
            blocks.update(self._hits[number][0] for number in range(len(self._hits)))
        if self._current is not None:
            blocks.add(self._current[0])
        return blocks

    def __iter__(self) -> Iterator[int]:
        return iter(sorted(self._blocks()))

    def __len__(self) -> int:
        return len(self._blocks())


def _type_id(type_: EntityType | None) -> str:
    return type_.id if type_ is not None else ""
