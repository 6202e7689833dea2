"""Transcripts: each answer a quotation of its labelled speaker, questions no one's, no claims
from the labels."""

from __future__ import annotations

from conftest import article_from

from generator.analyse.claims import select_claims
from generator.analyse.entities import extract_entities
from generator.analyse.parse import parse_article
from generator.analyse.quotes import extract_quotes
from generator.analyse.turns import interviewer, speaker_of_label, transcript_turns, turn_speakers
from generator.model import Article

BRIEFING = [
    "THE PRESIDENT: So, thank you very much. We just heard that we have a great Secretary of "
    "Defense.",
    "And very importantly, I think we had two fantastic meetings in North Carolina.",
    "Q What did you promise the governor, Mr. President?",
    "THE PRESIDENT: No, no, we just had a good talk. We are on the same team.",
    "MS. LEAVITT: The president will travel to North Carolina again next week.",
]


def article(paragraphs: list[str], title: str) -> Article:
    return article_from(paragraphs, title=title)


def test_turns_run_from_a_label_to_the_next() -> None:
    turns = transcript_turns(article(BRIEFING, "Remarks by President Trump"))
    assert [(t.label, t.paragraphs) for t in turns] == [
        ("THE PRESIDENT", (0, 1)),
        ("", (2,)),
        ("THE PRESIDENT", (3,)),
        ("MS. LEAVITT", (4,)),
    ]
    assert turns[0].text.startswith("So, thank you very much.")
    assert turns[0].text.endswith("two fantastic meetings in North Carolina.")


def test_a_label_is_the_name_the_text_gives() -> None:
    remarks = article(BRIEFING, "Remarks by President Trump Before Air Force One Departure")
    assert speaker_of_label("THE PRESIDENT", remarks, []) == "President Trump"
    assert speaker_of_label("MS. LEAVITT", remarks, ["Karoline Leavitt"]) == "Karoline Leavitt"
    assert speaker_of_label("MS. LEAVITT", remarks, []) == "Leavitt"


def test_a_text_with_one_label_is_not_a_transcript() -> None:
    text = ["WASHINGTON: The council met on Tuesday.", "It approved the budget."]
    assert transcript_turns(article(text, "Council Approves Budget")) == ()


def test_answers_are_quotations_and_claims_of_their_speaker(nlp) -> None:
    parsed = parse_article(article(BRIEFING, "Remarks by President Trump"), nlp)
    entities = extract_entities(parsed)
    quotes = extract_quotes(parsed, entities)
    said = {(q.text[:20], q.speaker) for q in quotes}
    assert ("So, thank you very m", "President Trump") in said
    assert not any(q.text.startswith("What did you promise") for q in quotes)  # a question
    turns = turn_speakers(parsed)
    selection = select_claims(parsed, quotes, 6, lead_count=2, turns=turns)
    claims = [*selection.lead, *selection.claims]
    assert claims and all(c.speaker for c in claims)
    assert not any(c.text.startswith(("THE PRESIDENT", "Q ", "MS.")) for c in claims)


# The opening turns of a White House transcript (2022-09-30, public domain), as published.
FIRESIDE_CHAT = [
    "Q    Hello.  You just —",
    "THE VICE PRESIDENT:  Hi, Priyanka.  How are you?",
    "Q    I’m very well.  You just landed last night, literally, from your, you know, tour in "
    "Asia.  I just want to ask, how are you feeling?",
    "THE VICE PRESIDENT:  Perky.  Just wonderful.  (Laughs.)  I was at — can you believe it, I "
    "was literally at the DMZ I think less than —",
    "Q    Twenty-four hours ago.",
    "THE VICE PRESIDENT:  — 24 hours ago.",
]


def test_the_questions_of_a_named_host_are_hers(nlp) -> None:
    title = "Remarks by Vice President Harris During Fireside Chat with Priyanka Chopra Jonas"
    parsed = parse_article(article(FIRESIDE_CHAT, title), nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    said = {(q.text[:20], q.speaker) for q in quotes}
    assert ("I’m very well.  You ", "Priyanka Chopra Jonas") in said
    assert ("Perky.  Just wonderf", "Vice President Harris") in said
    assert interviewer(parsed) == "Priyanka Chopra Jonas"


def test_no_question_is_given_to_an_office_or_to_one_who_answers(nlp) -> None:
    for title in (
        "Interview with President Biden",
        "Interview with Sen. Smith",
        "Interview of the President by Jane Doe and John Roe",
        "Interview of the President by Jane Mary Doe and John Roe",
    ):
        parsed = parse_article(article(BRIEFING, title), nlp)
        assert interviewer(parsed) is None
    briefing = parse_article(
        article(BRIEFING, "Press Gaggle by Press Secretary Karoline Leavitt"), nlp
    )
    assert interviewer(briefing) is None  # a gaggle: its reporters go unnamed


def test_an_audience_members_question_is_not_the_hosts(nlp) -> None:
    lines = [*FIRESIDE_CHAT, "AUDIENCE MEMBER:  Thank you so much for being here today."]
    title = "Remarks by Vice President Harris During Fireside Chat with Priyanka Chopra Jonas"
    parsed = parse_article(article(lines, title), nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert not any(q.text.startswith("Thank you so much") for q in quotes)
    title = "Interview with President Biden by Jane Doe"
    assert interviewer(parse_article(article(FIRESIDE_CHAT, title), nlp)) == "Jane Doe"


INTERVIEW = [
    "We recently sat down with developer Jane Okafor and asked her a few questions about the "
    "new procurement tool.",
    "What do you do here?",
    "I lead the engineering team and I write most of the search code.",
    "What are you working on these days?",
    "I’m working on a tool that helps contracting officers find qualified vendors.",
    "It went live in March.",
    "What comes next?",
    "We want to add past-performance data to every vendor’s page.",
]


def test_unlabelled_questions_and_answers_are_the_interviewees_turns(nlp) -> None:
    interview = article(INTERVIEW, "Making procurement easier: questions for Jane Okafor")
    turns = transcript_turns(interview)
    assert [(t.label, t.paragraphs) for t in turns] == [
        ("", (1,)),
        ("Jane Okafor", (2,)),
        ("", (3,)),
        ("Jane Okafor", (4, 5)),
        ("", (6,)),
        ("Jane Okafor", (7,)),
    ]
    parsed = parse_article(interview, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert [(q.text[:24], q.speaker) for q in quotes] == [
        ("I lead the engineering t", "Jane Okafor"),
        ("I’m working on a tool th", "Jane Okafor"),
        ("We want to add past-perf", "Jane Okafor"),
    ]


def test_an_explainers_question_subheads_are_no_interview() -> None:
    explainer = [
        "We spoke with economist Jane Okafor about the budget.",
        "What is in the budget?",
        "The budget raises spending on schools by a tenth.",
        "Who pays for it?",
        "The increase is paid for by a new tax on property.",
        "When does it start?",
        "The measures take effect in April.",
    ]
    # Answers in the writer's voice, not the first person: no one's quotations.
    assert transcript_turns(article(explainer, "The budget explained")) == ()
    # And without a named interviewee, questions and answers are not an interview.
    unnamed = [INTERVIEW[0].replace("developer Jane Okafor", "our developer"), *INTERVIEW[1:]]
    assert transcript_turns(article(unnamed, "Questions about the new tool")) == ()


BILATERAL = [
    "PRESIDENT BIDEN: Mr. Prime Minister, it’s great to have you back.",
    "PRIME MINISTER SUNAK: Mr. President, thank you. (Laughs.)",
    "Q Is the special relationship in good shape, Mr. President?",
    "PRESIDENT BIDEN: (Thumbs up.) In real good shape.",
    "(Cross-talk.)",
]


def test_stage_directions_are_no_ones_words_and_a_label_names_the_headlines_person(nlp) -> None:
    remarks = article(
        BILATERAL, "Remarks by President Biden and Prime Minister Rishi Sunak Before Meeting"
    )
    parsed = parse_article(remarks, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Mr. Prime Minister, it’s great to have you back.", "President Biden"),
        ("Mr. President, thank you.", "Prime Minister Rishi Sunak"),
        ("In real good shape.", "President Biden"),
    ]


def test_a_short_turn_under_a_known_label_is_a_turn_and_long_stage_directions_go(nlp) -> None:
    paragraphs = [
        "THE PRESIDENT: Hello, everybody. So, you just saw this. (The president holds up an "
        "article entitled “How America voted.”) This just came out.",
        "Q Have you spoken with the governor about the storm damage?",
        "THE PRESIDENT: Where?",
        "Q In North Carolina, sir.",
        "THE PRESIDENT: Yes, we spoke for a long time yesterday about the recovery.",
    ]
    remarks = article(paragraphs, "Press Gaggle by President Trump Aboard Air Force One")
    turns = transcript_turns(remarks)
    assert [t.text for t in turns if t.label] == [
        "Hello, everybody. So, you just saw this. This just came out.",
        "Where?",
        "Yes, we spoke for a long time yesterday about the recovery.",
    ]


def test_an_answer_runs_through_its_short_paragraphs_and_holds_the_words_it_quotes(nlp) -> None:
    paragraphs = [
        "THE PRESIDENT: Yesterday. We missed him. Does everybody know our spokesman?",
        "Anyway, what’s up?",
        "Q Did the Prime Minister agree to the deal on the minerals?",
        "THE PRESIDENT: He said to me, “You know, we can’t have an election.” Can you believe it?",
        "MS. LEAVITT: The president will travel to North Carolina again next week.",
    ]
    remarks = article(paragraphs, "Press Gaggle by President Trump Aboard Air Force One")
    parsed = parse_article(remarks, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert [q.text for q in quotes if q.speaker == "President Trump"] == [
        "Yesterday. We missed him. Does everybody know our spokesman? Anyway, what’s up?",
        "He said to me, “You know, we can’t have an election.” Can you believe it?",
    ]


def test_an_interview_opened_by_spoke_to_or_interviewed_has_its_interviewees_turns() -> None:
    for opening in (
        "Global Voices spoke to the artist Mali Suwan about her new series of digital prints.",
        "Global Voices interviewed the artist Mali Suwan about her new series of digital prints.",
    ):
        turns = transcript_turns(article([opening, *INTERVIEW[1:]], "A new series of prints"))
        assert [t.label for t in turns if t.label] == ["Mali Suwan"] * 3


def test_an_interviews_bold_questions_are_its_turns_with_or_without_a_question_mark(nlp) -> None:
    """18F's interview sets its questions in bold; one asks nothing ("**Oh okay, so let's say I
    need accountants.**"), yet it is the interviewer's turn, not part of Kaitlin Devine's answer."""
    from conftest import DEV_CORPUS

    from generator.ingest.seeds import read_seed

    dev = DEV_CORPUS / "dev"
    interview = read_seed(dev / "18f-2015-03-05-kaitlin-devine-discovery-questions.md", dev)
    turns = transcript_turns(interview)
    texts = [(turn.label, turn.text) for turn in turns]
    assert ("", "Oh okay, so let’s say I need accountants.") in texts
    assert ("Kaitlin Devine", "Discovery is actually specific to professional services.") in texts
    answers = [text for label, text in texts if label]
    after = answers.index("Discovery is actually specific to professional services.")
    assert answers[after + 1].startswith("Exactly. If you needed accountants")
    parsed = parse_article(interview, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert not [q for q in quotes if "Oh okay" in q.text]
    assert {q.speaker for q in quotes} == {"Kaitlin Devine"}


def test_an_interview_labelled_by_first_names_in_bold(nlp) -> None:
    """As the Kubernetes blog prints its interviews: "**Fyka:** …", "**Kaslin:** …", each name a
    first name of a full name the introduction gives."""
    interview = article_from(
        [
            "In this post, Fyka Ansari interviews Kaslin Fields, a chair of the group, and Madhav "
            "Jivrajani, its technical lead.",
            "Fyka: Let's start with your background. How did you get involved?",
            "Kaslin: I first got involved through my mentor, who introduced me to containers.",
            "Madhav: My journey began when I was a student, searching for a project to join.",
            "Fyka: What are the group's goals this year?",
            "Kaslin: We want to simplify the contribution process for new people.",
            "Madhav: We are also improving the tools that review pull requests.",
        ],
        title="Spotlight on the Contributor Experience group",
    )
    parsed = parse_article(interview, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert [q.speaker for q in quotes] == [
        "Fyka Ansari",
        "Kaslin Fields",
        "Madhav Jivrajani",
        "Fyka Ansari",
        "Kaslin Fields",
        "Madhav Jivrajani",
    ]
    # "Note: …" twice is no speaker: no full name has "Note" in it
    notes = article_from(
        [
            "Note: the meeting moved.",
            "Update: it starts at ten.",
            "Note: bring a laptop.",
            "Update: lunch is served.",
        ],
        title="Meeting notes",
    )
    assert transcript_turns(notes) == ()


def test_a_transcript_with_labels_alone_on_their_lines(nlp) -> None:
    """As an Australian minister's office prints a radio interview: "FRAN KELLY:" on a line of
    its own over each turn."""
    transcript = article_from(
        [
            "FRAN KELLY:",
            "Treasurer Josh Frydenberg is in our studios. Treasurer, welcome back to Breakfast.",
            "JOSH FRYDENBERG:",
            "Nice to be with you, Fran.",
            "FRAN KELLY:",
            "What has Treasury told you about the impact of the virus?",
            "JOSH FRYDENBERG:",
            "They say it's actually too early to tell what the full impact will be.",
            "MEDIA CONTACT:",
            "The Treasurer's office.",
        ],
        title="Interview with Fran Kelly, RN Breakfast",
    )
    turns = transcript_turns(transcript)
    assert [(t.label, t.paragraphs) for t in turns] == [
        ("FRAN KELLY", (0, 1)),
        ("JOSH FRYDENBERG", (2, 3)),
        ("FRAN KELLY", (4, 5)),
        ("JOSH FRYDENBERG", (6, 7)),  # a lone label said once is no speaker's: it ends the turn
    ]
    parsed = parse_article(transcript, nlp)
    quotes = extract_quotes(parsed, extract_entities(parsed))
    assert [q.speaker for q in quotes][:4] == [
        "Fran Kelly",
        "Josh Frydenberg",
        "Fran Kelly",
        "Josh Frydenberg",
    ]
