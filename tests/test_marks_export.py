"""`reader marks`: Markdown that a CommonMark parser reads back as exactly the document's text,
and JSON with a version; and the command as a user runs it, on marks a reader saved."""

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reader.document.marks import (
    MarkSet,
    PlacedMark,
    Placement,
    bookmark,
    highlight,
    place_all,
)
from reader.document.marks_export import markdown_escaped, marks_json, marks_markdown
from reader.document.model import Block, BlockKind, Document, Section
from reader.saved_marks import save_marks
from reader.state import DocumentKey, StateStore

MARKDOWN = MarkdownIt("commonmark")


def rendered(markdown: str) -> list[tuple[str, str]]:
    """(block type, its text as a reader of the rendered Markdown sees it), in order."""
    blocks, types = [], []
    for token in MARKDOWN.parse(markdown):
        if token.type.endswith("_open"):
            types.append(token.type.removesuffix("_open"))
        elif token.type.endswith("_close"):
            types.pop()
        elif token.type == "inline":
            children = token.children or []
            assert {child.type for child in children} <= {"text", "softbreak", "em_open", "em_close", "strong_open", "strong_close"}, children
            text = "".join(child.content for child in children if child.type == "text")
            blocks.append((">".join(types), text))
    return blocks


MARKUP_TEXT = st.text(st.sampled_from(list("#>*_-+=.)1 2`[]()<>!|~&\\:؟«»قالنص") + ["\u200f", "\u00a0", "\n"]),
                      min_size=1, max_size=30)


@given(MARKUP_TEXT)
def test_escaped_text_reads_back_as_itself_in_a_paragraph_a_quote_and_a_heading(text):
    escaped = markdown_escaped(text)
    if not escaped:
        return
    assert rendered(escaped)[0][1] == markdown_escaped_reference(text)
    assert rendered("> " + escaped) == [("blockquote>paragraph", markdown_escaped_reference(text))]
    assert rendered("## " + escaped) == [("heading", markdown_escaped_reference(text).strip())]


def markdown_escaped_reference(text: str) -> str:
    """What the text should read as: its lines joined by a space, the ends without spaces."""
    lines = [line.strip(" \t") for line in text.split("\n")]
    return " ".join(line for line in lines if line).strip()


TITLE = "انتهاء القمة"
TEXTS = [TITLE, "قال الوزير: «لن نتراجع عن *الخطة*». وأضاف أن الاتفاق سيوقع غدا.", "الرد", "1. بند أول في القائمة."]


def document() -> Document:
    kinds = [BlockKind.TITLE, BlockKind.BODY, BlockKind.HEADING, BlockKind.BODY]
    return Document(TITLE, "article.txt", tuple(Block(n, kind, text) for n, (kind, text) in enumerate(zip(kinds, TEXTS))),
                    (Section(TITLE, None, 0, 2), Section("الرد", 2, 2, 4)), (), (), ())


def sample_marks() -> MarkSet:
    quote = TEXTS[1].index("لن")
    return MarkSet((
        highlight(TEXTS, 1, quote, quote + len("لن نتراجع عن *الخطة*"), note="موقف <حازم> #مهم", now=1_700_000_000_000),
        highlight(TEXTS, 3, 0, len(TEXTS[3]), now=1_700_000_100_000),
        bookmark(TEXTS, 3, 3, now=1_700_000_200_000),
    ))


def test_markdown_has_a_heading_per_section_quotes_notes_under_them_and_where_and_when():
    markdown = marks_markdown(document(), place_all(sample_marks().marks, TEXTS))
    total = sum(map(len, TEXTS))  # the share of the document's characters before each mark
    quote = round(100 * (len(TEXTS[0]) + TEXTS[1].index("لن")) / total)
    item = round(100 * (total - len(TEXTS[3])) / total)
    place = round(100 * (total - len(TEXTS[3]) + 3) / total)
    assert rendered(markdown) == [
        ("heading", TITLE),
        ("paragraph", "Marks from article.txt"),
        ("heading", TITLE),
        ("blockquote>paragraph", "لن نتراجع عن *الخطة*"),
        ("paragraph", "موقف <حازم> #مهم"),
        ("paragraph", f"highlight with a note · paragraph 2 · {quote}% · 2023-11-14 22:13 UTC"),
        ("heading", "الرد"),
        ("blockquote>paragraph", "1. بند أول في القائمة."),
        ("paragraph", f"highlight · paragraph 4 · {item}% · 2023-11-14 22:15 UTC"),
        ("paragraph", "Bookmark: بند أول في القائمة."),
        ("paragraph", f"bookmark · paragraph 4 · {place}% · 2023-11-14 22:16 UTC"),
    ]


def test_marks_whose_text_is_gone_are_exported_apart_and_said_to_be_lost():
    marks = sample_marks()
    changed = [TEXTS[0], "نص آخر تماما.", TEXTS[2], TEXTS[3]]
    placed = place_all(marks.marks, changed)
    assert [item.placement for item in placed] == [Placement.SAME, Placement.SAME, Placement.LOST]
    blocks = rendered(marks_markdown(document(), placed))
    assert blocks[-4:-1] == [("heading", "Not found in this version of the document"),
                              ("blockquote>paragraph", "لن نتراجع عن *الخطة*"), ("paragraph", "موقف <حازم> #مهم")]
    rows = marks_json(document(), placed)["marks"]
    assert [(row["found"], row["percent"] is None) for row in rows] == [("same", False), ("same", False), ("lost", True)]


def test_json_has_a_version_the_logical_text_and_no_control_characters():
    marks = MarkSet((highlight(["قبل \x1b]2;PWNED\x07 بعد \u202eمعكوس"], 0, 0, 25, now=0),))
    doc = Document("t", "x.txt", (Block(0, BlockKind.BODY, "قبل \x1b]2;PWNED\x07 بعد \u202eمعكوس"),), (), (), (), ())
    exported = marks_json(doc, [PlacedMark(mark, Placement.SAME) for mark in marks.marks])
    assert exported["version"] == 1
    assert exported["marks"][0]["text"] == "قبل ]2;PWNED بعد معكوس"
    assert exported["marks"][0]["created"] == "1970-01-01T00:00:00Z"


def run_reader(*args: str, state: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    reader = Path(sys.executable).with_name("reader")
    environment = {**os.environ, "XDG_STATE_HOME": str(state)}
    return subprocess.run([str(reader), *args], capture_output=True, text=True, input=stdin, env=environment,
                          check=False, timeout=60)


def test_reader_marks_exports_what_was_saved_for_a_file_and_for_stdin(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("\n\n".join(TEXTS), encoding="utf-8")
    state = tmp_path / "state"
    store = StateStore(state / "reader" / "documents")
    save_marks(store, DocumentKey.of(str(path), TEXTS), sample_marks())
    quote = "لن نتراجع عن *الخطة*"

    markdown = run_reader("marks", str(path), state=state)
    assert markdown.returncode == 0, markdown.stderr
    assert ("blockquote>paragraph", quote) in rendered(markdown.stdout)
    assert run_reader("marks", "--markdown", str(path), state=state).stdout == markdown.stdout

    exported = run_reader("marks", "--json", str(path), state=state)
    rows = json.loads(exported.stdout)["marks"]
    assert [(row["kind"], row["text"]) for row in rows][:1] == [("highlight", quote)]
    assert rows[0]["note"] == "موقف <حازم> #مهم" and rows[0]["section"] == TITLE

    # Marks of a document read from stdin belong to that exact content.
    save_marks(store, DocumentKey.of("stdin", TEXTS), MarkSet((highlight(TEXTS, 2, 0, 4),)))
    piped = run_reader("marks", "-", state=state, stdin="\n\n".join(TEXTS))
    assert [block for block in rendered(piped.stdout) if block[0] == "blockquote>paragraph"] == [
        ("blockquote>paragraph", "الرد")]
    other = run_reader("marks", "-", state=state, stdin="\n\n".join(TEXTS) + " تغيير")
    assert "No highlights, notes or bookmarks yet." in other.stdout

    both = run_reader("marks", "--json", "--markdown", str(path), state=state)
    assert both.returncode == 2 and "not allowed with" in both.stderr.strip().splitlines()[-1]
