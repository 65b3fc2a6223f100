"""Writing a file so that a crash never leaves half of it: the one way saves and records are
written."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

NEW_FILE_MODE = 0o644
"""Readable by others, like any file the player writes (a temporary file starts as 0600)."""
STALE_AFTER = 60.0
"""Seconds after which a temporary file beside a target is a crash's leftover, not a write
still under way (in this or another process)."""


def write_atomic(path: str | Path, text: str) -> None:
    """Write a text file atomically: a temporary file beside it, flushed to disk, then renamed
    over, so a crash mid-write leaves the previous file whole. The file keeps its permissions."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(target.parent)
    sweep_leftovers(target)


def sweep_leftovers(path: Path, now: float | None = None) -> None:
    """Remove the temporary files that writes of `path` cut short by a crash left beside it
    (`.<name>.*`, older than STALE_AFTER), so crashes do not pile them up."""
    moment = time.time() if now is None else now
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*"):
        with contextlib.suppress(OSError):
            if moment - leftover.stat().st_mtime > STALE_AFTER:
                leftover.unlink()


def keep_aside(path: Path, aside: Path) -> None:
    """Make `aside` a copy of `path` in one atomic step, leaving `path` where it is.

    A hard link made under a temporary name is renamed over `aside`, so neither file is ever
    missing or half there; where hard links are not allowed, `path` itself is renamed (for a
    moment, until the caller writes it again, only `aside` exists).
    """
    linked = aside.with_name(f".{aside.name}.link")
    linked.unlink(missing_ok=True)
    try:
        os.link(path, linked)
    except OSError:
        os.replace(path, aside)
    else:
        os.replace(linked, aside)
    sync_folder(aside.parent)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (renames) to disk where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
