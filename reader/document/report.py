"""`reader quotes` and `reader entities`: as JSON rows, or as tables drawn with the engine."""

from __future__ import annotations

from reader.document.model import Document
from reader.engine.layout import render_text


def quotes_json(doc: Document) -> list[dict]:
    names = {entity.id: entity.name_en for entity in doc.entities}
    return [
        {
            "text": quote.text,
            "speech": quote.speech,
            "speaker": names[quote.speaker] if quote.speaker else None,
            "paragraph": quote.paragraph,
            "start": quote.start,
            "end": quote.end,
        }
        for quote in doc.quotes
    ]


def entities_json(doc: Document) -> list[dict]:
    mentions: dict[str, list[dict]] = {entity.id: [] for entity in doc.entities}
    for mention in doc.mentions:
        mentions[mention.entity_id].append({
            "paragraph": mention.paragraph,
            "start": mention.start,
            "end": mention.end,
            "surface": mention.surface,
            "kind": str(mention.kind),
        })
    return [
        {
            "id": entity.id,
            "type": entity.type,
            "name_ar": entity.name_ar,
            "name_en": entity.name_en,
            "description": entity.description,
            "aliases": list(entity.aliases),
            "mentions": mentions[entity.id],
        }
        for entity in doc.entities
    ]
