"""Small helpers the pages share: time formatting (Jinja filters) and paging."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from monitor.clock import utcnow


def when(t: datetime | str | None) -> str:
    if t is None:
        return "–"
    if isinstance(t, str):
        t = datetime.fromisoformat(t)
    return t.strftime("%Y-%m-%d %H:%M UTC")


def ago(t: datetime | None) -> str:
    """"3 h ago", "in 5 min": how far from now, roughly."""
    if t is None:
        return ""
    seconds = (utcnow() - t).total_seconds()
    future, seconds = seconds < 0, abs(seconds)
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            amount = f"{int(seconds // size)} {unit}"
            break
    else:
        amount = f"{int(seconds)} s"
    return f"in {amount}" if future else f"{amount} ago"


FILTERS: dict[str, Any] = {"when": when, "ago": ago}



@dataclass(frozen=True)
class Paging:
    """Which rows a page shows and links to its neighbours, keeping the other query parameters."""

    page: int
    size: int
    total: int
    params: dict[str, str]

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def link(self, page: int) -> str | None:
        if not 1 <= page <= self.pages or page == self.page:
            return None
        return "?" + urlencode({**{k: v for k, v in self.params.items() if v}, "page": str(page)})
