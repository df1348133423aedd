"""Block kinds and sections on texts written for each rule."""

from collections import Counter
from importlib.resources import files

from reader.document.loading import load_document
from reader.document.model import BlockKind

ARTICLE = (files("reader.assets") / "vostochny-summit.txt").read_text(encoding="utf-8")
LONG = ("وتواصل الحكومة العمل على خطتها الجديدة التي تشمل عددا كبيرا من المشاريع في مختلف المناطق "
        "خلال الأعوام المقبلة بحسب ما أعلنه المسؤولون")


def kinds(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return [(block.kind, block.text) for block in load_document(str(path)).blocks]


def test_a_document_repeating_whole_passages_keeps_its_headings(tmp_path):
    path = tmp_path / "three.txt"
    path.write_text("\n\n".join([ARTICLE.strip()] * 3), encoding="utf-8")
    doc = load_document(str(path))
    counts = Counter(block.kind for block in doc.blocks)
    # Per copy: 2 headings, 3 related links, 2 captions, 1 embed; the title of copies 2 and 3 opens
    # a section of its own (a short unpunctuated line before a paragraph).
    assert counts[BlockKind.RELATED] == 9
    assert counts[BlockKind.CAPTION] == 6
    assert counts[BlockKind.EMBED] == 3
    assert counts[BlockKind.HEADING] == 2 * 3 + 2
    assert [doc.blocks[index].kind for index in (7, 15, 29, 36, 44)] == [BlockKind.HEADING] * 5


def test_a_repeated_refrain_is_not_a_related_link(tmp_path):
    refrain = ["يا ليل طال السهر", "والقلب ما زال ينتظر"]
    text = "\n\n".join([LONG + " الأولى.", *refrain, LONG + " الثانية.", *refrain, LONG + " الثالثة.", *refrain,
                        "النهاية."])
    assert BlockKind.RELATED not in {kind for kind, _ in kinds(tmp_path, text)}


def test_a_short_line_recurring_among_different_paragraphs_is_a_related_link(tmp_path):
    link = "روسيا تعلن موعد الإطلاق المقبل"
    text = "\n\n".join([LONG + " أ.", link, LONG + " ب.", "شيء آخر تماما هنا.", link, LONG + " ج."])
    assert [kind for kind, _ in kinds(tmp_path, text)] == [
        BlockKind.BODY, BlockKind.RELATED, BlockKind.BODY, BlockKind.BODY, BlockKind.RELATED, BlockKind.BODY]


def test_headings_in_plain_text_and_what_is_not_one(tmp_path):
    text = "\n\n".join([
        "عنوان الخبر الرئيسي",
        LONG + ".",
        "الطاقة في المستقبل",  # heading
        LONG + ".",
        "وفي المساء عاد الوفد",  # prose that lacks its full stop
        LONG + ".",
        "وصل الوفد، ثم غادر",  # a comma: prose
        LONG + ".",
        "هذه جملة. وهذه أخرى",  # two sentences
        LONG + ".",
        "سطر قصير أخير",  # nothing after it: not a heading
    ])
    assert [kind for kind, _ in kinds(tmp_path, text)] == [
        BlockKind.TITLE, BlockKind.LEAD, BlockKind.HEADING, BlockKind.BODY, BlockKind.BODY, BlockKind.BODY,
        BlockKind.BODY, BlockKind.BODY, BlockKind.BODY, BlockKind.BODY, BlockKind.BODY]


def test_captions_embeds_and_read_more(tmp_path):
    text = "\n\n".join([
        LONG + ".",
        "الرئيس يلقي كلمته في البرلمان (أ ف ب)",
        "https://www.youtube.com/watch?v=abc123",
        "اقرأ أيضا: الحكومة تعلن خطتها",
        "قالت رويترز إن الاجتماع انتهى.",  # a sentence naming an agency, not a credit
    ])
    assert [kind for kind, _ in kinds(tmp_path, text)] == [
        BlockKind.BODY, BlockKind.CAPTION, BlockKind.EMBED, BlockKind.RELATED, BlockKind.BODY]


def test_a_single_paragraph_is_body_with_one_opening_section(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("جملة واحدة فقط", encoding="utf-8")
    doc = load_document(str(path))
    assert [(block.kind, block.text) for block in doc.blocks] == [(BlockKind.BODY, "جملة واحدة فقط")]
    assert doc.title == "one.txt"
    assert [(s.heading_block, s.start_block, s.end_block) for s in doc.sections] == [(None, 0, 1)]


def test_sections_when_the_document_opens_with_a_heading(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("## أولا\n\nنص.\n\n## ثانيا\n\nنص آخر.\n", encoding="utf-8")
    doc = load_document(str(path))
    assert [(s.title, s.heading_block, s.start_block, s.end_block) for s in doc.sections] == [
        ("أولا", 0, 0, 2), ("ثانيا", 2, 2, 4)]
