"""The document as data: blocks, sections, quotes, entities and their mentions.

Offsets (`start`, `end`) are code-point offsets into `Block.text`, `end` exclusive. `Block.text` is
the text as the document says it (not sanitised: the engine sanitises one to one at draw time, so
offsets stay valid).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import TypeVar, overload

STDIN_SOURCE = "stdin"
"""`Document.source` of a document read from standard input (otherwise a path, or a URL)."""


class BlockKind(StrEnum):
    """What a block is in the document; the value is its name in reports and style classes."""

    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    BYLINE = "byline"  # who wrote it (كتب: …، بقلم …): never a title, heading or caption
    BODY = "body"
    FOOTNOTE = "footnote"  # a book's note, at the end of its chapter
    CAPTION = "caption"
    RELATED = "related-link"
    EMBED = "embed"


class EntityType(Enum):
    """What a glossary entity is. Members are listed in the order the glossary panel and the
    `reader entities` table group them; a user glossary's own types are all `OTHER`.

    `id` is the word glossaries write (`type = "person"`) and the name of its style class,
    `title` its group heading, `can_speak` whether a quote may be attributed to it."""

    PERSON = ("person", "People", True)
    PLACE = ("place", "Places", False)
    ORGANISATION = ("organisation", "Organisations", True)
    FACILITY = ("facility", "Facilities", False)
    ROCKET = ("rocket", "Rockets", False)
    EVENT = ("event", "Events", False)
    OTHER = ("other", "Other", False)

    def __init__(self, id: str, title: str, can_speak: bool) -> None:
        self.id = id
        self.title = title
        self.can_speak = can_speak

    @property
    def order(self) -> int:
        """The rank of its group: the glossary panel and the entities table list groups by it."""
        return _ENTITY_TYPE_ORDER[self]

    @classmethod
    def from_id(cls, id: str) -> EntityType:
        """The type a glossary's word names; a word this vocabulary does not know is `OTHER`."""
        return _ENTITY_TYPES_BY_ID.get(id, cls.OTHER)

    def __str__(self) -> str:
        return self.id


_ENTITY_TYPE_ORDER = {member: rank for rank, member in enumerate(EntityType)}
_ENTITY_TYPES_BY_ID = {member.id: member for member in EntityType}


class Origin(StrEnum):
    """Where a glossary entity comes from, in the order of precedence when two give the same name:
    a user's `--glossary` beats the curated glossaries, which beat maintained data (CLDR), which
    beats what was found in the text itself."""

    USER = "user"
    CURATED = "curated"
    DATA = "data"
    FOUND = "found"


NO_ENGLISH_NAME = "no English name"  # shown for an entity found in the text: never a made-up one


class MentionKind(StrEnum):
    NAME = "name"
    DESCRIPTION = "description"


@dataclass(frozen=True, slots=True)
class Link:
    start: int
    end: int
    url: str


class SpanKind(StrEnum):
    DATELINE = "dateline"  # "دمشق-سانا" opening the lead: where and from whom, drawn subdued
    NOTE_REF = "note-reference"  # a book's footnote mark; the note is gathered at its chapter's end


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: SpanKind


@dataclass(frozen=True, slots=True)
class Block:
    index: int
    kind: BlockKind
    text: str
    links: tuple[Link, ...] = ()
    spans: tuple[Span, ...] = ()
    direction: str | None = None  # "rtl"/"ltr" when the document says (a book's dir, lang); None: auto


@dataclass(frozen=True, slots=True)
class Section:
    """Blocks `start_block` to `end_block` (exclusive); the opening section has no heading block."""

    title: str
    heading_block: int | None
    start_block: int
    end_block: int
    level: int = 1  # a book's table of contents nests: 2 inside 1, and so on


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted span: `start`/`end` cover the quoted words inside the marks, `text` is those words.

    `speaker` is the id of the entity who said it (None when not speech, or not known);
    `speaker_ar` is who said it as the text names them, also when they are no entity (an
    anonymous source: "مصدر أمني"); `cue` is why it is speech or not (the speech verb, a colon,
    "continues", a naming word before it, "a name", "scare quotes").
    """

    paragraph: int
    start: int
    end: int
    text: str
    speech: bool
    speaker: str | None
    speaker_ar: str | None = None
    cue: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A glossary entry: `aliases` are its spellings and short forms, `references` descriptions
    that stand for it (الرئيس الروسي for Putin). `origin` says where it comes from and `cue`
    what found it (a CLDR code, the title or head word before a name found in the text);
    `name_en` is None where no source gives an English name."""

    id: str
    type: EntityType
    name_ar: str
    name_en: str | None
    description: str
    aliases: tuple[str, ...]
    references: tuple[str, ...]
    origin: Origin = Origin.CURATED
    cue: str = ""

    @property
    def english_name(self) -> str:
        return self.name_en or NO_ENGLISH_NAME


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    paragraph: int
    start: int
    end: int
    surface: str
    kind: MentionKind


_MENTION_KINDS = tuple(MentionKind)
_Item = TypeVar("_Item")


class _Packed(Sequence[_Item]):
    """A sequence kept in arrays rather than as objects (see Mentions, Quotes): each item read is
    made anew by `_item`, equal to the one stored but not the same object. Equal to any sequence
    of equal items."""

    __slots__ = ()

    def _item(self, index: int) -> _Item:
        raise NotImplementedError

    def append(self, item: _Item) -> None:
        raise NotImplementedError

    def extend(self, items: Iterable[_Item]) -> None:
        for item in items:
            self.append(item)

    @overload
    def __getitem__(self, index: int) -> _Item: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_Item, ...]: ...
    def __getitem__(self, index: int | slice) -> _Item | tuple[_Item, ...]:
        if isinstance(index, slice):
            return tuple(self._item(number) for number in range(*index.indices(len(self))))
        return self._item(index)

    def __iter__(self) -> Iterator[_Item]:
        return (self._item(number) for number in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(other) == len(self) and all(mine == theirs for mine, theirs in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Mentions(_Packed[Mention]):
    """Mentions in document order (by paragraph, then start), kept compactly: a book has hundreds
    of thousands, which as objects with their offsets took some 150 bytes each, here about 20.
    The analysis appends to it as it goes."""

    __slots__ = ("_ids", "_id_list", "_surfaces", "_surface_list", "_entity", "_paragraph", "_start", "_end",
                 "_surface", "_kind")

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self._ids: dict[str, int] = {}
        self._id_list: list[str] = []  # in order of first mention
        self._surfaces: dict[str, int] = {}
        self._surface_list: list[str] = []
        self._entity, self._paragraph, self._start, self._end, self._surface = (array("I") for _ in range(5))
        self._kind = bytearray()
        self.extend(mentions)

    def append(self, mention: Mention) -> None:
        entity = self._ids.get(mention.entity_id)
        if entity is None:
            entity = self._ids[mention.entity_id] = len(self._id_list)
            self._id_list.append(mention.entity_id)
        surface = self._surfaces.get(mention.surface)
        if surface is None:
            surface = self._surfaces[mention.surface] = len(self._surface_list)
            self._surface_list.append(mention.surface)
        self._paragraph.append(mention.paragraph)
        self._start.append(mention.start)
        self._end.append(mention.end)
        self._surface.append(surface)
        self._kind.append(_MENTION_KINDS.index(mention.kind))
        self._entity.append(entity)  # last: the mention is there once its entity is (see __len__)

    def __len__(self) -> int:
        return len(self._entity)

    def _item(self, index: int) -> Mention:
        return Mention(self._id_list[self._entity[index]], self._paragraph[index], self._start[index],
                       self._end[index], self._surface_list[self._surface[index]], _MENTION_KINDS[self._kind[index]])

    def __iter__(self) -> Iterator[Mention]:
        ids, surfaces = self._id_list, self._surface_list
        for entity, paragraph, start, end, surface, kind in zip(
            self._entity, self._paragraph, self._start, self._end, self._surface, self._kind
        ):
            yield Mention(ids[entity], paragraph, start, end, surfaces[surface], _MENTION_KINDS[kind])

    def in_block(self, paragraph: int) -> list[Mention]:
        """The mentions in one paragraph (block), in order."""
        first = bisect_left(self._paragraph, paragraph)
        last = bisect_right(self._paragraph, paragraph, first)
        return [self._item(number) for number in range(first, last)]

    def entity_ids(self) -> tuple[str, ...]:
        """The entities mentioned, in order of first mention."""
        return tuple(self._id_list)

    def of_entity(self, entity_id: str) -> list[int]:
        """The numbers of one entity's mentions, in document order (without making them)."""
        wanted = self._ids.get(entity_id)
        if wanted is None:
            return []
        return [number for number, entity in enumerate(self._entity) if entity == wanted]


class Quotes(_Packed[Quote]):
    """Quotes in document order, kept compactly (as Mentions): each one's text is read from its
    block when it is asked for, not kept as a copy. `find_quotes` appends to it as it goes."""

    __slots__ = ("_blocks", "_names", "_name_list", "_paragraph", "_start", "_end", "_speech", "_speaker",
                 "_speaker_ar", "_cue")

    def __init__(self, blocks: Sequence[Block], quotes: Iterable[Quote] = ()) -> None:
        self._blocks = blocks
        self._names: dict[str | None, int] = {None: 0}  # speakers, their Arabic names and cues, once each
        self._name_list: list[str | None] = [None]
        self._paragraph, self._start, self._end, self._speaker, self._speaker_ar, self._cue = (
            array("I") for _ in range(6))
        self._speech = bytearray()
        self.extend(quotes)

    def _name(self, name: str | None) -> int:
        number = self._names.get(name)
        if number is None:
            number = self._names[name] = len(self._name_list)
            self._name_list.append(name)
        return number

    def append(self, quote: Quote) -> None:
        """`quote.text` must be its block's text from `start` to `end` (it always is)."""
        self._start.append(quote.start)
        self._end.append(quote.end)
        self._speech.append(quote.speech)
        self._speaker.append(self._name(quote.speaker))
        self._speaker_ar.append(self._name(quote.speaker_ar))
        self._cue.append(self._name(quote.cue))
        self._paragraph.append(quote.paragraph)  # last: the quote is there once all of it is

    def __len__(self) -> int:
        return len(self._paragraph)

    def _item(self, index: int) -> Quote:
        paragraph, start, end, names = self._paragraph[index], self._start[index], self._end[index], self._name_list
        return Quote(paragraph, start, end, self._blocks[paragraph].text[start:end], bool(self._speech[index]),
                     names[self._speaker[index]], names[self._speaker_ar[index]], names[self._cue[index]] or "")


def mentions_in_block(mentions: Sequence[Mention]) -> Callable[[int], list[Mention]]:
    """A function giving the mentions of one block, from mentions in document order: made as
    they are asked for from a `Mentions`, grouped once from any other sequence."""
    if isinstance(mentions, Mentions):
        return mentions.in_block
    by_block: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_block.setdefault(mention.paragraph, []).append(mention)
    return lambda paragraph: by_block.get(paragraph, [])


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    source: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    quotes: Sequence[Quote]  # in document order (the analysis gives them as Quotes)
    entities: tuple[Entity, ...]  # only those mentioned, in order of first mention
    mentions: Sequence[Mention]  # in document order (the analysis gives them as Mentions)
    notices: tuple[str, ...] = ()  # one line each, for the reader: bad bytes replaced, page cut…
    # What a page or book says of itself ("" when it does not; a plain text never does).
    site: str = ""
    byline: str = ""
    date: str = ""

    @property
    def masthead(self) -> str:
        """Site, byline and date in one line ("" when the document has none of them)."""
        return " · ".join(part for part in (self.site, self.byline, self.date) if part)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)
