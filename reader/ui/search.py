"""Finding a query in the document: both sides folded by reader.engine.normalize (harakat,
hamza forms, ى/ي, ة/ه, tatweel, Latin case), hits mapped back to offsets in the original text."""

from collections.abc import Sequence

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

    def find(self, query: str) -> list[tuple[int, int, int]]:
        """(block, start, end) of every match, in document order; offsets into the original."""
        needle = fold(query.strip())
        if not needle:
            return []
        hits = []
        for index in range(len(self._texts)):
            normalized = self._block(index)
            at = normalized.text.find(needle)
            while at >= 0:
                hits.append((index, *normalized.original_span(at, at + len(needle))))
                at = normalized.text.find(needle, at + len(needle))
        return hits
