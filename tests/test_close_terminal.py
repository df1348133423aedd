"""Closing the terminal while a book is still being laid out and analysed ends the reader
(issue 13, item 8: 3 of 12 tries left it running, SIGTERM ignored). The benchmark tries 20 times
on a 10 MB book (benchmarks/run.py); here a few tries on a small one."""

import os
import signal
import time
from pathlib import Path

from benchmarks.corpus import write_book
from harness.tmux import TmuxSession, environment_for_app, reader_command

TRIES = 3
GRACE = 10.0  # seconds a closed terminal's reader has to end


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_closing_the_terminal_during_layout_leaves_no_reader_running(tmp_path):
    book = write_book(tmp_path / "book.txt", 2_000_000)
    left = []
    for attempt in range(TRIES):
        with TmuxSession(reader_command(str(book.path)), width=80, height=24,
                         env=environment_for_app(tmp_path)) as session:
            # The status line shows the layout's progress ("laying out N%") once the first screen is up.
            session.wait_for(lambda: "%" in session.screen(), timeout=60, what="the first screen")
            pid = session.program_pid()
            assert pid is not None
            time.sleep(0.2 * attempt)  # a different moment of the layout each time
        # Leaving the block killed the tmux server: the terminal is gone, the reader got SIGHUP.
        deadline = time.monotonic() + GRACE
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            left.append(attempt)
            os.kill(pid, signal.SIGKILL)
    assert left == [], f"the reader was still running {GRACE:.0f} s after its terminal closed, tries {left}"
