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
import weakref
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

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
    # far cheaper serialisation than JSON of `to_dict` (a warm run hashes every article). Made
    # once per article object: a store kept in memory gives the same object to every run.
    return PER_OBJECT.value(article, "digest", lambda: digest(repr(article)))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


log = logging.getLogger("mkdocs.plugins.briefing")


class PerObject:
    """Values derived from an object that does not change (a brief, a speaker), kept as long as
    that object lives: several pages of a build ask for the same (a brief's link, its digest)."""

    def __init__(self) -> None:
        self._values: dict[int, dict[Hashable, Any]] = {}

    def value(self, source: object, key: Hashable, compute: Callable[[], Any]) -> Any:
        values = self._values.get(id(source))
        if values is None:
            values = self._values[id(source)] = {}
            # Forgotten when the object dies, before its id can be given to another object.
            weakref.finalize(source, self._values.pop, id(source), None)
        if key not in values:
            values[key] = compute()
        return values[key]


PER_OBJECT = PerObject()


class PickleStore:
    """Pickled objects of one type in files named by their key, two hex digits a folder."""

    kind: type = object

    def __init__(self, directory: Path, in_memory: bool = False) -> None:
        """`in_memory`: keep the entries of the last run in memory too (`end_run`)."""
        self.directory = directory
        self.kept: dict[str, object] | None = {} if in_memory else None
        self.used: set[str] = set()

    def path_for(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        if self.kept is not None:
            self.used.add(key)
            if key in self.kept:
                return self.kept[key]
        try:
            value = pickle.loads(self.path_for(key).read_bytes())
        except Exception:  # missing, truncated or from other code: a miss, never an error
            return None
        if not isinstance(value, self.kind):
            return None
        if self.kept is not None:
            self.kept[key] = value
        return value

    def put(self, key: str, value) -> None:
        write_to_cache(self.path_for(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        if self.kept is not None:
            self.used.add(key)
            self.kept[key] = value

    def end_run(self) -> None:
        """Let go of the entries kept in memory that this run did not ask for."""
        if self.kept is not None:
            self.kept = {k: v for k, v in self.kept.items() if k in self.used}
            self.used = set()

    def remove_all_but(self, keys: set[str]) -> None:
        """Remove every entry from disk but those of `keys` (older versions, removed pages)."""
        for path in self.directory.glob("*/*.pickle"):
            if path.stem not in keys:
                path.unlink(missing_ok=True)


class BriefCache(PickleStore):
    kind = Brief


_kept_stores: dict[tuple[type, Path], PickleStore] | None = None  # while stores are kept


def keep_stores_in_memory() -> None:
    """From now on, this process keeps each store's entries of its last run in memory
    (`opened`): for a process that builds many times (`mkdocs serve`), which then does not load
    them from disk each time; a single build would gain nothing from it."""
    global _kept_stores
    if _kept_stores is None:
        _kept_stores = {}


def opened(kind: type[PickleStore], directory: Path) -> PickleStore:
    """The store of `kind` in `directory`: the one this process keeps, if it keeps them."""
    if _kept_stores is None:
        return kind(directory)
    key = (kind, directory.resolve())
    if key not in _kept_stores:
        _kept_stores[key] = kind(directory, in_memory=True)
    return _kept_stores[key]


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
