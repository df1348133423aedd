"""Rule L1 of UAX #9 worked out from the Unicode Character Database, not from the engine: the
oracle the bidi conformance and property tests check line levels against."""

from __future__ import annotations

import re
from pathlib import Path

DERIVED_BIDI_CLASS = Path("/usr/share/unicode") / "extracted" / "DerivedBidiClass.txt"

# Classes that rule L1 resets to the paragraph level, and the ones removed by X9 that it skips over.
SEPARATORS = {"S", "B"}
RESETTABLE_BEFORE_SEPARATOR = {"WS", "FSI", "LRI", "RLI", "PDI"}
REMOVED_BY_X9 = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF"}


def read_l1_classes() -> dict[int, str]:
    """Bidi class of every code point that takes part in rule L1 (from the UCD, not from the engine)."""
    wanted = SEPARATORS | RESETTABLE_BEFORE_SEPARATOR | REMOVED_BY_X9
    classes: dict[int, str] = {}
    for line in DERIVED_BIDI_CLASS.read_text().splitlines():
        match = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\w+)", line)
        if match and match[3] in wanted:
            first = int(match[1], 16)
            last = int(match[2] or match[1], 16)
            classes.update(dict.fromkeys(range(first, last + 1), match[3]))
    return classes


def apply_l1(text: str, levels: list[int], paragraph_level: int, classes: dict[int, str]) -> list[int]:
    """Rule L1 for a single line holding the whole text: separators, and whitespace (with isolate
    marks and X9-removed characters) before a separator or at the end of the line, take the
    paragraph level."""
    result = list(levels)
    reset_from_here_on = True  # scanning backwards, the end of the line counts like a separator
    for i in range(len(text) - 1, -1, -1):
        bidi_class = classes.get(ord(text[i]), "")
        if bidi_class in SEPARATORS:
            result[i] = paragraph_level
            reset_from_here_on = True
        elif reset_from_here_on and (bidi_class in RESETTABLE_BEFORE_SEPARATOR or bidi_class in REMOVED_BY_X9):
            result[i] = paragraph_level
        else:
            reset_from_here_on = False
    return result
