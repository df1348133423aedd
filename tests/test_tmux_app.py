"""The installed `reader` in a real terminal (tmux), started from a shell as a user would."""

import re
import shutil
import subprocess
import unicodedata
from importlib.resources import files

import pytest

from harness.fribidi_oracle import AVAILABLE as FRIBIDI_ORACLE
from harness.fribidi_oracle import rendered_paragraph_problems
from harness.tmux import SCRIPTS, SHELL_PROMPT, TMUX, interactive_shell
from reader.engine.layout import layout_paragraph

FRIBIDI = shutil.which("fribidi")
pytestmark = pytest.mark.skipif(
    not (TMUX and (SCRIPTS / "reader").exists()), reason="needs tmux and the installed reader"
)

PROMPT_SHOWN = SHELL_PROMPT.rstrip()  # capture-pane drops trailing spaces


@pytest.fixture
def shell_80x24(tmp_path):
    with interactive_shell(tmp_path, 80, 24) as shell:
        yield shell


def bundled_title() -> str:
    text = (files("reader.assets") / "vostochny-summit.txt").read_text(encoding="utf-8")
    return text.split("\n", 1)[0].strip()


def folded(text: str) -> str:
    """Compare glyphs, not their encoding: NFKC undoes shaping; marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not unicodedata.combining(c))


def test_installed_reader_draws_the_title_right_aligned_in_visual_order_and_q_returns_to_the_shell(shell_80x24):
    shell = shell_80x24
    title = bundled_title()
    # The article column is 80 cells less a cell of padding on each side and the scrollbar.
    on_screen = layout_paragraph(title, 77).lines[0].text
    shell.type_text("reader")
    shell.send_keys("Enter")
    screen = shell.wait_for_screen(lambda s: on_screen in s.split("\n", 2)[1] if s.count("\n") > 1 else False,
                                   "the title").split("\n")
    title_row = screen[1]
    assert title_row.rstrip().endswith(on_screen)
    assert len(title_row.rstrip()) == 78  # right-aligned: ends at the column's right edge
    assert title_row.strip() == on_screen
    if FRIBIDI:  # an independent UAX #9 implementation agrees on the order
        fribidi = subprocess.run([FRIBIDI, "--nopad", "--rtl", "--width", "200"], input=title + "\n",
                                 capture_output=True, text=True, check=True).stdout.strip("\n")
        assert folded(title_row.strip()) == folded(fribidi)
    assert screen[2][1:78] == "─" * 77  # the rule under the title, across the column

    shell.send_keys("j")
    shell.wait_for_screen(lambda s: s.split("\n")[1][1:78] == "─" * 77, "one line down")
    shell.send_keys("s")
    screen = shell.wait_for_screen(lambda s: "▸●" in s, "the sections sidebar").split("\n")
    assert screen[1].index("▸●") > 40  # docked on the right
    shell.send_keys("?")
    shell.wait_for_screen(lambda s: "Keys (Escape" in s, "the help screen")
    shell.send_keys("Escape")
    shell.wait_for_screen(lambda s: "Keys (Escape" not in s, "the help screen to close")
    shell.send_keys("/")
    shell.type_text("بوتين")
    screen = shell.wait_for_screen(lambda s: re.search(r"^/ \d+/\d+ ", s, re.MULTILINE), "a search count").split("\n")
    search_row = next(row for row in screen if re.match(r"/ \d+/\d+ ", row))
    assert search_row.rstrip().endswith("\ufee6\ufef4\ufe97\ufeee\ufe91")  # ﻦﻴﺗﻮﺑ: joined, right to left
    shell.send_keys("Enter")
    shell.send_keys("q")
    screen = shell.wait_for_screen(lambda s: s.rstrip().endswith(PROMPT_SHOWN) and "Sections" not in s,
                                   "the prompt").split("\n")
    assert any(row.startswith(SHELL_PROMPT + "reader") for row in screen)  # the screen from before the app is back
    assert not any("ﺔﻴﺋﺎﻀﻔﻟﺍ" in row for row in screen)


def columns(row: str, start: int, end: int) -> str:
    """Cells [start, end) of a captured row: a combining mark takes no cell of its own."""
    out, cell = [], 0
    for char in row:
        if unicodedata.category(char) not in ("Mn", "Me", "Cf"):
            cell += 1
        if start < cell <= end:
            out.append(char)
    return "".join(out)


def paragraphs_on_screen(rows: list[str], at_top: bool, at_bottom: bool) -> list[list[str]]:
    """The groups of consecutive text rows that are whole on screen: a blank row or the rule (or
    the document's start or end) above and below them."""
    groups, current, opened = [], [], at_top
    for row in rows:
        if not row.strip() or set(row.strip()) == {"─"}:
            if opened and current:
                groups.append(current)
            current, opened = [], True
        else:
            current.append(row)
    if at_bottom and opened and current:
        groups.append(current)
    return groups


@pytest.mark.skipif(not FRIBIDI_ORACLE, reason="needs libfribidi")
def test_every_article_line_read_through_in_tmux_is_in_uax9_order_at_80x24_and_120x40(tmp_path):
    """Read the whole article in a real terminal: the first screen is where the engine puts it,
    and every paragraph seen whole is, line by line, FriBidi's reordering of that paragraph
    (an independent UAX #9 implementation, knowing only the paragraph's text)."""
    text = (files("reader.assets") / "vostochny-summit.txt").read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]
    for width, height in ((80, 24), (120, 40)):
        home = tmp_path / f"{width}x{height}"
        home.mkdir()
        with interactive_shell(home, width, height) as shell:
            shell.type_text("reader")
            shell.send_keys("Enter")
            column = min(80, width - 3)
            margin = 1 + (width - 3 - column) // 2
            first_screen = [" " * margin + line.render() for line in layout_paragraph(paragraphs[0], column).lines]
            first_screen += [" " * margin + "─" * column]
            first_screen += [" " * margin + line.render() for line in layout_paragraph(paragraphs[1], column).lines]
            screen = shell.wait_for_screen(lambda s: first_screen[0].strip() in s, "the article").split("\n")
            assert [columns(row, 0, width - 2).rstrip() for row in screen[1 : 1 + len(first_screen)]] == first_screen

            seen: set[int] = set()
            at_top = True
            while True:
                at_bottom = screen[0].strip().startswith("100%")
                rows = [columns(row, margin, margin + column).rstrip() for row in screen[1 : height - 1]]
                for group in paragraphs_on_screen(rows, at_top, at_bottom):
                    matches = [n for n, p in enumerate(paragraphs) if not rendered_paragraph_problems(p, group, column)]
                    assert matches, "no paragraph of the article reads as:\n" + "\n".join(group)
                    seen.update(matches)
                if at_bottom:
                    break
                previous, at_top = screen, False
                shell.send_keys(*["j"] * ((height - 2) // 2))
                shell.wait_for_screen(lambda s: s.split("\n") != previous, "scrolling")
                screen = shell.settled_screen(quiet=0.3, timeout=15).split("\n")  # every key's frame drawn, none half-way
            assert seen == set(range(len(paragraphs)))
            shell.send_keys("q")
            shell.wait_for_screen(lambda s: s.rstrip().endswith(PROMPT_SHOWN), "the prompt")
