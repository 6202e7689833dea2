"""Ingest: the five real seeds against the hand-checked gold, and every kind of bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import decode
from generator.ingest import seeds as ingest
from generator.ingest.inference import canonical_publisher, load_publishers
from generator.ingest.seeds import discover_seeds, read_corpus, read_seed
from generator.model import Article, SeedProblem

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GOLD = Path("/work/shared/eval/seeds-gold.yaml")
SEED_NAMES = sorted(path.name for path in SEEDS.glob("*.txt"))

# Text that only boilerplate carries: none of it may reach a paragraph.
BOILERPLATE_MARKERS = (
    "Hide Ad",
    "myNEWS",
    "Photo:",
    "Getty Images",
    "Comment Guidelines",
    "©",
    "With assistance from",
    "(Updates with",
    "Learn more",
    "Visit Shots",
    "(Bloomberg) —",
)


@pytest.fixture(scope="module")
def gold() -> dict:
    if not GOLD.is_file():
        pytest.skip(f"{GOLD} is not available")
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    read = {name: read_seed(SEEDS / name, SEEDS) for name in SEED_NAMES}
    for name, article in read.items():
        assert isinstance(article, Article), f"{name}: {article}"
    return read  # type: ignore[return-value]


def seed_line(name: str, number: int) -> str:
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")[number - 1].strip()


# --- the five seeds -----------------------------------------------------------------------------


def test_the_corpus_holds_the_five_seeds() -> None:
    assert len(SEED_NAMES) == 5


@pytest.mark.parametrize("name", SEED_NAMES)
def test_title_matches_gold(name: str, articles: dict[str, Article], gold: dict) -> None:
    assert articles[name].title == gold[name]["title"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_publisher_matches_gold(name: str, articles: dict[str, Article], gold: dict) -> None:
    assert articles[name].publisher == gold[name]["publisher"]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_title_and_publisher_are_inferred_with_evidence(
    name: str, articles: dict[str, Article]
) -> None:
    article = articles[name]
    inferred = {inference.field: inference for inference in article.inferred}
    assert inferred["title"].value == article.title
    assert "line" in inferred["title"].evidence
    if article.publisher is None:
        assert "publisher" not in inferred
    else:
        assert inferred["publisher"].value == article.publisher
        assert inferred["publisher"].evidence


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("000_43e5b812922c8089.txt", "2023-08-08"),
        ("001_bbc7442c2c936912.txt", "2022-02-22"),
        ("002_9c86c3e8d812a450.txt", "2022-02-03"),
        ("003_90596ecd335d3845.txt", "2022-09-15"),
        ("004_4f9963ab703b9856.txt", "2023-03-21"),
    ],
)
def test_date_comes_from_the_sidecar(name: str, date: str, articles: dict[str, Article]) -> None:
    article = articles[name]
    assert article.date == date
    assert article.warnings == ()
    assert "date" not in {inference.field for inference in article.inferred}


@pytest.mark.parametrize("name", SEED_NAMES)
def test_no_boilerplate_reaches_a_paragraph(name: str, articles: dict[str, Article]) -> None:
    for paragraph in articles[name].paragraphs:
        for marker in BOILERPLATE_MARKERS:
            assert marker not in paragraph.text, f"{paragraph.id}: {marker!r}"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_removed_lines_are_not_paragraphs(name: str, articles: dict[str, Article]) -> None:
    article = articles[name]
    texts = {paragraph.text for paragraph in article.paragraphs}
    for removed in article.removed:
        if removed.reason not in ("duplicate", "dateline"):  # one copy of those stays, by design
            assert removed.text not in texts
        assert removed.text not in article.title or removed.reason == "duplicate"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_paragraphs_are_numbered_in_reading_order(name: str, articles: dict[str, Article]) -> None:
    paragraphs = articles[name].paragraphs
    assert [paragraph.id for paragraph in paragraphs] == [
        f"p{n}" for n in range(1, len(paragraphs) + 1)
    ]
    lines = [paragraph.line for paragraph in paragraphs]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for paragraph in paragraphs:
        assert paragraph.text and paragraph.text == paragraph.text.strip()


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("000_43e5b812922c8089.txt", 7),
        ("000_43e5b812922c8089.txt", 36),
        ("000_43e5b812922c8089.txt", 54),
        ("001_bbc7442c2c936912.txt", 3),
        ("001_bbc7442c2c936912.txt", 37),
        ("002_9c86c3e8d812a450.txt", 11),
        ("002_9c86c3e8d812a450.txt", 41),
        ("002_9c86c3e8d812a450.txt", 82),
        ("002_9c86c3e8d812a450.txt", 83),
        ("003_90596ecd335d3845.txt", 11),
        ("003_90596ecd335d3845.txt", 27),
        ("003_90596ecd335d3845.txt", 116),
        ("004_4f9963ab703b9856.txt", 8),
        ("004_4f9963ab703b9856.txt", 23),
        ("004_4f9963ab703b9856.txt", 65),
    ],
)
def test_known_body_paragraphs_survive_intact(
    name: str, line: int, articles: dict[str, Article]
) -> None:
    by_line = {paragraph.line: paragraph for paragraph in articles[name].paragraphs}
    assert by_line[line].text == seed_line(name, line)
    assert by_line[line].kind == "body"


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        (
            "002_9c86c3e8d812a450.txt",
            "'Old friends' Xi and Putin agree to build China-Russia ties in virtual talks ahead "
            "of Olympics",
        ),
        (
            "002_9c86c3e8d812a450.txt",
            "Russian troops arrive in Kazakhstan as president issues ‘fire without warning’ order",
        ),
        (
            "003_90596ecd335d3845.txt",
            "Xi Jinping and Vladimir Putin speak in person for first time since Russia invaded "
            "Ukraine",
        ),
        (
            "003_90596ecd335d3845.txt",
            "‘Impossible to occupy our people’: Zelensky visits town Ukraine recaptured from "
            "Russian forces",
        ),
        (
            "003_90596ecd335d3845.txt",
            "Vladimir Putin oversees multinational military drills in Russia’s far east",
        ),
    ],
)
def test_related_headlines_printed_twice_are_gone(
    name: str, headline: str, articles: dict[str, Article]
) -> None:
    article = articles[name]
    assert all(headline not in paragraph.text for paragraph in article.paragraphs)
    copies = [removed for removed in article.removed if removed.text == headline]
    assert [removed.reason for removed in copies] == ["related-headline", "related-headline"]


def test_bloomberg_standfirst_is_kept_once_and_its_dateline_goes(
    articles: dict[str, Article],
) -> None:
    article = articles["000_43e5b812922c8089.txt"]
    standfirst = seed_line("000_43e5b812922c8089.txt", 3)
    assert article.paragraphs[0].text == standfirst
    assert [p.text for p in article.paragraphs].count(standfirst) == 1
    reasons = {(removed.line, removed.reason): removed.text for removed in article.removed}
    assert reasons[(5, "dateline")] == "(Bloomberg) —"
    assert reasons[(5, "duplicate")] == standfirst


def test_subheads_are_headings_and_body_stays_body(articles: dict[str, Article]) -> None:
    headings = {
        name: [p.text for p in article.paragraphs if p.kind == "heading"]
        for name, article in articles.items()
    }
    assert headings["000_43e5b812922c8089.txt"] == ["Military Exercises", "Online Outrage"]
    assert headings["004_4f9963ab703b9856.txt"] == [
        "Is China an ally of Russia?",
        "Does China support the war in Ukraine?",
    ]
    for name in ("001_bbc7442c2c936912.txt", "002_9c86c3e8d812a450.txt"):
        assert headings[name] == []


def test_bullets_opening_the_article_are_its_highlights_without_the_bullet(
    articles: dict[str, Article],
) -> None:
    # SCMP's two summary bullets under the headline: the publisher's highlights, kept apart
    article = articles["003_90596ecd335d3845.txt"]
    highlights = [r for r in article.removed if r.reason == "highlight"]
    assert [(r.line, r.text) for r in highlights] == [
        (9, seed_line("003_90596ecd335d3845.txt", 9).strip().removeprefix("• ")),
        (10, seed_line("003_90596ecd335d3845.txt", 10).strip().removeprefix("• ")),
    ]
    assert highlights[1].text.startswith("Putin said he understood")
    assert article.paragraphs[0].line == 11
    assert article.paragraphs[0].text.startswith("Xi Jinping told Vladimir Putin on Thursday")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "000_43e5b812922c8089.txt",
            {
                "dateline": 1,
                "duplicate": 1,
                "assistance-line": 1,
                "update-note": 1,
                "promo": 1,
                "copyright": 1,
            },
        ),
        ("001_bbc7442c2c936912.txt", {"tags": 1, "caption": 1}),
        (
            "002_9c86c3e8d812a450.txt",
            {"kicker": 1, "promo": 3, "caption": 3, "related-headline": 6, "highlight": 2},
        ),
        (
            "003_90596ecd335d3845.txt",
            {"kicker": 1, "promo": 3, "caption": 1, "related-headline": 11, "highlight": 2},
        ),
        ("004_4f9963ab703b9856.txt", {"promo": 3, "caption": 3, "ad": 10, "comment-footer": 2}),
    ],
)
def test_removed_lines_per_reason(
    name: str, expected: dict[str, int], articles: dict[str, Article]
) -> None:
    counts: dict[str, int] = {}
    for removed in articles[name].removed:
        counts[removed.reason] = counts.get(removed.reason, 0) + 1
    assert counts == expected


def test_seed_hash_covers_the_seed_and_its_sidecar(articles: dict[str, Article]) -> None:
    name = "000_43e5b812922c8089.txt"
    seed = (SEEDS / name).read_bytes()
    sidecar = (SEEDS / name.replace(".txt", ".meta.yaml")).read_bytes()
    expected = hashlib.sha256(seed + b"\0sidecar\0" + sidecar).hexdigest()
    assert articles[name].content_hash == expected


def test_the_real_corpus_reads_with_one_caveat() -> None:
    """Every seed is used; the one whose text names no publisher is on the Seed report, with
    what to add to its sidecar."""
    articles, problems = read_corpus(SEEDS)
    assert [article.source for article in articles] == SEED_NAMES
    assert [(p.source, p.skipped, p.reason) for p in problems] == [
        ("001_bbc7442c2c936912.txt", False, "the text does not show its publisher")
    ]
    assert problems[0].action == "add publisher: … to its sidecar 001_bbc7442c2c936912.meta.yaml"


# --- bad input ----------------------------------------------------------------------------------

BODY = (
    "The central bank raised interest rates by half a point on Tuesday.\n\n"
    "Officials said inflation had proved more stubborn than expected.\n"
)
TEXT = "Central Bank Lifts Rates\n\n" + BODY


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read(folder: Path, name: str, content: bytes | str) -> Article | SeedProblem:
    return read_seed(write(folder, name, content), folder)


def read_article(folder: Path, name: str, content: bytes | str) -> Article:
    result = read(folder, name, content)
    assert isinstance(result, Article), result
    return result


def read_problem(folder: Path, name: str, content: bytes | str) -> SeedProblem:
    result = read(folder, name, content)
    assert isinstance(result, SeedProblem), result
    assert result.source == name and result.reason and result.action and result.skipped
    return result


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"   \n\t\n  \r\n", "whitespace"),
        ("\ufeff  \n".encode(), "whitespace"),
        (PNG, "binary"),
        (b"Central Bank Lifts Rates\n\nThe bank\x00 raised rates.\n", "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"\xff\xfeA\x00\x00\xd8", "UTF-16"),
    ],
)
def test_unusable_files_become_problems(tmp_path: Path, content: bytes, words: str) -> None:
    problem = read_problem(tmp_path, "bad.txt", content)
    assert words in problem.reason


def test_a_file_over_the_size_limit_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decode, "MAX_SEED_BYTES", 100)  # the reader's limit
    monkeypatch.setattr(ingest, "MAX_SEED_BYTES", 100)  # the seed cache's
    problem = read_problem(tmp_path, "big.txt", TEXT + "x" * 200)
    assert "limit" in problem.reason


def test_a_page_of_nothing_but_furniture_is_a_problem(tmp_path: Path) -> None:
    problem = read_problem(tmp_path, "ads.txt", "Advertisement\nHide Ad\n\nSign up now\n")
    assert "no article text" in problem.reason


def test_utf8_with_a_bom(tmp_path: Path) -> None:
    article = read_article(tmp_path, "bom.txt", b"\xef\xbb\xbf" + TEXT.encode())
    assert article.title == "Central Bank Lifts Rates"
    assert article.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_a_bom(tmp_path: Path, codec: str) -> None:
    data = TEXT.replace("bank", "banque’s").encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    article = read_article(tmp_path, "wide.txt", data)
    assert article.title == "Central Bank Lifts Rates"
    assert "banque’s" in article.paragraphs[0].text
    assert article.warnings == ()


def test_cp1252_curly_quotes_are_read_with_a_warning(tmp_path: Path) -> None:
    text = TEXT + "\n\u201cWe will act,\u201d the governor said. It\u2019s \u00e9t\u00e9.\n"
    article = read_article(tmp_path, "old.txt", text.encode("cp1252"))
    assert article.paragraphs[-1].text == "“We will act,” the governor said. It’s été."
    assert len(article.warnings) == 1
    assert "old.txt" in article.warnings[0] and "cp1252" in article.warnings[0]


# Old newsroom files in the code pages of their script; each must read as its own letters.
LEGACY_SEEDS = [
    (
        "cp1251",
        "Путин и Си Цзиньпин обсудили энергетику",
        "Президент России Владимир Путин заявил во вторник, что переговоры с Пекином "
        "продолжатся. Москва и Пекин подписали соглашение о сотрудничестве в области "
        "энергетики, сообщили в Кремле.",
    ),
    (
        "gb18030",
        "中俄签署能源合作协议",
        "中国外交部发言人周二表示，北京和莫斯科将继续加强合作。双方签署了能源领域的协议，"
        "并同意扩大贸易往来。",
    ),
    (
        "cp1250",
        "Łukaszenka spotkał się z delegacją",
        "Łukaszenka powiedział we wtorek, że rozmowy będą kontynuowane. Prezydent Białorusi "
        "spotkał się z delegacją. Według źródeł żadna ze stron nie chce ustąpić, a mediacja "
        "Chin może być kluczowa dla przyszłości regionu.",
    ),
]


@pytest.mark.parametrize(("encoding", "title", "body"), LEGACY_SEEDS)
def test_a_seed_in_a_legacy_code_page_reads_as_its_own_letters(
    tmp_path: Path, encoding: str, title: str, body: str
) -> None:
    article = read_article(tmp_path, "old.txt", f"{title}\n\n{body}\n".encode(encoding))
    read = [article.title, *(paragraph.text for paragraph in article.paragraphs)]
    assert title in read and body in read  # (a headline in Chinese is not told from the body)
    assert len(article.warnings) == 1 and encoding in article.warnings[0]


def test_english_in_cp1252_keeps_its_pound_sign_though_it_also_reads_as_cp1250(
    tmp_path: Path,
) -> None:
    text = "Fares rise\n\nA single ticket now costs \u00a33.50, up 20p, the operator said.\n"
    article = read_article(tmp_path, "fares.txt", text.encode("cp1252"))
    assert (
        article.paragraphs[0].text == "A single ticket now costs £3.50, up 20p, the operator said."
    )
    assert "cp1252" in article.warnings[0]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(tmp_path: Path, newline: str) -> None:
    unix = read_article(tmp_path, "unix.txt", TEXT)
    other = read_article(tmp_path, "other.txt", TEXT.replace("\n", newline))
    assert other.paragraphs == unix.paragraphs
    assert other.title == unix.title


def test_text_is_unicode_nfc(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 Owners Protest\n\nThe cafe\u0301 owners marched on Tuesday.\n"
    article = read_article(tmp_path, "nfc.txt", decomposed)
    assert article.title == "Caf\u00e9 Owners Protest"
    assert article.paragraphs[0].text == "The caf\u00e9 owners marched on Tuesday."


def test_source_is_the_relative_posix_path_even_with_spaces_and_accents(tmp_path: Path) -> None:
    article = read_article(tmp_path, "Économie/été 2023/un article.txt", TEXT)
    assert article.source == "Économie/été 2023/un article.txt"


# --- metadata -----------------------------------------------------------------------------------


def front(yaml_text: str, body: str = BODY) -> str:
    return f"---\n{yaml_text}---\n{body}"


def test_markdown_front_matter_sets_the_metadata(tmp_path: Path) -> None:
    article = read_article(
        tmp_path,
        "a.md",
        front(
            "title: Rates Rise Again\nsource: Example Daily\ndate: 2023-08-08\n"
            "url: https://example.com/rates\n"
        ),
    )
    assert (article.title, article.publisher, article.date, article.url) == (
        "Rates Rise Again",
        "Example Daily",
        "2023-08-08",
        "https://example.com/rates",
    )
    assert article.inferred == ()
    assert article.warnings == ()
    assert article.paragraphs[0].line == 7  # lines count from the top of the file


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2023-08-08", "2023-08-08"),
        ("'2023-08-08'", "2023-08-08"),
        ("2023-08-08T10:30:00Z", "2023-08-08"),
        ("8 August 2023", "2023-08-08"),
        ("Aug. 8, 2023", "2023-08-08"),
    ],
)
def test_dates_become_iso(tmp_path: Path, written: str, iso: str) -> None:
    article = read_article(tmp_path, "a.md", front(f"date: {written}\n", TEXT))
    assert article.date == iso
    assert article.warnings == ()


def test_broken_front_matter_warns_with_the_line_and_the_article_is_still_read(
    tmp_path: Path,
) -> None:
    article = read_article(tmp_path, "a.md", front("title: Fine\ndate: [2023\n", TEXT))
    assert article.title == "Central Bank Lifts Rates"
    assert article.date is None
    (warning,) = article.warnings
    assert "a.md" in warning and "line 3" in warning and "YAML" in warning


def test_front_matter_that_is_never_closed_is_read_as_text(tmp_path: Path) -> None:
    article = read_article(tmp_path, "a.md", "---\ntitle: Lost\n\n" + BODY)
    assert "never closed" in article.warnings[0]


@pytest.mark.parametrize(
    ("yaml_text", "field", "words"),
    [
        ("date: yesterday\n", "date", "not a valid date"),
        ("date: 2023-13-45\n", "date", "not a valid date"),
        ("date: 20230808\n", "date", "not a valid date"),
        ("title: [Rates, Rise]\n", "title", "not a valid title"),
        ("title: 42\n", "title", "not a valid title"),
        ("url: not a url\n", "url", "not a valid url"),
        ("mood: calm\n", None, "unknown key 'mood'"),
        ("- just\n- a list\n", None, "not key: value"),
    ],
)
def test_bad_metadata_values_warn_and_are_ignored(
    tmp_path: Path, yaml_text: str, field: str | None, words: str
) -> None:
    article = read_article(tmp_path, "a.md", front(yaml_text, TEXT))
    assert len(article.warnings) == 1 and words in article.warnings[0]
    assert "a.md" in article.warnings[0]
    assert article.title == "Central Bank Lifts Rates"
    assert article.date is None and article.url is None


def test_sidecar_metadata_for_a_txt_seed(tmp_path: Path) -> None:
    write(tmp_path, "a.meta.yaml", "publisher: Example Daily\ndate: 2022-02-22\nmood: calm\n")
    article = read_article(tmp_path, "a.txt", TEXT)
    assert (article.publisher, article.date) == ("Example Daily", "2022-02-22")
    assert "inferred" not in {i.field for i in article.inferred if i.field == "publisher"}
    (warning,) = article.warnings
    assert "a.meta.yaml" in warning and "mood" in warning


def test_a_broken_sidecar_warns_with_its_name_and_line(tmp_path: Path) -> None:
    write(tmp_path, "a.meta.yaml", "date: 2022-02-22\ntitle: : :\n")
    article = read_article(tmp_path, "a.txt", TEXT)
    assert article.date is None
    (warning,) = article.warnings
    assert "a.meta.yaml line 2" in warning


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    write(tmp_path, "a.meta.yaml", "title: !!python/object/apply:os.system ['echo unsafe']\n")
    article = read_article(tmp_path, "a.txt", TEXT)
    assert article.title == "Central Bank Lifts Rates"
    assert "broken YAML" in article.warnings[0]


def test_the_hash_changes_with_the_sidecar(tmp_path: Path) -> None:
    before = read_article(tmp_path, "a.txt", TEXT).content_hash
    assert before == hashlib.sha256(TEXT.encode()).hexdigest()
    write(tmp_path, "a.meta.yaml", "date: 2022-02-22\n")
    after = read_article(tmp_path, "a.txt", TEXT).content_hash
    assert after != before


def test_a_known_title_is_not_repeated_as_a_paragraph(tmp_path: Path) -> None:
    text = front("title: Central Bank Lifts Rates\n", "# Central Bank Lifts Rates\n\n" + BODY)
    article = read_article(tmp_path, "a.md", text)
    assert article.title == "Central Bank Lifts Rates"
    assert article.paragraphs[0].text.startswith("The central bank")


# --- inference ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("WASHINGTON (AP) — The central bank raised rates.\n\nOfficials agreed.", "The Associated Press"),
        ("(Reuters) - The central bank raised rates.\n\nOfficials agreed.", "Reuters"),
        ("The central bank raised rates.\n\nCopyright 2023 The Associated Press. All rights reserved.", "The Associated Press"),
        ("The central bank raised rates.\n\n© 2024 Example Media Ltd. All rights reserved.", "Example Media"),
        ("The central bank raised rates.\n\nGet more with myNEWS\nLearn more", "South China Morning Post"),
        ("The central bank raised rates, the Wall Street Journal reported.\n\nOfficials agreed.", None),
        ("The bank raised rates.\n\nBank chief Photo: GREG BAKER/AFP via Getty Images", None),
    ],
)  # fmt: skip
def test_publisher_inferred_from_datelines_copyright_and_brands(
    tmp_path: Path, text: str, publisher: str | None
) -> None:
    article = read_article(tmp_path, "a.txt", "Central Bank Lifts Rates\n\n" + text)
    assert article.publisher == publisher


def test_a_full_date_in_a_dateline_is_used_and_a_partial_one_is_not(tmp_path: Path) -> None:
    full = "LONDON, Aug. 8, 2023 (Reuters) - The central bank raised rates.\n\nOfficials agreed."
    article = read_article(tmp_path, "a.txt", "Central Bank Lifts Rates\n\n" + full)
    assert article.date == "2023-08-08"
    assert any(i.field == "date" and "dateline" in i.evidence for i in article.inferred)
    partial = full.replace("Aug. 8, 2023", "Aug. 8")
    article = read_article(tmp_path, "b.txt", "Central Bank Lifts Rates\n\n" + partial)
    assert article.date is None


def test_a_page_without_a_headline_is_titled_from_the_file_name(tmp_path: Path) -> None:
    long_opening = (
        "The central bank raised interest rates by half a point on Tuesday, its third rise this "
        "year, as inflation proved more stubborn than officials had expected and the currency "
        "kept sliding against the dollar despite repeated promises of action."
    )
    article = read_article(tmp_path, "rates_rise-again.txt", long_opening + "\n\nMore text here.")
    assert article.title == "rates rise again"
    assert article.inferred[0].field == "title"
    assert "file name" in article.inferred[0].evidence
    assert article.paragraphs[0].text == long_opening


# --- Markdown and layout ------------------------------------------------------------------------

HARD_WRAPPED = """\
---
date: 2023-08-08
---
# Central Bank Lifts Rates Again

The central bank raised interest rates by half a point on Tuesday, its
third rise this year, as inflation proved more stubborn than officials
had expected. Markets had priced in a smaller move.
The currency rose sharply after the announcement, according to
Example Daily, before falling back.

## What **comes** next

- Officials said more rises
  may follow.
* A decision on bond sales is due in [June](https://example.com/june).

![The governor](governor.jpg)
"""


def test_hard_wrapped_markdown_becomes_whole_paragraphs(tmp_path: Path) -> None:
    article = read_article(tmp_path, "wrapped.md", HARD_WRAPPED)
    assert article.title == "Central Bank Lifts Rates Again"
    assert [(p.text, p.line, p.kind) for p in article.paragraphs] == [
        (
            "The central bank raised interest rates by half a point on Tuesday, its third rise "
            "this year, as inflation proved more stubborn than officials had expected. Markets "
            "had priced in a smaller move. The currency rose sharply after the announcement, "
            "according to Example Daily, before falling back.",
            6,
            "body",
        ),
        ("What comes next", 12, "heading"),
        ("Officials said more rises may follow.", 14, "body"),
        ("A decision on bond sales is due in June.", 16, "body"),
    ]
    assert ("caption", "The governor") in {(r.reason, r.text) for r in article.removed}


def test_scraped_lines_without_blank_lines_stay_separate_paragraphs(tmp_path: Path) -> None:
    text = (
        "Central Bank Lifts Rates\n"
        "The central bank raised interest rates by half a point on Tuesday, its third rise this "
        "year, as inflation proved more stubborn than officials had expected.\n"
        "Officials said more rises may follow, and the currency rose sharply.\n"
        "Markets had priced in a smaller move, traders said.\n"
    )
    article = read_article(tmp_path, "a.txt", text)
    assert [p.line for p in article.paragraphs] == [2, 3, 4]


def test_a_scraped_line_broken_mid_sentence_is_joined(tmp_path: Path) -> None:
    text = (
        "Central Bank Lifts Rates\n\n"
        "The central bank raised interest rates by half a point on Tuesday, according to\n"
        "officials who spoke on condition of anonymity.\n"
    )
    article = read_article(tmp_path, "a.txt", text)
    assert len(article.paragraphs) == 1
    assert article.paragraphs[0].text.endswith(
        "according to officials who spoke on condition of anonymity."
    )


def test_a_short_body_sentence_is_not_a_heading(tmp_path: Path) -> None:
    text = TEXT + "\nHe declined to comment.\n\n“No,” she said.\n\nWhat Happens Now?\n"
    kinds = {p.text: p.kind for p in read_article(tmp_path, "a.txt", text).paragraphs}
    assert kinds["He declined to comment."] == "body"
    assert kinds["“No,” she said."] == "body"
    assert kinds["What Happens Now?"] == "heading"


# --- discovery and the corpus -------------------------------------------------------------------


def test_discover_seeds_finds_txt_and_md_sorted_by_relative_path(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.txt", "Sub2/z.TXT", "a.meta.yaml", "topics.yaml",
                 "notes.rtf", ".hidden/x.txt", "é/é.txt"]:  # fmt: skip
        write(tmp_path, name, TEXT)
    found = [path.relative_to(tmp_path).as_posix() for path in discover_seeds(tmp_path)]
    assert found == ["Sub2/z.TXT", "a.md", "b.txt", "sub/c.txt", "é/é.txt"]


def test_discover_seeds_counts_linked_files_but_does_not_follow_linked_folders(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    write(outside, "linked.txt", TEXT)
    write(outside, "folder/inside.txt", TEXT)
    seeds = tmp_path / "seeds"
    write(seeds, "own.txt", TEXT)
    write(seeds, ".draft.txt", TEXT)
    (seeds / "link.txt").symlink_to(outside / "linked.txt")
    (seeds / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    (seeds / "folder.txt").mkdir()  # a folder named like a seed is not one
    found = [path.relative_to(seeds).as_posix() for path in discover_seeds(seeds)]
    assert found == ["link.txt", "own.txt"]


def test_discover_seeds_in_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert discover_seeds(tmp_path / "nowhere") == []


def test_duplicate_texts_give_one_article_and_a_problem_naming_the_first(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "b/copy.txt", TEXT.replace("\n", "\r\n").encode("utf-16"))
    write(tmp_path, "c.txt", TEXT.replace("Tuesday", "Wednesday"))
    write(tmp_path, "d.txt", b"")
    articles, problems = read_corpus(tmp_path)
    assert [article.source for article in articles] == ["a.txt", "c.txt"]
    by_source = {problem.source: problem for problem in problems if problem.skipped}
    assert set(by_source) == {"b/copy.txt", "d.txt"}
    assert "a.txt" in by_source["b/copy.txt"].reason
    assert "a.txt" in by_source["b/copy.txt"].action


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_read_seed_never_raises(tmp_path: Path, data: bytes) -> None:
    for name in ("x.txt", "x.md"):
        result = read(tmp_path, name, data)
        assert isinstance(result, Article | SeedProblem)
        if isinstance(result, SeedProblem):
            assert not result.reason.startswith("unexpected error"), result.reason


def test_an_impossible_date_costs_only_the_date(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.meta.yaml",
        "title: Kept title\npublisher: Example Daily\nurl: https://example.com/a\ndate: 9999-02-30\n",
    )
    article = read_article(tmp_path, "a.txt", TEXT)
    assert (article.title, article.publisher, article.url) == (
        "Kept title",
        "Example Daily",
        "https://example.com/a",
    )
    assert article.date is None
    assert any("9999-02-30" in warning for warning in article.warnings)


def test_a_line_shaped_like_a_link_definition_but_holding_words_stays_text(tmp_path: Path) -> None:
    text = TEXT + "\n[Update]: The minister resigned on Friday.\n\n[1]: https://example.com/a\n"
    article = read_article(tmp_path, "a.md", text)
    assert "[Update]: The minister resigned on Friday." in [p.text for p in article.paragraphs]
    assert ("link-definition", "[1]: https://example.com/a") in {
        (r.reason, r.text) for r in article.removed
    }


def test_a_yaml_alias_bomb_in_a_sidecar_is_refused_at_once(tmp_path: Path) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]" for n in range(8)
    ]
    write(tmp_path, "a.meta.yaml", "\n".join(levels) + "\ntitle: *i\n")
    article = read_article(tmp_path, "a.txt", TEXT)
    assert article.title == "Central Bank Lifts Rates"
    (warning,) = article.warnings
    assert "aliases (*name) are not allowed here" in warning and "metadata ignored" in warning


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "2301-05-04"])
def test_a_date_outside_1800_to_2099_is_not_a_publication_date(tmp_path: Path, date: str) -> None:
    """Such a date would stretch the coverage chart over thousands of yearly columns."""
    write(tmp_path, "a.meta.yaml", f"publisher: Example Daily\ndate: {date}\n")
    article = read_article(tmp_path, "a.txt", TEXT)
    assert (article.publisher, article.date) == ("Example Daily", None)
    assert any(date in warning and "not a valid date" in warning for warning in article.warnings)


def test_entries_that_cannot_be_seeds_are_reported_not_skipped(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write(seeds, "own.txt", TEXT)
    (seeds / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (seeds / "loop.md").symlink_to(seeds / "loop.md")
    os.mkfifo(seeds / "pipe.txt")
    (tmp_path / "elsewhere").mkdir()
    (seeds / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    articles, problems = read_corpus(seeds)
    assert [article.source for article in articles] == ["own.txt"]
    reasons = {problem.source: problem.reason for problem in problems if problem.skipped}
    assert set(reasons) == {"dangling.txt", "loop.md", "pipe.txt", "linked-folder"}
    assert reasons["linked-folder"].startswith("a link to a folder")
    assert reasons["pipe.txt"].startswith("not a regular file")


def test_a_text_without_paragraph_breaks_is_read_in_pieces_at_sentence_ends(tmp_path: Path) -> None:
    text = "".join(
        f"The council approved budget line {n} for the harbour on Monday. " for n in range(3000)
    )
    article = read_article(tmp_path, "a.txt", "Budget passes\n\n" + text + "\n")
    count = len(article.paragraphs)
    assert count == len(text) // 10_000 + 1  # about 200,000 characters, at most 10,000 in each
    assert all(len(p.text) <= 10_000 and p.text.endswith("Monday.") for p in article.paragraphs)
    assert " ".join(p.text for p in article.paragraphs) == text.strip()
    assert any(f"read as {count} paragraphs" in warning for warning in article.warnings)


def test_a_text_longer_than_any_article_is_refused_with_the_reason(tmp_path: Path) -> None:
    write(tmp_path, "book.txt", "A book\n\n" + "Chapter text goes on. " * 20_000)
    problem = read_seed(tmp_path / "book.txt", tmp_path)
    assert isinstance(problem, SeedProblem)
    assert "over the 300,000 of the longest news article" in problem.reason
    assert problem.action == "split it into one file per article"


def test_an_article_not_in_english_is_used_with_a_caveat(tmp_path: Path) -> None:
    write(
        tmp_path,
        "de.txt",
        "Stadtrat beschließt Haushalt\n\nDer Stadtrat hat am Montag den Haushalt für das kommende "
        "Jahr beschlossen. Die Opposition kritisierte die hohen Ausgaben für den Hafen, während "
        "die Regierung von einer notwendigen Investition sprach.\n",
    )
    write(tmp_path, "en.txt", TEXT)
    articles, problems = read_corpus(tmp_path)
    assert [a.source for a in articles] == ["de.txt", "en.txt"]
    language = [p for p in problems if "does not read as English" in p.reason]
    assert [(p.source, p.skipped) for p in language] == [("de.txt", False)]


def test_a_statement_in_emphasis_over_paragraphs_loses_its_unpaired_marks(tmp_path: Path) -> None:
    text = (
        "---\npubDate: 2019-06-28\n---\n# Board Welcomes New Members\n\n"
        "Chairman Adam Klein has released the following statement:\n\n"
        "***“We congratulate our newly confirmed future colleagues.\n\n"
        "***“We look forward to working with our new colleagues.”\n"
    )
    article = read_article(tmp_path, "board.md", text)
    assert article.date == "2019-06-28"  # a site generator's `pubDate`
    assert [p.text for p in article.paragraphs][1:] == [
        "“We congratulate our newly confirmed future colleagues.",
        "“We look forward to working with our new colleagues.”",
    ]


def test_a_release_names_its_issuer_as_publisher(tmp_path: Path) -> None:
    text = (
        "# National Council on Disability Releases Its Annual Report\n\n"
        "**WASHINGTON—**The National Council on Disability (NCD) today released its annual "
        "report, noting progress where it has occurred.\n\n"
        "The report makes further recommendations to the executive and legislative branches.\n"
    )
    article = read_article(tmp_path, "ncd.md", text)
    assert article.publisher == "National Council on Disability"
    assert article.paragraphs[0].text.startswith("WASHINGTON—The National Council")  # no "**"
    assert "today" in article.inferred[-1].evidence


def test_a_release_lead_after_a_dateline_with_its_date_names_the_issuer(tmp_path: Path) -> None:
    # Defense Digital Service release (dev corpus): the date stands in the dateline.
    text = (
        "# New Director to Expand Technology Initiatives\n\n"
        "WASHINGTON — April 23, 2019 —The National Science Foundation announced today that Jane "
        "Doe has been appointed director of its digital service.\n\n"
        "The service brings technologists into government for short tours of duty.\n"
    )
    assert read_article(tmp_path, "a.md", text).publisher == "National Science Foundation"


def test_a_headline_names_the_publisher_only_beside_a_release_marker(tmp_path: Path) -> None:
    body = (
        "The Senate has confirmed the nominations of two new members of the board, which will "
        "have a full slate of members for the first time since 2016.\n"
    )
    release = "# Oversight Board Welcomes Senate Confirmation\n\nFor Immediate Release\n\n" + body
    assert read_article(tmp_path, "a.md", release).publisher == "Oversight Board"
    news = "# Supreme Court Rules on Board Nominations\n\n" + body
    assert read_article(tmp_path, "b.md", news).publisher is None  # a newspaper's headline


def test_a_republication_note_closing_the_text_names_the_publisher(tmp_path: Path) -> None:
    text = (
        "Nations Weigh an International Body to Oversee AI\n\n"
        "Artificial intelligence will have serious societal impact globally, and powerful actors "
        "will have an outsized influence on the content of its regulation. This article is "
        "republished from The Conversation under a Creative Commons license. Read the original "
        "article .\n"
    )
    article = read_article(tmp_path, "ai.txt", text)
    assert article.publisher == "The Conversation"
    assert article.paragraphs[-1].text.endswith("content of its regulation.")
    assert [r.reason for r in article.removed] == ["publication-note"]


def test_a_releases_numbered_marker_and_acronym_headline_name_the_issuer(tmp_path: Path) -> None:
    text = (
        "NASA Selects Texas A&M as First Approved Exploration Park Facility\n"
        " Feb. 15, 2024\n\nRELEASE: J24-003\n\n"
        "NASA and the Texas A&M University System announced an agreement Thursday, Feb. 15, to "
        "lease underutilized land in Exploration Park at the agency’s Johnson Space Center.\n\n"
        "The lease agreement will allow the A&M System and others to use the land for research.\n"
    )
    article = read_article(tmp_path, "nasa.md", text)
    assert article.publisher == "NASA"
    assert any("RELEASE: J24-003" in i.evidence for i in article.inferred)


def test_a_posts_picture_address_is_not_joined_to_its_text() -> None:
    # Global Voices tweets: text, then "pic.twitter.com/…" on a line of its own or closing the
    # text's line, then the sign-off.
    dev = Path(__file__).resolve().parent / "corpus" / "dev"
    article = read_seed(dev / "globalvoices-undated-kenya-women-online-harassment.txt", dev)
    assert not any("pic.twitter.com" in paragraph.text for paragraph in article.paragraphs)
    removed = {(r.text, r.reason) for r in article.removed}
    assert ("pic.twitter.com/mqXDt0GkAK", "embed") in removed  # a line of its own
    assert ("pic.twitter.com/x7qP3nuPeS", "embed") in removed  # closing the text's line


def test_the_language_check_is_worked_out_once_with_the_seed(tmp_path: Path) -> None:
    # A rebuild under serve takes 10,000 seeds from cache: their language check comes with them.
    seed = tmp_path / "report.txt"
    seed.write_text(TEXT, encoding="utf-8")
    entry = ingest.read_seed_entry(seed, tmp_path)
    assert entry.english_share == ingest.english_share(entry.outcome) > ingest.MIN_ENGLISH_SHARE


def test_an_article_about_another_outlet_does_not_take_its_name(tmp_path: Path) -> None:
    text = (
        "North Korea Expels Foreign Journalists\n\n"
        "North Korea has expelled a team of three journalists, the government said on Monday.\n\n"
        "One of the reporters told the BBC he had been held for eight hours. The BBC spoke to "
        "officials in Pyongyang, who declined to give a reason.\n\n"
        "Reuters could not independently verify the account, and the ministry did not respond "
        "to Reuters' request for comment.\n"
    )
    # Two newsrooms report in their own names: neither is taken.
    assert read_article(tmp_path, "a.txt", text).publisher is None
    once = text.split("\n\nReuters")[0].replace("The BBC spoke to officials", "Officials")
    # Only cited ("told the BBC"), never reporting in its own name: not the publisher.
    assert read_article(tmp_path, "b.txt", once + "\n").publisher is None


def test_a_newsroom_that_speaks_to_someone_once_in_its_own_name_is_the_publisher(
    tmp_path: Path,
) -> None:
    text = (
        "Privacy Tools for Everyone\n\n"
        "A French engineer has built a phone system that sends no data to advertisers.\n\n"
        "Global Voices spoke to him to understand how technology shapes lives.\n"
    )
    assert read_article(tmp_path, "a.txt", text).publisher == "Global Voices"
    # Another outlet cited in the same text: the one mention decides nothing.
    cited = text + "\nHis brother told the BBC that the project had no investors.\n"
    assert read_article(tmp_path, "b.txt", cited).publisher is None


def test_a_lede_that_dates_its_today_dates_the_text(tmp_path: Path) -> None:
    # GOV.UK's drug-driving release (a new dev article) opens so; nothing else dates it.
    text = (
        "Drug driving limits approved\n\n"
        "Today (27 March 2014) the government’s ambition to create a new drug drive limit moved "
        "a step closer following the results of 2 public consultations.\n"
    )
    assert read_article(tmp_path, "a.txt", text).date == "2014-03-27"
    undated = text.replace("Today (27 March 2014)", "Today")
    assert read_article(tmp_path, "b.txt", undated).date is None


def test_a_wire_services_dateline_names_it_by_its_full_name(tmp_path: Path) -> None:
    text = (
        "Gulf War created need for better critical care\n\n"
        "FALLS CHURCH, Va. (AFNS) -- January 2016 marks the 25th anniversary of Desert Storm, "
        "and also a turning point for the critical care teams.\n"
    )
    assert read_article(tmp_path, "a.txt", text).publisher == "Air Force News Service"


def test_only_a_periodicals_name_heads_an_issue(tmp_path: Path) -> None:
    body = "The committee met on Tuesday and approved the budget for the coming year.\n"
    issue = read_article(tmp_path, "a.txt", "The Harbour Gazette for March 20, 2024\n\n" + body)
    assert (issue.publisher, issue.date) == ("The Harbour Gazette", "2024-03-20")
    news = read_article(tmp_path, "b.txt", "Weather Forecast for March 20, 2024\n\n" + body)
    assert news.publisher is None


def test_a_link_over_a_quotation_is_its_speakers_label_not_a_menu(tmp_path: Path) -> None:
    text = (
        "# What They Are Saying: Support for the Trade Action\n\n"
        "Leaders across the country praised the decision on Monday.\n\n"
        "[**Secretary of State Marco Rubio**](https://x.com/status/1)\n"
        "**:** “The only person trying to bring an end to this conflict is the President.”\n\n"
        "[Senator Jane Doe](https://x.com/status/2)\n\n"
        "“This is a great day for American workers and their families.”\n\n"
        "  * [About Us](https://example.org/about)\n"
        "  * [Donate](https://example.org/donate)\n"
    )
    article = read_article(tmp_path, "a.md", text)
    assert [p.text for p in article.paragraphs][1] == (
        "Secretary of State Marco Rubio: “The only person trying to bring an end to this "
        "conflict is the President.”"
    )
    removed = {r.text: r.reason for r in article.removed}
    assert removed["About Us"] == "site-chrome"  # a list of links: a menu
    assert removed.get("Senator Jane Doe") != "site-chrome"  # a lone link with words: a label


def test_a_hard_wrapped_line_opening_on_an_ellipsis_carries_the_quotation_on(
    tmp_path: Path,
) -> None:
    text = (
        "Reactions\n\n"
        "“It’s not clear that the envoy truly wants to stop the fighting. He came\n"
        "in, even though he was warned not to, determined to litigate all of that\n"
        "… This was the wrong approach, wrong time in history, and definitely the\n"
        "wrong moment to try to do this.”\n\n"
        "The meeting ended early and the two delegations left without a statement.\n"
    )
    article = read_article(tmp_path, "a.txt", text)
    assert any("all of that … This was the wrong approach" in p.text for p in article.paragraphs)


def test_a_line_that_introduces_a_quotation_under_a_caption_is_text(tmp_path: Path) -> None:
    text = (
        "The president at a forum in 2012 CC BY-SA 2.0\n"
        "Although the constitution allows two terms, the president announced a bid for a third, "
        "and a journalist reported parts of a speech he made in March:\n"
        "«Je laisse mon manteau de président de côté. Je prends mon manteau de militant», "
        "«… Soyez prêts à l’affrontement… »\n"
        "I will be taking off my president's hat. I am putting on my activist's hat. Be ready "
        "for confrontation.\n"
        "The opposition called the speech a threat to the peace of the country and asked the "
        "courts to rule on the third term before the vote.\n"
        "The electoral commission said it would publish the calendar of the vote in June.\n"
        "Observers from the regional bloc are expected in the capital before the campaign.\n"
        "The last election was marred by disputes over the count in several districts.\n"
    )
    article = read_article(tmp_path, "a.txt", text)
    kept = [p.text for p in article.paragraphs]
    assert kept[0].startswith("Although the constitution allows two terms")
    assert kept[1].startswith("«Je laisse")
    assert [r.reason for r in article.removed] == ["caption"]


@pytest.mark.parametrize(
    ("lead", "issuer"),
    [
        (
            "**WASHINGTON**– The U.S. Department of the Treasury’s Office of Foreign Assets "
            "Control (OFAC), in consultation with the Department of State, today designated seven "
            "oligarchs.",
            "U.S. Department of the Treasury",
        ),
        (
            "**Washington**—This week the Treasury Department convened the first meeting of a new "
            "partnership against illicit finance.",
            "U.S. Department of the Treasury",
        ),
        (
            "WASHINGTON- Today, the U.S. Department of the Treasury’s Office of Foreign Assets "
            "Control (OFAC) took action against the Central Bank.",
            "U.S. Department of the Treasury",
        ),
        (
            "WASHINGTON – The Justice Department announced today the unsealing of a warrant "
            "authorizing the seizure of 41 internet domains.",
            "U.S. Department of Justice",
        ),
    ],
)
def test_a_releases_lead_names_the_department_whose_office_acted(
    tmp_path: Path, lead: str, issuer: str
) -> None:
    text = (
        "# The Department Acts Against Illicit Finance\n\n"
        f"{lead}\n\n"
        "The action follows months of work with partners in the region and abroad.\n"
    )
    assert read_article(tmp_path, "t.md", text).publisher == issuer


def test_a_newspapers_lead_with_the_day_names_no_publisher(tmp_path: Path) -> None:
    text = (
        "# Sanctions on Oligarchs\n\n"
        "WASHINGTON — The Treasury Department on Tuesday imposed sanctions on seven oligarchs.\n\n"
        "The measures follow months of work with partners in the region and abroad.\n"
    )
    assert read_article(tmp_path, "n.md", text).publisher is None


def test_a_publishers_name_is_known_with_or_without_the_stops_of_initials() -> None:
    table = load_publishers()
    assert canonical_publisher("US Census Bureau", table) == "U.S. Census Bureau"
    assert canonical_publisher("SEC", table) == "Securities and Exchange Commission"


def test_an_iso_date_under_an_address_is_the_date_not_a_phone_number(tmp_path: Path) -> None:
    text = (
        "https://en.wikinews.org//wiki/Iran_admits_downing_Ukrainian_jet\n"
        "2020-01-13\n"
        "Iran admits downing Ukrainian jet, cites 'human error'\n\n"
        "On Saturday morning, representatives from Iran acknowledged their government had shot "
        "down a Ukrainian passenger jet near Tehran.\n"
    )
    article = read_article(tmp_path, "w.txt", text)
    assert (article.title, article.date) == (
        "Iran admits downing Ukrainian jet, cites 'human error'",
        "2020-01-13",
    )


def test_a_sites_typed_front_matter_fields_are_read(tmp_path: Path) -> None:
    text = (
        "---\n"
        'title: "A Decade of Partnership"\n'
        'dateline_str: "Jan 07, 2025"\n'
        'readtime_str: "3"\n'
        "---\n\n"
        "The service has worked with the agency for almost a decade on its claims process.\n"
    )
    assert read_article(tmp_path, "u.md", text).date == "2025-01-07"


def test_an_html_pages_h1_is_its_headline_under_an_offices_name(tmp_path: Path) -> None:
    text = (
        "<p>Office of the Spokesperson</p>\n\n"
        '<section class="hero">\n\t<div class="copy">\n\t\t<h1 class="headline">\n\n'
        "\t\t\tDepartment Launches Campaign on Court’s Threat to Sovereignty\n\t\t</h1>\n"
        '\t\t<p class="doctype">Media Note</p>\n\t</div>\n</section>\n'
        "<p>Today, the Secretary announced a sweeping campaign to dismantle the threat posed by "
        "the court to national sovereignty.</p>\n"
    )
    article = read_article(tmp_path, "s.txt", text)
    assert article.title == "Department Launches Campaign on Court’s Threat to Sovereignty"
    assert "Office of the Spokesperson" in {r.text for r in article.removed}


def test_a_front_matter_byline_names_the_publisher_only_when_it_is_one(tmp_path: Path) -> None:
    body = "The service has worked with the agency for almost a decade on its claims process.\n"
    org = '---\ntitle: "A Decade"\nbyline_str: "U.S. Digital Service"\n---\n\n' + body
    assert read_article(tmp_path, "a.md", org).publisher == "U.S. Digital Service"
    person = '---\ntitle: "A Decade"\nauthor: "Jane Doe"\n---\n\n' + body
    assert read_article(tmp_path, "b.md", person).publisher is None


def test_a_ministrys_document_type_marks_a_release_and_is_no_text(tmp_path: Path) -> None:
    text = (
        "# State Department Launches Campaign on Court’s Threat to Sovereignty\n\n"
        "Media Note\n\n"
        "Today, Secretary Jane Doe announced a sweeping campaign to dismantle the threat posed by "
        "the court to the country’s sovereignty.\n"
    )
    article = read_article(tmp_path, "s.md", text)
    assert article.publisher == "U.S. Department of State"
    assert "Media Note" not in [p.text for p in article.paragraphs]


def test_a_lone_link_to_a_document_closing_a_release_is_no_text(tmp_path: Path) -> None:
    text = (
        "# Treasury Sanctions Facilitators\n\n"
        "Today the Department designated six people for supporting the group’s operations.\n\n"
        "[Identifying information on the individuals designated today](https://example.gov/x).\n\n"
        "[Senator Jane Doe](https://example.com/status/2)\n\n"
        "“This is a great day for the workers of this country and their families.”\n"
    )
    article = read_article(tmp_path, "t.md", text)
    texts = [p.text for p in article.paragraphs]
    assert not any(t.startswith("Identifying information") for t in texts)
    assert "Senator Jane Doe" in " ".join(texts)  # a name over a quotation: its label


def test_an_office_writing_as_we_beside_its_name_is_the_publisher(tmp_path: Path) -> None:
    blog = (
        "# Making procurement easier\n\n"
        "We recently sat down with developer Jane Doe and asked her about 18F and procurement.\n\n"
        "She has worked on the search tool since it launched in March.\n"
    )
    assert read_article(tmp_path, "a.md", blog).publisher == "18F"
    news = (
        "# Voyager reconnects\n\n"
        "In 2013, NASA announced Voyager 1 had crossed the border of our solar system.\n\n"
        "“We are proud of the team,” a NASA engineer said on Tuesday.\n"
    )
    assert read_article(tmp_path, "b.md", news).publisher is None


def test_a_whole_page_with_its_logo_as_top_heading_finds_its_dated_article(
    tmp_path: Path,
) -> None:
    menu = "\n".join(f"[Office number {n}](https://example.gov/office/{n})" for n in range(12))
    latest = "\n".join(
        f"[Department Names New Official {n}](https://example.gov/news/{n})\nMarch {n + 1}, 2025"
        for n in range(4)
    )
    text = (
        "[ Skip to main content ](https://example.gov/news/x#main)\n"
        "# [ ![Seal](https://example.gov/logo.svg)Department of Examples ](https://example.gov/)\n"
        f"{menu}\n{latest}\n\n"
        "## Department Report: Insurance Costs Rising as Storms Take Their Toll\n"
        "January 16, 2025\n\n"
        "WASHINGTON – The Department of Examples today released the most comprehensive data on "
        "homeowners insurance in history, along with a report on how storms raise its cost.\n\n"
        "Homeowners insurance is important to consumers, the economy and the financial system.\n"
    )
    article = read_article(tmp_path, "page.md", text)
    assert article.title == "Department Report: Insurance Costs Rising as Storms Take Their Toll"
    assert article.date == "2025-01-16"
    assert article.paragraphs[0].text.startswith("WASHINGTON – The Department of Examples")


def test_a_records_header_gives_its_summary_apart_and_its_numeric_date(tmp_path: Path) -> None:
    text = (
        "Climate change may enhance plant species loss in the Eastern Hills\n"
        "Climate and land use change will enhance plant species loss in the hills, studies said.\n"
        "https://example.org/2020/02/climate-change-plant-species-loss/\n"
        "26-02-20\n\n"
        "Climate and land use change are likely to alter plant species richness in the hills in "
        "the future, scientists have said, pressing for urgent conservation attention.\n"
    )
    article = read_article(tmp_path, "r.txt", text)
    assert article.date == "2020-02-26"
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[text.split("\n")[1]] == "highlight"
    assert article.paragraphs[0].text.startswith("Climate and land use change are likely")


def test_the_line_that_prints_the_pages_browser_title_is_the_headline(tmp_path: Path) -> None:
    # An ASP.NET page's source (a new dev article, shortened): two section labels above the
    # headline, which only the <title> tells from them.
    page = (
        "<html><head><title>Exclusive / ARCIC Hosts Think Tanks to Discuss the Army of 2020"
        "</title></head><body>\n"
        '<div class="PageTitle">ARCIC EXCLUSIVE</div>\n'
        '<div class="BubbleTitle">ARCIC Feature</div>\n'
        '<p class="BubbleTitleSub">ARCIC Hosts Think Tanks to Discuss the Army of 2020</p>\n'
        "<p>On March 14, the Army Capabilities Integration Center hosted representatives from "
        "seven think tanks for a broad discussion about future Army capabilities.</p>\n"
        "</body></html>\n"
    )
    article = read_article(tmp_path, "a.txt", page)
    assert article.title == "ARCIC Hosts Think Tanks to Discuss the Army of 2020"
    assert next(p.text for p in article.paragraphs).startswith("On March 14")


def test_a_post_its_sign_off_and_a_line_introducing_a_quotation_are_not_wrapped_text() -> None:
    # A Global Voices scrape (dev corpus): no blank line between a post, its sign-off, the line
    # introducing the president's words, and those words in Portuguese and in English.
    lines = [
        "“Bolsonaro is the enemy of Education” “Education is an act of Love”#TsunamiDaEducacao",
        "— Nirmukta (@Nirmukta) May 16, 2019",
        "Meanwhile, Bolsonaro was in Texas. When asked about the protests, the president said:",
        "É natural que haja protesto, agora a maioria ali é militante, não tem nada na cabeça, "
        "se perguntar sete vezes oito pra ele, não sabe. São uns idiotas úteis, uns imbecis.",
        "It’s natural that protests happen, now, the majority of people there are militants with "
        "nothing inside their heads. They are useful idiots, imbeciles, and are being used.",
    ]
    units, _ = ingest.split_units(enumerate(lines, start=1))
    assert [unit.line for unit in units] == [1, 2, 3, 4, 5]
    # A post of two lines over its sign-off, then the line introducing the minister's words.
    posted = [
        "When the police wanted to pin him for treason they produced guns found in his room.",
        "But they can't produce and show us the gun he had before they shot him dead.",
        "— AngeloPeter© (@nzeAngelo) March 26, 2019",
        "In a press briefing, Nantaba narrates her story and questions who might have given the "
        "order to murder him. She still believes he may have been involved in the attempt:",
        "The masterminds of these assassinations will still continue because he was the one who "
        "was supposed to be a witness!",
    ]
    units, _ = ingest.split_units(enumerate(posted, start=1))
    assert [unit.line for unit in units][-2:] == [4, 5]
    # Text wrapped twice over (long lines, short stubs between them) is still joined.
    wrapped = [
        "     Imaging scientists Dr. Michael Malin and Dr. Ken",
        "Edgett from",
        "NASA's Mars Global Surveyor spacecraft will present",
        "what they",
        "describe as their most significant discovery yet at a",
        "Space",
        "Science Update at 2:00 p.m. EST on Thursday, Dec. 7.",
    ]
    units, _ = ingest.split_units(enumerate(wrapped, start=1))
    assert len(units) == 1


def test_a_section_label_naming_a_publisher_over_the_headline_names_the_publisher(
    tmp_path: Path,
) -> None:
    # ARCIC page (dev corpus): "ARCIC Feature" over the headline; a rubric names no publisher.
    body = (
        "On March 14, the center hosted representatives from seven think tanks for a broad "
        "discussion about current priorities and future capabilities.\n\n"
        "The event included senior leaders from the command and its training staff.\n"
    )
    labelled = "ARCIC Feature\n\n# Center Hosts Think Tanks to Discuss the Future\n\n" + body
    article = read_article(tmp_path, "a.txt", labelled)
    assert article.publisher == "ARCIC"
    assert "ARCIC Feature" in article.inferred[-1].evidence
    rubric = "Asia Feature\n\n# Center Hosts Think Tanks to Discuss the Future\n\n" + body
    assert read_article(tmp_path, "b.txt", rubric).publisher is None


def test_an_html_page_dated_only_by_its_markup_is_dated_with_that_as_evidence(
    tmp_path: Path,
) -> None:
    lede = (
        "The municipality has published the software behind its building permits as Free "
        "Software, so that other municipalities can use and improve it together."
    )
    for opening in ('<html newsdate="2021-03-18">', '<article><time datetime="2021-03-18T10:00">'):
        text = f"{opening}\n<h1>From Uri to Bern</h1>\n<p>{lede}</p>\n<p>{lede}</p>\n"
        article = read_article(tmp_path, "page.txt", text)
        assert article.date == "2021-03-18"
        evidence = next(i.evidence for i in article.inferred if i.field == "date")
        assert evidence.startswith("the markup ") and evidence.endswith("on line 1")
    plain = read_article(tmp_path, "plain.txt", f"From Uri to Bern\n\n{lede}\n\ndate=2021-03-18\n")
    assert plain.date is None  # no page's markup


def test_a_source_credit_between_headline_and_text_names_the_records_publisher(
    tmp_path: Path,
) -> None:
    """As a news aggregator reposts an agency's story: "Source: US FBI" under the headline."""
    lede = (
        "Director Wray noted that during a time when other agencies have struggled to recruit "
        "and retain employees, the Bureau continues to attract applicants in near-record numbers."
    )
    text = f"Director Wray Champions Bureau Before House Committee\n\nSource: US FBI\n\n{lede}\n"
    article = read_article(tmp_path, "aggregated.txt", text)
    assert article.publisher == "US FBI"
    evidence = next(i.evidence for i in article.inferred if i.field == "publisher")
    assert evidence == 'the field "Source: US FBI" on line 3'
    captioned = read_article(tmp_path, "captioned.txt", f"{lede}\n\nSource: US FBI\n\n{lede}\n")
    assert captioned.publisher is None  # a credit inside the text credits a picture or a chart


def test_json_front_matter_gives_the_metadata_and_its_site_fields_pass_quietly(
    tmp_path: Path,
) -> None:
    """As a site generator writes it (a republisher's copy of a NOAA Fisheries story)."""
    lede = (
        "A fishing vessel first reported the entangled humpback about two miles off Crescent City, "
        "and a team of responders freed the whale the next day."
    )
    text = (
        '---json\n{\n    "title": "Collaborative rescue frees humpback whale",\n'
        '    "date": "2017-08-01",\n    "draft": false,\n    "trichdan": "noaa.gov"\n}\n---\n'
        f"{lede}\n"
    )
    article = read_article(tmp_path, "whale.md", text)
    assert (article.title, article.date) == (
        "Collaborative rescue frees humpback whale",
        "2017-08-01",
    )
    assert [p.text for p in article.paragraphs] == [lede]
    assert article.warnings == ()
    broken = read_article(tmp_path, "broken.md", '---json\n{"title": \n---\n' + lede + "\n")
    assert any("broken JSON" in warning for warning in broken.warnings)
