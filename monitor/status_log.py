"""The status-change log: one JSON line per status change, for users to tail.

The file is written from the database, not from memory: ``catch_up`` appends every change the
file does not have yet, reading where it stands from the file's own last lines (each carries its
change's ``id`` and time ``at``: both are compared, so a log kept across a new database is
continued, not mistaken for complete). A process killed between a commit and its append loses no line: the next
catch-up (after the next change, and when the daemon starts) writes it. Processes sharing the
file take turns (an exclusive ``flock``); a line cut short by a crash is dropped and written again
whole. Every log file gets every change, whichever worker made it.

On PostgreSQL, ids are handed out before commit, so a change may become visible after one with a
higher id: the catch-up also looks again at the ids of the lines in the file's last
``_TAIL_BYTES`` and writes the ones missing there.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import IO

from monitor.logs import get_logger
from monitor.store.repo import Store

log = get_logger()

# How much of the file's end is read for the ids it holds: a few hundred lines.
_TAIL_BYTES = 256 * 1024


class StatusLog:
    def __init__(self, path: Path, store: Store):
        self.path = path
        self.store = store

    def catch_up(self) -> int:
        """Append the changes the file lacks, oldest first; returns how many. Never raises: a
        failure is logged, and the next catch-up writes what this one could not."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as f:
                fcntl.flock(f, fcntl.LOCK_EX)  # released when the file is closed
                written = _keys_at_end(f)
                first = min(i for i, _ in written) if written else 0
                missing = [
                    i for i, at in self.store.change_keys_from(first)
                    if (i, at.isoformat()) not in written
                ]
                if not missing:
                    return 0
                lines = b"".join(
                    json.dumps(c.as_dict(), ensure_ascii=False).encode() + b"\n"
                    for c in self.store.changes_by_id(missing)
                )
                f.write(lines)
                f.flush()
                os.fsync(f.fileno())
                return len(missing)
        except OSError as e:
            # The changes are safe in the database (and `history` shows them); say what to fix.
            log.error("status_log.write_failed", path=str(self.path), error=str(e),
                      hint="check [logging] status_log points to a writable file; the missing "
                      "lines are written at the next change or start")
        except Exception as e:  # noqa: BLE001 - the database: the next catch-up tries again
            log.error("status_log.catch_up_failed", path=str(self.path),
                      error=f"{e.__class__.__name__}: {e}",
                      hint="the missing lines are written at the next change or start")
        return 0


def _keys_at_end(f: IO[bytes]) -> set[tuple[int, str]]:
    """The change ids and times of the whole lines in the file's last ``_TAIL_BYTES``. A last line without
    its newline (a write cut short) is cut off the file, to be written again whole."""
    size = f.seek(0, os.SEEK_END)
    start = max(size - _TAIL_BYTES, 0)
    f.seek(start)
    tail = f.read()
    end = tail.rfind(b"\n") + 1
    if end < len(tail):
        f.truncate(start + end)
        f.seek(0, os.SEEK_END)
    lines = tail[:end].split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first one may start before the window
    keys: set[tuple[int, str]] = set()
    for line in lines:
        try:
            change = json.loads(line) if line.strip() else None
            key = (change["id"], change["at"]) if isinstance(change, dict) else None
        except (ValueError, KeyError):
            continue  # not ours (edited by hand): ignored
        if key and isinstance(key[0], int) and isinstance(key[1], str):
            keys.add(key)
    return keys
