"""The people who reported at a 述职评议会, as a brief lists them under ``reviewees:``.

``drafter reviews BRIEF`` writes a 点评 for each of them (:mod:`drafter.compose.reviews`): what they did
well, their problems, and advice, in a superior's voice. Field docstrings are for the writer (the JSON
Schema shows them).
"""

from typing import Annotated

from drafter.input.records import Record, Spec, factory
from drafter.input.values import Text

MAX_REVIEWEES = 40
"""The most people a brief may list; a 述职评议会 hears ten or twenty."""


class Reviewee(Record):
    """一名述职的党组织书记。"""

    name: Text
    """姓名，如「王建国」；点评中称「王建国同志」。"""
    post: Text
    """职务，如「城东街道党工委书记」。"""
    unit: Text | None = None
    """所在单位，如「城东街道」，可不写。"""
    strengths: Annotated[list[Text], Spec(min_items=1, max_items=8)]
    """做得好的地方，每行一条，如「推行网格党建，化解矛盾纠纷300余件」。"""
    problems: Annotated[list[Text], Spec(min_items=1, max_items=8)]
    """存在的问题，每行一条，如「党建与业务结合不够紧」。"""
    advice: Annotated[list[Text], Spec(max_items=8)] = factory(list)
    """改进建议，每行一条，可不写；不写则按问题从话术库补一句通用建议。"""
    assessment: Text | None = None
    """民主测评结果，如「“好”等次得票率92%」，可不写。"""
