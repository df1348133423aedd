"""Checks every laid-out paragraph must pass, computed from Unicode data rather than from the engine.

Each function returns a list of human-readable problems (empty when the layout is right), so a
test can loop over many paragraphs and widths and report everything that is wrong at once.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from reader.engine.layout import ParagraphLayout, ScreenLine

MARK_CATEGORIES = ("Mn", "Me")
# Never drawn: zero-width format characters (ZWJ, ZWNJ, LRM, RLM, BOM…) have no agreed width.
IGNORED_CATEGORIES = MARK_CATEGORIES + ("Mc", "Cf")
# Bidi controls a document could use to reorder what the terminal shows (Trojan Source).
BIDI_CONTROLS = set("\u061c\u200e\u200f") | {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


BIDI_MIRRORING = Path("/usr/share/unicode/BidiMirroring.txt")


def read_mirrors() -> dict[str, str]:
    """Bidi_Mirroring_Glyph pairs from the UCD (Debian package unicode-data), if installed."""
    mirrors = {}
    if not BIDI_MIRRORING.exists():
        return mirrors
    for line in BIDI_MIRRORING.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) == 2:
            mirrors[chr(int(fields[0], 16))] = chr(int(fields[1], 16))
    return mirrors


MIRRORS = read_mirrors()


@cache
def is_mark(char: str) -> bool:
    return unicodedata.category(char) in MARK_CATEGORIES


def glyph_cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


DOTTED_CIRCLE = "\u25cc"  # the engine draws a mark that has no letter before it on this
# Unicode's ways to show a mark on its own: on a no-break space (as the text says) or a dotted circle.
STAND_ALONE_BASES = ("\u00a0", DOTTED_CIRCLE)


@cache
def _letters(char: str, visual: bool) -> str:
    if char == DOTTED_CIRCLE:
        return ""
    letters = "".join(c for c in unicodedata.normalize("NFKD", char)
                      if unicodedata.category(c) not in IGNORED_CATEGORIES)
    if visual and unicodedata.bidirectional(char) in ("R", "AL"):
        return letters[::-1]
    return letters


def comparison_key(text: str, visual: bool = True) -> str:
    """Text as letters only: compatibility-decomposed (which undoes shaping and ligatures), marks
    and format characters removed. In visual text a right-to-left ligature's letters are
    reversed, since they decompose in logical order but stand in a right-to-left run on screen."""
    return "".join([_letters(char, visual) for char in text])


def line_key(visual: str) -> str:
    """`comparison_key` with each run of whitespace as one space: a tab is drawn as spaces, and
    whether every space is drawn is checked cell by cell in `line_problems`."""
    return " ".join(comparison_key(visual).split())


def marks_of(text: str) -> list[str]:
    return sorted(c for c in text if is_mark(c))


def glyphs(line: ScreenLine) -> list[tuple[str, str, int]]:
    """The line's drawn text split into (base, marks after it, cells); marks before any base
    are returned with an empty base."""
    result: list[tuple[str, str, int]] = []
    for char in line.text:
        if is_mark(char) and result:
            base, marks, cells = result[-1]
            result[-1] = (base, marks + char, cells)
        else:
            result.append((char, "", 0 if is_mark(char) else glyph_cells(char)))
    return result


def line_problems(layout: ParagraphLayout, line: ScreenLine, width: int, cells: list[int]) -> list[str]:
    """Width, alignment, and that each cell (`cells` = `line.cells()`) shows exactly the logical
    characters it claims to."""
    text = layout.text
    problems = []
    where = f"line [{line.start}:{line.end}] {line.text!r}"
    drawn = glyphs(line)
    cell_count = sum(cells for _, _, cells in drawn)
    if cell_count > width or line.cell_width > width:
        problems.append(f"{where}: {cell_count} cells drawn (cell_width {line.cell_width}) in width {width}")
    if cell_count != line.cell_width:
        problems.append(f"{where}: cell_width {line.cell_width} but the text takes {cell_count} cells")
    expected_indent = max(0, width - line.cell_width) if layout.rtl else 0
    if line.indent != expected_indent:
        problems.append(f"{where}: indent {line.indent}, expected {expected_indent} (rtl={layout.rtl})")
    if line.render() != (" " * line.indent + line.text).rstrip(" "):
        problems.append(f"{where}: render() {line.render()!r} is not indent + text without trailing spaces")
    controls = [f"U+{ord(c):04X}" for c in line.text if unicodedata.category(c) == "Cc" or c in BIDI_CONTROLS]
    if controls:
        problems.append(f"{where}: control characters drawn: {controls}")
    if len(cells) != cell_count:
        problems.append(f"{where}: cells() has {len(cells)} entries for {cell_count} cells")
        return problems
    # Group the glyphs by the logical index their cells show (a tab is drawn as several spaces).
    groups: list[list] = []  # [logical index, bases, marks]
    cell = 0
    for base, marks, cells_of_glyph in drawn:
        if cells_of_glyph == 0:
            problems.append(f"{where}: mark(s) {base + marks!r} drawn with no base before them")
            continue
        indices = set(cells[cell:cell + cells_of_glyph])
        if len(indices) != 1:
            problems.append(f"{where}: glyph {base!r} spans cells showing {sorted(indices)}")
        if groups and groups[-1][0] == cells[cell]:
            groups[-1][1] += base
            groups[-1][2] += marks
        else:
            groups.append([cells[cell], base, marks])
        cell += cells_of_glyph
    if not groups:
        return problems
    starts = [start for start, _, _ in groups]
    ordered = sorted(set(starts))
    if len(ordered) != len(starts):
        problems.append(f"{where}: a logical index is drawn in two places: {starts}")
        return problems
    if ordered[0] < line.start or ordered[-1] >= line.end:
        problems.append(f"{where}: cells() shows indices outside the line: {ordered}")
        return problems
    skipped = text[line.start:ordered[0]]
    if comparison_key(skipped, visual=False) or marks_of(skipped):
        problems.append(f"{where}: {skipped!r} at the start of the line is not drawn")
    cluster_end = dict(zip(ordered, ordered[1:] + [line.end]))
    for start, bases, marks in groups:
        logical = text[start:cluster_end[start]]
        if comparison_key(logical, visual=False).isspace():
            same = bases.isspace()
        elif not comparison_key(logical, visual=False) and marks_of(logical):
            same = bases == DOTTED_CIRCLE
        else:
            mirrored = "".join(MIRRORS.get(c, c) for c in logical)
            same = len(bases) == 1 and comparison_key(bases, visual=False) in (
                comparison_key(logical, visual=False), comparison_key(mirrored, visual=False))
            if not MIRRORS and len(bases) == len(logical) == 1:
                # Without the UCD file, any mirrored character may stand for another one.
                same = same or unicodedata.mirrored(bases) == unicodedata.mirrored(logical) == 1
        if not same:
            problems.append(f"{where}: cells show {bases!r} for logical {logical!r} at {start}")
        if sorted(marks) != marks_of(logical):
            problems.append(f"{where}: {bases!r} carries marks {marks!r}, its letters {logical!r} have {marks_of(logical)}")
    return problems


def coverage_problems(layout: ParagraphLayout) -> list[str]:
    """The lines take the paragraph's characters in order, leaving out only whitespace."""
    text = layout.text
    problems = []
    position = 0
    for line in layout.lines:
        gap = text[position:line.start]
        if line.start < position:
            problems.append(f"line [{line.start}:{line.end}] starts before the previous line ended at {position}")
        elif gap.strip():
            problems.append(f"characters {gap!r} at [{position}:{line.start}] are on no line")
        position = max(position, line.end)
    if text[position:].strip():
        problems.append(f"characters {text[position:]!r} at the end are on no line")
    return problems


def mark_placement_problems(text: str, line: ScreenLine, cells: list[int], base_is_letter: bool = True) -> list[str]:
    """Each combining mark on screen directly follows a letter (with `base_is_letter`; else any
    character but a space), and the marks drawn after the glyphs of a logical word are exactly
    that word's marks (none crosses to another word)."""
    problems = []
    where = f"line [{line.start}:{line.end}] {line.text!r}"
    visual = line.text
    for k, char in enumerate(visual):
        if not is_mark(char):
            continue
        base_at = k
        while base_at > 0 and is_mark(visual[base_at - 1]):
            base_at -= 1
        base = visual[base_at - 1] if base_at else ""
        if base in STAND_ALONE_BASES:
            continue
        if not base or base.isspace() or (base_is_letter and not unicodedata.category(base).startswith("L")):
            problems.append(f"{where}: mark U+{ord(char):04X} follows {base!r}, not a letter")
    starts, ends = word_bounds(text)
    drawn_marks: dict[int, list[str]] = {}
    cell = 0
    for _, marks, width in glyphs(line):
        if width:
            drawn_marks.setdefault(starts[cells[cell]], []).extend(marks)
            cell += width
    for word_start, marks in drawn_marks.items():
        word = text[max(word_start, line.start):min(ends[word_start], line.end)]
        if sorted(marks) != marks_of(word):
            problems.append(f"{where}: word {word!r} has marks {marks_of(word)}, "
                            f"its glyphs on screen carry {sorted(marks)}")
    return problems


@lru_cache(maxsize=64)
def word_bounds(text: str) -> tuple[list[int], dict[int, int]]:
    """For each index, where its whitespace-delimited word starts; for each word start, its end."""
    starts = []
    ends = {}
    start = 0
    for index, char in enumerate(text):
        if char.isspace():
            ends[start] = index
            start = index + 1
        starts.append(start)
    ends[start] = len(text)
    return starts, ends
