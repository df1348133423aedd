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
    Binding("v,f6", "start_selection", "Select", show=False, id="select"),
    Binding("m,f7", "bookmark", "Bookmark", show=False, id="bookmark"),
    Binding("M,f5", "toggle_marks", "Marks", show=False, id="marks"),
    Binding("apostrophe", "show_bookmarks", "Bookmarks", show=False, id="bookmarks"),
    Binding("plus", "wider", "Wider measure", show=False, id="wider"),
    Binding("minus", "narrower", "Narrower measure", show=False, id="narrower"),
    Binding("r", "toggle_related", "Related links on/off", show=False, id="related"),
    Binding("tab", "app.focus_next", "Next panel", show=False, id="focus-next"),
    Binding("shift+tab", "app.focus_previous", "Previous panel", show=False, id="focus-previous"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit_reader", "Quit", id="quit"),
    # In the footer after Quit: at 80 columns the footer is full, and q must stay in sight.
    Binding("f", "cycle_justify", "Justify", id="justify"),
    Binding("ctrl+z", "suspend_process", "Suspend", show=False, id="suspend"),
]

# While a selection is on (reader.ui.selecting): the selection bar has the focus.
SELECTION_BINDINGS: list[Binding] = [
    Binding("w", "selection_word(1)", "Word+", id="selection-word-more"),
    Binding("W", "selection_word(-1)", "Word−", id="selection-word-less"),
    Binding("right_parenthesis", "selection_sentence(1)", "Sentence+", key_display=")", id="selection-sentence-more"),
    Binding("left_parenthesis", "selection_sentence(-1)", "Sentence−", key_display="(", id="selection-sentence-less"),
    Binding("left", "selection_screen('left')", "On screen", show=False, key_display="← →", id="selection-left"),
    Binding("right", "selection_screen('right')", "On screen", show=False, id="selection-right"),
    Binding("h", "highlight", "Highlight", id="selection-highlight"),
    Binding("a", "annotate", "Note", id="selection-note"),
    Binding("y", "copy_selection", "Copy", id="selection-copy"),
    Binding("escape", "cancel_selection", "Cancel", id="selection-cancel"),
]

# In the marks panel (reader.ui.marks_panel), besides the list's own keys.
MARKS_PANEL_BINDINGS: list[Binding] = [
    Binding("d", "delete_mark", "Delete", id="marks-delete"),
    Binding("u", "undo_delete", "Undo", id="marks-undo"),
    Binding("c", "next_colour", "Colour", id="marks-colour"),
    Binding("R", "edit_mark", "Rename/note", id="marks-edit"),
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
    "select": "Select: from the sentence at the top (or the current search hit, quote or mention)",
    "bookmark": "Bookmark the position at the top of the view (rename it in the marks panel)",
    "marks": "Show or hide the marks panel: highlights, notes and bookmarks in document order",
    "bookmarks": "Open the marks panel at the bookmarks",
    "selection-word-more": "Selection: one word more, in reading order",
    "selection-word-less": "Selection: one word less",
    "selection-sentence-more": "Selection: one sentence more",
    "selection-sentence-less": "Selection: one sentence less",
    "selection-left": "Selection: one character more or less on screen (← extends right-to-left text)",
    "selection-right": "Selection: one character on screen, the other way",
    "selection-highlight": "Selection: highlight it",
    "selection-note": "Selection: highlight it with a note (Enter keeps the note, Escape drops it)",
    "selection-copy": "Selection: copy it as text",
    "selection-cancel": "Selection: cancel",
    "marks-delete": "Marks panel: delete the mark",
    "marks-undo": "Marks panel: undo the last delete",
    "marks-colour": "Marks panel: the highlight's next colour",
    "marks-edit": "Marks panel: rename the bookmark, or edit the highlight's note",
    "wider": "Widen the reading measure",
    "narrower": "Narrow the reading measure",
    "related": "Show or hide related-article links",
    "justify": "Justify body paragraphs: none, spaces, kashida (stretched letters), in turn",
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
    for binding in [*READER_BINDINGS, *SELECTION_BINDINGS, *MARKS_PANEL_BINDINGS]:
        if binding.id == "selection-right":  # one row for ← →
            continue
        if binding in _SECTION_KEYS:
            if binding is _SECTION_KEYS[0]:
                rows.append(("1–9", "Go to section N"))
            continue
        rows.append((keys_of(binding, key_display), HELP_TEXT[binding.id]))
    return rows
