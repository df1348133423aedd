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
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from reader.document.model import Block, BlockKind, Entity, Mention, Quote
from reader.engine.normalize import NormalizedText, fold

_QUOTED = re.compile(r"“([^”]*)”|«([^»]*)»|\"([^\"]*)\"")
_OPENING_MARKS = "“«\""

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
_SPEAKER_TYPES = ("person", "organisation")
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
        spans = [(match.start() + 1, match.end() - 1) for match in _QUOTED.finditer(block.text)
                 if match.group().strip("“”«»\" \t")]
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


def _whole(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


def _is_a_name(text: str, start: int, quoted: str, names: set[str]) -> bool:
    if fold(quoted).strip(" .،,") in names:
        return True
    before = re.findall(r"\w+", fold(text[max(0, start - 60):start - 1]))[-2:]
    return any(word in _NAMING_NOUNS or (word[:1] in "وبلف" and word[1:] in _NAMING_NOUNS) for word in before)


def _speakers(block: Block, normalized: NormalizedText, spans: list[tuple[int, int]], mentions: list[Mention],
              types: dict[str, str], subject: str | None) -> tuple[list[str | None], str | None]:
    """The speaker of each span, and the subject this block leaves for the next one."""
    text = block.text
    inside = [(start - 1, end + 1) for start, end in spans]  # with the marks
    speakers_mentions = [mention for mention in mentions if types.get(mention.entity_id) in _SPEAKER_TYPES
                         and not _within(mention.start, inside)]
    sentence_starts = [0] + [match.end() for match in _SENTENCE_END.finditer(_masked(text, inside))]
    cues = _cues(normalized, inside, speakers_mentions, sentence_starts, types)
    events = sorted([(cue.start, 0, cue) for cue in cues] + [(start, 1, (start, end)) for start, end in spans],
                    key=lambda event: (event[0], event[1]))
    seen_cue = False
    span_speaker: dict[tuple[int, int], str | None] = {}
    for _, is_span, item in events:
        if not is_span:
            seen_cue = True
            if item.named:
                subject = item.subject
            continue
        start, end = item
        sentence = bisect_right(sentence_starts, start)
        same_sentence_before = any(cue.start < start and bisect_right(sentence_starts, cue.start) == sentence
                                   for cue in cues)
        after = [cue for cue in cues if cue.start > end and bisect_right(sentence_starts, cue.start) == sentence
                 and cue.named]
        if same_sentence_before or (seen_cue and not after):
            speaker = subject
        elif after:
            speaker = after[0].subject
        else:
            speaker = None
        span_speaker[item] = speaker
        if speaker is not None:
            subject = speaker
    speakers = [span_speaker[span] for span in spans]
    return speakers, subject


def _cues(normalized: NormalizedText, inside: list[tuple[int, int]], mentions: list[Mention],
          sentence_starts: list[int], types: dict[str, str]) -> list[_Cue]:
    text, folded = normalized.original, normalized.text
    cues: list[_Cue] = []
    for match in _CUE.finditer(folded):
        start, end = normalized.original_span(match.start(), match.end())
        if _within(start, inside):
            continue
        word = match.group(1)
        if word == _TOAST_CUE and not _TOAST_WORD.match(folded, match.end()):
            continue
        if word in _PARTICIPLE_CUES:
            cues.append(_sentence_subject_cue(start, end, cues, text, mentions, sentence_starts))
        else:
            cues.append(_verb_cue(start, end, match.end(), normalized, cues, mentions, sentence_starts, types))
    # "بوتين: “…”" (headline style): a name opening its sentence, then a colon, names the speaker.
    for mention in mentions:
        sentence_start = sentence_starts[bisect_right(sentence_starts, mention.start) - 1]
        if not text[sentence_start:mention.start].strip(" \t-–—") and text[mention.end:].lstrip().startswith(":"):
            cues.append(_Cue(mention.start, mention.end, mention.entity_id, True))
    return sorted(cues, key=lambda cue: cue.start)


def _verb_cue(start: int, end: int, folded_end: int, normalized: NormalizedText, earlier: list[_Cue],
              mentions: list[Mention], sentence_starts: list[int], types: dict[str, str]) -> _Cue:
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
        return _sentence_subject_cue(start, end, earlier, normalized.original, mentions, sentence_starts)
    stop = normalized.original_offset(window_end)
    within = [mention for mention in mentions
              if end <= mention.start < stop and not _governed(normalized.original, mention)]
    people = [mention for mention in within if types[mention.entity_id] == "person"]
    chosen = (people or within or [None])[0]
    return _Cue(start, end, chosen.entity_id if chosen else None, True)


def _sentence_subject_cue(start: int, end: int, earlier: list[_Cue], text: str, mentions: list[Mention],
                          sentence_starts: list[int]) -> _Cue:
    """A cue naming nobody (وقال: — قائلا، مضيفا …) speaks for the subject of its sentence: the
    one a cue earlier in the sentence named, else the first one mentioned in it ("زار كيم المصنع
    وقال:"), else the subject of the most recent statement (named False: carried)."""
    sentence = bisect_right(sentence_starts, start)
    if any(bisect_right(sentence_starts, cue.start) == sentence for cue in earlier):
        return _Cue(start, end, None, False)
    sentence_start = sentence_starts[sentence - 1]
    before = [mention for mention in mentions
              if sentence_start <= mention.start < start and not _governed(text, mention)]
    if not before:
        return _Cue(start, end, None, False)
    return _Cue(start, end, before[0].entity_id, True)


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


def _within(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


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
