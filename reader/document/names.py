"""People and organisations found in the text itself, by the cues news copy puts around names.

- A title before a name: "وقال وزير الخارجية المصري سامح شكري" → a person سامح شكري, described
  as وزير الخارجية المصري. Honorifics (الرئيس، الشيخ، السيد …) may stand right before the name;
  other titles need what they are of first (وزير الخارجية، المتحدث باسم الجيش).
- A speech verb with a name of two words or more after it: "وقال سامح شكري إن".
- An organisation's head noun with its complement: "وزارة الخارجية الروسية", "حركة حماس", "قناة
  الجزيرة"; a definite head needs an adjective: "الجيش الإسرائيلي"; a name in quote marks after a
  head: تنظيم «الدولة الإسلامية».
- Later short forms are merged: "شكري" after "سامح شكري", "وزارة الخارجية" when one found
  ministry starts so.

Names the glossaries know are left to them (`known`: their mentions). Every found entity says
which cue found it. This is the one place with guesswork: precision over recall — a word that
may be a verb, a time, a particle or an everyday noun ends a name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.document.cues import (
    ANONYMOUS,
    DEFINITE_ORGANISATION_HEADS,
    HONORIFICS,
    MEDIA_HEADS,
    NAMES_LIKE_VERBS,
    NOT_NAME_WORDS,
    ORGANISATION_HEADS,
    PERSON_PARTICLES,
    SPEECH_NOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    STOPS,
    TITLE_LINKS,
    TITLES,
)
from reader.document.model import Block, BlockKind, Entity, EntityType, Mention, Origin, mentions_in_block
from reader.engine.normalize import NormalizedText, fold

_TOKEN = re.compile(r"\w+|[^\w\s]")
_NAME_WORDS = 4
_COMPLEMENT_WORDS = 5
_ORGANISATION_WORDS = 4
_NOT_IN_NAMES = STOPS | NOT_NAME_WORDS | SPEECH_VERBS | SPEECH_PARTICIPLES | SPEECH_NOUNS | TITLES \
    | ORGANISATION_HEADS | ANONYMOUS
_QUOTED_NAME_HEADS = ORGANISATION_HEADS | frozenset(("تنظيم", "جماعه", "حركه", "فصيل", "فصائل", "ميليشيا"))


@dataclass(slots=True)
class _Found:
    words: tuple[str, ...]  # folded
    name: str  # as first written
    type: EntityType
    description: str
    cue: str
    aliases: list[str] = field(default_factory=list)


class _Tokens:
    """A block's folded words and marks, with a way back to the original text."""

    def __init__(self, normalized: NormalizedText, known: list[Mention], people: frozenset[str]) -> None:
        self.normalized = normalized
        self.matches = list(_TOKEN.finditer(normalized.text))
        self.words = [match.group() for match in self.matches]
        # In document order and never nested, so one bisection finds the mention at a place.
        self._known = sorted((mention.start, mention.end, mention.entity_id in people) for mention in known)
        self._known_starts = [start for start, _, _ in self._known]

    def original(self, first: int, last: int) -> str:
        """The original text of tokens first..last (inclusive), proclitic of the first left out."""
        start, stop = self.normalized.original_span(self.matches[first].start(), self.matches[last].end())
        return self.normalized.original[start:stop]

    def known(self, index: int, person: bool | None = None) -> bool:
        """Whether a glossary's mention covers the word (`person`: one of a person, or of no person)."""
        start, stop = self.normalized.original_span(self.matches[index].start(), self.matches[index].end())
        last = bisect_left(self._known_starts, stop) - 1
        if last < 0:
            return False
        _, end, is_person = self._known[last]
        return start < end and (person is None or is_person == person)

    def written(self, index: int) -> str:
        """The word as written (hamzas, ة), without harakat."""
        start, stop = self.normalized.original_span(self.matches[index].start(), self.matches[index].end())
        return "".join(char for char in self.normalized.original[start:stop] if char.isalpha())

    def definite(self, index: int) -> bool:
        """Whether the word has the article, as written (أليكسندر folds to الكسندر but has none)."""
        start, stop = self.normalized.original_span(self.matches[index].start(), self.matches[index].end())
        written = "".join(char for char in self.normalized.original[start:stop] if char.isalpha())
        for clitic in ("", "و", "ف", "ب", "وب", "فب", "ك"):
            if written.startswith(clitic + "ال") and len(written) > len(clitic) + 3:
                return True
        return written.startswith(("لل", "ولل", "فلل")) and len(written) > 4

    def is_word(self, index: int) -> bool:
        return index < len(self.words) and self.words[index][0].isalnum()


def find_names(blocks: Sequence[Block], folded: Sequence[NormalizedText], known: Sequence[Mention],
               glossary: Sequence[Entity]) -> list[Entity]:
    """The people and organisations the text names that the glossary (`known`: its mentions)
    does not have."""
    known_names = {fold(name).strip() for entity in glossary for name in (entity.name_ar, *entity.aliases)}
    people = frozenset(entity.id for entity in glossary if entity.type is EntityType.PERSON)
    # Parts of known people's names: "فلاديمير" alone after "الرئيس الروسي" is Putin cut short.
    name_parts = {" ".join(words[start:stop]) for entity in glossary if entity.type is EntityType.PERSON
                  for words in (fold(name).split() for name in (entity.name_ar, *entity.aliases))
                  for start in range(len(words)) for stop in range(start + 1, len(words) + 1)}
    in_block = mentions_in_block(known)
    found: dict[tuple[str, ...], _Found] = {}
    for block in blocks:
        if block.kind is BlockKind.EMBED:
            continue
        tokens = _Tokens(folded[block.index], in_block(block.index), people)
        for candidate in _candidates(tokens):
            if " ".join(candidate.words) in known_names or (
                    candidate.type is EntityType.PERSON and " ".join(candidate.words) in name_parts):
                continue
            found.setdefault(candidate.words, candidate)
    return _entities(_merged(list(found.values()), known_names))


def _bare(word: str) -> str:
    """The word without a conjunction and a preposition in front, where what remains is a cue
    word or has the article (ولوزير → وزير, للرئيس → الرئيس, والمغتربين → المغتربين); else the
    word as written (وزير stays وزير)."""
    if word in _VOCABULARY:
        return word
    forms = []
    rest = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    forms.append(rest)
    if rest[:1] in "بلك" and len(rest) > 3:
        forms.append(rest[1:])
    if rest.startswith("لل") and len(rest) > 4:
        forms.append("ال" + rest[2:])
    for form in forms:
        if form in _VOCABULARY:
            return form
    for form in forms:
        if _definite(form):
            return form
    return word


# What a clitic may be cut off for: a word such as فيصل is not ف + يصل.
_VOCABULARY = TITLES | ORGANISATION_HEADS | DEFINITE_ORGANISATION_HEADS | SPEECH_VERBS | TITLE_LINKS
_CUES = TITLES | ORGANISATION_HEADS | DEFINITE_ORGANISATION_HEADS | SPEECH_VERBS
# Every written form of a cue word: with a conjunction, a preposition, ل + ال as لل.
_CUE_FORMS = frozenset(
    prefix + (word[2:] if prefix.endswith("لل") else word)
    for word in _CUES
    for prefix in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", *(("لل", "ولل", "فلل") if word.startswith("ال") else ()))
)


def _definite(word: str) -> bool:
    return word.startswith("ال") and len(word) > 3


_OPENING_MARKS = ("«", "“", '"', "”")


def _candidates(tokens: _Tokens) -> list[_Found]:
    found = []
    # Only a cue word (in any of its written forms) or a quote mark can start a name here.
    for index in (index for index, word in enumerate(tokens.words) if word in _CUE_FORMS or word in _OPENING_MARKS):
        word = _bare(tokens.words[index])
        candidate = None
        if word in TITLES:
            candidate = _after_title(tokens, index)
        elif word in SPEECH_VERBS:
            candidate = _after_speech_verb(tokens, index)
        elif word in ORGANISATION_HEADS and not tokens.known(index):
            candidate = _organisation(tokens, index, definite=False)
        elif word in DEFINITE_ORGANISATION_HEADS and not tokens.known(index):
            candidate = _organisation(tokens, index, definite=True)
        elif word in _OPENING_MARKS and index and _bare(tokens.words[index - 1]) in _QUOTED_NAME_HEADS:
            candidate = _quoted_name(tokens, index)
        if candidate is not None:
            found.append(candidate)
    return found


def _after_title(tokens: _Tokens, index: int) -> _Found | None:
    """A title, what it is of, then a name: وزير الخارجية الروسي سيرغي لافروف."""
    title = _bare(tokens.words[index])
    if tokens.known(index):  # الرئيس الروسي فلاديمير بوتين: a known description or name
        return None
    position = index + 1
    while tokens.is_word(position) and position - index <= _COMPLEMENT_WORDS:
        word = tokens.words[position]
        bare = _bare(word)
        if tokens.known(position, person=True):  # الرئيس بوتين: the title of someone known
            return None
        if word == "في" and position > index + 1 and tokens.is_word(position + 1) \
                and (tokens.definite(position + 1) or tokens.known(position + 1)):
            position += 2
            continue
        if word in STOPS:
            break
        # A known place or body inside the complement is what the title is of (وزير خارجية روسيا),
        # a title may be of a title (نائب رئيس المجلس), and "في" names where (مدير الدفاع المدني في المنطقة).
        if (tokens.definite(position) and bare not in NOT_NAME_WORDS) or bare in TITLE_LINKS \
                or bare in ORGANISATION_HEADS or bare in TITLES or tokens.known(position):
            position += 1
            continue
        break
    if position == index + 1 and title not in HONORIFICS:
        return None
    name = _name(tokens, position)
    if name is None or (len(name) == 1 and title not in HONORIFICS):
        return None
    first, last = name[0], name[-1]
    written = tokens.words[index]
    described = _without_clitic(tokens.original(index, position - 1), written, title)
    return _Found(tuple(tokens.words[first:last + 1]), tokens.original(first, last), EntityType.PERSON,
                  described, f"after the title «{described}»")


def _after_speech_verb(tokens: _Tokens, index: int) -> _Found | None:
    """A speech verb, then a name of two words or more: وقال سامح شكري إن."""
    name = _name(tokens, index + 1)
    if name is None or len(name) < 2:
        return None
    first, last = name[0], name[-1]
    verb = tokens.original(index, index)
    return _Found(tuple(tokens.words[first:last + 1]), tokens.original(first, last), EntityType.PERSON,
                  "Found in the text.", f"subject of «{verb}»")


def _name(tokens: _Tokens, position: int) -> list[int] | None:
    """The positions of a person's name words starting at `position`, if one starts there."""
    words: list[int] = []
    while tokens.is_word(position) and len(words) < _NAME_WORDS:
        word = tokens.words[position]
        unjoined = word[1:] if word[:1] in "وف" else word  # وجميع: "and all"
        if word == "علي" and tokens.written(position).endswith("ي") and words:  # the name علي, not على
            words.append(position)
            position += 1
            continue
        if word in _NOT_IN_NAMES or _bare(word) in _NOT_IN_NAMES or unjoined in _NOT_IN_NAMES \
                or tokens.known(position) or word.isdigit() \
                or word.startswith(("لل", "بال", "كال")):
            break
        if not words and (tokens.definite(position) or len(word) < 3 or _not_a_first_name(tokens.written(position))):
            return None
        if _looks_like_a_verb(word) or _not_a_name_word(tokens.written(position)) \
                or (words and tokens.written(position).startswith("و")):  # وجالينوس: "and"
            break
        if word.endswith(("يه", "يون", "يين", "ات")):  # an adjective or a plural: الروسية، روسية، وكالات
            break
        words.append(position)
        position += 1
    if not words:
        return None
    if tokens.words[words[-1]] in PERSON_PARTICLES:  # عبد, ابو at the end: the name was cut short
        return None
    return words


_PRONOUN_SUFFIXES = ("ها", "هم", "هما", "كم", "هن")


def _not_a_name_word(written: str) -> bool:
    """A noun with a pronoun (ضيفه "his guest", بعضها), or a preposition on a hamza (لإطلاق)."""
    return (written.endswith("ه") and len(written) >= 4) or written.endswith(_PRONOUN_SUFFIXES) \
        or written[:2] in ("لإ", "لأ", "بإ", "بأ", "كأ", "لآ")


def _not_a_first_name(written: str) -> bool:
    """And + a past verb (واستغل، فأعلن): no name begins so."""
    return written[:1] in "وف" and written[1:2] in "اأإآ" and len(written) >= 5


def _looks_like_a_verb(word: str) -> bool:
    """A present or future tense (يزور، تلتقي، سيزور); a few given names look the same."""
    return ((word[:1] in "يتن" and len(word) >= 4) or (word[:2] in ("سي", "ست", "سن") and len(word) >= 5)) \
        and word not in NAMES_LIKE_VERBS


def _organisation(tokens: _Tokens, index: int, definite: bool) -> _Found | None:
    """وزارة الخارجية الروسية, حركة حماس, قناة الجزيرة; الجيش الإسرائيلي."""
    head = _bare(tokens.words[index])
    position = index + 1
    words = 0
    definite_words = 0
    while tokens.is_word(position) and words < _ORGANISATION_WORDS:
        word = tokens.words[position]
        written = tokens.written(position)
        if head in MEDIA_HEADS and word == "اليوم" and words:  # قناة فلسطين اليوم, روسيا اليوم
            position += 1
            words += 1
            break
        if word in STOPS or word in NOT_NAME_WORDS or word in SPEECH_VERBS or word in TITLES \
                or written.startswith(("بال", "وبال", "كال")) or tokens.known(position, person=True):
            break
        if tokens.definite(position):
            # A construct takes one noun, then adjectives: وزارة الخارجية الروسية, not هيئة الأرصاد السكان.
            if (definite or definite_words) and not _adjective(word):
                break
            definite_words += 1
        elif definite or definite_words:
            break
        else:  # a name of its own: حركة حماس, صحيفة نيويورك تايمز; not an adjective: صحيفة محلية
            proper = words == 0 or (head in MEDIA_HEADS and words < 3)
            if not proper or len(word) < 3 or word in ANONYMOUS or _adjective(word) or _not_a_name_word(written):
                break
        position += 1
        words += 1
    if words == 0:
        return None
    start = index
    name = tokens.original(start, position - 1)
    if definite or tokens.words[index] != head:  # "والجيش": the mention leaves the clitic out
        name = _without_clitic(name, tokens.words[index], head)
    return _Found((head, *tokens.words[index + 1:position]), name, EntityType.ORGANISATION,
                  "Found in the text.", f"organisation head «{head}»" if not definite else f"«{head}» and its adjective")


_ADJECTIVES = frozenset(("العليا", "الكبري", "العام", "العامه", "المتحده", "الاحمر", "السريع", "الحر", "المستقل",
                         "المستقله", "الاعلي", "الجديد", "الموحد", "الحاكم"))


def _adjective(word: str) -> bool:
    """An adjective after a noun: a nisba (الروسية، العالمي، محلية) or a common one (العليا)."""
    return word.endswith(("ي", "يه", "يين", "يون")) or word in _ADJECTIVES


def _without_clitic(name: str, written: str, bare: str) -> str:
    cut = len(written) - len(bare)
    if bare.startswith("ال") and written.endswith(bare[2:]) and not written.endswith(bare):  # لل
        return name
    return name[cut:] if cut > 0 else name


def _quoted_name(tokens: _Tokens, index: int) -> _Found | None:
    """تنظيم «الدولة الإسلامية»: the quoted words are the organisation's name."""
    closer = {"«": "»", "“": "”", '"': '"', "”": "“"}[tokens.words[index]]
    position = index + 1
    while position < len(tokens.words) and tokens.words[position] not in (closer, "”", "“", "»"):
        if not tokens.is_word(position) or position - index > 6:
            return None
        position += 1
    if position == index + 1 or position >= len(tokens.words):
        return None
    head = _bare(tokens.words[index - 1])
    return _Found(tuple(tokens.words[index + 1:position]), tokens.original(index + 1, position - 1),
                  EntityType.ORGANISATION, "Found in the text.", f"named in quote marks after «{head}»")


def _merged(found: list[_Found], known_names: set[str]) -> list[_Found]:
    """Short forms join their long form: a person's family name (شكري, عبد العاطي) and a found
    name that is the start of exactly one longer one of the same type (وزارة الخارجية)."""
    kept: list[_Found] = []
    # Longer names by their first and last word, so a short form meets only its candidates.
    by_first: dict[tuple[EntityType, str], list[_Found]] = {}
    by_last: dict[tuple[EntityType, str], list[_Found]] = {}
    for entry in sorted(found, key=lambda entry: -len(entry.words)):
        size = len(entry.words)
        starting = [other for other in by_first.get((entry.type, entry.words[0]), ())
                    if len(other.words) > size and other.words[:size] == entry.words]
        ending = [other for other in by_last.get((entry.type, entry.words[-1]), ())
                  if entry.type is EntityType.PERSON and len(other.words) > size and other.words[-size:] == entry.words]
        longer = list({id(other): other for other in starting + ending}.values())
        if len(longer) == 1:
            longer[0].aliases.append(entry.name)
        elif not longer:
            kept.append(entry)
            by_first.setdefault((entry.type, entry.words[0]), []).append(entry)
            by_last.setdefault((entry.type, entry.words[-1]), []).append(entry)
    family_names: dict[str, list[_Found]] = {}
    for person in (entry for entry in kept if entry.type is EntityType.PERSON and len(entry.words) >= 2):
        family = person.words[-2:] if person.words[-2] in PERSON_PARTICLES else person.words[-1:]
        short = " ".join(family)
        if short in known_names or short in _NOT_IN_NAMES or len(short) < 3 or _adjective_of_a_place(short, known_names):
            continue
        family_names.setdefault(short, []).append(person)
    for short, owners in family_names.items():
        if len(owners) == 1:  # two people of one family: the family name alone is neither
            owner = owners[0]
            owner.aliases.append(_last_words(owner.name, len(short.split())))
    return kept


def _adjective_of_a_place(word: str, known_names: set[str]) -> bool:
    """السوداني (the family name of one, the adjective of Sudan for all): not a short form."""
    if not (word.startswith("ال") and word.endswith("ي")):
        return False
    stem = word[2:-1]
    return any(form in known_names for form in (stem, "ال" + stem, stem + "يا", stem + "ا", stem + "ه"))


def _last_words(name: str, count: int) -> str:
    return " ".join(name.split()[-count:])


def _entities(found: list[_Found]) -> list[Entity]:
    return [Entity("found:" + "-".join(entry.words), entry.type, entry.name, None, entry.description,
                   tuple(dict.fromkeys(alias for alias in entry.aliases if alias != entry.name)), (),
                   Origin.FOUND, entry.cue)
            for entry in found]
