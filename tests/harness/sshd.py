"""A real OpenSSH server on 127.0.0.1, on a free port, with keys generated in a temp dir.

The client logs in as the user running the tests, with a key authorised only
for this server; nothing in ~/.ssh or /etc/ssh is read or changed.
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)
SSH = shutil.which("ssh")
SSH_KEYGEN = shutil.which("ssh-keygen")


def available() -> bool:
    # sshd must start as root to switch to the logged-in user.
    return bool(SSHD and SSH and SSH_KEYGEN) and os.geteuid() == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SshServer:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="reader-sshd-"))
        self.user = getpass.getuser()
        self.port = _free_port()
        host_key = self.dir / "host_ed25519"
        self.client_key = self.dir / "client_ed25519"
        for key in (host_key, self.client_key):
            subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        authorized = self.dir / "authorized_keys"
        authorized.write_text(self.client_key.with_suffix(".pub").read_text())
        config = self.dir / "sshd_config"
        config.write_text(
            f"Port {self.port}\n"
            "ListenAddress 127.0.0.1\n"
            f"HostKey {host_key}\n"
            f"PidFile {self.dir / 'sshd.pid'}\n"
            f"AuthorizedKeysFile {authorized}\n"
            # The temp dir sits in world-writable /tmp, which StrictModes refuses.
            "StrictModes no\n"
            "PubkeyAuthentication yes\n"
            "PasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\n"
            "UsePAM no\n"
            "PermitRootLogin prohibit-password\n"
            "AcceptEnv LANG LC_* NO_COLOR COLORTERM READER_* XDG_CONFIG_HOME\n"
            "PrintMotd no\n"
            "PrintLastLog no\n"
            "LogLevel ERROR\n",
            encoding="utf-8",
        )
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
        self.log = self.dir / "sshd.log"
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
        )
        self._wait_until_listening()

    def _wait_until_listening(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"sshd exited: {self.log.read_text(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("sshd did not start listening")

    def ssh_command(self, remote_command: list[str], *, send_env: tuple[str, ...] = ()) -> list[str]:
        """`ssh -tt` to this server running `remote_command` (quoted for the remote shell)."""
        return [
            SSH, "-tt",
            "-p", str(self.port),
            "-i", str(self.client_key),
            "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes",
            "-F", "/dev/null",
            *[arg for name in send_env for arg in ("-o", f"SendEnv={name}")],
            f"{self.user}@127.0.0.1",
            shlex.join(remote_command),
        ]

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> SshServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def processes_with_argument(argument: str) -> list[int]:
    """Ids of live processes one of whose arguments is exactly `argument`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if argument.encode() in arguments and state != "Z":
            found.append(int(entry.name))
    return found
