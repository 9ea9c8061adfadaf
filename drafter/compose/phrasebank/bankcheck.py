"""``drafter phrases check``: everything wrong with a bank, errors first.

Near-duplicate texts are found without comparing every pair: each text's character bigrams are ordered
from rarest to commonest across the bank, and only texts that share one of the rarer half of their bigrams
(a prefix filter) are compared with :class:`difflib.SequenceMatcher`. Two texts with a ratio above
:data:`NEAR_DUPLICATE` share most of their bigrams, so they always meet in that rarer half.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from collections import Counter
from typing import NamedTuple, Sequence

from drafter.genre.formulations import load_formulations
import drafter.compose.phrasebank.texts as texts
from drafter.compose.phrasebank.chooser import PhraseBank
from drafter.compose.phrasebank.vocabulary import (
    CONTEXT_VARIABLES, FRAMING_SLOTS, MIN_VARIANTS, SAMPLE_CONTEXT, STOCK_TOPICS,
)
from drafter.errors import Problem, TemplateError

NEAR_DUPLICATE = 0.9
"""Two texts whose difflib ratio exceeds this are near-duplicates."""

_SHARED = 0.5
"""The share of its bigrams a text must have in common with a near-duplicate (the prefix filter's bound)."""

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HALF_PUNCT = re.compile(rf"(?<=[{_CJK}])[,.;:!?()]|[,;:!?()](?=[{_CJK}])")
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}，。；：、！？”）])\s+(?=[{_CJK}“（])")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


class BankFinding(NamedTuple):
    """One thing ``check`` reports: ``level`` is "error" (check fails) or "warning"."""

    level: str
    file: str
    line: int
    message: str
    hint: str = ""
    column: int = 1

    def render(self) -> str:
        where = f"{self.file}:{self.line}:{self.column or 1}" if self.line else (self.file or "词库")
        word = "错误" if self.level == "error" else "警告"
        text = f"{where}: {word}：{self.message}"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


def _formulation_hits(text: str, formulations) -> list:
    hits = []
    for f in formulations:
        if not f.may_occur_in(text):
            continue
        matches = list(f.pattern.finditer(text))
        if not matches:
            continue
        allowed = [m.span() for a in f.allowed for m in a.finditer(text)]
        if any(not any(s <= m.start() and m.end() <= e for s, e in allowed) for m in matches):
            hits.append(f)
    return hits


def near_duplicates(items: Sequence[str], threshold: float = NEAR_DUPLICATE) -> list[tuple[int, int, float]]:
    """The pairs (i, j, ratio), i < j, of ``items`` whose :class:`difflib.SequenceMatcher` ratio exceeds
    ``threshold``; only texts that share a rare bigram are compared (see the module docstring)."""
    grams = [{t[k:k + 2] for k in range(len(t) - 1)} or {t} for t in items]
    df = Counter(g for s in grams for g in s)
    index: dict[str, list[int]] = {}
    found = []
    for j, s in enumerate(grams):
        order = sorted(s, key=lambda g: (df[g], g))
        prefix = order[:len(order) - math.ceil(_SHARED * len(order)) + 1]
        seen: set[int] = set()
        for g in prefix:
            seen.update(index.get(g, ()))
        tb = items[j]
        for i in sorted(seen):
            ta = items[i]
            if 2 * min(len(ta), len(tb)) <= threshold * (len(ta) + len(tb)):
                continue  # too different in length to reach the threshold
            sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
            if sm.quick_ratio() > threshold and sm.ratio() > threshold:
                found.append((i, j, sm.ratio()))
        for g in prefix:
            index.setdefault(g, []).append(j)
    return found


def check_bank(bank: PhraseBank, load_problems: Sequence[Problem] = (), *, today: _dt.date | None = None
               ) -> list[BankFinding]:
    """Everything wrong with a bank, errors first: what :meth:`PhraseBank.load` refuses, unknown variables,
    texts that fail to render, half-width punctuation, dated formulations used outside their window,
    near-duplicate texts, dangling ``replaced_by``, framing slots with fewer than :data:`MIN_VARIANTS`
    entries valid ``today`` for a built-in type; warnings for expired entries without ``replaced_by``,
    unknown slots and thin stock topics."""
    today = today or _dt.date.today()
    out = [BankFinding("error", p.file, p.line, p.message, p.hint, p.column) for p in load_problems]
    entries = bank.entries()
    env = texts.sandbox()
    known_slots = {s for slots in FRAMING_SLOTS.values() for s in slots} | {f"stock.{t}" for t in STOCK_TOPICS}
    formulations = load_formulations()
    for e in entries:
        f, ln, col = e.source

        def at(level: str, message: str, hint: str = "") -> None:
            out.append(BankFinding(level, f, ln, message, hint, col))

        unknown = sorted(texts.undeclared_variables(env, e.text) - set(CONTEXT_VARIABLES))
        if unknown:
            at("error", f"条目 {e.id} 用了未知的变量：{'、'.join(unknown)}",
                "可用的变量：" + "、".join(CONTEXT_VARIABLES))
        else:
            try:
                texts.render_entry(env, e, SAMPLE_CONTEXT)
            except TemplateError as err:
                at("error", err.message)
        bare = _JINJA.sub("", e.text)
        m = _HALF_PUNCT.search(bare)
        if m:
            at("error", f"条目 {e.id} 用了半角标点“{m.group(0)}”", "中文里用全角标点：，。；：！？（）")
        if _CJK_SPACE.search(bare):
            at("warning", f"条目 {e.id} 的汉字之间有空格（多半是折行造成的）",
                "把这句话写在一行里，或用 |- 块并去掉空格")
        for fm in _formulation_hits(bare, formulations):
            early = fm.valid_from and (e.valid_from is None or e.valid_from < fm.valid_from)
            late = fm.valid_until and (e.valid_until is None or e.valid_until > fm.valid_until)
            if early or late:
                need = []
                if early:
                    need.append(f"valid_from: {fm.valid_from.isoformat()}")
                if late:
                    need.append(f"valid_until: {fm.valid_until.isoformat()}")
                at("error", f"条目 {e.id} 用了有时效的提法“{fm.term}”，但有效期没有限定在它的使用时段内",
                                   "加上 " + "、".join(need) + (f"，并用 replaced_by 指向“{fm.replaced_by}”的条目" if late and fm.replaced_by else ""))
        if e.replaced_by and bank.get(e.replaced_by) is None:
            at("error", f"条目 {e.id} 的 replaced_by 指向不存在的条目 {e.replaced_by}",
                "写一个存在的条目 id，或删掉 replaced_by")
        if e.valid_until and e.valid_until < today and not e.replaced_by:
            at("warning", f"条目 {e.id} 已于 {e.valid_until.isoformat()} 过期，且没有写 replaced_by",
                "过期条目只用于补写往年材料；如有新提法，请添加新条目并用 replaced_by 指向它")
        if e.slot not in known_slots:
            at("warning", f"条目 {e.id} 的用途 {e.slot} 不是内置模板使用的用途",
                "自定义模板会用到时可以保留；否则检查拼写")
    for i, j, ratio in near_duplicates([_JINJA.sub("{}", e.text) for e in entries]):
        a, b = entries[i], entries[j]
        out.append(BankFinding("error", b.source.file, b.source.line, column=b.source.column, message=
                           f"条目 {b.id} 与 {a.id}（{a.source}）几乎相同（相似度 {ratio:.2f}）",
                           hint="删掉一条，或把其中一条改写得有所不同"))
    for t, slots in FRAMING_SLOTS.items():
        for s in slots:
            n = len(bank.candidates(s, t, today))
            if n < MIN_VARIANTS:
                out.append(BankFinding("error", "", 0, f"用途 {s} 在会议类型 {t} 下只有 {n} 条当前有效的条目，至少需要 {MIN_VARIANTS} 条",
                                   f"用 drafter phrases add --slot {s} --tag {t} 补充"))
    for topic in STOCK_TOPICS:
        n = len(bank.candidates(f"stock.{topic}", "", today))
        if n < 3:
            out.append(BankFinding("warning", "", 0, f"备用段落 stock.{topic} 只有 {n} 条当前有效", "每个主题宜有 3 条以上"))
    return sorted(out, key=lambda x: (x.level != "error", x.file, x.line))
