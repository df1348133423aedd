"""`reader quotes` and `reader entities`: as JSON rows, or as tables drawn with the engine."""

from __future__ import annotations

import json
import re
from typing import Any

from reader.document.model import Document, Mention
from reader.engine.layout import render_text

# JSON escapes C0 controls itself; these it would write raw with ensure_ascii=False, and a
# terminal would obey them (C1 controls such as CSI 0x9B; bidi marks, embeddings, overrides).
_UNSAFE_IN_JSON = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(rows: list[dict[str, Any]] | dict[str, Any]) -> str:
    """The rows as JSON, Arabic kept readable, every control character escaped (same data)."""
    text = json.dumps(rows, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def quotes_json(doc: Document) -> list[dict[str, Any]]:
    names = {entity.id: entity.name_en for entity in doc.entities}
    return [
        {
            "text": quote.text,
            "speech": quote.speech,
            "speaker": names[quote.speaker] if quote.speaker else None,  # English name, if it has one
            "paragraph": quote.paragraph,
            "start": quote.start,
            "end": quote.end,
            "speaker_id": quote.speaker,
            "speaker_ar": quote.speaker_ar,
            "cue": quote.cue,
        }
        for quote in doc.quotes
    ]


def entities_json(doc: Document) -> list[dict[str, Any]]:
    mentions: dict[str, list[dict[str, Any]]] = {entity.id: [] for entity in doc.entities}
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
            "type": entity.type.id,
            "name_ar": entity.name_ar,
            "name_en": entity.name_en,
            "description": entity.description,
            "aliases": list(entity.aliases),
            "origin": str(entity.origin),
            "cue": entity.cue,
            "mentions": mentions[entity.id],
        }
        for entity in doc.entities
    ]


_INDENT = 4


def quotes_table(doc: Document, width: int, harakat: str = "all") -> list[str]:
    """Each quote: a line with its number, paragraph and speaker, then its words below, indented.
    Every string goes through the engine (shaped, in visual order, aligned, sanitised), drawing
    the diacritics `harakat` asks for."""
    entities = {entity.id: entity for entity in doc.entities}
    spoken = sum(quote.speech for quote in doc.quotes)
    lines = _rendered(f"{_count(len(doc.quotes), 'quote')}, {spoken} spoken: {doc.title}", width, "ltr", harakat)
    for number, quote in enumerate(doc.quotes, 1):
        if not quote.speech:
            who = f"not speech ({quote.cue})"
        elif quote.speaker is not None:
            speaker = entities[quote.speaker]
            who = f"{speaker.english_name} · {speaker.name_ar}"
        elif quote.speaker_ar:
            who = f"unnamed source · {quote.speaker_ar}"
        else:
            who = "speaker unknown"
        lines.append("")
        lines += _rendered(f"{number}. paragraph {quote.paragraph}: {who}", width, "ltr", harakat)
        lines += _indented(quote.text, width, "auto", harakat)
    return lines


def entities_table(doc: Document, width: int, harakat: str = "all") -> list[str]:
    """Entities grouped by type: names, description, the forms the text uses, where it does."""
    mentions: dict[str, list[Mention]] = {entity.id: [] for entity in doc.entities}
    for mention in doc.mentions:
        mentions[mention.entity_id].append(mention)
    types = sorted({entity.type for entity in doc.entities}, key=lambda type_: type_.order)
    lines = _rendered(f"{_count(len(doc.entities), 'entity', 'entities')}, {_count(len(doc.mentions), 'mention')}: {doc.title}", width, "ltr", harakat)
    for type_ in types:
        lines += ["", *_rendered(f"== {type_.id} ==", width, "ltr", harakat)]
        for entity in (entity for entity in doc.entities if entity.type is type_):
            found = mentions[entity.id]
            forms = list(dict.fromkeys(mention.surface for mention in found))
            paragraphs = list(dict.fromkeys(mention.paragraph for mention in found))
            lines.append("")
            lines += _rendered(f"{entity.english_name} · {entity.name_ar} ({_count(len(found), 'mention')})", width, "ltr", harakat)
            lines += _indented(entity.description, width, "ltr", harakat)
            lines += _indented(f"{entity.origin}: {entity.cue}" if entity.cue else str(entity.origin), width, "ltr",
                               harakat)
            lines += _indented("، ".join(forms), width, "rtl", harakat)
            lines += _indented("paragraphs " + ", ".join(map(str, paragraphs)), width, "ltr", harakat)
    return lines


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _rendered(text: str, width: int, base_dir: str, harakat: str) -> list[str]:
    return render_text(text, width, base_dir=base_dir, harakat=harakat)


def _indented(text: str, width: int, base_dir: str, harakat: str) -> list[str]:
    if width <= 2 * _INDENT:
        return _rendered(text, width, base_dir, harakat)
    return [" " * _INDENT + line if line else line for line in _rendered(text, width - _INDENT, base_dir, harakat)]
