"""Seed file → Article: decoding, metadata, paragraphs, and what is inferred where metadata is silent.

The first stage of the pipeline. Bad input never raises: it becomes a `SeedProblem` that says what is
wrong and what to do. Boilerplate rules live in `generator.ingest.boilerplate`; the table of publishers'
names and products in `generator/publishers.yaml`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import os
import re
import reprlib
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import charset_normalizer
import yaml

from generator.cache import PickleStore
from generator.ingest.boilerplate import (
    ADDRESS,
    BYLINE,
    CAPTION,
    COMMENT_FOOTER,
    CONTACT,
    COPYRIGHT,
    DATE_LINE,
    DOCUMENT_TYPES,
    EDITOR_NOTE,
    EMBED_SIGN_OFF,
    LICENCE,
    METADATA,
    PROMO,
    PUBLICATION_NOTE,
    PUBLISHER_NAME,
    QUOTED_PASSAGE,
    RELATED,
    SITE_CHROME,
    SITE_NOTICE,
    TAGS,
    Cleaned,
    Unit,
    ends_sentence,
    function_word_share,
    is_headline_like,
    letter_words,
    normalised,
    starts_capitalised,
    strip_boilerplate,
    title_bar_site,
    word_count,
)
from generator.ingest.dates import (
    date_in_address,
    date_line,
    find_dates,
    numeric_date_in_month,
    read_date,
)
from generator.ingest.markup import browser_title, html_pieces, looks_like_html
from generator.model import Article, Inference, Paragraph, ParagraphKind, RemovedText, SeedProblem
from generator.settings import ingest_code_hash

MAX_SEED_BYTES = 5 * 1024 * 1024  # larger files are not articles (a dump, a binary)
# Some 50,000 words: longer than any news article, and about ten seconds of parsing.
MAX_ARTICLE_CHARS = 300_000
MAX_PARAGRAPH_CHARS = 10_000  # a paragraph's parse stays small; spaCy refuses a million
MAX_SIDECAR_BYTES = 64 * 1024
SEED_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIX = ".meta.yaml"
PUBLISHERS_FILE = Path(__file__).resolve().parent.parent / "publishers.yaml"

# Metadata keys a sidecar or front matter may set; `source` is another name for `publisher`
# (or for `url`, when it holds a web address, as web clippers write it).
METADATA_KEYS = ("title", "publisher", "source", "date", "url")
# Other names web clippers and site generators give the same fields.
_KEY_SYNONYMS = {
    "published": "date",
    "published_time": "date",
    "date_published": "date",
    "publish_date": "date",
    "pubdate": "date",
    "pub_date": "date",
    "link": "url",
    "source_url": "url",
    "canonical_url": "url",
    "headline": "title",
    "site_name": "publisher",
    "dateline": "date",
}
# A site's template may suffix its fields with their type: "dateline_str", "title_text".
_SITE_SUFFIX = re.compile(r"_(?:str|string|text)$")
# A clipper's or site's byline: read only to see whether it names a publisher of the table.
_BYLINE_FIELD = "byline"
_BYLINE_KEYS = frozenset({"author", "byline"})
# What clippers also write and a brief does not use: passed over without a warning.
_CLIPPER_KEYS = frozenset(
    {"author", "authors", "created", "clipped", "tags", "description", "excerpt", "categories"}
    | {"category", "image", "language", "lang", "byline", "updated", "modified", "keywords"}
)

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_MAX_CONTROL_SHARE = 0.05  # text has almost no control characters; binary data has about 11%
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200e\u200f\ufeff]")
# Characters no article needs and that break or disguise what is shown: non-characters, lone
# surrogates (from a YAML escape), bidirectional overrides ("Invoice exe.pdf"), invisible marks
# (soft hyphen, joiners, word joiner) that make two equal names look different.
_INVISIBLE = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069\u00ad\u200c\u200d"
    "\u2060-\u2064\u180e]"
)


def plain_text(value: str) -> str:
    """A metadata or topic-file value as one line of visible text: control characters become
    spaces, invisible and direction-changing ones go, white space is collapsed, NFC."""
    text = _INVISIBLE.sub("", _CONTROL_CHARS.sub(" ", value))
    return " ".join(unicodedata.normalize("NFC", text).split())


class _Unusable(Exception):
    """Internal: why a seed cannot be used, and what the user can do about it."""

    def __init__(self, reason: str, action: str, location: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.action, self.location = reason, action, location


# --- public API ---------------------------------------------------------------------------------


def discover_seeds(seeds_dir: Path) -> list[Path]:
    """The `.txt` and `.md` seeds under seeds_dir, recursively, sorted by relative POSIX path."""
    return seeds_in(seeds_dir)[0]


def seeds_in(seeds_dir: Path) -> tuple[list[Path], list[SeedProblem]]:
    """The seeds under seeds_dir, sorted by relative POSIX path, and the entries that look like
    seeds or hold them but cannot be read as one (a link to nothing, a link loop, a pipe, a link
    to a folder, a hidden seed name), from one walk of the folder.

    Hidden files and folders (a leading dot) are skipped; sidecars and other files are not seeds.
    Symbolic links to files count; links to folders are not followed.
    """
    if not seeds_dir.is_dir():
        return [], []
    entries = sorted(_entries(seeds_dir, ""))
    seeds = [Path(seeds_dir, relative) for relative, why in entries if not why]
    passed_over = [
        SeedProblem(relative, why, _HIDDEN_ACTION if why == _HIDDEN else _PASSED_OVER_ACTION)
        for relative, why in entries
        if why
    ]
    return seeds, passed_over


_PASSED_OVER_ACTION = "put the article's file itself there, as a regular file, or remove the entry"
_HIDDEN = "a hidden file (its name starts with a dot), so it is not read"
_HIDDEN_ACTION = "rename it without the leading dot to publish it, or keep it as a draft"


def _entries(seeds_dir: Path, folder: str) -> Iterator[tuple[str, str]]:
    """(relative POSIX path, why it is passed over or "") of seeds in `folder` and below it."""
    with os.scandir(seeds_dir / folder) as entries:
        for entry in entries:
            relative = f"{folder}/{entry.name}" if folder else entry.name
            is_seed_name = entry.name.lower().endswith(SEED_SUFFIXES)  # "..txt" too
            if entry.name.startswith("."):
                if is_seed_name and not entry.is_dir(follow_symlinks=False):
                    yield relative, _HIDDEN
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _entries(seeds_dir, relative)
                continue
            try:
                is_file, is_dir = entry.is_file(), entry.is_dir()
            except OSError:  # a link loop
                is_file = is_dir = False
            if is_file and is_seed_name:
                yield relative, ""
            elif entry.is_symlink() and is_dir:
                yield relative, "a link to a folder; linked folders are not read"
            elif is_seed_name and not is_file:
                yield relative, "not a regular file (a link to nothing, a link loop or a pipe)"


@dataclass(frozen=True)
class ReadSeed:
    """What reading one seed file gave: its Article (or why it is unusable) and its text key."""

    outcome: Article | SeedProblem
    text_key: str | None  # `article_text_key` of the article, for spotting duplicates
    # `english_share` of the article, worked out once with it (a rebuild reads 10,000 from cache)
    english_share: float = 1.0


SeedReader = Callable[[Path, Path], ReadSeed]  # (seed path, seeds_dir) → what reading it gave


def read_seed_entry(path: Path, seeds_dir: Path) -> ReadSeed:
    outcome = read_seed(path, seeds_dir)
    if not isinstance(outcome, Article):
        return ReadSeed(outcome, None)
    return ReadSeed(outcome, article_text_key(outcome), english_share(outcome))


class SeedCache(PickleStore):
    """Seeds already read, keyed by a hash of their bytes, their sidecar's and the ingest code.

    A warm run then reads and hashes each seed's bytes but skips decoding and boilerplate removal.
    """

    kind = ReadSeed

    def read(self, path: Path, seeds_dir: Path) -> ReadSeed:
        """A `SeedReader`: from the cache when the seed's signature is known there."""
        signature = seed_signature(path, seeds_dir)
        if signature is not None and (entry := self.get(signature)) is not None:
            return entry
        entry = read_seed_entry(path, seeds_dir)
        # An unusable file is found so at once (empty, binary, too long): keeping it would cost
        # a cache file each, and 50,000 of them more than reading them again.
        if signature is not None and isinstance(entry.outcome, Article):
            self.put(signature, entry)
        return entry


UNCACHED_BELOW_BYTES = 1024  # reading such a file is quicker than hashing it and a cache lookup


def seed_signature(path: Path, seeds_dir: Path) -> str | None:
    """Hash of everything reading the seed depends on, or None when the seed is read uncached.

    None for files over the size limits or that cannot be read (those take the full path, which
    reports them) and for files under UNCACHED_BELOW_BYTES.
    """
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES or size < UNCACHED_BELOW_BYTES:
            return None
        hasher = hashlib.sha256(path.read_bytes())
        sidecar = sidecar_path(path)
        if is_regular_file(sidecar):
            if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
                return None
            hasher.update(b"\0sidecar\0" + sidecar.read_bytes())
    except OSError:
        return None
    hasher.update(f"\0{_source(path, seeds_dir)}\0{ingest_code_hash()}".encode())
    return hasher.hexdigest()


def read_corpus(
    seeds_dir: Path, read: SeedReader = read_seed_entry
) -> tuple[list[Article], list[SeedProblem]]:
    """Every seed under seeds_dir read; a seed whose text repeats an earlier one's is a problem.

    `read` reads one seed; a `SeedCache`'s `read` skips seeds read before.
    """
    articles: list[Article] = []
    problems: list[SeedProblem] = []
    for outcome in read_seeds(seeds_dir, read):
        (problems if isinstance(outcome, SeedProblem) else articles).append(outcome)
    return articles, problems


def read_seeds(
    seeds_dir: Path, read: SeedReader = read_seed_entry
) -> Iterator[Article | SeedProblem]:
    """`read_corpus` one seed at a time, in the same order: each seed's Article or its problem.

    For a large corpus: the caller can be done with each article before the next is read.
    """
    first_with_text: dict[str, str] = {}
    seeds, passed_over = seeds_in(seeds_dir)
    yield from passed_over
    for path in seeds:
        entry = read(path, seeds_dir)
        result = entry.outcome
        if isinstance(result, SeedProblem):
            yield result
            continue
        key = entry.text_key
        if key in first_with_text:
            yield SeedProblem(
                source=result.source,
                reason=f"same text as {first_with_text[key]}",
                action=f"delete one of the two copies, or keep only {first_with_text[key]}",
            )
            continue
        first_with_text[key] = result.source
        missing = missing_metadata(result)
        if missing:
            yield metadata_caveat(result, missing, path)
        share = entry.english_share
        if share < MIN_ENGLISH_SHARE:
            yield SeedProblem(
                source=result.source,
                reason=f"the text does not read as English (only {share:.0%} of its words are "
                "common English words); its brief is analysed as English and will be poor",
                action="remove it from seeds/, or add an English version of the article",
                skipped=False,
            )
        yield result


# English prose has some 40 % of its words among these; German, French or Spanish about 5 %.
MIN_ENGLISH_SHARE = 0.15


def english_share(article: Article) -> float:
    """The share of an article's words that are common English words (1.0 for no words)."""
    return function_word_share([word for p in article.paragraphs for word in letter_words(p.text)])


TITLE_FROM_FILE_NAME = "no headline line found; made from the file name"


def title_from_file_name(inferred: Iterable[Inference]) -> bool:
    """Whether the title was made from the file name: a stand-in, not what the text shows."""
    return any(i.field == "title" and i.evidence == TITLE_FROM_FILE_NAME for i in inferred)


def missing_metadata(article: Article) -> list[str]:
    """The fields neither the metadata nor the text gives: the brief shows them as unknown."""
    fields = {"title": title_from_file_name(article.inferred)}
    fields["publisher"] = article.publisher is None
    fields["date"] = article.date is None
    return [name for name, missing in fields.items() if missing]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def metadata_caveat(article: Article, missing: list[str], path: Path) -> SeedProblem:
    """A used seed's caveat on the Seed report: which fields to add, and where."""
    sidecar = sidecar_path(path)
    if path.suffix.lower() == ".md":
        where = "its front matter"
    elif is_regular_file(sidecar):
        where = f"its sidecar {sidecar.name}"
    else:
        where = f"a new sidecar {sidecar.name} beside it"
    example = ", ".join(f"{name}: …" for name in missing)
    return SeedProblem(
        source=article.source,
        reason=f"the text does not show its {_listed(missing)}",
        action=f"add {example} to {where}",
        skipped=False,
    )


def read_seed(path: Path, seeds_dir: Path) -> Article | SeedProblem:
    """Read one seed file into an Article, or say why it cannot be used (never raises)."""
    source = _source(path, seeds_dir)
    table = load_publishers()
    try:
        _inside(path, seeds_dir)
        return _read_article(path, source, table)
    except _Unusable as problem:
        return SeedProblem(source, problem.reason, problem.action, location=problem.location)
    except Exception as error:  # a safety net: one odd file must not stop the build
        return SeedProblem(
            source,
            f"unexpected error while reading: {type(error).__name__}: {_without_paths(error)}",
            "report this as a bug with the file attached; meanwhile move the file out of seeds/",
        )


def _without_paths(error: Exception) -> str:
    """An error's message without the file names an OSError adds (absolute paths of the build
    machine, which the Seed report would publish)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def article_text_key(article: Article) -> str:
    """What two seeds share when they carry the same article: title and text, normalised."""
    text = "\n".join([article.title, *(paragraph.text for paragraph in article.paragraphs)])
    return hashlib.sha256(normalised(text).encode()).hexdigest()


# --- reading one seed ---------------------------------------------------------------------------


def _source(path: Path, seeds_dir: Path) -> str:
    """The seed's path relative to seeds_dir, with forward slashes."""
    folder = f"{seeds_dir}{os.sep}"
    if str(path).startswith(folder):  # the usual case, without pathlib's parsing (50,000 seeds)
        return str(path)[len(folder) :].replace(os.sep, "/")
    resolved, resolved_folder = path.resolve(), seeds_dir.resolve()
    if resolved.is_relative_to(resolved_folder):
        return resolved.relative_to(resolved_folder).as_posix()
    return path.as_posix()


def sidecar_path(seed: Path) -> Path:
    """`NAME.meta.yaml` beside `NAME.txt` (or `NAME.md`)."""
    return seed.with_name(seed.stem + SIDECAR_SUFFIX)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+")


def split_long_paragraph(text: str, line: int, warnings: list[str], source: str) -> list[str]:
    """A paragraph within MAX_PARAGRAPH_CHARS as it is; a longer one (a text with no paragraph
    breaks) in pieces that end at sentence ends where it has them, so each parse stays small."""
    if len(text) <= MAX_PARAGRAPH_CHARS:
        return [text]
    pieces: list[str] = []
    rest = text
    while len(rest) > MAX_PARAGRAPH_CHARS:
        window = rest[:MAX_PARAGRAPH_CHARS]
        ends = [m.end() for m in _SENTENCE_BREAK.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or MAX_PARAGRAPH_CHARS)
        pieces.append(rest[:cut].strip())
        rest = rest[cut:]
    pieces.append(rest.strip())
    warnings.append(
        f"{source}: the paragraph on line {line} is {len(text):,} characters long; read as "
        f"{len(pieces)} paragraphs of at most {MAX_PARAGRAPH_CHARS:,}"
    )
    return [piece for piece in pieces if piece]


def _inside(path: Path, seeds_dir: Path) -> None:
    """Refuse a seed that is a link to a file outside the seeds folder: a pull request could
    otherwise publish any file the build machine can read."""
    if leaves_folder(path, seeds_dir):
        raise _Unusable(
            "the file is a link that points outside the seeds folder (or nowhere)",
            "put the article's file itself in the seeds folder instead of a link",
        )


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether `path` is a link that resolves outside `folder` (or to nothing, or in a loop).
    Only links are resolved: the seeds are found without following linked folders."""
    try:
        if path.is_symlink():
            path.resolve(strict=True).relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError, ValueError):
        return True
    return False


def is_regular_file(path: Path) -> bool:
    """`Path.is_file`, false too where the name is too long or the file cannot be looked at."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_article(path: Path, source: str, table: PublisherTable) -> Article:
    raw = _read_bytes(path)
    text, warnings = _decode(raw, source)
    if len(text) > MAX_ARTICLE_CHARS:
        raise _Unusable(
            f"the text is {len(text):,} characters long, over the {MAX_ARTICLE_CHARS:,} of the "
            "longest news article (a book, a dump or many articles in one file?)",
            "split it into one file per article",
        )
    lines = text.split("\n")

    metadata: dict[str, str] = {}
    hasher = hashlib.sha256(raw)
    sidecar = sidecar_path(path)
    if is_regular_file(sidecar):
        sidecar_bytes, sidecar_meta, sidecar_warnings = _read_sidecar(sidecar, source)
        hasher.update(b"\0sidecar\0" + sidecar_bytes)
        metadata.update(sidecar_meta)
        warnings += sidecar_warnings

    first_body_line = 1
    markdown = path.suffix.lower() == ".md" or looks_like_markdown(lines)
    if markdown:
        front, first_body_line, front_warnings = _read_front_matter(lines, source)
        warnings += front_warnings
        for key in sorted(set(front) & set(metadata)):
            if front[key] != metadata[key]:
                warnings.append(
                    f"{source}: its front matter and {sidecar.name} both set {key}; "
                    "using the front matter — keep it in one place"
                )
        metadata.update(front)

    numbered = list(enumerate(lines, start=1))[first_body_line - 1 :]
    markup_removed: list[RemovedText] = []
    tab_title = None
    if looks_like_html(lines):
        tab_title = browser_title(lines)
        # In a Markdown page the headings are Markdown's; HTML in it is embedded (a box of
        # code to republish the story, whose <h1> repeats the headline).
        numbered = list(html_pieces(numbered, markup_removed, headings=not markdown))
        # Its headings now carry Markdown's marks, to be read as Markdown's are.
        markdown = markdown or any(_MD_HEADING.match(text) for _, text in numbered)
    units, layout_removed = split_units(numbered, markdown=markdown)
    markup_removed += layout_removed
    if not units:
        raise _Unusable("the file has no article text", "add the article's text below the metadata")
    cleaned = strip_boilerplate(
        units,
        known_title=metadata.get("title"),
        publisher_names=publisher_names(table),
        browser_title=tab_title,
    )
    if not cleaned.body:
        raise _Unusable(
            "no article text is left once the title and publisher boilerplate are removed",
            "check that the file holds the article itself, not only a headline or page furniture",
        )

    inferred: list[Inference] = []
    title = metadata.get("title") or _infer_title(cleaned, path, inferred)
    addresses = _printed_addresses(cleaned, metadata.get("url"))
    publisher = (
        metadata.get("publisher")
        or _byline_publisher(metadata.get(_BYLINE_FIELD), table, inferred)
        or _infer_publisher(cleaned, table, addresses, inferred, warnings, title)
    )
    date = metadata.get("date") or _infer_date(cleaned, addresses, inferred, title)
    pieces = [
        (unit, text)
        for unit in cleaned.body
        for text in split_long_paragraph(unit.text, unit.line, warnings, source)
    ]
    paragraphs = tuple(
        Paragraph(id=f"p{number}", text=text, line=unit.line, kind=paragraph_kind(unit))
        for number, (unit, text) in enumerate(pieces, start=1)
    )
    removed = tuple(sorted((*markup_removed, *cleaned.removed), key=lambda r: r.line))
    return Article(
        source=source,
        content_hash=hasher.hexdigest(),
        title=title,
        publisher=publisher,
        date=date,
        url=metadata.get("url"),
        paragraphs=paragraphs,
        removed=removed,
        inferred=tuple(inferred),
        warnings=tuple(warnings),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise _Unusable(
                f"the file is {size / 1024 / 1024:.1f} MB, over the "
                f"{MAX_SEED_BYTES // 1024 // 1024} MB limit for one article",
                "split it into one file per article, or remove what is not article text",
            )
        return path.read_bytes()
    except OSError as error:
        raise _Unusable(
            f"the file cannot be read: {error.strerror or error}",
            "check that it exists and that its permissions let the build read it",
        ) from error


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes → text with Unix line ends in Unicode NFC, plus warnings; raises _Unusable."""
    warnings: list[str] = []
    if not data:
        raise _Unusable("the file is empty", "add the article's text, or delete the file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise _Unusable(
                    f"the file starts with a {name} byte-order mark but is not valid {name} "
                    f"(at byte {error.start + len(bom)})",
                    "re-save the file as UTF-8",
                    location=f"byte {error.start + len(bom)}",
                ) from error
            break
    else:
        if _looks_binary(data):
            raise _Unusable(
                "the file is binary data, not text (it holds NUL or other control bytes: "
                "an image or document renamed to .txt?)",
                "replace it with the article's text saved as plain UTF-8 text",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text, encoding = _legacy_decode(data)
            warnings.append(
                f"{source}: not valid UTF-8 (byte {error.start}); read as {encoding} — "
                "check its quotes and accented letters, or re-save the file as UTF-8"
            )
    if _looks_binary(text):
        raise _Unusable(
            "the file decodes to control characters, not text",
            "replace it with the article's text saved as plain UTF-8 text",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, invisible = _INVISIBLE.subn("", _CONTROL_CHARS.sub("", text))
    if invisible:
        warnings.append(
            f"{source}: {invisible} invisible or direction-changing character"
            f"{'s' if invisible != 1 else ''} removed (bidirectional overrides, joiners, soft "
            "hyphens, non-characters) — check that names and words read as intended"
        )
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise _Unusable(
            "the file holds only whitespace", "add the article's text, or delete the file"
        )
    return text, warnings


# Languages written in Central European code pages (Windows-1250, ISO 8859-2): only for these is
# a detected cp1250 believed; an English text in Windows-1252 often detects as cp1250 too, and
# the two differ in letters such as "£" and "Ł".
_LATIN2_LANGUAGES = frozenset(
    {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian", "Bosnian"}
)
_LATIN2_ENCODINGS = frozenset({"cp1250", "iso8859_2"})


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: in the encoding charset-normalizer finds where it reads as
    another script (Windows-1251 Cyrillic, GB18030 Chinese …) or as a Central European language
    in its code page; otherwise, as before, as Windows-1252, the usual encoding of old English
    text. Returns the text and the encoding's name for the warning."""
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        text = str(best)
        latin2 = best.encoding in _LATIN2_ENCODINGS and best.language in _LATIN2_LANGUAGES
        if latin2 or _mostly_other_script(text):
            return text, best.encoding
    return data.decode("cp1252", errors="replace"), "Windows-1252 (cp1252)"


def _mostly_other_script(text: str) -> bool:
    """Whether most letters of the text are outside the Latin script."""
    letters = [char for char in text[:20000] if char.isalpha()]
    other = sum(1 for char in letters if "LATIN" not in unicodedata.name(char, "LATIN"))
    return bool(letters) and other > len(letters) / 2


def _looks_binary(data: bytes | str) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    codes = sample if isinstance(sample, bytes) else [ord(char) for char in sample]
    if 0 in codes:
        return True
    controls = sum(1 for code in codes if code < 32 and code not in (9, 10, 12, 13))
    return controls / len(codes) > _MAX_CONTROL_SHARE


# --- metadata -----------------------------------------------------------------------------------


def _read_sidecar(sidecar: Path, source: str) -> tuple[bytes, dict[str, str], list[str]]:
    name = PurePosixPath(source).with_name(sidecar.name).as_posix()  # as seeds/ shows it
    seeds_dir = sidecar.parents[len(PurePosixPath(source).parts) - 1]
    if leaves_folder(sidecar, seeds_dir):
        return b"", {}, [f"{name}: a link that points outside the seeds folder; metadata ignored"]
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return b"", {}, [f"{name}: over {MAX_SIDECAR_BYTES // 1024} KB; metadata ignored"]
        data = sidecar.read_bytes()
    except OSError as error:
        return b"", {}, [f"{name}: cannot be read ({error.strerror or error}); metadata ignored"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data, {}, [f"{name}: not UTF-8 text; metadata ignored — re-save it as UTF-8"]
    metadata, warnings = parse_metadata(text, name, first_line=1)
    return data, metadata, warnings


def _read_front_matter(lines: Sequence[str], source: str) -> tuple[dict[str, str], int, list[str]]:
    """Metadata from a Markdown seed's `---` … `---` block, and the line where the body starts."""
    if not lines or lines[0].strip() != "---":
        return {}, 1, []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            metadata, warnings = parse_metadata(
                "\n".join(lines[1:index]), f"{source} front matter", first_line=2, clipped=True
            )
            return metadata, index + 2, warnings
    return (
        {},
        1,
        [f"{source}: front matter opened on line 1 is never closed with ---; read as text"],
    )


class _MetadataLoader(yaml.SafeLoader):
    """Safe YAML whose dates stay text: one impossible date (9999-02-30) is then that field's
    warning, not an error that drops the whole sidecar. Aliases are refused: metadata needs none,
    and a few hundred bytes of nested ones expand to gigabytes."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.events.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed here", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_metadata(
    text: str, where: str, first_line: int, *, clipped: bool = False
) -> tuple[dict[str, str], list[str]]:
    """Validated metadata from YAML text; anything wrong becomes a warning, never an error.

    `where` names the YAML's origin in warnings; `first_line` is its first line in that file.
    `clipped`: front matter as web clippers write it, whose other keys pass without a warning.
    """
    try:
        data = yaml.load(text, Loader=_MetadataLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [f"{where}{at}: broken YAML ({problem}); metadata ignored — fix the YAML"]
    except ValueError as error:  # a well-formed value the YAML types reject, e.g. 2023-02-30
        return {}, [f"{where}: a value cannot be read ({error}); metadata ignored — fix it"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{where}: YAML is a {type(data).__name__}, not key: value pairs; ignored"]

    metadata: dict[str, str] = {}
    warnings: list[str] = []
    for key, value in data.items():
        name = _SITE_SUFFIX.sub("", str(key).strip().lower())
        name = _KEY_SYNONYMS.get(name, name)
        if clipped and name in _BYLINE_KEYS and isinstance(value, str) and value.strip():
            metadata[_BYLINE_FIELD] = plain_text(value)  # a publisher's name only where it is one
            continue
        if clipped and name in _CLIPPER_KEYS:
            continue
        if name not in METADATA_KEYS:
            known = ", ".join(METADATA_KEYS)
            warnings.append(f"{where}: unknown key {key!r} ignored (known keys: {known})")
            continue
        field = "publisher" if name == "source" else name
        if name == "source" and isinstance(value, str) and re.match(r"^\s*https?://", value):
            field = "url"
        if value is None:
            continue
        checked = _check_field(field, value)
        if checked is None:
            warnings.append(f"{where}: {key} {_describe(value)} is not a valid {field}; ignored")
        elif field in metadata and metadata[field] != checked:
            warnings.append(f"{where}: {field} given twice; using {metadata[field]!r}")
        else:
            metadata[field] = checked
    return metadata, warnings


def _describe(value: Any) -> str:
    shown = reprlib.repr(value)
    return f"({type(value).__name__} {shown[:60]})"


def _check_field(field: str, value: Any) -> str | None:
    if field == "date":
        return normalise_date(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = plain_text(value)
    if not text:
        return None
    if field == "url" and not re.match(r"^https?://\S+$", text):
        return None
    return text


def normalise_date(value: Any) -> str | None:
    """An ISO `yyyy-mm-dd` date from a YAML date, an ISO string, or a written-out full date
    ("8 August 2023", "Aug. 8, 2023"); None for anything else (never a guess)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    return read_date(value)


# --- layout: lines → units ----------------------------------------------------------------------

_BULLET = re.compile(r"^\s*[•●▪◦‣·*+–-]\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_MD_TARGET = r"\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"  # one level of nested parentheses
# Bounded, so that a long run of "[" costs a linear scan, not a quadratic one.
_MD_IMAGE = re.compile(r"!\[([^\]]{0,1000})\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\]]{1,1000})\]" + _MD_TARGET)
# A line of links and nothing else (list marks, heading marks, separators aside): a page's menu,
# or a list of other stories.
_LINK = r"\[[^\]]{0,300}\]" + _MD_TARGET + r"[\s|·•/]*"
_LINKS_ONLY = re.compile(
    r"^\s*(?:(?:[-*+]|\d{1,2}[.)])\s+)+(?:#{1,6}\s+)?(?:" + _LINK + r")+$"  # a list of links
    r"|^\s*(?:#{1,6}\s+)?(?=\[(?![a-z]))(?:" + _LINK + r")+\.?$"  # not "[took](…)" in a sentence
)
_MENU_ITEM_WORDS = 4  # "Manage your donation"; a story's headline has more
# A line set wholly in italics or bold ("*Action targets major sources of funding …*").
_WHOLE_EMPHASIS = re.compile(r"^\s*(\*{1,2}|_{1,2})(?=[^\s*_])[^*_]+(?<=[^\s*_])\1\s*$")
_LABEL_FOLLOWS = re.compile(r"^\s*(?:\*\*|__)?:|^\s*[“\"]")
# An HTML image in Markdown (a template may stand in its address): its alt text is a caption.
_HTML_IMAGE = re.compile(r"<img\b[^<>]*?(?:\balt=\"(?P<alt>[^\"]*)\"[^<>]*)?>", re.IGNORECASE)
# A link reference definition: "[label]: address" and an optional title, nothing else (a line such
# as "[Update]: The minister resigned." is text).
LINK_DEFINITION = "link-definition"  # Markdown's "[label]: https://…", an address, not text
_MD_REFERENCE = re.compile(
    r"^\s{0,3}\[[^\]]+\]:\s*<?\S+>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*$"
)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_EMPHASIS = re.compile(
    # strong emphasis closed right before a word, as word processors write a dateline:
    # "**WASHINGTON—**The council …"
    r"(?<![\w*])(\*{2,3})(?=\S)([^*]+?[—–:-])\1(?=\w)"
    r"|(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\3(?![\w*])"
)
# Words after which a line cannot end a sentence: the next line continues it.
_CONTINUING_WORDS_TEXT = (
    "a an the and or but nor of to in on at by for from with as that which who whose whom than into "
    "onto about after before between during over under its his her their our your my"
)
_CONTINUING_WORDS = frozenset(_CONTINUING_WORDS_TEXT.split())


# Wikitext, as wiki dumps and their datasets keep it: [[w:Page|shown text]], '''bold'''.
_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")
_WIKI_EMPHASIS = re.compile(r"'{2,5}([^']+?)'{2,5}")
_BARE_ADDRESS = re.compile(r"^(?:https?://|pic\.twitter\.com/)\S*$")
_MD_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s+\S|!\[[^\]]*\]\(|\[[^\]]+\]\((?:https?://|/)")


def looks_like_markdown(lines: Sequence[str]) -> bool:
    """Whether a `.txt` seed is Markdown as a scraper or clipper saved it: heading marks,
    images or links with their addresses."""
    return any(_MD_SIGNS.search(line) for line in lines[:400])


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    heading: bool = False
    bullet: bool = False
    level: int = 0  # a Markdown heading's level: 1 for "# Title"
    emphasised: bool = False  # the whole line in italics or bold


def split_units(
    numbered_lines: Iterable[tuple[int, str]], *, markdown: bool = False
) -> tuple[list[Unit], list[RemovedText]]:
    """Lines → units (one paragraph each): hard-wrapped lines joined, bullets and headings apart.

    For Markdown, syntax that is not text goes: heading marks (the line becomes a heading),
    rules, link targets, HTML tags; images are recorded as removed captions.
    """
    removed: list[RemovedText] = []
    blocks: list[list[_Line]] = [[]]
    numbered_lines = list(numbered_lines)
    labels = _label_lines(numbered_lines)
    for number, raw in numbered_lines:
        line = _plain_line(number, raw, markdown, removed, labelled=number in labels)
        if line is None:  # a blank line, or markup that holds no text
            blocks.append([])
        elif markdown and _MD_SETEXT.match(raw) and blocks[-1] and not blocks[-1][-1].bullet:
            heading = blocks[-1].pop()
            level = 1 if raw.strip().startswith("=") else 2
            blocks[-1].append(_Line(heading.number, heading.text, heading=True, level=level))
            blocks.append([])
        else:
            blocks[-1].append(line)
    blocks = [block for block in blocks if block]
    width = _wrap_width([line.text for block in blocks for line in block], blocks)

    units: list[Unit] = []
    for block_index, block in enumerate(blocks):
        block = _joined_post(block)
        own_width = _block_wrap_width(block)
        block_width = width or own_width
        # A wrapped block may be wrapped twice over (short stubs between long lines): there
        # every line that does not end a sentence goes on.
        rewrapped = own_width is not None
        current = block[0]
        for previous, line in itertools.pairwise(block):
            if (
                _continues(previous, line, block_width)
                or (rewrapped and _carries_on(previous, line))
                or (markdown and _soft_break(previous, line, block))
            ):
                current = _Line(
                    current.number, _join(current.text, line.text), bullet=current.bullet
                )
            else:
                units.append(_unit(current, block_index, markdown))
                current = line
        units.append(_unit(current, block_index, markdown))
    return _rejoin_cut_sentences(units), removed


_POST_MAX_LINES, _POST_MAX_WORDS = 6, 150
_SOFT_BREAK_MIN_WORDS = 12


def _soft_break(previous: _Line, line: _Line, block: Sequence[_Line]) -> bool:
    """In Markdown a paragraph's lines are one paragraph: a long line cut inside its sentence
    goes on into the last line of its block, which ends it ("… on several of GSA’s" /
    "Schedules (AIMS), and the Consolidated Schedule.")."""
    return (
        line is block[-1]
        and not (line.bullet or line.heading or previous.bullet or previous.heading)
        and word_count(previous.text) >= _SOFT_BREAK_MIN_WORDS
        and not ends_sentence(previous.text)
        and not previous.text.endswith("\\")  # Markdown's hard line break
        and ends_sentence(line.text)
    )


def _joined_post(block: list[_Line]) -> list[_Line]:
    """An embedded post's lines, set in a block above its sign-off ("— Jane Doe (@janedoe) …"),
    are one text: one paragraph. Lines after a sign-off start anew."""
    joined: list[_Line] = []
    pending: list[_Line] = []
    for line in block:
        if not EMBED_SIGN_OFF.match(line.text):
            pending.append(line)
            continue
        # A picture's address under the post's text is its furniture, not its words.
        addresses = [item for item in pending if _BARE_ADDRESS.match(item.text)]
        pending = [item for item in pending if not _BARE_ADDRESS.match(item.text)]
        words = sum(word_count(item.text) for item in pending)
        if 1 < len(pending) <= _POST_MAX_LINES and words <= _POST_MAX_WORDS:
            pending = [_Line(pending[0].number, " ".join(item.text for item in pending))]
        joined += [*pending, *addresses, line]
        pending = []
    return joined + pending


def _block_wrap_width(block: Sequence[_Line]) -> int | None:
    """The wrap column of one hard-wrapped block, in a text whose other blocks are not wrapped
    (a release forwarded inside a page): most of its lines end inside a sentence."""
    if len(block) < 3 or not ends_sentence(block[-1].text):
        return None  # a wrapped paragraph ends its last sentence; a stack of labels does not
    inner = [line for line in block[:-1] if not _stands_alone(line)]  # not a post's sign-off
    cut = [line for line in inner if not ends_sentence(line.text) and not line.bullet]
    words = sum(word_count(line.text) for line in block)
    wrapped = len(cut) >= 0.6 * len(inner) and words >= _MIN_WRAPPED_WORDS
    if not wrapped:
        return None
    # A link's address, cut from its text by the wrap, sticks out past the column.
    widths = [len(line.text) for line in block if "://" not in line.text]
    width = max(widths or [len(line.text) for line in block])
    # Many lines of a wrapped block reach near its column (between them, when it was wrapped
    # twice over, short stubs); a post, its sign-off and a line introducing a quotation, stacked
    # over one long paragraph, end wherever they end.
    near = sum(1 for line in inner if len(line.text) >= _NEAR_COLUMN * width)
    return width if near >= _NEAR_SHARE * len(inner) else None


_MIN_WRAPPED_WORDS = 15
_NEAR_COLUMN = 0.6  # of the wrap width: a line cut by the wrap reaches at least this far
_NEAR_SHARE = 0.4  # of a wrapped block's lines, at least, reach so far


def _carries_on(previous: _Line, line: _Line) -> bool:
    if _stands_alone(line) or _stands_alone(previous):
        return False
    return not (
        line.bullet or line.heading or previous.heading or ends_sentence(previous.text)
    ) and (line.text[:1].isalnum() or line.text[:1] in ",;.)")


def _stands_alone(line: _Line) -> bool:
    """A bare web address, or an embedded post's sign-off: never part of a paragraph."""
    return bool(_BARE_ADDRESS.match(line.text) or EMBED_SIGN_OFF.match(line.text))


def _rejoin_cut_sentences(units: list[Unit]) -> list[Unit]:
    """A paragraph never ends on "a", "the" or "of": text after a blank line that cut a sentence
    there carries it on."""
    joined: list[Unit] = []
    for unit in units:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not (previous.heading or unit.heading or unit.bullet)
            and previous.text.rsplit(" ", 1)[-1].lower() in _CONTINUING_WORDS
            and unit.text[:1].isalnum()
        ):
            joined[-1] = replace(previous, text=_join(previous.text, unit.text))
        else:
            joined.append(unit)
    return joined


def _unit(line: _Line, block: int, markdown: bool) -> Unit:
    text = line.text
    if markdown:  # a link or emphasis wrapped over two lines
        text = _unpaired_emphasis(_without_emphasis(_MD_LINK.sub(r"\1", text)))
    return Unit(
        line.number,
        text,
        block,
        heading=line.heading,
        bullet=line.bullet,
        level=line.level,
        emphasised=line.emphasised,
    )


def _label_lines(numbered_lines: Sequence[tuple[int, str]]) -> set[int]:
    """The lines that may be a round-up's label for the quotation under them: a link followed by
    ":" or a quotation (blank lines between allowed), or one link naming someone, standing
    alone (menu items come in runs; "[Identifying information on …](…)" names a document)."""
    texts = [(number, text) for number, text in numbered_lines if text.strip()]
    links = [bool(_LINKS_ONLY.match(_MD_IMAGE.sub("", text))) for _, text in texts]
    labels = set()
    for position, (number, text) in enumerate(texts):
        following = texts[position + 1][1] if position + 1 < len(texts) else ""
        if _LABEL_FOLLOWS.match(following):
            labels.add(number)
            continue
        beside = links[position - 1 : position] + links[position + 1 : position + 2]
        if links[position] and not any(beside) and _names_someone(text):
            labels.add(number)
    return labels


def _names_someone(text: str) -> bool:
    """One link whose words are a name or a title, not a phrase ("[Senator Jane Doe](…)")."""
    if re.match(r"^\s*(?:[-*+]|\d{1,2}[.)]|#{1,6})\s", text):
        return False  # a list item or a heading
    labels = [m.group(1).strip(" *_") for m in _MD_LINK.finditer(text)]
    if len(labels) != 1 or not labels[0]:
        return False
    lower = [w for w in re.findall(r"\b[a-z][\w’'-]*", labels[0]) if w not in _NAME_LINKS]
    return len(lower) < 2


_NAME_LINKS = frozenset({"of", "the", "and", "for", "on", "de", "van", "von", "da", "del", "bin"})


def _plain_line(
    number: int, raw: str, markdown: bool, removed: list[RemovedText], labelled: bool = False
) -> _Line | None:
    text = raw
    heading, level, emphasised = False, 0, False
    if markdown:
        if _MD_REFERENCE.match(text):
            removed.append(RemovedText(number, text.strip(), LINK_DEFINITION))
            return None
        if _MD_RULE.match(text):
            return None
        for match in _MD_IMAGE.finditer(text):
            removed.append(RemovedText(number, match.group(1) or match.group(0), CAPTION))
        text = _MD_IMAGE.sub("", text)
        # A line of links is a menu or a list of stories, unless it labels the quotation under
        # it in a round-up ("[Secretary Marco Rubio](…)" over "“…”").
        if text.strip() and _LINKS_ONLY.match(text) and not labelled:
            removed.append(_link_line(number, text))
            return None
        for match in _HTML_IMAGE.finditer(text):
            removed.append(RemovedText(number, match.group("alt") or match.group(0), CAPTION))
        text = _HTML_IMAGE.sub("", text)
        # Raw HTML stays as text (the renderer escapes it): an article's words are never dropped.
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_QUOTE.sub("", text)
        emphasised = bool(_WHOLE_EMPHASIS.match(text))
        text = _without_emphasis(text)
        heading_match = _MD_HEADING.match(text)
        if heading_match:
            text, heading = heading_match.group(2), True
            level = len(heading_match.group(1))
    text = _WIKI_LINK.sub(r"\1", _WIKI_EMPHASIS.sub(r"\1", text))
    bullet = bool(_BULLET.match(text)) and not heading
    if bullet:
        text = _BULLET.sub("", text, count=1)
    text = " ".join(text.split())
    if not text:
        return None
    return _Line(number, text, heading=heading, bullet=bullet, level=level, emphasised=emphasised)


def _link_line(number: int, text: str) -> RemovedText:
    """A line of links: a menu (short link texts) or other stories' headlines."""
    labels = [" ".join(_without_emphasis(m.group(1)).split()) for m in _MD_LINK.finditer(text)]
    shown = " · ".join(label for label in labels if label)
    headline = any(word_count(label) > _MENU_ITEM_WORDS for label in labels)
    return RemovedText(number, shown or text.strip(), RELATED if headline else SITE_CHROME)


def _without_emphasis(text: str) -> str:
    return _MD_EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), text)


# Emphasis opened on one line and closed on a later one (or never): '***“We congratulate …'.
_MD_OPEN_EMPHASIS = re.compile(r"^(\*{1,3}|_{1,3})(?=[^\s*_])")
_MD_CLOSE_EMPHASIS = re.compile(r"(?<=[^\s*_])(\*{1,3}|_{1,3})$")


def _unpaired_emphasis(text: str) -> str:
    """A paragraph's emphasis marks at its start or end that pair with nothing in it."""
    opening = _MD_OPEN_EMPHASIS.match(text)
    if opening and opening.group(1) not in text[opening.end() :]:
        text = text[opening.end() :]
    closing = _MD_CLOSE_EMPHASIS.search(text)
    if closing and closing.group(1) not in text[: closing.start()]:
        text = text[: closing.start()]
    return text


def _wrap_width(texts: Sequence[str], blocks: Sequence[Sequence[_Line]]) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when lines are whole paragraphs.

    Hard-wrapped text has most of its lines in blocks of several lines, and almost none longer
    than the wrap column (a heading or a link may stick out), which is at most about 100.
    """
    if len(texts) < 3:
        return None
    lengths = sorted(len(text) for text in texts)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    sticking_out = sum(1 for length in lengths if length > 1.1 * width)
    in_multiline_blocks = sum(len(block) for block in blocks if len(block) > 1)
    if width > 100 or sticking_out > 0.05 * len(texts) or in_multiline_blocks < 0.5 * len(texts):
        return None
    return width


def _continues(previous: _Line, line: _Line, width: int | None) -> bool:
    """Whether `line` carries on the paragraph that the line `previous` belongs to."""
    if line.bullet or line.heading or previous.heading:
        return False
    if _stands_alone(line) or _stands_alone(previous):
        return False
    end = previous.text
    if line.text[:1] in ",;:.)]}" and not ends_sentence(end):
        return True  # the rest of a sentence cut before its punctuation (at a link, say)
    if end.count("[") > end.count("]") or end.count("(") > end.count(")"):
        return True  # a bracket (a link's text, say) opened and not yet closed
    starts_word = line.text[:1].isalnum()
    # In hard-wrapped text a line that reaches the wrap column was cut there, even at a full stop
    # (or before a dash that breaks off the sentence: "figure out a plan / — a plan for …").
    broken_off = line.text.startswith(("— ", "…", "...")) and not ends_sentence(end)
    if width is not None and len(end) >= 0.6 * width and (starts_word or broken_off):
        return True
    if ends_sentence(end):
        return False
    if line.text[:1].islower():
        return True
    last_word = end.rsplit(" ", 1)[-1].lower()
    return starts_word and (end.endswith((",", ";", "-", "–")) or last_word in _CONTINUING_WORDS)


def _join(first: str, second: str) -> str:
    if first.endswith("-") and second[:1].islower():
        return first + second  # a word broken at a hyphen: "decades-" + "old"
    if second[:1] in ",;:.)]}":
        return first + second  # the punctuation a link's line break cut off: "Rubio" + ": “…”"
    return f"{first} {second}"


def paragraph_kind(unit: Unit) -> ParagraphKind:
    """A heading is a short capitalised line without a sentence's end, or a short question."""
    if unit.heading:
        return "heading"
    text = unit.text
    if unit.bullet or text[:1] in "\"“‘'(" or not starts_capitalised(text):
        return "body"
    if word_count(text) <= 10 and is_headline_like(text, min_words=1, max_words=10):
        return "heading"
    return "body"


# --- inference ----------------------------------------------------------------------------------


def _infer_title(cleaned: Cleaned, path: Path, inferred: list[Inference]) -> str:
    headline = cleaned.headline
    if headline is None:
        title = " ".join(re.sub(r"[_-]+", " ", path.stem).split()) or path.name
        inferred.append(Inference("title", title, TITLE_FROM_FILE_NAME))
        return title
    evidence = f"headline on line {headline.line}"
    if cleaned.kicker is not None:
        evidence += (
            f', below the section label "{cleaned.kicker.text}" on line {cleaned.kicker.line}'
        )
    inferred.append(Inference("title", headline.text, evidence))
    return headline.text


_DATED_REASONS = frozenset({DATE_LINE, METADATA, BYLINE})
_LATER_DATE = re.compile(r"\b(?:updated|modified|last|edited|revised)\b", re.IGNORECASE)


_PAGE_UPDATED = re.compile(r"\bpage was (?:last )?(?:updated|modified)\b", re.IGNORECASE)
_LIST_DATES = 3  # bare date lines with as many different dates date a list, not the page


def _listed_dates(cleaned: Cleaned) -> bool:
    """Whether the page prints bare dates over a list of events or stories (a timeline, related
    news), so that no bare date line is its own."""
    dates = {
        found.iso
        for removed in cleaned.removed
        if removed.reason == DATE_LINE and (found := date_line(removed.text)) is not None
    }
    return len(dates) >= _LIST_DATES


_UNDER_HEADLINE = 3  # lines


def _numeric_dates(cleaned: Cleaned, addresses: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """A record's numeric date line ("26-02-20"), read where the page's address gives its year
    and month; alone it could be the 26th of February or nothing."""
    found = []
    for removed in cleaned.removed:
        for address, where in addresses:
            date = numeric_date_in_month(removed.text, address)
            if date is not None:
                evidence = f"the date line {_quoted(removed.text)} on line {removed.line}, read "
                found.append((date, evidence + f"by the year and month of {where}"))
    return found


def _infer_date(
    cleaned: Cleaned,
    addresses: Sequence[tuple[str, str]],
    inferred: list[Inference],
    title: str | None = None,
) -> str | None:
    """The page's own date: a periodical's issue heading ("The Star for March 20, 2024"), a date
    line ("Published: …"; an "Updated" one only when nothing else dates the page), a dated
    dateline, or the date path of the page's printed address."""
    candidates: list[tuple[str, str]] = []
    issue = _issue(title)
    if issue:
        candidates.append((issue[1], f"the issue heading {_quoted(title or '')}"))
    later: list[tuple[str, str]] = []
    listed = _listed_dates(cleaned)
    headline = cleaned.headline.line if cleaned.headline is not None else None
    for removed in cleaned.removed:
        # A page listing other stories' dates still prints its own right under its headline.
        under_headline = headline is not None and 0 < removed.line - headline <= _UNDER_HEADLINE
        dated = removed.reason in _DATED_REASONS and not (
            listed and removed.reason == DATE_LINE and not under_headline
        )
        found = date_line(removed.text) if dated else None
        if removed.reason == BYLINE and found is None:
            found = next(iter(find_dates(removed.text)), None)
        if removed.reason == SITE_NOTICE and _PAGE_UPDATED.search(removed.text):
            found = next(iter(find_dates(removed.text)), None)  # "This page was last updated on …"
        if found is not None:
            evidence = f"{removed.reason} {_quoted(removed.text)} on line {removed.line}"
            (later if _LATER_DATE.search(removed.text) else candidates).append(
                (found.iso, evidence)
            )
    if not candidates:
        candidates += _numeric_dates(cleaned, addresses)
    for dateline in cleaned.datelines:
        date = read_date(dateline.date) if dateline.date else None
        if date:
            candidates.append((date, f'dateline "{dateline.text}" on line {dateline.line}'))
    today = _dated_today(cleaned)
    if today is not None:
        candidates.append(today)
    for text, where in addresses:
        found = date_in_address(text)
        if found is not None:
            candidates.append((found.iso, f"the date path of {where}"))
    chosen = (candidates or later or [None])[0]
    if chosen is None:
        return None
    inferred.append(Inference("date", chosen[0], chosen[1]))
    return chosen[0]


# A lede that dates its "today": "Today (27 March 2014) the government’s ambition …", "Today,
# March 3, 2020, the agency …".
_DATED_TODAY = re.compile(
    r"^Today\s*(?:\((?P<bracketed>[^()]{6,40})\)|,(?P<commas>[^,]{3,20},\s*\d{4}),)"
)


def _dated_today(cleaned: Cleaned) -> tuple[str, str] | None:
    """(date, evidence) from the lede's dated "today", the day the text was written."""
    lede = next((unit for unit in cleaned.body if not unit.heading), None)
    match = _DATED_TODAY.match(lede.text) if lede is not None else None
    if match is None:
        return None
    date = read_date(match.group("bracketed") or match.group("commas"))
    if date is None:
        return None
    return date, f'the lede\'s dated "today" ({match.group(0)}) on line {lede.line}'


def _printed_addresses(cleaned: Cleaned, url: str | None) -> list[tuple[str, str]]:
    """(address, where it stands) for the page's own address: the metadata's, or a scraper's
    address line (never a link inside the article's text)."""
    found = [(url, "the url in the metadata")] if url else []
    for removed in cleaned.removed:
        if removed.reason in (ADDRESS, METADATA):
            for address in re.findall(r"https?://\S+|www\.\S+", removed.text):
                found.append((address, f"the address on line {removed.line}"))
            sender = _MAIL_SENDER.search(removed.text)
            if sender:  # a forwarded release's "From: news@agency.gov"
                found.append((sender.group(1), f"the sender's address on line {removed.line}"))
        elif removed.reason == CONTACT:  # a release's press contact writes from the issuer
            for host in _MAIL_HOST.findall(removed.text):
                found.append((host, f"the press contact's address on line {removed.line}"))
    return found


_MEDIA_FILE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|mp4|mov|webm|mp3|m4a|pdf)(?:[?#]\S*)?$", re.I
)
_MAIL_SENDER = re.compile(r"\bFrom:\s*\S*?@([\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_MAIL_HOST = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# A publisher naming itself in its own furniture: "… the newsletter of Example Magazine",
# "Example News is a nonprofit newsroom …", "… is an editorially independent program of …".
_NAME_WORDS = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|for|and|the))*?"
_SELF_NAMED = (
    re.compile(rf"\bnewsletter of (?P<name>{_NAME_WORDS})(?=[,.;:!]|\s+[a-z]|$)"),
    re.compile(rf"\bwelcome (?:once again |back )?to (?P<name>{_NAME_WORDS})['’]s\b"),
    re.compile(
        rf"^(?P<name>{_NAME_WORDS})(?:, [^,]{{1,80}},)? is (?:a|an|the) [\w ,-]{{0,60}}?"
        r"(?:newsroom|news (?:organi[sz]ation|service|agency|outlet|site|website)|publication"
        r"|magazine|newsletter|editorially independent)\b"
    ),
)


def _self_named(text: str) -> str | None:
    for pattern in _SELF_NAMED:
        match = pattern.search(text)
        if match and word_count(match.group("name")) <= 6:
            return match.group("name").strip()
    return None


@dataclass(frozen=True)
class Publisher:
    """One entry of publishers.yaml: the name to show, and every name that points to it."""

    name: str
    aliases: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # its web addresses' host names, without "www."


PublisherTable = tuple[Publisher, ...]


@functools.cache
def load_publishers(path: Path = PUBLISHERS_FILE) -> PublisherTable:
    """The publisher table; a broken table is the project's error, so this one raises."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return tuple(
            Publisher(
                name=str(entry["name"]),
                aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
                brands=tuple(str(brand) for brand in entry.get("brands") or ()),
                domains=tuple(str(domain).lower() for domain in entry.get("domains") or ()),
            )
            for entry in data["publishers"]
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(
            f"{path}: cannot read the publisher table ({error}); "
            "it must be `publishers:` with a list of entries that each have a `name`"
        ) from error


_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|LLC|Inc\.?|Ltd\.?|Limited|plc|PLC|Corp\.?|Corporation|Co\.?|GmbH|S\.?A\.?)$"
)
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[,.]?\s*(?P<holder>.*?)"
    r"[\s.,]*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
_FURNITURE_REASONS = frozenset(
    {PROMO, COMMENT_FOOTER, COPYRIGHT, BYLINE, METADATA, PUBLICATION_NOTE, EDITOR_NOTE}
    | {PUBLISHER_NAME, LICENCE, SITE_NOTICE, TAGS}
)


@functools.cache
def publisher_names(table: PublisherTable) -> frozenset[str]:
    """Every name and alias of the table, `normalised`: such a line alone is furniture."""
    return frozenset(
        normalised(name) for publisher in table for name in (publisher.name, *publisher.aliases)
    )


def canonical_publisher(name: str, table: PublisherTable) -> str:
    """The table's name for a publisher as a dateline, a copyright line or its brand writes it."""
    cleaned = name.strip(" .,")
    stripped = _CORPORATE_SUFFIX.sub("", cleaned).strip(" .,")
    for candidate in (cleaned, stripped):
        for publisher in table:
            names = (publisher.name, *publisher.aliases, *publisher.brands)
            if any(_name_key(candidate) == _name_key(known) for known in names):
                return publisher.name
    return stripped or cleaned


def _name_key(name: str) -> str:
    """A name compared without case or the stops of initials ("US" is "U.S.")."""
    return re.sub(r"(?<=\b[A-Za-z])\.", "", name).casefold()


def _named_publisher(text: str, table: PublisherTable) -> tuple[str, str] | None:
    """(publisher, the name found) when the text names a publisher or one of its brands."""
    for publisher, known, pattern in _name_patterns(table):
        if pattern.search(text):
            return publisher, known
    return None


@functools.cache
def _name_patterns(table: PublisherTable) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(publisher, one of its names, the pattern finding that name as a whole word), in the
    table's order, compiled once: a table of a hundred publishers outgrows `re`'s own cache."""
    return tuple(
        (publisher.name, known, re.compile(rf"(?<![\w.]){re.escape(known)}(?![\w])"))
        for publisher in table
        for known in (*publisher.brands, publisher.name, *publisher.aliases)
    )


# A periodical's issue headed with its name and date: "The Marshall Star for March 20, 2024",
# "Example Weekly News — October 8th, 2014".
_PERIODICAL_NOUNS = (
    "News|Star|Times|Post|Journal|Weekly|Daily|Digest|Bulletin|Gazette|Herald|Review|Newsletter"
    "|Magazine|Chronicle|Tribune|Observer|Monitor|Courier|Letter|Briefing|Dispatch|Roundup"
)
_ISSUE_HEADING = re.compile(
    rf"^(?P<name>(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,5}}(?:{_PERIODICAL_NOUNS}))"
    r"(?:\s+for|\s+[—–])\s+(?P<date>.+)$"
)


def _issue(title: str | None) -> tuple[str, str] | None:
    """(the periodical's name, the issue's ISO date) of an issue heading."""
    match = _ISSUE_HEADING.match(title or "")
    date = read_date(match.group("date")) if match else None
    return (match.group("name"), date) if match and date else None


def _publisher_clues(
    cleaned: Cleaned,
    table: PublisherTable,
    addresses: Sequence[tuple[str, str]] = (),
    title: str | None = None,
) -> list[tuple[str, str]]:
    """(publisher, evidence) from a periodical's issue heading, the page's own furniture (title
    bar, promo, comment footer, copyright line), then from datelines: a wire story's dateline
    names the agency, not who published it."""
    clues: list[tuple[str, str]] = []
    issue = _issue(title)
    if issue:
        heading = f"the headline {_quoted(title or '')} heads an issue of {issue[0]}"
        clues.append((canonical_publisher(issue[0], table), heading))
    for removed in cleaned.removed:
        if removed.reason not in _FURNITURE_REASONS:
            continue
        where = f"{removed.reason} line {_quoted(removed.text)} on line {removed.line}"
        holder = _copyright_holder(removed.text) if removed.reason == COPYRIGHT else None
        site = title_bar_site(removed.text, title) if removed.reason == METADATA else None
        if site:
            bar = f"the page's title bar {_quoted(removed.text)} on line {removed.line}"
            clues.append((canonical_publisher(site, table), bar))
        elif holder:
            clues.append((canonical_publisher(holder, table), where))
        elif named := _named_publisher(removed.text, table):
            clues.append((named[0], f'{where} names "{named[1]}" ({PUBLISHERS_FILE.name})'))
        elif own := _self_named(removed.text):
            clues.append((canonical_publisher(own, table), f'{where} names "{own}"'))
    for address, where in addresses:
        if _MEDIA_FILE.search(address):  # a picture or recording may be hosted by anyone
            continue
        publisher = _publisher_of_address(address, table)
        if publisher is not None:
            clues.append((publisher, f"{where} ({PUBLISHERS_FILE.name} domains)"))
    for dateline in cleaned.datelines:
        clues.append(
            (
                canonical_publisher(dateline.agency, table),
                f'dateline "{dateline.text}" on line {dateline.line}',
            )
        )
    return clues


# What institutions are called; an institution's name: capitalised words ending in one.
_INSTITUTION_NOUNS = (
    "Council",
    "Board",
    "Office",
    "Department",
    "Agency",
    "Administration",
    "Commission",
    "Service",
    "Institute",
    "Center",
    "Centre",
    "Corporation",
    "Foundation",
    "Committee",
    "Bureau",
    "Authority",
    "University",
    "Association",
    "Society",
    "Ministry",
    "Coalition",
    "Alliance",
    "Federation",
    "Fund",
    "Project",
    "Laboratory",
    "Organisation",
    "Organization",
)
_NAME_WORD = r"(?:[A-Z][\w&.'’-]*\s+(?:(?:of|on|for|and|the)\s+)*)"  # "Privacy and ", "Civil "
_INSTITUTION = (
    rf"{_NAME_WORD}{{0,8}}"
    rf"(?:{'|'.join(_INSTITUTION_NOUNS)})"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:and\s+)?[A-Z][\w&.'’-]*){0,3})?"
)
# A release's lead: "The National Council on Disability (NCD) today released its report";
# "**WASHINGTON**– The U.S. Department of the Treasury’s Office of Foreign Assets Control (OFAC),
# in consultation with …, today designated …"; "Washington—This week the Treasury Department
# convened …" (a release says "today"; a newspaper names the day).
_RELEASE_VERB = r"(?:released|announced|issued|published|launched|unveiled|welcomed)\b"
_ACTION_VERB = r"(?:[a-z]{3,}ed|took|made|held|sent|gave|began|brought|sought)\b"
_LEAD_DATELINE = r"(?:[*_]*[A-Z][A-Za-z.,' ]{2,30}?[*_ ]*[—–-]+\s*)"
_TODAY = r"(?:[Tt]oday|[Tt]his week)"
_ISSUER_LEAD = re.compile(
    rf"^{_LEAD_DATELINE}?(?:(?P<when>{_TODAY}),?\s+)?(?:[Tt]he\s+)?(?P<name>{_INSTITUTION})"
    rf"(?:['’]s\s+{_NAME_WORD}{{0,8}}[A-Z][\w&.'’-]*)?(?:\s+\([A-Z]{{2,10}}\))?"
    rf"(?:,\s+[^,]{{1,80}},)?,?\s+(?(when)|(?P<today>{_TODAY}\s+)?)(?:{_RELEASE_VERB}|{_ACTION_VERB})"
    rf"(?(when)|(?(today)|\s+{_TODAY}\b))"  # "… announced today the unsealing of …"
)
# Or with "Today" in front, the issuer first of those named: "Today, 18F and the … launched".
_ISSUER_LEAD_TODAY_FIRST = re.compile(
    rf"^Today,\s+(?:the\s+)?(?P<name>{_INSTITUTION}|(?=[\dA-Z]*[A-Z])[\dA-Z]{{2,6}})"
    rf"(?:\s+\([A-Z]{{2,10}}\))?(?:\s+and\s+[^,.]{{1,80}}?)?\s+{_RELEASE_VERB}"
)


def _owner(name: str) -> str:
    """The institution a unit of it belongs to: "the U.S. Department of the Treasury’s Office of
    Foreign Assets Control" is the Department's (where the words before "’s" name an institution:
    "Children’s Bureau" stays whole)."""
    head = re.split(r"['’]s\s", name, maxsplit=1)[0]
    return head if head != name and re.fullmatch(_INSTITUTION, head) else name


# A release's headline: "National Council on Disability Releases …", beside a release marker.
_ISSUER_HEADLINE = re.compile(
    rf"^(?:The\s+)?(?P<name>{_INSTITUTION}|[A-Z]{{3,6}})\s+(?:[A-Z][a-z]+s|To|Will)\b"  # "NASA Selects"
)
_RELEASE_MARKER = re.compile(
    r"^(?:for (?:immediate )?release|(?:press |news |media )?(?:release|advisory)(?::? [A-Z]*\d[\w-]*)?"
    r"|#{3}"
    r"|media contacts?:?"
    rf"|{DOCUMENT_TYPES}|joint statement)$",  # a ministry's types
    re.IGNORECASE,
)


def _issuer_clues(
    cleaned: Cleaned, table: PublisherTable, title: str | None
) -> list[tuple[str, str]]:
    """The institution a press release is from, where nothing else names a publisher: the
    subject of its lead's "today announced", or of its headline beside a release marker."""
    for unit in cleaned.body[:2]:
        match = _ISSUER_LEAD.match(unit.text) or _ISSUER_LEAD_TODAY_FIRST.match(unit.text)
        if match:
            name = _owner(match.group("name"))
            return [
                (
                    canonical_publisher(name, table),
                    f"the release's lead on line {unit.line}: {_quoted(match.group(0))}",
                )
            ]
    marker = next((r for r in cleaned.removed if _RELEASE_MARKER.match(r.text.strip())), None)
    named = _headline_issuer(title or "", table) if marker is not None else None
    if marker is not None and named:
        name = _spelled_out(named, cleaned)
        if name is None:
            return []
        spelled = f' ("{name}" in the text)' if name != named else ""
        return [
            (
                canonical_publisher(name, table),
                f'the headline names "{named}"{spelled}, beside "{marker.text.strip()}" on line '
                f"{marker.line}",
            )
        ]
    return []


# A newsroom reporting in its own name: "Global Voices spoke with …", "… did not respond to
# KFF Health News", "… told Global Voices" ({name} stands for the newsroom's name).
_REPORTING_AS_ITSELF = (
    r"(?<![\w.]){name}\s+(?:has |had )?(?:spoke|spoken|talked) (?:with|to)\b",
    r"(?<![\w.]){name}\s+(?:has |had )?(?:interviewed|contacted|reached out to)\b",
    r"(?<![\w.]){name}\s+could not (?:independently )?(?:verify|confirm)\b",
    r"\b(?:did not|didn['’]t|declined to) (?:respond|reply) to\s+{name}",
    r"(?<![\w.]){name}['’]s? requests? for comment\b",
)
_CITED_BY_NAME = r"\b(?:told|in an interview with|in a statement to)\s+{name}"
# Words every one of those patterns holds (lower case).
_REPORTING_WORDS = (
    "spoke",
    "spoken",
    "talked",
    "interviewed",
    "contacted",
    "reached out",
    "could not",
    "respond",
    "reply",
    "request",
)
_CITED_WORDS = ("told", "interview with", "statement to")


def _reporter_clues(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """The newsroom that reports in its own name: the one publisher of the table that "spoke
    with", "contacted", "could not verify" or got no response, where no other publisher of the
    table is named so or "told" anything (an article about another outlet cites it)."""
    publisher_of, own_patterns, cited_pattern = _reporter_patterns(table)
    counts: dict[str, list[int]] = {}
    for unit in cleaned.body:
        # Each pattern tries every publisher's name at every place: only where its verb stands.
        lower = unit.text.lower()
        found = []
        if any(word in lower for word in _REPORTING_WORDS):
            found += [(m.group("name"), 0) for p in own_patterns for m in p.finditer(unit.text)]
        if any(word in lower for word in _CITED_WORDS):
            found += [(m.group("name"), 1) for m in cited_pattern.finditer(unit.text)]
        for known, kind in found:
            seen = counts.setdefault(publisher_of[known], [0, 0, unit.line])
            seen[kind] += 1
    # "Told the BBC" twice is how other outlets cite the BBC: only reporting as itself counts.
    reporters = [(name, seen) for name, seen in counts.items() if seen[0]]
    if len(counts) != 1 or not reporters:
        return []
    name, (own, cited, line) = reporters[0]
    return [
        (name, f'the text reports in the name of "{name}" {own + cited} times from line {line}')
    ]


def _own_voice_clues(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """The one publisher of the table that the text names in a sentence of its own (outside
    quotation marks) speaking as "we": "We recently sat down with … about 18F", "18F and GSA
    held … for our upcoming …" — an office's blog writing as itself."""
    publisher_of, _ = _publisher_names(table)
    named = _any_publisher_pattern(table)
    found: dict[str, int] = {}
    for unit in cleaned.body:
        text = QUOTED_PASSAGE.sub(" ", unit.text)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if not _OWN_VOICE.search(sentence):
                continue
            for match in named.finditer(sentence):
                found.setdefault(publisher_of[match.group("name")], unit.line)
    if len(found) != 1:
        return []
    (name, line), *_ = found.items()
    return [(name, f'the text speaks as "we" beside "{name}" on line {line}')]


# "we", "us", "our" (not "US"), but not the "our" of everyone ("our solar system").
_OWN_VOICE = re.compile(
    r"\b(?:[Ww]e|us|[Oo]ur(?! (?:solar system|planet|world|country|nation|galaxy|universe"
    r"|society|species|lives|children|time|moon|sun)\b))\b"
)


@functools.cache
def _publisher_names(table: PublisherTable) -> tuple[dict[str, str], str]:
    """(publisher by each of its names and aliases; those names as one alternation, longest
    first, for a pattern to find any of them)."""
    publisher_of = {
        known: publisher.name
        for publisher in table
        for known in (publisher.name, *publisher.aliases)
    }
    names = "|".join(re.escape(known) for known in sorted(publisher_of, key=len, reverse=True))
    return publisher_of, names


@functools.cache
def _any_publisher_pattern(table: PublisherTable) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?P<name>{_publisher_names(table)[1]})(?![\w'’])")


@functools.cache
def _reporter_patterns(
    table: PublisherTable,
) -> tuple[dict[str, str], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """(publisher by each of its names; the patterns of reporting in one's own name; the pattern
    of being told), each naming any publisher of the table as the group "name"."""
    publisher_of, names = _publisher_names(table)
    name = rf"(?:the\s+)?(?P<name>{names})(?![\w'’])"
    own = tuple(re.compile(pattern.replace("{name}", name)) for pattern in _REPORTING_AS_ITSELF)
    return publisher_of, own, re.compile(_CITED_BY_NAME.replace("{name}", name))


def _headline_issuer(title: str, table: PublisherTable) -> str | None:
    """The issuer a release's headline opens with: its subject ("SEC Proposes …") or a publisher
    of the table ("NASA Johnson Director to Discuss …")."""
    match = _ISSUER_HEADLINE.match(title)
    if match:
        return match.group("name")
    for known, pattern in _opening_patterns(table):
        if pattern.match(title):
            return known
    return None


@functools.cache
def _opening_patterns(table: PublisherTable) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (known, re.compile(rf"(?:The\s+)?{re.escape(known)}(?![\w'’])"))
        for publisher in table
        for known in (publisher.name, *publisher.aliases)
    )


def _spelled_out(name: str, cleaned: Cleaned) -> str | None:
    """The issuer's full name, where the headline shortens it: the acronym's ("PCLOB" is the
    "Privacy and Civil Liberties Oversight Board (PCLOB)" of the text), or a bare "Board"'s (the
    first board the text names in full; None when it names none)."""
    if " " in name or not (name.isupper() or name in _INSTITUTION_NOUNS):
        return name
    if name.isupper():
        defined = re.compile(rf"(?P<full>{_INSTITUTION})\s*\(\s*{re.escape(name)}\s*\)")
    else:
        defined = re.compile(rf"(?P<full>{_NAME_WORD}{{2,8}}{name})\b")
    for unit in cleaned.body:
        match = defined.search(unit.text)
        if match:
            return re.sub(r"^The\s+", "", match.group("full"))
    return name if name.isupper() else None


def _publisher_of_address(address: str, table: PublisherTable) -> str | None:
    """The publisher whose domain the address's host is (or is a subdomain of)."""
    host = urllib.parse.urlsplit(address if "//" in address else f"//{address}").hostname or ""
    matches = [
        (len(domain), publisher.name)
        for publisher in table
        for domain in publisher.domains
        if host == domain or host.endswith(f".{domain}")
    ]
    return max(matches)[1] if matches else None  # the most specific: india.example.com


def _quoted(text: str, limit: int = 80) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1].rstrip()}…"'


def _copyright_holder(text: str) -> str | None:
    """ "Bloomberg L.P." from "©2023 Bloomberg L.P."; None when the line is more than a name."""
    match = _COPYRIGHT_HOLDER.match(text)
    holder = match.group("holder").strip() if match else ""
    return holder if holder and word_count(holder) <= 6 else None


def _byline_publisher(
    byline: str | None, table: PublisherTable, inferred: list[Inference]
) -> str | None:
    """The publisher a front matter's byline names ("byline_str: U.S. Digital Service"); a
    person's name, the usual byline, names none."""
    if not byline:
        return None
    publisher = canonical_publisher(byline, table)
    if not any(entry.name == publisher for entry in table):
        return None
    inferred.append(Inference("publisher", publisher, f'the front matter\'s byline "{byline}"'))
    return publisher


def _infer_publisher(
    cleaned: Cleaned,
    table: PublisherTable,
    addresses: Sequence[tuple[str, str]],
    inferred: list[Inference],
    warnings: list[str],
    title: str | None = None,
) -> str | None:
    clues = (
        _publisher_clues(cleaned, table, addresses, title)
        or _issuer_clues(cleaned, table, title)
        or _reporter_clues(cleaned, table)
        or _own_voice_clues(cleaned, table)
    )
    if not clues:
        return None
    publisher, evidence = clues[0]
    agreeing = [text for name, text in clues if name == publisher]
    inferred.append(Inference("publisher", publisher, "; ".join(agreeing)))
    others = sorted({name for name, _ in clues} - {publisher})
    if others:
        warnings.append(
            f"publisher clues disagree: {publisher} ({evidence}) but also {', '.join(others)}; "
            f"using {publisher} — set `publisher` in the metadata to decide"
        )
    return publisher
