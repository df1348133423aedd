"""Kashida placement worked out by hand: for each word, which joins may take a tatweel and which
comes first (Microsoft's classic order); for whole lines, how the stretch is shared out.

Each expected value below was written from the rules before running the code; the reason is
given next to it. `ـ` in an expected word marks where the tatweel goes in the logical text.
"""

import pytest

from reader.engine.justify import (
    TATWEEL,
    JustifiedLine,
    kashida_sites,
    layout_justified,
)
from reader.engine.layout import Span, layout_paragraph


def stretched(word: str, offset: int) -> str:
    return word[:offset] + TATWEEL + word[offset:]


@pytest.mark.parametrize(("word", "expected", "why"), [
    ("مسلمون", [("مسـلمون", 2), ("مسلمـون", 6), ("مسلـمون", 7), ("مـسلمون", 7)],
     "after seen first; then before the final waw; م→و and و→ن: waw joins only to the right"),
    ("مدرسة", [("مدرسـة", 2), ("مـدرسة", 3)],
     "after seen (and before teh marbuta, but seen's class comes first); before the final dal"),
    ("الكتاب", [("الكتـاب", 4), ("الكـتاب", 7), ("الـكتاب", 7)],
     "before the final alef; never after an alef (right-joining), ties nearest the end first"),
    ("كبير", [("كبـير", 5), ("كبيـر", 7), ("كـبير", 7)],
     "before the medial yeh that joins the final reh"),
    ("عبدالله", [("عبـدالله", 3), ("عـبدالله", 7)],
     "before the final dal; nothing after dal or alef, nothing inside الله"),
    ("فوق", [("فـوق", 6)], "before the final waw; nothing after the waw"),
    ("الرفع", [("الرفـع", 6), ("الـرفع", 7)], "before the final ain; nothing after reh"),
    ("بيته", [("بيتـه", 3), ("بيـته", 7), ("بـيته", 7)], "before the final heh"),
    ("وأكّد", [("وأكّـد", 3)], "after the kaf's shadda, before the final dal"),
    ("كـتب", [("كــتب", 1), ("كــتب", 1), ("كـتـب", 7)], "beside the existing tatweel first"),
])
def test_sites_of_a_word_best_first(word, expected, why):
    sites = kashida_sites(word)
    assert [(stretched(word, site.offset), site.priority) for site in sites] == expected, why


@pytest.mark.parametrize("word", ["لا", "الله", "إلا", "ولأن", "2024", "Python", "و", "دار", "ـ"])
def test_no_site_inside_lam_alef_or_allah_or_in_words_that_do_not_join(word):
    assert kashida_sites(word) == ()


def logical_line(text: str, line) -> str:
    """The line's logical text with a tatweel before each index the justifier chose."""
    assert isinstance(line, JustifiedLine)
    return "".join(TATWEEL * (i in line.kashidas) + text[i] for i in range(line.start, line.end))


def test_a_line_takes_the_best_sites_one_per_word():
    # قال(3) المسؤول(7) إن(2) الكتاب(6) الجديد(6) = 28 cells with the spaces; سيصدر does not fit
    # in 30, so two cells are missing. Best site per word: قال before the final alef (4),
    # المسؤول after seen (2), إن none, الكتاب before the final alef (4), الجديد before the final
    # dal (3). The two best classes win: 2 and 3. No space is widened.
    text = "قال المسؤول إن الكتاب الجديد سيصدر غدا"
    layout = layout_justified(text, 30, justify="kashida")
    first, last = layout.lines
    assert logical_line(text, first) == "قال المسـؤول إن الكتاب الجديـد"
    assert first.cell_width == 30 and " " * 2 not in first.text
    assert last.text == layout_paragraph(text, 30).lines[1].text  # the last line is left alone


def test_equal_sites_are_spread_along_the_line_and_avoid_the_column_above():
    # من (2 cells) ×6 with five spaces = 17 cells in 18: one kashida per line, each word's only
    # site is م→ن (any other join, 7). Unjustified, word k's site is at column 16 - 3k; the
    # farthest from both ends (0 and 17) are columns 10 and 7 (7 cells from an end): the left one,
    # word 3, on the first line. The second line would put it in the same column, so it takes the
    # next best, word 2 (column 10).
    text = " ".join(["من"] * 13)
    lines = layout_justified(text, 18, justify="kashida").lines
    words = [logical_line(text, line).split(" ") for line in lines[:2]]
    assert [k for k, word in enumerate(words[0]) if TATWEEL in word] == [3]
    assert [k for k, word in enumerate(words[1]) if TATWEEL in word] == [2]
    assert lines[0].text.index(TATWEEL) == 7 and lines[1].text.index(TATWEEL) == 10


def spaced(words_left_to_right: list[str], gaps: list[int]) -> str:
    return words_left_to_right[0] + "".join(" " * gap + word for gap, word in zip(gaps, words_left_to_right[1:]))


def test_without_sites_the_spaces_take_it_spread_between_words():
    # No word here has a site: after its first letter every one is right-joining (د ا ر ز و).
    # Five words of 3+4+4+3+3 cells and four gaps make 21 cells in 23; ودار does not fit. The two
    # extra spaces go to gaps (2k+1)·4/(2·2) = 1 and 3 from the left.
    text = "دار ودور وزار ورد زاد ودار"
    first = layout_justified(text, 23, justify="kashida").lines[0]
    plain = layout_paragraph(text, 23).lines[0]
    assert first.kashidas == ()
    assert first.text == spaced(plain.text.strip().split(" "), [1, 2, 1, 2])


def test_spaces_mode_widens_spaces_only():
    # The first example's line, 28 cells in 30, by spaces: gaps 1 and 3 of four (from the left).
    text = "قال المسؤول إن الكتاب الجديد سيصدر غدا"
    first = layout_justified(text, 30, justify="spaces").lines[0]
    plain = layout_paragraph(text, 30).lines[0]
    assert TATWEEL not in first.text
    assert first.text == spaced(plain.text.strip().split(" "), [1, 2, 1, 2])


def test_an_inserted_tatweel_is_styled_only_by_what_covers_both_its_letters():
    # The first example again: the tatweel of المسـؤول goes before ؤ (index 8 of the paragraph).
    text = "قال المسؤول إن الكتاب الجديد سيصدر غدا"
    first = layout_justified(text, 30, justify="kashida").lines[0]
    site = text.index("ؤ")
    assert site in first.kashidas

    def tatweel_styles(spans):
        cells = [run.styles for run in first.runs(spans) for _ in range(run.cells)]
        column = next(k for k, c in enumerate(first.text) if c == TATWEEL
                      and first.text[k + 1] == "\ufeb4")  # ﺴ, the medial seen it follows
        return cells[column]

    word = Span(text.index("المسؤول"), text.index("المسؤول") + 7, "hit")
    assert tatweel_styles([word]) == {"hit"}  # a highlight across the word covers it
    up_to_seen = Span(word.start, site, "hit")  # a hit ending at the letter before it does not
    assert tatweel_styles([up_to_seen]) == frozenset()
    from_waw = Span(site, word.end, "quote")
    assert tatweel_styles([from_waw, up_to_seen]) == frozenset()


def test_a_line_mostly_left_to_right_gets_spaces_only():
    # قال(3) المتحدث(7) Vladimir(8) Putin(5) Kim(3) and four spaces: 30 cells in 31, 18 of them
    # left to right (the Latin words and the two spaces between them). المتحدث has a site (before
    # its final dal), but more than half the line is Latin: one space is widened instead.
    text = "قال المتحدث Vladimir Putin Kim Jong Un في المؤتمر"
    first = layout_justified(text, 31, justify="kashida").lines[0]
    assert text[first.start:first.end] == "قال المتحدث Vladimir Putin Kim"
    assert first.kashidas == () and TATWEEL not in first.text and first.cell_width == 31
    assert kashida_sites("المتحدث")  # the Arabic word could have taken one


@pytest.mark.parametrize("terminal_does", [{"shape": False}, {"reorder": False}])
def test_kashida_falls_back_to_spaces_when_the_terminal_joins_the_letters(terminal_does):
    text = "قال المسؤول إن الكتاب الجديد سيصدر غدا"
    first = layout_justified(text, 30, justify="kashida", **terminal_does).lines[0]
    assert first.kashidas == () and TATWEEL not in first.text and first.cell_width == 30
