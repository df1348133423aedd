"""Turning text into screen cells for Textual, always through the engine.

Every string that comes from a document (and every Arabic string) reaches the screen through
`TextOptions.layout` → the engine's screen lines, which are sanitised, shaped and in visual order.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.engine.justify import layout_justified
from reader.engine.layout import ParagraphLayout, ScreenLine, Span


@dataclass(frozen=True, slots=True)
class TextOptions:
    """How the app lays text out; one value shared by every widget.

    shape/reorder are the engine's switches for terminals that shape or reorder themselves;
    justify is how the article's body paragraphs are justified (the settings' justify)."""

    base_dir: str = "auto"
    harakat: str = "all"  # all, shadda or none (reader.settings.HARAKAT_MODES)
    shape: bool = True
    reorder: bool = True
    justify: str = "none"  # none, spaces or kashida (reader.settings.JUSTIFY_MODES)

    def layout(self, text: str, width: int, base_dir: str | None = None, *, body: bool = False) -> ParagraphLayout:
        """`text` laid out at `width`; justified by `justify` only if it is a `body` paragraph."""
        return layout_justified(
            text,
            width,
            justify=self.justify if body else "none",
            base_dir=base_dir or self.base_dir,
            harakat=self.harakat,
            shape=self.shape,
            reorder=self.reorder,
        )


def line_segments(
    line: ScreenLine,
    base: Style,
    spans: Iterable[Span] = (),
    style_of: Callable[[str], Style] | None = None,
) -> list[Segment]:
    """The line's indent and text as segments: one segment per run, so a letter and its marks
    stay in one segment (Strip.crop drops zero-width segments at its edges).

    Where spans overlap, the style of the span later in `spans` wins."""
    segments = [Segment(" " * line.indent, base)] if line.indent else []
    spans = list(spans)
    if not spans or style_of is None:
        segments.append(Segment(line.text, base))
        return segments
    precedence = {span.style: rank for rank, span in enumerate(spans)}
    for run in line.runs(spans):
        style = base
        for name in sorted(run.styles, key=precedence.__getitem__):
            style += style_of(name)
        segments.append(Segment(run.text, style))
    return segments


def text_strip(
    text: str,
    width: int,
    options: TextOptions,
    style: Style,
    *,
    base_dir: str | None = None,
) -> Strip:
    """The first screen line of `text` at `width`, aligned by its direction, exactly `width` cells."""
    if width <= 0:
        return Strip([])
    line = options.layout(text, width, base_dir).lines[0]
    return Strip(line_segments(line, style)).adjust_cell_length(width, style)


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def safe_link(url: str) -> str | None:
    """`url` percent-encoded to printable ASCII if it is an http(s) URL with a host, else None.

    Only such a URL may become a terminal hyperlink (OSC 8): anything else from a document
    could carry a control sequence or another scheme."""
    url = url.strip()
    if not url or any(ord(c) < 0x21 or 0x7F <= ord(c) <= 0x9F for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    try:
        host.encode("idna")
    except UnicodeError:
        return None
    encoded = quote(url, safe=_URL_SAFE)
    return encoded if encoded.isascii() and encoded.isprintable() else None
