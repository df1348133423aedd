"""Marks in logical text: re-anchoring after the document changes, the store's records, merging,
and the selection's word and sentence steps in reading order."""

import json

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.document.marks import (
    CONTEXT,
    Mark,
    MarkKind,
    MarkSet,
    Placement,
    bookmark,
    highlight,
    mark_from_record,
    mark_record,
    reanchor,
)
from reader.document.selection import Selection, sentence_at, sentence_spans, word_spans

WORDS = ["قال", "الوزير", "إنّ", "الاتفاق", "سيُوقَّع", "غداً", "في", "القاهرة", "بعد", "أشهر", "من",
         "المفاوضات،", "وأضاف:", "«لن", "نتراجع»", "2024", "news", "عن", "الخطة."]
paragraph = st.lists(st.sampled_from(WORDS), min_size=3, max_size=25).map(" ".join)
documents = st.lists(paragraph, min_size=1, max_size=6)


@st.composite
def marked_documents(draw):
    """A document and a highlight of at least three of its words."""
    texts = draw(documents)
    block = draw(st.integers(0, len(texts) - 1))
    spans = word_spans(texts[block])
    first = draw(st.integers(0, len(spans) - 3))
    last = draw(st.integers(first + 2, len(spans) - 1))
    mark = highlight(texts, block, spans[first][0], spans[last][1], now=1.0)
    return texts, mark


@st.composite
def edits(draw, texts, mark):
    """An edit that leaves the marked text alone, and where the mark's start goes with it."""
    texts = list(texts)
    block, start = mark.block, mark.start
    kind = draw(st.sampled_from(["insert-paragraph", "delete-paragraph", "edit-before", "edit-after", "other"]))
    if kind == "insert-paragraph":
        at = draw(st.integers(0, len(texts)))
        texts.insert(at, draw(paragraph))
        block += at <= block
    elif kind == "delete-paragraph" and len(texts) > 1:
        at = draw(st.sampled_from([n for n in range(len(texts)) if n != block]))
        del texts[at]
        block -= at < block
    elif kind == "edit-before":  # replace some of the text before the mark
        text = texts[block]
        cut_start = draw(st.integers(0, start))
        cut_end = draw(st.integers(cut_start, start))
        inserted = draw(st.sampled_from(["", " ", "عاجل: ", "(تحديث) "]))
        texts[block] = text[:cut_start] + inserted + text[cut_end:]
        start += len(inserted) - (cut_end - cut_start)
    elif kind == "edit-after":
        text = texts[block]
        cut_start = draw(st.integers(mark.end, len(text)))
        cut_end = draw(st.integers(cut_start, len(text)))
        texts[block] = text[:cut_start] + draw(st.sampled_from(["", " المصدر: وكالات.", "؟"])) + text[cut_end:]
    elif len(texts) > 1:
        at = draw(st.sampled_from([n for n in range(len(texts)) if n != block]))
        texts[at] = draw(paragraph)
    return texts, block, start


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_mark_follows_its_text_through_edits_elsewhere(data):
    texts, mark = data.draw(marked_documents())
    edited, block, start = data.draw(edits(texts, mark))
    assume(sum(text.count(mark.text) for text in edited) == 1)  # else several places are right
    placed, placement = reanchor(mark, edited)
    assert (placed.block, placed.start, placed.end) == (block, start, start + len(mark.text))
    assert placement is (Placement.SAME if edited == texts else placement) is not Placement.LOST


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_a_mark_never_lands_on_other_text_and_is_lost_only_when_its_text_is_gone(data):
    texts, mark = data.draw(marked_documents())
    edited = data.draw(documents) if data.draw(st.booleans()) else data.draw(edits(texts, mark))[0]
    if data.draw(st.booleans()):  # also damage the marked text itself
        block = mark.block % len(edited)
        cut = data.draw(st.integers(0, len(edited[block])))
        edited = [*edited[:block], edited[block][:cut] + "x" + edited[block][cut + 1:], *edited[block + 1:]]
    placed, placement = reanchor(mark, edited)
    if placement is Placement.LOST:
        assert placed == mark
        assert not any(mark.text in text for text in edited)
    else:
        assert edited[placed.block][placed.start:placed.end] == mark.text == placed.text


def test_unchanged_document_keeps_every_mark_where_it_is():
    texts = ["عنوان", "قال الوزير إن الاتفاق سيوقع غدا."]
    mark = highlight(texts, 1, 4, 10)
    assert reanchor(mark, texts) == (mark, Placement.SAME)


def test_the_context_chooses_between_two_places_with_the_same_text():
    sentence = "نخب تعزيز العلاقات"
    texts = [f"وقال بوتين {sentence} بين البلدين.", f"ثم رد كيم {sentence} مع روسيا."]
    mark = highlight(texts, 1, texts[1].index(sentence), texts[1].index(sentence) + len(sentence))
    edited = ["مقدمة جديدة.", "فقرة أخرى.", texts[1], texts[0]]  # reordered, two paragraphs added
    placed, placement = reanchor(mark, edited)
    assert placement is Placement.MOVED
    assert (placed.block, placed.start) == (2, texts[1].index(sentence))
    # The context kept is the new one, so the next re-anchoring finds it where it now is.
    assert reanchor(placed, edited) == (placed, Placement.SAME)


def test_a_mark_whose_text_was_rewritten_is_lost_and_kept_as_it_was():
    texts = ["قال الوزير إن الاتفاق سيوقع غدا."]
    mark = highlight(texts, 0, 11, 21)  # الاتفاق سي…
    assert reanchor(mark, ["قال الوزير إن الصفقة ستوقع غدا."]) == (mark, Placement.LOST)
    assert reanchor(mark, []) == (mark, Placement.LOST)


def test_a_bookmark_keeps_the_words_after_its_place_and_follows_them():
    texts = ["الأولى.", "كلمة " * 20 + "النهاية"]
    mark = bookmark(texts, 1, 10)
    assert mark.kind is MarkKind.BOOKMARK
    assert mark.text == texts[1][10:mark.end] and mark.end == 59  # 48 characters (to 58), then to the end of the word
    placed, placement = reanchor(mark, ["جديدة.", *texts])
    assert (placed.block, placed.start, placement) == (2, 10, Placement.MOVED)


def test_context_is_bounded():
    texts = ["أ" * 100 + "هنا" + "ب" * 100]
    mark = highlight(texts, 0, 100, 103)
    assert mark.before == "أ" * CONTEXT and mark.after == "ب" * CONTEXT


# -- records -----------------------------------------------------------------------------------

marks = st.builds(
    Mark,
    id=st.text("0123456789abcdef", min_size=1, max_size=32),
    kind=st.just(MarkKind.HIGHLIGHT),
    block=st.integers(0, 10_000),
    start=st.integers(0, 10_000),
    end=st.just(0),
    text=st.text(min_size=1, max_size=40),
    before=st.text(max_size=CONTEXT),
    after=st.text(max_size=CONTEXT),
    note=st.text(max_size=40),
    colour=st.integers(0, 3),
    created=st.integers(0, 2**53),
    modified=st.integers(0, 2**53),
).map(lambda mark: Mark(mark.id, mark.kind, mark.block, mark.start, mark.start + len(mark.text), mark.text,
                        mark.before, mark.after, mark.note, mark.colour, mark.created, mark.modified))


@given(marks)
def test_a_record_through_json_gives_the_same_mark(mark):
    assert mark_from_record(json.loads(json.dumps(mark_record(mark)))) == mark


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.sampled_from(list(mark_record(highlight(["ab"], 0, 0, 1)))), json_values))
def test_a_damaged_record_is_refused_never_raises(record):
    good = mark_record(highlight(["ab"], 0, 0, 1))
    mark = mark_from_record({**good, **record})
    assert mark is None or mark.text and mark.end - mark.start == len(mark.text)
    stored = MarkSet.from_record({"marks": [record, good], "deleted": record})
    assert stored.marks[-1] == mark_from_record(good) and all(isinstance(when, int) for when in stored.deleted.values())


def test_a_record_with_a_wrong_field_is_refused():
    good = mark_record(highlight(["abc"], 0, 0, 2))
    for name, value in [("block", -1), ("start", True), ("end", 5), ("kind", "comment"), ("created", 1.5),
                        ("note", 3), ("id", ""), ("text", "")]:
        assert mark_from_record({**good, name: value}) is None, name
    assert mark_from_record(good) is not None


# -- merging -----------------------------------------------------------------------------------


def test_two_readers_merge_to_both_their_marks_and_a_deletion_wins_over_an_older_copy():
    texts = ["قال الوزير إن الاتفاق سيوقع غدا في القاهرة."]
    shared = highlight(texts, 0, 0, 3, now=10)
    first = MarkSet((shared, highlight(texts, 0, 4, 10, now=20)))
    second = MarkSet((shared, bookmark(texts, 0, 14, now=30)))
    merged = first.merged(second, now=40)
    assert len(merged) == 3 and merged == second.merged(first, now=40)
    assert [mark.kind for mark in merged.marks] == [MarkKind.HIGHLIGHT, MarkKind.HIGHLIGHT, MarkKind.BOOKMARK]

    deleted = first.removed(shared.id, now=50)
    assert shared.id not in {mark.id for mark in deleted.merged(second, now=60).marks}
    noted = shared.edited(note="مهم", modified=70)  # edited after the deletion: kept
    assert deleted.merged(MarkSet((noted,)), now=80).get(shared.id) == noted
    assert deleted.restored(shared).merged(second).get(shared.id) is not None


def test_the_later_edit_of_a_mark_wins():
    texts = ["نص قصير هنا"]
    mark = highlight(texts, 0, 0, 2, now=1)
    early, late = mark.edited(note="أول", modified=5), mark.edited(note="ثان", modified=9)
    assert MarkSet((early,)).merged(MarkSet((late,))).get(mark.id) == late
    assert MarkSet((late,)).merged(MarkSet((early,))).get(mark.id) == late


def test_a_mark_set_survives_its_record():
    texts = ["قال الوزير إن الاتفاق سيوقع غدا."]
    marks = MarkSet((highlight(texts, 0, 4, 10, note="ملاحظة"), bookmark(texts, 0, 0))).removed("gone", now=3)
    record = json.loads(json.dumps(marks.to_record()))
    assert all(isinstance(value, (str, int)) for mark in record["marks"] for value in mark.values())  # flat
    assert MarkSet.from_record(record) == marks


# -- the selection -----------------------------------------------------------------------------

TEXT = "قال أحمد: «نعم.» ثم ذهب إلى السوق. وبعد 3.5 ساعة عاد؟ نعم"


def test_sentences_end_at_their_punctuation_and_closing_quotes_not_inside_numbers():
    assert [TEXT[start:end] for start, end in sentence_spans(TEXT)] == [
        "قال أحمد: «نعم.»", "ثم ذهب إلى السوق.", "وبعد 3.5 ساعة عاد؟", "نعم"]
    assert sentence_at(TEXT, TEXT.index("ذهب")) == (17, 34)
    assert sentence_at(TEXT, 16) == (17, 34)  # the space between: the next one


def test_words_and_sentences_extend_and_shrink_in_reading_order():
    selection = Selection.sentence(3, TEXT, TEXT.index("ذهب"))
    assert TEXT[selection.start:selection.end] == "ثم ذهب إلى السوق."
    wider = selection.extend_word(TEXT)
    assert TEXT[wider.start:wider.end] == "ثم ذهب إلى السوق. وبعد"
    assert wider.shrink_word(TEXT) == selection
    longer = selection.extend_sentence(TEXT).extend_sentence(TEXT)
    assert TEXT[longer.start:longer.end] == "ثم ذهب إلى السوق. وبعد 3.5 ساعة عاد؟ نعم"
    assert longer.extend_sentence(TEXT) == longer  # the paragraph's end
    assert longer.shrink_sentence(TEXT).shrink_sentence(TEXT) == selection
    assert selection.shrink_sentence(TEXT) == selection  # never below one sentence
    one_word = Selection(3, 17, 19)
    assert one_word.shrink_word(TEXT) == one_word


def test_characters_move_with_their_harakat():
    text = "سيُوقَّع غدا"
    selection = Selection(0, 0, 1)
    assert selection.extend_character(text).end == 3  # ي and its damma
    assert Selection(0, 0, 8).shrink_character(text).end == 7
    assert Selection(0, 0, 7).shrink_character(text).end == 4  # back over ق with its fatha and shadda
    assert Selection(0, 0, 3).shrink_character(text).end == 1
    assert selection.shrink_character(text) == selection
