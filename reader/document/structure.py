"""Block kinds and sections: what a careful reader sees in a news article's layout.

The markup (Markdown, HTML) says what it can; the rest is decided from the text the same way for
every format: a bare URL is an embed, a paragraph ending with a photo credit is a caption, a
short line that recurs in different places is a related-article link, a short "كتب: …" or
"بقلم …" line is a byline, a place and agency opening the lead ("دمشق-سانا") its dateline, and —
in plain text only, where nothing marks them — a short unpunctuated line before a paragraph is
a heading, and the first line the title when it looks like one.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reader.document.formats import RawBlock
from reader.document.model import Block, BlockKind, Link, Section, Span, SpanKind
from reader.engine.normalize import fold

# Photo credits that end a caption: "… روسيا. رويترز", "… (أ ف ب)", "… - AFP".
_CREDITS = (
    "رويترز", "أ ف ب", "أ.ف.ب", "أ. ف. ب", "فرانس برس", "أسوشيتد برس", "أ ب", "إي بي إيه", "الأناضول",
    "غيتي", "غيتي إيميجز", "غيتي إيمجز", "وام", "واس", "سانا", "الجزيرة", "تاس", "سبوتنيك",
    "Reuters", "AFP", "AP", "EPA", "Getty Images", "Getty", "Anadolu",
)
_CREDIT = "(?:تصوير\\s*:?\\s*)?(?:" + "|".join(map(re.escape, _CREDITS)) + ")"
_CAPTION_END = re.compile(
    rf"(?:(?:[.،,:;؛\-–—/|]|^)\s*{_CREDIT}|\(\s*{_CREDIT}\s*\)|\[\s*{_CREDIT}\s*\])\s*\.?$", re.IGNORECASE
)
_RELATED_PREFIX = re.compile(r"^\s*(?:اقرأ|إقرأ|اقرا|شاهد|طالع)\s+(?:أيضا|أيضاً|ايضا|المزيد)|^\s*(?:read|see)\s+(?:also|more)\b",
                             re.IGNORECASE)
# "كتب: …", "بقلم …", "By …" alone on a line: who wrote it. كتب needs its colon or dash, as
# prose opens with it too ("كتب الوزير رسالة…").
_BYLINE = re.compile(r"^(?:بقلم\s*[:\-–—]?|(?:كتب|كتبت|كتبه|إعداد|اعداد|تحرير|ترجمة|تقرير|حوار|إشراف)\s*[:\-–—]"
                     r"|by\s+(?=[A-Z]))\s*\S", re.IGNORECASE)
_BYLINE_MAX_WORDS = 12
# A dateline opening the lead: a place of one to three words and the agency or paper, "دمشق-سانا",
# "القاهرة (رويترز) -", "بيروت - «الحياة»:", "حماة - الوادي:".
_AGENCIES = _CREDITS + ("كونا", "قنا", "بترا", "وفا", "د ب أ", "د.ب.أ", "شينخوا", "أ ش أ", "أ.ش.أ", "يو بي آي",
                        "بي بي سي", "CNN", "BBC", "DPA", "Xinhua")
_AGENCY = "(?:" + "|".join(map(re.escape, sorted(_AGENCIES, key=len, reverse=True))) + ")"
_QUOTED_NAME = r"(?:[«\"“”][^«»\"“”\n]{1,30}[»\"”“])"
_DATELINE = re.compile(
    r"^[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2}\s*"
    rf"(?:[-–—]\s*(?:\(\s*{_AGENCY}\s*\)|{_AGENCY}|{_QUOTED_NAME})(?:\s*[-–—:])?"
    rf"|\(\s*{_AGENCY}\s*\)\s*[-–—:]"
    r"|[-–—]\s*[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2}\s*:)(?=\s*\S)"  # "طرطوس - أخبار الساحل:"
)
_URL = re.compile(r"https?://[^\s<>\"“”«»]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?؟،؛)]}'’"
_SENTENCE_END = ".!?؟:؛،,;…"

_PROSE_PUNCTUATION = re.compile(r"[،,؛;]|[.!?؟](?=\s)")
# Folded (reader.engine.normalize) first words with which prose goes on, never a heading.
_PROSE_OPENERS = frozenset((
    "وفي ومن وكان وكانت وقد وهذا وهذه وهو وهي وهم ولم ولا ولن وقال وقالت واضاف واضافت واكد واكدت واشار "
    "واشارت وتابع وذكر وذكرت واوضح وعند وبعد وقبل وذلك وبذلك كما لكن ولكن فيما بينما حيث اذ ثم لذلك الا "
    "غير ان وان فان"
).split())
_CAPTION_MAX_WORDS = 60
_RELATED_MAX_WORDS = 20
_RELATED_MIN_WORDS = 3
_TITLE_MAX_WORDS = 20
_HEADING_MAX_WORDS = 10


def build_blocks(raw: list[RawBlock], fmt: str) -> tuple[Block, ...]:
    kinds: list[BlockKind | None] = [block.kind for block in raw]
    for index, block in enumerate(raw):
        if kinds[index] is None:
            kinds[index] = _kind_from_text(block.text)
    for index in _recurring_short_lines(raw, kinds):
        kinds[index] = BlockKind.RELATED
    if raw and (raw[0].heading_level == 1 or (fmt == "text" and len(raw) > 1 and kinds[0] is None
                                              and _looks_like_title(raw[0].text))):
        kinds[0] = BlockKind.TITLE
    if fmt == "text":
        for index in range(1, len(raw)):
            if kinds[index] is None and _looks_like_heading(raw, kinds, index):
                kinds[index] = BlockKind.HEADING
    final = [BlockKind.BODY if kind is None else kind for kind in kinds]
    lead = next((index for index, kind in enumerate(final) if kind in (BlockKind.BODY, BlockKind.HEADING)), None)
    if lead is not None and final[lead] is BlockKind.HEADING:
        lead = None
    if fmt == "epub":  # a book has chapters, not a news story's lead and dateline
        lead = None
    if lead is not None and final[0] is BlockKind.TITLE:
        final[lead] = BlockKind.LEAD
    dateline = _DATELINE.match(raw[lead].text) if lead is not None else None
    return tuple(
        Block(index, kind, block.text, _with_bare_urls(block.text, block.links),
              ((Span(0, dateline.end(), SpanKind.DATELINE),) if dateline and index == lead else ()) + block.spans,
              block.direction)
        for index, (kind, block) in enumerate(zip(final, raw, strict=True))
    )


def build_sections(blocks: tuple[Block, ...], title: str) -> tuple[Section, ...]:
    """The opening (title, lead, text before the first heading), then one section per heading."""
    headings = [block.index for block in blocks if block.kind is BlockKind.HEADING]
    sections = []
    first = headings[0] if headings else len(blocks)
    if first > 0:
        sections.append(Section(title, None, 0, first))
    for number, heading in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(blocks)
        sections.append(Section(blocks[heading].text, heading, heading, end))
    return tuple(sections)


def is_related_prefix(text: str) -> bool:
    """ "اقرأ أيضا…", "Read also…": a link to another article."""
    return bool(_RELATED_PREFIX.match(text))


def is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text.lstrip())) and _at_most_words(text, _BYLINE_MAX_WORDS)


def _kind_from_text(text: str) -> BlockKind | None:
    stripped = text.strip()
    if is_byline(stripped):
        return BlockKind.BYLINE
    url = _URL.fullmatch(stripped)
    if url and not stripped.endswith(tuple(_URL_TRAILING)):
        return BlockKind.EMBED
    if _RELATED_PREFIX.match(stripped):
        return BlockKind.RELATED
    if _at_most_words(stripped, _CAPTION_MAX_WORDS) and _CAPTION_END.search(stripped):
        return BlockKind.CAPTION
    return None


def _recurring_short_lines(raw: list[RawBlock], kinds: list[BlockKind | None]) -> list[int]:
    """Short lines that recur where the text around them differs: a "related article" link.

    A document that repeats whole passages repeats a short line together with its neighbours;
    that line is part of the passage, not a link.
    """
    places: dict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(raw):
        if (kinds[index] is None and _at_most_words(block.text, _RELATED_MAX_WORDS)
                and not _at_most_words(block.text, _RELATED_MIN_WORDS - 1)):
            places[" ".join(block.text.split())].append(index)
    related = []
    for indices in places.values():
        if len(indices) < 2:
            continue
        before = {raw[index - 1].text if index > 0 else None for index in indices}
        after = {raw[index + 1].text if index + 1 < len(raw) else None for index in indices}
        if len(before) > 1 and len(after) > 1:
            related.extend(indices)
    return related


def _looks_like_title(text: str) -> bool:
    """Short, no sentence-final punctuation, and not the opening of a story ("دمشق-سانا …")."""
    return (_at_most_words(text, _TITLE_MAX_WORDS) and not text.rstrip().endswith(tuple(_SENTENCE_END))
            and not _DATELINE.match(text))


def _looks_like_heading(raw: list[RawBlock], kinds: list[BlockKind | None], index: int) -> bool:
    """A short line with no punctuation of prose, followed by a paragraph of text.

    A body sentence that merely lacks its full stop is usually long, has commas, or opens the
    way prose goes on ("وقال", "وفي", "كما" …): none of those is a heading.
    """
    text = raw[index].text.rstrip()
    if (not _at_most_words(text, _HEADING_MAX_WORDS) or text.endswith(tuple(_SENTENCE_END))
            or _PROSE_PUNCTUATION.search(text) or fold(text.split()[0]) in _PROSE_OPENERS):
        return False
    following = index + 1
    return (following < len(raw) and kinds[following] is None
            and not _at_most_words(raw[following].text, _HEADING_MAX_WORDS))


def _at_most_words(text: str, limit: int) -> bool:
    # Splitting stops after `limit` words: a long paragraph costs no more than a short one.
    return len(text.split(maxsplit=limit)) <= limit


def _with_bare_urls(text: str, links: tuple[Link, ...]) -> tuple[Link, ...]:
    if "://" not in text:
        return links
    found = list(links)
    for match in _URL.finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        if not any(link.start < end and start < link.end for link in links):
            found.append(Link(start, end, text[start:end]))
    return tuple(sorted(found, key=lambda link: link.start))
