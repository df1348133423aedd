"""Open a document: read, decode, parse, find its structure, quotes and entity mentions."""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any, Protocol, overload

from reader.document.decoding import (
    DocumentError,
    binary_file,
    decode,
    nul_expected,
    text_encoding,
)
from reader.document.fetch import DEFAULT_TIMEOUT, fetch, is_url, progress_stream
from reader.document.formats import (
    FORMATS,
    LINES,
    RawBlock,
    format_of,
    parse,
    text_blocks,
    text_layout,
    unify_newlines,
)
from reader.document.markup import bound_markup
from reader.document.model import (
    STDIN_SOURCE,
    Block,
    BlockKind,
    Document,
    Entity,
    Mention,
    Mentions,
    Quote,
    Section,
)
from reader.document.reading import DEFAULT_MAX_SIZE, open_file, read_stream, too_large

if TYPE_CHECKING:
    from reader.document.epub import Book, TocEntry
    from reader.engine.normalize import NormalizedText

__all__ = ["DocumentError", "block_texts", "load_document", "open_document"]

STDIN = "-"
MENTION_STEP = 1000  # blocks between two hand-overs of the names found so far
PAUSE_STEP = 50  # blocks between two calls of `pause` (a few milliseconds of work)
PREVIEW_CHARS = 65_536  # of a long text, structured before the first paint (see open_document)
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")  # where blocks end in a plain text of paragraphs


class AnalysisProgress(Protocol):
    """What an analysis hands over as it goes (see open_document), from the thread running it.

    A progress may also have `normalized(texts: list[NormalizedText])` (looked up, not required):
    it is given each block's normalised text, in block order, once the analysis is done with
    them, so that search keeps this one copy instead of normalising every block again."""

    def structure_ready(self, document: Document) -> None:
        """The whole document's blocks and sections, where only its start was opened (preview)."""

    def names_found(self, entities: tuple[Entity, ...], mentions: Sequence[Mention]) -> None:
        """The entities mentioned so far (in order of first mention) and their mentions so far
        (in document order: a view of the analysis's own list, not a copy, so handing it over
        costs nothing however many there are; what it shows never changes)."""


class MentionsSoFar(Sequence[Mention]):
    """The first `count` mentions of a list the analysis goes on appending to."""

    def __init__(self, mentions: Sequence[Mention], count: int) -> None:
        self._mentions = mentions
        self._count = count

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Mention: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Mention]: ...
    def __getitem__(self, index: int | slice) -> Mention | Sequence[Mention]:
        if isinstance(index, slice):
            return tuple(self[number] for number in range(*index.indices(self._count)))
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return self._mentions[index if index >= 0 else self._count + index]


Analysis = Callable[..., Document]  # analyse(progress=None, pause=None), see open_document


def load_document(source: str, **options: Any) -> Document:
    """`source` is a path, or "-" for standard input; options as open_document's. Raises
    DocumentError, whose message is one line naming the problem, for anything that is not a
    readable, non-empty text."""
    _, analyse = open_document(source, **options)
    return analyse()


def open_document(source: str, *, encoding: str | None = None, fmt: str | None = None,
                  glossaries: Sequence[Path] = (), preview: bool = False,
                  max_size: int = DEFAULT_MAX_SIZE, full_page: bool = False,
                  found_names: bool = True, timeout: float = DEFAULT_TIMEOUT) -> tuple[Document, Analysis]:
    """The document's text and structure, with no quotes, entities or mentions yet, and a
    function returning the whole document. Finding those takes seconds on a book, so the app
    shows the text first and runs the function in a background worker; the function hands the
    names found so far to `progress.names_found`, if given, as it goes (every MENTION_STEP
    blocks), and calls `pause`, if given, every PAUSE_STEP blocks (where the app's input may hold it).

    preview: of a long plain text, only the start (PREVIEW_CHARS, cut where a block ends: at a
    blank line, or at a newline in a text of one paragraph per line) is structured now, so the
    first screen needs no more than that; the function then hands the whole document's
    structure to `progress.structure_ready` first. Blocks keep their numbers: the start's blocks are the
    whole document's first blocks, the text's layout (formats.text_layout) being decided once,
    from the whole text, for both. Errors (DocumentError) are raised here, never by the
    function. max_size: the most bytes read (reading.read_stream). An HTML page is read for its
    article (extract.extract_article), or, with full_page or when no article is found (said in
    a notice), whole (formats.parse_html); either way after markup.bound_markup. `source` may
    be an http(s) URL, fetched (fetch.fetch, with `timeout`) and read as its content type says;
    the document's source stays the URL given, which keys its reading position."""
    return _opened(_decoded(source, encoding, fmt, max_size, timeout), glossaries=glossaries, preview=preview,
                   full_page=full_page, found_names=found_names)


def _opened(decoded: _Text | Book, *, glossaries: Sequence[Path], preview: bool, full_page: bool = False,
            found_names: bool = True, **_: Any) -> tuple[Document, Analysis]:
    """open_document's work once the source is read."""
    # A user's glossaries are read now, so that their errors come before the app starts; the
    # bundled ones (None here), like the analysis's modules, when the analysis runs, after the first paint.
    entities = _entities(glossaries) if glossaries else None
    if not isinstance(decoded, _Text):
        return _open_book(decoded, decoded.label, entities, preview, found_names)
    label, name, text, fmt, notices = decoded.label, decoded.name, decoded.text, decoded.fmt, decoded.notices
    layout = None
    cut = None
    if fmt == "text":
        layout = text_layout(text)
        if preview and len(text) > PREVIEW_CHARS:
            if layout == LINES:
                newline = text.find("\n", PREVIEW_CHARS)
                cut = newline if newline >= 0 else None
            else:
                blank = _BLANK_LINE.search(text, PREVIEW_CHARS)
                cut = blank.start() if blank else None
    article = None
    if fmt == "html":
        text, bounded = bound_markup(text)
        if bounded:
            notices.append(f"{label}: {bounded}")
        if not full_page:
            from reader.document.extract import extract_article

            article = extract_article(text, decoded.base_url)
            if article is None:
                notices.append(f"{label}: no article found in this page; showing all of it")
    if article is not None:
        raw, markup_title = article.blocks, article.title
        about = {"site": article.site, "byline": article.byline, "date": article.date}
    else:
        raw, markup_title = parse(text[:cut] if cut else text, fmt, layout)
        about = {}
    if not raw:
        raise DocumentError(f"{label}: no text in this {fmt} document")

    def structure(raw: list[RawBlock]) -> tuple[Document, frozenset[int]]:
        from reader.document.structure import build_blocks, build_sections  # not on render's path

        blocks = build_blocks(raw, fmt)
        title = blocks[0].text if blocks[0].kind is BlockKind.TITLE else markup_title or name or label
        block_quotes = frozenset(index for index, block in enumerate(raw) if block.block_quote)
        return Document(title=title, source=label, blocks=blocks, sections=build_sections(blocks, title),
                        quotes=(), entities=(), mentions=(), notices=tuple(notices), **about), block_quotes

    start, start_quotes = structure(raw)
    whole = (lambda: structure(parse(text, fmt, layout)[0])) if cut else None
    return start, _analysis(start, start_quotes, whole, entities, found_names)


@dataclass
class _Text:
    label: str  # for messages: the path, the URL or "stdin"
    name: str | None  # the file's name
    text: str  # LF newlines when a plain text
    fmt: str
    notices: list[str]
    base_url: str | None  # where a fetched page came from: the base of its relative links


def _decoded(source: str, encoding: str | None, fmt: str | None, max_size: int,
             timeout: float = DEFAULT_TIMEOUT) -> _Text | Book:
    """The source read (or fetched) and decoded, or the book it is."""
    if fmt is not None and fmt not in FORMATS:
        raise DocumentError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    label = STDIN_SOURCE if source == STDIN else source
    if encoding is not None:
        encoding = text_encoding(encoding)  # before reading: a bad name is said at once
    data: bytes | None = None
    header_charset = None
    base_url = None
    if is_url(source):
        fetched = fetch(source, max_size, timeout, progress_stream())
        data, header_charset, base_url = fetched.data, fetched.charset, fetched.url
        fmt = fmt or (None if fetched.fmt == "epub" else fetched.fmt)
        book = _book(io.BytesIO(data), label, max_size, ".epub" if fetched.fmt == "epub" else "")
    elif source == STDIN:
        data = _read(source, label, max_size, encoding)
        book = _book(io.BytesIO(data), label, max_size, "") if data.startswith(_ZIP) else None
    else:
        book = _book(source, label, max_size, source)
    if book is not None:
        return book
    if data is None:
        data = _read(source, label, max_size, encoding)
    if data.startswith(_ZIP) and not nul_expected(data, encoding) and b"\0" in data:
        raise binary_file(label, data, data.find(b"\0"))  # a zip that is not a book
    text, notice = decode(data, label, encoding, header_charset)
    if not text or text.isspace():  # not strip(): that copies a book to look at its ends
        raise DocumentError(f"{label}: empty document (nothing but whitespace)")
    notices = [notice] if notice else []
    name = None if source == STDIN or base_url else PurePath(source).name
    fmt = fmt or format_of(name, text)
    return _Text(label, name, unify_newlines(text) if fmt == "text" else text, fmt, notices, base_url)


def block_texts(source: str, *, encoding: str | None = None, fmt: str | None = None,
                notices: list[str] | None = None, **options: Any) -> Iterator[tuple[str, str | None]]:
    """What `reader render` prints, in order: each block's text and base direction (None: from
    the text), the masthead (Document.masthead) first when there is one. A plain text's blocks
    are split off one at a time as they are asked for, with no kinds, sections, glossaries or
    names; other documents are structured whole. The document's notices are added to
    `notices`. Errors (DocumentError) are raised here, before the first block."""
    decoded = _decoded(source, encoding, fmt, options.get("max_size", DEFAULT_MAX_SIZE),
                       options.get("timeout", DEFAULT_TIMEOUT))
    if isinstance(decoded, _Text) and decoded.fmt == "text":  # not whitespace only: it has a block
        if notices is not None:
            notices.extend(decoded.notices)
        return ((text, None) for text in text_blocks(decoded.text, text_layout(decoded.text)))
    document, _ = _opened(decoded, glossaries=(), preview=False, found_names=False, **options)
    if notices is not None:
        notices.extend(document.notices)
    masthead = [(document.masthead, None)] if document.masthead else []
    return iter(masthead + [(block.text, block.direction) for block in document.blocks])


def _analysis(start: Document, start_quotes: frozenset[int], whole: Callable[[], tuple[Document, frozenset[int]]] | None,
              entities: Sequence[Entity] | None, found_names: bool) -> Analysis:
    """The function finding quotes, entities and mentions (see open_document); `whole` gives the
    whole document's structure when `start` is only its beginning."""

    cut = whole is not None

    def analyse(progress: AnalysisProgress | None = None,
                pause: Callable[[], None] | None = None) -> Document:
        nonlocal whole, start, start_quotes
        if whole is not None:
            # The whole structure, kept in place of `whole`: that holds the document's whole
            # text, a copy of every block's, which nothing needs once the blocks are made.
            start, start_quotes = whole()
            whole = None
        document, block_quotes = start, start_quotes
        if cut and progress is not None:
            progress.structure_ready(document)
        blocks = document.blocks
        from reader.document.glossary import Matcher, with_data
        from reader.document.names import find_names
        from reader.document.places import place_entities
        from reader.document.quotes import find_quotes
        from reader.engine.normalize import normalize

        glossary = with_data(_entities(()) if entities is None else entities, place_entities())
        matcher = Matcher(glossary)
        by_id = {entity.id: entity for entity in glossary}
        folded: list[NormalizedText] = []
        # Kept compactly from the start: a book's mentions never all exist as objects at once
        # (freed, their memory would stay the process's: the allocator keeps what it has used).
        mentions = Mentions()

        def with_mentions(quotes: Sequence[Quote]) -> Document:
            return replace(document, quotes=quotes, mentions=mentions,
                           entities=tuple(by_id[entity_id] for entity_id in mentions.entity_ids()))

        for block in blocks:
            folded.append(normalize(block.text))
            mentions.extend(matcher.find(folded[-1], block.index))
            if progress is not None and (block.index + 1) % MENTION_STEP == 0:
                progress.names_found(tuple(by_id[entity_id] for entity_id in mentions.entity_ids()),
                                     MentionsSoFar(mentions, len(mentions)))
            if pause is not None and block.index % PAUSE_STEP == 0:
                pause()
        if found_names:
            found = find_names(blocks, folded, mentions, glossary)
            if found:
                by_id.update((entity.id, entity) for entity in found)
                found_matcher = Matcher(found)
                # A new list: the mentions handed over so far (MentionsSoFar) stay as they were.
                # Block by block: mentions of two blocks never overlap.
                merged = Mentions()
                for block in blocks:
                    known = mentions.in_block(block.index)
                    named = found_matcher.find(folded[block.index], block.index) if _may_name(block) else []
                    merged.extend(_longest_first(known, named))
                mentions = merged
                glossary = (*found, *glossary)
        result = with_mentions(find_quotes(blocks, folded, mentions, glossary, block_quotes))
        hand_over = getattr(progress, "normalized", None)
        if hand_over is not None:
            hand_over(folded)
        return result

    return analyse


_ZIP = b"PK\x03\x04"


def _book(source: str | IO[bytes], label: str, max_size: int, name: str) -> Book | None:
    """The EPUB book `source` is, or None for anything else. A book is known by its `mimetype`
    entry, not by the zip signature alone (a zip named x.txt stays a binary file); a file named
    .epub must be one."""
    named_book = name.lower().endswith(".epub")
    if isinstance(source, str):
        with open_file(source, label) as stream:
            try:
                head = stream.read(4)
            except OSError:
                return None  # a directory and the like: said by the text path
        if head != _ZIP and not named_book:
            return None  # (before importing the EPUB reader: not on a plain text's path)
    from reader.document.epub import is_epub, open_book

    if isinstance(source, str):
        if not named_book:
            try:
                with zipfile.ZipFile(source) as archive:
                    if not is_epub(archive):
                        return None
            except (zipfile.BadZipFile, OSError, EOFError):
                return None
        if os.stat(source).st_size > max_size:
            raise too_large(label, max_size)
    elif not named_book:
        try:
            with zipfile.ZipFile(source) as archive:
                if not is_epub(archive):
                    return None
        except (zipfile.BadZipFile, OSError, EOFError):
            return None
        source.seek(0)
    return open_book(source, label, max_size)


def _entities(glossaries: Sequence[Path]) -> tuple[Entity, ...]:
    """The bundled glossaries' entities, then those of `glossaries`."""
    from reader.document.glossary import load_glossaries

    return load_glossaries(glossaries)


def _open_book(book: Book, label: str, entities: Sequence[Entity] | None, preview: bool,
               found_names: bool) -> tuple[Document, Analysis]:
    """A book's chapters in spine order, its table of contents as the sections. With preview,
    only the first chapters (PREVIEW_CHARS of text) are read now, the rest by the analysis."""
    from reader.document.epub import title_as_written

    raw: list[RawBlock] = []
    starts: dict[str, int] = {}  # chapter path → index of its first block
    anchors: dict[tuple[str, str], int] = {}
    chapters = book.chapters()

    def read(until: int | None) -> None:
        for chapter in chapters:
            starts[chapter.path] = len(raw)
            anchors.update(((chapter.path, name), len(raw) + index) for name, index in chapter.anchors.items())
            raw.extend(chapter.blocks)
            if until is not None and sum(len(block.text) for block in raw) >= until:
                return

    read(PREVIEW_CHARS if preview else None)
    if not raw:
        read(None)
    if not raw:
        raise DocumentError(f"{label}: no text in this book")
    title = title_as_written(book.title, raw) or PurePath(label).stem
    author = title_as_written(book.author, raw)

    def structure() -> tuple[Document, frozenset[int]]:
        from reader.document.structure import build_blocks, build_sections

        blocks = build_blocks(raw, "epub")
        sections = _toc_sections(book, blocks, starts, anchors) or build_sections(blocks, title)
        block_quotes = frozenset(index for index, block in enumerate(raw) if block.block_quote)
        return Document(title=title, source=label, blocks=blocks, sections=sections, quotes=(), entities=(),
                        mentions=(), byline=author), block_quotes

    start, start_quotes = structure()

    def whole() -> tuple[Document, frozenset[int]]:
        read(None)
        return structure()

    remaining = len(starts) < len(book.spine)
    return start, _analysis(start, start_quotes, whole if remaining else None, entities, found_names)


def _toc_sections(book: Book, blocks: tuple[Block, ...], starts: dict[str, int],
                  anchors: dict[tuple[str, str], int]) -> tuple[Section, ...]:
    """The table of contents' entries that point into the chapters read, nested by level."""
    found: list[tuple[int, TocEntry]] = []
    for entry in book.toc:
        if entry.path not in starts:
            continue
        start = anchors.get((entry.path, entry.fragment), starts[entry.path]) if entry.fragment else starts[entry.path]
        if start < len(blocks) and (not found or start >= found[-1][0]):
            found.append((start, entry))
    sections = []
    for number, (start, entry) in enumerate(found):
        end = next((later for later, other in found[number + 1:] if other.level <= entry.level), len(blocks))
        heading = start if blocks[start].kind in (BlockKind.HEADING, BlockKind.TITLE) else None
        sections.append(Section(entry.title, heading, start, max(end, start + 1), entry.level))
    return tuple(sections)


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


def _read(source: str, label: str, max_size: int, encoding: str | None) -> bytes:
    def binary_unless_expected(head: bytes) -> bool:
        return not nul_expected(head, encoding) and not head.startswith(_ZIP)  # a book is a zip

    if source == STDIN:
        return read_stream(sys.stdin.buffer, label, max_size, stop_at_nul=binary_unless_expected)
    with open_file(source, label) as stream:
        try:
            return read_stream(stream, label, max_size, stop_at_nul=binary_unless_expected)
        except IsADirectoryError:
            raise DocumentError(f"{label}: is a directory, not a file") from None
        except OSError as error:
            raise DocumentError(f"{label}: cannot read ({error.strerror or error})") from None
