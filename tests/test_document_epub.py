"""EPUB books: spine order, nested table of contents, directions, metadata, images, footnotes,
lazy opening, and one clear line for each broken or hostile book."""

import base64
import os
import subprocess
import zipfile

import pytest

from harness.books import ENGLISH_CHAPTERS, ENGLISH_TOC, make_epub, xhtml
from harness.commands import reader_script
from reader.document.loading import (
    PREVIEW_CHARS,
    DocumentError,
    load_document,
    open_document,
)
from reader.document.model import BlockKind, SpanKind

READER = reader_script()


def table(document):
    return [(block.kind, block.direction, block.text) for block in document.blocks]


@pytest.mark.parametrize("version", [2, 3])
def test_arabic_book_in_spine_order_with_its_table_of_contents(tmp_path, version):
    document = load_document(str(make_epub(tmp_path / "book.epub", version=version)))
    assert (document.title, document.byline, document.masthead) == ("رحلة إلى الواحات", "سلمى الراوي", "سلمى الراوي")
    rtl = "rtl"
    assert table(document) == [
        (BlockKind.TITLE, rtl, "رحلة إلى الواحات"),
        (BlockKind.BODY, rtl, "سلمى الراوي"),
        (BlockKind.HEADING, rtl, "الفصل الأول: الطريق"),
        (BlockKind.BODY, rtl, "خرجنا من المدينة قبل الفجر، والسيارة محملة بالماء والخبز وخريطة قديمة رسمها جدي بيده1."),
        (BlockKind.BODY, rtl, "كان الطريق طويلا ومستقيما، لا يقطعه إلا بئر مهجورة أو خيمة لراع وحيد."),
        (BlockKind.CAPTION, rtl, "▣ بئر قديمة في الصحراء"),
        (BlockKind.BODY, "ltr", "The map was drawn in 1962."),  # its own lang="en"
        (BlockKind.FOOTNOTE, rtl, "1 رسم جدي هذه الخريطة حين كان يعمل دليلا للقوافل."),  # at its chapter's end
        (BlockKind.HEADING, rtl, "الفصل الثاني: الواحة"),
        (BlockKind.BODY, rtl, "وصلنا إلى الواحة عند الغروب، فاستقبلنا أهلها بالتمر والقهوة."),
        (BlockKind.HEADING, rtl, "ليلة في الواحة"),
        (BlockKind.BODY, rtl, "نمنا تحت النخيل، وكانت السماء أكثر ازدحاما بالنجوم مما رأيتها في أي مكان آخر."),
    ]
    reference = document.blocks[3]
    assert [(span.kind, reference.text[span.start:span.end]) for span in reference.spans] == [(SpanKind.NOTE_REF, "1")]
    assert [(section.title, section.level, section.start_block, section.end_block) for section in document.sections] == [
        ("الفصل الأول: الطريق", 1, 2, 8), ("الفصل الثاني: الواحة", 1, 8, 12), ("ليلة في الواحة", 2, 10, 12)]


def test_english_book_left_to_right_with_a_classic_footnote(tmp_path):
    path = make_epub(tmp_path / "en.epub", version=2, chapters=ENGLISH_CHAPTERS, toc=ENGLISH_TOC, lang="en",
                     progression=None, title="The Lighthouse Keeper", author="Ann Gray")
    document = load_document(str(path))
    assert (document.title, document.byline) == ("The Lighthouse Keeper", "Ann Gray")
    assert table(document) == [
        (BlockKind.TITLE, "ltr", "The Lighthouse Keeper"),
        (BlockKind.BODY, "ltr", "Every night she climbed the hundred steps."),
        (BlockKind.HEADING, "ltr", "Storm"),
        (BlockKind.BODY, "ltr", "The storm came in the third week[1]."),
        (BlockKind.FOOTNOTE, "ltr", "[1] It was October."),
    ]
    assert [(section.title, section.level) for section in document.sections] == [
        ("The Lighthouse Keeper", 1), ("Storm", 1)]


def test_page_progression_sets_the_direction_when_the_markup_does_not(tmp_path):
    chapters = {"a.xhtml": "<p>نص بلا لغة معلنة في العنصر.</p><p dir=\"ltr\">left to right here</p>"}
    path = make_epub(tmp_path / "b.epub", chapters=chapters, toc=[], lang="", progression="rtl")
    raw = zipfile.ZipFile(path).read("OEBPS/a.xhtml").replace(b' xml:lang="" lang=""', b"")
    rebuilt = tmp_path / "c.epub"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            target.writestr(item, raw if item.filename == "OEBPS/a.xhtml" else source.read(item))
    assert [(block.direction, block.text) for block in load_document(str(rebuilt)).blocks] == [
        ("rtl", "نص بلا لغة معلنة في العنصر."), ("ltr", "left to right here")]


def test_word_reversed_metadata_is_read_as_written(tmp_path):
    path = make_epub(tmp_path / "r.epub", title="الواحات إلى رحلة", author="الراوي سلمى")
    document = load_document(str(path))
    assert (document.title, document.byline) == ("رحلة إلى الواحات", "سلمى الراوي")


def test_a_book_from_stdin(tmp_path):
    path = make_epub(tmp_path / "book.epub")
    result = subprocess.run([READER, "render", "--bidi", "terminal", "--width", "100", "-"], input=path.read_bytes(),
                            capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    masthead, title = result.stdout.decode().split("\n\n")[:2]
    assert (masthead.strip(), title.strip()) == ("سلمى الراوي", "رحلة إلى الواحات")
    assert masthead.startswith(" " * 50) and title.startswith(" " * 50)  # right-aligned: the book is rtl


def test_a_big_book_opens_on_its_first_chapters(tmp_path):
    paragraph = "<p>" + "كلمات متتابعة في فقرة طويلة من فصول الكتاب الكثيرة، " * 20 + "</p>"
    chapters = {f"ch{number}.xhtml": f"<h2>الفصل {number}</h2>" + paragraph * 60 for number in range(300)}
    toc = [(f"الفصل {number}", f"ch{number}.xhtml", 1) for number in range(300)]  # 20 MB of UTF-8
    path = make_epub(tmp_path / "big.epub", chapters=chapters, toc=toc)
    assert sum(len(text) for text in chapters.values()) > 20_000_000 // 2  # characters; twice as many bytes
    start, analyse = open_document(str(path), preview=True)
    assert sum(len(block.text) for block in start.blocks) < 3 * PREVIEW_CHARS
    assert start.sections[0].title == "الفصل 0" and len(start.sections) < 10
    whole = analyse()
    assert len(whole.sections) == 300
    assert whole.blocks[: len(start.blocks)] == start.blocks


def one_line_error(path, **options) -> str:
    with pytest.raises(DocumentError) as error:
        load_document(str(path), **options)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.epub"
    path.write_text("ليس كتابا")
    assert one_line_error(path) == f"{path}: not an EPUB book (not a zip archive)"


def test_broken_books_are_one_clear_line(tmp_path):
    no_container = make_epub(tmp_path / "a.epub", omit=("META-INF/container.xml",))
    assert one_line_error(no_container) == f"{no_container}: not an EPUB book (no META-INF/container.xml)"
    no_package = make_epub(tmp_path / "b.epub", omit=("OEBPS/content.opf",))
    assert one_line_error(no_package) == f"{no_package}: the book's package file 'OEBPS/content.opf' is missing"
    no_chapter = make_epub(tmp_path / "c.epub", omit=("OEBPS/chapter2.xhtml",))
    assert one_line_error(no_chapter) == f"{no_chapter}: the book lists 'OEBPS/chapter2.xhtml', which is not in it"


def test_drm_encrypted_book(tmp_path):
    encryption = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                  b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                  b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                  b'<enc:CipherData><enc:CipherReference URI="OEBPS/chapter1.xhtml"/></enc:CipherData>'
                  b"</enc:EncryptedData></encryption>")
    path = make_epub(tmp_path / "drm.epub", extra={"META-INF/encryption.xml": encryption})
    assert one_line_error(path) == f"{path}: the book is DRM-encrypted and cannot be read"
    fonts_only = encryption.replace(b"http://www.w3.org/2001/04/xmlenc#aes128-cbc", b"http://www.idpf.org/2008/embedding")
    readable = make_epub(tmp_path / "fonts.epub", extra={"META-INF/encryption.xml": fonts_only})
    assert load_document(str(readable)).title == "رحلة إلى الواحات"  # obfuscated fonts are not DRM


def test_zip_bombs_are_counted_while_inflating(tmp_path):
    bomb = b"\0" * (64 << 20)  # 64 MiB of zeros deflate to about 64 KiB
    path = make_epub(tmp_path / "bomb.epub", extra={"OEBPS/chapter1.xhtml": xhtml("<p>أ</p>").encode() + bomb})
    assert one_line_error(path) == (
        f"{path}: 'OEBPS/chapter1.xhtml' inflates more than 200 times its compressed size (a zip bomb?)")
    # The header's sizes are the archive's claim, never trusted: a header saying 1000 bytes
    # changes nothing, the bytes are counted as they come.
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("OEBPS/chapter1.xhtml")
    for offset in (info.header_offset + 22, _central_entry(data, b"OEBPS/chapter1.xhtml") + 24):
        data[offset:offset + 4] = (1000).to_bytes(4, "little")
    lying = tmp_path / "lying.epub"
    lying.write_bytes(bytes(data))
    message = one_line_error(lying)
    assert "zip bomb" in message or "cannot inflate 'OEBPS/chapter1.xhtml'" in message


def _central_entry(data: bytearray, name: bytes) -> int:
    return data.rindex(b"PK\x01\x02", 0, data.rindex(name))


def test_the_size_limit_counts_all_that_a_book_inflates(tmp_path):
    text = base64.b64encode(os.urandom(3 << 20)).decode()  # 4 MiB that hardly compress
    chapters = {f"c{number}.xhtml": f"<p>{text}</p>" for number in range(3)}
    path = make_epub(tmp_path / "big.epub", chapters=chapters, toc=[])
    assert one_line_error(path, max_size=10 << 20) == (
        f"{path}: its contents inflate past the size limit of 10 MiB (raise it with --max-size)")


def test_a_zip_that_is_not_a_book_stays_a_binary_file(tmp_path):
    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "نص")
    assert "binary file, not text" in one_line_error(path)
    wrong_mimetype = make_epub(tmp_path / "odt.zip", mimetype=b"application/vnd.oasis.opendocument.text")
    assert "binary file, not text" in one_line_error(wrong_mimetype)
