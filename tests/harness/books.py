"""Small EPUB books written for the tests (EPUB 2 and 3, right-to-left and left-to-right)."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""

# An Arabic book of our own: a title page, two chapters (the second with a section inside), a
# footnote, an image, and an English paragraph marked as such.
ARABIC_CHAPTERS = {
    "title.xhtml": '<h1>رحلة إلى الواحات</h1><p class="author">سلمى الراوي</p>',
    "chapter1.xhtml": (
        '<h2 id="c1">الفصل الأول: الطريق</h2>'
        '<p>خرجنا من المدينة قبل الفجر، والسيارة محملة بالماء والخبز وخريطة قديمة رسمها جدي بيده'
        '<a epub:type="noteref" href="#n1"><sup>1</sup></a>.</p>'
        '<p>كان الطريق طويلا ومستقيما، لا يقطعه إلا بئر مهجورة أو خيمة لراع وحيد.</p>'
        '<figure><img src="images/well.png" alt="بئر قديمة في الصحراء"/></figure>'
        '<p lang="en">The map was drawn in 1962.</p>'
        '<aside epub:type="footnote" id="n1"><p>رسم جدي هذه الخريطة حين كان يعمل دليلا للقوافل.</p></aside>'
    ),
    "chapter2.xhtml": (
        '<h2>الفصل الثاني: الواحة</h2>'
        '<p>وصلنا إلى الواحة عند الغروب، فاستقبلنا أهلها بالتمر والقهوة.</p>'
        '<h3 id="night">ليلة في الواحة</h3>'
        '<p>نمنا تحت النخيل، وكانت السماء أكثر ازدحاما بالنجوم مما رأيتها في أي مكان آخر.</p>'
    ),
}
ARABIC_TOC = [("الفصل الأول: الطريق", "chapter1.xhtml", 1), ("الفصل الثاني: الواحة", "chapter2.xhtml", 1),
              ("ليلة في الواحة", "chapter2.xhtml#night", 2)]

ENGLISH_CHAPTERS = {
    "one.xhtml": "<h1>The Lighthouse Keeper</h1><p>Every night she climbed the hundred steps.</p>",
    "two.xhtml": '<h2>Storm</h2><p>The storm came in the third week<a href="#fn1"><sup>[1]</sup></a>.</p>'
                 '<div class="footnotes"><p id="fn1"><a href="#r1">[1]</a> It was October.</p></div>',
}
ENGLISH_TOC = [("The Lighthouse Keeper", "one.xhtml", 1), ("Storm", "two.xhtml", 1)]


def xhtml(body: str, lang: str = "ar", direction: str | None = "rtl") -> str:
    dir_attribute = f' dir="{direction}"' if direction else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}"{dir_attribute}>'
            f"<head><title>x</title></head><body>{body}</body></html>")


def make_epub(path: Path, *, version: int = 3, chapters: dict[str, str] | None = None,
              toc: list[tuple[str, str, int]] | None = None, title: str = "رحلة إلى الواحات",
              author: str = "سلمى الراوي", lang: str = "ar", progression: str | None = "rtl",
              html_direction: str | None = None, extra: dict[str, bytes] | None = None,
              omit: tuple[str, ...] = (), mimetype: bytes = b"application/epub+zip") -> Path:
    chapters = ARABIC_CHAPTERS if chapters is None else chapters
    toc = ARABIC_TOC if toc is None else toc
    manifest = "".join(f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>'
                       for number, name in enumerate(chapters))
    spine = "".join(f'<itemref idref="c{number}"/>' for number in range(len(chapters)))
    progression_attribute = f' page-progression-direction="{progression}"' if progression else ""
    files: dict[str, bytes] = {}
    if version == 3:
        manifest += '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        files["OEBPS/nav.xhtml"] = xhtml(_nav(toc), lang, html_direction).encode()
        spine_open = f"<spine{progression_attribute}>"
    else:
        manifest += '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        files["OEBPS/toc.ncx"] = _ncx(toc).encode()
        spine_open = f'<spine toc="ncx"{progression_attribute}>'
    files["OEBPS/content.opf"] = (
        f'<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="id">urn:test</dc:identifier><dc:title>{title}</dc:title>'
        f"<dc:creator>{author}</dc:creator><dc:language>{lang}</dc:language></metadata>"
        f"<manifest>{manifest}</manifest>{spine_open}{spine}</spine></package>"
    ).encode()
    for name, body in chapters.items():
        files[f"OEBPS/{name}"] = xhtml(body, lang, html_direction).encode()
    files.update(extra or {})
    with zipfile.ZipFile(path, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        if "META-INF/container.xml" not in omit:
            archive.writestr("META-INF/container.xml", CONTAINER)
        for name, data in files.items():
            if name not in omit:
                archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _nav(toc: list[tuple[str, str, int]]) -> str:
    html, level = ['<nav epub:type="toc"><ol>'], 1
    for number, (label, href, depth) in enumerate(toc):
        if number:
            if depth > level:
                html.append("<ol>")
            else:
                html.append("</li>" + "</ol></li>" * (level - depth))
        level = depth
        html.append(f'<li><a href="{href}">{label}</a>')
    html.append("</li>" + "</ol></li>" * (level - 1) + "</ol></nav>")
    return "".join(html)


def _ncx(toc: list[tuple[str, str, int]]) -> str:
    points, level = [], 0
    for number, (label, href, depth) in enumerate(toc):
        points.append("</navPoint>" * (level - depth + 1) if number else "")
        points.append(f'<navPoint id="p{number}"><navLabel><text>{label}</text></navLabel><content src="{href}"/>')
        level = depth
    points.append("</navPoint>" * level)
    return ('<?xml version="1.0" encoding="utf-8"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
            f"<navMap>{''.join(points)}</navMap></ncx>")
