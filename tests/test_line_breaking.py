"""Arabic line breaking (always on): a standalone و never ends a line, nor ل/ب before a Latin word or
a number; no line starts with closing punctuation (، ؛ ؟ . : ! and closing brackets and quotes) and
none ends with an opening bracket or quote. Hand-worked lines, then random paragraphs."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.layout_invariants import coverage_problems
from reader.engine.layout import layout_paragraph


def logical_lines(text: str, width: int) -> list[str]:
    layout = layout_paragraph(text, width)
    return [layout.text[line.start:line.end] for line in layout.lines]


@pytest.mark.parametrize(("text", "width", "expected", "why"), [
    ("قال الوزير و الرئيس معا", 12, ["قال الوزير", "و الرئيس معا"],
     "'قال الوزير و' fits in 12, but و would end the line: it goes down with الرئيس"),
    ("يعمل بـ Python منذ سنوات", 10, ["يعمل", "بـ Python", "منذ سنوات"],
     "'يعمل بـ' fits, but بـ before a Latin word stays with it"),
    ("عاش ل 15 عاما في المدينة", 8, ["عاش ل 15", "عاما في", "المدينة"],
     "ل before a number stays with it (here both fit on the first line)"),
    ("عاش ل 15 عاما", 5, ["عاش", "ل 15", "عاما"], "'عاش ل' fits in 5, but ل goes down with 15"),
    ("قال كلمة ، ثم مشى بعيدا", 9, ["قال", "كلمة ، ثم", "مشى بعيدا"],
     "'قال كلمة' fits, but the comma may not start the next line: كلمة goes down with it"),
    ("قال « نعم » ثم مشى", 7, ["قال", "« نعم »", "ثم مشى"],
     "« may not end a line, » may not start one: the quote stays in one piece"),
    ("و و و و", 3, ["و و", "و و"], "when every break is forbidden the line still breaks where it must"),
])
def test_hand_worked_breaks(text, width, expected, why):
    assert logical_lines(text, width) == expected, why


def test_a_line_too_narrow_for_the_pair_breaks_as_before():
    # الرئيس (6 cells) after و: together 8 cells, the width is 7: و must end a line after all.
    assert logical_lines("قال و الرئيس", 7) == ["قال و", "الرئيس"]


WORDS = ["قال", "الرئيس", "اجتماع", "الوزراء", "مدينة", "سلام", "NASA", "Kim", "2024", "١٥"]
BEFORE = ["", "", "", "و ", "ل ", "بـ ", "« ", "( "]
AFTER = ["", "", "", " ،", " .", " »", " )", " ؟"]

units = st.tuples(st.sampled_from(BEFORE), st.sampled_from(WORDS), st.sampled_from(AFTER)).map("".join)
paragraphs = st.lists(units, min_size=1, max_size=40).map(" ".join)


def ends_badly(word: str, next_word: str) -> bool:
    if word.rstrip("\u064e\u064f\u0650\u0651\u0652") == "و":
        return True
    if word in ("ل", "ب", "بـ", "لـ") and (next_word[0].isdigit() or next_word[0].isascii() and next_word[0].isalpha()):
        return True
    return unicodedata.category(word[-1]) in ("Ps", "Pi")


def starts_badly(word: str) -> bool:
    return word[0] in "،؛؟.:!" or unicodedata.category(word[0]) in ("Pe", "Pf")


@settings(max_examples=300, deadline=None)
@given(text=paragraphs, width=st.integers(20, 120))
def test_no_line_ends_or_starts_where_arabic_does_not_break(text, width):
    # Every unit (proclitic or opening mark, a word, closing mark) is at most 14 cells: there is
    # always a break allowed, so no line may break against the rules.
    layout = layout_paragraph(text, width)
    assert not coverage_problems(layout)
    lines = [layout.text[line.start:line.end].split() for line in layout.lines]
    for number, (line, next_line) in enumerate(zip(lines, lines[1:])):
        assert not ends_badly(line[-1], next_line[0]), f"line {number} ends with {line[-1]!r}: {lines}"
        assert not starts_badly(next_line[0]), f"line {number + 1} starts with {next_line[0]!r}: {lines}"
    assert all(line.cell_width <= width for line in layout.lines)
