"""Arabic (and Latin) normalisation for matching: glossary mentions and search use this one module.

`normalize(text)` folds what a reader does not distinguish when looking for a word:
- harakat and other Arabic combining marks, tatweel, and invisible format characters
  (ZWNJ, ZWJ, LRM, RLM, ALM) are dropped;
- أ إ آ ٱ → ا, ى → ي, ة → ه (and the Persian ی ک → ي ك, the same letters typed on another layout);
- Arabic presentation forms (pre-shaped text, e.g. copied from a PDF) → their letters (ﻻ → لا);
- case is folded (str.casefold, so Latin, Greek, Cyrillic alike).

It returns the folded text together with a compact map back to offsets in the original, so a
match found in the folded text can be highlighted in the text as the document says it.
The folding is one `str.translate`; the map is built only from the few places where the length
changes (dropped marks, expansions), so a 10 MB document costs well under a second.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

_LETTER_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك",
}
_INVISIBLE = "\u0640\u061c\u200c\u200d\u200e\u200f"  # tatweel, ALM, ZWNJ, ZWJ, LRM, RLM
_ARABIC_BLOCKS = ((0x0600, 0x0700), (0x0750, 0x0780), (0x0870, 0x0900))
_PRESENTATION_FORMS = ((0xFB50, 0xFE00), (0xFE70, 0xFF00))
_CASED_PLANES_END = 0x20000  # every cased letter in Unicode lies below this


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(_CASED_PLANES_END):
        folded = chr(cp).casefold()
        if folded != chr(cp):
            table[cp] = folded
    for low, high in _ARABIC_BLOCKS:
        for cp in range(low, high):
            if unicodedata.category(chr(cp)) == "Mn":
                table[cp] = None
    for char in _INVISIBLE:
        table[ord(char)] = None
    for char, folded in _LETTER_FOLDS.items():
        table[ord(char)] = folded
    for low, high in _PRESENTATION_FORMS:
        for cp in range(low, high):
            decomposed = unicodedata.normalize("NFKC", chr(cp))
            if decomposed == chr(cp):
                continue
            folded = decomposed.translate(table)
            # Isolated forms of harakat decompose to a space plus the mark: drop them whole.
            table[cp] = folded if folded.strip() else None
    return table


@cache
def _folding() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """The folding table and the characters that change the length, built on first use (not at
    import: it takes a noticeable part of the app's start, and the first search is later)."""
    table = _build_table()
    # Only around characters whose folding is not exactly one character does the map change:
    # runs of dropped ones (the common case: harakat) and single expanding ones (ß → ss, ﻻ → لا).
    dropped = "".join(re.escape(chr(cp)) for cp, folded in sorted(table.items()) if folded is None)
    expanding = "".join(re.escape(chr(cp)) for cp, folded in sorted(table.items()) if folded and len(folded) > 1)
    return table, re.compile(f"([{dropped}]+)|[{expanding}]")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """`text` folded for matching; offsets in it map back into `original`.

    The map is piecewise: from `_starts[k]` on, original offset = folded offset + `_shifts[k]`.
    """

    original: str
    text: str
    _starts: array
    _shifts: array

    def original_offset(self, index: int) -> int:
        """Offset in the original of the folded character at `index` (len(text) → len(original)).

        Marks dropped after a letter belong to that letter: the end of a match maps past them.
        """
        return index + self._shifts[bisect_right(self._starts, index) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_offset(start), self.original_offset(end)


def normalize(text: str) -> NormalizedText:
    table, resizing = _folding()
    folded = text.translate(table)
    starts = array("i", [0])
    shifts = array("i", [0])
    if resizing.search(text) is None:
        return NormalizedText(text, folded, starts, shifts)

    def set_shift(position: int, shift: int) -> None:
        if shifts[-1] == shift:
            return
        if starts[-1] == position:
            shifts[-1] = shift
            if len(shifts) > 1 and shifts[-2] == shift:
                del starts[-1], shifts[-1]
        else:
            starts.append(position)
            shifts.append(shift)

    shift = 0
    for run in resizing.finditer(text):
        position = run.start() - shift
        if run.group(1) is None:  # one expanding character: every piece maps back to it
            for _ in table[ord(run.group())]:
                set_shift(position, run.start() - position)
                position += 1
        shift = run.end() - position
        set_shift(position, shift)
    return NormalizedText(text, folded, starts, shifts)


def fold(text: str) -> str:
    """The folded text alone: for keys and queries, where no map back is needed."""
    return text.translate(_folding()[0])
