"""Layouts of real pages (issue 10): furniture, news leads, bullets, labels, date-led entries,
numbered headlines at every level, mastheads, traditional text, gazetteer regions, negatives,
and the property that no line is ever lost. Every text here is our own invented sample."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp.bylines import match_head
from bulletin_nlp.furniture import find_jammer, line_role, parse_meta
from bulletin_nlp.normalise import analysis_view, is_blank, is_traditional, split_lines
from bulletin_nlp.regions import find_region, mentions
from bulletin_nlp.segment import segment_text
from conftest import SHARED, needs_shared


def fields(bulletin, *names):
    rows = [tuple(getattr(it, n) for n in names) for it in bulletin.items]
    return [r[0] for r in rows] if len(names) == 1 else rows


# --- nothing lost (property) --------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        "",
        "   ",
        "◆3月5日，县应急管理局开展森林火灾扑救演练，各乡镇共120余人参加。",
        "● 青禾区 ●",
        "【工作动态】",
        "一、稳住经济大盘",
        "（一）扩大有效投资",
        "6月4日至5日市政协副主席分别带队开展专题调研。",
        "您的位置：首页 > 基层动态",
        "作者：林小溪  信息来源：区人大办  发布日期：2024-4-18",
        "（青禾区人大常委会办公室  王 明）",
        "本报讯（记者 韩晓禾）3月15日，两地政协召开座谈会。",
        "青禾区人大常委会召开第八次主任会议",
        "会议强调，要精心做好会前调研，确保审议质量。",
        "责任编辑：周明远",
        "|||",
        "【打印本页】  【关闭窗口】",
        "报：市委办公室",
        "工作简报",
        "第3期",
        "县政府办公室编            二O二四年三月八日",
        "第一章  总  则",
        "各镇人民政府、街道办事处，县直各单位：",
        "1月3日市图书馆建成开放。1月9日市召开农村工作会议。2月14日市决定建设园区。",
        "政府工作报告中的民生实事清单引发代表热议。[详细]",
        "<!-- p. 7 -->",
        "点赞",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=25))
def test_every_line_is_in_an_item_or_a_part(lines):
    text = "\n".join(lines)
    b = segment_text(text)
    item_lines: list[int] = []
    for it in b.items:
        item_lines.extend(range(it.lines[0], it.lines[1] + 1))
    part_lines: list[int] = []
    for p in b.parts:
        assert p["role"] != "other", p
        part_lines.extend(range(p["lines"][0], p["lines"][1] + 1))
    for n, line in enumerate(split_lines(text), 1):
        if not is_blank(line):
            assert n in item_lines or n in part_lines, (n, line)
    # items never overlap, except on a line that two entries split between them
    spans = sorted(it.lines for it in b.items)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end, spans


# --- numbered headlines at every level, title line (BR-50) --------------------------------------

TITLED = "县林业局工作动态\n{0}森林防火责任全面落实\n今年以来全县开展防火巡查1200余次，消除隐患36处。\n{1}古树名木保护有序推进\n完成古树名木挂牌保护420株，建立一树一档。\n{2}林下经济稳步发展\n新建林下种植基地5个，带动农户增收。\n"


@pytest.mark.parametrize(
    "marks",
    [
        ("一、", "二、", "三、"),
        ("（一）", "（二）", "（三）"),
        ("(一)", "(二)", "(三)"),
        ("1.", "2.", "3."),
        ("1、", "2、", "3、"),
        ("（1）", "（2）", "（3）"),
        ("◆", "◆", "◆"),
        ("■", "■", "■"),
        ("★", "★", "★"),
    ],
)
def test_numbered_headlines_under_a_title_line(marks):
    b = segment_text(TITLED.format(*marks))
    assert b.title == "县林业局工作动态"
    assert fields(b, "title") == ["森林防火责任全面落实", "古树名木保护有序推进", "林下经济稳步发展"]
    assert b.items[0].body.startswith("今年以来")
    assert {"role": "title", "lines": [1, 1], "text": "县林业局工作动态"} in b.parts


@needs_shared
@pytest.mark.parametrize("name", ["BR-50.txt", "BR-50.bullets.txt", "BR-50.titled.txt"])
def test_br50_cases(name):
    b = segment_text((SHARED / "cases" / name).read_text(encoding="utf-8"))
    assert len(b.items) == 3
    assert all(it.title and not it.title.startswith(("（", "(", "◆", "一")) for it in b.items)
    assert b.title is not None


# --- mastheads (BR-49) --------------------------------------------------------------------------


@pytest.mark.parametrize("zero", ["O", "Ｏ", "0", "〇"])
def test_masthead_dates_with_any_zero(zero):
    text = f"工作简报\n\n第5期\n\n县政府办公室编            二{zero}二四年五月八日\n\n夏粮收购有序开展\n\n全县已收购小麦3.2万吨，设立收购网点18个。\n\n（县粮食局  周立新）\n"
    b = segment_text(text)
    assert b.masthead.date == "2024-05-08"
    assert b.masthead.issuer == "县政府办公室"
    assert fields(b, "title") == ["夏粮收购有序开展"]
    assert b.parts[0]["role"] == "masthead"


@needs_shared
def test_br49_masthead():
    b = segment_text((SHARED / "cases" / "BR-49.txt").read_text(encoding="utf-8"))
    assert b.masthead and b.masthead.date == "2024-03-08"
    assert b.items[0].title == "春耕备耕有序推进"


# --- web page furniture -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, role",
    [
        ("您的位置：首页 > 新闻中心 > 基层动态", "breadcrumb"),
        ("网站首页 > 政务公开", "breadcrumb"),
        ("信息来源：县政府网站  发布日期：2024-05-06  浏览量：88", "meta"),
        ("2023-11-02 10:21 | 发布人：网站管理员 | 阅读：35", "meta"),
        ("2023-11-02 09:30 已有35人阅读", "meta"),
        ("文件编号：松政办〔2024〕1号  公开方式：主动公开", "meta"),
        ("责任编辑：王小禾", "editor"),
        ("编  辑：李青", "editor"),
        ("【打印本页】  【关闭窗口】  【回到顶部】", "links"),
        ("字号：[大 中 小]", "links"),
        ("上一篇  下一篇", "links"),
        ("相关文章", "links"),
        ("版权所有：某某区人民政府  ICP备00000000号", "copyright"),
        ("ico-crumb.png", "image"),
        ("下一版»本期共4版", "epaper"),
        ("<!-- scan 12 -->", "comment"),
        ("|||", "junk"),
        ("???", "junk"),
        ("XYZ012", "junk"),
        ("摘要: 近年来，某某区人大常委会…", "summary"),
        ("2024年03月18日", "date"),
        ("会议强调，要精心做好会前调研，确保审议质量。", None),
        ("青禾区人大常委会召开第八次主任会议", None),
        ("（青禾区人大常委会办公室  王 明）", None),
    ],
)
def test_line_roles(line, role):
    assert line_role(line) == role


def test_meta_fields():
    assert parse_meta("作者：林小溪  信息来源：区人大办  浏览量：12  发布日期：2024-4-18") == {
        "author": "林小溪",
        "source": "区人大办",
        "published": "2024-4-18",
    }
    assert parse_meta("责编：李青") == {"editor": "李青"}


def test_jammer_after_every_paragraph():
    lines = ["Q9z某某网", "第一段内容写完了。Q9z某某网", "第二段内容也写完了。Q9z某某网", "第三段。Q9z某某网"]
    assert find_jammer(lines) == "Q9z某某网"
    # headlines that end alike are not a jammer
    assert find_jammer(["区政协召开常委会会议", "县政协召开常委会会议", "市政协召开常委会会议"]) is None


def test_repeated_page_title_counts_once():
    text = (
        "白河区开展河道清淤\n\n白河区开展河道清淤\n\n来源：本站 发布时间：2024-06-01\n\n"
        "白河区近日对城区6条河道开展清淤，共清理淤泥1.2万立方米。\n"
    )
    b = segment_text(text)
    assert fields(b, "title") == ["白河区开展河道清淤"]
    assert len(b.items) == 1


# --- news leads and bylines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, authors",
    [
        ("本报讯（记者 王小禾）5月8日，区人大常委会召开会议。", ["王小禾"]),
        ("本报讯 (记者 林青 通讯员 张启)昨日，市政协召开会议。", ["林青", "张启"]),
        ("（记者 杨帆 见习记者 李禾）今天，市人大常委会召开会议。", ["杨帆", "李禾"]),
        ("某某网讯（记者 周明）6月3日，市领导调研防汛工作。", ["周明"]),
        ("（赵青）近年来，区人大常委会聚焦民生。", ["赵青"]),
    ],
)
def test_byline_at_start_of_body(text, authors):
    assert match_head(text).authors == authors
    b = segment_text(text + "\n会议还听取了有关工作汇报。\n")
    assert fields(b, "authors") == [authors]


def test_web_article_editor_is_not_an_author():
    text = (
        "松林县召开春季植树动员会\n某某网讯 3月10日，松林县召开春季植树动员会，部署全年造林绿化任务。（松林县林业局 陈青）\n"
        "责任编辑：李小禾\n审核：王大禾\n"
    )
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors") == [("松林县召开春季植树动员会", "松林县林业局", ["陈青"])]
    assert [p["role"] for p in b.parts] == ["editor", "editor"]


# --- traditional characters and pinyin ----------------------------------------------------------


def test_traditional_text_keeps_its_characters():
    text = "某某網訊（記者 吳小單）4月2日，市政協委員視察城區污水處理廠。\n代表們都說，會把意見帶回去。\n"
    assert is_traditional(text)
    b = segment_text(text)
    assert fields(b, "authors") == [["吳小單"]]
    assert b.items[0].body.startswith("某某網訊")
    assert "市政協委員視察" in b.items[0].text  # the item's text keeps its script
    assert "市政协委员视察" in analysis_view(b.items[0].text)  # the simplified view for analysis


def test_inline_pinyin_is_removed_for_analysis_only():
    text = "5月6日市政協(xié)黨組召開會議。\n5月7日市政協(xié)召開會議。\n5月8日市政協(xié)組織視察。\n"
    b = segment_text(text)
    assert len(b.items) == 3
    assert "(xié)" in b.items[0].body
    assert analysis_view(b.items[0].body) == "5月6日市政协党组召开会议。"


def test_simplified_text_is_not_converted():
    assert not is_traditional("会议强调，要著力推进乾坤湾景区建设。")


# --- regions from the gazetteer -----------------------------------------------------------------


def test_office_of_a_district_names_no_place():
    """BR-56: ``区市场监管局`` is an office of the home district, not a place called 区市."""
    text = (
        "区市场监管局开展校园食品安全检查\n\n开学前，区市场监管局对全区学校食堂开展检查。\n\n（区市场监管局  冯小禾）\n\n"
        "区医保局推出一站式结算\n\n5月起，区内定点医院全部开通一站式结算。\n\n（区医保局  郑小蕾）\n"
    )
    b = segment_text(text)
    assert fields(b, "region") == [None, None]


@pytest.mark.parametrize("word", ["超市", "夜市", "城区", "园区"])
def test_words_ending_in_level_characters_are_not_places(word):
    assert find_region(f"{word}开展安全检查", None, f"{word}近日开展安全检查。") == (None, [])


def test_current_divisions_with_codes():
    region, divisions = find_region("青羊区：代表联络站开放日", None, "青羊区人大常委会举办开放日。")
    assert region == "青羊区"
    assert divisions[0].to_dict() == {"name": "青羊区", "level": "county", "code": "510105"}
    region, divisions = find_region(None, None, "锦江区人大常委会组织代表视察。")
    assert (region, divisions[0].code) == ("锦江区", "510104")
    region, divisions = find_region(None, None, "东城区政协召开常委会议。")
    assert (region, divisions[0].code) == ("东城区", "110101")


def test_several_places_in_the_subject():
    region, divisions = find_region("锦江区政协金牛区政协召开联席会议", None, "两地政协召开联席会议。")
    assert region == "锦江区、金牛区"
    assert [d.code for d in divisions] == ["510104", "510106"]


def test_chain_gives_the_most_specific_place():
    assert find_region(None, None, "3月2日，山东省济南市历下区人大常委会召开会议。")[0] == "历下区"


def test_short_name_before_an_organ():
    assert find_region("济南人大召开代表座谈会", None, "座谈会听取代表意见。")[0] == "济南市"
    assert [m.written for m in mentions("宁波日报记者")] == ["宁波"]
    assert mentions("他是长子") == []


def test_divisions_in_json():
    b = segment_text(
        "● 锦江区 ●\n5月12日，区政协调研城乡供水工程。（方远）\n● 历下区 ●\n5月13日，区政协召开会议。（苏田）\n"
    )
    d = b.to_dict()["items"]
    assert [(x["section"], x["region"], x["divisions"][0]["code"]) for x in d] == [
        ("锦江区", "锦江区", "510104"),
        ("历下区", "历下区", "370102"),
    ]


def test_invented_places_keep_working():
    b = segment_text(
        "● 青禾区 ●\n5月12日，青禾区政协调研供水工程。（方远）\n● 松林县 ●\n5月13日，松林县政协召开会议。（苏田）\n"
    )
    assert fields(b, "region", "divisions") == [("青禾区", []), ("松林县", [])]


# --- negatives ----------------------------------------------------------------------------------


def test_law_text_is_one_item():
    text = "某某条例\n\n第一章  总  则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 本条例适用于本市。\n\n第三条 市人民政府负责组织实施。\n\n第二章  管理\n\n第四条 有关部门应当加强监督。\n"
    b = segment_text(text)
    assert len(b.items) <= 1


def test_fiction_paragraphs_are_one_item():
    text = "那年冬天，雪下得很大。他推开门，看见院子里的老槐树已经白了头。\n母亲在灶间烧火，锅里的粥咕嘟咕嘟地响着。\n他想起远方的朋友，心里有些发酸。\n"
    assert len(segment_text(text).items) <= 1


def test_a_byline_closing_every_item_is_no_jammer():
    """Bylines glued to the last sentence of each item end every paragraph alike; they stay bylines."""
    text = "".join(
        f"{p}区开展代表接待活动\n\n{p}区人大常委会组织代表接待选民，收集意见建议20条。（研究室）\n\n" for p in "甲乙丙"
    )
    b = segment_text(text)
    assert fields(b, "title", "unit") == [(f"{p}区开展代表接待活动", "研究室") for p in "甲乙丙"]
    assert not [p for p in b.parts if p["role"] == "jammer"]


def test_cut_off_last_entry_of_a_web_page_stays_an_item():
    """Page end furniture is cut only after the last finished sentence, never a cut-off entry."""
    text = (
        "您的位置：首页 > 基层动态\n\n● 青禾区 ●\n5月12日，青禾区政协调研供水工程，听取项目进展情况汇报。（方远）\n"
        "● 松林县 ●\n5月1"
    )
    b = segment_text(text)
    assert fields(b, "body", "region") == [
        ("5月12日，青禾区政协调研供水工程，听取项目进展情况汇报。", "青禾区"),
        ("5月1", "松林县"),
    ]


def test_headline_above_a_footer_is_kept_as_a_part():
    """Found by the property test: a lead line that falls in the footer leaves its headline in parts."""
    b = segment_text("工作简报\n报：市委办公室\n本报讯（记者 韩晓禾）3月15日，两地政协召开座谈会。")
    assert [p["role"] for p in b.parts if p["lines"] == [1, 1]] != ["other"]
    assert {n for p in b.parts for n in range(p["lines"][0], p["lines"][1] + 1)} == {1, 2, 3}


def test_navigation_list_above_the_article_is_contents():
    text = (
        "第03版：要闻\n\n春耕备耕忙\n乡村书屋亮起来\n两地政协签订合作协议\n民生实事落地\n\n两地政协签订合作协议\n\n"
        "3月15日，两地政协召开协同履职座谈会，签订年度合作协议。\n"
    )
    b = segment_text(text)
    assert fields(b, "title", "lines") == [("两地政协签订合作协议", (8, 10))]
    assert [p["lines"][0] for p in b.parts if p["role"] == "contents"] == [3, 4, 5, 6]


def test_parts_of_a_traditional_page_keep_their_characters():
    text = "Z8q某某新聞網\n某某網訊（記者 吳小單）4月2日，市政協委員視察城區。Z8q某某新聞網\n代表們都說，會把意見帶回去。Z8q某某新聞網\n他們說，要把好事辦實。Z8q某某新聞網\n"
    b = segment_text(text)
    assert {p["text"] for p in b.parts if p["role"] == "jammer"} == {"Z8q某某新聞網"}
    assert b.items[0].body.endswith("他們說，要把好事辦實。")


def test_one_sided_label_with_a_real_place():
    text = (
        "▍锦江区\n12月16日，锦江区政协主席带队调研老旧小区加装电梯工作。（方远）\n"
        "▍金牛区\n12月17日，金牛区政协召开常委会议。（苏田）\n"
    )
    b = segment_text(text)
    assert fields(b, "section", "region", "authors") == [("锦江区", "锦江区", ["方远"]), ("金牛区", "金牛区", ["苏田"])]
    assert [d["code"] for it in b.items for d in it.divisions] == ["510104", "510106"]
