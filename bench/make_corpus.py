"""Write a benchmark corpus: N realistic articles recombined from the real seeds.

usage: .venv/bin/python -m bench.make_corpus N OUT_DIR [--seeds seeds] [--random-seed 1]

Each article is built from runs of real sentences of the seeds, cut into paragraphs anew (so spaCy
parses real prose, with its quotations and attributions, and articles share no whole paragraphs), with the people in it renamed to invented people, a headline
from the seeds' headlines, publisher boilerplate of one of the seeds' house styles (promo lines,
captions, "Hide Ad" lines, related headlines, copyright and comment footers) and a sidecar
`NAME.meta.yaml` with a date. Lengths vary from 300 to 3,000 words. The same N and random seed
always give the same files. The topic file is copied beside the articles.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.ingest.seeds import read_seed
from generator.model import Article, SeedProblem

ROOT = Path(__file__).resolve().parent.parent
MIN_WORDS, MAX_WORDS = 300, 3000
YEARS = range(2019, 2025)

# Invented people: a recurring cast, so people pages gather quotes across articles as they would.
FIRST_NAMES = re.findall(
    r"\w+",
    """Ada Bram Cato Dalia Eero Farah Gideon Hana Ilse Joaquin Kenji Leona Marek Nadia Oskar Priya
    Quentin Rosalind Soren Talia Ulrich Vera Wendell Ximena Yusuf Zora Anselm Beatrix Cyrus Delphine
    Emeric Flora Gaspard Helka Ivo Jovana Kasimir Liesl Mateo Noor Orla Piet Rana Sefa Tamsin Uri
    Valka Wim Yara Zeno""",
)
LAST_NAMES = re.findall(
    r"\w+",
    """Abernathy Brandvold Castellano Drummond Eskildsen Fairweather Gorecki Halloran Ibarra
    Jankowski Kovalenko Lindqvist Marchetti Nakashima Okonkwo Pellegrini Quist Rasmussen Sandoval
    Thorsen Uriarte Valdivia Westergaard Yilmaz Zubiri Achterberg Bellweather Corcoran Duarte
    Engstrom Falconer Grimaldi Hartigan Iwasaki Jorgensen Kettering Lachance Moreau Novak Oyelaran
    Prescott Ravensworth Sutcliffe Tavernier Underhill Vasquez Whitcombe Yeoh Zielinski""",
)
CAST_SIZE = 400

TITLES = ("President", "Minister", "Mr", "Mrs", "Ms", "Dr", "Secretary", "General")


@dataclass
class Seed:
    """One real seed, cut into what the generated articles reuse."""

    article: Article
    body: list[str]  # body paragraphs, in order
    headings: list[str]
    sentences: list[str] = field(default_factory=list)  # of the body, in order (spaCy's)
    header: list[str] = field(default_factory=list)  # boilerplate above the first paragraph
    between: list[str] = field(default_factory=list)  # boilerplate between paragraphs
    footer: list[str] = field(default_factory=list)  # boilerplate after the last paragraph
    dateline: str | None = None


def load_seeds(seeds_dir: Path) -> list[Seed]:
    seeds = []
    for path in sorted(seeds_dir.glob("*.txt")):
        article = read_seed(path, seeds_dir)
        if isinstance(article, SeedProblem):
            continue
        seed = Seed(
            article=article,
            body=[p.text for p in article.paragraphs if p.kind == "body"],
            headings=[p.text for p in article.paragraphs if p.kind == "heading"],
        )
        first, last = article.paragraphs[0].line, article.paragraphs[-1].line
        for removed in article.removed:
            if removed.reason == "dateline":
                seed.dateline = removed.text
            elif removed.reason == "duplicate":
                continue
            elif removed.line < first:
                seed.header.append(removed.text)
            elif removed.line > last:
                seed.footer.append(removed.text)
            else:
                seed.between.append(removed.text)
        seeds.append(seed)
    if not seeds:
        raise SystemExit(f"no usable .txt seeds in {seeds_dir}")
    return seeds


def find_people_and_sentences(seeds: list[Seed]) -> list[str]:
    """Full names (two or three capitalised words) spaCy's NER finds as people in the seeds,
    most frequent first; and each seed's `sentences` (spaCy's, within its paragraphs)."""
    from generator.analyse.parse import load_pipeline
    from generator.settings import DEFAULT_MODEL

    nlp = load_pipeline(DEFAULT_MODEL)
    counts: dict[str, int] = {}
    texts = ["\n\n".join(seed.body) for seed in seeds]
    for seed, doc in zip(seeds, nlp.pipe(texts), strict=True):
        seed.sentences = [
            text for sentence in doc.sents if (text := sentence.text.strip()) and "\n" not in text
        ]
        for entity in doc.ents:
            words = entity.text.removesuffix("’s").removesuffix("'s").split()
            if entity.label_ != "PERSON" or not 2 <= len(words) <= 3:
                continue
            if all(re.fullmatch(r"[A-Z][a-z]+", w) and w not in TITLES for w in words):
                name = " ".join(words)
                counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def invented_cast(rng: random.Random) -> list[tuple[str, str]]:
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    return rng.sample(pairs, CAST_SIZE)


def renaming(people: list[str], cast: list[tuple[str, str]], rng: random.Random):
    """A function renaming the seeds' people consistently within one article."""
    replacements: dict[str, str] = {}
    for real in people:
        first, last = rng.choice(cast)
        words = real.split()
        replacements.setdefault(real, f"{first} {last}")
        # A lone word of the name (Xi, Putin, Lavrov) becomes the matching invented word.
        replacements.setdefault(words[0], first)
        replacements.setdefault(words[-1], last)
        if len(words) == 3:
            replacements.setdefault(" ".join(words[1:]), last)
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True))
        + r")\b"
    )
    return lambda text: pattern.sub(lambda match: replacements[match.group(1)], text)


def word_count(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def target_length(rng: random.Random) -> int:
    """Log-uniform between MIN_WORDS and MAX_WORDS: many short pieces, a few long ones."""
    return round(MIN_WORDS * (MAX_WORDS / MIN_WORDS) ** rng.random())


def compose_article(
    seeds: list[Seed], style: Seed, headlines: list[str], rename, rng: random.Random
) -> str:
    """One article's text in the house style of the seed `style`."""
    target = target_length(rng)
    body: list[str] = []
    while word_count(body) < target:
        seed = rng.choice(seeds)
        if body and seed.headings and rng.random() < 0.15:
            body.append("\n" + rng.choice(seed.headings))
        body.extend(paragraph_run(seed, rng))
        if style.between and rng.random() < 0.3:
            body.append(rng.choice(style.between))
    lines = [rename(rng.choice(headlines)), ""]
    lines += [*style.header, ""] if style.header else []
    first = rename(body[0])
    if style.dateline:
        first = f"{style.dateline} {first}"
    lines += [first, ""]
    for paragraph in body[1:]:
        lines += [rename(paragraph), ""]
    lines += style.footer
    return "\n".join(lines).rstrip() + "\n"


def paragraph_run(seed: Seed, rng: random.Random) -> list[str]:
    """2 to 6 paragraphs of 1 to 4 consecutive sentences of the seed: its own prose in its own
    order, but cut into paragraphs anew, so that articles do not share whole paragraphs. (Runs
    of the seed's own paragraphs made a fifth of the paragraphs of 8 articles parsed together
    repeats, which a parser parses once and bare `nlp.pipe` over the texts does not.)"""
    start = rng.randrange(len(seed.sentences))
    paragraphs = []
    for _ in range(rng.randint(2, 6)):
        size = rng.randint(1, 4)
        sentences = seed.sentences[start : start + size]
        if not sentences:
            break
        paragraphs.append(" ".join(sentences))
        start += size
    return paragraphs


def sidecar(rng: random.Random, publisher: str | None) -> str:
    year = rng.choice(YEARS)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = f"date: {date}\n"
    if publisher and rng.random() < 0.3:
        text += f"publisher: {publisher}\n"
    return text


def make_corpus(
    count: int, out_dir: Path, seeds_dir: Path = ROOT / "seeds", random_seed: int = 1
) -> list[Path]:
    """Write `count` articles and the topic file into out_dir (emptied first); return the articles."""
    seeds = load_seeds(seeds_dir)
    rng = random.Random(random_seed)
    people = find_people_and_sentences(seeds)
    cast = invented_cast(rng)
    headlines = [seed.article.title for seed in seeds]
    headlines += [text for seed in seeds for text in seed.between if len(text.split()) >= 6]
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    shutil.copyfile(seeds_dir / "topics.yaml", out_dir / "topics.yaml")
    written = []
    width = len(str(count))
    for number in range(1, count + 1):
        style = rng.choice(seeds)
        text = compose_article(seeds, style, headlines, renaming(people, cast, rng), rng)
        path = out_dir / f"article_{number:0{width}d}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_name(f"{path.stem}.meta.yaml").write_text(
            sidecar(rng, style.article.publisher), encoding="utf-8"
        )
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--random-seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = make_corpus(args.count, args.out_dir, args.seeds, args.random_seed)
    words = sum(len(path.read_text(encoding="utf-8").split()) for path in paths)
    print(f"{len(paths)} articles, {words} words, in {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
