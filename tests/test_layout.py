"""Layout rules of item segmentation, one small bulletin of our own per rule."""

from __future__ import annotations

import json

import pytest

from bulletin_nlp.bylines import match_line, match_tail, parse_inner
from bulletin_nlp.segment import segment_text
from conftest import one_document


def fields(bulletin, *names):
    """The given attributes of every item, as tuples (one field: a plain list)."""
    rows = [tuple(getattr(it, n) for n in names) for it in bulletin.items]
    return [r[0] for r in rows] if len(names) == 1 else rows


CITY_MEETING = (
    "市人大常委会召开主任会议\n"
    "\n"
    "7月8日，市人大常委会召开主任会议，研究确定常委会第十九次会议议程草案。\n"
    "\n"
    "（办公室秘书处  王强）\n"
)


# --- bylines -----------------------------------------------------------------------------------


def test_byline_after_last_sentence_on_same_line():
    text = (
        "江北区：代表联络站开设“周末夜话”\n"
        "\n"
        "江北区人大常委会在全区12个代表联络站推出“周末夜话”活动，每周六晚安排代表轮值接待居民，"
        "现场记录诉求并跟踪办理。（江北区人大常委会办公室  陈 静）\n"
        "\n"
        "市人大常委会调研农村人居环境整治工作\n"
        "\n"
        "6月12日，市人大常委会组织调研组赴白石县、青山县调研农村人居环境整治情况。（农业与农村工作委员会  刘洋）\n"
    )
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors", "region", "lines") == [
        ("江北区：代表联络站开设“周末夜话”", "江北区人大常委会办公室", ["陈静"], "江北区", (1, 3)),
        ("市人大常委会调研农村人居环境整治工作", "农业与农村工作委员会", ["刘洋"], None, (5, 7)),
    ]
    # The byline is cut off the body; the sentence before it stays whole.
    assert b.items[0].body.endswith("现场记录诉求并跟踪办理。")
    assert b.items[1].body == "6月12日，市人大常委会组织调研组赴白石县、青山县调研农村人居环境整治情况。"


def test_parenthesis_inside_sentence_is_not_a_byline():
    assert match_tail("会议审议通过了《条例（草案）》。") is None
    assert match_tail("各区、县（市）人大常委会负责人参加会议。") is None
    assert match_line("（详见附件）") is None
    assert match_line("（2024年6月）") is None


def test_unit_only_byline():
    text = (
        "市人大常委会党组召开理论学习中心组学习会\n"
        "\n"
        "7月4日，市人大常委会党组召开理论学习中心组学习会，围绕加强和改进人大工作进行专题研讨。\n"
        "\n"
        "（研究室）\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors", "region") == [
        ("市人大常委会党组召开理论学习中心组学习会", "研究室", [], None),
        ("市人大常委会召开主任会议", "办公室秘书处", ["王强"], None),
    ]


@pytest.mark.parametrize(
    "byline",
    ["(东湖区人大常委会办公室 王 明）", "（东湖区人大常委会办公室 王 明)", "(东湖区人大常委会办公室　王 明)"],
)
def test_mismatched_brackets(byline):
    text = (
        "东湖区：“代表议事厅”议出民生实事\n"
        "\n"
        "东湖区人大常委会在各街道设立“代表议事厅”，组织代表与居民共同商议加装电梯、停车治理等民生事项。\n"
        "\n"
        f"{byline}\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors", "region") == [
        ("东湖区：“代表议事厅”议出民生实事", "东湖区人大常委会办公室", ["王明"], "东湖区"),
        ("市人大常委会召开主任会议", "办公室秘书处", ["王强"], None),
    ]


def test_three_authors_with_padding():
    text = (
        "临江区：预算审查监督延伸到部门项目\n"
        "\n"
        "临江区人大常委会首次对区教育局、卫生健康局等5个部门的重点项目支出开展绩效评价，评价结果向常委会会议报告。\n"
        "\n"
        "（临江区人大常委会预算工委　　张 伟　　李 娜　　陈晓东）\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    first = b.items[0]
    assert (first.unit, first.authors, first.region) == (
        "临江区人大常委会预算工委",
        ["张伟", "李娜", "陈晓东"],
        "临江区",
    )
    assert len(b.items) == 2


@pytest.mark.parametrize(
    "inner, unit, authors",
    [
        ("供稿：市司法局  执笔：李强、张伟", "市司法局", ["李强", "张伟"]),
        ("江北区人大常委会办公室  王明、陈静", "江北区人大常委会办公室", ["王明", "陈静"]),
        ("法制工作处  柯 林  柯小岚", "法制工作处", ["柯林", "柯小岚"]),
        ("研究室", "研究室", []),
    ],
)
def test_byline_parsing(inner, unit, authors):
    b = parse_inner(inner)
    assert b is not None
    assert (b.unit, b.authors) == (unit, authors)


# --- headlines ---------------------------------------------------------------------------------


def test_wrapped_two_line_headline():
    text = (
        "南湖区：人大代表“家站点”建设\n"
        "实现城乡全覆盖\n"
        "\n"
        "南湖区人大常委会推进代表之家、代表联络站和联系点建设，目前已建成代表之家6个、联络站31个、联系点88个。\n"
        "\n"
        "（南湖区人大常委会办公室  孙 悦）\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    assert fields(b, "title") == ["南湖区：人大代表“家站点”建设实现城乡全覆盖", "市人大常委会召开主任会议"]
    assert b.items[0].body.startswith("南湖区人大常委会推进代表之家")
    assert b.items[0].lines == (1, 6)


def test_headline_with_dash_subtitle():
    text = (
        "数字赋能让人大监督“耳聪目明”\n"
        "——江南区预算联网监督工作纪实\n"
        "\n"
        "江南区人大常委会在实现“四本预算”全口径接入联网监督系统的基础上，着力提升监督实效。\n"
        "\n"
        "（江南区人大常委会办公室  曾 玲）\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    assert fields(b, "title") == [
        "数字赋能让人大监督“耳聪目明”——江南区预算联网监督工作纪实",
        "市人大常委会召开主任会议",
    ]


def test_headline_ending_with_question_mark():
    """A headline may be a question; it is still the item's headline, not a brief's first line."""
    text = (
        "代表建议如何从“答复了”走向“办好了”？\n"
        "\n"
        "江南区人大常委会建立代表建议办理“回头看”制度，对已答复的建议逐件核查落实情况，对落实不到位的重新交办。\n"
        "\n"
        "（江南区人大常委会办公室  宋一鸣）\n"
        "\n" + CITY_MEETING
    )
    b = segment_text(text)
    first = b.items[0]
    assert first.title == "代表建议如何从“答复了”走向“办好了”？"
    assert first.kind == "article"
    assert first.body.startswith("江南区人大常委会建立代表建议办理")


NUMBERED = (
    "一、市政府常务会议研究部署防汛工作\n"
    "6月3日，市政府召开常务会议，研究部署今年防汛抗旱工作。会议要求各地各部门压实防汛责任，做好人员转移和物资储备准备。\n"
    "二、青山县启动农村公路提档升级工程\n"
    "青山县今年将投入资金2.3亿元，对全县120公里农村公路实施提档升级，6月底前完成首批40公里路面改造。\n"
    "三、江北区优化企业开办“一件事”服务\n"
    "江北区将营业执照、公章刻制、税务登记等7个环节整合为“一件事”，企业开办时间压缩至半个工作日。\n"
)


def test_numbered_headlines_without_bylines():
    b = segment_text(NUMBERED)
    assert fields(b, "title", "kind", "unit", "authors", "lines") == [
        ("市政府常务会议研究部署防汛工作", "article", None, [], (1, 2)),
        ("青山县启动农村公路提档升级工程", "article", None, [], (3, 4)),
        ("江北区优化企业开办“一件事”服务", "article", None, [], (5, 6)),
    ]
    assert b.items[1].body.startswith("青山县今年将投入资金2.3亿元")


def test_numbered_subpoints_stay_inside_their_item():
    """``1.`` sub-headings under a ``一、`` headline are part of that item, not items of their own."""
    text = (
        "一、市人大常委会开展预算联网监督\n"
        "\n"
        "市人大常委会深化预算联网监督系统应用，着力提升监督实效。\n"
        "\n"
        "1.完善预警模型\n"
        "\n"
        "新增预算执行进度偏慢、政府采购价格异常等14条预警规则，系统每月自动生成分析报告。\n"
        "\n"
        "2.强化结果运用\n"
        "\n"
        "对系统预警发现的问题，由预算工委发函督促整改，整改情况作为下一年度预算审查的重要参考。\n"
        "\n"
        "二、青山县召开人大代表履职培训会\n"
        "\n"
        "6月18日，青山县人大常委会举办代表履职培训会，全县120余名县人大代表参加培训。\n"
    )
    b = segment_text(text)
    assert fields(b, "title") == ["市人大常委会开展预算联网监督", "青山县召开人大代表履职培训会"]
    assert "完善预警模型" in b.items[0].body
    assert "强化结果运用" in b.items[0].body
    assert b.items[0].lines == (1, 11)


def test_bracket_headlines():
    text = (
        "【市人大常委会开展水污染防治法执法检查】\n"
        "\n"
        "6月上旬，市人大常委会执法检查组分三组赴各区县，对水污染防治法实施情况开展执法检查。\n"
        "\n"
        "【云溪区：“代表接待日”制度常态化运行】\n"
        "\n"
        "云溪区人大常委会把每月第一个周五确定为“代表接待日”，今年以来各级代表共接待群众1300余人次。\n"
        "\n"
        "【白石县人大常委会审议乡村振兴工作报告】\n"
        "\n"
        "白石县人大常委会第十五次会议听取审议了县政府关于乡村振兴工作情况的报告。\n"
    )
    b = segment_text(text)
    assert fields(b, "title", "region", "lines") == [
        ("市人大常委会开展水污染防治法执法检查", None, (1, 3)),
        ("云溪区：“代表接待日”制度常态化运行", "云溪区", (5, 7)),
        ("白石县人大常委会审议乡村振兴工作报告", "白石县", (9, 11)),
    ]


def test_single_line_with_three_items():
    line = (
        "江南区：加装电梯“一件事”集成办理  江南区人大常委会将既有住宅加装电梯列入民生实事项目监督，"
        "推动审批、施工、验收等环节集成办理，平均办理时间缩短一半。（江南区人大常委会办公室  王 明）"
        "白石县：人大代表助力山区“共富工坊”  白石县人大常委会发动各级代表联系企业在山区村设立“共富工坊”，"
        "带动群众在家门口就业。（白石县人大常委会办公室  周 峰）"
        "市人大常委会举行第十八次主任会议  5月30日，市人大常委会举行第十八次主任会议，"
        "研究确定常委会第二十次会议议程草案。（办公室  李 强）"
    )
    b = segment_text(line)
    assert fields(b, "title", "unit", "authors", "region", "lines") == [
        ("江南区：加装电梯“一件事”集成办理", "江南区人大常委会办公室", ["王明"], "江南区", (1, 1)),
        ("白石县：人大代表助力山区“共富工坊”", "白石县人大常委会办公室", ["周峰"], "白石县", (1, 1)),
        ("市人大常委会举行第十八次主任会议", "办公室", ["李强"], None, (1, 1)),
    ]
    assert [it.body for it in b.items] == [
        "江南区人大常委会将既有住宅加装电梯列入民生实事项目监督，推动审批、施工、验收等环节集成办理，平均办理时间缩短一半。",
        "白石县人大常委会发动各级代表联系企业在山区村设立“共富工坊”，带动群众在家门口就业。",
        "5月30日，市人大常委会举行第十八次主任会议，研究确定常委会第二十次会议议程草案。",
    ]


# --- masthead, contents and footer --------------------------------------------------------------

FRAMED = (
    "人大工作简报\n"
    "第6期\n"
    "江州市人大常委会办公室编　　2024年6月28日\n"
    "━━━━━━━━━━━━━━━━━━━━━━━━\n"
    "本期要目\n"
    "◆ 市人大常委会开展水污染防治法执法检查\n"
    "◆ 云溪区：“代表接待日”制度常态化运行\n"
    "━━━━━━━━━━━━━━━━━━━━━━━━\n"
    "\n"
    "市人大常委会开展水污染防治法执法检查\n"
    "\n"
    "6月上旬，市人大常委会执法检查组分三组赴各区县，对水污染防治法实施情况开展执法检查，重点检查饮用水水源保护和工业废水治理情况。\n"
    "\n"
    "（环境与资源保护工作委员会  周 敏）\n"
    "\n"
    "云溪区：“代表接待日”制度常态化运行\n"
    "\n"
    "云溪区人大常委会把每月第一个周五确定为“代表接待日”，今年以来各级代表共接待群众1300余人次，收集意见建议260余条。\n"
    "\n"
    "（云溪区人大常委会办公室  黄 丽）\n"
    "\n"
    "━━━━━━━━━━━━━━━━━━━━━━━━\n"
    "报：省人大常委会办公厅，市委办公室。\n"
    "送：市人大常委会组成人员，各区、县（市）人大常委会。\n"
    "江州市人大常委会办公室　　　　2024年6月28日印发\n"
)
FRAMED_ITEMS = [
    ("市人大常委会开展水污染防治法执法检查", "环境与资源保护工作委员会", ["周敏"], None, (10, 14)),
    ("云溪区：“代表接待日”制度常态化运行", "云溪区人大常委会办公室", ["黄丽"], "云溪区", (16, 20)),
]


def test_masthead_contents_and_footer():
    b = segment_text(FRAMED)
    assert b.masthead.to_dict() == {
        "name": "人大工作简报",
        "issue": "第6期",
        "issuer": "江州市人大常委会办公室",
        "date": "2024-06-28",
    }
    assert fields(b, "title", "unit", "authors", "region", "lines") == FRAMED_ITEMS
    assert len(b.contents) == 2
    assert b.footer.splitlines() == [
        "报：省人大常委会办公厅，市委办公室。",
        "送：市人大常委会组成人员，各区、县（市）人大常委会。",
        "江州市人大常委会办公室　　　　2024年6月28日印发",
    ]
    assert "印发" not in b.items[-1].body
    assert "报：" not in b.items[-1].body


def test_contents_list_without_separators_is_not_taken_for_items():
    text = FRAMED.replace("━━━━━━━━━━━━━━━━━━━━━━━━\n", "\n").replace("◆ ", "")
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors", "region") == [row[:4] for row in FRAMED_ITEMS]
    assert b.contents == ["市人大常委会开展水污染防治法执法检查", "云溪区：“代表接待日”制度常态化运行"]


def test_footer_with_copy_count_is_not_taken_for_an_item():
    head, _, _ = FRAMED.partition("━━━━━━━━━━━━━━━━━━━━━━━━\n报：")
    text = head + "报：省人大常委会办公厅，市委办公室。\n送：市人大常委会组成人员。\n（共印120份）\n"
    b = segment_text(text)
    assert fields(b, "title", "unit", "authors", "region", "lines") == FRAMED_ITEMS
    assert b.footer == "报：省人大常委会办公厅，市委办公室。\n送：市人大常委会组成人员。\n（共印120份）"


# --- regions -----------------------------------------------------------------------------------


def test_region_null_for_the_citys_own_body():
    text = (
        "市人大常委会开展水污染防治法执法检查\n"
        "\n"
        "6月上旬，市人大常委会执法检查组分三组赴各区县，对水污染防治法实施情况开展执法检查。\n"
        "\n"
        "（研究室）\n"
        "\n"
        "市政府召开全市安全生产工作会议\n"
        "\n"
        "3月28日，市政府召开全市安全生产工作会议，部署开展安全生产治本攻坚行动。\n"
        "\n"
        "（市政府办公室秘书处  林 涛）\n"
        "\n"
        "江北区：代表联络站开设“周末夜话”\n"
        "\n"
        "江北区人大常委会在全区12个代表联络站推出“周末夜话”活动。\n"
        "\n"
        "（江北区人大常委会办公室  陈 静）\n"
    )
    b = segment_text(text)
    assert fields(b, "region") == [None, None, "江北区"]


def test_region_null_when_the_city_names_itself():
    """The issuing city's own bodies have no region even when written with the city's name
    (the gold corpus: "region is null where the item concerns the issuing city's own bodies")."""
    text = (
        "人大信息\n"
        "第8期\n"
        "江州市人大常委会办公室编　　2024年6月5日\n"
        "\n"
        "江州市人大常委会举行第十八次主任会议\n"
        "\n"
        "5月30日，江州市人大常委会举行第十八次主任会议，研究确定常委会第二十次会议议程草案。\n"
        "\n"
        "（江州市人大常委会研究室  王 强）\n"
        "\n"
        "江北区：代表联络站开设“周末夜话”\n"
        "\n"
        "江北区人大常委会在全区12个代表联络站推出“周末夜话”活动，每周六晚安排代表轮值接待居民。\n"
        "\n"
        "（江北区人大常委会办公室  陈 静）\n"
    )
    b = segment_text(text)
    assert b.masthead.issuer == "江州市人大常委会办公室"
    assert fields(b, "title", "unit", "region") == [
        ("江州市人大常委会举行第十八次主任会议", "江州市人大常委会研究室", None),
        ("江北区：代表联络站开设“周末夜话”", "江北区人大常委会办公室", "江北区"),
    ]


def test_region_from_headline_subject_without_colon():
    """``青山县启动…`` reports on 青山县 as plainly as ``青山县：…`` does."""
    b = segment_text(NUMBERED)
    assert fields(b, "region") == [None, "青山县", "江北区"]


# --- byte-order mark (BR-30) ------------------------------------------------------------------


def test_bom_before_numbered_headlines(tmp_path, run_cli):
    text = "\ufeff一、稳住经济大盘\n二、扩大有效投资\n三、保障改善民生\n"
    b = segment_text(text.replace("\ufeff", ""))
    assert fields(b, "title") == ["稳住经济大盘", "扩大有效投资", "保障改善民生"]

    path = tmp_path / "br30.txt"
    path.write_bytes(text.encode("utf-8"))  # the BOM as the first three bytes
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, err) == (0, "")
    assert "\ufeff" not in out
    data = one_document(out)
    assert [(it["title"], it["lines"]) for it in data["items"]] == [
        ("稳住经济大盘", [1, 1]),
        ("扩大有效投资", [2, 2]),
        ("保障改善民生", [3, 3]),
    ]
    for fmt in ("jsonl", "csv", "markdown", "table"):
        code, out, _ = run_cli(["segment", path, "-f", fmt])
        assert code == 0
        assert "\ufeff" not in out.removeprefix("\ufeff" if fmt == "csv" else ""), fmt
        assert "扩大有效投资" in out


def test_bom_kept_inside_text_is_dropped_by_segment_text():
    """segment_text is public: a U+FEFF left in the text it is given never reaches an item."""
    b = segment_text("\ufeff一、稳住经济大盘\n二、扩大有效投资\n三、保障改善民生\n")
    assert fields(b, "title") == ["稳住经济大盘", "扩大有效投资", "保障改善民生"]
    assert "\ufeff" not in json.dumps(b.to_dict(), ensure_ascii=False)
