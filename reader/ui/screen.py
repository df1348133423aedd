"""The reader's screen: it composes the components and owns the state they show.

State is reactive. The document arrives in two stages, so it is two reactives: `structure`
(blocks and sections: a book's start, then the whole) and `findings` (quotes, entities and
mentions, growing while names are found). Each `watch_*` derives only what depends on it, and
only for what is shown: a hidden panel is built when it is shown. Which panels are shown, and
whether the search bar is open, are reactives mapped to CSS classes on the screen
(`-show-sections`…), so reader.tcss decides where each goes and what is visible; a panel is
mounted the first time it is shown.

To add a reactive: declare it here with its `watch_…`; if it is a visible mode, give it a
`toggle_class` and style that class in reader.tcss.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widget import Widget

from reader.document.loading import Analysis
from reader.document.model import BlockKind, Document, Entity, Mention, Mentions, Quote
from reader.engine.sanitize import clipboard_text, sanitize
from reader.saved_marks import DocumentMarks
from reader.settings import JUSTIFY_MODES
from reader.state import DocumentKey, StateStore
from reader.ui.article import MEASURE_STEP, ArticleView
from reader.ui.bindings import READER_BINDINGS
from reader.ui.drawing import TextOptions
from reader.ui.footer import ReaderFooter
from reader.ui.highlights import Highlights
from reader.ui.marking import Marking
from reader.ui.quiet import InputQuiet
from reader.ui.search_bar import SearchBar, SearchKey
from reader.ui.status import StatusLine

if TYPE_CHECKING:  # imported when first needed (a panel shown, the analysis started), after the first frame
    from reader.ui.entry_list import EntryList
    from reader.ui.messages import (
        AnalysisDone,
        EntityChosen,
        MarkChosen,
        NamesFound,
        QuoteChosen,
        SectionChosen,
        StructureReady,
    )
    from reader.ui.panels import GlossaryPanel, MentionTally, QuotesPanel, SectionsPanel

COPY_EXCERPT_CELLS = 30  # how much of the copied text the notice shows
# The status line tells of the background work (layout, analysis) only once it has lasted this
# long: a short document's is over by then, and its start-up draws no frame for it.
PROGRESS_AFTER_SECONDS = 1.0
NARROW_WIDTH = 70  # below this the article needs the whole width


_NO_HIGHLIGHTS = (None, 0, 0, None, 0, None, None, None, None)  # see _refresh_highlights


@dataclass(frozen=True, eq=False)  # compared by identity: a reactive must not compare every mention
class Findings:
    """What the analysis has found so far; `complete` once it has finished."""

    quotes: Sequence[Quote] = ()
    entities: tuple[Entity, ...] = ()
    mentions: Sequence[Mention] = ()
    complete: bool = False

    @classmethod
    def of(cls, document: Document) -> Findings:
        return cls(document.quotes, document.entities, document.mentions, complete=True)


@dataclass(frozen=True)
class _Panel:
    """Which panel (its class, in `module`) is mounted where: in `container`, before the sibling
    panel `before` if mounted."""

    module: str
    class_name: str
    container: str
    before: str | None = None

    @property
    def panel_class(self) -> type[EntryList]:
        """Imported the first time the panel is shown: no panel is needed for the first frame."""
        panel_class: type[EntryList] = getattr(import_module(self.module), self.class_name)
        return panel_class


class ReaderScreen(Marking):
    BINDINGS: ClassVar[list[BindingType]] = [*READER_BINDINGS]
    POSITION_SAVE_SECONDS = 5.0  # the reading position is also written while reading: a kill -9 loses little

    # id → how it is mounted (the first time it is shown); reader.tcss places it.
    PANELS: ClassVar[dict[str, _Panel]] = {
        "sections": _Panel("reader.ui.panels", "SectionsPanel", "#main", before="marks"),
        "marks": _Panel("reader.ui.marks_panel", "MarksPanel", "#main"),
        "quotes": _Panel("reader.ui.panels", "QuotesPanel", "#aids", before="glossary"),
        "glossary": _Panel("reader.ui.panels", "GlossaryPanel", "#aids"),
    }

    structure: var[Document] = var(Document("", "", (), (), (), (), ()), always_update=True, init=False)
    findings: var[Findings] = var(Findings(), always_update=True, init=False)
    show_sections = var(False, toggle_class="-show-sections", init=False)
    show_quotes = var(False, toggle_class="-show-quotes", init=False)
    show_glossary = var(False, toggle_class="-show-glossary", init=False)
    show_marks = var(False, toggle_class="-show-marks", init=False)
    searching = var(False, toggle_class="-searching", init=False)
    narrow = var(False, toggle_class="-narrow", init=False)

    def __init__(
        self,
        document: Document,
        *,
        options: TextOptions,
        positions: StateStore,
        measure: int,
        analyse: Analysis | None,
    ) -> None:
        super().__init__()
        self.options = options
        self.positions = positions
        self.quiet = InputQuiet()  # background work pauses for a moment after each input
        self._analyse = analyse
        self._measure = measure
        self.current_quote: int | None = None
        self.current_mention: int | None = None
        self._last_anchor: tuple[int, int] | None = None
        self._saved_anchor: tuple[int, int] | None = None
        self._footer_leaves_out: set[str] = set()  # binding ids the footer has no room for
        self._highlights_key: tuple[object, ...] = _NO_HIGHLIGHTS  # what the article's spans show
        self._glossary_shows: tuple[Findings, int] | None = None  # what the glossary was built from
        self._quotes_show: Findings | None = None
        self._progress_shown = False  # whether the status line tells of the background work (PROGRESS_AFTER_SECONDS)
        self.set_reactive(ReaderScreen.structure, document)
        self.set_reactive(ReaderScreen.findings, Findings() if analyse else Findings.of(document))
        self._derive_from_structure(document)
        self._search_bar = SearchBar(options, self.texts, id="search-bar")
        self._rows: dict[str, Widget] = {}  # the bars' rows mounted so far (reader/ui/marking.py)
        self._panels: dict[str, EntryList] = {}  # the panels mounted so far (PANELS)
        self.marks = DocumentMarks(self.positions, self.document_key, self.texts)

    def _derive_from_structure(self, document: Document) -> None:
        self.document = document
        self.texts = [block.text for block in document.blocks]
        self.document_key = DocumentKey.of(document.source, self.texts)
        self.section_starts = [section.start_block for section in document.sections]
        self._tally: MentionTally | None = None  # made when the glossary is first filled

    @property
    def tally(self) -> MentionTally:
        """Mentions counted per entity (for the glossary), counted again from the start after
        the structure or the analysis' last pass changed."""
        if self._tally is None:
            from reader.ui.panels import MentionTally

            self._tally = MentionTally(len(self.document.blocks))
        return self._tally

    # -- components --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusLine(self.options, id="status")
        with Horizontal(id="main"):
            yield ArticleView(
                self.texts,
                [block.kind for block in self.document.blocks],
                _links(self.document),
                self.options,
                measure=self._measure,
                quiet=self.quiet,
                id="article",
                directions=_directions(self.document),
                marked=_marked(self.document),
            )
        yield Horizontal(id="aids")
        # The search bar, the selection's bar and the note box are mounted when first needed
        # (mount_row), in this order, between the aids and the footer.
        # Fitted to the terminal's width now, so that the first frame draws it as it stays.
        compact, show_palette, self._footer_leaves_out = self._footer_fit(self.app.size.width)
        yield ReaderFooter(compact=compact, show_command_palette=show_palette)

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def search_bar(self) -> SearchBar:
        """The search bar: it holds the search index and the hits from the start, and is
        mounted the first time the search is opened."""
        return self._search_bar

    ROWS = ("aids", "search-bar", "selection-row", "note-bar")  # below the article, top to bottom

    async def mount_row(self, row: Widget) -> None:
        """Mount one of the ROWS the first time it is needed, in its place among those mounted."""
        mounted = [name for name in self.ROWS[:self.ROWS.index(row.id or "")] if self.query(f"#{name}")]
        await self.mount(row, after=self.query_one(f"#{mounted[-1]}"))

    @property
    def sections_panel(self) -> SectionsPanel | None:
        return self._mounted("sections")  # type: ignore[return-value]

    @property
    def quotes_panel(self) -> QuotesPanel | None:
        return self._mounted("quotes")  # type: ignore[return-value]

    @property
    def glossary_panel(self) -> GlossaryPanel | None:
        return self._mounted("glossary")  # type: ignore[return-value]

    def _mounted(self, name: str) -> EntryList | None:
        """The panel `name` if it was ever shown (see PANELS)."""
        return self._panels.get(name)

    def panel(self, name: str) -> EntryList:
        """The panel `name`, mounted now if it never was (hidden until its show_… says so)."""
        found = self._mounted(name)
        if found is not None:
            return found
        where = self.PANELS[name]
        panel = self._panels[name] = where.panel_class(self.options, id=name)
        before = self._mounted(where.before) if where.before else None
        self.query_one(where.container).mount(panel, before=before)
        return panel

    # -- start -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.article.focus()
        self.watch(self.article, "scroll_y", self._scrolled)
        for notice in self.document.notices:  # the document's words: text, never markup
            self.notify(sanitize(notice), severity="warning", timeout=10, markup=False)
        resume = self.positions.recall(self.document_key, self.texts)
        if resume is not None:
            self.article.open_at(*resume)  # drawn there from the first frame
        if self.positions.notice:  # it names a path: text, never markup
            self.notify(sanitize(self.positions.notice), severity="warning", timeout=8, markup=False)
        self.call_after_refresh(self._refresh_highlights)  # the reader's marks, from the start
        self.set_interval(self.POSITION_SAVE_SECONDS, self._remember_position_while_reading)
        self.set_timer(PROGRESS_AFTER_SECONDS, self._show_progress)
        if self._analyse is not None:
            analyse = self._analyse
            search_bar = self.search_bar

            def start() -> None:
                from reader.ui.analysis import start_analysis

                # Search keeps the blocks' normalised texts the analysis made (one copy); whatever
                # they do not cover (blocks changed meanwhile) is normalised before the reader asks.
                start_analysis(analyse, self, self.quiet, then=lambda: search_bar.index.prepare(),
                               normalized=lambda texts: search_bar.index.adopt(texts))

            # After the frame after the first: the first frame's own work (a short document's
            # whole layout) is done before the analysis competes for the interpreter.
            self.call_after_refresh(self.call_after_refresh, start)

    def on_resize(self, event: events.Resize) -> None:
        # One column in narrow terminals, and where the terminal reorders each row as one
        # paragraph (--bidi terminal: Arabic in two panels on one row could swap sides).
        self.narrow = event.size.width < NARROW_WIDTH or not self.options.reorder
        self._fit_footer(event.size.width)

    def _fit_footer(self, width: int) -> None:
        """Every key of the footer whole (see _footer_fit); composed again when that changed."""
        footer = self.query_one(ReaderFooter)
        compact, show_palette, left_out = self._footer_fit(width)
        if (compact, show_palette, left_out) != (footer.compact, footer.show_command_palette, self._footer_leaves_out):
            footer.compact, footer.show_command_palette = compact, show_palette
            self._footer_leaves_out = left_out
            footer.refresh(recompose=True)  # the palette's key is placed when the footer is composed

    def _footer_fit(self, width: int) -> tuple[bool, bool, set[str]]:
        """How the footer's keys fit in `width`, each whole: (compact, with the palette's key, the
        ids of the keys left out). Compact (no padding) when they do not fit, then without the
        command palette's key (ctrl+p still works), then without the last keys (not Help or
        Quit; the keys still work, and ? lists them all)."""
        key_display = self.app.get_key_display
        # The footer shows a binding's first key ("s", not "s,f2").
        shown = [binding for binding in READER_BINDINGS if binding.show]
        labels = {binding.id: cell_len(f"{key_display(Binding(binding.key.split(',')[0], binding.action))} "
                                       f"{binding.description}") for binding in shown}
        palette = cell_len(f"{key_display(Binding(self.app.COMMAND_PALETTE_BINDING, ''))} palette")
        # A key takes its label and a cell of padding each side; compact, one cell between keys.
        compact = sum(labels.values()) + 2 * len(labels) + palette + 2 > width
        show_palette = not compact or sum(labels.values()) + len(labels) + palette + 1 <= width
        left_out: set[str] = set()
        for binding in reversed(shown):
            kept = [cells for id_, cells in labels.items() if id_ not in left_out]
            if show_palette or sum(kept) + len(kept) <= width:
                break
            if binding.id is not None and binding.id not in ("help", "quit"):
                left_out.add(binding.id)
        return compact, show_palette, left_out

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """As Textual's, less the keys the footer has no room for (see _fit_footer): the footer
        shows these; keys are dispatched through the binding chain, so every key still acts."""
        bindings = super().active_bindings
        if not self._footer_leaves_out:
            return bindings
        return {key: active for key, active in bindings.items() if active.binding.id not in self._footer_leaves_out}

    # -- the document in two stages ------------------------------------------------------------

    def on_structure_ready(self, message: StructureReady) -> None:
        self.structure = message.document

    def on_names_found(self, message: NamesFound) -> None:
        self.findings = Findings((), message.entities, message.mentions)

    def on_analysis_done(self, message: AnalysisDone) -> None:
        self.document = message.document
        # Counted again, once: the last pass (names found in the text) may insert mentions
        # among those handed over while names were being found.
        self._tally = None
        self.findings = Findings.of(message.document)

    def watch_structure(self, document: Document) -> None:
        """All the blocks, where the screen opened with a book's first ones (numbered alike)."""
        self._derive_from_structure(document)
        self.article.set_blocks(self.texts, [block.kind for block in document.blocks], _links(document),
                                _directions(document), _marked(document))
        self.search_bar.set_texts(self.texts)
        if self.show_sections and self.sections_panel is not None:
            self.sections_panel.show_document(document)
        self.marks.moved_to(self.document_key, self.texts)
        self._marks_changed()
        resume = self.positions.recall(self.document_key, self.texts)
        if resume is not None and self.article.top_anchor == (0, 0):  # not if the reader has moved
            self.article.go_to(*resume)
        self._scrolled()

    def watch_findings(self, findings: Findings) -> None:
        self._fill_glossary()
        self._fill_quotes()
        self._refresh_highlights()

    # -- panels ------------------------------------------------------------------------------

    def _fill_glossary(self) -> None:
        """The glossary's entries, if it is shown and what it shows changed."""
        panel = self.glossary_panel
        if not self.show_glossary or panel is None:
            return
        findings = self.findings
        if self._glossary_shows == (findings, len(findings.mentions)):
            return
        self._glossary_shows = (findings, len(findings.mentions))
        if not findings.complete and not findings.entities:
            panel.show_finding()
            return
        self.tally.catch_up(findings.mentions)
        panel.show_names(findings.entities, self.tally)

    def _fill_quotes(self) -> None:
        panel = self.quotes_panel
        if not self.show_quotes or panel is None or self._quotes_show is self.findings:
            return
        self._quotes_show = self.findings
        if self.findings.complete:
            panel.show_document(self.document)
        else:
            panel.show_finding()

    def _show_panel(self, name: str, shown: bool) -> None:
        """Mount a panel the first time it is shown; narrow, one overlay at a time."""
        if shown:
            self.panel(name)
            if self.narrow:
                for other in self.PANELS:
                    if other != name:
                        setattr(self, f"show_{other}", False)
        else:
            panel = self._mounted(name)
            if panel is not None and panel.has_focus:
                self.set_focus(self.article)

    def watch_show_sections(self, shown: bool) -> None:
        self._show_panel("sections", shown)
        panel = self.sections_panel
        if shown and panel is not None and not panel.entries:
            panel.show_document(self.document)
        self._scrolled()

    def watch_show_quotes(self, shown: bool) -> None:
        self._show_panel("quotes", shown)
        self._fill_quotes()
        self._refresh_highlights()

    def watch_show_glossary(self, shown: bool) -> None:
        self._show_panel("glossary", shown)
        if not shown:
            self.current_mention = None
        self._fill_glossary()
        self._refresh_highlights()

    def watch_show_marks(self, shown: bool) -> None:
        self._show_panel("marks", shown)
        panel = self.marks_panel
        if shown and panel is not None:
            self.show_marks_panel(panel)

    def watch_narrow(self, narrow: bool) -> None:
        if narrow and self.show_sections:  # one overlay at a time
            self.show_quotes = self.show_glossary = False
        elif narrow and self.show_quotes:
            self.show_glossary = False

    def action_toggle_sections(self) -> None:
        self.show_sections = not self.show_sections

    def action_toggle_quotes(self) -> None:
        self.show_quotes = not self.show_quotes

    def action_toggle_glossary(self) -> None:
        self.show_glossary = not self.show_glossary

    def on_section_chosen(self, message: SectionChosen) -> None:
        self.article.jump(self._section_target(message.index))

    def on_quote_chosen(self, message: QuoteChosen) -> None:
        self._go_quote(message.index)

    def on_mark_chosen(self, message: MarkChosen) -> None:
        self.go_to_mark(message.mark_id)

    def on_entity_chosen(self, message: EntityChosen) -> None:
        mentions = self._mentions_of(message.entity_id)
        if not mentions:
            self.notify("No mention of this entity in the text")
            return
        self._go_mention(mentions[0])

    # -- the status line and the position -------------------------------------------------

    def on_article_view_reflowed(self, message: ArticleView.Reflowed) -> None:
        self._scrolled()

    def _scrolled(self, _value: float | None = None) -> None:
        article = self.article
        self._last_anchor = article.top_anchor
        section = self.current_section()
        sections = self.sections_panel
        if sections is not None and self.show_sections:
            sections.mark(section)
            if not sections.has_focus and section != sections.cursor:
                sections.move_cursor(section)  # the list follows the reading, unless the reader is in it
        search = self.search_bar
        hits = search.hits
        parts = [f"{article.percent}%"]
        if hits:
            parts.append(f"{hits.current + 1}/{len(hits)}" if hits.current is not None else f"{len(hits)} hits")
        elif search.query_text and self.searching:
            parts.append("0/0")
        if article.layout_progress < 1 and self._progress_shown:
            parts.append(f"laying out {int(article.layout_progress * 100)}%")
        if not self.findings.complete and self._progress_shown:
            parts.append("finding quotes…")
        title = self.document.title or ""
        if self.document.masthead:  # site, byline, date: pages and books only
            title = f"{title} · {self.document.masthead}"
        place = title
        if section is not None and section > 0:
            place = f"{title} — {self.document.sections[section].title}"
        self.query_one(StatusLine).show(place, "  ".join(parts))

    def _show_progress(self) -> None:
        self._progress_shown = True
        self._scrolled()

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

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the search bar is open the keys are typed into it (Enter or Escape close it):
        # only Textual's own ctrl+q and command palette stay bound (they are the app's).
        return not self.searching and self.marking_allows(action)

    def type_into_search(self, event: events.Key) -> bool:
        """While searching, a key belongs to the query (no binding takes it: check_action);
        returns whether the search bar took it. Called by the app, in the order keys came."""
        done = self.search_bar.type_key(event)
        if done in (SearchKey.SUBMITTED, SearchKey.CANCELLED):
            self._close_search(kept=done is SearchKey.SUBMITTED)
        return done is not None

    def action_quit_reader(self) -> None:
        self.app.exit()

    def action_help(self) -> None:
        from reader.ui.help import HelpScreen

        self.app.push_screen(HelpScreen())

    # -- highlights --------------------------------------------------------------------------

    def _refresh_highlights(self) -> None:
        """Mentions (glossary shown), quotes (quotes shown), search hits and the current one;
        the article is redrawn only when one of them changed."""
        findings = self.findings
        mentions = findings.mentions if self.show_glossary else ()
        quotes = findings.quotes if self.show_quotes else ()
        hits = self.search_bar.hits
        current = self._current_span()
        marks = self.marks.shown
        key = (findings if mentions or quotes else None, len(mentions), len(quotes),
               hits if hits else None, len(hits), hits.complete if hits else None, current,
               marks or None, self.selection)
        if key != self._highlights_key:
            self._highlights_key = key
            entity_types = {entity.id: entity.type for entity in findings.entities} if mentions else {}
            self.article.set_spans(Highlights(mentions=mentions, entity_types=entity_types, quotes=quotes,
                                              hits=hits, current=current, marks=marks, selection=self.selection))
        self._scrolled()

    def _current_span(self) -> tuple[int, int, int] | None:
        hits = self.search_bar.hits
        if hits.current is not None and hits:
            return hits[hits.current]
        if self.current_mention is not None and self.show_glossary:
            mention = self.findings.mentions[self.current_mention]
            return mention.paragraph, mention.start, mention.end
        if self.current_quote is not None:
            quote = self.findings.quotes[self.current_quote]
            return quote.paragraph, quote.start, quote.end
        return None

    # -- jumps -------------------------------------------------------------------------------

    def action_jump_back(self) -> None:
        if not self.article.jump_back():
            self.notify("No earlier position to go back to")

    def current_section(self) -> int | None:
        if not self.document.sections:
            return None
        return max(0, bisect_right(self.section_starts, self.article.top_block) - 1)

    def _section_target(self, number: int) -> int:
        section = self.document.sections[number]
        return section.heading_block if section.heading_block is not None else section.start_block

    def action_go_section(self, number: int) -> None:
        from reader.ui.panels import top_sections

        top = top_sections(self.document)  # 1–9: the top level of a book's nested contents
        if not 1 <= number <= len(top):
            self.notify(f"There is no section {number} (this document has {len(top)})")
            return
        self.article.jump(self._section_target(top[number - 1]))

    def action_next_section(self) -> None:
        current = self.current_section()
        if current is None or current + 1 >= len(self.document.sections):
            self.notify("This is the last section")
            return
        self.article.jump(self._section_target(current + 1))

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
        self.article.jump(self._section_target(current))

    def _go_quote(self, number: int) -> None:
        self.current_quote = number
        quote = self.findings.quotes[number]
        self.article.jump(quote.paragraph, quote.start, top=False)
        self._refresh_highlights()

    def _go_mention(self, number: int) -> None:
        self.current_mention = number
        mention = self.findings.mentions[number]
        self.article.jump(mention.paragraph, mention.start, top=False)
        self._refresh_highlights()

    def _mentions_of(self, entity_id: str) -> list[int]:
        """The mentions of one entity, in document order (mentions are in document order)."""
        mentions = self.findings.mentions
        if isinstance(mentions, Mentions):  # the analysis's: found without making every mention
            return mentions.of_entity(entity_id)
        return [n for n, mention in enumerate(mentions) if mention.entity_id == entity_id]

    # -- scrolling ---------------------------------------------------------------------------

    def action_line_down(self) -> None:
        self.article.scroll_relative(y=1, animate=False, immediate=True)

    def action_line_up(self) -> None:
        self.article.scroll_relative(y=-1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self.article.scroll_page(1)

    def action_page_up(self) -> None:
        self.article.scroll_page(-1)

    def action_go_top(self) -> None:
        self.article.jump(0)

    def action_go_bottom(self) -> None:
        self.article.jump_to_end()

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

    # -- n / N -------------------------------------------------------------------------------

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        search = self.search_bar
        if search.step(step):
            hits = search.hits
            assert hits.current is not None
            block, start, _ = hits[hits.current]
            self.article.jump(block, start, top=False)
            self._refresh_highlights()
            return
        glossary = self.glossary_panel
        entity = glossary.target if glossary is not None and self.show_glossary else None
        if isinstance(entity, str):
            mentions = self._mentions_of(entity)
            if mentions:
                here = mentions.index(self.current_mention) if self.current_mention in mentions else -1
                if here < 0:
                    here = 0 if step > 0 else len(mentions) - 1
                else:
                    here = (here + step) % len(mentions)
                self._go_mention(mentions[here])
                return
        quotes = self.findings.quotes
        if not quotes:
            self.notify("Nothing to move to: no search hits, mentions or quotes")
            return
        if self.current_quote is None:
            self._go_quote(0 if step > 0 else len(quotes) - 1)
        else:
            self._go_quote((self.current_quote + step) % len(quotes))

    # -- search ------------------------------------------------------------------------------

    async def action_search(self) -> None:
        if not self._search_bar.is_attached:
            await self.mount_row(self._search_bar)
        self.search_bar.open(self.article.top_anchor)
        self.searching = True
        # Keys reach on_key through the article; a panel's own bindings would take them.
        self.set_focus(self.article)
        self._scrolled()

    def on_search_bar_hits_changed(self, message: SearchBar.HitsChanged) -> None:
        hits = self.search_bar.hits
        if message.first and hits.current is not None:
            block, start, _ = hits[hits.current]
            self.article.go_to(block, start, top=False)
        self._refresh_highlights()

    def _close_search(self, *, kept: bool) -> None:
        self.searching = False
        search = self.search_bar
        if kept:
            if search.hits:
                self.article.remember_place(search.opened_at)
        else:
            self.article.go_to(*search.opened_at)
        self._refresh_highlights()

    # -- copy --------------------------------------------------------------------------------

    def action_copy(self) -> None:
        article = self.article
        height = article.scrollable_content_region.height
        quote = self.findings.quotes[self.current_quote] if self.current_quote is not None else None
        if quote is not None and (article.scroll_y <= article.rows.row_of(quote.paragraph, quote.start)
                                  < article.scroll_y + height):
            what, text = "the current quote", quote.text
        else:
            what, text = "the paragraph at the top", self.texts[article.top_block]
        text = clipboard_text(text)
        self.app.copy_to_clipboard(text)
        # The excerpt is drawn by the engine like every Arabic string (and is sanitised by it).
        # Narrower than a notice (at most half the screen, less its border and padding), or
        # Textual would wrap the reordered line and put its halves in the wrong order.
        width = max(8, min(COPY_EXCERPT_CELLS, self.size.width // 2 - 4))
        excerpt = self.options.layout(text, width).lines[0]
        more = "…" if excerpt.end < len(text) else ""
        self.notify(f"Copied {what} ({len(text)} characters):\n{excerpt.text}{more}", markup=False)


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
