import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.analyse.themes import with_mentions
from generator.corpus.crosslinks import (
    NEAR_DUPLICATE_SIMILARITY,
    ClaimRef,
    RelatedStore,
    build_corpus,
    closest_briefs,
    content_words,
    group_near_duplicates,
    related_briefs,
)
from generator.model import Brief, Claim, DatedEvent, Entity, Evidence, Quote, Topic, TopicMatch


def brief(
    source, title, date=None, topics=(), quotes=(), entities=(), claims=(), events=(), terms=()
):
    """A brief as analysis makes it: its topic matches say which claims and quotes are on them."""
    known = {PORTS.id: PORTS, RAIL.id: RAIL}
    of_matches = [known.get(m.id, Topic(m.id, m.name, "", ())) for m in topics]
    topics = with_mentions(topics, of_matches, claims, quotes)
    return Brief(
        source=source,
        slug=title.lower().replace(" ", "-"),
        content_hash=source,
        title=title,
        publisher="Paper",
        date=date,
        url=None,
        summary="",
        paragraphs=(),
        quotes=tuple(quotes),
        claims=tuple(claims),
        entities=tuple(entities),
        figures=(),
        topics=tuple(topics),
        events=tuple(events),
        key_terms=tuple(terms),
    )


PORTS = Topic("ports", "Ports", "", ("harbour",))
RAIL = Topic("rail", "Rail", "", ("tram",))


def on(topic, paragraph="p1"):
    return TopicMatch(
        topic.id, topic.name, (Evidence("harbour", paragraph, "The harbour reopened."),)
    )


def test_corpus_links_topics_speakers_and_related_briefs_both_ways():
    quote = Quote(
        "We will reopen the harbour on Friday", "Ana Silva", "port director", "full", "p1", "person"
    )
    first = brief(
        "a.txt",
        "Harbour reopens",
        "2024-01-02",
        [on(PORTS)],
        [quote],
        [Entity("Ana Silva", "person", 2, ("Silva",))],
    )
    second = brief(
        "b.txt",
        "Harbour traffic",
        "2024-02-01",
        [on(PORTS)],
        entities=[Entity("Ana Silva", "person", 1)],
    )
    third = brief("c.txt", "Tram strike", None, [TopicMatch("rail", "Rail", ())])
    corpus = build_corpus([third, second, first], [PORTS, RAIL], [])
    assert [b.source for b in corpus.briefs] == [
        "b.txt",
        "a.txt",
        "c.txt",
    ]  # newest first, undated last
    ports = next(c for c in corpus.topics if c.topic.id == "ports")
    assert [b.source for b in ports.briefs] == ["b.txt", "a.txt"]
    assert [ref.quote.text for ref in ports.quotes] == [quote.text]
    silva = next(s for s in corpus.speakers if s.name == "Ana Silva")
    assert {b.source for b in silva.briefs} == {"a.txt", "b.txt"}
    assert silva.roles[0][0] == "port director"
    assert corpus.speaker_pages["Ana Silva"] == "people/ana-silva.md"
    for source, related in corpus.related.items():
        for other in related:  # every related link has its way back
            assert source in {b.source for b in corpus.related[other.source]}


def test_same_titles_get_distinct_slugs():
    corpus = build_corpus([brief("x.txt", "Same"), brief("y.txt", "Same")], [], [])
    assert sorted(b.slug for b in corpus.briefs) == ["same", "same-2"]


def test_near_duplicate_claims_are_grouped():
    a = brief("a.txt", "A")
    b = brief("b.txt", "B")
    claims = [
        ClaimRef(
            Claim("China's exports to Russia reached a record $9.6 billion in June.", "p1", 1, 1.0),
            a,
        ),
        ClaimRef(
            Claim(
                "In June, China's exports to Russia reached a record $9.6 billion.", "p4", 1, 1.0
            ),
            b,
        ),
        ClaimRef(Claim("The tram strike ended after three days of talks.", "p2", 2, 0.5), b),
    ]
    groups = group_near_duplicates(claims)
    assert [len(g) for g in groups] == [2, 1]


def first_matching_groups(claims):
    """The grouping's definition: each claim joins the first group it is similar enough to."""
    groups = []
    for ref in claims:
        words = content_words(ref.claim.text)
        for group_words, members in groups:
            union = words | group_words
            if union and len(words & group_words) / len(union) >= NEAR_DUPLICATE_SIMILARITY:
                members.append(ref)
                break
        else:
            groups.append((words, [ref]))
    return [members for _, members in groups]


@given(
    st.lists(
        st.lists(
            st.sampled_from(["tariffs", "grain", "port", "Odesa", "exports", "record", "the"]),
            max_size=6,
        ),
        max_size=30,
    )
)
@settings(max_examples=300, deadline=None)
def test_grouping_only_similar_candidates_gives_the_first_matching_group(sentences):
    story = brief("a.txt", "A")
    claims = [
        ClaimRef(Claim(" ".join(words), f"p{n}", n, 1.0), story)
        for n, words in enumerate(sentences)
    ]
    grouped = group_near_duplicates(claims)
    assert [[ref.claim.paragraph for ref in g] for g in grouped] == [
        [ref.claim.paragraph for ref in g] for g in first_matching_groups(claims)
    ]


def test_events_are_gathered_oldest_first():
    early = DatedEvent(2001, "2001", "A treaty was signed in 2001.", "p3")
    late = DatedEvent(2014, "2014", "In 2014, the bridge opened.", "p1")
    corpus = build_corpus(
        [brief("a.txt", "A", events=[late]), brief("b.txt", "B", events=[early])], [], []
    )
    assert [ref.event.year for ref in corpus.events] == [2001, 2014]


def test_canonical_names_merge_case_and_unique_surnames_only():
    from generator.corpus.crosslinks import canonical_names

    mapping = canonical_names(
        ["Nato", "NATO", "Putin", "Vladimir Putin", "Wang", "Wang Yi", "Henry Wang Huiyao", "Wan"]
    )
    assert mapping["Nato"] == mapping["NATO"] == "NATO"
    assert mapping["Putin"] == "Vladimir Putin"
    assert mapping["Wang"] == "Wang"  # two longer names contain it: ambiguous, left alone
    assert mapping["Wan"] == "Wan"  # never merged into a name with a similar word


@given(
    holdings=st.lists(
        st.tuples(
            st.sets(st.sampled_from(["ports", "rail", "roads"])),
            st.sets(st.sampled_from(["Ana Silva", "Port Authority", "Rui Costa", "Lisbon"])),
        ),
        min_size=1,
        max_size=12,
    )
)
@settings(max_examples=200, deadline=None)
def test_closest_briefs_scores_and_orders_as_the_pairwise_definition(holdings):
    """The matrix product gives what comparing every pair gives, ties broken by slug."""
    briefs = [
        brief(
            f"{number:02}.txt",
            f"Story {(number * 7) % 5} {number}",
            topics=[TopicMatch(t, t, ()) for t in sorted(topics)],
            entities=[Entity(n, "place" if n == "Lisbon" else "person", 1) for n in sorted(names)],
        )
        for number, (topics, names) in enumerate(holdings)
    ]
    closest = closest_briefs(briefs)
    for one in briefs:
        expected = related_briefs(one, briefs)
        assert [b.source for b in closest[one.source]] == [b.source for b in expected]


def test_related_topics_count_shared_briefs_as_the_plain_pairwise_count_does():
    """The per-brief count gives what comparing every pair of topics gives (which took minutes
    at 10,000 topics), ties in file order."""
    import random

    from generator.corpus.crosslinks import related_topics

    def pairwise(topics, on_topic):
        sources = {t.id: {b.source for b in on_topic[t.id]} for t in topics}
        shared = {
            t.id: [(o, len(sources[t.id] & sources[o.id])) for o in topics if o is not t]
            for t in topics
        }
        return {
            t.id: sorted(
                [(o, n) for o, n in shared[t.id] if n], key=lambda item: (-item[1], item[0].name)
            )
            for t in topics
        }

    rng = random.Random(3)
    briefs = [brief(f"{n}.txt", f"Story {n}", None) for n in range(10)]
    for _ in range(30):
        names = ["Ports", "Rail", "Ports"]  # equal names: ties keep the file's order
        topics = [Topic(f"t{n}", rng.choice(names), "", ("x",)) for n in range(rng.randint(1, 12))]
        on_topic = {t.id: [b for b in briefs if rng.random() < 0.3] for t in topics}
        assert related_topics(topics, on_topic) == pairwise(topics, on_topic)


def test_a_place_or_organisation_is_never_short_for_a_longer_name():
    from generator.corpus.crosslinks import canonical_names

    names = ["Moscow", "Chinese Embassy in Moscow", "Taiwan", "Taiwan Strait", "Putin"]
    mapping = canonical_names([*names, "Vladimir Putin"], people=["Putin", "Vladimir Putin"])
    assert mapping["Moscow"] == "Moscow"
    assert mapping["Taiwan"] == "Taiwan"
    assert mapping["Putin"] == "Vladimir Putin"  # a surname is still short for the full name


def test_a_person_written_with_a_middle_initial_or_accents_is_one_person_across_briefs():
    from generator.corpus.crosslinks import canonical_names

    # White House releases write "Donald J. Trump", news text "Donald Trump"; Global Voices
    # writes "Félix Tshisekedi" where another outlet drops the accent
    people = ["Donald Trump", "Donald J. Trump", "Trump", "Félix Tshisekedi", "Felix Tshisekedi"]
    mapping = canonical_names([*people, "Moscow"], people=people)
    assert mapping["Donald Trump"] == mapping["Trump"] == "Donald J. Trump"
    assert mapping["Felix Tshisekedi"] == "Félix Tshisekedi"
    assert mapping["Moscow"] == "Moscow"


def test_a_title_or_a_short_given_name_does_not_make_another_person():
    from generator.corpus.crosslinks import canonical_names

    # a White House transcript labels its speaker "President Trump"; news text writes "Joe Biden"
    # where releases write "Joseph R. Biden"; a short form of two names ("Steve") joins neither
    people = ["President Trump", "Donald J. Trump", "Joe Biden", "Joseph R. Biden", "Steve Jobs"]
    mapping = canonical_names(people, people=people)
    assert mapping["President Trump"] == "Donald J. Trump"
    assert mapping["Joe Biden"] == mapping["Joseph R. Biden"] == "Joseph R. Biden"
    assert mapping["Steve Jobs"] == "Steve Jobs"


def test_related_briefs_are_kept_while_the_briefs_topics_and_names_stay_the_same(
    tmp_path, monkeypatch
):
    import generator.corpus.crosslinks as crosslinks

    ana = Entity("Ana Silva", "person", 1)
    briefs = [
        brief("a.txt", "Harbour reopens", "2024-01-02", [on(PORTS)], entities=[ana]),
        brief("b.txt", "Harbour traffic", "2024-02-01", [on(PORTS)]),
        brief("c.txt", "Tram strike", "2024-03-01", [on(RAIL)], entities=[ana]),
        brief("d.txt", "Tram fares", "2024-04-01", [on(RAIL)]),
    ]
    store = RelatedStore(tmp_path)
    fresh = build_corpus(briefs, [PORTS, RAIL], []).related
    assert build_corpus(briefs, [PORTS, RAIL], [], store).related == fresh

    def not_again(_briefs):
        raise AssertionError("found again")

    monkeypatch.setattr(crosslinks, "closest_positions", not_again)
    assert build_corpus(briefs, [PORTS, RAIL], [], RelatedStore(tmp_path)).related == fresh
    retitled = [*briefs[:3], brief("d.txt", "Tram fares rise", "2024-04-01", [on(RAIL)])]
    with pytest.raises(AssertionError, match="found again"):  # a slug changed
        build_corpus(retitled, [PORTS, RAIL], [], RelatedStore(tmp_path))
    monkeypatch.undo()
    moved = [*briefs[:3], brief("d.txt", "Tram fares", "2024-04-01", [on(PORTS)])]
    related = build_corpus(moved, [PORTS, RAIL], [], RelatedStore(tmp_path)).related
    assert related == build_corpus(moved, [PORTS, RAIL], []).related != fresh
    assert len(list(tmp_path.rglob("*.pickle"))) == 1  # only the last corpus's
