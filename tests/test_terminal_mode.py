"""reader.terminal.explicit_bidi on its own: what it writes, to which stream, and when."""

import io
import os
import select

import pytest

from reader.settings import Settings
from reader.terminal import BIDI_EXPLICIT, BIDI_IMPLICIT, explicit_bidi


@pytest.fixture
def pty_stream():
    """The writing end of a real pty (isatty() is true), and a way to read what reached it."""
    controller, terminal = os.openpty()
    stream = open(terminal, "w", encoding="utf-8", closefd=True)

    def received() -> str:
        stream.flush()
        # The pty hands bytes over asynchronously: read until nothing more comes for a moment.
        data = b""
        while select.select([controller], [], [], 0.2)[0]:
            data += os.read(controller, 4096)
        return data.decode("utf-8")

    yield stream, received
    stream.close()
    os.close(controller)


def test_wraps_the_block_on_a_terminal(pty_stream):
    stream, received = pty_stream
    with explicit_bidi(stream, Settings()):
        stream.write("frame")
    assert received() == BIDI_EXPLICIT + "frame" + BIDI_IMPLICIT


def test_restores_when_the_block_raises(pty_stream):
    stream, received = pty_stream
    with pytest.raises(RuntimeError), explicit_bidi(stream, Settings()):
        raise RuntimeError("crash")
    assert received() == BIDI_EXPLICIT + BIDI_IMPLICIT


def test_terminal_mode_writes_nothing(pty_stream):
    stream, received = pty_stream
    with explicit_bidi(stream, Settings(bidi="terminal")):
        stream.write("logical")
    assert received() == "logical"


def test_no_shape_still_reorders_so_still_wraps(pty_stream):
    stream, received = pty_stream
    with explicit_bidi(stream, Settings(shape=False)):
        pass
    assert received() == BIDI_EXPLICIT + BIDI_IMPLICIT


def test_not_a_terminal_gets_no_escape_sequence():
    stream = io.StringIO()
    with explicit_bidi(stream, Settings()):
        stream.write("to a file")
    assert stream.getvalue() == "to a file"


def test_a_terminal_gone_at_exit_is_not_an_error(pty_stream):
    stream, _ = pty_stream
    with explicit_bidi(stream, Settings()):
        stream.close()  # like a hangup: the restore has nowhere to go
