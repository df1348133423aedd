"""The terminal around our output: its own bidi off while we draw, and a clean exit on signals.

With `--bidi app` we send text already shaped and in visual order, so a
terminal that reorders by itself (VTE, mintty, WezTerm) must not reorder it
again: `CSI 8 l` (ECMA-48 BDSM reset, "explicit" mode) at start, `CSI 8 h`
(back to the default "implicit" mode) on every way out.

Textual draws on stderr, so the app passes `sys.__stderr__`; `reader render`
passes stdout. Use both pieces for the app:

    drop_size_variables()
    with explicit_bidi(sys.__stderr__, settings):
        app.run()                                    # and in App.on_mount:
                                                     #     install_app_hooks(self, settings)
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from typing import TYPE_CHECKING, TextIO

from reader.settings import Settings

if TYPE_CHECKING:
    from textual.app import App

BIDI_EXPLICIT = "\x1b[8l"
"""The terminal shows cells in the order given: it must not reorder what we reordered."""
BIDI_IMPLICIT = "\x1b[8h"
"""The terminal's default: it may apply its own bidi."""

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals from outside that end the app as `q` does (Textual installs no handler for them;
`ctrl+c` typed in the app is a key, not SIGINT, and keeps Textual's meaning)."""

EXIT_GRACE_SECONDS = 3.0
"""How long an exit asked for by a signal may take before the process ends itself."""

_app_returned = threading.Event()


def is_terminal(stream: TextIO | None) -> bool:
    """False also for a closed stream, or none at all (`sys.__stderr__` may be None)."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _write(stream: TextIO, text: str) -> None:
    # After a hangup (SSH dropped) the terminal is gone: nothing left to restore.
    with suppress(OSError, ValueError):
        stream.write(text)
        stream.flush()


@contextmanager
def explicit_bidi(stream: TextIO | None, settings: Settings) -> Iterator[None]:
    """Switch the terminal on `stream` to explicit bidi for the block, when we reorder ourselves.

    Nothing is written when `stream` is not a terminal (a file, a pipe to `less`)
    or when the terminal does the bidi (`--bidi terminal`).
    """
    terminal = stream if settings.app_reorders and is_terminal(stream) else None
    if terminal is not None:
        _write(terminal, BIDI_EXPLICIT)
    try:
        yield
    finally:
        if terminal is not None:
            _write(terminal, BIDI_IMPLICIT)


def drop_size_variables() -> None:
    """Let the terminal's own size rule the app. Call before `App.run()`.

    Textual measures with `shutil.get_terminal_size()`, which prefers COLUMNS
    and LINES from the environment: exported once (by a shell rc, by pytest),
    they never follow a resize, and the app draws for the wrong size.
    """
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)


def install_app_hooks(app: App, settings: Settings) -> None:
    """Exit cleanly on SIGTERM/SIGHUP/SIGINT, and give the terminal its bidi back while suspended.

    Call from `App.on_mount` (it needs the app's running event loop and Textual's
    driver in place). Suspending covers `ctrl+z` bound to `suspend_process` and a
    SIGTSTP from outside.
    """
    import asyncio  # the app's, already loaded: `reader render` does not pay for it

    loop = asyncio.get_running_loop()
    for signum in EXIT_SIGNALS:
        loop.add_signal_handler(signum, partial(_exit_on_signal, app, 128 + signum))
    app.app_resume_signal.subscribe(app, _repaint)
    # Textual's Linux driver draws on sys.__stderr__.
    if not (settings.app_reorders and is_terminal(sys.__stderr__)):
        return

    # Written through the driver so they stay in order with the frames Textual is writing.
    def driver_write(text: str) -> None:
        driver = app._driver
        if driver is not None:
            driver.write(text)
            driver.flush()

    explicit = True

    def set_explicit(wanted: bool) -> None:
        nonlocal explicit
        if explicit != wanted:
            explicit = wanted
            driver_write(BIDI_EXPLICIT if wanted else BIDI_IMPLICIT)

    # ctrl+z (suspend_process) publishes the suspend signal, then sends SIGTSTP; a SIGTSTP
    # from outside (kill -TSTP) reaches only the driver's handler, so wrap that too.
    # Resume is published once Textual is back in application mode, whichever way it stopped.
    app.app_suspend_signal.subscribe(app, lambda _app: set_explicit(False), immediate=True)
    app.app_resume_signal.subscribe(app, lambda _app: set_explicit(True), immediate=True)
    textual_stop = signal.getsignal(signal.SIGTSTP)
    if callable(textual_stop):

        def on_stop(signum, frame) -> None:
            set_explicit(False)
            textual_stop(signum, frame)

        signal.signal(signal.SIGTSTP, on_stop)


def _exit_on_signal(app: App, code: int) -> None:
    app.exit(None, code)
    # Textual's shutdown writes to the terminal and waits for its writer and input threads; when
    # the terminal has gone (SIGHUP from a closed window or a dropped SSH link) those can wait
    # for ever, and the reader would be left running (issue 13 item 8). A watchdog ends it.
    threading.Thread(target=_end_unless_finished, args=(app, code), daemon=True,
                     name="reader-exit-watchdog").start()


def _end_unless_finished(app: App, code: int) -> None:
    if _app_returned.wait(EXIT_GRACE_SECONDS):
        return
    with suppress(Exception):  # the position is worth a try; the exit is not negotiable
        app.remember_position()  # type: ignore[attr-defined]
    os._exit(code)


def app_returned() -> None:
    """Call as soon as `App.run()` has returned: the exit watchdog then stands down."""
    _app_returned.set()


def leave_if_threads_linger(code: int) -> None:
    """Call once the app's state is saved. Textual's input thread is not a daemon: if the
    terminal went away during shutdown it is never told to stop (it spins on the dead terminal)
    and the interpreter would wait for it at exit, so end the process here."""
    lingering = [thread for thread in threading.enumerate()
                 if thread.is_alive() and not thread.daemon and thread is not threading.main_thread()]
    if lingering:
        for stream in (sys.stdout, sys.stderr):
            with suppress(Exception):
                stream.flush()
        os._exit(code)


def _repaint(app: App) -> None:
    # Textual does not redraw after a SIGCONT resume (App.suspend() does): the
    # terminal showed the shell meanwhile, so draw the whole screen again.
    app.refresh(layout=True)
