"""An Arabic keyboard layout gives the same actions from the same physical keys, in a real pty.

Terminals send characters: with the layout active, the j key sends ت. Each case
runs the real app twice in tmux, once typing the Latin keys and once the
characters the Arabic layout sends from those keys, and compares the screens.
"""

import contextlib
import os
import time

import pytest

from harness.tmux import TmuxSession, environment_for_app, reader_command
from reader.ui.screen import PROGRESS_AFTER_SECONDS

pytestmark = pytest.mark.skipif(not os.path.exists("/usr/bin/tmux"), reason="needs tmux")


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "keys.md"
    sections = []
    for section in range(1, 4):
        sections.append(f"# القسم {section} heading-{section}")
        sections += [f"فقرة رقم {n} line-{section}-{n:02}" for n in range(1, 25)]
    path.write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    return path


def screens_after(document, home, layout: str, *texts: str) -> list[str]:
    """The settled screen after typing each text, one app per text, all running at once."""
    env = environment_for_app(home, READER_KEYBOARD=layout)
    sessions = [TmuxSession(reader_command(str(document)), env=env) for _ in texts]
    try:
        before = []
        for session in sessions:
            session.wait_for_text("heading-1", timeout=20)
            # The status line says "finding quotes…" from a second after the start until the
            # analysis ends (if it lasts that long): compare calm screens, once it is over.
            time.sleep(PROGRESS_AFTER_SECONDS + 0.2)
            session.wait_for(lambda: "finding" not in session.screen(), timeout=60, what="analysis done")
            before.append(session.settled_screen())
        for session, text in zip(sessions, texts):
            for character in text:
                session.type_text(character)
        screens = []
        for session, screen in zip(sessions, before):
            # A loaded machine may take a while to react: wait for a change, then for calm.
            with contextlib.suppress(TimeoutError):
                session.wait_for(lambda: session.screen() != screen, timeout=3)
            screens.append(session.settled_screen(quiet=0.6))
        return screens
    finally:
        for session in sessions:
            session.close()


@pytest.fixture(scope="module")
def start_screen(document, tmp_path_factory):
    return screens_after(document, tmp_path_factory.mktemp("start"), "any", "")[0]


@pytest.mark.parametrize(
    ("layout", "latin", "arabic"),
    [
        ("any", "jjjjjk", "تتتتتن"),  # lines down, one up
        ("any", "s?", "س؟"),  # sections panel, help
        ("linux", "G", "\ufef7"),  # xkb's shift+g sends the lam-alef-hamza ligature: bottom
        ("macos", "  b", "  ز"),  # macOS sends ز from the b key: page up
        ("windows", "/", "ظ"),  # Windows sends ظ from the / key: search
    ],
)
def test_arabic_layout_acts_like_latin_keys(document, start_screen, tmp_path, layout, latin, arabic):
    expected, typed = screens_after(document, tmp_path, layout, latin, arabic)
    assert expected != start_screen  # the keys do something
    assert typed == expected


def test_a_character_of_another_layout_does_nothing(document, start_screen, tmp_path):
    # Under `any`, ظ is the / key on Linux and Windows but z on macOS: no action.
    assert screens_after(document, tmp_path, "any", "ظ") == [start_screen]


def test_arabic_q_key_quits(document, tmp_path):
    with TmuxSession(reader_command(str(document)), env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("heading-1", timeout=20)
        session.type_text("ض")
        assert session.wait_for_exit() == 0


def test_search_field_keeps_arabic_letters(document, tmp_path):
    with TmuxSession(reader_command(str(document)), env=environment_for_app(tmp_path)) as session:
        session.wait_for_text("heading-1", timeout=20)
        session.type_text("/")
        session.settled_screen()
        session.type_text("رقم")  # ر is v, ق is r, م is l on the Linux layout: must stay letters
        session.send_keys("Enter")
        screen = session.settled_screen()
        assert "/72" in screen.replace(" ", "") or "72" in screen  # 72 hits: one per paragraph
