"""Places from maintained data: countries and territories with their Arabic names from CLDR
(through Babel), and CLDR's exemplar cities, each with the English name of the same code.

`assets/places.toml` corrects the data for Arabic news: exemplar cities that are ordinary words
(a stop list), official long forms and common names as aliases of a territory, and the curated
id a territory maps onto where the names differ. Loading CLDR costs tens of milliseconds, so it
happens in the background analysis only, once per process.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from importlib.resources import files

from reader.document.model import Entity, EntityType, Origin

# Codes that are no place of their own in news copy: unknown or pseudo regions, and groupings
# that are organisations (the EU, the UN) in the curated glossary.
_NOT_PLACES = frozenset(("ZZ", "QO", "XA", "XB", "EZ", "UN", "EU"))
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")


@cache
def place_entities() -> tuple[Entity, ...]:
    """Every CLDR territory and exemplar city as a place entity (origin: data)."""
    from babel import (
        Locale,  # here, not at import: only the background analysis needs it
    )

    corrections = tomllib.loads(files("reader.assets").joinpath("places.toml").read_text(encoding="utf-8"))
    stop_cities = frozenset(corrections.get("stop_cities", ()))
    stop_territories = frozenset(corrections.get("stop_territories", ()))
    by_code = {entry["code"]: entry for entry in corrections.get("territory", ())}
    arabic, english = Locale("ar"), Locale("en")
    entities: dict[str, Entity] = {}
    territory_names: set[str] = set()
    for code, name in arabic.territories.items():
        if not code.isalpha() or code in _NOT_PLACES | stop_territories or code not in english.territories:
            continue
        correction = by_code.get(code, {})
        name_ar, aliases = _without_parenthesis(name)
        aliases = tuple(dict.fromkeys(alias for alias in (*aliases, *correction.get("aliases", ())) if alias != name_ar))
        english_name = _PARENTHESIS.sub("", english.territories[code]).strip()
        entity_id = correction.get("id") or _slug(english_name)
        entities.setdefault(entity_id, Entity(
            entity_id, EntityType.PLACE, name_ar, english_name, "Country or territory.", aliases, (),
            Origin.DATA, f"CLDR territory {code}"))
        territory_names |= {name_ar, *aliases}
    for zone, names in arabic.time_zones.items():
        city = names.get("city")
        if not city or zone.startswith(("Etc/", "Antarctica/")) or city in stop_cities or city in territory_names:
            continue
        english_city = english.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        entity_id = _slug(english_city)
        entities.setdefault(entity_id, Entity(
            entity_id, EntityType.PLACE, city, english_city, "City.", (), (), Origin.DATA,
            f"CLDR exemplar city of {zone}"))
    del arabic, english
    # Babel keeps every locale's data it loaded for the process's life (MBs): read once here.
    from babel import localedata

    clear = getattr(localedata, "clear_caches", None)  # Babel 2.16 on
    if clear is not None:
        clear()
    return tuple(entities.values())


def _without_parenthesis(name: str) -> tuple[str, tuple[str, ...]]:
    """CLDR's "ميانمار (بورما)": the name, and what the parenthesis holds as an alias (unless it
    only explains, as "منطقة إدارية خاصة" does)."""
    inside = [text for text in _PARENTHESIS.findall(name) if "منطقة" not in text]
    return _PARENTHESIS.sub("", name).strip(), tuple(inside)


def _slug(english: str) -> str:
    letters = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", letters).strip("-")
