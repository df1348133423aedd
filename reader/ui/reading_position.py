"""Where the reader was in each document, kept in the user's state directory.

A document is keyed by its file's absolute path (stdin and other sources by content) and
checked against a fingerprint of its text: a changed file resumes at the paragraph with the same
text if there is one. The file is written atomically; an unreadable one is set aside, never fatal.
"""

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

STATE_FILE_NAME = "positions.json"
MAX_DOCUMENTS = 500  # oldest entries are forgotten beyond this


def default_state_file() -> Path:
    return platformdirs.user_state_path("reader") / STATE_FILE_NAME


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class DocumentKey:
    key: str
    fingerprint: str

    @classmethod
    def of(cls, source: str, texts: Sequence[str]) -> "DocumentKey":
        fingerprint = _digest("\n\n".join(texts))
        if source and source != "-" and os.path.isfile(source):
            return cls("file:" + os.path.abspath(source), fingerprint)
        return cls("content:" + fingerprint, fingerprint)


class PositionStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.notice: str | None = None  # set when the state file had to be set aside
        self._records: dict[str, dict] = self._read()

    def _read(self) -> dict[str, dict]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            return self._set_aside(f"could not read it ({error.__class__.__name__})")
        try:
            records = json.loads(raw)
        except ValueError:
            return self._set_aside("it is not valid JSON")
        if not isinstance(records, dict) or not all(isinstance(r, dict) for r in records.values()):
            return self._set_aside("it is not a table of positions")
        return records

    def _set_aside(self, reason: str) -> dict:
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, aside)
            self.notice = f"Reading positions were reset: {reason}; the old file is kept as {aside}"
        except OSError:
            self.notice = f"Reading positions were reset: {reason}; the file {self.path} could not be moved"
        return {}

    def recall(self, key: DocumentKey, texts: Sequence[str]) -> tuple[int, int] | None:
        """(block, offset) to resume at, or None."""
        record = self._records.get(key.key)
        if record is None:
            return None
        try:
            block, offset, block_digest = int(record["block"]), int(record["offset"]), str(record["text"])
            same = record["fingerprint"] == key.fingerprint
        except (KeyError, TypeError, ValueError):
            return None
        if same and 0 <= block < len(texts):
            return block, max(0, offset)
        for number, text in enumerate(texts):  # the file changed: find the paragraph by its text
            if _digest(text) == block_digest:
                return number, max(0, min(offset, len(text)))
        return None

    def remember(self, key: DocumentKey, texts: Sequence[str], block: int, offset: int) -> None:
        self._records.pop(key.key, None)
        self._records[key.key] = {
            "fingerprint": key.fingerprint,
            "block": block,
            "offset": offset,
            "text": _digest(texts[block]) if 0 <= block < len(texts) else "",
        }
        while len(self._records) > MAX_DOCUMENTS:
            self._records.pop(next(iter(self._records)))
        self._write()

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".positions-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(self._records, stream, ensure_ascii=False)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            os.unlink(temporary)
            raise
