"""The brief keys that say what happened and replace framing: framing overrides and switch-offs, a
superior's speech with its reply paragraph, «几点», the purpose clause, inline （一） headings, the 形势
paragraph and exact own closings — asserted on the Markdown draft the command line prints."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cli_helpers import ROOT, run_cli

BASE = yaml.safe_load((ROOT / "tests" / "data" / "base_brief.yaml").read_text(encoding="utf-8"))


def draft(tmp_path: Path, capsys, **changes) -> tuple[int, str]:
    data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    for dotted, value in changes.items():
        node = data
        keys = dotted.split("__")
        for k in keys[:-1]:
            node = node.setdefault(k, {})
        if value is None:
            node.pop(keys[-1], None)
        else:
            node[keys[-1]] = value
    brief = tmp_path / "brief.yaml"
    brief.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", brief, "-f", "md", "-o", "-", "-q"])
    return code, out + err


def paragraphs(md: str) -> list[str]:
    return [p for p in md.split("\n\n") if p.strip()]


def test_own_framing_sentence_is_used_verbatim_and_a_switched_off_slot_is_left_out(tmp_path, capsys):
    own = "今天，我们召开这次会议，就是要把去年的账算清楚。"
    code, plain = draft(tmp_path, capsys)
    code2, md = draft(tmp_path, capsys, framing={"opening.purpose": own, "problems.close": "否", "opening.verdict": "否"})
    assert code == code2 == 0
    paras = paragraphs(md)
    assert paras[paras.index("@salutation 同志们：") + 1] == own
    base = paragraphs(plain)
    purpose = base[base.index("@salutation 同志们：") + 1]
    assert purpose not in md  # no stock purpose beside the writer's own
    assert len(paras) == len(base) - 1  # the problems' closing paragraph is gone, nothing else


def test_unknown_framing_slot_is_an_error_with_a_suggestion(tmp_path, capsys):
    code, out = draft(tmp_path, capsys, framing={"opening.purpos": "今天。"})
    assert code == 1 and "framing 里没有「opening.purpos」这个用途" in out and "是不是「opening.purpose」" in out
    assert "Traceback" not in out


def test_superior_speech_gets_its_own_reply_paragraph(tmp_path, capsys):
    code, md = draft(tmp_path, capsys, meeting__before__superior={"speaker": "市委常委、组织部部长李明同志",
                                                                   "gist": "从三个方面提出了明确要求"})
    assert code == 0
    reply = [p for p in paragraphs(md) if p.startswith("市委常委、组织部部长李明同志作了重要讲话，从三个方面提出了明确要求。")]
    assert len(reply) == 1 and len(reply[0]) > 40  # followed by the reply sentence in the same paragraph


@pytest.mark.parametrize("noun,said", [("意见", "我讲几点意见。"), ("要求", "我提几点要求。")])
def test_unspecified_count_and_purpose_clause(tmp_path, capsys, noun, said):
    code, md = draft(tmp_path, capsys, opinions__count="几", opinions__noun=noun, opinions__purpose="为贯彻落实好这次全会精神")
    assert code == 0
    assert f"为贯彻落实好这次全会精神，{said}" in paragraphs(md)


def test_inline_headings_run_into_their_paragraph(tmp_path, capsys):
    items = [{"heading": "坚持政治引领", "lead": "要把政治建设摆在首位。"}, {"heading": "坚持夯实基础", "lead": "要抓好支部建设。"}]
    code, md = draft(tmp_path, capsys, opinions__layout="inline", opinions__form="（一）", opinions__noun="坚持",
                     opinions__items=items)
    assert code == 0
    paras = paragraphs(md)
    assert "**（一）坚持政治引领。**要把政治建设摆在首位。" in paras
    assert "**（二）坚持夯实基础。**要抓好支部建设。" in paras
    assert not any(p.startswith("#") and "坚持" in p for p in paras)


def test_situation_paragraph_given_derived_or_switched_off(tmp_path, capsys):
    own = "今年是全面完成各项目标任务的关键之年。"
    assert own in paragraphs(draft(tmp_path, capsys, situation=own)[1])
    derived = draft(tmp_path, capsys)[1]
    assert "2026年是“十五五”开局之年，全区各级党组织要把思想和行动统一到上级决策部署上来" in derived
    off = draft(tmp_path, capsys, situation="否")[1]
    assert len(paragraphs(off)) == len(paragraphs(derived)) - 1


def test_own_closing_is_used_exactly(tmp_path, capsys):
    code, md = draft(tmp_path, capsys, closing={"text": "我就讲这些，散会。", "adjourn": "是"})
    assert code == 0
    assert paragraphs(md)[-1].strip() == "我就讲这些，散会。"
    assert md.count("散会") == 1


@pytest.mark.parametrize("no", ["否", "不要", "No", "off", "不"])
def test_a_slot_and_the_situation_are_switched_off_by_any_no_of_the_yes_no_vocabulary(tmp_path, capsys, no):
    base = paragraphs(draft(tmp_path, capsys)[1])
    code, md = draft(tmp_path, capsys, framing={"problems.close": no}, situation=no)
    assert code == 0
    assert len(paragraphs(md)) == len(base) - 2  # the problems' closing and the situation paragraph
    assert no not in paragraphs(md)


@pytest.mark.parametrize("mtype", ["review", "annual", "quarterly", "discipline"])
def test_reply_to_what_came_before_can_follow_the_review(tmp_path, capsys, mtype):
    superior = {"speaker": "市委常委、组织部部长李明同志", "gist": "从三个方面提出了明确要求"}
    common = dict(meeting__type=mtype, meeting__name=None, meeting__before__superior=superior)
    code, first = draft(tmp_path, capsys, **common)
    code2, after = draft(tmp_path, capsys, meeting__before__place="回顾之后", **common)
    assert code == code2 == 0
    paras = paragraphs(after)
    reply = next(i for i, p in enumerate(paras) if p.startswith("刚才，6个街道和8个系统党（工）委书记分别作了述职发言"))
    superior_reply = next(i for i, p in enumerate(paras) if p.startswith("市委常委、组织部部长李明同志作了重要讲话"))
    problems = next(i for i, p in enumerate(paras) if "特色品牌还不够响" in p)
    first_heading = next(i for i, p in enumerate(paras) if p.startswith("## 一、"))
    assert problems < reply < superior_reply < first_heading
    before = paragraphs(first)
    assert next(i for i, p in enumerate(before) if p.startswith("刚才，")) < next(
        i for i, p in enumerate(before) if "特色品牌还不够响" in p)  # the default: the reply opens the speech
    assert sorted(before) == sorted(paras)  # the same paragraphs, only moved


def test_place_of_the_reply_is_checked(tmp_path, capsys):
    code, out = draft(tmp_path, capsys, meeting__before__place="最后")
    assert code == 1 and "meeting.before.place" in out and "不能是「最后」" in out and "开头 / 回顾之后" in out
    code, out = draft(tmp_path, capsys, meeting__type="warning", meeting__name=None, achievements=None, problems=None,
                      meeting__before__place="回顾之后")
    assert code == 1 and "不能放在回顾之后" in out and "place: 开头" in out
    assert "Traceback" not in out
