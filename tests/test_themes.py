from generator.analyse.themes import APOSTROPHES, any_term_pattern, match_topics, term_pattern
from generator.model import Topic

TOPICS = [
    Topic("taiwan", "Taiwan", "", ("Taiwan", "cross-strait")),
    Topic("peace", "Peace plan", "", ("peace plan", "12-point")),
    Topic("asia", "Central Asia", "", ("Central Asia*", "Kazakh*")),
    Topic("energy", "Energy", "", ("oil", "gas"), min_evidence=2),
]


def test_term_pattern_matches_whole_words_and_wildcard_endings():
    assert term_pattern("oil").search("crude oil exports")
    assert not term_pattern("oil").search("turmoil in the markets")
    assert term_pattern("Kazakh*").search("troops in Kazakhstan")
    assert term_pattern("Central Asia*").search("Central Asian states")
    assert term_pattern("peace plan").search("the Peace  Plan was tabled")
    assert term_pattern("Russia's invasion").search("Russia's invasion began")


def test_topics_need_evidence_in_body_sentences_not_headings(parse):
    parsed = parse(
        [
            "## Taiwan tensions rise",
            "The minister flew to Astana for talks on trade with Kazakhstan.",
            "A 12-point blueprint was released on Friday by the ministry.",
            "Exports of oil rose sharply in June.",
        ]
    )
    matched = {m.id: m for m in match_topics(parsed, TOPICS)}
    assert set(matched) == {"peace", "asia"}  # the heading alone does not make Taiwan
    assert matched["asia"].evidence[0].term == "Kazakhstan"
    assert matched["asia"].evidence[0].paragraph == "p2"
    assert "12-point blueprint" in matched["peace"].evidence[0].sentence


def test_min_evidence_counts_sentences(parse):
    parsed = parse(["Oil prices rose on Monday.", "Gas deliveries were halted after the dispute."])
    assert [m.id for m in match_topics(parsed, TOPICS)] == ["energy"]
    assert match_topics(parse(["Oil prices rose on Monday."]), TOPICS) == ()


def test_peaceful_is_not_peace_plan(parse):
    parsed = parse(["Officials called for peaceful dialogue and regional peace and stability."])
    assert match_topics(parsed, TOPICS) == ()


def test_any_term_pattern_matches_where_some_term_pattern_does():
    terms = [
        "sanction*",
        "oil",
        "Kazakh*",
        "peace plan",
        "Russia's invasion",
        "12-point",
        "‘quoted’",
    ]
    texts = [
        "New ſanctions were announced",  # long s: the same letter as "s" to a case-blind search
        "KAZAKHSTAN and the \u212aazakh steppe",  # Kelvin sign, likewise a "k"
        "turmoil, not oil-rich",
        "a Peace-Plan",
        "Russia’s invasion".translate(APOSTROPHES),
        "the 12-point paper",
        "nothing on topic here",
        "‘quoted’ words",
    ]
    for text in texts:
        expected = any(term_pattern(term).search(text) for term in terms)
        assert bool(any_term_pattern(terms).search(text)) == expected, text
    assert any_term_pattern(["*", "oil"]).search("anything")  # a bare wildcard matches anywhere


def test_a_run_of_dashes_in_the_text_is_read_once():
    """Words joined by spaces or dashes: a term with a lone dash, against a text with a long run
    of dashes, used to backtrack at every length of the run (minutes on 300,000 dashes)."""
    pattern = term_pattern("red - sea")
    assert pattern.search("ships in the Red-Sea today")
    assert pattern.search("red " + "-" * 300_000 + " x") is None


def test_passing_over_topics_without_a_first_word_in_the_text_finds_the_same(parse):
    parsed = parse(
        [
            "The minister flew to Astana for talks on trade with Kazakhstan.",
            "Exports of oil rose sharply in June, and gas deliveries resumed.",
        ]
    )
    many = [Topic(f"t{n}", f"T{n}", "", (f"word{n}", f"other{n} thing")) for n in range(2000)]
    assert match_topics(parsed, [*many, *TOPICS]) == match_topics(parsed, TOPICS)


def test_a_topic_touched_in_passing_is_not_a_main_topic(nlp):
    # Two White House remarks of the dev corpus: one on the war in Ukraine throughout, one where
    # it is a few sentences among other business (hand-annotated as passing).
    from pathlib import Path

    from generator.analyse.brief import analyse_article
    from generator.ingest.seeds import read_seed
    from generator.ingest.topics import load_topics

    corpus = Path(__file__).resolve().parent / "corpus"
    topics = load_topics(corpus / "topics.yaml")
    war = "Russia and the war in Ukraine"

    def main_topics(name: str) -> dict[str, bool]:
        brief = analyse_article(read_seed(corpus / "dev" / name, corpus / "dev"), topics, nlp, 6)
        return {match.name: match.main for match in brief.topics}

    assert main_topics("whitehouse-2025-03-01-ukraine-peace-support-reactions.md")[war] is True
    assert main_topics("whitehouse-2023-06-08-biden-sunak-bilateral-remarks.md")[war] is False
    # a NASA round-up of station research: health studies in five of its sentences, spaceflight
    # in 25; health is a part of what the station does, not what the article is about
    station = main_topics("nasa-undated-space-station-research-2025.md")
    assert station["Space exploration and aeronautics"] is True
    assert station["Health care"] is False
