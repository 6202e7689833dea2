"""On-disk cache of briefs, keyed by a hash of everything a brief depends on."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.model import SCHEMA_VERSION, Article, Brief, Topic, from_dict, to_dict


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
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Brief | None:
        path = self.path_for(key)
        try:
            return from_dict(Brief, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            return None  # a missing or unreadable entry is a miss, never an error

    def put(self, key: str, brief: Brief) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(to_dict(brief), ensure_ascii=False, sort_keys=True))


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
