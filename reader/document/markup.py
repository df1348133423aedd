"""A cheap lexical pass over HTML before any parser sees it: markup bounded.

HTML parsers are fast on pages and slow on attacks: one element with 100,000 attributes takes
seconds to minutes in lexbor, lxml and trafilatura alike. Scanning the raw text for tags is
linear, so the page is bounded here (attributes per element, tags in all) and the parsers only
ever see a bounded page. A real news page has a few thousand tags and rarely 30 attributes on
one element.
"""

from __future__ import annotations

import re

MAX_TAGS = 50_000
MAX_ATTRIBUTES = 100
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_LONG_TAG = 2_000  # characters; a shorter tag cannot hold MAX_ATTRIBUTES attributes worth cutting
_NAME = re.compile(r"<[A-Za-z][^\s/>]*")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


def bound_markup(html: str) -> tuple[str, str]:
    """The page with at most MAX_ATTRIBUTES attributes per element and MAX_TAGS tags, and what
    was cut, said in one line for the reader ("" when nothing was)."""
    pieces: list[str] = []
    done = 0  # html[:done] is in pieces
    trimmed = 0
    for count, tag in enumerate(_TAG.finditer(html), 1):
        if count > MAX_TAGS:
            pieces.append(html[done:tag.start()])
            cut = f"the page was cut at {MAX_TAGS} tags"
            return "".join(pieces), _said(cut, trimmed)
        if tag.end() - tag.start() > _LONG_TAG:
            text = tag.group()
            name = _NAME.match(text)
            assert name is not None  # _TAG starts with a name
            attributes = _ATTRIBUTE.findall(text, name.end())
            if len(attributes) > MAX_ATTRIBUTES:
                trimmed += 1
                pieces.append(html[done:tag.start()])
                pieces.append(f"{name.group()} {' '.join(attributes[:MAX_ATTRIBUTES])}>")
                done = tag.end()
    if not pieces:
        return html, ""
    pieces.append(html[done:])
    return "".join(pieces), _said("", trimmed)


def _said(cut: str, trimmed: int) -> str:
    parts = [cut] if cut else []
    if trimmed:
        elements = "element" if trimmed == 1 else "elements"
        parts.append(f"{trimmed} {elements} with over {MAX_ATTRIBUTES} attributes kept only the first {MAX_ATTRIBUTES}")
    return "; ".join(parts)
