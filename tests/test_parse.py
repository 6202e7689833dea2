"""Parsing paragraph by paragraph, and paragraph parses kept between runs (`ParagraphStore`)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import spacy

from generator.analyse.brief import analyse_parsed
from generator.analyse.parse import (
    ParagraphStore,
    article_text,
    paragraph_texts,
    parse_articles,
)
from generator.ingest.seeds import read_seed
from generator.ingest.topics import load_topics
from generator.model import Article, to_dict
from tests.conftest import SEEDS_DIR, article_from

CLAIMS = 6


def seed_articles() -> list[Article]:
    return [read_seed(path, SEEDS_DIR) for path in sorted(SEEDS_DIR.glob("*.txt"))[:2]]


def annotations(doc) -> list[tuple]:
    fields = ("text", "whitespace_", "tag_", "pos_", "lemma_", "dep_", "ent_iob_", "ent_type_")
    return [
        (*(getattr(t, f) for f in fields), str(t.morph), t.head.i, t.is_sent_start) for t in doc
    ]


class CountingPipe:
    """`nlp.pipe` that counts the texts it parses."""

    def __init__(self, nlp) -> None:
        self.pipe, self.texts = nlp.pipe, []

    def __call__(self, texts, **options):
        texts = list(texts)
        self.texts += texts
        return self.pipe(texts, **options)


@pytest.fixture
def counted(nlp, monkeypatch) -> CountingPipe:
    counter = CountingPipe(nlp)
    monkeypatch.setattr(nlp, "pipe", counter)
    return counter


def test_the_joined_parse_is_the_article_text_with_no_sentence_across_paragraphs(nlp):
    article = article_from(["First paragraph. It ends here", "Second one starts", "## A heading"])
    parsed = next(parse_articles([article], nlp))
    text, _ = article_text(article)
    assert parsed.doc.text == text
    assert "".join(paragraph_texts(article)) == text
    paragraph_of = [parsed.paragraph_index_at(s.start_char) for s in parsed.sentences]
    for sentence, index in zip(parsed.sentences, paragraph_of, strict=True):
        assert parsed.paragraph_index_at(sentence.end_char - 1) == index
    assert sorted(set(paragraph_of)) == [0, 1, 2]


def test_a_paragraph_parses_the_same_in_a_batch_as_alone(nlp):
    first, second = seed_articles()
    together = list(parse_articles([first, second], nlp))
    alone = next(parse_articles([second], nlp))
    assert annotations(together[1].doc) == annotations(alone.doc)


def test_stored_parses_give_the_same_brief_without_parsing_again(nlp, tmp_path, counted):
    topics = load_topics(SEEDS_DIR / "topics.yaml")
    articles = seed_articles()
    store = ParagraphStore(tmp_path, nlp)
    fresh = [analyse_parsed(p, topics, CLAIMS) for p in parse_articles(articles, nlp, store)]
    parsed_first = len(counted.texts)
    stored = [analyse_parsed(p, topics, CLAIMS) for p in parse_articles(articles, nlp, store)]
    assert parsed_first == sum(len(a.paragraphs) for a in articles)
    assert len(counted.texts) == parsed_first  # nothing parsed the second time
    assert [to_dict(b) for b in stored] == [to_dict(b) for b in fresh]


def test_an_edited_paragraph_is_the_only_one_parsed_again(nlp, tmp_path, counted):
    topics = load_topics(SEEDS_DIR / "topics.yaml")
    article = seed_articles()[0]
    store = ParagraphStore(tmp_path, nlp)
    list(parse_articles([article], nlp, store))
    paragraphs = list(article.paragraphs)
    middle = len(paragraphs) // 2
    edited_text = paragraphs[middle].text.replace(" the ", " this ", 1)
    assert edited_text != paragraphs[middle].text
    paragraphs[middle] = replace(paragraphs[middle], text=edited_text)
    edited = replace(article, paragraphs=tuple(paragraphs))
    counted.texts.clear()
    with_store = analyse_parsed(next(parse_articles([edited], nlp, store)), topics, CLAIMS)
    assert counted.texts == [paragraph_texts(edited)[middle]]
    without = analyse_parsed(next(parse_articles([edited], nlp)), topics, CLAIMS)
    assert to_dict(with_store) == to_dict(without)


def test_an_unreadable_stored_parse_is_parsed_again(nlp, tmp_path, counted):
    article = seed_articles()[0]
    store = ParagraphStore(tmp_path, nlp)
    list(parse_articles([article], nlp, store))
    store.path_for(article.source).write_bytes(b"not a DocBin")
    counted.texts.clear()
    parsed = next(parse_articles([article], nlp, store))
    assert len(counted.texts) == len(article.paragraphs)
    assert parsed.doc.text == article_text(article)[0]
    assert store.get(article.source)  # stored anew


def test_parses_are_stored_apart_for_each_pipeline(nlp, tmp_path):
    article = seed_articles()[0]
    list(parse_articles([article], nlp, ParagraphStore(tmp_path, nlp)))
    assert ParagraphStore(tmp_path, nlp).get(article.source)
    other = ParagraphStore(tmp_path, spacy.blank("en"))
    assert other.directory != ParagraphStore(tmp_path, nlp).directory
    assert other.get(article.source) == {}
