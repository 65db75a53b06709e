"""In-process CPU time of item segmentation over long documents.

Corpus: the government work reports 2000-2025 in ../shared/corpus/gov-work-reports (25 files,
about 1.4 MB; override with FILES...). Each round reads every file with
``reading.read_document`` and segments it with ``segment.segment_document``, in one process,
after one warm-up round (so the gazetteer, OpenCC and the regex cache are built once, as in a
``bnlp keywords --per-item`` run over a folder). CPU time is ``time.process_time`` (user +
system of this process: other load on a shared machine does not count); the median of ROUNDS
rounds is printed, for reading, segmentation and both.

Run: python benchmarks/segment_cpu.py [--rounds 3] [FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(str(p) for p in (ROOT.parent / "shared/corpus/gov-work-reports").glob("20*.txt"))
    if not files:
        sys.exit("no files (is ../shared present?)")
    from bulletin_nlp.reading import read_document
    from bulletin_nlp.segment import segment_document

    def one_round() -> tuple[float, float]:
        read = seg = 0.0
        for f in files:
            t0 = time.process_time()
            doc = read_document(f, None)
            t1 = time.process_time()
            segment_document(doc)
            t2 = time.process_time()
            read += t1 - t0
            seg += t2 - t1
        return read, seg

    one_round()
    runs = [one_round() for _ in range(args.rounds)]
    read = statistics.median(r for r, _ in runs)
    seg = statistics.median(s for _, s in runs)
    both = statistics.median(r + s for r, s in runs)
    size = sum(Path(f).stat().st_size for f in files) / 1e6
    print(f"{len(files)} files, {size:.2f} MB, median of {args.rounds} rounds (CPU, process_time)")
    print(f"read_document:     {read * 1000:7.1f} ms")
    print(f"segment_document:  {seg * 1000:7.1f} ms")
    print(f"both:              {both * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
