import shutil

import markdown
import pytest
import yaml

from generator.page_content import text_of
from generator.render.pages import (
    escape_markdown,
    front_matter,
    keep_compiled_templates,
    make_environment,
    safe_url,
)

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


def page_texts(pages) -> dict:
    """Every page's text, by path."""
    return {path: text_of(content) for path, content in pages}


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
    from generator.corpus.crosslinks import build_corpus
    from generator.render.pages import render_site
    from tests.test_corpus import brief

    briefs = [brief("a.txt", "Dated story", "2024-01-02"), brief("b.txt", "Undated story")]
    pages = page_texts(render_site(build_corpus(briefs, [], [])))
    timeline = pages["timeline.md"]
    assert "2024-01-02" in timeline and "Undated: [Undated story]" in timeline
    assert "Undated story" not in pages["feed.xml"]  # a dated feed leaves it out
    assert "[Undated story](briefs/undated-story.md)" in pages["index.md"]


def test_a_long_topic_is_split_into_linked_pages_holding_each_brief_once(monkeypatch):
    import re

    from generator.corpus.crosslinks import build_corpus
    from generator.model import Evidence, Topic, TopicMatch
    from generator.render import views
    from generator.render.pages import render_site
    from tests.test_corpus import brief

    monkeypatch.setattr(views, "BRIEFS_PER_PAGE", 2)
    ports = Topic("ports", "Ports", "Harbours and shipping.", ("harbour",))
    briefs = [
        brief(
            f"{day}.txt",
            f"Harbour story {day}",
            f"2024-0{1 + day // 3}-0{day}",  # days 1-2 in January, 3-5 in February
            [TopicMatch("ports", "Ports", (Evidence("harbour", "p1", f"Harbour news {day}."),))],
        )
        for day in range(1, 6)
    ]
    pages = page_texts(render_site(build_corpus(briefs, [ports], [])))
    parts = [
        pages["topics/ports.md"],
        pages["topics/ports.page-2.md"],
        pages["topics/ports.page-3.md"],
    ]
    assert "topics/ports.page-4.md" not in pages
    # Newest first, two a page; every brief's evidence line on exactly one page.
    evidence = [re.findall(r"first “Harbour news (\d)", part) for part in parts]
    assert evidence == [["5", "4"], ["3", "2"], ["1"]]
    # The overview (counts, periods, months) is on the first page only: each month links the
    # page holding its newest brief; all pages link each other.
    assert "**Coverage:** 5 briefs; dated 2024-01-01 to 2024-02-05;" in parts[0]
    assert (
        "| 2024-02 | 3 | [page 1](ports.md) |\n| 2024-01 | 2 | [page 2](ports.page-2.md) |"
        in (parts[0])
    )
    assert "## Over time" not in parts[1] and "Who speaks" not in parts[1]
    assert "Page 3 of 3: [1](ports.md) · [2](ports.page-2.md) · **3**" in parts[2]
    assert (
        "# Ports \\(page 2 of 3\\)" in parts[1] and "Briefs 3 to 4 on [Ports](ports.md)" in parts[1]
    )


def test_a_topic_of_one_page_lists_its_briefs_by_period_over_time():
    from generator.corpus.crosslinks import build_corpus
    from generator.render.pages import render_site
    from tests.test_corpus import PORTS, brief, on

    briefs = [
        brief("b.txt", "Later", "2024-03-01", [on(PORTS)]),
        brief("a.txt", "Sooner", "2024-01-01", [on(PORTS)]),
    ]
    page = page_texts(render_site(build_corpus(briefs, [PORTS], [])))["topics/ports.md"]
    over_time = page.split("## Over time", 1)[1]
    assert over_time.index("**2024-03** — 1 brief") < over_time.index("**2024-01** — 1 brief")
    assert over_time.index("[Later]") < over_time.index("[Sooner]")
    assert "| Month |" not in page


def test_a_claim_repeated_across_many_briefs_links_a_few_and_counts_the_rest(monkeypatch):
    from generator.corpus.crosslinks import build_corpus
    from generator.model import Claim
    from generator.render import views
    from generator.render.pages import render_site
    from tests.test_corpus import PORTS, brief, on

    monkeypatch.setattr(views, "OTHERS_SHOWN", 2)
    claim = Claim("The harbour reopened to ships on Monday after the storm.", "p2", 1, 1.0)
    briefs = [
        brief(f"{n}.txt", f"Story {n}", f"2024-01-0{n}", [on(PORTS)], claims=[claim])
        for n in range(1, 7)
    ]
    page = page_texts(render_site(build_corpus(briefs, [PORTS], [])))["topics/ports.md"]
    claims = page.split("## All claims", 1)[1].split("## Quotes", 1)[0]
    lines = [line for line in claims.splitlines() if line.startswith("- ")]
    assert len(lines) == 1  # one group: the newest brief's claim, two others linked, three counted
    assert lines[0].count("The harbour reopened") == 1 and lines[0].count("; also [Story") == 2
    assert "[Story 6](../briefs/story-6.md) [¶ 2](../briefs/story-6.md#p2)" in lines[0]
    assert lines[0].endswith("; and 3 more briefs")
    # the briefing gives it once, counted: six briefs of the one publisher state it
    briefing = page.split("## Briefing", 1)[1].split("\n## ", 1)[0]
    led = [line for line in briefing.splitlines() if line.startswith("1. ")]
    assert len(led) == 1 and led[0].endswith(" · in 6 briefs")


def test_a_topic_quoting_many_people_names_the_most_quoted_and_counts_the_rest(monkeypatch):
    from generator.corpus.crosslinks import build_corpus
    from generator.model import Quote
    from generator.render import views
    from generator.render.pages import render_site
    from tests.test_corpus import PORTS, brief, on

    monkeypatch.setattr(views, "SPEAKERS_SHOWN", 2)
    names = ["Ana Silva", "Ben Okoro", "Cai Wen", "Dana Levi"]
    quotes = [
        Quote(f"The harbour is busy, says speaker {n}", name, None, "full", "p1", "person")
        for n, name in enumerate(names)
        for _ in range(4 - n)  # Ana Silva quoted most
    ]
    briefs = [brief("a.txt", "Story", "2024-01-01", [on(PORTS)], quotes=quotes)]
    page = page_texts(render_site(build_corpus(briefs, [PORTS], [])))["topics/ports.md"]
    speaks = page.split("## Who says what", 1)[1].split("##", 1)[0]
    rows = [line for line in speaks.splitlines() if line.startswith("| [")]
    assert rows[0].startswith("| [Ana Silva](../people/ana-silva.md) | “The harbour is busy, says")
    assert "*and 3 more*" in rows[0]  # one row per speaker: the first words, the rest counted
    assert rows[1].startswith("| [Ben Okoro]") and len(rows) == 2 and "Cai Wen" not in speaks
    assert "and 2 more speakers, quoted on the pages below." in speaks
    assert "[Dana Levi](../people/dana-levi.md)" in page  # still linked from the quotes


def test_site_wide_lists_come_in_pages_holding_each_row_once(monkeypatch):
    import re

    from generator.corpus.crosslinks import build_corpus
    from generator.model import DatedEvent, Quote
    from generator.render import views
    from generator.render.pages import render_site
    from tests.test_corpus import brief

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    briefs = [
        brief(
            f"{n}.txt",
            f"Story {n}",
            f"2024-0{1 + n // 3}-0{n}" if n else None,  # 0 undated; 1-2 January; 3-4 February
            quotes=[Quote("Ships sail again", f"Person {n}", None, "full", "p1", "person")],
            events=[
                DatedEvent(2000 + n, str(2000 + n), f"In {2000 + n} the port opened ({n}).", "p1")
            ],
        )
        for n in range(5)
    ]
    pages = page_texts(render_site(build_corpus(briefs, [], [])))
    listing = ["briefs/index.md", "briefs/index.page-2.md", "briefs/index.page-3.md"]
    assert "briefs/index.page-4.md" not in pages
    rows = [re.findall(r"\[Story (\d)\]", pages[path]) for path in listing]
    assert rows == [["4", "3"], ["2", "1"], ["0"]]  # newest first, undated last
    assert "5 briefs, newest first." in pages[listing[0]]
    assert "Briefs 3 to 4 of [the briefs](index.md)" in pages[listing[1]]
    assert "Page 2 of 3: [1](index.md) · **2** · [3](index.page-3.md)" in pages[listing[1]]
    people = [
        pages["people/index.md"],
        pages["people/index.page-2.md"],
        pages["people/index.page-3.md"],
    ]
    named = [re.findall(r"\[Person (\d)\]", page) for page in people]
    assert [len(n) for n in named] == [2, 2, 1]
    assert sorted(name for page in named for name in page) == ["0", "1", "2", "3", "4"]
    assert "5 people: everyone quoted" in people[0]
    timeline = [pages["timeline.md"], pages["timeline.page-2.md"], pages["timeline.page-3.md"]]
    events = [re.findall(r"the port opened \\\((\d)\\\)", page) for page in timeline]
    assert events == [["0", "1"], ["2", "3"], ["4"]]  # oldest year first
    # The first page: each month linked to the page of the briefs list holding its newest brief.
    assert "| 2024-02 | 2 | [page 1](briefs/index.md) |" in timeline[0]
    assert "| 2024-01 | 2 | [page 2](briefs/index.page-2.md) |" in timeline[0]
    assert (
        "Undated: 1 brief, at the end of the [list of briefs](briefs/index.page-3.md)"
        in (timeline[0])
    )
    assert "## The coverage" not in timeline[1] and "# Timeline (page 2 of 3)" in timeline[1]
    # Further pages repeat what the briefs' own pages hold: they stay out of the search index.
    listings = [path for path in pages if path.endswith(".md") and path != "problems.md"]
    assert sum(".page-" in path for path in listings) >= 6
    for path in listings:
        front = yaml.safe_load(pages[path].split("---\n", 2)[1])
        assert (front.get("search") == {"exclude": True}) == (".page-" in path), path


def test_a_much_quoted_speaker_gets_pages_of_their_briefs_with_quotes_and_claims(monkeypatch):
    from generator.corpus.crosslinks import build_corpus
    from generator.model import Claim, Quote
    from generator.render import views
    from generator.render.pages import render_site
    from tests.test_corpus import brief

    monkeypatch.setattr(views, "BRIEFS_PER_PAGE", 2)
    monkeypatch.setattr(views, "OTHERS_SHOWN", 2)
    role = "harbour master"
    briefs = [
        brief(
            f"{day}.txt",
            f"Harbour story {day}",
            f"2024-01-0{day}",
            quotes=[Quote(f"Ships sail on day {day}", "Ana Silva", role, "full", "p1", "person")],
            claims=[Claim(f"Ana Silva said tugs work on day {day}.", "p2", 1, 1.0, "Ana Silva")],
        )
        for day in range(1, 4)
    ]
    pages = page_texts(render_site(build_corpus(briefs, [], [])))
    first, second = pages["people/ana-silva.md"], pages["people/ana-silva.page-2.md"]
    # A role many briefs give: the first few linked, the others counted.
    assert "- harbour master — [Harbour story 3]" in first
    assert first.count("[Harbour story 2](../briefs/harbour-story-2.md); and 1 more brief") == 1
    # Reported speech stands on the page of its brief.
    assert [f"tugs work on day {d}" in first for d in (3, 2, 1)] == [True, True, False]
    assert "tugs work on day 1" in second and "tugs work on day 3" not in second
    assert "people/ana-silva.page-3.md" not in pages
    assert [f"day {d}" in first for d in (3, 2, 1)] == [True, True, False]
    assert "day 1" in second and "day 3" not in second
    # Each page lists its own briefs naming the speaker; the counts are on the first page.
    assert "Quoted 3 times; named in 3 briefs." in first and "Quoted" not in second
    assert first.count("- [Harbour story") == 2 and second.count("- [Harbour story") == 1
    assert "Briefs 3 to 3 naming [Ana Silva](ana-silva.md): those quoting them first" in second
    assert "Page 2 of 2: [1](ana-silva.md) · **2**" in second


def test_the_briefs_json_is_the_whole_document_indented():
    import json

    from generator import __version__
    from generator.model import SCHEMA_VERSION, to_dict
    from generator.render.pages import briefs_json
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


def test_the_seed_report_comes_in_pages_of_rows_under_its_summary(monkeypatch):
    from generator.corpus.crosslinks import build_corpus
    from generator.model import SeedProblem
    from generator.render import views
    from generator.render.pages import render_site

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    problems = [SeedProblem(f"bad{n}.txt", "the file is empty", "add the text") for n in range(3)]
    problems.append(SeedProblem("ok.txt", "the text does not show its date", "add date", False))
    pages = page_texts(render_site(build_corpus([], [], problems)))
    assert "problems.page-3.md" not in pages
    first, second = pages["problems.md"], pages["problems.page-2.md"]
    assert "3 seed files could not be used; other entries were used with a caveat." in first
    assert "\n\n| File | Where | Problem | What to do | Skipped |" in first  # a table, set apart
    assert ["bad0.txt" in first, "bad2.txt" in second, "ok.txt" in second] == [True] * 3
    assert "Entries 3 to 4 of [the seed report](problems.md)" in second
    assert "search:\n  exclude: true" in second
    html = markdown.markdown(first.split("---", 2)[2], extensions=["tables"])
    assert html.count("<tr>") == 3  # the header and two rows


def test_the_topics_index_comes_in_pages_with_the_map_on_the_first(monkeypatch):
    from generator.corpus.crosslinks import build_corpus
    from generator.model import Topic
    from generator.render import views
    from generator.render.pages import render_site

    monkeypatch.setattr(views, "ROWS_PER_PAGE", 2)
    topics = [Topic(f"t{n}", f"Topic {n}", f"About {n}", (f"term{n}",)) for n in range(5)]
    pages = page_texts(render_site(build_corpus([], topics, [])))
    listing = ["topics/index.md", "topics/index.page-2.md", "topics/index.page-3.md"]
    assert "topics/index.page-4.md" not in pages
    assert [[f"Topic {n}" in pages[path] for n in range(5)].count(True) for path in listing] == [
        2,
        2,
        1,
    ]
    assert "an article is on a topic only where its text gives evidence" in pages[listing[0]]
    assert "Topics 3 to 4 of [the topics](index.md)" in pages[listing[1]]


def test_many_files_with_one_problem_share_a_row_in_the_order_of_the_report():
    from generator.model import SeedProblem
    from generator.render.views import GROUP_PROBLEMS_FROM, problem_rows, shown_files

    empty = [SeedProblem(f"e{n}.txt", "the file is empty", "add text") for n in range(30)]
    odd = SeedProblem("odd.txt", "binary", "remove it")
    few = [SeedProblem(f"b{n}.txt", "binary", "remove it") for n in range(2)]
    rows = problem_rows([odd, *empty, *few])
    assert [len(row.sources) for row in rows] == [1, 30, 1, 1]
    assert rows[1].sources == tuple(p.source for p in empty) and GROUP_PROBLEMS_FROM < 30
    assert shown_files(rows[1].sources) == "30 files (e0.txt, e1.txt, … e29.txt)"
    assert shown_files(("a\x1b[2J\nb.txt",)) == "a\ufffd[2J\ufffdb.txt"


def test_a_long_listing_pager_links_the_ends_and_the_pages_near_this_one():
    from generator.render.views import PageNumbers

    assert PageNumbers("topics/index", 50, 101).shown == [
        1,
        None,
        47,
        48,
        49,
        50,
        51,
        52,
        53,
        None,
        101,
    ]
    assert PageNumbers("topics/index", 2, 5).shown == [1, 2, 3, 4, 5]


def test_a_topic_touched_in_passing_is_listed_apart_and_never_a_tag():
    from dataclasses import replace

    from generator.corpus.crosslinks import build_corpus
    from generator.render.pages import render_site
    from tests.test_corpus import PORTS, RAIL, brief, on

    passing = replace(on(RAIL), main=False)
    briefs = [
        brief("a.txt", "Harbour reopens", "2024-01-02", [on(PORTS), passing]),
        brief("b.txt", "Tram line opens", "2024-01-03", [on(RAIL)]),
    ]
    pages = page_texts(render_site(build_corpus(briefs, [PORTS, RAIL], [])))
    page = pages["briefs/harbour-reopens.md"]
    front = yaml.safe_load(page.split("---")[1])
    assert front["tags"] == ["Ports"]
    themes = page.split("## Themes", 1)[1].split("##", 1)[0]
    assert "**[Ports](../topics/ports.md)**" in themes
    assert "*Touched in passing:* [Rail](../topics/rail.md) (1 sentence)" in themes
    rail = pages["topics/rail.md"]
    assert "**Coverage:** 2 briefs, 1 mainly about the topic and 1 touching it in passing;" in rail
    evidence, passing_list = rail.split("## Evidence by brief", 1)[1].split("## Touched in passing")
    assert (
        "- [Tram line opens](../briefs/tram-line-opens.md) (Paper · 2024-01-03) — 1 sentence"
        " on the topic, first “" in evidence
    )
    assert "Harbour reopens" not in evidence and "###" not in evidence  # one line per brief
    assert (
        "- [Harbour reopens](../briefs/harbour-reopens.md) (Paper · 2024-01-02) — 1 sentence"
        in passing_list
    )


def test_compiled_templates_are_kept_for_the_next_process(tmp_path):
    folder = tmp_path / "templates"
    make_environment.cache_clear()  # as in a fresh process
    try:
        keep_compiled_templates(folder)
        compiled = make_environment().get_template("brief.md.j2")
        assert [p.suffix for p in folder.iterdir()] == [".cache"]
        make_environment.cache_clear()
        keep_compiled_templates(folder)
        loaded = make_environment().get_template("brief.md.j2")
        assert loaded is not compiled
        assert loaded.render.__code__.co_code == compiled.render.__code__.co_code
        shutil.rmtree(folder)  # a cache that cannot be written only costs the compiling
        assert make_environment().get_template("timeline.md.j2").name == "timeline.md.j2"
    finally:
        make_environment.cache_clear()


def test_only_the_directive_pages_hold_another_plugins_directive():
    """The plugin keeps its pages' HTML compressed until they render, except DIRECTIVE_PAGES,
    which another plugin fills in after conversion; a template that gains a directive (an HTML
    comment) must be listed there."""
    from generator.corpus.crosslinks import build_corpus
    from generator.render.pages import DIRECTIVE_PAGES, render_site
    from tests.test_corpus import PORTS, RAIL, brief, on

    briefs = [
        brief("a.txt", "Harbour reopens", "2024-01-02", [on(PORTS)]),
        brief("b.txt", "Tram line opens", None, [on(RAIL)]),
    ]
    pages = page_texts(render_site(build_corpus(briefs, [PORTS, RAIL], [])))
    commented = {path for path, text in pages.items() if path.endswith(".md") and "<!--" in text}
    assert commented == DIRECTIVE_PAGES


def test_a_claim_several_publishers_report_is_marked_so_in_the_briefing():
    from dataclasses import replace

    from generator.corpus.crosslinks import build_corpus
    from generator.model import Claim
    from generator.render.pages import render_site
    from tests.test_corpus import PORTS, brief, on

    claim = Claim("The harbour reopened to ships on Monday after the storm.", "p2", 1, 1.0)
    briefs = [
        replace(
            brief(f"{n}.txt", f"Story {n}", f"2024-01-0{n}", [on(PORTS)], claims=[claim]),
            publisher=publisher,
        )
        for n, publisher in enumerate(("Wire", "Paper", "Radio"), start=1)
    ]
    page = page_texts(render_site(build_corpus(briefs, [PORTS], [])))["topics/ports.md"]
    briefing = page.split("## Briefing", 1)[1].split("\n## ", 1)[0]
    assert "from 3 publishers (Paper 1, Radio 1, Wire 1)" in briefing
    led = [line for line in briefing.splitlines() if line.startswith("1. ")]
    assert len(led) == 1
    assert "Radio · 2024-01-03 · [Story 3]" in led[0]  # the newest brief's words stand first
    assert led[0].endswith(" · **reported by 3 publishers**")
