"""Render the sample report to HTML and, when chromium is installed, take a headless screenshot.

Usage:  .venv/bin/python benchmarks/report_html_screenshot.py [BULLETIN ...]

Writes benchmarks/out/report.html and benchmarks/out/report.png (benchmarks/out/ is git-ignored)
and prints their paths. Chromium runs with no network features and a throw-away profile.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = Path("/usr/bin/chromium")


def main(argv: list[str]) -> int:
    from bulletin_nlp.cli import main as bnlp

    inputs = argv or [str(ROOT / "data" / "sample-bulletin.txt")]
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bnlp-report-") as tmp:
        page = Path(tmp) / "report.html"
        code = bnlp(["report", *inputs, "--html", str(page), "--quiet"])
        if code != 0:
            print(f"bnlp report failed with exit code {code}", file=sys.stderr)
            return code
        shutil.copy(page, OUT / "report.html")
        print(OUT / "report.html")
        if not CHROMIUM.exists():
            print(f"{CHROMIUM} is missing: no screenshot (apt-get install chromium)")
            return 0
        png = OUT / "report.png"
        profile = Path(tmp) / "profile"
        cmd = [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1200,2000",
            page.as_uri(),
        ]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=120)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            print(f"chromium failed: {e}", file=sys.stderr)
            stderr = getattr(e, "stderr", None)
            if stderr:
                sys.stderr.write(stderr.decode("utf-8", "replace")[-2000:])
            return 1
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
