"""Every key of the reader, declared once: the footer, the `?` help screen and the command
palette are all generated from this list."""

from textual.binding import Binding

_SECTION_KEYS = [
    Binding(str(n), f"go_section({n})", f"Section {n}", show=False, id=f"section-{n}") for n in range(1, 10)
]

READER_BINDINGS: list[Binding] = [
    Binding("j,down", "line_down", "Line down", show=False, id="line-down"),
    Binding("k,up", "line_up", "Line up", show=False, id="line-up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="page-down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="page-up"),
    Binding("g,home", "go_top", "Top", show=False, id="top"),
    Binding("G,end", "go_bottom", "Bottom", show=False, id="bottom"),
    Binding("right_square_bracket", "next_section", "Next section", show=False, id="next-section"),
    Binding("left_square_bracket", "previous_section", "Previous section", show=False, id="previous-section"),
    *_SECTION_KEYS,
    Binding("s,f2", "toggle_sections", "Sections", id="sections"),
    Binding("quotation_mark,f3", "toggle_quotes", "Quotes", id="quotes"),
    Binding("e,f4", "toggle_glossary", "Glossary", id="glossary"),
    Binding("slash", "search", "Search", id="search"),
    Binding("n", "next_match", "Next match", show=False, id="next-match"),
    Binding("N", "previous_match", "Previous match", show=False, id="previous-match"),
    Binding("backspace", "jump_back", "Back", show=False, key_display="backspace", id="jump-back"),
    Binding("y", "copy", "Copy", show=False, id="copy"),
    Binding("plus", "wider", "Wider measure", show=False, id="wider"),
    Binding("minus", "narrower", "Narrower measure", show=False, id="narrower"),
    Binding("r", "toggle_related", "Related links on/off", show=False, id="related"),
    Binding("tab", "app.focus_next", "Next panel", show=False, id="focus-next"),
    Binding("shift+tab", "app.focus_previous", "Previous panel", show=False, id="focus-previous"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit_reader", "Quit", id="quit"),
    Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="suspend"),
]

# Longer wording for the help screen and the command palette, by binding id.
HELP_TEXT: dict[str, str] = {
    "line-down": "Scroll one line down",
    "line-up": "Scroll one line up",
    "page-down": "Scroll one page down",
    "page-up": "Scroll one page up",
    "top": "Go to the top of the document",
    "bottom": "Go to the end of the document",
    "next-section": "Go to the next section",
    "previous-section": "Go to the previous section",
    "sections": "Show or hide the sections sidebar (Enter in it jumps)",
    "quotes": "Show or hide quotes: highlighted in the text, listed with their speakers",
    "glossary": "Show or hide the glossary: entities, their mentions highlighted",
    "search": "Search (Enter keeps the hits, Escape cancels and clears)",
    "next-match": "Next search hit, else next mention of the selected entity, else next quote",
    "previous-match": "Previous search hit, mention or quote",
    "jump-back": "Back to where you were before the last jump",
    "copy": "Copy the current quote, or the paragraph at the top, as text",
    "wider": "Widen the reading measure",
    "narrower": "Narrow the reading measure",
    "related": "Show or hide related-article links",
    "focus-next": "Move focus to the next open panel (Enter in a panel jumps to its entry)",
    "focus-previous": "Move focus to the previous panel",
    "help": "Show this help",
    "quit": "Quit (also ctrl+q)",
    "suspend": "Suspend to the shell (fg brings the reader back)",
}


def keys_of(binding: Binding, key_display) -> str:
    """Every key of a binding as the user sees it ("j ↓"), key_display formatting each one."""
    if binding.key_display:
        return binding.key_display
    return " ".join(key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(","))


def help_rows(key_display) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding, the nine section keys folded into one row.

    key_display: formats one key name as shown to the user (the app's `get_key_display`)."""
    rows: list[tuple[str, str]] = []
    for binding in READER_BINDINGS:
        if binding in _SECTION_KEYS:
            if binding is _SECTION_KEYS[0]:
                rows.append(("1–9", "Go to section N"))
            continue
        rows.append((keys_of(binding, key_display), HELP_TEXT[binding.id]))
    return rows
