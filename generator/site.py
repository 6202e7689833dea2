"""Write generated pages into docs/: only files whose content changed, stale pages removed.

A manifest of generated files (a dotfile, which MkDocs ignores) tells which files in docs/ the
generator owns, so hand-written files there are never touched.

Writing is all-or-nothing. New content is first staged in temporary files beside their targets;
then a journal listing every rename and removal is written atomically; then the journal is carried
out and deleted. A run killed before the journal exists leaves the previous output untouched (its
staged files are swept up next time); a run killed while carrying it out is completed by the next
run before anything else, so docs/ never stays half old and half new.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from generator.cache import write_atomically

MANIFEST = ".briefing-manifest.json"
JOURNAL = ".briefing-journal.json"
STAGED_PREFIX = ".staged-"
COPY_BLOCK = 1 << 20


class UnsafePathError(ValueError):
    pass


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def target_path(docs_dir: Path, relative: str) -> Path:
    """The file for a page path, refusing anything that would land outside docs_dir."""
    root = docs_dir.resolve()
    path = (root / relative).resolve()
    if relative.startswith(("/", "\\")) or ".." in Path(relative).parts or root not in path.parents:
        raise UnsafePathError(f"refusing to write {relative!r} outside {root}")
    return path


def read_manifest(docs_dir: Path) -> list[str]:
    try:
        return list(json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return []


Content = str | Iterable[str]  # a page's text, whole or in pieces (for very large files)
Pages = Mapping[str, Content] | Iterable[tuple[str, Content]]


def write_pages(docs_dir: Path, pages: Pages) -> WriteReport:
    """Write `pages` ({path under docs/: content}, or (path, content) pairs as they are rendered).

    Pages are staged one at a time as they come, so no more than one is held in memory; a page
    given twice keeps its last content, as a mapping would.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    finish_interrupted_write(docs_dir)
    report = WriteReport()
    staged_for: dict[str, Path | None] = {}  # relative path → its staged file; None: unchanged
    root = docs_dir.resolve()
    items = pages.items() if isinstance(pages, Mapping) else pages
    try:
        for relative, content in items:
            _discard(staged_for.pop(relative, None))
            pieces = (content,) if isinstance(content, str) else content
            staged_for[relative] = _stage_if_changed(docs_dir, root, relative, pieces)
    except BaseException:
        for staged in staged_for.values():
            _discard(staged)
        raise
    renames: list[tuple[str, str]] = []  # (staged file, target), relative to docs_dir
    for relative in sorted(staged_for):
        staged = staged_for[relative]
        if staged is None:
            report.unchanged += 1
            continue
        renames.append((staged.relative_to(root).as_posix(), relative))
        report.written.append(relative)
    for relative in sorted(set(read_manifest(docs_dir)) - set(staged_for)):
        try:
            target_path(docs_dir, relative)
        except UnsafePathError:
            continue  # a tampered manifest must not delete outside docs/
        report.removed.append(relative)
    manifest = sorted(staged_for)
    if renames or report.removed or read_manifest(docs_dir) != manifest:
        journal = {"renames": renames, "removals": report.removed, "manifest": manifest}
        write_atomically(docs_dir / JOURNAL, json.dumps(journal))
        finish_interrupted_write(docs_dir)
    return report


def _stage_if_changed(
    docs_dir: Path, root: Path, relative: str, pieces: Iterable[str]
) -> Path | None:
    """A staged file holding the page, or None when the page's file already holds it.

    The pieces are compared with the current file as they come; only from the first difference
    on is a staged file written (beginning with the part that matched), so an unchanged page
    costs one read and no write.
    """
    with _open_current(root, relative) as current:
        matched = 0
        staged: _StagedFile | None = None
        try:
            for piece in pieces:
                data = piece.encode("utf-8")
                if staged is None and current is not None and current.read(len(data)) == data:
                    matched += len(data)
                    continue
                if staged is None:
                    staged = _StagedFile(docs_dir, relative, current, matched)
                staged.stream.write(data)
            if staged is None and current is not None and not current.read(1):
                return None
            if staged is None:  # the current file is longer, or there is none
                staged = _StagedFile(docs_dir, relative, current, matched)
        except BaseException:
            if staged is not None:
                staged.stream.close()
                _discard(staged.path)
            raise
        staged.stream.close()
        return staged.path


@contextmanager
def _open_current(root: Path, relative: str) -> Iterator[BinaryIO | None]:
    """The page's current file for reading, or None (only reads; writes go via target_path)."""
    current = None
    if not relative.startswith(("/", "\\")) and ".." not in Path(relative).parts:
        try:
            current = (root / relative).open("rb")
        except OSError:
            current = None
    try:
        yield current
    finally:
        if current is not None:
            current.close()


class _StagedFile:
    """A new staged file beside the page's target, starting with the first `matched` bytes of
    the current file (which the page's content repeats)."""

    def __init__(
        self, docs_dir: Path, relative: str, current: BinaryIO | None, matched: int
    ) -> None:
        target = target_path(docs_dir, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(dir=target.parent, prefix=STAGED_PREFIX, suffix=".tmp")
        self.path = Path(staged)
        self.stream = os.fdopen(handle, "wb")
        if current is not None and matched:
            current.seek(0)
            while matched:
                block = current.read(min(matched, COPY_BLOCK))
                self.stream.write(block)
                matched -= len(block)


def _discard(staged: Path | None) -> None:
    if staged is not None:
        staged.unlink(missing_ok=True)


def finish_interrupted_write(docs_dir: Path) -> None:
    """Carry out a journal left by a run that was stopped, then sweep up stray staged files."""
    journal_path = docs_dir / JOURNAL
    if journal_path.exists():
        journal = json.loads(journal_path.read_text(encoding="utf-8"))
        for staged, relative in journal["renames"]:
            source = target_path(docs_dir, staged)
            if source.exists():  # already renamed when the run stopped mid-way
                os.replace(source, target_path(docs_dir, relative))
        for relative in journal["removals"]:
            target_path(docs_dir, relative).unlink(missing_ok=True)
        write_atomically(docs_dir / MANIFEST, json.dumps(journal["manifest"], indent=0) + "\n")
        journal_path.unlink()
    for stray in docs_dir.rglob(f"{STAGED_PREFIX}*.tmp"):
        stray.unlink()
    remove_empty_folders(docs_dir)


def remove_empty_folders(docs_dir: Path) -> None:
    for folder in sorted((p for p in docs_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
