"""Glossaries: entities as data (TOML), and finding their mentions in text.

Every bundled glossary (`reader.assets/glossary-*.toml`) always loads: an entity appears in a
document only where it is mentioned, so the article's glossary costs other documents nothing.
A user's glossaries (`--glossary FILE`) load after them; an entity with an id already loaded
replaces it whole.

Matching works on text folded by `reader.engine.normalize`. A name matches whole words only
(كيم never inside حكيم), with a proclitic (و ف ب ل ك, the article ال and their combinations)
accepted only in front of a known name; at any place the longest name wins, and no mention is
nested in another. A description followed directly by a name of the same entity ("الرئيس الروسي
فلاديمير بوتين") is one mention of the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from reader.document.decoding import DocumentError
from reader.document.model import Entity, EntityType, Mention, MentionKind, Origin
from reader.engine.normalize import NormalizedText, fold
from reader.toml_text import TomlError, parse_toml

_FIELDS = ("id", "type", "name_ar", "name_en", "description")


def bundled_glossaries() -> list[Traversable]:
    return sorted((path for path in files("reader.assets").iterdir() if path.name.startswith("glossary-")
                   and path.name.endswith(".toml")), key=lambda path: path.name)


def load_glossaries(extra: Sequence[Path] = ()) -> tuple[Entity, ...]:
    entities: dict[str, Entity] = {}
    for path in bundled_glossaries():
        for entity in parse_glossary(path.read_text(encoding="utf-8"), path.name):
            if entity.id in entities:
                raise DocumentError(f"{path.name}: entity {entity.id!r} is already in another bundled glossary")
            entities[entity.id] = entity
    for path in extra:
        for entity in parse_glossary(_read_user_glossary(path), str(path)):
            entities.pop(entity.id, None)  # so that it also moves to the end: the user's names win ties
            entities[entity.id] = replace(entity, origin=Origin.USER)
    return tuple(entities.values())


def with_data(glossary: Sequence[Entity], data: Sequence[Entity]) -> tuple[Entity, ...]:
    """Maintained data under the glossaries, in the order a Matcher needs (the last loaded wins a
    name both have). A data entry with a glossary entity's id, or one of its names, maps onto
    it: a curated entity gains the data's other spellings, a user's stays as written."""
    by_id = {entity.id: entity for entity in glossary}
    by_name = {fold(name): entity.id for entity in glossary for name in (entity.name_ar, *entity.aliases)}
    kept: list[Entity] = []
    for entry in data:
        names = (entry.name_ar, *entry.aliases)
        target = entry.id if entry.id in by_id else next((by_name[fold(name)] for name in names if fold(name) in by_name),
                                                          None)
        if target is None:
            kept.append(entry)
        elif by_id[target].origin is Origin.CURATED:
            entity = by_id[target]
            spellings = {fold(name) for name in (entity.name_ar, *entity.aliases)}
            extra = tuple(name for name in names if fold(name) not in spellings and fold(name) not in by_name)
            by_id[target] = replace(entity, aliases=entity.aliases + extra)
    return (*kept, *by_id.values())


def check_user_glossaries(paths: Sequence[Path]) -> None:
    """Raise DocumentError for the first of a user's glossaries that cannot be read or parsed
    (for commands that use no names but must refuse bad input as the others do)."""
    for path in paths:
        parse_glossary(_read_user_glossary(path), str(path))


def _read_user_glossary(path: Path) -> str:
    from reader.document.reading import SMALL_FILE_LIMIT, read_small_file

    try:
        return read_small_file(path, f"{path}: glossary", SMALL_FILE_LIMIT).decode("utf-8")
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such glossary file") from None
    except UnicodeDecodeError as error:
        raise DocumentError(f"{path}: glossary is not UTF-8 (byte offset {error.start})") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot read the glossary ({error.strerror or error})") from None


def parse_glossary(text: str, label: str) -> list[Entity]:
    """`[[entity]]` tables with id, type, name_ar, name_en, description, aliases, references."""
    try:
        data = parse_toml(text)
    except TomlError as error:
        raise DocumentError(f"{label}: not a valid TOML glossary ({error})") from None
    entries = data.get("entity", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise DocumentError(f"{label}: expected [[entity]] tables")
    entities = []
    for number, entry in enumerate(entries, 1):
        missing = [name for name in _FIELDS if not isinstance(entry.get(name), str) or not entry[name].strip()]
        if missing:
            raise DocumentError(f"{label}: entity {number} has no {', '.join(missing)}")
        lists = {}
        for name in ("aliases", "references"):
            value = entry.get(name, [])
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise DocumentError(f"{label}: entity {entry['id']!r}: {name} must be a list of strings")
            lists[name] = tuple(value)
        entities.append(Entity(entry["id"], EntityType.from_id(entry["type"]), entry["name_ar"], entry["name_en"],
                               entry["description"], lists["aliases"], lists["references"]))
    return entities


_WORD = re.compile(r"\w+")
_BETWEEN_WORDS = r"[\s\-–]+"
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
_ARTICLE_CLITICS = ("", "و", "ف", "ب", "ك", "وب", "فب", "وك")  # in front of ال (ل + ال is لل)
_LAM_ARTICLE = ("لل", "ولل", "فلل")


@dataclass(frozen=True, slots=True)
class _Name:
    entity_id: str
    kind: MentionKind
    skip: int  # letters of the first word that are a proclitic, left out of the mention
    adjective: bool = False  # a place written like its feminine adjective (سورية): see _is_adjective


@dataclass(slots=True)
class _Node:
    """One word of a name: the words that may follow it, and the name that ends here, if any."""

    following: dict[str, _Node] = field(default_factory=dict)
    name: _Name | None = None


_NEXT_WORD = re.compile(_BETWEEN_WORDS + r"(\w+)")


class Matcher:
    """Finds the mentions of a set of entities in a text (one pass over its words).

    Names are a tree of words keyed by the first word's written forms, so building it and
    reading a name off the text both cost the name's length, however many names share a word.
    """

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._by_first_word: dict[str, _Node] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        # Each way a name is written, once: a book mentions the same names again and again.
        self._surfaces: dict[str, str] = {}
        for entity in entities:
            names = [(name, MentionKind.NAME) for name in (entity.name_ar, *entity.aliases)]
            names += [(name, MentionKind.DESCRIPTION) for name in entity.references]
            for name, kind in names:
                words = _WORD.findall(fold(name))
                if not words:
                    continue
                place = entity.type is EntityType.PLACE
                adjective = place and len(words) == 1 and words[0].endswith("ه")
                # A place takes no article: السورية is "Syrian", never Syria.
                for form, skip in _with_proclitics(words[0], article=not place):
                    node = self._by_first_word.setdefault(form, _Node())
                    for word in words[1:]:
                        node = node.following.setdefault(word, _Node())
                    # The same name twice (another entity, or a user's override): the one loaded last wins.
                    node.name = _Name(entity.id, kind, skip, adjective)

    def find(self, normalized: NormalizedText, paragraph: int) -> list[Mention]:
        """The mentions in one block's text, given folded (`reader.engine.normalize.normalize`)."""
        text, folded = normalized.original, normalized.text
        # Tokenising and set lookups run in C; only the words that may open a name reach Python.
        present = self._by_first_word.keys() & set(_WORD.findall(folded))
        if not present:
            return []
        words = sorted((word for form in present for word in self._occurrences(form).finditer(folded)),
                       key=lambda word: word.start())
        found: list[Mention] = []
        resume = 0
        for word in words:
            if word.start() < resume or (word.start() and _is_word_char(folded[word.start() - 1])):
                continue
            node, position = self._by_first_word[word.group()], word.end()
            longest = (node.name, position) if node.name is not None else None
            while node.following:
                following = _NEXT_WORD.match(folded, position)
                if following is None or (after := node.following.get(following.group(1))) is None:
                    break
                node, position = after, following.end()
                if node.name is not None:
                    longest = (node.name, position)
            if longest is None or (longest[0].adjective and _is_adjective(folded, word.start(), longest[0].skip)):
                continue
            name, end = longest
            start, stop = normalized.original_span(word.start() + name.skip, end)
            surface = text[start:stop]
            found.append(Mention(name.entity_id, paragraph, start, stop, self._surfaces.setdefault(surface, surface),
                                 name.kind))
            resume = end
        return _merge_appositions(found, text, self._surfaces)

    def _occurrences(self, form: str) -> re.Pattern[str]:
        pattern = self._patterns.get(form)
        if pattern is None:
            # No look-behind: a pattern that starts with its literal is searched for at C speed;
            # the word boundary before it is checked by the caller.
            pattern = self._patterns[form] = re.compile(re.escape(form) + r"(?!\w)")
        return pattern


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _with_proclitics(word: str, article: bool = True) -> list[tuple[str, int]]:
    """Every way `word` can be written with a proclitic in front, with the proclitic's length
    (0 where ل + ال contracts to لل: there the proclitic cannot be cut off); `article`: also
    with the article ال added in front of a name that has none."""
    if not _is_arabic(word):
        return [(word, 0)]
    if word.startswith("ال"):
        forms = [(clitic + word, len(clitic)) for clitic in _ARTICLE_CLITICS]
        return forms + [(clitic + word[2:], 0) for clitic in _LAM_ARTICLE]
    forms = [(clitic + word, len(clitic)) for clitic in _CLITICS]
    if not article:
        return forms
    forms += [(clitic + "ال" + word, len(clitic) + 2) for clitic in _ARTICLE_CLITICS]
    return forms + [(clitic + word, len(clitic)) for clitic in _LAM_ARTICLE]


_PREVIOUS_WORD = re.compile(r"(\w+)[\s\-–]+$")
_BROKEN_PLURALS = frozenset(("مصادر", "وسائل", "فصائل", "اوساط", "اطراف", "دوائر", "قوي", "اسلحه"))
_NOUN_ENDINGS = ("ات", "ون", "ين", "يه")


def _is_adjective(folded: str, start: int, skip: int) -> bool:
    """Whether سورية (or وسورية) here is the adjective "Syrian" after an indefinite noun or
    adjective (جهات سورية، مصادر أمنية سورية), not the country."""
    if skip and folded[start] != "و" or skip > 1:
        return False
    previous = _PREVIOUS_WORD.search(folded, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group(1)
    return not word.startswith("ال") and (word.endswith(_NOUN_ENDINGS) or word in _BROKEN_PLURALS)


def _is_arabic(word: str) -> bool:
    return "\u0600" <= word[0] <= "\u06ff"


def _merge_appositions(mentions: list[Mention], text: str, surfaces: dict[str, str]) -> list[Mention]:
    merged: list[Mention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind is MentionKind.DESCRIPTION and mention.kind is MentionKind.NAME
                and previous.entity_id == mention.entity_id and not text[previous.end:mention.start].strip()):
            surface = text[previous.start:mention.end]
            merged[-1] = Mention(mention.entity_id, mention.paragraph, previous.start, mention.end,
                                 surfaces.setdefault(surface, surface), MentionKind.NAME)
        else:
            merged.append(mention)
    return merged
