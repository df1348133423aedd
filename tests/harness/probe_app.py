"""A minimal Textual app wired to reader.terminal the way reader's app is: tests that module alone.

Keys: q quits, x raises an exception, ctrl+z suspends (ctrl+q is Textual's quit).
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.settings import Settings
from reader.terminal import explicit_bidi, install_app_hooks


class ProbeApp(App):
    BINDINGS = [("q", "quit"), ("x", "fail"), ("ctrl+z", "suspend_process")]

    def compose(self) -> ComposeResult:
        yield Static("probe ready")

    def on_mount(self) -> None:
        install_app_hooks(self, Settings())

    def action_fail(self) -> None:
        raise RuntimeError("probe failure")


if __name__ == "__main__":
    app = ProbeApp()
    with explicit_bidi(sys.__stderr__, Settings()):
        app.run()
    sys.exit(app.return_code or 0)
