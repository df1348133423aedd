"""Book-sized Arabic documents for the benchmarks, generated from the bundled article and the
passages below.

A word-bigram chain trained on both recombines their words into new sentences, so passages do
not repeat (a repeated line would be read as a related link by the document model). Chapters
and sections are numbered; some paragraphs quote a speaker, some carry numbers, dates and Latin
names, as news and books do. The output depends only on the seed and the size.
"""

import random
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

# Our own passages, written for the benchmark: other topics and other sentence shapes than the
# article's, so the chain has more than one register to recombine.
PASSAGES = """
سافر الرحالة في صيف عام 1325 من مدينة طنجة إلى مكة، وعبر في طريقه الصحراء الكبرى ومدن الساحل.
وكتب في مذكراته أن القوافل كانت تسير ليلا هربا من حر النهار، وأن الدليل كان يعرف النجوم كما يعرف أهله.
في المكتبة القديمة أكثر من 40 ألف مخطوطة، بعضها في الطب والفلك وبعضها في الشعر والتاريخ.
يقول أمين المكتبة إن ترميم المخطوطة الواحدة قد يستغرق ستة أشهر من العمل الدقيق.
ارتفعت أسعار القمح بنسبة 12% خلال الربع الأخير من العام، بحسب تقرير نشرته وزارة الاقتصاد.
وتوقع الخبراء أن تستقر الأسعار إذا تحسن موسم الأمطار في الشمال والشرق.
تعلمت الطفلة القراءة من جدتها، التي كانت تحكي لها كل مساء حكاية جديدة عن البحر والسفن.
وحين كبرت صارت تكتب تلك الحكايات في دفتر أزرق لا تفارقه.
أعلن فريق من الباحثين في جامعة القاهرة عن اكتشاف نوع جديد من الطحالب في مياه البحر الأحمر.
ونشرت النتائج في مجلة Nature العلمية بعد مراجعة استمرت أكثر من عام.
تمتد حديقة النباتات على مساحة 30 هكتارا، وتضم أشجارا جلبت من إفريقيا وآسيا وأمريكا الجنوبية.
ويزورها في الربيع آلاف الطلاب والعائلات، فتمتلئ ممراتها بالضحك والأسئلة.
قال المهندس إن الجسر الجديد سيختصر الطريق بين الضفتين من ساعة كاملة إلى عشر دقائق.
وأضاف أن العمل سينتهي قبل نهاية الشتاء إذا لم تتأخر شحنات الحديد.
في السوق القديم رائحة القهوة والهيل، وأصوات الباعة تختلط بأجراس الدراجات.
يبيع الرجل العجوز الكتب المستعملة منذ خمسين عاما، ويعرف مكان كل كتاب على رفوفه.
شهدت المدينة أمس عاصفة رملية حجبت الرؤية، وأغلقت المدارس أبوابها احتياطا.
وأوصت هيئة الأرصاد السكان بالبقاء في منازلهم حتى تهدأ الرياح.
يرى المؤرخون أن الترجمة كانت جسرا بين الحضارات، نقلت العلوم من لغة إلى أخرى عبر القرون.
وفي بيت الحكمة ببغداد عمل المترجمون على كتب أرسطو وجالينوس وإقليدس.
أطلقت الوكالة قمرا صناعيا لرصد المناخ، يدور حول الأرض كل 95 دقيقة على ارتفاع 700 كيلومتر.
وسيرسل القمر صورا يومية تساعد المزارعين على معرفة رطوبة التربة.
كانت الرسالة قصيرة: سأعود قبل أن تزهر أشجار اللوز، فلا تغلقوا النافذة.
وانتظرت الأم طويلا، تسقي الأشجار كل صباح وتنظر إلى الطريق.
تحدث الروائي في الأمسية عن بداياته، وعن أول قصة نشرها في صحيفة محلية وهو في السابعة عشرة.
وقرأ للحاضرين فصلا من روايته الجديدة التي تدور أحداثها في ميناء صغير على المتوسط.
يعتمد النظام الجديد على الطاقة الشمسية، ويوفر الكهرباء لأكثر من 200 قرية نائية.
وقال مدير المشروع إن الألواح تنظف مرة كل أسبوعين بسبب الغبار.
"""

TITLE_WORDS = ("كتاب", "رحلة", "أخبار", "حكايات", "سجل", "دفتر")
SPEAKERS = ("المؤرخ", "الوزير", "الرحالة", "المهندس", "الشاعر", "الطبيب", "المراسل", "القاضي")
LATIN_NAMES = ("Ibn Battuta", "UNESCO", "NASA", "Reuters", "Al-Khwarizmi", "Euclid", "BBC")
SEARCH_WORD = "الزبرجد"  # appears once, near the end of a book: a search must go through it


@dataclass(frozen=True)
class Book:
    path: Path
    title: str
    search_word: str


def _sentences() -> list[list[str]]:
    article = (files("reader.assets") / "vostochny-summit.txt").read_text(encoding="utf-8")
    text = article + "\n" + PASSAGES
    sentences = re.split(r"(?<=[.!؟])\s+|\n+", text)
    return [s.split() for s in sentences if len(s.split()) >= 4]


class _Chain:
    """Word bigrams of the source sentences; a walk from a sentence's first word makes a new one."""

    def __init__(self, sentences: list[list[str]]) -> None:
        self.starts = [s[0] for s in sentences]
        self.follow: dict[str, list[str]] = {}
        for words in sentences:
            for before, after in zip(words, words[1:] + [""]):
                self.follow.setdefault(before, []).append(after)

    def sentence(self, rng: random.Random, longest: int) -> str:
        words = [rng.choice(self.starts)]
        while len(words) < longest:
            following = rng.choice(self.follow[words[-1]])
            if not following:
                break
            words.append(following)
        text = " ".join(words).rstrip(".،:")
        return text + rng.choice(".....؟!")


def _paragraph(chain: _Chain, rng: random.Random) -> str:
    sentences = [chain.sentence(rng, rng.randint(6, 30)) for _ in range(rng.randint(1, 7))]
    roll = rng.random()
    if roll < 0.15:
        sentences.append(f"وقال {rng.choice(SPEAKERS)}: “{chain.sentence(rng, rng.randint(5, 20))}”")
    elif roll < 0.22:
        sentences.append(f"({rng.choice(LATIN_NAMES)}، {rng.randint(1900, 2026)})")
    elif roll < 0.30:
        sentences.append(f"وبلغ العدد {rng.randint(2, 99_999)} في {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(1950, 2026)}.")
    return " ".join(sentences)


def write_book(path: Path, size: int, *, seed: int = 6) -> Book:
    """Write an Arabic book of about `size` bytes (UTF-8) to `path`: a title, numbered chapters
    and sections with headings, paragraphs separated by blank lines, every paragraph different."""
    rng = random.Random(seed)
    chain = _Chain(_sentences())
    title = f"{rng.choice(TITLE_WORDS)} {chain.sentence(rng, 6).rstrip('.؟!')}"
    blocks = [title]
    written = len(title.encode())
    seen: set[str] = set()
    search_at = int(size * 0.9)
    chapter = 0
    while written < size:
        if chapter == 0 or rng.random() < 0.02:
            chapter += 1
            section = 0
            heading = f"الفصل {chapter}: {chain.sentence(rng, rng.randint(3, 7)).rstrip('.؟!')}"
        elif rng.random() < 0.12:
            section += 1
            heading = f"{chapter}.{section} {chain.sentence(rng, rng.randint(2, 5)).rstrip('.؟!')}"
        else:
            heading = None
        paragraph = _paragraph(chain, rng)
        if written >= search_at:
            paragraph += f" ووجدوا في الصندوق حجرا من {SEARCH_WORD} الأخضر."
            search_at = size * 2
        if paragraph in seen:
            continue
        seen.add(paragraph)
        for block in (heading, paragraph):
            if block:
                blocks.append(block)
                written += len(block.encode()) + 2
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return Book(path, title, SEARCH_WORD)


def write_single_paragraph(path: Path, size: int, *, seed: int = 7) -> Path:
    """Write about `size` bytes of Arabic sentences with no line break at all: one enormous paragraph."""
    rng = random.Random(seed)
    chain = _Chain(_sentences())
    parts: list[str] = []
    written = 0
    while written < size:
        part = _paragraph(chain, rng)
        parts.append(part)
        written += len(part.encode()) + 1
    path.write_text(" ".join(parts), encoding="utf-8")
    return path
