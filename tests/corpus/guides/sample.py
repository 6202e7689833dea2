"""Print the article files a helper annotates: sample.py TASK K
(TASK: entities | figures | entities-more).

The entity sample is every third article of each half (sorted by file name), shared among four
helpers; the figure sample every sixth from the second, shared among two; the second entity
sample (session after stop 30) every third from the second, of the dev half only, shared among
two."""

import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent
task, k = sys.argv[1], int(sys.argv[2])
step, offset, helpers = {"entities": (3, 0, 4), "figures": (6, 1, 2), "entities-more": (3, 1, 2)}[
    task
]
for half in ("dev",) if task == "entities-more" else ("dev", "test"):
    names = sorted(
        p.name for p in (CORPUS / half).iterdir() if not p.name.endswith(".yaml") and p.is_file()
    )
    for name in names[offset::step][k::helpers]:
        print(f"{half}/{name}")
