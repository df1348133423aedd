"""Plain text, Markdown and HTML to a list of raw blocks: text, links, and what the markup says.

What the markup cannot say (which plain paragraph is a heading, a caption, a related link…) is
decided later, in `structure`, the same way for every format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from reader.document.model import BlockKind, Link, Span, SpanKind

# The Markdown and HTML parsers are imported by the functions that use them: a plain text
# (the common case, and the bundled article) is opened without paying for their import.
if TYPE_CHECKING:
    from markdown_it.token import Token
    from selectolax.lexbor import LexborNode

FORMATS = ("text", "markdown", "html")
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


@dataclass(slots=True)
class RawBlock:
    text: str
    links: tuple[Link, ...] = ()
    kind: BlockKind | None = None  # None: a paragraph whose kind `structure` decides
    heading_level: int = 0
    block_quote: bool = False  # a Markdown `>` or HTML <blockquote> paragraph: quoted as a whole
    direction: str | None = None  # "rtl" or "ltr" when the markup says (dir, lang); None: from the text
    spans: tuple[Span, ...] = ()


def format_of(name: str | None, text: str) -> str:
    if name:
        known = _EXTENSIONS.get(PurePath(name).suffix.lower())
        if known:
            return known
    return sniff(text)


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:p|div|article|section|h[1-6]|figure|figcaption|blockquote|br|a\s+href)\b[^>]*>", re.IGNORECASE)
_MARKDOWN_SIGNS = re.compile(
    r"^ {0,3}#{1,6}[ \t]+\S"  # ATX heading
    r"|^ {0,3}>[ \t]?\S"  # block quote
    r"|^ {0,3}(?:```|~~~)"  # fenced code
    r"|\[[^\]\n]+\]\([^)\s]+\)"  # [link](url)
    r"|\*\*[^*\n]+\*\*",  # **strong**
    re.MULTILINE,
)


def sniff(text: str) -> str:
    """HTML, Markdown or plain text, from the first few kilobytes.

    Lists and numbered lines alone do not make Markdown: plain prose has them too, and reading
    a plain file as Markdown would join its lines.
    """
    head = text[:8192]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 2:
        return "html"
    if _MARKDOWN_SIGNS.search(head):
        return "markdown"
    return "text"


def parse(text: str, fmt: str, layout: str | None = None) -> tuple[list[RawBlock], str]:
    """The blocks, and the title the markup gives apart from them (HTML <title>), else "".
    `layout`: of a plain text, "lines" or "paragraphs" (see text_layout), decided by the caller
    once for the whole document when it parses only a part of it."""
    if fmt == "html":
        return parse_html(text)
    if fmt == "markdown":
        return parse_markdown(text), ""
    return parse_text(text, layout), ""


def unify_newlines(text: str) -> str:
    """CRLF and CR (old Mac, some Windows tools) become LF: a plain text is read line by line."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


LINES = "lines"
PARAGRAPHS = "paragraphs"
# A line ending so has ended its sentence (closing quotes and brackets after the full stop too).
_PARAGRAPH_END = tuple(".!?؟…:؛\"'»”)")
_WRAP_MAX = 120  # hard-wrapped text is wrapped at most this wide (72, 76, 80 are usual)


def text_layout(text: str) -> str:
    """How a plain text marks its paragraphs: "lines" (one paragraph per line) or "paragraphs"
    (paragraphs separated by blank lines, the lines inside one joined with a space).

    This is the one place the rule lives, decided once per document from all of its lines:
    - No blank line between two lines of text (blank lines at the start or the end, such as the
      final newline of almost every file, do not count): one paragraph per line.
    - Blank lines, and the lines inside paragraphs nearly all (four in five) end with sentence
      punctuation, or mostly (half or more) while their lengths are uneven: single newlines end
      paragraphs, as in a text copied from a web page — one paragraph per line.
    - Otherwise, and whenever in doubt: the lines are hard-wrapped (a text wrapped at 72, two
      short unpunctuated lines) and joined.
    `text` has LF newlines (unify_newlines)."""
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    first = next((number for number, line in enumerate(lines) if line), len(lines))
    lines = lines[first:]
    if "" not in lines:
        return LINES
    inner = [line for line, following in pairwise(lines) if line and following]
    if not inner:
        return PARAGRAPHS
    punctuated = sum(line.endswith(_PARAGRAPH_END) for line in inner)
    widest = max(map(len, inner))
    near_width = sum(len(line) >= 0.7 * widest for line in inner)
    wrapped = widest <= _WRAP_MAX and near_width >= 0.8 * len(inner)
    if 5 * punctuated >= 4 * len(inner) or (2 * punctuated >= len(inner) and not wrapped):
        return LINES
    return PARAGRAPHS


def parse_text(text: str, layout: str | None = None) -> list[RawBlock]:
    return [RawBlock(block) for block in text_blocks(text, layout)]


def text_blocks(text: str, layout: str | None = None) -> Iterator[str]:
    """A plain text's blocks, one at a time: one per line or one per blank-line-separated
    paragraph (its lines joined with a space), as `text_layout` (decided here when not given)
    says."""
    text = unify_newlines(text)
    if (layout or text_layout(text)) == LINES:
        for line in text.split("\n"):
            if line.strip():
                yield line.strip()
        return
    run: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            run.append(line)
        elif run:
            yield " ".join(run)
            run = []
    if run:
        yield " ".join(run)


class _Inline:
    """Text being gathered for one block, with links, whitespace collapsed as HTML does."""

    _SPACE = re.compile(r"[ \t\n\r\f]+")

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.pending_space = False
        self.links: list[Link] = []
        self.spans: list[Span] = []

    def add(self, text: str) -> None:
        for index, piece in enumerate(self._SPACE.split(text)):
            if index:
                self.pending_space = True
            if piece:
                if self.pending_space and self.length:
                    self.parts.append(" ")
                    self.length += 1
                self.pending_space = False
                self.parts.append(piece)
                self.length += len(piece)

    def space(self) -> None:
        self.pending_space = True

    def position(self) -> int:
        """Where the next text starts (after a pending space)."""
        return self.length + (1 if self.pending_space and self.length else 0)

    def link(self, start: int, url: str) -> None:
        if url and self.length > start:
            self.links.append(Link(start, self.length, url))

    def span(self, start: int, kind: SpanKind) -> None:
        if self.length > start:
            self.spans.append(Span(start, self.length, kind))

    def take(self, **kind: Any) -> RawBlock | None:
        text = "".join(self.parts)
        block = RawBlock(text, tuple(self.links), spans=tuple(self.spans), **kind) if text.strip() else None
        self._clear()
        return block


def parse_markdown(text: str) -> list[RawBlock]:
    from markdown_it import MarkdownIt

    blocks: list[RawBlock] = []
    quote_depth = 0
    heading_level = 0
    item_marker = ""
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "list_item_open":
            item_marker = f"{token.info}{token.markup} " if token.info else "• "
        elif token.type == "inline":
            block = _markdown_inline(token.children or [], heading_level, quote_depth > 0)
            if block is not None:
                if item_marker:
                    block.text = item_marker + block.text
                    block.links = tuple(Link(link.start + len(item_marker), link.end + len(item_marker), link.url)
                                        for link in block.links)
                    item_marker = ""
                blocks.append(block)
        elif token.type in ("fence", "code_block"):
            blocks.extend(RawBlock(line.strip()) for line in token.content.split("\n") if line.strip())
    return blocks


def _markdown_inline(children: Sequence[Token], heading_level: int, block_quote: bool) -> RawBlock | None:
    inline = _Inline()
    link_starts: list[tuple[int, str]] = []
    images: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            inline.add(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            inline.space()
        elif child.type == "link_open":
            link_starts.append((inline.position(), str(child.attrs.get("href", ""))))
        elif child.type == "link_close" and link_starts:
            start, url = link_starts.pop()
            inline.link(start, url)
        elif child.type == "image":
            images.append(child.content)
    only_links = inline.links and sum(link.end - link.start for link in inline.links) == inline.length
    if heading_level:
        return inline.take(kind=BlockKind.HEADING, heading_level=heading_level)
    if not inline.parts and images:  # a picture alone in its paragraph: its alt text is its caption
        inline.add(" ".join(images))
        return inline.take(kind=BlockKind.CAPTION)
    if only_links and len(inline.links) == 1:
        link = inline.links[0]
        kind = BlockKind.EMBED if "".join(inline.parts) == link.url else BlockKind.RELATED
        return inline.take(kind=kind)
    return inline.take(block_quote=block_quote)


_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "nav", "footer", "form", "button",
                      "select", "svg", "math", "aside", "-comment"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "li", "dd", "dt", "td", "th", "tr",
                     "blockquote", "figure", "figcaption", "pre", "address", "ul", "ol", "dl", "table",
                     "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html"})
_EMBED_CLASSES = ("twitter-tweet", "instagram-media", "tiktok-embed")


def parse_html(text: str) -> tuple[list[RawBlock], str]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = tree.css_first("title")
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    blocks = [] if root is None else _HtmlWalker().walk(root)
    return blocks, " ".join(title.text().split()) if title is not None else ""


@dataclass
class _HtmlWalker:
    blocks: list[RawBlock] = field(default_factory=list)
    inline: _Inline = field(default_factory=_Inline)
    kinds: list[dict[str, Any]] = field(default_factory=lambda: [{}])  # what the enclosing blocks say

    def walk(self, root: LexborNode) -> list[RawBlock]:
        return self._walk(root)

    def _enter(self, node: LexborNode) -> bool:
        """A book's walker handles some elements itself (True: done with this node)."""
        return False

    def _link_start(self, node: LexborNode) -> tuple[Any, ...]:
        return (self.inline.position(), node.attributes.get("href") or "")

    def _walk(self, root: LexborNode) -> list[RawBlock]:
        # An explicit stack, not recursion: a hostile page may nest thousands of elements.
        stack: list[tuple[LexborNode, bool, tuple[Any, ...]]] = [(root, True, ())]
        while stack:
            node, entering, link = stack.pop()
            if not entering:
                self._leave(node, link)
                continue
            tag = node.tag
            if tag == "-text":
                self.inline.add(node.text(deep=False))
                continue
            if self._enter(node) or tag in _SKIPPED:
                continue
            if tag == "iframe" or self._is_embed(node):
                self._flush()
                url = node.attributes.get("src") if tag == "iframe" else self._last_href(node)
                if url:
                    self.blocks.append(RawBlock(url, (Link(0, len(url), url),), kind=BlockKind.EMBED))
                continue
            if tag == "br":
                self.inline.space()
                continue
            if tag in _BLOCKS:
                self._flush()
                self.kinds.append(self._kind_inside(node))
            start = self._link_start(node) if tag == "a" else ()
            stack.append((node, False, start))
            stack.extend((child, True, ()) for child in reversed(list(node.iter(include_text=True))))
        self._flush()
        return self.blocks

    def _leave(self, node: LexborNode, link: tuple[Any, ...]) -> None:
        if len(link) == 3:  # (start, note id, True): a note reference, marked
            self.inline.span(link[0], SpanKind.NOTE_REF)
        elif link:
            self.inline.link(*link)
        if node.tag in _BLOCKS:
            self._flush()
            self.kinds.pop()

    def _kind_inside(self, node: LexborNode) -> dict[str, Any]:
        kind = dict(self.kinds[-1])
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            kind.update(kind=BlockKind.HEADING, heading_level=int(tag[1]))
        elif tag == "figcaption":
            kind.update(kind=BlockKind.CAPTION)
        elif tag == "blockquote":
            kind.update(block_quote=True)
        classes = (node.attributes.get("class") or "") + " " + (node.attributes.get("id") or "")
        if "related" in classes.lower():
            kind.update(kind=BlockKind.RELATED)
        direction = _direction_of(node)
        if direction:
            kind.update(direction=direction)
        return kind

    def _flush(self) -> None:
        block = self.inline.take(**self.kinds[-1])
        if block is not None:
            self.blocks.append(block)

    @staticmethod
    def _is_embed(node: LexborNode) -> bool:
        classes = node.attributes.get("class") or ""
        return node.tag == "blockquote" and any(name in classes for name in _EMBED_CLASSES)

    @staticmethod
    def _last_href(node: LexborNode) -> str | None:
        links = [link.attributes.get("href") for link in node.css("a[href]")]
        return links[-1] if links else None


_RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv"})


def _direction_of(node: LexborNode) -> str | None:
    """What an element says of its base direction: dir="rtl|ltr", else its language."""
    attributes = node.attributes
    direction = (attributes.get("dir") or "").strip().lower()
    if direction in ("rtl", "ltr"):
        return direction
    return direction_of_language(attributes.get("xml:lang") or attributes.get("lang") or "")


def direction_of_language(language: str) -> str | None:
    code = language.strip().lower().replace("_", "-").split("-")[0]
    return None if not code else "rtl" if code in _RTL_LANGUAGES else "ltr"
