"""Rules on the text as a whole: length, repetition, closing and tense, stock text; relocation and output."""

from __future__ import annotations

import json

import pytest

from drafter.speech.blocks import Block, Kind
from drafter.checks import CheckContext, SourceText, exit_code, format_findings, run_checks
from drafter.checks.length import count_chars
from drafter.errors import UsageError
from checks_helpers import findings


def test_count_chars_counts_han_and_punctuation_only():
    assert count_chars("同志们：发展党员312名，占68%。") == 12


# (first, last) code point of each counted range: Han characters, CJK and full-width punctuation, — ‘’ “” … ·
COUNTED = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x3001, 0x303F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),
           (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0x2014, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D), (0x2026, 0x2026),
           (0x00B7, 0x00B7)]


def test_count_chars_counts_exactly_the_counted_ranges():
    edges = {cp for lo, hi in COUNTED for cp in (lo - 1, lo, lo + 1, hi - 1, hi, hi + 1)}
    probes = sorted(edges | set(range(0, 0x3100)) | {0x10000, 0x20000, 0x2A6DF, 0xE000, 0xFFFD})
    for cp in probes:
        want = int(any(lo <= cp <= hi for lo, hi in COUNTED))
        assert count_chars(chr(cp)) == want, hex(cp)
    text = "".join(chr(cp) * 3 for cp in probes)
    assert count_chars(text) == 3 * sum(any(lo <= cp <= hi for lo, hi in COUNTED) for cp in probes)


def test_speech_length_counts_only_the_spoken_blocks():
    from drafter.checks.length import speech_chars

    blocks = [Block.plain(Kind.TITLE, "标题不算"), Block.plain(Kind.SALUTATION, "同志们："),
              Block.plain(Kind.HEADING, "一、抓好党建", level=1), Block.plain(Kind.PARAGRAPH, "发展党员312名，占68%。")]
    assert speech_chars(blocks) == 4 + 6 + 8  # 同志们： 一、抓好党建 发展党员名，占。


def _speech(n_chars: int) -> str:
    para = "抓党建促发展要落地见效。"  # 12 counted characters
    return "@salutation 同志们：\n\n" + "\n\n".join([para] * (n_chars // 12)) + "\n"


def test_length_over_target_and_range():
    text = _speech(9000)
    fs = findings(text, meeting_type="annual", target_minutes=30)
    rules = {f.rule: f for f in fs}
    assert "超出预定的30分钟" in rules["length-target"].message
    assert rules["length-range"].severity == "warning" and "4000—8000" in rules["length-range"].message


def test_length_within_target_and_range():
    text = _speech(3000)  # ≈ 3,000 characters: 16.7 minutes at 180
    fs = findings(text, meeting_type="review", target_minutes=17)
    assert [f for f in fs if f.rule.startswith("length")] == []


def test_reading_speed_changes_minutes():
    text = _speech(3000)
    assert [f.rule for f in findings(text, target_minutes=17, reading_speed=150) if f.rule == "length-target"] == []
    assert [f.rule for f in findings(text, target_minutes=13, reading_speed=150) if f.rule == "length-target"]


def test_reading_speed_out_of_range():
    with pytest.raises(UsageError) as e:
        run_checks([], CheckContext(reading_speed=250))
    assert "150–220" in e.value.render()


@pytest.mark.parametrize("markup", [
    "要把党建工作摆在更加突出位置。\n\n其他内容。\n\n要把党建工作摆在更加突出位置。\n",
    "推动新形势下基层组织建设质量水平全面提升。\n\n另外，要推动新形势下基层组织建设质量水平全面提升，久久为功。\n",
])
def test_repetition_found(markup):
    assert len(findings(markup, "repetition")) == 1


def test_the_title_block_of_a_text_without_a_salutation_is_not_compared(tmp_path):
    from drafter.checks import CheckContext, run_checks
    from drafter.speech.reader import read_speech
    p = tmp_path / "s.txt"
    p.write_text("坚持党建引领推动基层治理现代化再上新台阶\n——在全区组织工作会议上的讲话\n区委书记 张明\n（2025年3月2日）\n"
                 "今天，我们要坚持党建引领推动基层治理现代化再上新台阶。\n", encoding="utf-8")
    blocks = read_speech(p)
    assert [b.kind.name for b in blocks] == ["TITLE", "SUBTITLE", "BYLINE", "DATE", "PARAGRAPH"]
    assert [f for f in run_checks(blocks, CheckContext()) if f.rule == "repetition"] == []


@pytest.mark.parametrize("markup", [
    "用习近平新时代中国特色社会主义思想武装头脑。\n\n坚持以习近平新时代中国特色社会主义思想为指导。\n",
    "在以习近平同志为核心的党中央坚强领导下。\n\n始终同以习近平同志为核心的党中央保持高度一致。\n",
    "一是抓学习。\n\n二是抓落实。\n",
    "# 用党的创新理论凝心铸魂\n\n@salutation 同志们：\n\n今天党课的题目是用党的创新理论凝心铸魂。\n\n"
    "我们要用党的创新理论凝心铸魂，把学习成果转化为工作成效。\n",
    "第一次是在去年春天，总书记强调要把基层党组织建设成为坚强战斗堡垒。\n\n"
    "第二次是在今年夏天，总书记再次强调要把基层党组织建设成为坚强战斗堡垒。\n",
    "深入实施“红色领航·先锋聚力·强基固本”工程。\n\n把“红色领航·先锋聚力·强基固本”工程抓出成效。\n",
    "深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。\n\n学习贯彻习近平新时代中国特色社会主义思想主题教育取得成效。\n",
])
def test_repetition_clean(markup):
    assert findings(markup, "repetition") == []


def test_adjourn_only_when_speaker_closes():
    text = "同志们，我就讲这些。散会！\n"
    [f] = findings(text, "adjourn", closes_meeting=False)
    assert f.severity == "warning"
    assert findings(text, "adjourn", closes_meeting=True) == []
    assert findings(text, "adjourn", closes_meeting=None) == []
    assert findings("会议散会后请各单位留下。\n", "adjourn", closes_meeting=False) == []


@pytest.mark.parametrize("text, date, period", [
    ("今年以来，全区上下共同努力。", "2026-02-15", None),
    ("今年以来，全区上下共同努力。", "2026-04-15", "2025年"),
    ("去年以来，全区上下共同努力。", "2026-10-15", "第三季度"),
])
def test_tense_found(text, date, period):
    assert len(findings(text + "\n", "tense", meeting_date=date, period=period)) == 1


@pytest.mark.parametrize("text, date, period", [
    ("今年以来，全区上下共同努力。", "2026-10-15", "第三季度"),
    ("去年以来，全区上下共同努力。", "2026-02-15", "2025年"),
    ("今年以来，全区上下共同努力。", "2026-07-15", None),
])
def test_tense_clean(text, date, period):
    assert findings(text + "\n", "tense", meeting_date=date, period=period) == []


def test_stock_paragraph_is_info():
    [f] = findings("@stock 各级党组织要切实扛起责任。\n\n本单位自己的话。\n", "stock-text")
    assert (f.severity, f.line) == ("info", 1)


def test_finding_relocated_to_brief_value():
    blocks = [Block.plain(Kind.PARAGRAPH, "刚才，6个街道书记作了述职。全年发展党员X名，成效明显。", line=12)]
    src = SourceText("brief.yaml", 20, 14, "全年发展党员X名")
    [f] = [f for f in run_checks(blocks, CheckContext(file="draft.md"), sources=[src]) if f.rule == "placeholder"]
    assert (f.file, f.line, f.column, f.block) == ("brief.yaml", 20, 20, 0)
    [g] = [f for f in run_checks(blocks, CheckContext(file="draft.md")) if f.rule == "placeholder"]
    assert (g.file, g.line, g.column) == ("draft.md", 12, 21)


def test_format_text_and_json():
    fs = findings("发展党员X名。\n\n主要有：一是甲。三是乙。\n")
    text = format_findings(fs)
    assert "t.md:1:5: warning[placeholder]: 占位符「X」未填写" in text
    assert "t.md:3:9: error[numbering-sequence]: 序号「三是」跳号" in text
    assert text.splitlines()[-1] == "共 1 个错误、1 个警告、0 条提示。"
    data = json.loads(format_findings(fs, "json"))
    assert {d["rule"] for d in data} == {"placeholder", "numbering-sequence"}
    assert format_findings([]) == "未发现问题。"
    assert exit_code(fs) == 1
    warn_only = [f for f in fs if f.severity == "warning"]
    assert exit_code(warn_only) == 0 and exit_code(warn_only, strict=True) == 1
