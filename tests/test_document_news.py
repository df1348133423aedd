"""Articles no glossary was written for (tests/news/, our own text in the style of four kinds of
Arabic news copy: a wire agency, a state agency, a news site, a UN wire story), read by hand.

For each, the quoted spans with whether they are speech and who said them, and the names a reader
would look up with how often each is mentioned, were worked out by reading the article; the code's
output is compared with that reading. A found entity is named by its Arabic name (its id is made
from the text).
"""

from collections import Counter
from pathlib import Path

import pytest

from harness.commands import reader_script
from reader.document.loading import load_document
from reader.document.model import EntityType, Origin

NEWS = Path(__file__).parent / "news"

# (paragraph, first words of the quote, speech, speaker's Arabic name or None, speaker as described)
QUOTES = {
    "wire-cairo.txt": [
        (2, "العقاب الجماعي", True, "سامح شكري", "سامح شكري"),  # وقال شكري: the short form of the name
        (3, "نرفض أي محاولة", True, "سامح شكري", "سامح شكري"),  # وأضاف: still Shoukry
        (4, "لن تقبل بأي حلول", True, "أيمن الصفدي", "أيمن الصفدي"),
        (6, "الاتصالات مستمرة", True, None, "مصدر دبلوماسي مصري"),  # anonymous: described, no entity
    ],
    "agency-damascus.txt": [
        (3, "العلاقات السورية الروسية", True, "بشار الأسد", "بشار الأسد"),
        (3, "الشعب السوري يقدر", True, "بشار الأسد", "بشار الأسد"),  # مشيراً: the same subject
        (4, "نحن مستمرون", True, "ألكسندر بابكين", "ألكسندر بابكين"),  # من جهته أعرب بابكين … وقال:
    ],
    "site-idlib.txt": [
        (1, "هيئة تحرير الشام", False, None, None),  # an organisation's name in reversed marks
        (2, "فرق الإنقاذ", True, "رائد الصالح", "رائد الصالح"),  # للجزيرة نت is the addressee
        (3, "القصف طال", True, "رائد الصالح", "رائد الصالح"),
        (3, "التحرك العاجل", True, "رائد الصالح", "رائد الصالح"),  # two words, but داعيا in the sentence
        (4, "تصدى لهجمات", True, None, "مصدر عسكري"),  # نقلت سانا عن مصدر عسكري: the source, not the agency
        (5, "مناطق خفض التصعيد", False, None, None),  # بما يعرف بـ
    ],
    "wire-khartoum.txt": [
        (0, "الوضع الإنساني في السودان كارثي", True, "أنطونيو غوتيريش", "أنطونيو غوتيريش"),  # "NAME:" headline
        (2, "كارثي", True, "أنطونيو غوتيريش", "أنطونيو غوتيريش"),  # one word, with قال in its sentence
        (3, "ملايين السودانيين", True, "أنطونيو غوتيريش", "أنطونيو غوتيريش"),
        (4, "الوصول إلى دارفور", True, "ليني كينزلي", "ليني كينزلي"),
        (6, "سودان تريبيون", False, None, None),  # a paper's name after صحيفة
    ],
    "briefs.txt": [  # one-paragraph items, each a different way of naming who speaks
        (2, "الانتخابات ستجري", True, "محمد علي", "محمد علي"),  # علي the name, not the preposition على
        (4, "متفقون على الخطة", True, "خالد الأحمد", "خالد الأحمد"),  # للصحفيين: the addressee
        (6, "الدعم مستمر", True, "لويد أوستن", "لويد أوستن"),
        (8, "المعركة مستمرة", True, "أبو عبيدة", "أبو عبيدة"),
        (9, "ترفض التهجير", True, "فيصل بن فرحان", "فيصل بن فرحان"),
        (10, "تراوح مكانها", True, None, "مصدر مطلع"),
        (11, "إسقاط النظام", True, None, None),  # slogans chanted by an unnamed crowd
        (11, "الحرية", True, None, None),
        (12, "صادم وغير عادل", True, "منظمة العفو الدولية", "منظمة العفو الدولية"),  # ووصفت: an organisation
        (13, "لم تعد تشعر بالأمان", True, None, None),  # الطالبة: not a title; a passer-by, not a main name
    ],
}

# The names a reader would look up, with their mentions counted by hand.
NAMES = {
    "wire-cairo.txt": {
        "مصر": 1, "الأردن": 2,  # المملكة الأردنية الهاشمية is Jordan; الأردني (an adjective) is not
        "غزة": 1, "قطاع غزة": 1, "القاهرة": 2, "رويترز": 2, "سامح شكري": 2, "أيمن الصفدي": 2,
        "وكالة الأنباء الأردنية": 1, "الضفة الغربية": 1, "القدس": 1, "وزارة الخارجية الأمريكية": 1,
        "أنتوني بلينكن": 1,
    },
    "agency-damascus.txt": {
        "بشار الأسد": 3, "روسيا": 2, "دمشق": 1, "وكالة الأنباء السورية": 1, "مجلس الدوما الروسي": 1,
        "ألكسندر بابكين": 2, "سوريا": 2,  # مع سورية، دعم سورية — not جهات سورية (Syrian bodies)
        "حلب": 1, "حمص": 1, "فيصل المقداد": 1,
    },
    "site-idlib.txt": {
        "إدلب": 2, "هيئة تحرير الشام": 1, "رائد الصالح": 2, "قناة الجزيرة": 1, "وكالة الأنباء السورية": 2,
        "الجيش السوري": 1,
    },
    "wire-khartoum.txt": {
        "أنطونيو غوتيريش": 3, "السودان": 2, "نيويورك": 1, "وكالة فرانس برس": 1, "جدة": 1, "مجلس الأمن الدولي": 1,
        "برنامج الأغذية العالمي": 1, "ليني كينزلي": 1, "دارفور": 1, "قوات الدعم السريع": 1, "الفاشر": 1,
        "الجيش السوداني": 1, "سودان تريبيون": 1, "أم درمان": 1,
    },
    "briefs.txt": {
        "قيس سعيد": 1,  # الرئيس التونسي (a curated reference, dated in its description)
        "محمد علي": 1, "الجيش الإسرائيلي": 1, "خالد الأحمد": 1, "صحيفة هآرتس الإسرائيلية": 1, "القاهرة": 1,
        "لويد أوستن": 1, "هند الخضري": 1, "غزة": 1, "كتائب القسام": 1, "أبو عبيدة": 1, "فيصل بن فرحان": 2,
        "منظمة العفو الدولية": 1,
    },
}


@pytest.fixture(scope="module", params=sorted(QUOTES))
def article(request):
    return request.param, load_document(str(NEWS / request.param))


def test_quotes_speech_and_speakers(article):
    name, doc = article
    names = {entity.id: entity.name_ar for entity in doc.entities}
    found = [(q.paragraph, q.text, q.speech, names.get(q.speaker) if q.speaker else None, q.speaker_ar)
             for q in doc.quotes]
    expected = QUOTES[name]
    assert len(found) == len(expected)
    for (paragraph, text, speech, speaker, described), want in zip(found, expected, strict=True):
        assert (paragraph, text.startswith(want[1]), speech, speaker, described) == (want[0], True, *want[2:])


def test_names_and_their_mentions(article):
    name, doc = article
    counts = Counter(doc.entity(mention.entity_id).name_ar for mention in doc.mentions)
    assert dict(counts) == NAMES[name]


def test_mentions_are_whole_words(article):
    _, doc = article
    for mention in doc.mentions:
        text = doc.blocks[mention.paragraph].text
        assert text[mention.start:mention.end] == mention.surface
        before = text[mention.start - 1] if mention.start else " "
        after = text[mention.end] if mention.end < len(text) else " "
        # Nothing of a word on either side, except a proclitic left out in front (و ب ل ف ك).
        assert not after.isalpha(), (mention.surface, text[mention.end:mention.end + 5])
        if before.isalpha():
            start = mention.start
            while start and text[start - 1].isalpha():
                start -= 1
            assert text[start:mention.start] in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "لل"), mention


def test_found_entities_say_how_they_were_found(article):
    _, doc = article
    for entity in doc.entities:
        if entity.origin is Origin.FOUND:
            assert entity.name_en is None and entity.english_name == "no English name"
            assert entity.cue and entity.type in (EntityType.PERSON, EntityType.ORGANISATION)
        if entity.origin is Origin.DATA:
            assert entity.cue.startswith("CLDR") and entity.name_en


def test_a_found_speaker_is_described_by_its_title():
    doc = load_document(str(NEWS / "wire-cairo.txt"))
    shoukry = next(entity for entity in doc.entities if entity.name_ar == "سامح شكري")
    assert (shoukry.description, shoukry.aliases) == ("وزير الخارجية المصري", ("شكري",))
    assert shoukry.cue == "after the title «وزير الخارجية المصري»"


def test_found_names_can_be_turned_off():
    doc = load_document(str(NEWS / "wire-cairo.txt"), found_names=False)
    assert all(entity.origin is not Origin.FOUND for entity in doc.entities)
    assert [(q.speaker, q.speaker_ar) for q in doc.quotes if q.speech][:3] == [(None, None)] * 3


def test_no_found_names_by_flag_environment_and_config(tmp_path):
    import json
    import os
    import subprocess

    config = tmp_path / "config" / "reader"
    config.mkdir(parents=True)
    article = str(NEWS / "wire-cairo.txt")
    base = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    base.pop("READER_FOUND_NAMES", None)

    def origins(*args, **environ):
        result = subprocess.run([reader_script(), "entities", "--json", *args, article], capture_output=True,
                                text=True, env={**base, **environ}, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        return {row["origin"] for row in json.loads(result.stdout)}

    assert origins() == {"curated", "data", "found"}
    assert origins("--no-found-names") == {"curated", "data"}
    assert origins(READER_FOUND_NAMES="0") == {"curated", "data"}
    (config / "config.toml").write_text("found_names = false\n", encoding="utf-8")
    assert origins() == {"curated", "data"}
    assert origins(READER_FOUND_NAMES="yes") == {"curated", "data", "found"}  # the environment beats the file
