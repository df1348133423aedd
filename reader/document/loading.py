"""Open a document: read, decode, parse, find its structure, quotes and entity mentions."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path, PurePath

from reader.document.decoding import DocumentError, decode
from reader.document.formats import FORMATS, format_of, parse
from reader.document.glossary import Matcher, load_glossaries
from reader.document.model import BlockKind, Document
from reader.document.quotes import find_quotes
from reader.document.structure import build_blocks, build_sections
from reader.engine.normalize import normalize

__all__ = ["DocumentError", "load_document", "open_document"]

STDIN = "-"


def load_document(source: str, *, encoding: str | None = None, fmt: str | None = None,
                  glossaries: Sequence[Path] = ()) -> Document:
    """`source` is a path, or "-" for standard input. Raises DocumentError, whose message is
    one line naming the problem, for anything that is not a readable, non-empty text."""
    _, analyse = open_document(source, encoding=encoding, fmt=fmt, glossaries=glossaries)
    return analyse()


def open_document(source: str, *, encoding: str | None = None, fmt: str | None = None,
                  glossaries: Sequence[Path] = ()) -> tuple[Document, Callable[[], Document]]:
    """The document's text and structure, with no quotes, entities or mentions yet, and a
    function returning the whole document. Finding those takes seconds on a book, so the app
    shows the text first and runs the function in a background worker. Errors (DocumentError)
    are raised here, never by the function."""
    if fmt is not None and fmt not in FORMATS:
        raise DocumentError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    label = "stdin" if source == STDIN else source
    text = decode(_read(source, label), label, encoding)
    if not text.strip():
        raise DocumentError(f"{label}: empty document (nothing but whitespace)")
    name = None if source == STDIN else PurePath(source).name
    fmt = fmt or format_of(name, text)
    raw, markup_title = parse(text, fmt)
    if not raw:
        raise DocumentError(f"{label}: no text in this {fmt} document")
    blocks = build_blocks(raw, fmt)
    title = blocks[0].text if blocks[0].kind is BlockKind.TITLE else markup_title or name or label
    entities = load_glossaries(glossaries)
    block_quotes = frozenset(index for index, block in enumerate(raw) if block.block_quote)
    document = Document(title=title, source=label, blocks=blocks, sections=build_sections(blocks, title),
                        quotes=(), entities=(), mentions=())

    def analyse() -> Document:
        matcher = Matcher(entities)
        folded = [normalize(block.text) for block in blocks]
        mentions = tuple(mention for block in blocks for mention in matcher.find(folded[block.index], block.index))
        quotes = find_quotes(blocks, folded, mentions, entities, block_quotes)
        mentioned = {mention.entity_id: None for mention in mentions}  # in order of first mention
        by_id = {entity.id: entity for entity in entities}
        return replace(document, quotes=quotes, entities=tuple(by_id[entity_id] for entity_id in mentioned),
                       mentions=mentions)

    return document, analyse


def _read(source: str, label: str) -> bytes:
    if source == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{label}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{label}: is a directory, not a file") from None
    except PermissionError:
        raise DocumentError(f"{label}: permission denied") from None
    except OSError as error:
        raise DocumentError(f"{label}: cannot read ({error.strerror or error})") from None
