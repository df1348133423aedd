"""Bounded pieces of an enormous paragraph.

UAX #9 resolves levels over a whole paragraph. A file with no line breaks can be one
paragraph of megabytes, which would have to be resolved (and wrapped) in full before its
first line could be drawn. We depart from the one-paragraph view there: such a paragraph is
laid out as consecutive pieces that end at a sentence end, each resolved on its own with the
paragraph's base direction. Only numbers and neutrals at a piece's edge can come out
differently, and a sentence end is where that matters least.
"""

import re

PIECE_LIMIT = 16_384  # characters; far above any real paragraph, small enough to lay out in a frame
_SENTENCE_END = re.compile(r"[.!?؟۔…][\"'”»)]*\s+")
_SPACE = re.compile(r"\s+")


def paragraph_pieces(text: str, limit: int = PIECE_LIMIT) -> list[tuple[int, int]]:
    """[start, end) ranges covering `text`, each at most `limit` characters, cut after a
    sentence end where there is one in the second half of the piece, else after a space."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = None
        for pattern in (_SENTENCE_END, _SPACE):
            for match in pattern.finditer(text, start + limit // 2, window_end):
                cut = match.end()
            if cut is not None:
                break
        cut = cut if cut is not None and cut > start else window_end
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces
