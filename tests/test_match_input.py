"""Text no feed should send, judged without a crash: empty, huge, mixed scripts, emoji,
right-to-left, zero-width characters, invalid surrogates; on words alone and by meaning."""

from __future__ import annotations

import pytest

from monitor.judge.language import detect, script
from monitor.judge.match import Matcher
from monitor.judge.semantic import load
from monitor.judge.service import judge_items
from monitor.judge.text import words
from monitor.model import Claim, Item

CLAIMS = [
    Claim("xiaomi", "Xiaomi and BAIC will build electric cars together"),
    Claim("xiaomi-zh", "小米与北汽合作造车"),
    Claim("iran", "ایران و چین قرارداد ۲۵ ساله امضا کردند"),
]
ODD = [
    "",
    "   \t\n ",
    "\u200b\u200c\u200d\ufeff",
    "🚗⚡🔋🎉",
    "Xiaomi " * 200_000,  # over 1 MB
    "Xiaomi 小米 شیائومی Сяоми BAIC 北汽 — mixed scripts",
    "\u202eXiaomi BAIC\u202c electric",  # a right-to-left override around Latin text
    "ایران و چین قرارداد ۲۵ ساله امضا کردند",
    "bad \ud800 surrogate Xiaomi",
    "小米\u200b北汽\u200c合作",
]


@pytest.mark.parametrize("semantic", [False, True], ids=["lexical", "semantic"])
def test_odd_text_is_judged_without_a_crash(semantic: bool) -> None:
    m = Matcher(CLAIMS, semantic=load() if semantic else None)
    claims = {c.id: c for c in CLAIMS}
    items = [Item(title=t, summary=t[:5000], link="", source="x.example") for t in ODD]
    items += [Item(title="", summary=t, link="", source="x.example") for t in ODD]
    out = judge_items(m, claims, items)
    assert len(out) == len(items) and all(found is not None for found in out)
    # Nothing in the blank ones (title and body); the Persian headline finds its Persian claim,
    # the Chinese one with zero-width characters its Chinese claim.
    assert out[0] == out[1] == out[2] == () and out[len(ODD)] == out[len(ODD) + 1] == ()
    assert [m.claim_id for m, _ in out[ODD.index("ایران و چین قرارداد ۲۵ ساله امضا کردند")] or ()][:1] == ["iran"]
    assert [m.claim_id for m, _ in out[len(ODD) - 1] or ()][:1] == ["xiaomi-zh"]


def test_text_tools_take_anything() -> None:
    for t in ODD:
        words(t)
        detect(t)
        script(t)
    assert words("\u200b\u200c") == [] and detect("🚗⚡") == "" and script("🚗⚡") == ""
    assert words("小米\u200b北汽") == ["小米", "北汽"]
