"""Every key of the reader, declared once: the footer (bindings with show=True), the `?` help
screen and the command palette are all generated from this list. `description` is the short
name, `tooltip` the sentence the help screen and the palette show; bindings of one `group`
share one row of the help screen (the section keys 1–9).

To add a key: a Binding here (with an id, a tooltip) and an `action_…` on ReaderScreen; the
README's key table names it too (tests/test_ui_bindings.py checks that they agree).
"""

from collections.abc import Callable

from textual.binding import Binding

_SECTIONS = Binding.Group("Go to section N")

READER_BINDINGS: list[Binding] = [
    Binding("j,down", "line_down", "Line down", show=False, id="line-down", tooltip="Scroll one line down"),
    Binding("k,up", "line_up", "Line up", show=False, id="line-up", tooltip="Scroll one line up"),
    Binding("space,pagedown", "page_down", "Page down", show=False, id="page-down",
            tooltip="Scroll one page down"),
    Binding("b,pageup", "page_up", "Page up", show=False, id="page-up", tooltip="Scroll one page up"),
    Binding("g,home", "go_top", "Top", show=False, id="top", tooltip="Go to the top of the document"),
    Binding("G,end", "go_bottom", "Bottom", show=False, id="bottom", tooltip="Go to the end of the document"),
    Binding("right_square_bracket", "next_section", "Next section", show=False, id="next-section",
            tooltip="Go to the next section"),
    Binding("left_square_bracket", "previous_section", "Previous section", show=False, id="previous-section",
            tooltip="Go to the previous section"),
    *(Binding(str(n), f"go_section({n})", f"Section {n}", show=False, id=f"section-{n}",
              tooltip=f"Go to section {n}", group=_SECTIONS) for n in range(1, 10)),
    Binding("s,f2", "toggle_sections", "Sections", id="sections",
            tooltip="Show or hide the sections sidebar (Enter in it jumps)"),
    Binding("quotation_mark,f3", "toggle_quotes", "Quotes", id="quotes",
            tooltip="Show or hide quotes: highlighted in the text, listed with their speakers"),
    Binding("e,f4", "toggle_glossary", "Glossary", id="glossary",
            tooltip="Show or hide the glossary: entities, their mentions highlighted"),
    Binding("slash", "search", "Search", id="search",
            tooltip="Search (Enter keeps the hits, Escape cancels and clears)"),
    Binding("n", "next_match", "Next match", show=False, id="next-match",
            tooltip="Next search hit, else next mention of the selected entity, else next quote"),
    Binding("N", "previous_match", "Previous match", show=False, id="previous-match",
            tooltip="Previous search hit, mention or quote"),
    Binding("backspace", "jump_back", "Back", show=False, key_display="backspace", id="jump-back",
            tooltip="Back to where you were before the last jump"),
    Binding("y", "copy", "Copy", show=False, id="copy",
            tooltip="Copy the current quote, or the paragraph at the top, as text"),
    Binding("v,f6", "start_selection", "Select", show=False, id="select",
            tooltip="Select: from the sentence at the top (or the current search hit, quote or mention)"),
    Binding("m,f7", "bookmark", "Bookmark", show=False, id="bookmark",
            tooltip="Bookmark the position at the top of the view (rename it in the marks panel)"),
    Binding("M,f5", "toggle_marks", "Marks", show=False, id="marks",
            tooltip="Show or hide the marks panel: highlights, notes and bookmarks in document order"),
    Binding("apostrophe", "show_bookmarks", "Bookmarks", show=False, id="bookmarks",
            tooltip="Open the marks panel at the bookmarks"),
    Binding("plus", "wider", "Wider measure", show=False, id="wider", tooltip="Widen the reading measure"),
    Binding("minus", "narrower", "Narrower measure", show=False, id="narrower",
            tooltip="Narrow the reading measure"),
    Binding("r", "toggle_related", "Related links on/off", show=False, id="related",
            tooltip="Show or hide related-article links"),
    Binding("tab", "app.focus_next", "Next panel", show=False, id="focus-next",
            tooltip="Move focus to the next open panel (Enter in a panel jumps to its entry)"),
    Binding("shift+tab", "app.focus_previous", "Previous panel", show=False, id="focus-previous",
            tooltip="Move focus to the previous panel"),
    Binding("question_mark", "help", "Help", id="help", tooltip="Show this help"),
    Binding("q", "quit_reader", "Quit", id="quit", tooltip="Quit (also ctrl+q)"),
    # In the footer after Quit: at 80 columns the footer is full, and q must stay in sight.
    Binding("f", "cycle_justify", "Justify", id="justify",
            tooltip="Justify body paragraphs: none, spaces, kashida (stretched letters), in turn"),
    Binding("ctrl+z", "app.suspend_process", "Suspend", show=False, id="suspend",
            tooltip="Suspend to the shell (fg brings the reader back)"),
]

# While a selection is on (reader.ui.selecting): the selection bar has the focus.
SELECTION_BINDINGS: list[Binding] = [
    Binding("w", "selection_word(1)", "Word+", id="selection-word-more",
            tooltip="Selection: one word more, in reading order"),
    Binding("W", "selection_word(-1)", "Word−", id="selection-word-less", tooltip="Selection: one word less"),
    Binding("right_parenthesis", "selection_sentence(1)", "Sentence+", key_display=")", id="selection-sentence-more",
            tooltip="Selection: one sentence more"),
    Binding("left_parenthesis", "selection_sentence(-1)", "Sentence−", key_display="(", id="selection-sentence-less",
            tooltip="Selection: one sentence less"),
    Binding("left", "selection_screen('left')", "On screen", show=False, key_display="← →", id="selection-left",
            tooltip="Selection: one character more or less on screen (← extends right-to-left text)"),
    Binding("right", "selection_screen('right')", "On screen", show=False, id="selection-right",
            tooltip="Selection: one character on screen, the other way"),
    Binding("h", "highlight", "Highlight", id="selection-highlight", tooltip="Selection: highlight it"),
    Binding("a", "annotate", "Note", id="selection-note",
            tooltip="Selection: highlight it with a note (Enter keeps the note, Escape drops it)"),
    Binding("y", "copy_selection", "Copy", id="selection-copy", tooltip="Selection: copy it as text"),
    Binding("escape", "cancel_selection", "Cancel", id="selection-cancel", tooltip="Selection: cancel"),
]

# In the marks panel (reader.ui.marks_panel), besides the list's own keys.
MARKS_PANEL_BINDINGS: list[Binding] = [
    Binding("d", "delete_mark", "Delete", id="marks-delete", tooltip="Marks panel: delete the mark"),
    Binding("u", "undo_delete", "Undo", id="marks-undo", tooltip="Marks panel: undo the last delete"),
    Binding("c", "next_colour", "Colour", id="marks-colour", tooltip="Marks panel: the highlight's next colour"),
    Binding("R", "edit_mark", "Rename/note", id="marks-edit",
            tooltip="Marks panel: rename the bookmark, or edit the highlight's note"),
]

_ONE_ROW_WITH_THE_ONE_BEFORE = {"selection-right"}  # ← → share one row of the help screen

KeyDisplay = Callable[[Binding], str]


def keys_of(binding: Binding, key_display: KeyDisplay) -> str:
    """Every key of a binding as the user sees it ("j ↓"), key_display formatting each one."""
    if binding.key_display:
        return binding.key_display
    return " ".join(key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(","))


def help_rows(key_display: KeyDisplay) -> list[tuple[str, str]]:
    """(keys, what they do) for every binding; a group is one row, its first key to its last.

    key_display: formats one key name as shown to the user (the app's `get_key_display`)."""
    rows: list[tuple[str, str]] = []
    for number, binding in enumerate(READER_BINDINGS):
        group = binding.group
        if group is None:
            rows.append((keys_of(binding, key_display), binding.tooltip))
        elif number == 0 or READER_BINDINGS[number - 1].group != group:
            members = [member for member in READER_BINDINGS if member.group == group]
            rows.append((f"{keys_of(members[0], key_display)}–{keys_of(members[-1], key_display)}",
                         group.description))
    rows += [(keys_of(binding, key_display), binding.tooltip) for binding in [*SELECTION_BINDINGS, *MARKS_PANEL_BINDINGS]
             if binding.id not in _ONE_ROW_WITH_THE_ONE_BEFORE]
    return rows
