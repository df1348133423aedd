"""Quotes and their speakers, on short texts written for each rule."""

import pytest

from reader.document.loading import load_document

PUTIN, KIM, LAVROV, TASS = "vladimir-putin", "kim-jong-un", "sergey-lavrov", "tass"


def quotes(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(quote.paragraph, quote.text, quote.speech, quote.speaker) for quote in load_document(str(path)).quotes]


def test_all_three_kinds_of_marks(tmp_path):
    text = 'وقال بوتين: «نحن مستعدون» و"سنبقى" ثم “نرحب بكم”.'
    assert quotes(tmp_path, text) == [
        (0, "نحن مستعدون", True, PUTIN), (0, "سنبقى", True, PUTIN), (0, "نرحب بكم", True, PUTIN)]


def test_the_addressee_is_not_the_speaker(tmp_path):
    assert quotes(tmp_path, "وقال بوتين لكيم: “أهلا بك في روسيا”.") == [(0, "أهلا بك في روسيا", True, PUTIN)]
    # Someone not in the glossary speaks to Kim: unknown, not Kim.
    assert quotes(tmp_path, "وقال مسؤول روسي لكيم: “أهلا بك”.") == [(0, "أهلا بك", True, None)]


def test_a_bare_cue_carries_the_last_statement_even_an_unknown_one(tmp_path):
    text = ("وقال مسؤول كبير في الحكومة إن “المحادثات ناجحة”.\n\n"
            "وأضاف: “سنواصل العمل”.\n\n"
            "وأكد لافروف أن “العلاقات قوية”.\n\n"
            "وأضاف: “لن نتراجع”.")
    assert quotes(tmp_path, text) == [
        (0, "المحادثات ناجحة", True, None),
        (1, "سنواصل العمل", True, None),
        (2, "العلاقات قوية", True, LAVROV),
        (3, "لن نتراجع", True, LAVROV),
    ]


def test_a_reported_statement_sets_the_subject(tmp_path):
    text = "وأشار الرئيس الروسي إلى أن المحادثات كانت مثمرة.\n\nوقال: “نحن راضون”."
    assert quotes(tmp_path, text) == [(1, "نحن راضون", True, PUTIN)]


def test_cue_after_the_quote(tmp_path):
    text = "“نحن مستعدون للحوار”، قال لافروف للصحفيين. وفي سياق آخر التقى بوتين وفدا صينيا."
    assert quotes(tmp_path, text) == [(0, "نحن مستعدون للحوار", True, LAVROV)]


def test_no_cue_no_speaker(tmp_path):
    # A quote with no speech cue in its paragraph: the nearest name is not a guess we make.
    text = "وقال كيم إن الزيارة ناجحة.\n\nوفي المساء التقى بوتين وفدا من “النخبة” في موسكو."
    assert quotes(tmp_path, text) == [(1, "النخبة", True, None)]


def test_a_quoted_name_is_not_speech(tmp_path):
    text = ("وشاهد كيم إطلاق الصاروخ “سويوز” ثم زار موقع “درع الشمال” وقال: “هذا رائع”.")
    assert quotes(tmp_path, text) == [
        (0, "سويوز", False, None),  # in the glossary
        (0, "درع الشمال", False, None),  # named by the noun before it
        (0, "هذا رائع", True, KIM),
    ]


def test_participle_takes_its_sentence_subject(tmp_path):
    text = "وكان الزعيم الكوري الشمالي قد زار المصنع، قائلا: “إنه فخر لنا”."
    assert quotes(tmp_path, text) == [(0, "إنه فخر لنا", True, KIM)]


def test_organisation_speaks_when_no_person_does(tmp_path):
    text = "وذكرت وكالة تاس أن “الوفد وصل”، مضيفة أن “المحادثات بدأت”."
    assert quotes(tmp_path, text) == [(0, "الوفد وصل", True, TASS), (0, "المحادثات بدأت", True, TASS)]


def test_headings_captions_and_related_links(tmp_path):
    text = ("قمة في موسكو\n\n"
            "التقى الرئيسان في العاصمة الروسية لساعات طويلة وناقشا ملفات كثيرة بينها الأمن والطاقة والغذاء.\n\n"
            "“نحن أقوى معا”\n\n"
            "وقال بوتين في مؤتمر صحفي مشترك مع ضيفه الكوري الشمالي بعد انتهاء المحادثات: “نحن أقوى معا دائما”.\n\n"
            "بوتين: “الزيارة ناجحة” بعد المحادثات. رويترز\n\n"
            'كيم يقول "شكرا" لمضيفه في رحلة طويلة\n\n'
            "وأضاف: “سنلتقي مجددا”.\n\n"
            'كيم يقول "شكرا" لمضيفه في رحلة طويلة\n\n'
            "نهاية.")
    assert quotes(tmp_path, text) == [
        (2, "نحن أقوى معا", True, PUTIN),  # a heading repeating the body quote that follows it
        (3, "نحن أقوى معا دائما", True, PUTIN),
        (4, "الزيارة ناجحة", True, PUTIN),  # a caption, headline style "NAME: “…”"
        (5, "شكرا", False, None),  # related-article line (recurs in another place)
        (6, "سنلتقي مجددا", True, PUTIN),  # the caption and the related line are skipped
        (7, "شكرا", False, None),
    ]


@pytest.mark.parametrize("text", ["قال: “”", "قال “ ” ثم", "علامة “ مفتوحة فقط"])
def test_empty_or_unclosed_marks_are_not_quotes(tmp_path, text):
    assert quotes(tmp_path, text) == []


@pytest.mark.parametrize("addressee", ["للرئيس الروسي", "وللرئيس الروسي", "مع بوتين", "إلى بوتين", "لبوتين"])
def test_a_governed_mention_is_never_the_subject(tmp_path, addressee):
    assert quotes(tmp_path, f"وقال مصدر مطلع {addressee}: “الأمر محسوم”.") == [(0, "الأمر محسوم", True, None)]


def test_a_block_quote_is_speech_whatever_its_last_words(tmp_path):
    text = "وقال بوتين:\n\n> سنطلق قريبا الصاروخ الجديد\n"
    assert quotes(tmp_path, text, "a.md") == [(1, "سنطلق قريبا الصاروخ الجديد", True, "vladimir-putin")]


def test_quote_marks_pair_left_to_right():
    from reader.document.quotes import quoted_spans

    text = 'أ “ب” «ج» "د" “ هـ «و» ” “” “ز“ ح «ط'  # “ never closes a quote; « at the end never opens one
    assert [text[start:end] for start, end in quoted_spans(text)] == ["ب", "ج", "د", " هـ «و» "]
