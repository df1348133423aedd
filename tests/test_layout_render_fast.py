"""`render_paragraph` builds the printed lines without a layout where it can (a speed-only path
for `reader render`): its lines must be exactly those of `layout_paragraph(...).lines`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import bundled_article
from reader.engine.bidi import simple_rtl_levels, visual_order
from reader.engine.layout import _Paragraph, _visual_clusters, _Word, layout_paragraph, render_paragraph
from reader.engine.sanitize import sanitize
from reader.engine.shaping import shape_word

ARTICLE = Path(bundled_article()).read_text(encoding="utf-8").split("\n")
OPTIONS = [
    {},
    {"base_dir": "ltr"},
    {"base_dir": "rtl"},
    {"harakat": "none"},
    {"harakat": "shadda"},
    {"shape": False},
    {"reorder": False},
    {"reorder": False, "base_dir": "ltr"},
]


def general(text: str, width: int, **options) -> list[str]:
    return [line.render() for line in layout_paragraph(text, width, **options).lines]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda options: ",".join(f"{k}={v}" for k, v in options.items()))
def test_every_paragraph_of_the_article_renders_as_its_layout(options):
    for width in (1, 7, 20, 33, 47, 80, 120):
        for paragraph in ARTICLE:
            assert render_paragraph(paragraph, width, **options) == general(paragraph, width, **options), \
                (width, paragraph)


def test_the_fast_path_takes_nearly_every_paragraph_of_the_article():
    taken = [_Paragraph(sanitize(p), 80, "auto", True).rendered(True, "all") is not None for p in ARTICLE if p]
    assert sum(taken) >= 0.8 * len(taken)


# Words as they come in Arabic text, mixed text and English, one space apart (the fast path) and
# now and then two spaces, a tab or a space at an end (the general one).
WORDS = ["كيم", "الزعيم", "وقال", "و", "ل", "ب", "بـ", "لا", "الله", "عبدالله", "مُحَمَّد", "قمرا", "،", "؟", ".",
         "(عالم)", "«قال»", "“زعيم", "كوريا”", "15%", "700", "٢٠٢٤", "3.14", "+1", "$5", "Nature", "Python", "NASA",
         "(BBC)", "hello,", "world!", "a", "ا", "٪٥", "1-2", "x=3", "سوق", "الأرض", "fooبار", "عربيabc",
         "كيلومتر", "supercalifragilisticexpialidocious", "\u200dب", "ـ", "(BBC،", "(Ibn", "و70", "12%", "2008)",
         "(عالم", "[x]", "«Nature»", "٣٤%", "a(ب)c", "ب1ب", "\u0651", "(\u0651"]
SEPARATORS = [" "] * 12 + ["  ", "\t"]
paragraphs = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=40).map(
    lambda pairs: "".join(word + space for word, space in pairs)[:-1])


@settings(max_examples=1500, deadline=None)
@given(text=paragraphs, width=st.integers(min_value=1, max_value=90), options=st.sampled_from(OPTIONS))
def test_generated_paragraphs_render_as_their_layout(text, width, options):
    assert render_paragraph(text, width, **options) == general(text, width, **options)


def glyph_order_rtl(word: str, last_strong: str) -> str:
    """A word drawn inside right-to-left text, glyph by glyph by rules L1–L4 (the long way)."""
    clusters = shape_word(word).clusters
    levels = simple_rtl_levels(word, last_strong)
    order = visual_order(word, levels, 1, 0, len(word))
    return "".join(c.text for c in _visual_clusters(clusters, order, levels))


@settings(max_examples=800, deadline=None)
@given(word=st.sampled_from(WORDS) | st.text(alphabet="".join(WORDS) + "()«»[]<>", min_size=1, max_size=12).filter(
    lambda w: " " not in w and "\t" not in w), last_strong=st.sampled_from(("R", "AL")))
def test_a_word_inside_right_to_left_text_is_drawn_as_its_glyphs_in_visual_order(word, last_strong):
    assert _Word(shape_word(word), word).rtl_visual(word, 0, len(word), last_strong) == glyph_order_rtl(word, last_strong)


def test_every_word_of_the_article_inside_right_to_left_text_is_drawn_as_its_glyphs_in_visual_order():
    for word in {w for paragraph in ARTICLE for w in sanitize(paragraph).split()}:
        assert _Word(shape_word(word), word).rtl_visual(word, 0, len(word), "R") == glyph_order_rtl(word, "R"), word
