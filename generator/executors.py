"""Where per-article analysis runs: a local process pool, or a Dask cluster named by its address.

`generate_site` and `analyse_articles` take any `concurrent.futures.Executor`; this module makes
one from the `--scheduler` option. Each worker process loads spaCy once (`load_pipeline` is cached
per process) and analyses many articles.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context

LOCAL = "local"
DASK_PREFIX = "tcp://"


class SchedulerError(ValueError):
    """The --scheduler value cannot be used; the message says what to do."""


def make_executor(scheduler: str | None, workers: int) -> Executor | None:
    """An executor for `scheduler`: None or "local" for local processes, "tcp://host:port" for Dask.

    None back means "no pool": one local worker analyses in the calling process, which is
    faster than starting a process for it.
    """
    if scheduler in (None, "", LOCAL):
        if workers <= 1:
            return None
        # spawn, not fork: a forked copy of a process that already holds threads (Dask, MkDocs'
        # file watcher) can deadlock, and spawn behaves the same on every platform.
        return local_pool(workers)
    if scheduler.startswith(DASK_PREFIX):
        return DaskExecutor(scheduler)
    raise SchedulerError(
        f"unknown scheduler {scheduler!r}: use 'local' or a Dask scheduler address such as "
        "tcp://127.0.0.1:8786"
    )


def runs_here(executor: Executor | None) -> bool:
    """Whether work given to `executor` runs on this machine (None: the pipeline's own
    processes), so that it may use this machine's files (the cache folder)."""
    return executor is None or isinstance(executor, ProcessPoolExecutor | ThreadPoolExecutor)


class DaskExecutor(Executor):
    """A Dask cluster's executor that also closes its connection to the cluster on shutdown."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as error:
            raise SchedulerError(
                f"--scheduler {address} needs Dask, which is not installed: "
                "pip install 'briefing-generator[dask]' (or `pip install dask[distributed]`)"
            ) from error
        try:
            self.client = Client(address, timeout="10s")
        except OSError as error:
            raise SchedulerError(
                f"no Dask scheduler answers at {address}: {error}; start one with "
                "`dask scheduler` and workers with `dask worker ADDRESS`, then try again"
            ) from error
        # pure=False: every submission runs; Dask then does not hash each article to name it.
        self.executor = self.client.get_executor(pure=False)

    def submit(self, fn, /, *args, **kwargs) -> Future:
        return self.executor.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.executor.shutdown(wait=wait)
        self.client.close()


def local_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of spawned worker processes that end when the process that made them does."""
    return ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=die_with_parent
    )


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to end this worker when its parent dies (even by kill -9, which runs no
    cleanup): otherwise the pool's workers outlive it, holding memory, for good."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)
