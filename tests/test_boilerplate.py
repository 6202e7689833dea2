"""Boilerplate rules, one by one, on small pages written for the purpose (not the seeds)."""

from __future__ import annotations

import pytest

from generator.ingest.boilerplate import (
    EMBED_SIGN_OFF,
    Cleaned,
    ends_sentence,
    is_printed_twice,
    strip_boilerplate,
)
from generator.ingest.layout import split_units

BODY = [
    "The central bank raised interest rates by half a point on Tuesday, its third rise this year.",
    "Officials said inflation had proved more stubborn than expected, and more rises may follow.",
    "Markets had expected a smaller move, and the currency rose sharply after the announcement.",
    "Analysts said the decision showed the bank was willing to risk a slowdown to curb prices.",
]


def clean(text: str, *, markdown: bool = False, known_title: str | None = None) -> Cleaned:
    units, _ = split_units(enumerate(text.split("\n"), start=1), markdown=markdown)
    return strip_boilerplate(units, known_title=known_title)


def page(*middle: str, title: str = "Central Bank Lifts Rates Again") -> str:
    """A page: a headline, two paragraphs, the lines under test, two more paragraphs."""
    return "\n\n".join([title, BODY[0], BODY[1], *middle, BODY[2], BODY[3]])


def removed(cleaned: Cleaned) -> list[tuple[str, str]]:
    return [(item.text, item.reason) for item in cleaned.removed]


def body(cleaned: Cleaned) -> list[str]:
    return [unit.text for unit in cleaned.body]


def assert_only_removed(cleaned: Cleaned, expected: list[tuple[str, str]]) -> None:
    assert removed(cleaned) == expected
    assert body(cleaned) == BODY


@pytest.mark.parametrize(
    "line", ["Advertisement", "Hide Ad", "ADVERTISEMENT", "Story continues below advertisement"]
)
def test_ad_lines_go(line: str) -> None:
    assert_only_removed(clean(page(line)), [(line, "ad")])


def test_ad_lines_in_pairs_without_blank_lines_go() -> None:
    assert_only_removed(clean(page("Hide Ad\nHide Ad")), [("Hide Ad", "ad"), ("Hide Ad", "ad")])


def test_a_promo_block_goes_with_its_short_lines() -> None:
    block = "Get more with ExampleNews+\nA curated feed of the stories you follow\nLearn more"
    assert_only_removed(
        clean(page(block)),
        [
            ("Get more with ExampleNews+", "promo"),
            ("A curated feed of the stories you follow", "promo"),
            ("Learn more", "promo"),
        ],
    )


def test_a_promo_line_takes_its_lowercase_continuation() -> None:
    block = "Watch more of our videos on ExampleTV!\nand on cable channel 512\nVisit ExampleTV now"
    assert_only_removed(
        clean(page(block)),
        [
            ("Watch more of our videos on ExampleTV!", "promo"),
            ("and on cable channel 512", "promo"),
            ("Visit ExampleTV now", "promo"),
        ],
    )


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our free morning newsletter",
        "Subscribe now to read every story",
        "More stories like this are available on example.com",
        "Read more: Central bank holds rates",
        "Download the Example app",
        # New Zealand government release (dev corpus)
        "You can find out more about the Waste Minimisation Fund on the Ministry for the "
        "Environment's website.",
    ],
)
def test_promo_lines_go(line: str) -> None:
    assert_only_removed(clean(page(line)), [(line, "promo")])


def test_finding_out_more_somewhere_other_than_a_website_is_text() -> None:
    line = "Visitors can find out more about the history of the region in the new museum."
    assert line in body(clean(page(line)))


@pytest.mark.parametrize(
    "sentence",
    [
        "Readers who subscribe to the paper will get the report, the editor said.",
        "Subscribers to the service rose by 5% last year, the company said.",
        "A photo of the two leaders shaking hands was published by state media on Monday.",
        "Photo opportunities were limited, and reporters were kept behind a rope line.",
        "The museum's new show, called Photo: A History, opens in May.",
        "Copyright law in the country is strict, and fines for breaches are high.",
        "The regulator published new guidelines and invited public comment until June.",
        "Sign up rates for the programme fell by a third, officials said.",
        "He said advertisement revenue had fallen by a fifth in the first quarter.",
        "Getty Images and other agencies sell pictures to newspapers, the report said.",
        "By contrast, exports to the region rose by a tenth, customs data showed.",
        "By the numbers",
        "Oppenheimer was named Best Picture by the National Board of Review.",
        "Excerpts from the diary, which the family shared with The Times, are used with permission.",
        "The exhibit opens Friday. Collage of works by 40 local artists fills the lobby.",
        "Jones, a former employee, supports the union's claim.",
        "Gov. Abbott Signs Border Bill",
        # A newsletter's story headline: long, unpunctuated, but in a headline's capitals.
        "Robert Champion Named Manager of SLS Exploration Upper Stage Office at Marshall",
    ],
)
def test_body_sentences_that_merely_mention_a_keyword_stay(sentence: str) -> None:
    cleaned = clean(page(sentence))
    assert removed(cleaned) == []
    assert sentence in body(cleaned)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Protesters gather outside parliament on Monday. Photo: Reuters", "caption"),
        ("The two leaders met in the capital. Photograph: Jane Doe/AP", "caption"),
        ("Troops on parade in the capital. (Credit: Getty Images)", "caption"),
        ("Troops on parade in the capital. JOHN SMITH/AFP via Getty Images", "caption"),
        ("The governor speaks to reporters (Photo: Example Agency)", "caption"),
        ("Robert Champion has been named as manager of the office at Marshall. NASA", "caption"),
        ("Artist illustration of the X-59 in flight over land. Lockheed Martin", "caption"),
        ("Photo: AP", "credit"),
        ("(Credit: Getty Images)", "credit"),
        ("Reporting by Jane Doe; Editing by John Smith", "credit"),
        ("Associated Press writer Jane Doe contributed to this report.", "credit"),
        ("By Jane Doe", "byline"),
        ("By Jane Doe and John Smith", "byline"),
        ("5 min read", "byline"),
    ],
)
def test_captions_and_credits_go(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])


def test_a_caption_printed_twice_on_one_line_and_again_on_the_next_goes() -> None:
    caption = "The governor leaves the meeting on Friday."
    block = f"{caption}{caption}\n{caption}"
    assert is_printed_twice(f"{caption}{caption}")
    assert not is_printed_twice(BODY[0])
    assert_only_removed(
        clean(page(block)), [(f"{caption}{caption}", "caption"), (caption, "caption")]
    )


def test_a_caption_without_credit_under_lead_promo_goes() -> None:
    text = (
        "Central Bank Lifts Rates Again\n\nWatch our latest videos on ExampleTV\n"
        "The governor arrives at the central bank headquarters for the rate meeting on Tuesday\n\n"
        + "\n\n".join(BODY)
    )
    cleaned = clean(text)
    assert removed(cleaned)[-1] == (
        "The governor arrives at the central bank headquarters for the rate meeting on Tuesday",
        "caption",
    )
    assert body(cleaned) == BODY


def test_related_headlines_printed_twice_lose_both_copies() -> None:
    related = "Bank of Example holds rates as growth slows"
    cleaned = clean(page(f"{related}\n\n{related}"))
    assert_only_removed(cleaned, [(related, "related-headline"), (related, "related-headline")])


def test_a_lone_headline_on_a_page_with_related_links_is_one_too() -> None:
    pair = "Bank of Example holds rates as growth slows"
    lone = "Why the currency keeps falling despite higher rates"
    cleaned = clean(page(f"{pair}\n\n{pair}", lone))
    assert (lone, "related-headline") in removed(cleaned)
    assert body(cleaned) == BODY


def test_short_lines_without_a_stop_closing_the_page_are_links_to_other_pages() -> None:
    """As a BBC Sport report ends: "Bahrain GP qualifying results", "Bahrain GP coverage
    details" under its last sentence."""
    links = ["Bahrain GP qualifying results", "Bahrain GP coverage details"]
    text = "\n\n".join(["Central Bank Lifts Rates Again", *BODY, *links])
    assert_only_removed(clean(text), [(link, "related-headline") for link in links])


def test_one_short_line_closing_the_page_may_be_the_text_cut_off_and_stays() -> None:
    cut = [*BODY, "Co-author and USGS scientist Leo Nico said"]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *cut]))
    assert removed(cleaned) == [] and body(cleaned) == cut


def test_a_closing_list_the_text_introduces_or_that_runs_on_stays() -> None:
    items = ["Visa revocations and travel bans", "Increased sanctions"]
    introduced = [*BODY[:3], "Actions under consideration include:", *items]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *introduced]))
    assert removed(cleaned) == [] and body(cleaned) == introduced
    longer = "Increased scrutiny of nations that reject the court’s false claims"
    running = [*BODY[:3], longer, *items]  # the list's longer items have no stop either
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *running]))
    assert removed(cleaned) == [] and body(cleaned) == running


def test_subheads_stay_when_the_page_prints_no_related_links() -> None:
    cleaned = clean(page("What Comes Next", "Why the currency keeps falling despite higher rates"))
    assert removed(cleaned) == []
    assert "What Comes Next" in body(cleaned)
    assert "Why the currency keeps falling despite higher rates" in body(cleaned)


def test_text_printed_again_keeps_its_first_copy() -> None:
    cleaned = clean(page(BODY[1]))
    assert removed(cleaned) == [(BODY[1], "duplicate")]
    assert body(cleaned) == BODY


def test_a_comment_footer_goes_with_its_policy_paragraph() -> None:
    footer = (
        "Comment Guidelines\n\nExample Daily welcomes reader discussion on our stories. "
        "Please review our Community Guidelines before commenting."
    )
    text = "\n\n".join(["Central Bank Lifts Rates Again", *BODY, footer])
    cleaned = clean(text)
    assert [reason for _, reason in removed(cleaned)] == ["comment-footer", "comment-footer"]
    assert body(cleaned) == BODY


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Example Media Ltd. All rights reserved.",
        "©2023 Example News L.P.",
        "Copyright 2023 The Associated Press. All rights reserved.",
        "Copyright © 2022 Example Holdings",
        "All rights reserved.",
    ],
)
def test_copyright_lines_go(line: str) -> None:
    text = "\n\n".join(["Central Bank Lifts Rates Again", *BODY, line])
    assert_only_removed(clean(text), [(line, "copyright")])


@pytest.mark.parametrize(
    "line",
    [
        "(Updates with analyst comment in fifth paragraph.)",
        "(Adds quote from minister.)",
        "(Corrects spelling of name in third paragraph)",
    ],
)
def test_update_notes_go(line: str) -> None:
    text = "\n\n".join(["Central Bank Lifts Rates Again", *BODY, line])
    assert_only_removed(clean(text), [(line, "update-note")])


@pytest.mark.parametrize(
    "line",
    [
        "With assistance from Jane Doe and John Smith.",
        "–With assistance from Jane Doe.",
        "--With assistance from Jane Doe and John Smith",
        "— With assistance from Jane Doe.",
    ],
)
def test_assistance_lines_go_with_or_without_a_dash(line: str) -> None:
    text = "\n\n".join(["Central Bank Lifts Rates Again", *BODY, line])
    assert_only_removed(clean(text), [(line, "assistance-line")])


def test_a_tag_line_of_capitalised_topic_words_goes() -> None:
    text = "\n".join(
        ["Central Bank Lifts Rates Again", "", BODY[0], "Inflation Rates Currency Euro"]
    )
    text += "\n\n" + "\n\n".join(BODY[1:])
    assert_only_removed(clean(text), [("Inflation Rates Currency Euro", "tags")])


@pytest.mark.parametrize("subhead", ["The Road Ahead", "Military Exercises", "Rates Rise Again"])
@pytest.mark.parametrize("after", [1, 3])
def test_subheads_are_not_tag_lists(subhead: str, after: int) -> None:
    paragraphs = [*BODY, *(f"{text} Again." for text in BODY)]
    paragraphs.insert(after, subhead)
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *paragraphs]))
    assert removed(cleaned) == []
    assert subhead in body(cleaned)


def test_a_dateline_is_taken_off_its_paragraph() -> None:
    cleaned = clean(
        page(title="Central Bank Lifts Rates Again").replace(BODY[0], f"(Example) — {BODY[0]}")
    )
    assert removed(cleaned) == [("(Example) —", "dateline")]
    assert body(cleaned) == BODY
    assert cleaned.datelines[0].agency == "Example"


@pytest.mark.parametrize(
    ("prefix", "agency", "date"),
    [
        ("WASHINGTON (AP) — ", "AP", None),
        ("HONG KONG (Reuters) - ", "Reuters", None),
        ("LONDON, Aug. 8, 2023 (Reuters) - ", "Reuters", "Aug. 8, 2023"),
        ("NEW YORK, March 3 (Example Wire) -- ", "Example Wire", "March 3"),
    ],
)
def test_wire_datelines(prefix: str, agency: str, date: str | None) -> None:
    cleaned = clean(page().replace(BODY[0], prefix + BODY[0]))
    assert body(cleaned) == BODY
    (dateline,) = cleaned.datelines
    assert (dateline.agency, dateline.date, dateline.text) == (agency, date, prefix.strip())


def test_a_standfirst_repeated_after_a_dateline_is_kept_once() -> None:
    text = "\n\n".join(
        ["Central Bank Lifts Rates Again", BODY[0], f"(Example) — {BODY[0]}", *BODY[1:]]
    )
    cleaned = clean(text)
    assert removed(cleaned) == [("(Example) —", "dateline"), (BODY[0], "duplicate")]
    assert body(cleaned) == BODY


def test_a_parenthesis_without_a_dash_is_not_a_dateline() -> None:
    sentence = "(Reuters) reported the figures first, officials said on Monday."
    cleaned = clean(page(sentence))
    assert cleaned.datelines == ()
    assert sentence in body(cleaned)


def test_the_headline_is_the_first_line_and_not_body() -> None:
    cleaned = clean(page())
    assert cleaned.headline is not None
    assert cleaned.headline.text == "Central Bank Lifts Rates Again"
    assert cleaned.headline.line == 1
    assert body(cleaned) == BODY


def test_a_section_label_above_promo_is_skipped_for_the_headline() -> None:
    text = (
        "Economy\nGet more with ExampleNews+\nLearn more\n"
        "The governor at the bank on Tuesday. Photo: Example Agency\n\n"
        "Central bank lifts rates again as prices keep climbing\n\n" + "\n\n".join(BODY)
    )
    cleaned = clean(text)
    assert cleaned.kicker is not None and cleaned.kicker.text == "Economy"
    assert cleaned.headline is not None
    assert cleaned.headline.text == "Central bank lifts rates again as prices keep climbing"
    assert ("Economy", "kicker") in removed(cleaned)
    assert body(cleaned) == BODY


def test_a_short_title_followed_by_a_standfirst_is_the_headline() -> None:
    cleaned = clean("Rates Rise\n" + "\n\n".join(BODY))
    assert cleaned.headline is not None and cleaned.headline.text == "Rates Rise"
    assert cleaned.kicker is None
    assert body(cleaned) == BODY


def test_a_known_title_finds_its_line_and_nothing_else_is_taken() -> None:
    cleaned = clean("\n\n".join(BODY), known_title="Central Bank Lifts Rates Again")
    assert cleaned.headline is None
    assert body(cleaned) == BODY
    cleaned = clean(page(), known_title="central bank lifts rates again")
    assert cleaned.headline is not None and cleaned.headline.line == 1


def test_every_removed_line_is_recorded_in_line_order() -> None:
    cleaned = clean(page("Hide Ad", "Photo: AP", "Subscribe now to read every story"))
    assert [item.line for item in cleaned.removed] == sorted(item.line for item in cleaned.removed)
    assert len(cleaned.removed) == 3


@pytest.mark.parametrize(
    "line",
    [
        "Switch Language",
        "Search Form",
        "Skip to main content",
        "› Back to Top",
        "First, enter a politician or zip code",
        "Now, choose a category",
    ],
)
def test_the_page_controls_a_browser_copy_keeps_go(line: str) -> None:
    assert_only_removed(clean(page(line)), [(line, "site-chrome")])


def test_a_sentence_that_starts_like_a_control_stays() -> None:
    line = "Now, choose wisely, the minister told the assembly on Tuesday."
    assert removed(clean(page(line))) == []


def test_an_address_slug_alone_on_a_line_goes() -> None:
    assert_only_removed(clean(page("mdol-rule-change")), [("mdol-rule-change", "metadata-line")])


def test_a_line_with_a_run_no_word_is_as_long_as_goes_whole() -> None:
    line = "(" * 5000 + " tram line."
    assert_only_removed(clean(page(line)), [(line, "not-prose")])


def test_a_short_rubric_over_a_long_headline_in_its_own_block_is_a_kicker() -> None:
    headline = "Agriculture Secretary Announces Support to Create Jobs in Thirty-One States"
    cleaned = clean("\n\n".join(["Public Statements", headline, *BODY]))
    assert cleaned.headline is not None and cleaned.headline.text == headline
    assert removed(cleaned) == [("Public Statements", "kicker")]


def test_a_note_that_the_headline_was_updated_goes() -> None:
    line = "Headline updated after the preventive measure was issued"
    assert_only_removed(clean(page(line)), [(line, "editor-note")])


def test_a_middle_initial_does_not_end_a_sentence():
    assert not ends_sentence("We strongly support today’s Executive Order from President Donald J.")
    assert ends_sentence("The plant moved to the U.S.")
    assert ends_sentence("He said it was done.")


def test_a_release_ends_at_its_hashes_and_its_about_paragraph_goes() -> None:
    about = (
        "The Privacy and Civil Liberties Oversight Board is an independent agency within the "
        "Executive Branch established by the Implementing Recommendations of the 9/11 Commission "
        "Act of 2007."
    )
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, "####", about]))
    assert body(cleaned) == BODY
    assert (about, "publication-note") in removed(cleaned)  # the agency's note about itself
    after = "The Board meets each month in Washington and publishes its minutes online."
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, "####", after]))
    assert (after, "end-matter") in removed(cleaned)


def test_a_dataset_records_fields_go_and_its_summary_is_a_highlight() -> None:
    record = "\n".join(
        [f"Document: {BODY[0]}", *BODY[1:], "Summary: The central bank raised rates again."]
    )
    cleaned = clean(record)
    assert body(cleaned) == BODY
    assert sorted(removed(cleaned)) == [
        ("Document:", "metadata-line"),
        ("The central bank raised rates again.", "highlight"),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "Papa Francisco | Gabriel Trujillo – Attribution-ShareAlike 2.0 Generic (CC BY-SA 2.0)",
            "credit",
        ),
        ("— Papa Francisco (@Pontifex_pt) 20 mars 2019", "embed"),
        (
            "A post shared by Aline Coquelle Photoreporter (@alinecoquelle) on Sep 17, 2019 at "
            "12:24pm PDT",
            "embed",
        ),
        ("View additional information on the individuals and entities listed today.", "promo"),
        ("To learn more about the NASA SBIR program, visit:", "promo"),
        ("By BBC defence correspondent Jonathan Beale", "byline"),
        (
            "Barnett, a Media Fusion employee, supports the Marshall Office of Communications.",
            "credit",
        ),
        (
            "By Ziv Epstein, Postdoctoral Associate, Massachusetts Institute of Technology (MIT), "
            "Michael Bernstein, Professor of Computer Science, Stanford University. Originally "
            "published on The Conversation under a Creative Commons Attribution-NoDerivatives 4.0 "
            "licence.",
            "publication-note",
        ),
    ],
)
def test_credits_sign_offs_and_notes_of_real_pages_go(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])


def test_an_analysiss_closing_disclosures_go() -> None:
    disclosures = [
        "Michael Bernstein receives funding from the Stanford Institute for Human-Centered "
        "Artificial Intelligence and National Science Foundation grant IIS-2403433.",
        "Farnaz Jahanbakhsh and Ziv Epstein do not work for, consult, own shares in or receive "
        "funding from any company or organization that would benefit from this article, and have "
        "disclosed no relevant affiliations beyond their academic appointment.",
    ]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, *disclosures]))
    assert body(cleaned) == BODY
    assert removed(cleaned) == [(text, "disclosure") for text in disclosures]


def test_funding_in_the_news_itself_stays() -> None:
    sentence = "The group receives funding from several foreign governments, officials said."
    text = "\n\n".join(["Central Bank Lifts Rates Again", sentence, *BODY])
    assert body(clean(text)) == [sentence, *BODY]


def test_a_numbered_section_title_is_not_a_caption() -> None:
    title = "1. Large Scale Methamphetamine Trafficker Sentenced to 10 Years in Federal Prison"
    cleaned = clean(page(title))
    assert title in body(cleaned)
    assert removed(cleaned) == []


@pytest.mark.parametrize(
    "line",
    [
        # Global Voices (dev corpus): the text's own sentences that lost their full stop
        "But that is not the first time in Brazil that a woman's outfit choice has eclipsed her "
        "skills in her workplace",
        "Reflecting on the link between religion and oppression, the activist, who lives in "
        "exile in London, tweeted on January 13",
    ],
)
def test_a_sentence_that_lost_its_stop_is_not_a_caption(line: str) -> None:
    cleaned = clean(page(line))
    assert line in body(cleaned)
    assert removed(cleaned) == []


def test_a_translation_without_its_stop_is_not_a_caption() -> None:
    original = (
        "Decorrem inquéritos para aferir os contornos de cada um dos casos, procurando "
        "salvaguardar o estado psíquico e emocional das gestantes."
    )
    translation = (
        "Investigations are underway to assess the details of each case, seeking to safeguard "
        "the psychological and emotional state of the pregnant women"
    )
    cleaned = clean(page(original, translation))
    assert translation in body(cleaned)
    # the same line under an English paragraph is a caption
    caption = "Protesters outside the parliament building in the capital during the vote on Monday"
    assert_only_removed(clean(page(caption)), [(caption, "caption")])


def test_the_second_line_of_a_translated_block_without_its_stop_is_not_a_caption() -> None:
    # Global Voices (dev corpus): two lines in Portuguese, then their two in English
    originals = [
        "Para o Governo, este caso é sério e está a ser investigado ao detalhe ao nível "
        "ministerial. Ninguém está acima da lei.",
        "Decorrem inquéritos para aferir os contornos de cada um dos casos, procurando "
        "salvaguardar o estado psíquico e emocional das gestantes.",
    ]
    translations = [
        "For the government, this case is serious and is being investigated in detail at "
        "ministerial level. Nobody is above the law.",
        "Investigations are underway to assess the details of each case, seeking to safeguard "
        "the psychological and emotional state of the pregnant women",
    ]
    cleaned = clean(page(*originals, *translations))
    assert translations[1] in body(cleaned)
    assert removed(cleaned) == []


def test_where_the_writer_works_goes_with_the_byline() -> None:
    lines = [
        "Download high-resolution video and images from NASA’s Scientific Visualization Studio",
        "By Ashley Balzer",
        "NASA’s Goddard Space Flight Center, Greenbelt, Md.",
    ]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, *lines]))
    assert body(cleaned) == BODY
    assert removed(cleaned) == [
        (lines[0], "promo"),
        (lines[1], "byline"),
        (lines[2], "contact"),
    ]


def test_a_records_field_labels_on_their_own_lines_and_its_summary_go() -> None:
    fence = "'" * 3
    record = "\n\n".join(
        [f"Document:\n{fence}", *BODY, fence, f"Summary:\n{fence}\nRates rose.\n{fence}"]
    )
    cleaned = clean(record)
    assert body(cleaned) == BODY
    assert ("Rates rose.", "highlight") in removed(cleaned)
    assert ("Document:", "metadata-line") in removed(cleaned)


@pytest.mark.parametrize("line", ["6:41 P.M. PST", "END             6:43 P.M. PST"])
def test_a_transcripts_clock_lines_go(line: str) -> None:
    assert_only_removed(clean(page(line)), [(" ".join(line.split()), "date-line")])


@pytest.mark.parametrize(
    "line",
    [
        "Screenshot of the website papa.mk, set up by the Government of Republic of North Macedonia",
        "Netflix advertisement for the movie Santana, to be premiered on 28 August. Screengrab. "
        "Image text: “I want Dias Santana and his brother dead”",
    ],
)
def test_a_picture_described_as_a_screenshot_is_a_caption(line: str) -> None:
    assert_only_removed(clean(page(line)), [(line, "caption")])


def test_a_group_photos_caption_goes_however_long() -> None:
    names = ", ".join(f"Official Number {n}" for n in range(1, 30))
    line = f"The council and the university sign an agreement in Houston. From left: {names}."
    assert_only_removed(clean(page(line)), [(line, "caption")])


def test_a_banner_images_caption_goes() -> None:
    line = "Banner image: The pit in Thangkso in East Jaintia Hills where the accident took place."
    assert_only_removed(clean(page(line)), [(line, "caption")])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "JSC Town Hall with Center Director Vanessa Wyche. Photographer: Robert Markowitz NASA",
            "caption",
        ),
        (
            "Have you been affected by flooding in the Borders? Tell us about your experience of "
            "the situation and how it was handled.",
            "promo",
        ),
    ],
)
def test_a_photographers_credit_and_a_call_for_readers_stories_go(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])


def test_an_invitation_to_get_in_touch_in_the_text_stays() -> None:
    line = "To get involved in shaping this tool, please get in touch with us at the address below."
    assert line in body(clean(page(line)))


def test_an_instagram_sign_off_names_the_posts_author() -> None:
    line = "A post shared by  Aline Coquelle Photoreporter (@alinecoquelle) on Sep 17, 2019 at 12:24pm PDT"
    assert EMBED_SIGN_OFF.match(line).group("name") == "Aline Coquelle Photoreporter"


def test_a_crosshead_named_like_an_end_section_does_not_end_a_plain_text() -> None:
    # "Resources" as a line of a plain text is a crosshead; only a heading ("### Documents")
    # starts an end section of that name.
    cleaned = clean(page("Resources"))
    assert body(cleaned)[-2:] == BODY[2:]


def test_a_posts_translation_closing_on_a_hashtag_is_no_caption() -> None:
    line = (
        "So to the capital the wind went that night to blow away the posters and those who put "
        "them up #Nambara"
    )
    assert line in body(clean(page(line)))


def test_a_transcripts_turn_cut_off_by_the_next_speaker_is_no_caption() -> None:
    line = "PRESIDENT BIDEN: We are not coming to dictate or lay down the law and we never were. We"
    assert line.split(": ", 1)[1][:20] in " ".join(body(clean(page(line))))


def test_a_transcripts_repeated_question_does_not_make_its_turns_related_links() -> None:
    turns = [
        "THE PRESIDENT: We Will Meet With The Leaders Of Both Countries Next Week In Riyadh",
        "Q Mr. President —",
        "THE PRESIDENT: Go ahead.",
        "Q Mr. President —",
        "THE PRESIDENT: Talks With Ukraine Are Going Very Well And We Will See Results",
    ]
    kept = body(clean(page(*turns)))
    assert [line for line in turns if line not in kept] == []


def test_a_heading_over_its_subheading_is_a_section_of_sections() -> None:
    text = (
        "# Central Bank Lifts Rates Again\n\n"
        "The central bank raised interest rates by half a point on Tuesday, its third rise.\n\n"
        "## The History of the Decision\n\n"
        "### How It All Started\n\n"
        "Officials began to worry about prices early last year, when fuel costs rose sharply.\n"
    )
    assert "The History of the Decision" in body(clean(text, markdown=True))


def test_an_italic_line_under_the_headline_is_the_publishers_standfirst() -> None:
    text = (
        "# Treasury Sanctions the Central Bank\n\n"
        "*Action targets major sources of funding for the regime’s proxies and armed groups*\n\n"
        "WASHINGTON – Today, the Department took action against the central bank and a fund.\n\n"
        "*The measures take effect at once.*\n"
    )
    cleaned = clean(text, markdown=True)
    assert removed(cleaned)[0] == (
        "Action targets major sources of funding for the regime’s proxies and armed groups",
        "highlight",
    )
    assert "The measures take effect at once." in body(cleaned)


def test_an_agencys_note_about_itself_and_its_lettered_items_go() -> None:
    note = [
        "The council is an independent federal agency composed of 15 members appointed by the "
        "President. We provide advice on policies that:",
        "(A) guarantee equal opportunity for all individuals with disabilities; and",
        "(B) empower individuals with disabilities to achieve economic self-sufficiency",
    ]
    text = page() + "\n\n" + "\n".join(note) + "\n"
    assert [reason for _, reason in removed(clean(text))] == ["publication-note"] * 3


def test_a_described_picture_is_a_caption_however_long_and_the_first_image_stays() -> None:
    caption = (
        "This black-and-white image of the moon’s surface was taken by the star camera aboard "
        "the spacecraft during the flyby. The feature nicknamed “the Platypus” is at lower right. "
        "Agency/Laboratory This annotated image of the surface shows the ridges and troughs."
    )
    assert removed(clean(page(caption))) == [(caption, "caption")]
    news = "The first image of a black hole was released in 2019 by an international team."
    assert news in body(clean(page(news)))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # dev corpus, Global Voices: a credit naming where the picture came from, or its licence
        ("Abdullah Al-Hamid. Photo from his Goodreads account.", "caption"),
        (
            "French engineer and creator of /e/ Foundation Gaël Duval. Photo used with permission.",
            "caption",
        ),
        (
            "Former Nigerian President Goodluck Jonathan with newly sworn-in President Muhammadu "
            "Buhari during his inauguration ceremony on May 29, 2015. Public Domain photo from the "
            "US State Department.",
            "caption",
        ),
        # a credit followed by the day the picture was taken
        (
            "Recently, he bounced back to CCM. Screenshot via KTN News Kenya on YouTube. "
            "October 18, 2015.",
            "caption",
        ),
        # dev corpus, State Department and NASA: a call to play a recording, as a full sentence
        (
            "Watch Secretary Rubio’s video message on this action on the Department of State’s "
            "YouTube channel.",
            "promo",
        ),
        (
            "View this and previous episodes at “This Week @NASA” on NASA’s YouTube page.",
            "promo",
        ),
        # a site generator's or wiki's markup with nothing of the article around it
        ("By {% author chrisc %}", "metadata-line"),
        ("{| border{publish}}", "metadata-line"),
    ],
)
def test_credits_calls_to_play_a_recording_and_template_markup_go(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])


@pytest.mark.parametrize(
    "line",
    [
        "He took the Photo from the roof of the ministry before the police arrived.",
        "Viewers watched the video more than a million times, officials said.",
        "The set {x} was empty when the court looked at it, the lawyer said.",
    ],
)
def test_sentences_about_photos_videos_and_braces_stay(line: str) -> None:
    cleaned = clean(page(line))
    assert removed(cleaned) == []
    assert line in body(cleaned)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("By: Aaron Sankin and Surya Mattu", "byline"),  # The Markup's HTML page
        ("For tickets and event details:", "promo"),  # EFF's release, over its links
        ("For more on the Pioneer Awards:", "promo"),
    ],
)
def test_a_byline_with_a_colon_and_a_pointer_to_links_go(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])


def test_a_sentence_that_opens_with_for_more_than_stays() -> None:
    line = "For more than 60 years, the centre has trained the nation's astronauts in three ways:"
    cleaned = clean(page(line))
    assert removed(cleaned) == [] and line in body(cleaned)


def test_a_releases_note_about_its_issuer_goes_to_the_end() -> None:
    about = [  # as Creative Commons' release of 2008 ends (a new dev article)
        "About the Harbour Trust",
        "The Harbour Trust is a charity, founded in 1990, that restores the piers of the coast "
        "and teaches their history to schools.",
        "The Harbour Trust was built with and is sustained by the support of its members.",
    ]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, *about]))
    assert [text for text, _ in removed(cleaned)] == about
    assert body(cleaned) == BODY
    # A line that opens "About" over a paragraph about something else is the article's.
    other = ["About the Harbour Trust", "The board met on Tuesday to approve the new budget."]
    cleaned = clean("\n\n".join(["Central Bank Lifts Rates Again", *BODY, *other]))
    assert other[1] in body(cleaned)


def test_a_caption_a_scrape_ran_into_the_text_is_taken_off_it() -> None:
    # Global Voices scrapes (dev corpus): no space between the credit's bracket and the lede.
    line = (
        "The Great Mosque of Mecca, considered the holiest city in Islam. Photo by Wikimedia user "
        "Basil D Soufi [CC BY-SA 3.0].When Saudi journalist Jamal Khashoggi was killed last "
        "October, it cast a long shadow on the exercise of free speech."
    )
    cleaned = clean(page(line))
    assert removed(cleaned) == [
        (
            "The Great Mosque of Mecca, considered the holiest city in Islam. Photo by Wikimedia "
            "user Basil D Soufi [CC BY-SA 3.0].",
            "caption",
        )
    ]
    assert body(cleaned)[2].startswith("When Saudi journalist Jamal Khashoggi was killed")
    # A bracket that holds no credit is the text's own: "[in French]On January 9 …" stays whole.
    kept = "The ambassador spoke on television [in French]On the same day the minister replied."
    assert kept in body(clean(page(kept)))
    # …but a credit may stand before a bracket that does not hold it.
    glued = (
        "Screen capture from a video of the ambassador's speech by a local channel on YouTube "
        "[in French]On January 9, 2019, the ambassador sent his New Year's compliments."
    )
    cleaned = clean(page(glued))
    assert [reason for _, reason in removed(cleaned)] == ["caption"]
    assert body(cleaned)[2].startswith("On January 9, 2019, the ambassador sent")


@pytest.mark.parametrize(
    "line",
    [
        "Protesters gather outside parliament in Kampala. Screen grab from a video by NTV Uganda.",
        "Protesters gather outside parliament in Kampala (Photo by Jane Doe).",
        "Protesters gather outside parliament in Kampala. Photo via Facebook page of the police, "
        "used with permission.",
        "Protesters gather outside parliament in Kampala, 2019. Public domain.",
        "Protesters gather outside parliament in Kampala. Image source: Twitter.",
    ],
)
def test_more_ways_to_credit_a_picture_make_a_caption(line: str) -> None:
    assert_only_removed(clean(page(line)), [(line, "caption")])


@pytest.mark.parametrize(
    "line",
    [
        "The court held that the data was in the public domain, the lawyers said on Friday.",
        "The files are Public domain and can be reused, the ministry said.",
        "He released the picture (photo by his brother) on Tuesday to the press in the capital.",
    ],
)
def test_sentences_about_pictures_and_the_public_domain_stay(line: str) -> None:
    cleaned = clean(page(line))
    assert removed(cleaned) == [] and line in body(cleaned)


def test_a_name_alone_above_or_below_the_text_goes_as_a_byline() -> None:
    # New Zealand release (dev corpus): the minister's line under the headline; NASA history
    # feature (dev corpus): the author's name under the last paragraph.
    text = "\n\n".join(
        ["Central Bank Lifts Rates Again", "Hon Eugenie Sage", *BODY, "Robert S. Arrighi"]
    )
    cleaned = clean(text)
    assert body(cleaned) == BODY
    assert removed(cleaned) == [("Hon Eugenie Sage", "byline"), ("Robert S. Arrighi", "byline")]
    # …but a name heading a section of the text is the text's
    middle = "\n\n".join(["Central Bank Lifts Rates Again", *BODY[:2], "Dr Jane Smith", *BODY[2:]])
    assert "Dr Jane Smith" in body(clean(middle))


FEED_LEAD = (
    "The likelihood of Asian carp eggs being kept in suspension and hatching in the St. Joseph "
    "River in Michigan has been further evaluated using a model that examines several scenarios."
)
FEED_PAGE = """Share

Newsletter Signup

Our newsletter has been the newsletter of the survey for over 25 years.

Agency Newsroom

Syndicate content
News Releases
Updated: 1 hour 29 min ago

Model Offers More Ease, Precision for Managing Invasive Asian Carp

Thu, 04/16/2015 - 15:30
Summary: The likelihood of Asian carp eggs hatching in the river has been evaluated with a model

Contact Information:

Jennifer LaVista ( Phone: 303-202-4764 ); Elizabeth Murphy ( Phone: 217-328-9726 );

""" + "\n\n".join([FEED_LEAD, *BODY])


def test_a_feed_pages_date_summary_contacts_and_share_button_are_furniture():
    """A news feed's page copied as text (as the USGS newsroom syndicated its releases): a share
    button, a numeric date line, a "Summary:" line, contacts; the text stays whole."""
    cleaned = clean(FEED_PAGE)
    assert body(cleaned)[-5:] == [FEED_LEAD, *BODY]
    reasons = dict(removed(cleaned))
    assert reasons["Share"] == "site-chrome"
    assert reasons["Thu, 04/16/2015 - 15:30"] == "date-line"
    summary = (
        "The likelihood of Asian carp eggs hatching in the river has been evaluated with a model"
    )
    assert reasons[summary] == "highlight"
    assert reasons["Contact Information:"] == "contact"
    assert reasons[next(line for line in reasons if "( Phone:" in line)] == "contact"


def test_a_releases_headline_under_its_letterhead_type_and_date() -> None:
    """As Australian ministers' releases print: the issuer's letterhead, "MEDIA RELEASE", the
    date, then the headline over the lede."""
    lede = (
        "The Morrison Government is backing the country's largest annual travel and tourism event, "
        "with the tourism agency today announcing it will be held in May as planned."
    )
    text = "\n\n".join(
        [
            "SENATOR THE HON JANE DOE  Minister for Trade, Tourism and Investment",
            "MEDIA RELEASE",
            "7 February 2020",
            "Highlighting to the world that the country is open for business",
            lede,
            *BODY,
        ]
    )
    cleaned = clean(text)
    assert cleaned.headline is not None
    assert (
        cleaned.headline.text == "Highlighting to the world that the country is open for business"
    )
    assert body(cleaned) == [lede, *BODY]
    assert removed(cleaned)[:3] == [
        ("SENATOR THE HON JANE DOE Minister for Trade, Tourism and Investment", "letterhead"),
        ("MEDIA RELEASE", "metadata-line"),
        ("7 February 2020", "date-line"),
    ]


STORY_MAP = """const { MAPBOX_ACCESS_TOKEN } = process.env;

export default {
  style: 'mapbox://styles/example/abc123',
  accessToken: MAPBOX_ACCESS_TOKEN,
  theme: 'example',
  intro: {
    title: 'Dual-purpose?',
    date: 'March 18, 2026',
  },
  footer: 'Text by Jane Doe | Edited by John Roe | Graphics by Ana Alegre and the rest of the team',
  // Per chapter you can set the camera:
  chapters: [
  {
  id: "chapter 1",
  title: 'September 2025',
  description: "The research vessel ventured out towards the licensed area in the Northwest Pacific, on a 95-day expedition that ended in December.",
  location: { center: [130.0, 15.0], zoom: 3.0 },
  onChapterEnter: [
  { layer: 'track1', opacity: 0 },
  ],
  },
  ],
};
"""


def test_a_programs_source_keeps_only_the_sentences_in_its_strings() -> None:
    """A story map's configuration (a scrollytelling page's source): its code goes, listed as
    code; the sentence in a description string stays without the code around it."""
    cleaned = clean(STORY_MAP)
    assert body(cleaned) == [
        "The research vessel ventured out towards the licensed area in the Northwest Pacific, on "
        "a 95-day expedition that ended in December."
    ]
    reasons = [reason for _, reason in removed(cleaned)]
    assert reasons.count("code") == 3 and "credit" in reasons  # "Text by …": a credit
    assert cleaned.headline is None or "September" not in cleaned.headline.text


def test_an_article_that_quotes_a_little_code_keeps_its_text() -> None:
    code = ["The fix was one line: `timeout: 30,` in the configuration.", "theme: 'dark',"]
    cleaned = clean(page(*code))
    assert code[0] in body(cleaned)


def test_a_records_header_of_labelled_fields_is_furniture_and_its_headlines_highlights() -> None:
    """As the ONS's bulletins open: "Theme: …", "Summary: …", "Headline 1: …", "Contact name:
    …", then the report's first section, which is no headline."""
    header = [
        "Theme: People, Population and Community",
        "Level 2: Home Internet and Social Media Usage",
        "Summary: Estimates of adult Internet users and non-users in the UK",
        "Headline 1: 44.6 million adults (87%) in the UK had used the Internet in Q1 2014.",
        "Contact name: Jane Doe",
    ]
    text = "\n".join(header) + "\n\n## Overview\n\n" + "\n\n".join(BODY)
    cleaned = clean(text, markdown=True)
    assert cleaned.headline is None
    assert body(cleaned) == ["Overview", *BODY]
    reasons = removed(cleaned)
    assert ("Theme: People, Population and Community", "metadata-line") in reasons
    assert (
        "44.6 million adults (87%) in the UK had used the Internet in Q1 2014.",
        "highlight",
    ) in reasons
    assert ("Contact name: Jane Doe", "metadata-line") in reasons


def test_a_transcripts_repeated_labels_are_no_records_header() -> None:
    turns = ["JANE DOE: Good morning.", "JOHN ROE: Good morning to you.", "JANE DOE: Let us start."]
    cleaned = clean("\n".join(turns) + "\n\n" + "\n\n".join(BODY))
    assert not [r for r in removed(cleaned) if r[1] == "metadata-line"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Download chart:", "site-chrome"),
        ("XLS format (31 Kb)", "site-chrome"),
        ("Table source: Office for National Statistics", "credit"),
    ],
)
def test_a_reports_download_links_and_chart_sources_are_furniture(line: str, reason: str) -> None:
    assert_only_removed(clean(page(line)), [(line, reason)])
