"""The panels: sections, quotes with their speakers, the glossary. Each is an EntryList that
builds its own entries from the document and posts its own typed message when an entry is chosen.

To add a panel: a subclass of EntryList here (its entries, its `chosen` message in
reader/ui/messages.py), a `show_…` reactive and its toggle in ReaderScreen (the `PANELS` table
says where it is mounted), a binding in reader/ui/bindings.py, and its place in reader.tcss.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence

from reader.document.model import Document, Entity, EntityType, Mention, Origin
from reader.ui.entry_list import Entry, EntryList, Field
from reader.ui.messages import EntityChosen, QuoteChosen, SectionChosen

STRIP_CELLS = 24
FINDING = "Finding quotes and names…"


def _notice(text: str) -> Entry:
    return Entry((Field(text, "entry-list--secondary", "ltr"),))


def top_sections(document: Document) -> list[int]:
    """The indexes of the top-level sections, those 1–9 go to."""
    return [number for number, section in enumerate(document.sections) if section.level == 1]


class SectionsPanel(EntryList[int]):
    """One entry per section, indented by its level (a book's nested contents), the top level
    labelled with the key that goes there (1–9)."""

    def show_document(self, document: Document) -> None:
        keys = {number: str(rank + 1) for rank, number in enumerate(top_sections(document)[:9])}
        self.set_entries([
            Entry((Field("  " * (section.level - 1) + (section.title or "—")),), target=number,
                  label=keys.get(number, ""))
            for number, section in enumerate(document.sections)
        ])

    def chosen(self, target: int) -> None:
        self.post_message(SectionChosen(target))


class QuotesPanel(EntryList[int]):
    """Speaker (Arabic and English name) then the quote."""

    def show_finding(self) -> None:
        self.set_entries([Entry((Field(FINDING, base_dir="ltr"),))])

    def show_document(self, document: Document) -> None:
        entities = {entity.id: entity for entity in document.entities}
        entries: list[Entry[int]] = []
        for number, quote in enumerate(document.quotes):
            speaker = entities.get(quote.speaker) if quote.speaker else None
            if speaker is not None:
                who = Field(f"{speaker.name_ar} — {speaker.english_name}", "entry-list--heading")
            elif quote.speech and quote.speaker_ar:  # an unnamed source, as the text describes it
                who = Field(f"{quote.speaker_ar} — unnamed source", "entry-list--heading")
            elif quote.speech:
                who = Field("(speaker unknown)", "entry-list--secondary", "ltr")
            else:
                who = Field(f"(not speech: {quote.cue})" if quote.cue else "(not speech)", "entry-list--secondary")
            entries.append(Entry((who, Field(f"«{quote.text}»")), target=number))
        self.set_entries(entries or [_notice("No quotes in this document.")])

    def chosen(self, target: int) -> None:
        self.post_message(QuoteChosen(target))


def mention_strip(cells_marked: set[int], cells: int = STRIP_CELLS) -> str:
    """Where in the document the mentions fall, the document's start first: ▮ where a mention
    falls in that part, · elsewhere. Laid out right to left, the start is on the right."""
    return "".join("▮" if cell in cells_marked else "·" for cell in range(cells))


class MentionTally:
    """Mentions counted per entity, and the parts of the document they fall in, kept up as more
    are found: each mention is counted once, however often the glossary is rebuilt."""

    def __init__(self, block_count: int) -> None:
        self.block_count = block_count
        self.counts: Counter[str] = Counter()
        self.cells: defaultdict[str, set[int]] = defaultdict(set)
        self.seen = 0

    def catch_up(self, mentions: Sequence[Mention]) -> None:
        """Count the mentions after the ones already counted (`mentions` only ever grows)."""
        for number in range(self.seen, len(mentions)):
            mention = mentions[number]
            self.counts[mention.entity_id] += 1
            self.cells[mention.entity_id].add(min(STRIP_CELLS - 1, mention.paragraph * STRIP_CELLS
                                                  // max(1, self.block_count)))
        self.seen = max(self.seen, len(mentions))


_ORIGINS = {Origin.USER: "your glossary", Origin.CURATED: "curated", Origin.DATA: "CLDR data",
            Origin.FOUND: "found in the text"}


class GlossaryPanel(EntryList[str]):
    """Entities grouped by type: a heading per type, then each entity with its Arabic name,
    English name and mention count, description, and where its mentions fall."""

    def show_finding(self) -> None:
        self.set_entries([Entry((Field(FINDING, base_dir="ltr"),))])

    def show_names(self, entities: Sequence[Entity], tally: MentionTally) -> None:
        by_type: dict[EntityType, list[Entity]] = defaultdict(list)
        for entity in entities:
            by_type[entity.type].append(entity)
        entries: list[Entry[str]] = [
            _notice("▮ marks where an entity is mentioned; the text starts on the right.")
        ] if by_type else []
        for type_ in sorted(by_type, key=lambda type_: type_.order):
            entries.append(Entry((Field(type_.title, "entry-list--heading", "ltr"),)))
            for entity in sorted(by_type[type_], key=lambda entity: -tally.counts[entity.id]):
                count = tally.counts[entity.id]
                fields = [
                    Field(entity.name_ar, "entry-list--heading", "rtl"),
                    Field(f"{entity.english_name} · {count} mention{'s' if count != 1 else ''} · "
                          f"{_ORIGINS[entity.origin]}", base_dir="ltr"),
                ]
                if entity.description:
                    fields.append(Field(entity.description, "entry-list--secondary"))
                if entity.cue and entity.description not in entity.cue:  # why it is here: a CLDR code, a head word
                    fields.append(Field(entity.cue, "entry-list--secondary", "ltr"))
                fields.append(Field(mention_strip(tally.cells[entity.id]), "entry-list--strip", "rtl"))
                entries.append(Entry(tuple(fields), target=entity.id))
        self.set_entries(entries or [_notice("No known names in this document.")])

    def chosen(self, target: str) -> None:
        self.post_message(EntityChosen(target))
