"""Timings taken the way a person sees them: the program runs in tmux, and the screen is read
with `capture-pane` until what we wait for is there. Every wait is bounded."""

import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.engine.layout import layout_paragraph
from tests.harness.tmux import TmuxSession, environment_for_app, reader_command  # noqa: F401 (for run.py)

BENCHMARKS = Path(__file__).resolve().parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# What may keep changing once the text is drawn: digits (position, progress) and scrollbar
# thumbs (block elements), which move as estimated rows are laid out exactly.
_SETTLING = re.compile(r"[0-9٠-٩\u2581-\u2588\u2594]")


def running(pid: int) -> bool:
    """Whether process `pid` exists and has not ended (a zombie has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class NotMeasurable(Exception):
    """The app cannot produce this figure yet (it exited, or never showed what we wait for)."""


def on_screen(text: str) -> str:
    """`text` (a few words of one paragraph) as the reader draws it: shaped, in visual order."""
    return layout_paragraph(text, 10_000).lines[0].text


def minimal_command() -> list[str]:
    return [sys.executable, str(BENCHMARKS / "minimal_app.py")]


# Programs run as installed: pip byte-compiles a package when it installs it, so an installed
# reader, like Textual in site-packages, starts from cached bytecode. A source tree installed in
# editable mode (or an environment with PYTHONDONTWRITEBYTECODE set) would compile every module
# of ours at every start, and only ours: the measured programs share one bytecode cache, outside
# the tree, filled by a first run that is not measured.
BYTECODE_CACHE = Path(tempfile.gettempdir()) / "reader-benchmark-bytecode"


def bytecode_environment() -> dict[str, str]:
    return {"PYTHONPYCACHEPREFIX": str(BYTECODE_CACHE), "PYTHONDONTWRITEBYTECODE": ""}


class Run:
    """One program in its own tmux server, with a fresh state directory (no remembered position)."""

    def __init__(self, command: list[str], width: int = 100, height: int = 30) -> None:
        if shutil.which("tmux") is None:
            raise NotMeasurable("tmux is not installed (Debian: tmux)")
        self.state = tempfile.TemporaryDirectory(prefix="reader-benchmark-home-")
        env = environment_for_app(Path(self.state.name), **bytecode_environment())
        self.session = TmuxSession(command, width=width, height=height, env=env)
        self.started = time.perf_counter()  # the gate opened as the session was made

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, *exc_info) -> None:
        pid = self.session.program_pid()
        self.session.close()
        # A reader left running by its closed terminal (issue 13 item 8) would take the CPU from
        # every later figure: give it a moment, then end it.
        deadline = time.monotonic() + 3
        while pid is not None and running(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if pid is not None and running(pid):
            os.kill(pid, signal.SIGKILL)
        self.state.cleanup()

    def wait(self, condition: Callable[[str], bool], timeout: float, what: str) -> float:
        """The time (perf_counter) when a screen meeting `condition` was read."""
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.session.screen()
            seen = time.perf_counter()
            if condition(screen):
                return seen
            status = self.session.exit_status()
            if status is not None:
                lines = self.session.screen().splitlines()
                said = [line.strip() for line in lines if line.strip() and not line.startswith("Pane is dead")]
                raise NotMeasurable(f"the program exited with status {status}: {said[-1] if said else ''}")
            if seen > deadline:
                raise NotMeasurable(f"no {what} within {timeout:.0f} s")
            time.sleep(0.002)

    def first_paint(self, marker: str, timeout: float) -> float:
        """Seconds from start until `marker` is on the screen."""
        return self.wait(lambda screen: marker in screen, timeout, f"{marker!r} on screen") - self.started

    def pid(self) -> int:
        pid = self.session.program_pid()
        if pid is None:
            raise NotMeasurable("the program is not running")
        return pid

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def wait_idle(self, timeout: float, window: float = 0.5, busy: float = 0.05) -> float:
        """Wait until the program uses under `busy` seconds of CPU in `window`; seconds waited.
        Raises NotMeasurable if it is still working after `timeout`."""
        start = time.perf_counter()
        before = self.cpu_seconds()
        while time.perf_counter() - start < timeout:
            time.sleep(window)
            after = self.cpu_seconds()
            if after - before < busy:
                return time.perf_counter() - start
            before = after
        raise NotMeasurable(f"still busy after {timeout:.0f} s")

    def memory(self) -> dict[str, int]:
        """VmRSS and VmHWM (peak) of the program, in bytes."""
        values = {}
        for line in Path(f"/proc/{self.pid()}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(value.split()[0]) * 1024
        return values

    def next_frame(self, action: Callable[[], None], settle: float = 0.5, timeout: float = 60.0) -> float:
        """Seconds from `action` to the first complete frame after it.

        The final frame is the screen once it has not changed for `settle` seconds while the
        program was idle (so a program still busy drawing is waited for); the status row, digits
        and scrollbar thumbs are left out of the comparison (see _SETTLING). The answer is when
        the first capture equal to that final frame was taken."""
        start = time.perf_counter()
        action()
        captures: list[tuple[float, str]] = []
        changed = start
        cpu, cpu_at = self.cpu_seconds(), start
        while True:
            frame = _SETTLING.sub("#", "\n".join(self.session.screen().splitlines()[1:]))
            now = time.perf_counter()
            if not captures or frame != captures[-1][1]:
                changed = now
            captures.append((now, frame))
            if now - cpu_at >= settle:
                used = self.cpu_seconds() - cpu
                cpu, cpu_at = cpu + used, now
                if now - changed >= settle and used < 0.1 * settle:
                    break
            if now - start > timeout:
                raise NotMeasurable(f"the program was still busy after {timeout:.0f} s")
            time.sleep(0.002)
        final = captures[-1][1]
        return next(seen for seen, frame in captures if frame == final) - start


def first_paints(baseline: tuple[list[str], str], subject: tuple[list[str], str], runs: int,
                 timeout: float) -> tuple[float, float]:
    """Median seconds to first paint of a baseline and a subject, each a (command, marker on
    screen), started alternately so that a busy machine slows both alike; fewer runs when the
    subject is slow (over 5 s). Each is run once first, unmeasured: it fills the bytecode cache
    (see BYTECODE_CACHE) and the page cache."""
    for command, marker in (baseline, subject):
        with Run(command) as run:
            run.first_paint(marker, timeout)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for (command, marker), measured in zip((baseline, subject), times):
            with Run(command) as run:
                measured.append(run.first_paint(marker, timeout))
        if times[1][-1] > 5:
            break
    return statistics.median(times[0]), statistics.median(times[1])
