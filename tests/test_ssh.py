"""Over SSH, for real: sshd on 127.0.0.1, `ssh -tt … reader` in tmux, driven by keys.

The server side runs the same interpreter and package as the tests, as the
same user, with a key generated for this server only.
"""

import os
import re
import signal
import sys
import time

import pytest

from harness import sshd
from harness.sshd import SshServer, processes_with_argument
from harness.tmux import TmuxSession

pytestmark = pytest.mark.skipif(
    not (sshd.available() and os.path.exists("/usr/bin/tmux")),
    reason="needs tmux, openssh-server and root (sshd switches to the logged-in user)",
)

BOOK = "كتاب"
BOOK_ON_SCREEN = "\ufe8f\ufe8e\ufe98\ufedb"  # ﺏﺎﺘﻛ: kaf initial, teh medial, alef final, beh isolated; right to left
PARAGRAPHS = 60
MODE_EVENTS = re.compile(rb"\x1b\[(8[lh]|\?1049[hl])")


@pytest.fixture(scope="module")
def server():
    with SshServer() as running:
        yield running


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "over-ssh.txt"
    paragraphs = [f"{BOOK} CANARY"] + [f"فقرة رقم {n} line-{n:02}" for n in range(1, PARAGRAPHS + 1)]
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def remote_reader(server: SshServer, document, home) -> list[str]:
    # `env` execs the interpreter, so the document path is one of the remote process's arguments.
    return server.ssh_command([
        "env", "LANG=C.UTF-8", f"XDG_CONFIG_HOME={home}/config", f"XDG_STATE_HOME={home}/state",
        sys.executable, "-m", "reader", str(document),
    ])


@pytest.mark.parametrize("term", ["xterm-256color", "screen", "linux"])
def test_read_over_ssh(server, document, tmp_path, term):
    with TmuxSession(remote_reader(server, document, tmp_path), term=term, width=80, height=24) as session:
        screen = session.wait_for_text("CANARY", timeout=30)
        assert BOOK_ON_SCREEN in screen
        assert "line-60" not in screen
        session.send_keys("G")
        session.wait_for_text("line-60")
        session.send_keys("g")
        session.wait_for_text(BOOK_ON_SCREEN)
        session.type_text("ض")  # the q key with an Arabic layout
        assert session.wait_for_exit(timeout=20) == 0
        assert processes_with_argument(str(document)) == []
        events = [match.group(1) for match in MODE_EVENTS.finditer(session.raw_output())]
    # The terminal's bidi switched off before the first frame and back on after the last.
    assert events == [b"8l", b"?1049h", b"?1049l", b"8h"]


def test_killing_the_ssh_client_leaves_no_reader_behind(server, document, tmp_path):
    with TmuxSession(remote_reader(server, document, tmp_path), width=80, height=24) as session:
        session.wait_for_text("CANARY", timeout=30)
        assert len(processes_with_argument(str(document))) == 1  # the reader, on the server side
        os.kill(session.program_pid(), signal.SIGKILL)  # the ssh client
        deadline = time.monotonic() + 15
        while processes_with_argument(str(document)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_with_argument(str(document)) == []
