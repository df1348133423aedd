"""Small terminals and resizes: the real app in tmux keeps working.

Usable at 40×12 (every panel and the help open, the article stays on screen),
no crash at 10×5, and a storm of resizes leaves it drawing the right size.
"""

import os
import random

import pytest

from harness.tmux import TmuxSession, environment_for_app, reader_command

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")

TITLE_WORD_ON_SCREEN = "\ufe80\ufe8e\ufeec\ufe98\ufee7\ufe8d"  # ﺀﺎﻬﺘﻧﺍ: انتهاء, the article's first word
FOOTER = "^p palette"  # the footer's last key, at the right edge of a row of 72 columns or more
COMPACT_FOOTER = 's Sections " Quotes e Glossary / Search ? Help q Quit'  # narrower: whole, no palette key


def start_reader(home, width: int, height: int) -> TmuxSession:
    # No file: the bundled article, which has sections, quotes and entities.
    session = TmuxSession(reader_command(), width=width, height=height, env=environment_for_app(home))
    session.wait_for(lambda: "%" in session.screen(), timeout=20, what="the status line")
    return session


def test_usable_at_40_by_12(tmp_path):
    with start_reader(tmp_path, 40, 12) as session:
        assert TITLE_WORD_ON_SCREEN in session.settled_screen()
        for key in ["s", '"', "e", "j", "j", "G", "g"]:
            session.type_text(key)
            screen = session.settled_screen()
            assert len(screen.splitlines()) == 12
            assert session.exit_status() is None, screen
        assert TITLE_WORD_ON_SCREEN in screen
        session.type_text("?")
        session.wait_for_text("Keys")
        session.send_keys("Escape")
        session.type_text("q")
        assert session.wait_for_exit() == 0


def test_no_crash_at_10_by_5(tmp_path):
    with start_reader(tmp_path, 10, 5) as session:
        for key in ["j", "G", "s", '"', "e", "/", "ب"]:
            session.type_text(key)
        session.send_keys("Enter", "?")
        session.settled_screen()
        assert session.exit_status() is None, session.screen()
        session.send_keys("Escape")
        session.type_text("q")
        assert session.wait_for_exit() == 0


def test_resize_storm(tmp_path):
    sizes = [(10, 5), (200, 60), (40, 12), (1, 1), (132, 43), (20, 3)]
    shuffled = random.Random(5).choices(sizes, k=60)
    with start_reader(tmp_path, 80, 24) as session:
        session.type_text("s")
        for width, height in shuffled:
            session.resize(width, height)
        session.resize(80, 24)
        # The app draws for the final size: the footer ends at the right edge of an 80-column row.
        screen = session.wait_for(
            lambda: (text := session.settled_screen()).splitlines()[-1].rstrip().endswith(FOOTER)
            and len(text.splitlines()) == 24 and text,
            timeout=15, what="a redraw at 80x24",
        )
        assert TITLE_WORD_ON_SCREEN in screen
        assert session.exit_status() is None
        session.type_text("q")
        assert session.wait_for_exit() == 0


def test_exported_columns_and_lines_do_not_override_the_terminal_size(tmp_path):
    command = ["env", "COLUMNS=80", "LINES=24", *reader_command()]
    with TmuxSession(command, width=60, height=15, env=environment_for_app(tmp_path)) as session:
        session.wait_for(lambda: "%" in session.screen(), timeout=20, what="the status line")
        screen = session.settled_screen()
        assert screen.splitlines()[0].startswith(" 0%")  # the status line on the first row
        assert screen.splitlines()[14].rstrip() == COMPACT_FOOTER  # the footer on the 15th, fitted to 60
