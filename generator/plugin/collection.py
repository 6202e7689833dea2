"""Python's cyclic garbage collection held off while `mkdocs serve` rebuilds, and run once the
browsers have reloaded.

A serving process holds every brief, page cache and MkDocs page: over a million objects at 1,000
articles. The collector's full passes over them fell inside each rebuild (a third of the wait
after a save at 1,000 articles: 1.9-2.1 s with them, 1.2 s without). Memory is freed by reference
counting as usual; only reference cycles wait for the collection, which runs when nobody waits.
"""

from __future__ import annotations

import gc
import threading

# After a rebuild: time for the browsers to reload the page before the collector holds the
# interpreter (a third of a second at 1,000 articles, seconds at 10,000).
COLLECT_AFTER_SECONDS = 2.0

_lock = threading.Lock()
_pending: threading.Timer | None = None
_rebuilds = 0  # rebuilds started: a collection due before the latest must not turn it back on


def hold_off() -> None:
    """A rebuild starts: no collection until it is over (`collect_later`)."""
    global _pending, _rebuilds
    with _lock:
        _rebuilds += 1
        if _pending is not None:
            _pending.cancel()
            _pending = None
        gc.disable()


def collect_later(delay: float = COLLECT_AFTER_SECONDS) -> threading.Timer:
    """The rebuild is over: collect in `delay` seconds, then let the collector run as usual."""
    global _pending
    with _lock:
        started = _rebuilds
        timer = threading.Timer(delay, _collect, args=(started,))
        timer.daemon = True
        _pending = timer
        timer.start()
        return timer


def _collect(started: int) -> None:
    gc.collect()
    with _lock:
        if _rebuilds == started:  # no rebuild began meanwhile
            gc.enable()
