"""Saved web pages (.html, .htm, .mhtml) read with trafilatura: main text only, no site furniture."""

from __future__ import annotations

import base64
import html

import pytest

from bulletin_nlp.reading import read_document
from bulletin_nlp.segment import segment_document
from conftest import needs_shared, one_document
from seed_layout import score_segment, seed_blocks

pytest.importorskip("trafilatura")

# Site furniture of our own, in the shape of a government site's article page.
NAV = ["首页", "新闻中心", "政务公开", "互动交流", "专题专栏"]
CRUMB = "当前位置：首页 > 工作动态 > 正文"
META = "发布时间：2023-04-03 10:21　来源：办公厅　浏览次数：1532　字号：[大 中 小]"
SHARE = ["分享到：", "微信", "微博", "QQ空间", "【打印本页】", "【关闭窗口】"]
RELATED = ["关于召开常委会会议的公告", "常委会组成人员学习会举行", "代表联络站建设现场会召开"]
COPYRIGHT = "版权所有：江州市人大常委会办公厅　地址：江州市府前路1号　邮编：310000"
ICP = "浙ICP备12345678号-1　浙公网安备 33010002000001号"
FURNITURE = [*NAV, CRUMB, "发布时间", "浏览次数", *SHARE, "相关文章", *RELATED, "版权所有", "ICP备", "公网安备"]


def _paragraph(role: str, text: str) -> str:
    t = html.escape(text)
    if role == "head":
        return f'<p style="text-align:center"><strong>{t}</strong></p>'
    if role == "byline":
        return f'<p style="text-align:right">{t}</p>'
    return f'<p style="text-indent:2em">{t}</p>'


def gov_page(content: str, title: str, charset: str = "utf-8") -> str:
    nav = "".join(f'<li><a href="/n{i}">{n}</a></li>' for i, n in enumerate(NAV))
    related = "".join(f'<li><a href="/r{i}">{r}</a></li>' for i, r in enumerate(RELATED))
    share = " ".join(f'<a href="#s{i}">{s}</a>' for i, s in enumerate(SHARE[1:]))
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{html.escape(title)}_江州市人大常委会</title></head><body>"
        f'<div class="header"><ul class="nav">{nav}</ul></div>'
        f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/xw">工作动态</a> &gt; 正文</div>'
        f'<div class="article"><h1>{html.escape(title)}</h1><div class="meta">{META}</div>'
        f'<div class="TRS_Editor">{content}</div>'
        f'<div class="share">{SHARE[0]}{share}</div>'
        f'<div class="related"><h3>相关文章</h3><ul>{related}</ul></div></div>'
        f'<div class="footer"><p>{COPYRIGHT}</p><p><a href="https://beian.example">{ICP}</a></p></div>'
        "</body></html>"
    )


def _assert_no_furniture(data: dict) -> None:
    for it in data["items"]:
        text = (it["title"] or "") + "\n" + it["body"]
        for f in FURNITURE:
            assert f not in text, (f, it["title"])


@needs_shared
def test_saved_government_page_segments_like_the_txt(tmp_path, run_cli):
    content = "".join(_paragraph(role, text) for role, text in seed_blocks())
    page = tmp_path / "bulletin.html"
    page.write_text(gov_page(content, "工作简报（2023年第3期）"), encoding="utf-8")
    code, out, err = run_cli(["segment", page, "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert (data["format"], data["reader"]) == ("html", "trafilatura")
    assert "trafilatura" in data["meta"]["reader_versions"]
    score = score_segment(out, tmp_path)
    assert score["boundary_f1"] == 1.0, score["misses"]
    assert score["items_pred"] == score["items_gold"]
    _assert_no_furniture(data)


@needs_shared
def test_mhtml_in_gb2312_segments_like_the_txt(tmp_path, run_cli):
    """A page saved by a browser as one MHTML archive, the page itself in GB2312 (base64 part)."""
    content = "".join(_paragraph(role, text) for role, text in seed_blocks())
    body = gov_page(content, "工作简报（2023年第3期）", charset="gb2312").encode("gb18030")
    mhtml = (
        b"From: <Saved by Blink>\r\nSubject: page\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        b'------B\r\nContent-Type: text/html; charset="gb2312"\r\nContent-Transfer-Encoding: base64\r\n'
        b"Content-Location: https://rd.example/art.html\r\n\r\n"
        + base64.encodebytes(body).replace(b"\n", b"\r\n")
        + b"\r\n------B--\r\n"
    )
    path = tmp_path / "bulletin.mhtml"
    path.write_bytes(mhtml)
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert data["format"] == "mhtml"
    score = score_segment(out, tmp_path)
    assert score["boundary_f1"] == 1.0, score["misses"]
    _assert_no_furniture(data)


def test_single_article_page_takes_its_headline_from_h1(tmp_path):
    paragraphs = [
        (
            "body",
            "4月2日，江州市人大常委会组织部分市人大代表视察城市更新项目，实地察看老旧小区改造和口袋公园建设情况。",
        ),
        (
            "body",
            "代表们建议，要坚持群众需求导向，统筹推进加装电梯、停车设施和养老托幼服务，让居民看得见变化、得到实惠。",
        ),
        ("byline", "（江州市人大常委会城建环保工委  苏明）"),
    ]
    content = "".join(_paragraph(r, t) for r, t in paragraphs)
    path = tmp_path / "art.htm"
    path.write_bytes(gov_page(content, "市人大代表视察城市更新项目", charset="gbk").encode("gb18030"))
    doc = read_document(str(path))
    assert doc.format == "html"
    lines = [line for line in doc.text.split("\n") if line]
    assert lines == [
        "市人大代表视察城市更新项目",
        paragraphs[0][1],
        paragraphs[1][1],
        "（江州市人大常委会城建环保工委 苏明）",
    ]
    bulletin = segment_document(doc)
    assert [it.title for it in bulletin.items] == ["市人大代表视察城市更新项目"]
    assert (bulletin.items[0].unit, bulletin.items[0].authors) == ("江州市人大常委会城建环保工委", ["苏明"])


def test_page_without_main_text(tmp_path, run_cli):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>首页</a></nav></body></html>", "utf-8")
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 1 and out == ""
    assert err == f"bnlp: error: {path}: no main text found on this web page\n"


def test_mhtml_without_html_part(tmp_path, run_cli):
    path = tmp_path / "x.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 1 and out == ""
    assert err == f"bnlp: error: {path}: no HTML page inside this .mhtml file\n"


def test_page_paragraphs_and_data_table(tmp_path):
    content = (
        '<p style="text-indent:2em">一季度，江州市签约招商项目37个，协议总投资286亿元，分领域情况见下表。</p>'
        "<table><tr><td>领域</td><td>签约额</td></tr><tr><td>先进制造</td><td>152亿元</td></tr></table>"
        '<p style="text-indent:2em">下一步，江州将持续优化营商环境，推动签约项目早落地、早投产、早见效。</p>'
    )
    path = tmp_path / "t.html"
    path.write_text(gov_page(content, "江州一季度招商引资成效明显"), encoding="utf-8")
    doc = read_document(str(path))
    assert doc.text == (
        "江州一季度招商引资成效明显\n\n一季度，江州市签约招商项目37个，协议总投资286亿元，分领域情况见下表。\n\n"
        "领域\n签约额\n先进制造\n152亿元\n\n下一步，江州将持续优化营商环境，推动签约项目早落地、早投产、早见效。"
    )
    items = segment_document(doc).items
    assert [it.title for it in items] == ["江州一季度招商引资成效明显"]
    assert "领域\n签约额\n先进制造\n152亿元" in items[0].body
