#!/usr/bin/env python3
"""Build ``src/bulletin_nlp/resources/genre_df.txt``, the shipped genre document-frequency table.

Usage::

    python tools/build_idf.py [CORPUS_DIR] [-o OUTPUT]

CORPUS_DIR defaults to ``../shared/corpus/gov-work-reports`` (the State Council's government work
reports, 1954-2025, public-domain official documents). Every paragraph (non-blank line of at least
20 characters) of every ``*.txt`` file is one document. Traditional-script paragraphs are converted
to simplified with OpenCC first. A document's terms are bnlp's keyword candidates
(:meth:`bulletin_nlp.keywords.Extractor.candidates`: words and noun-phrase runs) plus every word of
two or more characters with a Chinese character (so that stopwords and verbs such as 工作, 推进 get
a frequency too). The table keeps terms found in at least ``MIN_DF`` documents and stores only
counts: no text of the corpus is shipped. Output is byte-identical for the same corpus and bnlp.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bulletin_nlp.keywords import Extractor, KeywordOptions, to_simplified  # noqa: E402
from bulletin_nlp.tokenizer import get_tokenizer  # noqa: E402

MIN_DF = 3
MIN_PARAGRAPH = 20
_CJK = re.compile(r"[\u4e00-\u9fff]")


def paragraphs(folder: Path):
    """Paragraphs of the corpus, in file-name order."""
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        text = (folder / name).read_text(encoding="utf-8-sig")
        for line in text.splitlines():
            line = line.strip()
            if len(line) >= MIN_PARAGRAPH:
                yield name, line


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "gov-work-reports"))
    ap.add_argument("-o", "--output", default=str(ROOT / "src" / "bulletin_nlp" / "resources" / "genre_df.txt"))
    args = ap.parse_args(argv)
    folder = Path(args.corpus)
    tk = get_tokenizer()
    ex = Extractor(tk, KeywordOptions(pos=()))
    df: Counter = Counter()
    n_docs = 0
    files = set()
    for name, para in paragraphs(folder):
        files.add(name)
        n_docs += 1
        simple = to_simplified(para) or para
        terms = set(ex.candidates(None, simple))
        terms |= {w for w in tk.cut(simple) if len(w) >= 2 and _CJK.search(w)}
        df.update(terms)
    kept = sorted((t, c) for t, c in df.items() if c >= MIN_DF and not re.search(r"\s", t))
    header = [
        "# bnlp genre document-frequency table: TERM DF (documents containing the term).",
        "# Source: the State Council's government work reports (政府工作报告) 1954-2025,",
        f"#   {len(files)} files, public-domain official documents (the project's gov-work-reports corpus).",
        "# Method: built by tools/build_idf.py; one document per paragraph (a line of at least",
        f"#   {MIN_PARAGRAPH} characters), traditional script converted with OpenCC t2s; terms are bnlp's",
        "#   keyword candidates (words and noun-phrase runs) and all words of 2+ characters with a",
        f"#   Chinese character; terms in fewer than {MIN_DF} documents are left out. Counts only: no text.",
        "# Used by bulletin_nlp.keywords.background_idf, blended with jieba's idf.txt.",
        f"# documents: {n_docs}",
    ]
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header) + "\n")
        f.writelines(f"{t} {c}\n" for t, c in kept)
    print(f"{args.output}: {len(kept)} terms from {n_docs} paragraphs of {len(files)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
