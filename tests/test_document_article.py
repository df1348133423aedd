"""The bundled article, as a careful reader marks it.

Every expectation here was worked out by reading the article (assets/vostochny-summit.txt), not
taken from the code's output: block kinds, sections, each quoted span with its speaker, and the
mentions of each entity.
"""

from collections import Counter
from importlib.resources import files

import pytest

from reader.document.loading import load_document
from reader.document.model import BlockKind, MentionKind, Origin

ARTICLE = str(files("reader.assets") / "vostochny-summit.txt")

T, L, H, B, C, R, E = (BlockKind.TITLE, BlockKind.LEAD, BlockKind.HEADING, BlockKind.BODY, BlockKind.CAPTION,
                       BlockKind.RELATED, BlockKind.EMBED)
KINDS = [
    T,  # 0 انتهاء قمة كيم وبوتين …
    L,  # 1 انتهت المحادثات …
    B, B, B,  # 2–4
    R,  # 5 كيم يدعم بوتين في "الحرب المقدسة".. (1 of 3)
    C,  # 6 … روسيا. رويترز
    H,  # 7 “سنقف على الدوام مع روسيا”
    B, B, B, B, B, B,  # 8–13
    R,  # 14
    H,  # 15 الأقمار الصناعية أولوية لكوريا
    B,  # 16
    E,  # 17 the tweet's URL
    B, B, B,  # 18–20
    B,  # 21 تجول كيم … في المطار — a long sentence without its full stop, not a heading
    R,  # 22
    C,  # 23 … روسيا. رويترز
    B, B, B, B, B,  # 24–28
]

PUTIN, KIM = "vladimir-putin", "kim-jong-un"
# (paragraph, quoted words, speech, speaker)
QUOTES = [
    (3, "تعزيز العلاقات المستقبلية", True, PUTIN),  # رفع الرئيس بوتين … نخب
    (4, "نخب تعزيز علاقات التعاون والصداقة مستقبلا بين بلدينا", True, PUTIN),  # وقال بوتين
    (4, "من أجل رفاه وازدهار بلدينا، في صحة الزعيم وجميع الحاضرين", True, PUTIN),  # وأضاف: still Putin
    (5, "الحرب المقدسة", False, None),  # inside a related-article headline
    (7, "سنقف على الدوام مع روسيا", True, KIM),  # heading repeating Kim's words in paragraph 12
    (8, "على الدوام مع روسيا", True, KIM),  # وأكّد زعيم كوريا الشمالية
    (8, "نقطة انطلاق", True, KIM),
    (9, "حربا مقدسة", True, KIM),  # وقال أون للرئيس الروسي …: Putin is the addressee
    (9, "الإمبريالية", True, KIM),  # one word, but his word
    (10, "لقد ارتقت روسيا لقتال مقدس لحماية سيادتها وأمنها.. ضد القوى المهيمنة", True, KIM),  # وأخبر كيم بوتين
    (11, "سندعم دائما قرارات الرئيس بوتين والقيادة الروسية.. سنخوض معا الحرب ضد الإمبريالية", True, KIM),
    (12, "تواجه روسيا.. قوى من هذا النوع تسعى إلى الهيمنة من أجل حماية مصالحها الأمنية.. لطالما أعربنا عن "
         "دعمنا الكامل وغير المشروط لجميع الإجراءات التي تتخذها الحكومة الروسية وأستغل هذه الفرصة مجددا "
         "للتأكيد على أننا سنقف على الدوام مع روسيا", True, KIM),
    (13, "سنولي أولولية للعلاقة بين كوريا الشمالية وروسيا وسنضعها على رأس أولويات سياستنا الخارجية من الآن "
         "فصاعدا", True, KIM),  # وأضاف كيم … برفقة بوتين:
    (14, "الحرب المقدسة", False, None),
    # وقال: after "أشار الرئيس الروسي" in 16 (the embed in 17 between them does not count)
    (18, "أنا سعيد جدا برؤيتكم، وخاصة (في الوقت الذي يشهد إحياء) مناسبات مثل مرور 75 عاما على تأسيس جمهورية "
         "(كوريا الديمقراطية الشعبية)، و70 عاما على الانتصار في حرب التحرير الكبرى، و75 عاما على إقامة "
         "العلاقات الدبلوماسية بين البلدين", True, PUTIN),
    (19, "هذا هو السبب الذي أتينا من أجله إلى قاعدة فوستوشني الفضائية", True, PUTIN),  # ورد بوتين … بقوله:
    (20, "زعيم كوريا الديمقراطية يظهر اهتماما كبيرا بتكنولوجيا الصواريخ، ويحاولون تطوير الفضاء", True, PUTIN),
    (21, "أنغارا", False, None),  # a rocket's name
    (21, "سويوز", False, None),
    (22, "الحرب المقدسة", False, None),
]

# Mentions per entity, counted by hand paragraph by paragraph. An apposition such as
# "الرئيس الروسي فلاديمير بوتين" is one mention; "زعيم كوريا الشمالية" is Kim, not North Korea.
MENTION_COUNTS = {
    PUTIN: 22,
    KIM: 21,
    "russia": 12,
    "north-korea": 7,  # 3, 13, 15 (لكوريا), 16, 18, 19, 24
    "vostochny-cosmodrome": 6,  # 0, 1, 6, 16, 19, 23
    "amur-oblast": 3,
    "russian-far-east": 2,
    "reuters": 2,
    "russian-state-television": 2,
    "tass": 1,
    "russian-government": 1,
    "the-west": 1,
    "ukraine": 1,
    "pyongyang": 1,
    "angara": 1,
    "soyuz": 1,
    "korean-war": 1,  # حرب التحرير الكبرى
    "covid-19-pandemic": 1,
}


@pytest.fixture(scope="module")
def article():
    return load_document(ARTICLE)


def test_block_kinds(article):
    assert [block.kind for block in article.blocks] == KINDS
    assert [block.index for block in article.blocks] == list(range(len(KINDS)))


def test_title_and_sections(article):
    assert article.title == "انتهاء قمة كيم وبوتين في قاعدة فوستوتشني الفضائية"
    assert [(section.heading_block, section.start_block, section.end_block) for section in article.sections] == [
        (None, 0, 7), (7, 7, 15), (15, 15, 29)]
    assert article.sections[0].title == article.title
    assert article.sections[2].title == "الأقمار الصناعية أولوية لكوريا"


def test_embed_links_to_the_tweet(article):
    url = "https://twitter.com/akhbar/status/1701825951687135422"
    assert article.blocks[17].text == url
    assert [(link.start, link.end, link.url) for link in article.blocks[17].links] == [(0, len(url), url)]


def test_every_quote_with_its_speaker(article):
    found = [(quote.paragraph, quote.text, quote.speech, quote.speaker) for quote in article.quotes]
    assert found == QUOTES


def test_quote_offsets_point_inside_the_marks(article):
    for quote in article.quotes:
        text = article.blocks[quote.paragraph].text
        assert text[quote.start:quote.end] == quote.text
        assert (text[quote.start - 1], text[quote.end]) in (("“", "”"), ('"', '"'))


def test_mention_counts(article):
    counts = Counter(mention.entity_id for mention in article.mentions)
    assert dict(counts) == MENTION_COUNTS
    assert [entity.id for entity in article.entities] == list(dict.fromkeys(m.entity_id for m in article.mentions))


def test_spellings_are_merged(article):
    surfaces = {}
    for mention in article.mentions:
        surfaces.setdefault(mention.entity_id, set()).add(mention.surface)
    assert {"قاعدة فوستوتشني الفضائية", "قاعدة فوستوشني الفضائية", "قاعدة مطار فوستوتشني الفضائية"} <= \
        surfaces["vostochny-cosmodrome"]
    assert surfaces["amur-oblast"] == {"منطقة آمور", "مقاطعة آمور", "منطقة أمور"}
    assert {"كيم", "أون", "الزعيم الكوري الشمالي كيم جونغ أون", "زعيم كوريا الشمالية"} <= surfaces[KIM]
    assert {"بوتين", "الرئيس الروسي", "الرئيس الروسي فلاديمير بوتين"} <= surfaces[PUTIN]


def test_descriptions_are_marked(article):
    descriptions = [(m.paragraph, m.surface) for m in article.mentions if m.kind is MentionKind.DESCRIPTION]
    assert descriptions == [
        (8, "زعيم كوريا الشمالية"), (16, "الرئيس الروسي"), (20, "الرئيس الروسي"),
        (20, "زعيم كوريا الديمقراطية"), (26, "للزعيم الكوري الشمالي"),
    ]


def test_mentions_point_into_the_text_and_never_nest(article):
    for mention in article.mentions:
        assert article.blocks[mention.paragraph].text[mention.start:mention.end] == mention.surface
    spans = sorted((m.paragraph, m.start, m.end) for m in article.mentions)
    for (paragraph, _, end), (next_paragraph, next_start, _) in zip(spans, spans[1:]):
        assert paragraph != next_paragraph or end <= next_start


def test_first_paragraph_mentions_exactly(article):
    lead = [(m.entity_id, m.surface, m.kind) for m in article.mentions if m.paragraph == 1]
    assert lead == [
        (PUTIN, "الرئيس الروسي فلاديمير بوتين", MentionKind.NAME),
        (KIM, "الزعيم الكوري الشمالي كيم جونغ أون", MentionKind.NAME),  # after the proclitic و
        ("vostochny-cosmodrome", "قاعدة فوستوتشني الفضائية", MentionKind.NAME),
    ]


def test_its_glossary_is_the_curated_one_nothing_found_or_from_data_is_added(article):
    # The article's glossary was written for it: the names found in the text itself and the CLDR
    # places add nothing a careful reader would add (the data's Russia, North Korea … map onto the
    # curated entities), so the counts above keep their meaning.
    assert {entity.origin for entity in article.entities} == {Origin.CURATED}
