"""Whole-process CPU time and peak RSS of `bnlp keywords` against a bare jieba process.

Corpus: the 25 government work reports 2000-2025 in ../shared/corpus/gov-work-reports
(2020 is missing from the corpus), about 1.4 MB.

Processes compared (each run as its own process; CPU = user + system time of that process,
peak RSS = its ``ru_maxrss``, both from ``os.wait4``, so other load on the machine does not
count, unlike wall time):

  jieba      python -c "import jieba; [jieba.lcut(open(f).read()) for f in files]"
             (jieba's defaults: HMM on, its dictionary cache in the temp folder)
  bnlp       python -m bulletin_nlp keywords --per-item -f json -o /dev/null -q FILES
             (bnlp has one word-segmentation backend; see bulletin_nlp.tokenizer for why no rjieba)
  baseline   the same bnlp command run from another source tree (``--baseline SRC``, e.g. an
             export of an earlier commit: ``git archive COMMIT src | tar -x -C /tmp/base``),
             to measure before and after in the same run

bnlp's byte code is compiled first (``compileall`` on the package folder, and on the baseline's),
as ``pip install`` does; jieba's is already compiled in site-packages. Without it an editable
checkout on a machine that sets ``PYTHONDONTWRITEBYTECODE`` (this one does) is compiled from
source on every run. ``--no-compile`` skips that step.

Every command runs once to warm caches (bnlp's and jieba's dictionary caches, the OS file
cache), then ROUNDS rounds run the commands interleaved; the median of the rounds is printed
with the ratio to the jieba process.

Run: python benchmarks/keywords_cpu.py [--rounds 3] [--baseline /tmp/base/src] [--folder DIR] [--no-compile]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = "import sys, jieba; [jieba.lcut(open(f, encoding='utf-8').read()) for f in sys.argv[1:]]"


def run(cmd: list[str], env_extra: dict[str, str | None]) -> tuple[float, float]:
    """(CPU seconds, peak RSS in MiB) of one process."""
    env = dict(os.environ)
    for k, v in env_extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    p = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert p.stderr is not None
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{cmd[:4]} failed ({p.returncode}): {err.decode('utf-8', 'replace')[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", help="src folder of an earlier bnlp to measure in the same run")
    ap.add_argument("--folder", default=str(ROOT.parent / "shared" / "corpus" / "gov-work-reports"))
    ap.add_argument("--first", type=int, default=2000, help="first year (file YYYY.txt) included")
    ap.add_argument("--no-compile", action="store_true", help="leave bnlp's byte code as found")
    args = ap.parse_args()
    if not args.no_compile:
        import compileall
        import importlib.util

        spec = importlib.util.find_spec("bulletin_nlp")
        folders = [os.path.dirname(spec.origin)] if spec is not None and spec.origin else []
        if args.baseline:
            folders.append(str(Path(args.baseline) / "bulletin_nlp"))
        for folder in folders:
            compileall.compile_dir(folder, quiet=1)

    files = sorted(str(p) for p in Path(args.folder).glob("*.txt") if p.stem.isdigit() and int(p.stem) >= args.first)
    if not files:
        sys.exit(f"no YYYY.txt files from {args.first} in {args.folder}")
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    py = sys.executable
    kw = [py, "-m", "bulletin_nlp", "keywords", "--per-item", "-f", "json", "-o", os.devnull, "-q", *files]
    commands: dict[str, tuple[list[str], dict[str, str | None]]] = {
        "jieba": ([py, "-c", BARE, *files], {}),
        "bnlp": (kw, {}),
    }
    if args.baseline:
        commands["baseline"] = (kw, {"PYTHONPATH": str(Path(args.baseline).resolve())})

    for cmd, env in commands.values():  # warm-up: caches built, files in the OS cache
        run(cmd, env)
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(args.rounds):
        for name, (cmd, env) in commands.items():
            c, r = run(cmd, env)
            cpu[name].append(c)
            rss[name].append(r)

    base = statistics.median(cpu["jieba"])
    print(f"corpus: {len(files)} files ({Path(files[0]).stem}-{Path(files[-1]).stem}), {mb:.2f} MB")
    print(f"rounds: {args.rounds} (interleaved), median CPU time (user+sys) and peak RSS per process")
    for name in commands:
        c = statistics.median(cpu[name])
        r = statistics.median(rss[name])
        runs = " ".join(f"{x:.2f}" for x in cpu[name])
        print(f"  {name:12s} {c:6.2f} s CPU  {c / base:5.2f}x jieba   peak RSS {r:6.1f} MiB   (runs: {runs})")


if __name__ == "__main__":
    main()
