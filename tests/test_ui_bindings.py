"""The README's key table and the bindings say the same: every key the README names is bound
(or is one of the few keys that are not bindings, listed here), and every bound key is in the
README."""

import re
from pathlib import Path

from reader.ui.bindings import READER_BINDINGS

README = Path(__file__).resolve().parent.parent / "README.md"

# How the README writes a key → Textual's key name.
README_NAMES = {
    "↓": "down", "↑": "up", "PgDn": "pagedown", "PgUp": "pageup", "Home": "home", "End": "end",
    "]": "right_square_bracket", "[": "left_square_bracket", "F2": "f2", "F3": "f3", "F4": "f4", "F5": "f5", "F6": "f6", "F7": "f7",
    "'": "apostrophe",
    '"': "quotation_mark", "/": "slash", "Backspace": "backspace", "+": "plus", "-": "minus",
    "Tab": "tab", "shift+Tab": "shift+tab", "?": "question_mark",
}
# Keys the README names that are not the reader's bindings: typed into the search bar (Enter,
# Escape), a panel's own (Enter jumps), Textual's own (ctrl+q quits), `fg` (the shell's).
NOT_BINDINGS = {"Enter", "Escape", "ctrl+q", "fg"}


def readme_keys() -> set[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | action |"):].split("\n\n", 1)[0]  # up to the blank line after it
    rows = table.splitlines()[2:]
    assert rows, "the README's key table"
    keys: set[str] = set()
    for row in rows:
        keys.update(README_NAMES.get(key, key) for key in re.findall(r"`([^`]+)`", row) if key not in NOT_BINDINGS)
        if "`1`–`9`" in row:
            keys.update(str(n) for n in range(1, 10))
    return keys


def test_the_readme_key_table_names_exactly_the_bound_keys():
    bound = {key.strip() for binding in READER_BINDINGS for key in binding.key.split(",")}
    assert readme_keys() == bound


def test_every_binding_says_what_it_does_for_the_help_and_the_palette():
    assert all(binding.id and binding.description and binding.tooltip for binding in READER_BINDINGS)
