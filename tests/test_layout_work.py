"""How the engine's work grows with its input, counted in executed lines of the engine's code
(deterministic, unlike a clock): twice the text must cost about twice the work, not four times.

A quadratic step shows as a ratio near 4 between the counts for n and 2n; a linear one near 2.
"""

import gc
import sys
from pathlib import Path

from reader.engine.layout import layout_paragraph

ENGINE = str(Path(__file__).resolve().parent.parent / "reader" / "engine")


def engine_lines_executed(action) -> int:
    """Lines of reader/engine's code executed while `action()` runs."""
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(ENGINE) else None

    sys.settrace(calls)
    try:
        action()
    finally:
        sys.settrace(None)
    return count


def render_all(text: str, width: int) -> None:
    for line in layout_paragraph(text, width).lines:
        line.render()
        line.clusters()


def growth(make_text, size: int, width: int) -> float:
    gc.collect()
    small = engine_lines_executed(lambda: render_all(make_text(size), width))
    large = engine_lines_executed(lambda: render_all(make_text(2 * size), width))
    return large / small


def test_a_word_longer_than_many_lines_costs_work_in_proportion_to_its_length():
    # One word with no space, broken between glyphs over many lines (issue 11, item 5: every line
    # of it used to rescan the whole word). Different letters for each size, so no cache helps.
    assert growth(lambda n: "ب" * n, 1500, 20) < 2.5
    assert growth(lambda n: "تـ" * (n // 2), 1500, 20) < 2.5


def test_a_long_paragraph_of_words_costs_work_in_proportion_to_its_length():
    words = ["كتب", "الطالب", "درسه", "في", "المكتبة", "قبل", "الفجر،", "ثم", "نام."]

    def paragraph(n: int) -> str:
        return " ".join(words[i % len(words)] for i in range(n))

    assert growth(paragraph, 1500, 30) < 2.5
