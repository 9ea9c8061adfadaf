"""No framing sentence asserts what the brief does not state.

Each chosen phrase-bank sentence of a draft (the ids `make_draft` reports as used) is read for words that
name an event — 述职, 点评, 测评, 观摩, a superior's speech, 表彰 — a register that fits only a host, or a
date («已经过去», «新年伊始», «距离年底»). The facts are read here from the brief's own data, not from
drafter's conditions, so the test checks the bank's tags against the words of its sentences: a property
test over generated briefs of all nine meeting types, and every shipped example in variants 1–10.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.compose import campaigns
from drafter.compose.phrasebank import PhraseBank
from drafter.genre import meeting_types
from drafter.main import make_draft

ROOT = Path(__file__).resolve().parent.parent
BASE = yaml.safe_load((ROOT / "tests" / "data" / "base_brief.yaml").read_text(encoding="utf-8"))
BANK = PhraseBank.load(use_config=False)

WORDS = {  # fact → words a sentence may use only when the brief states it
    "reports": ("述职", "汇报", "通报", "述得", "交账", "大家讲", "大家准备"),
    "comments": ("点评", "评得"),
    "assessment": ("测评", "测得"),
    "visits": ("观摩",),
    "superior_speech": ("讲话",),
    "commendation": ("表彰",),
    "film": ("观看", "专题片", "警示片", "看了以后", "看了、听了"),
}
SELF_PRAISE = ("评得", "讲得", "点评有肯定", "学习领会", "完全赞同", "完全赞成")  # not in a reply when the speaker commented himself
HOST_ONLY = ("散会", "我们召开", "我们在这里召开", "表个态", "代表班子")  # said by whoever holds the meeting, never a guest
EARLY_ONLY = ("新年伊始", "开篇之会", "开好局", "年初召开", "新的一年")  # said in January or February only
REVIEWING = ("review", "annual", "quarterly", "discipline", "democratic")  # the types with achievements and problems
AFTER_REVIEW = ("review", "annual", "quarterly", "discipline")  # the types that may reply to 刚才 after the review


def stated(data: dict) -> set[str]:
    before = (data.get("meeting") or {}).get("before") or {}
    out = {name for name in ("reports", "comments", "assessment", "visits", "superior") if before.get(name)}
    if data.get("reviewees"):
        out.add("comments")  # «我对N位同志的述职逐一作了点评»
    if before.get("superior"):
        out.add("superior_speech")
    if "表彰" in str(before.get("other") or "") or data.get("commended"):
        out.add("commendation")
    if any(w in str(before.get(k) or "") for k in ("reports", "other") for w in ("观看", "片")):
        out.add("film")
    return out


def speaker_commented(data: dict) -> bool:
    before = data["meeting"].get("before") or {}
    by = before.get("comments_by")
    if data.get("reviewees") and not before.get("comments"):
        return True  # the speech says «我对N位同志的述职逐一作了点评»
    return by in ("speaker", "both") or (by is None and "我" in str(before.get("comments") or ""))


def problems_of(data: dict, used: list[str]) -> list[str]:
    """What is wrong with the chosen sentences ``used`` for the brief ``data``."""
    facts = stated(data)
    d = data["meeting"]["date"]
    d = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    guest = (data.get("speaker") or {}).get("relation") == "guest"
    out = []
    for eid in used:
        e = BANK.get(eid)
        if e is None:  # stock paragraphs of a unit bank: none here
            continue
        text = e.text
        for fact, words in WORDS.items():
            if fact not in facts:
                out += [f"{eid} says «{w}» without {fact}" for w in words if w in text]
        if e.slot in ("opening.response", "opening.verdict") and speaker_commented(data):
            out += [f"{eid} praises the comments the speaker made himself («{w}»)" for w in SELF_PRAISE if w in text]
        if guest:
            out += [f"{eid} is a host's sentence («{w}») for a guest" for w in HOST_ONLY if w in text]
        elif "借此机会" in text:
            out.append(f"{eid} says 借此机会 in the speaker's own meeting")
        if d.month > 2:
            out += [f"{eid} says «{w}» on {d}" for w in EARLY_ONLY if w in text]
        if d.month < 7:
            out += [f"{eid} says «{w}» on {d}" for w in ("距离年底", "到年底", "剩下的时间") if w in text]
        if (d.month, d.day) != (7, 1):
            out += [f"{eid} says «{w}» on {d}" for w in ("今天是我们党的节日", "特殊的日子") if w in text]
        if d.month != 7:
            out += [f"{eid} says «{w}» on {d}" for w in ("七月的大地",) if w in text]
        if d.month >= 7:
            out += [f"{eid} says «{w}» on {d}" for w in ("喜迎党的",) if w in text]
        if "已经过去" in text and data["meeting"]["type"] == "quarterly":
            period = data.get("period") or meeting_types.quarter_period(d.month)  # the documented default
            ends = {"第一季度": (3, 31), "上半年": (6, 30), "第三季度": (9, 30), "第四季度": (12, 31)}
            # a period named without its year is the one whose end lies nearest the meeting (phrasebank/README.md)
            end = min((dt.date(y, *ends[period]) for y in (d.year - 1, d.year, d.year + 1)),
                      key=lambda e: abs((e - d).days)) if period in ends else None
            if end is None or d <= end:
                out.append(f"{eid} says the period is over on {d} ({data.get('period')})")
    verdicts = [eid for eid in used if BANK.get(eid) is not None and BANK.get(eid).slot in ("opening.response", "opening.verdict")
                and "达到了" in BANK.get(eid).text]
    if len(verdicts) > 1:
        out.append(f"{' and '.join(verdicts)} both say the meeting achieved its aim")
    return out


@st.composite
def briefs(draw, mtype: str):
    data = yaml.safe_load(yaml.safe_dump(BASE, allow_unicode=True))
    data["meeting"]["type"] = mtype
    data["meeting"].pop("name", None)
    date = draw(st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31)))
    if mtype == "july1" and draw(st.booleans()):
        date = dt.date(date.year, 7, 1) + dt.timedelta(days=draw(st.integers(-5, 5)))
    data["meeting"]["date"] = date.isoformat()
    if mtype not in REVIEWING:  # these types refuse achievements and problems
        data.pop("achievements", None)
        data.pop("problems", None)
    if mtype == "lecture":
        data["lecture"] = {"theme": "牢记初心使命，勇于担当作为"}
    if mtype == "campaign" and (campaigns.current(date) is None or draw(st.booleans())):
        data["campaign"] = {"name": "党纪学习教育", "requirement": "学纪、知纪、明纪、守纪"}
    if mtype == "warning" and draw(st.booleans()):
        data["cases"] = [{"who": "某镇原党委书记张某某", "facts": "违规收受礼金。"}]
    if mtype == "july1" and draw(st.booleans()):
        data["commended"] = [{"kind": "优秀共产党员", "count": 30}]
    before = {}
    if draw(st.booleans()):
        before["reports"] = "各镇党委书记分别汇报了工作情况"
    who = draw(st.sampled_from([None, "speaker", "others", "both", "text"]))
    if who == "text":
        before["comments"] = draw(st.sampled_from(["我作了点评", "王明同志作了点评", "我和王明同志分别作了点评"]))
    elif who is not None:
        before["comments"] = "作了点评"
        before["comments_by"] = who
    if draw(st.booleans()):
        before["assessment"] = "是"
    if draw(st.booleans()):
        before["visits"] = ["城东街道", "南湖社区"]
    if draw(st.booleans()):
        before["superior"] = {"speaker": "市委常委、组织部部长李明同志", "gist": "提出了明确要求"}
    if draw(st.booleans()):
        before["other"] = draw(st.sampled_from(["宣读了表彰决定", "观看了警示教育片", "通报了近年来查处的典型案件"]))
    if mtype in AFTER_REVIEW and draw(st.booleans()):
        before["place"] = "回顾之后"
    data["meeting"]["before"] = before
    if draw(st.booleans()):
        data["speaker"]["relation"] = "guest"
        data.setdefault("closing", {}).pop("adjourn", None)
    if mtype == "quarterly" and draw(st.booleans()):
        data["period"] = draw(st.sampled_from(["第一季度", "上半年", "第三季度"]))
    data.setdefault("options", {})["variant"] = draw(st.integers(1, 12))
    return data


@pytest.mark.parametrize("mtype", list(meeting_types.TYPES))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_chosen_sentence_asserts_what_the_brief_does_not_state(tmp_path, mtype, data):
    data = data.draw(briefs(mtype))
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    draft = make_draft(path)
    assert problems_of(data, draft.phrases) == []


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "data" / "reference_briefs").glob("*.yaml"))


def test_the_examples_cover_every_meeting_type():
    types = {yaml.safe_load(p.read_text(encoding="utf-8"))["meeting"]["type"] for p in EXAMPLES}
    assert types == set(meeting_types.TYPES)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_ten_variants_of_every_example_assert_nothing_the_brief_does_not_state(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for variant in range(1, 11):
        draft = make_draft(path, variant=variant)
        assert problems_of(data, draft.phrases) == [], variant
