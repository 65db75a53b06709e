"""Saved web pages (``.html``, ``.htm``, ``.mhtml``): the main text, read with trafilatura.

trafilatura (https://trafilatura.readthedocs.io) finds the main content of a page and leaves
out site navigation, breadcrumbs, share and print links, related-article lists and
copyright/ICP footers. trafilatura drops a paragraph whose text repeats an earlier one (a
bulletin repeats bylines such as ``（研究室）``), so its text is used to locate the main
content: the page element that is the nearest common ancestor of the elements holding
trafilatura's paragraphs. That element is then rendered one block (``p``, ``div``, ``h1``…,
``li``, table cell) a line, in page order, every paragraph kept. When no paragraph can be
located, trafilatura's own text is used. Lines that are standard site furniture (breadcrumb,
publication meta line, share/print links, copyright and ICP lines) are dropped in both cases.
The page's own headline (``<h1>``, else ``<title>`` up to the site name) is put first when
the text does not start with it.

Encodings: a byte-order mark, else the ``<meta charset>`` the page declares (any of the GB
family is read as GB18030), else the same guess as for text files. ``.mhtml``/``.mht`` files
(a page saved by a browser as one MIME archive) are unpacked with the standard library's
:mod:`email` parser and their first ``text/html`` part is read.
"""

from __future__ import annotations

import re

from . import Extracted, library_version

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}
# Page furniture that trafilatura may keep on short pages: whole lines such as a breadcrumb
# (当前位置：…), a publication meta line (发布时间：… 来源：…), share/print/close links,
# previous/next links, related-article headings, copyright and ICP/public-security filings.
# These are the standard labels of Chinese government and news sites.
_FURNITURE = re.compile(
    r"^\s*(?:(?:当前位置|您的位置|你的位置|所在位置)\s*[:：]"
    r"|(?:发布时间|发布日期|时间|日期|来源|信息来源|作者|浏览次数|阅读次数|点击数|字号)\s*[:：].{0,80}(?:来源|浏览|字号|点击|阅读|作者|大\s*中\s*小)"
    r"|分享到|【?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|字体\s*[:：]?\s*大\s*中\s*小)\s*】"
    r"|(?:上一篇|下一篇)\s*[:：]|(?:相关文章|相关阅读|相关链接|相关新闻|推荐阅读)\s*$"
    r"|版权所有|Copyright|©|.{0,30}ICP备|.{0,30}公网安备)",
    re.I,
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{10}")
# Site-name tails of <title>: "headline_site", "headline - site", "headline | site".
_TITLE_TAIL = re.compile(r"\s*[_|｜—–-]{1,2}\s*[^_|｜—–-]*$")


def _decode_html(path: str, data: bytes, encoding: str | None, declared: str | None = None) -> tuple[str, list[str]]:
    from ..reading import decode_bytes

    notes: list[str] = []
    if encoding:
        return decode_bytes(data, path, encoding)[0], notes
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data, path)[0], notes
    m = _META_CHARSET.search(data[:4096])
    name = declared or (m.group(1).decode("ascii").lower() if m else None)
    if name:
        codec = "gb18030" if name.lower() in _GB else name
        try:
            return data.decode(codec), notes
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: guess below
    text, _ = decode_bytes(data, path, None, notes)
    return text, notes


def _mhtml_part(path: str, data: bytes) -> tuple[bytes, str | None]:
    import email
    from email import policy

    from ..reading import InputError

    msg = email.message_from_bytes(data, policy=policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, part.get_content_charset()
    raise InputError(path, "no HTML page inside this .mhtml file")


def _page_title(tree) -> str | None:
    for xpath in ("//h1", "//title"):
        for el in tree.xpath(xpath):
            text = " ".join("".join(el.itertext()).split())
            if xpath == "//title":
                text = _TITLE_TAIL.sub("", text) or text
            if text:
                return text
    return None


_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol table tr td th section article blockquote pre center dd dt dl"
    " header footer aside nav form figure figcaption address hr".split()
)
_SKIP_TAGS = frozenset("script style noscript template iframe svg button select option input textarea".split())
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub("", text)


def _link_list(el) -> bool:
    """A block that is mostly link text and holds no sentence: a menu or related-article list."""
    text = _norm(el.text_content())
    if not text or "。" in text:
        return False
    linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
    return linked >= 0.8 * len(text)


def _render(element) -> list[tuple[str, int | None]]:
    """The text of ``element``, one block-level element a line, ``<br>`` a line break; blocks
    that are link lists (:func:`_link_list`) are left out.

    Returns ``(line, table)`` pairs, ``table`` numbering the data table (a row of two cells
    or more) the line sits in, or None.
    """
    out: list[tuple[str, int | None]] = []
    buf: list[str] = []
    tables: list[int | None] = [None]
    count = [0]

    def flush():
        line = _WS.sub(" ", "".join(buf)).strip()
        if line:
            out.append((line, tables[-1]))
        buf.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block and _link_list(el):
            flush()
            if el.tail:
                buf.append(el.tail)
            return
        if block:
            flush()
        if tag == "br":
            flush()
        if tag == "table":
            data = any(len(tr.xpath("./td|./th")) > 1 for tr in el.iter("tr"))
            count[0] += 1
            tables.append(count[0] if data else tables[-1])
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if tag == "table":
            tables.pop()
        if el.tail:
            buf.append(el.tail)

    walk(element)
    flush()
    return out


def _main_element(tree, lines: list[str]):
    """The page element holding the main text, or None.

    The leaf blocks whose text is one of ``lines`` (8 characters or more) and that are not
    mostly link text (link density under 50%, the classic boilerplate signal) are located;
    the answer is the deepest element holding 90% of their text.
    """
    wanted = {_norm(line) for line in lines if len(_norm(line)) >= 8}
    if not wanted:
        return None
    hits = []
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS and el.tag not in ("ul", "ol", "table", "tr", "dl"):
            if not any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
                text = _norm(el.text_content())
                linked = sum(len(_norm(a.text_content())) for a in el.iter("a"))
                if text in wanted and linked < 0.5 * len(text):  # link lists are site furniture
                    hits.append(el)
    if len(hits) < max(1, len(wanted) // 2):
        return None
    # The deepest element holding 90% of the located text (by length): a few short lines that
    # trafilatura kept from outside the article (related titles) do not widen it.
    covered: dict = {}
    depth: dict = {}
    total = 0
    for el in hits:
        n = len(_norm(el.text_content()))
        total += n
        for anc in [el, *el.iterancestors()]:
            covered[anc] = covered.get(anc, 0) + n
    for el in covered:
        depth[el] = sum(1 for _ in el.iterancestors())
    best = [el for el, n in covered.items() if n >= 0.9 * total]
    return max(best, key=lambda el: depth[el]) if best else None


def read_web(path: str, data: bytes, *, mhtml: bool = False, encoding: str | None = None) -> Extracted:
    """Read the main text of a saved web page.

    Args:
        path: for messages.
        data: the file's bytes.
        mhtml: the file is an MHTML archive (``.mhtml``/``.mht``).
        encoding: force this encoding for the page.

    Returns:
        an :class:`Extracted` (``reader="trafilatura"``), one paragraph a line, an empty line
        between paragraphs (none between the cells of a data table), the page's headline first.

    Raises:
        InputError: no HTML in an .mhtml file, or no main text found on the page.
    """
    import lxml.html
    import trafilatura

    from ..reading import InputError

    declared = None
    if mhtml:
        data, declared = _mhtml_part(path, data)
    html, notes = _decode_html(path, data, encoding, declared)
    if not html.strip():
        raise InputError(path, "file is empty")
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        raise InputError(path, "cannot parse as a web page") from None
    text = trafilatura.extract(
        tree,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if not text or not text.strip():
        raise InputError(path, "no main text found on this web page")
    lines = [line.strip() for line in text.split("\n")]
    main = _main_element(lxml.html.document_fromstring(html), lines)
    pairs = _render(main) if main is not None else [(line, None) for line in lines if line]
    pairs = [(line, t) for line, t in pairs if not _FURNITURE.match(line)]
    if not any(_CJK_RUN.search(line) or len(line) >= 40 for line, _ in pairs):
        raise InputError(path, "no main text found on this web page")
    title = _page_title(lxml.html.document_fromstring(html))
    if title and title not in [line for line, _ in pairs[:3]]:
        pairs.insert(0, (title, None))
    # One paragraph a line, an empty line between paragraphs; a data table's cells together.
    parts: list[str] = []
    for n, (line, table) in enumerate(pairs):
        if n and not (table is not None and table == pairs[n - 1][1]):
            parts.append("")
        parts.append(line)
    return Extracted(
        text="\n".join(parts),
        reader="trafilatura",
        versions={"trafilatura": library_version("trafilatura")},
        notes=notes,
    )
