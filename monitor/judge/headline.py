"""What an item is matched by: its headline, or, for a press release titled only by its kind
("Statement on media reports", 关于媒体报道的说明), the first sentence of its text.

A company's newsroom often titles its denials and updates that way: the title names neither the
company nor the matter, so matched by its title alone the item is about nothing, and the
official word never reaches the claim. Stance still reads the item's own title with its lead
(``judge.stance``): a title without the claim's event is read with the whole lead.
"""

from __future__ import annotations

import re

from monitor.judge.cues import UNSPACED_RE

# Words that only say what kind of release an item is (English), and the same in Chinese.
_KIND_WORDS = frozenset(
    [
        "statement", "statements", "regarding", "re", "on", "about", "concerning", "in", "to", "of",
        "the", "a", "an", "and", "media", "press", "report", "reports", "reported", "speculation",
        "rumour", "rumours", "rumor", "rumors", "update", "updates", "announcement",
        "announcements", "notice", "clarification", "response", "responses", "comment", "comments",
        "news", "release", "possible", "offer", "market", "disclosure", "information", "recent",
        "company's", "company", "our", "corporate",
    ]
)
_KIND_ZH_RE = re.compile(r"(?:关于|媒体|报道|的|说明|澄清|公告|声明|回应|相关|情况|事项|网络|传闻|不实|信息|[\s:：、，,]|\u2014|-)+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_SENTENCE_RE = re.compile(r"[^.!?\uff1f\u3002]{8,300}[.!?\uff1f\u3002]?")


def is_kind_only(title: str) -> bool:
    """Whether a title names only the kind of release it is ("Statement on media reports",
    "Update", "关于媒体报道的澄清说明"), nothing it is about."""
    text = title.strip()
    if not text:
        return False
    if UNSPACED_RE.search(text):
        return _KIND_ZH_RE.fullmatch(text) is not None
    found = [w.lower() for w in _WORD_RE.findall(text)]
    return bool(found) and all(w in _KIND_WORDS for w in found)


def first_sentence(text: str) -> tuple[str, str]:
    """A text's first sentence (up to 300 characters) and what follows it."""
    text = text.strip()
    m = _SENTENCE_RE.search(text)
    return (m.group(0).strip(), text[m.end() :].strip()) if m else (text[:300], text[300:].strip())


def matching_title(title: str, summary: str) -> str:
    """The headline to match an item by: its title, or for a title that names only its kind, the
    title followed by the first sentence of the summary ("Statement on media reports: Marlin
    Energy notes recent media reports about a hydrogen plant in Rotterdam.")."""
    if not summary.strip() or not is_kind_only(title):
        return title
    first, _ = first_sentence(summary)
    return f"{title.strip()}: {first}" if first else title
