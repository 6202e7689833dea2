"""HTML left in a seed, read as the text it shows (a real scraped record of the dev half, and the
one rule that keeps a stray tag in prose from switching it on)."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.markup import browser_title, html_pieces, looks_like_html
from generator.ingest.seeds import read_seed
from generator.model import Article, RemovedText

DEV = Path(__file__).resolve().parent / "corpus" / "dev"
RECORD = "kffhealthnews-undated-urgent-care-emergency-center-bill.txt"


def test_a_record_whose_body_is_one_line_of_html_reads_as_paragraphs() -> None:
    article = read_seed(DEV / RECORD, DEV)
    assert isinstance(article, Article)
    assert len(article.paragraphs) > 20  # one per <p>, though the file has three lines
    first = article.paragraphs[0].text
    assert first == "One evening last December, Tieqiao Zhang felt severe stomach pain."
    assert all("<p>" not in p.text and "</p>" not in p.text for p in article.paragraphs)
    assert all(p.line == 3 for p in article.paragraphs)  # each piece keeps its seed line


def test_entities_are_decoded_and_scripts_are_listed_as_removed() -> None:
    removed: list[RemovedText] = []
    line = "<p>Smith&rsquo;s plan &amp; budget</p><script>track()</script><p>Next</p>"
    pieces = [text for _, text in html_pieces([(4, line)], removed, headings=True) if text.strip()]
    assert pieces == ["Smith’s plan & budget", "Next"]
    assert removed == [RemovedText(4, "<script>track()</script>", "markup")]


def test_one_tag_in_prose_is_not_a_page_of_html() -> None:
    assert not looks_like_html(["He typed <b> by mistake, then went on writing."])
    assert looks_like_html(["<p>One</p>", "<p>Two <strong>bold</strong></p>"])


def test_an_html_list_item_is_a_bullet_not_a_caption() -> None:
    """The State Department's list of planned actions (dev corpus): items without a full stop are
    the article's list, read as Markdown's "- " items are."""
    article = read_seed(DEV / "state-2026-07-13-icc-sovereignty-campaign.txt", DEV)
    assert isinstance(article, Article)
    texts = [p.text for p in article.paragraphs]
    assert (
        "Increased scrutiny of nations that refuse to reject the ICC’s false authority while relying on U.S. assistance"
        in texts
    )
    assert not any(r.reason == "caption" for r in article.removed)
    removed: list[RemovedText] = []
    line = "<ul><li>One item</li><li><p>Two</p></li></ul><p>After</p>"
    pieces = [text for _, text in html_pieces([(1, line)], removed, headings=True) if text.strip()]
    assert pieces == ["- One item", "- Two", "After"]


def test_scripts_heads_comments_and_server_code_over_several_lines_go_whole() -> None:
    """A whole page saved as found (an offline copy of a site, an ASP.NET page's source): what is
    not text goes however its lines break, and every line keeps its number."""
    lines = [
        '<%@ Page Language="C#" MasterPageFile="~/Child_page.master" %>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">',
        "<html><head>",
        "<title>News / Army Hosts Think Tanks</title>",
        '<meta name="description" content="A page">',
        "</head><body>",
        "<script>",
        "jQuery(document).ready(function() {",
        '  $("video").mediaelementplayer({ features: ["playpause"] });',
        "});",
        "</script>",
        "<!-- a comment",
        "     over two lines -->",
        '<asp:Image runat="server"',
        '  ImageUrl="~/Icons/Exclusive_072.png" />',
        "<p>The Army hosted seven think tanks on March 14.</p>",
        "</body></html>",
    ]
    removed: list[RemovedText] = []
    pieces = [
        (number, text.strip())
        for number, text in html_pieces(enumerate(lines, start=1), removed, headings=True)
        if text.strip()
    ]
    assert pieces == [(16, "The Army hosted seven think tanks on March 14.")]
    assert [r.line for r in removed] == [1, 2, 3, 7, 12, 14]
    assert {r.reason for r in removed} == {"markup"}


def test_openings_never_closed_hide_nothing_after_them() -> None:
    """A hostile or broken page: thousands of "<!--" and "<script" never closed. Nothing after
    them is hidden (the text stays). The scan reads the text once from left to right: the
    regular expression it replaced, tried again at every opening, ran for minutes on this."""
    lines = ["<p>Kept words.</p>", *["<!-- open"] * 20_000, *["<script> x"] * 20_000, "<p>End.</p>"]
    removed: list[RemovedText] = []
    shown = " ".join(text for _, text in html_pieces(enumerate(lines, 1), removed, headings=True))
    assert "Kept words." in shown and "End." in shown
    assert removed == []


def test_a_tag_link_alone_on_its_line_is_a_topic_label_and_one_in_a_sentence_is_text() -> None:
    lines = [
        "<p>The critical care teams were formed after the Gulf War.</p>",
        "<a href='../../News/tabid/124/Tag/173/aeromedical-evacuation.html'><img "
        'src="Styles/AirForce/tag.png" alt="Tag" />aeromedical evacuation</a>',
        '<p>"Trackers are not necessary," said a spokesperson for the <a href="https://example.'
        'gov/programs/topics/virus">Department of Health</a>, when asked.</p>',
    ]
    removed: list[RemovedText] = []
    pieces = [
        text.strip()
        for _, text in html_pieces(enumerate(lines, 1), removed, headings=True)
        if text.strip()
    ]
    assert removed == [RemovedText(2, "aeromedical evacuation", "tags")]
    assert pieces[-1].endswith("for the Department of Health, when asked.")


def test_a_browser_title_is_read_once_however_many_titles_are_left_open() -> None:
    assert browser_title(["<title x"] * 20_000) is None
    page = ["<html><head><title><%= Prefix %>Exclusive / Army Hosts Think Tanks</title></head>"]
    assert browser_title(page) == "Exclusive / Army Hosts Think Tanks"


def test_a_figures_caption_is_a_removed_caption_not_text(tmp_path) -> None:
    """As the FSFE's pages print a picture: its <figcaption> is the caption, listed as such."""
    from generator.ingest.seeds import read_seed

    lede = (
        "More and more administrations are following the principle of public code and are "
        "turning to Free Software for the software they pay for."
    )
    after = "The canton has used the software to manage building permits for several years now."
    page = (
        f"<html>\n<h1>From Uri to Bern</h1>\n<p>{lede}</p>\n<figure>\n<img src='crest.png'/>\n"
        "<figcaption>Crest canton Uri and Bern</figcaption>\n</figure>\n"
        f"<p>{after}</p>\n</html>\n"
    )
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    article = read_seed(tmp_path / "page.txt", tmp_path)
    assert [p.text for p in article.paragraphs] == [lede, after]
    assert ("Crest canton Uri and Bern", "caption") in [(r.text, r.reason) for r in article.removed]
