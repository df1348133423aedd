"""The direct level resolver for mixed paragraphs (`reader.engine.bidi._direct_levels`) against
Unicode's BidiCharacterTest.txt and against python-bidi, whose levels it replaces: a speed-only
path, so both must give identical levels wherever it does not leave the paragraph to python-bidi."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.unicode_bidi import apply_l1, read_l1_classes
from reader.cli import bundled_article
from reader.engine.bidi import _direct_levels, _levels_from_python_bidi, paragraph_kind
from reader.engine.characters import BIDI_CLASS
from reader.engine.sanitize import sanitize

CHARACTER_TEST = Path("/usr/share/unicode/BidiCharacterTest.txt")
DECLINED = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN", "B"}


@pytest.mark.skipif(not CHARACTER_TEST.exists(), reason="Debian package unicode-data is not installed")
def test_direct_levels_match_every_case_of_bidi_character_test_it_resolves():
    classes = read_l1_classes()
    failures = []
    resolved = declined = 0
    for line_number, line in enumerate(CHARACTER_TEST.read_text().splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        code_points, _, paragraph_level, levels, _ = line.split(";")
        text = "".join(chr(int(cp, 16)) for cp in code_points.split())
        got = _direct_levels(text, int(paragraph_level))
        if got is None:
            declined += 1
            # Only explicit formatting, boundary neutrals, separators, unassigned code points, or
            # more open brackets than BD16's stack holds.
            assert any(BIDI_CLASS[c] in DECLINED or unicodedata.category(c) == "Cn" for c in text) \
                or sum(unicodedata.category(c) == "Ps" for c in text) > 63, f"line {line_number} declined"
            continue
        resolved += 1
        expected = levels.split()
        line_levels = apply_l1(text, list(got), int(paragraph_level), classes)
        if ["x" if want == "x" else str(level) for want, level in zip(expected, line_levels)] != expected:
            failures.append(f"line {line_number}: expected {levels}, got {list(got)}")
    assert resolved > 91_000, f"only {resolved} cases resolved directly ({declined} declined)"
    assert not failures, f"{len(failures)} cases fail:\n" + "\n".join(failures[:50])


def test_direct_levels_equal_python_bidi_on_every_mixed_paragraph_of_the_article():
    checked = 0
    for paragraph in Path(bundled_article()).read_text(encoding="utf-8").split("\n"):
        text = sanitize(paragraph)
        for level in (0, 1):
            if paragraph_kind(text, level) == "mixed":
                assert _direct_levels(text, level) == _levels_from_python_bidi(text, level), paragraph
                checked += 1
    assert checked > 10


# Mixed text as it comes: Arabic letters and harakat, Latin, both kinds of digits, separators and
# terminators, brackets (some unpaired), quotes, spaces and tabs.
ALPHABET = ("ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "\u064b\u064e\u0650\u0651\u0652\u0670" "abcXYZ" "0123456789"
            "٠١٢٣٤٥" "۱۲" "+-%$#.,:/" "()[]{}«»“”\"'" "!?،؛؟" "  \t" "\u05d0\u05d1" "\u0300")
mixed_text = st.text(alphabet=ALPHABET, min_size=1, max_size=60)


@settings(max_examples=1500, deadline=None)
@given(text=mixed_text, level=st.sampled_from((0, 1)))
def test_direct_levels_equal_python_bidi_on_generated_mixed_text(text, level):
    assert _direct_levels(text, level) == _levels_from_python_bidi(text, level)
