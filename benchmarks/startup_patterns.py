"""Regular expressions that one ``bnlp segment`` process compiles, with their cost and call site.

Python's ``re`` keeps compiled patterns per process only, so every pattern a command compiles is
paid by every run of it; a character class holding characters beyond Latin-1 (most CJK rules)
costs 0.3-1 ms on its own to compile, since ``sre`` builds 64K-entry tables for it. This script
wraps ``re._compile``, runs ``bulletin_nlp.cli.main(["segment", FILE, "-f", "json", "-o",
os.devnull])`` in this process, and prints each pattern compiled for the first time: its
compile time (wall clock, ``time.perf_counter``, so run it a few times on a busy machine), the
bnlp line that asked for it (through :class:`bulletin_nlp.normalise.LazyPattern` or ``re``'s
functions) and its first characters; then the totals per module.

Run: python benchmarks/startup_patterns.py [FILE] [--all]
     (FILE defaults to data/sample-bulletin.txt; --all also lists patterns compiled outside bnlp)
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def caller(depth: int = 3) -> str:
    """``file:line`` of the first frame outside ``re`` and ``LazyPattern``."""
    f = sys._getframe(depth)
    while f is not None and (
        f.f_code.co_filename.endswith(("re/__init__.py", "re/_compiler.py"))
        or (f.f_code.co_filename.endswith("normalise.py") and "self" in f.f_locals)
    ):
        f = f.f_back
    if f is None:
        return "?"
    path = Path(f.f_code.co_filename)
    name = path.name if "bulletin_nlp" in path.parts else str(path)
    return f"{name}:{f.f_lineno}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "data" / "sample-bulletin.txt"))
    ap.add_argument("--all", action="store_true", help="also list patterns compiled outside bnlp")
    args = ap.parse_args()
    real = re._compile  # type: ignore[attr-defined]
    seen: set[tuple] = set()
    rows: list[tuple[float, str, str]] = []

    def spy(pattern, flags):
        key = (type(pattern), pattern, flags)
        if isinstance(pattern, re.Pattern) or key in seen:
            return real(pattern, flags)
        seen.add(key)
        t = time.perf_counter()
        out = real(pattern, flags)
        rows.append(((time.perf_counter() - t) * 1000, caller(), str(pattern)))
        return out

    re._compile = spy  # type: ignore[attr-defined]
    from bulletin_nlp import cli

    cli.main(["segment", args.file, "-f", "json", "-o", os.devnull])
    re._compile = real  # type: ignore[attr-defined]
    per_module: dict[str, list[float]] = defaultdict(list)
    for ms, where, pattern in sorted(rows, reverse=True):
        own = not where.startswith(("/", "?"))
        if own:
            per_module[where.split(":")[0]].append(ms)
        if own or args.all:
            print(f"{ms:6.2f} ms  {where:24s} {pattern[:70]!r}")
    print()
    for module, times in sorted(per_module.items(), key=lambda kv: -sum(kv[1])):
        print(f"{module:16s} {len(times):3d} patterns {sum(times):6.2f} ms")
    print(
        f"{'bnlp':16s} {sum(len(t) for t in per_module.values()):3d} patterns "
        f"{sum(sum(t) for t in per_module.values()):6.2f} ms; all: {len(rows)} patterns "
        f"{sum(r[0] for r in rows):.2f} ms"
    )


if __name__ == "__main__":
    main()
