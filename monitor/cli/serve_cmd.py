"""`serve`: the web page, API, Atom feeds and metrics in a read-only process beside the workers."""

from __future__ import annotations

import argparse
import sys

from monitor.cli.context import CliContext, CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the web page and API, read only (the daemon serves them too: [http] listen)",
    )
    p.add_argument("--listen", metavar="HOST:PORT",
                   help="address to listen on (default: [http] listen, else 127.0.0.1:8787)")
    p.set_defaults(handler=cmd_serve)


def cmd_serve(args: argparse.Namespace, ctx: CliContext) -> int:
    from monitor.logs import configure_logging
    from monitor.store.db import current_revision, head_revision, make_engine, sqlite_file_missing
    from monitor.store.repo import Store
    from monitor.web.app import WebContext
    from monitor.web.server import serve

    loaded = ctx.settings()
    s = loaded.settings.logging
    configure_logging(level=ctx.log_level or s.level, fmt=s.format, stream=sys.stdout)
    ctx._logging_done = True
    url = loaded.database_url
    missing = sqlite_file_missing(url)
    if missing is not None:
        raise CliError(f"no database at {missing}: start the daemon (`rumour-monitor run`) or "
                       "poll once (`rumour-monitor poll`) first")
    # Read only: no migration, no sync of the configuration; the workers own the schema.
    store = Store(make_engine(url))
    if current_revision(store.engine) != head_revision(store.engine):
        store.close()
        raise CliError("the database's schema is not this version's: start the daemon "
                       "(`rumour-monitor run`) once to upgrade it, then serve")
    listen = args.listen or loaded.settings.http.listen or "127.0.0.1:8787"
    try:
        return serve(WebContext(loaded, store, writable=False), listen)
    finally:
        store.close()
