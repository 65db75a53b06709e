"""Word .docx read as Word shows it: tracked changes, text boxes, content controls, nested
tables, fields, automatic numbering (Chinese formats), page headers and footers.

The BR-* files are byte copies of ``../shared/cases``; the other documents are built here with
python-docx plus raw WordprocessingML, with texts of our own.
"""

from __future__ import annotations

import pytest

from bulletin_nlp.readers.numbering import chinese_counting, format_number
from bulletin_nlp.reading import read_document
from bulletin_nlp.segment import segment_document, segment_text
from conftest import DATA, one_document

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

CASES = DATA / "cases"
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def _lines(path) -> list[str]:
    """The document's non-empty lines (paragraphs are separated by one empty line)."""
    return [line for line in read_document(str(path)).text.split("\n") if line]


def _p(inner: str, ppr: str = "") -> str:
    return f"<w:p {NS}>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


class Builder:
    """A python-docx document that takes raw body XML and numbering definitions."""

    def __init__(self):
        self.doc = docx.Document()
        self.body = self.doc.element.body

    def xml(self, xml: str) -> Builder:
        self.body.insert(len(self.body) - 1, parse_xml(xml))
        return self

    def para(self, text: str, ppr: str = "") -> Builder:
        return self.xml(_p(_r(text), ppr))

    def numbering(self, abstract_id: int, levels: list[tuple[str, str]], num_id: int, override: str = "") -> Builder:
        """Add an abstract numbering definition with ``levels`` = [(numFmt, lvlText)] and a list instance."""
        part = self.doc.part.numbering_part.element
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        part.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
        part.append(
            parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>')
        )
        return self

    def save(self, path):
        self.doc.save(str(path))
        return path


def numpr(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


# --- the shared cases ------------------------------------------------------------------------------


def test_br43_tracked_changes_accepted():
    lines = _lines(CASES / "BR-43.docx")
    assert lines == [
        "城建工作简报",
        "老旧小区改造完成年度任务的六成",  # a headline inserted with Track Changes
        "截至4月底，全区已开工改造老旧小区36个，惠及居民8200户，加装电梯41部。",  # 30 deleted, 36 inserted
        "（城建科  供稿）",
    ]


def test_br44_text_box_headlines_in_document_order():
    lines = [line for line in _lines(CASES / "BR-44.docx") if line]
    assert lines[1] == "高标准农田建设提前进入冬春施工"
    assert lines[2].startswith("入冬以来")
    assert lines[3] == "秸秆综合利用率提高到九成"
    assert lines[4].startswith("今年全县推广秸秆还田")


def test_br46_nested_table_read_cell_by_cell():
    lines = _lines(CASES / "BR-46.docx")
    assert lines == [
        "教育工作简报",
        "本期内容",
        "全市新增公办学位一万二千个",
        "今年秋季学期，全市新建、改扩建中小学和幼儿园23所，新增公办学位1.2万个，缓解了城区入学压力。",
        "课后服务覆盖所有义务教育学校",
        "全市286所义务教育学校全部开展课后服务，学生参与率达到93%，开设科技、体育、艺术类课程1100余门。",
    ]


def test_br47_chinese_numbering_rendered_like_typed_text():
    doc = read_document(str(CASES / "BR-47.docx"))
    lines = doc.text.split("\n")
    assert [line for line in lines if line[:2] in ("一、", "二、", "三、")] == [
        "一、项目建设提速",
        "二、消费市场回暖",
        "三、民生保障有力",
    ]
    # Three numbered headlines, three items (before, the three came out as one).
    items = segment_document(doc).items
    assert len(items) == 3
    assert [it.title for it in items[1:]] == ["消费市场回暖", "民生保障有力"]


def test_br55_field_results_read(run_cli):
    code, out, err = run_cli(["segment", CASES / "BR-55.docx", "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert data["masthead"] == {"name": "政务信息", "issue": "第12期", "issuer": "区政府办公室", "date": "2024-06-03"}
    assert [it["title"] for it in data["items"]] == ["区医保局推出“一站式”结算服务", "区市场监管局开展校园食品安全检查"]
    assert "详见附件1，已惠及" in data["items"][0]["body"]
    assert (data["format"], data["reader"]) == ("docx", "docx2python")
    assert data["meta"]["reader_versions"]["docx2python"][0].isdigit()


# --- numbering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (100, "一百"), (105, "一百零五")],
)
def test_chinese_counting(n, expected):
    assert chinese_counting(n) == expected


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [
        ("chineseCounting", 12, "十二"),
        ("chineseCounting", 100, "一〇〇"),
        ("chineseCountingThousand", 110, "一百一十"),
        ("chineseLegalSimplified", 3, "叁"),
        ("chineseLegalSimplified", 12, "壹拾贰"),
        ("ideographTraditional", 2, "乙"),
        ("ideographZodiac", 3, "寅"),
        ("decimalEnclosedCircle", 4, "④"),
        ("decimalFullWidth", 12, "１２"),
        ("upperRoman", 14, "XIV"),
        ("lowerLetter", 28, "bb"),
        ("decimal", 7, "7"),
    ],
)
def test_number_formats(fmt, n, expected):
    assert format_number(n, fmt) == expected


def _numbered_bulletin(tmp_path):
    b = Builder()
    b.numbering(70, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")], 70)
    b.para("江州市发展改革工作情况")
    b.para("重大项目建设", numpr(70))
    b.para("全市新开工重大项目18个，完成投资46亿元。")
    b.para("交通项目", numpr(70, 1))
    b.para("江州东站综合枢纽完成主体施工。")
    b.para("水利项目", numpr(70, 1))
    b.para("青溪水库除险加固工程通过验收。")
    b.para("营商环境优化", numpr(70))
    b.para("企业开办时间压缩至1个工作日，全年新增市场主体2.1万户。")
    b.para("一网通办", numpr(70, 1))
    return b.save(tmp_path / "numbered.docx")


def test_multilevel_chinese_numbering(tmp_path):
    lines = _lines(_numbered_bulletin(tmp_path))
    assert lines == [
        "江州市发展改革工作情况",
        "一、重大项目建设",
        "全市新开工重大项目18个，完成投资46亿元。",
        "（一）交通项目",
        "江州东站综合枢纽完成主体施工。",
        "（二）水利项目",
        "青溪水库除险加固工程通过验收。",
        "二、营商环境优化",  # the lower level restarts after a higher one
        "企业开办时间压缩至1个工作日，全年新增市场主体2.1万户。",
        "（一）一网通办",
    ]


def test_numbered_docx_segments_like_typed_txt(tmp_path):
    path = _numbered_bulletin(tmp_path)
    typed = (
        "江州市发展改革工作情况\n\n一、重大项目建设\n\n全市新开工重大项目18个，完成投资46亿元。\n\n（一）交通项目\n\n"
        "江州东站综合枢纽完成主体施工。\n\n（二）水利项目\n\n青溪水库除险加固工程通过验收。\n\n二、营商环境优化\n\n"
        "企业开办时间压缩至1个工作日，全年新增市场主体2.1万户。\n\n（一）一网通办\n"
    )
    from_docx = segment_document(read_document(str(path)))
    from_txt = segment_text(typed)
    assert [(it.title, it.body) for it in from_docx.items] == [(it.title, it.body) for it in from_txt.items]


def test_legal_and_tiangan_formats_and_start_override(tmp_path):
    b = Builder()
    b.numbering(71, [("chineseLegalSimplified", "第%1部分")], 71)
    b.numbering(72, [("ideographTraditional", "%1、")], 72)
    b.numbering(
        72,
        [("ideographTraditional", "%1、")],
        73,
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride>',
    )
    b.para("总体情况", numpr(71))
    b.para("重点工作", numpr(71))
    b.para("城区片", numpr(72))
    b.para("郊县片", numpr(72))
    b.para("山区片", numpr(73))
    assert _lines(b.save(tmp_path / "f.docx")) == [
        "第壹部分总体情况",
        "第贰部分重点工作",
        "甲、城区片",
        "乙、郊县片",
        "丙、山区片",
    ]


def test_numbering_through_paragraph_style(tmp_path):
    b = Builder()
    b.numbering(74, [("decimal", "%1.")], 74)
    styles = b.doc.styles.element
    styles.append(
        parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="BulletinHead"><w:name w:val="Bulletin Head"/>'
            f'<w:pPr><w:numPr><w:numId w:val="74"/></w:numPr></w:pPr></w:style>'
        )
    )
    b.para("第一项工作", '<w:pStyle w:val="BulletinHead"/>')
    b.para("正文内容。")
    b.para("第二项工作", '<w:pStyle w:val="BulletinHead"/>')
    b.para("不编号", '<w:pStyle w:val="BulletinHead"/>' + numpr(0))
    assert _lines(b.save(tmp_path / "s.docx")) == ["1. 第一项工作", "正文内容。", "2. 第二项工作", "不编号"]


# --- changes, boxes, controls, fields ---------------------------------------------------------------


def test_moved_text_appears_once_where_it_was_moved_to(tmp_path):
    b = Builder()
    b.xml(
        _p(
            _r("甲方")
            + '<w:moveFrom w:id="1" w:author="审"><w:r><w:t>移动的句子。</w:t></w:r></w:moveFrom>'
            + _r("乙方")
        )
    )
    b.xml(_p('<w:moveTo w:id="2" w:author="审"><w:r><w:t>移动的句子。</w:t></w:r></w:moveTo>'))
    b.xml(_p(_r("保留") + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>" + _r("可见")))
    assert _lines(b.save(tmp_path / "m.docx")) == ["甲方乙方", "移动的句子。", "保留可见"]


def test_text_box_with_fallback_read_once(tmp_path):
    box = "<w:txbxContent><w:p><w:r><w:t>框内标题文字</w:t></w:r></w:p></w:txbxContent>"
    alt = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    b = Builder().xml(_p(alt)).para("正文第一段。")
    lines = _lines(b.save(tmp_path / "box.docx"))
    assert lines.count("框内标题文字") == 1
    assert [line for line in lines if line] == ["框内标题文字", "正文第一段。"]


def test_content_control_and_complex_field(tmp_path):
    b = Builder()
    b.xml(
        f'<w:sdt {NS}><w:sdtPr><w:alias w:val="封面"/></w:sdtPr><w:sdtContent>'
        f"{_p(_r('江州经济信息'))}</w:sdtContent></w:sdt>"
    )
    b.xml(
        _p(
            _r("第")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY 期号 </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("8")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _r("期")
        )
    )
    b.para("江州市发展和改革委员会编    2024年3月5日")
    b.para("江州开展春季植树活动")
    b.para("3月上旬，全市组织干部群众义务植树12万株。")
    b.para("（市林业局  程远）")
    bulletin = segment_document(read_document(str(b.save(tmp_path / "c.docx"))))
    assert bulletin.masthead is not None
    assert (bulletin.masthead.name, bulletin.masthead.issue, bulletin.masthead.date) == (
        "江州经济信息",
        "第8期",
        "2024-03-05",
    )
    assert [it.title for it in bulletin.items] == ["江州开展春季植树活动"]


# --- headers, footers, tables ------------------------------------------------------------------------


def test_header_is_masthead_and_footer_is_distribution_list(tmp_path):
    b = Builder()
    section = b.doc.sections[0]
    section.header.paragraphs[0].text = "江州政务动态    第6期    2024年4月2日"
    section.footer.paragraphs[0].text = "报：市委办公室，市政府办公室"
    section.footer.add_paragraph("- 1 -")
    b.para("江州启动老旧小区改造")
    b.para("今年全市计划改造老旧小区52个，惠及居民1.8万户。")
    b.para("（市住建局  林舟）")
    b.para("江州新增三条公交线路")
    b.para("4月1日起，江州新开通3条公交线路，方便城郊居民出行。")
    b.para("（市交通局  韩冰）")
    doc = read_document(str(b.save(tmp_path / "hf.docx")))
    assert doc.header == ["江州政务动态    第6期    2024年4月2日"]
    assert doc.footer == ["报：市委办公室，市政府办公室"]  # the page number is dropped
    assert "报：" not in doc.text and "第6期" not in doc.text
    bulletin = segment_document(doc)
    assert bulletin.masthead is not None
    assert (bulletin.masthead.issue, bulletin.masthead.date) == ("第6期", "2024-04-02")
    assert bulletin.footer == "报：市委办公室，市政府办公室"
    assert [it.title for it in bulletin.items] == ["江州启动老旧小区改造", "江州新增三条公交线路"]
    assert all("报：" not in it.body for it in bulletin.items)


def test_table_stays_with_its_item(tmp_path):
    b = Builder()
    b.para("江州一季度招商引资成效明显")
    b.para("一季度，全市签约项目37个，协议总投资286亿元，分领域情况如下。")
    table = b.doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "先进制造"
    table.cell(0, 1).text = "152亿元"
    table.cell(1, 0).text = "现代服务"
    table.cell(1, 1).text = "134亿元"
    b.doc.add_paragraph("（市投资促进局  许诺）")
    b.doc.add_paragraph("江州举办春季人才招聘会")
    b.doc.add_paragraph("3月9日，江州举办春季人才招聘会，186家企业提供岗位4200个。")
    b.doc.add_paragraph("（市人社局  白露）")
    bulletin = segment_document(read_document(str(b.save(tmp_path / "t.docx"))))
    assert [it.title for it in bulletin.items] == ["江州一季度招商引资成效明显", "江州举办春季人才招聘会"]
    assert "先进制造\n152亿元\n现代服务\n134亿元" in bulletin.items[0].body


def test_paragraphs_separated_by_one_empty_line_tables_kept_together(tmp_path):
    b = Builder()
    b.para("江州一季度招商引资成效明显")
    b.para("")
    b.para("")
    b.para("一季度，全市签约项目37个，分领域情况如下。")
    table = b.doc.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "领域", (0, 1): "签约额", (1, 0): "先进制造", (1, 1): "152亿元"}.items():
        table.cell(r, c).text = text
    b.doc.add_paragraph("下一步，全市将推动签约项目早落地、早投产。")
    b.doc.add_paragraph("江州举办春季人才招聘会")
    b.doc.add_paragraph("3月9日，江州举办春季人才招聘会，186家企业提供岗位4200个。")
    doc = read_document(str(b.save(tmp_path / "p.docx")))
    assert doc.text == (
        "江州一季度招商引资成效明显\n\n一季度，全市签约项目37个，分领域情况如下。\n\n领域\n签约额\n先进制造\n152亿元\n\n"
        "下一步，全市将推动签约项目早落地、早投产。\n\n江州举办春季人才招聘会\n\n"
        "3月9日，江州举办春季人才招聘会，186家企业提供岗位4200个。"
    )
    items = segment_document(doc).items
    assert [it.title for it in items] == ["江州一季度招商引资成效明显", "江州举办春季人才招聘会"]
    assert "领域\n签约额\n先进制造\n152亿元" in items[0].body and "下一步" in items[0].body


def test_deleted_paragraph_mark_and_deleted_table_row(tmp_path):
    b = Builder()
    b.xml(_p(_r("江州开展"), '<w:rPr><w:del w:id="20" w:author="审"/></w:rPr>'))
    b.para("春季植树活动")
    b.para("3月上旬，全市组织干部群众义务植树12万株。")
    row = "<w:tr>{}<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr>"
    b.xml(
        f"<w:tbl {NS}><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + row.format("", "乔木", "8万株")
        + row.format('<w:trPr><w:del w:id="21" w:author="审"/></w:trPr>', "旧数据", "0株")
        + row.format("", "灌木", "4万株")
        + "</w:tbl>"
    )
    assert _lines(b.save(tmp_path / "d.docx")) == [
        "江州开展春季植树活动",
        "3月上旬，全市组织干部群众义务植树12万株。",
        "乔木",
        "8万株",
        "灌木",
        "4万株",
    ]


def test_docx_output_is_deterministic(tmp_path, run_cli):
    path = _numbered_bulletin(tmp_path)
    first = run_cli(["segment", path, "-f", "json"])
    assert first[0] == 0 and first == run_cli(["segment", path, "-f", "json"])
