import random

import pytest

from generator.analyse.claims import (
    DAMPING,
    ITERATIONS,
    is_statement,
    rank_claims,
    select_claims,
    similarity,
    textrank,
)
from generator.analyse.figures import extract_figures
from generator.model import Quote

ARTICLE = [
    "The city council approved a $2.5 billion budget for new housing on Tuesday, the largest in its history.",
    "## Housing plans",
    "The housing budget will fund 12,000 new homes across the city by 2030, council officials said.",
    "“We have waited too long for this and the families in our city deserve better homes,” said Maria Lopez, the council leader.",
    "Critics said the housing budget relied on a 4% rise in property taxes that residents had not approved.",
    "Is this the right way forward?",
    "The weather was pleasant.",
    "Council officials expect construction of the first homes to begin in the spring of next year.",
]


def test_claims_are_verbatim_ranked_and_never_quotations(parse):
    parsed = parse(ARTICLE)
    quote = Quote(ARTICLE[3][1:62], "Maria Lopez", "the council leader", "full", "p4")
    claims = rank_claims(parsed, [quote], limit=3)
    assert [c.rank for c in claims] == [1, 2, 3]
    assert claims[0].score >= claims[1].score >= claims[2].score
    texts = [c.text for c in claims]
    for claim in claims:
        assert any(claim.text in paragraph for paragraph in ARTICLE)  # verbatim
    assert not any("waited too long" in t for t in texts)  # a quotation is never a claim
    assert not any(t.endswith("?") for t in texts)
    assert "The weather was pleasant." not in texts  # too short to inform
    assert "budget" in texts[0]  # the most central fact, stated with figures


def test_claims_carry_their_figures_and_paragraph(parse):
    claims = rank_claims(parse(ARTICLE), [], limit=6)
    by_start = {c.text[:20]: c for c in claims}
    budget = by_start["The city council app"]
    assert budget.paragraph == "p1"
    assert {f.kind for f in budget.figures} >= {"money"}
    homes = by_start["The housing budget w"]
    assert any(f.text == "12,000" and f.kind == "count" for f in homes.figures)
    assert homes.paragraph == "p3"


def test_reported_speech_claims_get_a_speaker(parse):
    claims = rank_claims(
        parse(ARTICLE), [], limit=6, speaker_of=lambda s: "Critics" if "Critics" in s.text else None
    )
    assert [c.speaker for c in claims if c.speaker] == ["Critics"]


def test_textrank_prefers_the_central_sentence():
    central = frozenset({"budget", "housing", "council"})
    scores = textrank(
        [
            central,
            frozenset({"budget", "housing"}),
            frozenset({"council", "housing"}),
            frozenset({"weather"}),
        ]
    )
    assert scores[0] == max(scores)
    assert scores[3] == min(scores)
    assert similarity(frozenset(), central) == 0.0


def plain_textrank(lemma_sets):
    """TextRank as first written: the full weight matrix and one sum per sentence and pass."""
    count = len(lemma_sets)
    weights = [
        [similarity(a, b) if i != j else 0.0 for j, b in enumerate(lemma_sets)]
        for i, a in enumerate(lemma_sets)
    ]
    out_totals = [sum(row) for row in weights]
    scores = [1.0 / count] * count
    for _ in range(ITERATIONS):
        scores = [
            (1 - DAMPING) / count
            + DAMPING
            * sum(weights[j][i] / out_totals[j] * scores[j] for j in range(count) if out_totals[j])
            for i in range(count)
        ]
    return scores


def test_textrank_scores_are_exactly_those_of_the_plain_power_iteration():
    # Near-tied claims are ordered by these scores, so "close" is not enough: every bit counts.
    words = [f"w{n}" for n in range(40)]
    chooser = random.Random(7)
    for count in (1, 2, 5, 30, 90):
        lemma_sets = [
            frozenset(chooser.sample(words, chooser.randint(0, 12))) for _ in range(count)
        ]
        assert textrank(lemma_sets) == plain_textrank(lemma_sets)


def test_figures_keep_numbers_and_dated_years(parse):
    figures = extract_figures(parse(ARTICLE))
    kinds = {(f.text, f.kind) for f in figures}
    assert ("4%", "percent") in kinds
    assert any(kind == "date" and "2030" in text for text, kind in kinds)
    assert not any(text == "Tuesday" for text, _ in kinds)  # a weekday is not a figure


def test_a_teaser_of_another_story_and_a_list_item_give_no_claim(parse):
    parsed = parse(
        [
            "Visualise your disk usage—Jon Peck helps readers clean up a crowded disk. Read more...",
            "(B) empower individuals with disabilities to achieve economic self-sufficiency.",
            "The council approved the budget on Monday after a long debate over school funding.",
        ]
    )
    claims = rank_claims(parsed, [], 6)
    assert [c.text for c in claims] == [
        "The council approved the budget on Monday after a long debate over school funding."
    ]


def test_a_short_article_keeps_a_sentence_back_from_its_summary(parse):
    parsed = parse(
        [
            "Yesterday, the president signed an order raising the tariff on aluminum imports to "
            "25 percent, the White House said.",
            "Today, there is not enough smelting capacity in the country to supply the growing "
            "aluminum industry, officials said.",
        ]
    )
    selection = select_claims(parsed, [], limit=6, lead_count=2)
    assert [c.text[:9] for c in selection.lead] == ["Yesterday"]
    assert [c.text[:5] for c in selection.claims] == ["Today"]  # not a copy of the summary


def test_of_two_equal_claims_the_one_that_stands_alone_ranks_first(parse):
    filler = [
        f"Residents of district {n} met the planning office to discuss the harbour district."
        for n in range(1, 9)
    ]
    parsed = parse(
        [
            *filler[:4],
            "It will pay for 500 new homes across the harbour district by the end of the decade.",
            "The budget will pay for 500 new schools across the harbour district by 2030.",
            *filler[4:],
        ]
    )
    texts = [claim.text for claim in rank_claims(parsed, [], limit=3)]
    assert texts.index(next(t for t in texts if t.startswith("The budget"))) < texts.index(
        next(t for t in texts if t.startswith("It will"))
    )


def test_an_article_of_one_claim_has_it_as_summary_and_no_claim_repeating_it(parse):
    parsed = parse(
        [
            "Yesterday, the president signed an order raising the tariff on aluminum imports to "
            "25 percent, the White House said."
        ]
    )
    selection = select_claims(parsed, [], limit=6, lead_count=2)
    assert len(selection.lead) == 1 and selection.claims == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a little delayed but that is because...",  # cut off
        "“We will go on to the end of this season and then see what the board decides.",  # opens
        "I don't mind if it is two weeks or six.\"",  # the end of a longer quotation
        "(The president holds up an article entitled “How America voted.”) This just came out.",
    ],
)
def test_a_cut_off_sentence_or_one_sentence_of_a_quotation_is_no_claim(nlp, sentence) -> None:
    words = [t for t in nlp(sentence) if not t.is_punct]
    assert not is_statement(sentence, words)
    whole = "The board decided to end the season early."
    assert is_statement(whole, [t for t in nlp(whole) if not t.is_punct])


def test_a_caption_shaped_sentence_is_no_statement(nlp) -> None:
    """A noun with a participle and no main verb captions a picture ("Kanga honoring the late
    John Magufuli, …"); the same words with a verb are a statement."""
    caption = "Kanga honoring the late John Magufuli, Tanzania's fifth president, who died on March 17, 2021."
    statement = "Mourners wore kanga honoring the late John Magufuli, who died on March 17, 2021."
    assert not is_statement(caption, list(nlp(caption)))
    assert is_statement(statement, list(nlp(statement)))
