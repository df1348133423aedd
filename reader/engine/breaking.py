"""Where a line may not break between two words (W3C Arabic layout requirements, text segmentation).

A standalone proclitic stays with the word it belongs to: `و` written with a space after it, and
`ل` or `ب` before a Latin word or a number (بـ Python, ل 15 عاماً). Punctuation that closes (، ؛ ؟
. : ! and closing brackets and quotes) never starts a line; an opening bracket or quote never
ends one.
"""

import re
import unicodedata

_STANDALONE_WAW = re.compile("و[\u064b-\u0652\u0670]*")
_STANDALONE_LAM_BEH = re.compile("[لب][\u064b-\u0652\u0670]*\u0640?")
_CLOSING_PUNCTUATION = frozenset("،؛؟.:!")


def _latin_or_number(char: str) -> bool:
    category = unicodedata.category(char)
    return category == "Nd" or (category.startswith("L") and unicodedata.bidirectional(char) == "L")


def may_break_between(before: str, after: str) -> bool:
    """Whether a line may end after word `before` when word `after` follows it. Only `after`'s
    first character matters (the layout caches the answer on it: layout._may_break)."""
    if _STANDALONE_WAW.fullmatch(before):
        return False
    if _STANDALONE_LAM_BEH.fullmatch(before) and _latin_or_number(after[0]):
        return False
    if unicodedata.category(before[-1]) in ("Ps", "Pi"):
        return False
    first = after[0]
    return first not in _CLOSING_PUNCTUATION and unicodedata.category(first) not in ("Pe", "Pf")
