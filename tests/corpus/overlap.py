"""How much of each candidate article the corpus already holds, without printing any text.

    python tests/corpus/overlap.py CANDIDATE...

For each file, the largest share of its 8-word shingles found in one corpus article (dev or
test), and that article's half and name. Above 0.2 the article is already in the corpus. It lets
a helper who adds articles avoid duplicates in the test half without opening it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
SHINGLE_WORDS = 8


def shingles(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def closest(candidate: Path, pool: list[Path]) -> tuple[float, Path | None]:
    mine = shingles(candidate.read_text(encoding="utf-8", errors="replace"))
    best: tuple[float, Path | None] = (0.0, None)
    for other in pool:
        if other.resolve() == candidate.resolve() or not mine:
            continue
        theirs = shingles(other.read_text(encoding="utf-8", errors="replace"))
        best = max(best, (len(mine & theirs) / len(mine), other), key=lambda pair: pair[0])
    return best


def main(arguments: list[str]) -> int:
    pool = [p for half in ("dev", "test") for p in sorted((CORPUS / half).glob("*.*"))]
    pool = [p for p in pool if p.suffix in (".txt", ".md")]
    for name in arguments:
        share, other = closest(Path(name), pool)
        where = f"{other.parent.name}/{other.name}" if other else ""
        print(f"{Path(name).name}: {share:.2f} {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
