"""Nothing from a document reaches the terminal as a control sequence; links only as validated
http(s) hyperlinks."""

import asyncio

from reader.document.model import (
    Block,
    BlockKind,
    Document,
    Entity,
    EntityType,
    Link,
    Mention,
    MentionKind,
    Quote,
    Section,
)
from reader.ui.app import ReaderApp
from reader.ui.drawing import safe_link
from reader.ui.status import StatusLine

PAYLOADS = [
    "\x1b]2;PWNED\x07",  # OSC: window title
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: clipboard
    "\x1b[2J\x1b[H",  # CSI: clear screen, cursor home
    "\x1bP+q\x1b\\",  # DCS
    "\x9b31m",  # C1 CSI
    "\x7f\x08\r",
    "\u202eevil\u202c",  # bidi override
]
HOSTILE = "".join(PAYLOADS)


def hostile_document() -> Document:
    texts = [
        f"عنوان {HOSTILE}",
        f"قال أحمد {HOSTILE} «نعم {HOSTILE}»",
        f"رابط {HOSTILE}",
        "https://example.com/\x1b]2;x\x07",
    ]
    kinds = [BlockKind.TITLE, BlockKind.BODY, BlockKind.BODY, BlockKind.EMBED]
    link_end = len(texts[2])
    blocks = (
        Block(0, kinds[0], texts[0]),
        Block(1, kinds[1], texts[1]),
        Block(2, kinds[2], texts[2], (Link(0, 4, "https://example.com/a\x1b]2;x\x07"), Link(5, link_end, "javascript:alert(1)"))),
        Block(3, kinds[3], texts[3]),
    )
    quote_start = texts[1].index("«") + 1
    return Document(
        title=texts[0],
        source="-",
        blocks=blocks,
        sections=(Section(texts[0], None, 0, 1), Section(f"قسم {HOSTILE}", 1, 1, 4)),
        quotes=(Quote(1, quote_start, len(texts[1]) - 1, texts[1][quote_start:-1], True, "x"),),
        entities=(Entity("x", EntityType.PERSON, f"أحمد {HOSTILE}", f"Ahmad {HOSTILE}", f"desc {HOSTILE}", (), ()),),
        mentions=(Mention("x", 1, 4, 8, "أحمد", MentionKind.NAME),),
    )


def test_no_control_character_reaches_any_widget_strip(tmp_path):
    async def main():
        app = ReaderApp(hostile_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("s", "quotation_mark", "e", "slash", *"نعم")
            await pilot.pause()
            widgets = [app.reader_screen.article, app.reader_screen.panel("sections"), app.reader_screen.panel("quotes"), app.reader_screen.panel("glossary"),
                       app.query_one(StatusLine), app.reader_screen.search_bar.field]
            drawn = ""
            for widget in widgets:
                for y in range(widget.size.height):
                    for segment in widget.render_line(y):
                        drawn += segment.text
                        link = segment.style.link if segment.style else None
                        if link:
                            drawn += link
            assert "ﻥﺍﻮﻨﻋ" in drawn  # the title is drawn…
            assert "␛" in drawn  # …with its escape shown as a visible placeholder
            bad = {c for c in drawn if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E}
            assert bad == set()
            await pilot.press("enter", "g", "y")  # the copy notice quotes the copied text
            notice = list(app._notifications)[-1].message
            assert notice.startswith("Copied the paragraph at the top")
            assert {c for c in notice if ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F} == set()

    asyncio.run(main())


def test_only_validated_http_links_become_hyperlinks(tmp_path):
    async def main():
        app = ReaderApp(hostile_document(), state_dir=tmp_path / "state")
        async with app.run_test(size=(100, 40)):
            article = app.reader_screen.article
            links = set()
            for y in range(article.size.height):
                for segment in article.render_line(y):
                    if segment.style and segment.style.link:
                        links.add(segment.style.link)
            assert links == set()  # a URL with an escape in it, javascript:, and an embed with an escape

    asyncio.run(main())


def test_safe_link_accepts_http_and_percent_encodes():
    assert safe_link("https://example.com/path?q=1#top") == "https://example.com/path?q=1#top"
    assert safe_link(" http://example.com/مرحبا ") == "http://example.com/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7"
    assert safe_link("http://example.com/a b") is None
    for url in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/", "https://", "http:///x",
                "https://example.com/\x1b]8;;x\x07", "https://example.com/\x9b", "data:text/html,hi"):
        assert safe_link(url) is None, url


def test_an_embedded_url_and_a_document_link_are_hyperlinks(tmp_path):
    texts = ["عنوان", "اقرأ المزيد هنا", "https://twitter.com/x/status/1"]
    document = Document(
        title=texts[0],
        source="-",
        blocks=(
            Block(0, BlockKind.TITLE, texts[0]),
            Block(1, BlockKind.BODY, texts[1], (Link(12, 15, "https://example.com/هنا"),)),
            Block(2, BlockKind.EMBED, texts[2]),
        ),
        sections=(Section(texts[0], None, 0, 3),),
        quotes=(),
        entities=(),
        mentions=(),
    )

    async def main():
        app = ReaderApp(document, state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 24)):
            article = app.reader_screen.article
            linked = {}
            for y in range(article.rows.total):
                for segment in article.render_line(y):
                    if segment.style and segment.style.link:
                        linked[segment.text.strip()] = segment.style.link
            assert linked == {
                "\ufe8e\ufee8\ufeeb": "https://example.com/%D9%87%D9%86%D8%A7",  # ﺎﻨﻫ: هنا
                texts[2]: texts[2],
            }

    asyncio.run(main())


def test_y_copies_the_letters_without_any_control(tmp_path):
    text = "قبل \x1b]2;PWNED\x07 بعد \x9b31m \u2067عزل\u2069 \u202eevil\u202c \u200fرقم 5\u200e\tنهاية\r"
    document = Document(title="عنوان", source="-", blocks=(Block(0, BlockKind.BODY, text),),
                        sections=(Section("عنوان", None, 0, 1),), quotes=(), entities=(), mentions=())

    async def main():
        app = ReaderApp(document, state_dir=tmp_path / "state")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("y")
            # ESC, BEL, C1 CSI, the isolates, the override and CR gone; RLM, LRM and tab kept.
            assert app.clipboard == "قبل ]2;PWNED بعد 31m عزل evil \u200fرقم 5\u200e\tنهاية"

    asyncio.run(main())
