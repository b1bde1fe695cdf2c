"""The write path's fast lane: statements compiled once per dialect, run with plain tuples.

``conn.execute(statement, [dict, ...])`` builds a parameter set and runs each column type's bind
processor for every row; for the thousands of rows of a poll cycle that costs more CPU than the
database's own work. ``Statements`` keeps each statement compiled once (``Prepared``) and converts
rows with the very processors SQLAlchemy would use, so the stored values are the same. Only the
hot inserts and lookups of a poll (items, evidence, feed states) go this way; everything else uses
SQLAlchemy as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import chain
from json.encoder import encode_basestring_ascii
from typing import Any

from sqlalchemy import ClauseElement, Column, Connection, Dialect, Table, bindparam, insert
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any]
# A statement and the names of its parameters, in the order the caller gives their values.
Built = tuple[Any, list[str]]

# JSON values remembered per column by Statements.json_of before its cache starts over.
_JSON_CACHE = 8192
# Sizes of the IN (...) lists of lookups: keys are padded up to one of them, so that a few
# compiled statements serve every feed. 256 keys (twice, in a union) stay under 999 parameters.
IN_SIZES = (4, 16, 64, 256)


def convert_one(proc: Processor | None, value: Any) -> Any:
    return value if proc is None else proc(value)


def same(value: Any) -> Any:
    return value


def dumps_strings(values: Sequence[str]) -> str:
    """``json.dumps(list(values))`` for plain strings, without the encoder json.dumps builds
    on every call (most of its cost for a short list)."""
    return "[" + ", ".join(map(encode_basestring_ascii, values)) + "]"


# Strings a JSON encoder could treat differently: quotes, escapes, controls, non-ASCII.
_JSON_SAMPLES: tuple[tuple[str, ...], ...] = (
    (), ("",), ("term",), ('a "quoted" \\ word', "tab\tnew\nline\x00\x1f", "é ü ✓ 𝔸 \u2028", "</b>&'"),
)


def _dumps_strings_matches(proc: Processor) -> bool:
    """Whether a JSON bind processor writes lists of strings exactly as dumps_strings does
    (the default serializer does; an engine configured with another one may not)."""
    try:
        return all(proc(list(v)) == dumps_strings(v) for v in _JSON_SAMPLES)
    except Exception:  # noqa: BLE001 - any doubt: keep the processor
        return False


class Prepared:
    """A statement compiled once for one dialect, run with plain tuples through exec_driver_sql.

    A row is a tuple of ``names``' values, converted by ``convert``; a value shared by many rows
    (the batch's time) can be converted once by the caller and left out. A multi-row INSERT
    (names ``column_row``) runs with the rows of its single-row form, each converted by that form.
    """

    __slots__ = ("sql", "names", "procs", "_order", "_named")

    def __init__(self, stmt: ClauseElement, names: Sequence[str], dialect: Dialect) -> None:
        compiled = stmt.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)  # a DML or SELECT statement, never DDL
        self.sql: str = compiled.string
        self.names = tuple(names)
        binds = compiled.binds
        # Each parameter's bind processor, as SQLAlchemy would run it (None: the value as is).
        self.procs: tuple[Processor | None, ...] = tuple(
            binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in self.names
        )
        self._named = not dialect.positional
        self._order: tuple[int, ...] | None = None
        if self._named:
            unknown = set(binds) - set(self.names)
            if unknown:
                raise ValueError(f"statement parameters not given by the caller: {sorted(unknown)}")
        else:
            index = {n: k for k, n in enumerate(self.names)}
            order = tuple(index[n] for n in compiled.positiontup or ())  # KeyError: one not given
            if order != tuple(range(len(self.names))):
                self._order = order

    def convert(
        self, rows: Iterable[tuple[Any, ...]], done: frozenset[int] | set[int] = frozenset()
    ) -> list[tuple[Any, ...]]:
        """``rows`` with every value through its column's bind processor, but those at ``done``."""
        todo = [(k, p) for k, p in enumerate(self.procs) if p is not None and k not in done]
        if not todo:
            return list(rows)
        out: list[tuple[Any, ...]] = []
        for row in rows:
            values = list(row)
            for k, p in todo:
                values[k] = p(values[k])
            out.append(tuple(values))
        return out

    def _params(self, values: tuple[Any, ...]) -> tuple[Any, ...] | dict[str, Any]:
        if self._named:
            return dict(zip(self.names, values, strict=True))
        if self._order is None:
            return values
        return tuple([values[k] for k in self._order])

    def execute(self, conn: Connection, rows: Sequence[tuple[Any, ...]]) -> Any:
        """Run once with ``rows`` (converted): one row, or the rows of a multi-row INSERT."""
        values = rows[0] if len(rows) == 1 else tuple(chain.from_iterable(rows))
        if len(values) != len(self.names):
            raise ValueError(f"{len(values)} values for {len(self.names)} parameters")
        return conn.exec_driver_sql(self.sql, self._params(values))

    def executemany(self, conn: Connection, rows: list[tuple[Any, ...]]) -> None:
        """Run once per row (converted), as one executemany."""
        if not rows:
            return
        params = rows if not self._named and self._order is None else [self._params(r) for r in rows]
        conn.exec_driver_sql(self.sql, params)


class Statements:
    """The prepared statements of one engine (one dialect), and the JSON values they reuse."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self._prepared: dict[Hashable, Prepared] = {}
        self._json_values: dict[int, dict[tuple[str, ...], Any]] = {}  # column -> see json_of
        self._json_fast: dict[int, bool] = {}  # column -> its processor is json.dumps

    def get(self, key: Hashable, build: Callable[[], Built]) -> Prepared:
        """The statement ``build`` makes, compiled the first time it is asked for."""
        p = self._prepared.get(key)
        if p is None:
            stmt, names = build()
            p = self._prepared[key] = Prepared(stmt, names, self.dialect)
        return p

    def lookup(
        self,
        conn: Connection,
        kind: str,
        build: Callable[[int], Built],
        keys: Sequence[str],
        *extra: Any,
    ) -> list[Any]:
        """Rows of the lookup ``build(n)`` (a SELECT over n keys, then ``extra``) for ``keys``, in
        chunks padded to one of IN_SIZES by repeating the last key (a repeat in IN (...) changes
        nothing): a handful of compiled statements serve any number of keys."""
        out: list[Any] = []
        for start in range(0, len(keys), IN_SIZES[-1]):
            chunk = list(keys[start : start + IN_SIZES[-1]])
            n = next(size for size in IN_SIZES if size >= len(chunk))
            chunk += [chunk[-1]] * (n - len(chunk))
            p = self.get((kind, n), lambda n=n: build(n))  # type: ignore[misc]
            (values,) = p.convert([(*chunk, *extra)])
            out.extend(p.execute(conn, [values]))
        return out

    def json_of(
        self, column: int, procs: Sequence[Processor | None]
    ) -> Callable[[tuple[str, ...]], Any]:
        """A column's JSON bind value of a tuple of strings, remembered (matched term lists
        recur: in the bench, one distinct list per eight rows), and for lists of plain strings
        written without json.dumps' per-call encoder when that gives the same text."""
        proc = procs[column] or same
        fast = self._json_fast.get(column)
        if fast is None:
            fast = self._json_fast[column] = _dumps_strings_matches(proc)
        cache = self._json_values.setdefault(column, {})

        def convert(value: tuple[str, ...]) -> Any:
            out = cache.get(value)
            if out is None:
                if len(cache) >= _JSON_CACHE:
                    cache.clear()
                plain = fast and all(type(x) is str for x in value)
                out = cache[value] = dumps_strings(value) if plain else proc(list(value))
            return out

        return convert


def row_name(column: str, row: int) -> str:
    return f"{column}_{row}"


def bind(column: Column[Any], name: str) -> Any:
    return bindparam(name, type_=column.type)


def insert_values(table: Table, columns: Sequence[str], rows: int) -> Built:
    """INSERT INTO table (columns) VALUES (...) x rows; parameters named column_row."""
    values = [{c: bind(table.c[c], row_name(c, k)) for c in columns} for k in range(rows)]
    names = [row_name(c, k) for k in range(rows) for c in columns]
    # inline(): no implicit RETURNING of the new id (PostgreSQL would add one for one row).
    return insert(table).values(values).inline(), names


def in_binds(column: Column[Any], n: int) -> tuple[list[Any], list[str]]:
    names = [f"k{j}" for j in range(n)]
    return [bind(column, name) for name in names], names
