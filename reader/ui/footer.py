"""The footer: Textual's, drawn complete in the first frame and composed again only when what
it shows changes."""

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from reader.ui.textual_adapter import compose_footer_at_once


class ReaderFooter(Footer):
    """Textual's Footer composes its keys a frame after the first (when the screen announces its
    bindings) and again whenever the bindings are announced, such as on every change of focus,
    even when the keys shown are the same: each time the footer, or more, is drawn again. This
    one composes them with the screen, and again only when the keys, their states or the
    footer's own settings (compact, the palette's key) changed."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        compose_footer_at_once(self)
        self._composed: tuple[object, ...] | None = None  # what the keys were composed from

    def _shows(self) -> tuple[object, ...]:
        """What the keys are composed from (as Footer.compose reads it): the shown bindings and
        the palette's, with their states."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple((key, binding.key, binding.description, binding.action, enabled, tooltip)
                         for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                         if binding.show or key == palette)
        return self.compact, self.show_command_palette, bindings

    def compose(self) -> ComposeResult:
        self._composed = self._shows()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and self._composed == self._shows():
            return
        super().bindings_changed(screen)
