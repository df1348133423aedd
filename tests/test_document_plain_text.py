"""Plain text as people have it: copied articles in every shape, bylines, datelines, the preview."""

import pytest

from reader.document.formats import LINES, PARAGRAPHS, parse_text, text_layout
from reader.document.loading import PREVIEW_CHARS, load_document, open_document
from reader.document.model import BlockKind, SpanKind

# An article of our own in the style of a news site, one paragraph per line as copied from a page.
TITLE = "مهرجان الكتاب يفتح أبوابه في المدينة القديمة"
BYLINE = "كتب: سامر الخطيب"
LEAD = ("حلب-سانا: افتتح صباح اليوم مهرجان الكتاب السنوي في ساحة المدينة القديمة، بمشاركة أكثر من "
        "مئة دار نشر عربية وأجنبية.")
BODY = [
    "وقال مدير المهرجان إن الدورة الحالية تركز على كتب الأطفال والترجمة، وإن الإقبال فاق التوقعات.",
    "وتستمر الفعاليات عشرة أيام، تتخللها ندوات وأمسيات شعرية وورش للكتابة.",
    "Organisers said the festival hosts 120 publishers this year.",
]
LINES_ARTICLE = [TITLE, BYLINE, LEAD, *BODY]


def kinds_and_texts(document):
    return [(block.kind, block.text) for block in document.blocks]


def write(tmp_path, text: str, newline: str = "\n", name: str = "article.txt"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode())
    return str(path)


EXPECTED = [(BlockKind.TITLE, TITLE), (BlockKind.BYLINE, BYLINE), (BlockKind.LEAD, LEAD),
            *[(BlockKind.BODY, text) for text in BODY]]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_one_paragraph_per_line_in_every_line_ending(tmp_path, newline, final_newline):
    text = "\n".join(LINES_ARTICLE) + ("\n" if final_newline else "")
    document = load_document(write(tmp_path, text, newline))
    assert kinds_and_texts(document) == EXPECTED
    assert document.title == TITLE


def test_blank_lines_at_the_ends_do_not_make_paragraphs(tmp_path):
    document = load_document(write(tmp_path, "\n\n" + "\n".join(LINES_ARTICLE) + "\n\n\n"))
    assert kinds_and_texts(document) == EXPECTED


def test_copied_page_with_some_blank_lines_keeps_one_paragraph_per_line(tmp_path):
    # Copied from a web page: a blank line after the title only, single newlines end paragraphs.
    text = TITLE + "\n\n" + "\n".join([BYLINE, LEAD, *BODY]) + "\n"
    assert kinds_and_texts(load_document(write(tmp_path, text))) == EXPECTED


def wrap(paragraph: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def test_hard_wrapped_paragraphs_are_joined(tmp_path):
    paragraphs = [LEAD + " " + BODY[0], BODY[1] + " " + BODY[0]]
    text = TITLE + "\n\n" + "\n\n".join("\n".join(wrap(paragraph, 40)) for paragraph in paragraphs) + "\n"
    assert all(len(wrap(paragraph, 40)) >= 3 for paragraph in paragraphs)  # really wrapped
    assert text_layout(text) == PARAGRAPHS
    document = load_document(write(tmp_path, text))
    assert [block.text for block in document.blocks] == [TITLE, *paragraphs]
    assert document.blocks[1].kind is BlockKind.LEAD


def test_in_doubt_lines_are_joined():
    assert text_layout("سطر أول\nيكمل هنا\n\nفقرة ثانية\n") == PARAGRAPHS
    assert [block.text for block in parse_text("سطر أول\nيكمل هنا\n\nفقرة ثانية")] == [
        "سطر أول يكمل هنا", "فقرة ثانية"]


def test_layout_is_decided_from_the_whole_text():
    assert text_layout("واحد.\nاثنان.\nثلاثة.") == LINES
    assert text_layout("\n".join(LINES_ARTICLE) + "\n") == LINES
    # One punctuated pair among hard-wrapped prose: still wrapped.
    wrapped = "\n\n".join("\n".join(wrap(LEAD + " " + BODY[0], 36)) for _ in range(3))
    assert text_layout(wrapped) == PARAGRAPHS


def test_title_only_when_it_looks_like_one(tmp_path):
    sentence_first = "\n".join([LEAD, *BODY]) + "\n"
    document = load_document(write(tmp_path, sentence_first))
    assert BlockKind.TITLE not in [block.kind for block in document.blocks]
    assert document.blocks[0].text == LEAD
    long_first = " ".join(["كلمة"] * 25) + "\n" + "\n".join(BODY)
    assert load_document(write(tmp_path, long_first, name="b.txt")).blocks[0].kind is not BlockKind.TITLE


@pytest.mark.parametrize("byline", ["كتب: سامر الخطيب", "بقلم د. هالة منصور", "كتبت - ريم العلي",
                                    "By Sara Haddad"])
def test_byline_is_neither_title_heading_nor_caption(tmp_path, byline):
    text = "\n".join([byline, LEAD, *BODY]) + "\n"
    document = load_document(write(tmp_path, text))
    assert document.blocks[0].kind is BlockKind.BYLINE
    assert [section.title for section in document.sections] != [byline]
    assert BlockKind.HEADING not in [block.kind for block in document.blocks]


def test_prose_opening_with_the_verb_is_not_a_byline():
    blocks = parse_text("كتب الوزير رسالة إلى نظيره\nثم عاد إلى بلاده بعد ساعات من اللقاء.")
    from reader.document.structure import build_blocks

    assert build_blocks(blocks, "text")[0].kind is not BlockKind.BYLINE


@pytest.mark.parametrize("dateline", ["حلب-سانا:", "القاهرة (رويترز) -", "بيروت - «الحياة»:",
                                      "الدار البيضاء - أ ف ب -", "عمان – بترا"])
def test_dateline_is_a_subdued_span_of_the_lead(tmp_path, dateline):
    lead = f"{dateline} افتتح صباح اليوم مهرجان الكتاب السنوي في ساحة المدينة القديمة."
    document = load_document(write(tmp_path, "\n".join([TITLE, lead, *BODY]) + "\n"))
    block = document.blocks[1]
    assert (block.kind, block.text) == (BlockKind.LEAD, lead)
    assert [(span.kind, block.text[span.start:span.end]) for span in block.spans] == [
        (SpanKind.DATELINE, dateline)]
    assert all(not later.spans for later in document.blocks[2:])


def test_a_dateline_alone_does_not_make_the_first_line_a_title(tmp_path):
    document = load_document(write(tmp_path, "\n".join(["دمشق-سانا أعلنت الوزارة", *BODY]) + "\n"))
    assert document.blocks[0].kind is not BlockKind.TITLE


def long_text(wrapped: bool) -> tuple[str, list[str]]:
    """A book of one paragraph per line, or of paragraphs hard-wrapped at 40 with blank lines."""
    paragraphs = [f"{number} {BODY[number % 2]}" for number in range(2 * PREVIEW_CHARS // 60)]
    if wrapped:
        return TITLE + "\n\n" + "\n\n".join("\n".join(wrap(text, 40)) for text in paragraphs) + "\n", paragraphs
    return TITLE + "\n" + "\n".join(paragraphs) + "\n", paragraphs


@pytest.mark.parametrize("wrapped", [False, True])
def test_preview_and_whole_document_agree_on_block_numbers(tmp_path, wrapped):
    text, paragraphs = long_text(wrapped)
    start, analyse = open_document(write(tmp_path, text), preview=True)
    whole = analyse()
    assert [block.text for block in whole.blocks] == [TITLE, *paragraphs]
    assert 1 < len(start.blocks) < len(whole.blocks)
    assert sum(len(block.text) for block in start.blocks) < 2 * PREVIEW_CHARS
    assert [(block.index, block.text) for block in start.blocks] == [
        (block.index, block.text) for block in whole.blocks[: len(start.blocks)]]
