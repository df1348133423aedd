"""Search, without the app around it."""

from reader.ui.search import SearchIndex


def test_search_folds_harakat_hamza_alef_maqsura_ta_marbuta_tatweel_and_case():
    texts = ["وأكّد الرئيس", "إلى مدرسة", "كـــبير", "Putin and PUTIN"]
    index = SearchIndex(texts)
    assert index.find("اكد") == [(0, 1, 5)]  # أكّد, shadda included: offsets into the original
    assert index.find("الي مدرسه") == [(1, 0, 9)]
    assert index.find("كبير") == [(2, 0, 7)]
    assert index.find("putin") == [(3, 0, 5), (3, 10, 15)]
    assert index.find("  ") == []
    assert index.find("غير موجود") == []
