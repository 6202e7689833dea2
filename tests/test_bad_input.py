"""Bad input gets a clear message and the rest of the site still builds (a real mkdocs build)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bench.hostile import MARKUP_LINES
from generator.render.pages import site_briefs

ROOT = Path(__file__).resolve().parent.parent
GOOD_SEEDS = ["001_bbc7442c2c936912.txt", "004_4f9963ab703b9856.txt"]
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(200)
PARAGRAPH = (
    "The regional council voted on Monday to extend the tram line to the northern suburbs, "
    "a project that officials said would cost about $40 million over five years."
)

pytestmark = pytest.mark.slow


def write_cases(seeds: Path) -> dict[str, str]:
    """Write the bad and awkward seeds; returns file name → what the report must say of it."""
    cases = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"  \n\n\t \n", "whitespace"),
        "image.txt": (PNG_BYTES, "binary"),
        "nul.txt": (b"Title\n\nSome text\x00 with a NUL byte.\n", "binary"),
        "huge.txt": (b"word " * (4 * 1024 * 1024), "over the 5 mb limit"),
        "duplicate.txt": ((seeds / GOOD_SEEDS[0]).read_bytes(), "same text as"),
    }
    for name, (data, _) in cases.items():
        (seeds / name).write_bytes(data)
    return {name: reason for name, (_, reason) in cases.items()}


HOSTILE_LINES = [
    *MARKUP_LINES,
    '--8<-- "/etc/passwd"',
    "!!python/object/apply:os.system ['id']",
]


HOSTILE_NAME = "a\n\n<img src=x onerror=alert(1)>\n\n<svg onload=alert(2)>\n\nb.txt"
SECRET = "SECRET-TOKEN-1f0e"


def write_hostile(seeds: Path) -> None:
    (seeds / HOSTILE_NAME).write_text(f"Named to inject\n\n{PARAGRAPH} Named.\n", encoding="utf-8")
    secret = seeds.parent / "secret.txt"  # a file of the build machine, outside seeds/
    secret.write_text(f"Build secrets\n\nThe deploy key is {SECRET} for now.\n", encoding="utf-8")
    (seeds / "leak.txt").symlink_to(secret)
    drafts = seeds / ".drafts"  # hidden: not a seed itself, but a link to it stays inside
    drafts.mkdir()
    (drafts / "linked.txt").write_text(f"Linked within\n\n{PARAGRAPH} Linked.\n", encoding="utf-8")
    (seeds / "inside-link.txt").symlink_to(drafts / "linked.txt")
    lines = "\n\n".join(f"{line} {PARAGRAPH}" for line in HOSTILE_LINES)
    (seeds / "hostile.md").write_text(
        "---\ntitle: \"<script>alert('title')</script> Hostile\"\nurl: javascript:alert(1)\n---\n"
        f"“<b>Bold</b> claim here,” said <i>Eve</i> Mallory, a tester.\n\n{lines}\n",
        encoding="utf-8",
    )


def write_awkward_but_usable(seeds: Path) -> None:
    title = "Tram line extension approved"
    (seeds / "cp1252.txt").write_bytes(
        f"{title} in cp1252\n\n“We waited years for this,” said Anna Berg, a local resident.\n\n{PARAGRAPH}\n".encode(
            "cp1252"
        )
    )
    (seeds / "utf16.txt").write_bytes(f"{title} in UTF-16\n\n{PARAGRAPH}\n".encode("utf-16"))
    (seeds / "no people.txt").write_text(f"Quiet news\n\n{PARAGRAPH}\n", encoding="utf-8")
    sentences = [
        f"In district {n}, the line would pass {n * 3} stops and carry {n * 1000} riders a day."
        for n in range(1, 420)
    ]
    (seeds / "long paragraph.txt").write_text(
        "One long paragraph\n\n" + " ".join(sentences) + "\n", encoding="utf-8"
    )
    (seeds / "broken front matter.md").write_text(
        f"---\ntitle: [unclosed\ndate: 2023-01-01\n---\n# {title} broken\n\n{PARAGRAPH}\n",
        encoding="utf-8",
    )
    (seeds / "wrong types.md").write_text(
        f"---\ntitle: {title} typed\ndate: next Tuesday\nflavour: lemon\n---\n{PARAGRAPH} Typed.\n",
        encoding="utf-8",
    )
    (seeds / "same title a.txt").write_text(f"Same Title\n\n{PARAGRAPH} A.\n", encoding="utf-8")
    (seeds / "same title b.txt").write_text(f"Same Title\n\n{PARAGRAPH} B.\n", encoding="utf-8")
    (seeds / "traversal.md").write_text(
        f"---\ntitle: ../../../etc/passwd/..\n---\n{PARAGRAPH} Traversal.\n", encoding="utf-8"
    )
    (seeds / "titled index.txt").write_text(f"Index\n\n{PARAGRAPH} Titled.\n", encoding="utf-8")
    (seeds / "controls.txt").write_text(
        f"Ignored headline\n\nThe mayor of Ex\u00adample\u202e said the fund\ufffe was ready. {PARAGRAPH}\n",
        encoding="utf-8",
    )
    (seeds / "controls.meta.yaml").write_text(
        'title: "Budget\\x01 vote\\uFFFE passes \\u202Eexe.pdf"\n'
        'publisher: "Acme\\x07 News\\uD800"\ndate: 2023-05-04\n',
        encoding="utf-8",
    )
    (seeds / "Ünïcode näme with spaces.txt").write_text(
        f"Zürich café opens\n\n{PARAGRAPH} Zürich.\n", encoding="utf-8"
    )
    (seeds / "unbalanced.txt").write_text(
        f"Unbalanced marks\n\n“This quotation never closes, said Jonas Weber.\n\n{PARAGRAPH}\n\n"
        f"{PARAGRAPH} Again, with another sentence after the open quotation.\n",
        encoding="utf-8",
    )


def mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_project(project: Path) -> subprocess.CompletedProcess:
    """The project's mkdocs.yml beside `project`'s seeds, built with `mkdocs build --strict`."""
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    return mkdocs(project, "--strict")


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("bad")
    seeds = project / "seeds"
    seeds.mkdir()
    for name in GOOD_SEEDS:
        shutil.copy(ROOT / "seeds" / name, seeds / name)
    shutil.copy(ROOT / "seeds" / "topics.yaml", seeds / "topics.yaml")
    expected = write_cases(seeds)
    write_awkward_but_usable(seeds)
    write_hostile(seeds)
    expected["leak.txt"] = "points outside the seeds folder"
    result = build_project(project)
    return project, expected, result


def test_the_site_still_builds_strictly(bad_site):
    _, _, result = bad_site
    assert result.returncode == 0, result.stderr


def test_every_bad_file_is_reported_with_reason_and_action(bad_site):
    project, expected, _ = bad_site
    report = (project / "docs" / "problems.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].lstrip("| ").strip(): line for line in report.splitlines()}
    for name, reason in expected.items():
        assert name in rows, f"{name} missing from the seed report"
        assert reason in rows[name].lower(), rows[name]
    assert "001\\_bbc7442c2c936912.txt" in rows["duplicate.txt"]  # names the first copy
    assert (project / "site" / "problems" / "index.html").exists()


def test_every_usable_article_is_on_the_site(bad_site):
    project, expected, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    sources = {b["source"] for b in data["briefs"]}
    usable = {p.name for p in (project / "seeds").iterdir() if p.suffix in {".txt", ".md"}}
    assert sources == usable - set(expected)
    for brief in data["briefs"]:
        assert (project / "site" / "briefs" / brief["slug"] / "index.html").exists()


def test_same_titles_get_distinct_pages_and_paths_stay_inside(bad_site):
    project, _, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    slugs = [b["slug"] for b in data["briefs"]]
    assert len(slugs) == len(set(slugs))
    assert {"same-title", "same-title-2"} <= set(slugs)
    assert all("/" not in slug and ".." not in slug for slug in slugs)
    assert not (project / "etc").exists() and not (project.parent / "etc").exists()


def test_encodings_and_metadata_problems_become_warnings_on_the_brief(bad_site):
    project, _, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    by_source = {b["source"]: b for b in data["briefs"]}
    cp1252 = by_source["cp1252.txt"]
    assert any("cp1252" in w for w in cp1252["warnings"])
    assert any(q["text"] == "We waited years for this" for q in cp1252["quotes"])
    assert by_source["utf16.txt"]["title"] == "Tram line extension approved in UTF-16"
    assert by_source["broken front matter.md"]["warnings"]
    typed = by_source["wrong types.md"]
    assert typed["date"] is None
    assert any("flavour" in w for w in typed["warnings"])
    assert any("date" in w for w in typed["warnings"])


def test_an_unclosed_quotation_does_not_swallow_the_article(bad_site):
    project, _, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    brief = next(b for b in data["briefs"] if b["source"] == "unbalanced.txt")
    assert all("tram line" not in q["text"] for q in brief["quotes"])
    # the paragraphs after the open mark are still the article's own: its summary (the one
    # claim-worthy sentence, printed twice, is all it claims)
    assert "tram line" in brief["summary"] + " ".join(c["text"] for c in brief["claims"])


def test_strict_seeds_fails_the_build_on_request(bad_site, tmp_path):
    project, _, _ = bad_site
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "strict.yml").write_text(
        config.replace("strict_seeds: false", "strict_seeds: true"), encoding="utf-8"
    )
    result = mkdocs(project, "-f", "strict.yml", "-d", str(tmp_path))
    assert result.returncode != 0
    assert "strict_seeds" in result.stderr


def test_a_malformed_topic_file_is_reported_and_the_site_builds(tmp_path):
    project = tmp_path
    seeds = project / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / GOOD_SEEDS[0], seeds / GOOD_SEEDS[0])
    (seeds / "topics.yaml").write_text(
        "topics:\n  - {id: a, name: A, terms: [x]}\n  - {id: a, name: B, terms: [y]}\n",
        encoding="utf-8",
    )
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    report = (project / "docs" / "problems.md").read_text(encoding="utf-8")
    assert "topics.yaml" in report and "repeats the id" in report


class ElementCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def test_hostile_text_adds_no_element_attribute_or_link_to_any_page(bad_site):
    project, _, _ = bad_site
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        collector = ElementCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in collector.elements:
            where = f"{page.relative_to(project)}: <{tag} {attrs}>"
            if tag == "img":  # only the site's own pictures, drawn by the generator
                assert attrs.get("class") == "briefing-picture", where
                assert re.fullmatch(
                    r"(\.\./)*pictures/[a-z-]+\.svg#only-(light|dark)", attrs["src"]
                ), where
                continue
            assert tag not in {"iframe", "object", "embed", "b", "i"}, where
            assert not any(name.startswith("on") for name in attrs), where
            assert "javascript:" not in (attrs.get("href") or "").lower(), where
            assert attrs.get("id") != "evil", where
            if tag == "script":
                source = attrs.get("src") or ""  # Material's bundle, or the site's own scripts
                assert not source or re.search(
                    r"assets/(javascripts/|(briefing|search)\.js$)", source
                ), where
        text = page.read_text(encoding="utf-8")
        assert 'class="admonition danger"' not in text  # "!!! danger" stayed text
        assert "alert('body')</script>" not in text
        assert "alert('title')</script>" not in text


def test_hostile_text_is_shown_as_text(bad_site):
    project, _, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    brief = next(b for b in data["briefs"] if b["source"] == "hostile.md")
    page = (project / "site" / "briefs" / brief["slug"] / "index.html").read_text(encoding="utf-8")
    visible = " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())
    for line in HOSTILE_LINES:
        if line.startswith("[click me]"):  # Markdown links in a .md seed keep their text only
            assert "click me and" in visible
            continue
        # HTML in a seed reads as the text it shows; a script is code, listed as removed.
        shown = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<script>.*?</script>", "", line)).split())
        assert shown in visible, line
    markup = [r["text"] for r in brief["removed"] if r["reason"] == "markup"]
    assert markup == ["<script>alert('body')</script>"]
    assert "“Bold claim here,” said Eve Mallory" in visible
    assert brief["url"] is None or "Original article" not in page


def test_a_link_to_a_file_outside_the_seeds_publishes_nothing_of_it(bad_site):
    project, _, _ = bad_site
    for folder in ("docs", "site"):
        for path in (project / folder).rglob("*"):
            if path.is_file() and path.suffix in {".md", ".html", ".json", ".xml", ".svg"}:
                assert SECRET not in path.read_text(encoding="utf-8"), path


def test_control_and_invisible_characters_never_reach_a_page_or_the_feed(bad_site):
    project, _, result = bad_site
    assert result.returncode == 0, result.stderr
    data = {"briefs": site_briefs(project / "docs")}
    brief = next(b for b in data["briefs"] if b["source"] == "controls.txt")
    assert (brief["title"], brief["publisher"]) == ("Budget vote passes exe.pdf", "Acme News")
    text = " ".join(paragraph["text"] for paragraph in brief["paragraphs"])
    assert "The mayor of Example said the fund was ready." in text
    assert any("invisible or direction-changing" in w for w in brief["warnings"])
    ElementTree.parse(project / "docs" / "feed.xml")  # well-formed XML
    for path in (project / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search("[\\x01\\x07\\ufffe\\u202e]", text), path


def test_a_brief_titled_index_does_not_take_the_listing_page(bad_site):
    project, _, _ = bad_site
    data = {"briefs": site_briefs(project / "docs")}
    brief = next(b for b in data["briefs"] if b["source"] == "titled index.txt")
    assert brief["slug"] == "index-2"
    listing = (project / "docs" / "briefs" / "index.md").read_text(encoding="utf-8")
    assert "Titled." not in listing and "index-2" in listing
