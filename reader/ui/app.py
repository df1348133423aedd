"""The reader app: the article, the sections sidebar, quotes, glossary and search, by keyboard."""

import gc
import sys
import threading
import time
from bisect import bisect_right
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.document.loading import Analysis
from reader.document.model import BlockKind, Document
from reader.engine.sanitize import clipboard_text, sanitize
from reader.keyboard import latin_key
from reader.saved_marks import DocumentMarks
from reader.settings import JUSTIFY_MODES, Settings
from reader.state import DocumentKey, StateStore, default_state_dir
from reader.terminal import drop_size_variables, explicit_bidi, install_app_hooks
from reader.ui.article import DEFAULT_MEASURE, MEASURE_STEP, ArticleView
from reader.ui.bindings import HELP_TEXT, READER_BINDINGS, keys_of
from reader.ui.drawing import TextOptions
from reader.ui.entry_list import Entry, EntryList, Field
from reader.ui.help import HelpScreen
from reader.ui.highlights import Highlights
from reader.ui.marking import Marking
from reader.ui.marks_panel import MarksPanel
from reader.ui.note_box import NoteBox
from reader.ui.panels import (
    glossary_entries,
    quote_entries,
    section_entries,
    top_sections,
)
from reader.ui.quiet import InputQuiet
from reader.ui.search import SearchHits, SearchIndex
from reader.ui.selecting import SelectionBar
from reader.ui.status import SearchField, StatusLine

HISTORY_LIMIT = 100
BACKGROUND_TURN_SECONDS = 0.0005
COPY_EXCERPT_CELLS = 30  # how much of the copied text the notice shows
NARROW_WIDTH = 70  # below this the article needs the whole width
SEARCH_BATCH_SECONDS = 0.1  # how often a search under way shows its new hits


class ReaderApp(Marking, App[int]):
    CSS_PATH = "reader.tcss"
    BINDINGS = READER_BINDINGS
    TITLE = "reader"
    POSITION_SAVE_SECONDS = 5.0  # the reading position is also written while reading: a kill -9 loses little

    def __init__(
        self,
        document,
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
        self.document = document
        self._analyse = analyse
        self.options = options
        self.settings = settings
        self.texts = [block.text for block in document.blocks]
        self.kinds = [block.kind for block in document.blocks]
        self._measure = measure
        self.positions = StateStore(state_dir or default_state_dir())
        self.document_key = DocumentKey.of(document.source, self.texts)
        self.entity_types = {entity.id: entity.type for entity in document.entities}
        self.section_starts = [section.start_block for section in document.sections]
        self.search_index = SearchIndex(self.texts)
        self.history: list[tuple[int, int]] = []
        self.hits = SearchHits((0, 0))
        self.quiet = InputQuiet()  # background work pauses for a moment after each input
        self.current_quote: int | None = None
        self.current_mention: int | None = None
        self._search_anchor: tuple[int, int] | None = None
        self._last_anchor: tuple[int, int] | None = None
        self._saved_anchor: tuple[int, int] | None = None
        self.marks = DocumentMarks(self.positions, self.document_key, self.texts)

    # -- structure ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine(self.options, id="status")
        with Horizontal(id="main"):
            yield ArticleView(
                self.texts,
                self.kinds,
                _links(self.document),
                self.options,
                measure=self._measure,
                quiet=self.quiet,
                id="article",
                directions=_directions(self.document),
                marked=_marked(self.document),
            )
            yield EntryList(self.options, id="sections")
            yield MarksPanel(self.options, id="marks")
        with Horizontal(id="aids"):
            yield EntryList(self.options, id="quotes")
            yield EntryList(self.options, id="glossary")
        with Vertical(id="search-bar"):
            yield SearchField(
                self.options,
                on_change=self._search_changed,
                on_submit=self._search_submitted,
                on_cancel=self._search_cancelled,
                id="search",
            )
        with Vertical(id="selection-row"):
            yield SelectionBar(self.options)
        with Vertical(id="note-bar"):
            yield NoteBox(self.options)
        yield Footer()

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def panel(self, name: str) -> EntryList:
        return self.query_one(f"#{name}", EntryList)

    @property
    def search_field(self) -> SearchField:
        return self.query_one("#search", SearchField)

    def on_resize(self, event: events.Resize) -> None:
        # One column in narrow terminals, and where the terminal reorders each row as one
        # paragraph (--bidi terminal: Arabic in two panels on one row could swap sides).
        one_column = event.size.width < NARROW_WIDTH or not self.options.reorder
        self.screen.set_class(one_column, "-narrow")

    def on_mount(self) -> None:
        if self.settings is not None:
            install_app_hooks(self, self.settings)
        self.panel("sections").set_entries(section_entries(self.document))
        if self._analyse is None:
            self.panel("quotes").set_entries(quote_entries(self.document))
            self.panel("glossary").set_entries(glossary_entries(self.document))
        else:  # filled in by _analysed
            for name in ("quotes", "glossary"):
                self.panel(name).set_entries([Entry((Field("Finding quotes and names…", base_dir="ltr"),))])
        for name in ("sections", "quotes", "glossary", "marks"):
            self.panel(name).display = False
        for bar in ("#aids", "#search-bar", "#selection-row", "#note-bar"):
            self.query_one(bar).display = False
        self.article.focus()
        self.watch(self.article, "scroll_y", self._scrolled)
        for notice in self.document.notices:  # the document's words: text, never markup
            self.notify(sanitize(notice), severity="warning", timeout=10, markup=False)
        resume = self.positions.recall(self.document_key, self.texts)
        if resume is not None:
            self.call_after_refresh(self.article.go_to, *resume)
        if self.positions.notice:  # it names a path: text, never markup
            self.notify(sanitize(self.positions.notice), severity="warning", timeout=8, markup=False)
        self.call_after_refresh(self._refresh_highlights)  # the reader's marks, from the start
        self.set_interval(self.POSITION_SAVE_SECONDS, self._remember_position_while_reading)
        if self._analyse is not None:
            # A daemon thread, not a Textual worker: the analysis cannot stop half way, and
            # quitting must not wait for it (the executor behind thread workers is joined at exit).
            analysis = threading.Thread(target=self._analyse_document, args=(self._analyse,), daemon=True)
            self.call_after_refresh(analysis.start)

    def _analyse_document(self, analyse: Analysis) -> None:
        try:
            document = analyse(partial(self.call_from_thread, self._names_found), pause=self.quiet.wait)
            self.call_from_thread(self._analysed, document)
        except (RuntimeError, NoMatches):  # the app has exited, or is taking its widgets down
            return
        self.search_index.prepare()

    def _names_found(self, document: Document) -> None:
        """The names found so far (the analysis goes on): the glossary and its counts grow.
        Or, first, the whole document when only its start was opened (a book's preview)."""
        if document.blocks is not self.document.blocks:
            self._whole_document(document)
            return
        self.document = document
        self.entity_types = {entity.id: entity.type for entity in document.entities}
        self.panel("glossary").set_entries(glossary_entries(document))
        if self.panel("glossary").display:
            self._refresh_highlights()

    def _whole_document(self, document: Document) -> None:
        """All the blocks, where the app opened with a book's first ones (the same, numbered alike)."""
        self.document = document
        self.texts = [block.text for block in document.blocks]
        self.kinds = [block.kind for block in document.blocks]
        self.document_key = DocumentKey.of(document.source, self.texts)
        self.section_starts = [section.start_block for section in document.sections]
        self.search_index = SearchIndex(self.texts)
        self.article.set_blocks(self.texts, self.kinds, _links(document), _directions(document), _marked(document))
        self.panel("sections").set_entries(section_entries(document))
        self.marks.moved_to(self.document_key, self.texts)
        self._marks_changed()
        resume = self.positions.recall(self.document_key, self.texts)
        if resume is not None and self.article.anchor() == (0, 0):  # not if the reader has moved
            self.article.go_to(*resume)
        self._scrolled()

    def _analysed(self, document: Document) -> None:
        """Quotes, entities and mentions are found: fill the panels and the highlights."""
        self._analyse = None
        self.document = document
        self.entity_types = {entity.id: entity.type for entity in document.entities}
        self.section_starts = [section.start_block for section in document.sections]
        self.panel("quotes").set_entries(quote_entries(document))
        self.panel("glossary").set_entries(glossary_entries(document))
        self._refresh_highlights()

    def on_article_view_reflowed(self, message: ArticleView.Reflowed) -> None:
        self._scrolled()

    def _scrolled(self, _value: float | None = None) -> None:
        article = self.article
        self._last_anchor = article.anchor()
        section = self.current_section()
        sections = self.panel("sections")
        sections.mark(section)
        if not sections.has_focus and section != sections.cursor:
            sections.move_cursor(section)  # the list follows the reading, unless the reader is in it
        parts = [f"{article.percent}%"]
        if self.hits:
            parts.append(f"{self.current_hit + 1}/{len(self.hits)}" if self.current_hit is not None else f"{len(self.hits)} hits")
        elif self.search_field.query and self.query_one("#search-bar").display:
            parts.append("0/0")
        if article.layout_progress < 1:
            parts.append(f"laying out {int(article.layout_progress * 100)}%")
        if self._analyse is not None:
            parts.append("finding quotes…")
        title = self.document.title or ""
        if self.document.masthead:  # site, byline, date: pages and books only
            title = f"{title} · {self.document.masthead}"
        place = title
        if section is not None and section > 0:
            place = f"{title} — {self.document.sections[section].title}"
        self.query_one(StatusLine).show(place, "  ".join(parts))

    def remember_position(self) -> None:
        """Store where the reader was; called once the app has exited, and while reading."""
        if self._last_anchor is not None and self._last_anchor != self._saved_anchor:
            self.positions.remember(self.document_key, self.texts, *self._last_anchor)
            self._saved_anchor = self._last_anchor

    def _remember_position_while_reading(self) -> None:
        try:
            self.remember_position()
        except OSError:
            pass  # said once, at exit (run_app), not every few seconds

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        for binding in READER_BINDINGS:
            keys = keys_of(binding, self.get_key_display)
            yield SystemCommand(binding.description, f"{HELP_TEXT.get(binding.id, binding.description)} ({keys})",
                                self._runner(binding.action))

    def _runner(self, action: str):
        async def run() -> None:
            await self.run_action(action)

        return run

    @property
    def searching(self) -> bool:
        return bool(self.query_one("#search-bar").display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the search box is open the keys are typed into it (Enter or Escape close it):
        # only Textual's own ctrl+q and command palette stay bound.
        if self.searching and action not in ("quit", "command_palette"):
            return False
        return self.marking_allows(action)

    def action_quit_reader(self) -> None:
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Resize)):
            self.quiet.input()
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key no binding took (while searching, none does): it belongs to the query. Otherwise, if an
        Arabic keyboard layout sent it, act as the Latin key at the same place (ض is q, س is s…)."""
        if self.searching:
            if self.search_field.type_key(event):
                event.stop()
            return
        latin = latin_key(event.character, self.settings.keyboard if self.settings else "any")
        if latin is not None:
            event.stop()
            # Textual's own character → key name ("/" is "slash", not the Unicode name "solidus").
            self.simulate_key(_character_to_key(latin))

    # -- highlights --------------------------------------------------------------------------

    def _refresh_highlights(self) -> None:
        """Mentions (glossary shown), quotes (quotes shown), the reader's highlights, search hits,
        the current one, the selection."""
        self.article.set_spans(
            Highlights(
                mentions=self.document.mentions if self.panel("glossary").display else (),
                entity_types=self.entity_types,
                quotes=self.document.quotes if self.panel("quotes").display else (),
                hits=self.hits,
                current=self._current_span(),
                marks=self.marks.shown,
                selection=self.selection,
            )
        )
        self._scrolled()

    @property
    def current_hit(self) -> int | None:
        return self.hits.current

    @current_hit.setter
    def current_hit(self, number: int | None) -> None:
        self.hits.current = number

    def _current_span(self) -> tuple[int, int, int] | None:
        if self.current_hit is not None and self.hits:
            return self.hits[self.current_hit]
        if self.current_mention is not None and self.panel("glossary").display:
            mention = self.document.mentions[self.current_mention]
            return mention.paragraph, mention.start, mention.end
        if self.current_quote is not None:
            quote = self.document.quotes[self.current_quote]
            return quote.paragraph, quote.start, quote.end
        return None

    # -- jumps -------------------------------------------------------------------------------

    def _remember(self, anchor: tuple[int, int]) -> None:
        """Where we were before a jump, for Backspace."""
        self.history.append(anchor)
        del self.history[:-HISTORY_LIMIT]

    def jump(self, block: int, offset: int = 0, *, top: bool = True) -> None:
        self._remember(self.article.anchor())
        self.article.go_to(block, offset, top=top)

    def action_jump_back(self) -> None:
        if not self.history:
            self.notify("No earlier position to go back to")
            return
        self.article.go_to(*self.history.pop())

    def current_section(self) -> int | None:
        sections = self.document.sections
        if not sections:
            return None
        return max(0, bisect_right(self.section_starts, self.article.top_block) - 1)

    def _section_target(self, number: int) -> int:
        section = self.document.sections[number]
        return section.heading_block if section.heading_block is not None else section.start_block

    def action_go_section(self, number: int) -> None:
        top = top_sections(self.document)  # 1–9: the top level of a book's nested contents
        if not 1 <= number <= len(top):
            self.notify(f"There is no section {number} (this document has {len(top)})")
            return
        self.jump(self._section_target(top[number - 1]))

    def action_next_section(self) -> None:
        current = self.current_section()
        if current is None or current + 1 >= len(self.document.sections):
            self.notify("This is the last section")
            return
        self.jump(self._section_target(current + 1))

    def action_previous_section(self) -> None:
        current = self.current_section()
        if current is None:
            return
        # Within a section, go to its start first; at its start, to the section before.
        at_start = self.article.rows.row_of(self._section_target(current), 0) >= round(self.article.scroll_y)
        if at_start:
            if current == 0:
                self.notify("This is the first section")
                return
            current -= 1
        self.jump(self._section_target(current))

    # -- scrolling ---------------------------------------------------------------------------

    def action_line_down(self) -> None:
        self.article.scroll_relative(y=1, animate=False, immediate=True)

    def action_line_up(self) -> None:
        self.article.scroll_relative(y=-1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.article.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.article.scroll_page_up(animate=False)

    def action_go_top(self) -> None:
        self.jump(0)

    def action_go_bottom(self) -> None:
        self._remember(self.article.anchor())
        self.article.go_end()

    def action_cycle_justify(self) -> None:
        modes = JUSTIFY_MODES
        mode = modes[(modes.index(self.article.justify) + 1) % len(modes)]
        self.article.set_justify(mode)
        spaces = mode == "kashida" and not (self.options.shape and self.options.reorder)
        self.notify(f"Justified: {mode}" + (" (drawn as spaces: the terminal joins the letters)" if spaces else ""),
                    timeout=2)

    def action_wider(self) -> None:
        self.article.set_measure(self.article.measure + MEASURE_STEP)
        self.notify(f"Reading measure: {self.article.measure} columns", timeout=2)

    def action_narrower(self) -> None:
        self.article.set_measure(self.article.measure - MEASURE_STEP)
        self.notify(f"Reading measure: {self.article.measure} columns", timeout=2)

    def action_toggle_related(self) -> None:
        hidden = self.article.hidden_kinds ^ {BlockKind.RELATED}
        self.article.set_hidden_kinds(frozenset(hidden))
        self.notify("Related links hidden" if hidden else "Related links shown", timeout=2)

    # -- panels ------------------------------------------------------------------------------

    def _toggle(self, name: str) -> bool:
        panel = self.panel(name)
        panel.display = not panel.display
        if panel.display and self.screen.has_class("-narrow"):
            # Overlays share the lower half: the sections or the marks replace quotes and
            # glossary, and back.
            sidebars = ("sections", "marks")
            others = tuple(n for n in ("quotes", "glossary", *sidebars) if n != name and (n in sidebars or name in sidebars))
            for other in others:
                self.panel(other).display = False
                if self.panel(other).has_focus:
                    self.screen.set_focus(self.article)
        if not panel.display and panel.has_focus:
            self.screen.set_focus(self.article)
        aids = self.query_one("#aids")
        aids.display = self.panel("quotes").display or self.panel("glossary").display
        aids.set_class(self.panel("quotes").display and self.panel("glossary").display, "-both")
        return panel.display

    def action_toggle_sections(self) -> None:
        self._toggle("sections")
        self._scrolled()

    def action_toggle_quotes(self) -> None:
        self._toggle("quotes")
        self._refresh_highlights()

    def action_toggle_glossary(self) -> None:
        if not self._toggle("glossary"):
            self.current_mention = None
        self._refresh_highlights()

    def on_entry_list_chosen(self, message: EntryList.Chosen) -> None:
        name = message.entry_list.id
        if name == "sections":
            self.jump(self._section_target(message.target))
        elif name == "quotes":
            self._go_quote(message.target)
        elif name == "marks":
            self.go_to_mark(message.target)
        elif name == "glossary":
            mentions = self._mentions_of(message.target)
            if not mentions:
                self.notify("No mention of this entity in the text")
                return
            self._go_mention(mentions[0])

    def _go_quote(self, number: int) -> None:
        self.current_quote = number
        quote = self.document.quotes[number]
        self.jump(quote.paragraph, quote.start, top=False)
        self._refresh_highlights()

    def _go_mention(self, number: int) -> None:
        self.current_mention = number
        mention = self.document.mentions[number]
        self.jump(mention.paragraph, mention.start, top=False)
        self._refresh_highlights()

    def _mentions_of(self, entity_id: str) -> list[int]:
        return sorted(
            (n for n, mention in enumerate(self.document.mentions) if mention.entity_id == entity_id),
            key=lambda n: (self.document.mentions[n].paragraph, self.document.mentions[n].start),
        )

    # -- n / N -------------------------------------------------------------------------------

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if self.hits:
            if self.current_hit is None:
                self.current_hit = 0 if step > 0 else len(self.hits) - 1
            else:
                self.current_hit = (self.current_hit + step) % len(self.hits)
            block, start, _ = self.hits[self.current_hit]
            self.jump(block, start, top=False)
            self._refresh_highlights()
            return
        entity = self.panel("glossary").target if self.panel("glossary").display else None
        if entity is not None:
            mentions = self._mentions_of(entity)
            if mentions:
                here = mentions.index(self.current_mention) if self.current_mention in mentions else -1
                if here < 0:
                    here = 0 if step > 0 else len(mentions) - 1
                else:
                    here = (here + step) % len(mentions)
                self._go_mention(mentions[here])
                return
        quotes = self.document.quotes
        if not quotes:
            self.notify("Nothing to move to: no search hits, mentions or quotes")
            return
        if self.current_quote is None:
            self._go_quote(0 if step > 0 else len(quotes) - 1)
        else:
            self._go_quote((self.current_quote + step) % len(quotes))

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self._search_anchor = self.article.anchor()
        self.query_one("#search-bar").display = True
        # Keys reach the app's on_key through the article; a panel's own bindings would take them.
        self.screen.set_focus(self.article)
        self._scrolled()

    def _search_changed(self, query: str) -> None:
        """Search in a worker, from the reading position on: the first hit is shown as soon as it
        is found and the count grows as the rest come in; a new query drops the search under way."""
        self.hits = SearchHits(self._search_anchor or (0, 0))
        if query.strip():
            self.run_worker(partial(self._search, query, self.hits), thread=True, exclusive=True, group="search")
        else:
            self.workers.cancel_group(self, "search")
            self.hits.finish()
        self._show_search_count()
        self._refresh_highlights()

    def _search(self, query: str, hits: SearchHits) -> None:
        """In a worker thread: hand the hits to the app a batch at a time, the first at once."""
        worker = get_current_worker()
        batch: list[list[tuple[int, int, int]]] = []
        handed = None
        for block_hits in self.search_index.find_from(query, hits.anchor[0]):
            if worker.is_cancelled:
                return
            batch.append(block_hits)
            if handed is None or time.monotonic() - handed >= SEARCH_BATCH_SECONDS:
                self.call_from_thread(self._add_hits, hits, batch, False)
                batch, handed = [], time.monotonic()
        if not worker.is_cancelled:
            self.call_from_thread(self._add_hits, hits, batch, True)

    def _add_hits(self, hits: SearchHits, batch: list[list[tuple[int, int, int]]], complete: bool) -> None:
        if hits is not self.hits:  # hits of a query since replaced
            return
        had_current = hits.current is not None
        for block_hits in batch:
            hits.add(block_hits)
        if complete:
            hits.finish()
        if not had_current and hits.current is not None:
            block, start, _ = hits[hits.current]
            self.article.go_to(block, start, top=False)
        self._show_search_count()
        self._refresh_highlights()

    def _show_search_count(self) -> None:
        """n/total after the query, with … while the search goes on."""
        hits = self.hits
        if not self.search_field.query.strip():
            count = ""
        elif hits.current is not None:
            count = f"{hits.current + 1}/{len(hits)}"
        else:
            count = f"0/{len(hits)}"
        self.search_field.set_count(count if hits.complete or not count else count + "…")

    def _search_submitted(self) -> None:
        self._close_search()
        if self._search_anchor is not None and self.hits:
            self._remember(self._search_anchor)

    def _search_cancelled(self) -> None:
        self.search_field.query = ""
        self.search_field.set_count("")
        self.workers.cancel_group(self, "search")
        self.hits = SearchHits((0, 0))
        self._close_search()
        if self._search_anchor is not None:
            self.article.go_to(*self._search_anchor)
        self._refresh_highlights()

    def _close_search(self) -> None:
        self.query_one("#search-bar").display = False

    # -- copy, help --------------------------------------------------------------------------

    def action_copy(self) -> None:
        article = self.article
        height = article.scrollable_content_region.height
        quote = self.document.quotes[self.current_quote] if self.current_quote is not None else None
        if quote is not None and article.scroll_y <= article.rows.row_of(quote.paragraph, quote.start) < article.scroll_y + height:
            what, text = "the current quote", quote.text
        else:
            what, text = "the paragraph at the top", self.texts[article.top_block]
        text = clipboard_text(text)
        self.copy_to_clipboard(text)
        # The excerpt is drawn by the engine like every Arabic string (and is sanitised by it).
        # Narrower than a notice (at most half the screen, less its border and padding), or
        # Textual would wrap the reordered line and put its halves in the wrong order.
        width = max(8, min(COPY_EXCERPT_CELLS, self.size.width // 2 - 4))
        excerpt = self.options.layout(text, width).lines[0]
        more = "…" if excerpt.end < len(text) else ""
        self.notify(f"Copied {what} ({len(text)} characters):\n{excerpt.text}{more}", markup=False)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())


def _links(document: Document) -> list[list[tuple[int, int, str]]]:
    return [[(link.start, link.end, link.url) for link in block.links] for block in document.blocks]


def _directions(document: Document) -> list[str | None]:
    """Each block's own base direction (a book's dir or lang), or () when no block has one."""
    directions = [block.direction for block in document.blocks]
    return directions if any(directions) else []


def _marked(document: Document) -> list[list[tuple[int, int, str]]]:
    """Datelines and note references per block, or () when there are none."""
    if not any(block.spans for block in document.blocks):
        return []
    return [[(span.start, span.end, str(span.kind)) for span in block.spans] for block in document.blocks]


def run_app(document, *, analyse: Analysis | None = None, base_dir: str = "auto",
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
    try:
        app.remember_position()
    except OSError as error:
        print(sanitize(f"reader: could not save the reading position: {error}"), file=sys.stderr)
    app.positions.prune()
    return app.return_code or 0
