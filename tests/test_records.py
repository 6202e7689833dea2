"""A seed that is one record of a dataset or a site's export (JSON, a Python dict literal, or one
whose quotes were left unescaped): read by its fields (`generator/ingest/records.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.ingest.records import read_record
from tests.test_ingest import read_article

BODY_HTML = (
    "<p>Last Thursday, a man allegedly attempted to assassinate the vice president of the "
    "country. The gun did not fire, the vice president was whisked away safely, and the man was "
    "arrested.</p><p>The forum, an Argentine digital community where anonymous posters mix banal "
    "conversations with threads full of racist comments, was taken offline by its administrators "
    "shortly after the attack, researchers said on Monday.</p>"
)
FIELDS = {
    "slug": "row-forum-taken-down",
    "title": "Argentina's 4chan taken down by admins after would-be assassin suspected as user",
    "published_at": "2022-09-05T00:00:00.000-03:00",
    "tags": [{"name": "#en"}, {"name": "Tech"}],
    "custom_excerpt": "Users filled the forum with disclaimers before the site was taken down.",
    "body_html": BODY_HTML,
}


def test_a_json_record_is_read_by_its_fields(tmp_path: Path) -> None:
    article = read_article(tmp_path, "record.txt", json.dumps(FIELDS, indent=2) + "\n")
    assert article.title == FIELDS["title"]
    assert article.date == "2022-09-05"
    assert [p.text[:22] for p in article.paragraphs] == [
        "Last Thursday, a man a",
        "The forum, an Argentin",
    ]
    removed = {item.reason: item.text for item in article.removed}
    assert removed["highlight"] == FIELDS["custom_excerpt"]
    assert not any(
        "<p>" in item.text or "{" in p.text for item in article.removed for p in article.paragraphs
    )
    # each field listed as removed on the line that prints it
    lines = {
        item.text.split(":")[0]: item.line for item in article.removed if item.reason != "highlight"
    }
    assert lines["slug"] == 2 and lines["tags"] == 5


def test_a_python_record_cut_from_a_list_with_its_text_over_many_lines(tmp_path: Path) -> None:
    pieces = BODY_HTML.replace("</p><p>", "</p>\n<p>").split("\n")
    text = (
        "    {\n"
        f"        'slug': {FIELDS['slug']!r},\n"
        f"        'title': {FIELDS['title']!r},\n"
        f"        'published_at': {FIELDS['published_at']!r},\n"
        f"        'body_html': {pieces[0]!r}\n"
        f"        {pieces[1]!r},\n"
        "    },\n"
    )
    article = read_article(tmp_path, "record.txt", text)
    assert article.title == FIELDS["title"] and article.date == "2022-09-05"
    assert [p.line for p in article.paragraphs] == [5, 6]


def test_a_record_whose_quotes_were_left_unescaped_is_read_line_by_line() -> None:
    """As a copy of a blog-import script's record whose "\\'" were undone: "the site's creators"
    inside '…' no longer parses, yet each line still says which field it is."""
    text = (
        "{\n"
        f"    'title': \"{FIELDS['title']}\",\n"
        "    'published_at': '2022-09-05',\n"
        "    'body_html': '<p>By Saturday, the site's creators had set up a new forum called "
        "Boxed, and an anonymously administered account introduced members to the new site, "
        "declaring that it was the old forum's heir.</p>'\n"
        "        '<p>Researchers said the site's higher-ups took the forum offline shortly after "
        "the attack on the vice president, fearing that they would be investigated too.</p>',\n"
        "}\n"
    )
    record = read_record(text, "record.txt")
    assert record is not None
    assert record.metadata["title"] == FIELDS["title"]
    assert [line for line, _ in record.lines] == [4, 5]
    assert record.lines[1][1].startswith("<p>Researchers said the site's higher-ups")


def test_text_that_merely_opens_with_a_brace_is_no_record() -> None:
    wiki = "{{date|January 3, 2005}}\nThe court ruled on Monday that the law was void, " * 8
    assert read_record(wiki, "wiki.txt") is None
    assert read_record(json.dumps({"title": "A note", "body": "Too short."}), "note.txt") is None
    assert read_record('{"title": "x", "body": __import__("os")}', "code.txt") is None
