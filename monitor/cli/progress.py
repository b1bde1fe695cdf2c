"""Progress bars for long work (`poll --all`, `eval`, `replay`, backfill), from tqdm.

Shown on stderr only when it is a terminal: nothing on a pipe, in a file, or with ``--json``, so
scripts and logs read exactly what they read before. The work reports ``(done, total)`` through a
plain callback; it never imports this module.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[int, int | None], None]  # (steps done so far, total steps or None)


def _quiet(done: int, total: int | None) -> None:
    pass


@contextmanager
def progress_bar(what: str, unit: str, *, enabled: bool = True) -> Iterator[Progress]:
    """A callback that moves a bar named ``what`` (counting ``unit``s); the bar is cleared at
    the end, so the command's own summary is what stays on the screen."""
    if not enabled or not sys.stderr.isatty():
        yield _quiet
        return
    from tqdm import tqdm

    bar = tqdm(desc=what, unit=f" {unit}", file=sys.stderr, leave=False, dynamic_ncols=True)
    lock = threading.Lock()

    def advance(done: int, total: int | None) -> None:
        with lock:
            if total is not None and bar.total != total:
                bar.total = total
                bar.refresh()  # show "0/N" now: the first steps may take a while
            bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()
