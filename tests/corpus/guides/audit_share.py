"""Print the articles an auditor of the entity annotation checks: audit_share.py K (K: 0 or 1)."""

import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parent.parent
k = int(sys.argv[1])
for half in ("dev", "test"):
    annotated = yaml.safe_load((CORPUS / half / "entities.yaml").read_text(encoding="utf-8"))
    for name in sorted(annotated)[k::2]:
        print(f"{half}/{name}")
