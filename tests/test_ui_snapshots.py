"""Snapshots of the main states of the bundled article at 80×24 and 120×40, for layout:
panels' places, borders, footer, status line. SVG stretches Arabic with harakat and a browser
re-applies bidi when showing it, so the order of letters is asserted on text elsewhere
(test_ui_bundled.py, test_tmux_app.py). After a deliberate change of the screen, review the
new pictures and accept them with `pytest tests/test_ui_snapshots.py --snapshot-update`."""

import pytest

from reader.cli import bundled_article
from reader.document.loading import load_document
from reader.ui.app import ReaderApp


@pytest.fixture(scope="module")
def article():
    return load_document(bundled_article())


@pytest.mark.parametrize("size, keys", [
    ((80, 24), ()),
    ((80, 24), ("quotation_mark",)),
    ((120, 40), ("s", "e")),
    ((120, 40), ("question_mark",)),
], ids=["80x24-opening", "80x24-quotes", "120x40-sections-glossary", "120x40-help"])
def test_main_states(snap_compare, article, tmp_path, size, keys):
    app = ReaderApp(article, state_dir=tmp_path / "state")

    async def settle(pilot):
        # Background layout (article and panels) refines row counts and scrollbars: wait for it.
        for key in (None, *keys):
            if key:
                await pilot.press(key)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    assert snap_compare(app, run_before=settle, terminal_size=size)
