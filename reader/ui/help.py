"""The `?` screen: every key, generated from the binding list."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.bindings import help_rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        rows = help_rows(self.app.get_key_display)
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys (Escape, q or ? closes this screen)"), classes="help-title")
            for keys, text in rows:
                with Horizontal(classes="help-row"):
                    yield Static(Content(keys), classes="help-keys")
                    yield Static(Content(text), classes="help-text")

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=step, animate=False)
