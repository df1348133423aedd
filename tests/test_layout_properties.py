"""Property-based tests of `layout_paragraph` on random mixes of Arabic, Latin, digits, punctuation,
harakat, joiners and spaces, at widths 1–120.

The invariants (widths, coverage in logical order, each cell showing exactly its characters,
marks after their own letters) come from `layout_invariants`; here they meet random input.
Paragraph levels and line order are compared with GNU FriBidi, and styled spans are checked
cell by cell.
"""

from __future__ import annotations

import unicodedata

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from harness.fribidi_oracle import AVAILABLE, FriBidiParagraph, known_to_differ
from harness.layout_invariants import (
    coverage_problems,
    is_mark,
    line_key,
    line_problems,
    mark_placement_problems,
)
from harness.unicode_bidi import DERIVED_BIDI_CLASS, apply_l1, read_l1_classes
from reader.engine.bidi import base_level, resolve_levels
from reader.engine.layout import ScreenLine, Span, layout_paragraph
from reader.engine.sanitize import sanitize

ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
LATIN = "abcxyzKLM"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۱۴"
PUNCTUATION = "()[]{}«»<>.,:;!?%+-/@#$،؛؟٪ـ“”\"'"
# Characters that must not break anything: joiners, marks, a tab, controls the sanitiser shows.
HAZARDS = ["\u200d", "\u200c", "\t", "\x1b", "\u202e", "\u2067", "\x85", "\u00a0"]
LIGATURE_WORDS = ["لا", "لآ", "لأ", "الله", "عبدالله", "لَا", "لله", "ﷲ"]

pieces = st.one_of(
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(HARAKAT),
    st.sampled_from(LATIN),
    st.sampled_from(DIGITS),
    st.sampled_from(PUNCTUATION),
    st.just(" "),
    st.just(" "),
    st.sampled_from(LIGATURE_WORDS),
    st.sampled_from(HAZARDS),
)
paragraphs = st.lists(pieces, max_size=80).map("".join)
widths = st.integers(min_value=1, max_value=120)
base_dirs = st.sampled_from(["auto", "rtl", "ltr"])
STYLES = ("quote", "entity", "hit")


def layout_problems(text: str, width: int, base_dir: str) -> list[str]:
    layout = layout_paragraph(text, width, base_dir=base_dir)
    problems = coverage_problems(layout)
    for line in layout.lines:
        cells = line.cells()
        problems += line_problems(layout, line, width, cells)
        problems += mark_placement_problems(layout.text, line, cells, base_is_letter=False)
    return problems


@settings(max_examples=1000, deadline=None)
@given(text=paragraphs, width=widths, base_dir=base_dirs)
@example(text="\tب", width=1, base_dir="auto")  # a leading tab (4 cells) in a narrower line
@example(text="     ب", width=2, base_dir="auto")  # leading spaces wider than the line
@example(text="ب َت", width=10, base_dir="auto")  # a mark with no letter before it
def test_lines_fit_and_cover_the_paragraph(text, width, base_dir):
    problems = layout_problems(text, width, base_dir)
    assert not problems, "\n".join(problems[:20])


@settings(max_examples=500, deadline=None)
@given(text=paragraphs, width=widths)
@example(text="ب x ف52\u200d", width=40)  # a ZWJ after digits at the line end: L1 moves it, not the 2
@example(text="Hello \u200dمرحبا world", width=40)  # a word-initial ZWJ must not carry its letter away
def test_lines_match_fribidi(text, width):
    if not AVAILABLE:
        return
    assume(not known_to_differ(text))
    layout = layout_paragraph(text, width)
    oracle = FriBidiParagraph.resolve(layout.text)
    assert layout.rtl == oracle.rtl
    for line in layout.lines:
        expected = oracle.line_visual(line.start, line.end)
        assert line_key(line.text) == line_key(expected), (
            f"line [{line.start}:{line.end}]: got {line.text!r}, FriBidi {expected!r}")


L1_CLASSES = read_l1_classes() if DERIVED_BIDI_CLASS.exists() else {}


@settings(max_examples=400, deadline=None)
@given(text=paragraphs, base_dir=base_dirs)
def test_paragraph_levels_match_fribidi(text, base_dir):
    """The levels themselves (the engine's fast paths and python-bidi's), with the whole
    paragraph as one line (rule L1 applied to both); characters X9 removes (BN) have no level of
    their own and are skipped."""
    if not AVAILABLE or not L1_CLASSES:
        return
    assume(not known_to_differ(text))
    paragraph = sanitize(text)
    level = base_level(paragraph, base_dir)
    oracle = FriBidiParagraph.resolve(paragraph, base_dir)
    assert level == int(oracle.rtl)
    ours = apply_l1(paragraph, list(resolve_levels(paragraph, level)), level, L1_CLASSES)
    order, levels = oracle.line_order(0, len(paragraph))
    theirs = dict(zip(order, levels))
    differ = [(i, paragraph[i], ours[i], theirs[i]) for i in range(len(paragraph))
              if ours[i] != theirs[i] and unicodedata.bidirectional(paragraph[i]) != "BN"]
    assert not differ, f"{paragraph!r}: (index, character, ours, FriBidi) {differ}"


def cluster_ranges(line: ScreenLine, cells: list[int]) -> dict[int, range]:
    """Logical characters behind each cell's index: from it to the next index shown on the line."""
    starts = sorted(set(cells))
    return {start: range(start, end) for start, end in zip(starts, starts[1:] + [line.end])}


def expected_styles(text: str, cluster: range, spans: list[Span]) -> frozenset[str] | None:
    """Styles of the spans covering any character of the cluster (so a ligature cell is styled
    if any of its letters is); None when a span covers only an undrawn format character of it,
    which the engine may attach to either neighbour."""
    styles = set()
    for span in spans:
        covered = [i for i in cluster if span.start <= i < span.end]
        if covered and all(unicodedata.category(text[i]) == "Cf" for i in covered):
            return None
        if covered:
            styles.add(span.style)
    return frozenset(styles)


span_lists = st.lists(
    st.tuples(st.integers(0, 90), st.integers(0, 30), st.sampled_from(STYLES)), min_size=1, max_size=3)


@settings(max_examples=600, deadline=None)
@given(text=paragraphs, width=widths, raw_spans=span_lists)
@example(text="لا", width=10, raw_spans=[(1, 0, "hit")])  # an empty span styles nothing
def test_runs_carry_spans_onto_exactly_their_cells(text, width, raw_spans):
    spans = [Span(start, start + length, style) for start, length, style in raw_spans]
    layout = layout_paragraph(text, width)
    for line in layout.lines:
        cells = line.cells()
        runs = line.runs(spans)
        assert "".join(run.text for run in runs) == line.text
        assert all(run.cells or not run.text for run in runs), f"zero-width run in {runs}"
        assert sum(run.cells for run in runs) == line.cell_width == len(cells)
        for run in runs:
            assert not run.text or not is_mark(run.text[0]), f"run {run.text!r} starts with a mark cut from its letter"
        styles_of_cells = [run.styles for run in runs for _ in range(run.cells)]
        clusters = cluster_ranges(line, cells)
        for cell, (index, styles) in enumerate(zip(cells, styles_of_cells)):
            expected = expected_styles(layout.text, clusters[index], spans)
            if expected is not None:
                assert styles == expected, (
                    f"line {line.text!r} cell {cell} shows {layout.text[index]!r} (logical {index}): "
                    f"styles {set(styles)}, expected {set(expected)} from {spans}")


def test_a_span_over_one_letter_of_a_ligature_styles_the_whole_glyph():
    text = "قال عبدالله لا"
    for letter in (text.index("ل", 6), text.rindex("ل"), text.rindex("ا")):
        layout = layout_paragraph(text, 40)
        [line] = layout.lines
        runs = line.runs([Span(letter, letter + 1, "hit")])
        styled = [run.text for run in runs if run.styles]
        assert len(styled) == 1, runs
        glyph = styled[0]
        assert len(glyph) == 1 and "\ufb50" <= glyph <= "\ufeff", f"styled {glyph!r} for letter {letter}"
        assert text[letter] in unicodedata.normalize("NFKC", glyph)
