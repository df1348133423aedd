"""The shipped joining-type table says what Unicode's ArabicShaping.txt says, for every code point."""

import sys
import unicodedata

import pytest

from harness.joining_table import ARABIC_SHAPING, read_arabic_shaping, table_text
from reader.engine.joining import joining

needs_ucd = pytest.mark.skipif(not ARABIC_SHAPING.exists(), reason="needs Debian unicode-data")


@needs_ucd
def test_the_shipped_table_is_built_from_the_installed_file():
    from importlib.resources import files

    shipped = (files("reader.assets") / "joining-types.txt").read_text(encoding="utf-8")
    assert shipped == table_text(), "rebuild it: python tests/harness/joining_table.py > assets/joining-types.txt"


@needs_ucd
def test_every_code_point_has_the_type_and_group_of_the_ucd():
    _, entries = read_arabic_shaping()
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if code in entries:
            expected = entries[code]
        else:  # the file's own rule for what it leaves out
            transparent = unicodedata.category(char) in ("Mn", "Me", "Cf")
            expected = ("T" if transparent else "U", "No_Joining_Group")
        if joining(char) != expected:
            wrong.append((f"U+{code:04X}", joining(char), expected))
    assert not wrong, wrong[:20]


def test_letters_the_justifier_relies_on():
    # Hand-checked against the Unicode chapter on Arabic: dual-joining beh and seen, right-joining
    # alef, dal, reh, waw and teh marbuta, join-causing tatweel and ZWJ, transparent marks.
    assert joining("ب") == ("D", "BEH") and joining("س") == ("D", "SEEN") and joining("ى") == ("D", "YEH")
    assert [joining(c)[0] for c in "ادذرزوة"] == ["R"] * 7
    assert joining("ـ")[0] == joining("\u200d")[0] == "C"
    assert joining("\u0651")[0] == "T" and joining("a")[0] == "U" and joining("٣")[0] == "U"
