from reader.engine.pieces import paragraph_pieces


def test_a_short_paragraph_is_one_piece():
    assert paragraph_pieces("قصير جدا.", limit=100) == [(0, 9)]


def test_pieces_end_at_sentence_ends_and_cover_the_text():
    sentence = "هذه جملة قصيرة. "  # 16 characters
    text = sentence * 10
    pieces = paragraph_pieces(text, limit=40)
    assert pieces[0] == (0, 32)  # two whole sentences: the third would pass the limit
    assert [text[a:b] for a, b in pieces] == [sentence * 2] * 5
    assert pieces[-1][1] == len(text)


def test_without_sentence_ends_pieces_end_after_a_space_or_at_the_limit():
    words = "كلمة " * 20  # 100 characters, no sentence end
    pieces = paragraph_pieces(words, limit=22)
    assert all(b - a <= 22 for a, b in pieces)
    assert all(words[b - 1] == " " for a, b in pieces[:-1])
    assert "".join(words[a:b] for a, b in pieces) == words
    assert paragraph_pieces("x" * 50, limit=20) == [(0, 20), (20, 40), (40, 50)]
