"""Site search with Pagefind, where the site has no search of its own.

Material's search writes one index of every page's text (28.6 MB at 1,000 articles), which a
reader's browser downloads whole before the first result, and parses every page's HTML at every
build. Pagefind indexes the built site into small chunks and fragments; the browser fetches the
chunks a query's words fall in and the fragments of the results it shows. The search box
(`render/assets/search.js`, written into docs/assets/) reuses Material's markup, so the header looks the same.

Only a page's article is indexed (not the navigation around it), and only on pages that are not
excluded from search in their front matter (a listing's further pages: what they hold is on the
briefs' own pages). When `mkdocs.yml` configures Material's search plugin, that search stays and
nothing here runs (`events.py`).

Pagefind holds every page it indexes in memory (about 0.65 MB per brief page), so the pages are
split into shards (`shards_of`), each indexed by its own run into its own bundle
(`pagefind/shard-N/`, listed in `pagefind/shards.json`; the search box merges them). A page's
shard follows from its address alone, and a shard whose pages' outputs did not change is not
indexed again: its bundle is kept in the cache folder by the key of its pages (`SiteSearch`).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import logging
import math
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.cache import write_atomically

# The opening tag of the content of every page of Material (partials/content.html's container).
ARTICLE = '<article class="md-content__inner md-typeset">'
SEARCHABLE_ARTICLE = '<article class="md-content__inner md-typeset" data-pagefind-body>'
IGNORED_OPEN = '<div data-pagefind-ignore="all">'
# The folder of the search files in the site, which search.js loads from.
BUNDLE = "pagefind"
# Pagefind's own search interfaces, written into every bundle: assets/search.js draws
# Material's and loads only pagefind.js (with its worker, WebAssembly, index and fragments).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
SHARD_LIST = "shards.json"
# Shards: as many as a first search can afford and no smaller than is worth their fixed cost.
# A Pagefind run's memory grows with its pages (0.65 MB a full brief page): a 10,000-article
# site (17,600 pages) in 12 shards stays under 1 GB a run; each shard adds its metadata and
# index chunks to a first search (about 50 KB), so 12 keep it near 1 MB. Smaller shards make an
# edit's re-indexing shorter: only the shards of the pages it changed are indexed again.
MAX_SHARDS = 12
MIN_SHARD_PAGES = 150
# Not indexed: the permalink marks after headings ("¶"), which would end every result title.
IGNORED = ".headerlink"


log = logging.getLogger("mkdocs.plugins.briefing")


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class IndexRun:
    seconds: float
    shards: int  # shards in the site
    indexed: int  # shards indexed by this run (the others were unchanged)
    pages: int  # pages in the index


@dataclass(frozen=True)
class SearchPage:
    path: str  # the page's HTML file, relative to the site folder ("briefs/x/index.html")
    key: str  # what its output was made from: the same key, the same file


def searchable(output: str, page) -> str:
    """The page's HTML with its article marked for indexing, unless the page's front matter
    excludes it from search, and its sections that Material's convention excludes (a heading
    with `data-search-exclude`) left out. Idempotent: a stored output may already be marked."""
    if excluded(page) or SEARCHABLE_ARTICLE in output:
        return output
    return _ignore_excluded_sections(output.replace(ARTICLE, SEARCHABLE_ARTICLE, 1))


def excluded(page) -> bool:
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def _ignore_excluded_sections(html: str) -> str:
    """Each section under a heading marked `data-search-exclude` (to the next heading of its
    level or above, or the article's end) wrapped in an element Pagefind ignores."""
    parts, start = [], 0
    for heading in _EXCLUDED_HEADING.finditer(html):
        if heading.start() < start:  # inside a section already wrapped
            continue
        level = int(heading.group("level"))
        end = re.compile(rf"<h[1-{level}][\s>]|</article>").search(html, heading.end())
        stop = end.start() if end else len(html)
        parts += [html[start : heading.start()], IGNORED_OPEN, html[heading.start() : stop]]
        parts.append("</div>")
        start = stop
    return "".join(parts) + html[start:] if parts else html


_EXCLUDED_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*\bdata-search-exclude\b[^>]*>")


def shards_of(pages: Sequence[SearchPage]) -> list[list[SearchPage]]:
    """The pages in shards (`MAX_SHARDS`, fewer for a small site), each page's by its address."""
    count = min(MAX_SHARDS, max(1, math.ceil(len(pages) / MIN_SHARD_PAGES)))
    shards: list[list[SearchPage]] = [[] for _ in range(count)]
    for page in sorted(pages, key=lambda page: page.path):
        number = int(hashlib.sha256(page.path.encode("utf-8")).hexdigest()[:8], 16) % count
        shards[number].append(page)
    return shards


def _shard_key(pages: Sequence[SearchPage]) -> str:
    hashed = hashlib.sha256()
    for page in pages:
        hashed.update(f"{page.path}\0{page.key}\n".encode())
    return hashed.hexdigest()


class SiteSearch:
    """The site's Pagefind index, and what each of its shards was made from in this process.

    Under `mkdocs serve` the rebuilds index in the background (`update_later`): the browsers
    reload as soon as the pages are written, and the shards an edit changed are indexed after."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        # Each shard's bundle by the key of its pages, for any later build (a fresh process
        # after one edit indexes the one shard that changed); None: nothing kept.
        self.cache_dir = cache_dir
        self.made: dict[str, str] = {}  # shard folder → the key of the pages it was made from
        self._lock = threading.Lock()  # one indexing at a time
        self._handoff = threading.Lock()  # the waiting pages and the worker, never held long
        self._worker: threading.Thread | None = None
        self._waiting: tuple[Path, list[SearchPage]] | None = None
        self.failure: SearchIndexError | None = None

    def update(self, site_dir: Path, pages: Sequence[SearchPage]) -> IndexRun:
        """Index the shards of `pages` that changed since this process last indexed them into
        `site_dir`, and remove the shards no longer in the site."""
        with self._lock:
            return self._update(site_dir, pages)

    def _update(self, site_dir: Path, pages: Sequence[SearchPage]) -> IndexRun:
        try:
            return self._update_shards(site_dir, pages)
        finally:
            shutil.rmtree(site_dir / f".{BUNDLE}-work", ignore_errors=True)

    def _update_shards(self, site_dir: Path, pages: Sequence[SearchPage]) -> IndexRun:
        started = time.perf_counter()
        bundle = site_dir / BUNDLE
        shards = shards_of(pages)
        names = [f"shard-{number}" for number in range(len(shards))]
        indexed = 0
        for name, shard in zip(names, shards, strict=True):
            key = _shard_key(shard)
            if self.made.get(name) == key and (bundle / name / "pagefind.js").is_file():
                continue
            self.made.pop(name, None)
            kept = self._kept(key)
            if kept is None:
                kept = self._index_shard(site_dir, shard, key)
                indexed += 1
            _update_folder(bundle / name, kept, move=self.cache_dir is None)
            self.made[name] = key
        listing = json.dumps({"shards": [f"{name}/" for name in names]}, indent=1) + "\n"
        _write_if_changed(bundle / SHARD_LIST, listing)
        for folder in sorted(bundle.iterdir()):
            if folder.is_dir() and folder.name not in names:
                shutil.rmtree(folder, ignore_errors=True)
                self.made.pop(folder.name, None)
        self._forget_all_but(len(shards))
        return IndexRun(time.perf_counter() - started, len(shards), indexed, len(pages))

    def _kept(self, key: str) -> Path | None:
        if self.cache_dir is None:
            return None
        kept = self.cache_dir / key
        if not (kept / "pagefind.js").is_file():
            return None
        os.utime(kept)  # used: the last to be forgotten
        return kept

    def _index_shard(self, site_dir: Path, pages: Sequence[SearchPage], key: str) -> Path:
        """The bundle of `pages`, indexed now (and kept in the cache folder, if any)."""
        work = site_dir / f".{BUNDLE}-work"
        made = _index_pages(site_dir, pages, work)
        if self.cache_dir is None:
            return made
        kept, partial = self.cache_dir / key, self.cache_dir / f".{key}-partial"
        try:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.copytree(made, partial)
            partial.rename(kept)
        except OSError:  # a cache that cannot be written only costs indexing next time
            shutil.rmtree(partial, ignore_errors=True)
            return made
        return kept

    def _forget_all_but(self, shards: int) -> None:
        """Keep the bundles of a few builds (`mkdocs serve`'s pages differ from `mkdocs
        build`'s by their address): the most recently used, three times the shards of now."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return
        bundles = [folder for folder in self.cache_dir.iterdir() if folder.is_dir()]
        bundles.sort(key=lambda folder: (folder.stat().st_mtime, folder.name), reverse=True)
        for folder in bundles[3 * shards + 2 :]:
            shutil.rmtree(folder, ignore_errors=True)

    def update_later(self, site_dir: Path, pages: Sequence[SearchPage]) -> None:
        """`update` in a background thread; a call while one runs waits for it and then indexes
        the latest pages only."""
        with self._handoff:  # a build never waits for an indexing under way
            self._waiting = (site_dir, list(pages))
            if self._worker is not None and self._worker.is_alive():
                return
            self._worker = threading.Thread(target=self._work, daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            with self._handoff:
                if self._waiting is None:
                    self._worker = None
                    return
                site_dir, pages = self._waiting
                self._waiting = None
            with self._lock:
                try:
                    run = self._update(site_dir, pages)
                    self.failure = None
                    log.info(
                        "briefing: search index updated in %.1f s (%d of %d shards indexed)",
                        run.seconds,
                        run.indexed,
                        run.shards,
                    )
                except SearchIndexError as error:
                    self.failure = error
                    log.error("briefing: the search index could not be updated: %s", error)

    def wait(self) -> None:
        """Until the background indexing is done."""
        worker = self._worker
        if worker is not None:
            worker.join()


def _index_pages(site_dir: Path, pages: Sequence[SearchPage], work: Path) -> Path:
    """Index `pages` into `work/bundle`: Pagefind reads a folder holding only them (linked,
    not copied)."""
    shutil.rmtree(work, ignore_errors=True)
    for page in pages:
        source, target = site_dir / page.path, work / "site" / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(source, target)
    _run_pagefind(work / "site", work / "bundle")
    return work / "bundle"


def _run_pagefind(site: Path, output: Path) -> None:
    try:
        from pagefind_bin import get_executable

        executable = get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(
            f"Pagefind's binary is missing ({error}); install the project's lock (`make venv`)"
        ) from error
    command = [str(executable), "--site", str(site), "--output-path", str(output.resolve())]
    command += ["--exclude-selectors", IGNORED, "--quiet"]
    site.mkdir(parents=True, exist_ok=True)  # a shard may be empty (few pages, many shards)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}): {reason[0]}")


def _update_folder(bundle: Path, fresh: Path, *, move: bool) -> None:
    """Make `bundle` hold exactly `fresh`'s files but UNUSED_FILES (moved or copied), leaving
    those already the same alone: Pagefind adds to an existing bundle and never removes the
    fragments of changed pages, and after an edit under `serve` only the changed files are new."""
    made = {
        path.relative_to(fresh)
        for path in fresh.rglob("*")
        if path.is_file() and path.name not in UNUSED_FILES
    }
    for name in sorted(made):
        source, target = fresh / name, bundle / name
        if target.is_file() and (
            os.path.samefile(source, target) or filecmp.cmp(source, target, shallow=False)
        ):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if move:
            os.replace(source, target)
        else:
            _link_or_copy(source, target)
    if bundle.is_dir():
        for path in sorted(bundle.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(bundle) not in made:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _link_or_copy(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (the cache's file), or a copy. Put in place by a
    rename, never written into: a linked file's other name must keep its bytes."""
    fresh = target.with_name(f".{target.name}.new")
    fresh.unlink(missing_ok=True)
    try:
        os.link(source, fresh)
    except OSError:  # another file system, or none with hard links
        shutil.copyfile(source, fresh)
    os.replace(fresh, target)


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text)  # a browser of the served site never reads half a list
