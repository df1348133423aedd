"""What reaches the terminal, and when: bytes written and time until the view stops moving, for
start-up and single key presses, in tmux (issue 13). `less` and a minimal Textual app are the
baselines; the bytes are what `tmux pipe-pane` saw the program write, Textual's own sequences
included."""

import os
import re
import signal
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.screen import NotMeasurable, Run, running

_CURSOR_ROW = re.compile(rb"\x1b\[(\d+);\d+H")
_ENDS_WITH_CURSOR_MOVE = re.compile(rb"\x1b\[\d+;\d+H\Z")
SETTLE = 0.3  # seconds the screen and the program must stay still for a key's answer to be complete


@dataclass
class KeyAnswer:
    seconds: float  # from the key press until the view stopped moving
    written: int  # bytes the program wrote meanwhile


def less_command(path: Path) -> list[str]:
    return ["less", "-R", str(path)]


def idle_log_size(run: Run) -> int:
    """Bytes written so far, once the program is idle and the log has stopped growing."""
    run.wait_idle(120.0, window=SETTLE)
    return len(run.session.raw_output(quiet=SETTLE))


def press(run: Run, key: str) -> KeyAnswer:
    before = idle_log_size(run)
    seconds = run.next_frame(lambda: run.session.send_keys(key), settle=SETTLE)
    return KeyAnswer(seconds, idle_log_size(run) - before)


def key_answers(run: Run, key: str, before: str, times: int) -> list[KeyAnswer]:
    """`key` pressed `times` times, each after `before` (not measured), so that every press
    moves the view (Home at the top would not)."""
    answers = []
    for _ in range(times):
        press(run, before)
        answers.append(press(run, key))
    return answers


def median_answer(answers: list[KeyAnswer]) -> KeyAnswer:
    return KeyAnswer(statistics.median(a.seconds for a in answers), int(statistics.median(a.written for a in answers)))


@dataclass
class StartUp:
    written: int
    frames: int  # bursts that draw on the screen
    full_repaints: int
    bursts: int  # every burst, those that only set terminal modes included


FRAME_GAP = 0.008  # seconds without output that end a frame (Textual draws at most 60 a second)


def start_up(run: Run, marker: str, height: int, timeout: float) -> StartUp:
    """Bytes, frames and full repaints from start until the program is idle. tmux does not
    answer Textual's query for synchronized output, so frames are not marked in the bytes: a
    burst of output is what comes FRAME_GAP apart from the next (the log is watched as it
    grows), and a frame is a burst that draws, i.e. moves the cursor somewhere on the screen
    (Textual begins every update so); the bursts that only set terminal modes (the alternate
    screen, mouse reporting, the pointer's shape) as the program starts draw nothing. A full
    repaint is a frame that moves the cursor to every row of the screen."""
    log = run.session.raw_log
    bursts: list[int] = []  # log size at the end of each burst
    size, last_growth = 0, time.perf_counter()
    seen_marker = False
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        current = log.stat().st_size if log.exists() else 0
        now = time.perf_counter()
        if current != size:
            if size and now - last_growth >= FRAME_GAP:
                bursts.append(size)
            size, last_growth = current, now
        if not seen_marker:
            seen_marker = marker in run.session.screen()
        elif now - last_growth > 1.0:
            break
        time.sleep(0.001)
    else:
        raise NotMeasurable(f"{marker!r} not on screen, or output not settled, within {timeout:.0f} s")
    idle_log_size(run)
    data = run.session.raw_output(quiet=SETTLE)
    bursts = [end for end in bursts if end < len(data)] + [len(data)]
    chunks = [data[start:end] for start, end in zip([0, *bursts], bursts)]
    frames = [frame for frame in _whole_updates(chunks) if _CURSOR_ROW.search(frame)]
    full = sum(1 for frame in frames if len({int(row) for row in _CURSOR_ROW.findall(frame)}) >= height)
    return StartUp(len(data), len(frames), full, len(chunks))


def _whole_updates(chunks: list[bytes]) -> list[bytes]:
    """The bursts, those that end within an update joined to the next. Textual ends every update
    by moving the cursor to where the app wants it; a write cut short on its way through the pty
    and tmux can leave a gap within one update, which is not the end of a frame."""
    updates: list[bytes] = []
    pending = b""
    for chunk in chunks:
        pending += chunk
        if _ENDS_WITH_CURSOR_MOVE.search(pending) or not _CURSOR_ROW.search(pending):
            updates.append(pending)
            pending = b""
    return updates + ([pending] if pending else [])


def close_during_layout(command: list[str], marker: str, tries: int, timeout: float,
                        grace: float = 5.0) -> tuple[int, int]:
    """Close the terminal (kill its tmux server: the program gets SIGHUP) soon after the first
    paint, while the rest of the book is laid out, `tries` times. Returns (tries, programs
    still running `grace` seconds later); those are killed."""
    left = 0
    for attempt in range(tries):
        run = Run(command)
        try:
            run.first_paint(marker, timeout)
            time.sleep(0.1 * (attempt % 5))  # a little later each time: different moments of the layout
            pid = run.pid()
            run.session.close()
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and running(pid):
                time.sleep(0.05)
            if running(pid):
                left += 1
                os.kill(pid, signal.SIGKILL)
        finally:
            run.state.cleanup()
    return tries, left


def process_seconds(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall-clock seconds of a whole process writing to /dev/null, in `env` (default:
    this one's), after a first run that is not measured (it fills the page and bytecode caches)."""
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


__all__ = ["KeyAnswer", "NotMeasurable", "StartUp", "close_during_layout", "key_answers", "less_command",
           "median_answer", "press", "process_seconds", "start_up"]
