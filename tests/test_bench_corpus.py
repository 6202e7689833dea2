"""The benchmark corpus: realistic articles the generator reads like real seeds, made the same way twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.make_corpus import FIRST_NAMES, MAX_WORDS, MIN_WORDS, make_corpus
from bench.step import repeated_paragraphs
from generator.ingest.seeds import read_corpus

ROOT = Path(__file__).resolve().parent.parent
REAL_PEOPLE = ("Vladimir Putin", "Xi Jinping", "Wang Yi")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "seeds"
    make_corpus(12, folder, ROOT / "seeds", random_seed=7)
    return folder


def test_every_article_is_read_as_a_seed_with_its_date(corpus):
    articles, problems = read_corpus(corpus)
    assert [problem for problem in problems if problem.skipped] == []
    assert len(articles) == 12
    assert all(article.date for article in articles)
    assert (corpus / "topics.yaml").read_bytes() == (ROOT / "seeds" / "topics.yaml").read_bytes()


def test_articles_vary_in_length_within_bounds(corpus):
    words = [len(path.read_text(encoding="utf-8").split()) for path in corpus.glob("*.txt")]
    assert all(MIN_WORDS <= count <= MAX_WORDS + 400 for count in words)  # a last run may overshoot
    assert max(words) - min(words) > 1000 and len(set(words)) >= 10


def test_articles_carry_quotations_boilerplate_and_invented_people(corpus):
    articles, _ = read_corpus(corpus)
    text = "\n".join(p.text for article in articles for p in article.paragraphs)
    assert text.count("“") > 20  # quotations, with their attributions, come along
    assert any(article.removed for article in articles)  # boilerplate the generator strips
    assert not any(name in text for name in REAL_PEOPLE)
    assert sum(text.count(name) for name in FIRST_NAMES) > 20


def test_the_same_seed_gives_the_same_corpus(corpus, tmp_path):
    again = tmp_path / "seeds"
    make_corpus(12, again, ROOT / "seeds", random_seed=7)
    for path in sorted(corpus.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes()


def test_articles_share_few_whole_paragraphs(corpus):
    # A parser parses a paragraph repeated within its batch once; bare nlp.pipe parses it again,
    # so a corpus of repeated paragraphs would flatter the generator against the floor.
    articles, _ = read_corpus(corpus)
    counts = repeated_paragraphs(articles)
    assert counts["paragraphs"] > 200
    assert counts["repeated_in_batch"] / counts["paragraphs"] < 0.08
    bodies = [p.text for a in articles for p in a.paragraphs if len(p.text.split()) >= 20]
    assert len(set(bodies)) / len(bodies) > 0.95
