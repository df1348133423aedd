"""The baseline for time to first paint: a Textual app with one Static and nothing else."""

from textual.app import App, ComposeResult
from textual.widgets import Static

READY = "minimal app ready"


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static(READY)


if __name__ == "__main__":
    MinimalApp().run()
