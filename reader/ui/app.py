"""The reader app: settings, terminal modes and the reading screen (reader/ui/screen.py)."""

import gc
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from reader.document.loading import Analysis
from reader.document.model import Document
from reader.engine.sanitize import sanitize
from reader.keyboard import latin_key
from reader.settings import Settings
from reader.state import StateStore, default_state_dir
from reader.terminal import (
    app_returned,
    drop_size_variables,
    explicit_bidi,
    install_app_hooks,
    leave_if_threads_linger,
)
from reader.ui.article import DEFAULT_MEASURE
from reader.ui.bindings import READER_BINDINGS, keys_of
from reader.ui.drawing import TextOptions
from reader.ui.screen import ReaderScreen
from reader.ui.textual_adapter import guard_option_list_paging, key_name_of_character

BACKGROUND_TURN_SECONDS = 0.0005


class ReaderApp(App[int]):
    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    def __init__(
        self,
        document: Document,
        *,
        options: TextOptions = TextOptions(),
        settings: Settings | None = None,
        state_dir: Path | None = None,
        measure: int = DEFAULT_MEASURE,
        analyse: Analysis | None = None,
    ) -> None:
        """settings: the terminal-facing settings (signal hooks, keyboard layout); None in tests.
        analyse: returns the document with its quotes, entities and mentions (see
        reader.document.loading.open_document); run in the background after the first paint."""
        super().__init__()
        guard_option_list_paging()
        self.settings = settings
        self.reader_screen = ReaderScreen(
            document,
            options=options,
            positions=StateStore(state_dir or default_state_dir()),
            measure=measure,
            analyse=analyse,
        )

    def get_default_screen(self) -> Screen:
        return self.reader_screen

    def on_mount(self) -> None:
        if self.settings is not None:
            install_app_hooks(self, self.settings)
        self.call_after_refresh(gc.enable)  # off while starting (reader.cli.main)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Resize)):
            self.reader_screen.quiet.input()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The app's own actions (focus moves, suspend) follow the screen's rules; Textual's quit
        and command palette always act."""
        if action in ("quit", "command_palette"):
            return True
        return self.reader_screen.check_action(action, parameters)

    def on_key(self, event: events.Key) -> None:
        """A key no binding took. While searching it belongs to the query; otherwise, if an
        Arabic keyboard layout sent it, act as the Latin key at the same place (ض is q, س is s…).
        Here, not on the screen: the app handles keys (and runs their bindings) in the order they
        came, and a key typed right after / must find the search open."""
        if self.reader_screen.searching:
            if self.reader_screen.type_into_search(event):
                event.stop()
            return
        latin = latin_key(event.character, self.settings.keyboard if self.settings else "any")
        if latin is not None:
            event.stop()
            self.simulate_key(key_name_of_character(latin))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in READER_BINDINGS:
            keys = keys_of(binding, self.get_key_display)
            yield SystemCommand(binding.description, f"{binding.tooltip} ({keys})", self._runner(binding.action))

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.reader_screen.run_action(action)

        return run

    def remember_position(self) -> None:
        """Store where the reader was; called once the app has exited."""
        self.reader_screen.remember_position()


def run_app(document: Document, *, analyse: Analysis | None = None, base_dir: str = "auto",
            settings: Settings | None = None) -> int:
    """Run the reader on an opened document until the user quits; returns the exit code.
    analyse: see ReaderApp."""
    settings = settings or Settings()
    options = TextOptions(
        base_dir=base_dir, harakat=settings.harakat, shape=settings.app_shapes, reorder=settings.app_reorders,
        justify=settings.justify,
    )
    app = ReaderApp(document, options=options, settings=settings, analyse=analyse)
    drop_size_variables()
    # The background layout and analysis hold the interpreter in turns of this length; a key
    # press waits for the turn to end (5 ms by default, several times per frame).
    sys.setswitchinterval(BACKGROUND_TURN_SECONDS)
    # Everything alive now (modules, the document's text and structure) lives to the end: the
    # cyclic collector need not walk it again and again while the first frames are drawn.
    gc.freeze()
    with explicit_bidi(sys.__stderr__, settings):  # Textual draws on stderr
        app.run()
    app_returned()
    try:
        app.remember_position()
    except OSError as error:
        print(sanitize(f"reader: could not save the reading position: {error}"), file=sys.stderr)
    app.reader_screen.positions.prune()
    code = app.return_code or 0
    leave_if_threads_linger(code)
    return code
