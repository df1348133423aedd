"""Reading documents: encodings, bad input, formats (plain, Markdown, HTML), stdin."""

import io
import os
import sys

import pytest

from reader.document.loading import DocumentError, load_document
from reader.document.model import BlockKind

ARABIC = "وأكّد زعيم كوريا الشمالية أن بلاده ستقف مع روسيا.\n\nقال بوتين: «نحن سعداء بهذه الزيارة».\n"


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1256", "iso8859_6"])
def test_encodings_are_detected(tmp_path, codec):
    text = ARABIC.replace("«", '"').replace("»", '"') if codec == "iso8859_6" else ARABIC  # no « » in ISO-8859-6
    doc = load_document(write(tmp_path, "a.txt", text.encode(codec)))
    assert [block.text for block in doc.blocks] == text.strip().split("\n\n")


@pytest.mark.parametrize("codec", ["cp1256", "iso8859_6"])
def test_short_legacy_files_are_detected(tmp_path, codec):
    for word in ("سلام", "مرحبا بالعالم", "قرأت الكتاب", "كيم"):
        assert load_document(write(tmp_path, "a.txt", word.encode(codec))).blocks[0].text == word


def test_forced_encoding_wins(tmp_path):
    path = write(tmp_path, "a.txt", "سلام".encode("cp1256"))  # valid in both code pages
    assert load_document(path, encoding="iso8859_6").blocks[0].text == "سلام".encode("cp1256").decode("iso8859_6")
    assert load_document(path, encoding="windows-1256").blocks[0].text == "سلام"


def test_undecodable_names_the_byte_and_offset(tmp_path):
    path = write(tmp_path, "notes.txt", "سلام".encode() + b"\xff\xfe")
    with pytest.raises(DocumentError) as error:
        load_document(path, encoding="utf-8")
    assert str(error.value) == f"{path}: not valid text (invalid byte 0xff at offset 8 for utf-8)"


def test_unknown_encoding(tmp_path):
    with pytest.raises(DocumentError, match="unknown encoding 'klingon'"):
        load_document(write(tmp_path, "a.txt", b"hello"), encoding="klingon")


@pytest.mark.parametrize("data, message", [
    (b"", "empty document"),
    (b" \n\t\n  \r\n", "empty document"),
    ("\ufeff  \n".encode(), "empty document"),
    (b"PK\x03\x04\x00\x00binary", "binary file, not text (NUL byte at offset 4)"),
])
def test_bad_content_is_one_clear_line(tmp_path, data, message):
    with pytest.raises(DocumentError) as error:
        load_document(write(tmp_path, "x.txt", data))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(str(tmp_path / "absent.txt"))
    with pytest.raises(DocumentError, match="is a directory"):
        load_document(str(tmp_path))


def test_permission_denied(tmp_path):
    path = write(tmp_path, "secret.txt", b"x")
    os.chmod(path, 0)
    root = os.geteuid() == 0
    if root:  # root reads any file: read as nobody, as a user would
        os.chmod(tmp_path, 0o755)
        os.seteuid(65534)
    try:
        with pytest.raises(DocumentError, match="permission denied"):
            load_document(path)
    finally:
        if root:
            os.seteuid(0)


def test_stdin_is_sniffed(monkeypatch):
    markdown = "# عنوان\n\nفقرة فيها [رابط](https://example.com).\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(markdown.encode())))
    doc = load_document("-")
    assert doc.source == "stdin"
    assert [(block.kind, block.text) for block in doc.blocks] == [
        (BlockKind.TITLE, "عنوان"), (BlockKind.LEAD, "فقرة فيها رابط.")]


def test_plain_text_paragraphs(tmp_path):
    doc = load_document(write(tmp_path, "a.txt", "سطر أول\nيكمل هنا\n\n\n  فقرة ثانية  \r\n".encode()))
    assert [block.text for block in doc.blocks] == ["سطر أول يكمل هنا", "فقرة ثانية"]
    no_blank_lines = load_document(write(tmp_path, "b.txt", "واحد.\nاثنان.\nثلاثة.".encode()))
    assert [block.text for block in no_blank_lines.blocks] == ["واحد.", "اثنان.", "ثلاثة."]


MARKDOWN = """# قمة في الشرق

التقى الرئيسان في قاعدة فضائية بعيدة، وناقشا التعاون بين بلديهما لساعات طويلة.

## ما قاله بوتين

وقال بوتين:

> نحن سعداء بهذه **الزيارة** التاريخية.

![بوتين وكيم في القاعدة. رويترز](photo.jpg)

[اقرأ المزيد عن القمة](https://example.com/summit)

<https://twitter.com/example/status/1>

التفاصيل على [الموقع الرسمي](https://kremlin.ru/) وفي https://example.org/page.
"""


def test_markdown_structure_links_and_block_quote(tmp_path):
    doc = load_document(write(tmp_path, "a.md", MARKDOWN.encode()))
    assert [(block.kind, block.text) for block in doc.blocks] == [
        (BlockKind.TITLE, "قمة في الشرق"),
        (BlockKind.LEAD, "التقى الرئيسان في قاعدة فضائية بعيدة، وناقشا التعاون بين بلديهما لساعات طويلة."),
        (BlockKind.HEADING, "ما قاله بوتين"),
        (BlockKind.BODY, "وقال بوتين:"),
        (BlockKind.BODY, "نحن سعداء بهذه الزيارة التاريخية."),
        (BlockKind.CAPTION, "بوتين وكيم في القاعدة. رويترز"),
        (BlockKind.RELATED, "اقرأ المزيد عن القمة"),
        (BlockKind.EMBED, "https://twitter.com/example/status/1"),
        (BlockKind.BODY, "التفاصيل على الموقع الرسمي وفي https://example.org/page."),
    ]
    last = doc.blocks[-1]
    assert [(last.text[link.start:link.end], link.url) for link in last.links] == [
        ("الموقع الرسمي", "https://kremlin.ru/"), ("https://example.org/page", "https://example.org/page")]
    assert [(section.title, section.start_block, section.end_block) for section in doc.sections] == [
        ("قمة في الشرق", 0, 2), ("ما قاله بوتين", 2, 9)]
    # The block quote after "وقال بوتين:" is his, as a whole.
    assert [(quote.paragraph, quote.text, quote.speech, quote.speaker) for quote in doc.quotes] == [
        (4, "نحن سعداء بهذه الزيارة التاريخية.", True, "vladimir-putin")]


HTML = """<!DOCTYPE html>
<html><head><title>القمة | موقع الأخبار</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">الرئيسية</a></nav>
<article>
  <header><h1>بوتين يستقبل   كيم</h1></header>
  <p>استقبل <a href="https://example.com/putin">الرئيس الروسي</a> ضيفه
     في قاعدة فوستوتشني<br>الفضائية يوم الأربعاء.</p>
  <figure><img src="a.jpg" alt=""><figcaption>كيم وبوتين في القاعدة (أ ف ب)</figcaption></figure>
  <h2>تصريحات</h2>
  <p>وقال كيم: “سنقف مع روسيا”.</p>
  <script>document.title = "x"</script>
  <blockquote class="twitter-tweet"><p>نص التغريدة</p>
    <a href="https://twitter.com/example/status/2">September 13, 2023</a></blockquote>
  <div class="related-articles"><a href="/other">كيم يعود إلى بلاده</a></div>
</article>
<footer>حقوق النشر</footer>
</body></html>
"""


def test_html_article_body(tmp_path):
    doc = load_document(write(tmp_path, "page.html", HTML.encode()))
    assert doc.title == "بوتين يستقبل كيم"
    assert [(block.kind, block.text) for block in doc.blocks] == [
        (BlockKind.TITLE, "بوتين يستقبل كيم"),
        (BlockKind.LEAD, "استقبل الرئيس الروسي ضيفه في قاعدة فوستوتشني الفضائية يوم الأربعاء."),
        (BlockKind.CAPTION, "كيم وبوتين في القاعدة (أ ف ب)"),
        (BlockKind.HEADING, "تصريحات"),
        (BlockKind.BODY, "وقال كيم: “سنقف مع روسيا”."),
        (BlockKind.EMBED, "https://twitter.com/example/status/2"),
        (BlockKind.RELATED, "كيم يعود إلى بلاده"),
    ]
    lead = doc.blocks[1]
    assert [(lead.text[link.start:link.end], link.url) for link in lead.links] == [
        ("الرئيس الروسي", "https://example.com/putin")]
    assert [(quote.text, quote.speaker) for quote in doc.quotes] == [("سنقف مع روسيا", "kim-jong-un")]


def test_html_title_element_when_no_heading(tmp_path):
    doc = load_document(write(tmp_path, "p.htm", "<html><head><title>عنوان الصفحة</title></head>"
                                                  "<body><p>نص.</p></body></html>".encode()))
    assert doc.title == "عنوان الصفحة"
    assert [(block.kind, block.text) for block in doc.blocks] == [(BlockKind.BODY, "نص.")]


def test_deeply_nested_html_does_not_crash(tmp_path):
    page = "<html><body>" + "<div>" * 20000 + "عميق" + "</div>" * 20000 + "</body></html>"
    assert [block.text for block in load_document(write(tmp_path, "deep.html", page.encode())).blocks] == ["عميق"]


@pytest.mark.parametrize("text, expected", [
    ("<!doctype html><p>نص</p>", "html"),
    ("<p>نص</p>\n<p>آخر</p>", "html"),
    ("# عنوان\n\nنص", "markdown"),
    ("نص مع [رابط](https://a.b)", "markdown"),
    ("سطر\n- ليس قائمة بالضرورة\n1. ولا هذا", "text"),
    ("قال: 2 < 3 و 5 > 4", "text"),
])
def test_format_is_sniffed_without_a_known_extension(tmp_path, text, expected):
    from reader.document.formats import format_of

    assert format_of("notes", text) == expected
    assert format_of(None, text) == expected


def test_format_from_name_and_forced(tmp_path):
    path = write(tmp_path, "a.md", "# ليس عنوانا\n\nنص".encode())
    assert load_document(path).blocks[0].kind is BlockKind.TITLE
    assert [block.text for block in load_document(path, fmt="text").blocks] == ["# ليس عنوانا", "نص"]
    with pytest.raises(DocumentError, match="unknown format"):
        load_document(path, fmt="pdf")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_named_and_readable_when_forced(tmp_path, codec):
    path = write(tmp_path, "a.txt", "سلام عليكم".encode(codec))
    with pytest.raises(DocumentError, match=f"try --encoding {codec}"):
        load_document(path)
    assert load_document(path, encoding=codec).blocks[0].text == "سلام عليكم"
