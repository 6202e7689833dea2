"""Write generated pages into docs/: only files whose content changed, stale pages removed.

A manifest of generated files (a dotfile, which MkDocs ignores) tells which files in docs/ the
generator owns, so hand-written files there are never touched.

Writing is all-or-nothing. New content is first staged in temporary files beside their targets;
then a journal listing every rename and removal is written atomically; then the journal is carried
out and deleted. A run killed before the journal exists leaves the previous output untouched (its
staged files are swept up next time); a run killed while carrying it out is completed by the next
run before anything else, so docs/ never stays half old and half new.

What was written is kept in the cache folder (`WrittenFiles`): a page whose file has not changed
since is compared with what the file is known to hold (a digest of the text; the pieces for a page
in pieces) instead of reading the file again, and a template page made of the same inputs as its
file is not even rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

from generator.cache import new_staged_file, write_atomically, write_to_cache
from generator.page_content import Content, Lookups, Pages, Piece, TemplatePage, page_digest

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
    rendered: int = 0  # template pages rendered (the others were made of unchanged inputs)


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


class HeldPieces(NamedTuple):
    """What a file written in pieces holds: each piece's key (a plain piece stands for itself),
    and where in the file each keyed piece is, as (offset, length) in bytes."""

    keys: tuple[str | bytes, ...]
    spans: dict[str, tuple[int, int]]


Held = bytes | HeldPieces  # what a file holds: a whole page's `page_digest`, or its pieces
FileSignature = tuple[int, int, int]  # size, mtime_ns, inode
# Coarser than any file system's timestamp tick: a file modified this recently could change
# again without its signature changing, so it is trusted only with a digest of its bytes.
RACY_SECONDS = 0.1


class FileRecord(NamedTuple):
    """What the generator last wrote into a file, and what it made it from."""

    held: Held
    signature: FileSignature
    inputs: bytes | None = None  # a `TemplatePage`'s inputs, for a page rendered from them
    lookups: Lookups = ()  # what its template looked up while rendering
    digest: str | None = None  # of the file's bytes, for a file too recent for its signature


class WrittenFiles:
    """What the generator last wrote into one docs/ folder, kept in the cache folder between
    runs (`load`, `save`): each file with its signature, what it holds and what it was made of,
    and a digest of everything the whole site was made from (`site_inputs`).

    A file whose signature (or, for a very recent one, bytes) changed since is not known: it is
    read again, and a template page in it rendered again. So any process, fresh or serving,
    renders and writes only the pages whose inputs changed (`write_pages`)."""

    def __init__(self, state_file: Path | None = None, code: str = "") -> None:
        self.state_file = state_file
        self.code = code  # the generator's code: pages rendered by other code are made again
        self.site_inputs: str | None = None
        self.pages: list[str] = []  # in the order last written
        self.files: dict[str, FileRecord] = {}

    @classmethod
    def load(cls, state_file: Path, code: str) -> WrittenFiles:
        """The state kept in `state_file`; an empty one if there is none or it cannot be read."""
        kept = _last_saved.pop(state_file, None)
        if kept is not None and kept[1] == code and file_signature(state_file) == kept[0]:
            return kept[2]
        known = cls(state_file, code)
        try:
            with state_file.open("rb") as stream:
                saved = pickle.load(stream)
            if saved["version"] == STATE_VERSION:
                known.site_inputs, known.pages = saved["site_inputs"], saved["pages"]
                known.files = saved["files"]
                if saved["code"] != code:  # what it was rendered from no longer says what it holds
                    known.site_inputs = None
                    known.files = {
                        relative: record._replace(inputs=None)
                        for relative, record in known.files.items()
                        # a piece's key stood for the text the old code made of it
                        if not isinstance(record.held, HeldPieces)
                    }
        except (OSError, EOFError, ValueError, TypeError, KeyError, pickle.UnpicklingError):
            pass
        return known

    def save(self) -> None:
        if self.state_file is None:
            return
        saved = {
            "version": STATE_VERSION,
            "code": self.code,
            "site_inputs": self.site_inputs,
            "pages": self.pages,
            "files": self.files,
        }
        write_to_cache(self.state_file, pickle.dumps(saved, protocol=pickle.HIGHEST_PROTOCOL))
        if (signature := file_signature(self.state_file)) is not None:
            _last_saved[self.state_file] = (signature, self.code, self)

    def record(self, root: Path, relative: str) -> FileRecord | None:
        """What the file holds, if it has not changed since it was written; else None."""
        known = self.files.get(relative)
        if known is None:
            return None
        path = os.path.join(root, relative)
        if file_signature(path) != known.signature:
            return None
        if known.digest is not None and _file_digest(Path(path)) != known.digest:
            return None
        return known

    def unchanged_site(self, docs_dir: Path, site_inputs: str) -> list[str] | None:
        """The pages of the last write, if it was made from `site_inputs` and every file it wrote
        still holds what it wrote; else None."""
        if self.site_inputs != site_inputs or (docs_dir / JOURNAL).exists():
            return None
        if sorted(self.files) != read_manifest(docs_dir):
            return None
        root = docs_dir.resolve()
        if any(self.record(root, relative) is None for relative in self.files):
            return None
        return list(self.pages)

    def wrote(self, root: Path, records: dict[str, FileRecord], pages: list[str]) -> None:
        """That docs/ now holds `records`, and only those: a record found unchanged in this run
        keeps its signature; the others' are read now."""
        now = time.time_ns()
        self.files = {}
        for relative, record in records.items():
            if record.signature != NO_SIGNATURE:
                self.files[relative] = record
                continue
            path = os.path.join(root, relative)
            signature = file_signature(path)
            if signature is None:
                continue
            digest = _file_digest(Path(path)) if modified_recently(signature, now) else None
            self.files[relative] = record._replace(signature=signature, digest=digest)
        self.pages = pages


# The state this process saved last, by file, with the file's signature then: a process that
# builds again (`mkdocs serve`) takes it back instead of reading it, if no one wrote it since.
# Taken out when loaded, so a run that fails before saving leaves nothing half-updated here.
_last_saved: dict[Path, tuple[FileSignature, str, WrittenFiles]] = {}


STATE_VERSION = 1


def file_signature(path: Path | str) -> FileSignature | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ino)


def modified_recently(signature: FileSignature | None, now_ns: int) -> bool:
    """Whether a file changed so shortly before `now_ns` that its signature can't be trusted
    (a missing file is never trusted)."""
    return signature is None or signature[1] >= now_ns - int(RACY_SECONDS * 1e9)


NO_SIGNATURE: FileSignature = (0, 0, 0)


def write_pages(docs_dir: Path, pages: Pages, known: WrittenFiles | None = None) -> WriteReport:
    """Write `pages` ({path under docs/: content}, or (path, content) pairs as they are rendered).

    Pages are staged one at a time as they come, so no more than one is held in memory; a page
    given twice keeps its last content, as a mapping would. A page whose file `known` says holds
    some content is compared with that rather than with the file, a page in pieces copies the
    pieces the file holds from it, and a `TemplatePage` made of the inputs its file was made of
    is not rendered at all. `known` is updated with what the files hold afterwards (it is not
    saved here).
    """
    known = known if known is not None else WrittenFiles()
    docs_dir.mkdir(parents=True, exist_ok=True)
    finish_interrupted_write(docs_dir)
    report = WriteReport()
    staged_for: dict[str, Path | None] = {}  # relative path → its staged file; None: unchanged
    root = docs_dir.resolve()
    items = pages.items() if isinstance(pages, Mapping) else pages
    records: dict[str, FileRecord] = {}  # what each page's file holds once written
    order: list[str] = []
    try:
        for relative, content in items:
            _discard(staged_for.pop(relative, None))
            order.append(relative)
            record = known.record(root, relative)
            staged_for[relative], records[relative] = _page_file(
                docs_dir, root, relative, content, record
            )
            rendered = isinstance(content, TemplatePage) and records[relative] is not record
            report.rendered += rendered
    except BaseException:
        for staged in staged_for.values():
            _discard(staged)
        with contextlib.suppress(OSError):  # the folders made for them too; the error stands
            sweep(docs_dir)
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
        finish_interrupted_write(docs_dir, swept=not report.removed)
    known.wrote(root, records, order)
    return report


def _page_file(
    docs_dir: Path, root: Path, relative: str, content: Content, record: FileRecord | None
) -> tuple[Path | None, FileRecord]:
    """The staged file for a page (None if its file holds it already), and the file's record."""
    held = record.held if record is not None else None
    if isinstance(content, TemplatePage):
        if (
            record is not None
            and record.inputs == content.inputs
            and content.same_answers(record.lookups)
        ):
            return None, record
        text, lookups = content.render()
        staged, held = _write_whole(docs_dir, root, relative, text, held)
        return staged, FileRecord(held, NO_SIGNATURE, content.inputs, lookups)
    if isinstance(content, str):
        staged, held = _write_whole(docs_dir, root, relative, content, held)
    else:
        staged, held = _write_pieces(docs_dir, root, relative, tuple(content), held)
    return staged, FileRecord(held, NO_SIGNATURE)


def _file_digest(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _write_whole(
    docs_dir: Path, root: Path, relative: str, text: str, held: Held | None
) -> tuple[Path | None, Held]:
    """The staged file for a whole page (None if unchanged), and what its file then holds."""
    digest = page_digest(text)
    if held is None:
        return _stage_if_changed(docs_dir, root, relative, (text,)), digest
    return (None if held == digest else _stage(docs_dir, relative, (text,))), digest


def _write_pieces(
    docs_dir: Path, root: Path, relative: str, pieces: tuple, held: Held | None
) -> tuple[Path | None, HeldPieces]:
    """The staged file for a page in pieces (None if unchanged), and what its file then holds.
    Keyed pieces the file is known to hold are copied from it; the others are made."""
    keys = tuple(piece.key if isinstance(piece, Piece) else piece for piece in pieces)
    if isinstance(held, HeldPieces) and held.keys == keys:
        return None, held
    spans: dict[str, tuple[int, int]] = {}
    if not isinstance(held, HeldPieces):  # not known: compare with the file as it comes
        staged = _stage_if_changed(docs_dir, root, relative, _made(pieces, spans))
        return staged, HeldPieces(keys, spans)
    staged = _StagedFile(docs_dir, relative, None, 0)
    try:
        with _open_current(root, relative) as current:
            _copy_or_make(pieces, held.spans, current, staged.stream, spans)
    except BaseException:
        staged.stream.close()
        _discard(staged.path)
        raise
    staged.stream.close()
    return staged.path, HeldPieces(keys, spans)


def _made(pieces: Iterable, spans: dict[str, tuple[int, int]]) -> Iterator[bytes]:
    """Each piece's bytes (keyed pieces made), noting where each keyed one stands in `spans`."""
    offset = 0
    for piece in pieces:
        data = _encoded(piece)
        if isinstance(piece, Piece):
            spans[piece.key] = (offset, len(data))
        offset += len(data)
        yield data


def _copy_or_make(
    pieces: Iterable,
    spans_before: dict[str, tuple[int, int]],
    current: BinaryIO | None,
    stream: BinaryIO,
    spans: dict[str, tuple[int, int]],
) -> None:
    """Write the pieces to `stream`: keyed pieces `current` holds (at `spans_before`) copied
    from it, consecutive ones in one run; the others encoded. `spans` gets where each keyed
    piece now stands."""
    offset = 0
    run_start, run_length = 0, 0  # a run of `current` still to copy

    def copy_run() -> None:
        current.seek(run_start)
        remaining = run_length
        while remaining:
            block = current.read(min(remaining, COPY_BLOCK))
            if not block:
                raise OSError(f"{current.name} is shorter than it was written")
            stream.write(block)
            remaining -= len(block)

    for piece in pieces:
        span = spans_before.get(piece.key) if isinstance(piece, Piece) else None
        if span is not None and current is not None:
            if run_length and run_start + run_length == span[0]:
                run_length += span[1]
            else:
                if run_length:
                    copy_run()
                run_start, run_length = span
            length = span[1]
        else:
            if run_length:
                copy_run()
                run_length = 0
            data = _encoded(piece)
            stream.write(data)
            length = len(data)
        if isinstance(piece, Piece):
            spans[piece.key] = (offset, length)
        offset += length
    if run_length:
        copy_run()


def _encoded(piece: str | bytes | Piece) -> bytes:
    if isinstance(piece, Piece):
        piece = piece.make()
    return piece if isinstance(piece, bytes) else piece.encode("utf-8")


def _stage_if_changed(
    docs_dir: Path, root: Path, relative: str, pieces: Iterable[str | bytes | Piece]
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
                data = _encoded(piece)
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


def _stage(docs_dir: Path, relative: str, pieces: Iterable[str | bytes | Piece]) -> Path:
    """A staged file holding the page (known to differ from the current file)."""
    staged = _StagedFile(docs_dir, relative, None, 0)
    try:
        for piece in pieces:
            staged.stream.write(_encoded(piece))
    except BaseException:
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
        handle, self.path = new_staged_file(target.parent, prefix=STAGED_PREFIX)
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


def finish_interrupted_write(docs_dir: Path, swept: bool = False) -> None:
    """Carry out a journal left by a run that was stopped, then sweep up stray staged files and
    empty folders; `swept`: there are none unless the journal leaves some (the journal of a
    write that has just staged its files)."""
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
        swept = swept and not journal["removals"]
    if not swept:
        sweep(docs_dir)


def sweep(docs_dir: Path) -> None:
    """Remove stray staged files and empty folders (not docs_dir itself), in one walk."""
    for folder, _subfolders, files in os.walk(docs_dir, topdown=False):
        for name in files:
            if name.startswith(STAGED_PREFIX) and name.endswith(".tmp"):
                os.unlink(os.path.join(folder, name))
        if folder != str(docs_dir) and not os.listdir(folder):
            os.rmdir(folder)
