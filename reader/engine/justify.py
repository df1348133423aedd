"""Justified lines: every line of a paragraph but its last filled to the measure, by kashida
(tatweel, U+0640) where Arabic typography stretches a word, and by widened spaces.

Justification works on lines already laid out (reader.engine.layout): it never changes where a
line breaks, only what is drawn. A kashida site is checked by shaping the word with the tatweel
inserted in its logical text (so its neighbours take their joining forms); the glyphs drawn are
then the line's own plus the tatweel, so a justified line with its tatweel and extra spaces taken
out is exactly the unjustified line. The text itself never changes: search, copy, marks and every
report see the document's characters.

Where a tatweel may go: between a letter that joins forward (Joining_Type D or C) and the next
letter that joins backward (D, R or C), after the first letter's marks; never inside a ligature
(lam-alef, الله), never in a left-to-right run or a number. Which sites come first follows
Microsoft's classic order (also used by open implementations): an existing tatweel; after seen or
sad; before a final teh marbuta, heh or dal; before a final alef, tah, lam or kaf; before a medial
beh, noon or yeh that joins a final reh or yeh; before a final waw, ain, qaf or feh; any other
join. Every word gets one kashida before any gets a second, the chosen sites are spread along the
line, and a kashida avoids the column of one on the line above.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reader.engine.characters import BIDI_CLASS, IS_MARK
from reader.engine.joining import joining
from reader.engine.layout import ParagraphLayout, ScreenLine, layout_paragraph
from reader.engine.shaping import Cluster, shape_word

TATWEEL = "\u0640"
MIN_WORDS = 4  # shorter lines stay as they are: stretching two words apart reads as a gap
MAX_KASHIDAS_PER_WORD = 2
_SWAP_TRIES = 8  # re-assemblies allowed per line to move a kashida out of the column above it

# Break opportunities, as in reader.engine.layout: words are what lies between them.
_SPACES = re.compile(r"[ \t\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+")

# Microsoft's classes by Unicode Joining_Group (so ذ goes with د, ظ with ط, غ with ع…).
_SEEN_SAD = frozenset({"SEEN", "SAD"})
_FINAL_TEH_MARBUTA_HEH_DAL = frozenset({"TEH_MARBUTA", "HEH", "DAL"})
_FINAL_ALEF_TAH_LAM_KAF = frozenset({"ALEF", "TAH", "LAM", "KAF", "GAF"})
_MEDIAL_BEH_NOON_YEH = frozenset({"BEH", "NOON", "YEH"})
_FINAL_REH_YEH = frozenset({"REH", "YEH"})
_FINAL_WAW_AIN_QAF_FEH = frozenset({"WAW", "AIN", "QAF", "FEH"})
_ALLAH = "الله"


@dataclass(frozen=True, slots=True)
class Site:
    """Where a tatweel may go in a word: before `offset` (after the previous letter's marks)."""

    offset: int
    priority: int  # 1 (an existing tatweel) … 7 (any other join)


def _letter(char: str) -> bool:
    return BIDI_CLASS[char] == "AL" and not IS_MARK[char]


@lru_cache(maxsize=1 << 14)
def kashida_sites(word: str, harakat: str = "all") -> tuple[Site, ...]:
    """The word's kashida sites, best first (ties: the one nearer the word's end first)."""
    bases = [k for k, char in enumerate(word) if joining(char)[0] != "T"]
    shaped = shape_word(word, True, harakat)
    owner = {}
    for number, cluster in enumerate(shaped.clusters):
        for index in range(cluster.start, cluster.end):
            owner[index] = number
    letters = "".join(word[k] for k in bases)
    in_allah = set()
    for found in re.finditer(_ALLAH, letters):
        in_allah.update(bases[found.start() + 1:found.end() - 1])  # the two lams

    def joins(a: int, b: int) -> bool:
        """Whether letters word[a] and word[b] (next to each other but for marks) join."""
        return (_letter(word[a]) and _letter(word[b])
                and joining(word[a])[0] in "DC" and joining(word[b])[0] in "DRC")

    def final(position: int) -> bool:  # bases[position] joins the letter after it, or not
        return position + 1 >= len(bases) or not joins(bases[position], bases[position + 1])

    sites = []
    for position in range(len(bases) - 1):
        a, b = bases[position], bases[position + 1]
        if not joins(a, b) or owner[a] == owner[b] or a in in_allah:
            continue
        group_a, group_b = joining(word[a])[1], joining(word[b])[1]
        if group_a == "LAM" and group_b == "ALEF":
            continue  # lam-alef is one letterform even when it is not drawn as a ligature
        b_final = final(position + 1)
        if TATWEEL in (word[a], word[b]):
            priority = 1
        elif group_a in _SEEN_SAD:
            priority = 2
        elif b_final and group_b in _FINAL_TEH_MARBUTA_HEH_DAL:
            priority = 3
        elif b_final and group_b in _FINAL_ALEF_TAH_LAM_KAF:
            priority = 4
        elif (not b_final and group_b in _MEDIAL_BEH_NOON_YEH and final(position + 2)
              and joining(word[bases[position + 2]])[1] in _FINAL_REH_YEH):
            priority = 5
        elif b_final and group_b in _FINAL_WAW_AIN_QAF_FEH:
            priority = 6
        else:
            priority = 7
        sites.append(Site(b, priority))
    if not _shapes_with_tatweel(word, [site.offset for site in sites], harakat):
        sites = [site for site in sites if _shapes_with_tatweel(word, [site.offset], harakat)]
    return tuple(sorted(sites, key=lambda site: (site.priority, -site.offset)))


def _shapes_with_tatweel(word: str, offsets: list[int], harakat: str) -> bool:
    """Whether shaping the word with a tatweel inserted before each of `offsets` draws the
    word's own glyphs with a tatweel between them at each (the neighbours keep their joining
    forms). All sites are tried in one shaping; the caller tries them one by one if that fails."""
    if not offsets:
        return True
    stretched_word = "".join(TATWEEL * (k in offsets) + char for k, char in enumerate(word))
    stretched = shape_word(stretched_word, True, harakat).clusters
    # Where each inserted tatweel lands in the stretched word: before offset k, after the
    # tatweels inserted before it.
    inserted = {offset + n for n, offset in enumerate(sorted(offsets))}
    texts = []
    for cluster in stretched:
        if cluster.start in inserted:
            if cluster.end != cluster.start + 1 or cluster.text != TATWEEL:
                return False
        else:
            texts.append(cluster.text)
    return texts == [c.text for c in shape_word(word, True, harakat).clusters]


class JustifiedLine(ScreenLine):
    """A screen line drawn exactly the measure wide. Its logical range is the line's own;
    an inserted tatweel is a cluster covering no character (`start == end`, the index of the
    letter after it), so a style covers it only when it covers both its neighbours."""

    __slots__ = ("_clusters", "kashidas")

    def __init__(self, line: ScreenLine, clusters: list[Cluster], kashidas: tuple[int, ...]) -> None:
        super().__init__(line.paragraph, line.start, line.end, sum(c.cells for c in clusters), line.first_token,
                         line.end_token)
        self._clusters = tuple(clusters)
        self._text = "".join(c.text for c in clusters)
        self.kashidas = kashidas  # paragraph indices a tatweel was inserted before

    def clusters(self) -> list[Cluster]:
        return list(self._clusters)


@dataclass(slots=True)
class _Candidate:
    word: int  # which word of the line
    index: int  # paragraph index the tatweel goes before
    priority: int
    rank: int  # 0 for the word's best site, 1 for its second…
    column: int  # where it would be drawn in the unjustified line


def justify_lines(layout: ParagraphLayout, mode: str, *, harakat: str = "all") -> list[ScreenLine]:
    """The layout's lines justified by `mode`: "none", "spaces" or "kashida" (which needs the
    layout shaped: see layout_justified). The last line, and
    lines of fewer than MIN_WORDS words, stay as they are; so do lines mostly left to right under
    kashida, which get spaces only."""
    lines = layout.lines
    if mode == "none" or len(lines) < 2:
        return lines
    result: list[ScreenLine] = []
    above: frozenset[int] = frozenset()
    for line in lines[:-1]:
        justified, above = _justify_line(layout, line, mode, harakat, above)
        result.append(justified)
    result.append(lines[-1])
    return result


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    words = []
    position = start
    for gap in _SPACES.finditer(text, start, end):
        if gap.start() > position:
            words.append((position, gap.start()))
        position = gap.end()
    if position < end:
        words.append((position, end))
    return words


def _justify_line(
    layout: ParagraphLayout, line: ScreenLine, mode: str, harakat: str, above: frozenset[int]
) -> tuple[ScreenLine, frozenset[int]]:
    text, width = layout.text, layout.width
    extra = width - line.cell_width
    words = _words(text, line.start, line.end)
    if extra <= 0 or len(words) < MIN_WORDS:
        return line, frozenset()
    clusters = line.clusters()
    # Gaps: the first drawn cluster of each space run between two words of the line.
    gap_starts = {end for _, end in words[:-1]}
    gaps = [k for k, c in enumerate(clusters) if c.start in gap_starts]
    candidates: list[_Candidate] = []
    if mode == "kashida" and layout.kind != "ltr" and not _mostly_left_to_right(layout, clusters):
        candidates = _candidates(layout, words, clusters, harakat)
    chosen = _choose(candidates, min(extra, len(candidates)), line.cell_width)
    spaces = extra - len(chosen)
    if spaces and not gaps:
        return line, frozenset()  # cannot fill it (a line of one word broken across lines)
    assembled, columns = _assemble(clusters, chosen, gaps, spaces)
    tries = 0
    while columns & above and tries < _SWAP_TRIES:
        better = _move_out_of_columns(clusters, chosen, candidates, gaps, spaces, above, columns, line.cell_width)
        tries += 1
        if better is None:
            break
        chosen, assembled, columns = better
    kashidas = tuple(sorted(candidate.index for candidate in chosen))
    return JustifiedLine(line, assembled, kashidas), columns


def _mostly_left_to_right(layout: ParagraphLayout, clusters: list[Cluster]) -> bool:
    levels = layout.levels  # already resolved: the line's clusters are in visual order
    ltr = sum(c.cells for c in clusters if c.cells and levels[c.start] % 2 == 0 and not c.text.isspace())
    return 2 * ltr > sum(c.cells for c in clusters)


def _candidates(
    layout: ParagraphLayout, words: list[tuple[int, int]], clusters: list[Cluster], harakat: str
) -> list[_Candidate]:
    text = layout.text
    # A site is before a letter, which starts its glyph's cluster: that glyph's right edge, in
    # cells from the line's left, is where the tatweel is drawn (the letter after is on its left).
    column_after = {}
    cells = 0
    for cluster in clusters:
        cells += cluster.cells
        column_after[cluster.start] = cells
    found = []
    for number, (start, end) in enumerate(words):
        whole = start == 0 or _SPACES.match(text, start - 1) is not None
        whole = whole and (end == len(text) or _SPACES.match(text, end) is not None)
        if not whole or not _right_to_left_only(layout, start, end):
            continue  # a piece of a word broken across lines, or a word with numbers or LTR in it
        for rank, site in enumerate(kashida_sites(text[start:end], harakat)[:MAX_KASHIDAS_PER_WORD]):
            found.append(_Candidate(number, start + site.offset, site.priority, rank, column_after[start + site.offset]))
    return found


def _right_to_left_only(layout: ParagraphLayout, start: int, end: int) -> bool:
    """Whether text[start:end] is all at one odd level (so its glyphs are drawn reversed, together)."""
    levels = layout.levels
    level = levels[start]
    return level % 2 == 1 and levels.count(level, start, end) == end - start


def _preference(chosen: list[_Candidate], cells: int) -> Callable[[_Candidate], tuple[int, int, int]]:
    """Sort key: better priority first, then farther from the sites chosen and the line's ends
    (`cells` wide), then further left."""
    marks = [0, cells] + [c.column for c in chosen]
    return lambda c: (c.priority, -min(abs(c.column - mark) for mark in marks), c.column)


def _choose(candidates: list[_Candidate], count: int, cells: int) -> list[_Candidate]:
    """`count` sites: every word's best before any word's second, each next pick by `_preference`."""
    chosen: list[_Candidate] = []
    for rank in range(MAX_KASHIDAS_PER_WORD):
        pool = [c for c in candidates if c.rank == rank]
        while pool and len(chosen) < count:
            pick = min(pool, key=_preference(chosen, cells))
            chosen.append(pick)
            pool.remove(pick)
    return chosen


def _assemble(
    clusters: list[Cluster], chosen: list[_Candidate], gaps: list[int], spaces: int
) -> tuple[list[Cluster], frozenset[int]]:
    """The justified clusters and the columns of the inserted tatweel."""
    widen = {}
    if spaces:
        each, rest = divmod(spaces, len(gaps))
        # The gaps that take one more space are spread along the line, not bunched at one end.
        more = {gaps[(2 * k + 1) * len(gaps) // (2 * rest)] for k in range(rest)} if rest else set()
        widen = {gap: each + (gap in more) for gap in gaps}
    after = {c.index for c in chosen}  # a tatweel is drawn right of the glyph this index starts
    result: list[Cluster] = []
    columns = []
    cells = 0
    for number, cluster in enumerate(clusters):
        added = widen.get(number, 0)
        if added:
            cluster = Cluster(cluster.text + " " * added, cluster.start, cluster.end, cluster.cells + added)
        result.append(cluster)
        cells += cluster.cells
        if cluster.start in after:
            result.append(Cluster(TATWEEL, cluster.start, cluster.start, 1))
            columns.append(cells)
            cells += 1
    return result, frozenset(columns)


def _follows_the_rounds(chosen: list[_Candidate], candidates: list[_Candidate]) -> bool:
    """At most one site per word and round, and no second site while a word has none."""
    firsts = [c.word for c in chosen if c.rank == 0]
    seconds = [c.word for c in chosen if c.rank == 1]
    if len(set(firsts)) != len(firsts) or len(set(seconds)) != len(seconds):
        return False
    return not seconds or set(firsts) == {c.word for c in candidates}


def _move_out_of_columns(
    clusters: list[Cluster],
    chosen: list[_Candidate],
    candidates: list[_Candidate],
    gaps: list[int],
    spaces: int,
    above: frozenset[int],
    columns: frozenset[int],
    cells: int,
) -> tuple[list[_Candidate], list[Cluster], frozenset[int]] | None:
    """Swap one chosen site for another of the same round (the most preferred that helps) so
    that fewer kashidas stand under one on the line above; None when no swap helps."""
    clashes = len(columns & above)
    for old in chosen:
        others = [c for c in chosen if c is not old]
        for new in sorted(candidates, key=_preference(others, cells)):
            if new in chosen or new.rank != old.rank:
                continue
            trial = [new if c is old else c for c in chosen]
            if not _follows_the_rounds(trial, candidates):
                continue
            assembled, trial_columns = _assemble(clusters, trial, gaps, spaces)
            if len(trial_columns & above) < clashes:
                return trial, assembled, trial_columns
    return None


def layout_justified(text: str, width: int, *, justify: str = "none", **options: Any) -> ParagraphLayout:
    """`layout_paragraph(text, width, **options)` with its lines justified by `justify`. Kashida
    needs the letters shaped and reordered here: when the terminal does either (shape=False or
    reorder=False), the lines are justified by spaces instead."""
    layout = layout_paragraph(text, width, **options)
    if justify == "kashida" and not (options.get("shape", True) and options.get("reorder", True)):
        justify = "spaces"
    if justify != "none":
        layout.lines = justify_lines(layout, justify, harakat=options.get("harakat", "all"))
    return layout
