"""What the reader keeps about each document between runs: where the reader was, and marks.

One small JSON file per document under the state directory, named by a digest of the document's
key, so opening, saving and recalling a document never reads another document's file: nothing
grows with the number of documents read. Saving is a read-change-write under a lock, written to a
temporary file and renamed, so two readers at once each add what they changed, never drop what
the other saved. Every field is checked on reading; a file that fails (not JSON, nested, a number
out of range, a wrong type) is set aside with a notice, never fatal. Old files are pruned at most
once a day, in one pass over the directory that opens no file: a document's file name says
whether it holds marks (those are never pruned).

A document is keyed by its URL, by its file's absolute path, or (standard input, anything else)
by its content; a fingerprint of its text tells whether a file changed since: a changed file
resumes at the paragraph with the same text, if there is one.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import heapq
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

import platformdirs

from reader.document.model import STDIN_SOURCE

FORMAT_VERSION = 1
MAX_DOCUMENTS = 1000  # beyond this, the files of the documents (with no marks) read longest ago are pruned…
PRUNE_EVERY_SECONDS = 24 * 3600  # …at most this often; a document with marks is never pruned
SET_ASIDE_KEPT_SECONDS = 30 * 24 * 3600  # how long a file that failed its check is kept for a look
MAX_FILE_BYTES = 4 * 1024 * 1024  # one document's state; more is not a file we wrote
MAX_NUMBER = 2**53  # largest block or offset number
MARKED_SUFFIX = ".marked.json"  # the file of a document with marks
LOCK_WAIT_SECONDS = 2.0  # past this, save without the lock rather than hang a quitting reader
LOCK_POLL_SECONDS = 0.01

MARKS_DEPTH = 4  # {"marks": [{"id": …}], "deleted": {id: time}}: tables and lists this deep at most


def default_state_dir() -> Path:
    return platformdirs.user_state_path("reader") / "documents"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class DocumentKey:
    key: str
    fingerprint: str  # of the whole text

    @classmethod
    def of(cls, source: str, texts: Sequence[str]) -> DocumentKey:
        """source: Document.source (a URL, a path, or STDIN_SOURCE)."""
        fingerprint = digest("\n\n".join(texts))
        if source.startswith(("http://", "https://")):
            return cls("url:" + source, fingerprint)
        if source != STDIN_SOURCE and os.path.isfile(source):
            return cls("file:" + os.path.abspath(source), fingerprint)
        return cls("content:" + fingerprint, fingerprint)

    @property
    def file_stem(self) -> str:
        return digest(self.key)[:40]


@dataclass(frozen=True)
class Position:
    block: int
    offset: int
    block_digest: str  # of the block's text: finds the paragraph again in an edited file


@dataclass(frozen=True)
class DocumentState:
    """fingerprint: the text's when the position was saved ("" when there is none)."""

    fingerprint: str = ""
    position: Position | None = None
    marks: Mapping[str, Any] = field(default_factory=dict)
    """The marks' own record (reader.document.marks.MarkSet.to_record), whose fields marks checks;
    here only that it is JSON no deeper than MARKS_DEPTH, its numbers finite."""


class StateError(ValueError):
    """A state file that is not one we wrote; `str()` says why, for the notice."""


class StateStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.notice: str | None = None  # set when a document's file had to be set aside

    def path(self, key: DocumentKey, *, marked: bool = False) -> Path:
        """The document's file; its name says whether it holds marks, so pruning reads no file."""
        return self.directory / (key.file_stem + (MARKED_SUFFIX if marked else ".json"))

    def load(self, key: DocumentKey) -> DocumentState:
        """The document's saved state; an empty one if there is none or it had to be set aside."""
        for marked in (True, False):
            path = self.path(key, marked=marked)
            try:
                return _parse(_read_bounded(path), key.key)
            except FileNotFoundError:
                continue
            except OSError as error:
                self._set_aside(path, f"could not read it ({os.strerror(error.errno) if error.errno else error})")
            except StateError as error:
                self._set_aside(path, str(error))
            break
        return DocumentState()

    def update(self, key: DocumentKey, change: Callable[[DocumentState], DocumentState]) -> DocumentState:
        """Re-read the document's state, apply `change` to it and write the result, under a lock:
        what another reader saved meanwhile is kept (merge in `change`, never overwrite).
        Raises OSError when the state cannot be written."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with _Lock(self.directory / ".lock"):
            state = change(self.load(key))
            marked = bool(state.marks.get("marks"))
            _write_atomically(self.path(key, marked=marked), _serialise(state, key.key))
            _remove(self.path(key, marked=not marked))  # marks added, or the last one deleted
        return state

    def recall(self, key: DocumentKey, texts: Sequence[str]) -> tuple[int, int] | None:
        """(block, offset) to resume at, or None."""
        state = self.load(key)
        position = state.position
        if position is None:
            return None
        if state.fingerprint == key.fingerprint and position.block < len(texts):
            return position.block, position.offset
        for number, text in enumerate(texts):  # the file changed: find the paragraph by its text
            if digest(text) == position.block_digest:
                return number, min(position.offset, len(text))
        return None

    def remember(self, key: DocumentKey, texts: Sequence[str], block: int, offset: int) -> None:
        block_digest = digest(texts[block]) if 0 <= block < len(texts) else ""
        position = Position(max(0, block), max(0, offset), block_digest)
        self.update(key, lambda state: replace(state, fingerprint=key.fingerprint, position=position))

    def prune(self, now: float | None = None) -> None:
        """Forget the documents read longest ago beyond MAX_DOCUMENTS (not those with marks), and
        set-aside files past their time; at most once every PRUNE_EVERY_SECONDS. One pass over the
        directory: linear in the number of files."""
        now = time.time() if now is None else now
        stamp = self.directory / ".pruned"
        try:
            if now - stamp.stat().st_mtime < PRUNE_EVERY_SECONDS:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        documents: list[tuple[float, str]] = []
        try:
            with os.scandir(self.directory) as entries:
                for entry in entries:
                    try:
                        modified = entry.stat(follow_symlinks=False).st_mtime
                    except OSError:
                        continue
                    if entry.name.endswith(".json") and not entry.name.endswith(MARKED_SUFFIX) \
                            and not entry.name.startswith("."):
                        documents.append((modified, entry.name))
                    elif (".json.bad-" in entry.name or entry.name.endswith(".tmp")) and (
                        now - modified > SET_ASIDE_KEPT_SECONDS
                    ):
                        _remove(self.directory / entry.name)
        except OSError:
            return
        if len(documents) > MAX_DOCUMENTS:
            kept = {name for _, name in heapq.nlargest(MAX_DOCUMENTS, documents)}
            for _, name in documents:
                if name not in kept:
                    _remove(self.directory / name)
        try:
            stamp.touch()
            os.utime(stamp, (now, now))
        except OSError:
            pass

    def _set_aside(self, path: Path, reason: str) -> None:
        aside = path.with_name(f"{path.name}.bad-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(path, aside)
            self.notice = f"The saved state of this document was reset: {reason}; the old file is kept as {aside}"
        except OSError:
            self.notice = f"The saved state of this document was reset: {reason}; the file {path} could not be moved"


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, if it is a regular file of at most MAX_FILE_BYTES (a FIFO put in its
    place must not hang the reader, nor /dev/zero fill its memory)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise StateError("it is not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(descriptor)
    if len(data) > MAX_FILE_BYTES:
        raise StateError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data


def _reject_constant(name: str) -> float:
    raise StateError(f"it holds {name}, not a number")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise StateError(f"it holds a number out of range ({text[:20]})")
    return value


def _parse(data: bytes, key: str) -> DocumentState:
    try:
        record = json.loads(data.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float)
    except UnicodeDecodeError:
        raise StateError("it is not UTF-8 text") from None
    except RecursionError:
        raise StateError("it is nested too deeply") from None
    except ValueError as error:  # JSONDecodeError, and int() of more digits than Python converts
        if isinstance(error, StateError):
            raise
        raise StateError("it is not valid JSON") from None
    if not isinstance(record, dict):
        raise StateError("it is not a table")
    if record.get("version") != FORMAT_VERSION:
        raise StateError(f"it has an unknown format version ({_shown(record.get('version'))})")
    if record.get("key") != key:
        raise StateError("it belongs to another document")
    unknown = set(record) - {"version", "key", "fingerprint", "position", "marks"}
    if unknown:
        raise StateError(f"it has unknown fields ({', '.join(sorted(_shown(name) for name in unknown))})")
    fingerprint = record.get("fingerprint", "")
    if not _is_digest(fingerprint) and fingerprint != "":
        raise StateError("its fingerprint is not a digest")
    position = record.get("position")
    if position is not None:
        position = _position(position)
    marks = record.get("marks", {})
    if not isinstance(marks, dict) or _nested_deeper_than(marks, MARKS_DEPTH):
        raise StateError("its marks are not a table of marks")
    return DocumentState(fingerprint, position, marks)


def _position(value: object) -> Position:
    if not isinstance(value, dict) or set(value) != {"block", "offset", "text"}:
        raise StateError("its position is not a table of block, offset and text")
    block, offset, block_digest = value["block"], value["offset"], value["text"]
    if not (_is_count(block) and _is_count(offset)):
        raise StateError("its position is not two whole numbers in range")
    if not (_is_digest(block_digest) or block_digest == ""):
        raise StateError("its position's text is not a digest")
    return Position(block, offset, block_digest)


def _is_count(value: object) -> bool:
    return type(value) is int and 0 <= value <= MAX_NUMBER


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _nested_deeper_than(value: object, limit: int) -> bool:
    """Whether lists and tables nest more than `limit` deep in a parsed JSON value (a level at a
    time: no recursion, however deep)."""
    level = [value] if isinstance(value, (dict, list)) else []
    for _ in range(limit):
        level = [child for container in level for child in (container.values() if isinstance(container, dict)
                 else container) if isinstance(child, (dict, list))]
    return bool(level)


def _shown(value: object) -> str:
    return repr(value)[:40]


def _serialise(state: DocumentState, key: str) -> bytes:
    record: dict[str, object] = {"version": FORMAT_VERSION, "key": key, "fingerprint": state.fingerprint}
    if state.position is not None:
        position = state.position
        record["position"] = {"block": position.block, "offset": position.offset, "text": position.block_digest}
    record["marks"] = dict(state.marks)
    return json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".state-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        _remove(Path(temporary))
        raise


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class _Lock:
    """An advisory lock on the state directory, polled (not a blocking flock, which would hold
    off the signal handlers of a quitting reader); given up after LOCK_WAIT_SECONDS."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.descriptor: int | None = None

    def __enter__(self) -> Self:
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                    break  # a stuck lock: save anyway
                time.sleep(LOCK_POLL_SECONDS)
        self.descriptor = descriptor
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # releases the lock
            self.descriptor = None
