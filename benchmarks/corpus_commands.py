"""Wall time of the corpus commands against `bnlp keywords` over the same files.

Corpus: the 52 government work reports in ../shared/corpus/gov-work-reports (the *.txt files),
or a folder given as the first argument. Each command runs as a fresh `python -m bulletin_nlp`
process with `-f json -o /dev/null -q` (start-up, reading, item segmentation and the analysis
included); the best of REPEAT runs is kept, as wall time and as the process's CPU time (user +
system, less disturbed by other work on a shared machine). Issue 16 asks each to stay within 2x
`keywords`.

Run: python benchmarks/corpus_commands.py [FOLDER] [REPEAT]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "gov-work-reports"
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
files = [str(p) for p in sorted(folder.glob("*.txt"))]
if not files:
    sys.exit(f"no .txt files in {folder}")

COMMANDS = {
    "keywords (baseline)": ["keywords", *files],
    "trends --terms": ["trends", *files, "--terms", "高质量发展,脱贫攻坚"],
    "trends (top keywords)": ["trends", *files],
    "trends --by-theme": ["trends", *files, "--by-theme"],
    "kwic 营商环境": ["kwic", "营商环境", *files],
    "kwic --regex": ["kwic", "改革|开放", *files, "--regex"],
    "cooccur --window item": ["cooccur", *files],
    "cooccur --window sentence": ["cooccur", *files, "--window", "sentence", "--measure", "npmi"],
    "compare --by year": ["compare", *files, "--by", "year"],
    "compare --by theme": ["compare", *files, "--by", "theme"],
}


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best(args: list[str]) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu()
        subprocess.run(
            [sys.executable, "-m", "bulletin_nlp", *args, "-f", "json", "-o", "/dev/null", "-q"], check=True, cwd=ROOT
        )
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return min(walls), min(cpus)


print(f"corpus: {len(files)} files in {folder}; best of {repeat} runs")
print(f"{'command':28s} {'wall':>8s} {'ratio':>6s} {'cpu':>8s} {'ratio':>6s}")
base = None
for name, args in COMMANDS.items():
    wall, used = best(args)
    base = base or (wall, used)
    flag = "" if used <= 2 * base[1] else "  (cpu over 2x keywords)"
    print(f"{name:28s} {wall:7.2f}s {wall / base[0]:5.2f}x {used:7.2f}s {used / base[1]:5.2f}x{flag}")
