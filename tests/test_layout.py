"""Layout profiles: built-ins, a unit's override file, every problem reported with its place."""

from __future__ import annotations

import textwrap

import pytest

from drafter.errors import ProblemsError
from drafter.output.layout import builtin_profiles, load_profile, reading_copy


def write(tmp_path, text, name="unit.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_builtins():
    assert builtin_profiles() == ["centered", "gbt9704"]
    p = load_profile()
    assert p == load_profile("gbt9704")
    assert (p.page_width, p.page_height) == (11906, 16838)
    assert (p.margin_top, p.margin_bottom, p.margin_left, p.margin_right) == (2098, 1984, 1587, 1474)
    assert (p.footer_distance, p.grid_line_pitch, p.line_spacing, p.char_spacing) == (1417, 579, 579, -5)
    assert p.type_width == 8845 and p.type_height == 12756
    assert (p.chars_per_line(), p.lines_per_page()) == (28, 22)
    assert p.page_number_placement == "outer" and p.page_number_inset == 280
    assert (p.title.font, p.title.size, p.title.align) == ("方正小标宋简体", 44, "center")
    assert (p.body.font, p.body.size, p.body.indent, p.body.first_line_twips) == ("仿宋_GB2312", 32, 200, 640)
    assert (p.heading1.font, p.heading2.font, p.byline.font) == ("黑体", "楷体_GB2312", "楷体_GB2312")
    assert (p.page_number.font, p.page_number.size) == ("宋体", 28)
    c = load_profile("centered")
    assert c.page_number_placement == "center"
    assert c.body == p.body and c.margin_top == p.margin_top


def test_unit_profile_overrides_only_what_it_says(tmp_path):
    path = write(tmp_path, """\
        base: gbt9704
        title_line_spacing: 35pt
        roles:
          heading2: {bold: true}
          byline: {font: 楷体, size: 小三}
        """)
    p = load_profile(path)
    base = load_profile()
    assert p.name == "unit"
    assert p.title_line_spacing == 700
    assert p.heading2.bold is True and p.heading2.font == "楷体_GB2312"
    assert (p.byline.font, p.byline.size) == ("楷体", 30)
    assert p.body == base.body and p.page_width == base.page_width


def test_base_may_be_another_file(tmp_path):
    write(tmp_path, "base: centered\nline_spacing: 28pt\n", "house.yaml")
    path = write(tmp_path, "base: house.yaml\nroles:\n  body: {indent: 0}\n")
    p = load_profile(str(path))
    assert (p.page_number_placement, p.line_spacing, p.body.indent) == ("center", 560, 0)


def problems_of(arg) -> list[str]:
    with pytest.raises(ProblemsError) as err:
        load_profile(arg)
    return [p.render() for p in err.value.problems]


def test_every_problem_with_file_line_column(tmp_path):
    path = write(tmp_path, """\
        base: gbt9704
        page:
          margin_tpo: 37mm
        line_spacing: 579
        roles:
          body: 仿宋
          title:
            size: 大号
            bold: maybe
            align: middle
          heading5: {font: 黑体}
        page_number:
          placement: left
        """)
    got = problems_of(path)
    f = str(path)
    assert got == [
        f"{f}:3:3: 错误：不认识的键「margin_tpo」\n    提示：是不是「margin_top」？这一层可用的键：width、height、margin_top、"
        "margin_bottom、margin_left、margin_right、header、footer",
        f"{f}:4:15: 错误：line_spacing（正文行距）：「579」不是带单位的长度\n    提示：写成如 28.95pt、37mm、2cm、579twip",
        f"{f}:6:9: 错误：roles.body（正文段落） 下面应是若干“键: 值”\n    提示：在下一行缩进两个空格，写“键: 值”",
        f"{f}:8:11: 错误：roles.title.size（字号）：「大号」不是字号\n    提示：写成字号名（如 二号、三号、小四）或磅值（如 16pt）",
        f"{f}:9:11: 错误：roles.title.bold（是否整段加粗）：「maybe」不是“是/否”：应填 是 或 否（也可写 true / false）",
        f"{f}:10:12: 错误：roles.title.align（对齐方式）：「middle」不是对齐方式\n"
        "    提示：写 left、center、right 或 justify（两端对齐），也可写 左对齐、居中、右对齐、两端对齐",
        f"{f}:11:3: 错误：不认识的键「heading5」\n    提示：是不是「heading4」？这一层可用的键：title、subtitle、byline、date、"
        "salutation、heading1、heading2、heading3、heading4、body、page_number",
        f"{f}:13:14: 错误：page_number.placement（页码位置）：「left」不是页码位置\n    提示：写 outer（单页居右、双页居左）或 center（居中）",
    ]


def test_missing_keys_without_base(tmp_path):
    path = write(tmp_path, "line_spacing: 28.95pt\n")
    got = problems_of(path)
    assert f"{path}:1:1: 错误：缺少 page.width（纸宽）\n    提示：写上这一项；或在文件开头写 base: gbt9704，只写与它不同的项" in got
    assert len(got) > 40


def test_unknown_base_and_cycle(tmp_path):
    path = write(tmp_path, "base: gbt9705\n")
    assert problems_of(path) == [f"{path}:1:7: 错误：未知的基础版式「gbt9705」\n"
                                 "    提示：内置版式：centered、gbt9704；也可写另一个版式文件的路径"]
    loop = write(tmp_path, "base: loop.yaml\n", "loop.yaml")
    assert "循环引用" in problems_of(loop)[0]


def test_unknown_name_and_missing_file(tmp_path):
    assert problems_of("gbt") == ["gbt: 错误：未知的版式「gbt」\n    提示：内置版式：centered、gbt9704；或写版式文件的路径"]
    missing = str(tmp_path / "no.yaml")
    assert problems_of(missing) == [f"{missing}: 错误：找不到这个文件\n    提示：检查文件名和路径"]


def test_yaml_syntax_error_has_a_place(tmp_path):
    path = write(tmp_path, "base: gbt9704\nroles: {body: [\n")
    got = problems_of(path)
    assert got and got[0].startswith(f"{path}:")


def test_type_area_too_small(tmp_path):
    path = write(tmp_path, "base: gbt9704\npage:\n  margin_right: 150mm\n")
    assert problems_of(path) == [f"{path}:3:17: 错误：左右页边距太大，版心宽度不足 100pt\n"
                                 "    提示：版心宽 = 纸宽 − 左边距 − 右边距；GB/T 9704 为 156mm"]


def test_reading_copy_numbers():
    p = load_profile()
    r = reading_copy(p)
    assert r.name == "gbt9704-reading"
    assert (r.body.size, r.salutation.size, r.heading1.size, r.byline.size, r.title.size) == (44, 44, 44, 44, 52)
    assert (r.line_spacing, r.grid_line_pitch, r.char_spacing) == (720, 720, 0)
    assert (r.chars_per_line(), r.lines_per_page()) == (20, 17)
    assert all(r.role(f"heading{i}").keep_with_next for i in range(1, 5))
    assert r.keep_together_lines == 6
    assert r.body.first_line_twips == 880
    assert r.margin_top == p.margin_top
    assert r.page_number == p.page_number._replace(size=38)  # 四号 scaled by 22/16: 19 pt


def test_reading_copy_follows_the_profile(tmp_path):
    path = write(tmp_path, "base: gbt9704\nreading:\n  size: 小二\n  line_spacing: 30pt\n")
    r = reading_copy(load_profile(path))
    assert (r.body.size, r.line_spacing) == (36, 600)
