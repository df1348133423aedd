"""Names found in the text (reader/document/names.py) and place names from data, on sentences
written for each rule; expectations by reading."""

from reader.document.loading import load_document
from reader.document.model import Origin


def names(tmp_path, text, **options):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(str(path), **options)
    return {doc.entity(m.entity_id).name_ar: [] for m in doc.mentions} | {
        name: [m.surface for m in doc.mentions if doc.entity(m.entity_id).name_ar == name]
        for name in {doc.entity(m.entity_id).name_ar for m in doc.mentions}}


def test_a_short_form_joins_the_one_long_form_it_starts(tmp_path):
    text = ("وقالت وزارة الخارجية الروسية في بيان إن الاجتماع أرجئ.\n\n"
            "وأضافت وزارة الخارجية أن موعدا جديدا سيحدد.")
    assert names(tmp_path, text) == {"وزارة الخارجية الروسية": ["وزارة الخارجية الروسية", "وزارة الخارجية"]}


def test_a_short_form_two_long_forms_share_is_neither(tmp_path):
    text = ("وردت وزارة الخارجية الروسية على بيان وزارة الخارجية الفرنسية.\n\n"
            "وقالت وزارة الخارجية إن الرد سيأتي لاحقا.")
    found = names(tmp_path, text)
    assert found["وزارة الخارجية الروسية"] == ["وزارة الخارجية الروسية"]
    assert found["وزارة الخارجية الفرنسية"] == ["وزارة الخارجية الفرنسية"]
    assert "وزارة الخارجية" not in found  # which one: the text does not say, so no entity is made of it


def test_a_family_name_is_a_mention_and_clitics_stay_outside(tmp_path):
    text = "وقال وزير المالية اللبناني ياسين جابر إن الموازنة جاهزة. وأكد جابر للصحفيين، ولجابر رأي آخر."
    assert names(tmp_path, text) == {"ياسين جابر": ["ياسين جابر", "جابر", "جابر"]}


def test_a_nisba_is_not_the_country(tmp_path):
    text = ("وقالت جهات سورية إن الحكومة السورية ستشارك، ونقلت مصادر أمنية سورية الخبر.\n\n"
            "وزار الوفد سورية الأسبوع الماضي قادما من دمشق.")
    assert names(tmp_path, text) == {"الحكومة السورية": ["الحكومة السورية"], "سوريا": ["سورية"], "دمشق": ["دمشق"]}


def test_the_longest_name_wins_an_outlet_is_not_the_country_in_its_name(tmp_path):
    text = "وبثت قناة فلسطين اليوم صورا من غزة، فيما دعت فلسطين إلى تحقيق."
    found = names(tmp_path, text)
    assert found["قناة فلسطين اليوم"] == ["قناة فلسطين اليوم"]
    assert found["فلسطين"] == ["فلسطين"]  # the second one only


def test_official_long_forms_and_cldr_places_with_english_names(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("وصل وفد من المملكة الأردنية الهاشمية إلى طشقند ثم إلى الأراضي الفلسطينية.", encoding="utf-8")
    doc = load_document(str(path))
    found = [(m.surface, doc.entity(m.entity_id).name_en, doc.entity(m.entity_id).origin) for m in doc.mentions]
    assert found == [("المملكة الأردنية الهاشمية", "Jordan", Origin.CURATED),  # CLDR's JO, mapped onto curated
                     ("طشقند", "Tashkent", Origin.DATA),  # a CLDR exemplar city
                     ("الأراضي الفلسطينية", "Palestine", Origin.CURATED)]  # CLDR's PS, the curated id


def test_ordinary_words_among_cldr_cities_are_not_places(tmp_path):
    text = "ترك الرجل بيته بعد نوم قصير، وحصل على دعم مالي من سول."  # left, sleep, financial
    assert names(tmp_path, text) == {"سول": ["سول"]}  # Seoul, as the curated glossary spells it
