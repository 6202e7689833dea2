"""Topic proposals for `check`: briefs grouped by their words, named by the key terms they share."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.analyse.brief import analyse_article
from generator.corpus.subjects import propose_topics
from generator.ingest.seeds import read_seed
from generator.model import Brief, Entity, Evidence, Paragraph, Topic, TopicMatch
from tests.test_corpus import brief as corpus_brief

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
SPACE = (
    "nasa-2000-12-01-major-mars-discovery-briefing.md",
    "nasa-2000-12-04-martian-land-of-lakes.md",
    "nasa-undated-juno-europa-icy-shell.md",
)
SANCTIONS = (
    "treasury-2018-04-06-russian-oligarchs-designated.md",
    "treasury-2018-10-23-tftc-taliban-iran-designations.md",
    "treasury-2019-09-20-iran-central-bank-ndf-sanctioned.md",
)
FOOTBALL = (
    "bbc-undated-gundogan-injury-return.txt",
    "bbc-undated-lovenkrands-rangers-celtic-old-firm.txt",
    "bbc-undated-sunderland-allardyce-england-job.txt",
)
PORTS = Topic("ports", "Ports", "", ("harbour",))


@pytest.fixture(scope="module")
def dev_briefs(nlp) -> list[Brief]:
    return [
        analyse_article(read_seed(DEV / name, DEV), [], nlp, 6)
        for name in (*SPACE, *SANCTIONS, *FOOTBALL)
    ]


def test_articles_on_one_subject_are_proposed_together_with_the_terms_they_share(dev_briefs):
    proposals = propose_topics(dev_briefs, [])
    groups = {tuple(Path(s).name for s in p.sources) for p in proposals}
    assert groups == {tuple(sorted(SPACE)), tuple(sorted(SANCTIONS)), tuple(sorted(FOOTBALL))}
    for proposal in proposals:
        assert proposal.term.split(" · ")[0] == proposal.evidence[0][0]
        assert all(2 <= count <= 3 for _term, count in proposal.evidence)


def test_a_subject_a_topic_already_covers_is_not_proposed(dev_briefs):
    space = TopicMatch("space", "Space", (Evidence("NASA", "p1", "NASA said."),))
    linked = [
        replace(brief, topics=(space,)) if Path(brief.source).name in SPACE else brief
        for brief in dev_briefs
    ]
    groups = {tuple(Path(s).name for s in p.sources) for p in propose_topics(linked, [])}
    assert tuple(sorted(SPACE)) not in groups and len(groups) == 2


def brief(source: str, body: str, terms: tuple[str, ...], entities=()) -> Brief:
    """A brief of three paragraphs of `body`, published by an outlet its terms may name."""
    paragraphs = tuple(Paragraph(f"p{i}", body, i) for i in range(1, 4))
    plain = corpus_brief(source, source, entities=entities, terms=terms)
    return replace(plain, publisher="Global Voices", paragraphs=paragraphs)


def test_a_subject_is_named_by_shared_terms_never_a_place_a_person_or_an_outlet():
    # As `check` read the development corpus before: its most shared terms were the United
    # States under four spellings, Washington and the outlets; what a group shares is named.
    usa = Entity("United States", "place", 3, aliases=("U.S.", "America"))
    lee = Entity("Kim Lee", "person", 2)
    body = "Bloggers were arrested over posts; the internet shutdown silenced social media users."
    other = "The harbour cranes loaded containers while dockers unloaded grain at the quay."
    briefs = [
        brief("a.txt", body, ("U.S.", "social media", "Global Voices", "Lee"), [usa, lee]),
        brief("b.txt", body, ("America", "social media", "internet shutdown"), [usa]),
        brief("c.txt", body, ("social media", "internet shutdown", "harbour")),
        brief("d.txt", other, ("harbour", "dockers")),
        brief("e.txt", other, ("harbour", "dockers")),
        brief("f.txt", other, ("harbour", "dockers")),
    ]
    proposals = propose_topics(briefs, [PORTS])
    assert [(p.term, p.sources) for p in proposals] == [  # as large: by name
        ("dockers", ("d.txt", "e.txt", "f.txt")),  # "harbour" is the Ports topic's term
        ("social media · internet shutdown", ("a.txt", "b.txt", "c.txt")),
    ]
    assert proposals[1].evidence == (("social media", 3), ("internet shutdown", 2))
