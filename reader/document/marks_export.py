"""`reader marks`: a document's highlights, notes and bookmarks as Markdown or JSON.

The text is the document's own logical Unicode text (`clipboard_text`: no control can reach a
terminal or an editor, the letters untouched, never the presentation forms drawn on screen).
Markdown is meant to be read as it is, in any editor: a heading per section, each highlight as a
blockquote with its note under it, then one line of where and when; every character that
Markdown would take as markup is escaped. The JSON schema is in the README ("Exporting marks").
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from reader.document.marks import MarkKind, PlacedMark, Placement
from reader.document.model import Document
from reader.engine.sanitize import clipboard_text

JSON_VERSION = 1
BOOKMARK_EXCERPT = 40  # characters of a bookmark's text shown when it has no name

# Inline markup anywhere (emphasis, code, links, HTML, tables, strikethrough, entities, a
# heading's closing #s)…
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# …and what opens a block at the start of a line: lists, setext underlines, ordered lists
# (their "." or ")" is what gets the backslash: a backslash before a digit stays a backslash).
_BLOCK_OPENER = re.compile(r"^(?:[+=-]|(\d+)([.)]))")
_LINE_BREAK = re.compile("[ \t]*(?:[\n\u2028\u2029][ \t]*)+")


def markdown_escaped(text: str) -> str:
    """`text` as one line of Markdown showing exactly these characters (a line break, which
    could open a block, becomes a space)."""
    text = _INLINE.sub(r"\\\1", _LINE_BREAK.sub(" ", clipboard_text(text)).strip())
    return _BLOCK_OPENER.sub(lambda match: f"{match[1]}\\{match[2]}" if match[1] else "\\" + match[0], text)


def _iso(milliseconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(milliseconds / 1000))


def _when(milliseconds: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(milliseconds / 1000))


class _Places:
    """Section and share of the text before a place, for one document."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._starts = [section.start_block for section in document.sections]
        lengths = [len(block.text) for block in document.blocks]
        self._before = [0]
        for length in lengths:
            self._before.append(self._before[-1] + length)

    def section(self, block: int) -> str | None:
        number = bisect_right(self._starts, block) - 1
        return self._document.sections[number].title if number >= 0 else None

    def percent(self, block: int, offset: int) -> int:
        total = self._before[-1]
        if not total or block >= len(self._before) - 1:
            return 100
        return round(100 * (self._before[block] + offset) / total)


def _found(placed: Sequence[PlacedMark]) -> list[PlacedMark]:
    return [item for item in placed if item.placement is not Placement.LOST]


def _lost(placed: Sequence[PlacedMark]) -> list[PlacedMark]:
    return [item for item in placed if item.placement is Placement.LOST]


def marks_json(document: Document, placed: Sequence[PlacedMark]) -> dict[str, Any]:
    places = _Places(document)
    rows = []
    for item in [*_found(placed), *_lost(placed)]:
        mark, lost = item.mark, item.placement is Placement.LOST
        rows.append({
            "kind": str(mark.kind),
            "id": mark.id,
            "text": clipboard_text(mark.text),
            "note": clipboard_text(mark.note),
            "colour": mark.colour,
            "found": str(item.placement),
            "section": None if lost else clipboard_text(places.section(mark.block) or ""),
            "paragraph": mark.block,
            "start": mark.start,
            "end": mark.end,
            "percent": None if lost else places.percent(mark.block, mark.start),
            "created": _iso(mark.created),
            "modified": _iso(mark.modified),
        })
    return {
        "version": JSON_VERSION,
        "document": {"title": clipboard_text(document.title), "source": clipboard_text(document.source)},
        "marks": rows,
    }


def _excerpt(text: str) -> str:
    """The first words of `text`, up to BOOKMARK_EXCERPT characters."""
    if len(text) <= BOOKMARK_EXCERPT:
        return text
    cut = text.rfind(" ", 0, BOOKMARK_EXCERPT + 1)
    return text[:cut if cut > 0 else BOOKMARK_EXCERPT] + "…"


def _mark_lines(item: PlacedMark, places: _Places) -> list[str]:
    mark = item.mark
    where = f"paragraph {mark.block + 1}"
    if item.placement is not Placement.LOST:
        where += f" · {places.percent(mark.block, mark.start)}%"
    if mark.kind is MarkKind.BOOKMARK:
        name = mark.note or _excerpt(mark.text)
        lines = [f"**Bookmark:** {markdown_escaped(name)}", ""]
        what = "bookmark"
    else:
        lines = [f"> {markdown_escaped(mark.text)}", ""]
        if mark.note:
            lines += [markdown_escaped(mark.note), ""]
        what = "highlight with a note" if mark.note else "highlight"
    lines += [f"*{what} · {where} · {_when(mark.created)}*", ""]
    return lines


def marks_markdown(document: Document, placed: Sequence[PlacedMark]) -> str:
    places = _Places(document)
    title = markdown_escaped(document.title or document.source)
    lines = [f"# {title}", "", f"*Marks from {markdown_escaped(document.source)}*", ""]
    found, lost = _found(placed), _lost(placed)
    if not placed:
        lines += ["No highlights, notes or bookmarks yet.", ""]
    section: str | None = None
    for item in found:
        here = places.section(item.mark.block) or ""
        if here != section:
            section = here
            lines += [f"## {markdown_escaped(here) if here else 'Start'}", ""]
        lines += _mark_lines(item, places)
    if lost:
        lines += ["## Not found in this version of the document", ""]
        for item in lost:
            lines += _mark_lines(item, places)
    return "\n".join(lines).rstrip("\n") + "\n"
