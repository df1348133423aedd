from hypothesis import given, settings
from hypothesis import strategies as st

from reader.engine.normalize import fold, normalize


def test_folds_what_a_reader_does_not_distinguish():
    assert fold("وأكّد") == "واكد"  # shadda dropped, hamza on alef folded
    assert fold("إلى") == "الي"
    assert fold("آمور") == fold("أمور") == "امور"
    assert fold("ٱلله") == "الله"
    assert fold("مدرسة") == "مدرسه"
    assert fold("كَتَبَ") == "كتب"
    assert fold("جـــميل") == "جميل"  # tatweel
    assert fold("ب\u200cب\u200d\u200f") == "بب"  # ZWNJ, ZWJ, RLM
    assert fold("Putin PUTIN") == "putin putin"
    assert fold("Straße") == "strasse"


def test_presentation_forms_become_letters():
    assert fold("ﻻ") == "لا"  # lam-alef ligature
    assert fold("ﻷ") == "لا"  # with hamza: folded like أ
    assert fold("ﺑﻮﺗﻴﻦ") == "بوتين"  # pre-shaped (e.g. copied from a PDF)
    assert fold("ﹰ") == ""  # an isolated fathatan form is a mark, not a space plus a mark


def test_a_match_maps_back_over_its_marks():
    text = "قال كِيمٌ جونغ"
    normalized = normalize(text)
    start = normalized.text.index("كيم")
    assert normalized.original_span(start, start + 3) == (4, 9)
    assert text[4:9] == "كِيمٌ"  # the tanween after the last letter belongs to the match


def test_offsets_after_an_expansion():
    text = "ﻻ بأس"
    normalized = normalize(text)
    assert normalized.text == "لا باس"
    assert [normalized.original_offset(index) for index in range(len(normalized.text) + 1)] == [0, 0, 1, 2, 3, 4, 5]


def test_unchanged_text_maps_to_itself():
    normalized = normalize("plain ascii")
    assert [normalized.original_offset(index) for index in range(12)] == list(range(12))


ALPHABET = "كيمأإآٱىةب ـ\u064e\u0651\u0670\u200dßİﻻﷲﹰAb."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_every_folded_character_comes_from_the_character_it_maps_to(text):
    normalized = normalize(text)
    assert normalized.text == fold(text)
    offsets = [normalized.original_offset(index) for index in range(len(normalized.text) + 1)]
    assert offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    for index, char in enumerate(normalized.text):
        assert char in fold(text[offsets[index]])
