"""Reading-position memory and search, without the app around them."""

import json

from reader.ui.reading_position import DocumentKey, PositionStore
from reader.ui.search import SearchIndex

TEXTS = ["العنوان", "الفقرة الأولى", "الفقرة الثانية", "الفقرة الثالثة"]


def test_a_position_is_recalled_for_the_same_file(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    state = tmp_path / "state" / "positions.json"
    key = DocumentKey.of(str(source), TEXTS)
    assert key.key == f"file:{source}"
    PositionStore(state).remember(key, TEXTS, 2, 5)
    assert PositionStore(state).recall(key, TEXTS) == (2, 5)
    assert [p.name for p in state.parent.iterdir()] == ["positions.json"]  # no temporary file left


def test_a_changed_file_resumes_at_the_paragraph_with_the_same_text(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("x", encoding="utf-8")
    state = tmp_path / "positions.json"
    PositionStore(state).remember(DocumentKey.of(str(source), TEXTS), TEXTS, 2, 5)
    edited = ["العنوان", "فقرة جديدة", "فقرة أخرى", "الفقرة الأولى", "الفقرة الثانية"]
    key = DocumentKey.of(str(source), edited)
    assert PositionStore(state).recall(key, edited) == (4, 5)
    rewritten = ["شيء آخر تماما"]
    assert PositionStore(state).recall(DocumentKey.of(str(source), rewritten), rewritten) is None


def test_stdin_is_keyed_by_content(tmp_path):
    state = tmp_path / "positions.json"
    PositionStore(state).remember(DocumentKey.of("-", TEXTS), TEXTS, 1, 0)
    assert PositionStore(state).recall(DocumentKey.of("-", TEXTS), TEXTS) == (1, 0)
    other = TEXTS + ["زيادة"]
    assert PositionStore(state).recall(DocumentKey.of("-", other), other) is None


def test_an_unreadable_state_file_is_set_aside_with_a_notice(tmp_path):
    state = tmp_path / "positions.json"
    for content in ("{broken", "[1, 2]", '{"k": 3}'):
        state.write_text(content, encoding="utf-8")
        store = PositionStore(state)
        assert store.notice and "reset" in store.notice
        assert not state.exists()
    assert len(list(tmp_path.glob("positions.json.corrupt-*"))) >= 1
    store.remember(DocumentKey.of("-", TEXTS), TEXTS, 3, 1)
    assert json.loads(state.read_text(encoding="utf-8"))


def test_search_folds_harakat_hamza_alef_maqsura_ta_marbuta_tatweel_and_case():
    texts = ["وأكّد الرئيس", "إلى مدرسة", "كـــبير", "Putin and PUTIN"]
    index = SearchIndex(texts)
    assert index.find("اكد") == [(0, 1, 5)]  # أكّد, shadda included: offsets into the original
    assert index.find("الي مدرسه") == [(1, 0, 9)]
    assert index.find("كبير") == [(2, 0, 7)]
    assert index.find("putin") == [(3, 0, 5), (3, 10, 15)]
    assert index.find("  ") == []
    assert index.find("غير موجود") == []
