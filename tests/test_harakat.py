"""`--harakat all|shadda|none`: which diacritics are drawn, on every path text takes to the screen.

The marks are counted on screen and compared with the logical text's marks by their Unicode
names, so the expected values do not come from the engine.
"""

import json
import subprocess
import unicodedata

import pytest

from harness.commands import reader_script
from harness.layout_invariants import mark_placement_problems
from reader.engine.layout import Span, layout_paragraph

READER = reader_script()
SHADDA, DAGGER_ALEF, FATHA, KASRA, SUKUN = "\u0651", "\u0670", "\u064e", "\u0650", "\u0652"
# A sentence in the style of a diacritised news lead (our own words).
VOCALISED = "وَأَكَّدَ الوَزِيرُ أَنَّ هَٰذَا الاتِّفَاقَ سَيُوَقَّعُ غَدًا فِي العَاصِمَةِ"


def drawn_marks(text: str, width: int = 200, **options) -> list[str]:
    layout = layout_paragraph(text, width, **options)
    return sorted(c for line in layout.lines for c in line.text if unicodedata.category(c) == "Mn")


def logical_marks(text: str, names: tuple[str, ...] | None = None) -> list[str]:
    marks = [c for c in text if unicodedata.category(c) == "Mn"]
    if names is not None:
        marks = [c for c in marks if unicodedata.name(c) in names]
    return sorted(marks)


@pytest.mark.parametrize("shape", [True, False])
def test_each_mode_draws_exactly_its_marks(shape):
    assert drawn_marks(VOCALISED, shape=shape) == logical_marks(VOCALISED)
    kept = ("ARABIC SHADDA", "ARABIC LETTER SUPERSCRIPT ALEF")
    assert drawn_marks(VOCALISED, harakat="shadda", shape=shape) == logical_marks(VOCALISED, kept)
    assert logical_marks(VOCALISED, kept)  # the sentence has both kinds, so the test can fail
    assert drawn_marks(VOCALISED, harakat="none", shape=shape) == []


KEPT_BY_MODE = {"all": None, "shadda": ("ARABIC SHADDA", "ARABIC LETTER SUPERSCRIPT ALEF"), "none": ()}


@pytest.mark.parametrize("harakat", ["all", "shadda", "none"])
@pytest.mark.parametrize("width", [12, 25, 80])
def test_kept_marks_follow_their_own_letter(harakat, width):
    layout = layout_paragraph(VOCALISED, width, harakat=harakat)
    kept = KEPT_BY_MODE[harakat]
    # The marks each word should show: a dropped one becomes a ZWJ (no mark, no word break).
    expected = "".join(
        "\u200d" if unicodedata.category(c) == "Mn" and kept is not None and unicodedata.name(c) not in kept
        else c for c in layout.text)
    for line in layout.lines:
        assert not mark_placement_problems(expected, line, line.cells())


def test_a_dropped_mark_belongs_to_its_letter_cell():
    # أكّدَ: the fatha after the shadda is dropped in shadda mode; it still maps to the dal's cell,
    # so a search hit or selection ending on it covers the dal and nothing else.
    word = "أكَّدَ"
    layout = layout_paragraph(word, 20, harakat="shadda")
    [line] = layout.lines
    assert sorted(set(line.cells())) == [0, 1, 4]  # alef, kaf (with its marks), dal
    assert [c for c in line.text if unicodedata.category(c) == "Mn"] == [SHADDA]
    fatha_of_dal = len(word) - 1
    runs = line.runs([Span(fatha_of_dal, fatha_of_dal + 1, "hit")])
    [styled] = [run for run in runs if run.styles]
    assert unicodedata.name(styled.text).startswith("ARABIC LETTER DAL")


def test_shadda_mode_keeps_the_lam_alef_ligature_and_allah():
    layout = layout_paragraph("لَا إِلَٰهَ إِلَّا اللَّهُ", 40, harakat="shadda")
    names = [unicodedata.name(c) for c in layout.lines[0].text if not c.isspace()]
    assert any("LIGATURE LAM WITH ALEF" in name for name in names)
    assert "ARABIC SHADDA" in names and "ARABIC FATHA" not in names


def reader(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([READER, *args], check=False, capture_output=True, text=True, input=stdin, timeout=60)


def test_render_takes_the_mode_from_the_flag_and_the_environment(monkeypatch):
    shadda = reader("render", "--width", "80", "--harakat", "shadda", "-", stdin=VOCALISED)
    assert shadda.returncode == 0
    assert sorted(c for c in shadda.stdout if unicodedata.category(c) == "Mn") == logical_marks(
        VOCALISED, ("ARABIC SHADDA", "ARABIC LETTER SUPERSCRIPT ALEF"))
    monkeypatch.setenv("READER_HARAKAT", "none")
    none = reader("render", "--width", "80", "-", stdin=VOCALISED)
    assert none.returncode == 0 and not [c for c in none.stdout if unicodedata.category(c) == "Mn"]
    again = reader("render", "--width", "80", "--harakat", "all", "-", stdin=VOCALISED)  # flag beats env
    assert sorted(c for c in again.stdout if unicodedata.category(c) == "Mn") == logical_marks(VOCALISED)


def test_drop_harakat_is_a_synonym_and_cannot_be_combined():
    dropped = reader("render", "--drop-harakat", "-", stdin=VOCALISED)
    assert dropped.stdout == reader("render", "--harakat", "none", "-", stdin=VOCALISED).stdout
    both = reader("render", "--drop-harakat", "--harakat", "all", "-", stdin=VOCALISED)
    assert both.returncode == 2 and both.stdout == "" and "Traceback" not in both.stderr
    assert "not allowed with" in both.stderr.splitlines()[-1]


def test_quotes_table_drops_marks_but_json_keeps_the_text():
    text = "قَالَ الوَزِيرُ: «سَنُوَقِّعُ الاتِّفَاقَ غَدًا»."
    table = reader("quotes", "--width", "80", "--harakat", "none", "-", stdin=text)
    assert table.returncode == 0, table.stderr
    assert not [c for c in table.stdout if unicodedata.category(c) == "Mn"]
    assert "\ufe8e" in table.stdout or "ا" in table.stdout  # the quote's words are there
    as_json = reader("quotes", "--json", "--harakat", "none", "-", stdin=text)
    [quote] = json.loads(as_json.stdout)
    assert quote["text"] == "سَنُوَقِّعُ الاتِّفَاقَ غَدًا"
