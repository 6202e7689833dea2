"""Quotations and their speakers: one test per construction, on sentences written for the test,
and a regression test that scores the seeds against the hand-checked gold."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.analyse.entities import extract_entities
from generator.analyse.parse import parse_article
from generator.analyse.quotes import (
    _main_statement,
    _signed_name,
    extract_quotes,
    reported_speaker,
)
from generator.analyse.speakers import in_other_language
from generator.ingest.seeds import read_seed
from generator.model import Paragraph, Quote, SeedProblem, to_dict

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def quotes_of(parse):
    def extract(paragraphs: list[str]) -> list[Quote]:
        parsed = parse(paragraphs)
        return list(extract_quotes(parsed, extract_entities(parsed)))

    return extract


def said(quotes: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes]


# --- attribution next to the quotation ----------------------------------------------------------


def test_quote_then_name_said(quotes_of):
    quotes = quotes_of(["“The harvest will be late this year,” Kofi Mensah said."])
    assert said(quotes) == [("The harvest will be late this year", "Kofi Mensah")]
    assert quotes[0].kind == "full"
    assert quotes[0].speaker_type == "person"
    assert quotes[0].paragraph == "p1"


def test_name_said_colon_quote(quotes_of):
    quotes = quotes_of(["Jonas Whitfield said: “We have never seen rainfall like this.”"])
    assert said(quotes) == [("We have never seen rainfall like this.", "Jonas Whitfield")]
    assert quotes[0].kind == "full"


def test_said_name_with_role_at_organisation(quotes_of):
    quotes = quotes_of(
        [
            "“Prices are going to rise across the region,” said Priya Raman, a senior economist "
            "at Lakeview Capital."
        ]
    )
    assert said(quotes) == [("Prices are going to rise across the region", "Priya Raman")]
    assert quotes[0].role == "senior economist at Lakeview Capital"


def test_said_an_abbreviated_rank_and_name(quotes_of):
    """As an Army unit's story prints it: the parser ended a sentence at "Sgt." and took the
    rank for the speaker ("Staff Sgt")."""
    quotes = quotes_of(
        [
            "“These guys have earned it and my guys have been in a lot of contact,” said Staff "
            "Sgt. Isaac Campos, the brigade personal security detachment platoon sergeant. “This "
            "is the first deployment for most of them,” he said."
        ]
    )
    assert [q.speaker for q in quotes] == ["Isaac Campos", "Isaac Campos"]
    assert quotes[0].role == "brigade personal security detachment platoon sergeant"


def test_said_an_institution_s_officer_by_name(quotes_of):
    quotes = quotes_of(
        [
            "“This information provides resource managers with a range of conditions,” said "
            "USGS hydrologist Ryan Jackson."
        ]
    )
    assert [q.speaker for q in quotes] == ["Ryan Jackson"]


def test_a_quotation_a_colon_introduces_after_a_clause_about_a_person(quotes_of):
    """No verb of saying: the clause's subject speaks, or the person whose argument it is; never
    a name inside the quotation itself."""
    quotes = quotes_of(
        [
            'Bruno Mohr from the canton of Bern, for example, was quickly inspired: "Paul Walker '
            "got us really excited and that's when we knew: That's exactly what we want!\" And Paul "
            "Walker's argument was as compelling as it was simple: \"I'm convinced: Open Source "
            'will revolutionise the world."'
        ]
    )
    assert [q.speaker for q in quotes] == ["Bruno Mohr", "Paul Walker"]


def test_a_quotation_signed_with_a_name_after_it(quotes_of):
    """As a free-software campaign's page prints a pull quote: the words, then the name."""
    quotes = quotes_of(
        [
            "Together with Paul Walker from the Canton of Uri, we talked about the tool.",
            '"The freedom to develop where it is necessary - for that you absolutely need open '
            'software." Paul Walker',
        ]
    )
    assert said(quotes) == [
        (
            "The freedom to develop where it is necessary - for that you absolutely need open "
            "software.",
            "Paul Walker",
        )
    ]


def test_a_block_quotation_signed_with_a_name_and_role_after_a_line_break(tmp_path, nlp):
    """As the Canadian Digital Service prints a pull quote in Markdown: '> *“…”* <br> <br>
    *Jane Doe, Secretary of the Board*'; a quotation followed by the next sentence of a
    paragraph is not signed by the name that opens it."""
    from generator.ingest.seeds import read_seed

    text = (
        "---\ntitle: A new chief executive\n---\n\n"
        "In September, Jane Doe, Secretary of the Board, launched the search for a chief.\n\n"
        "> *“I’ve come away with a strong belief that the right leader has shipped digital "
        "products.”* <br> <br> *Jane Doe, Secretary of the Board*\n\n"
        "“There was no basis to state that as a conclusion.” Garry, a professor at the "
        "university, argued on behalf of the spillover event. He said more.\n"
    )
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    article = read_seed(tmp_path / "post.md", tmp_path)
    assert "<br>" not in article.paragraphs[1].text
    parsed = parse_article(article, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert (quotes[0].text[:20], quotes[0].speaker) == ("I’ve come away with ", "Jane Doe")
    assert "Garry" not in {q.speaker for q in quotes}


def test_according_to_then_he_said_in_next_paragraph(quotes_of):
    quotes = quotes_of(
        [
            "The drought has cut yields by a third, according to Tomas Brandt, director of the "
            "Northern Grain Institute.",
            "“Farmers cannot plant until the soil recovers,” he said.",
        ]
    )
    assert said(quotes) == [("Farmers cannot plant until the soil recovers", "Tomas Brandt")]
    assert quotes[0].paragraph == "p2"
    assert quotes[0].role == "director of the Northern Grain Institute"


def test_told_someone_colon(quotes_of):
    quotes = quotes_of(
        [
            "Kofi Mensah spoke after the vote.",
            "Mensah told reporters: “The ministry must act before winter.”",
        ]
    )
    assert said(quotes) == [("The ministry must act before winter.", "Kofi Mensah")]


@pytest.mark.parametrize("verb", ["added", "continued", "explained"])
def test_other_speech_verbs(quotes_of, verb):
    quotes = quotes_of(
        [
            "Jonas Whitfield, a farmer near the river, lost half his crop.",
            f"Whitfield {verb}: “Nobody planned for two dry years in a row.”",
        ]
    )
    assert said(quotes) == [("Nobody planned for two dry years in a row.", "Jonas Whitfield")]


def test_quoted_as_telling(quotes_of):
    quotes = quotes_of(
        [
            "“Our borders are not for sale,” Foreign Minister Dalia Kerimova was quoted as "
            "telling her Latvian counterpart on Monday."
        ]
    )
    assert said(quotes) == [("Our borders are not for sale", "Dalia Kerimova")]
    assert quotes[0].role == "Foreign Minister"


# --- quotations over several paragraphs, split, nested ------------------------------------------


def test_quotation_over_two_paragraphs_is_one_quote(quotes_of):
    quotes = quotes_of(
        [
            "Helena Vasquez, the mayor of Port Albany, spoke at length.",
            "She said: “The first phase starts in spring.",
            "“The second phase depends on the federal grant.”",
            "The council meets again in May.",
        ]
    )
    assert said(quotes) == [
        (
            "The first phase starts in spring. The second phase depends on the federal grant.",
            "Helena Vasquez",
        )
    ]
    assert quotes[0].paragraph == "p2"


def test_quotation_split_by_attribution_is_two_quotes_by_one_speaker(quotes_of):
    quotes = quotes_of(
        [
            "Helena Vasquez, the mayor of Port Albany, spoke at length.",
            "“We will rebuild the harbour,” she said. “It will take years, not months.”",
        ]
    )
    assert said(quotes) == [
        ("We will rebuild the harbour", "Helena Vasquez"),
        ("It will take years, not months.", "Helena Vasquez"),
    ]
    assert [q.kind for q in quotes] == ["full", "full"]


def test_paragraph_of_quotation_alone_continues_the_speaker_before(quotes_of):
    quotes = quotes_of(
        [
            "“The river has moved,” said Olga Petrova, a hydrologist at Delta Research.",
            "“It now runs two kilometres east of the old bed.”",
        ]
    )
    assert said(quotes) == [
        ("The river has moved", "Olga Petrova"),
        ("It now runs two kilometres east of the old bed.", "Olga Petrova"),
    ]


def test_quote_inside_quote_stays_in_the_outer_quotation(quotes_of):
    quotes = quotes_of(
        [
            "Helena Vasquez is the mayor of Port Albany.",
            "“My father used to say, ‘Never build below the tide line,’ and he was right,” "
            "Vasquez said.",
        ]
    )
    assert said(quotes) == [
        (
            "My father used to say, ‘Never build below the tide line,’ and he was right",
            "Helena Vasquez",
        )
    ]


# --- partial quotations and things that are not quotations --------------------------------------


def test_partial_quote_inside_reported_speech(quotes_of):
    quotes = quotes_of(
        [
            "Grigor Antonescu said the council was “out of touch with the people of the "
            "valley”, but he would not resign."
        ]
    )
    assert said(quotes) == [("out of touch with the people of the valley", "Grigor Antonescu")]
    assert quotes[0].kind == "partial"


def test_partial_quote_after_said_that_by_relative_clause_speaker(quotes_of):
    quotes = quotes_of(
        [
            "The proposal was rejected by union leader Samuel Achebe who said that the offer "
            "“falls far short of what workers were promised”."
        ]
    )
    assert said(quotes) == [("falls far short of what workers were promised", "Samuel Achebe")]
    assert quotes[0].kind == "partial"


def test_partial_quote_after_saying_takes_the_speaker_of_said(quotes_of):
    quotes = quotes_of(
        [
            "Mayor Helena Vasquez said the port welcomed the grant, saying the town would "
            "“never again depend on a single employer”."
        ]
    )
    assert said(quotes) == [("never again depend on a single employer", "Helena Vasquez")]


def test_dateline_is_not_the_speaker(quotes_of):
    quotes = quotes_of(
        [
            "LONDON, March 3 (Reuters) - The Bank of England held interest rates on Wednesday, "
            "saying inflation was still “far too high” even as the economy stalled."
        ]
    )
    assert said(quotes) == [("far too high", "Bank of England")]


def test_unnamed_and_scare_quotes_are_not_quotations(quotes_of):
    quotes = quotes_of(
        [
            "Observers said the deal was “the biggest in a decade”.",
            "The plan was described as “a reckless gamble with public money” by critics.",
            "The so-called “green corridor plan” has stalled since the spring floods.",
            "“We expect more delays,” one official said.",
        ]
    )
    assert quotes == []


def test_quotes_in_headings_are_not_quotations(quotes_of):
    quotes = quotes_of(
        [
            "## “We will not back down,” says union leader Samuel Achebe",
            "Dock workers walked out on Monday.",
        ]
    )
    assert quotes == []


def test_quoted_titles_are_not_quotations(quotes_of):
    quotes = quotes_of(
        ["Her new book, “The Last Harbour of the North”, was published in May, Olga Petrova said."]
    )
    assert quotes == []


def test_unclosed_mark_in_a_heading_does_not_reach_into_the_body(quotes_of):
    quotes = quotes_of(
        [
            "## “Nobody listened: residents count the cost of the flood",
            "“We lost everything,” said Olga Petrova, a hydrologist at Delta Research.",
        ]
    )
    assert said(quotes) == [("We lost everything", "Olga Petrova")]


def test_short_partial_fragments_are_left_out(quotes_of):
    quotes = quotes_of(["Grigor Antonescu called the plan a “total disgrace” on Monday."])
    assert quotes == []


# --- institutions, agencies and user names ------------------------------------------------------


def test_embassy_said_in_a_statement(quotes_of):
    quotes = quotes_of(
        [
            "“The detention of our citizens is unacceptable,” the Kenyan Embassy in Lisbon said "
            "in a statement."
        ]
    )
    assert said(quotes) == [
        ("The detention of our citizens is unacceptable", "Kenyan Embassy in Lisbon")
    ]
    assert quotes[0].speaker_type == "organisation"


def test_ministry_said_and_an_echoed_statement(quotes_of):
    quotes = quotes_of(
        [
            "“The detention of our citizens is unacceptable,” the Kenyan Embassy in Lisbon said.",
            "The Portuguese foreign ministry said it was “reviewing the case with the utmost "
            "urgency”.",
            "Local papers echoed the embassy statement that the arrests were “a breach of the "
            "consular agreement”.",
        ]
    )
    assert said(quotes)[1:] == [
        ("reviewing the case with the utmost urgency", "Portuguese foreign ministry"),
        ("a breach of the consular agreement", "Kenyan Embassy in Lisbon"),
    ]


def test_spokesperson_speaks_for_the_organisation(quotes_of):
    quotes = quotes_of(["“No comment on the lawsuit,” a spokesperson for Acme Corp said."])
    assert said(quotes) == [("No comment on the lawsuit", "Acme Corp")]


def test_spokesman_of_a_named_organisation(quotes_of):
    quotes = quotes_of(
        [
            "Harwick District Council closed the road on Friday.",
            "A council spokesman said: “We are working around the clock to support residents.”",
        ]
    )
    assert said(quotes) == [
        ("We are working around the clock to support residents.", "Harwick District Council")
    ]


def test_named_speaker_in_apposition_after_the_quotation(quotes_of):
    quotes = quotes_of(
        [
            "“No comment on the lawsuit,” a spokesperson for Acme Corp said.",
            "“We will appeal the ruling,” the company’s lawyer, Ana Lima, said.",
        ]
    )
    assert said(quotes) == [
        ("No comment on the lawsuit", "Acme Corp"),
        ("We will appeal the ruling", "Ana Lima"),
    ]


def test_according_to_a_statement_from_an_institution(quotes_of):
    quotes = quotes_of(
        [
            "“The ships will patrol until further notice,” according to a statement from the "
            "Danish defence ministry."
        ]
    )
    assert said(quotes) == [
        ("The ships will patrol until further notice", "Danish defence ministry")
    ]


def test_news_agency_reported(quotes_of):
    quotes = quotes_of(["“Talks will resume on Monday,” Kyodo News reported."])
    assert said(quotes) == [("Talks will resume on Monday", "Kyodo News")]


def test_it_said_after_a_relayed_report_is_the_institution(quotes_of):
    quotes = quotes_of(
        [
            "The Danish defence ministry said on Friday that two frigates had left port, Reuters "
            "reported.",
            "In a statement posted online, it said the ships would “patrol the shipping lanes "
            "until further notice”.",
        ]
    )
    assert said(quotes) == [
        ("patrol the shipping lanes until further notice", "Danish defence ministry")
    ]


def test_user_name_in_quotation_marks_is_the_speaker(quotes_of):
    quotes = quotes_of(
        [
            "“Nobody asked the fishermen what they wanted,” wrote Reddit user “blue_heron_7,” in "
            "a post that was widely shared."
        ]
    )
    assert said(quotes) == [("Nobody asked the fishermen what they wanted", "blue_heron_7")]
    assert quotes[0].speaker_type == "user"


# --- reaching back: pronouns, surnames, descriptions --------------------------------------------


def test_pronoun_reaches_back_past_a_related_headline(quotes_of):
    quotes = quotes_of(
        [
            "Harbour traffic fell sharply last year, according to Ingrid Solberg, a port "
            "economist at Nordhavn University.",
            "## Storm closes northern ferry routes, says coast guard chief Anders Lund",
            "Shipping firms have cut routes to the outer islands.",
            "“The smaller ports will not survive another winter like this,” she said.",
        ]
    )
    assert said(quotes) == [
        ("The smaller ports will not survive another winter like this", "Ingrid Solberg")
    ]


def test_pronoun_skips_people_only_reported_on(quotes_of):
    quotes = quotes_of(
        [
            "Olga Petrova, a hydrologist, said Mayor Helena Vasquez would move the pumps.",
            "“The pumps are in the wrong place,” she said.",
        ]
    )
    assert said(quotes) == [("The pumps are in the wrong place", "Olga Petrova")]


def test_similar_surnames_stay_apart(quotes_of):
    quotes = quotes_of(
        [
            "Tan Meiling, a trade analyst at Eastbridge Bank, said exports would recover.",
            "Tang Wei, a professor at Coastal University, disagreed.",
            "Tan said: “Demand from the south is already picking up.”",
            "Tang said: “That recovery is an illusion built on stockpiling.”",
            "“The numbers will tell,” Tan added.",
        ]
    )
    assert said(quotes) == [
        ("Demand from the south is already picking up.", "Tan Meiling"),
        ("That recovery is an illusion built on stockpiling.", "Tang Wei"),
        ("The numbers will tell", "Tan Meiling"),
    ]


def test_description_refers_back_to_the_person_with_that_role(quotes_of):
    quotes = quotes_of(
        [
            "Brazilian President Lucia Ferraz arrived in Lagos on Sunday.",
            "The Brazilian president has promised that her government will protect “every job "
            "in the steel sector”.",
        ]
    )
    assert said(quotes) == [("every job in the steel sector", "Lucia Ferraz")]


# --- quotation marks ----------------------------------------------------------------------------


def test_straight_quotation_marks(quotes_of):
    quotes = quotes_of(
        [
            'Rafael Ortiz said: "The bridge will open in June."',
            '"The tolls will stay low," Ortiz said.',
        ]
    )
    assert said(quotes) == [
        ("The bridge will open in June.", "Rafael Ortiz"),
        ("The tolls will stay low", "Rafael Ortiz"),
    ]


def test_unclosed_mark_stops_at_its_paragraph(quotes_of):
    quotes = quotes_of(
        [
            "Rafael Ortiz said: “We are ready for the traffic",
            "The city council voted on Tuesday to fund the second stage of the project.",
            "“The tolls will stay low,” Ortiz said.",
        ]
    )
    assert said(quotes) == [
        ("We are ready for the traffic", "Rafael Ortiz"),
        ("The tolls will stay low", "Rafael Ortiz"),
    ]


def test_mark_never_closed_stops_at_the_next_opening_mark(quotes_of):
    quotes = quotes_of(
        ["Rafael Ortiz said: “The bridge is late. “The tolls will stay low,” Ortiz added."]
    )
    assert said(quotes) == [
        ("The bridge is late.", "Rafael Ortiz"),
        ("The tolls will stay low", "Rafael Ortiz"),
    ]


def test_single_marks_are_quotation_marks_only_without_double_ones(quotes_of):
    only_single = quotes_of(["‘The bridge will open in June,’ Rafael Ortiz said."])
    assert said(only_single) == [("The bridge will open in June", "Rafael Ortiz")]
    mixed = quotes_of(
        [
            "Rafael Ortiz praised the ‘spirit of the whole town’ in his speech.",
            "“The bridge will open in June,” Ortiz said.",
        ]
    )
    assert said(mixed) == [("The bridge will open in June", "Rafael Ortiz")]


def test_single_marks_over_two_paragraphs_with_apostrophes(quotes_of):
    quotes = quotes_of(
        [
            "Margaret Ellison, a retired nurse, said: ‘We’ve lived here for 40 years.",
            "‘We didn’t have time to save anything, not even the kids’ photos.’",
        ]
    )
    assert said(quotes) == [
        (
            "We’ve lived here for 40 years. We didn’t have time to save anything, not even the "
            "kids’ photos.",
            "Margaret Ellison",
        )
    ]


# --- reported speech ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Tan Meiling said exports would recover by the summer.", "Tan Meiling"),
        ("Tan Meiling told investors that exports would recover.", "Tan Meiling"),
        ("Exports will recover by the summer, according to Tan Meiling.", "Tan Meiling"),
        ("Exports fell by a fifth in the spring.", None),
        ("Tan Meiling announced a new fund for exporters.", None),
        ("Tan Meiling continued to buy bonds through the spring.", None),
    ],
)
def test_reported_speaker(parse, sentence, speaker):
    parsed = parse(["Tan Meiling is a trade analyst at Eastbridge Bank.", sentence])
    entities = extract_entities(parsed)
    last = list(parsed.body_sentences())[-1]
    assert reported_speaker(last, parsed, entities) == speaker


def test_reported_speaker_resolves_surname_and_pronoun(parse):
    parsed = parse(
        [
            "Tan Meiling is a trade analyst at Eastbridge Bank.",
            "Tan said exports would recover.",
            "She said imports would not.",
        ]
    )
    entities = extract_entities(parsed)
    speakers = [reported_speaker(s, parsed, entities) for s in parsed.body_sentences()]
    assert speakers[1:] == ["Tan Meiling", "Tan Meiling"]


# --- the seeds, scored by the reference scorer --------------------------------------------------

TARGETS = {"recall_full": 0.98, "recall_partial": 0.90, "precision": 0.95, "speaker_acc": 0.95}


def test_seed_quotes_meet_the_targets(nlp, gold_file, tmp_path):
    """The five seeds, read by ingest as in a build, scored by shared/eval/score_quotes.py."""
    briefs = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        article = read_seed(path, SEEDS_DIR)
        assert not isinstance(article, SeedProblem), article
        parsed = parse_article(article, nlp)
        quotes = extract_quotes(parsed, extract_entities(parsed))
        briefs.append({"source": article.source, "quotes": [to_dict(q) for q in quotes]})
    briefs_file = tmp_path / "briefs.json"
    briefs_file.write_text(json.dumps(briefs, ensure_ascii=False), encoding="utf-8")
    scorer = gold_file.parent / "score_quotes.py"
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold_file), str(briefs_file)],
        capture_output=True,
        text=True,
    )
    totals = dict(re.findall(r"(\w+)=([\d.]+)", result.stdout.splitlines()[-1]))
    for name, target in TARGETS.items():
        assert float(totals[name]) >= target, result.stdout
    assert result.returncode == 0, result.stdout


# --- layouts of real pages (tests/corpus/dev) ---------------------------------------------------

DEV = Path(__file__).resolve().parent / "corpus" / "dev"


def dev_quotes(name: str, nlp) -> list[tuple[str, str | None]]:
    article = read_seed(DEV / name, DEV)
    parsed = parse_article(article, nlp)
    return [(q.text, q.speaker) for q in extract_quotes(parsed, extract_entities(parsed))]


def test_a_block_quotation_under_an_introducing_line(nlp):
    quotes = dev_quotes("globalvoices-undated-kenya-vaccine-rollout-bribery.txt", nlp)
    speakers = {text[:40]: speaker for text, speaker in quotes}
    assert speakers["Politicians loudly and self-servingly ar"] == "Patrick Gathara"
    assert speakers["I think somewhere along the line we seem"] == "Mutahi Kagwe"


def test_an_embedded_post_is_quoted_whole_under_its_sign_off(nlp):
    quotes = dict(
        (speaker, text)
        for text, speaker in dev_quotes(
            "globalvoices-undated-kenya-women-online-harassment.txt", nlp
        )
    )
    assert quotes["Robert Alai, HSC"] == (
        "Kind of shallow and idiotic take from Okwara. So shallow, you wonder if Corona ate the "
        "brain. Nudes of men were online juzi. She suddenly has selective amnesia over that."
    )
    assert quotes["this is me"] == "her hairstyle looks like Corona itself"  # tags and emoji go


def test_statements_under_speakers_labels(nlp):
    quotes = dev_quotes("whitehouse-2025-02-11-section-232-tariffs-reactions.md", nlp)
    speakers = {text[:30]: speaker for text, speaker in quotes}
    assert speakers["The steel industry in America "] == "Philip K. Bell"  # label on its line
    assert speakers["Too many politicians in Washin"] == "Jim Banks"  # a label wrapped in a link
    assert len(quotes) >= 23


def test_said_then_title_and_name_after_a_quotation(nlp):
    quotes = dev_quotes("justice-department-undated-russian-spear-phishing-domains.txt", nlp)
    speakers = {text[:30]: speaker for text, speaker in quotes}
    assert speakers["This disruption exemplifies ou"] == "Matthew G. Olsen"
    assert speakers["This case underscores the impo"] == "Robert Tripp"  # not "FBI Special Agent"


def test_who_after_a_persons_role_is_the_person(quotes_of):
    quotes = quotes_of(
        [
            "The announcement was praised by the American Chamber of Commerce (AMCHAM) and Ian "
            "Roach, chairman of the Equal Opportunity Commission, who noted in an interview:",
            "“It is a good move on the part of the private sector and especially by the bank.”",
        ]
    )
    assert said(quotes) == [
        (
            "It is a good move on the part of the private sector and especially by the bank.",
            "Ian Roach",
        )
    ]


def test_a_post_signed_with_part_of_a_name_is_that_persons(nlp):
    quotes = dev_quotes("globalvoices-undated-tanzania-magufuli-death-hassan.txt", nlp)
    speakers = {text[:30]: speaker for text, speaker in quotes}
    assert (
        speakers["Taarifa ya Kifo Cha Rais Wa Ja"] == "Samia Suluhu Hassan"
    )  # signed "Samia Suluhu"


def test_a_statement_wrapped_after_a_middle_initial_is_one_quotation(nlp):
    quotes = dev_quotes("whitehouse-2025-02-11-section-232-tariffs-reactions.md", nlp)
    texts = [text for text, _speaker in quotes]
    assert any(
        t.startswith(
            "We strongly support today’s Executive Order from President Donald J. Trump imposing"
        )
        for t in texts
    )
    assert "We strongly support today’s Executive Order from President Donald J." not in texts


def test_a_role_before_the_name_of_the_speaker(quotes_of):
    quotes = quotes_of(
        [
            '"Losing Adam is naturally a blow as he contributes significantly to everything we '
            'do," director of cricket Angus Fraser said.'
        ]
    )
    assert said(quotes) == [
        (
            "Losing Adam is naturally a blow as he contributes significantly to everything we do",
            "Angus Fraser",
        )
    ]


def test_they_in_a_sentence_about_a_statement_is_its_owner(nlp):
    quotes = dev_quotes("globalvoices-undated-drc-tshisekedi-presidency.txt", nlp)
    speakers = {text[:40]: speaker for text, speaker in quotes}
    # "In a January 14 statement from the Roman Catholic Church, …, they said:" over a block
    assert speakers["The results of the presidential election"] == "Roman Catholic Church"


def test_the_english_translation_under_a_post_is_the_same_speakers(nlp):
    quotes = dev_quotes("globalvoices-undated-mozambique-pope-francis-visit.txt", nlp)
    speakers = {text[:30]: speaker for text, speaker in quotes}
    assert speakers["Expresso a minha dor e a minha"] == "Papa Francisco"
    assert speakers["I express my pain and my solid"] == "Papa Francisco"  # its translation
    assert not any(text.startswith("The disaster caused") for text, _ in quotes)  # English text


def test_a_quotation_inside_a_quotation_in_the_same_marks(quotes_of):
    quotes = quotes_of(
        [
            "“Thankfully, the president has revoked the administration’s “Restoring Healthy and "
            "Abundant Salmon” memorandum. This was exactly the right thing to do,” said Dan "
            "Newhouse, a congressman from Washington."
        ]
    )
    assert said(quotes) == [
        (
            "Thankfully, the president has revoked the administration’s “Restoring Healthy and "
            "Abundant Salmon” memorandum. This was exactly the right thing to do",
            "Dan Newhouse",
        )
    ]


def test_a_statement_wrapped_after_an_ellipsis_and_a_link_is_one_quotation(nlp):
    quotes = dev_quotes("whitehouse-2025-02-11-section-232-tariffs-reactions.md", nlp)
    texts = [text for text, _speaker in quotes]
    whole = [t for t in texts if t.startswith("We appreciate President Trump’s continued focus")]
    assert whole and whole[0].endswith("with the input materials it needs.")


def test_a_quotation_run_on_over_joined_paragraphs_is_one(quotes_of):
    quotes = quotes_of(
        [
            'Ilkay Gundogan told BBC Sport: "It is really hard always to fall and fight your way back. You '
            "feel good, then you get the next kick. \"The worst part is behind me now. I don't "
            'mind if it is two weeks or six." Gundogan made 15 appearances in his first season.'
        ]
    )
    assert [text for text, _ in said(quotes)] == [
        "It is really hard always to fall and fight your way back. You feel good, then you get "
        "the next kick. \"The worst part is behind me now. I don't mind if it is two weeks or six."
    ]


def test_shared_in_a_post_introduces_a_quotation_but_shared_alone_does_not(quotes_of):
    quotes = quotes_of(
        [
            "Reacting to the incident, Meghalaya Chief Minister Conrad Sangma, who also holds the "
            "mining portfolio, shared in a post on social media: “Profoundly saddened by the "
            "tragic coal mine incident in East Jaintia Hills.”",
            "The two teams shared the “best small museum in the region” prize last year.",
        ]
    )
    assert said(quotes) == [
        (
            "Profoundly saddened by the tragic coal mine incident in East Jaintia Hills.",
            "Conrad Sangma",
        )
    ]


def speaker_of(quotes: list[tuple[str, str | None]], opening: str) -> list[str | None]:
    return [speaker for text, speaker in quotes if text.startswith(opening)]


def test_a_block_quotation_in_another_language_and_its_translation_are_the_speakers(nlp):
    quotes = dev_quotes("globalvoices-undated-bangladesh-digital-security-act-arrests.txt", nlp)
    # Three paragraphs of Bengali under "Writer Meher Afroz Shaon posted on Facebook:", then
    # three of English: two quotations, each whole.
    bengali = next(text for text, _ in quotes if text.startswith("তিনি পাহাড় ভালোবাসেন"))
    assert "ভুলগুলোর অবসান হোক।" in bengali  # the second paragraph, kept (a danda ends it)
    assert speaker_of(quotes, "He loves the mountains") == ["Meher Afroz Shaon"]
    english = next(text for text, _ in quotes if text.startswith("He loves the mountains"))
    assert english.endswith("is an arrest warrant issued immediately?")
    # A tweet under "… tweeted:" is quoted once, as its sign-off names it.
    assert speaker_of(quotes, "Absolutely shameful.") == ["Leesa Gazi"]


def test_a_translation_under_a_post_may_open_on_its_quoted_heading(nlp):
    quotes = dev_quotes("globalvoices-undated-mozambique-matalane-police-pregnancies.txt", nlp)
    assert speaker_of(quotes, "“The Matalane case” Building") == ["Txeka"]
    # Portuguese with a few "a", "do", "as" is still another language than its translation.
    assert speaker_of(quotes, "Matalane? Just the tip of the") == ["Carlos Serra"]


def test_a_block_under_according_to_or_shared_thoughts_and_none_inside_it(nlp):
    colombia = dev_quotes("globalvoices-undated-colombia-social-leaders-hague-march.txt", nlp)
    # "According to Carlos Guevara, …, the social leaders are often killed …:" then Spanish.
    assert speaker_of(colombia, "…las agresiones contra personas") == ["Carlos Guevara"]
    assert speaker_of(colombia, "Aggressions against people devoted") == ["Carlos Guevara"]
    # A post signed "Hermisaurio 🦖🥟🦖🥟🦖 (@Hermisaurio2)": the name without its emoji.
    assert speaker_of(colombia, "Homenaje a los 472") == ["Hermisaurio"]
    nicaragua = dev_quotes("globalvoices-undated-nicaragua-protests-one-year.txt", nlp)
    # "…, also shared with Niú her aspirations for transformation in Nicaragua, …:"
    assert speaker_of(nicaragua, "[We need to] eradicate") == ["Madelaine Caracas"]
    # The mob's words quoted inside Ana Siú's block are hers to quote, not a quotation of hers.
    assert not speaker_of(nicaragua, "vamooos")


def test_a_statement_under_its_release_line_is_the_releasers(nlp):
    quotes = dev_quotes("pclob-2019-01-13-statement-passing-patricia-wald.md", nlp)
    # "… Chairman Adam Klein and Board Members … have released the following joint statement …:"
    # then four paragraphs, each opening a quotation mark, the last closing it.
    assert speaker_of(quotes, "We are very saddened") == ["Adam Klein"]
    whole = next(text for text, _ in quotes if text.startswith("We are very saddened"))
    assert whole.endswith("Our thoughts are with her family, friends, and loved ones.")


def test_only_a_main_verbs_statement_introduces_a_block(parse):
    parsed = parse(
        [
            "The members have released the following joint statement:",
            "After Smith's statement on Monday, the protesters' placards read:",
        ]
    )
    statements = [t for t in parsed.doc if t.lower_ == "statement"]
    assert [_main_statement(t) for t in statements] == [True, False]


def test_a_short_english_line_under_an_introduction_is_not_another_language():
    short = Paragraph("p2", "Massive protests across Brazil", 2)
    assert not in_other_language(short.text)
    assert in_other_language(
        "Los manifestantes ocuparon las calles de la ciudad durante toda la noche"
    )


def test_a_signature_loses_its_emoji_and_what_joins_them():
    assert _signed_name("Jane ❤️ Doe 👩\u200d💻") == "Jane Doe"


def test_a_signature_keeps_its_name_in_latin_letters_without_its_twin_in_another_script():
    # Global Voices (dev corpus): posts signed in two scripts, or with a hashtag.
    assert _signed_name("UNICEF MENA – يونيسف الشرق الأوسط وشمال إفريقيا") == "UNICEF MENA"
    assert _signed_name("Yahya Assiri يحيى عسيري #المقسطون") == "Yahya Assiri"
    assert _signed_name("Félix Tshisekedi") == "Félix Tshisekedi"
    assert _signed_name("يحيى عسيري") == "يحيى عسيري"  # no Latin name to keep: as signed


def test_a_description_of_the_person_in_focus_speaks_for_them(quotes_of):
    quotes = quotes_of(
        [
            "Rangers striker Kofi Mensah scored twice in the final.",
            "“We never stopped believing,” the Dane said.",
            "“It was a team effort,” the 37-year-old added.",
            "The 37-year-old said: “I knew after yesterday I had the pace to win the final.”",
        ]
    )
    assert said(quotes) == [
        ("We never stopped believing", "Kofi Mensah"),
        ("It was a team effort", "Kofi Mensah"),
        ("I knew after yesterday I had the pace to win the final.", "Kofi Mensah"),
    ]


def test_a_group_after_the_is_no_description_of_a_person(quotes_of):
    quotes = quotes_of(
        [
            "Kofi Mensah met the delegation in Doha on Monday.",
            "“The talks will continue,” the Taliban said.",
        ]
    )
    assert ("The talks will continue", "Kofi Mensah") not in said(quotes)


def test_a_recurring_name_the_model_missed_speaks(quotes_of):
    quotes = quotes_of(
        [
            "Lovenkrands spent six years at Ibrox and scored in two finals.",
            "“Anything can happen in football,” Lovenkrands added.",
            "“You get your chance and you grab it,” he said.",
        ]
    )
    assert said(quotes) == [
        ("Anything can happen in football", "Lovenkrands"),
        ("You get your chance and you grab it", "Lovenkrands"),
    ]


def test_a_block_in_the_first_person_under_reported_speech_is_the_speakers(quotes_of):
    quotes = quotes_of(
        [
            "Felix Tshisekedi said on January 20 that the ruling was a victory for the country.",
            "It is Congo that won. I am engaged in a campaign to reconcile all Congolese.",
            "Patrick Litanga, a student in Washington, said the result surprised many.",
        ]
    )
    assert (
        "It is Congo that won. I am engaged in a campaign to reconcile all Congolese.",
        "Felix Tshisekedi",
    ) in said(quotes)


def test_a_narrative_paragraph_after_reported_speech_is_no_block(quotes_of):
    quotes = quotes_of(
        [
            "Felix Tshisekedi said on January 20 that the ruling was a victory for the country.",
            "The opposition rejected the ruling and called for new protests across the capital.",
        ]
    )
    assert said(quotes) == []


def test_a_colon_after_reflects_introduces_a_block_and_its_translation(quotes_of):
    quotes = quotes_of(
        [
            "Blogger Ana Siú wrote recently on Medium about her experience of the protests:",
            "I saw a friend from university being attacked by a mob through a live video.",
            "She also reflects on the protest of May 30, a rally where 15 people were killed:",
            "Este día cambió la forma en que vivíamos las protestas. Los que estábamos en esa "
            "marcha vimos cómo asesinaron a jóvenes.",
            "That day the way we saw the protests change. Those of us who were in that protest "
            "saw how they killed young people.",
        ]
    )
    speakers = {speaker for _, speaker in said(quotes)}
    assert len(quotes) == 3 and len(speakers) == 1
    assert "Ana Siú" in speakers.pop()  # the block in Spanish names no one in focus


def test_a_quotation_after_narrative_ending_in_an_abbreviation_continues_its_speaker(
    quotes_of,
):
    quotes = quotes_of(
        [
            "“Finding them would be a step for physics,” said William DeRocco, a researcher who "
            "led a study about how the telescope could reveal them. A paper describing the "
            "results has been published in the journal Physical Review D. “If we find them, it "
            "will shake up the field.”"
        ]
    )
    assert said(quotes) == [
        ("Finding them would be a step for physics", "William DeRocco"),
        ("If we find them, it will shake up the field.", "William DeRocco"),
    ]
    assert [q.kind for q in quotes] == ["full", "full"]


def test_a_name_after_named_speaks_and_is_in_focus(quotes_of):
    quotes = quotes_of(
        [
            "The deputy posted a video on her page. A user named Vitor said:",
            "With all due respect, have you forgotten where you will work? Formality, please.",
            "Another user, a woman named Yelena Sier, received 252 replies to her comment in "
            "which she criticized the politician:",
            "People do not understand! No one goes to a hospital wearing a bikini.",
        ]
    )
    assert [speaker for _, speaker in said(quotes)] == ["Vitor", "Yelena Sier"]


def test_a_person_whose_verb_a_colon_closes_speaks_the_block_under_it(quotes_of):
    quotes = quotes_of(
        [
            "CCM spokesman Humphrey Polepole congratulated Lowassa for his bold move to return:",
            "To come back to apologize is a great wisdom and humility.",
            "Media check-in will begin at 9:20 a.m. CST. For media credentialing, visit:",
            "For more than 60 years, the center has led the nation in human exploration.",
        ]
    )
    assert said(quotes) == [
        ("To come back to apologize is a great wisdom and humility.", "Humphrey Polepole")
    ]


def test_the_company_is_the_organisation_just_in_focus_and_its_executives_speak_for_it(
    quotes_of,
):
    quotes = quotes_of(
        [
            "Acme Insurance executives said in a letter that the company has paid $1.75 billion.",
            "“This is an unfortunate circumstance for our customers,” the company wrote.",
            "Consumer Watchdog’s response to the letter said: “Granting the increase would set a "
            "dangerous precedent.”",
        ]
    )
    assert said(quotes) == [
        ("This is an unfortunate circumstance for our customers", "Acme Insurance"),
        ("Granting the increase would set a dangerous precedent.", "Consumer Watchdog"),
    ]


def test_the_company_far_from_any_named_one_is_no_ones(quotes_of):
    quotes = quotes_of(
        [
            "Acme Insurance said on Monday that it would raise its rates.",
            "Regulators met for an hour. They did not reach a decision on the request.",
            "Consumers have complained for months about the cost of cover in the state.",
            "“We are reviewing the data,” the company wrote.",
        ]
    )
    assert said(quotes) == []


def test_quoted_passages_strung_on_one_line_are_one_quotation(quotes_of):
    quotes = quotes_of(
        [
            "President Alpha Keita spoke to his supporters in the capital on Sunday.",
            "«Je laisse mon manteau de président de côté», «… Soyez prêts à l’affrontement… », "
            "Alpha Keita said.",
            "The opposition said the president had “crossed a line”, “broken his word” and "
            "“insulted the nation” in the speech.",
        ]
    )
    texts = [text for text, _ in said(quotes)]
    assert "Je laisse mon manteau de président de côté», «… Soyez prêts à l’affrontement…" in texts
    assert "crossed a line" not in " ".join(t for t in texts if "broken his word" in t)


def test_an_organisation_introducing_words_that_speak_as_we_is_their_speaker(quotes_of):
    quotes = quotes_of(
        [
            "Human rights groups have campaigned for Ahmed Mansoor for years.",
            "The International Campaign for Freedom in the UAE called on the authorities to treat "
            "Mansoor in accordance with international human rights standards:",
            "We reiterate our call for the immediate and unconditional release of Ahmed Mansoor.",
            "The ministry approved three new measures on prisons:",
            "Visits are allowed twice a month and parcels once a week.",
        ]
    )
    assert said(quotes) == [
        (
            "We reiterate our call for the immediate and unconditional release of Ahmed Mansoor.",
            "International Campaign for Freedom in the UAE",
        )
    ]


def test_a_persons_family_speaks_as_the_family_of_that_person(quotes_of):
    quotes = quotes_of(
        [
            "Abderrahmane Weddady and Cheikh Ould Jiddou were arrested in March.",
            "In a statement to Global Voices, the family of Abderrahmane Weddady demanded that "
            "both men be released and all charges against them dropped:",
            "We demand the immediate and unconditional release of both men.",
        ]
    )
    assert said(quotes) == [
        (
            "We demand the immediate and unconditional release of both men.",
            "family of Abderrahmane Weddady",
        )
    ]


def test_the_president_is_the_one_in_office_not_a_former_one(quotes_of):
    quotes = quotes_of(
        [
            "Students protested against cuts ordered by President Jair Bolsonaro on Wednesday.",
            "Meanwhile, Bolsonaro was in Texas, where he met former US president George W. Bush. "
            "When asked about the protests, the president said:",
            "It is natural that there are protests, but most of them are militants.",
        ]
    )
    assert [speaker for _, speaker in said(quotes)] == ["Jair Bolsonaro"]


def test_a_posts_translation_broken_in_two_paragraphs_is_one_quotation(nlp):
    quotes = dev_quotes("globalvoices-undated-mozambique-matalane-police-pregnancies.txt", nlp)
    texts = [text for text, speaker in quotes if speaker == "Txeka"]
    assert any(
        t.startswith("Few teachers are brought to court")
        and t.endswith("some by tutors, teachers, headmasters”.")
        for t in texts
    )


def test_a_label_naming_whom_ner_does_not_know_is_the_speaker_on_its_line(quotes_of):
    quotes = quotes_of(
        [
            "Leaders across the country praised the decision on Monday.",
            "America First Works: “President Trump promised to put America First and he did.”",
            "Key Findings:",
            "“The tariffs will raise prices for every family in the country.”",
        ]
    )
    assert said(quotes) == [
        ("President Trump promised to put America First and he did.", "America First Works")
    ]


def test_a_first_person_block_quoting_a_slogan_is_its_speakers_and_a_known_surname_speaks(
    quotes_of,
):
    quotes = quotes_of(
        [
            "French software engineer Gaël Duval has built an operating system for phones.",
            "This convinced Duval of the need to create a tool for users, as he explains:",
            "Our slogan is “Your data is YOUR data,” because our personal data belongs to us.",
            "Duval added:",
            "Apple hardware is a closed box. We, on the other hand, support “auditable privacy”.",
            "The company listed its partners:",
            "The list includes “Murena” and “Fairphone” among several others in Europe.",
        ]
    )
    assert said(quotes) == [
        (
            "Our slogan is “Your data is YOUR data,” because our personal data belongs to us.",
            "Gaël Duval",
        ),
        (
            "Apple hardware is a closed box. We, on the other hand, support “auditable privacy”.",
            "Gaël Duval",
        ),
    ]


def test_words_quoted_by_a_newspaper_are_the_main_subjects(quotes_of):
    quotes = quotes_of(
        [
            "The ambassador's speech caused embarrassment in the capital.",
            "Opposition leader Amadou Keita castigated the diplomat's attitude in these "
            "terms, quoted by Balla Yombouno in the newspaper Le Djely:",
            "He has been manipulated by the president himself, and we know it.",
        ]
    )
    assert [speaker for _, speaker in said(quotes)] == ["Amadou Keita"]


def test_a_description_speaks_as_the_person_it_names_not_the_one_it_serves(quotes_of):
    quotes = quotes_of(
        [
            "The ambassador's words were criticised across the country.",
            "On Facebook, writer and commentator Ibrahim Marie Sanoh wrote:",
            "It is odd that a foreigner should praise the feats of our government.",
            "“We will appeal the sentence,” the lawyer for Jane Okafor said on Monday.",
        ]
    )
    assert said(quotes) == [
        (
            "It is odd that a foreigner should praise the feats of our government.",
            "Ibrahim Marie Sanoh",
        ),
    ]


def test_a_press_release_speaks_for_the_organisation_named_beside_its_noun(quotes_of):
    quotes = quotes_of(
        [
            "The ambassador's speech caused embarrassment in the capital.",
            "The civil society organisation Cellule Balai Citoyen published a press release, "
            "which read in part:",
            "Guinea is at risk of an unprecedented crisis if the constitution is changed.",
            "The hostages' release was announced on Monday:",
            "Three of them were flown home by the evening.",
        ]
    )
    assert said(quotes) == [
        (
            "Guinea is at risk of an unprecedented crisis if the constitution is changed.",
            "Cellule Balai Citoyen",
        )
    ]


def test_a_date_is_never_a_speaker(quotes_of):
    # Global Voices: "a joint report from March" — the month NER labels a date owns no words
    quotes = quotes_of(
        [
            "The scale and scope of FGM may be underestimated because the “official global "
            "picture of FGM/C is incomplete,” according to a joint report from March, authored by "
            "Equality Now, End FGM European Network and the US End FGM/C Network."
        ]
    )
    assert all(speaker != "March" for _, speaker in said(quotes))


def test_a_family_name_with_a_particle_is_whole_and_speaks_after_he_wrote(quotes_of):
    # Global Voices (Saudi Arabia): NER stopped at "El"; the quote is his, not the imam's
    quotes = quotes_of(
        [
            "Sheikh Abdulrahman al-Sudais lauded the “modernizing reforms” of Bin Salman in his "
            "sermon, which was pre-approved by Saudi authorities.",
            "Responding in a opinion piece for the New York Times, UCLA School of Law professor "
            "Khaled M. Abou El Fadl said the sermon had “desecrated and defiled” the podium of the "
            "prophet.",
            "“By using the Grand Mosque to whitewash acts of despotism and oppression,” he wrote, "
            "“Prince Mohammed has placed the very legitimacy of the Saudi control and guardianship "
            "of the holy places of Mecca and Medina in question.”",
        ]
    )
    speakers = {q.text[:30]: q.speaker for q in quotes}
    assert speakers["By using the Grand Mosque to w"] == "Khaled M. Abou El Fadl"


def test_a_capitalised_trade_before_a_name_is_no_part_of_it(quotes_of):
    # Global Voices (Nicaragua, e/OS)
    quotes = quotes_of(
        [
            "Blogger Ana Siú wrote recently on Medium about her experience of the April 2018 "
            "protests:",
            "“I saw a friend from University being attacked by a mob through Instagram Live.”",
            "“Arguing that you don't care about the right to privacy because you have nothing to "
            "hide is no different than saying you don't care about free speech because you have "
            "nothing to say,” said Whistleblower Edward Snowden.",
        ]
    )
    assert [q.speaker for q in quotes] == ["Ana Siú", "Edward Snowden"]


def test_a_block_under_the_person_a_line_ends_on_or_whose_view_it_presents(quotes_of, nlp):
    quotes = dev_quotes("globalvoices-undated-gael-duval-e-os-data-privacy.txt", nlp)
    speakers = {text[:40]: speaker for text, speaker in quotes}
    assert speakers["This is a philosophical question. I pers"] == "Gaël Duval"  # "his view …:"
    quotes = quotes_of(
        [
            "Protests over the new mining law continued in the capital on Sunday.",
            "The arrests drew the attention of the human rights lawyer Amina Diallo:",
            "We will challenge every one of these detentions in court, and we will win.",
        ]
    )
    assert said(quotes) == [
        (
            "We will challenge every one of these detentions in court, and we will win.",
            "Amina Diallo",
        )
    ]


def test_he_said_after_a_person_who_does_what_a_clause_says(quotes_of):
    # An Army release (a new dev article): the general is named only in a "who" clause.
    quotes = quotes_of(
        [
            "The event included senior leaders from the command, including Commanding General "
            "Robert W. Cone, who highlighted the value of a dialogue with think tanks.",
            "“I got a lot out of this. We are a learning and adapting organization,” he said.",
        ]
    )
    assert said(quotes) == [
        ("I got a lot out of this. We are a learning and adapting organization", "Robert W. Cone")
    ]


def test_she_is_never_a_publication_named_with_the(quotes_of):
    # The Markup's report (a new dev article): NER takes "Markup" for a person.
    quotes = quotes_of(
        [
            "Kara Zajac volunteered to build the group's website in 2019.",
            "Zajac was floored when The Markup showed her how many trackers appeared on the site. "
            "She said she learned a hard lesson: “If it's free, that doesn't mean it's free.”",
        ]
    )
    assert said(quotes) == [("If it's free, that doesn't mean it's free.", "Kara Zajac")]


def test_a_speaker_named_after_the_verb_of_saying_the_parser_took_for_its_object(quotes_of):
    # Global Voices (dev corpus): "… states human rights activist Professor Chidi Odinkalu".
    quotes = quotes_of(
        [
            "Rather “both the state and federal agencies are busy” avoiding blame and “doing "
            "nothing” states human rights activist Professor Chidi Odinkalu in an interview:",
            "Nobody has really made the effort to tell us what they have done to find him.",
        ]
    )
    speakers = {text[:20]: speaker for text, speaker in said(quotes)}
    assert speakers["both the state and f"] == "Chidi Odinkalu"
    assert speakers["Nobody has really ma"] == "Chidi Odinkalu"


def test_a_quotation_under_a_line_naming_its_writer_or_owner_is_theirs(quotes_of):
    # BBC profile (dev corpus): a quoted paragraph under "From his autobiography:"; Global
    # Voices: under a line ending on the person's name.
    quotes = quotes_of(
        [
            "Sam Allardyce was interviewed for the job in 2006.",
            "From his autobiography:",
            "“I wanted to do a real knock-your-socks-off interview for the FA.”",
            "The decision attracted the attention of the British blogger John Hudson:",
            "“The board had made up its mind long before the interviews began.”",
            "The season then began:",
            "“Nobody expected the club to finish in the top half of the table.”",
        ]
    )
    assert said(quotes) == [
        ("I wanted to do a real knock-your-socks-off interview for the FA.", "Sam Allardyce"),
        ("The board had made up its mind long before the interviews began.", "John Hudson"),
    ]


def test_he_is_the_subject_before_a_person_described_beside_an_object(quotes_of):
    # Global Voices (dev corpus): the ambassador is the subject, the president only the one he
    # wrote to, however fully the sentence describes him.
    quotes = quotes_of(
        [
            "On January 9, Robert Miller, the ambassador to Guinea, sent his greetings to Alpha "
            "Condé, president of the West African country.",
            "“Constitutions adapt themselves to reality,” he said.",
        ]
    )
    assert said(quotes) == [("Constitutions adapt themselves to reality", "Robert Miller")]


def test_a_quotation_alone_in_its_paragraph_is_the_person_the_one_before_is_about(quotes_of):
    # VOA Learning English (dev corpus): the rancher's words under what he does; slogans on a
    # placard strung together are no one's.
    quotes = quotes_of(
        [
            "Ranchers can change the virtual fence boundaries quickly by using a phone app.",
            "Jim Strickland and his coworkers can use their phones even while on horseback.",
            "“And every 30 minutes, that line will move down; it will drive those cows down.”",
            "Students led by Maria Souza marched through the capital on Wednesday.",
            "“Cuts are the enemy of education” “Education is an act of love”",
        ]
    )
    assert said(quotes) == [
        (
            "And every 30 minutes, that line will move down; it will drive those cows down.",
            "Jim Strickland",
        ),
    ]


def test_the_one_person_opening_an_introducing_line_speaks_the_block_under_it(quotes_of):
    # Global Voices (dev corpus): the parser takes "termed" for an adjective, so the line has no
    # verb whose subject could speak; the person it opens on does. A line naming a person
    # further in introduces no one's words.
    quotes = quotes_of(
        [
            "Dr. Adolf Mihanjo, head of the faculty of philosophy at the University of Dar es "
            "Salaam, termed defectors as people who lack ideology and only seek positions:",
            "People have started feeling that defectors are being bribed — this is dangerous.",
            "After the vote in Arusha, the rally of the party led by Freeman Mbowe ended with "
            "plans:",
            "The party will hold its national congress in the capital next month.",
        ]
    )
    assert said(quotes) == [
        (
            "People have started feeling that defectors are being bribed — this is dangerous.",
            "Adolf Mihanjo",
        )
    ]


def test_the_one_who_dismisses_a_letter_speaks_the_block_under_it(quotes_of):
    # Global Voices (dev corpus): the block answers the letter; its writer does not speak it.
    quotes = quotes_of(
        [
            "In a rare open letter, Olusegun Obasanjo accused the government of planning to rig "
            "the elections.",
            "Shehu Garba, the media assistant to the president, dismissed Obasanjo's letter:",
            "The elections starting in February will be free and fair as promised the nation.",
        ]
    )
    assert said(quotes)[-1] == (
        "The elections starting in February will be free and fair as promised the nation.",
        "Shehu Garba",
    )


def test_a_quotation_after_what_its_paragraph_says_a_person_did_is_theirs(quotes_of):
    # Tor Weekly News (dev corpus): another's words end the paragraph before.
    quotes = quotes_of(
        [
            "Nick Mathewson adds: “Some of the generated code has been merged into the branch.”",
            "David Fifield sent a summary of the costs incurred by the transport in September. "
            "“Costs are currently very low for every one of the three providers.”",
        ]
    )
    assert said(quotes) == [
        ("Some of the generated code has been merged into the branch.", "Nick Mathewson"),
        ("Costs are currently very low for every one of the three providers.", "David Fifield"),
    ]


def test_a_time_heading_ending_on_a_name_does_not_make_its_words_theirs(quotes_of):
    # BBC profile (dev corpus): "After missing out to McClaren:" heads the manager's own words.
    quotes = quotes_of(
        [
            "Steve McClaren was appointed in 2006.",
            "After missing out to McClaren:",
            "“I should have got it and I really don't know why I didn't.”",
        ]
    )
    assert ("I should have got it and I really don't know why I didn't.", "Steve McClaren") not in (
        said(quotes)
    )


def test_he_or_she_skips_a_person_of_the_other_gender(quotes_of):
    quotes = quotes_of(
        [
            "Divya Srinivasan from Equality Now told Reuters that the figures were too low. "
            "Ahmed Mansoor, a blogger, disagreed with the survey.",
            "“The numbers are far higher than anyone has admitted,” she said.",
        ]
    )
    assert said(quotes) == [
        ("The numbers are far higher than anyone has admitted", "Divya Srinivasan")
    ]


def test_a_craft_named_after_a_person_does_not_speak(quotes_of):
    quotes = quotes_of(
        [
            "Now a group of scientists has predicted that NASA’s Nancy Grace Roman Space "
            "Telescope could find a class of featherweight black holes, said William DeRocco, a "
            "postdoctoral researcher who led the study.",
            "“There’s no way to tell between Earth-mass black holes and rogue planets on a "
            "case-by-case basis,” DeRocco said. But scientists expect Roman to find 10 times as "
            "many objects in this mass range than ground-based telescopes. “Roman will be "
            "extremely powerful in differentiating between the two statistically.”",
        ]
    )
    assert {speaker for _, speaker in said(quotes)} == {"William DeRocco"}


def test_speaker_set_off_by_commas_in_a_subject_the_parser_took_wrongly(quotes_of):
    quotes = quotes_of(
        [
            "Demanding Sangma’s resignation from the position of mining minister, Sanjay Das, "
            "General Secretary, Meghalaya Pradesh Congress Committee told Mongabay-India, “We "
            "want the Chief Minister to step back from the position of Minister-in-Charge of "
            "Mines by accepting moral responsibility.”",
            "Commenting on why the mines see frequent accidents, Sarat Phukan who teaches Coal "
            "Geology at Gauhati University told Mongabay-India, “Coal seams in East Jaintia are "
            "thin, barely three to five feet which makes extraction difficult.”",
        ]
    )
    assert [(speaker, q.kind) for (_, speaker), q in zip(said(quotes), quotes, strict=True)] == [
        ("Sanjay Das", "full"),
        ("Sarat Phukan", "full"),
    ]


def test_a_round_up_s_introducing_line_speaks_under_its_dated_sub_headings(quotes_of):
    quotes = quotes_of(
        [
            "Eriksson's assistant Steve McClaren got the job instead but he failed to guide "
            "England to qualification for the 2008 European Championship.",
            "Here's what Allardyce has since said about the England job:",
            "## 2009",
            "After missing out to McClaren:",
            "\"I should have got it and I really don't know why I didn't. It had to be "
            'political for me, rather than my credentials."',
            "## 2015",
            "From his autobiography:",
            '"I wanted to do a real knock-your-socks-off interview for the FA, so I put '
            'together a PowerPoint."',
        ]
    )
    assert [speaker for _, speaker in said(quotes)] == ["Allardyce", "Allardyce"]


def test_a_quotation_resumed_after_a_dash_or_signed_after_one(quotes_of):
    quotes = quotes_of(
        [
            "“When DART made impact, things got very interesting,” said Shantanu Naidu, a "
            "navigation engineer who led the study. “Dimorphos’ orbit is no longer circular: Its "
            "orbital period” – the time it takes to complete a single orbit – “is now 33 minutes "
            "and 15 seconds shorter. And the entire shape of the asteroid has changed.”",
            "“We will keep fighting for our land.” — Maria Lopez.",
        ]
    )
    assert [speaker for _, speaker in said(quotes)] == [
        "Shantanu Naidu",
        "Shantanu Naidu",
        "Shantanu Naidu",
        "Maria Lopez",
    ]


def test_a_rank_or_an_office_before_the_speakers_name_is_not_the_speaker(nlp):
    # "said Lt. Gen. Thomas P. Bostick, …": the stop of "Lt." ends no sentence; "said Assistant
    # Secretary of the Army for Civil Works Jo-Ellen Darcy": the holder, not the office run on
    quotes = dev_quotes("usfws-2014-04-30-corps-of-engineers-mississippi-conservation.md", nlp)
    speakers = {text[:40]: speaker for text, speaker in quotes}
    assert speakers["The U.S. Army Corps of Engineers appreci"] == "Thomas P. Bostick"
    assert speakers["Together the U.S. Army Corps of Engineer"] == "Jo-Ellen Darcy"
    assert speakers["The U.S. Fish and Wildlife Service and t"] == "Dan Ashe"


def test_a_peer_speaks_under_the_title_and_territory_of_the_peerage(nlp):
    quotes = dev_quotes("dcms-2022-04-01-cezanne-painting-export-bar.txt", nlp)
    speakers = {text[:40]: speaker for text, speaker in quotes}
    assert speakers["Paul Cézanne was one of the most importa"] == "Lord Parkinson of Whitley Bay"
    # three paragraphs, each reopened and only the last closed: one quotation
    assert speakers["Paul Cézanne’s (1839-1906) status as a b"] == "Christopher Baker"
    joined = next(t for t, _ in quotes if t.startswith("Paul Cézanne’s (1839-1906)"))
    assert joined.endswith("could not be retained in this country.")


def test_block_quotations_one_after_another_under_said_are_each_the_speakers(nlp):
    quotes = dev_quotes(
        "scotland-office-2021-02-19-180m-army-vehicle-contract-glasgow-jobs.txt", nlp
    )
    speakers = {text[:40]: speaker for text, speaker in quotes}
    assert speakers["We look forward to working with Thales U"] == "Iain Stewart"
    assert (
        speakers["Protecting hundreds of jobs and supporti"] == "Iain Stewart"
    )  # the second block
    assert speakers["This £180m contract with Thales UK will "] == "Baroness Goldie"
    assert speakers["Our troops face a myriad of new and emer"] == "Baroness Goldie"
