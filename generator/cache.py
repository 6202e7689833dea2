"""On-disk caches: briefs keyed by a hash of everything a brief depends on, and read seeds.

Entries are pickles: a warm run loads every brief, and unpickling is some 40 times faster than
rebuilding the dataclasses from JSON (which dominated warm runs). The cache is this generator's
private working data, written only by it into `cache_dir`; the key covers the analysis code and
the data model, so an entry never outlives the classes it was made from. Never point `cache_dir`
at files others can write.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.model import SCHEMA_VERSION, Article, Brief, Topic, to_dict


def cache_key(article: Article, topics: Sequence[Topic], fingerprint: str) -> str:
    """Hash of the article (text and metadata), the topic knowledge and the analysis settings."""
    return cache_keys([article], topics, fingerprint)[0]


def cache_keys(
    articles: Sequence[Article],
    topics: Sequence[Topic],
    fingerprint: str,
    digest_of: Callable[[Article], str] | None = None,
) -> list[str]:
    """`cache_key` of each article, hashing the topic knowledge once."""
    key_of = cache_key_function(topics, fingerprint, digest_of)
    return [key_of(article) for article in articles]


def cache_key_function(
    topics: Sequence[Topic],
    fingerprint: str,
    digest_of: Callable[[Article], str] | None = None,
) -> Callable[[Article], str]:
    """`cache_key` as a function of the article alone, with the topic knowledge hashed once."""
    digest_of = digest_of or article_digest
    topics_digest = digest(json.dumps(to_dict(list(topics)), sort_keys=True, ensure_ascii=False))

    def key_of(article: Article) -> str:
        return digest(f"{SCHEMA_VERSION}\0{digest_of(article)}\0{topics_digest}\0{fingerprint}")

    return key_of


def article_digest(article: Article) -> str:
    # The dataclasses' repr names every field and quotes every string, so it is a faithful and
    # far cheaper serialisation than JSON of `to_dict` (a warm run hashes every article).
    return digest(repr(article))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


log = logging.getLogger("mkdocs.plugins.briefing")


class PickleStore:
    """Pickled objects of one type in files named by their key, two hex digits a folder."""

    kind: type = object

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        try:
            value = pickle.loads(self.path_for(key).read_bytes())
        except Exception:  # missing, truncated or from other code: a miss, never an error
            return None
        return value if isinstance(value, self.kind) else None

    def put(self, key: str, value) -> None:
        write_to_cache(self.path_for(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def remove_all_but(self, keys: set[str]) -> None:
        """Remove every entry from disk but those of `keys` (older versions, removed pages)."""
        for path in self.directory.glob("*/*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)


class BriefCache(PickleStore):
    kind = Brief


def _process_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once at import: setting the umask to read it is not safe while other threads create files.
NEW_FILE_MODE = 0o666 & ~_process_umask()


def new_staged_file(directory: Path, prefix: str) -> tuple[int, Path]:
    """A new empty file in `directory`, open for writing, to be renamed into place once written.

    It gets the permissions of any new file: mkstemp's 0600 would leave docs/ unreadable to the
    web server or the colleague who publishes it."""
    handle, staged = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    os.fchmod(handle, NEW_FILE_MODE)
    return handle, Path(staged)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file."""
    handle, temporary = new_staged_file(path.parent, prefix=f".{path.name}.")
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


_cache_failures: list[str] = []  # the first cache write that failed in this process, if any


def write_to_cache(path: Path, data: bytes) -> bool:
    """Keep `data` in the cache folder. A cache that cannot be written (a full disk, no
    permission, a file in the way) only costs the next run the work again, so it never stops this
    one: the first failure is said, and False returned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as error:
        if not _cache_failures:
            _cache_failures.append(str(path.parent))
            # Said, but not as a warning: `mkdocs build --strict` fails on warnings, and a build
            # without its cache is only slower.
            log.info(
                "briefing: the cache cannot be written (%s: %s); going on without it",
                path.parent,
                error.strerror or error,
            )
        return False
    return True
