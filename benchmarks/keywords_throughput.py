"""Keyword extraction throughput against raw jieba.lcut, and --jobs scaling.

Corpus: the 52 government work reports in ../shared/corpus/gov-work-reports (about 3 MB), or
a folder given as the first argument.

1. In one process, after both are initialised: raw `jieba.lcut` (jieba's defaults) over the
   whole text, then bnlp's whole keyword pipeline (segment items, tokenise, candidates,
   TF-IDF with background IDF, top 10 per item and per document) over the same files.
   Prints MB/s for both and bnlp's share of jieba's throughput.
2. The CLI on the folder with --jobs 1 and --jobs 2 (wall time, including start-up).

Run: python benchmarks/keywords_throughput.py [FOLDER]
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "gov-work-reports"
files = sorted(p for p in folder.glob("*.txt"))
if not files:
    sys.exit(f"no .txt files in {folder}")

from bulletin_nlp.keywords import Extractor, KeywordOptions, background_idf  # noqa: E402
from bulletin_nlp.reading import read_document  # noqa: E402
from bulletin_nlp.segment import segment_document  # noqa: E402
from bulletin_nlp.tokenizer import _quiet_import_jieba, get_tokenizer  # noqa: E402

texts = [read_document(str(f)).text for f in files]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
print(f"corpus: {len(files)} files, {mb:.2f} MB, {sum(len(t) for t in texts):,} characters")

jieba = _quiet_import_jieba()
jieba.initialize()
tk = get_tokenizer()
background_idf()
import scipy.sparse  # noqa: E402,F401  (import cost is start-up, like jieba's dictionary)

t = time.perf_counter()
for text in texts:
    jieba.lcut(text)
t_jieba = time.perf_counter() - t

t = time.perf_counter()
bulletins = [segment_document(read_document(str(f))) for f in files]
Extractor(tk, KeywordOptions()).extract(bulletins, per_item=True)
t_bnlp = time.perf_counter() - t

print(f"raw jieba.lcut:      {t_jieba:6.2f} s  {mb / t_jieba:5.2f} MB/s")
print(f"bnlp keywords:       {t_bnlp:6.2f} s  {mb / t_bnlp:5.2f} MB/s  ({t_jieba / t_bnlp:.2f} of jieba's throughput)")

for jobs in (1, 2):
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bulletin_nlp",
            "keywords",
            str(folder),
            "--jobs",
            str(jobs),
            "-f",
            "json",
            "-o",
            "/dev/null",
            "-q",
        ],
        check=True,
    )
    print(f"CLI --jobs {jobs}:         {time.perf_counter() - t:6.2f} s wall")
