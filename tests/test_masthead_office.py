"""Masthead lines that name the issuing office without 编/印, and partitive words before a level word."""

from __future__ import annotations

import pytest

from bulletin_nlp.segment import segment_text

BODY = """政协工作动态
第5期
{line}

县政协召开常委会议
5月16日，县政协召开常委会议，听取县政府关于农村供水工程建设情况的通报，协商讨论有关建议。
（县政协办公室  刘 芳）

委员视察城区停车设施建设
5月10日，部分县政协委员视察城区停车设施建设情况，建议科学规划泊位。
（提案委  周强）
"""


@pytest.mark.parametrize(
    "line",
    [
        "溪口县政协办公室                2024年5月20日",
        "溪口县政协办公室    2024年5月20日",
        "溪口县政协办公室 2024年5月20日",
        "溪口县政协办公室2024年5月20日",
        "溪口县政协办公室编  二〇二四年五月二十日",
    ],
)
def test_office_and_date_on_one_line_are_the_masthead(line):
    b = segment_text(BODY.format(line=line), "a.txt")
    assert b.masthead is not None
    assert (b.masthead.issuer, b.masthead.date) == ("溪口县政协办公室", "2024-05-20")
    assert [it.title for it in b.items] == ["县政协召开常委会议", "委员视察城区停车设施建设"]


def test_an_office_without_a_date_on_its_line_is_not_taken_for_the_issuer():
    text = BODY.format(line="溪口县政协办公室").replace("第5期\n", "")
    b = segment_text(text, "a.txt")
    assert b.masthead is None or b.masthead.issuer is None


def test_partitive_words_before_a_level_word_name_no_region():
    b = segment_text(BODY.format(line="溪口县政协办公室  2024年5月20日"), "a.txt")
    assert b.items[1].region is None
