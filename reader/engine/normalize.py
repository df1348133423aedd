"""Arabic (and Latin) normalisation for matching: glossary mentions and search use this one module.

`normalize(text)` folds what a reader does not distinguish when looking for a word:
- harakat and other Arabic combining marks, tatweel, and invisible format characters
  (ZWNJ, ZWJ, LRM, RLM, ALM) are dropped;
- أ إ آ ٱ → ا, ى → ي, ة → ه (and the Persian ی ک → ي ك, the same letters typed on another layout);
- Arabic presentation forms (pre-shaped text, e.g. copied from a PDF) → their letters (ﻻ → لا);
- case is folded (str.casefold, so Latin, Greek, Cyrillic alike).

It returns the folded text together with a compact map back to offsets in the original, so a
match found in the folded text can be highlighted in the text as the document says it.
The folding is one `str.translate` over a table filled as characters are met; the map is built
only from the few places where the length changes (dropped marks, expansions), so a 10 MB
document costs well under a second.
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


class _FoldTable(dict[int, "str | None"]):
    """Code point → its folding (None: dropped), for str.translate. Filled on demand, one code
    point at a time: building it for all of Unicode took ~50 ms of every start."""

    def __missing__(self, cp: int) -> str | None:
        char = chr(cp)
        if char in _INVISIBLE:
            folded = None
        elif char in _LETTER_FOLDS:
            folded = _LETTER_FOLDS[char]
        elif _in(cp, _ARABIC_BLOCKS) and unicodedata.category(char) == "Mn":
            folded = None
        elif _in(cp, _PRESENTATION_FORMS) and unicodedata.normalize("NFKC", char) != char:
            folded = unicodedata.normalize("NFKC", char).translate(self)
            # Isolated forms of harakat decompose to a space plus the mark: drop them whole.
            folded = folded if folded.strip() else None
        else:
            folded = char.casefold()
        self[cp] = folded
        return folded


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= cp < high for low, high in ranges)


_TABLE = _FoldTable()


@cache
def _dropped() -> str:
    """A regex class of the characters folding drops (all lie in the Arabic and presentation
    form blocks, or are the invisible ones)."""
    candidates = [*map(ord, _INVISIBLE)]
    for low, high in (*_ARABIC_BLOCKS, *_PRESENTATION_FORMS):
        candidates.extend(range(low, high))
    return "".join(re.escape(chr(cp)) for cp in candidates if _TABLE[cp] is None)


def _resizing(text: str) -> re.Pattern[str] | None:
    """The characters of `text` whose folding is not exactly one character, or None if none is.

    Only around them does the map back change: runs of dropped ones (the common case: harakat)
    and single expanding ones (ß → ss, ﻻ → لا)."""
    table = _TABLE
    changing = [char for char in set(text) if len(table[ord(char)] or "") != 1]
    if not changing:
        return None
    expanding = "".join(re.escape(char) for char in sorted(changing) if table[ord(char)])
    return re.compile(f"([{_dropped()}]+)" + (f"|[{expanding}]" if expanding else ""))


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """`text` folded for matching; offsets in it map back into `original`.

    The map is piecewise: from `_starts[k]` on, original offset = folded offset + `_shifts[k]`.
    """

    original: str
    text: str
    _starts: array[int]
    _shifts: array[int]

    def original_offset(self, index: int) -> int:
        """Offset in the original of the folded character at `index` (len(text) → len(original)).

        Marks dropped after a letter belong to that letter: the end of a match maps past them.
        """
        return index + self._shifts[bisect_right(self._starts, index) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_offset(start), self.original_offset(end)


_NO_SHIFT = array("i", [0])  # the map of a text folded one to one: shared, never changed


def normalize(text: str) -> NormalizedText:
    """`text` folded, with its map back. A text its folding leaves as it is is not copied, and a
    text folded one to one shares one map (a book keeps a normalised text per block)."""
    table = _TABLE
    folded = text.translate(table)
    if folded == text:
        folded = text
    resizing = _resizing(text)
    if resizing is None:
        return NormalizedText(text, folded, _NO_SHIFT, _NO_SHIFT)
    starts = array("i", [0])
    shifts = array("i", [0])

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
            for _ in table[ord(run.group())] or "":  # never None: `expanding` holds only folded ones
                set_shift(position, run.start() - position)
                position += 1
        shift = run.end() - position
        set_shift(position, shift)
    return NormalizedText(text, folded, starts, shifts)


def fold(text: str) -> str:
    """The folded text alone: for keys and queries, where no map back is needed."""
    return text.translate(_TABLE)
