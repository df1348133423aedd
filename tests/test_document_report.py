"""`reader quotes` / `reader entities` output: the JSON fields of issue 3, and tables drawn by the engine."""

import json
import re
import unicodedata
from importlib.resources import files

import pytest

from reader.document.loading import load_document
from reader.document.report import entities_json, entities_table, json_text, quotes_json, quotes_table
from reader.engine.characters import char_cells

ARTICLE = str(files("reader.assets") / "vostochny-summit.txt")
LOGICAL_ARABIC_LETTER = re.compile("[\u0621-\u064a]")  # unshaped: the engine would have drawn presentation forms


@pytest.fixture(scope="module")
def article():
    return load_document(ARTICLE)


def test_quotes_json_rows(article):
    rows = quotes_json(article)
    assert len(rows) == 20
    assert rows[0] == {"text": "تعزيز العلاقات المستقبلية", "speech": True, "speaker": "Vladimir Putin",
                       "paragraph": 3, "start": 31, "end": 56, "speaker_id": "vladimir-putin",
                       "speaker_ar": "فلاديمير بوتين", "cue": "رفع"}
    assert rows[3]["speech"] is False and rows[3]["speaker"] is None and rows[3]["speaker_id"] is None
    assert rows[3]["cue"] == "related-link"
    assert (rows[18]["text"], rows[18]["speech"], rows[18]["cue"]) == ("سويوز", False, "a name")
    assert {row["speaker"] for row in rows} == {"Vladimir Putin", "Kim Jong Un", None}
    json.dumps(rows, ensure_ascii=False)  # plain JSON types only


def test_entities_json_rows(article):
    rows = entities_json(article)
    putin = next(row for row in rows if row["id"] == "vladimir-putin")
    assert list(putin) == ["id", "type", "name_ar", "name_en", "description", "aliases", "origin", "cue", "mentions"]
    assert (putin["origin"], putin["cue"]) == ("curated", "")
    assert (putin["type"], putin["name_ar"], putin["name_en"]) == ("person", "فلاديمير بوتين", "Vladimir Putin")
    assert putin["mentions"][1] == {"paragraph": 1, "start": 20, "end": 48,  # after "انتهت المحادثات بين "
                                    "surface": "الرئيس الروسي فلاديمير بوتين", "kind": "name"}
    assert {mention["kind"] for row in rows for mention in row["mentions"]} == {"name", "description"}
    json.dumps(rows, ensure_ascii=False)


@pytest.mark.parametrize("table", [quotes_table, entities_table])
@pytest.mark.parametrize("width", [30, 80])
def test_tables_are_drawn_by_the_engine(article, table, width):
    lines = table(article, width)
    assert lines
    for line in lines:
        assert sum(char_cells(char) for char in line) <= width
        assert not LOGICAL_ARABIC_LETTER.search(line), line  # every Arabic string shaped
        assert line == line.rstrip()


def test_quote_table_shows_each_quote_right_aligned(article):
    lines = quotes_table(article, 60)
    index = lines.index("1. paragraph 3: Vladimir Putin · " + "ﻦﻴﺗﻮﺑ ﺮﻴﻤﻳﺩﻼﻓ")
    # "تعزيز العلاقات المستقبلية" shaped, words right to left, ending at the right edge:
    # 25 letters and spaces in 24 cells (لا is one ligature).
    assert lines[index + 1] == " " * (60 - 24) + "ﺔﻴﻠﺒﻘﺘﺴﻤﻟﺍ ﺕﺎﻗﻼﻌﻟﺍ ﺰﻳﺰﻌﺗ"


def test_glossary_text_cannot_reach_the_terminal_as_control(tmp_path):
    glossary = tmp_path / "evil.toml"
    glossary.write_text('[[entity]]\nid = "x"\ntype = "person"\nname_ar = "سامي"\n'
                        'name_en = "Evil\\u001b]2;PWNED\\u0007"\ndescription = "\\u009b31m"\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("وقال سامي: “مرحبا”.", encoding="utf-8")
    doc = load_document(str(text), glossaries=[glossary])
    for line in quotes_table(doc, 60) + entities_table(doc, 60):
        assert not any(unicodedata.category(char) == "Cc" for char in line), repr(line)


def test_json_text_escapes_what_a_terminal_would_obey(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("وقال بوتين: “نعم\u009b2J\u202eلا\u001b]0;x\u0007”.", encoding="utf-8")
    rows = quotes_json(load_document(str(text)))
    output = json_text(rows)
    assert json.loads(output) == rows
    assert not any(unicodedata.category(char) == "Cc" and char != "\n" for char in output)
    assert "\u202e" not in output
    assert "نعم" in output  # Arabic stays readable


def test_the_entities_table_groups_types_in_the_glossary_panels_order(article):
    # One vocabulary: People, Places, Organisations… in the panel, and the same groups in this
    # order in the report (the report used to put organisations before places).
    headings = [line for line in entities_table(article, 80) if line.startswith("== ")]
    assert headings[:3] == ["== person ==", "== place ==", "== organisation =="]


def test_a_user_glossarys_own_type_is_other(tmp_path):
    glossary = tmp_path / "ships.toml"
    glossary.write_text('[[entity]]\nid = "dhow"\ntype = "ship"\nname_ar = "البوم"\n'
                        'name_en = "Al-Boom"\ndescription = "A dhow."\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("أبحر البوم من الميناء.", encoding="utf-8")
    doc = load_document(str(text), glossaries=[glossary])
    assert [row["type"] for row in entities_json(doc)] == ["other"]
    assert "== other ==" in entities_table(doc, 60)
