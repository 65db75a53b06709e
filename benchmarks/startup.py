"""Start-up cost of `bnlp segment` against Typer's own import cost.

Prints the median wall time of N runs of:
  - python -c "import typer"                       (the floor: Typer and rich)
  - bnlp segment data/sample-bulletin.txt -f json  (whole command on the shipped sample)
and checks that segment imports neither jieba nor scikit-learn.

Run: python benchmarks/startup.py [N]
"""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N = int(sys.argv[1]) if len(sys.argv) > 1 else 10


def median_time(cmd):
    times = []
    for _ in range(N):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


py = sys.executable
floor = median_time([py, "-c", "import typer, rich.console"])
seg = median_time([py, "-m", "bulletin_nlp", "segment", "data/sample-bulletin.txt", "-f", "json"])
check = subprocess.run([py, "-c", (
    "import sys; from bulletin_nlp.cli import main; main(['segment', 'data/sample-bulletin.txt', '-f', 'json', '-o', '/dev/null']);"
    "print('jieba' in sys.modules, 'sklearn' in sys.modules)")], capture_output=True, text=True, cwd=ROOT)
print(f"runs: {N}")
print(f"import typer + rich:        {floor * 1000:7.1f} ms")
print(f"bnlp segment (sample):      {seg * 1000:7.1f} ms  ({seg / floor:.2f}x the floor)")
print(f"segment imported jieba, sklearn: {check.stdout.strip()}")
