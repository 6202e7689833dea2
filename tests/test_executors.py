"""Where analysis runs: local processes or a Dask cluster give the same briefs, byte for byte."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.analyse.brief import analyse_parsed
from generator.build import analyse_articles
from generator.executors import SchedulerError, make_executor
from generator.ingest.seeds import read_corpus
from generator.ingest.topics import load_topics
from generator.progress import progress_bar
from generator.render.pages import briefs_json
from generator.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    articles, _ = read_corpus(SEEDS_DIR)
    return articles, load_topics(SEEDS_DIR / "topics.yaml")


def test_local_scheduler_is_a_spawned_process_pool():
    executor = make_executor("local", workers=2)
    try:
        assert isinstance(executor, ProcessPoolExecutor)
        assert executor._mp_context.get_start_method() == "spawn"
    finally:
        executor.shutdown()


def test_one_local_worker_means_analysis_in_this_process():
    assert make_executor(None, workers=1) is None


def test_unknown_scheduler_says_what_is_accepted():
    with pytest.raises(SchedulerError, match="tcp://"):
        make_executor("mpi://cluster", workers=2)


def test_dask_scheduler_without_dask_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(SchedulerError, match=r"briefing-generator\[dask\]"):
        make_executor("tcp://127.0.0.1:8786", workers=2)


def test_progress_is_reported_for_each_analysed_article(seeds, tmp_path):
    articles, topics = seeds
    settings = Settings(cache_dir=tmp_path / "cache", workers=1)
    calls = []
    analyse_articles(articles[:2], topics, settings, progress=lambda *call: calls.append(call))
    assert calls == [(1, 2), (2, 2)]
    calls.clear()
    analyse_articles(articles[:2], topics, settings, progress=lambda *call: calls.append(call))
    assert calls == []  # all from the cache: nothing to report


class ElsewhereExecutor(Executor):
    """An executor of unknown locality (as a Dask cluster's is), running tasks in threads here."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1)

    def submit(self, fn, /, *args, **kwargs):
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait=wait)


def test_paragraph_parses_are_kept_only_by_executors_running_on_this_machine(seeds, tmp_path):
    articles, topics = seeds
    stored = {}
    for name, executor in (("local", ThreadPoolExecutor(1)), ("elsewhere", ElsewhereExecutor())):
        settings = Settings(cache_dir=tmp_path / name, workers=2)
        with executor:
            briefs = analyse_articles(articles[:1], topics, settings, executor).briefs
        stored[name] = (briefs_json(briefs), list((tmp_path / name).glob("parses/**/*.spacy")))
    assert len(stored["local"][1]) == 1
    assert stored["elsewhere"][1] == []
    assert stored["local"][0] == stored["elsewhere"][0]


class RecordingExecutor(Executor):
    """Records what is sent to it, in order with the reading, and fails every task."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def submit(self, fn, /, *args, **kwargs):
        self.events.append("sent " + " ".join(article.source[:3] for article in args[0]))
        future = Future()
        future.set_exception(RuntimeError("not run in this test"))
        return future


def test_each_batch_goes_to_the_workers_as_soon_as_it_is_read(seeds, tmp_path, monkeypatch):
    articles, topics = seeds
    monkeypatch.setattr(pipeline, "PARSE_BATCH", 2)
    events: list[str] = []

    def reading():
        for article in articles:
            events.append(f"read {article.source[:3]}")
            yield article

    settings = Settings(cache_dir=tmp_path / "cache", workers=2)
    run = analyse_articles(reading(), topics, settings, RecordingExecutor(events))
    assert [a.source[:3] for a in articles] == ["000", "001", "002", "003", "004"]
    assert events == [
        *("read 000", "read 001", "sent 000 001"),
        *("read 002", "read 003", "sent 002 003"),
        *("read 004", "sent 004"),  # the last, partial batch once reading is done
    ]
    assert [p.source for p in run.problems] == [a.source for a in articles]  # each reported
    assert all("not run in this test" in p.reason for p in run.problems)


def test_a_failing_article_fails_alone_in_its_batch(seeds, monkeypatch):
    articles, topics = seeds
    broken = articles[1].source

    def analyse(parsed, topics, claims):
        if parsed.article.source == broken:
            raise ValueError("no sentences")
        return analyse_parsed(parsed, topics, claims)

    monkeypatch.setattr("generator.analyse.brief.analyse_parsed", analyse)
    outcomes = pipeline.analyse_batch(articles[:3], topics, Settings().model, 6)
    assert [type(o).__name__ for o in outcomes] == ["Brief", "RuntimeError", "Brief"]
    assert str(outcomes[1]) == "no sentences"
    alone = [
        pipeline.analyse_one(a, topics, Settings().model, 6) for a in (articles[0], articles[2])
    ]
    assert briefs_json([outcomes[0], outcomes[2]]) == briefs_json(alone)  # same as one by one


def test_progress_bar_is_silent_in_ci(monkeypatch, capsys):
    monkeypatch.setenv("CI", "true")
    with progress_bar() as progress:
        progress(1, 2)
    assert capsys.readouterr() == ("", "")


@pytest.mark.slow
def test_dask_cluster_gives_byte_identical_briefs(seeds, tmp_path):
    distributed = pytest.importorskip(
        "distributed", reason="Dask is not installed: pip install 'briefing-generator[dask]'"
    )
    articles, topics = seeds
    local = Settings(cache_dir=tmp_path / "local", workers=1)
    expected = briefs_json(analyse_articles(articles, topics, local).briefs)

    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        executor = make_executor(cluster.scheduler_address, workers=2)
        try:
            remote = replace(local, cache_dir=tmp_path / "dask")
            run = analyse_articles(articles, topics, remote, executor)
        finally:
            executor.shutdown()
    assert sorted(run.analysed) == sorted(article.source for article in articles)
    assert briefs_json(run.briefs) == expected


PARENT = """
import os, sys, time
from generator.executors import local_pool
pool = local_pool(2)
pids = {pool.submit(os.getpid).result() for _ in range(8)}
print(" ".join(map(str, sorted(pids))), flush=True)
time.sleep(120)
"""


def test_pool_workers_end_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers
    parent.send_signal(signal.SIGKILL)  # no cleanup runs: only the kernel can end the workers
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in workers if _alive(pid)]
    assert alive == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead but not yet reaped by its new parent
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().split()[2] != "Z"
    except OSError:
        return False
