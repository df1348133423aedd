"""Quoted spans, whether they are speech, and who said them.

Arabic news is mostly verb–subject: a speech cue (قال، أضاف، أكد …) is followed by who speaks,
often with a title first ("رفع الرئيس بوتين … نخب", "وأشار الرئيس الروسي إلى أن"). So the
speaker of a quote is the first person (else organisation) mentioned right after the nearest cue
before it in its sentence; a cue with nobody after it ("وأضاف:") carries the subject of the most
recent statement, quoted or reported, across paragraphs (skipping headings, captions, related
links and embeds). A cue followed by someone not in the glossary ("قال مسؤول") makes the speaker
unknown: never a guess from the nearest name, which is often the addressee.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Sequence

from reader.document.model import Block, BlockKind, Entity, EntityType, Mention, Quote
from reader.engine.normalize import NormalizedText, fold

_MARKS = re.compile("[“”«»\"]")
_CLOSER = {"“": "”", "«": "»", '"': '"'}
_LONGEST_QUOTE = 5000  # characters: a mark with no closer within reach opens nothing

# Folded forms (see reader.engine.normalize): أ → ا, ة → ه, ى → ي, no harakat.
_VERB_CUES = (
    "قال قالت يقول تقول اضاف اضافت يضيف تضيف اكد اكدت يؤكد تؤكد اشار اشارت يشير تشير "
    "اوضح اوضحت يوضح توضح ذكر ذكرت يذكر تذكر رد ردت اخبر اخبرت يخبر تخبر صرح صرحت يصرح تصرح "
    "اعلن اعلنت يعلن تعلن تابع تابعت شدد شددت يشدد تشدد اردف اردفت علق علقت غرد غردت"
).split()
# Participles and "بقوله" take the subject of their own sentence.
_PARTICIPLE_CUES = (
    "قائلا قائله مضيفا مضيفه مؤكدا مؤكده مشيرا مشيره موضحا موضحه متابعا متابعه مشددا مشدده بقوله بقولها"
).split()
_TOAST_CUE = "رفع"  # "رفع … نخب": raised a toast
_TOAST_WORD = re.compile(r"(?:\W+\w+){0,5}?\W+[وب]?نخب(?!\w)")
_CUE = re.compile(r"(?<!\w)[وف]?(" + "|".join(_VERB_CUES + _PARTICIPLE_CUES + [_TOAST_CUE]) + r")(?!\w)")
# Where the subject of a cue can no longer come: "أن"/"إن" and the like open what was said.
_SUBJECT_STOPS = frozenset("ان انه انها انهم انهما اننا انني بان بانه بانها بانهم لان الي".split())
_SUBJECT_MAX_WORDS = 6
_WORD_OR_STOP = re.compile(r"\w+|[.!?؟:؛،,;“«\"]")
_SENTENCE_END = re.compile(r"[.!?؟…]+(?=\s|$)")
# A quoted name, not words: the rocket “سويوز”, the operation “…”.
_NAMING_NOUNS = frozenset((
    "صاروخ الصاروخ الصواريخ مركبه المركبه سفينه السفينه غواصه الغواصه قمر القمر طائره الطائره مسيره المسيره "
    "عمليه العمليه مناورات المناورات برنامج البرنامج مشروع المشروع حمله الحمله مبادره المبادره خطه الخطه "
    "حزب الحزب حركه الحركه جماعه الجماعه تنظيم التنظيم شركه الشركه منظمه المنظمه منصه المنصه "
    "كتاب الكتاب روايه الروايه فيلم الفيلم مسلسل المسلسل اغنيه الاغنيه مسرحيه المسرحيه صحيفه الصحيفه "
    "مجله المجله قناه القناه موقع الموقع تطبيق التطبيق وسم الوسم هاشتاغ عنوان بعنوان اسم باسم المسمي "
    "المسماه يدعي تدعي لقب بلقب شعار بشعار اتفاقيه الاتفاقيه مؤتمر المؤتمر منتدي المنتدي"
).split())
_ISOLATED = (BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION)
_NOT_SPEECH = (BlockKind.RELATED, BlockKind.EMBED)


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    subject: str | None  # entity id, when the cue names who speaks
    named: bool  # someone is named after the cue (subject None: someone not in the glossary)


def find_quotes(blocks: Sequence[Block], folded: Sequence[NormalizedText], mentions: Sequence[Mention],
                entities: Sequence[Entity], block_quotes: frozenset[int] = frozenset()) -> tuple[Quote, ...]:
    """Every quoted span of every block (`folded`: each block's text normalised); `block_quotes`
    are paragraphs quoted as a whole (Markdown `>`, HTML <blockquote>) that count as one quote
    when they hold no quote marks."""
    by_block: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_block.setdefault(mention.paragraph, []).append(mention)
    types = {entity.id: entity.type for entity in entities}
    names = {fold(name) for entity in entities for name in (entity.name_ar, *entity.aliases)}
    quotes: list[Quote] = []
    subject: str | None = None  # of the most recent statement, carried across paragraphs
    previous_text = ""
    for block in blocks:
        spans = quoted_spans(block.text)
        quoted_whole = not spans and block.index in block_quotes
        if quoted_whole:
            spans = [_whole(block.text)]
        in_chain = block.kind not in _ISOLATED + _NOT_SPEECH
        # Only quotes, cues and "NAME:" matter; most paragraphs of a long text have none of them.
        if spans or (in_chain and (":" in block.text or _CUE.search(folded[block.index].text))):
            speakers, carried = _speakers(block, folded[block.index], spans, by_block.get(block.index, []), types,
                                          subject if in_chain else None)
            if quoted_whole:
                speakers = [subject if previous_text.rstrip().endswith(":") else None]
            for (start, end), speaker in zip(spans, speakers):
                text = block.text[start:end]
                speech = block.kind not in _NOT_SPEECH and not _is_a_name(block.text, start, text, names)
                quotes.append(Quote(block.index, start, end, text, speech, speaker if speech else None))
            if in_chain:
                subject = carried
        if in_chain:
            previous_text = block.text
    return tuple(_speakers_of_repeated_quotes(quotes, blocks))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The words inside each “…”, «…» and "…" pair, scanning left to right: an opening mark
    takes the first closing mark of its kind after it; marks inside a quote open nothing.

    Linear in the number of marks (a regex would rescan the rest of the text from every mark
    that never closes).
    """
    marks = [(match.start(), match.group()) for match in _MARKS.finditer(text)]
    closers: list[int | None] = [None] * len(marks)
    following: dict[str, int | None] = dict.fromkeys(_CLOSER.values())
    for index in range(len(marks) - 1, -1, -1):
        position, mark = marks[index]
        if mark in _CLOSER:
            closers[index] = following[_CLOSER[mark]]
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


def _is_a_name(text: str, start: int, quoted: str, names: set[str]) -> bool:
    if fold(quoted).strip(" .،,") in names:
        return True
    before = re.findall(r"\w+", fold(text[max(0, start - 60):max(0, start - 1)]))[-2:]
    return any(word in _NAMING_NOUNS or (word[:1] in "وبلف" and word[1:] in _NAMING_NOUNS) for word in before)


def _speakers(block: Block, normalized: NormalizedText, spans: list[tuple[int, int]], mentions: list[Mention],
              types: dict[str, EntityType], subject: str | None) -> tuple[list[str | None], str | None]:
    """The speaker of each span, and the subject this block leaves for the next one.

    Every lookup is a bisection over sorted offsets: one paragraph may be a whole book.
    """
    paragraph = _Paragraph(block.text, spans, mentions, types)
    cues = _cues(normalized, paragraph)
    cue_starts = [cue.start for cue in cues]
    speakers: list[str | None] = []
    next_cue = 0
    for start, end in spans:
        while next_cue < len(cues) and cues[next_cue].start < start:  # cues before this quote, in order
            if cues[next_cue].named:
                subject = cues[next_cue].subject
            next_cue += 1
        sentence = paragraph.sentence(start)
        same_sentence_before = next_cue > 0 and paragraph.sentence(cues[next_cue - 1].start) == sentence
        after = None
        for following in range(bisect_right(cue_starts, end), len(cues)):
            if paragraph.sentence(cues[following].start) != sentence:
                break
            if cues[following].named:
                after = cues[following]
                break
        if same_sentence_before or (next_cue > 0 and after is None):
            speaker = subject
        elif after is not None:
            speaker = after.subject
        else:
            speaker = None
        speakers.append(speaker)
        if speaker is not None:
            subject = speaker
    for cue in cues[next_cue:]:
        if cue.named:
            subject = cue.subject
    return speakers, subject


def _can_speak(type_: EntityType | None) -> bool:
    return type_ is not None and type_.can_speak


class _Paragraph:
    """A block's text with its quoted ranges, sentences and speaker mentions, for bisection."""

    def __init__(self, text: str, spans: list[tuple[int, int]], mentions: list[Mention], types: dict[str, EntityType]):
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

    def mentions_between(self, start: int, stop: int) -> list[Mention]:
        return self.mentions[bisect_left(self._mention_starts, start):bisect_left(self._mention_starts, stop)]


def _cues(normalized: NormalizedText, paragraph: _Paragraph) -> list[_Cue]:
    text, folded = normalized.original, normalized.text
    cues: list[_Cue] = []
    for match in _CUE.finditer(folded):
        start, end = normalized.original_span(match.start(), match.end())
        if paragraph.is_quoted(start):
            continue
        word = match.group(1)
        if word == _TOAST_CUE and not _TOAST_WORD.match(folded, match.end()):
            continue
        if word in _PARTICIPLE_CUES:
            cues.append(_sentence_subject_cue(start, end, cues, paragraph))
        else:
            cues.append(_verb_cue(start, end, match.end(), normalized, cues, paragraph))
    # "بوتين: “…”" (headline style): a name opening its sentence, then a colon, names the speaker.
    for mention in paragraph.mentions:
        sentence_start = paragraph.sentence_start(mention.start)
        if (mention.start - sentence_start <= _HEADLINE_INDENT and _COLON.match(text, mention.end)
                and not text[sentence_start:mention.start].strip(" \t-–—")):
            cues.append(_Cue(mention.start, mention.end, mention.entity_id, True))
    return sorted(cues, key=lambda cue: cue.start)


_COLON = re.compile(r"\s*:")
_HEADLINE_INDENT = 20  # characters of spaces or dashes that may come before "NAME:"


def _verb_cue(start: int, end: int, folded_end: int, normalized: NormalizedText, earlier: list[_Cue],
              paragraph: _Paragraph) -> _Cue:
    """The subject follows the verb, perhaps after a title or a day: the first person (else
    organisation) within a few words, before anything that opens what was said, and not
    governed by a preposition (that is the addressee: "قال مسؤول لكيم")."""
    words = 0
    window_end = folded_end
    for token in _WORD_OR_STOP.finditer(normalized.text, folded_end):
        if not token.group()[0].isalnum() or token.group() in _SUBJECT_STOPS or words == _SUBJECT_MAX_WORDS:
            break
        words += 1
        window_end = token.end()
    if words == 0:  # "وقال:" — nobody named
        return _sentence_subject_cue(start, end, earlier, paragraph)
    within = [mention for mention in paragraph.mentions_between(end, normalized.original_offset(window_end))
              if not _governed(paragraph.text, mention)]
    people = [mention for mention in within if paragraph.types[mention.entity_id] is EntityType.PERSON]
    chosen = (people or within or [None])[0]
    return _Cue(start, end, chosen.entity_id if chosen else None, True)


def _sentence_subject_cue(start: int, end: int, earlier: list[_Cue], paragraph: _Paragraph) -> _Cue:
    """A cue naming nobody (وقال: — قائلا، مضيفا …) speaks for the subject of its sentence: the
    one a cue earlier in the sentence named, else the first one mentioned in it ("زار كيم المصنع
    وقال:"), else the subject of the most recent statement (named False: carried)."""
    if earlier and paragraph.sentence(earlier[-1].start) == paragraph.sentence(start):
        return _Cue(start, end, None, False)
    for mention in paragraph.mentions_between(paragraph.sentence_start(start), start):
        if not _governed(paragraph.text, mention):
            return _Cue(start, end, mention.entity_id, True)
    return _Cue(start, end, None, False)


_PREPOSITIONS = frozenset("الي مع عن علي من في امام لدي عند حول بشان ضد برفقه بصحبه".split())


def _governed(text: str, mention: Mention) -> bool:
    """Whether a preposition governs the mention (لكيم، للرئيس، مع بوتين): then it is not a subject."""
    word_start = mention.start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    prefix = fold(text[word_start:mention.start])
    contracted = fold(prefix + mention.surface[:3]).lstrip("وف").startswith("لل")  # ل + ال
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


def _speakers_of_repeated_quotes(quotes: list[Quote], blocks: Sequence[Block]) -> list[Quote]:
    """A heading (or title, or caption) that repeats a quote from the body has its speaker."""
    body = [quote for quote in quotes if quote.speech and quote.speaker
            and blocks[quote.paragraph].kind in (BlockKind.BODY, BlockKind.LEAD)]
    result = []
    for quote in quotes:
        if quote.speech and quote.speaker is None and blocks[quote.paragraph].kind in _ISOLATED:
            key = fold(quote.text).strip(" .،,")
            for said in body:
                other = fold(said.text).strip(" .،,")
                if key in other or (len(other.split()) >= 3 and other in key):
                    quote = Quote(quote.paragraph, quote.start, quote.end, quote.text, True, said.speaker)
                    break
        result.append(quote)
    return result
