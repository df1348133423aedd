"""Short examples whose screen lines were worked out by hand from the Arabic joining rules
(presentation forms named by code point) and UAX #9, not taken from the engine's output."""

from reader.engine.layout import Span, layout_paragraph, render_text
from reader.engine.sanitize import clipboard_text, sanitize


def lines(text, width, **options):
    return [line.render() for line in layout_paragraph(text, width, **options).lines]


def test_two_words_are_joined_reversed_and_right_aligned():
    # مرحبا: meem initial, reh final, hah initial, beh medial, alef final; read right to left.
    marhaba = "\ufe8e\ufe92\ufea3\ufeae\ufee3"
    # بالعالم: beh initial, alef final, lam initial, ain medial, alef final, lam initial, meem final.
    bilalam = "\ufee2\ufedf\ufe8e\ufecc\ufedf\ufe8e\ufe91"
    assert lines("مرحبا بالعالم", 20) == [" " * 7 + bilalam + " " + marhaba]


def test_european_digits_keep_their_order_inside_arabic():
    # عام: ain initial, alef final, meem isolated.
    assert lines("عام 2023", 20) == [" " * 12 + "2023 \ufee1\ufe8e\ufecb"]


def test_percent_after_arabic_stays_on_the_left_of_the_number():
    # W2 makes 15 an Arabic number after an Arabic letter; % is then neutral and goes right to left.
    assert lines("خصم 15%", 10) == [" " * 3 + "%15 \ufee2\ufebc\ufea7"]


def test_brackets_are_mirrored():
    # Logical "(" at level 1 sits at the right end, mirrored to ")"; logical ")" becomes "(" on the left.
    assert lines("(نعم)", 5) == ["(\ufee2\ufecc\ufee7)"]


def test_shadda_follows_its_letter():
    # وأكّد: waw isolated, alef-hamza isolated, kaf initial + shadda, dal final.
    assert lines("وأكّد", 10) == [" " * 6 + "\ufeaa\ufedb\u0651\ufe83\ufeed"]


def test_harakat_can_be_dropped():
    assert lines("وأكّد", 10, harakat="none") == [" " * 6 + "\ufeaa\ufedb\ufe83\ufeed"]


def test_latin_paragraph_with_an_arabic_word():
    assert lines("I said مرحبا today", 30) == ["I said \ufe8e\ufe92\ufea3\ufeae\ufee3 today"]


def test_wrap_drops_the_space_at_the_break_and_counts_a_ligature_as_one_cell():
    # واحد اثنان (4 + 1 + 5 cells) fill 10; ثلاثة is 4 cells (lam-alef is one glyph).
    wahid = "\ufeaa\ufea3\ufe8d\ufeed"
    ithnan = "\ufee5\ufe8e\ufee8\ufe9b\ufe8d"
    thalatha = "\ufe94\ufe9b\ufefc\ufe9b"
    assert lines("واحد اثنان ثلاثة", 10) == [ithnan + " " + wahid, " " * 6 + thalatha]


def test_a_word_longer_than_the_line_is_broken():
    assert lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_a_highlight_on_one_letter_of_lam_alef_covers_the_ligature():
    line = layout_paragraph("سلام", 10).lines[0]
    # سلام: seen initial, lam-alef final ligature, meem isolated; on screen: meem, lam-alef, seen.
    assert line.text == "\ufee1\ufefc\ufeb3"
    assert line.cells() == [3, 1, 0]
    runs = line.runs([Span(2, 3, "hit")])  # only the alef
    assert [(run.text, run.styles) for run in runs] == [
        ("\ufee1", frozenset()),
        ("\ufefc", frozenset({"hit"})),
        ("\ufeb3", frozenset()),
    ]


def test_index_to_cell_is_the_inverse_of_cells():
    line = layout_paragraph("سلام", 10).lines[0]
    # On screen: meem (logical 3), lam-alef (1 and 2), seen (0); no indent counted.
    assert [line.index_to_cell(i) for i in range(4)] == [2, 1, 1, 0]
    assert line.index_to_cell(4) is None
    mixed = layout_paragraph("abc نعم", 20).lines[0]  # LTR: abc, space, then نعم reversed
    assert [mixed.index_to_cell(i) for i in range(7)] == [0, 1, 2, 3, 6, 5, 4]


def test_controls_become_visible_and_offsets_do_not_move():
    text = "a\x1b]2;x\x07b\u202ec\x9bd"
    clean = sanitize(text)
    assert clean == "a\u241b]2;x\u2407b\u2b1ac\ufffdd"
    assert len(clean) == len(text)
    assert render_text(text, 40) == [clean]


def test_render_text_lays_out_each_line_as_a_paragraph():
    assert render_text("abc\nنعم", 5) == ["abc", "  \ufee2\ufecc\ufee7"]


def test_clipboard_text_removes_controls_and_keeps_letters_and_marks():
    assert clipboard_text("\x00\x01\x08\x0b\x0c\x0d\x1b\x1f\x7f\x80\x85\x9b\x9d\x9f") == ""
    assert clipboard_text("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") == ""
    assert clipboard_text("a\ud800b") == "ab"
    kept = "مُحَمَّد\u200f \u200e\u061c\t\nﻻ ␛ \u00a0x"  # harakat, RLM/LRM/ALM, tab, newline, placeholders' look-alikes
    assert clipboard_text(kept) == kept
