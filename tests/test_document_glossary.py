"""Glossaries as data, and matching their names in text."""

import pytest

from reader.document.decoding import DocumentError
from reader.document.glossary import (
    Matcher,
    bundled_glossaries,
    load_glossaries,
    parse_glossary,
)
from reader.document.loading import load_document
from reader.document.model import Entity, EntityType, MentionKind
from reader.engine.normalize import normalize

KIM = Entity("kim", EntityType.PERSON, "كيم جونغ أون", "Kim Jong Un", "Leader.", ("كيم", "أون"), ("الزعيم الكوري الشمالي",))
WEST = Entity("west", EntityType.PLACE, "الغرب", "the West", "Western countries.", (), ())


def found(text, *entities):
    return [(text[m.start:m.end], m.entity_id, m.kind) for m in Matcher(entities).find(normalize(text), 0)]


def test_whole_words_only():
    assert found("حكيم وكيميائي كيمياء كيم", KIM) == [("كيم", "kim", MentionKind.NAME)]


def test_longest_name_wins_and_nothing_nests():
    assert found("استقبل كيم جونغ أون ضيفه", KIM) == [("كيم جونغ أون", "kim", MentionKind.NAME)]


@pytest.mark.parametrize("word, surface", [
    ("وكيم", "كيم"), ("فكيم", "كيم"), ("بكيم", "كيم"), ("لكيم", "كيم"), ("وبكيم", "كيم"),
    ("والغرب", "الغرب"), ("بالغرب", "الغرب"), ("وبالغرب", "الغرب"),
    ("للغرب", "للغرب"),  # ل + ال contracts: the proclitic cannot be cut off
])
def test_proclitics_in_front_of_a_known_name(word, surface):
    assert [hit[0] for hit in found(f"قال {word} اليوم", KIM, WEST)] == [surface]


def test_a_proclitic_alone_does_not_make_a_name():
    assert found("وكيل بكين لغرب", KIM, WEST) == []  # و+كيل, ب+كين, ل+غرب: no known name remains


def test_harakat_and_spelling_variants_match_and_map_back():
    text = "وَقالَ كِيمٌ جُونْغ أُونْ وإن الغـــرب"
    assert found(text, KIM, WEST) == [("كِيمٌ جُونْغ أُونْ", "kim", MentionKind.NAME), ("الغـــرب", "west", MentionKind.NAME)]


def test_description_then_name_is_one_mention_description_alone_is_marked():
    assert found("الزعيم الكوري الشمالي كيم جونغ أون وصل", KIM) == [
        ("الزعيم الكوري الشمالي كيم جونغ أون", "kim", MentionKind.NAME)]
    assert found("وصل الزعيم الكوري الشمالي أمس", KIM) == [("الزعيم الكوري الشمالي", "kim", MentionKind.DESCRIPTION)]


def test_bundled_glossaries_load_with_unique_ids():
    assert [path.name for path in bundled_glossaries()] == [
        "glossary-general.toml", "glossary-places.toml", "glossary-vostochny.toml", "glossary-world.toml"]
    ids = [entity.id for entity in load_glossaries()]
    assert len(ids) == len(set(ids))
    assert {"vladimir-putin", "kim-jong-un", "russia", "tass", "reuters", "moscow"} <= set(ids)


def test_no_bundled_name_belongs_to_two_entities():
    owners = {}
    for entity in load_glossaries():
        for name in (entity.name_ar, *entity.aliases, *entity.references):
            owners.setdefault(name, set()).add(entity.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_user_glossary_adds_and_replaces(tmp_path):
    glossary = tmp_path / "mine.toml"
    glossary.write_text("""
[[entity]]
id = "vladimir-putin"
type = "person"
name_ar = "فلاديمير بوتين"
name_en = "V. V. Putin"
description = "Mine."
aliases = ["بوتين", "فلاديمير فلاديميروفيتش"]
references = []

[[entity]]
id = "cosmonaut"
type = "person"
name_ar = "يوري غاغارين"
name_en = "Yuri Gagarin"
description = "First human in space."
aliases = ["غاغارين"]
""", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("تحدث فلاديمير فلاديميروفيتش عن غاغارين أمام الرئيس الروسي.", encoding="utf-8")
    doc = load_document(str(text), glossaries=[glossary])
    assert [(m.surface, m.entity_id) for m in doc.mentions] == [
        ("فلاديمير فلاديميروفيتش", "vladimir-putin"), ("غاغارين", "cosmonaut")]  # the reference was replaced
    assert doc.entity("vladimir-putin").name_en == "V. V. Putin"


@pytest.mark.parametrize("text, message", [
    ("[[entity]\nid=1", "not a valid TOML glossary"),
    ('[[entity]]\nid = "x"\ntype = "person"\nname_ar = "س"\nname_en = "X"', "entity 1 has no description"),
    ('[[entity]]\nid = "x"\ntype = "person"\nname_ar = "س"\nname_en = "X"\ndescription = "d"\naliases = "س"',
     "aliases must be a list of strings"),
])
def test_bad_glossary_is_one_clear_line(text, message):
    with pytest.raises(DocumentError, match=message):
        parse_glossary(text, "mine.toml")


def test_missing_user_glossary(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("نص", encoding="utf-8")
    with pytest.raises(DocumentError, match="nope.toml: no such glossary file"):
        load_document(str(text), glossaries=[tmp_path / "nope.toml"])


def test_a_continent_is_not_the_country_named_in_it():
    matcher = Matcher(load_glossaries())
    text = "جلبت أشجار من أمريكا الجنوبية إلى أمريكا"
    assert [(m.surface, m.entity_id) for m in matcher.find(normalize(text), 0)] == [
        ("أمريكا الجنوبية", "south-america"), ("أمريكا", "united-states")]


def _lines_run_in_glossary(action) -> int:
    """How many lines of reader/document/glossary.py `action` executes: work counted, not timed."""
    import sys

    from reader.document import glossary

    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != glossary.__file__:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def _sharing_a_first_word(count):
    """`count` people all described as "الرئيس …": one first reference word shared by all."""
    letters = "بتثجحخدذرزسشصضطظعغفقكمنهي"

    def word(number):
        letters_of = ""
        while True:
            letters_of += letters[number % len(letters)]
            number //= len(letters)
            if not number:
                return letters_of + "ان"

    return [Entity(f"p{number}", "person", f"سالم {word(number)}", "X", "d", (), (f"الرئيس {word(number)}",))
            for number in range(count)], [f"الرئيس {word(number)}" for number in range(0, count, 50)]


def test_building_and_matching_grow_linearly_with_names_sharing_a_word():
    # Issue 11 item 6: 8,000 entities sharing a first reference word took 47 s (each name was
    # compared with every other name under that word). Twice the names must cost about twice the work.
    small, small_text = _sharing_a_first_word(400)
    large, _ = _sharing_a_first_word(800)
    text = normalize(" و".join(small_text))
    assert _lines_run_in_glossary(lambda: Matcher(large)) < 2.3 * _lines_run_in_glossary(lambda: Matcher(small))
    small_matcher, large_matcher = Matcher(small), Matcher(large)
    assert [m.entity_id for m in large_matcher.find(text, 0)] == [f"p{n}" for n in range(0, 400, 50)]
    # The same text against twice the names: reading a name off it does not try every name.
    assert _lines_run_in_glossary(lambda: large_matcher.find(text, 0)) \
        < 1.2 * _lines_run_in_glossary(lambda: small_matcher.find(text, 0))
