"""Per-character facts the engine needs, cached because the same few hundred characters recur."""

import unicodedata

from rich.cells import cell_len  # Textual measures segments with this: our widths must agree.

TAB_CELLS = 4


class _BidiClasses(dict[str, str]):
    def __missing__(self, char: str) -> str:
        value = self[char] = unicodedata.bidirectional(char) or "L"
        return value


class _Marks(dict[str, bool]):
    def __missing__(self, char: str) -> bool:
        value = self[char] = unicodedata.category(char) in ("Mn", "Me")
        return value


BIDI_CLASS = _BidiClasses()
IS_MARK = _Marks()


class _Cells(dict[str, int]):
    def __missing__(self, char: str) -> int:
        value = self[char] = TAB_CELLS if char == "\t" else cell_len(char)
        return value


_CELLS = _Cells()


def char_cells(char: str) -> int:
    """Terminal cells of one character (a tab: TAB_CELLS)."""
    return _CELLS[char]
