"""Justified lines checked against the unjustified layout and Unicode's data, on random Arabic and
mixed paragraphs at widths 20–120.

For every line: a justified one (any line but the last, of 4 words or more) is exactly the measure
wide; taking out the inserted tatweel and the widened spaces gives exactly the `--justify none`
line, so everything the FriBidi and layout invariants prove of that line holds here too; each
inserted tatweel joins two letters that Unicode's ArabicShaping.txt (read here, not the engine's
table) says join, outside lam-alef and الله; marks stay after their own letter; and a tatweel
carries exactly the styles its two neighbours share.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from harness.joining_table import ARABIC_SHAPING, read_arabic_shaping
from harness.layout_invariants import glyph_cells, is_mark, mark_placement_problems
from reader.engine.justify import layout_justified
from reader.engine.layout import Cluster, ScreenLine, Span, layout_paragraph

TATWEEL = "\u0640"
JOINING = read_arabic_shaping()[1] if ARABIC_SHAPING.exists() else {}
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـ"
HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b\u0670"
LATIN_WORDS = ["NASA", "Putin", "Kim", "Vostochny", "a.b"]
FIXED_WORDS = ["الله", "لا", "عبدالله", "لله", "إلا", "سلام", "و", "15%", "٢٠٢٤", "(الكرملين)", "«قال»", "بـ"]
STYLES = ("quote", "entity", "hit")

arabic_words = st.lists(
    st.tuples(st.sampled_from(LETTERS), st.sampled_from(["", "", "", *HARAKAT])), min_size=1, max_size=9,
).map(lambda pairs: "".join(letter + mark for letter, mark in pairs))
words = st.one_of(arabic_words, arabic_words, arabic_words, st.sampled_from(LATIN_WORDS), st.sampled_from(FIXED_WORDS),
                  st.integers(0, 99999).map(str))
paragraphs = st.lists(st.tuples(words, st.sampled_from([" ", " ", " ", "  "])), min_size=1, max_size=60).map(
    lambda pairs: "".join(word + space for word, space in pairs).rstrip())
widths = st.integers(min_value=20, max_value=120)
modes = st.sampled_from(["kashida", "spaces"])


def cells(text: str) -> int:
    return sum(0 if is_mark(c) else glyph_cells(c) for c in text)


def removed(justified: str, plain: str) -> list[int] | None:
    """Positions in `justified` whose deletion gives `plain`, deleting only tatweel and spaces;
    None if there are none."""
    deleted = []
    k = 0
    for position, char in enumerate(justified):
        if k < len(plain) and char == plain[k]:
            k += 1
        elif char in (TATWEEL, " "):
            deleted.append(position)
        else:
            return None
    return deleted if k == len(plain) else None


def owners(line: ScreenLine) -> list[Cluster]:
    """The cluster each character of the unjustified line's text belongs to."""
    return [cluster for cluster in line.clusters() for _ in cluster.text]


def joins_forward(char: str) -> bool:
    return JOINING.get(ord(char), ("U",))[0] in ("D", "C")


def joins_backward(char: str) -> bool:
    return JOINING.get(ord(char), ("U",))[0] in ("D", "R", "C")


def bases(text: str) -> str:
    return "".join(c for c in text if not is_mark(c))


def tatweel_problems(text: str, plain: ScreenLine, justified: str, deleted: list[int]) -> list[str]:
    """Each inserted tatweel sits between two logically adjacent letters of one word that join.
    Next to a tatweel of the text itself (which inserted one is which is then ambiguous) it
    lengthens that one: the run must still join the letter on at least one side."""
    problems = []
    owner = owners(plain)
    deleted_set = set(deleted)
    kept_before = []  # characters of the plain text before each position of the justified one
    kept = 0
    for position in range(len(justified)):
        kept_before.append(kept)
        kept += position not in deleted_set
    position = 0
    while position < len(justified):
        if justified[position] != TATWEEL:
            position += 1
            continue
        run_end = position
        while run_end < len(justified) and justified[run_end] == TATWEEL:
            run_end += 1
        inserted = [p for p in range(position, run_end) if p in deleted_set]
        existing = run_end - position - len(inserted)
        where = f"tatweel at {position} of {justified!r}"
        first_after = kept_before[run_end] if run_end < len(justified) else len(owner)
        at_edge = kept_before[position] == 0 or first_after >= len(owner)
        if inserted and at_edge and not existing:
            problems.append(f"{where}: at the edge of the line")
        elif inserted:
            # On screen the logical next letter is on the left.
            left = owner[kept_before[position] - 1] if kept_before[position] else None
            right = owner[first_after] if first_after < len(owner) else None
            before = bases(text[right.start:right.end]) if right else ""
            after = bases(text[left.start:left.end]) if left else ""
            if existing:
                joined = (before and joins_forward(before[-1])) or (after and joins_backward(after[0]))
            else:
                joined = (len(inserted) == 1 and right.end == left.start and before and after
                          and joins_forward(before[-1]) and joins_backward(after[0]))
            if not joined:
                problems.append(f"{where}: {before!r} and {after!r} do not join (ArabicShaping.txt)")
            if not existing and before[-1:] == "ل" and after[:1] in ("ا", "أ", "إ", "آ"):
                problems.append(f"{where}: inside lam-alef")
            # (Beside a word's own tatweel, which may end the word, only the joining side counts.)
            if not existing and any(unicodedata.bidirectional(c) != "AL" for c in before + after):
                problems.append(f"{where}: next to a character that is not Arabic: {before + after!r}")
            site = (left or right).start  # near enough to find the word
            word_start = text.rfind(" ", 0, site) + 1
            word_end = text.find(" ", site) % (len(text) + 1)
            skeleton = bases(text[word_start:word_end])
            at = len(bases(text[word_start:site]))  # letters of the word before the tatweel
            found = skeleton.find("الله")
            while found >= 0:
                if found + 1 < at < found + 4:
                    problems.append(f"{where}: inside الله in {text[word_start:word_end]!r}")
                found = skeleton.find("الله", found + 1)
            if not existing and run_end < len(justified) and is_mark(justified[run_end]):
                problems.append(f"{where}: a mark is drawn on it")
        position = run_end
    return problems


def justification_problems(text: str, width: int, mode: str) -> list[str]:
    plain_layout = layout_paragraph(text, width)
    layout = layout_justified(text, width, justify=mode)
    problems = []
    if [(line.start, line.end) for line in layout.lines] != [(line.start, line.end) for line in plain_layout.lines]:
        return [f"lines break elsewhere: {[(line.start, line.end) for line in layout.lines]}"]
    last = len(layout.lines) - 1
    for number, (line, plain) in enumerate(zip(layout.lines, plain_layout.lines)):
        where = f"line {number} [{line.start}:{line.end}] {line.text!r}"
        eligible = number < last and len(layout.text[line.start:line.end].split()) >= 4
        if not eligible:
            if line.text != plain.text:
                problems.append(f"{where}: changed, but it is the last line or has fewer than 4 words")
            continue
        if cells(line.text) != width or line.indent != 0:
            problems.append(f"{where}: {cells(line.text)} cells (indent {line.indent}) in width {width}")
        deleted = removed(line.text, plain.text)
        if deleted is None:
            problems.append(f"{where}: is not {plain.text!r} with tatweel and spaces added")
            continue
        if len(deleted) != width - cells(plain.text):
            problems.append(f"{where}: {len(deleted)} cells added to {cells(plain.text)} in width {width}")
        for position in deleted:
            if line.text[position] == " " and " " not in (line.text[position - 1:position] + line.text[position + 1:position + 2]):
                problems.append(f"{where}: a space added at {position} is not next to a space")
        if mode == "spaces" and any(line.text[p] == TATWEEL for p in deleted):
            problems.append(f"{where}: a tatweel in spaces mode")
        problems += tatweel_problems(layout.text, plain, line.text, deleted)
        problems += mark_placement_problems(layout.text, line, line.cells())
    return problems


@settings(max_examples=400, deadline=None)
@given(text=paragraphs, width=widths, mode=modes)
@example(text=" ".join(["من"] * 13), width=20, mode="kashida")
@example(text="قال عبدالله إن الله لا يحب الظالمين في كل مكان وزمان", width=20, mode="kashida")
@example(text="وَأَكَّدَ الوَزِيرُ أَنَّ هَٰذَا الاتِّفَاقَ سَيُوَقَّعُ غَدًا فِي العَاصِمَةِ", width=20, mode="kashida")
@example(text="قال Putin إن NASA و Roscosmos ستعملان معا في 2024 على المشروع", width=24, mode="kashida")
def test_justified_lines_are_the_plain_lines_filled_to_the_measure(text, width, mode):
    assert JOINING, "needs Debian unicode-data (ArabicShaping.txt)"
    problems = justification_problems(text, width, mode)
    assert not problems, "\n".join(problems[:12])


span_lists = st.lists(
    st.tuples(st.integers(0, 200), st.integers(0, 40), st.sampled_from(STYLES)), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(text=paragraphs, width=widths, raw_spans=span_lists)
def test_an_inserted_tatweel_carries_the_styles_its_neighbours_share(text, width, raw_spans):
    spans = [Span(start, start + length, style) for start, length, style in raw_spans]
    plain_layout = layout_paragraph(text, width)
    layout = layout_justified(text, width, justify="kashida")
    for line, plain in zip(layout.lines, plain_layout.lines):
        deleted = removed(line.text, plain.text)
        assert deleted is not None
        styles = [run.styles for run in line.runs(spans) for _ in range(run.cells)]
        # An inserted tatweel is a glyph that stands for no character (`removed` cannot tell it
        # from a tatweel of the text next to it).
        cell = 0
        inserted = []
        for cluster in line.clusters():
            if cluster.text == TATWEEL and cluster.start == cluster.end:
                inserted.append(cell)
            cell += cluster.cells
        assert len(inserted) == sum(line.text[position] == TATWEEL for position in deleted)
        for tatweel in inserted:
            assert styles[tatweel] == styles[tatweel - 1] & styles[tatweel + 1], (
                f"{line.text!r}: tatweel at cell {tatweel} styled {set(styles[tatweel])}, neighbours "
                f"{set(styles[tatweel - 1])} and {set(styles[tatweel + 1])}")
