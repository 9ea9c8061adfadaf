"""``drafter reviews``: the 点评意见 of each 述职人 (issue 17), checked on the file the writer gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_helpers import ROOT, drafter
from docx_helpers import CONFORMANCE, conformance, open_docx
from drafter.checks.length import count_chars
from drafter.compose.phrasebank import PhraseBank
from drafter.compose.reviews import LENGTH
from drafter.main import make_draft

EXAMPLE = ROOT / "examples" / "review-reviewees.yaml"


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[str], list[str]]:
    """The example's 点评意见 as written by the command, reopened: (file, headings, texts per person)."""
    folder = tmp_path_factory.mktemp("reviews")
    brief = folder / "述职评议会.yaml"
    brief.write_bytes(EXAMPLE.read_bytes())
    r = drafter("reviews", brief, cwd=folder)
    assert r.returncode == 0, r.stderr
    out = folder / "述职评议会.点评.docx"
    assert f"已生成点评意见：{out}" in r.stderr
    doc = open_docx(out.read_bytes()).document
    heads, texts = [], []
    for p in doc.paragraphs:
        if re.match(r"[一二三四五六七八九十]+、", p.text):
            heads.append(p.text)
            texts.append([])
        elif heads and p.text.strip():
            texts[-1].append(p.text.strip())
    return out, heads, ["".join(t) for t in texts]


def test_one_heading_per_person(written):
    _, heads, _ = written
    assert heads == ["一、王建国同志（城东街道党工委书记）", "二、李秀英同志（城西街道党工委书记）",
                     "三、张海涛同志（南湖街道党工委书记）", "四、赵敏同志（北山街道党工委书记）",
                     "五、陈志强同志（东湖街道党工委书记）", "六、刘芳同志（高新街道党工委书记）",
                     "七、孙立新同志（滨江街道党工委书记）", "八、周晓燕同志（文昌街道党工委书记）"]


def test_eight_distinct_texts_of_the_usual_length_praise_problems_advice(written):
    _, _, texts = written
    assert len(set(texts)) == 8
    for t in texts:
        assert LENGTH[0] <= count_chars(t) <= LENGTH[1], (count_chars(t), t)
        assert t.index("一是") < t.index("：一是") < t.index("一要"), t  # 肯定 → 问题 → 建议


def test_no_two_texts_share_a_framing_sentence(written):
    _, _, texts = written
    bank = PhraseBank.load(use_config=False)
    framing = {e.text.split("{{")[0] for e in bank.entries() if e.slot.startswith("reviews.")}
    framing = {f for f in framing if len(f) >= 4}
    for f in framing:
        assert sum(f in t for t in texts) <= 1, f
    sentences = [set(re.findall(r"[^。：；！？]+[。：！？]", t)) for t in texts]
    for i, a in enumerate(sentences):
        for b in sentences[i + 1:]:
            assert not {s for s in a & b if len(s) > 6}


def test_the_file_is_laid_out_like_the_speech(written):
    out, _, _ = written
    if not CONFORMANCE.exists():
        pytest.skip("../shared/tools/docx_conformance.py not beside the repository")
    code, output = conformance(out)
    assert code == 0 and " 0 MUST failures" in output, output


def test_the_speech_mentions_the_reviews_in_aggregate():
    text = make_draft(EXAMPLE).markup
    assert "我对8位同志的述职逐一作了点评" in text
    assert "王建国" not in text and "李秀英" not in text


@pytest.mark.parametrize("brief, message", [
    ("review.yaml", "简报里没有 reviewees（述职人名单），写不了点评意见"),
    ("annual.yaml", "简报里没有 reviewees（述职人名单），写不了点评意见"),
])
def test_a_brief_without_reviewees_is_refused(tmp_path, brief, message):
    (tmp_path / "b.yaml").write_bytes((ROOT / "examples" / brief).read_bytes())
    r = drafter("reviews", tmp_path / "b.yaml")
    assert r.returncode == 1 and message in r.stderr, r.stderr
    assert not (tmp_path / "b.点评.docx").exists()


def test_an_existing_file_is_not_overwritten_without_force(tmp_path):
    (tmp_path / "b.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.点评.docx").write_bytes(b"mine")
    r = drafter("reviews", tmp_path / "b.yaml")
    assert r.returncode == 1 and (tmp_path / "b.点评.docx").read_bytes() == b"mine"
    r = drafter("reviews", tmp_path / "b.yaml", "--format", "md", "-o", "-")
    assert r.returncode == 0 and r.stdout.count("\n## ") == 8


def test_reviewees_are_refused_for_other_types(tmp_path):
    src = EXAMPLE.read_text(encoding="utf-8").replace("type: review", "type: annual")
    (tmp_path / "b.yaml").write_text(src, encoding="utf-8")
    r = drafter("render", tmp_path / "b.yaml")
    assert r.returncode == 1 and "不用 reviewees" in r.stderr, r.stderr
