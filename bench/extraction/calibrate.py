"""Build the extractor's confidence calibration from the dev split of the real corpus.

Usage: ``python -m bench.extraction.calibrate [--check]``

Each candidate the rules draft on a dev document falls in an evidence bin (its kind, the strength of its modal cue,
whether it names its actor: ``catalogue.extract.candidates.evidence_bin``). A bin's calibrated confidence is the
Wilson lower bound (95%) of the share of its candidates that match a hand-labelled requirement, so a bin earns a
high confidence only with enough evidence. The table goes to ``catalogue/extract/calibration.csv``. Only dev
documents are read: the held-out split is never used to calibrate. ``--check`` prints the table and the dev
precision above 0.8 without writing.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.extraction import run  # noqa: E402
from catalogue.extract.candidates import CALIBRATION_FILE, bounded, evidence_bin, extract_candidates  # noqa: E402
from catalogue.extract.header import read_header  # noqa: E402
from catalogue.extract.readers import Document, text_blocks  # noqa: E402

Z = 1.96
FIELDS = ("kind", "strength", "actor", "dev_candidates", "dev_requirements", "calibrated_confidence")


def wilson_lower(correct: int, total: int, z: float = Z) -> float:
    """Lower end of the Wilson score interval for a proportion (0 when there is no evidence)."""
    if total == 0:
        return 0.0
    share = correct / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


def dev_evidence() -> list[tuple[tuple[str, str, str], bool]]:
    """Each dev candidate's evidence bin (from the rules' own score) and whether it is a labelled requirement."""
    out = []
    for doc in run.load("dev"):
        document = Document(name=doc.name, format="text", size=len(doc.text.encode()), blocks=text_blocks(doc.text))
        candidates = extract_candidates(document, read_header(document.blocks), calibrated=False)
        preds = [c.as_json() for c in candidates]
        matched = {id(pr) for pr, _ in run.match(preds, doc.gold)}
        out += [(evidence_bin(c), id(pr) in matched) for c, pr in zip(candidates, preds, strict=True)]
    return out


def table(evidence: list[tuple[tuple[str, str, str], bool]]) -> list[dict]:
    """The calibration rows: one per evidence bin seen on dev."""
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for key, ok in evidence:
        counts[key][0] += 1
        counts[key][1] += ok
    rows = [
        {"kind": k, "strength": s, "actor": a, "dev_candidates": n, "dev_requirements": good}
        for (k, s, a), (n, good) in sorted(counts.items())
    ]
    for row in rows:
        row["calibrated_confidence"] = round(wilson_lower(row["dev_requirements"], row["dev_candidates"]), 3)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the table and dev precision; write nothing")
    args = parser.parse_args(argv)
    evidence = dev_evidence()
    rows = table(evidence)
    by_key = {(r["kind"], r["strength"], r["actor"]): r["calibrated_confidence"] for r in rows}
    above = [ok for key, ok in evidence if bounded(key, by_key[key]) > run.CONFIDENT]
    for row in rows:
        print(" ".join(f"{row[f]}" for f in FIELDS))
    share = sum(above) / len(above) if above else 0.0
    print(f"dev candidates above {run.CONFIDENT}: {len(above)} of {len(evidence)}, precision {share:.3f}")
    if not args.check:
        with CALIBRATION_FILE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
