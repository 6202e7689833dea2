"""A topic's sub-questions: from the editor's facets, or from key phrases recurring across its
briefs, on real articles of the development corpus's dev half analysed as a build does."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.corpus.crosslinks import build_corpus
from generator.model import Facet
from generator.render.pages import render_site
from tests.conftest import analysed_dev
from tests.test_render import page_texts

CORPUS = Path(__file__).resolve().parent / "corpus"
SPACE = "space-aeronautics"
# Six space stories from two publishers: "solar system" stands in claims or quotes of four,
# "lunar surface" in two (a NASA field test and a VOA year's review).
ARTICLES = (
    "nasa-2024-03-20-marshall-star.md",
    "nasa-undated-ai-town-hall.md",
    "nasa-undated-artemis-moonwalk-arizona-field-test.md",
    "voa-2024-07-25-exoplanet-lhs-1140b-ocean.txt",
    "voa-2024-11-21-voyager-reconnected.txt",
    "voa-2025-01-03-another-big-year-space-exploration.txt",
)


@pytest.fixture(scope="module")
def space_briefs(nlp):
    return analysed_dev(nlp, ARTICLES)


def space_of(corpus):
    return next(c for c in corpus.topics if c.topic.id == SPACE)


def test_without_facets_the_recurring_key_phrases_are_the_sub_questions(space_briefs):
    briefs, topics = space_briefs
    space = space_of(build_corpus(briefs, topics, []))
    titles = [q.title for q in space.sub_questions]
    assert "solar system" in titles and "lunar surface" in titles
    assert not any(q.from_editor for q in space.sub_questions)
    names = {n.casefold() for b in briefs for e in b.entities for n in (e.name, *e.aliases)}
    assert not {t.casefold() for t in titles} & names  # "NASA", "Moon": who or where, not what
    for question in space.sub_questions:
        assert question.briefs >= 2
        said = [space.candidates[i][0].claim.text for i in question.claims]
        said += [space.quotes[i].quote.text for i in question.quotes]
        assert all(question.title.split()[0].casefold() in text.casefold() for text in said)


def test_the_editors_facets_replace_the_phrases_and_group_who_says_what(space_briefs):
    briefs, topics = space_briefs
    facets = (Facet("The Moon", ("moon", "lunar")), Facet("Planets elsewhere", ("exoplanet*",)))
    topics = [replace(t, facets=facets) if t.id == SPACE else t for t in topics]
    corpus = build_corpus(briefs, topics, [])
    space = space_of(corpus)
    assert [q.title for q in space.sub_questions] == ["The Moon", "Planets elsewhere"]
    assert all(q.from_editor for q in space.sub_questions)
    page = page_texts(render_site(corpus))[f"topics/{SPACE}.md"]
    moon = page.split("### The Moon", 1)[1].split("\n### ", 1)[0]
    assert "*The editor's facet in " in moon
    rows = [line for line in moon.splitlines() if line.startswith("| [")]
    assert rows, "a quote on the Moon is in the facet's who-says-what table"
    assert all(" · [" in row and "#p" in row for row in rows)  # each row dated, sourced, linked
    assert "Cherie Achilles" in moon  # the field test's science officer, on the lunar surface


def test_a_topic_of_one_brief_has_no_sub_questions_from_phrases(space_briefs):
    briefs, topics = space_briefs
    space = space_of(build_corpus(briefs[:1], topics, []))
    assert space.sub_questions == []
