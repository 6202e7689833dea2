"""A build session: what one long-lived process (`mkdocs serve`) keeps between builds.

Each build runs the ordinary pipeline (`generate_site`), but while a session is active its stages
ask it first: seeds whose size and modification time have not changed are not read again, briefs
stay in memory by cache key, and pages whose inputs did not change are not rendered again
(`generator.memo`). What a build writes is the same as a fresh process would write.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from generator.active import ACTIVE_SESSION
from generator.cache import BriefCache, article_digest
from generator.corpus.crosslinks import CorpusMemo
from generator.ingest.seeds import ReadSeed, SeedCache, sidecar_path
from generator.ingest.topics import load_topics
from generator.memo import RenderMemo
from generator.model import Article, Brief, Topic
from generator.progress import Progress
from generator.settings import Settings
from generator.write import FileSignature, KnownFiles, file_signature, modified_recently

T = TypeVar("T")

StatSignature = FileSignature | None  # None: no such file
SHARED_WITH_BRIEF = ("paragraphs", "removed", "inferred", "warnings")


class BuildSession:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.memo = RenderMemo()
        self.corpus_memo = CorpusMemo()
        self.briefs = MemoryBriefCache(settings.cache_dir)
        self._seed_cache = SeedCache(settings.cache_dir / "seeds")
        # What reading a file gave, by its path, with the signatures of the files read then.
        self._seeds: dict[Path, tuple[tuple[StatSignature, StatSignature], ReadSeed]] = {}
        self._sidecars: dict[Path, str] = {}  # by seed path
        self._topics: dict[Path, tuple[tuple[StatSignature, None], list[Topic]]] = {}
        self._digests: dict[int, tuple[Article, str]] = {}
        self._digested: set[int] = set()  # ids of the articles digested in the current build
        self.docs_files = KnownFiles()

    def build(self, executor: Executor | None = None, progress: Progress | None = None):
        """Generate docs/ as `generate_site` does, reusing what earlier builds left."""
        from generator.build import generate_site

        self.briefs.used = set()
        self._digested = set()
        with self.active(), self.corpus_memo.active(), self.memo.active():
            run = generate_site(self.settings, executor, progress)
        self.briefs.keep_only(self.briefs.used)
        self._digests = {k: v for k, v in self._digests.items() if k in self._digested}
        return run

    def settle(self) -> None:
        """Between builds: collect garbage once, then set everything alive aside from the
        collector, so that no full collection walks the kept briefs and pages during the next
        build (at 1,000 articles one took 0.4 s, in about every other build). Unfreezing first
        lets this collection free what the last build dropped."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def load_model(self) -> None:
        """Load the spaCy pipeline now, so the first edit does not wait for it (under serve)."""
        from generator.analyse.parse import load_pipeline

        load_pipeline(self.settings.model)

    @contextmanager
    def active(self) -> Iterator[BuildSession]:
        reset = ACTIVE_SESSION.set(self)
        try:
            yield self
        finally:
            ACTIVE_SESSION.reset(reset)

    def read_seed(self, path: Path, seeds_dir: Path) -> ReadSeed:
        """A `SeedReader` that skips seeds (and sidecars) unchanged since it last read them."""
        sidecar = self._sidecars.get(path)
        if sidecar is None:
            sidecar = self._sidecars[path] = str(sidecar_path(path))
        signature = (file_signature(path), file_signature(sidecar))
        return self._read_unless_unchanged(
            self._seeds, path, signature, lambda: self._seed_cache.read(path, seeds_dir)
        )

    def load_topics(self, path: Path) -> list[Topic]:
        """`topics.load_topics`, skipped while the file is unchanged (a topic file that cannot
        be used is read again each time, to report it)."""
        signature = (file_signature(path), None)
        return self._read_unless_unchanged(
            self._topics, path, signature, lambda: load_topics(path, self.settings.cache_dir)
        )

    def _read_unless_unchanged(
        self, known: dict[Path, tuple], key: Path, signature: tuple, read: Callable[[], T]
    ) -> T:
        """What `read()` gave when the files it reads had `signature`, or `read()` now, kept
        unless the files changed too recently to trust their signature."""
        entry = known.get(key)
        if entry is not None and entry[0] == signature:
            return entry[1]
        started = time.time_ns()
        value = read()
        if is_racy(signature, started):
            known.pop(key, None)
        else:
            known[key] = (signature, value)
        return value

    def share_text(self, article: Article, brief: Brief) -> None:
        """Let a kept Article hold its brief's equal paragraphs and removed lines: the brief came
        from the cache, a copy of the same text, and a session keeps both (at 10,000 articles the
        kept articles went from 196 to 14 MiB). Equal values, so nothing else changes."""
        for name in SHARED_WITH_BRIEF:
            kept, briefs = getattr(article, name), getattr(brief, name)
            if kept is not briefs and kept == briefs:
                object.__setattr__(article, name, briefs)  # a frozen record: same value, one copy

    def article_digest(self, article: Article) -> str:
        """`cache.article_digest`, remembered for the same Article object."""
        self._digested.add(id(article))
        known = self._digests.get(id(article))
        if known is None or known[0] is not article:
            known = self._digests[id(article)] = (article, article_digest(article))
        return known[1]


class MemoryBriefCache(BriefCache):
    """The on-disk brief cache with the briefs of the session's last build kept in memory."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self._kept: dict[str, Brief] = {}
        self.used: set[str] = set()  # keys asked for in the current build

    def get(self, key: str) -> Brief | None:
        self.used.add(key)
        brief = self._kept.get(key)
        if brief is None:
            brief = super().get(key)
            if brief is not None:
                self._kept[key] = brief
        return brief

    def put(self, key: str, brief: Brief) -> None:
        super().put(key, brief)
        self.used.add(key)
        self._kept[key] = brief

    def keep_only(self, keys: set[str]) -> None:
        self._kept = {k: v for k, v in self._kept.items() if k in keys}


def is_racy(signature: tuple[StatSignature, StatSignature], read_at_ns: int) -> bool:
    """Whether a file was modified so shortly before being read that its signature can't be trusted."""
    return any(s is not None and modified_recently(s, read_at_ns) for s in signature)
