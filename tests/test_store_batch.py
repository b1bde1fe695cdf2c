"""The store's batched write path on SQLite and PostgreSQL: polls bigger than one statement's
chunk (multi-row inserts, IN lists), several copies of one story in one poll, the values written
for evidence, and feed rows of several polls written in one statement."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from helpers.store import NOW, lease, leased_feeds, ok_update, server_error_update
from sqlalchemy import select

from monitor.ingest.normalise import canonical_link, keyed
from monitor.judge.service import claims_to_decide
from monitor.model import (
    EvidenceDraft,
    FeedRow,
    FeedUpdate,
    Item,
    MatchKind,
    NewItem,
    RecordedChange,
    SourceTier,
    Stance,
)
from monitor.pipeline import Alerts, decide_claims
from monitor.service import Service
from monitor.store import schema as t
from monitor.store.repo import Store

WINDOW = 3 * 86400


def story(n: int, guid: str | None = None, link: str | None = None, title: str | None = None) -> Item:
    source = f"news{n % 7}.example"
    link = canonical_link(link or f"https://{source}/story/{n}")
    guid = guid or f"g{n}"
    return keyed(
        Item(
            title=title or f"Story number {n} about the harbour",
            summary=f"Body of story {n}.",
            link=link,
            source=source,
            guid=guid,
            published_at=NOW - timedelta(minutes=n),
            dedup_key=f"g:{guid}",
        )
    )


def big_poll() -> tuple[list[Item], dict[str, int], dict[str, str]]:
    """300+ items (more than one IN list and several multi-row inserts): 260 stories, repeats
    of some, copies under other guids (same link, or same source and title).

    Returns the items, the expected copies count by story key, the expected alias -> story key.
    """
    stories = [story(n) for n in range(260)]
    found = list(stories)
    copies = {s.dedup_key: 1 for s in stories}
    aliases: dict[str, str] = {}
    found += stories[100:120]  # repeated within the feed: the same keys, ignored
    for n in range(5):  # five syndicated copies each of stories 0-4 (same canonical link)
        for c in range(5):
            dup = story(n, guid=f"syn-{n}-{c}", link=f"https://news{n % 7}.example/story/{n}?utm_source={c}")
            found.append(dup)
            copies[stories[n].dedup_key] += 1
            aliases[dup.dedup_key] = stories[n].dedup_key
    for n in range(200, 215):  # same source and title, another link: a copy within the window
        dup = story(n, guid=f"title-{n}", link=f"https://news{n % 7}.example/other/{n}")
        found.append(dup)
        copies[stories[n].dedup_key] += 1
        aliases[dup.dedup_key] = stories[n].dedup_key
    return found, copies, aliases


def stored(store: Store) -> tuple[dict[str, Any], dict[str, str]]:
    i, k = t.items, t.item_keys
    with store.engine.connect() as conn:
        items = {r.dedup_key: r for r in conn.execute(select(i))}
        aliases = {
            r.alias: r.story
            for r in conn.execute(
                select(k.c.dedup_key.label("alias"), i.c.dedup_key.label("story")).join(i, i.c.id == k.c.item_id)
            )
        }
    return items, aliases


def no_evidence(new_items: list[NewItem]) -> list[EvidenceDraft]:
    return []


Assess = Callable[[list[NewItem]], list[EvidenceDraft]]


def write(
    store: Store,
    service: Service,
    polls: list[tuple[FeedRow, FeedUpdate, list[Item], Assess]],
) -> list[tuple[list[NewItem], list[EvidenceDraft], list[RecordedChange]]]:
    """Several feeds' polls in one transaction through the typed steps, with the evidence each
    poll's ``assess`` makes up (so a test decides what the judge found)."""
    out = []
    with store.transaction(NOW) as tx:
        tx.write_feed_states([(feed.id, update) for feed, update, _, _ in polls])
        for feed, _, found, assess in polls:
            new = tx.insert_new_items(feed.id, found, WINDOW)
            drafts = assess(new) if new else []
            tx.insert_evidence(drafts)
            changes = decide_claims(tx, service.judge, Alerts([]), claims_to_decide(drafts), "rules")
            out.append((new, drafts, changes))
    return out


def test_a_poll_bigger_than_one_statement_is_deduplicated_and_linked(db_url: str, tmp_path: Path) -> None:
    loaded, store, service, a, b = leased_feeds(db_url, tmp_path)
    found, copies, aliases = big_poll()

    ((new, drafts, changes),) = write(store, service, [(a, ok_update(a.url), found, no_evidence)])
    assert (len(new), drafts, changes) == (260, [], [])
    items, got_aliases = stored(store)
    # Every new item has the id of its own row, in the order the feed gave them.
    assert [n.item.dedup_key for n in new] == [s.dedup_key for s in found[:260]]
    assert all(items[n.item.dedup_key].id == n.id for n in new)
    assert {key: r.copies for key, r in items.items()} == copies
    assert got_aliases == aliases
    first = found[0]
    row = items[first.dedup_key]
    assert (row.title, row.link, row.guid, row.source, row.feed_id) == (first.title, first.link, first.guid, first.source, a.id)
    assert row.published_at == first.published_at and row.fetched_at == NOW
    assert new[0].story_key == row.link_key

    # Another feed delivering all of it again (keys of items and of aliases): nothing new.
    again = write(store, service, [(b, ok_update(b.url), list(reversed(found)), no_evidence)])
    assert again == [([], [], [])]
    assert stored(store) == (items, got_aliases)
    store.close()


def test_evidence_values_and_status_change_from_a_batch(db_url: str, tmp_path: Path) -> None:
    loaded, store, service, a, _ = leased_feeds(db_url, tmp_path)
    sources = ["reuters.com", "bloomberg.com"] + [f"blog{n}.example" for n in range(98)]
    found = [replace(story(n), source=sources[n]) for n in range(100)]

    def assess(new_items: list[NewItem]) -> list[EvidenceDraft]:
        trusted = {"reuters.com", "bloomberg.com"}
        return [
            EvidenceDraft(
                claim_id="xiaomi-baic", item_id=n.id, score=50.0 + k / 7, kind=MatchKind.MATCH,
                stance=Stance.CONFIRMS if k < 2 else Stance.REPORTS, stance_confidence=k / 300,
                cues=("confirms",) if k < 2 else (), matched_terms=("xiaomi", f"term{k % 3}"),
                why=f"why {k}", source=n.item.source,
                source_tier=SourceTier.TRUSTED if n.item.source in trusted else SourceTier.OTHER,
            )
            for k, n in enumerate(new_items)
        ]

    ((new, drafts, changes),) = write(store, service, [(a, ok_update(a.url), found, assess)])
    assert len(new) == len(drafts) == 100
    ev = store.evidence_list("xiaomi-baic")
    assert [(e["item_id"], e["score"], e["stance_confidence"], e["cues"], e["matched_terms"], e["why"])
            for e in ev] == [
        (d.item_id, round(d.score, 2), round(d.stance_confidence, 3), list(d.cues),
         list(d.matched_terms), d.why)
        for d in drafts
    ]
    assert {(e["kind"], e["source_tier"], e["at"]) for e in ev[2:]} == {("match", "other", NOW)}
    assert [(e["stance"], e["source_tier"]) for e in ev[:2]] == [("confirms", "trusted")] * 2
    # Two distinct trusted sources confirm: the claim is confirmed, citing those two items.
    (change,) = changes
    assert change.to_status == "confirmed"
    assert [e["id"] for e in change.evidence] == [ev[0]["id"], ev[1]["id"]]
    assert store.claims()[0]["status"] == "confirmed"
    store.close()


def test_feed_rows_of_a_group_are_written_with_its_items(db_url: str, tmp_path: Path) -> None:
    loaded, store, service, a, b = leased_feeds(db_url, tmp_path)
    failed = server_error_update(b.url)
    out = write(
        store, service, [(a, ok_update(a.url), [story(1)], no_evidence), (b, failed, [story(2)], no_evidence)]
    )
    assert [len(new) for new, _, _ in out] == [1, 1]
    rows = {r["id"]: r for r in store.feeds_overview()}
    assert (rows[a.id]["last_status"], rows[a.id]["last_success"], rows[a.id]["items"]) == ("200 OK", NOW, 1)
    assert (rows[b.id]["last_error"], rows[b.id]["last_success"], rows[b.id]["items"]) == ("server answered 500", None, 1)
    assert rows[b.id]["error_count"] == 1 and rows[a.id]["last_poll"] == rows[b.id]["last_poll"] == NOW
    # Written feeds are no longer leased.
    again = lease(store, loaded, "w2", include_not_due=True)
    assert sorted(f.id for f in again) == [a.id, b.id]
    store.close()
