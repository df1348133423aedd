"""A search streamed from the reading position (issue 6): the hits arrive from the anchor to the
end, then from the start, yet are kept in document order with the right current one."""

import pytest

from reader.ui.search import SearchHits, SearchIndex

# Blocks 0, 3, 6… have one hit, 2, 5, 8… two (at 0 and 4), the others none.
TEXTS = ["كلمة في بيت" if n % 3 == 0 else "لا شيء هنا" if n % 3 == 1 else "بيت بيت" for n in range(30)]


def streamed(anchor: tuple[int, int]) -> SearchHits:
    index = SearchIndex(TEXTS)
    hits = SearchHits(anchor)
    for block_hits in index.find_from("بيت", anchor[0]):
        hits.add(block_hits)
    hits.finish()
    return hits


@pytest.mark.parametrize(
    ("anchor", "current"),
    [
        ((0, 0), (0, 8, 11)),  # the first hit of all
        ((5, 0), (5, 0, 3)),  # a hit right at the anchor
        ((5, 1), (5, 4, 7)),  # the anchor block's second hit, after the offset
        ((4, 0), (5, 0, 3)),  # the next block with a hit
        ((29, 5), (0, 8, 11)),  # nothing after the anchor: wraps to the first
    ],
)
def test_hits_stream_from_the_anchor_yet_stay_in_document_order(anchor, current):
    hits = streamed(anchor)
    expected = []
    for n in range(30):
        expected += [(n, 8, 11)] if n % 3 == 0 else [(n, 0, 3), (n, 4, 7)] if n % 3 == 2 else []
    assert [hits[number] for number in range(len(hits))] == expected == SearchIndex(TEXTS).find("بيت")
    assert hits[hits.current] == current
    assert hits.in_block(2) == [(0, 3), (4, 7)] and hits.in_block(1) == []


def test_the_current_hit_is_known_before_the_search_is_complete():
    index = SearchIndex(TEXTS)
    hits = SearchHits((10, 0))
    found = index.find_from("بيت", 10)
    hits.add(next(found))  # block 11, the first with a hit from the anchor on
    assert hits[hits.current] == (11, 0, 3) and not hits.complete
    for block_hits in found:
        hits.add(block_hits)
    assert hits[hits.current] == (11, 0, 3)  # the hits from the start went before it
