import markdown
import pytest

from generator.render import escape_markdown, front_matter, safe_url

EXTENSIONS = ["attr_list", "tables", "toc", "admonition", "md_in_html", "def_list"]
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "<div markdown>raw **block**</div>",
    "{{ config.secret }} {% include 'x' %}",
    '!!! danger "Injected"',
    '--8<-- "/etc/passwd"',
    "Paragraph { onclick=alert(1) }",
    "{: #evil .x onclick=alert(1) }",
    "!!python/object:os.system ['ls']",
    "# Heading injection",
    "> quoted | table | cells",
    "1. list item",
    "`code` and **bold** and _em_ and ~~strike~~ and ==mark==",
    "https://autolink.example.com <https://x.example>",
    "&lt;script&gt; already-escaped entity &amp;",
]


def rendered(text: str) -> str:
    return markdown.markdown(f"{escape_markdown(text)}\n{{: #p1 }}", extensions=EXTENSIONS)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_one_plain_paragraph(text):
    html = rendered(text)
    assert html.startswith('<p id="p1">') and html.endswith("</p>")
    inner = html[len('<p id="p1">') : -len("</p>")]
    assert "<" not in inner and "id=" not in inner.replace("&lt;", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_back_as_written(text):
    import html as html_module

    inner = rendered(text)[len('<p id="p1">') : -len("</p>")]
    assert html_module.unescape(inner) == " ".join(text.split())


def test_plain_prose_stays_readable():
    text = "China’s exports rose 8.2% to $9.6 billion — a record, officials said."
    assert escape_markdown(text) == text


def test_front_matter_escapes_titles_for_themes_that_do_not():
    block = front_matter(title="<script>x</script> & co", date="2023-01-02")
    assert "<script>" not in block
    assert "&lt;script&gt;" in block
    assert block.startswith("---\n") and block.endswith("---\n")


def test_only_http_urls_become_links():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://x.example/a)(b") is None
    assert safe_url(None) is None


def test_undated_briefs_beside_dated_ones_render_everywhere():
    from generator.corpus import build_corpus
    from generator.render import render_site
    from tests.test_corpus import brief

    briefs = [brief("a.txt", "Dated story", "2024-01-02"), brief("b.txt", "Undated story")]
    pages = dict(render_site(build_corpus(briefs, [], [])))
    timeline = pages["timeline.md"]
    assert "2024-01-02" in timeline and "Undated: [Undated story]" in timeline
    assert "Undated story" not in pages["feed.xml"]  # a dated feed leaves it out
    assert "[Undated story](briefs/undated-story.md)" in pages["index.md"]


def test_a_long_topic_is_split_into_linked_pages_holding_each_brief_once(monkeypatch):
    import re

    from generator import views
    from generator.corpus import build_corpus
    from generator.model import Evidence, Topic, TopicMatch
    from generator.render import render_site
    from tests.test_corpus import brief

    monkeypatch.setattr(views, "BRIEFS_PER_PAGE", 2)
    ports = Topic("ports", "Ports", "Harbours and shipping.", ("harbour",))
    briefs = [
        brief(
            f"{day}.txt",
            f"Harbour story {day}",
            f"2024-01-0{day}",
            [TopicMatch("ports", "Ports", (Evidence("harbour", "p1", f"Harbour news {day}."),))],
        )
        for day in range(1, 6)
    ]
    pages = dict(render_site(build_corpus(briefs, [ports], [])))
    parts = [
        pages["topics/ports.md"],
        pages["topics/ports.page-2.md"],
        pages["topics/ports.page-3.md"],
    ]
    assert "topics/ports.page-4.md" not in pages
    # Newest first, two a page; every brief's evidence on exactly one page.
    evidence = [re.findall(r"Harbour news (\d)", part) for part in parts]
    assert evidence == [["5", "4"], ["3", "2"], ["1"]]
    # The overview (counts, whole timeline) is on the first page only; all pages link each other.
    assert "5 briefs cover this topic, dated 2024-01-01 to 2024-01-05" in parts[0]
    assert parts[0].count("- **2024-01-0") == 5 and "## Timeline" not in parts[1]
    assert "Page 3 of 3: [1](ports.md) · [2](ports.page-2.md) · **3**" in parts[2]
    assert (
        "# Ports \\(page 2 of 3\\)" in parts[1] and "Briefs 3 to 4 on [Ports](ports.md)" in parts[1]
    )


def test_a_much_quoted_speaker_gets_pages_of_quotes_and_one_list_of_briefs(monkeypatch):
    from generator import views
    from generator.corpus import build_corpus
    from generator.model import Quote
    from generator.render import render_site
    from tests.test_corpus import brief

    monkeypatch.setattr(views, "BRIEFS_PER_PAGE", 2)
    briefs = [
        brief(
            f"{day}.txt",
            f"Harbour story {day}",
            f"2024-01-0{day}",
            quotes=[Quote(f"Ships sail on day {day}", "Ana Silva", None, "full", "p1", "person")],
        )
        for day in range(1, 4)
    ]
    pages = dict(render_site(build_corpus(briefs, [], [])))
    first, second = pages["people/ana-silva.md"], pages["people/ana-silva.page-2.md"]
    assert "people/ana-silva.page-3.md" not in pages
    assert [f"day {d}" in first for d in (3, 2, 1)] == [True, True, False]
    assert "day 1" in second and "day 3" not in second
    assert "Quoted 3 times; named in 3 briefs." in first and first.count("- [Harbour story") == 3
    assert "More quotations of [Ana Silva](ana-silva.md)" in second
    assert "Page 2 of 2: [1](ana-silva.md) · **2**" in second


def test_the_briefs_json_in_pieces_is_the_whole_document_indented():
    import json

    from generator import __version__
    from generator.model import SCHEMA_VERSION, to_dict
    from generator.render import briefs_json, briefs_json_pieces
    from tests.test_corpus import brief

    briefs = [brief("b.txt", "Second “story”", "2024-01-02"), brief("a.txt", "First story")]
    for chosen in (briefs, []):
        document = {
            "briefs": [to_dict(b) for b in sorted(chosen, key=lambda b: b.source)],
            "generator": __version__,
            "schema_version": SCHEMA_VERSION,
        }
        expected = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        assert briefs_json(chosen) == expected
        # head, each brief (and a separator before all but the first), tail
        assert len(list(briefs_json_pieces(chosen))) == (2 * len(chosen) + 1 if chosen else 1)
