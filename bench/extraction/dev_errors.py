"""List the extractor's errors on the dev split of the real corpus, grouped by cause (never the held-out split).

Usage: ``python -m bench.extraction.dev_errors [NAME ...]`` (names: parts of dev file names, to narrow the list)

False positives are grouped as labelled look-alike negatives, list items, imperatives, table rows and other
sentences; false negatives as span differences (a candidate overlaps the label but below the matching threshold)
or misses (nothing near); then modality disagreements. Held-out documents are never read here.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.extraction import run  # noqa: E402
from catalogue.extract import extract_text  # noqa: E402

SPAN_OVERLAP = 0.3


def dev_errors(names: list[str] | None = None) -> dict[str, list[str]]:
    """The dev errors of the extractor by cause, each as "file: text"."""
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in run.load("dev"):
        if names and not any(name in doc.name for name in names):
            continue
        candidates = extract_text(doc.text, name=doc.name).candidates
        preds = [c.as_json() for c in candidates]
        pairs = run.match(preds, doc.gold)
        matched = {id(pr) for pr, _ in pairs}
        found = {id(g) for _, g in pairs}
        for candidate, pr in zip(candidates, preds, strict=True):
            if id(pr) in matched:
                continue
            if any(run._similar(candidate.text, neg) >= run.MATCH_AT for neg in doc.hard_negatives):
                cause = "FP labelled look-alike negative"
            else:
                cause = {"item": "FP list item", "imperative": "FP imperative", "row": "FP table row"}.get(
                    candidate.kind, "FP sentence"
                )
            groups[cause].append(f"{doc.name} [{candidate.modality} {candidate.confidence}]: {candidate.text[:140]}")
        for gold in doc.gold:
            if id(gold) in found:
                continue
            best = max((run._similar(c.text, gold.text) for c in candidates), default=0.0)
            cause = "FN span differs" if best >= SPAN_OVERLAP else "FN missed"
            groups[cause].append(f"{doc.name} [{gold.modality}; best overlap {best:.2f}]: {gold.text[:140]}")
        for pr, gold in pairs:
            if run._modality(pr.get("modality")) != gold.modality:
                groups["modality"].append(f"{doc.name} [{pr.get('modality')} for {gold.modality}]: {gold.text[:120]}")
    return dict(groups)


def main(argv: list[str] | None = None) -> int:
    groups = dev_errors(list(argv if argv is not None else sys.argv[1:]))
    for cause in sorted(groups):
        print(f"== {cause} ({len(groups[cause])})")
        print("\n".join(groups[cause]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
