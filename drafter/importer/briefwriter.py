"""Writing a recognised speech (:class:`~drafter.importer.structure.Speech`) as a brief commented in
Chinese, in the same form as the starters of ``drafter new``.

Every text value is the original's wording. Framing sentences (the opening, the response to «刚才»,
the transition, the closing) go under ``framing:`` so that rendering the brief at the original date
gives back the original speech; framing slots the speech has nothing for are switched off (``否``)
rather than filled with stock sentences. With a new date (``--date``) every date-bound piece of
text is marked «【核实】» in the value and listed in a comment on its line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import yaml

from drafter.genre import meeting_types
from drafter.importer.datebound import Found, mark
from drafter.importer.structure import SectionPart, Speech

_INDENT = "  "


@dataclass(frozen=True)
class Marker:
    """One date-bound piece of text marked 【核实】: the brief key it is under, the text, its kind."""

    key: str
    text: str
    kind: str


@dataclass
class _Writer:
    new_date: datetime.date | None
    lines: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    def comment(self, text: str, depth: int = 0) -> None:
        self.lines.append(f"{_INDENT * depth}# {text}")

    def blank(self) -> None:
        self.lines.append("")

    def key(self, name: str, depth: int, note: str = "", *, dash: bool = False) -> None:
        prefix = _INDENT * depth + ("- " if dash else "")
        self.lines.append(_with_note(f"{prefix}{name}:", note))

    def value(self, name: str, value, depth: int, note: str = "", *, path: str = "", dash: bool = False,
              marked: bool = True) -> None:
        """``name: value`` at ``depth``; text values are marked for a new date when ``marked``."""
        prefix = _INDENT * depth + ("- " if dash else "")
        if isinstance(value, str) and marked and self.new_date is not None:
            value, found = mark(value, self.new_date)
            if found:
                self._record(path or name, found)
                note = (note + "；" if note else "") + "【核实】" + "、".join(dict.fromkeys(x.text for x in found))
        if isinstance(value, str) and "\n" in value:
            self.lines.append(_with_note(f"{prefix}{name}: |", note))
            pad = _INDENT * (depth + (2 if dash else 1))
            self.lines.extend(pad + line if line else "" for line in value.split("\n"))
            return
        self.lines.append(_with_note(f"{prefix}{name}: {_scalar(value)}", note))

    def _record(self, path: str, found: list[Found]) -> None:
        self.markers.extend(Marker(path, x.text, x.kind) for x in found)


def _with_note(line: str, note: str) -> str:
    if not note:
        return line
    pad = max(1, 31 - _width(line))
    return f"{line}{' ' * pad}# {note}"


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    out = yaml.safe_dump(str(value), allow_unicode=True, width=1 << 30, default_flow_style=True)
    out = out[:-5] if out.endswith("\n...\n") else out
    return out.rstrip("\n")


def _paragraphs(paras: list[str]) -> str:
    return "\n".join(p for p in paras if p)


def write_brief(sp: Speech, *, type_id: str, type_reason: str, type_forced: bool, source: str,
                meeting_date: datetime.date, date_note: str, new_date: datetime.date | None,
                role: str, role_note: str) -> tuple[str, list[Marker]]:
    """The brief's YAML text and the markers put into it."""
    mt = meeting_types.TYPES[type_id]
    w = _Writer(new_date)
    w.lines += [
        "# yaml-language-server: $schema=brief.schema.json",
        "# ───────────────────────────────────────────────────────────────",
        f"# drafter 简报：由讲话稿「{source}」导入（drafter import）",
        "# 所有文字都是原稿的原话：成绩、问题、各点意见在各自的键里，开场、过渡、结尾等",
        "# 衔接的句子在 framing 中（原话照用；写“否”的位置不出现任何句子）。",
        "# 按原日期生成即得到原稿：drafter render 本文件名.yaml",
        "# 改写成新一年的讲话：逐项修改内容；framing 中的句子可改写，删去一行则由话术库提供。",
    ]
    if new_date is not None:
        w.lines += [f"# 新的会议日期 {new_date.isoformat()}：年份、去年/今年、周年、“……之年”、全会届次、时效提法和",
                    "# 所有统计数字都标了【核实】（行尾注释列出原文），核对改写后删去【核实】；",
                    "# 留着【核实】时 drafter check 会逐一提醒，render --final 不会生成定稿。"]
    w.lines.append("# ───────────────────────────────────────────────────────────────")
    for note in sp.notes:
        w.comment("导入说明：" + note)
    w.blank()

    w.key("meeting", 0, "会议")
    w.value("type", type_id, 1, f"{mt.name}（{'按 --type 指定' if type_forced else '识别依据：' + type_reason}）",
            marked=False)
    if sp.meeting_name:
        w.value("name", sp.meeting_name, 1, "会议名称（原稿标题）", path="meeting.name")
    w.value("date", new_date or meeting_date, 1, "会议日期" + (f"（{date_note}）" if date_note else ""), marked=False)
    _before(w, sp)
    w.blank()

    w.key("speaker", 0, "讲话人")
    w.value("role", role, 1, "职务" + (f"（{role_note}）" if role_note else ""), marked=False)
    if sp.name:
        w.value("name", sp.name, 1, "姓名（原稿署名行）", marked=False)
    w.blank()
    if sp.title_text:
        w.key("title", 0, "标题（原稿）")
        w.value("text", sp.title_text, 1, path="title.text")
        if sp.subtitle:
            w.value("subtitle", True, 1, "原稿有副标题", marked=False)
        w.blank()

    for key, sec, what in (("achievements", sp.achievements, "成绩"), ("problems", sp.problems, "问题和不足")):
        if sec is not None:
            _section(w, key, sec, what)
    if sp.situation:
        w.value("situation", _paragraphs(sp.situation), 0, "形势段（原稿原话，每行一段）", path="situation")
    else:
        w.value("situation", "否", 0, "原稿在问题和过渡句之间没有形势段；删去此行则按日期生成一段", marked=False)
    w.blank()

    _opinions(w, sp)
    _closing(w, sp)
    _framing(w, sp, mt)
    w.key("options", 0, "生成选项")
    w.value("variant", 1, 1, "措辞版本（framing 中写了原话的位置不受影响）", marked=False)
    return "\n".join(w.lines) + "\n", w.markers


def _before(w: _Writer, sp: Speech) -> None:
    pr, sup = sp.prior, sp.superior
    if not pr and not sup:
        return
    w.key("before", 1, f"讲话前的议程（原稿第 {(pr or sup).line} 段“刚才，……”）")
    if pr:
        if pr.reports:
            w.value("reports", pr.reports, 2, "谁作了述职或汇报", path="meeting.before.reports")
        if pr.comments:
            w.value("comments", pr.comments, 2, "谁作了点评", path="meeting.before.comments")
        if pr.other:
            w.value("other", pr.other, 2, "其他议程", path="meeting.before.other")
    if sup:
        w.key("superior", 2, f"上级领导的讲话（原稿第 {sup.line} 段）")
        w.value("speaker", sup.speaker, 3, "职务和姓名", path="meeting.before.superior.speaker")
        if sup.gist:
            w.value("gist", sup.gist, 3, "「……作了重要讲话，」之后的话（原话）", path="meeting.before.superior.gist")


def _section(w: _Writer, key: str, sec: SectionPart, what: str) -> None:
    w.key(key, 0, f"{what}（原稿第 {sec.line} 段起）")
    layout_note = "写在一段里（一是……二是……）" if sec.layout == "inline" else "每条一段"
    w.value("layout", sec.layout, 1, layout_note, marked=False)
    form_note = "原稿没有序号，只有领句" if sec.form == "无" else "各条的序号"
    if sec.mixed:
        form_note += "（原稿「一是」「一要」混用，已统一）"
    w.value("form", sec.form, 1, form_note, marked=False)
    if sec.summary:
        w.value("summary", sec.summary, 1, "总括句", path=f"{key}.summary")
    w.key("items", 1, "每条：lead 领句，text 具体内容")
    for n, e in enumerate(sec.items, start=1):
        _list_item(w, e.lead, e.text, 2, f"{key}.items[{n}]")
    w.blank()


def _list_item(w: _Writer, lead: str | None, text: str, depth: int, path: str) -> None:
    """One ``- lead: … / text: …`` item of a list at ``depth`` (text alone when there is no lead)."""
    if lead:
        w.value("lead", lead, depth, path=f"{path}.lead", dash=True)
    if text or not lead:
        w.value("text", text, depth + 1 if lead else depth, path=f"{path}.text", dash=not lead)


def _opinions(w: _Writer, sp: Speech) -> None:
    w.key("opinions", 0, f"意见（原稿第 {sp.opinions[0].line} 段起，共 {len(sp.opinions)} 点）")
    noun = sp.noun if sp.noun in ("意见", "要求", "坚持") else "意见"
    note = "过渡句里的词" + ("" if sp.noun in (None, noun) else f"（原稿为「{sp.noun}」，原话保留在 framing 中）")
    w.value("noun", noun, 1, note, marked=False)
    if sp.count == "几":
        w.value("count", "几", 1, "原稿说「讲几点意见」", marked=False)
    w.value("form", sp.opinion_form, 1, "各点的序号", marked=False)
    if sp.point_form:
        w.value("point_form", sp.point_form, 1, "分条的序号" + ("（原稿混用，已统一）" if sp.mixed_points else ""),
                marked=False)
    if sp.opinion_layout == "inline":
        w.value("layout", "inline", 1, "标题和正文写在同一段（（一）坚持……。正文……）", marked=False)
    if sp.purpose:
        w.comment(f"purpose: {sp.purpose}    # 过渡句的目的状语（原话已整句在 framing 的 opinions.transition 中）", 1)
    w.key("items", 1)
    for i, op in enumerate(sp.opinions, start=1):
        w.value("heading", op.heading, 2, f"第{i}点（原稿第 {op.line} 段）", path=f"opinions.items[{i}].heading",
                dash=True)
        if op.lead:
            w.value("lead", _paragraphs(op.lead), 3, "引导段", path=f"opinions.items[{i}].lead")
        if op.points:
            w.key("points", 3)
            for j, p in enumerate(op.points, start=1):
                _list_item(w, p.lead, p.text, 4, f"opinions.items[{i}].points[{j}]")
    w.blank()


def _closing(w: _Writer, sp: Speech) -> None:
    w.key("closing", 0, "结尾")
    if sp.closing:
        w.value("text", _paragraphs(sp.closing), 1, "原稿的结束语（每行一段，照原样使用）", path="closing.text")
    w.value("adjourn", sp.adjourn, 1, "原稿宣布了散会" if sp.adjourn else "原稿没有宣布散会", marked=False)
    w.blank()


def _framing(w: _Writer, sp: Speech, mt: meeting_types.MeetingType) -> None:
    texts = {slot: _paragraphs(paras) for slot, paras in sp.framing.items()}
    if sp.transition:
        texts["opinions.transition"] = sp.transition
    extra = ["opening.superior"] if sp.superior else []
    slots = list(dict.fromkeys(list(mt.slots) + extra + list(texts)))
    w.key("framing", 0, "衔接的句子：原稿的原话；“否”= 这里不要句子；删去一行 = 由话术库提供")
    for slot in slots:
        if slot in texts:
            w.value(slot, texts[slot], 1, "原稿原话", path=f"framing.{slot}")
        else:
            w.value(slot, "否", 1, "原稿这里没有相应的句子", marked=False)
    w.blank()
