"""GNU FriBidi (libfribidi.so.0, through ctypes) as an independent UAX #9 oracle.

FriBidi is a separate C implementation of the bidi algorithm; agreeing with it on real text is
evidence that our levels and line reordering are right, not just self-consistent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from dataclasses import dataclass

from harness.layout_invariants import comparison_key, glyph_cells, is_mark, line_key, marks_of
from reader.engine.sanitize import sanitize

FRIBIDI_PAR_LTR = 0x110
FRIBIDI_PAR_RTL = 0x111
FRIBIDI_PAR_ON = 0x40
# Rules L1 and L2 only: marks (L3) and mirroring (L4) are checked separately.
FRIBIDI_FLAGS_REORDER_ONLY = 0

_Char = ctypes.c_uint32
_CharType = ctypes.c_uint32
_BracketType = ctypes.c_uint32
_ParType = ctypes.c_uint32
_Level = ctypes.c_int8
_StrIndex = ctypes.c_int


def load_fribidi() -> ctypes.CDLL | None:
    """The library, or None when it is not installed (Debian package libfribidi0)."""
    name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.fribidi_get_bidi_types.argtypes = [
        ctypes.POINTER(_Char), _StrIndex, ctypes.POINTER(_CharType)]
    lib.fribidi_get_bidi_types.restype = None
    lib.fribidi_get_bracket_types.argtypes = [
        ctypes.POINTER(_Char), _StrIndex, ctypes.POINTER(_CharType), ctypes.POINTER(_BracketType)]
    lib.fribidi_get_bracket_types.restype = None
    lib.fribidi_get_par_direction.argtypes = [ctypes.POINTER(_CharType), _StrIndex]
    lib.fribidi_get_par_direction.restype = _ParType
    lib.fribidi_get_par_embedding_levels_ex.argtypes = [
        ctypes.POINTER(_CharType), ctypes.POINTER(_BracketType), _StrIndex,
        ctypes.POINTER(_ParType), ctypes.POINTER(_Level)]
    lib.fribidi_get_par_embedding_levels_ex.restype = _Level
    lib.fribidi_reorder_line.argtypes = [
        ctypes.c_uint32, ctypes.POINTER(_CharType), _StrIndex, _StrIndex, _ParType,
        ctypes.POINTER(_Level), ctypes.POINTER(_Char), ctypes.POINTER(_StrIndex)]
    lib.fribidi_reorder_line.restype = _Level
    lib.fribidi_get_mirror_char.argtypes = [_Char, ctypes.POINTER(_Char)]
    lib.fribidi_get_mirror_char.restype = ctypes.c_int
    return lib


# FriBidi 1.0.8 folds a nonspacing mark into an adjacent paired bracket's run (W1 makes the
# mark ON, then equal types are merged), so the bracket loses its pair and rule N0 is not
# applied: in "[\u064c]\u0637]\u0647" (LTR) it gives the last "]" level 0 between two Arabic
# letters. Our levels follow UAX #9 there (tests/test_layout_fribidi.py pins one by hand);
# text with such a mark is not compared.
_MARK = "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_BRACKET = r"[()\[\]{}]"  # the paired brackets our test texts use
_ZERO_WIDTH = "[\u200b-\u200d]*"
_MARK_BESIDE_BRACKET = re.compile(f"{_MARK}{_ZERO_WIDTH}{_BRACKET}|{_BRACKET}{_ZERO_WIDTH}{_MARK}")


def known_to_differ(text: str) -> bool:
    """True where FriBidi 1.0.8 departs from UAX #9 (a nonspacing mark beside a bracket)."""
    return _MARK_BESIDE_BRACKET.search(text) is not None


_lib = load_fribidi()
AVAILABLE = _lib is not None

_BASE_DIRS = {"auto": FRIBIDI_PAR_ON, "ltr": FRIBIDI_PAR_LTR, "rtl": FRIBIDI_PAR_RTL}


@dataclass
class FriBidiParagraph:
    """One paragraph resolved by FriBidi on its whole text, ready to be reordered line by line."""

    text: str
    rtl: bool
    _types: ctypes.Array
    _levels: ctypes.Array
    _base: int

    @classmethod
    def resolve(cls, text: str, base_dir: str = "auto") -> FriBidiParagraph:
        assert _lib is not None, "libfribidi.so.0 is not installed"
        n = len(text)
        chars = (_Char * n)(*map(ord, text))
        types = (_CharType * n)()
        brackets = (_BracketType * n)()
        levels = (_Level * n)()
        _lib.fribidi_get_bidi_types(chars, n, types)
        _lib.fribidi_get_bracket_types(chars, n, types, brackets)
        base = _ParType(_BASE_DIRS[base_dir])
        if n and not _lib.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(base), levels):
            raise RuntimeError(f"fribidi could not resolve {text!r}")
        return cls(text, base.value == FRIBIDI_PAR_RTL, types, levels, base.value)

    def levels(self) -> list[int]:
        """Resolved levels of the whole paragraph (before L1: nothing has been reordered yet)."""
        return list(self._levels)

    def line_order(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """L1 and L2 on the logical range [start, end): (logical indices left to right, their levels)."""
        n = len(self.text)
        index_map = (_StrIndex * n)(*range(n))
        # fribidi_reorder_line applies L1 to the levels in place: work on a copy so that every
        # line sees the paragraph's own levels.
        levels = (_Level * n)(*self._levels)
        if end > start:
            ok = _lib.fribidi_reorder_line(FRIBIDI_FLAGS_REORDER_ONLY, self._types, end - start, start,
                                           self._base, levels, None, index_map)
            if not ok:
                raise RuntimeError(f"fribidi could not reorder {self.text[start:end]!r}")
        order = list(index_map[start:end])
        return order, [levels[i] for i in order]

    def line_visual(self, start: int, end: int) -> str:
        """The characters of [start, end) left to right, mirrored where their level is odd (L4)."""
        order, levels = self.line_order(start, end)
        return "".join(mirror(self.text[i]) if level % 2 else self.text[i] for i, level in zip(order, levels))


def mirror(ch: str) -> str:
    mirrored = _Char()
    if _lib.fribidi_get_mirror_char(ord(ch), ctypes.byref(mirrored)):
        return chr(mirrored.value)
    return ch


def rendered_paragraph_problems(text: str, lines: list[str], width: int) -> list[str]:
    """Check printed lines knowing only the paragraph: each line's logical range is found by
    counting letters, then the line must be FriBidi's reordering of that range."""
    paragraph = sanitize(text)
    oracle = FriBidiParagraph.resolve(paragraph)
    problems = []
    position = 0
    for line in lines:
        cells = sum(0 if is_mark(c) else glyph_cells(c) for c in line)
        if cells > width or line != line.rstrip() or (oracle.rtl and cells != width):
            problems.append(f"{line!r}: {cells} cells in width {width}, rtl={oracle.rtl}")
        while position < len(paragraph) and paragraph[position].isspace():
            position += 1
        start, wanted = position, len(comparison_key(line).replace(" ", ""))
        letters = 0
        while position < len(paragraph) and (letters < wanted or not paragraph[position].isspace()):
            if letters == wanted and comparison_key(paragraph[position], visual=False):
                break
            letters += len(comparison_key(paragraph[position], visual=False).replace(" ", ""))
            position += 1
        expected = oracle.line_visual(start, position)
        if line_key(line) != line_key(expected) or marks_of(line) != marks_of(paragraph[start:position]):
            problems.append(f"printed {line!r}\n  FriBidi {expected!r} for [{start}:{position}]")
    if paragraph[position:].strip():
        problems.append(f"{paragraph[position:]!r} was not printed")
    return problems
