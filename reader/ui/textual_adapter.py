"""The private Textual APIs the reader relies on, in one place, each with the reason.

Textual is pinned (pyproject.toml); when it is upgraded, this module is where to look first.
"""

from typing import Literal

from textual.keys import _character_to_key
from textual.widgets import Footer, OptionList


def key_name_of_character(character: str) -> str:
    """Textual's own name for the key that types `character` ("/" is "slash", not the Unicode
    name "solidus"): needed to replay a key from an Arabic keyboard layout as its Latin key."""
    return _character_to_key(character)


def guard_option_list_paging() -> None:
    """Textual 8.2.8 bug: PageDown (or PageUp) in an OptionList whose lines were not built yet
    (the command palette, within ~50 ms of ctrl+p) raises `KeyError: 0` from
    `OptionList._move_page` (its `_index_to_line` is filled by `_update_lines`, which runs at
    the next render), and the app dies. Build the lines first, as rendering would; with no size
    yet there is nothing to page through."""
    move_page = OptionList._move_page
    if getattr(move_page, "_reader_guarded", False):
        return

    def guarded_move_page(self: OptionList, direction: Literal[-1, 1]) -> None:
        self._update_lines()
        if (self.highlighted or 0) in self._index_to_line:
            move_page(self, direction)

    guarded_move_page._reader_guarded = True  # type: ignore[attr-defined]
    OptionList._move_page = guarded_move_page  # type: ignore[method-assign]


def compose_footer_at_once(footer: Footer) -> None:
    """Textual 8.2.8's Footer composes no key until the screen first announces its bindings,
    which it does only after the first frame: the footer would be drawn empty, then again with
    its keys. Its `_bindings_ready` says the bindings may be read now (the screen's are
    declared with it, before anything is drawn)."""
    footer.set_reactive(Footer._bindings_ready, True)
