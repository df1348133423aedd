"""Saved web pages: the article, not the page (tests/pages: our own pages in the layouts of real
Arabic news sites — div soup, several <article> elements, old tables with <br><br> paragraphs)."""

import subprocess
from pathlib import Path

import pytest

from harness.commands import reader_script
from reader.document.formats import parse_html
from reader.document.loading import load_document
from reader.document.markup import MAX_ATTRIBUTES, MAX_TAGS, bound_markup
from reader.document.model import BlockKind

PAGES = Path(__file__).parent / "pages"
READER = reader_script()


def page(name: str):
    return load_document(str(PAGES / name))


def shown(document) -> str:
    return "\n".join([document.title, document.masthead, *(block.text for block in document.blocks)])


def kinds(document, kind):
    return [block.text for block in document.blocks if block.kind is kind]


DIV_SOUP_FURNITURE = [
    "الطبعات", "محليات", "ثقافة وفنون", "الأكثر قراءة", "وزير الاقتصاد يعلن", "حملة تشجير", "سياسة التعليقات",
    "تحتفظ الصحيفة بحقها", "أرسل تعليقك", "النشرة البريدية", "جميع الحقوق محفوظة", "ملفات تعريف الارتباط",
    "غرد", "واتساب", "الكلمات المفتاحية", "إعلان", "اقرأ أيضا", "أمطار غزيرة تعم", "من نحن",
]


def test_div_soup_page_shows_the_article_only():
    document = page("div-soup.html")
    assert document.title == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"
    assert document.blocks[0].kind is BlockKind.TITLE and document.blocks[0].text == document.title
    lead = document.blocks[1]
    assert lead.kind is BlockKind.LEAD and lead.text.startswith("حماة - الوادي: غمرت مياه نهر العاصي")
    assert lead.text[: lead.spans[0].end] == "حماة - الوادي:"  # the dateline, subdued
    assert document.blocks[-1].text.endswith("أضعفت قدرة الفلاحين على الصمود أمام الكوارث.")
    text = shown(document)
    for furniture in DIV_SOUP_FURNITURE:
        assert furniture not in text, furniture
    assert "صحيفة الوادي" not in document.title  # the site's name left the headline
    assert kinds(document, BlockKind.HEADING) == ["مخاوف من موجة ثانية"]  # a bold paragraph
    assert [section.title for section in document.sections] == [document.title, "مخاوف من موجة ثانية"]
    assert "”لم نعد نملك ما نسدد به ديون البذار والسماد“" in text  # reversed marks kept as written


def test_div_soup_metadata_and_the_byline_once():
    document = page("div-soup.html")
    assert (document.site, document.byline, document.date) == ("صحيفة الوادي", "نور الهدى سليمان", "2024-03-14")
    assert document.masthead == "صحيفة الوادي · نور الهدى سليمان · 2024-03-14"
    assert sum(block.text.count("نور الهدى سليمان") for block in document.blocks) == 0


def test_links_in_paragraphs_are_absolute_from_the_canonical_url():
    document = page("div-soup.html")
    block = next(block for block in document.blocks if "سد الرستن" in block.text)
    assert [(block.text[link.start:link.end], link.url) for link in block.links] == [
        ("سد الرستن", "https://www.alwadi-news.example/local/2024/03/12/dams")]


def test_the_real_article_among_several_article_elements():
    document = page("several-articles.html")
    assert document.title == "مدارس الساحل تستقبل طلابها بمناهج رقمية جديدة"
    text = shown(document)
    for furniture in ["وزارة التربية توزع الكتب", "حملة تلقيح", "قمة إقليمية حول المياه", "مواضيع ذات صلة",
                      "نتائج الشهادة الثانوية", "المعلمون يطالبون", "الأكثر قراءة", "طريق ساحلي", "شارك",
                      "تيليغرام", "جميع الحقوق محفوظة", "ملفات الارتباط", "الرئيسية", "ابحث"]:
        assert furniture not in text, furniture
    assert document.blocks[1].text.startswith("تلاميذ يتابعون درسا")  # the lead picture's caption first
    assert kinds(document, BlockKind.CAPTION) == [
        "تلاميذ يتابعون درسا على الألواح الإلكترونية في مدرسة بمدينة طرطوس (أخبار الساحل)",
        "معلمة تشرح طريقة استخدام المنصة لأولياء الأمور"]
    texts = [block.text for block in document.blocks]
    caption = texts.index("معلمة تشرح طريقة استخدام المنصة لأولياء الأمور")
    assert texts[caption - 1].startswith("وأشارت إلى أن أكثر من ستمئة معلم")  # in its place
    assert texts[caption + 1].startswith("في المقابل، عبر عدد من أولياء الأمور")
    assert kinds(document, BlockKind.HEADING) == ["تدريب المعلمين أولا"]
    assert document.blocks[-1].text.endswith("بحسب أرقام المديرية.")
    assert (document.site, document.byline, document.date) == ("أخبار الساحل", "يوسف الحداد", "2024-09-02")
    assert "يوسف الحداد" not in "\n".join(texts)


def test_old_table_layout_with_br_paragraphs_in_windows_1256():
    document = page("br-paragraphs.html")  # declares windows-1256 in <meta http-equiv>
    assert document.title == "حريق يلتهم سوقا شعبيا وسط المدينة"
    assert document.site == "بوابة المدينة"
    assert document.date == ""  # the page's markup gives none; its text is not guessed from
    texts = [block.text for block in document.blocks]
    assert texts[1].startswith("المدينة - بوابة المدينة: اندلع حريق كبير")
    assert texts[1].endswith("بعد أكثر من ثلاث ساعات.")  # <br><br> ends the paragraph
    assert texts[2].startswith("وأفاد شهود عيان")
    assert kinds(document, BlockKind.HEADING) == ["لا إصابات بشرية"]
    assert any(text.startswith("وقدر تجار في السوق خسائرهم") for text in texts)  # after the boxes
    assert texts[-1].endswith("ومقصدا للزوار من المحافظات المجاورة.")
    for furniture in ["الأكثر مشاهدة", "نتائج مباريات", "أخبار ذات صلة", "حريق في مستودع", "أرسل لصديق",
                      "طباعة", "اتصل بنا", "الطقس", "إعلان"]:
        assert furniture not in shown(document), furniture


def test_full_page_keeps_todays_path(tmp_path):
    path = PAGES / "div-soup.html"
    document = load_document(str(path), full_page=True)
    expected, _ = parse_html(path.read_text())
    assert [block.text for block in document.blocks] == [block.text for block in expected]
    assert "الأكثر قراءة" in shown(document)
    assert document.masthead == ""


def test_a_fragment_falls_back_to_the_whole_page_with_a_notice(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text("<p>سطر قصير.</p><p>وآخر.</p>")
    document = load_document(str(path))
    assert [block.text for block in document.blocks] == ["سطر قصير.", "وآخر."]
    assert document.notices == (f"{path}: no article found in this page; showing all of it",)


def test_render_prints_the_masthead_first_only_for_pages(tmp_path):
    result = subprocess.run([READER, "render", "--width", "200", "--bidi", "terminal", str(PAGES / "div-soup.html")],
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    blocks = result.stdout.split("\n\n")
    assert blocks[0].strip() == "صحيفة الوادي · نور الهدى سليمان · 2024-03-14"
    assert blocks[1].strip() == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"


def test_one_element_with_a_hundred_thousand_attributes(tmp_path):
    attributes = " ".join(f"a{number}=x" for number in range(100_000))
    html = f"<html><body><p {attributes}>فقرة بعد العنصر الكبير.</p><p>وأخرى بعدها.</p></body></html>"
    bounded, notice = bound_markup(html)
    assert len(bounded) < 2_000
    assert notice == f"1 element with over {MAX_ATTRIBUTES} attributes kept only the first {MAX_ATTRIBUTES}"
    path = tmp_path / "attributes.html"
    path.write_text(html)
    for full_page in (False, True):
        document = load_document(str(path), full_page=full_page)
        assert [block.text for block in document.blocks] == ["فقرة بعد العنصر الكبير.", "وأخرى بعدها."]
        assert f"{path}: {notice}" in document.notices


def test_too_many_tags_cut_the_page_with_a_notice():
    html = "<p>أول.</p>" + "<b>x</b>" * MAX_TAGS
    bounded, notice = bound_markup(html)
    assert notice == f"the page was cut at {MAX_TAGS} tags"
    assert bounded.startswith("<p>أول.</p><b>x</b>") and bounded.count("<b>") == MAX_TAGS - 1  # start tags


@pytest.mark.parametrize("html", ["<p>نص</p>", "<p class='a' id=b>نص</p>", "<br/><img src=x alt='y'>"])
def test_ordinary_markup_is_left_as_it_is(html):
    assert bound_markup(html) == (html, "")


def test_the_site_name_leaves_the_headline_in_any_spelling(tmp_path):
    page = (PAGES / "div-soup.html").read_text()
    page = page.replace('content="صحيفة الوادي"', 'content="Al-Wadi Daily"').replace(
        '<meta property="og:title" content="ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة">',
        '<meta property="og:title" content="ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة | الوادي">').replace(
        "ريف حماة | صحيفة الوادي</title>", "ريف حماة | الوادي</title>")
    path = tmp_path / "page.html"
    path.write_text(page)
    document = load_document(str(path))
    assert document.title == "ارتفاع منسوب نهر العاصي يغمر أراضي زراعية في ريف حماة"
    assert document.site == "Al-Wadi Daily"
