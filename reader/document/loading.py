"""Open a document: read, decode, parse, find its structure, quotes and entity mentions."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePath

from reader.document.decoding import DocumentError, decode
from reader.document.formats import FORMATS, RawBlock, format_of, parse, text_blocks
from reader.document.glossary import Matcher, load_glossaries, with_data
from reader.document.model import (
    STDIN_SOURCE,
    Block,
    BlockKind,
    Document,
    Mention,
    Quote,
)
from reader.document.names import find_names
from reader.document.places import place_entities
from reader.document.quotes import find_quotes
from reader.document.structure import build_blocks, build_sections
from reader.engine.normalize import NormalizedText, normalize

__all__ = ["DocumentError", "block_texts", "load_document", "open_document"]

STDIN = "-"
MENTION_STEP = 1000  # blocks between two hand-overs of the names found so far
PAUSE_STEP = 50  # blocks between two calls of `pause` (a few milliseconds of work)
PREVIEW_CHARS = 65_536  # of a long text, structured before the first paint (see open_document)
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")  # where plain text blocks end
Analysis = Callable[..., Document]  # analyse(found_so_far=None), see open_document


def load_document(source: str, *, encoding: str | None = None, fmt: str | None = None,
                  glossaries: Sequence[Path] = (), found_names: bool = True) -> Document:
    """`source` is a path, or "-" for standard input. Raises DocumentError, whose message is
    one line naming the problem, for anything that is not a readable, non-empty text."""
    _, analyse = open_document(source, encoding=encoding, fmt=fmt, glossaries=glossaries, found_names=found_names)
    return analyse()


def open_document(source: str, *, encoding: str | None = None, fmt: str | None = None,
                  glossaries: Sequence[Path] = (), preview: bool = False,
                  found_names: bool = True) -> tuple[Document, Analysis]:
    """The document's text and structure, with no quotes, entities or mentions yet, and a
    function returning the whole document. Finding those takes seconds on a book, so the app
    shows the text first and runs the function in a background worker; the function hands the
    names found so far to `found_so_far`, if given, as it goes (every MENTION_STEP blocks), and
    calls `pause`, if given, every PAUSE_STEP blocks (where the app's input may hold it).

    preview: of a long plain text, only the start (PREVIEW_CHARS, cut at a blank line) is
    structured now, so the first screen needs no more than that; the function then hands the
    whole document's structure to `found_so_far` first. Blocks keep their numbers: the start's
    blocks are the whole document's first blocks. Errors (DocumentError) are raised here,
    never by the function."""
    label, name, text, fmt = _text(source, encoding, fmt)
    cut = _BLANK_LINE.search(text, PREVIEW_CHARS) if preview and fmt == "text" else None
    raw, markup_title = parse(text[: cut.start()] if cut else text, fmt)
    if not raw:
        raise DocumentError(f"{label}: no text in this {fmt} document")
    entities = load_glossaries(glossaries)

    def structure(raw: list[RawBlock]) -> tuple[Document, frozenset[int]]:
        blocks = build_blocks(raw, fmt)
        title = blocks[0].text if blocks[0].kind is BlockKind.TITLE else markup_title or name or label
        block_quotes = frozenset(index for index, block in enumerate(raw) if block.block_quote)
        return Document(title=title, source=label, blocks=blocks, sections=build_sections(blocks, title),
                        quotes=(), entities=(), mentions=()), block_quotes

    start, start_quotes = structure(raw)

    def analyse(found_so_far: Callable[[Document], None] | None = None,
                pause: Callable[[], None] | None = None) -> Document:
        document, block_quotes = structure(parse(text, fmt)[0]) if cut else (start, start_quotes)
        if cut and found_so_far is not None:
            found_so_far(document)
        blocks = document.blocks
        glossary = with_data(entities, place_entities())
        matcher = Matcher(glossary)
        by_id = {entity.id: entity for entity in glossary}
        folded: list[NormalizedText] = []
        mentions: list[Mention] = []

        def with_mentions(quotes: tuple[Quote, ...]) -> Document:
            mentioned = dict.fromkeys(mention.entity_id for mention in mentions)  # in order of first mention
            return replace(document, quotes=quotes, entities=tuple(by_id[entity_id] for entity_id in mentioned),
                           mentions=tuple(mentions))

        for block in blocks:
            folded.append(normalize(block.text))
            mentions += matcher.find(folded[-1], block.index)
            if found_so_far is not None and (block.index + 1) % MENTION_STEP == 0:
                found_so_far(with_mentions(()))
            if pause is not None and block.index % PAUSE_STEP == 0:
                pause()
        if found_names:
            found = find_names(blocks, folded, mentions, glossary)
            if found:
                by_id.update((entity.id, entity) for entity in found)
                found_matcher = Matcher(found)
                mentions[:] = _longest_first(mentions, [mention for block in blocks if _may_name(block)
                                                        for mention in found_matcher.find(folded[block.index],
                                                                                          block.index)])
                glossary = (*found, *glossary)
        return with_mentions(find_quotes(blocks, folded, mentions, glossary, block_quotes))

    return start, analyse


def _may_name(block: Block) -> bool:
    return block.kind is not BlockKind.EMBED


def _longest_first(known: list[Mention], found: list[Mention]) -> list[Mention]:
    """Both lists of mentions as one, in document order, none nested in another: where a name
    found in the text overlaps a glossary's, the longer wins (a tie: the glossary's)."""
    ranked = sorted([(m.paragraph, m.start, -(m.end - m.start), 0, m) for m in known]
                    + [(m.paragraph, m.start, -(m.end - m.start), 1, m) for m in found],
                    key=lambda item: item[:4])
    merged: list[Mention] = []
    for *_, mention in ranked:
        previous = merged[-1] if merged else None
        if previous is not None and previous.paragraph == mention.paragraph and mention.start < previous.end:
            if mention.end - mention.start > previous.end - previous.start and mention.start == previous.start:
                merged[-1] = mention
            continue
        merged.append(mention)
    return merged


def block_texts(source: str, *, encoding: str | None = None, fmt: str | None = None) -> Iterator[str]:
    """The texts of the blocks `open_document` would make, in order, and nothing else: what
    `reader render` prints. A plain text's blocks are split off one at a time as they are asked
    for; no kinds, sections, glossaries or names. Errors (DocumentError) are raised here, before
    the first block."""
    label, _, text, fmt = _text(source, encoding, fmt)
    if fmt == "text":  # not whitespace only (checked above), so it has a block
        return text_blocks(text)
    raw, _ = parse(text, fmt)
    if not raw:
        raise DocumentError(f"{label}: no text in this {fmt} document")
    return (block.text for block in raw)


def _text(source: str, encoding: str | None, fmt: str | None) -> tuple[str, str | None, str, str]:
    """The source's label (for messages), file name, decoded text and format."""
    if fmt is not None and fmt not in FORMATS:
        raise DocumentError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    label = STDIN_SOURCE if source == STDIN else source
    text = decode(_read(source, label), label, encoding)
    if not text or text.isspace():  # not strip(): that copies a book to look at its ends
        raise DocumentError(f"{label}: empty document (nothing but whitespace)")
    name = None if source == STDIN else PurePath(source).name
    return label, name, text, fmt or format_of(name, text)


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
