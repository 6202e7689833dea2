"""Same seeds and settings give byte-identical output, whatever the hash seed, workers or order."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from generator.build import analyse_articles
from generator.ingest.seeds import read_corpus
from generator.ingest.topics import load_topics
from generator.model import to_dict
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build_copy(destination: Path, hash_seed: str, reverse_files: bool) -> dict[str, bytes]:
    """Generate docs/ for a fresh copy of the project (cold cache) in a new interpreter."""
    seeds = destination / "seeds"
    seeds.mkdir(parents=True)
    sources = sorted((ROOT / "seeds").iterdir(), reverse=reverse_files)  # creation order differs
    for source in sources:
        shutil.copy(source, seeds / source.name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=destination,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
    )
    return tree(destination / "docs")


def test_two_builds_with_different_hash_seeds_are_byte_identical(tmp_path):
    first = build_copy(tmp_path / "one", "1", reverse_files=False)
    second = build_copy(tmp_path / "two", "4242", reverse_files=True)
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name


def test_a_process_pool_gives_the_same_briefs_as_one_process(tmp_path):
    articles, _ = read_corpus(ROOT / "seeds")
    topics = load_topics(ROOT / "seeds" / "topics.yaml")
    one = analyse_articles(articles, topics, Settings(cache_dir=tmp_path / "one", workers=1))
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        two = analyse_articles(articles, topics, Settings(cache_dir=tmp_path / "two"), pool)
    assert len(two.analysed) == len(articles)
    assert [to_dict(b) for b in one.briefs] == [to_dict(b) for b in two.briefs]


def test_a_warm_run_reanalyses_nothing_and_an_edit_reanalyses_one(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    settings = Settings(seeds_dir=seeds, cache_dir=tmp_path / "cache", workers=1)
    topics = load_topics(seeds / "topics.yaml")
    articles, _ = read_corpus(seeds)
    cold = analyse_articles(articles, topics, settings)
    assert len(cold.analysed) == len(articles)
    warm = analyse_articles(read_corpus(seeds)[0], topics, settings)
    assert warm.analysed == [] and warm.cached == len(articles)
    edited = sorted(seeds.glob("*.txt"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nOne more sentence was added here today.\n",
        encoding="utf-8",
    )
    after_edit = analyse_articles(read_corpus(seeds)[0], topics, settings)
    assert after_edit.analysed == [edited.name]
