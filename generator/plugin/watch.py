"""Under `mkdocs serve`: watch docs/ for changes, but not for the ones the generator makes.

MkDocs rebuilds the site whenever a watched file changes, and it watches docs/. The generator
writes docs/ at the start of every build, so each edited seed gave two whole MkDocs builds: the
one it asked for, and a second one for the pages the first had just written. `DocsWatch` takes
the place of MkDocs' watch of docs/ and asks for a rebuild only for changes someone else made.

A change is the generator's own when the file is now as the generator left it: it has the
signature taken right after the generator wrote it, or it is gone after the generator removed it.
Dotfiles and dot-folders (the manifest, the journal, staged files) are never a reason to rebuild:
MkDocs leaves them out of the site. Anything else (a hand-written page, a generated page edited by hand) asks MkDocs
for a rebuild by touching a trigger file that MkDocs watches itself.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.write import FileSignature, file_signature


class DocsWatch:
    def __init__(self, docs_dir: Path, trigger: Path) -> None:
        self.docs_dir = Path(os.path.abspath(docs_dir))
        self.trigger = trigger
        self._left: dict[
            str, FileSignature | None
        ] = {}  # by absolute path: as the generator left it
        self._lock = threading.Lock()
        self._held: list[str] | None = None  # paths seen while the generator writes
        self.rebuilds_asked = 0

    def prepare_trigger(self) -> None:
        self.trigger.parent.mkdir(parents=True, exist_ok=True)
        self.trigger.touch()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """While the generator writes docs/: changes seen meanwhile are judged once it is done
        and has said what it wrote (before that, its own writes would look like anyone's)."""
        with self._lock:
            self._held = []
        try:
            yield
        finally:
            with self._lock:
                held, self._held = self._held or [], None
            self.judge(held)

    def wrote(self, relatives: Iterable[str]) -> None:
        """The generator has just written or removed these files (paths under docs/)."""
        with self._lock:
            for relative in relatives:
                path = os.path.join(self.docs_dir, relative)
                self._left[path] = file_signature(path)

    def on_any_event(self, event) -> None:
        """A watchdog handler's entry point (called on the observer's thread)."""
        if event.is_directory:
            return
        paths = [os.fsdecode(event.src_path)]
        if getattr(event, "dest_path", ""):
            paths.append(os.fsdecode(event.dest_path))
        with self._lock:
            if self._held is not None:
                self._held += paths
                return
        self.judge(paths)

    def judge(self, paths: Iterable[str]) -> None:
        if any(not self._is_own(path) for path in paths):
            self.rebuilds_asked += 1
            self.trigger.touch()

    def _is_own(self, path: str) -> bool:
        relative = os.path.relpath(path, self.docs_dir)
        if any(part.startswith(".") for part in Path(relative).parts):
            return True
        with self._lock:
            if path not in self._left:
                return False
            left = self._left[path]
        return file_signature(path) == left
