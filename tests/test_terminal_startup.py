"""What the reader writes to a real terminal (tmux, bytes from `pipe-pane`) as it starts: its
first full frame is the screen as it stays, the footer's keys included (issue 13, start-up
frames). No timings: the frames and bytes are counted by benchmarks/run.py (start_up_frames)."""

import re

import pytest

from harness.tmux import TMUX, TmuxSession, environment_for_app, reader_command
from reader.ui.bindings import READER_BINDINGS

pytestmark = pytest.mark.skipif(not TMUX, reason="needs tmux")

_CURSOR = re.compile(rb"\x1b\[(\d+);(\d+)H")
_SEQUENCE = re.compile(rb"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b\][^\x07]*\x07")


def first_update_rows(output: bytes, height: int) -> dict[int, str]:
    """The text of each row in the first update that draws the bottom row: Textual moves the
    cursor to each row in turn from the top, and once done, to where its cursor is (the top
    left here), where the next update starts again."""
    rows: dict[int, str] = {}
    moves = list(_CURSOR.finditer(output))
    for move, following in zip(moves, [*moves[1:], None]):
        row = int(move.group(1))
        if row == 1 and height in rows:
            break
        end = following.start() if following is not None else len(output)
        text = _SEQUENCE.sub(b"", output[move.end():end]).decode("utf-8", "replace").replace("\r\n", "")
        rows[row] = rows.get(row, "") + text
    return rows


def test_the_first_frame_holds_the_footer_s_keys_and_the_status_line(tmp_path):
    with TmuxSession(reader_command(), width=80, height=24, env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("Quit", timeout=60)
        output = session.raw_output()
    rows = first_update_rows(output, 24)
    assert len(rows) >= 24
    footer = rows[24]
    for binding in READER_BINDINGS:
        if binding.show:
            assert binding.description in footer, (binding.description, footer)
    assert "%" in rows[1]  # the status line, position first


def test_a_remembered_position_is_where_the_first_frame_is_drawn(tmp_path):
    env = environment_for_app(tmp_path)
    with TmuxSession(reader_command(), width=80, height=24, env=env) as session:
        session.wait_for_text("Quit", timeout=60)
        top = session.screen().splitlines()[1]
        session.send_keys("PageDown")
        session.wait_for(lambda: session.screen().splitlines()[1] != top, what="a page down")
        session.send_keys("q")
        session.wait_for_exit(30)
    with TmuxSession(reader_command(), width=80, height=24, env=env) as session:
        session.wait_for_text("Quit", timeout=60)
        resumed = session.settled_screen().splitlines()[1]
        output = session.raw_output()
    assert resumed != top
    first = first_update_rows(output, 24)[2]  # the article's first row, as first drawn
    assert first.strip() == resumed.strip()  # not the start, then the remembered place
