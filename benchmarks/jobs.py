"""`bnlp keywords --jobs 1` against `--jobs 2` on a folder of many files (wall time).

Corpus: the 52 government work reports in ../shared/corpus/gov-work-reports (about 3 MB), or a
folder given with --folder. The cache is warmed first (one run), then ROUNDS rounds run
``--jobs 1`` and ``--jobs 2`` interleaved; the median wall time of each is printed, with the CPU
time (user + system) of the whole process tree. Wall time is what --jobs buys; on a machine
shared with other work it is noisy, so compare the two in the same run only.

Run: python benchmarks/jobs.py [--rounds 3] [--folder DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--folder", default=str(ROOT.parent / "shared" / "corpus" / "gov-work-reports"))
    args = ap.parse_args()
    files = sorted(Path(args.folder).glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {args.folder}")
    base = [sys.executable, "-m", "bulletin_nlp", "keywords", args.folder, "--per-item", "-f", "json", "-q"]
    base += ["-o", os.devnull]
    run(base)  # warm the cache
    wall: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.rounds):
        for jobs in (1, 2):
            w, c = run([*base, "--jobs", str(jobs)])
            wall[jobs].append(w)
            cpu[jobs].append(c)
    print(f"corpus: {len(files)} files in {args.folder}; {os.cpu_count()} CPUs; rounds: {args.rounds}")
    for jobs in (1, 2):
        w = statistics.median(wall[jobs])
        print(
            f"  --jobs {jobs}: {w:6.2f} s wall ({wall[1][0] and statistics.median(wall[1]) / w:4.2f}x speed-up), "
            f"{statistics.median(cpu[jobs]):6.2f} s CPU   (wall runs: {' '.join(f'{x:.2f}' for x in wall[jobs])})"
        )


if __name__ == "__main__":
    main()
