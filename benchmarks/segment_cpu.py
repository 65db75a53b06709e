"""CPU time of item segmentation over long documents, in one process.

Corpus: the government work reports 2000-2025 in ../shared/corpus/gov-work-reports (25 files,
about 1.4 MB; override with FILES...). Each round is a fresh process that imports bnlp,
segments data/sample-bulletin.txt once (so the gazetteer, OpenCC's check and the regex cache
are built, as after the first file of a ``bnlp keywords --per-item`` run over a folder), then
reads every file with ``reading.read_document`` and segments it with
``segment.segment_document``, each file once (no memoised line is reused from an earlier
round). CPU time is ``time.process_time`` (user + system of that process: other load on a
shared machine does not count); the median of ROUNDS rounds is printed.

Run: python benchmarks/segment_cpu.py [--rounds 3] [FILES...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(files: list[str]) -> None:
    """One round: print {"read": s, "segment": s} as JSON."""
    from bulletin_nlp.reading import read_document
    from bulletin_nlp.segment import segment_document

    segment_document(read_document(str(ROOT / "data" / "sample-bulletin.txt"), None))
    read = seg = 0.0
    for f in files:
        t0 = time.process_time()
        doc = read_document(f, None)
        t1 = time.process_time()
        segment_document(doc)
        t2 = time.process_time()
        read += t1 - t0
        seg += t2 - t1
    print(json.dumps({"read": read, "segment": seg}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(str(p) for p in (ROOT.parent / "shared/corpus/gov-work-reports").glob("20*.txt"))
    if not files:
        sys.exit("no files (is ../shared present?)")
    if args.child:
        child(files)
        return
    runs = []
    for _ in range(args.rounds):
        out = subprocess.run(
            [sys.executable, __file__, "--child", *files], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(out.stdout))
    read = statistics.median(r["read"] for r in runs)
    seg = statistics.median(r["segment"] for r in runs)
    size = sum(Path(f).stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {size:.2f} MB, median of {args.rounds} rounds (CPU, process_time)")
    print(f"read_document:     {read * 1000:7.1f} ms")
    print(f"segment_document:  {seg * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
