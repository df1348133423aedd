"""Quoted spans, whether they are speech, and who said them.

A quoted span is speech when the text says someone said it: a speech cue in its sentence (a verb
قال، أضاف، أكد … in any of its forms, a participle قائلا، مضيفا …, or a source noun بيان، بحسب …),
a colon before it, or it carries on a quote of the paragraph before. It is a name, not speech,
when it is an entity's name, when a naming word comes before it (the rocket “سويوز”, قوات «…»,
ما يعرف بـ«…»), or when it is a paper's name addressed with لـ«…»; one or two words with no cue
in their sentence are scare quotes, and a short phrase with no cue is not speech either.

Arabic news is mostly verb–subject: a speech cue is followed by who speaks, often with a title
first ("وقال وزير الخارجية سيرغي لافروف إن"). So the speaker of a quote is the first person
(else organisation) mentioned right after the nearest cue before it in its sentence; a cue with
nobody after it ("وأضاف:") carries the subject of the most recent statement, quoted or reported,
across paragraphs (skipping headings, captions, related links and embeds). A cue followed by
someone not in the glossary ("قال مسؤول") makes the speaker unknown, described by those words:
never a guess from the nearest name, which is often the addressee. After a source noun (بيان
لوزارة …، وفقا لـ…) the ل is "of", not an addressee; after نقل the one quoted follows عن.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.document.cues import (
    ACCORDING_TO,
    ANONYMOUS,
    NAMING_NOUNS,
    NAMING_PHRASES,
    SPEECH_NOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERBS,
    STOPS,
    TITLES,
)
from reader.document.model import Block, BlockKind, Entity, EntityType, Mention, Quote, Quotes, mentions_in_block
from reader.engine.normalize import NormalizedText, fold

_MARKS = re.compile("[“”«»\"]")
# Each opening mark and the marks that close it. Some sites set quotes in reversed marks ” … “,
# or open and close with ”: a ” that is not closing a quote opens one.
_CLOSERS = {"“": "”", "«": "»", '"': '"', "”": "“”"}
_LONGEST_QUOTE = 5000  # characters: a mark with no closer within reach opens nothing

_TOAST_CUE = "رفع"  # "رفع … نخب": raised a toast
_TOAST_WORD = re.compile(r"(?:\W+\w+){0,5}?\W+[وب]?نخب(?!\w)")
_REPORTING = frozenset(word for word in SPEECH_VERBS if word.startswith(("نقل", "ينقل", "تنقل")))
_SOURCE_CUES = SPEECH_NOUNS | ACCORDING_TO
_CUE_WORDS = SPEECH_VERBS | SPEECH_PARTICIPLES | _SOURCE_CUES | {_TOAST_CUE}
# Every written form of a cue, with a conjunction and a preposition in front (وقال، فبحسب، وللبيان
# is not one): a dict lookup per word, where one regex of hundreds of alternatives is slow.
# A form read both ways (ورد: و + رد) is read with its proclitic, as a regex would.
_CUE_FORMS = {prefix + word: word for prefix in ("", "ب", "ل", "و", "ف", "وب", "ول", "فب", "فل")
              for word in _CUE_WORDS}
_WORD = re.compile(r"\w+")
# Where the subject of a cue can no longer come: "أن"/"إن" and the like open what was said.
_SUBJECT_STOPS = frozenset(("ان", "انه", "انها", "انهم", "انهما", "اننا", "انني", "بان", "بانه", "بانها", "بانهم",
                            "لان", "الي"))
_SUBJECT_MAX_WORDS = 9  # وقال المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني
_WORD_OR_STOP = re.compile(r"\w+|[.!?؟:؛،,;“”«\"]")
_SENTENCE_END = re.compile(r"[.!?؟…]+(?=\s|$)")
_SCARE_WORDS = 2  # this many words or fewer, with no cue in their sentence: scare quotes
_PASSAGE_WORDS = 4  # this many words or more, with no cue: still someone's words (a headline's)
_ADDRESSED_WORDS = 4  # لـ«الشرق الأوسط»: a paper's name addressed, not words
_ISOLATED = (BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION)
_NOT_SPEECH = (BlockKind.RELATED, BlockKind.EMBED)


@dataclass(frozen=True, slots=True)
class _Speaker:
    entity_id: str | None  # None: someone the glossary does not know (an anonymous source)
    words: str | None  # who, as the text names them


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    word: str  # the cue as folded
    speaker: _Speaker | None  # who the cue names; None: nobody named after it (وأضاف:)


def find_quotes(blocks: Sequence[Block], folded: Sequence[NormalizedText], mentions: Sequence[Mention],
                entities: Sequence[Entity], block_quotes: frozenset[int] = frozenset()) -> Quotes:
    """Every quoted span of every block (`folded`: each block's text normalised); `block_quotes`
    are paragraphs quoted as a whole (Markdown `>`, HTML <blockquote>) that count as one quote
    when they hold no quote marks."""
    in_block = mentions_in_block(mentions)
    types = {entity.id: entity.type for entity in entities}
    arabic_names = {entity.id: entity.name_ar for entity in entities}
    names = {fold(name).strip() for entity in entities for name in (entity.name_ar, *entity.aliases)}
    quotes = Quotes(blocks)  # compact from the start: a book's quotes never all exist as objects
    subject: _Speaker | None = None  # of the most recent statement, carried across paragraphs
    previous_text = ""
    previous_said = False  # the paragraph before ended with someone's words, or with a colon
    for block in blocks:
        spans = quoted_spans(block.text)
        quoted_whole = not spans and block.index in block_quotes
        if quoted_whole:
            spans = [_whole(block.text)]
        in_chain = block.kind not in _ISOLATED + _NOT_SPEECH
        said_last = False
        # Only quotes, cues and "NAME:" matter; most paragraphs of a long text have none of them.
        if spans or (in_chain and (":" in block.text or not _CUE_FORMS.keys().isdisjoint(
                _WORD.findall(folded[block.index].text)))):
            block_mentions = in_block(block.index)
            paragraph = _Paragraph(block.text, spans, block_mentions, types)
            cues = _cues(folded[block.index], paragraph)
            if quoted_whole:
                verdicts = [(True, "block quote")]
                speakers: list[_Speaker | None] = [subject if previous_text.rstrip().endswith(":") else None]
            else:
                mention_starts = [mention.start for mention in block_mentions]
                cue_starts = [cue.start for cue in cues]
                verdicts = [_verdict(block, span, paragraph, cues, cue_starts, names, block_mentions, mention_starts,
                                     continues=in_chain and previous_said) for span in spans]
                speakers, carried = _speakers(paragraph, cues, spans, verdicts, subject if in_chain else None)
                if in_chain:
                    subject = carried
            for (start, end), (speech, cue), speaker in zip(spans, verdicts, speakers, strict=True):
                who = speaker if speech else None
                quotes.append(Quote(block.index, start, end, block.text[start:end], speech,
                                    who.entity_id if who else None,
                                    (arabic_names.get(who.entity_id, who.words) if who.entity_id else who.words)
                                    if who else None, cue))
            if spans:
                said_last = verdicts[-1][0] and not block.text[spans[-1][1] + 1:].strip(" .،,:؛")
        if in_chain:
            previous_text = block.text
            previous_said = said_last or block.text.rstrip().endswith(":")
    return _speakers_of_repeated_quotes(quotes, blocks)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The words inside each “…”, «…», "…" and reversed ”…“ pair, scanning left to right: an
    opening mark takes the first closing mark of its kind after it; marks inside a quote open
    nothing.

    Linear in the number of marks (a regex would rescan the rest of the text from every mark
    that never closes).
    """
    marks = [(match.start(), match.group()) for match in _MARKS.finditer(text)]
    closers: list[int | None] = [None] * len(marks)
    following: dict[str, int | None] = dict.fromkeys("".join(_CLOSERS.values()))
    for index in range(len(marks) - 1, -1, -1):
        position, mark = marks[index]
        if mark in _CLOSERS:
            reachable = [at for at in (following[closer] for closer in _CLOSERS[mark]) if at is not None]
            closers[index] = min(reachable, default=None)
        if mark in following:
            following[mark] = position
    spans, resume = [], 0
    for index, (position, mark) in enumerate(marks):
        close = closers[index]
        if position < resume or close is None or close - position > _LONGEST_QUOTE:
            continue
        if text[position + 1:close].strip():
            spans.append((position + 1, close))
        resume = close + 1
    return spans


def _whole(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


_ADDRESSED = re.compile(r"(?<!\w)[وف]?ل\s*$")  # لـ«الشرق الأوسط»


def _verdict(block: Block, span: tuple[int, int], paragraph: _Paragraph, cues: list[_Cue], cue_starts: list[int],
             names: set[str], mentions: list[Mention], mention_starts: list[int], continues: bool
             ) -> tuple[bool, str]:
    """Whether a quoted span is speech, and why (the cue as written, or the reason it is not)."""
    start, end = span
    text = block.text
    if block.kind in _NOT_SPEECH:
        return False, str(block.kind)
    quoted = text[start:end]
    covering = bisect_right(mention_starts, start) - 1  # mentions are in order and never nested
    if fold(quoted).strip(" .،,") in names or (covering >= 0 and end <= mentions[covering].end):
        return False, "a name"
    before = fold(text[max(0, start - 80):max(0, start - 1)])
    naming = _naming_word(before)
    if naming is not None:
        return False, f"named by {naming}"
    words = len(quoted.split())
    if words <= _ADDRESSED_WORDS and _ADDRESSED.search(before):
        return False, "a name addressed with لـ"
    if words <= _SUBJECT_NAME_WORDS and _is_a_subject(before, fold(text[end + 1:end + 40])):
        return False, "a name after a speech verb"
    sentence_start = paragraph.sentence_start(start)
    sentence_end = paragraph.sentence_end(start)
    in_sentence = cues[bisect_left(cue_starts, sentence_start):bisect_left(cue_starts, sentence_end)]
    if in_sentence:
        verbs = [cue for cue in in_sentence if cue.word not in _SOURCE_CUES] or in_sentence
        before_it = [cue for cue in verbs if cue.start < start]
        cue = before_it[-1] if before_it else verbs[0]
        return True, text[cue.start:cue.end]
    if before.rstrip().endswith(":"):
        return True, ":"
    if continues and not text[:max(0, start - 1)].strip(" \t-–—"):
        return True, "continues"
    if words <= _SCARE_WORDS:
        return False, "scare quotes"
    if words >= _PASSAGE_WORDS:
        return True, "quoted passage"
    return False, "no speech cue"


_SUBJECT_NAME_WORDS = 3
_LAST_WORD = re.compile(r"(\w+)\W*$")
_FIRST_WORD = re.compile(r"\W*(\w+)")


def _is_a_subject(before: str, after: str) -> bool:
    """أوضح "محمد عبد الهادي" مدير المكتب أن …: a quoted name right after a speech verb, with its
    title or "أن" after it, is who speaks, not words said."""
    verb = _LAST_WORD.search(before)
    following = _FIRST_WORD.match(after)
    if verb is None or following is None or verb.group(1).lstrip("وف") not in SPEECH_VERBS:
        return False
    return following.group(1) in TITLES or following.group(1) in _SUBJECT_STOPS or after.lstrip().startswith("،")


def _naming_word(before: str) -> str | None:
    """A word just before a quote that says it is a name (up to two adjectives may come between:
    حركة المقاومة الإسلامية «حماس»), or a phrase such as ما يعرف بـ."""
    if before.rstrip().endswith(NAMING_PHRASES):
        return next(phrase for phrase in NAMING_PHRASES if before.rstrip().endswith(phrase))
    words = re.findall(r"\w+", before)[-3:]
    for back, word in enumerate(reversed(words)):
        for bare in _without_proclitics(word):
            if bare in NAMING_NOUNS:
                return bare
        if not word.startswith(("ال", "وال", "بال", "لل")) or back == 2:
            break
    return None


def _without_proclitics(word: str) -> list[str]:
    """The word, and what it is without a conjunction and preposition in front (وبـ، فلـ …)."""
    forms = [word]
    rest = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    forms.append(rest)
    if rest[:1] in "بلك" and len(rest) > 3:
        forms.append(rest[1:])
    if rest.startswith("لل"):
        forms.append("ال" + rest[2:])
    return forms


def _speakers(paragraph: _Paragraph, cues: list[_Cue], spans: list[tuple[int, int]],
              verdicts: list[tuple[bool, str]], subject: _Speaker | None
              ) -> tuple[list[_Speaker | None], _Speaker | None]:
    """The speaker of each span, and the subject this block leaves for the next one.

    Every lookup is a bisection over sorted offsets: one paragraph may be a whole book.
    """
    cue_starts = [cue.start for cue in cues]
    speakers: list[_Speaker | None] = []
    next_cue = 0
    for (start, end), (speech, reason) in zip(spans, verdicts, strict=True):
        while next_cue < len(cues) and cues[next_cue].start < start:  # cues before this quote, in order
            if cues[next_cue].speaker is not None:
                subject = cues[next_cue].speaker
            next_cue += 1
        sentence = paragraph.sentence(start)
        same_sentence_before = next_cue > 0 and paragraph.sentence(cues[next_cue - 1].start) == sentence
        after = None
        for following in range(bisect_right(cue_starts, end), len(cues)):
            if paragraph.sentence(cues[following].start) != sentence:
                break
            if cues[following].speaker is not None:
                after = cues[following]
                break
        speaker: _Speaker | None
        if same_sentence_before:
            speaker = subject
        elif after is not None:
            speaker = after.speaker
        elif next_cue > 0 or reason in (":", "continues"):
            speaker = subject
        else:
            speaker = None
        speakers.append(speaker)
        if speech and speaker is not None:
            subject = speaker
    for cue in cues[next_cue:]:
        if cue.speaker is not None:
            subject = cue.speaker
    return speakers, subject


def _can_speak(type_: EntityType | None) -> bool:
    return type_ is not None and type_.can_speak


class _Paragraph:
    """A block's text with its quoted ranges, sentences and speaker mentions, for bisection."""

    def __init__(self, text: str, spans: list[tuple[int, int]], mentions: list[Mention],
                 types: dict[str, EntityType]) -> None:
        self.text = text
        self.quoted = [(start - 1, end + 1) for start, end in spans]  # with the marks
        self._quoted_starts = [start for start, _ in self.quoted]
        self.mentions = [mention for mention in mentions
                         if _can_speak(types.get(mention.entity_id)) and not self.is_quoted(mention.start)]
        self._mention_starts = [mention.start for mention in self.mentions]
        self.types = types
        self.sentence_starts = [0] + [match.end() for match in _SENTENCE_END.finditer(_masked(text, self.quoted))]

    def is_quoted(self, position: int) -> bool:
        index = bisect_right(self._quoted_starts, position) - 1
        return index >= 0 and position < self.quoted[index][1]

    def sentence(self, position: int) -> int:
        return bisect_right(self.sentence_starts, position)

    def sentence_start(self, position: int) -> int:
        return self.sentence_starts[self.sentence(position) - 1]

    def sentence_end(self, position: int) -> int:
        following = self.sentence(position)
        return self.sentence_starts[following] if following < len(self.sentence_starts) else len(self.text)

    def mentions_between(self, start: int, stop: int) -> list[Mention]:
        return self.mentions[bisect_left(self._mention_starts, start):bisect_left(self._mention_starts, stop)]


def _cues(normalized: NormalizedText, paragraph: _Paragraph) -> list[_Cue]:
    text, folded = normalized.original, normalized.text
    cues: list[_Cue] = []
    for match in _WORD.finditer(folded):
        word = _CUE_FORMS.get(match.group())
        if word is None:
            continue
        start, end = normalized.original_span(match.start(), match.end())
        if paragraph.is_quoted(start):
            continue
        if word == _TOAST_CUE and not _TOAST_WORD.match(folded, match.end()):
            continue
        if word in SPEECH_PARTICIPLES:
            cues.append(_sentence_subject_cue(start, end, word, cues, paragraph))
        elif (word in ACCORDING_TO or _reports(text, start, cues)) and cues \
                and paragraph.sentence(cues[-1].start) == paragraph.sentence(start):
            # "وقال بوتين “…” حسبما ذكرت تاس": the agency reports the words, Putin said them.
            cues.append(_Cue(start, end, word, None))
        else:
            cues.append(_verb_cue(start, end, word, match.end(), normalized, cues, paragraph))
    # "بوتين: “…”" (headline style): a name opening its sentence, then a colon, names the speaker.
    for mention in paragraph.mentions:
        sentence_start = paragraph.sentence_start(mention.start)
        if (mention.start - sentence_start <= _HEADLINE_INDENT and _COLON.match(text, mention.end)
                and not text[sentence_start:mention.start].strip(" \t-–—")):
            cues.append(_Cue(mention.start, mention.end, ":", _Speaker(mention.entity_id, None)))
    return sorted(cues, key=lambda cue: cue.start)


def _reports(text: str, start: int, earlier: list[_Cue]) -> bool:
    """Whether a verb belongs to the source noun just before it (حسبما ذكرت، بحسب ما نقلت)."""
    return bool(earlier) and earlier[-1].word in ACCORDING_TO and fold(text[earlier[-1].end:start]).strip() in ("", "ما")


_COLON = re.compile(r"\s*:")
_HEADLINE_INDENT = 20  # characters of spaces or dashes that may come before "NAME:"
_WHO_WORDS = 3  # words of an anonymous source's description: مصدر أمني رفيع


def _verb_cue(start: int, end: int, word: str, folded_end: int, normalized: NormalizedText, earlier: list[_Cue],
              paragraph: _Paragraph) -> _Cue:
    """The subject follows the verb, perhaps after a title or a day: the first person (else
    organisation) within a few words, before anything that opens what was said, and not
    governed by a preposition (that is the addressee: "قال مسؤول لكيم"). After a source noun
    (بيان لوزارة …) the ل is "of"; after نقل, the one quoted follows عن."""
    tokens: list[re.Match[str]] = []
    for token in _WORD_OR_STOP.finditer(normalized.text, folded_end):
        if not token.group()[0].isalnum() or token.group() in _SUBJECT_STOPS or len(tokens) == _SUBJECT_MAX_WORDS:
            break
        tokens.append(token)
    if not tokens:  # "وقال:" — nobody named
        return _sentence_subject_cue(start, end, word, earlier, paragraph)
    window_end = normalized.original_offset(tokens[-1].end())
    source = word in _SOURCE_CUES
    first_word_end = normalized.original_offset(tokens[0].end())
    within = [mention for mention in paragraph.mentions_between(end, window_end)
              if not _governed(paragraph.text, mention, of_source=source and mention.start < first_word_end)]
    if word in _REPORTING:
        quoted_from = [mention for mention in paragraph.mentions_between(end, window_end)
                       if _after_word(paragraph.text, mention, "عن")]
        after_from = next((number for number, token in enumerate(tokens) if token.group() == "عن"), None)
        if not quoted_from and after_from is not None:  # نقلت سانا عن مصدر عسكري: an unnamed source
            described = _described(normalized, tokens[after_from + 1:])
            if described:
                return _Cue(start, end, word, _Speaker(None, described))
        within = quoted_from or within
    people = [mention for mention in within if paragraph.types[mention.entity_id] is EntityType.PERSON]
    chosen = (people or within)[0] if people or within else None
    if chosen is not None:
        return _Cue(start, end, word, _Speaker(chosen.entity_id, None))
    if source and not within:
        return _sentence_subject_cue(start, end, word, earlier, paragraph)
    return _Cue(start, end, word, _Speaker(None, _described(normalized, tokens)))


def _described(normalized: NormalizedText, tokens: list[re.Match[str]]) -> str | None:
    """An anonymous source as the text describes it (مصدر أمني، مسؤول كبير في …: the first words)."""
    words = [token for token in tokens if token.group() not in TITLES][:_WHO_WORDS + 1]
    for number, token in enumerate(words):
        if token.group().lstrip("وف") in ANONYMOUS:
            kept = [token]
            for following in words[number + 1:number + _WHO_WORDS]:
                if following.group() in STOPS | SPEECH_PARTICIPLES or following.group()[:1] in "بل":
                    break
                kept.append(following)
            start, stop = normalized.original_span(kept[0].start(), kept[-1].end())
            return normalized.original[start:stop]
    return None


def _sentence_subject_cue(start: int, end: int, word: str, earlier: list[_Cue], paragraph: _Paragraph) -> _Cue:
    """A cue naming nobody (وقال: — قائلا، مضيفا …) speaks for the subject of its sentence: the
    one a cue earlier in the sentence named, else the first one mentioned in it ("زار كيم المصنع
    وقال:"), else the subject of the most recent statement (no speaker: carried)."""
    if earlier and paragraph.sentence(earlier[-1].start) == paragraph.sentence(start):
        return _Cue(start, end, word, None)
    for mention in paragraph.mentions_between(paragraph.sentence_start(start), start):
        if not _governed(paragraph.text, mention):
            return _Cue(start, end, word, _Speaker(mention.entity_id, None))
    return _Cue(start, end, word, None)


_PREPOSITIONS = frozenset(("الي", "مع", "عن", "علي", "من", "في", "امام", "لدي", "عند", "حول", "بشان", "ضد",
                           "برفقه", "بصحبه"))


def _word_start(text: str, position: int) -> int:
    while position > 0 and text[position - 1].isalpha():
        position -= 1
    return position


def _after_word(text: str, mention: Mention, word: str) -> bool:
    previous = re.findall(r"\w+", fold(text[max(0, _word_start(text, mention.start) - 30):mention.start]))
    return bool(previous) and previous[-1] == word


def _governed(text: str, mention: Mention, of_source: bool = False) -> bool:
    """Whether a preposition governs the mention (لكيم، للرئيس، مع بوتين): then it is not a
    subject. `of_source`: the mention follows a source noun, where a bare ل means "of"."""
    word_start = _word_start(text, mention.start)
    prefix = fold(text[word_start:mention.start])
    contracted = fold(prefix + mention.surface[:3]).lstrip("وف").startswith("لل")  # ل + ال
    if of_source and (contracted or prefix.lstrip("وف") in ("", "ل")):
        return False
    if contracted or any(letter in "بلك" for letter in prefix):
        return True
    previous = re.findall(r"\w+", fold(text[max(0, word_start - 30):word_start]))
    return bool(previous) and previous[-1] in _PREPOSITIONS


def _masked(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with quoted passages blanked out, so their full stops end no sentence."""
    pieces, last = [], 0
    for start, end in ranges:
        pieces += [text[last:start], "x" * (end - start)]
        last = end
    return "".join(pieces) + text[last:]


_REPEATABLE = ("scare quotes", "no speech cue", "quoted passage")


def _speakers_of_repeated_quotes(quotes: Quotes, blocks: Sequence[Block]) -> Quotes:
    """A heading (or title, or caption) that repeats a quote from the body is speech, with its
    speaker."""
    repeated = {number for number, quote in enumerate(quotes)
                if quote.speaker is None and blocks[quote.paragraph].kind in _ISOLATED
                and (quote.speech or quote.cue in _REPEATABLE)}
    if not repeated:
        return quotes
    body = [number for number, quote in enumerate(quotes) if quote.speech and quote.speaker
            and blocks[quote.paragraph].kind in (BlockKind.BODY, BlockKind.LEAD)]
    result = Quotes(blocks)
    for number, quote in enumerate(quotes):
        if number in repeated:
            key = fold(quote.text).strip(" .،,")
            for said in map(quotes.__getitem__, body):
                other = fold(said.text).strip(" .،,")
                if key in other or (len(other.split()) >= 3 and other in key):
                    quote = Quote(quote.paragraph, quote.start, quote.end, quote.text, True, said.speaker,
                                  said.speaker_ar, "repeats a quote")
                    break
        result.append(quote)
    return result
