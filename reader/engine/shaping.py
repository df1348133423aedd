"""Arabic shaping, word by word, with a map from logical characters to what is drawn.

arabic-reshaper returns shaped text without an index map, and ligatures shrink the text
(لا → U+FEFB, الله → U+FDF2), so each output glyph is aligned back to the logical
characters it stands for. Joining never crosses a space, so a word is the unit of shaping
and of caching.
"""

import re
import unicodedata
from configparser import SectionProxy
from dataclasses import dataclass

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE

from reader.engine.characters import IS_MARK, TAB_CELLS, char_cells


class _ResolvedFlags:
    """arabic-reshaper's configuration with every flag read once. Its own is a configparser
    section, which parses the flags again on every `reshape` call (most of the time of shaping
    a word); `reshape` asks for nothing but `getboolean`. Names are case-insensitive there too."""

    def __init__(self, section: SectionProxy) -> None:
        self._flags = {name: section.getboolean(name) for name in section if name != "language"}

    def getboolean(self, name: str) -> bool:
        return bool(self._flags[name.lower()])


# The reshaper keeps every mark or none; which are drawn is decided before it, here.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})
_RESHAPER.configuration = _ResolvedFlags(_RESHAPER.configuration)
_KEPT_IN_SHADDA_MODE = "\u0651\u0670"  # shadda, superscript (dagger) alef
_NEEDS_SHAPING = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ZWJ = "\u200d"
DOTTED_CIRCLE = "\u25cc"


@dataclass(frozen=True, slots=True)
class Cluster:
    """What one glyph shows: `text` is drawn (a base and its marks, `""` for a zero-width
    format character), covering logical characters [start, end) of its word or paragraph."""

    text: str
    start: int
    end: int
    cells: int

    def moved(self, offset: int) -> "Cluster":
        return Cluster(self.text, self.start + offset, self.end + offset, self.cells)


def _drawn(char: str) -> str:
    if char == "\t":
        return " " * TAB_CELLS
    if char_cells(char) == 0 and not IS_MARK[char]:
        return ""  # ZWNJ, LRM, BOM…: terminals and Rich disagree on their widths, so never send them
    return char


def _plain_clusters(word: str) -> list[Cluster]:
    """Group each base character with the combining marks that follow it."""
    clusters: list[Cluster] = []
    for index, char in enumerate(word):
        drawn = _drawn(char)
        if IS_MARK[char] and clusters and clusters[-1].text:
            last = clusters[-1]
            clusters[-1] = Cluster(last.text + char, last.start, index + 1, last.cells)
        else:
            clusters.append(Cluster(drawn, index, index + 1, char_cells(char) if drawn else 0))
    return clusters


class _BaseCounts(dict[str, int]):
    """Letters a glyph stands for: a presentation form may be a ligature of several."""

    def __missing__(self, glyph: str) -> int:
        count = 1 if not _PRESENTATION_FORM.match(glyph) else \
            sum(1 for char in unicodedata.normalize("NFKC", glyph) if not IS_MARK[char])
        self[glyph] = count
        return count


_BASE_COUNT = _BaseCounts()


def _base_count(glyph: str) -> int:
    return _BASE_COUNT[glyph]


def _align(word: str, shaped: str) -> list[Cluster] | None:
    """Map reshaper output back to logical characters; None if they cannot be aligned."""
    clusters: list[Cluster] = []
    pos = 0
    for glyph in shaped:
        if IS_MARK[glyph]:
            if not clusters:
                return None
            last = clusters[-1]
            end = last.end
            if pos < len(word) and IS_MARK[word[pos]]:
                pos += 1
                end = pos
            clusters[-1] = Cluster(last.text + glyph, last.start, end, last.cells)
            continue
        # Logical marks the reshaper left out belong to the glyph before them.
        while clusters and pos < len(word) and IS_MARK[word[pos]]:
            last = clusters[-1]
            pos += 1
            clusters[-1] = Cluster(last.text, last.start, pos, last.cells)
        start = pos
        for _ in range(_base_count(glyph)):
            while pos < len(word) and IS_MARK[word[pos]]:
                pos += 1  # a mark inside a ligature: the reshaper moves it after the glyph
            if pos >= len(word):
                return None
            pos += 1
        drawn = _drawn(glyph)
        clusters.append(Cluster(drawn, start, pos, char_cells(glyph) if drawn else 0))
    while clusters and pos < len(word) and IS_MARK[word[pos]]:
        last = clusters[-1]
        pos += 1
        clusters[-1] = Cluster(last.text, last.start, pos, last.cells)
    return clusters if pos == len(word) else None


def is_dropped_mark(char: str, harakat: str) -> bool:
    """Whether `char` is a diacritic left out under `--harakat` mode `harakat` (all, shadda, none)."""
    if harakat == "all" or not HARAKAT_RE.match(char):
        return False
    return harakat == "none" or char not in _KEPT_IN_SHADDA_MODE


def _shaped_clusters(word: str, shape: bool, harakat: str) -> list[Cluster]:
    # ZWJ makes arabic-reshaper raise or lose ligatures: shape without it; each ZWJ is then an
    # undrawn cluster of its own (inside a glyph it stays with that glyph). Dropped harakat are
    # left out before shaping too, and join the cluster of the letter they belong to.
    if ZWJ not in word and (harakat == "all" or not HARAKAT_RE.search(word)):
        kept, core = None, word  # nothing left out (nearly every word)
    else:
        kept = [i for i, char in enumerate(word) if char != ZWJ and not is_dropped_mark(char, harakat)]
        core = "".join(word[i] for i in kept)
    clusters = _align(core, _RESHAPER.reshape(core)) if shape and core else None
    if clusters is None:
        clusters = _plain_clusters(core)
    if kept is None or len(core) == len(word):
        return clusters
    mapped: list[Cluster] = []
    position = 0
    for cluster in clusters:
        start, end = kept[cluster.start], kept[cluster.end - 1] + 1
        _left_out(word, position, start, mapped)
        mapped.append(Cluster(cluster.text, start, end, cluster.cells))
        position = end
    _left_out(word, position, len(word), mapped)
    return mapped


def _left_out(word: str, start: int, end: int, clusters: list[Cluster]) -> None:
    """Characters [start, end) of `word` that were not shaped: a dropped mark joins the glyph
    before it (a highlight over it covers its letter), anything else is an undrawn cluster."""
    for index in range(start, end):
        if word[index] != ZWJ and clusters and clusters[-1].end == index and clusters[-1].text:
            last = clusters[-1]
            clusters[-1] = Cluster(last.text, last.start, index + 1, last.cells)
        else:
            clusters.append(Cluster("", index, index + 1, 0))


def _on_dotted_circles(clusters: list[Cluster]) -> tuple[Cluster, ...]:
    """Give a mark with no letter before it a base of its own: a zero-width cluster would be
    drawn on whatever cell precedes it, and Strip.crop drops zero-width segments."""
    return tuple(
        Cluster(DOTTED_CIRCLE + c.text, c.start, c.end, 1) if c.text and IS_MARK[c.text[0]] else c
        for c in clusters
    )


_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]*\Z")


class ShapedWord:
    """A shaped word: the drawn text in logical order, its width, and (built when first
    needed) its clusters, offsets relative to the word."""

    __slots__ = ("word", "text", "cells", "_clusters")

    def __init__(self, word: str, clusters: tuple[Cluster, ...] | None) -> None:
        self.word = word
        self._clusters = clusters
        if clusters is None:  # printable ASCII: one cell and one cluster per character
            self.text, self.cells = word, len(word)
        else:
            self.text = "".join(c.text for c in clusters)
            self.cells = sum(c.cells for c in clusters)

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        if self._clusters is None:
            self._clusters = tuple(Cluster(c, i, i + 1, 1) for i, c in enumerate(self.word))
        return self._clusters


def shape_word(word: str, shape: bool = True, harakat: str = "all") -> ShapedWord:
    """Shape one whitespace-free word, drawing the diacritics `harakat` asks for (all, shadda,
    none). Not cached: the layout keeps the words it shaped."""
    if _PRINTABLE_ASCII.match(word):
        return ShapedWord(word, None)
    if _NEEDS_SHAPING.search(word):
        return ShapedWord(word, _on_dotted_circles(_shaped_clusters(word, shape, harakat)))
    return ShapedWord(word, _on_dotted_circles(_plain_clusters(word)))
