"""Seed file → Article: decoding, metadata, paragraphs, and what is inferred where metadata is silent.

The first stage of the pipeline. Bad input never raises: it becomes a `SeedProblem` that says what is
wrong and what to do. Boilerplate rules live in `generator.ingest.boilerplate`; the table of publishers'
names and products in `generator/publishers.yaml`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.cache import PickleStore
from generator.ingest.boilerplate import (
    function_word_share,
    letter_words,
    normalised,
    strip_boilerplate,
)
from generator.ingest.decode import MAX_SEED_BYTES, Unusable, decode_text, read_bytes
from generator.ingest.inference import (
    TITLE_FROM_FILE_NAME,
    PublisherTable,
    byline_publisher,
    infer_date,
    infer_publisher,
    infer_title,
    load_publishers,
    printed_addresses,
    publisher_names,
)
from generator.ingest.layout import MD_HEADING, looks_like_markdown, paragraph_kind, split_units
from generator.ingest.markup import browser_title, html_pieces, looks_like_html, machine_date
from generator.ingest.metadata import (
    BYLINE_FIELD,
    MAX_SIDECAR_BYTES,
    leaves_folder,
    normalise_date,
    read_front_matter,
    read_sidecar,
)
from generator.ingest.records import read_record
from generator.model import Article, Inference, Paragraph, RemovedText, SeedProblem
from generator.settings import ingest_code_hash

# Some 50,000 words: longer than any news article, and about ten seconds of parsing.
MAX_ARTICLE_CHARS = 300_000
MAX_PARAGRAPH_CHARS = 10_000  # a paragraph's parse stays small; spaCy refuses a million
SEED_SUFFIXES = (".txt", ".md")
SIDECAR_SUFFIX = ".meta.yaml"


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
    except Unusable as problem:
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


def _machine_date(lines: list[str], inferred: list[Inference]) -> str | None:
    """The date an HTML seed's markup gives for machines, where its text dates it nowhere."""
    found = machine_date(lines)
    date = normalise_date(found[0]) if found else None
    if found and date:
        inferred.append(Inference("date", date, f"the markup {found[2]!r} on line {found[1]}"))
    return date


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
        raise Unusable(
            "the file is a link that points outside the seeds folder (or nowhere)",
            "put the article's file itself in the seeds folder instead of a link",
        )


def is_regular_file(path: Path) -> bool:
    """`Path.is_file`, false too where the name is too long or the file cannot be looked at."""
    try:
        return path.is_file()
    except OSError:
        return False


def _read_article(path: Path, source: str, table: PublisherTable) -> Article:
    raw = read_bytes(path)
    text, warnings = decode_text(raw, source)
    if len(text) > MAX_ARTICLE_CHARS:
        raise Unusable(
            f"the text is {len(text):,} characters long, over the {MAX_ARTICLE_CHARS:,} of the "
            "longest news article (a book, a dump or many articles in one file?)",
            "split it into one file per article",
        )
    lines = text.split("\n")

    metadata: dict[str, str] = {}
    hasher = hashlib.sha256(raw)
    sidecar = sidecar_path(path)
    if is_regular_file(sidecar):
        sidecar_bytes, sidecar_meta, sidecar_warnings = read_sidecar(sidecar, source)
        hasher.update(b"\0sidecar\0" + sidecar_bytes)
        metadata.update(sidecar_meta)
        warnings += sidecar_warnings

    first_body_line = 1
    record = read_record(text, source)
    markdown = record is None and (path.suffix.lower() == ".md" or looks_like_markdown(lines))
    if record is not None:
        warnings += record.warnings
        metadata = {**record.metadata, **metadata}  # a sidecar's fields over the record's
        lines = [line for _, line in record.lines]
    if markdown:
        front, first_body_line, front_warnings = read_front_matter(lines, source)
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
    if record is not None:
        numbered, markup_removed = record.lines, list(record.removed)
    tab_title = None
    html_seed = looks_like_html(lines)
    if html_seed:
        tab_title = browser_title(lines)
        # In a Markdown page the headings are Markdown's; HTML in it is embedded (a box of
        # code to republish the story, whose <h1> repeats the headline).
        numbered = list(html_pieces(numbered, markup_removed, headings=not markdown))
        # Its headings now carry Markdown's marks, to be read as Markdown's are.
        markdown = markdown or any(MD_HEADING.match(text) for _, text in numbered)
    units, layout_removed = split_units(numbered, markdown=markdown, quotes=html_seed)
    markup_removed += layout_removed
    if not units:
        raise Unusable("the file has no article text", "add the article's text below the metadata")
    cleaned = strip_boilerplate(
        units,
        known_title=metadata.get("title"),
        publisher_names=publisher_names(table),
        browser_title=tab_title,
    )
    if not cleaned.body:
        raise Unusable(
            "no article text is left once the title and publisher boilerplate are removed",
            "check that the file holds the article itself, not only a headline or page furniture",
        )

    inferred: list[Inference] = []
    title = metadata.get("title") or infer_title(cleaned, path, inferred)
    addresses = printed_addresses(cleaned, metadata.get("url"))
    publisher = (
        metadata.get("publisher")
        or byline_publisher(metadata.get(BYLINE_FIELD), table, inferred)
        or infer_publisher(cleaned, table, addresses, inferred, warnings, title)
    )
    date = (
        metadata.get("date")
        or infer_date(cleaned, addresses, inferred, title)
        or (_machine_date(lines, inferred) if html_seed else None)
    )
    pieces = [
        (unit, text)
        for unit in cleaned.body
        for text in split_long_paragraph(unit.text, unit.line, warnings, source)
    ]
    paragraphs = tuple(
        Paragraph(
            id=f"p{number}",
            text=text,
            line=unit.line,
            kind=paragraph_kind(unit),
            quoted=unit.quoted,
            emphasised=unit.emphasised,
        )
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
