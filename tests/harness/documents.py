"""Small documents for the app tests, built with the real document model, with what their
text looks like on screen worked out by hand (presentation forms, left to right)."""

import random

from reader.document.model import Block, BlockKind, Document, Entity, EntityType, Mention, MentionKind, Quote, Section

TITLE = "سلام"
TITLE_ON_SCREEN = "\ufee1\ufefc\ufeb3"  # ﻡﻼﺳ: meem isolated, lam-alef final, seen initial
LEAD = "قال أحمد: «نعم» في مصر"
QUOTE_ON_SCREEN = "\ufee2\ufecc\ufee7"  # ﻢﻌﻧ: نعم reversed, joined
AHMAD_ON_SCREEN = "\ufeaa\ufee4\ufea3\ufe83"  # ﺪﻤﺣﺃ
EGYPT_ON_SCREEN = "\ufeae\ufebc\ufee3"  # ﺮﺼﻣ
HEADING = "بيت"
HEADING_ON_SCREEN = "\ufe96\ufef4\ufe91"  # ﺖﻴﺑ
SECOND_HEADING = "مصر"
BODY_COUNT = 30
LAST = "النهاية."
LAST_ON_SCREEN = ".\ufe94\ufef3\ufe8e\ufeec\ufee8\ufedf\ufe8d"  # .ﺔﻳﺎﻬﻨﻟﺍ: the full stop ends up on the left


def body(number: int) -> str:
    # Different on every line, two or three screen lines at 77 cells.
    return f"الفقرة {number}: " + " ".join(["كلمة", "أخرى", "هنا"] * (6 + number % 4)) + "."


def sample_document(source: str = "sample.txt") -> Document:
    tail = [body(n) for n in range(BODY_COUNT, BODY_COUNT + 10)] + [LAST]
    texts = [TITLE, LEAD, HEADING] + [body(n) for n in range(BODY_COUNT)] + [SECOND_HEADING, "ومصر بعيدة."] + tail
    kinds = [BlockKind.TITLE, BlockKind.BODY, BlockKind.HEADING] + [BlockKind.BODY] * BODY_COUNT
    kinds += [BlockKind.HEADING] + [BlockKind.BODY] * (1 + len(tail))
    blocks = tuple(Block(n, kind, text) for n, (kind, text) in enumerate(zip(kinds, texts)))
    second = 3 + BODY_COUNT
    quote_start = LEAD.index("نعم")
    return Document(
        title=TITLE,
        source=source,
        blocks=blocks,
        sections=(
            Section(TITLE, None, 0, 2),
            Section(HEADING, 2, 2, second),
            Section(SECOND_HEADING, second, second, len(texts)),
        ),
        quotes=(Quote(1, quote_start, quote_start + 3, "نعم", True, "ahmad"),),
        entities=(
            Entity("ahmad", EntityType.PERSON, "أحمد", "Ahmad", "A man who says yes.", ("أحمد",), ()),
            Entity("egypt", EntityType.PLACE, "مصر", "Egypt", "A country.", ("مصر",), ()),
        ),
        mentions=(
            Mention("ahmad", 1, LEAD.index("أحمد"), LEAD.index("أحمد") + 4, "أحمد", MentionKind.NAME),
            Mention("egypt", 1, LEAD.index("مصر"), LEAD.index("مصر") + 3, "مصر", MentionKind.NAME),
            Mention("egypt", second, 0, 3, "مصر", MentionKind.NAME),
            Mention("egypt", second + 1, 1, 4, "مصر", MentionKind.NAME),
        ),
    )


# -- books: big documents of generated sentences ---------------------------------------------

WORDS = (
    "كان الرحالة يكتب في دفتره كل مساء عن المدن والأسواق والقوافل التي تعبر الصحراء نحو البحر "
    "وقال الدليل إن الطريق طويل لكن النجوم تعرف الاتجاه والماء قريب من الواحة الخضراء"
).split()
MARKER = "الزبرجد"  # in no generated sentence: a search finds only where it is put


def sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))) + "." for _ in range(count)]


def book(size: int) -> Document:
    """A title and numbered paragraphs (every one different) of about `size` bytes in UTF-8."""
    pool = sentences(300, seed=6)
    texts = ["كتاب الرحلة الطويلة"]
    written = 0
    while written < size:
        n = len(texts)
        texts.append(f"الفقرة {n}: " + " ".join(pool[(n * k) % len(pool)] for k in (1, 7, 13)))
        written += 2 * len(texts[-1])
    kinds = [BlockKind.TITLE] + [BlockKind.BODY] * (len(texts) - 1)
    blocks = tuple(Block(n, kind, text) for n, (kind, text) in enumerate(zip(kinds, texts)))
    return Document(texts[0], "book.txt", blocks, (Section(texts[0], None, 0, len(blocks)),), (), (), ())


def one_paragraph(size: int) -> Document:
    """A file with no line break: one paragraph of about `size` bytes."""
    pool = sentences(500, seed=7)
    parts, written = [], 0
    while written < size:
        parts.append(f"{len(parts)}: " + pool[len(parts) % len(pool)])
        written += len(parts[-1].encode()) + 1
    text = " ".join(parts)
    block = Block(0, BlockKind.BODY, text)
    return Document("", "paragraph.txt", (block,), (Section("", None, 0, 1),), (), (), ())
