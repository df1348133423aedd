"""The background analysis: quotes, entities and mentions found after the first paint.

A daemon thread, not a Textual worker: the analysis cannot stop half way, and quitting must not
wait for it (the executor behind thread workers is joined at exit). It hands its results over
with `post_message`, which only queues them: a thread that waited on the app (as
`call_from_thread` does) could hold the app's shutdown, which waits for its own writer thread,
for ever.
"""

import threading
from collections.abc import Callable, Sequence

from textual.message_pump import MessagePump

from reader.document.loading import Analysis
from reader.document.model import Document, Entity, Mention
from reader.engine.normalize import NormalizedText
from reader.ui.freed import release_freed_memory
from reader.ui.messages import AnalysisDone, NamesFound, StructureReady
from reader.ui.quiet import InputQuiet


class _Progress:
    """An `AnalysisProgress` posting each stage to `target` as a typed message."""

    def __init__(self, target: MessagePump,
                 normalized: Callable[[list[NormalizedText]], object] | None = None) -> None:
        self._target = target
        if normalized is not None:
            self.normalized = normalized  # see AnalysisProgress

    def structure_ready(self, document: Document) -> None:
        self._target.post_message(StructureReady(document))

    def names_found(self, entities: tuple[Entity, ...], mentions: Sequence[Mention]) -> None:
        self._target.post_message(NamesFound(entities, mentions))


def start_analysis(analyse: Analysis, target: MessagePump, quiet: InputQuiet,
                   then: Callable[[], None] | None = None,
                   normalized: Callable[[list[NormalizedText]], object] | None = None) -> threading.Thread:
    """Run `analyse` in a daemon thread, giving way to input (`quiet`); its stages reach `target`
    as StructureReady, NamesFound, then AnalysisDone. `normalized` is given the blocks'
    normalised texts the analysis made (in its thread, before AnalysisDone), `then` runs in the
    same thread afterwards (work that may as well be done before the reader asks for it)."""

    def run() -> None:
        try:
            document = analyse(_Progress(target, normalized), pause=quiet.wait)
            target.post_message(AnalysisDone(document))
        except RuntimeError:  # the app's event loop has closed: nobody is waiting for the result
            return
        if then is not None:
            then()
        release_freed_memory()

    thread = threading.Thread(target=run, name="reader-analysis", daemon=True)
    thread.start()
    return thread
