"""Marks in the installed reader, in a real terminal (tmux): made, kept across a quit, found again
from the marks panel, exported; and two readers of one document at once keep each other's marks."""

import json
import re
import subprocess

import pytest
from markdown_it import MarkdownIt

from harness.cells import style_of, styled_rows
from harness.tmux import (
    SCRIPTS,
    SHELL_PROMPT,
    TMUX,
    TmuxSession,
    environment_for_app,
    interactive_shell,
    reader_command,
)
from reader.engine.layout import layout_paragraph

pytestmark = pytest.mark.skipif(
    not (TMUX and (SCRIPTS / "reader").exists()), reason="needs tmux and the installed reader"
)

NOTE = "موقف لافت"


def reader_output(*args: str, home) -> str:
    result = subprocess.run([str(SCRIPTS / "reader"), *args], capture_output=True, text=True, check=True,
                            env={**environment_for_app(home), "PATH": "/usr/bin:/bin"}, timeout=60)
    return result.stdout


def italic_rows(screen: str) -> list[str]:
    """The text of the italic (highlighted) cells of each row that has some."""
    rows = []
    for row in styled_rows(screen):
        text = "".join(character for character, style in row if "italic" in style.attributes)
        if text.strip():
            rows.append(text)
    return rows


def saved_marks(home, *args: str) -> list[dict]:
    return json.loads(reader_output("marks", "--json", *args, home=home))["marks"]


def test_marks_made_in_the_bundled_article_are_there_after_a_quit_and_export_as_markdown(tmp_path):
    first_quote = json.loads(reader_output("quotes", "--json", home=tmp_path))[0]["text"]

    def saved(count: int) -> bool:  # each change is saved at once
        return len(saved_marks(tmp_path)) == count

    with interactive_shell(tmp_path, 100, 30) as shell:
        shell.type_text("reader")
        shell.send_keys("Enter")
        shell.wait_for_text("? Help")
        # A quote: the quotes shown (once found: the panel lists them), n goes to the first, v
        # selects it, h highlights it.
        shell.type_text('"')
        shell.wait_for_screen(lambda screen: "«" in screen, "the quotes found", timeout=60)
        for key in ["n", "v", "h", '"']:
            shell.type_text(key)
        shell.wait_for(lambda: saved(1), what="the quote's highlight saved")
        # A sentence: the first one of the paragraph at the top.
        for key in ["g", "j", "j", "v", "h"]:
            shell.type_text(key)
        shell.wait_for(lambda: saved(2), what="the sentence's highlight saved")
        # A note, in Arabic, on two sentences a page down.
        shell.send_keys("Space")
        for key in ["v", ")", "a"]:
            shell.type_text(key)
        shell.wait_for_text("Enter keeps")  # the note box (the selection's footer also says "Note")
        shell.type_text(NOTE)
        shell.send_keys("Enter")
        shell.wait_for(lambda: saved(3), what="the note saved")
        # A bookmark a page further.
        shell.send_keys("Space")
        shell.type_text("m")
        shell.wait_for(lambda: saved(4), what="the bookmark saved")
        shell.type_text("q")
        shell.wait_for_text(SHELL_PROMPT.rstrip())

        shell.type_text("reader")
        shell.send_keys("Enter")
        shell.wait_for_text("? Help")
        shell.type_text("M")
        panel = shell.wait_for_text("Bookmark ·")
        assert panel.count("Highlight, yellow") == 3
        # Enter on each mark in turn shows it; a highlight's cells are drawn italic.
        shell.send_keys("Tab")
        seen = []
        for _ in range(4):
            shell.send_keys("Enter")
            shell.settled_screen()
            seen.append(italic_rows(shell.screen(attributes=True)))
            shell.send_keys("Down")
        shell.type_text("q")
        shell.wait_for_text(SHELL_PROMPT.rstrip())

    exported = json.loads(reader_output("marks", "--json", home=tmp_path))
    marks = exported["marks"]
    assert exported["version"] == 1
    assert sorted(mark["kind"] for mark in marks) == ["bookmark", "highlight", "highlight", "highlight"]
    assert first_quote in [mark["text"] for mark in marks]
    assert [mark["note"] for mark in marks if mark["note"]] == [NOTE]
    # In the panel as in the export: document order; each highlight was on screen after Enter.
    assert all(rows for rows, mark in zip(seen, marks, strict=True) if mark["kind"] == "highlight")

    # The Markdown reads back, through a CommonMark parser, as the same text.
    markdown = reader_output("marks", home=tmp_path)
    tokens = MarkdownIt("commonmark").parse(markdown)
    quoted = [tokens[number + 2].children for number, token in enumerate(tokens) if token.type == "blockquote_open"]
    assert ["".join(child.content for child in children) for children in quoted] == [
        mark["text"] for mark in marks if mark["kind"] == "highlight"]
    assert NOTE in markdown.split("\n")


def test_two_readers_of_one_document_keep_each_others_marks(tmp_path):
    path = tmp_path / "shared.txt"
    path.write_text("عنوان مشترك\n\n" + "\n\n".join(
        f"الفقرة {n}: جملة أولى هنا. وجملة ثانية بعدها." for n in range(60)) + "\n", encoding="utf-8")
    env = environment_for_app(tmp_path)
    with TmuxSession(reader_command(str(path)), width=90, height=24, env=env) as first, \
            TmuxSession(reader_command(str(path)), width=90, height=24, env=env) as second:
        first.wait_for_text("? Help")
        second.wait_for_text("? Help")
        first.type_text("m")  # a bookmark at the top, in the first reader
        first.wait_for_text("Bookmarked")
        second.send_keys("space")
        for key in ["v", "h"]:  # a highlight a page down, in the second
            second.type_text(key)
        second.wait_for_text("Highlighted")
        first.send_keys("space", "space")
        first.type_text("m")
        first.wait_for_text("Bookmarked")
        second.type_text("q")
        assert second.wait_for_exit() == 0
        first.type_text("q")
        assert first.wait_for_exit() == 0
    marks = saved_marks(tmp_path, str(path))
    assert sorted(mark["kind"] for mark in marks) == ["bookmark", "bookmark", "highlight"]


COLOUR_256 = re.compile(rb"\x1b\[[0-9;]*[34]8;[25];")
PARAGRAPHS = ["CANARY", "الخامسة هنا.", "الأولى هنا.", "الثانية هنا.", "الثالثة هنا.", "الرابعة هنا.", "السادسة."]


@pytest.mark.parametrize(("term", "no_color"), [("xterm-256color", True), ("linux", False), ("xterm-256color", False)])
def test_highlight_colours_and_the_selection_stay_distinct_without_colour_and_in_16_colours(tmp_path, term, no_color):
    path = tmp_path / "colours.txt"
    filler = [f"فقرة {n} للتمرير فقط." for n in range(30)]  # so that j scrolls
    path.write_text("\n\n".join(PARAGRAPHS + filler) + "\n", encoding="utf-8")
    env = environment_for_app(tmp_path, **({"NO_COLOR": "1"} if no_color else {}))
    with TmuxSession(reader_command(str(path)), width=100, height=30, term=term, env=env) as session:
        session.wait_for_text("? Help", timeout=20)

        def colours() -> list[int]:
            return [mark["colour"] for mark in saved_marks(tmp_path, str(path))]

        session.type_text("jjj")  # الأولى at the top
        for count in range(4):  # four highlights, one a paragraph
            session.type_text("vh")
            session.wait_for(lambda count=count: len(colours()) == count + 1, what="the highlight saved")
            session.type_text("jj")
        session.type_text("M")
        session.wait_for_text("Highlight, yellow")
        session.send_keys("Tab")
        for count in range(1, 4):  # in the four colours: the second entry's next, the third's after…
            session.send_keys("Down")
            session.type_text("c" * count)
            session.wait_for(lambda count=count: colours()[count] == count, what="the colour saved")
        session.type_text("M")
        session.type_text("gj")
        session.type_text("v")  # the selection, on الخامسة at the top
        session.wait_for_text("Selection:")
        # The notices (one per change) cover the right of the article for a few seconds.
        session.wait_for_screen(lambda screen: "Colour:" not in screen and "Highlighted" not in screen,
                                "the notices gone", timeout=30)
        rows = styled_rows(session.screen(attributes=True))
        raw = session.raw_output()
    article = rows[1:-3]  # the article's rows: not the status line, nor the bars below
    # Where each word is: its drawn form (shaping never crosses a space, so alone as in the text).
    cells = {word: style_of(article, layout_paragraph(word, 80).lines[0].text)
             for word in ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة"]}
    highlights = [cells[word] for word in ["الأولى", "الثانية", "الثالثة", "الرابعة"]]
    selection, plain = cells["الخامسة"], cells["السادسة"]
    # Without colour the attributes tell a highlight, the selection and plain text apart; with
    # colour (16 or more) the four highlights differ too.
    seen = [style.attributes if no_color else style for style in (highlights[0], selection, plain)]
    assert len(set(seen)) == 3, seen
    if not no_color:
        assert len(set(highlights)) == 4, highlights
    if term == "linux":
        assert not COLOUR_256.search(raw), "a 16-colour terminal got 256-colour or true-colour codes"
