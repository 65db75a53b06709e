"""Start-up cost of `bnlp segment` against Typer's own import cost.

Prints the median wall time of N runs of:
  - python -c "import typer"                       (the floor: Typer and rich)
  - a minimal Typer command with the same kinds of options as `segment` (list of str,
    an Enum, a Path), run on the same file: Typer's own cost of parsing, which imports
    more of Typer (its pydantic adapters) than `import typer` does
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
TINY = """
import enum, pathlib, typing, typer
class F(str, enum.Enum):
    json = "json"
app = typer.Typer()
@app.command()
def segment(inputs: typing.List[str], fmt: F = typer.Option(None, "--format", "-f"),
            output: pathlib.Path = typer.Option(None, "--output", "-o")):
    open(inputs[0], "rb").read()
@app.command()
def other():
    pass
app()
"""
tiny = median_time([py, "-c", TINY, "segment", "data/sample-bulletin.txt", "-f", "json", "-o", "/dev/null"])
seg = median_time([py, "-m", "bulletin_nlp", "segment", "data/sample-bulletin.txt", "-f", "json"])
check = subprocess.run(
    [
        py,
        "-c",
        (
            "import sys; from bulletin_nlp.cli import main; main(['segment', 'data/sample-bulletin.txt', '-f', 'json', '-o', '/dev/null']);"
            "print('jieba' in sys.modules, 'sklearn' in sys.modules)"
        ),
    ],
    capture_output=True,
    text=True,
    cwd=ROOT,
)
print(f"runs: {N}")
print(f"import typer + rich:        {floor * 1000:7.1f} ms")
print(f"minimal Typer command:      {tiny * 1000:7.1f} ms")
print(
    f"bnlp segment (sample):      {seg * 1000:7.1f} ms  ({seg / floor:.2f}x import, {seg / tiny:.2f}x the minimal command)"
)
print(f"segment imported jieba, sklearn: {check.stdout.strip()}")
