"""Start-up cost of `bnlp segment` against Typer's own import cost.

Prints the median CPU time (user + system, from os.wait4: other load on a shared machine does
not count) and wall time of N runs, interleaved, of:
  - python -c "import typer"                       (the floor: Typer and rich)
  - a minimal Typer command with the same kinds of options as `segment` (list of str,
    an Enum, a Path), run on the same file: Typer's own cost of parsing, which imports
    more of Typer (its pydantic adapters) than `import typer` does
  - bnlp segment data/sample-bulletin.txt -f json  (whole command on the shipped sample)
and checks that segment imports neither jieba nor scikit-learn.

bnlp's byte code is compiled first (``compileall`` on the package folder), as ``pip install``
does for an installed package: Typer's files in site-packages have theirs, and with
PYTHONDONTWRITEBYTECODE set (as on some CI machines) an editable checkout would otherwise be
compiled from source on every run, about 70 ms here. ``--no-compile`` skips that step.

``--instructions`` also counts the instructions of one run of each command with valgrind's
callgrind tool (``valgrind --tool=callgrind``): a count that other load on the machine does not
change, for comparing two checkouts on a busy machine (kernel time, such as reading files, is
not counted, so the ratio differs from the CPU-time ratio).

Run: python benchmarks/startup.py [N] [--no-compile] [--instructions]
"""

import compileall
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(ARGS[0]) if ARGS else 10
if "--no-compile" not in sys.argv:
    spec = importlib.util.find_spec("bulletin_nlp")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(os.path.dirname(spec.origin), quiet=1)


def measure(cmd):
    """(CPU seconds, wall seconds) of one run of ``cmd``."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {cmd}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - t


def medians(commands):
    """Median (CPU, wall) of N interleaved runs of each command."""
    runs = {k: [] for k in commands}
    for _ in range(N):
        for k, cmd in commands.items():
            runs[k].append(measure(cmd))
    return {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in runs.items()}


py = sys.executable
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
m = medians(
    {
        "floor": [py, "-c", "import typer, rich.console"],
        "tiny": [py, "-c", TINY, "segment", "data/sample-bulletin.txt", "-f", "json", "-o", "/dev/null"],
        "seg": [py, "-m", "bulletin_nlp", "segment", "data/sample-bulletin.txt", "-f", "json", "-o", "/dev/null"],
    }
)
(floor, floor_w), (tiny, tiny_w), (seg, seg_w) = m["floor"], m["tiny"], m["seg"]
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
print(f"runs: {N} (interleaved); CPU time (user+sys), wall time in brackets")
print("byte code: " + ("as found (--no-compile)" if "--no-compile" in sys.argv else "compiled first"))
print(f"import typer + rich:        {floor * 1000:7.1f} ms CPU  ({floor_w * 1000:7.1f} ms wall)")
print(f"minimal Typer command:      {tiny * 1000:7.1f} ms CPU  ({tiny_w * 1000:7.1f} ms wall)")
print(
    f"bnlp segment (sample):      {seg * 1000:7.1f} ms CPU  ({seg_w * 1000:7.1f} ms wall)  "
    f"{seg / floor:.2f}x import, {seg / tiny:.2f}x the minimal command (CPU)"
)
print(f"segment imported jieba, sklearn: {check.stdout.strip()}")


def instructions(cmd):
    """Instructions (millions) of one run of ``cmd`` under callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    m = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or m is None:
        sys.exit(f"callgrind failed: {cmd}")
    return int(m.group(1)) / 1e6


if "--instructions" in sys.argv:
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind")
    tiny_i = instructions([py, "-c", TINY, "segment", "data/sample-bulletin.txt", "-f", "json", "-o", "/dev/null"])
    seg_i = instructions(
        [py, "-m", "bulletin_nlp", "segment", "data/sample-bulletin.txt", "-f", "json", "-o", "/dev/null"]
    )
    print(
        f"instructions (callgrind): minimal Typer command {tiny_i:7.1f} M, bnlp segment {seg_i:7.1f} M = "
        f"{seg_i / tiny_i:.2f}x"
    )
