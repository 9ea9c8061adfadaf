"""What every page of the writer's desk shares: the :class:`Desk` (folder, page templates, warm
office, notices) and the names of the files it deals in."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from drafter.output.pdf import find_soffice
from drafter.web.forms import shown, shown_date, shown_yes_no
from drafter.web.office import WarmOffice

WEB_DIR = Path(__file__).parent
BRIEF_SUFFIXES = (".yaml", ".yml")
SPEECH_SUFFIXES = (".docx", ".txt", ".md")
IMPORT_SUFFIXES = (".docx", ".txt", ".md", ".doc", ".wps")
UNIT_BANK = "本单位词库"
"""The folder inside FOLDER that the phrase-bank page adds the unit's own entries to."""

DOWNLOADS = {
    "docx": ("讲话稿 .docx", "{stem}.docx"),
    "review": ("审阅稿（问题作为批注）", "{stem}.review.docx"),
    "reading": ("大字念稿本", "{stem}.reading.docx"),
    "pdf": ("PDF", "{stem}.pdf"),
}
"""What can be downloaded: kind → (label, file name)."""


@dataclass
class Desk:
    """What the application keeps between requests: the folder, the page templates, the warm
    office, the summaries of files already checked and notices to show once."""

    folder: Path
    office: object = None
    summaries: dict = field(default_factory=dict)
    notices: dict = field(default_factory=dict)
    previews: dict = field(default_factory=dict)
    """The last preview drawn of each brief, shown dimmed while the form has problems."""
    save_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(WEB_DIR / "templates"),
                                        autoescape=True, trim_blocks=True, lstrip_blocks=True)

        self.pages.globals.update(shown=shown, shown_date=shown_date, shown_yes_no=shown_yes_no,
                                  pdf=find_soffice() is not None)

    def page(self, template: str, status: int = 200, **context) -> HTMLResponse:
        """A page rendered from ``templates/TEMPLATE``."""
        return HTMLResponse(self.pages.get_template(template).render(folder=self.folder, **context),
                            status_code=status)

    @property
    def unit_bank(self) -> Path:
        return self.folder / UNIT_BANK

    def bank_dirs(self) -> list[Path]:
        """The unit's own bank layer for the phrase-bank page, when it exists (a real folder inside
        FOLDER). Drafts use the layers their brief names (``options.bank``), as ``drafter render`` does."""
        d = self.unit_bank
        return [d] if d.is_dir() and not d.is_symlink() else []

    def pdf(self, docx: bytes) -> bytes:
        if self.office is None:
            self.office = WarmOffice()
        return self.office.convert(docx)


def desk_of(request: Request) -> Desk:
    """The desk the request's application serves."""
    return request.app.state.desk
