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
    # A passage quoted with no speech cue in its paragraph: someone's words, but the nearest name
    # is not a guess we make. One word with no cue is scare quotes, not speech.
    text = ("وقال كيم إن الزيارة ناجحة.\n\n"
            "وفي المساء التقى بوتين وفدا رفع لافتة “نريد السلام في كل مكان” أمام “النخبة” في موسكو.")
    assert quotes(tmp_path, text) == [(1, "نريد السلام في كل مكان", True, None), (1, "النخبة", False, None)]


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


def said(tmp_path, text):
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    return [(quote.text, quote.speech, quote.speaker, quote.speaker_ar) for quote in load_document(str(path)).quotes]


def test_reversed_and_mixed_marks_are_quote_marks(tmp_path):
    # Pages typed right to left in a left-to-right editor: ” opens, “ (or ” again) closes.
    text = "وأكد لافروف أن ”الحوار هو الطريق الوحيد“ وأن ”روسيا” لن تتراجع."
    assert said(tmp_path, text) == [("الحوار هو الطريق الوحيد", True, LAVROV, "سيرغي لافروف"),
                                    ("روسيا", False, None, None)]  # a name in quote marks


@pytest.mark.parametrize("text, name", [
    ("وسيطر مقاتلو تنظيم «الدولة الإسلامية في العراق والشام» على البلدة، قال شهود.", "الدولة الإسلامية في العراق والشام"),
    ('وأثار نقل تبعية جزيرتي "تيران وصنافير" جدلا واسعا، وقال نواب إن الاتفاق باطل.', "تيران وصنافير"),
    ("وقال قائد ميداني إن قوات «الجيش الحر» تقدمت نحو المدينة.", "الجيش الحر"),
    ("وقال مسؤول لـ«الشرق الأوسط» إن المفاوضات متعثرة.", "الشرق الأوسط"),
    ("وأعلن ما يعرف بـ«مجلس القبائل» رفضه للاتفاق.", "مجلس القبائل"),
    ("وأشار التقرير إلى أن “إسرائيل” لا تريد حل الدولتين، بحسب المحلل.", "إسرائيل"),
])
def test_names_in_quote_marks_are_not_speech_even_beside_a_cue(tmp_path, text, name):
    assert [(quote, speech) for quote, speech, _, _ in said(tmp_path, text)] == [(name, False)]


def test_scare_quotes_without_a_cue_are_not_speech_with_one_they_are(tmp_path):
    text = ("وتصاعد الحديث عن “التطبيع” في الصحف المحلية خلال الأسابيع الماضية.\n\n"
            "ووصف لافروف الخطوة بأنها “استفزاز خطير”.")
    assert said(tmp_path, text) == [("التطبيع", False, None, None), ("استفزاز خطير", True, LAVROV, "سيرغي لافروف")]


def test_verb_forms_clitics_and_participles(tmp_path):
    text = ("وتابعت وكالة تاس أن «الوفود تصل تباعا».\n\n"
            "ويقول لافروف إن «الأمر لم يحسم».\n\n"
            "وشدد بوتين على «وحدة الموقف»، معتبرا أن «الغرب أخطأ».")
    assert said(tmp_path, text) == [
        ("الوفود تصل تباعا", True, TASS, "وكالة تاس"),
        ("الأمر لم يحسم", True, LAVROV, "سيرغي لافروف"),
        ("وحدة الموقف", True, PUTIN, "فلاديمير بوتين"),
        ("الغرب أخطأ", True, PUTIN, "فلاديمير بوتين"),
    ]


def test_a_quote_opening_a_paragraph_continues_the_speaker(tmp_path):
    text = ("وقال لافروف في مؤتمر صحفي:\n\n"
            "«لن نقبل بأي شروط مسبقة»\n\n"
            "«ونحن مستعدون للحوار متى توفرت النية»\n\n"
            "وفي شأن آخر ارتفعت أسعار النفط.\n\n"
            "«الأسعار مرتفعة»")
    assert said(tmp_path, text) == [
        ("لن نقبل بأي شروط مسبقة", True, LAVROV, "سيرغي لافروف"),
        ("ونحن مستعدون للحوار متى توفرت النية", True, LAVROV, "سيرغي لافروف"),
        ("الأسعار مرتفعة", False, None, None),  # the paragraph before said nothing: no cue, short
    ]


def test_after_a_source_noun_the_lam_is_of_not_an_addressee(tmp_path):
    text = "وجاء في بيان للكرملين: «المحادثات كانت بناءة». وقال مصدر لبوتين: «شكرا»."
    assert said(tmp_path, text) == [("المحادثات كانت بناءة", True, "kremlin", "الكرملين"),
                                    ("شكرا", True, None, "مصدر")]


def test_anonymous_sources_are_described_not_named(tmp_path):
    text = ("وقال مصدر أمني رفيع لرويترز إن «الهجوم كان متوقعا».\n\n"
            "وقالت مصادر دبلوماسية إن «الجولة المقبلة حاسمة».")
    assert said(tmp_path, text) == [("الهجوم كان متوقعا", True, None, "مصدر أمني رفيع"),
                                    ("الجولة المقبلة حاسمة", True, None, "مصادر دبلوماسية")]


def test_reported_from_someone_the_one_quoted_speaks(tmp_path):
    text = "ونقلت وكالة تاس عن لافروف قوله: «لا نية لدينا للتصعيد»."
    assert said(tmp_path, text) == [("لا نية لدينا للتصعيد", True, LAVROV, "سيرغي لافروف")]


def test_a_source_after_the_quote_does_not_replace_the_speaker(tmp_path):
    text = "وقال بوتين «سننتصر» حسبما ذكرت وكالة تاس. وأضاف «لا شك في ذلك»."
    assert said(tmp_path, text) == [("سننتصر", True, PUTIN, "فلاديمير بوتين"),
                                    ("لا شك في ذلك", True, PUTIN, "فلاديمير بوتين")]


def test_a_quoted_name_right_after_a_speech_verb_is_its_subject(tmp_path):
    text = 'وأوضح "محمد عبد الهادي" مدير مكتب الصحيفة في باريس، أن الوضع تحسن.'
    assert said(tmp_path, text) == [("محمد عبد الهادي", False, None, None)]
