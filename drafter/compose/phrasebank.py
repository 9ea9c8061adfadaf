"""The phrase bank: the stock sentences that frame a speech, dated, layered and chosen deterministically.

A bank is a stack of *layers*. Each layer is a folder of ``*.yaml`` files (or one ``.yaml`` file); each
file is a YAML list of entries::

    # 开场：会议目的
    - id: opening.purpose.01          # stable id: <slot>.<NN> (built-in) or <slot>.u<NN> (a unit's own)
      slot: opening.purpose           # what the sentence does in the speech
      text: 今天，我们召开{{ meeting }}，……
      tags: [review, annual]          # meeting type ids it serves (none = every type), section, tone
      valid_from: 2022-10-23          # optional, YYYY-MM-DD, first meeting date it may be used for
      valid_until: 2023-01-08         # optional, last meeting date it may be used for (inclusive)
      replaced_by: opening.purpose.02 # optional, the entry that says it in the current way
      note: 说明文字                   # optional, for the writers, never printed
      disabled: true                  # optional, hides the entry (and any entry it overrides)

Layers, lowest first: the built-in bank (package data ``drafter.compose.phrasebank``, or ``<repo>/phrasebank``
when running from a checkout), the ``bank_dirs`` of the config files (``~/.config/drafter/config.yaml``,
then ``./drafter.yaml``), the folders in the environment variable ``DRAFTER_BANK`` (separated by
``os.pathsep``), then the folders given on the command line (``--bank DIR``). A later layer overrides
an entry of an earlier one with the same id.

Texts are Jinja templates rendered in a sandbox (:class:`jinja2.sandbox.ImmutableSandboxedEnvironment`,
``StrictUndefined``, no globals): a bank from elsewhere cannot reach Python internals. The variables a
text may use are :data:`CONTEXT_VARIABLES`.

Choosing is deterministic: :meth:`PhraseBank.chooser` gives a :class:`PhraseChooser` for one speech;
its choices depend only on the bank, the meeting type, the date, the variant number and the order of
the calls, through a SHA-256 hash (never Python's ``hash()``, which changes from run to run).
"""

import datetime as _dt
import errno
import functools
import hashlib
import os
import re
import time
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Iterable, Mapping, NamedTuple, Sequence

from drafter.errors import DrafterError, Problem, ProblemsError, TemplateError
from drafter.genre import meeting_types
from drafter.input import config as input_config

# --------------------------------------------------------------------------------------------------
# Facts the bank is built around
# --------------------------------------------------------------------------------------------------

CONTEXT_VARIABLES: dict[str, str] = {
    "jurisdiction": "本级的自称，如 全区 / 全县 / 全市 / 高新区",
    "superior": "上级党委，如 市委",
    "meeting": "会议名称，如 2025年度基层党建工作述职评议会",
    "period": "讲评或回顾的时段，如 2025年 / 第三季度 / 上半年",
    "year": "会议日期所在年份（整数），如 2026",
    "last_year": "上一年（整数），如 2025",
    "speaker": "讲话人职务，如 区委书记",
    "announce": "宣布的要点数及名称，与正文要点数一致，如 三点意见 / 三点要求 / 四个坚持",
    "count": "要点数（汉字），如 三 / 两 / 四",
    "work": "会议所讲的工作，如 基层党建工作 / 党建工作",
    "units": "负责落实的单位，如 各级党组织",
    "spirit": "按会议日期算出的学习贯彻提法，如 党的二十大和二十届二中、三中、四中全会精神",
    "year_label": "年份定位，如 “十五五”开局之年；可能为空字符串",
    "sites": "季度讲评会观摩的点位，以顿号连接，如 城东街道、南湖社区",
    "prior": "讲话前会议已进行的议程，一个分句，不带“刚才”和句末标点，如 9个镇街党（工）委书记分别作了述职发言（模板在 opening.response 前写“刚才，{{ prior }}。”）",
}
"""Every variable a phrase text may use, with what it holds. The renderer passes all of them."""

SAMPLE_CONTEXT: dict[str, object] = {
    "jurisdiction": "全区",
    "superior": "市委",
    "meeting": "2025年度基层党建工作述职评议会",
    "period": "2025年",
    "year": 2026,
    "last_year": 2025,
    "speaker": "区委书记",
    "announce": "三点意见",
    "count": "三",
    "work": "基层党建工作",
    "units": "各级党组织",
    "spirit": "党的二十大和二十届二中、三中、四中全会精神",
    "year_label": "“十五五”开局之年",
    "sites": "城东街道、南湖社区、高新产业园",
    "prior": "9个镇街党（工）委书记分别作了述职发言",
}
"""A realistic context used by ``drafter phrases check`` to try every text."""

BUILTIN_TYPES: tuple[str, ...] = tuple(meeting_types.TYPES)
"""Ids of the meeting types drafter ships (see :mod:`drafter.genre.meeting_types`)."""

FRAMING_SLOTS: dict[str, tuple[str, ...]] = {t.id: t.slots for t in meeting_types.TYPES.values()}
"""The framing slots each built-in meeting type's template asks for (declared by the type)."""

MIN_VARIANTS = 8
"""How many currently valid entries every framing slot needs for every built-in type."""

STOCK_TOPICS: dict[str, tuple[str, ...]] = {
    "political": ("政治建设", "政治站位", "政治判断", "政治领悟", "政治执行", "两个维护", "两个确立",
                  "对党忠诚", "党的领导", "讲政治", "政治"),
    "theory": ("理论武装", "理论学习", "思想武装", "学习教育", "思想建党", "学懂弄通", "铸魂", "理论", "学习"),
    "organization": ("组织建设", "基层组织", "战斗堡垒", "组织力", "组织功能", "组织体系", "支部建设",
                     "党支部", "基层基础", "党员教育", "党员管理", "阵地", "组织"),
    "integrity": ("党风廉政", "廉政", "廉洁", "反腐", "从严治党", "纪律", "监督", "不敢腐", "清廉"),
    "conduct": ("作风建设", "作风", "四风", "八项规定", "形式主义", "官僚主义", "调查研究", "真抓实干"),
    "governance": ("基层治理", "社会治理", "城市治理", "乡村治理", "网格", "社区", "乡村振兴", "服务群众", "治理"),
    "responsibility": ("责任落实", "主体责任", "压实责任", "主责主业", "一岗双责", "责任", "考核", "抓落实"),
    "cadres": ("队伍建设", "干部队伍", "人才", "党务干部", "带头人", "书记队伍", "年轻干部", "干部", "队伍"),
}
"""Topic → keywords looked for in a point's heading. A longer keyword that matches weighs more."""

_KNOWN_KEYS = ("id", "slot", "text", "tags", "valid_from", "valid_until", "replaced_by", "note", "disabled")
_ID_RE = r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$"
_DATE_RE = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
# (compiled on first need: a bank read from the cache needs neither)
BUILTIN_LAYER = "内置"
"""How the built-in layer is named in listings."""


class PhraseError(DrafterError):
    """The bank has nothing to say for a slot (unknown slot, nothing valid for the date, all used)."""


# --------------------------------------------------------------------------------------------------
# Entries and loading
# --------------------------------------------------------------------------------------------------


class Source(NamedTuple):
    """Where an entry is written: its file and the 1-based line of its ``- id:`` item."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Entry(NamedTuple):
    """One phrase of the bank.

    ``id`` is stable (``problems.intro.03``); ``slot`` says what the sentence does; ``text`` is a Jinja
    template over :data:`CONTEXT_VARIABLES`; ``tags`` the meeting type ids it serves (no type tag means
    every type) plus free section/tone words; ``valid_from``/``valid_until`` the first and last meeting
    date it may be used for (inclusive, None = open); ``replaced_by`` the id of the entry that replaces
    it; ``note`` a remark for writers; ``source`` where it is written; ``layer`` the layer's name
    (:data:`BUILTIN_LAYER` or the folder); ``disabled`` hides it.
    """

    id: str
    slot: str
    text: str
    tags: tuple[str, ...] = ()
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    replaced_by: str | None = None
    note: str = ""
    source: Source = Source("", 0)
    layer: str = ""
    disabled: bool = False

    @property
    def types(self) -> tuple[str, ...]:
        """The built-in meeting type ids among the tags (empty: the entry serves every type)."""
        return tuple(t for t in self.tags if t in BUILTIN_TYPES)

    @property
    def category(self) -> str:
        """The first part of the slot (``opening``, ``stock`` …): the bank file it belongs in."""
        return self.slot.split(".", 1)[0]

    def serves(self, meeting_type: str) -> bool:
        """Whether this entry may be used in a speech of ``meeting_type``."""
        types = self.types
        return not types or meeting_type in types

    def valid_on(self, date: _dt.date) -> bool:
        """Whether ``date`` lies inside the entry's validity window."""
        if self.valid_from and date < self.valid_from:
            return False
        if self.valid_until and date > self.valid_until:
            return False
        return True


class Layer(NamedTuple):
    """One layer of the bank: a name for listings and the files it is read from."""

    name: str
    path: Path
    files: tuple[Path, ...]


@functools.lru_cache(maxsize=1)
def builtin_dir() -> Path:
    """The folder of the built-in bank: the repository's ``phrasebank/`` (installed as
    ``drafter/phrasebank_data``). Looked for once per process: where drafter is installed does
    not change while it runs."""
    from drafter.resources import data_dir

    return data_dir("phrasebank_data", "phrasebank", "*.yaml")


def parse_date(text: str) -> _dt.date | None:
    """``YYYY-MM-DD`` (month and day may have one digit) as a date, or None if it is not one."""
    m = re.match(_DATE_RE, text.strip())
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def config_bank_dirs(cwd: Path | None = None) -> list[Path]:
    """The ``bank_dirs`` of ``~/.config/drafter/config.yaml`` (or ``$XDG_CONFIG_HOME``) then ``./drafter.yaml``.

    Relative folders are taken relative to the config file's folder. A missing file is no setting;
    an unreadable one is an error naming it.
    """
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    out: list[Path] = []
    # looked at on every load, and normally missing: one stat each, a Path only for a file that is there
    for name in (os.path.join(base, "drafter", "config.yaml"), os.path.join(cwd or os.getcwd(), "drafter.yaml")):
        st = _stat(name)
        if st is None or not S_ISREG(st.st_mode):
            continue
        f = Path(name)
        from drafter.input import yamlfile as yaml_source

        try:
            doc = yaml_source.load(f)
        except yaml_source.YamlProblems as err:
            raise ProblemsError(err.problems, "配置文件有误，未读取词库。") from None
        data = doc.data
        if not isinstance(data, dict) or data.get("bank_dirs") is None:
            continue
        dirs = data["bank_dirs"]
        if isinstance(dirs, str):
            dirs = [dirs]
        if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
            raise ProblemsError([doc.problem(("bank_dirs",), "bank_dirs 应是一个文件夹或文件夹列表",
                                             "写成 bank_dirs: [我单位词库] 或每行“- 文件夹”")])
        out.extend((f.parent / os.path.expanduser(d)) for d in dirs)
    return out


def env_bank_dirs() -> list[Path]:
    """The folders named in ``DRAFTER_BANK`` (separated by ``os.pathsep``), empty parts ignored."""
    raw = os.environ.get("DRAFTER_BANK", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


_IGNORED_ERRNOS = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)
_IGNORED_WINERRORS = (21, 123, 1921)  # not ready, invalid name, cannot be accessed by the system


def _stat(path: os.PathLike | str) -> os.stat_result | None:
    """``os.stat(path)``, or None where :meth:`pathlib.Path.is_dir` and ``is_file`` would say False
    (no such file, a bad name); any other error (no permission …) is raised, as they raise it."""
    try:
        return os.stat(path)
    except OSError as err:
        if getattr(err, "errno", None) in _IGNORED_ERRNOS or getattr(err, "winerror", None) in _IGNORED_WINERRORS:
            return None
        raise
    except ValueError:  # a NUL in the name
        return None


_LISTINGS: dict[str, tuple[tuple[int, int, int, int], tuple[Path, ...]]] = {}
"""A folder layer's files in this process: folder → (the folder's stat signature when it was listed,
its files). Adding, removing or renaming a file changes the folder's mtime and ctime, so a folder
whose signature is unchanged still holds the same files and is not listed again (an edited file is
noticed by its own stat, see :func:`_layers_key`)."""

_SETTLED_NS = 2_000_000_000
"""A listing is kept only when the folder's mtime is older than this (2 s) at the time of listing:
a file system keeps times to a tick (up to 2 s on FAT), so a file added in the very tick of the
last change could leave the mtime as it was; after that no change can."""


def _folder_files(folder: Path, st: os.stat_result) -> tuple[Path, ...]:
    """The ``*.yaml`` files of ``folder`` (``st`` its stat, taken before listing), sorted, hidden ones skipped."""
    signature = (st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    key = os.fspath(folder)
    known = _LISTINGS.get(key)
    if known is not None and known[0] == signature:
        return known[1]
    files = tuple(sorted(f for f in folder.glob("*.yaml") if not f.name.startswith(".")))
    if time.time_ns() - st.st_mtime_ns > _SETTLED_NS:
        if len(_LISTINGS) >= _BANK_CACHE_SIZE:
            _LISTINGS.clear()
        _LISTINGS[key] = (signature, files)
    else:
        _LISTINGS.pop(key, None)
    return files


def make_layer(path: os.PathLike | str, name: str | None = None) -> tuple[Layer | None, list[Problem]]:
    """A layer for a folder (its ``*.yaml`` files, sorted, hidden ones skipped) or for one ``.yaml`` file.

    One ``stat`` of ``path`` tells which it is; a folder unchanged since it was last listed in this
    process is not listed again (see :data:`_LISTINGS`)."""
    p = Path(path)
    label = name or os.fspath(path)
    st = _stat(p)
    if st is not None and S_ISDIR(st.st_mode):
        return Layer(label, p, _folder_files(p, st)), []
    if st is not None and S_ISREG(st.st_mode):
        return Layer(label, p, (p,)), []
    return None, [Problem(os.fspath(path), 0, 0, "找不到这个词库文件夹",
                          "检查 --bank、DRAFTER_BANK 或配置文件 bank_dirs 中写的路径")]


_READ_CACHE: dict[tuple, tuple[tuple[Entry, ...], tuple[Problem, ...]]] = {}
"""read_file's results in this process, keyed by (path, layer, the file's stat signature): a file
changed on disk (new mtime, size, inode or ctime) is read again. Entries and problems are frozen."""


def read_file(path: Path, layer: str) -> tuple[list[Entry], list[Problem]]:
    """The entries of one bank file and every problem found in it (YAML, keys, dates, Jinja syntax).

    Cached per process while the file is unchanged on disk (see :data:`_READ_CACHE`), and the entries
    of a file without problems also in drafter's on-disk cache (:mod:`drafter.cache`), so that a new
    process does not parse the bank again."""
    file = os.fspath(path)
    try:
        st = os.stat(path)
        key = (file, layer, st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
        if key in _READ_CACHE:
            entries, problems = _READ_CACHE[key]
            return list(entries), list(problems)
        disk_key = _disk_key(key)
        cached = _load_cached(disk_key, file, layer)
        if cached is not None:
            _READ_CACHE[key] = (tuple(cached), ())
            return cached, []
        raw = path.read_bytes()
    except OSError as err:
        return [], [Problem(file, 0, 0, f"无法读取词库文件：{err.strerror}", "检查文件的读取权限")]
    from drafter.input import yamlfile as yaml_source

    try:
        text = yaml_source.decode(raw, file)
    except yaml_source.YamlProblems as err:
        return [], list(err.problems)
    entries, problems = read_text(text, file, layer)
    _READ_CACHE[key] = (tuple(entries), tuple(problems))
    if not problems:
        _store_cached(disk_key, entries)
    return entries, problems


# ------------------------------------------------------------------ the bank in drafter's on-disk cache

_CACHE_NAMESPACE = "phrasebank"
"""The :mod:`drafter.cache` namespace of parsed bank files."""

_CACHE_FORMAT = 1
"""The layout of an entry (:func:`_store_cached`), part of the key; bumped whenever it changes."""


def _disk_key(stat_key: tuple) -> str:
    """The cache key of a bank file: its path, layer and stat signature, and the code that reads it."""
    from drafter import cache

    here = os.path.dirname(os.path.abspath(__file__))
    return cache.key(_CACHE_NAMESPACE, _CACHE_FORMAT, stat_key, cache.file_stamp(__file__),
                     cache.file_stamp(os.path.join(os.path.dirname(here), "input", "yamlfile.py")), tuple(CONTEXT_VARIABLES))


@functools.lru_cache(maxsize=1)
def _jinja_stamp() -> object:
    """The installed Jinja (its ``__init__.py`` stamp), which decided whether non-simple texts parse."""
    import importlib.util

    from drafter import cache

    spec = importlib.util.find_spec("jinja2")
    return cache.file_stamp(spec.origin) if spec is not None and spec.origin else None


def _store_cached(disk_key: str, entries: Sequence[Entry]) -> None:
    """Keep a problem-free file's entries with :func:`drafter.cache.store`, as plain values: (the
    Jinja stamp if a text needed Jinja's parser, else None; one tuple per entry)."""
    from drafter import cache

    rows = tuple((e.id, e.slot, e.text, e.tags, e.valid_from.isoformat() if e.valid_from else None,
                  e.valid_until.isoformat() if e.valid_until else None, e.replaced_by, e.note, e.source.line,
                  e.disabled) for e in entries)
    jinja = _jinja_stamp() if any(_simple_parts(e.text) is None for e in entries) else None
    cache.store(_CACHE_NAMESPACE, disk_key, (jinja, rows))


def _load_cached(disk_key: str, file: str, layer: str) -> list[Entry] | None:
    """The entries :func:`_store_cached` kept under ``disk_key``, or None (missing, damaged, stale)."""
    from drafter import cache

    value = cache.load(_CACHE_NAMESPACE, disk_key)
    if value is None:
        return None
    try:
        jinja, rows = value
        if jinja is not None and jinja != _jinja_stamp():
            return None
        entries = []
        for eid, slot, text, tags, valid_from, valid_until, replaced_by, note, line, disabled in rows:
            if not (type(eid) is str and type(slot) is str and type(text) is str and type(tags) is tuple
                    and all(type(t) is str for t in tags) and type(note) is str and type(line) is int
                    and type(disabled) is bool and (replaced_by is None or type(replaced_by) is str)):
                return None
            entries.append(Entry(eid, slot, text, tags,
                                 _dt.date.fromisoformat(valid_from) if valid_from is not None else None,
                                 _dt.date.fromisoformat(valid_until) if valid_until is not None else None,
                                 replaced_by, note, Source(file, line), layer, disabled))
    except Exception:  # anything unexpected in a damaged entry: a miss, the file is read again
        return None
    return entries


def read_text(text: str, file: str, layer: str = "") -> tuple[list[Entry], list[Problem]]:
    """The entries of a bank file's text (see :func:`read_file`)."""
    from drafter.input import yamlfile as yaml_source

    try:
        if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
            return [], []
        doc = yaml_source.loads(text, file)
    except yaml_source.YamlProblems as err:
        return [], list(err.problems)
    if not isinstance(doc.data, list):
        return [], [doc.problem((), "词库文件应是条目列表（每条以“- id:”开头）",
                                "参照内置词库 phrasebank/opening.yaml 的写法")]
    entries: list[Entry] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(doc.data):
        before = len(problems)
        if not isinstance(item, dict):
            problems.append(doc.problem((i,), "条目应是“键: 值”的集合", "每条写成“- id: …”，下面缩进写 slot、text 等"))
            continue
        for key in item:
            if key not in _KNOWN_KEYS:
                problems.append(doc.problem((i, key), f"未知的键 “{key}”",
                                            "可用的键：" + "、".join(_KNOWN_KEYS), key=True))
        eid = item.get("id")
        if isinstance(eid, str) and eid in first_line:
            problems.append(Problem(file, *doc.where((i,)), f"重复的条目 id “{eid}”（第一次出现在 {file}:{first_line[eid]}）",
                                    "同一词库里一个 id 只能用一次；改掉其中一个的编号"))
        elif isinstance(eid, str):
            first_line[eid] = doc.where((i,))[0]
        if not isinstance(eid, str) or not re.match(_ID_RE, eid):
            problems.append(doc.problem((i, "id") if "id" in item else (i,),
                                        "缺少 id 或 id 写法不对" if eid is None else f"id “{eid}” 写法不对",
                                        "id 由小写英文、数字和点组成，如 problems.intro.03"))
        slot = item.get("slot")
        if slot is None and isinstance(eid, str) and "." in eid:
            slot = eid.rsplit(".", 1)[0]
        if not isinstance(slot, str) or not re.match(_ID_RE, slot):
            problems.append(doc.problem((i, "slot") if "slot" in item else (i,), "缺少 slot 或 slot 写法不对",
                                        "slot 是句子的用途，如 opening.purpose、problems.intro"))
        text_v = item.get("text")
        if not isinstance(text_v, str) or not text_v.strip():
            problems.append(doc.problem((i, "text") if "text" in item else (i,), "缺少 text（条目的文字）",
                                        "写上这句话，可用 {{ jurisdiction }} 等变量"))
        tags = item.get("tags")
        if tags is None:
            tags = []
        elif isinstance(tags, str):
            tags = [t.strip() for t in re.split(r"[,，、\s]+", tags) if t.strip()]
        elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            problems.append(doc.problem((i, "tags"), "tags 应是一组词", "写成 tags: [review, annual]"))
            tags = []
        dates: dict[str, _dt.date | None] = {}
        for key in ("valid_from", "valid_until"):
            v = item.get(key)
            dates[key] = None
            if v is None:
                continue
            d = parse_date(v) if isinstance(v, str) else None
            if d is None:
                problems.append(doc.problem((i, key), f"{key} “{v}” 不是日期", "日期写成 YYYY-MM-DD，如 2023-01-08"))
            dates[key] = d
        if dates["valid_from"] and dates["valid_until"] and dates["valid_from"] > dates["valid_until"]:
            problems.append(doc.problem((i, "valid_until"), "valid_until 早于 valid_from", "检查两个日期是否写反"))
        replaced_by = item.get("replaced_by")
        if replaced_by is not None and not isinstance(replaced_by, str):
            problems.append(doc.problem((i, "replaced_by"), "replaced_by 应是一个条目 id", "如 replaced_by: opening.purpose.02"))
        note = item.get("note") or ""
        disabled_v = item.get("disabled")
        disabled = False
        if disabled_v is not None:
            if disabled_v.lower() in ("true", "yes", "是"):
                disabled = True
            elif disabled_v.lower() not in ("false", "no", "否"):
                problems.append(doc.problem((i, "disabled"), "disabled 只能写 true 或 false", ""))
        line = doc.where((i,))[0]
        if isinstance(text_v, str) and text_v.strip() and _simple_parts(text_v) is None:
            try:
                _shared_sandbox().parse(text_v)
            except Exception as err:  # jinja2.TemplateSyntaxError
                tline = doc.where((i, "text"))[0]
                problems.append(Problem(file, tline, doc.where((i, "text"))[1],
                                        f"条目 {eid} 的 Jinja 写法有误：{getattr(err, 'message', err)}",
                                        "变量写成 {{ jurisdiction }}，花括号要成对"))
        if len(problems) > before:
            continue
        entries.append(Entry(id=eid, slot=slot, text=text_v, tags=tuple(tags), valid_from=dates["valid_from"],
                             valid_until=dates["valid_until"], replaced_by=replaced_by, note=note,
                             source=Source(file, line), layer=layer, disabled=disabled))
    return entries, problems


def read_layer(layer: Layer) -> tuple[list[Entry], list[Problem]]:
    """The entries of every file of a layer; a second entry with an id already in the layer is a problem."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for f in layer.files:
        got, probs = read_file(f, layer.name)
        problems.extend(probs)
        for e in got:
            if e.id in seen:
                problems.append(Problem(e.source.file, e.source.line, 1,
                                        f"重复的条目 id “{e.id}”（第一次出现在 {seen[e.id].source}）",
                                        "同一词库里一个 id 只能用一次；改掉其中一个的编号"))
                continue
            seen[e.id] = e
            entries.append(e)
    return entries, problems


def resolve_layers(extra_dirs: Sequence[os.PathLike | str] = (), *, use_config: bool = True
                   ) -> tuple[list[Layer], list[Problem]]:
    """The layers in order, lowest first: built-in, config ``bank_dirs``, ``DRAFTER_BANK``, ``extra_dirs``."""
    problems: list[Problem] = []
    paths: list[tuple[os.PathLike | str, str | None]] = [(builtin_dir(), BUILTIN_LAYER)]
    if use_config:
        paths += [(p, None) for p in input_config.config_bank_dirs()]
    paths += [(p, None) for p in env_bank_dirs()]
    paths += [(p, None) for p in extra_dirs]
    layers = []
    for p, name in paths:
        layer, probs = make_layer(p, name)
        problems.extend(probs)
        if layer:
            layers.append(layer)
    return layers, problems


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------

def sandbox():
    """The Jinja environment phrase texts are rendered in: drafter's guarded immutable sandbox
    (:mod:`drafter.compose.sandbox`: no internals, no huge ``*``/``**``), strict undefined, no globals."""
    from jinja2 import StrictUndefined

    from drafter.compose.sandbox import GuardedSandbox

    env = GuardedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals.clear()
    return env


@functools.lru_cache(maxsize=1)
def _shared_sandbox():
    """One :func:`sandbox` per process, for parsing and rendering (it keeps no state between renders)."""
    return sandbox()


@functools.lru_cache(maxsize=4096)
def _compiled(text: str):
    """``text`` compiled once per process in :func:`_shared_sandbox` (compiling costs far more than rendering)."""
    return _shared_sandbox().from_string(text)


_SIMPLE_TAG = re.compile(r"\{\{ *([a-z_]+) *\}\}")


@functools.lru_cache(maxsize=4096)
def _simple_parts(text: str) -> tuple[str, ...] | None:
    """``text`` split into literal text and variable names (alternately, literal first) when it uses no
    Jinja but ``{{ name }}`` of :data:`CONTEXT_VARIABLES`; None when it needs Jinja.

    Such a text is certainly valid Jinja and renders to its literal parts with ``str(value)`` for each
    variable (no autoescape, no finalize), so it is neither parsed nor compiled: nearly every phrase.
    Any other brace, a ``\r`` (Jinja normalizes line ends) or another name sends the text to Jinja.
    """
    if "{" not in text and "}" not in text and "\r" not in text:
        return (text,)
    parts = _SIMPLE_TAG.split(text)
    if "\r" in text or any("{" in lit or "}" in lit for lit in parts[0::2]) \
            or any(name not in CONTEXT_VARIABLES for name in parts[1::2]):
        return None
    return tuple(parts)


def _render_simple(parts: tuple[str, ...], context: Mapping[str, object]) -> str:
    """A :func:`_simple_parts` text rendered as Jinja renders it; KeyError names a missing variable."""
    if len(parts) == 1:
        return parts[0]
    out = list(parts)
    for i in range(1, len(parts), 2):
        out[i] = str(context[parts[i]])
    return "".join(out)


def undeclared_variables(text: str) -> set[str]:
    """The variables a phrase text uses (raises jinja2.TemplateSyntaxError when it does not parse)."""
    from jinja2 import meta

    return set(meta.find_undeclared_variables(sandbox().parse(text)))


def render_entry(entry: Entry, context: Mapping[str, object], env=None) -> str:
    """The entry's text rendered with ``context``; a failure is a :class:`TemplateError` naming the entry.

    ``env`` None (or :func:`_shared_sandbox`) means the shared sandbox, where a text that uses nothing
    but ``{{ variable }}`` is rendered without Jinja (see :func:`_simple_parts`) and any other text is
    compiled once per process; another ``env`` (as ``check_bank`` passes) compiles every text in it."""
    where = dict(file=entry.source.file, line=entry.source.line)
    shared = env is None or env is _shared_sandbox()
    parts = _simple_parts(entry.text) if shared else None
    if parts is not None:
        try:
            return _render_simple(parts, context).strip()
        except KeyError as err:
            raise TemplateError(f"词库条目 {entry.id} 用了未定义的变量 “{err.args[0]}”。提示：可用的变量有 "
                                + "、".join(CONTEXT_VARIABLES), **where) from None
        except Exception as err:  # a value whose str() fails, as Jinja would report it
            raise TemplateError(f"词库条目 {entry.id} 无法生成文字：{type(err).__name__}: {err}", **where) from None
    import jinja2
    from jinja2.sandbox import SecurityError

    env = env or _shared_sandbox()
    try:
        template = _compiled(entry.text) if shared else env.from_string(entry.text)
        out = template.render(dict(context))
    except SecurityError as err:
        raise TemplateError(f"词库条目 {entry.id} 的文字试图访问不允许的内容，已拒绝执行（{err}）。"
                            "提示：条目文字里只能用 {{ 变量 }} 和简单的过滤器，不能访问 Python 内部属性", **where) from None
    except jinja2.UndefinedError as err:
        m = re.search(r"'([^']+)' is undefined", str(err))
        var = m.group(1) if m else str(err)
        raise TemplateError(f"词库条目 {entry.id} 用了未定义的变量 “{var}”。提示：可用的变量有 "
                            + "、".join(CONTEXT_VARIABLES), **where) from None
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"词库条目 {entry.id} 的 Jinja 写法有误：{err.message}", **where) from None
    except Exception as err:  # anything else a hostile or broken text can raise while rendering
        raise TemplateError(f"词库条目 {entry.id} 无法生成文字：{type(err).__name__}: {err}", **where) from None
    return out.strip()


# --------------------------------------------------------------------------------------------------
# The bank and the chooser
# --------------------------------------------------------------------------------------------------


def stable_int(*parts: object) -> int:
    """A stable non-negative integer from ``parts`` (SHA-256 of their text), the same in every run."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big")


def detect_topic(heading: str) -> str | None:
    """The stock topic (a key of :data:`STOCK_TOPICS`) whose keywords best match ``heading``, or None."""
    best, best_score = None, 0
    for topic, words in STOCK_TOPICS.items():
        score = sum(len(w) for w in words if w in heading)
        if score > best_score:
            best, best_score = topic, score
    return best


class _Contents:
    """The entries of a merged bank and their indexes, shared by every :class:`PhraseBank` loaded from
    the same unchanged files in one process (nothing here is changed after it is built)."""

    __slots__ = ("entries", "by_id", "_by_slot")

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(e for e in entries if not e.disabled)
        self.by_id = {e.id: e for e in self.entries}
        self._by_slot: dict[str, tuple[tuple[Entry, tuple[str, ...]], ...]] | None = None

    def by_slot(self) -> dict[str, tuple[tuple[Entry, tuple[str, ...]], ...]]:
        """Slot → its entries sorted by id, each with its :attr:`Entry.types` (built on first use)."""
        if self._by_slot is None:
            index: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
            for e in sorted(self.entries, key=lambda e: e.id):
                index.setdefault(e.slot, []).append((e, e.types))
            self._by_slot = {slot: tuple(es) for slot, es in index.items()}
        return self._by_slot


_BANK_CACHE: dict[tuple, tuple[_Contents, dict[str, tuple[Entry, ...]], tuple[Problem, ...]]] = {}
"""Merged banks of this process, keyed by their layers and every file's stat signature (see
:func:`_layers_key`): loading the same unchanged bank again costs a few ``stat`` calls."""

_BANK_CACHE_SIZE = 16


def _layers_key(layers: Sequence[Layer]) -> tuple | None:
    """What a merged bank is derived from: each layer's name and files with their stat signatures
    (as :func:`read_file` keys them); None when a file cannot be looked at (then nothing is kept)."""
    key = []
    for layer in layers:
        files = []
        for f in layer.files:
            try:
                st = os.stat(f)
            except OSError:
                return None
            files.append((os.fspath(f), st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns))
        key.append((layer.name, os.fspath(layer.path), tuple(files)))
    return tuple(key)


class PhraseBank:
    """The merged bank: every layer's entries, a later layer's entry replacing an earlier one by id."""

    def __init__(self, entries: Iterable[Entry], layers: Sequence[Layer] = (),
                 overridden: Mapping[str, Sequence[Entry]] | None = None) -> None:
        self._contents = _Contents(entries)
        self.layers = list(layers)
        self.overridden: dict[str, list[Entry]] = {k: list(v) for k, v in (overridden or {}).items()}
        """For each id defined in more than one layer, the entries it hides (lowest first)."""

    @classmethod
    def load(cls, extra_dirs: Sequence[os.PathLike] = (), *, use_config: bool = True) -> "PhraseBank":
        """The built-in bank, the config's ``bank_dirs``, ``DRAFTER_BANK``'s folders, then ``extra_dirs``.

        Raises :class:`ProblemsError` listing every problem of every file (file:line:col, in Chinese).
        """
        bank, problems = cls.load_lenient(extra_dirs, use_config=use_config)
        if problems:
            raise ProblemsError(problems, f"词库有 {len(problems)} 处问题，请先改正（drafter phrases check 可检查全部条目）。")
        return bank

    @classmethod
    def load_lenient(cls, extra_dirs: Sequence[os.PathLike] = (), *, use_config: bool = True
                     ) -> tuple["PhraseBank", list[Problem]]:
        """Like :meth:`load`, but returns the problems beside a bank of every entry that could be read.

        The merged bank is kept for this process while its layers and files are unchanged on disk."""
        layers, problems = resolve_layers(extra_dirs, use_config=use_config)
        key = _layers_key(layers)
        found = _BANK_CACHE.get(key) if key is not None else None
        if found is None:
            merged: dict[str, Entry] = {}
            overridden: dict[str, list[Entry]] = {}
            read_problems: list[Problem] = []
            for layer in layers:
                got, probs = read_layer(layer)
                read_problems.extend(probs)
                for e in got:
                    if e.id in merged:
                        overridden.setdefault(e.id, []).append(merged[e.id])
                    merged[e.id] = e
            found = (_Contents(merged.values()), {k: tuple(v) for k, v in overridden.items()}, tuple(read_problems))
            if key is not None:
                if len(_BANK_CACHE) >= _BANK_CACHE_SIZE:
                    _BANK_CACHE.clear()
                _BANK_CACHE[key] = found
        contents, overridden_entries, read_problems = found
        bank = cls.__new__(cls)
        bank._contents = contents
        bank.layers = layers
        bank.overridden = {k: list(v) for k, v in overridden_entries.items()}
        return bank, problems + list(read_problems)

    def entries(self) -> list[Entry]:
        """Every (not disabled) entry, in the order of the layers and files they come from."""
        return list(self._contents.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The effective entry with this id, or None."""
        return self._contents.by_id.get(entry_id)

    def slots(self) -> set[str]:
        """Every slot some entry fills."""
        return set(self._contents.by_slot())

    def candidates(self, slot: str, meeting_type: str, date: _dt.date) -> list[Entry]:
        """The entries of ``slot`` that serve ``meeting_type`` and are valid on ``date``, sorted by id."""
        return [e for e, types in self._contents.by_slot().get(slot, ())
                if (not types or meeting_type in types) and e.valid_on(date)]  # e.serves(meeting_type)

    def chooser(self, *, meeting_type: str, date: _dt.date, variant: int = 1,
                context: Mapping[str, object]) -> "PhraseChooser":
        """A chooser for one speech (it never uses an entry or a text twice)."""
        return PhraseChooser(self, meeting_type=meeting_type, date=date, variant=variant, context=context)


class PhraseChooser:
    """Picks and renders the phrases of one speech.

    For a slot's k-th call the candidates (sorted by id) are rotated by a stable hash of (meeting type,
    date, slot) plus ``variant - 1`` plus ``k``; the first one not used yet (by id or by text) is taken.
    So variants 1 … n of a slot with n candidates all differ, and the same arguments give the same text.
    """

    def __init__(self, bank: PhraseBank, *, meeting_type: str, date: _dt.date, variant: int = 1,
                 context: Mapping[str, object]) -> None:
        self.bank = bank
        self.meeting_type = meeting_type
        self.date = date
        self.variant = variant
        self.context = dict(context)
        self.used: list[str] = []
        """Ids chosen so far, in order."""
        self._texts: set[str] = set()
        self._calls: dict[str, int] = {}

    def _describe(self) -> str:
        return f"会议类型 {self.meeting_type}、日期 {self.date.year}年{self.date.month}月{self.date.day}日"

    def _pick(self, slot: str, extra: Mapping[str, object], *, quiet: bool = False) -> str | None:
        cands = self.bank.candidates(slot, self.meeting_type, self.date)
        if not cands:
            if quiet:
                return None
            if slot not in self.bank.slots():
                raise PhraseError(f"错误：词库里没有用途为 “{slot}” 的条目（{self._describe()}）。\n"
                                  f"    提示：检查模板里的用途名，或用 drafter phrases add --slot {slot} 添加条目")
            raise PhraseError(f"错误：词库里用途为 “{slot}” 的条目没有一条适用于{self._describe()}"
                              "（会议类型不符或已过有效期）。\n"
                              f"    提示：用 drafter phrases list --category {slot.split('.')[0]} 查看，"
                              "或添加一条适用的条目")
        k = self._calls.get(slot, 0)
        self._calls[slot] = k + 1
        n = len(cands)
        start = stable_int("phrase", self.meeting_type, self.date.isoformat(), slot) + (self.variant - 1) + k
        ctx = {**self.context, **extra}
        for i in range(n):
            e = cands[(start + i) % n]
            if e.id in self.used:
                continue
            text = render_entry(e, ctx)
            if text in self._texts:
                continue
            self.used.append(e.id)
            self._texts.add(text)
            return text
        if quiet:
            return None
        raise PhraseError(f"错误：用途为 “{slot}” 的 {n} 条词库条目在这篇讲话里都已用过（{self._describe()}）。\n"
                          f"    提示：用 drafter phrases add --slot {slot} 再添加几条")

    def phrase(self, slot: str, **extra: object) -> str:
        """The rendered text of one entry of ``slot`` for this speech (see the class docstring)."""
        text = self._pick(slot, extra)
        assert text is not None
        return text

    def stock(self, heading: str, **extra: object) -> str | None:
        """A stock paragraph for a point given only as ``heading``, or None when no topic fits
        (or every paragraph of the topic is used already). The caller flags it for the writer to check."""
        topic = detect_topic(heading)
        if topic is None:
            return None
        return self._pick(f"stock.{topic}", extra, quiet=True)


# --------------------------------------------------------------------------------------------------
# Checking a bank (drafter phrases check)
# --------------------------------------------------------------------------------------------------

NEAR_DUPLICATE = 0.9
"""Two texts whose difflib ratio exceeds this are near-duplicates."""

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HALF_PUNCT = rf"(?<=[{_CJK}])[,.;:!?()]|[,;:!?()](?=[{_CJK}])"
_CJK_SPACE = rf"(?<=[{_CJK}，。；：、！？”）])\s+(?=[{_CJK}“（])"
_JINJA = r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"
# Compiled by check_bank only: the two CJK ranges make them cost several milliseconds to compile.


class Finding(NamedTuple):
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


def _dated_terms():
    """The dated formulations of drafter.checks.formulations, or () when that table is unavailable."""
    try:
        from drafter.checks.formulations import load_formulations
    except ImportError:  # pragma: no cover - the table ships with drafter
        return ()
    return load_formulations()


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


def check_bank(bank: PhraseBank, load_problems: Sequence[Problem] = (), *, today: _dt.date | None = None
               ) -> list[Finding]:
    """Everything wrong with a bank, errors first: what :meth:`PhraseBank.load` refuses, unknown variables,
    texts that fail to render, half-width punctuation, dated formulations used outside their window,
    near-duplicate texts, dangling ``replaced_by``, framing slots with fewer than :data:`MIN_VARIANTS`
    entries valid ``today`` for a built-in type; warnings for expired entries without ``replaced_by``,
    unknown slots and thin stock topics."""
    import difflib

    today = today or _dt.date.today()
    out = [Finding("error", p.file, p.line, p.message, p.hint, p.column) for p in load_problems]
    entries = bank.entries()
    env = sandbox()
    known_slots = {s for slots in FRAMING_SLOTS.values() for s in slots} | {f"stock.{t}" for t in STOCK_TOPICS}
    formulations = _dated_terms()
    half_punct, cjk_space, jinja_tag = re.compile(_HALF_PUNCT), re.compile(_CJK_SPACE), re.compile(_JINJA, re.S)
    for e in entries:
        f, ln = e.source.file, e.source.line
        try:
            unknown = sorted(undeclared_variables(e.text) - set(CONTEXT_VARIABLES))
        except Exception as err:  # syntax error (already refused by the loader for files it read)
            out.append(Finding("error", f, ln, f"条目 {e.id} 的 Jinja 写法有误：{err}", "花括号要成对"))
            continue
        if unknown:
            out.append(Finding("error", f, ln, f"条目 {e.id} 用了未知的变量：{'、'.join(unknown)}",
                               "可用的变量：" + "、".join(CONTEXT_VARIABLES)))
        else:
            try:
                render_entry(e, SAMPLE_CONTEXT, env)
            except TemplateError as err:
                out.append(Finding("error", f, ln, err.message))
        bare = jinja_tag.sub("", e.text)
        m = half_punct.search(bare)
        if m:
            out.append(Finding("error", f, ln, f"条目 {e.id} 用了半角标点“{m.group(0)}”", "中文里用全角标点：，。；：！？（）"))
        if cjk_space.search(bare):
            out.append(Finding("warning", f, ln, f"条目 {e.id} 的汉字之间有空格（多半是折行造成的）",
                               "把这句话写在一行里，或用 |- 块并去掉空格"))
        for fm in _formulation_hits(bare, formulations):
            early = fm.valid_from and (e.valid_from is None or e.valid_from < fm.valid_from)
            late = fm.valid_until and (e.valid_until is None or e.valid_until > fm.valid_until)
            if early or late:
                need = []
                if early:
                    need.append(f"valid_from: {fm.valid_from.isoformat()}")
                if late:
                    need.append(f"valid_until: {fm.valid_until.isoformat()}")
                out.append(Finding("error", f, ln, f"条目 {e.id} 用了有时效的提法“{fm.term}”，但有效期没有限定在它的使用时段内",
                                   "加上 " + "、".join(need) + (f"，并用 replaced_by 指向“{fm.replaced_by}”的条目" if late and fm.replaced_by else "")))
        if e.replaced_by and bank.get(e.replaced_by) is None:
            out.append(Finding("error", f, ln, f"条目 {e.id} 的 replaced_by 指向不存在的条目 {e.replaced_by}",
                               "写一个存在的条目 id，或删掉 replaced_by"))
        if e.valid_until and e.valid_until < today and not e.replaced_by:
            out.append(Finding("warning", f, ln, f"条目 {e.id} 已于 {e.valid_until.isoformat()} 过期，且没有写 replaced_by",
                               "过期条目只用于补写往年材料；如有新提法，请添加新条目并用 replaced_by 指向它"))
        if e.slot not in known_slots:
            out.append(Finding("warning", f, ln, f"条目 {e.id} 的用途 {e.slot} 不是内置模板使用的用途",
                               "自定义模板会用到时可以保留；否则检查拼写"))
    # near-duplicate texts
    texts = [(e, jinja_tag.sub("{}", e.text)) for e in entries]
    for i, (a, ta) in enumerate(texts):
        for b, tb in texts[i + 1:]:
            sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
            if sm.real_quick_ratio() > NEAR_DUPLICATE and sm.quick_ratio() > NEAR_DUPLICATE and sm.ratio() > NEAR_DUPLICATE:
                out.append(Finding("error", b.source.file, b.source.line,
                                   f"条目 {b.id} 与 {a.id}（{a.source}）几乎相同（相似度 {sm.ratio():.2f}）",
                                   "删掉一条，或把其中一条改写得有所不同"))
    # variants per slot per type
    for t, slots in FRAMING_SLOTS.items():
        for s in slots:
            n = len(bank.candidates(s, t, today))
            if n < MIN_VARIANTS:
                out.append(Finding("error", "", 0, f"用途 {s} 在会议类型 {t} 下只有 {n} 条当前有效的条目，至少需要 {MIN_VARIANTS} 条",
                                   f"用 drafter phrases add --slot {s} --tag {t} 补充"))
    for topic in STOCK_TOPICS:
        n = len(bank.candidates(f"stock.{topic}", "", today))
        if n < 3:
            out.append(Finding("warning", "", 0, f"备用段落 stock.{topic} 只有 {n} 条当前有效", "每个主题宜有 3 条以上"))
    return sorted(out, key=lambda x: (x.level != "error", x.file, x.line))
