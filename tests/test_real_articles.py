"""Ingest on real articles of the development corpus's dev half (tests/corpus/dev): each test
names the format or furniture it covers and asserts what the brief gets from the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.ingest.seeds import read_corpus, read_seed
from generator.model import Article

DEV = Path(__file__).resolve().parent / "corpus" / "dev"


def read(name: str) -> Article:
    article = read_seed(DEV / name, DEV)
    assert isinstance(article, Article), article
    return article


def reasons(article: Article) -> dict[str, str]:
    return {removed.text: removed.reason for removed in article.removed}


def body_text(article: Article) -> str:
    return "\n".join(paragraph.text for paragraph in article.paragraphs)


def test_a_dataset_record_gives_publisher_and_date_from_its_addresses() -> None:
    article = read("voa-2024-11-21-voyager-reconnected.txt")
    assert article.title == "NASA Reconnects with Voyager, Longest Serving Mission in History"
    assert (article.publisher, article.date) == ("Voice of America", "2024-11-21")
    date = next(i for i in article.inferred if i.field == "date")
    assert date.evidence == "the date path of the address on line 5"
    removed = reasons(article)
    assert removed["Science & Technology"] == "kicker"  # a section label among the furniture
    assert removed["I’m Bryan Lynn."] == "sign-off"
    assert removed["Voice of America"] == "publisher-name"
    assert removed["Public Domain"] == "licence"
    assert "https://" not in body_text(article)


def test_wikitext_links_read_as_their_text_and_its_date_template_dates_the_article() -> None:
    article = read("wikinews-2005-01-03-un-optimistic-tsunami-aid.txt")
    assert article.date == "2005-01-03"
    assert article.paragraphs[0].text.startswith(
        "The United Nations (UN) emergency relief coordinator Jan Egeland has said"
    )
    assert reasons(article)["{{archive}}"] == "metadata-line"
    assert article.publisher is None  # nothing in this file names Wikinews


def test_a_site_notice_names_the_publisher_but_never_reaches_the_text() -> None:
    article = read("wikinews-undated-india-congress-party-wins-elections.txt")
    assert article.publisher == "Wikinews"
    assert "archival policy" not in body_text(article)
    assert "This page is archived" not in body_text(article)


def test_a_release_loses_its_end_mark_and_the_contacts_under_it() -> None:
    article = read("nasa-undated-ai-town-hall.md")
    removed = reasons(article)
    assert removed["-end-"] == "separator"
    assert removed["202-358-1600"] == "contact"
    assert removed["Ames Research Center, Silicon Valley"] == "end-matter"
    assert "@nasa.gov" not in body_text(article)
    assert article.paragraphs[-1].text.endswith(".")


def test_a_byline_with_the_publisher_and_a_date_line() -> None:
    article = read("kff-health-news-2024-01-15-medical-mistakes-women-minorities.txt")
    assert (article.publisher, article.date) == ("KFF Health News", "2024-01-15")
    assert reasons(article)["Liz Szabo | KFF Health News"] == "byline"
    assert "is a national newsroom" not in body_text(article)


def test_a_licensed_photo_credit_is_a_caption_and_no_headline_is_invented() -> None:
    article = read("globalvoices-undated-trinidad-equal-opportunity-act.txt")
    assert (
        reasons(article)[
            "Colourful rainbow flag. Photo by Marco Verch Professional Photographer on Flickr, CC BY 2.0."
        ]
        == "caption"
    )
    made_from = next(i for i in article.inferred if i.field == "title").evidence
    assert made_from == "no headline line found; made from the file name"


def test_newsletter_furniture_goes_and_the_text_stays() -> None:
    article = read("tor-project-2014-10-08-tor-weekly-news.md")
    removed = set(reasons(article))
    assert any(text.startswith("Welcome to the fortieth issue") for text in removed)
    assert any(
        text.startswith("This issue of Tor Weekly News has been assembled") for text in removed
    )
    assert "Nick Mathewson announced the release of Trunnel 1.3." in body_text(article)


def test_a_sentence_cut_at_its_links_is_one_paragraph_again() -> None:
    article = read("justice-department-undated-russian-spear-phishing-domains.txt")
    docket = next(p.text for p in article.paragraphs if p.text.startswith("The case is docketed"))
    assert docket.endswith("(N.D. Cal. Sept. 16, 2024).")
    assert "Application by the United States for a Seizure Warrant" in docket


def test_the_dev_half_reads_whole_with_caveats_only_for_what_the_text_does_not_show() -> None:
    articles, problems = read_corpus(DEV)
    assert len(articles) == len(list(DEV.glob("*.txt")) + list(DEV.glob("*.md")))
    assert all(not problem.skipped for problem in problems)
    assert all(problem.reason.startswith("the text does not show its") for problem in problems)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DEV.glob("*.*") if p.suffix in (".txt", ".md"))
)
def test_no_paragraph_is_markup(name: str) -> None:
    # A heading's marks, an image or a dataset's marker; a post opening on "#BlackSaturday" is text.
    for paragraph in read(name).paragraphs:
        assert "](" not in paragraph.text and not _MARKUP_START.match(paragraph.text)


_MARKUP_START = re.compile(r"#{1,6}\s|!\[|@(?:highlight|summary|article)\b")


def test_a_scrapers_page_record_loses_its_own_sections_and_the_pages_chrome() -> None:
    article = read("ec-echo-2026-02-24-ukraine-country-page.md")
    assert article.title == "Ukraine"  # the page outline's "# Ukraine", not the domain heading
    # The title bar "Ukraine - European Civil Protection …" names the site.
    assert article.publisher == "European Civil Protection and Humanitarian Aid Operations"
    # The timeline's dates are a list, not the page's date; the page says when it was updated.
    assert article.date == "2026-02-24"
    removed = reasons(article)
    assert removed["tool: COMPOSIO_SEARCH_WEB"] == "scraper-record"  # ## Metadata
    assert removed["## Introduction"] == "scraper-record"  # ## Page Structure
    page = {r.text: r.reason for r in article.removed if 27 < r.line < 391}  # ## Content
    assert page["Skip to main content"] == "site-chrome"
    assert page["Procurement"] == "site-chrome"  # the menu above the text
    assert page["Privacy policy"] == "site-chrome"  # the footer under it
    text = body_text(article)
    assert text.startswith("Russia’s war on Ukraine continues to escalate in 2026")
    assert "https://" not in text and "Select your language" not in text


def test_a_release_headed_with_its_acronym_is_published_under_the_name_it_spells() -> None:
    article = read("pclob-2016-02-05-recommendations-implementation-update.md")
    assert article.publisher == "Privacy and Civil Liberties Oversight Board"
    evidence = next(i.evidence for i in article.inferred if i.field == "publisher")
    assert evidence.startswith('the headline names "PCLOB" ("Privacy and Civil Liberties')
    # The heading printing the start of the front matter's title is the headline, and the
    # documents box under "### Documents" is not text.
    text = body_text(article)
    assert "PCLOB Releases Update" not in text
    assert "Recommendations Assessment Report" not in text.split("\n")[-1]
    assert reasons(article)["Documents"] == "related-headline"


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        # A credit with no label after the caption's last full stop.
        ("nasa-undated-x59-passes-milestone.md", "Artist illustration of the X-59 in flight"),
        # "Photo courtesy of the DCMA." ends with a full stop.
        ("globalvoices-undated-zanzibar-dhow-countries-music-academy.txt", "A DCMA student"),
        # "Photo: Jorge Mejía Peralta (CC BY 2.0)": a licence in brackets after the credit.
        ("globalvoices-undated-nicaragua-protests-one-year.txt", "“They can't put their ideas"),
        # "… | screen shot, 19 August, STV – Youtube".
        ("globalvoices-undated-mozambique-matalane-police-pregnancies.txt", "Photo showing"),
    ],
)
def test_photo_captions_with_their_credits_go(name: str, caption: str) -> None:
    article = read(name)
    assert [r.reason for r in article.removed if r.text.startswith(caption)] == ["caption"]
    assert caption not in body_text(article)
    assert not article.title.startswith(caption)


def test_a_statement_release_headed_in_capitals_by_its_board() -> None:
    article = read("pclob-2019-01-13-statement-passing-patricia-wald.md")
    # The headline in capitals restates the front matter's title at greater length.
    assert not body_text(article).startswith("PRIVACY AND CIVIL LIBERTIES OVERSIGHT BOARD")
    # "Board Releases Statement …" beside "FOR RELEASE": the board the text names in full.
    assert article.publisher == "Privacy and Civil Liberties Oversight Board"


def test_a_pages_list_control_goes() -> None:
    article = read("ec-echo-2026-02-24-ukraine-country-page.md")
    assert reasons(article)["Show 24 more items"] == "site-chrome"


def publisher_evidence(article: Article) -> str:
    return next(i.evidence for i in article.inferred if i.field == "publisher")


def test_a_media_advisory_is_published_by_the_press_contacts_agency() -> None:
    article = read("nasa-2024-02-13-johnson-exploration-park-advisory.md")
    assert article.publisher == "NASA"
    assert publisher_evidence(article).startswith("the press contact's address on line 30")


@pytest.mark.parametrize(
    ("name", "publisher", "evidence"),
    [
        # "Global Voices spoke with …", "… spoke to …", "… told Global Voices".
        ("globalvoices-undated-tanzania-epoca-digital-rights.txt", "Global Voices", "3 times"),
        # "… did not respond to KFF Health News", "… told KFF Health News" twice.
        ("kffhealthnews-undated-urgent-care-emergency-center-bill.txt", "KFF Health News", "3"),
    ],
)
def test_a_newsroom_reporting_in_its_own_name_is_the_publisher(
    name: str, publisher: str, evidence: str
) -> None:
    article = read(name)
    assert article.publisher == publisher
    assert publisher_evidence(article).startswith(f'the text reports in the name of "{publisher}"')
    assert evidence in publisher_evidence(article)


def test_an_outlet_only_cited_or_covering_is_not_the_publisher() -> None:
    # "Global Voices has covered the reactions …" is no reporting in its own name.
    assert read("globalvoices-undated-mozambique-pope-francis-visit.txt").publisher is None


def test_an_issue_heading_names_the_periodical_and_dates_the_issue() -> None:
    article = read("nasa-2024-03-20-marshall-star.md")
    assert (article.publisher, article.date) == ("The Marshall Star", "2024-03-20")
    # The newsletter's name is a brand of its publisher in publishers.yaml.
    article = read("tor-project-2014-10-08-tor-weekly-news.md")
    assert article.publisher == "The Tor Project"


def test_a_lead_opening_with_today_names_the_first_issuer() -> None:
    article = read("18f-2015-05-12-calc-tool.md")
    assert article.publisher == "18F"
    assert '"Today, 18F and the General Services Administration (GSA) launched"' in (
        publisher_evidence(article)
    )


def test_a_videos_address_dates_nothing_wrong_and_names_no_publisher() -> None:
    # A bare address of a video uploaded to the publisher's site is the video's, not the page's.
    assert read("globalvoices-undated-brazil-education-cuts-protests.txt").publisher is None
    # A recording's address still dates a record whose page address has no date.
    date = next(
        i for i in read("voa-2024-11-21-voyager-reconnected.txt").inferred if i.field == "date"
    )
    assert date.value == "2024-11-21"


def test_a_release_headline_with_to_names_its_board() -> None:
    article = read("pclob-2019-06-26-facial-recognition-aviation-security.md")
    assert article.publisher == "Privacy and Civil Liberties Oversight Board"


def test_a_transcripts_heading_goes_and_its_repeated_turns_and_broken_off_lines_stay() -> None:
    article = read("whitehouse-2025-01-24-trump-fletcher-nc-arrival-remarks.md")
    removed = reasons(article)
    # The event and venue over the clock time "11:07 A.M. EST".
    assert removed["AFTER AIR FORCE ONE ARRIVAL"] == "kicker"
    assert removed["Fletcher, North Carolina"] == "kicker"
    text = body_text(article)
    # A hard-wrapped line cut before a dash carries on: "figure out a plan / — a plan for …".
    assert "we’re going to figure out a plan — a plan for really demolition" in text
    # The President says "We’ll see you at the site." twice: a turn said again is no duplicate.
    assert text.count("THE PRESIDENT: We’ll see you at the site.") == 2


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        # "… aboard the International Space Station. Credit: Auxilium Biotechnologies."
        ("nasa-undated-space-station-research-2025.md", "Eight medical devices for peripheral"),
        # "… a loosely packed “rubble pile” object. NASA/Johns Hopkins APL": a quotation inside.
        ("nasa-2024-03-20-marshall-star.md", "The asteroid Dimorphos was captured"),
    ],
)
def test_captions_closed_by_a_stopped_or_an_agency_credit_go(name: str, caption: str) -> None:
    article = read(name)
    assert [r.reason for r in article.removed if r.text.startswith(caption)] == ["caption"]
    assert caption not in body_text(article)


def test_a_markdown_line_cut_inside_its_sentence_goes_on_into_the_next() -> None:
    # "… on several of GSA’s" / "Schedules (AIMS), and the Consolidated Schedule."
    text = body_text(read("18f-2015-05-12-calc-tool.md"))
    assert "several of GSA’s professional services schedules" in text
    assert "Integrated Marketing Schedules (AIMS), and the Consolidated Schedule." in text


def test_a_capture_cut_off_mid_word_keeps_its_last_paragraph() -> None:
    # The stored page stops at "known as heal": three sentences, no caption.
    text = body_text(read("usda-undated-vilsack-rural-community-facilities.txt"))
    assert text.split("\n")[-1].startswith("For example, in Rotan, Texas,")


def test_a_whole_web_page_saved_as_markdown_gives_its_article_alone() -> None:
    article = read("calmatters-2025-02-26-state-farm-lara-rate-hike-meeting.md")
    # The one "# Title" under the site's menus is the headline; the byline dates the page (its
    # published and updated dates printed together: "February 26, 2025February 26, 2025").
    assert article.title.startswith("California insurance commissioner meets privately")
    assert (article.publisher, article.date) == ("CalMatters", "2025-02-26")
    removed = reasons(article)
    assert removed["About Us"] == "site-chrome"  # a menu: a list of links
    assert removed["Email address"] == "site-chrome"  # a sign-up form
    assert removed["But we can’t keep doing this without support from readers like you."] == "promo"
    summary = [r for r in article.removed if r.text.startswith("Ricardo Lara said he will look")]
    assert [r.reason for r in summary] == ["highlight"]  # under "In summary"
    text = body_text(article)
    assert text.startswith("California’s largest insurer should know within a couple of weeks")
    assert text.endswith("so that State Farm General can continue helping California customers.”")
    for chrome in ("Share this", "More on the State Farm", "We’re CalMatters", "Republish"):
        assert chrome not in text


def test_a_short_line_in_another_language_under_an_introduction_is_the_quotation() -> None:
    # "She told another interviewer:" over a Portuguese line of twelve words without a stop.
    article = read("globalvoices-undated-brazil-deputy-ana-paula-cleavage.txt")
    assert "Vou continuar vestindo o que eu quero." in body_text(article)


@pytest.mark.parametrize(
    ("name", "start", "reason"),
    [
        # "News Media Contacts" over the names and places of the press officers.
        ("nasa-undated-juno-europa-icy-shell.md", "DC Agle", "related-headline"),
        # "… who survived the assassination attempt, via YouTube."
        ("globalvoices-undated-uganda-ssebulime-police-killing.txt", "A Screenshot of", "caption"),
        # "Abubakar Idris Dadiyata, image used with permission from The SignalNg."
        (
            "globalvoices-undated-nigeria-dadiyata-abduction-one-year.txt",
            "Abubakar Idris",
            "caption",
        ),
        ("bbc-undated-sunderland-allardyce-england-job.txt", "Media playback is", "site-chrome"),
    ],
)
def test_contacts_captions_and_player_notices_go(name: str, start: str, reason: str) -> None:
    article = read(name)
    assert reason in [r.reason for r in article.removed if r.text.startswith(start)]


def test_a_long_passage_signed_with_its_source_is_no_caption() -> None:
    text = body_text(read("globalvoices-undated-kenya-women-online-harassment.txt"))
    assert "There is no gainsaying that social media has become an important tool" in text


def test_a_newswire_sgml_record_keeps_none_of_its_tags_and_names_its_agency() -> None:
    article = read("afps-2006-04-26-rumsfeld-iraq-neighbors-iran.txt")
    assert article.title == "Rumsfeld: All Neighbors Except Iran Benefit From Success in Iraq"
    assert (article.publisher, article.date) == ("American Forces Press Service", "2006-04-26")
    text = body_text(article)
    assert "<DOCNO>" not in text and "<DATE_TIME>" not in text and "</TEXT>" not in text
    assert not any(p.text.startswith("<") for p in article.paragraphs)
    removed = reasons(article)
    assert removed["<SLUG>American Forces Press Service</SLUG>"] == "metadata-line"
    assert removed["American Forces Press Service"] == "publisher-name"


def test_a_gov_uk_page_is_published_by_the_first_department_its_from_line_names() -> None:
    article = read("scotland-office-2021-02-19-180m-army-vehicle-contract-glasgow-jobs.txt")
    assert article.publisher == "Ministry of Defence"
    evidence = next(i.evidence for i in article.inferred if i.field == "publisher")
    assert evidence.startswith('the field "From: Ministry of Defence, Office of the Secretary')
    assert "Office of the Secretary of State for Scotland, Defence Equipment" not in body_text(
        article
    )
    culture = read("dcms-2022-04-01-cezanne-painting-export-bar.txt")
    assert culture.publisher == "Department for Digital, Culture, Media & Sport"
    assert culture.date == "2022-04-01"


def test_a_release_closing_on_about_its_issuer_is_that_issuers_and_the_note_is_furniture() -> None:
    article = read("usfws-2014-04-30-corps-of-engineers-mississippi-conservation.md")
    assert article.publisher == "U.S. Fish and Wildlife Service"
    removed = reasons(article)
    assert removed["About The U.S. Fish and Wildlife Service"] == "issuer-note"  # "##About" too
    assert "The mission of the U.S. Fish and Wildlife Service" not in body_text(article)


def test_a_breadcrumb_trail_is_not_part_of_the_headline_nor_an_address_part_of_the_text() -> None:
    article = read("hhs-undated-ocr-california-pregnancy-centers-violation.txt")
    assert article.title.startswith("OCR Finds the State of California Violated Federal Law")
    assert article.publisher == "U.S. Department of Health and Human Services"
    assert article.date is None  # only the page's address, not in the file, dates it
    removed = reasons(article)
    assert removed["200 Independence Avenue S.W."] == "contact"
    assert removed["Washington D.C. 20201"] == "contact"
    assert "Enter your email" not in body_text(article)


def test_a_dataset_records_leading_date_field_dates_it_when_it_reads_one_way_only() -> None:
    article = read("mcgovern-2019-01-17-saudi-arabia-arms-sales-khashoggi-bill.txt")
    assert article.date == "2019-01-17"  # 01.17.2019: no 17th month
    evidence = next(i.evidence for i in article.inferred if i.field == "date")
    assert evidence.endswith("which reads only one way")
    assert article.paragraphs[0].text.startswith("Today, Congressman James P. McGovern")


def test_short_bullets_opening_a_release_are_its_highlights_and_related_topics_go() -> None:
    article = read("dcms-2022-04-01-cezanne-painting-export-bar.txt")
    removed = reasons(article)
    assert (
        removed[
            "Export bar is to allow time for a UK gallery or institution to acquire the painting"
        ]
        == "highlight"
    )
    assert article.paragraphs[1].text.startswith("Paul Cézanne’s Ferme Normande")
    scotland = read("scotland-office-2021-02-19-180m-army-vehicle-contract-glasgow-jobs.txt")
    assert reasons(scotland)["Explore the topic"] == "related-headline"
    assert "Military equipment, logistics and technology" not in body_text(scotland)
    # the block quotations under "… said:" are marked so, the text around them is not
    quoted = [p.text[:30] for p in scotland.paragraphs if p.quoted]
    assert "We look forward to working wit" in quoted and "Protecting hundreds of jobs an" in quoted
    assert not any(p.quoted for p in scotland.paragraphs[:3])
