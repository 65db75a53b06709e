"""bnlp: text mining for Chinese government work bulletins (工作简报, 人大信息, 政务信息).

The pipeline, one module a step::

    reading     files, folders, stdin, any format -> text (readers/: docx2python, pypdfium2, trafilatura, striprtf)
    normalise   layout whitespace, NFKC copies for tokenising
    segment     item segmentation: masthead, contents, items, bylines, footer -> Bulletin
    tokenizer   word segmentation (分词) with jieba, the domain user dictionary and stopwords
    keywords    TF-IDF and TextRank keywords per item and per document
    themes      taxonomy and zero-shot theme scoring; training: trained classifiers (scikit-learn, skops)
    report      a whole bulletin or a collection at a glance
    render      tables, JSON, JSONL, CSV and Markdown

The core modules know nothing of the terminal; ``cli`` parses options and calls them.
"""

__version__ = "0.1.0"
