"""drafter's on-disk cache: things derived from drafter's own files that are slow to rebuild.

A command starts in a fresh process, so whatever drafter derives from its profiles, templates
and phrase bank would be rebuilt on every run. The cache keeps such results between runs, keyed
by everything they are derived from (see :func:`key`), so a stale entry is never used: a changed
input gives a new key. Entries are written atomically; an unreadable, unwritable or damaged cache
is the same as an empty one, and never an error.

Where it lives: ``$DRAFTER_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/drafter``, else
``~/.cache/drafter``. ``DRAFTER_CACHE=off`` turns it off (everything is rebuilt in each run).
Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

FORMAT = "1"
"""Bumped when the layout of the cache folder changes."""


def cache_dir() -> Path | None:
    """The cache folder (not created here), or None when the cache is off."""
    if os.environ.get("DRAFTER_CACHE", "").strip().lower() in ("off", "0", "no", "false"):
        return None
    explicit = os.environ.get("DRAFTER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drafter"


def key(*parts: object) -> str:
    """A cache key (hex) for an entry derived from ``parts`` (their ``repr`` must say everything)."""
    from drafter import __version__

    h = hashlib.sha256()
    for part in (FORMAT, __version__) + parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def file_stamp(path: str | os.PathLike) -> tuple[str, int, int] | None:
    """(path, size, mtime in ns) of a file, for keys of entries derived from it; None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.fspath(path), st.st_size, st.st_mtime_ns)


def subdir(namespace: str) -> Path | None:
    """The cache's folder for ``namespace``, created if need be; None when off or it cannot be created."""
    base = cache_dir()
    if base is None:
        return None
    folder = base / namespace
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def read(namespace: str, entry_key: str) -> bytes | None:
    """The bytes stored under ``entry_key``, or None (not there, cache off, unreadable)."""
    base = cache_dir()
    if base is None:
        return None
    try:
        return (base / namespace / entry_key).read_bytes()
    except OSError:
        return None


def write(namespace: str, entry_key: str, data: bytes) -> None:
    """Store ``data`` under ``entry_key``, atomically; any failure is ignored (the cache is optional)."""
    folder = subdir(namespace)
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / entry_key)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass


_CHECKSUM = 32  # bytes of SHA-256 before the payload


def pack(value: object) -> bytes | None:
    """``value`` as an entry: the SHA-256 of the payload, then the payload, ``marshal`` data.

    ``value`` must be plain data (None, bool, int, float, str, bytes, and tuples, lists, dicts
    and sets of these); None when it is not."""
    import marshal

    try:
        payload = marshal.dumps(value)
    except ValueError:
        return None
    return hashlib.sha256(payload).digest() + payload


def unpack(entry: bytes | None) -> object | None:
    """The value :func:`pack` packed, or None when ``entry`` is missing, damaged or not an entry.

    A damaged entry can still be well-formed data of another shape: callers check the shape."""
    import marshal

    if entry is None or len(entry) < _CHECKSUM or hashlib.sha256(entry[_CHECKSUM:]).digest() != entry[:_CHECKSUM]:
        return None
    try:
        return marshal.loads(entry[_CHECKSUM:])
    except Exception:  # checksum right, payload not marshal data: a miss
        return None


def store(namespace: str, entry_key: str, value: object) -> None:
    """Keep plain data ``value`` (see :func:`pack`) under ``entry_key``; any failure is ignored."""
    entry = pack(value)
    if entry is not None:
        write(namespace, entry_key, entry)


def load(namespace: str, entry_key: str) -> object | None:
    """The value :func:`store` kept under ``entry_key``, or None (missing, damaged, cache off)."""
    return unpack(read(namespace, entry_key))


def through(namespace: str, entry_key: str | None, build, *, dump=None, restore=None):
    """``build()``'s value, kept in the cache under ``entry_key`` (None: not kept).

    A stored value is returned without building when ``restore`` (default: as stored) turns it back
    into a value; ``restore`` returns None for stored data of the wrong shape. Otherwise the value is
    built and stored as ``dump(value)`` (default: as is; ``dump`` returning None: not stored)."""
    if entry_key is not None:
        found = load(namespace, entry_key)
        if found is not None:
            value = restore(found) if restore is not None else found
            if value is not None:
                return value
    value = build()
    if entry_key is not None:
        plain = dump(value) if dump is not None else value
        if plain is not None:
            store(namespace, entry_key, plain)
    return value
