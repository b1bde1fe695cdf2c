"""Edit the configuration TOML from commands: add/archive claims, add/remove feeds.

The edits are text in, text out (``add_claim``, ``archive_claim``, ``add_feed``, ``remove_feed``),
done with tomlkit so users' comments and layout survive. ``edit_file`` wraps one of them: it
validates the edited document with the same ``parse_settings`` the daemon uses, and only then
replaces the file atomically, so a running daemon never reads a half-written or invalid file.
"""

from __future__ import annotations

import fcntl
import os
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomlkit
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Table, Whitespace

from monitor.settings import ConfigError, Settings, parse_settings

Body = list[tuple[Any, Item]]


class EditError(Exception):
    """An edit that cannot be made; ``key`` is the key path it concerns."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


# ---- comment-preserving helpers -------------------------------------------------------------
#
# tomlkit keeps blank lines and comments that follow a table's last key in that table's body, so a
# comment written above `[[feeds]]` belongs, to tomlkit, to the last `[[claims]]` table. Without
# care, appending a claim would put it below that comment, and removing the last claim would
# delete the comment. These helpers move such trailing lines to where a reader expects them.


def _is_trivia(entry: tuple[Any, Item]) -> bool:
    return entry[0] is None and isinstance(entry[1], Whitespace | Comment)


def _pop_trailing(body: Body) -> Body:
    """Remove and return the blank lines and comments after the last key of ``body``."""
    n = len(body)
    while n and _is_trivia(body[n - 1]):
        n -= 1
    trailing = body[n:]
    del body[n:]
    return trailing


def _split_leading_comments(trailing: Body) -> tuple[Body, Body]:
    """Split trivia into (what stays, the comment block directly above the next table)."""
    n = len(trailing)
    while n and isinstance(trailing[n - 1][1], Comment):
        n -= 1
    return trailing[:n], trailing[n:]


def _blank_line() -> tuple[None, Whitespace]:
    return (None, Whitespace("\n"))


def _ends_with_blank_line(body: Body) -> bool:
    return bool(body) and isinstance(body[-1][1], Whitespace) and body[-1][1].as_string() == "\n"


def _body(table: Table) -> Body:
    return table.value.body


def _aot(doc: tomlkit.TOMLDocument, name: str) -> AoT | Array | None:
    value = doc.get(name)
    if value is None:
        return None
    if isinstance(value, AoT | Array):
        return value
    raise EditError(name, f"expected a list of [[{name}]] tables; fix the file by hand first")


def _append_table(doc: tomlkit.TOMLDocument, name: str, values: dict[str, Any]) -> None:
    entries = _aot(doc, name)
    if isinstance(entries, Array):  # written inline: name = [{...}, ...]
        inline: InlineTable = tomlkit.inline_table()
        inline.update(values)
        entries.append(inline)
        return
    table = tomlkit.table()
    for k, v in values.items():
        table[k] = v
    if entries is None:
        if doc.body and not _ends_with_blank_line(doc.body) and doc.as_string().strip():
            doc.add(tomlkit.nl())
        entries = tomlkit.aot()
        entries.append(table)
        doc.append(name, entries)
        return
    last = _body(entries[-1]) if len(entries) else None
    after = _pop_trailing(last) if last is not None else []
    if last is not None:
        last.append(_blank_line())
    entries.append(table)
    # Lines that followed the old last table describe what comes after the list: keep them there.
    _body(entries[-1]).extend(after)


def _remove_table(doc: tomlkit.TOMLDocument, name: str, index: int) -> None:
    entries = _aot(doc, name)
    assert entries is not None
    if isinstance(entries, Array):
        del entries[index]
        return
    after = _pop_trailing(_body(entries[index]))
    before: Body | None = _body(entries[index - 1]) if index > 0 else _preceding_body(doc, name)
    at_end = index == len(entries) - 1 and doc.body[-1][1] is entries
    if before is not None:
        trailing = _pop_trailing(before)
        if index > 0 or len(entries) == 1:
            # A comment block directly above the removed table described it: it goes too. (Above
            # the first of several tables it may introduce the whole list, so there it stays.)
            trailing, _described_removed = _split_leading_comments(trailing)
        before.extend(trailing)
        # What followed the removed table describes what comes next: it stays in its place.
        ends_in_comment = bool(before) and isinstance(before[-1][1], Comment)
        while after and _ends_with_blank_line(after[:1]) and (
            ends_in_comment or _ends_with_blank_line(before)
        ):
            after = after[1:]  # keep a kept comment on the next table; no double blank lines
        before.extend(after)
        if at_end and not any(isinstance(item, Comment) for _, item in after):
            while _ends_with_blank_line(before):
                before.pop()  # no blank lines left dangling at the end of the file
    del entries[index]
    if len(entries) == 0:
        doc.remove(name)


def _preceding_body(doc: tomlkit.TOMLDocument, name: str) -> Body | None:
    """The body holding the lines just above the first table of ``name``, if a table holds them."""
    prev: Item | None = None
    for key, item in doc.body:
        if key is not None and key.key == name:
            break
        prev = item
    if isinstance(prev, Table):
        return _body(prev)
    if isinstance(prev, AoT) and len(prev):
        return _body(prev[-1])
    return None  # top-level lines: left alone (we cannot tell what they describe)


def _find(entries: AoT | Array | None, key: str, value: str) -> int | None:
    for i, t in enumerate(entries or []):
        if t.get(key) == value:
            return i
    return None


# ---- the edits -------------------------------------------------------------------------------


def add_claim(
    text: str,
    claim_id: str,
    claim_text: str,
    aliases: Sequence[str] = (),
    official_sources: Sequence[str] = (),
    require: Sequence[Sequence[str]] = (),
) -> str:
    doc = tomlkit.parse(text)
    entries = _aot(doc, "claims")
    existing = _find(entries, "id", claim_id)
    if existing is not None:
        raise EditError(
            f"claims[{existing}].id",
            f"a claim with id {claim_id!r} already exists; pick another id or archive it first",
        )
    values: dict[str, Any] = {"id": claim_id, "text": claim_text}
    if aliases:
        values["aliases"] = list(aliases)
    if require:
        values["require"] = [list(g) for g in require]
    if official_sources:
        values["official_sources"] = list(official_sources)
    _append_table(doc, "claims", values)
    return tomlkit.dumps(doc)


def archive_claim(text: str, claim_id: str) -> str:
    doc = tomlkit.parse(text)
    entries = _aot(doc, "claims")
    index = _find(entries, "id", claim_id)
    if index is None:
        known = ", ".join(str(t.get("id")) for t in entries or []) or "none"
        raise EditError("claims", f"no claim with id {claim_id!r}; the configured ids are: {known}")
    _remove_table(doc, "claims", index)
    return tomlkit.dumps(doc)


def add_feed(text: str, url: str, source: str | None = None, interval: str | None = None) -> str:
    doc = tomlkit.parse(text)
    entries = _aot(doc, "feeds")
    existing = _find(entries, "url", url)
    if existing is not None:
        raise EditError(f"feeds[{existing}].url", f"the feed {url!r} is already configured")
    values: dict[str, Any] = {"url": url}
    if source:
        values["source"] = source
    if interval:
        values["interval"] = interval
    _append_table(doc, "feeds", values)
    return tomlkit.dumps(doc)


def _feed_key(url: str) -> str:
    """Two spellings of one feed URL compare equal: scheme and host in any case, a trailing
    slash or not."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}{query}"


def add_feeds(
    text: str, feeds: Sequence[tuple[str, str]]
) -> tuple[str, list[str], list[tuple[str, str]]]:
    """Append many feeds (url, title) at once, the title as a comment on the url line; returns
    the new text, the URLs added, and the (url, why) of those skipped as duplicates."""
    doc = tomlkit.parse(text)
    entries = _aot(doc, "feeds")
    known = {_feed_key(str(t.get("url"))): i for i, t in enumerate(entries or [])}
    added: list[str] = []
    skipped: list[tuple[str, str]] = []
    inline = isinstance(entries, Array)
    for url, title in feeds:
        key = _feed_key(url)
        if key in known:
            where = known[key]
            skipped.append((url, f"already configured (feeds[{where}])" if where >= 0
                            else "listed twice in the file"))
            continue
        known[key] = -1
        value: Any = url
        if title and not inline:
            value = tomlkit.item(url)
            value.comment(title)
        _append_table(doc, "feeds", {"url": value})
        entries = _aot(doc, "feeds")
        added.append(url)
    return tomlkit.dumps(doc), added, skipped


def remove_feed(text: str, url: str) -> str:
    doc = tomlkit.parse(text)
    entries = _aot(doc, "feeds")
    index = _find(entries, "url", url)
    if index is None:
        known = "\n  ".join(str(t.get("url")) for t in entries or []) or "none"
        raise EditError("feeds", f"no feed with url {url!r}; the configured feeds are:\n  {known}")
    _remove_table(doc, "feeds", index)
    return tomlkit.dumps(doc)


# ---- validate and write ---------------------------------------------------------------------


def validate(text: str, path: Path | str) -> Settings:
    """The settings ``text`` would load as; ConfigError (naming the key) if it is invalid."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(path, [("", f"the edit would not be valid TOML: {e}")]) from None
    return parse_settings(data, path)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so readers see the old file or the new one, never a mix.

    Temp file in the same folder (os.replace is atomic only within a file system), fsync, rename,
    fsync the folder so the rename itself survives a crash. The file keeps its permissions.
    """
    path = Path(os.path.realpath(path))  # edit the target of a symlink, not the link
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialise editors of one file (two `claims add` at once must not lose one of the edits).

    The lock is on the file itself; after a rename the lock holder may hold the old inode, so
    re-check that the locked file is still the one at ``path``.
    """
    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                yield
                return
        finally:
            os.close(fd)


def edit_file(path: Path | str, edit: Callable[[str], str]) -> Settings:
    """Apply ``edit`` to the file's text, validate the result, then write it atomically.

    On any error (ConfigError naming the key) the file is left exactly as it was.
    """
    path = Path(path)
    if not path.exists():
        raise ConfigError(path, [("", "file not found; pass --config PATH or set RUMOUR_MONITOR_CONFIG")])
    real = Path(os.path.realpath(path))
    with _locked(real):
        try:
            old = real.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError(path, [("", "not UTF-8 text; save the file as UTF-8")]) from None
        try:
            new = edit(old)
        except EditError as e:
            raise ConfigError(path, [(e.key, e.message)]) from None
        except tomlkit.exceptions.ParseError as e:
            raise ConfigError(path, [("", f"not valid TOML: {e}")]) from None
        settings = validate(new, path)
        try:
            write_atomic(real, new)
        except OSError as e:  # e.g. a read-only mount: say so instead of a stack trace
            raise ConfigError(
                path, [("", f"cannot write {real.parent}: {e.strerror}; the file is unchanged")]
            ) from None
    return settings
