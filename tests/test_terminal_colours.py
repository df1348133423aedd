"""NO_COLOR and 8/16-colour terminals: quotes, mentions, search hits and the current hit stay
distinguishable from each other and from plain text, in the real app in tmux."""

import os
import re

import pytest

from harness.cells import styled_rows, styles_of
from harness.tmux import TmuxSession, environment_for_app, reader_command

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")

# Screen forms worked out by hand: presentation forms, right to left.
PLAIN = "\ufe8e\ufee8\ufeeb"  # ﺎﻨﻫ: هنا
MENTION = "\ufee6\ufef4\ufe97\ufeee\ufe91"  # ﻦﻴﺗﻮﺑ: بوتين, in the bundled glossary
QUOTE = "\ufee2\ufecc\ufee7"  # ﻢﻌﻧ: نعم between “ ”
BOOK = "\ufe8f\ufe8e\ufe98\ufedb"  # ﺏﺎﺘﻛ: كتاب, the search word, twice
COLOUR_256 = re.compile(rb"\x1b\[[0-9;]*[34]8;[25];")


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("colours") / "colours.txt"
    paragraphs = ["CANARY", "مقدمة قصيرة.", "قال بوتين: “نعم” اليوم هنا.", "كتاب أول هنا.", "كتاب ثان هنا."]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("term", "no_color"),
    [("xterm-256color", True), ("linux", False), ("screen", False), ("linux", True)],
)
def test_highlights_stay_distinct(document, tmp_path, term, no_color):
    env = environment_for_app(tmp_path, **({"NO_COLOR": "1"} if no_color else {}))
    with TmuxSession(reader_command(str(document)), width=100, height=20, term=term, env=env) as session:
        session.wait_for_text("CANARY", timeout=20)
        for key in ['"', "e", "/"]:  # quotes and mentions are highlighted while their panel is open
            session.type_and_wait_for_change(key)
        session.type_and_wait_for_change("كتاب")
        session.send_keys("Enter")
        session.settled_screen()
        rows = styled_rows(session.screen(attributes=True))
        raw = session.raw_output()
    # The first occurrence of each is in the article (the panels below repeat some).
    styles = {
        "plain": styles_of(rows, PLAIN)[0],
        "mention": styles_of(rows, MENTION)[0],
        "quote": styles_of(rows, QUOTE)[0],
        "current hit": styles_of(rows, BOOK)[0],
        "hit": styles_of(rows, BOOK)[1],
    }
    # Without colour only the attributes (bold, underline, reverse…) can tell them apart.
    seen = {name: (style.attributes if no_color else style) for name, style in styles.items()}
    assert len(set(seen.values())) == len(seen), seen
    if term in ("linux", "screen"):
        assert not COLOUR_256.search(raw), "a 16-colour terminal got 256-colour or true-colour codes"
