"""The messages the reader's components send each other, typed (handlers are `on_<snake_case>`:
`on_section_chosen`, `on_names_found`…). A component posts; the screen, which owns the state,
decides what follows."""

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from reader.document.model import Document, Entity, Mention

# -- from the background analysis (posted from its thread; posting never waits) -------------


@dataclass
class StructureReady(Message):
    """The whole document's blocks and sections, where the app opened with a book's start."""

    document: Document


@dataclass
class NamesFound(Message):
    """The entities mentioned so far and their mentions so far (a view that grows, not a copy)."""

    entities: tuple[Entity, ...]
    mentions: Sequence[Mention]


@dataclass
class AnalysisDone(Message):
    """The whole document: quotes, entities and mentions found."""

    document: Document


# -- from the panels (Enter or a click on an entry) ------------------------------------------


@dataclass
class SectionChosen(Message):
    index: int  # into Document.sections


@dataclass
class QuoteChosen(Message):
    index: int  # into Document.quotes


@dataclass
class EntityChosen(Message):
    entity_id: str


@dataclass
class MarkChosen(Message):
    mark_id: str
