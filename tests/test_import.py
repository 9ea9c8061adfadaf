"""``drafter import``: last year's speech read into a commented brief."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from drafter.importer import import_speech
from drafter.importer.structure import recognise
from drafter.speech.reader import read_speech
from tests.cli_helpers import run_cli

SPEECHES = Path(__file__).parent / "data" / "speeches"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference"

# (file, parts in order, opinions' form, points' form, points per opinion, achievements (form, n), problems (form, n))
STRUCTURES = [
    ("review_yiyao.txt", ("prior", "achievements", "problems", "transition", "opinions", "closing"),
     "一、", "一要", (2, 3, 2), ("一是", 3), ("一是", 3)),
    ("annual_paragraphs.txt", ("achievements", "problems", "transition", "opinions", "closing"),
     "（一）", "第一，", (2, 2, 2, 2), ("一是", 3), ("一是", 2)),
    ("quarterly_subheadings.md", ("prior", "achievements", "problems", "transition", "opinions", "closing"),
     "一、", "（一）", (2, 2, 2), ("一是", 2), ("一是", 2)),
    ("superior_jidian.txt", ("prior", "superior", "transition", "opinions", "closing"),
     "一、", "首先，", (3, 3, 0), (None, 0), (None, 0)),
    ("inline_requirements.txt", ("achievements", "transition", "opinions", "closing"),
     "（一）", None, (0, 0, 0), ("第一，", 2), (None, 0)),
]
REFERENCE_STRUCTURES = [
    ("000_a1ea94e80e9ae9fe.txt", ("problems", "transition", "opinions"), "一、", "一要", (3, 3, 0), (None, 0),
     ("一是", 3)),
    ("001_d9529b1d7920d0a1.txt", ("achievements", "problems", "transition", "opinions", "closing"), "一、", "一要",
     (3, 7, 3), ("一是", 3), ("无", 1)),
    ("002_c6cb7a506b7bcfc4.txt", ("achievements", "situation", "transition", "opinions", "closing"), "（一）", None,
     (0, 0, 0, 0),
     ("无", 5), (None, 0)),
]


def _check_structure(path, order, form, point_form, points, ach, prob):
    sp = recognise(read_speech(path))
    assert tuple(sp.order) == order
    assert (sp.opinion_form, sp.point_form) == (form, point_form)
    assert tuple(len(op.points) for op in sp.opinions) == points
    assert (sp.achievements.form if sp.achievements else None, len(sp.achievements.items) if sp.achievements else 0) == ach
    assert (sp.problems.form if sp.problems else None, len(sp.problems.items) if sp.problems else 0) == prob


@pytest.mark.parametrize("name, order, form, point_form, points, ach, prob", STRUCTURES)
def test_the_parts_of_the_test_speeches_are_recognised(name, order, form, point_form, points, ach, prob):
    _check_structure(SPEECHES / name, order, form, point_form, points, ach, prob)


@pytest.mark.parametrize("name, order, form, point_form, points, ach, prob", REFERENCE_STRUCTURES)
def test_the_parts_of_the_reference_speeches_are_recognised(name, order, form, point_form, points, ach, prob):
    if not (REF / name).exists():
        pytest.skip("reference speeches not available")
    _check_structure(REF / name, order, form, point_form, points, ach, prob)


def test_the_brief_keeps_the_writers_wording_and_says_what_it_found():
    r = import_speech(SPEECHES / "review_yiyao.txt")
    data = yaml.safe_load(r.yaml_text)
    assert data["meeting"]["type"] == "review" and r.meeting_type == "review"
    assert data["meeting"]["date"] == datetime.date(2026, 2, 10)
    assert data["meeting"]["name"] == "2025年度基层党建工作述职评议会"
    assert data["speaker"]["role"] == "区委书记"
    assert data["meeting"]["before"] == {"reports": "8个街道和5个系统党委书记分别作了述职发言",
                                         "comments": "我和组织部长王明同志分别作了点评"}
    assert data["achievements"]["items"][0] == {
        "lead": "政治引领更加有力",
        "text": "各级党组织把学习贯彻党的二十大精神作为首要政治任务，举办专题读书班12期，培训党员干部3600人次。"}
    assert data["problems"]["summary"] == "在看到成绩的同时，我们也要清醒地认识到存在的问题："
    ops = data["opinions"]
    assert (ops["form"], ops["point_form"], ops["noun"]) == ("一、", "一要", "意见")
    assert [o["heading"] for o in ops["items"]] == ["提高政治站位，把牢正确方向", "夯实基层基础，建强战斗堡垒",
                                                    "压实工作责任，确保落地见效"]
    assert ops["items"][0]["lead"] == "抓好基层党建，首先要把政治建设摆在首位，确保党的路线方针政策在基层落地生根。"
    assert data["framing"]["opinions.transition"] == "下面，就做好今年的基层党建工作，我讲三点意见。"
    assert data["framing"]["opening.response"] == "总的看，大家的述职实事求是，点评直击要害，达到了预期目的。"
    assert data["framing"]["opening.verdict"] == "否"
    assert data["closing"]["adjourn"] is True or data["closing"]["adjourn"] == "是"
    assert data["closing"]["text"].endswith("散会！")
    # the type and why, in Chinese, on the type's line
    type_line = next(line for line in r.yaml_text.splitlines() if line.strip().startswith("type:"))
    assert "识别依据：标题" in type_line and "述职评议" in type_line


@pytest.mark.parametrize("name, type_id, why", [
    ("review_yiyao.txt", "review", "述职评议"),
    ("annual_paragraphs.txt", "annual", "党建工作会议"),
    ("quarterly_subheadings.md", "quarterly", "讲评"),
    ("superior_jidian.txt", "annual", "党建工作会议"),
])
def test_the_meeting_type_is_recognised_with_a_reason(name, type_id, why):
    r = import_speech(SPEECHES / name)
    assert r.meeting_type == type_id and why in r.type_reason


def test_type_option_overrides_the_recognised_type():
    r = import_speech(SPEECHES / "review_yiyao.txt", type_id="quarterly")
    assert r.meeting_type == "quarterly"
    assert "按 --type 指定" in r.yaml_text
    assert yaml.safe_load(r.yaml_text)["meeting"]["type"] == "quarterly"


def test_a_superiors_speech_and_a_count_of_several_points_are_recognised():
    data = yaml.safe_load(import_speech(SPEECHES / "superior_jidian.txt").yaml_text)
    assert data["meeting"]["before"]["superior"] == {"speaker": "省委组织部副部长张华同志",
                                                     "gist": "对我市党建工作给予了充分肯定，对做好今年工作提出了明确要求"}
    assert data["framing"]["opening.superior"] == "我们一定要认真学习领会，抓好贯彻落实。"
    assert data["opinions"]["count"] == "几"
    assert data["meeting"]["before"]["reports"].startswith("6个县区和4个市直部门作了交流发言")


def test_inline_opinions_are_recognised():
    data = yaml.safe_load(import_speech(SPEECHES / "inline_requirements.txt").yaml_text)
    ops = data["opinions"]
    assert (ops["form"], ops["layout"], ops["noun"]) == ("（一）", "inline", "要求")
    assert ops["items"][0] == {"heading": "以政治建设为统领",
                               "lead": "机关是政治机关，必须旗帜鲜明讲政治。要坚持以上率下，领导干部带头学习、"
                                       "带头遵规守纪，切实增强“四个意识”。"}


def test_a_part_out_of_the_skeletons_order_is_kept_where_it_was():
    if not (REF / "000_a1ea94e80e9ae9fe.txt").exists():
        pytest.skip("reference speeches not available")
    r = import_speech(REF / "000_a1ea94e80e9ae9fe.txt")
    data = yaml.safe_load(r.yaml_text)
    assert data["framing"]["problems.close"].startswith("刚才，x个镇和x个系统党委书记分别作了述职发言")
    assert any("problems.close" in n for n in r.notes)
    assert "# 导入说明：原稿第 2 段" in r.yaml_text
    assert data["speaker"]["role"] == "区委书记" and "全区" in r.yaml_text  # inferred, and said so


# --------------------------------------------------------------------------- a new date

EXPECTED_MARKERS = [
    ("meeting.name", "2025年度", "年份"),
    ("meeting.before.reports", "8个", "统计数字"),
    ("meeting.before.reports", "5个", "统计数字"),
    ("title.text", "2025年度", "年份"),
    ("achievements.summary", "一年来", "相对年份"),
    ("achievements.items[1].text", "党的二十大", "党代会全会"),
    ("achievements.items[1].text", "12期", "统计数字"),
    ("achievements.items[1].text", "3600人次", "统计数字"),
    ("achievements.items[2].text", "46个", "统计数字"),
    ("achievements.items[2].text", "9个", "统计数字"),
    ("achievements.items[2].text", "98%", "统计数字"),
    ("achievements.items[3].text", "27个", "统计数字"),
    ("achievements.items[3].text", "1300余件", "统计数字"),
    ("framing.opening.purpose", "2025年度", "年份"),
    ("framing.opinions.transition", "今年", "相对年份"),
]


def test_a_new_date_marks_every_date_bound_item():
    r = import_speech(SPEECHES / "review_yiyao.txt", date=datetime.date(2027, 2, 10))
    assert [(m.key, m.text, m.kind) for m in r.markers] == EXPECTED_MARKERS
    data = yaml.safe_load(r.yaml_text)
    assert data["meeting"]["date"] == datetime.date(2027, 2, 10)
    assert data["achievements"]["items"][1]["text"] == \
        "新建“两新”组织党组织46个【核实】，整顿提升软弱涣散党组织9个【核实】，全区党组织覆盖率达到98%【核实】。"
    line = next(x for x in r.yaml_text.splitlines() if "46个【核实】" in x)
    assert line.endswith("# 【核实】46个、9个、98%")
    assert r.yaml_text.count("【核实】") > len(EXPECTED_MARKERS)  # each in its value and its line's comment


@pytest.mark.parametrize("text, expected", [
    ("今年是“十五五”开局之年，也是建党105周年。", [("今年", "相对年份"), ("“十五五”开局之年", "年度提法"),
                                                  ("105周年", "周年")]),
    ("学习贯彻党的二十大和二十届四中全会精神。", [("党的二十大", "党代会全会"), ("二十届四中全会", "党代会全会")]),
    ("深入开展党史学习教育，去年以来投入资金1.5亿元。", [("党史学习教育", "时效提法"), ("去年以来", "相对年份"),
                                                       ("1.5亿元", "统计数字")]),
    ("坚持以习近平同志为核心的党中央的集中统一领导。", []),
])
def test_date_bound_kinds(text, expected):
    from drafter.importer.datebound import find_date_bound

    assert [(f.text, f.kind) for f in find_date_bound(text, datetime.date(2027, 2, 10))] == expected


def test_a_marked_speech_is_a_placeholder_for_check(tmp_path, capsys):
    (tmp_path / "s.txt").write_text("同志们：\n去年【核实】，全区新建党组织46个【核实】。\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", tmp_path / "s.txt"])
    assert out.count("【核实】") >= 2 and "placeholder" in out


# --------------------------------------------------------------------------- the command


def test_import_writes_beside_the_speech_and_never_overwrites(tmp_path, capsys):
    src = tmp_path / "去年讲话.txt"
    src.write_bytes((SPEECHES / "review_yiyao.txt").read_bytes())
    code, _, err = run_cli(capsys, ["import", src])
    assert code == 0 and "已导入" in err and "review" in err
    target = tmp_path / "去年讲话.yaml"
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server")
    target.write_text(first + "# 我改过的\n", encoding="utf-8")
    code, _, err = run_cli(capsys, ["import", src])
    assert code == 1 and "文件已存在" in err
    assert target.read_text(encoding="utf-8").endswith("# 我改过的\n")
    code, _, err = run_cli(capsys, ["import", src, "--force"])
    assert code == 0 and (tmp_path / "去年讲话.bak.yaml").read_text(encoding="utf-8").endswith("# 我改过的\n")
    assert target.read_text(encoding="utf-8") == first


def test_import_to_stdout_and_with_a_new_date(tmp_path, capsys):
    code, out, _ = run_cli(capsys, ["import", SPEECHES / "review_yiyao.txt", "-o", "-", "--date", "2027-02-10"])
    assert code == 0 and "date: 2027-02-10" in out and "【核实】" in out


@pytest.mark.parametrize("name, content, expect", [
    ("购物清单.txt", "苹果 3斤\n牛奶 2盒\n鸡蛋 1盒\n", "这不像一篇讲话稿"),
    ("空.txt", "", "文件是空的"),
    ("乱码.txt", bytes(range(256)) * 8, "讲话稿"),
    ("图片.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "无法打开 Word 文件"),
    ("表格.xlsx", b"PK\x03\x04", "不支持的文件类型"),
])
def test_a_file_that_is_not_a_speech_gets_a_message_and_no_brief(tmp_path, capsys, name, content, expect):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, out, err = run_cli(capsys, ["import", p])
    assert code == 1 and expect in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.yaml"))


def test_an_unknown_type_is_a_usage_error(capsys):
    code, _, err = run_cli(capsys, ["import", SPEECHES / "review_yiyao.txt", "-o", "-", "--type", "座谈会"])
    assert code == 2 and "没有「座谈会」这种会议类型" in err


def test_a_draft_drafter_wrote_imports_with_its_head(tmp_path, capsys):
    """drafter's own .docx (named styles 讲话标题, 讲话署名 …, a two-character name spaced out) reads back."""
    code, _, err = run_cli(capsys, ["render", Path(__file__).parents[1] / "examples" / "review.yaml",
                                    "-o", tmp_path / "d.docx", "-q"])
    assert code == 0, err
    data = yaml.safe_load(import_speech(tmp_path / "d.docx").yaml_text)
    assert data["meeting"]["date"] == datetime.date(2026, 2, 15)
    assert data["speaker"] == {"role": "区委书记", "name": "陈立"}
    assert data["title"]["text"] == "区委书记在2025年度基层党组织书记抓基层党建工作述职评议会上的讲话"
    assert data["meeting"]["type"] == "review"


@pytest.mark.parametrize("name, year", [("000_a1ea94e80e9ae9fe.txt", 2022), ("001_d9529b1d7920d0a1.txt", 2020),
                                        ("002_c6cb7a506b7bcfc4.txt", 2022)])
def test_a_speech_without_a_date_line_gets_the_year_its_text_implies(name, year):
    """000 reviews 2021 and looks forward to the 20th congress; 001 cites the 19th CC's 4th plenum (Oct.
    2019); 002 «将迎来党的二十大召开» — each held early in the year after (see ../shared/reference)."""
    if not (REF / name).exists():
        pytest.skip("reference speeches not available")
    r = import_speech(REF / name)
    assert yaml.safe_load(r.yaml_text)["meeting"]["date"].year == year
    assert "原稿没有日期行" in r.yaml_text


def test_a_superiors_speech_answered_before_the_reports_stays_first(tmp_path):
    text = (SPEECHES / "superior_jidian.txt").read_text(encoding="utf-8").splitlines()
    i = next(k for k, t in enumerate(text) if t.startswith("刚才，6个县区"))
    text[i], text[i + 1] = "刚才，" + text[i + 1], text[i]
    (tmp_path / "s.txt").write_text("\n".join(text), encoding="utf-8")
    r = import_speech(tmp_path / "s.txt")
    data = yaml.safe_load(r.yaml_text)
    assert "superior" not in data["meeting"]["before"]
    assert data["framing"]["opening.purpose"] == ("刚才，省委组织部副部长张华同志作了重要讲话，对我市党建工作给予了充分肯定，"
                                                  "对做好今年工作提出了明确要求。我们一定要认真学习领会，抓好贯彻落实。")
    assert any("上级领导的讲话" in n for n in r.notes)


def test_a_brief_with_markers_is_refused_as_final_and_check_lists_them(tmp_path, capsys):
    brief = tmp_path / "今年.yaml"
    brief.write_text(import_speech(SPEECHES / "review_yiyao.txt", date=datetime.date(2027, 2, 10)).yaml_text,
                     encoding="utf-8")
    code, _, err = run_cli(capsys, ["render", brief, "--final", "-o", tmp_path / "定稿.docx"])
    assert code == 1 and "定稿" in err and not (tmp_path / "定稿.docx").exists()
    code, out, _ = run_cli(capsys, ["check", brief])
    marked = [line for line in out.splitlines() if "placeholder" in line and "【核实】" in line]
    assert len(marked) >= len(EXPECTED_MARKERS) - 2  # title and meeting name are one line of the draft's head
    assert all(line.startswith(str(brief)) for line in marked)  # they point at the brief's lines


def test_a_huge_text_file_is_refused_before_it_is_read(tmp_path, capsys):
    from drafter.speech.reader import MAX_TEXT_BYTES

    big = tmp_path / "大文件.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_TEXT_BYTES + 1)
    code, _, err = run_cli(capsys, ["import", big])
    assert code == 1 and "文件太大" in err and not list(tmp_path.glob("*.yaml"))
