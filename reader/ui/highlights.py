"""What the article view draws over each block — mentions, quotes, search hits, the current one —
worked out only for the blocks being drawn: a book has tens of thousands of mentions and a
search for a common letter hundreds of thousands of hits, and none of it costs anything until it
is on screen."""

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence

from reader.document.model import EntityType, Mention, Quote
from reader.engine.layout import Span
from reader.ui.search import SearchHits


def _in_block(items: Sequence[Mention] | Sequence[Quote], block: int) -> Iterator[Mention | Quote]:
    """The items of one block, from items in document order."""
    for number in range(bisect_left(items, block, key=lambda item: item.paragraph), len(items)):
        if items[number].paragraph != block:
            return
        yield items[number]


class Highlights(Mapping[int, list[Span]]):
    """Spans per block, in increasing precedence: mentions, quotes, search hits, the current one.

    mentions and quotes are in document order (as the document model gives them)."""

    def __init__(
        self,
        *,
        mentions: Sequence[Mention] = (),
        entity_types: Mapping[str, EntityType] | None = None,
        quotes: Sequence[Quote] = (),
        hits: SearchHits | None = None,
        current: tuple[int, int, int] | None = None,
    ) -> None:
        self._mentions = mentions
        self._entity_types = entity_types or {}
        self._quotes = quotes
        self._hits = hits
        self._current = current

    def __getitem__(self, block: int) -> list[Span]:
        spans = [
            Span(mention.start, mention.end, f"mention-{_type_id(self._entity_types.get(mention.entity_id))}")
            for mention in _in_block(self._mentions, block)
        ]
        spans += [Span(quote.start, quote.end, "quote") for quote in _in_block(self._quotes, block)]
        if self._hits is not None:
            spans += [Span(start, end, "hit") for start, end in self._hits.in_block(block)]
        if self._current is not None and self._current[0] == block:
            spans.append(Span(self._current[1], self._current[2], "current-hit"))
        if not spans:
            raise KeyError(block)
        return spans

    def _blocks(self) -> set[int]:
        blocks = {item.paragraph for item in (*self._mentions, *self._quotes)}
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
