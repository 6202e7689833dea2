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
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import write_atomically

MANIFEST = ".briefing-manifest.json"
JOURNAL = ".briefing-journal.json"
STAGED_PREFIX = ".staged-"


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


def _is_unchanged(root: Path, relative: str, content: bytes) -> bool:
    """Whether the page's file already holds `content` (only reads; writes go via target_path)."""
    if relative.startswith(("/", "\\")) or ".." in Path(relative).parts:
        return False
    try:
        return (root / relative).read_bytes() == content
    except OSError:
        return False


def read_manifest(docs_dir: Path) -> list[str]:
    try:
        return list(json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return []


def write_pages(docs_dir: Path, pages: dict[str, str]) -> WriteReport:
    docs_dir.mkdir(parents=True, exist_ok=True)
    finish_interrupted_write(docs_dir)
    report = WriteReport()
    renames: list[tuple[str, str]] = []  # (staged file, target), relative to docs_dir
    root = docs_dir.resolve()
    for relative in sorted(pages):
        content = pages[relative].encode("utf-8")
        if _is_unchanged(root, relative, content):
            report.unchanged += 1
            continue
        path = target_path(docs_dir, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staged = tempfile.mkstemp(dir=path.parent, prefix=STAGED_PREFIX, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        renames.append((Path(staged).relative_to(docs_dir.resolve()).as_posix(), relative))
        report.written.append(relative)
    for relative in sorted(set(read_manifest(docs_dir)) - set(pages)):
        try:
            target_path(docs_dir, relative)
        except UnsafePathError:
            continue  # a tampered manifest must not delete outside docs/
        report.removed.append(relative)
    manifest = sorted(pages)
    if renames or report.removed or read_manifest(docs_dir) != manifest:
        journal = {"renames": renames, "removals": report.removed, "manifest": manifest}
        write_atomically(docs_dir / JOURNAL, json.dumps(journal))
        finish_interrupted_write(docs_dir)
    return report


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
