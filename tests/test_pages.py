"""drafter's own page model (drafter.output.pagination), the ``last-page`` rule, the same findings from
``render`` and from ``check`` on the file it wrote, and the zip limits on every .docx opened."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cli_helpers import drafter
from checks_helpers import findings
from drafter.output.pagination import line_texts, paginate, settle
from drafter.speech.blocks import Block, Kind

ROOT = Path(__file__).resolve().parent.parent
P = Block.plain


@pytest.mark.parametrize("text, lines", [
    ("一" * 26, ["一" * 26]),                                   # 26 + the 2-character indent fill one line
    ("一" * 27, ["一" * 26, "一"]),
    ("一" * 25 + "。", ["一" * 25 + "。"]),
    ("一" * 26 + "。", ["一" * 26 + "。"]),                      # a full stop after a full line hangs
    ("一" * 26 + "；", ["一" * 25, "一；"]),                     # a semicolon never starts a line
    ("一" * 25 + "“二", ["一" * 25, "“二"]),                     # an opening quote never ends one
    ("一" * 24 + "96.5%以上", ["一" * 24, "96.5%以上"]),         # a number is never split
    ("一" * 22 + "2026年", ["一" * 22 + "2026年"]),              # four digits take two cells
])
def test_line_breaks(text, lines):
    assert line_texts(text, 28, 2) == lines


def test_a_title_line_holds_20_characters_of_its_larger_type():
    lay = paginate([P(Kind.TITLE, "标" * 25), body(26)])
    assert lay.lines[0] == ["标" * 20, "标" * 5]
    assert lay.lines_on(0) == 3


def body(n_chars: int) -> Block:
    return P(Kind.PARAGRAPH, "党" * n_chars)


def test_full_pages_hold_22_lines_and_a_heading_goes_with_its_paragraph():
    blocks = [body(26 * 1 + 28 * 19)]                      # 20 lines
    blocks += [P(Kind.HEADING, "（一）压紧主体责任", level=2), body(26 + 28 * 4)]  # heading + 5 lines
    lay = paginate(blocks)
    # the heading and the paragraph's first two lines do not fit in the two lines left: both move
    assert [lay.lines_on(i) for i in range(lay.page_count())] == [20, 6]
    assert lay.pages[1][0] == (1, 1)


def test_a_lone_last_line_is_not_left_at_the_top_of_a_page():
    lay = paginate([body(26 + 28 * 18), body(26 + 28 * 3)])   # 19 lines, then 4: one would be alone
    assert [lay.lines_on(i) for i in range(lay.page_count())] == [21, 2]
    assert lay.controlled == {1}
    lay = paginate([body(26 + 28 * 19), body(26 + 28 * 2)])   # 20, then 3: moving one leaves one: all go
    assert [lay.lines_on(i) for i in range(lay.page_count())] == [20, 3]


def test_a_lone_first_line_is_not_left_at_the_foot_of_a_page():
    lay = paginate([body(26 + 28 * 20), body(26 + 28 * 5)])   # 21 lines, then 6: one would be alone
    assert [lay.lines_on(i) for i in range(lay.page_count())] == [21, 6]


def test_a_short_last_page_is_filled_by_moving_a_paragraph_when_it_can():
    blocks = [body(26 + 28 * 16), body(26 + 28 * 3), body(26 + 28)]   # 17 + 4 = 21 lines, then 2 more
    lay = paginate(blocks)
    assert [lay.lines_on(i) for i in range(lay.page_count())] == [21, 2]
    settled = settle(blocks)
    assert [settled.lines_on(i) for i in range(settled.page_count())] == [17, 6]
    assert settled.kept == {1}
    assert findings("# 讲话\n\n" + "\n\n".join(b.text for b in blocks), "last-page") == []
    # and the .docx keeps that paragraph whole and with the next
    from drafter.output.wordfile import build_docx
    from tests.docx_helpers import open_docx, w

    d = open_docx(build_docx(blocks))
    kept = [p.find(w("pPr")).find(w("keepNext")) is not None for p in d.body_paragraphs()]
    assert kept == [False, True, False]


@pytest.mark.parametrize("extra, expect", [
    (1, "按每页22行、每行28字排版，全文共2页，最后一页只有1行"),
    (2, "按每页22行、每行28字排版，全文共2页，最后一页只有2行"),
    (3, None),
    (0, None),
])
def test_last_page_rule_says_how_many_characters_to_cut(extra, expect):
    text = "党" * (26 + 28 * 20)  # 21 lines on page 1
    tail = "\n\n".join(["建" * 14] * extra)  # short paragraphs of one line each
    markup = "# 讲话\n\n" + text + ("\n\n" + tail if tail else "")
    got = findings(markup, "last-page")
    if expect is None:
        assert got == []
        return
    assert [f.message for f in got] == [expect]
    assert got[0].suggestion == f"删去约{14 * extra}字即可并入前一页，或充实内容写满最后一页"
    assert got[0].block is None and got[0].severity == "warning"


@pytest.mark.parametrize("example", sorted(p.stem for p in (ROOT / "examples").glob("*.yaml")))
def test_render_and_check_of_the_file_it_wrote_find_the_same(tmp_path, example):
    out = tmp_path / f"{example}.docx"
    rendered = drafter("render", ROOT / "examples" / f"{example}.yaml", "-o", out, "--format", "docx")
    assert rendered.returncode == 0, rendered.stderr
    checked = drafter("check", out)

    def found(text: str) -> list[str]:
        # rule and message of each finding; rules that need the brief (its time slot) are left out
        return sorted(m.group(1) for m in re.finditer(r"^\S+: (\w+\[[\w-]+\]: .*)$", text, re.M)
                      if "[length-target]" not in m.group(1))

    assert found(checked.stdout + checked.stderr) == found(rendered.stderr)


# ---------------------------------------------------------------- zip limits


def bomb(path: Path, part_size: int = 2 * 1024 ** 3, part: str = "word/document.xml") -> Path:
    """A valid-looking .docx whose ``part`` unpacks to ``part_size`` bytes of zeros (~2 MB packed for 2 GiB)."""
    good = ROOT / "drafter" / "data" / "docx"
    base = sorted(good.glob("gbt9704-*.docx"))[0]
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == part:
                continue
            dst.writestr(info.filename, src.read(info))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 9  # zipfile's knob for one member: zeros pack 1000-fold, ~2 MB for 2 GiB
        with dst.open(info, "w", force_zip64=True) as fh:
            left = part_size
            while left:
                fh.write(b"\0" * min(left, 16 * 1024 * 1024))
                left -= min(left, 16 * 1024 * 1024)
    return path


@pytest.fixture(scope="module")
def big_bomb(tmp_path_factory):
    return bomb(tmp_path_factory.mktemp("bomb") / "稿.docx")


def run_limited(args, cwd, limit_mb=600):
    """``python -m drafter ARGS`` with its address space limited to ``limit_mb`` MB."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, limit_mb * 1024 * 1024))

    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, preexec_fn=limit, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


@pytest.mark.parametrize("how", ["check", "reference-doc"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(big_bomb, tmp_path, how):
    assert big_bomb.stat().st_size < 3 * 1024 * 1024
    if how == "check":
        r = run_limited(["check", big_bomb], tmp_path)
        what = "讲话稿"
    else:
        r = run_limited(["render", ROOT / "examples" / "review.yaml", "-o", tmp_path / "out.docx",
                         "--reference-doc", big_bomb], tmp_path)
        what = "参考文档"
        assert not (tmp_path / "out.docx").exists()
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert (f"{big_bomb}: 错误：这个{what}中的“word/document.xml”解压后有 2048 MB，超过上限 64 MB，"
            "可能是恶意构造的文件，未打开") in r.stderr


@pytest.mark.parametrize("size, message", [
    (3 * 1024 * 1024, "压缩比异常"),     # under the per-part limit, but 3 MB of zeros packs 1000-fold
])
def test_an_implausible_compression_ratio_is_refused(tmp_path, size, message):
    from drafter.speech.docx_limits import check_docx_package
    from drafter.errors import DocxPackageError

    path = bomb(tmp_path / "a.docx", size)
    with pytest.raises(DocxPackageError) as err:
        check_docx_package(path, what="讲话稿")
    assert message in str(err.value)


def test_render_force_over_a_zip_bomb_keeps_it_as_a_backup_without_unpacking_it(tmp_path):
    """The file replaced is inspected (was it edited?) without unpacking its parts: here its properties."""
    big_bomb = bomb(tmp_path / "bomb.bin", 1024 ** 3, part="docProps/custom.xml")
    target = tmp_path / "稿.docx"
    big_bomb.rename(target)
    r = run_limited(["render", ROOT / "examples" / "review.yaml", "-o", target, "--force", "-q"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    backups = [p for p in tmp_path.iterdir() if p.name != "稿.docx"]
    assert len(backups) == 1 and zipfile.ZipFile(backups[0]).getinfo("docProps/custom.xml").file_size == 1024 ** 3
    assert zipfile.ZipFile(target).read("word/document.xml").startswith(b"<?xml")
