"""Ingest on real articles of the development corpus's dev half (tests/corpus/dev): each test
names the format or furniture it covers and asserts what the brief gets from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest import read_corpus, read_seed
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
    for paragraph in read(name).paragraphs:
        assert "](" not in paragraph.text and not paragraph.text.startswith(("#", "![", "@"))
