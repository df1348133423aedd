"""Every screen line of `layout_paragraph` against GNU FriBidi, an independent UAX #9 implementation.

FriBidi resolves each paragraph whole, then reorders each line's logical range (L1, L2) and
mirrors at odd levels (L4). Our line must show the same letters in the same order; shaping,
ligatures and mark placement are taken out of the comparison (`line_key`) and checked
on their own.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from harness.fribidi_oracle import AVAILABLE, FriBidiParagraph, known_to_differ, rendered_paragraph_problems
from harness.layout_invariants import (
    coverage_problems,
    line_key,
    line_problems,
    mark_placement_problems,
)
from reader.engine.bidi import base_level, resolve_levels
from reader.engine.layout import layout_paragraph
from reader.engine.sanitize import sanitize

pytestmark = pytest.mark.skipif(not AVAILABLE, reason="libfribidi.so.0 (Debian libfribidi0) is not installed")

WIDTHS = range(20, 121)

TRICKY = {
    "percentages": "حصل الخصم 15% فقط على 3.5% من المبيعات في عام 2023، أي −12% مقارنة بـ 20 ٪ سابقا.",
    "url": "زوروا موقعنا https://example.com/ar/news?id=42&lang=ar للمزيد من التفاصيل.",
    "latin names": "قال Vladimir Putin إن Kim Jong Un سيزور Moscow قريبا، حسب وكالة TASS.",
    "arabic-indic digits": "بلغ عدد السكان ١٢٣٬٤٥٦ نسمة في ٢٠٢٣/٠٩/١٣ بنسبة ٥٠٪ و۱۴۰۲ بالفارسية.",
    "brackets and guillemets": "قال (الرئيس) «نحن [هنا] {الآن}» ثم أضاف (Putin said «yes») و<تم>.",
    "full harakat": "وَأَكَّدَ الرَّئِيسُ أَنَّ العَلَاقَاتِ بَيْنَ البَلَدَيْنِ قَوِيَّةٌ جِدًّا، لَا شَكَّ فِي ذَلِكَ.",
    "allah ligature": "قال عبدالله إن الله غفور، والحمد لله، بسم الله الرحمن الرحيم ﷲ أكبر.",
    "persian": "زبان فارسی با حروف گ چ پ ژ نوشته می‌شود و ۱۴۰۲ سال از هجرت گذشته است.",
    "hebrew": "שלום עולם, זה טקסט בעברית עם המספר 123 ו-English בתוכו (וסוגריים).",
    "overlong url": "انظر https://example.com/a/very/long/path/that/does/not/fit/on/one/line/at/all/even/at/one"
    "/hundred/and/twenty/cells/wide/index.html?query=arabic&page=1 ثم عد إلى الصفحة.",
    "email and phone": "راسلونا على info@example.org أو اتصلوا بالرقم +7 (495) 123-45-67 أو ٠٥٠-١٢٣-٤٥٦٧ مساء.",
    "ltr with arabic": "The summit at Vostochny (قمة فوستوتشني) lasted 2 hours, said TASS (وكالة تاس).",
    "tatweel and punctuation": "قــــال؛ هل هذا صحيح؟ نعم! «بالتأكيد»… ربما: لا.",
    "joiners": "كلمة\u200dمع وصل و\u200cفصل لا\u200dلا أيضا ب\u200dب لا.",
    "trojan source": "نص \u202eمعكوس\u202c هنا abc \u2067عزل\u2069 ثم \u200fانتهى.",
    "neutral only": "123 456 — (789) !!! 10%",
    "mixed numbers": "في 2023 ارتفع المؤشر من 1,234.5 إلى 2,345.6 (+90%) و3-4 مرات.",
}


def article_paragraphs() -> list[str]:
    article = files("reader.assets").joinpath("vostochny-summit.txt").read_text(encoding="utf-8")
    return [" ".join(block.split("\n")) for block in article.split("\n\n") if block.strip()]


def fribidi_problems(text: str, widths, base_dir: str = "auto") -> list[str]:
    """Everything wrong with the layout of `text` at each width, FriBidi being the reference."""
    oracle = FriBidiParagraph.resolve(sanitize(text), base_dir)
    problems = []
    for width in widths:
        layout = layout_paragraph(text, width, base_dir=base_dir)
        found = []
        if layout.text != oracle.text:
            found.append("the layout's text is not the sanitised paragraph")
        if layout.rtl != oracle.rtl:
            found.append(f"paragraph direction rtl={layout.rtl}, FriBidi says rtl={oracle.rtl}")
        for line in layout.lines:
            expected = oracle.line_visual(line.start, line.end)
            if line_key(line.text) != line_key(expected):
                found.append(f"line [{line.start}:{line.end}]\n  got      {line.text!r}\n"
                             f"  FriBidi  {expected!r}\n  keys     {line_key(line.text)!r}\n"
                             f"       vs  {line_key(expected)!r}")
            cells = line.cells()
            found += line_problems(layout, line, width, cells)
            found += mark_placement_problems(layout.text, line, cells)
        found += coverage_problems(layout)
        problems += [f"width {width}: {problem}" for problem in found]
    return problems


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_paragraph_matches_fribidi(name):
    problems = fribidi_problems(TRICKY[name], WIDTHS)
    assert not problems, f"{TRICKY[name]!r}:\n" + "\n".join(problems[:40])


def test_article_matches_fribidi_at_every_width():
    paragraphs = article_paragraphs()
    assert len(paragraphs) > 20
    problems = [f"paragraph {n}: {p}" for n, text in enumerate(paragraphs) for p in fribidi_problems(text, WIDTHS)]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("base_dir", ["ltr", "rtl"])
def test_a_forced_base_direction_matches_fribidi(base_dir):
    paragraphs = [TRICKY["ltr with arabic"], TRICKY["latin names"], TRICKY["brackets and guillemets"],
                  article_paragraphs()[1]]
    problems = [p for text in paragraphs for p in fribidi_problems(text, range(20, 121, 9), base_dir)]
    assert not problems, "\n".join(problems[:40])


def test_dropped_harakat_leave_the_letters_in_fribidi_order():
    text = TRICKY["full harakat"]
    oracle = FriBidiParagraph.resolve(text)
    for width in range(20, 121, 5):
        for line in layout_paragraph(text, width, harakat="none").lines:
            assert not [c for c in line.text if "\u064b" <= c <= "\u0652"], line.text
            assert line_key(line.text) == line_key(oracle.line_visual(line.start, line.end))


def test_a_paragraph_of_the_article_is_checked_line_by_line():
    # Guards the comparison itself: a real paragraph wraps into several lines, every one compared.
    paragraph = max(article_paragraphs(), key=len)
    layout = layout_paragraph(paragraph, 40)
    oracle = FriBidiParagraph.resolve(paragraph)
    assert layout.rtl and oracle.rtl and len(layout.lines) >= 4
    assert [line_key(line.text) for line in layout.lines] == [
        line_key(oracle.line_visual(line.start, line.end)) for line in layout.lines]


def test_a_mark_beside_a_bracket_where_fribidi_1_0_8_errs():
    # Worked by hand (UAX #9, left-to-right paragraph): "[" + mark + "]" is a bracket pair with
    # no strong type inside, so N0 leaves it and N1-N2 give it level 0 (between sos L and R);
    # the last "]" lies between two Arabic letters: level 1. FriBidi 1.0.8 gives that "]" 0.
    text = "[\u064c]\u0637]\u0647"
    assert known_to_differ(text)
    assert list(resolve_levels(text, base_level(text, "ltr"))) == [0, 0, 0, 1, 1, 1]
    [line] = layout_paragraph(text, 20, base_dir="ltr").lines
    assert line.text == "[\u064c]\ufee9[\ufec1"  # the right-to-left run reversed, its "]" mirrored


def render(path: Path | None, width: int) -> list[list[str]]:
    """`reader render --width N [FILE]` as a user runs it: the printed blocks, each a list of lines."""
    command = [sys.executable, "-m", "reader", "render", "--width", str(width)] + ([str(path)] if path else [])
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return [block.split("\n") for block in result.stdout.rstrip("\n").split("\n\n")]


@pytest.mark.parametrize("width", [20, 37, 60, 80, 120])
def test_reader_render_prints_fribidi_lines(tmp_path, width):
    document = tmp_path / "tricky.txt"
    document.write_text("\n\n".join(TRICKY.values()) + "\n", encoding="utf-8")
    for path, paragraphs in ((None, article_paragraphs()), (document, list(TRICKY.values()))):
        blocks = render(path, width)
        assert len(blocks) == len(paragraphs), f"{len(blocks)} blocks printed for {len(paragraphs)} paragraphs"
        problems = [p for text, lines in zip(paragraphs, blocks) for p in rendered_paragraph_problems(text, lines, width)]
        assert not problems, "\n".join(problems[:30])


def test_fribidi_oracle_conforms_to_bidi_character_test():
    """The oracle is only worth something if our binding of it is right: it must reproduce the
    visual order of Unicode's own test file (FriBidi's data is Unicode 10, the file's 15; the
    cases agree all the same)."""
    test_file = Path("/usr/share/unicode/BidiCharacterTest.txt")
    if not test_file.exists():
        pytest.skip("Debian package unicode-data is not installed")
    failures = []
    for line_number, line in enumerate(test_file.read_text().splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        code_points, direction, paragraph_level, levels, order = line.split(";")
        text = "".join(chr(int(cp, 16)) for cp in code_points.split())
        oracle = FriBidiParagraph.resolve(text, {"0": "ltr", "1": "rtl", "2": "auto"}[direction])
        visual, _ = oracle.line_order(0, len(text))
        kept = levels.split()
        got = [i for i in visual if kept[i] != "x"]
        if got != [int(i) for i in order.split()] or int(oracle.rtl) != int(paragraph_level):
            failures.append(f"line {line_number}: expected {order}, got {got}")
    assert not failures, "\n".join(failures[:50])
