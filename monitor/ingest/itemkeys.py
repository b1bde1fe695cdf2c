"""Small stable digests of items' dedup keys: what a parse worker is told the poller has seen in
a feed's previous bodies (4 bytes an item, sent to the worker with each body)."""

from __future__ import annotations

import array
import zlib
from collections.abc import Iterable, Sequence

from monitor.model import Item


def key_digest(dedup_key: str) -> int:
    """A small stable digest of a dedup key (the same in every process, unlike hash())."""
    return zlib.crc32(dedup_key.encode("utf-8", "surrogatepass"))


def pack_digests(digests: Iterable[int]) -> bytes:
    return array.array("I", digests).tobytes()


def pack_keys(items: Sequence[Item]) -> bytes:
    """The items' dedup keys, compactly (4 bytes each), for ``ParsePool.parse(seen=...)``."""
    return pack_digests(key_digest(i.dedup_key) for i in items)


def unpack_keys(packed: bytes | None) -> frozenset[int]:
    if not packed:
        return frozenset()
    a = array.array("I")
    a.frombytes(packed)
    return frozenset(a)
