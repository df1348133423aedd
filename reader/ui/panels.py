"""The side panels' contents: sections, quotes with their speakers, the glossary."""

from collections import Counter, defaultdict

from reader.document.model import EntityType, Origin
from reader.ui.entry_list import Entry, Field

STRIP_CELLS = 24


def section_entries(document) -> list[Entry]:
    """One entry per section, indented by its level (a book's nested contents), the top level
    labelled with the key that goes there (1–9); the target is the section's index."""
    keys = {number: str(rank + 1) for rank, number in enumerate(top_sections(document)[:9])}
    return [
        Entry((Field("  " * (section.level - 1) + (section.title or "—")),), target=number, label=keys.get(number, ""))
        for number, section in enumerate(document.sections)
    ]


def top_sections(document) -> list[int]:
    """The indexes of the top-level sections, those 1–9 go to."""
    return [number for number, section in enumerate(document.sections) if section.level == 1]


def quote_entries(document) -> list[Entry]:
    """Speaker (Arabic and English name) then the quote; the target is the quote's index."""
    entities = {entity.id: entity for entity in document.entities}
    entries = []
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
    return entries or [Entry((Field("No quotes in this document.", "entry-list--secondary", "ltr"),))]


def mention_strip(paragraphs: list[int], block_count: int, cells: int = STRIP_CELLS) -> str:
    """Where in the document the mentions fall, the document's start first: ▮ where a mention
    falls in that part, · elsewhere. Laid out right to left, the start is on the right."""
    marks = ["·"] * cells
    for paragraph in paragraphs:
        marks[min(cells - 1, paragraph * cells // max(1, block_count))] = "▮"
    return "".join(marks)


_ORIGINS = {Origin.USER: "your glossary", Origin.CURATED: "curated", Origin.DATA: "CLDR data",
            Origin.FOUND: "found in the text"}


def glossary_entries(document) -> list[Entry]:
    """Entities grouped by type: a heading per type, then each entity with its Arabic name,
    English name and mention count, description, and where its mentions fall. The target is
    the entity's id."""
    counts = Counter(mention.entity_id for mention in document.mentions)
    places: dict[str, list[int]] = defaultdict(list)
    for mention in document.mentions:
        places[mention.entity_id].append(mention.paragraph)
    by_type: dict[EntityType, list] = defaultdict(list)
    for entity in document.entities:
        by_type[entity.type].append(entity)
    entries = [Entry((Field("▮ marks where an entity is mentioned; the text starts on the right.",
                            "entry-list--secondary", "ltr"),))] if by_type else []
    for type_ in sorted(by_type, key=lambda type_: type_.order):
        entries.append(Entry((Field(type_.title, "entry-list--heading", "ltr"),)))
        for entity in sorted(by_type[type_], key=lambda entity: -counts[entity.id]):
            count = counts[entity.id]
            fields = [
                Field(entity.name_ar, "entry-list--heading", "rtl"),
                Field(f"{entity.english_name} · {count} mention{'s' if count != 1 else ''} · "
                      f"{_ORIGINS[entity.origin]}", base_dir="ltr"),
            ]
            if entity.description:
                fields.append(Field(entity.description, "entry-list--secondary"))
            if entity.cue and entity.description not in entity.cue:  # why it is here: a CLDR code, a head word
                fields.append(Field(entity.cue, "entry-list--secondary", "ltr"))
            fields.append(
                Field(mention_strip(places[entity.id], len(document.blocks)), "entry-list--strip", "rtl")
            )
            entries.append(Entry(tuple(fields), target=entity.id))
    return entries or [Entry((Field("No known names in this document.", "entry-list--secondary", "ltr"),))]
