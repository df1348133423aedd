"""EPUB 2 and 3 books: META-INF/container.xml → the OPF package → spine, table of contents, metadata.

Read with the standard library's zipfile and ElementTree and the project's own HTML walker
(formats._HtmlWalker), not ebooklib (AGPL). A book is opened lazily: the archive's directory at
once, each chapter only when it is read, so a 20 MB book shows its first chapter without reading
the rest. Every byte inflated is counted against the size limit as it comes (the sizes in the
zip's headers are the archive's own claim, never trusted).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from reader.document.decoding import DocumentError, declared_charset
from reader.document.formats import (
    _BLOCKS,
    RawBlock,
    _direction_of,
    _HtmlWalker,
    direction_of_language,
)
from reader.document.model import BlockKind
from reader.document.reading import CHUNK, too_large

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MIMETYPE = b"application/epub+zip"
MAX_ENTRIES = 10_000  # files in one book
MAX_RATIO = 200  # inflated bytes per compressed byte: text compresses 3-10 times, a zip bomb 1000
IMAGE_MARK = "▣"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_ENCRYPTION = "{http://www.w3.org/2001/04/xmlenc#}"
# Font obfuscation is not DRM: the text is readable.
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
_NOTE_TYPES = ("footnote", "endnote", "rearnote", "note")


def is_epub(archive: zipfile.ZipFile) -> bool:
    """An EPUB is a zip whose `mimetype` entry says so (not any zip)."""
    try:
        info = archive.getinfo("mimetype")
    except KeyError:
        return False
    if info.file_size > 100:
        return False
    with archive.open(info) as stream:
        return stream.read(100).strip() == MIMETYPE


@dataclass
class TocEntry:
    title: str
    level: int
    path: str
    fragment: str


@dataclass
class Chapter:
    path: str
    blocks: list[RawBlock]
    anchors: dict[str, int]  # element id → index of its block in `blocks`


@dataclass
class Book:
    archive: zipfile.ZipFile
    label: str
    limit: int
    title: str = ""
    author: str = ""
    language: str = ""
    direction: str | None = None  # from the spine's page-progression-direction, else the language
    spine: list[str] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    inflated: int = 0

    def chapters(self) -> Iterator[Chapter]:
        for path in self.spine:
            yield self.chapter(path)

    def chapter(self, path: str) -> Chapter:
        page = self.read_text(path)
        from selectolax.lexbor import LexborHTMLParser

        from reader.document.markup import bound_markup

        tree = LexborHTMLParser(bound_markup(page)[0])
        root = tree.body or tree.root
        walker = _ChapterWalker(default_direction=self._direction_of(tree))
        if root is not None:
            walker.prepare(root)
            walker.walk(root)
        return Chapter(path, walker.blocks, walker.anchors)

    def _direction_of(self, tree: Any) -> str | None:
        for node in (tree.css_first("html"), tree.body):
            if node is not None:
                found = _direction_of(node)
                if found:
                    return found
        return self.direction

    def read(self, path: str) -> bytes:
        """One file of the book, inflated and counted: the total of all files read stays
        within the size limit, and no file inflates more than MAX_RATIO times."""
        try:
            info = self.archive.getinfo(path)
        except KeyError:
            raise DocumentError(f"{self.label}: the book lists {path!r}, which is not in it") from None
        chunks: list[bytes] = []
        size = 0
        allowed = MAX_RATIO * max(info.compress_size, 1) + CHUNK
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self.inflated += len(chunk)
                    if self.inflated > self.limit:
                        raise too_large(self.label, self.limit, "its contents inflate past")
                    if size > allowed and size > 16 * CHUNK:
                        raise DocumentError(f"{self.label}: {path!r} inflates more than {MAX_RATIO} times its "
                                            "compressed size (a zip bomb?)")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError) as error:
            raise DocumentError(f"{self.label}: cannot inflate {path!r} ({error})") from None
        except RuntimeError as error:  # an encrypted zip entry
            raise DocumentError(f"{self.label}: {path!r} is encrypted ({error})") from None
        return b"".join(chunks)

    def read_text(self, path: str) -> str:
        data = self.read(path)
        for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                return data.decode(codec, errors="replace")
        declared = _xml_encoding(data) or declared_charset(data) or "utf-8"
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            return data.decode("utf-8", errors="replace")

    def xml(self, path: str) -> ElementTree.Element:
        try:
            return ElementTree.fromstring(self.read(path))
        except ElementTree.ParseError as error:
            raise DocumentError(f"{self.label}: {path!r} is not valid XML ({error})") from None


def open_book(source: str | IO[bytes], label: str, limit: int) -> Book:
    """The book's package read (metadata, spine, table of contents); chapters are read later."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise DocumentError(f"{label}: not an EPUB book (not a zip archive)") from None
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocumentError(f"{label}: more than {MAX_ENTRIES} files in the book (a zip bomb?)")
    book = Book(archive, label, limit)
    names = set(archive.namelist())
    if "META-INF/container.xml" not in names:
        raise DocumentError(f"{label}: not an EPUB book (no META-INF/container.xml)")
    if "META-INF/encryption.xml" in names:
        _refuse_drm(book)
    container = book.xml("META-INF/container.xml")
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    opf_path = rootfile.get("full-path", "") if rootfile is not None else ""
    if not opf_path:
        raise DocumentError(f"{label}: the book's container names no package (OPF) file")
    if opf_path not in names:
        raise DocumentError(f"{label}: the book's package file {opf_path!r} is missing")
    _read_package(book, opf_path, book.xml(opf_path))
    if not book.spine:
        raise DocumentError(f"{label}: the book's spine lists no chapters")
    for path in book.spine:
        if path not in names:
            raise DocumentError(f"{label}: the book lists {path!r}, which is not in it")
    return book


def _refuse_drm(book: Book) -> None:
    encryption = book.xml("META-INF/encryption.xml")
    for data in encryption.iter(f"{_ENCRYPTION}EncryptedData"):
        method = data.find(f"{_ENCRYPTION}EncryptionMethod")
        algorithm = method.get("Algorithm", "") if method is not None else ""
        if algorithm not in _FONT_OBFUSCATION:
            raise DocumentError(f"{book.label}: the book is DRM-encrypted and cannot be read")


def _read_package(book: Book, opf_path: str, package: ElementTree.Element) -> None:
    base = posixpath.dirname(opf_path)
    metadata = package.find(f"{_OPF}metadata")
    if metadata is not None:
        book.title = _text(metadata.find(f"{_DC}title"))
        book.author = _text(metadata.find(f"{_DC}creator"))
        book.language = _text(metadata.find(f"{_DC}language"))
    manifest: dict[str, tuple[str, str, str]] = {}  # id → (path, media type, properties)
    for item in package.iter(f"{_OPF}item"):
        href = item.get("href")
        if href:
            manifest[item.get("id", "")] = (_resolve(base, href), item.get("media-type", ""), item.get("properties", ""))
    spine = package.find(f"{_OPF}spine")
    if spine is None:
        raise DocumentError(f"{book.label}: the book's package has no spine")
    progression = spine.get("page-progression-direction", "").lower()
    book.direction = progression if progression in ("rtl", "ltr") else direction_of_language(book.language)
    for itemref in spine.iter(f"{_OPF}itemref"):
        idref = itemref.get("idref", "")
        if idref not in manifest:
            raise DocumentError(f"{book.label}: the book's spine names {idref!r}, which its manifest lacks")
        if itemref.get("linear", "yes") != "no":
            book.spine.append(manifest[idref][0])
    nav = next((path for path, _, properties in manifest.values() if "nav" in properties.split()), None)
    ncx_id = spine.get("toc")
    ncx = manifest[ncx_id][0] if ncx_id in manifest else next(
        (path for path, media, _ in manifest.values() if media == "application/x-dtbncx+xml"), None)
    if nav is not None and nav in book.archive.namelist():
        book.toc = _nav_toc(book, nav)
    if not book.toc and ncx is not None and ncx in book.archive.namelist():
        book.toc = _ncx_toc(book, ncx)


def _text(element: ElementTree.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _resolve(base: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(base, unquote(urlsplit(href).path))).lstrip("/")


def _target(base: str, href: str) -> tuple[str, str]:
    parts = urlsplit(href)
    return _resolve(base, parts.path) if parts.path else "", unquote(parts.fragment)


def _nav_toc(book: Book, path: str) -> list[TocEntry]:
    """EPUB 3: <nav epub:type="toc"> and its nested <ol>, walked with a stack."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(book.read_text(path))
    navs = tree.css("nav")
    nav = next((node for node in navs if "toc" in (node.attributes.get("epub:type") or "").split()), None)
    nav = nav or (navs[0] if navs else None)
    if nav is None:
        return []
    base = posixpath.dirname(path)
    entries: list[TocEntry] = []
    stack: list[tuple[LexborNode, int]] = [(nav, 0)]
    while stack:
        node, depth = stack.pop()
        children = list(node.iter())
        if node.tag == "li":
            link = next((child for child in children if child.tag in ("a", "span")), None)
            if link is not None:
                target = _target(base, link.attributes.get("href") or "")
                title = " ".join(link.text().split())
                if title and target[0]:
                    entries.append(TocEntry(title, depth, *target))
        deeper = depth + (1 if node.tag == "ol" else 0)
        stack.extend((child, deeper) for child in reversed(children) if child.tag in ("ol", "li"))
    return entries


def _ncx_toc(book: Book, path: str) -> list[TocEntry]:
    """EPUB 2: the NCX navMap's nested navPoints, walked with a stack."""
    ncx = book.xml(path)
    nav_map = ncx.find(f"{_NCX}navMap")
    if nav_map is None:
        return []
    base = posixpath.dirname(path)
    entries: list[TocEntry] = []
    stack = [(point, 1) for point in reversed(nav_map.findall(f"{_NCX}navPoint"))]
    while stack:
        point, level = stack.pop()
        title = _text(point.find(f"{_NCX}navLabel/{_NCX}text"))
        content = point.find(f"{_NCX}content")
        target = _target(base, content.get("src", "")) if content is not None else ("", "")
        if title and target[0]:
            entries.append(TocEntry(title, level, *target))
        stack.extend((child, level + 1) for child in reversed(point.findall(f"{_NCX}navPoint")))
    return entries


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})["']""")


def _xml_encoding(data: bytes) -> str | None:
    found = _XML_ENCODING.match(data[:200])
    return found.group(1).decode("ascii") if found else None


def _epub_type(node: LexborNode) -> set[str]:
    attributes = node.attributes
    return set((attributes.get("epub:type") or "").split()) | set((attributes.get("role") or "").replace("doc-", "").split())


class _ChapterWalker(_HtmlWalker):
    """The HTML walker with what a book adds: element ids kept (where the table of contents
    points), images as a mark with their alt text, footnotes taken out of the text and gathered
    at the chapter's end, their references marked, and the base direction of the chapter."""

    def __init__(self, default_direction: str | None) -> None:
        super().__init__()
        if default_direction:
            self.kinds = [{"direction": default_direction}]
        self.anchors: dict[str, int] = {}
        self.note_ids: dict[str, str] = {}  # note id → its reference's label, in reference order
        self.notes: dict[int, LexborNode] = {}  # mem_id of a note's element → the element
        self.note_of: dict[str, int] = {}

    def prepare(self, root: LexborNode) -> None:
        """Find the notes before walking: a note is an element typed as one (epub:type, role),
        or the block an in-chapter reference typed as a note reference points to."""
        for link in root.css("a[href]"):
            href = link.attributes.get("href") or ""
            if href.startswith("#") and ("noteref" in _epub_type(link) or _looks_like_note_mark(link)):
                self.note_ids.setdefault(unquote(href[1:]), " ".join(link.text().split()))
        for node in root.css("[id]"):
            identifier = node.attributes.get("id") or ""
            typed = bool(_epub_type(node) & set(_NOTE_TYPES))
            if typed or identifier in self.note_ids:
                element = node
                while element.tag in ("a", "span", "sup", "b", "strong", "small") and element.parent is not None:
                    element = element.parent  # <p><a id="fn1">1</a> the note…</p>: the whole paragraph
                self.notes[element.mem_id] = element
                self.note_of[identifier] = element.mem_id

    def walk(self, root: LexborNode) -> list[RawBlock]:
        self._walk(root)
        gathered: set[int] = set()
        order = [self.note_of[identifier] for identifier in self.note_ids if identifier in self.note_of]
        order += [mem_id for mem_id in self.notes if mem_id not in order]
        for mem_id in order:
            if mem_id in gathered:
                continue
            gathered.add(mem_id)
            walker = _HtmlWalker()  # the note's contents: an <aside> itself is skipped by the walker
            for child in self.notes[mem_id].iter(include_text=True):
                walker.walk(child)
            text = " ".join(block.text for block in walker.blocks).replace("↩", "").strip()
            label = next((self.note_ids[identifier] for identifier, owner in self.note_of.items()
                          if owner == mem_id and identifier in self.note_ids), "")
            if text:
                if label and not text.startswith(label):
                    text = f"{label} {text}"
                self.blocks.append(RawBlock(text, kind=BlockKind.FOOTNOTE, direction=self.kinds[0].get("direction")))
        return self.blocks

    def _enter(self, node: LexborNode) -> bool:
        identifier = node.attributes.get("id") if node.tag != "-text" else None
        if node.mem_id in self.notes:
            return True  # gathered at the end
        if identifier and node.tag in _BLOCKS:
            self._flush()  # the anchor is the block this element starts
        if identifier:
            self.anchors.setdefault(identifier, len(self.blocks))
        if node.tag == "img" or node.tag == "image":
            self._flush()
            alt = " ".join((node.attributes.get("alt") or node.attributes.get("title") or "").split())
            self.blocks.append(RawBlock(f"{IMAGE_MARK} {alt}".strip(), kind=BlockKind.CAPTION,
                                        direction=self.kinds[-1].get("direction")))
            return True
        return False

    def _link_start(self, node: LexborNode) -> tuple[Any, ...]:
        href = node.attributes.get("href") or ""
        if href.startswith("#") and unquote(href[1:]) in self.note_ids:
            return (self.inline.position(), href[1:], True)
        return super()._link_start(node)


_NOTE_MARK = re.compile(r"^[\[(]?(?:\d{1,3}|[٠-٩]{1,3}|[*†‡§])[\])]?$")


def _looks_like_note_mark(link: LexborNode) -> bool:
    """<a href="#fn3"><sup>3</sup></a>, [٣], (*): a reference to a note in the same chapter."""
    text = " ".join(link.text().split())
    return bool(_NOTE_MARK.match(text)) and (link.css_first("sup") is not None or link.parent is not None
                                             and link.parent.tag == "sup" or text.startswith(("[", "(")))


def title_as_written(text: str, blocks: list[RawBlock]) -> str:
    """Some Arabic books' tools store their metadata word-reversed (to "fix" its display in
    software without bidi): when the words reversed open a block of the text (its title page)
    and the words as stored do not, the reversed order is the one written."""
    words = text.split()
    if len(words) < 2:
        return text
    reversed_text = " ".join(reversed(words))
    openings = [" ".join(block.text.split()) for block in blocks[:50]]
    if any(opening.startswith(reversed_text) for opening in openings) and not any(
            text in opening for opening in openings):
        return reversed_text
    return text
