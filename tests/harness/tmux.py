"""A program running in a real pty: tmux as the terminal, driven like a person would.

Each session has its own tmux server (socket in a temp dir), so tests never
touch the user's tmux. The program waits on a gate until `pipe-pane` is in
place, so the raw byte log holds everything it wrote, from its first byte.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TMUX = shutil.which("tmux")


class TmuxSession:
    def __init__(
        self,
        command: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        term: str = "xterm-256color",
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="reader-tmux-"))
        self.socket = self.dir / "socket"
        self.raw_log = self.dir / "pty-output.bin"
        self._gate = self.dir / "go"
        config = self.dir / "tmux.conf"
        config.write_text(
            f'set -g default-terminal "{term}"\n'
            "set -g remain-on-exit on\n"
            "set -g status off\n"
            "set -g history-limit 0\n",
            encoding="utf-8",
        )
        self._status_file = self.dir / "exit-status"
        # tmux 3.3 does not always report #{pane_dead_status}: the wrapper records it.
        # COLUMNS/LINES (pytest exports them) would override the pty's size in
        # shutil.get_terminal_size, which Textual uses: the pane's size must rule.
        gated = (
            "unset COLUMNS LINES; "
            f"while [ ! -e {shlex.quote(str(self._gate))} ]; do sleep 0.01; done; "
            f"{shlex.join(command)}; echo $? > {shlex.quote(str(self._status_file))}"
        )
        env_args = [arg for name, value in (env or {}).items() for arg in ("-e", f"{name}={value}")]
        self._tmux(
            "-f", str(config), "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
            *(["-c", str(cwd)] if cwd else []), *env_args, "sh", "-c", gated,
        )
        # Resizing the window later must reach the pane: the window follows the latest client size.
        self._tmux("set-option", "-t", "main", "window-size", "manual")
        self.initial_title = self.title()
        self._tmux("pipe-pane", "-O", "-t", "main", f"cat > {shlex.quote(str(self.raw_log))}")
        self._gate.touch()

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(
            [TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, timeout=10
        )
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def send_keys(self, *keys: str) -> None:
        """tmux key names: "q", "C-q", "Escape", "Enter", "Down"…"""
        for key in keys:
            self._tmux("send-keys", "-t", "main", key)
            if key == "Escape":
                # ESC followed at once by a key reads as alt+key: pause as a person would.
                time.sleep(0.3)

    def type_text(self, text: str) -> None:
        """Send characters literally (an Arabic layout sends characters, not key names)."""
        self._tmux("send-keys", "-t", "main", "-l", text)

    def screen(self, *, attributes: bool = False) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main", *(["-e"] if attributes else []))

    def settled_screen(self, quiet: float = 0.4, timeout: float = 10.0) -> str:
        """The screen once it has not changed for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        screen, since = self.screen(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            current = self.screen()
            if current != screen:
                screen, since = current, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return screen

    def title(self) -> str:
        return self._tmux("display-message", "-p", "-t", "main", "#{pane_title}").rstrip("\n")

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def program_pid(self) -> int | None:
        """The program's process id (the wrapper shell's child) while it runs."""
        wrapper = int(self._tmux("display-message", "-p", "-t", "main", "#{pane_pid}"))
        try:
            children = Path(f"/proc/{wrapper}/task/{wrapper}/children").read_text().split()
        except OSError:
            return None
        return int(children[0]) if children else None

    def exit_status(self) -> int | None:
        """The program's exit status once it ended (128+N when killed by signal N), else None."""
        try:
            return int(self._status_file.read_text())
        except (OSError, ValueError):
            return None

    def wait_for(self, predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> object:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout}s for {what or predicate}; screen:\n{self.screen()}")
            time.sleep(0.05)

    def wait_for_screen(self, predicate: Callable[[str], object], what: str, timeout: float = 15.0) -> str:
        """The screen once `predicate` holds for it."""
        found: list[str] = []

        def holds() -> bool:
            screen = self.screen()
            found[:] = [screen]
            return bool(predicate(screen))

        self.wait_for(holds, timeout, what)
        return found[0]

    def type_and_wait_for_change(self, text: str, timeout: float = 10.0) -> str:
        """Type `text` and wait until the screen answers it (a key that changes nothing would time out)."""
        before = self.screen()
        self.type_text(text)
        return self.wait_for_screen(lambda screen: screen != before, f"the screen to answer {text!r}", timeout)

    def wait_for_text(self, text: str, timeout: float = 10.0) -> str:
        return self.wait_for(lambda: text in (screen := self.screen()) and screen, timeout, repr(text))

    def wait_for_exit(self, timeout: float = 10.0) -> int:
        self.wait_for(lambda: self.exit_status() is not None, timeout, "the program to exit")
        return self.exit_status()

    def raw_output(self, quiet: float = 0.3, timeout: float = 10.0) -> bytes:
        """Every byte the program wrote to the pty so far.

        tmux hands the bytes to pipe-pane's `cat` asynchronously: wait until the
        log has not grown for `quiet` seconds.
        """
        deadline = time.monotonic() + timeout
        size, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            current = self.raw_log.stat().st_size if self.raw_log.exists() else 0
            if current != size:
                size, since = current, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
            time.sleep(0.02)
        return self.raw_log.read_bytes() if self.raw_log.exists() else b""

    def close(self) -> None:
        with_timeout = {"capture_output": True, "timeout": 10}
        subprocess.run([TMUX, "-S", str(self.socket), "kill-server"], **with_timeout)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TmuxSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


SCRIPTS = Path(sys.executable).parent  # the console scripts installed with the interpreter running the tests
SHELL_PROMPT = "ready$ "


def interactive_shell(home: Path, width: int, height: int) -> TmuxSession:
    """An interactive shell in a clean environment (HOME, config and state in `home`) whose PATH
    finds the installed `reader` first, at its prompt: a user's terminal, to type commands into."""
    env = {
        "PATH": f"{SCRIPTS}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PS1": SHELL_PROMPT,
    }
    session = TmuxSession(["env", "-i", *(f"{name}={value}" for name, value in env.items()), "sh", "-i"],
                          width=width, height=height)
    session.wait_for_screen(lambda screen: SHELL_PROMPT.rstrip() in screen, "the shell prompt")
    return session


def reader_command(*args: str) -> list[str]:
    """The installed reader, run by the interpreter running the tests."""
    return [sys.executable, "-m", "reader", *args]


def environment_for_app(home: Path, **extra: str) -> dict[str, str]:
    """Environment that makes runs repeatable: UTF-8, config and state in `home`, not the user's."""
    env = {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    env.update(extra)
    return env
