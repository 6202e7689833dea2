"""Write generated pages into docs/: only files whose content changed, stale pages removed.

A manifest of generated files (a dotfile, which MkDocs ignores) tells which files in docs/ the
generator owns, so hand-written files there are never touched. All new content is staged in
temporary files first and renamed into place together, so an interrupted run leaves the previous
complete output rather than a half-written site.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".briefing-manifest.json"


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


def write_pages(docs_dir: Path, pages: dict[str, str]) -> WriteReport:
    docs_dir.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    staged: list[tuple[str, Path, Path]] = []
    try:
        for relative in sorted(pages):
            path = target_path(docs_dir, relative)
            content = pages[relative].encode("utf-8")
            if path.is_file() and path.read_bytes() == content:
                report.unchanged += 1
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".staged-", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            staged.append((relative, Path(temporary), path))
        for relative, temporary, path in staged:
            os.replace(temporary, path)
            report.written.append(relative)
    finally:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    for relative in sorted(set(read_manifest(docs_dir)) - set(pages)):
        try:
            target_path(docs_dir, relative).unlink(missing_ok=True)
            report.removed.append(relative)
        except UnsafePathError:
            continue  # a tampered manifest must not delete outside docs/
    manifest = json.dumps(sorted(pages), indent=0) + "\n"
    if read_manifest(docs_dir) != sorted(pages):
        (docs_dir / MANIFEST).write_text(manifest, encoding="utf-8")
    remove_empty_folders(docs_dir)
    return report


def remove_empty_folders(docs_dir: Path) -> None:
    for folder in sorted((p for p in docs_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
