"""Finding a query in the document: both sides folded by reader.engine.normalize (harakat,
hamza forms, ى/ي, ة/ه, tatweel, Latin case), hits mapped back to offsets in the original text."""

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence

from reader.engine.normalize import NormalizedText, fold, normalize


class SearchIndex:
    """Each block normalised once, on the first search that needs it."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._normalized: list[NormalizedText | None] = [None] * len(texts)

    def _block(self, index: int) -> NormalizedText:
        normalized = self._normalized[index]
        if normalized is None:
            normalized = self._normalized[index] = normalize(self._texts[index])
        return normalized

    def adopt(self, normalized: Sequence[NormalizedText]) -> bool:
        """Take each block's normalised text as made elsewhere (by the analysis), in block order:
        the one copy the document keeps. Taken only if they are of this index's very texts;
        returns whether they were."""
        texts = self._texts
        if len(normalized) != len(texts) or any(
            each.original is not text for each, text in zip(normalized, texts, strict=True)
        ):
            return False
        self._normalized = list(normalized)
        return True

    def prepare(self) -> None:
        """Normalise every block now (from a background thread), so that the first search on a
        book costs only the finding. Blocks a search reaches first are simply done twice."""
        for index in range(len(self._texts)):
            self._block(index)

    def find(self, query: str) -> list[tuple[int, int, int]]:
        """(block, start, end) of every match, in document order; offsets into the original."""
        return sorted(hit for hits in self.find_from(query, 0) for hit in hits)

    def find_from(self, query: str, block: int) -> Iterator[list[tuple[int, int, int]]]:
        """The hits of one block after another, from `block` to the end, then from the start:
        what follows the reading position first. Lazy, so a search on a book can be shown as
        it goes and dropped when the query changes."""
        needle = fold(query.strip())
        if not needle:
            return
        count = len(self._texts)
        for index in (*range(block, count), *range(min(block, count))):
            normalized = self._block(index)
            at = normalized.text.find(needle)
            if at < 0:
                continue
            hits = []
            while at >= 0:
                hits.append((index, *normalized.original_span(at, at + len(needle))))
                at = normalized.text.find(needle, at + len(needle))
            yield hits


class SearchHits:
    """The hits of a search being streamed, kept in document order in three arrays (a common
    letter has hundreds of thousands of hits in a book: no tuple per hit).

    Hits arrive as `SearchIndex.find_from` gives them: from the anchor block to the end, then
    from the start; those from the start go before the others. `current` is the first hit at
    or after the anchor, else (once all are in) the first one."""

    def __init__(self, anchor: tuple[int, int]) -> None:
        self.anchor = anchor
        self.complete = False
        self.current: int | None = None
        self._blocks, self._starts, self._ends = array("l"), array("l"), array("l")
        self._wrapped = 0  # how many hits come from the pass after the wrap, at the front

    def __len__(self) -> int:
        return len(self._blocks)

    def __getitem__(self, number: int) -> tuple[int, int, int]:
        return self._blocks[number], self._starts[number], self._ends[number]

    def add(self, hits: list[tuple[int, int, int]]) -> None:
        """One block's hits, in the order `find_from` yields them."""
        block = hits[0][0]
        wrapped = block < self.anchor[0]
        at = self._wrapped if wrapped else len(self._blocks)
        self._blocks[at:at] = array("l", [hit[0] for hit in hits])
        self._starts[at:at] = array("l", [hit[1] for hit in hits])
        self._ends[at:at] = array("l", [hit[2] for hit in hits])
        if wrapped:
            self._wrapped += len(hits)
        if self.current is not None and self.current >= at:
            self.current += len(hits)
        elif self.current is None:
            if wrapped:  # nothing after the anchor so far: the document's first hit
                self.current = 0
            else:
                after = [n for n, hit in enumerate(hits) if block > self.anchor[0] or hit[1] >= self.anchor[1]]
                self.current = at + after[0] if after else None

    def finish(self) -> None:
        self.complete = True
        if self.current is None and self._blocks:
            self.current = 0

    def in_block(self, block: int) -> list[tuple[int, int]]:
        """(start, end) of the hits in one block."""
        first = bisect_left(self._blocks, block)
        last = bisect_right(self._blocks, block, first)
        return list(zip(self._starts[first:last], self._ends[first:last]))
