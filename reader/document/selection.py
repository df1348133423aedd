"""A selection inside one paragraph, moved by words, sentences and characters in reading order.

Offsets are logical code-point offsets into the paragraph (`Block.text`), `end` exclusive, as
everywhere in the document model. Logical order is reading order whatever the direction, so
"extend by a word" means the same for Arabic and English; only the arrow keys on screen depend
on the direction, and the UI maps them onto `extend`/`shrink` by character.

The start stays where the selection began; extending and shrinking move its end, and a
selection never becomes empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.engine.characters import IS_MARK

_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? ؟ ۔ … (repeated, as in "..") and the closing quotes or brackets after
# them, before a space or the paragraph's end: "3.5" and "www.example.com" do not end one.
_SENTENCE = re.compile(r"\S.*?(?:[.!?؟۔…]+[\"'”’»)\]]*(?=\s|$)|$)", re.DOTALL)


def word_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every word (a run of non-space characters, its punctuation included)."""
    return [match.span() for match in _WORD.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence, without the spaces around it, in reading order."""
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding `offset` (or the first one after it); the whole text if it has none."""
    spans = sentence_spans(text)
    for start, end in spans:
        if offset < end:
            return start, end
    return spans[-1] if spans else (0, len(text))


def _next_character(text: str, offset: int) -> int:
    """The offset after the character at `offset` and the combining marks that follow it."""
    offset += 1
    while offset < len(text) and IS_MARK[text[offset]]:
        offset += 1
    return offset


def _previous_character(text: str, offset: int) -> int:
    """The offset of the character (with its marks) that ends at `offset`."""
    offset -= 1
    while offset > 0 and IS_MARK[text[offset]]:
        offset -= 1
    return offset


@dataclass(frozen=True, slots=True)
class Selection:
    block: int
    start: int
    end: int

    def _with_end(self, end: int | None) -> Selection:
        return self if end is None or end <= self.start else Selection(self.block, self.start, end)

    def extend_word(self, text: str) -> Selection:
        """To the end of the next word."""
        return self._with_end(next((end for _, end in word_spans(text) if end > self.end), None))

    def shrink_word(self, text: str) -> Selection:
        """Back to the end of the word before the last one it covers (never below one word)."""
        ends = [end for start, end in word_spans(text) if end < self.end and start >= self.start]
        return self._with_end(ends[-1] if ends else None)

    def extend_sentence(self, text: str) -> Selection:
        """To the end of the next sentence."""
        return self._with_end(next((end for _, end in sentence_spans(text) if end > self.end), None))

    def shrink_sentence(self, text: str) -> Selection:
        """Back to the end of the sentence before the last one it covers (never below one)."""
        ends = [end for start, end in sentence_spans(text) if end < self.end and start >= self.start]
        return self._with_end(ends[-1] if ends else None)

    def extend_character(self, text: str) -> Selection:
        """Over the next character and its marks (a letter is never split from its harakat)."""
        return self._with_end(_next_character(text, self.end) if self.end < len(text) else None)

    def shrink_character(self, text: str) -> Selection:
        return self._with_end(_previous_character(text, self.end))

    @classmethod
    def sentence(cls, block: int, text: str, offset: int) -> Selection:
        """A selection of the sentence at `offset`."""
        start, end = sentence_at(text, offset)
        return cls(block, start, max(end, min(len(text), start + 1)))
