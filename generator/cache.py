"""On-disk cache of briefs, keyed by a hash of everything a brief depends on.

Entries are pickles: a warm run loads every brief, and unpickling is some 40 times faster than
rebuilding the dataclasses from JSON (which dominated warm runs). The cache is this generator's
private working data, written only by it into `cache_dir`; the key covers the analysis code and
the data model, so an entry never outlives the classes it was made from. Never point `cache_dir`
at files others can write.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.model import SCHEMA_VERSION, Article, Brief, Topic, to_dict


def cache_key(article: Article, topics: Sequence[Topic], fingerprint: str) -> str:
    """Hash of the article (text and metadata), the topic knowledge and the analysis settings."""
    payload = json.dumps(
        {
            "schema": SCHEMA_VERSION,
            "article": to_dict(article),
            "topics": to_dict(list(topics)),
            "settings": fingerprint,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class BriefCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Brief | None:
        try:
            brief = pickle.loads(self.path_for(key).read_bytes())
        except Exception:  # missing, truncated or from other code: a miss, never an error
            return None
        return brief if isinstance(brief, Brief) else None

    def put(self, key: str, brief: Brief) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(brief, protocol=pickle.HIGHEST_PROTOCOL))


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
