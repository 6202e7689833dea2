"""Under `mkdocs serve`: rebuilds that leave unchanged pages' files as they are, in strict mode.

A non-dirty MkDocs build empties the site folder and writes every page again; at 1,000 articles
that was most of MkDocs' share of the wait after saving a seed, though the page caches had made
rendering a kept page nearly free. `mkdocs serve --dirty` skips pages by file times, which leaves
pages stale when what they show of other pages changes, drops the other pages from the search
index, and warns (so strict mode fails). Here the plugin makes serve's rebuilds dirty builds
itself (`make_rebuilds_dirty`) and decides what is skipped: every page is still read and
converted (from the page caches), so links, anchors and listings are checked and made as in a
full build; a page whose finished output would be the one already in the site folder
(`PageOutputCache`'s key, and the file unchanged since) is neither rendered nor written, and its
search entries are put back in their place; files no longer in the site are removed. The site
folder then holds, byte for byte, what a full build writes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.write import FileSignature, file_signature

DIRTY_WARNING = "A 'dirty' build is being performed"


class ServedOutputs:
    """The page files this process wrote into the site folder, each with its output's key and
    its signature after the build, and every file the last build put there."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, FileSignature]] = {}
        # Each other file copied: the signatures of its source and of its copy.
        self.copies: dict[str, tuple[FileSignature | None, FileSignature | None]] = {}
        self.files: set[str] = set()
        self.dirty_rebuilds = False  # whether serve's builds are now dirty (`make_rebuilds_dirty`)

    def unchanged(self, path: str, key: str) -> bool:
        """Whether `path` holds the output of `key`, as this process wrote it."""
        known = self.pages.get(path)
        return known is not None and known[0] == key and file_signature(path) == known[1]

    def steer(self, files) -> None:
        """Before a dirty build: every page is to be built (until `on_env` leaves some), every
        other file copied unless its source and its copy are as this process last copied them
        (the briefs JSON is hundreds of MB at 10,000 articles)."""
        for file in files:
            source = file.abs_src_path
            if file.is_documentation_page() or source is None:
                file.is_modified = always_modified
            else:
                copy = site_path(file)
                same = self.copies.get(copy) == (file_signature(source), file_signature(copy))
                file.is_modified = never_modified if same else always_modified

    def built(self, written: dict[str, str], files, site_dir: str) -> None:
        """After a build: the pages it wrote (path → key), and every file of the site now.
        Files of the last build that are not in this one are removed, as a clean build would,
        and the folders they leave empty (never `site_dir` itself)."""
        for path, key in written.items():
            signature = file_signature(path)
            if signature is None:
                self.pages.pop(path, None)
            else:
                self.pages[path] = (key, signature)
        served = [file for file in files if file.inclusion.is_in_serve()]
        self.copies = {
            site_path(file): (file_signature(file.abs_src_path), file_signature(site_path(file)))
            for file in served
            if not file.is_documentation_page() and file.abs_src_path is not None
        }
        now = {site_path(file) for file in served}
        for gone in sorted(self.files - now):
            self.pages.pop(gone, None)
            _remove_with_empty_folders(Path(gone), Path(site_dir))
        self.files = now

    def failed(self) -> None:
        """A build that failed may have left any file half made: none is trusted."""
        self.pages.clear()
        self.copies.clear()


def site_path(file) -> str:
    """Where MkDocs puts `file` in the site folder."""
    return os.path.normpath(file.abs_dest_path)


def _remove_with_empty_folders(path: Path, site_dir: Path) -> None:
    try:
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != site_dir and folder.is_relative_to(site_dir) and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError:  # a folder the server or a user still holds: only the tidying is lost
        pass


def always_modified() -> bool:
    """`File.is_modified` of a file a plugin-made dirty build must build or copy anyway."""
    return True


def never_modified() -> bool:
    """`File.is_modified` of a page whose file in the site is already its output."""
    return False


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def make_rebuilds_dirty() -> bool:
    """From now on, `mkdocs serve`'s rebuilds in this process are dirty builds without MkDocs'
    warning about them (the plugin sees to what that warning is about). False if this MkDocs
    does not build as this expects (then every rebuild stays a full one)."""
    from mkdocs.commands import build as build_command
    from mkdocs.commands import serve as serve_command

    full_build = build_command.build
    if getattr(serve_command, "build", None) is not full_build:
        return False

    def dirty_build(config, *, serve_url: str | None = None, dirty: bool = False) -> None:
        full_build(config, serve_url=serve_url, dirty=True)

    logging.getLogger(build_command.__name__).addFilter(_DirtyWarningFilter())
    serve_command.build = dirty_build
    return True
