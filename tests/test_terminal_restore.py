"""The terminal's own bidi is switched off while we draw and given back on every way out.

Runs a real Textual app in tmux and reads the raw bytes it wrote to the pty:
`CSI 8 l` must come before the first frame (alt screen on) and `CSI 8 h`
after the last (alt screen off), whatever ends the program.
"""

import os
import re
import signal
import sys
from pathlib import Path

import pytest

from harness.tmux import TmuxSession, environment_for_app, reader_command

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")

PROBE_APP = [sys.executable, str(Path(__file__).parent / "harness" / "probe_app.py")]
MODE_EVENTS = re.compile(rb"\x1b\[(8[lh]|\?1049[hl])")
NAMES = {b"8l": "explicit", b"8h": "implicit", b"?1049h": "alt-on", b"?1049l": "alt-off"}


def mode_events(raw: bytes) -> list[str]:
    return [NAMES[match.group(1)] for match in MODE_EVENTS.finditer(raw)]


@pytest.fixture
def probe(tmp_path):
    with TmuxSession(PROBE_APP, env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("probe ready")
        yield session


def assert_restored_once(session: TmuxSession) -> None:
    assert mode_events(session.raw_output()) == ["explicit", "alt-on", "alt-off", "implicit"]


@pytest.mark.parametrize(("keys", "status"), [(["q"], 0), (["C-q"], 0), (["x"], 1)])
def test_keys_that_end_the_app(probe, keys, status):
    probe.send_keys(*keys)
    assert probe.wait_for_exit() == status
    assert_restored_once(probe)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signals_from_outside(probe, signum):
    os.kill(probe.program_pid(), signum)
    assert probe.wait_for_exit() == 128 + signum
    assert_restored_once(probe)
    assert "Traceback" not in probe.screen()


def test_ctrl_c_keeps_textual_meaning(probe):
    probe.send_keys("C-c")
    probe.wait_for_text("ctrl+q")  # Textual's notice: press ctrl+q to quit
    assert probe.exit_status() is None
    probe.send_keys("C-q")
    assert probe.wait_for_exit() == 0


def test_suspend_gives_the_terminal_its_bidi_back_and_resume_takes_it_again(probe):
    probe.send_keys("C-z")
    pid = probe.program_pid()
    probe.wait_for(lambda: _state(pid) == "T", what="the app to stop")
    assert mode_events(probe.raw_output()) == ["explicit", "alt-on", "implicit", "alt-off"]
    os.kill(pid, signal.SIGCONT)
    probe.wait_for_text("probe ready")
    probe.wait_for(lambda: mode_events(probe.raw_output())[-1] == "explicit", what="explicit mode again")
    probe.send_keys("q")
    assert probe.wait_for_exit() == 0
    assert mode_events(probe.raw_output()) == [
        "explicit", "alt-on", "implicit", "alt-off",  # ctrl+z
        "alt-on", "explicit",  # resumed
        "alt-off", "implicit",  # q
    ]


def test_stop_signal_from_outside_gives_the_bidi_back_too(probe):
    pid = probe.program_pid()
    os.kill(pid, signal.SIGTSTP)
    probe.wait_for(lambda: _state(pid) == "T", what="the app to stop")
    assert mode_events(probe.raw_output()) == ["explicit", "alt-on", "implicit", "alt-off"]
    os.kill(pid, signal.SIGCONT)
    probe.wait_for(lambda: mode_events(probe.raw_output())[-1] == "explicit", what="explicit mode again")
    probe.send_keys("q")
    assert probe.wait_for_exit() == 0
    assert mode_events(probe.raw_output()) == [
        "explicit", "alt-on", "implicit", "alt-off", "alt-on", "explicit", "alt-off", "implicit",
    ]


def _state(pid: int) -> str:
    # /proc/PID/stat: "pid (comm) STATE ..."; comm may hold spaces, so split after the ')'.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


# The same paths with the real reader.


@pytest.fixture
def reader_app(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("كتاب CANARY\n\nمرحبا بالعالم\n", encoding="utf-8")
    with TmuxSession(reader_command(str(document)), env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("CANARY", timeout=20)
        yield session


@pytest.mark.parametrize("keys", [["q"], ["C-q"]])
def test_reader_quits_restoring(reader_app, keys):
    reader_app.send_keys(*keys)
    assert reader_app.wait_for_exit() == 0
    assert_restored_once(reader_app)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_reader_ends_on_signals_restoring(reader_app, signum):
    os.kill(reader_app.program_pid(), signum)
    assert reader_app.wait_for_exit() == 128 + signum
    assert_restored_once(reader_app)


def test_reader_with_terminal_bidi_leaves_the_mode_alone(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("كتاب CANARY\n", encoding="utf-8")
    env = environment_for_app(tmp_path, READER_BIDI="terminal")
    with TmuxSession(reader_command(str(document)), env=env) as session:
        screen = session.wait_for_text("CANARY", timeout=20)
        assert "كتاب CANARY" in screen  # logical order, unshaped: tmux shows it as sent
        session.send_keys("q")
        assert session.wait_for_exit() == 0
        assert mode_events(session.raw_output()) == ["alt-on", "alt-off"]


@pytest.mark.parametrize(
    ("options", "events", "shown"),
    [
        # Shaped presentation forms in visual order, right-aligned (40 - 11 cells), in explicit mode.
        ([], ["explicit", "implicit"], " " * 29 + "CANARY \ufe8f\ufe8e\ufe98\ufedb\r\n"),
        # Visual order, unshaped: the terminal joins the letters.
        (["--no-shape"], ["explicit", "implicit"], " " * 29 + "CANARY باتك\r\n"),
        # Logical order, unshaped, still right-aligned: the terminal reorders and joins.
        (["--bidi", "terminal"], [], " " * 29 + "كتاب CANARY\r\n"),
    ],
)
def test_render_on_a_terminal(tmp_path, options, events, shown):
    document = tmp_path / "doc.txt"
    document.write_text("كتاب CANARY\n", encoding="utf-8")
    command = reader_command("render", "--width", "40", *options, str(document))
    with TmuxSession(command, env=environment_for_app(tmp_path)) as session:
        assert session.wait_for_exit() == 0
        raw = session.raw_output()
    assert mode_events(raw) == events
    assert shown in raw.decode("utf-8")


def test_reader_ctrl_z_suspends_and_resumes(reader_app):
    reader_app.send_keys("C-z")
    pid = reader_app.program_pid()
    reader_app.wait_for(lambda: _state(pid) == "T", what="the reader to stop")
    os.kill(pid, signal.SIGCONT)
    reader_app.wait_for_text("CANARY")
    reader_app.send_keys("q")
    assert reader_app.wait_for_exit() == 0
    assert mode_events(reader_app.raw_output()) == [
        "explicit", "alt-on", "implicit", "alt-off", "alt-on", "explicit", "alt-off", "implicit",
    ]
