"""A saved web page to its article: the main text found by trafilatura, with what it drops put back.

trafilatura (Apache-2.0, F1 ≈ 0.96 on the ScrapingHub article benchmark) finds the article in a
page and drops the navigation, menus, "most read" lists, share and comment widgets and footers.
Around it, this module decides what a reader sees:
- the headline: the article's own (og:title, the JSON-LD headline, trafilatura's title), never
  the site's logo, with the site's name removed from its ends; teasers the extractor keeps
  before the headline ("read also" boxes in an earlier <article>) are dropped;
- byline, date (only from the page's markup, never guessed from its text) and site name, as
  metadata; the byline is then removed from the body so it is shown once;
- subheadings (<h2>…, or a short bold paragraph) as headings, hence sections;
- paragraphs split where the page separates them with <br><br>;
- figure captions, which trafilatura drops, recovered from the page's <figcaption> elements
  that lie inside the article, in their place;
- links made absolute from <base>, the canonical URL, og:url or the page's own URL; only
  http(s) links kept.
Returns None when the extractor finds no article (a fragment, a short page): the caller then
reads the whole page as before (formats.parse_html) and says so.
"""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.document.formats import RawBlock, _Inline
from reader.document.model import BlockKind
from reader.document.structure import is_byline, is_related_prefix

MIN_ARTICLE_CHARS = 200  # less text than this is not an article the extractor found
_SEPARATORS = re.compile(r"\s+[|\-–—:•»«]+\s+|\s*[|•]\s*")
_SUBHEADING_MAX_WORDS = 14
_SENTENCE_END = tuple(".!?؟:؛،,…")


@dataclass
class Article:
    title: str
    blocks: list[RawBlock]
    site: str
    byline: str
    date: str


def extract_article(page: str, url: str | None = None) -> Article | None:
    try:
        import trafilatura
        from trafilatura.settings import Document as Extracted
    except ImportError:  # not installed with the package: the whole page, as before
        return None
    base = _base_url(page, url)
    document = trafilatura.bare_extraction(
        _visible_controls(page), url=base, with_metadata=True, include_formatting=True, include_links=True,
        include_comments=False, include_tables=False, include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if (not isinstance(document, Extracted) or document.body is None
            or len(document.text or "") < MIN_ARTICLE_CHARS or _flattened(document.body, page)):
        return None
    meta = _Meta(page)
    site = _site_name(document.sitename or "", meta, document.title or "")
    title = _headline(document.title or "", meta, site)
    byline = " ".join((document.author or "").split())
    blocks = _blocks(document.body, base)
    blocks = _from_headline(blocks, title)
    blocks = [block for block in blocks if not _is_furniture(block, byline)]
    blocks = _with_captions(blocks, page)
    if not blocks:
        return None
    return Article(title, [RawBlock(title, kind=BlockKind.TITLE), *blocks] if title else blocks,
                   site, byline, document.date or "")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|&#(?:x0*([0-9a-fA-F]{1,2})|0*([0-9]{1,3}));?")


def _visible_controls(page: str) -> str:
    """Control characters, raw or as references (&#27;), as the placeholders the screen shows
    for them (engine.sanitize): lxml, under trafilatura, refuses them and the extraction fails.
    References to 128–159 are left: HTML reads them as Windows-1252 punctuation."""
    from reader.engine.sanitize import sanitize

    def visible(found: re.Match[str]) -> str:
        if found.group(1) is None and found.group(2) is None:
            return sanitize(found.group())
        code = int(found.group(1), 16) if found.group(1) is not None else int(found.group(2))
        return sanitize(chr(code)) if code < 0x20 and code not in (9, 10, 13) or code == 0x7F else found.group()

    return _CONTROL.sub(visible, page)


def _flattened(body: Any, page: str) -> bool:
    """trafilatura's last resort on a small page is all of its text in one paragraph, headline,
    captions and links run together: not an article found."""
    children = list(body)
    return len(children) == 1 and len(children[0]) == 0 and len(_PARAGRAPH.findall(page)) > 2


_PARAGRAPH = re.compile(r"<(?:p|h[1-6]|li|figcaption|blockquote)\b", re.IGNORECASE)


class _Meta:
    """What the page's <head> says of itself (og:…, twitter:…, JSON-LD headline, <title>)."""

    def __init__(self, page: str) -> None:
        from selectolax.lexbor import LexborHTMLParser

        head = page[: page.lower().find("<body")] if "<body" in page.lower() else page[:200_000]
        tree = LexborHTMLParser(head)
        self.properties: dict[str, str] = {}
        for node in tree.css("meta"):
            key = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
            value = node.attributes.get("content")
            if key and value and key not in self.properties:
                self.properties[key] = " ".join(value.split())
        title = tree.css_first("title")
        self.title = " ".join(title.text().split()) if title is not None else ""
        headline = re.search(r'"headline"\s*:\s*"((?:[^"\\]|\\.){1,500})"', head)
        self.headline = " ".join(_json_string(headline.group(1)).split()) if headline else ""


def _json_string(text: str) -> str:
    import json

    try:
        return str(json.loads(f'"{text}"'))
    except ValueError:
        return text


def _base_url(page: str, url: str | None) -> str | None:
    """<base href>, else the canonical URL, else og:url, else where the page came from."""
    for pattern in (r"<base\s[^>]*href\s*=\s*[\"']([^\"']+)",
                    r"<link\s[^>]*rel\s*=\s*[\"']canonical[\"'][^>]*href\s*=\s*[\"']([^\"']+)",
                    r"<link\s[^>]*href\s*=\s*[\"']([^\"']+)[\"'][^>]*rel\s*=\s*[\"']canonical",
                    r"<meta\s[^>]*property\s*=\s*[\"']og:url[\"'][^>]*content\s*=\s*[\"']([^\"']+)"):
        found = re.search(pattern, page[:200_000], re.IGNORECASE)
        if found:
            candidate = urljoin(url or "", html_entities.unescape(found.group(1).strip()))
            if urlsplit(candidate).scheme in ("http", "https"):
                return candidate
    return url


def _site_name(found: str, meta: _Meta, title: str) -> str:
    site = meta.properties.get("og:site_name") or meta.properties.get("application-name") or ""
    if site:
        return site
    if found and "." not in found:  # trafilatura's own, unless it is only the host name
        return found
    # <title> "Site - Headline" or "Headline | Site": the shorter part that is not the headline.
    parts = [part for part in _SEPARATORS.split(meta.title) if part.strip()]
    if len(parts) > 1:
        shortest = min((parts[0], parts[-1]), key=len)
        if shortest != title or len(shortest.split()) <= 4:
            return shortest.strip()
    return found


def _headline(found: str, meta: _Meta, site: str) -> str:
    candidates = [meta.properties.get("og:title", ""), meta.properties.get("twitter:title", ""), meta.headline, found]
    for candidate in candidates:
        headline = _without_shared_suffix(_without_site(candidate, site), meta.title)
        if headline and headline != site:
            return headline
    parts = [part.strip() for part in _SEPARATORS.split(meta.title) if part.strip() and part.strip() != site]
    return max(parts, key=len) if parts else ""


_SUFFIX = re.compile(r"\s+[|\-–—:•]\s+([^|\-–—:•]{1,60})$")


def _without_shared_suffix(title: str, page_title: str) -> str:
    """ "Headline | الموقع" when the page's <title> ends the same way: a site's name in another
    spelling than og:site_name's (a short last part, after a longer headline)."""
    found = _SUFFIX.search(title)
    if found is None or not page_title.endswith(found.group(0).strip()[1:].strip()):
        return title
    suffix, rest = found.group(1).strip(), title[: found.start()].strip()
    return rest if len(suffix.split()) <= 4 and len(rest.split()) >= 4 else title


def _without_site(title: str, site: str) -> str:
    title = " ".join(title.split())
    if site:
        for separator in (" | ", " - ", " – ", " — ", " :: ", " : ", " • ", " « ", " » "):
            if title.endswith(separator + site):
                return title[: -len(separator + site)].strip()
            if title.startswith(site + separator):
                return title[len(site + separator):].strip()
    return title


_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "div", "list", "code", "cell", "row", "table"})


def _blocks(body: Any, base: str | None) -> list[RawBlock]:
    """trafilatura's XML (p, head, list/item, quote, hi, ref, lb; an lxml element) to blocks,
    walked with no recursion."""
    from lxml import etree  # type: ignore[import-untyped]  # no stubs; trafilatura's own parser

    blocks: list[RawBlock] = []
    inline = _Inline()
    contexts: list[dict[str, Any]] = [{}]
    links: list[tuple[int, str]] = []
    bold_starts: list[int] = []
    bold = 0  # characters of the current block inside <hi rend="#b">
    breaks = 0  # <lb/> in a row since the last text

    def flush() -> None:
        nonlocal bold
        block = inline.take(**contexts[-1])
        if block is not None:
            blocks.append(_as_subheading(block, bold))
        bold = 0

    def text(value: str | None) -> None:
        nonlocal breaks
        if value and value.strip():
            if breaks and (breaks > 1 or "".join(inline.parts).rstrip().endswith(_SENTENCE_END)):
                flush()  # <br><br>, or a <br> after a full sentence: a new paragraph
            breaks = 0
        if value:
            inline.add(value)

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                flush()
                context = dict(contexts[-1])
                if tag == "head":
                    level = (element.get("rend") or "h2").lstrip("h")
                    context.update(kind=BlockKind.HEADING, heading_level=int(level) if level.isdigit() else 2)
                elif tag == "quote":
                    context.update(block_quote=True)
                contexts.append(context)
                if tag == "item":
                    inline.add("• ")
            elif tag == "ref":
                links.append((inline.position(), _absolute(element.get("target") or "", base)))
            elif tag == "hi" and "b" in (element.get("rend") or ""):
                bold_starts.append(inline.position())
            elif tag == "lb":
                breaks += 1
                inline.space()
            text(element.text)
        else:
            if tag in _BLOCK_TAGS:
                flush()
                contexts.pop()
            elif tag == "ref" and links:
                start, url = links.pop()
                inline.link(start, url)
            elif tag == "hi" and "b" in (element.get("rend") or "") and bold_starts:
                bold += max(0, inline.length - bold_starts.pop())
            if element is not body:
                text(element.tail)
    flush()
    return blocks


def _absolute(url: str, base: str | None) -> str:
    url = url.strip()
    absolute = urljoin(base, url) if base else url
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _as_subheading(block: RawBlock, bold: int) -> RawBlock:
    """A short paragraph that is all bold, with no full stop (a subheading as many sites write
    it: <p><strong>…</strong></p>, <b>…</b><br>) is a heading."""
    text = block.text.strip()
    if (block.kind is None and bold >= 0.9 * len(text) and len(text.split()) <= _SUBHEADING_MAX_WORDS
            and not text.endswith(_SENTENCE_END) and not block.block_quote):
        block.kind = BlockKind.HEADING
        block.heading_level = 3
    return block


def _from_headline(blocks: list[RawBlock], title: str) -> list[RawBlock]:
    """The article starts at its headline: what comes before it in the extract is a teaser."""
    folded = " ".join(title.split())
    for index, block in enumerate(blocks):
        if folded and " ".join(block.text.split()) == folded:
            return blocks[index + 1:]
    return blocks


def _is_furniture(block: RawBlock, byline: str) -> bool:
    text = block.text.strip()
    if text.startswith("• ") and block.links and _all_links(block):
        return True  # an item of a list of links: "most read", "related"
    if is_related_prefix(text) or (block.kind is not BlockKind.HEADING and block.links and _all_links(block)
                                   and len(text.split()) <= 20):
        return True
    return bool(byline) and (is_byline(text) or (byline in text and len(text.split()) <= len(byline.split()) + 4))


def _all_links(block: RawBlock) -> bool:
    linked = sum(link.end - link.start for link in block.links)
    return linked >= len(block.text.replace("• ", "").strip()) * 0.9


_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def _with_captions(blocks: list[RawBlock], page: str) -> list[RawBlock]:
    """Each <figcaption> of the page that lies between the article's first and last blocks, as a
    caption block in its place (a caption already in the text becomes a caption there)."""
    captions = []
    for found in _FIGCAPTION.finditer(page):
        text = " ".join(html_entities.unescape(_TAGS.sub(" ", found.group(1))).split())
        if text:
            captions.append((found.start(), text))
    if not captions or not blocks:
        return blocks
    body = page.lower().find("<body")
    places = _places(blocks, page, max(body, 0))
    located = [place for place in places if place is not None]
    if not located:
        return blocks
    first, last = located[0], located[-1]
    texts = {" ".join(block.text.split()): index for index, block in enumerate(blocks)}
    inserted: dict[int, list[RawBlock]] = {}
    for offset, text in captions:
        if text in texts:
            blocks[texts[text]].kind = BlockKind.CAPTION
            continue
        if not first - 4000 <= offset <= last:  # a lead picture just above the text counts
            continue
        after = max((index for index, place in enumerate(places) if place is not None and place < offset), default=-1)
        inserted.setdefault(after, []).append(RawBlock(text, kind=BlockKind.CAPTION))
    result = inserted.get(-1, [])
    for index, block in enumerate(blocks):
        result.append(block)
        result.extend(inserted.get(index, []))
    return result


def _places(blocks: list[RawBlock], page: str, start: int) -> list[int | None]:
    """Where each block's first words are in the page's source, in order (None: not found, as
    when an entity or a tag sits among them)."""
    places: list[int | None] = []
    position = start
    for block in blocks:
        words = _WORD.findall(block.text)[:4]
        found = re.compile(r"\W+".join(map(re.escape, words))).search(page, position) if words else None
        if found:
            position = found.end()
            places.append(found.start())
        else:
            places.append(None)
    return places
