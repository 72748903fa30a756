"""File primitives every store shares: atomic replacement and a writers' lock across threads and processes.

The graph store (kg/store.py), the index store and its caches (search/) all write this way.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path


def fsync_path(path: Path) -> None:
    """Flush a file or a directory (a rename is durable once its directory is)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, durable: bool = False) -> None:
    """Write beside, fsync, rename over: a reader sees the old file or the new one, never a part of either.

    The temporary name is hidden (".name.<random>.tmp"), so a crash leaves nothing a glob for the real names
    picks up, and unique, so two threads or processes writing the same file never rename each other's.
    `durable` also flushes the directory, making the rename itself survive a power cut.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_path(path.parent)


@contextlib.contextmanager
def writers_lock(thread_lock: threading.Lock, lock_file: Path) -> Iterator[None]:
    """Writers of this process (the thread lock) and of others (flock on lock_file) take turns."""
    with thread_lock:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        # A fresh descriptor per acquisition: flock locks belong to the open file description.
        with lock_file.open("a") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
