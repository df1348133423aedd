"""The reader's structure seen from outside: keys answered by the reader's own bindings at once,
panels built only when shown, no redraw when nothing visible changed, the background analysis
never holding the app (issues 11, 12, 13)."""

import asyncio
import threading

import pytest
from textual.app import App
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Footer, OptionList

from harness.documents import book, sample_document
from reader.document.loading import load_document, open_document
from reader.document.model import Document
from reader.ui.app import ReaderApp
from reader.ui.article import ArticleView
from reader.ui.bindings import READER_BINDINGS
from reader.ui.messages import NamesFound
from reader.ui.panels import GlossaryPanel
from reader.ui.textual_adapter import guard_option_list_paging


def run(test, size=(80, 24), document=None, state_dir=None, analyse=None):
    async def main():
        app = ReaderApp(document or sample_document(), state_dir=state_dir, analyse=analyse)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await test(app, pilot)
        return app

    return asyncio.run(main())


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / "state"


def bare(document: Document) -> Document:
    """The document as it is before its analysis: no quotes, entities or mentions."""
    return type(document)(**{**{f: getattr(document, f) for f in document.__dataclass_fields__},
                             "quotes": (), "entities": (), "mentions": ()})


async def settle(pilot, condition, tries=200):
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


# -- keys (issue 13 item 1) ------------------------------------------------------------------


def test_every_reader_key_with_the_article_focused_runs_the_readers_binding(state_dir):
    """ScrollView's own bindings (animated scrolling) must not shadow the reader's."""
    async def check(app, pilot):
        screen = app.reader_screen
        assert screen.article.has_focus
        for binding in READER_BINDINGS:
            for key in binding.key.split(","):
                node, found, *_ = app.screen.active_bindings[key]
                assert node is screen and found.action == binding.action, (key, node, found.action)

    run(check, state_dir=state_dir)


@pytest.mark.parametrize(("key", "expected"), [
    ("pagedown", "page"), ("space", "page"), ("down", 1), ("end", "end"),
])
def test_scrolling_keys_move_at_once_without_animation(state_dir, key, expected):
    async def check(app, pilot):
        article = app.reader_screen.article
        page = article.scrollable_content_region.height
        await pilot.press(key)
        # Checked right after the key: an animated scroll would still be under way.
        want = {"page": page, "end": article.max_scroll_y}.get(expected, expected)
        assert article.scroll_y == want
        assert not app.animator.is_being_animated(article, "scroll_y")

    run(check, state_dir=state_dir)


def test_pageup_and_home_go_back_at_once(state_dir):
    async def check(app, pilot):
        article = app.reader_screen.article
        page = article.scrollable_content_region.height
        await pilot.press("pagedown", "pagedown", "pageup")
        assert article.scroll_y == page
        await pilot.press("up")
        assert article.scroll_y == page - 1
        await pilot.press("home")
        assert article.scroll_y == 0

    run(check, state_dir=state_dir)


# -- panels mounted when first shown, hidden ones not rebuilt (issue 13 items 2 and 7) --------


def test_panels_are_mounted_the_first_time_they_are_shown(state_dir):
    async def check(app, pilot):
        screen = app.reader_screen
        assert not screen.query("#sections") and not screen.query("#quotes") and not screen.query("#glossary")
        await pilot.press("s")
        assert screen.query_one("#sections").display and not screen.query("#glossary")
        await pilot.press("s")
        assert not screen.query_one("#sections").display  # hidden by class, still mounted

    run(check, state_dir=state_dir)


def test_names_found_while_the_glossary_is_hidden_build_nothing(state_dir, monkeypatch):
    full = sample_document()
    release = threading.Event()

    def analyse(progress, pause=None):
        release.wait(10)
        return full

    built: list[int] = []
    show_names = GlossaryPanel.show_names
    monkeypatch.setattr(GlossaryPanel, "show_names",
                        lambda self, entities, tally: (built.append(tally.seen), show_names(self, entities, tally)))

    async def check(app, pilot):
        screen = app.reader_screen
        for count in range(1, len(full.mentions) + 1):  # the names found so far, growing
            screen.post_message(NamesFound(full.entities, full.mentions[:count]))
        await pilot.pause()
        assert built == [] and not screen.query("#glossary")  # hidden: not even mounted
        await pilot.press("e")  # shown: built once, from everything found so far
        assert built == [len(full.mentions)]
        assert "Ahmad · 1 mention" in "".join(
            segment.text for y in range(12) for segment in screen.panel("glossary").render_line(y))
        release.set()

    run(check, state_dir=state_dir, document=bare(full), analyse=analyse)


# -- no redraw when nothing visible changed (issue 13 item 3) -----------------------------------


def test_names_found_with_the_panels_hidden_do_not_redraw_the_article(state_dir, monkeypatch):
    full = sample_document()
    release = threading.Event()

    def analyse(progress, pause=None):
        release.wait(10)
        return full

    async def check(app, pilot):
        screen = app.reader_screen
        article = screen.article
        redraws: list[object] = []
        monkeypatch.setattr(article, "set_spans", lambda spans: redraws.append(spans))
        monkeypatch.setattr(article, "refresh", lambda *args, **kwargs: redraws.append("refresh"))
        for count in range(1, len(full.mentions) + 1):
            screen.post_message(NamesFound(full.entities, full.mentions[:count]))
        await pilot.pause()
        assert redraws == []
        await pilot.press("e")  # the glossary shown: its mentions are highlighted
        assert len([spans for spans in redraws if spans != "refresh"]) == 1
        release.set()

    run(check, state_dir=state_dir, document=bare(full), analyse=analyse)


def test_rows_measured_below_the_view_do_not_clear_what_is_shown(tmp_path):
    async def check(app, pilot):
        article = app.reader_screen.article
        height = article.scrollable_content_region.height
        shown = [article.render_line(y) for y in range(height)]  # cached now
        rows = article.rows
        below = [k for k in range(len(rows.blocks)) if not rows.exact[k] and rows.starts[k] > height + 50]
        counts = {k: rows.counts[k] + 1 for k in below[:20]}  # as a measurement correcting estimates
        cached = {key for key in article._strips.keys() if key[0] < height}
        assert len(cached) == height
        from reader.ui.article import _CountsMeasured

        article.post_message(_CountsMeasured(rows, counts))
        await pilot.pause()
        assert cached <= set(article._strips.keys())  # the rows on screen were not drawn again
        assert [article.render_line(y) for y in range(height)] == shown

    async def main():
        app = ReaderApp(book(2_000_000), state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await check(app, pilot)

    asyncio.run(main())


# -- the analysis never holds the app (issue 13 item 8) ---------------------------------------


def test_an_analysis_still_running_when_the_app_exits_neither_holds_it_nor_fails(state_dir):
    full = sample_document()
    exited, finished = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def analyse(progress, pause=None):
        exited.wait(10)
        try:
            for count in range(1, len(full.mentions) + 1):  # the app is gone: nobody listens
                progress.names_found(full.entities, full.mentions[:count])
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finished.set()
        return full

    async def check(app, pilot):
        await pilot.press("q")

    run(check, state_dir=state_dir, document=bare(full), analyse=analyse)
    exited.set()
    assert finished.wait(5) and errors == []


# -- issue 11 items 11, 12, 14 ------------------------------------------------------------------


def test_pagedown_in_an_option_list_before_its_first_render_does_nothing():
    """ctrl+p then PageDown within ~50 ms: the command palette's list pages before it was drawn
    and Textual raised KeyError: 0, killing the app (guarded in reader/ui/textual_adapter.py,
    installed by ReaderApp)."""
    guard_option_list_paging()
    outcome: list[str] = []

    class Lister(App[None]):
        def compose(self):
            yield OptionList()

        def on_mount(self) -> None:
            options = self.query_one(OptionList)
            options.add_options([f"option {n}" for n in range(50)])
            options.highlighted = 0
            options.action_page_down()  # before any render: the command palette's case
            outcome.append("paged")

    async def main():
        async with Lister().run_test() as pilot:
            await pilot.pause()
            await pilot.press("pagedown")
            assert pilot.app.query_one(OptionList).highlighted > 0  # once drawn, paging works

    asyncio.run(main())
    assert outcome == ["paged"]


def test_no_reader_widget_shadows_a_textual_method(state_dir):
    assert ArticleView.anchor is Widget.anchor

    async def check(app, pilot):
        await pilot.press("slash", "x")
        for widget in (app.reader_screen, app.reader_screen.search_bar, app.reader_screen.search_bar.field):
            assert widget.query.__func__ is DOMNode.query  # a method, not a string
            assert widget.anchor.__func__ is Widget.anchor

    run(check, state_dir=state_dir)


def test_double_clicking_the_search_field_keeps_the_app_running(state_dir):
    async def check(app, pilot):
        await pilot.press("slash", "x")
        await pilot.click("#search", times=2)
        await pilot.pause()
        assert app.is_running

    run(check, state_dir=state_dir)


def test_G_before_a_books_whole_structure_arrives_stays_at_the_end(tmp_path):
    """The app opens on a book's start; G goes to its end; when the whole book arrives the view
    is at the whole book's end (it used to keep the start's last line: about 10% of the book)."""
    path = tmp_path / "book.txt"
    path.write_text("\n\n".join(block.text for block in book(600_000).blocks) + "\n", encoding="utf-8")
    start, analyse_whole = open_document(str(path), preview=True)
    release = threading.Event()

    def analyse(progress, pause=None):
        release.wait(10)
        return analyse_whole(progress, pause)

    async def check(app, pilot):
        screen = app.reader_screen
        whole = len(load_document(str(path)).blocks)
        assert len(screen.texts) < whole / 4
        await pilot.press("G")
        assert screen.article.percent == 100
        release.set()
        await settle(pilot, lambda: len(screen.texts) == whole, tries=600)
        await pilot.pause()
        article = screen.article
        assert article.scroll_y == article.max_scroll_y and article.percent == 100
        assert article.rows.block_at(round(article.scroll_y) + article.scrollable_content_region.height - 1) \
            == whole - 1

    run(check, document=start, state_dir=tmp_path / "state", analyse=analyse)


# -- issue 11 item 18: one overlay at a time, the footer fits -----------------------------------


def test_at_60_columns_quotes_then_glossary_shows_only_the_glossary(state_dir):
    async def check(app, pilot):
        screen = app.reader_screen
        await pilot.press("quotation_mark", "e")
        assert screen.panel("glossary").display and not screen.panel("quotes").display
        await pilot.press("quotation_mark")
        assert screen.panel("quotes").display and not screen.panel("glossary").display

    run(check, size=(60, 24), state_dir=state_dir)


@pytest.mark.parametrize("width", [60, 66, 80, 120])
def test_every_footer_key_is_whole_within_the_width(state_dir, width):
    async def check(app, pilot):
        keys = [key for key in app.screen.query_one(Footer).children if key.display]
        regions = sorted((key.region for key in keys), key=lambda region: region.x)
        assert [key.key for key in keys if key.key in ("s", "q")] == ["s", "q"]  # the first and last
        for left, right in zip(regions, regions[1:]):
            assert left.right <= right.x, (left, right)  # none drawn over another
        assert regions[-1].right <= width

    run(check, size=(width, 24), state_dir=state_dir)


# -- issue 11 item 19: a second search -----------------------------------------------------------


def test_a_second_search_shows_the_last_query_selected_and_typing_replaces_it(state_dir):
    async def check(app, pilot):
        search = app.reader_screen.search_bar
        await pilot.press("slash", *"مصر", "enter")
        first_hits = search.hits
        assert len(first_hits) > 0
        await pilot.press("slash")
        assert search.query_text == "مصر" and search.field.selected
        await pilot.press(*"بيت")
        assert search.query_text == "بيت" and not search.field.selected
        await pilot.press("escape")  # the earlier search comes back, hits and all
        assert search.hits is first_hits and search.query_text == "مصر"
        assert not app.reader_screen.searching
        await pilot.press("n")
        assert search.hits.current is not None

    run(check, state_dir=state_dir)


def test_a_second_search_kept_with_enter_as_it_was(state_dir):
    async def check(app, pilot):
        search = app.reader_screen.search_bar
        await pilot.press("slash", *"مصر", "enter")
        count = len(search.hits)
        await pilot.press("slash", "enter")
        assert search.query_text == "مصر" and len(search.hits) == count

    run(check, state_dir=state_dir)

