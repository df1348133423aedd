"""Start-up draws what stays (issue 13, start-up frames): the footer whole from its first compose,
a short document laid out whole without a worker, no progress for work that ends at once, and
the bars that wait for a key not composed until then. Behaviour only: the frames and bytes are
measured by benchmarks/run.py (start_up_frames)."""

import asyncio
import gc
import threading

from textual.widgets._footer import FooterKey

from harness.documents import sample_document
from reader import cli
from reader.ui import screen as screen_module
from reader.ui.app import ReaderApp
from reader.ui.bindings import READER_BINDINGS
from reader.ui.footer import ReaderFooter
from reader.ui.screen import ReaderScreen
from reader.ui.status import StatusLine


def status_text(app: ReaderApp) -> str:
    return "".join(segment.text for segment in app.query_one(StatusLine).render_line(0))


def footer_descriptions(app: ReaderApp) -> list[str]:
    return [key.description for key in app.reader_screen.query_one(ReaderFooter).query(FooterKey)]


def test_the_footer_has_every_key_from_its_first_compose_and_is_not_composed_again(tmp_path, monkeypatch):
    composed: list[list[str]] = []
    compose = ReaderFooter.compose

    def counting(self):
        children = list(compose(self))
        composed.append([getattr(child, "description", "") for child in children])
        yield from children

    monkeypatch.setattr(ReaderFooter, "compose", counting)

    async def main():
        app = ReaderApp(sample_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)
            shown = [binding.description for binding in READER_BINDINGS if binding.show]
            assert len(composed) == 1  # focus moved to the article since: nothing the footer shows changed
            assert composed[0][:len(shown)] == shown
            assert footer_descriptions(app)[:len(shown)] == shown
            await pilot.press("s")  # a panel takes no key of the footer's: still the same footer
            await pilot.press("tab")
            await pilot.pause()
            assert len(composed) == 1
            await pilot.press("v")  # a selection has keys of its own: the footer shows them
            await pilot.pause()
            assert "Highlight" in composed[-1] and "Highlight" in footer_descriptions(app)

    asyncio.run(main())


def test_a_narrow_terminal_s_footer_is_fitted_in_its_first_compose(tmp_path, monkeypatch):
    composed: list[bool] = []
    compose = ReaderFooter.compose

    def counting(self):
        composed.append(self.compact)
        yield from compose(self)

    monkeypatch.setattr(ReaderFooter, "compose", counting)

    async def main():
        app = ReaderApp(sample_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(60, 24)) as pilot:
            await pilot.pause(0.3)
            assert composed == [True]  # compact at once, not composed wide first and again compact

    asyncio.run(main())


def test_a_short_document_is_laid_out_whole_without_a_worker(tmp_path):
    async def main():
        app = ReaderApp(sample_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 12)) as pilot:
            await pilot.pause()
            article = app.reader_screen.article
            assert article.layout_progress == 1
            assert not [worker for worker in app.workers if worker.group == "layout"]
            assert article.virtual_size.height == article.rows.total

    asyncio.run(main())


def test_the_status_line_tells_of_background_work_only_once_it_has_lasted(tmp_path, monkeypatch):
    # The delay is long enough that a loaded CI machine reaches the first check before it ends;
    # the later checks wait for what they expect, with a bound.
    monkeypatch.setattr(screen_module, "PROGRESS_AFTER_SECONDS", 2.0)
    full = sample_document()
    release = threading.Event()

    def analyse(progress, pause=None):
        release.wait(20)
        return full

    async def until(shown: bool, pilot) -> bool:
        for _ in range(200):
            if ("finding quotes…" in status_text(app)) == shown:
                return True
            await pilot.pause(0.05)
        return False

    app = ReaderApp(full, state_dir=tmp_path / "state", analyse=analyse)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "finding quotes…" not in status_text(app)  # work that ends at once would draw nothing
            assert await until(True, pilot)  # the work has lasted: now it is told
            release.set()
            assert await until(False, pilot)

    asyncio.run(main())


def test_the_app_collects_garbage_again_once_its_first_frame_is_drawn(tmp_path):
    gc.disable()  # as reader.cli.main leaves it while the app starts
    try:
        async def main():
            app = ReaderApp(sample_document(), state_dir=tmp_path / "state")
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert gc.isenabled()

        asyncio.run(main())
    finally:
        gc.enable()


def test_the_commands_other_than_the_app_run_with_the_collector_on(tmp_path, monkeypatch, capsys):
    seen: list[bool] = []
    render = cli._render
    monkeypatch.setattr(cli, "_render", lambda *args: (seen.append(gc.isenabled()), render(*args)))
    text = tmp_path / "a.txt"
    text.write_text("سلام\n", encoding="utf-8")
    assert cli.main(["render", str(text)]) == 0
    assert seen == [True] and gc.isenabled()


def test_the_search_bar_and_the_marks_rows_are_mounted_when_first_needed(tmp_path):
    async def main():
        app = ReaderApp(sample_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.reader_screen
            assert not screen.query("#search-bar") and not screen.query("#selection-row")
            assert not screen.query("#note-bar") and not screen.noting
            await pilot.press("slash", "a")  # typed at once after the key that opens the bar
            await pilot.pause()
            assert screen.query_one("#search-bar").display and screen.search_bar.query_text == "a"
            await pilot.press("escape")
            await pilot.press("v")
            await pilot.pause()
            assert screen.query_one("#selection-row").display and screen.selection is not None
            assert not screen.query("#note-bar")
            await pilot.press("a")  # a highlight with a note: the note box opens
            await pilot.pause()
            assert screen.noting and not screen.query_one("#selection-row").display
            # Below the article, in this order: the search bar, the selection's row, the note box.
            rows = [child.id for child in screen.children if child.id in ReaderScreen.ROWS]
            assert rows == list(ReaderScreen.ROWS)

    asyncio.run(main())
