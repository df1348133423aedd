"""Background work gives way to the reader.

CPython runs one thread at a time: a worker laying out or analysing a book takes turns with the
thread that answers keys, and every frame waits for those turns. So for a moment after each key
press or resize the workers pause (between two small steps of their work) and the frames that
answer it are drawn at once.
"""

import time

QUIET_SECONDS = 0.25  # after an input: enough for the frames that answer it


class InputQuiet:
    def __init__(self) -> None:
        self._input_at = float("-inf")

    def input(self) -> None:
        """An input arrived (called by the app, on its thread)."""
        self._input_at = time.monotonic()

    def wait(self) -> None:
        """Called by a worker between two steps: returns once no input came for QUIET_SECONDS."""
        while (left := self._input_at + QUIET_SECONDS - time.monotonic()) > 0:
            time.sleep(left)
