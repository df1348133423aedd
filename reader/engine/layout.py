"""Lay out one paragraph into screen lines: shape, resolve levels, wrap, reorder, align.

The pipeline follows ../shared/notes/arabic-in-terminals.md: shape words in logical order,
resolve bidi levels on the whole paragraph, wrap in logical order by cell width, then
reorder each line (L1–L4) and align it by the paragraph's direction. Lines keep their
logical range; the index maps and styled runs are built only when asked for, so laying out
a long document stays cheap and only what is on screen pays for the maps.
"""

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Any

from bidi.mirror import MIRRORED

from reader.engine.bidi import (
    base_level,
    paragraph_kind,
    resolve_levels,
    reverse_runs,
    simple_rtl_levels,
    visual_order,
)
from reader.engine.breaking import may_break_between
from reader.engine.characters import BIDI_CLASS, char_cells
from reader.engine.sanitize import sanitize
from reader.engine.shaping import Cluster, ShapedWord, shape_word

# Break opportunities: spaces and tabs, not the no-break spaces (U+00A0, U+2007, U+202F).
_SPACES = re.compile(r"([ \t\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+)")
_NOT_ONE_SPACE = re.compile(r"[\t\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]")  # or two spaces


@dataclass(frozen=True, slots=True)
class Span:
    """A style over logical characters [start, end) of a paragraph."""

    start: int
    end: int
    style: str


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive cells of a line that share their styles; never splits a glyph from its marks."""

    text: str
    cells: int
    styles: frozenset[str]


class _Word:
    """A word's shape plus the bidi facts the right-to-left fast path needs, cached per word."""

    __slots__ = ("shaped", "text", "cells", "advance", "last_strong", "has_number", "_visual", "_rtl")

    def __init__(self, shaped: ShapedWord, word: str) -> None:
        self.shaped = shaped
        self.text = shaped.text
        self.cells = shaped.cells
        self.advance = shaped.cells + 1  # with the space after it
        strong = [BIDI_CLASS[c] for c in word if BIDI_CLASS[c] in ("R", "AL")]
        self.last_strong = strong[-1] if strong else None
        self.has_number = any(BIDI_CLASS[c] in ("EN", "AN") for c in word)
        self._visual: dict[str, str] = {}
        self._rtl: str | None = None  # the visual form when it does not depend on context

    def rtl_visual(self, paragraph: str, start: int, end: int, last_strong: str) -> str:
        """The word paragraph[start:end] drawn inside right-to-left text (every neighbour at level 1).

        Its numbers' levels depend on the strong type before it (W2), hence `last_strong`."""
        if self._rtl is not None:
            return self._rtl
        if not self.has_number:  # every character at level 1 (as simple_rtl_levels says): glyphs reversed
            self._rtl = _run_text(list(self.shaped.clusters), 1)
            return self._rtl
        key = last_strong
        text = self._visual.get(key)
        if text is None:
            word = paragraph[start:end]
            levels = simple_rtl_levels(word, last_strong)
            order = visual_order(word, levels, 1, 0, len(word))
            text = "".join(c.text for c in _visual_clusters(self.shaped.clusters, order, levels))
            self._visual[key] = text
        return text


_ADVANCE = attrgetter("advance")
_HAS_NUMBER = attrgetter("has_number")
_RTL = attrgetter("_rtl")
_TEXT = attrgetter("text")
_LEVEL_RUN = re.compile(rb"(.)\1*", re.S)


def _plus_space(before: int, length: int) -> int:
    return before + length + 1


# Shaped words by (shape, harakat mode), then by the word. A plain dict lookup per word is the
# cheapest step of wrapping; the cache is emptied when full, which bounds it like an LRU would.
_WORDS: dict[tuple[bool, str], dict[str, _Word]] = {}
_WORDS_KEPT = 1 << 16


def _word(cache: dict[str, _Word], piece: str, shape: bool, harakat: str) -> _Word:
    """`piece` shaped, from `cache` or shaped now and remembered there."""
    word = cache.get(piece)
    if word is None:
        if len(cache) >= _WORDS_KEPT:
            cache.clear()
        word = cache[piece] = _Word(shape_word(piece, shape, harakat), piece)
    return word


@lru_cache(maxsize=1 << 16)
def _may_break(before: str, first: str) -> bool:
    """`may_break_between(before, after)` for a word `after` starting with `first` (all it looks at)."""
    return may_break_between(before, first)


def _cluster_start(cluster: Cluster) -> int:
    return cluster.start


@lru_cache(maxsize=256)
def _space_cells(spaces: str) -> int:
    return sum(char_cells(c) for c in spaces)


def _space_cluster(char: str, index: int) -> Cluster:
    cells = char_cells(char)
    return Cluster(" " * cells, index, index + 1, cells)


def _visual_clusters(clusters: tuple[Cluster, ...] | list[Cluster], order: list[int], levels: bytes | bytearray) -> list[Cluster]:
    """Clusters in the order their characters appear on screen, mirrored at odd levels (L3, L4).

    A cluster keeps its marks after its base, so marks follow their letter on screen (L3)."""
    owner = {}
    for cluster in clusters:
        for index in range(cluster.start, cluster.end):
            owner[index] = cluster
    seen = set()
    result = []
    for index in order:
        cluster = owner[index]
        if cluster.start in seen:
            continue
        seen.add(cluster.start)
        if levels[cluster.start] % 2 and cluster.text and cluster.text[0] in MIRRORED:
            cluster = Cluster(MIRRORED[cluster.text[0]] + cluster.text[1:], cluster.start, cluster.end, cluster.cells)
        result.append(cluster)
    return result


def _fill_rtl(parts: list[str | None], pieces: list[str], words: list[_Word]) -> None:
    """Fill in the words of a right-to-left paragraph whose visual form is not known yet (`None`
    in `parts`): a number's depends on the strong type before it (W2)."""
    known = "R"  # the last strong type of words[:scanned]
    scanned = 0
    k = -1
    while True:
        try:
            k = parts.index(None, k + 1)
        except ValueError:
            return
        word = words[k]
        before = known
        for j in range(k - 1, scanned - 1, -1):
            strong = words[j].last_strong
            if strong:
                before = strong
                break
        parts[k] = word.rtl_visual(pieces[k], 0, len(pieces[k]), before)
        known = word.last_strong or before
        scanned = k + 1


def _level_runs(clusters: tuple[Cluster, ...], levels: bytearray, offset: int, units: list[str],
                unit_levels: list[int]) -> bool:
    """Add a word's runs of glyphs at one level to `units`, each drawn as it will be on screen
    after rule L2 (reversed and mirrored at odd levels), and their levels to `unit_levels`. False
    when a glyph's characters are not all at one level."""
    group: list[Cluster] = []
    level = -1
    for cluster in clusters:
        start = offset + cluster.start
        here = levels[start]
        if levels.count(here, start, offset + cluster.end) != cluster.end - cluster.start:
            return False
        if here != level and group:
            units.append(_run_text(group, level))
            unit_levels.append(level)
            group = []
        level = here
        group.append(cluster)
    if group:
        units.append(_run_text(group, level))
        unit_levels.append(level)
    return True


def _run_text(clusters: list[Cluster], level: int) -> str:
    if not level % 2:
        return "".join(c.text for c in clusters)
    return "".join(MIRRORED[c.text[0]] + c.text[1:] if c.text and c.text[0] in MIRRORED else c.text
                   for c in reversed(clusters))


class ScreenLine:
    """One screen line of a paragraph: logical characters [start, end) drawn left to right."""

    __slots__ = ("paragraph", "start", "end", "indent", "cell_width", "first_token", "end_token", "_text")

    def __init__(self, paragraph: "_Paragraph", start: int, end: int, cell_width: int,
                 first_token: int, end_token: int) -> None:
        self.paragraph = paragraph  # what the paragraph's lines share; it holds no line (no reference cycle)
        # The paragraph's words the line shows, whole or in part: tokens[first_token:end_token].
        self.first_token = first_token
        self.end_token = end_token
        self.start = start
        self.end = end
        self.cell_width = cell_width
        self.indent = max(0, paragraph.width - cell_width) if paragraph.rtl else 0
        self._text: str | None = None

    def __repr__(self) -> str:
        return f"ScreenLine({self.start}, {self.end}, {self.render()!r})"

    @property
    def text(self) -> str:
        """The characters to draw, left to right, without the indent."""
        if self._text is None:
            self._text = self.paragraph.line_text(self)
        return self._text

    def render(self) -> str:
        """The line as printed: indent, then the text, no trailing spaces."""
        return (" " * self.indent + self.text).rstrip(" ")

    def clusters(self) -> list[Cluster]:
        """The glyphs of the line, left to right, each with the logical range it shows."""
        return self.paragraph.visual_line(self)

    def cells(self) -> list[int]:
        """The logical index each cell shows, left to right (the indent not counted)."""
        return [c.start for c in self.clusters() for _ in range(c.cells)]

    def index_to_cell(self, index: int) -> int | None:
        """The first cell (after the indent) showing logical character `index`, if on this line."""
        cell = 0
        for cluster in self.clusters():
            if cluster.start <= index < cluster.end:
                return cell
            cell += cluster.cells
        return None

    def runs(self, spans: "list[Span] | tuple[Span, ...]" = ()) -> list[Run]:
        """The line as styled runs, left to right. A glyph takes the style of a span that
        covers any of its characters, so a highlight over one letter of لا covers the ligature."""
        here = [s for s in spans if s.start < s.end and s.start < self.end and s.end > self.start]
        runs: list[Run] = []
        texts: list[str] = []
        cells = 0
        styles: frozenset[str] = frozenset()  # of the run being gathered (none gathered yet)
        for cluster in self.clusters():
            mine = frozenset(s.style for s in here if s.start < cluster.end and s.end > cluster.start)
            if mine != styles and texts:
                runs.append(Run("".join(texts), cells, styles))
                texts, cells = [], 0
            styles = mine
            texts.append(cluster.text)
            cells += cluster.cells
        if texts:
            runs.append(Run("".join(texts), cells, styles))
        return runs


class _Paragraph:
    """A sanitised paragraph, its words shaped (in logical order) and its bidi facts: what its
    screen lines need to draw themselves.

    The words are the `tokens`: (start, end, shaped word, the strong type before it); the spaces
    between words are not tokens, they are the text between one word's end and the next one's
    start."""

    __slots__ = ("text", "width", "level", "rtl", "kind", "tokens", "single_spaces", "_levels")

    def __init__(self, text: str, width: int, base_dir: str, reorder: bool) -> None:
        self.text = text
        self.width = max(1, width)
        self.level = base_level(text, base_dir)
        self.rtl = self.level == 1
        self.kind = paragraph_kind(text, self.level) if reorder else "logical"
        self.tokens: list[tuple[int, int, _Word, str]] = []
        # Every space between two words is one U+0020 (nearly every paragraph): lines are their
        # words joined by " ".
        self.single_spaces = "  " not in text and _NOT_ONE_SPACE.search(text) is None
        self._levels: bytearray | None = None

    @property
    def levels(self) -> bytearray:
        if self._levels is None:
            self._levels = resolve_levels(self.text, self.level, None if self.kind == "logical" else self.kind)
        return self._levels

    def wrap(self, shape: bool, harakat: str) -> list[ScreenLine]:
        """Shape the words and break them into lines, greedily, in logical order."""
        width = self.width
        tokens = self.tokens
        cache = _WORDS.setdefault((shape, harakat), {})
        lines: list[ScreenLine] = []
        line_start = line_end = -1
        line_token = 0  # the word the open line starts in
        used = 0
        gap = 0  # cells of the spaces between the line so far and the next word
        last_strong = "R"
        # split() alternates words and space runs, starting and ending with a (maybe empty) word.
        pieces = _SPACES.split(self.text)
        start = first = 0
        if len(pieces) > 1 and not pieces[0]:  # leading spaces are content…
            start, first = len(pieces[1]), 2
            cells = _space_cells(pieces[1])
            if cells <= width:  # …unless they cannot fit
                line_start, line_end, used = 0, start, cells
        for piece, spaces in zip(pieces[first::2], pieces[first + 1::2] + [""]):
            if piece:
                end = start + len(piece)
                word = cache.get(piece) or _word(cache, piece, shape, harakat)
                tokens.append((start, end, word, last_strong))
                if word.last_strong:
                    last_strong = word.last_strong
                cells = word.cells
                if line_start >= 0 and used + gap + cells <= width:
                    used += gap + cells
                    line_end = end
                elif line_start >= 0 and cells <= width and (carried := self._carry(line_token, used, gap)):
                    first_carried, used_before, used = carried  # words that may not end a line go along
                    lines.append(ScreenLine(self, line_start, tokens[first_carried - 1][1], used_before, line_token,
                                           first_carried))
                    line_token, line_start, line_end = first_carried, tokens[first_carried][0], end
                else:
                    count = len(tokens)
                    if line_start >= 0:
                        lines.append(ScreenLine(self, line_start, line_end, used, line_token, count - 1))
                    line_token = count - 1
                    if cells <= width:
                        line_start, line_end, used = start, end, cells
                    else:
                        line_start, line_end, used = self._break_word(lines, word, start, line_token)
                start = end
            gap = 1 if spaces == " " else _space_cells(spaces)
            start += len(spaces)
        if line_start >= 0 or not lines:
            lines.append(ScreenLine(self, max(line_start, 0), max(line_end, 0), used, line_token, len(tokens)))
        return lines

    def rendered(self, shape: bool, harakat: str) -> list[str] | None:
        """`[line.render() for line in self.wrap(shape, harakat)]`, for the paragraph nearly
        every text is made of: words one space apart, no space at either end, every word fits
        on a line, every word at one bidi level. Nothing but the printed lines is built, and
        lines are found by bisection over the words' running widths. None for any other
        paragraph (the caller wraps it)."""
        text, kind = self.text, self.kind
        if not text:
            return [""]
        if not (self.single_spaces and text[0] != " " and text[-1] != " "):
            return None
        width = self.width
        cache = _WORDS.setdefault((shape, harakat), {})
        pieces = text.split(" ")
        found = list(map(cache.get, pieces))
        words: list[_Word] = (found if all(found)  # type: ignore[assignment]
                              else [word or _word(cache, piece, shape, harakat) for piece, word in zip(pieces, found)])
        # ends[k]: cells of words[:k], each followed by its space; a line of words [a, b) is
        # ends[b] - ends[a] - 1 cells wide.
        ends = list(accumulate(map(_ADVANCE, words), initial=0))
        count = len(words)
        breaks = []  # (first word, end word) of each line
        first = 0
        while True:
            end = bisect_right(ends, ends[first] + width + 1, first + 1) - 1  # greedy
            if end == first:
                return None  # a word wider than the line, broken between glyphs: the general wrap does it
            if end >= count:
                breaks.append((first, count))
                break
            # The words before word `end` that may not end a line go along with it (see _carry).
            carried = end
            while not _may_break(pieces[carried - 1], pieces[carried][0]):
                carried -= 1
                if carried <= first:
                    break
            if first < carried < end and ends[end + 1] - ends[carried] - 1 <= width:
                end = carried
            breaks.append((first, end))
            first = end
        indent = self.rtl
        if kind == "mixed":
            lines = self._mixed_rendered(pieces, words, breaks)
            if lines is None:
                return None
        elif kind == "rtl":
            parts = list(map(_RTL, words))
            if not all(parts):  # None where not known yet (an empty form is falsy too, and kept)
                _fill_rtl(parts, pieces, words)
            lines = [" ".join(parts[b - 1:a - 1 if a else None:-1]) for a, b in breaks]
        else:
            parts = list(map(_TEXT, words))
            lines = [" ".join(parts[a:b]) for a, b in breaks]
        if indent:
            return [(" " * (width + 1 + ends[a] - ends[b]) + line).rstrip(" ")  # the line's cells: ends[b] - ends[a] - 1
                    for line, (a, b) in zip(lines, breaks)]
        return [line.rstrip(" ") for line in lines]

    def _mixed_rendered(self, pieces: list[str], words: list[_Word], breaks: list[tuple[int, int]]) -> list[str] | None:
        """The lines' text (`_mixed_line_text`) of a mixed paragraph whose words each have one
        level: rule L2 over words and spaces. None when a level changes inside a word."""
        text, levels = self.text, self.levels
        starts = list(accumulate(map(len, pieces), _plus_space, initial=0))
        split = set()  # the words whose characters are not all at one level
        for run in _LEVEL_RUN.finditer(levels):
            edge = run.end()
            if edge < len(text) and text[edge] != " " and text[edge - 1] != " ":
                split.add(bisect_right(starts, edge) - 1)
        lines = []
        for a, b in breaks:
            start, end = starts[a], starts[b] - 1
            level = levels[start]
            if levels.count(level, start, end) == end - start:  # the whole line at one level
                if level % 2:
                    lines.append(" ".join([word._rtl or word.rtl_visual(piece, 0, len(piece), "R")
                                           for piece, word in zip(pieces[b - 1:a - 1 if a else None:-1],
                                                                  words[b - 1:a - 1 if a else None:-1])]))
                else:
                    lines.append(" ".join([word.text for word in words[a:b]]))
                continue
            units: list[str] = []
            unit_levels: list[int] = []
            for k in range(a, b):
                start = starts[k]
                if k > a:
                    units.append(" ")
                    unit_levels.append(levels[start - 1])
                word = words[k]
                if k in split:
                    if not _level_runs(word.shaped.clusters, levels, start, units, unit_levels):
                        return None
                    continue
                level = levels[start]
                units.append(word.rtl_visual(pieces[k], 0, len(pieces[k]), "R") if level % 2 else word.text)
                unit_levels.append(level)
            lines.append("".join(reverse_runs(unit_levels, units)))
        return lines

    def _gap_cells(self, before: int) -> int:
        """Cells of the spaces between word `before - 1` and word `before`."""
        spaces = self.text[self.tokens[before - 1][1]:self.tokens[before][0]]
        return 1 if spaces == " " else _space_cells(spaces)

    def _carry(self, line_token: int, used: int, gap: int) -> tuple[int, int, int] | None:
        """When the open line (from word `line_token`, `used` cells) may not end before the word
        just added, which does not fit on it (the last token, `gap` cells of space before it):
        the first word to carry to the next line with it, the open line's cells without them and
        the next line's cells. None when the line may end there, or carrying would leave the line
        empty or not fit."""
        text, tokens = self.text, self.tokens
        last = len(tokens) - 1
        first = last
        moved = 0  # cells carried: words and the spaces before each
        while not may_break_between(text[tokens[first - 1][0]:tokens[first - 1][1]],
                                    text[tokens[first][0]:tokens[first][1]]):
            first -= 1
            if first <= line_token:
                return None
            moved += self._gap_cells(first) + tokens[first][2].cells
        if first == last:
            return None
        carried = moved - self._gap_cells(first) + gap + tokens[last][2].cells
        return (first, used - moved, carried) if carried <= self.width else None

    def _break_word(self, lines: list[ScreenLine], word: _Word, offset: int, token: int) -> tuple[int, int, int]:
        """Split a word wider than the line between glyphs; returns the last piece as the open line."""
        piece_start, used = offset, 0
        for cluster in word.shaped.clusters:
            if used and used + cluster.cells > self.width:
                lines.append(ScreenLine(self, piece_start, offset + cluster.start, used, token, token + 1))
                piece_start, used = offset + cluster.start, 0
            used += cluster.cells
        return piece_start, offset + word.shaped.clusters[-1].end, used

    def _space_clusters(self, start: int, end: int) -> list[Cluster]:
        return [_space_cluster(self.text[i], i) for i in range(start, end)]

    def logical_clusters(self, line: ScreenLine) -> list[Cluster]:
        """The line's glyphs in logical order. Work is proportional to the line, not to its
        words: a piece of a long word finds its first glyph by bisection."""
        clusters: list[Cluster] = []
        position = line.start  # the first character not yet placed
        for start, end, word, _ in self.tokens[line.first_token:line.end_token]:
            if position < start:
                clusters.extend(self._space_clusters(position, start))
            shaped = word.shaped.clusters
            first = bisect_left(shaped, line.start - start, key=_cluster_start) if start < line.start else 0
            for k in range(first, len(shaped)):
                cluster = shaped[k]
                if start + cluster.start >= line.end:
                    break
                clusters.append(cluster.moved(start))
            position = end
        if position < line.end:
            clusters.extend(self._space_clusters(position, line.end))
        return clusters

    def visual_line(self, line: ScreenLine) -> list[Cluster]:
        clusters = self.logical_clusters(line)
        if self.kind == "logical":
            return clusters
        order = visual_order(self.text, self.levels, self.level, line.start, line.end)
        return _visual_clusters(clusters, order, self.levels)

    def line_text(self, line: ScreenLine) -> str:
        kind = self.kind
        if kind == "mixed":
            text = self._mixed_line_text(line)
            return "".join(c.text for c in self.visual_line(line)) if text is None else text
        words = self.tokens[line.first_token:line.end_token]
        if words and (words[0][0] < line.start or words[-1][1] > line.end):  # a piece of a broken word
            return "".join(c.text for c in self.visual_line(line))
        text = self.text
        if kind == "rtl":
            parts = [word._rtl or word.rtl_visual(text, start, end, before) for start, end, word, before in words]
        else:
            parts = [word.shaped.text for _, _, word, _ in words]
        one_space_apart = self.single_spaces and words and words[0][0] == line.start and words[-1][1] == line.end
        if not one_space_apart:
            parts = self._with_spaces(line, words, parts)
        if kind == "rtl":
            parts.reverse()
        return " ".join(parts) if one_space_apart else "".join(parts)

    def _with_spaces(self, line: ScreenLine, words: list[tuple[int, int, _Word, str]], parts: list[str]) -> list[str]:
        """The line's words drawn (`parts`) with the spaces before, between and after them."""
        text = self.text
        spaced = []
        position = line.start
        for (start, end, _, _), part in zip(words, parts):
            if position < start:
                spaced.append(" " if start - position == 1 and text[position] == " "
                              else " " * _space_cells(text[position:start]))
            spaced.append(part)
            position = end
        if position < line.end:
            spaced.append(" " * _space_cells(text[position:line.end]))
        return spaced

    def _mixed_line_text(self, line: ScreenLine) -> str | None:
        """Rule L2 over whole words instead of glyphs, when each word has one level and no rule
        L1 applies (no tab, no trailing space); None otherwise."""
        text, levels = self.text, self.levels
        unit_levels: list[int] = []
        units: list[str] = []
        position = line.start
        for start, end, word, _ in self.tokens[line.first_token:line.end_token]:
            if start < line.start or end > line.end:
                return None
            if position < start:
                if "\t" in text[position:start]:
                    return None
                for i in range(position, start):
                    unit_levels.append(levels[i])
                    units.append(" " * char_cells(text[i]))
            level = levels[start]
            if levels.count(level, start, end) != end - start:
                return None
            # A word at an odd level holds no number (numbers resolve to even levels).
            units.append(word.rtl_visual(text, start, end, "R") if level % 2 else word.shaped.text)
            unit_levels.append(level)
            position = end
        if position < line.end:  # spaces at the line's end: rule L1 applies
            return None
        return "".join(reverse_runs(unit_levels, units))


class ParagraphLayout:
    """A paragraph laid out at a width. `lines` are in reading order, top to bottom."""

    def __init__(
        self,
        text: str,
        width: int,
        *,
        base_dir: str = "auto",
        harakat: str = "all",
        shape: bool = True,
        reorder: bool = True,
    ) -> None:
        if "\n" in text:
            raise ValueError("layout_paragraph takes one paragraph; split the text at newlines first")
        paragraph = _Paragraph(sanitize(text), width, base_dir, reorder)
        self.text = paragraph.text
        self.width = paragraph.width
        self.level = paragraph.level
        self.rtl = paragraph.rtl
        self.kind = paragraph.kind
        self._paragraph = paragraph
        self.lines = paragraph.wrap(shape, harakat)

    @property
    def levels(self) -> bytearray:
        return self._paragraph.levels


def layout_paragraph(text: str, width: int, **options: Any) -> ParagraphLayout:
    """Lay out one paragraph (no newlines) in `width` cells.

    Options: base_dir "auto" (first strong character), "rtl" or "ltr"; harakat "all", "shadda"
    (only shadda and superscript alef) or "none";
    shape=False leaves shaping to the terminal; reorder=False keeps logical order (for
    terminals that reorder themselves).
    """
    return ParagraphLayout(text, width, **options)


def render_paragraph(text: str, width: int, *, base_dir: str = "auto", harakat: str = "all",
                     shape: bool = True, reorder: bool = True) -> list[str]:
    """The lines of `layout_paragraph(text, width, ...)` as printed (`ScreenLine.render`), built
    without the layout where the paragraph allows it: the same text, faster."""
    if "\n" in text:
        raise ValueError("render_paragraph takes one paragraph; split the text at newlines first")
    paragraph = _Paragraph(sanitize(text), width, base_dir, reorder)
    lines = paragraph.rendered(shape, harakat)
    return [line.render() for line in paragraph.wrap(shape, harakat)] if lines is None else lines


def render_text(text: str, width: int, *, base_dir: str = "auto", harakat: str = "all") -> list[str]:
    """Every paragraph (line) of `text` laid out at `width` and aligned: lines ready to print."""
    return [
        line.render()
        for paragraph in text.split("\n")
        for line in layout_paragraph(paragraph, width, base_dir=base_dir, harakat=harakat).lines
    ]
