"""The README's screenshots of the web page, taken the way the browser test takes its own
(tests/helpers/browser.py: the distribution's headless Chromium).

    make demo                                    # keeps its folder and prints its config path
    .venv/bin/python scripts/web_screenshots.py --config /tmp/rumour-monitor-demo-XXXX/monitor.toml

Serves the database of that configuration read only on a free port and writes docs/web-board.png
and docs/web-claim-<id>.png for each claim.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    # The browser test's own helpers (tests/helpers/browser.py): the same Chromium, the same way.
    sys.path.insert(0, str(REPO / "tests"))
    from helpers.browser import find_chromium, screenshot
    from helpers.webhook_receiver import free_port

    from monitor.settings import load_settings
    from monitor.store.db import make_engine
    from monitor.store.repo import Store
    from monitor.web.app import WebContext
    from monitor.web.server import WebThread

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--out", type=Path, default=REPO / "docs")
    args = p.parse_args()
    if find_chromium() is None:
        print("no chromium: apt-get install -y chromium", file=sys.stderr)
        return 2
    loaded = load_settings(args.config)
    store = Store(make_engine(loaded.database_url))
    web = WebThread(WebContext(loaded, store, writable=False), f"127.0.0.1:{free_port()}")
    web.start()
    args.out.mkdir(exist_ok=True)
    try:
        base = web.url.rstrip("/")
        print(screenshot(f"{base}/", args.out / "web-board.png", height=560))
        for claim in store.claims():
            print(screenshot(f"{base}/claims/{claim['id']}", args.out / f"web-claim-{claim['id']}.png",
                             height=1100))
    finally:
        web.stop()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
