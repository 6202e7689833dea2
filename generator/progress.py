"""A progress bar for long analysis runs in a terminal; silent in CI, logs and pipes.

The pipeline reports progress through a plain callback, `Progress(done, total)`; this module
turns that into a tqdm bar on stderr when a person is watching.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[int, int], None]  # (articles analysed so far, articles to analyse)


def interactive() -> bool:
    """True when a person is watching: stdout and stderr are terminals and this is not CI."""
    if os.environ.get("CI"):
        return False
    return sys.stdout.isatty() and sys.stderr.isatty()


@contextmanager
def progress_bar(description: str = "analysing", enabled: bool | None = None) -> Iterator[Progress]:
    """A `Progress` callback drawing a bar while the block runs, or doing nothing when not enabled."""
    if not (interactive() if enabled is None else enabled):
        yield lambda done, total: None
        return
    from tqdm import tqdm

    bar = tqdm(desc=description, unit="article", file=sys.stderr, leave=False, dynamic_ncols=True)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        bar.close()
