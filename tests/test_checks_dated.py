"""Rules ``dated-formulation``, ``spirit-string``, ``year-label``, ``anniversary``."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.genre.formulations import load_formulations
from checks_helpers import findings


@pytest.mark.parametrize("date, text, suggestion", [
    ("2023-03-01", "要深入学习贯彻党的十九大精神。", "党的二十大精神"),
    ("2022-03-01", "要深入开展党史学习教育。", "常态化长效化"),
    ("2021-06-01", "要深入学习新质生产力的论述。", "尚未提出"),
    ("2020-03-01", "深刻领悟“两个确立”的决定性意义。", "尚未提出"),
    ("2021-06-01", "为决胜全面建成小康社会提供保障。", "全面建设社会主义现代化国家"),
    ("2023-03-01", "以优异成绩迎接党的二十大胜利召开。", "学习宣传贯彻党的二十大精神"),
    ("2024-09-01", "扎实开展党纪学习教育。", "巩固深化党纪学习教育成果"),
    ("2015-05-01", "在以习近平同志为核心的党中央坚强领导下。", "尚未提出"),
    ("2025-03-01", "要深入开展主题教育，推动工作落实。", "巩固拓展主题教育成果"),
    ("2021-06-01", "要深入开展主题教育。", "使用至2020年1月8日"),
    ("2025-11-05", "继续深入开展中央八项规定精神学习教育。", "推动作风建设常态化长效化"),
    ("2023-03-08", "毫不放松抓好常态化疫情防控。", "疫情防控已转段"),
])
def test_dated_formulation_found(date, text, suggestion):
    [f] = findings(text + "\n", "dated-formulation", meeting_date=date)
    assert suggestion in f.message + f.suggestion


@pytest.mark.parametrize("date, text", [
    ("2022-03-01", "要巩固拓展党史学习教育成果，推动党史学习教育常态化长效化。"),
    ("2022-02-20", "巩固深化党史学习教育，开展主题活动。"),
    ("2021-06-01", "要深入开展党史学习教育。"),
    ("2020-01-15", "为决胜全面建成小康社会、决战脱贫攻坚提供坚强组织保障！"),
    ("2022-02-25", "回顾去年，我们深入开展党史学习教育，成效明显。"),
    ("2024-09-01", "要巩固深化党纪学习教育成果。"),
    ("2023-03-01", "深入学习贯彻党的二十大精神。"),
    ("2022-02-20", "学习贯彻即将召开的党的二十大精神。"),
    ("2025-03-01", "过去一年，我们扎实开展党纪学习教育，成效明显。"),
    ("2026-03-01", "要巩固深化深入贯彻中央八项规定精神学习教育成果。"),
    ("2025-03-01", "要巩固拓展主题教育成果。"),
    ("2023-05-01", "要深入开展主题教育，推动工作落实。"),
    ("2023-03-08", "过去三年，我们统筹疫情防控和经济社会发展。"),
    ("2025-03-01", "开展“学理论、促发展”主题教育活动。"),
    ("2025-03-01", "## 一、过去一年的主要成效\n\n扎实开展党纪学习教育，纪律意识明显增强。"),
])
def test_dated_formulation_not_found(date, text):
    assert findings(text + "\n", "dated-formulation", meeting_date=date) == []


def test_no_date_no_dated_rules():
    assert findings("要深入学习贯彻党的十九大精神。\n", "dated-formulation") == []


def test_extra_formulation_file_layers_and_replaces(tmp_path: Path):
    extra = tmp_path / "ours.yaml"
    extra.write_text("formulations:\n"
                     "  - id: party-history-education\n    term: 党史学习教育\n    valid_until: 2030-01-01\n"
                     "  - id: local-slogan\n    term: 三年攻坚行动\n    valid_until: 2024-12-31\n"
                     "    replaced_by: 新三年行动\n    severity: error\n", encoding="utf-8")
    text = "要深入开展党史学习教育，推进三年攻坚行动。\n"
    fs = findings(text, "dated-formulation", meeting_date="2025-03-01", formulation_files=(extra,))
    assert [(f.severity, f.suggestion) for f in fs] == [("error", "改为「新三年行动」")]
    ids = {f.id for f in load_formulations((extra,))}
    assert {"local-slogan", "party-history-education", "new-quality-productive-forces"} <= ids


@pytest.mark.parametrize("date, text, severity", [
    ("2025-10-24", "学习贯彻党的二十大和二十届二中、三中全会精神。", "warning"),
    ("2024-07-17", "学习贯彻党的二十大和二十届二中、三中全会精神。", "error"),
    ("2023-03-01", "学习贯彻党的十九大和十九届历次全会精神。", "error"),
    ("2020-01-15", "学习贯彻党的十九大和十九届二中、三中、四中、五中全会精神。", "error"),
    ("2025-03-01", "学习贯彻党的十九大和十九届六中全会及市第八次党代会精神。", "error"),
    ("2025-03-01", "要认真学习贯彻十九届六中全会精神。", "error"),
])
def test_spirit_string_wrong(date, text, severity):
    [f] = findings(text + "\n", "spirit-string", meeting_date=date)
    assert f.severity == severity
    from drafter.genre import dates
    import datetime as dt
    assert dates.spirit(dt.date.fromisoformat(date)).removesuffix("精神") in f.suggestion


@pytest.mark.parametrize("date, text", [
    ("2025-10-24", "学习贯彻党的二十大和二十届二中、三中、四中全会精神。"),
    ("2024-07-18", "学习贯彻党的二十大和二十届二中、三中全会精神。"),
    ("2026-02-15", "学习贯彻党的二十大和二十届历次全会精神。"),
    ("2020-01-15", "深入学习贯彻党的十九大和十九届二中、三中、四中全会精神。"),
    ("2026-02-15", "深入学习贯彻党的二十大和二十届四中全会精神。"),
    ("2026-02-15", "十九届六中全会审议通过的历史决议。"),
])
def test_spirit_string_right(date, text):
    assert findings(text + "\n", "spirit-string", meeting_date=date) == []


@pytest.mark.parametrize("date, text", [
    ("2022-03-01", "今年是“十四五”开局之年。"),
    ("2026-02-15", "今年是“十四五”规划收官之年。"),
    ("2024-03-01", "今年是“十五五”开局之年。"),
    ("2023-03-01", "今年是党的二十大召开之年。"),
    ("2026-02-15", "2025年是“十五五”开局之年。"),
    ("2026-02-15", "今年，是“十四五”规划收官之年。"),
    ("2026-02-15", "值此“十四五”收官之年，我们召开会议。"),
])
def test_year_label_wrong(date, text):
    [f] = findings(text + "\n", "year-label", meeting_date=date)
    assert f.severity == "error"


@pytest.mark.parametrize("date, text", [
    ("2026-02-15", "今年是“十五五”开局之年，也是全面深化改革的关键一年。"),
    ("2022-02-20", "今年是高新区的而立之年，也是决胜“十四五”关键之年。"),
    ("2021-03-01", "今年是中国共产党成立100周年，是“十四五”开局之年。"),
    ("2025-03-01", "今年是“十四五”规划收官之年。"),
    ("2025-03-01", "今年是“十四五”规划收官之年，也是谋划“十五五”的关键之年。"),
    ("2026-02-15", "今年，是“十五五”开局之年。"),
])
def test_year_label_right(date, text):
    assert findings(text + "\n", "year-label", meeting_date=date) == []


@pytest.mark.parametrize("date, text", [
    ("2026-06-20", "在庆祝建党104周年之际，我们召开大会。"),
    ("2026-06-20", "今年是建党106周年。"),
    ("2024-09-01", "喜迎新中国成立74周年。"),
    ("2022-06-20", "今年是建党百年。"),
    ("2025-06-27", "今天，我们隆重集会，庆祝中国共产党成立103周年。"),
    ("2025-06-20", "今年是中国共产党成立一百零三周年。"),
    ("2025-06-30", "值此新中国成立75周年之际。"),
    ("2025-06-01", "今年是改革开放46周年。"),
    ("2026-06-01", "今年是抗战胜利80周年。"),
    ("2025-09-10", "十年前，党中央出台中央八项规定。"),
    ("2025-09-10", "中央八项规定出台十年来，作风持续好转。"),
    ("2026-06-20", "在党的104岁生日即将到来之际。"),
])
def test_anniversary_wrong(date, text):
    assert len(findings(text + "\n", "anniversary", meeting_date=date)) == 1


@pytest.mark.parametrize("date, text", [
    ("2026-06-20", "在庆祝建党105周年之际，我们召开大会。"),
    ("2024-09-01", "喜迎新中国成立75周年。"),
    ("2022-06-20", "学习习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话。"),
    ("2021-06-20", "今年是建党百年。"),
    ("2026-06-29", "在党的105岁生日即将到来之际。"),
    ("2025-06-30", "今年是中国人民抗日战争暨世界反法西斯战争胜利80周年。"),
    ("2025-06-30", "五四运动106年来，一代代青年奋斗不息。"),
    ("2025-09-10", "中央八项规定出台十二年来，作风持续好转。"),
    ("2025-06-01", "改革开放以来，特别是党的十八大以来。"),
])
def test_anniversary_right(date, text):
    assert findings(text + "\n", "anniversary", meeting_date=date) == []


def test_every_shipped_formulation_compiles_and_a_plain_term_is_its_own_literal():
    import re

    forms = load_formulations()
    assert len(forms) >= 15
    for f in forms:
        assert isinstance(f.pattern, re.Pattern) and all(isinstance(a, re.Pattern) for a in f.allowed), f.id
        if f.literal is not None:  # no pattern of its own: the escaped term, and only text with the term can match
            assert f.literal == f.term and f.pattern.pattern == re.escape(f.term)
            assert f.may_occur_in("前文" + f.term + "后文") and not f.may_occur_in("毫不相干的一句话。")
    assert any(f.literal is None for f in forms)  # some have patterns of their own, always looked for
