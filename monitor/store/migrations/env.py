"""Alembic environment: runs on the engine handed over by monitor.store.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from monitor.store.schema import metadata

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # the alembic command line: `alembic -x url=... revision --autogenerate`
    engine = create_engine(context.get_x_argument(as_dictionary=True)["url"])



def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


given = config.attributes.get("connection")  # held under the migration lock by the caller
if given is not None:
    run(given)
else:
    with engine.connect() as conn:
        run(conn)
