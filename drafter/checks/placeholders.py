"""Rule ``placeholder``: figures, names and places the writer has not filled in yet.

Recognised: runs of X/Ｘ (not inside a Latin word), runs of x/ｘ (not inside a Latin word, not a
multiplication sign between digits), × ╳ (likewise), 某某, runs of ＊ and ＿, ** and longer runs of *
(not Markdown emphasis «**一要学。**»), * between Han characters, runs of _ (not inside a Latin word
or a number), 【…】 notes, and the embedded forms X中X会 (a plenum) and ×月×日 (a date). Each is classified by what surrounds it: a number before
个/人/万元/%…, a name before 同志, a place before 镇/村/区/县…, a title inside 《》.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import Hit

# "Not next to a letter" is written as two lookarounds, ASCII letters and full-width letters: one
# class mixing them has more than two runs outside Latin-1, which re compiles into a 64k bitmap,
# several times slower; the test is the same.
_NOT_AFTER_LETTER = r"(?<![A-Za-z])(?<![Ａ-Ｚａ-ｚ])"
_NOT_BEFORE_LETTER = r"(?![A-Za-z])(?![Ａ-Ｚａ-ｚ])"
_NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])(?<![Ａ-Ｚａ-ｚ])"
_NOT_BEFORE_ALNUM = r"(?![0-9A-Za-z])(?![Ａ-Ｚａ-ｚ])"
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
             "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤")
"""Common surnames: «赵某某» after one is the anonymized name of a real person (as case reports at a 警示教育大会
write them), not a placeholder; «某某同志», «某某镇» are."""
_MARK = (rf"(?:{_NOT_AFTER_LETTER}[XＸ]+{_NOT_BEFORE_LETTER}"
         rf"|{_NOT_AFTER_ALNUM}[xｘ]+{_NOT_BEFORE_ALNUM}"
         r"|(?<![0-9])[×╳]+|[×╳]+(?![0-9])"
         rf"|(?<=[0-9])[xｘ]+{_NOT_BEFORE_ALNUM}|{_NOT_AFTER_ALNUM}[xｘ]+(?=[0-9])"
         rf"|(?<![{_SURNAMES}])某{{2,}}"
         r"|＊+|＿+|(?<![0-9])\*{2,}(?![0-9])|(?<=[\u4e00-\u9fff])\*(?=[\u4e00-\u9fff])"
         r"|(?<![0-9A-Za-z_])_+(?![0-9A-Za-z_]))")
_MARK_CHARS = "XＸxｘ×╳＊＿*_"
"""What every mark of :data:`_MARK` but «某某» holds: a text with none of them and no «某某» has no mark, and
the patterns built on :data:`_MARK` (several milliseconds to compile) are not needed for it."""
_NOTE = re.compile(r"【[^】]*】")
_EMPHASIS = re.compile(r"(?:^|(?<=[。！？；：\s]))(\*\*\*?|__)(?=[^\s*_])([^*_]+?[。！？：；]?)\1(?=$|[^*_])")
"""Markdown emphasis pasted into a plain text: «**一要学。**» at the start of a sentence, ending with a
stop or at the end of the text. Its delimiters are not placeholders."""


def _emphasis_marks(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _EMPHASIS.finditer(text):
        if m.group(2).endswith(("。", "！", "？", "：", "；")) or m.end() == len(text) or m.start() == 0:
            out += [(m.start(), m.start(1) + len(m.group(1))), (m.end() - len(m.group(1)), m.end())]
    return out


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(embedded plenum, embedded date, single mark), compiled on first need (see :data:`_MARK_CHARS`)."""
    return (re.compile(rf"{_MARK}中{_MARK}会|{_MARK}中全会|[一二三四五六七]中{_MARK}会"),
            re.compile(rf"(?:{_MARK}年)?{_MARK}月{_MARK}[日号]|{_MARK}月(?:份|底|初|中旬)"),
            re.compile(_MARK))


_NUMBER_AFTER = ("个", "人", "万", "亿", "千", "百", "元", "%", "％", "名", "次", "件", "起", "余", "条", "批", "项",
                 "家", "所", "户", "场", "期", "篇", "天", "年", "处", "座", "支", "次", "倍", "分", "亩", "米",
                 "公里", "多", "位", "届", "周年")
_PLACE_AFTER = ("镇", "村", "区", "县", "市", "省", "乡", "街道", "社区", "州", "旗", "开发区", "园区")
_PLACE_BEFORE = ("来", "到", "赴", "在")
_PLACE_AFTER_VERB = ("考察", "调研", "视察")
_KIND_CN = {"number": "数字", "name": "人名", "place": "地名", "title": "名称（书名、报刊名等）",
            "plenum": "全会届次（如「六中全会」）", "date": "日期", "note": "写作备注", "text": "内容"}
_SUGGEST = {"number": "填入具体数字（阿拉伯数字）", "name": "填入姓名", "place": "填入地名",
            "title": "填入完整名称", "plenum": "按会议日期写明是第几次全会", "date": "填入日期，月、日前不加零",
            "note": "按备注补写后删去【】", "text": "填入具体内容或删去"}


def placeholder_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every placeholder in ``text``; kind is one of number, name, place,
    title, plenum, date, note, text."""
    marks = "某某" in text or any(c in text for c in _MARK_CHARS)
    if not marks and "【" not in text:
        return []
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = _emphasis_marks(text) if ("**" in text or "__" in text) else []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    spans = [(_NOTE, "note")]
    if marks:
        plenum, date, single = _patterns()
        spans += [(plenum, "plenum"), (date, "date"), (single, "")]  # "": the kind by what surrounds it
    for rx, kind in spans:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                out.append((m.start(), m.end(), kind or _classify(text, m.start(), m.end())))
                taken.append((m.start(), m.end()))
    out.sort()
    return out


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every placeholder in ``text``, for highlighting in the review copy."""
    return [(s, e) for s, e, _ in placeholder_matches(text)]


def _classify(text: str, s: int, e: int) -> str:
    after = text[e:]
    before = text[:s]
    if before.rfind("《") > before.rfind("》") and "》" in after:
        return "title"
    # a list of placeholders before 同志 («xx、xx、xx同志») are all names
    chain = re.match(rf"(?:[、和及与]{_MARK})*", after)
    tail = after[chain.end():] if chain else after
    if tail.startswith("同志"):
        return "name"
    if after.startswith(_NUMBER_AFTER) or re.match(r"[.．]\d", after):
        return "number"
    if tail.startswith(_PLACE_AFTER):
        return "place"
    if before.endswith(_PLACE_BEFORE) and after.startswith(_PLACE_AFTER_VERB):
        return "place"
    if before.endswith(("第", "超", "达", "约", "近", "共", "累计")):
        return "number"
    return "text"


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        text = b.text
        for s, e, kind in placeholder_matches(text):
            frag = text[max(0, s - 4):min(len(text), e + 4)]
            yield Hit("placeholder", "warning",
                      f"占位符「{text[s:e]}」未填写，应为{_KIND_CN[kind]}：…{frag}…",
                      _SUGGEST[kind], i, s, e - s, text)
