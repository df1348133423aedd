"""Memory once a book is open (issue 13 item 4): one normalised copy of the text, made by the
analysis and kept by search; nothing else the analysis made for itself, nor the whole decoded
text, outlives it. What is measured (resident memory per MB) is in benchmarks/memory.py."""

import asyncio
import gc
import random

from reader.document.glossary import Matcher, with_data
from reader.document.loading import PREVIEW_CHARS, _entities, load_document, open_document
from reader.document.model import Entity, EntityType, Mention, MentionKind, Mentions, Quotes, mentions_in_block
from reader.document.places import place_entities
from reader.engine.normalize import NormalizedText, normalize
from reader.ui.app import ReaderApp
from reader.ui.freed import release_freed_memory
from reader.ui.search import SearchIndex

WORDS = "كان الرحالة يكتب في دفتره كل مساء عن المدن والأسواق والقوافل التي تعبر الصحراء نحو البحر".split()
QUERIES = ("بوتين", "الصحراء", "قال", "الاسواق", "مساء عن")


def write_book(path, paragraphs: int) -> str:
    """A title, then paragraphs that each name Putin (a name in the bundled glossary)."""
    rng = random.Random(5)
    body = [
        f"الفقرة {n}: قال بوتين إن " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + "."
        for n in range(paragraphs)
    ]
    text = "رحلة طويلة\n\n" + "\n\n".join(body) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


class Progress:
    def __init__(self) -> None:
        self.handed: list[list[NormalizedText]] = []

    def structure_ready(self, document):
        pass

    def names_found(self, entities, mentions):
        pass

    def normalized(self, texts):
        self.handed.append(texts)


def long_strings(root, at_least: int) -> list[str]:
    """The strings of `at_least` characters that `root` (the analysis function) holds: through
    closures, containers and the documents' slots (not through modules)."""
    found, seen, stack = [], set(), [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            if len(obj) >= at_least:
                found.append(obj)
        elif callable(obj) and hasattr(obj, "__closure__"):
            stack.extend(cell.cell_contents for cell in obj.__closure__ or () if cell.cell_contents is not None)
            stack.extend(obj.__defaults__ or ())
        elif isinstance(obj, tuple | list | set | frozenset):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.values())
        elif hasattr(type(obj), "__slots__"):
            stack.extend(getattr(obj, name, None) for name in type(obj).__slots__)
    return found


def test_the_analysis_hands_its_normalised_texts_over_and_keeps_none(tmp_path):
    path = tmp_path / "book.txt"
    text = write_book(path, 800)
    assert len(text) > 2 * PREVIEW_CHARS
    start, analyse = open_document(str(path), preview=True)
    assert long_strings(analyse, len(text) // 2)  # before: it holds the text to structure it whole
    progress = Progress()
    document = analyse(progress)
    assert not long_strings(analyse, len(text) // 2)  # once run, the whole text is no longer held
    (handed,) = progress.handed
    assert [each.original for each in handed] == [block.text for block in document.blocks]
    assert all(each.original is block.text for each, block in zip(handed, document.blocks, strict=True))
    del progress, handed
    gc.collect()
    texts = {id(block.text) for block in document.blocks}
    assert not [obj for obj in gc.get_objects() if isinstance(obj, NormalizedText) and id(obj.original) in texts]
    assert analyse(Progress()) == document  # it can run again, with the same result


def test_search_on_the_analysis_normalised_texts_finds_the_same_hits(tmp_path, monkeypatch):
    path = tmp_path / "book.txt"
    write_book(path, 300)
    _, analyse = open_document(str(path))
    progress = Progress()
    document = analyse(progress)
    texts = [block.text for block in document.blocks]
    own = {query: SearchIndex(texts).find(query) for query in QUERIES}
    shared = SearchIndex(texts)
    assert shared.adopt(progress.handed[0])
    monkeypatch.setattr("reader.ui.search.normalize", None)  # nothing is normalised again
    shared.prepare()
    assert {query: shared.find(query) for query in QUERIES} == own
    assert all(own.values())
    # Texts that are not those the analysis normalised are not taken.
    assert not SearchIndex(texts[:-1]).adopt(progress.handed[0])
    assert not SearchIndex([texts[0], f"{texts[1]}.", *texts[2:]]).adopt(progress.handed[0])


def test_the_app_keeps_one_normalised_copy_of_the_book(tmp_path):
    path = tmp_path / "book.txt"
    write_book(path, 800)
    start, analyse = open_document(str(path), preview=True)

    async def main():
        app = ReaderApp(start, state_dir=tmp_path / "state", analyse=analyse)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.reader_screen
            for _ in range(600):
                index = screen.search_bar.index
                if screen.findings.complete and None not in index._normalized:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            texts = screen.texts
            assert len(texts) > len(start.blocks)  # the whole book
            gc.collect()
            ids = {id(text) for text in texts}
            copies = [obj for obj in gc.get_objects() if isinstance(obj, NormalizedText) and id(obj.original) in ids]
            assert len(copies) == len(texts)  # one per block: search's, made by the analysis
            assert {query: index.find(query) for query in QUERIES} == {
                query: SearchIndex(texts).find(query) for query in QUERIES
            }

    asyncio.run(main())


def test_a_text_folded_to_itself_is_not_copied_and_one_to_one_folds_share_their_map():
    latin, arabic, marked = "reader 42", "كتب الرحالة", "كَتَبَ"
    assert normalize(latin).text is latin
    plain, other = normalize(arabic), normalize("الرحالة كتب")
    assert plain.text == "كتب الرحاله" and plain._starts is other._starts and plain._shifts is other._shifts
    assert plain.original_span(4, 11) == (4, 11)
    folded = normalize(marked)
    assert folded.text == "كتب" and folded.original_span(0, 3) == (0, 6)
    assert normalize(arabic)._starts is plain._starts  # never changed by a text that needs a map


def test_mentions_of_one_name_share_its_written_form():
    putin = Entity("putin", EntityType.PERSON, "بوتين", "Putin", "", (), ())
    matcher = Matcher([putin])
    first = matcher.find(normalize("قال بوتين إن"), 0)
    second = matcher.find(normalize("وأضاف بوتين أمس"), 1)
    assert first[0].surface == second[0].surface == "بوتين"
    assert first[0].surface is second[0].surface


def test_releasing_freed_memory_is_harmless():
    release_freed_memory()
    release_freed_memory()


def test_the_places_keep_no_locale_data_once_read():
    from babel import localedata

    if not hasattr(localedata, "clear_caches"):  # Babel before 2.16 keeps it
        return
    place_entities.cache_clear()
    places = place_entities()
    assert places and not localedata._cache
    assert place_entities() is places  # read once per process


def test_mentions_kept_compactly_read_back_as_they_were_found(tmp_path):
    path = tmp_path / "book.txt"
    write_book(path, 300)
    _, analyse = open_document(str(path), found_names=False)
    document = analyse()
    assert isinstance(document.mentions, Mentions)
    matcher = Matcher(with_data(_entities(()), place_entities()))
    found = [mention for block in document.blocks for mention in matcher.find(normalize(block.text), block.index)]
    assert document.mentions == tuple(found) == Mentions(found) and len(document.mentions) == len(found) >= 300
    assert list(document.mentions) == found and document.mentions[5] == found[5] and document.mentions[-1] == found[-1]
    assert document.mentions[10:20] == tuple(found[10:20])
    assert document.mentions.in_block(7) == [mention for mention in found if mention.paragraph == 7]
    assert document.mentions.of_entity("vladimir-putin") == [n for n, mention in enumerate(found) if mention.entity_id == "vladimir-putin"]
    assert document.mentions.entity_ids() == tuple(dict.fromkeys(mention.entity_id for mention in found))
    assert hash(document.mentions) == hash(tuple(found)) and document.mentions != tuple(found[:-1])
    assert Mentions() == () and not Mentions()


def test_mentions_in_block_from_any_sequence():
    putin = Mention("putin", 3, 4, 9, "بوتين", MentionKind.NAME)
    later = Mention("putin", 5, 0, 5, "بوتين", MentionKind.NAME)
    for mentions in ((putin, later), Mentions([putin, later])):
        in_block = mentions_in_block(mentions)
        assert in_block(3) == [putin] and in_block(5) == [later] and in_block(4) == []


def test_quotes_kept_compactly_read_back_as_they_were_found(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("قال بوتين: «سنواصل العمل»\n\n«لن نتراجع» قالها الوزير أمس.\n\nوأضاف: “الحوار مستمر” ثم غادر.\n",
                    encoding="utf-8")
    document = load_document(str(path))
    quotes = document.quotes
    assert isinstance(quotes, Quotes) and len(quotes) >= 3
    as_objects = tuple(quotes)
    assert all(quote.text == document.blocks[quote.paragraph].text[quote.start:quote.end] for quote in as_objects)
    assert quotes == as_objects == Quotes(document.blocks, as_objects) and quotes[1:] == as_objects[1:]
    assert quotes[-1] == as_objects[-1] and hash(quotes) == hash(as_objects) and quotes != as_objects[:-1]
    assert any(quote.speech and quote.speaker for quote in as_objects)
    assert Quotes(document.blocks) == () and not Quotes(document.blocks)
