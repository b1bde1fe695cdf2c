"""Fault 12: the SQLite file deleted or replaced under the running daemon. It kept writing to
the unlinked file and said nothing; now it stops with a clear error and exit code 1 (so that a
supervisor restarts it on the file now at that path), and the CLI says when it creates a new,
empty database."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from helpers.cli import cli, write_config
from helpers.daemon import Daemon
from helpers.feeds import RUMOUR_RSS
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

pytestmark = pytest.mark.faults

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
[polling]
interval = 1
min_interval = 1
jitter = 0
[daemon]
poll_check = 0.5
heartbeat = 0.5
[logging]
format = "json"
[[feeds]]
url = "{feed}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
"""


def _started(config: Path) -> Daemon:
    daemon = Daemon(config)
    wait_until(lambda: daemon.events("feed.polled"), what="a first poll")
    return daemon


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_the_daemon_stops_when_its_database_file_goes(
    tmp_path: Path, feed_server: FeedServer, how: str
) -> None:
    config = write_config(
        tmp_path / "monitor.toml", CONFIG.format(feed=feed_server.route("/f.xml", body=RUMOUR_RSS))
    )
    db = tmp_path / "data" / "monitor.db"
    daemon = _started(config)
    try:
        if how == "deleted":
            for f in db.parent.glob("monitor.db*"):
                f.unlink()
        else:  # a restore from a backup copied over it: a new file at the same path
            shutil.copy(db, tmp_path / "backup.db")
            db.unlink()
            shutil.copy(tmp_path / "backup.db", db)
        code = daemon.proc.wait(timeout=30)
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    assert code == 1
    [lost] = daemon.events("database.file_lost")
    assert how in lost["problem"] and lost["path"] == str(db)
    assert daemon.events("daemon.stopped")[-1]["error"] == lost["problem"]
    if how == "deleted":
        # The CLI says it made a new, empty database rather than showing one silently.
        out = cli(config, "status")
        assert f"no database at {db}: created a new, empty one" in out.stderr
