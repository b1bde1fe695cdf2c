"""The web page and API over HTTP, against a real uvicorn server, on SQLite and PostgreSQL: the
database is filled by real polls of a local feed server through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import httpx
import pytest
from helpers.cli import cli, cli_json
from helpers.feedserver import FeedServer
from helpers.web import TOKEN, WEBHOOK_SECRET, add_candidate, web_server, write_web_config

CLAIM = "xiaomi-baic"


@pytest.fixture
def polled(tmp_path: Path, db_url: str, feed_server: FeedServer) -> Path:
    """A database after two polls: the rumour (reports), then Xiaomi's newsroom confirming it."""
    config = write_web_config(tmp_path, db_url, feed_server)
    cli(config, "poll", "--all")
    cli(config, "poll", "--all")
    assert {c["id"]: c["status"] for c in cli_json(config, "status")}[CLAIM] == "confirmed"
    return config


def test_api_answers_as_the_cli_does(polled: Path) -> None:
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        claims = http.get("/api/claims")
        assert claims.status_code == 200
        assert claims.json() == cli_json(polled, "status")
        assert claims.headers["x-total-count"] == "2"
        assert http.get("/api/history").json() == cli_json(polled, "history")
        assert http.get(f"/api/claims/{CLAIM}/history").json() == cli_json(polled, "history", CLAIM)
        assert http.get(f"/api/claims/{CLAIM}/evidence").json() == cli_json(polled, "evidence", CLAIM)
        assert http.get("/api/review").json() == cli_json(polled, "evidence", "--review")
        assert http.get("/api/feeds").json() == cli_json(polled, "feeds")
        assert http.get("/api/deliveries").json() == cli_json(polled, "deliveries")

        one = http.get(f"/api/claims/{CLAIM}").json()
        assert one["status"] == "confirmed" and one["official_sources"] == ["mi.com", "xiaomi.com"]
        assert "official" in one["reason"] and one["evidence_by_stance"]["confirms"]["official"] == 1
        # its counts are the claim's own, as the list gives them (counted for that claim alone)
        listed = next(c for c in http.get("/api/claims").json() if c["id"] == CLAIM)
        assert one["evidence"] == listed["evidence"] >= 1
        assert (one["candidates"], one["rejected"]) == (listed["candidates"], listed["rejected"])

        # Paginated: a page of one, the total and the next page in the headers.
        first = http.get("/api/claims", params={"limit": 1})
        assert [c["id"] for c in first.json()] == ["tesla-india"]
        assert first.headers["x-total-count"] == "2"
        nxt = re.fullmatch(r'<(.+)>; rel="next"', first.headers["link"])
        assert nxt is not None
        second = http.get(nxt.group(1))
        assert [c["id"] for c in second.json()] == [CLAIM] and "link" not in second.headers
        assert [c["id"] for c in http.get("/api/claims", params={"status": "confirmed"}).json()] == [CLAIM]
        assert [c["id"] for c in http.get("/api/claims", params={"q": "TESLA"}).json()] == ["tesla-india"]

        # Clear errors: an unknown claim, a bad parameter.
        missing = http.get("/api/claims/no-such-claim")
        assert missing.status_code == 404 and "no-such-claim" in missing.json()["error"]
        bad = http.get("/api/claims", params={"limit": 0})
        assert bad.status_code == 422 and "limit" in bad.json()["error"]

        spec = http.get("/api/openapi.json").json()
        assert {"/api/claims", "/api/claims/{claim_id}", "/api/claims/{claim_id}/history",
                "/api/claims/{claim_id}/evidence", "/api/feeds", "/api/deliveries"} <= set(spec["paths"])


def test_pages_show_claims_chart_and_evidence(polled: Path) -> None:
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        board = http.get("/")
        assert board.status_code == 200
        html = board.text
        assert 'data-status="confirmed"' in html and 'data-status="unverified"' in html
        assert f'href="/claims/{CLAIM}"' in html
        assert "default-src 'none'" in board.headers["content-security-policy"]
        filtered = http.get("/", params={"status": "unverified"}).text
        assert "tesla-india" in filtered and f'href="/claims/{CLAIM}"' not in filtered
        assert "No claim matches" in http.get("/", params={"q": "nothing like this"}).text

        page = http.get(f"/claims/{CLAIM}").text
        assert "<svg" in page and 'class="line confirms"' in page and 'class="line reports"' in page
        assert "Xiaomi officially confirms its electric car partnership with BAIC" in page
        assert "Xiaomi reportedly in talks with BAIC" in page
        assert "unverified</span> → <span class=\"badge confirmed\"" in page  # the timeline
        assert "mi.com" in page and "score" in page
        # The feed's "<img src=x onerror=..." is text on the page, never a tag.
        assert "&lt;img src=x onerror=alert(1)" in page and "<img src=x" not in page

        feeds = http.get("/feeds").text
        assert "technode.com" in feeds and 'class="feed ok"' in feeds
        assert http.get("/review").status_code == 200
        assert http.get("/deliveries").status_code == 200
        assert http.get("/static/style.css").status_code == 200
        missing = http.get("/claims/nope", headers={"accept": "text/html"})
        assert missing.status_code == 404 and "no claim &#39;nope&#39;" in missing.text


def test_atom_feeds_are_valid(polled: Path) -> None:
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        every = http.get("/changes.atom")
        assert every.headers["content-type"].startswith("application/atom+xml")
        parsed = feedparser.parse(every.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        (entry,) = parsed.entries
        assert entry.title == f"{CLAIM}: unverified → confirmed"
        assert entry.link == f"{base}/claims/{CLAIM}"
        assert "official" in entry.summary
        one = feedparser.parse(http.get(f"/claims/{CLAIM}/changes.atom").content)
        assert not one.bozo and [e.id for e in one.entries] == [entry.id]
        quiet = feedparser.parse(http.get("/claims/tesla-india/changes.atom").content)
        assert not quiet.bozo and quiet.entries == [] and quiet.feed.title
        assert http.get("/claims/nope/changes.atom").status_code == 404


def _history(config: Path, claim: str = CLAIM) -> list[dict[str, object]]:
    return cli_json(config, "history", claim)


def test_writes_need_the_token(polled: Path) -> None:
    before = _history(polled)
    form = {"status": "denied", "reason": "retracted by the company"}
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        # No token, a wrong one, a login cookie without the form's CSRF token: refused.
        assert http.post(f"/api/claims/{CLAIM}/status", json=form).status_code == 401
        wrong = {"authorization": "Bearer not-the-token-at-all"}
        assert http.post(f"/api/claims/{CLAIM}/status", json=form, headers=wrong).status_code == 401
        assert http.post(f"/claims/{CLAIM}/status", data=form).status_code == 401
        bad_login = http.post("/login", data={"token": "guess-guess-guess-guess"})
        assert bad_login.status_code == 401 and "rm_session" not in bad_login.headers.get("set-cookie", "")
        login = http.post("/login", data={"token": TOKEN})
        assert login.status_code == 303
        cookie = re.search(r"rm_session=([0-9a-f]+)", login.headers["set-cookie"])
        assert cookie is not None and TOKEN not in login.headers["set-cookie"]
        for flag in ("HttpOnly", "Secure", "SameSite=strict"):
            assert flag.lower() in login.headers["set-cookie"].lower()
        session = {"cookie": f"rm_session={cookie.group(1)}"}
        assert http.post(f"/claims/{CLAIM}/status", data=form, headers=session).status_code == 403
        assert _history(polled) == before  # nothing changed

        # With the bearer token: done, and recorded as made on the web.
        ok = http.post(f"/api/claims/{CLAIM}/status", json=form,
                       headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and "confirmed → denied" in ok.json()["message"]
        after = _history(polled)
        assert len(after) == len(before) + 1
        assert (after[-1]["to"], after[-1]["actor"]) == ("denied", "web")
        assert after[-1]["reason"] == "set by hand: retracted by the company"

        # With the login cookie and the page's CSRF token: the claim page's unpin form.
        page = http.get(f"/claims/{CLAIM}", headers=session).text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf is not None and "Unpin" in page
        other_site = {**session, "origin": "https://evil.example"}
        assert http.post(f"/claims/{CLAIM}/unpin", data={"csrf": csrf.group(1)},
                         headers=other_site).status_code == 403
        unpinned = http.post(f"/claims/{CLAIM}/unpin", data={"csrf": csrf.group(1)}, headers=session)
        assert unpinned.status_code == 200 and "unpinned" in unpinned.text
        assert _history(polled)[-1]["to"] == "confirmed"  # the rules judge it again

        # Reviewing a candidate: an unknown id is a clear 404.
        missing = http.post("/api/evidence/999999/review", json={"verdict": "accepted"},
                            headers={"authorization": f"Bearer {TOKEN}"})
        assert missing.status_code == 404 and "999999" in missing.json()["error"]

    # `serve` is read only: even the token cannot write there.
    with web_server(polled, writable=False) as base, httpx.Client(base_url=base) as http:
        refused = http.post(f"/api/claims/{CLAIM}/unpin", headers={"authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 403 and "read only" in refused.json()["error"]


def test_review_and_redeliver(polled: Path) -> None:
    candidate = add_candidate(polled, CLAIM, "Xiaomi and BAIC could team up on cars, analyst says")
    cli(polled, "deliver", "--once", check=False)  # the receiver is not there: the attempt fails
    (delivery,) = cli_json(polled, "deliveries")
    assert delivery["attempts"] == 1 and delivery["state"] == "pending"
    bearer = {"authorization": f"Bearer {TOKEN}"}
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        # In the browser: log in, the review page offers the candidate, accept it.
        login = http.post("/login", data={"token": TOKEN})
        cookie = re.search(r"rm_session=([0-9a-f]+)", login.headers["set-cookie"])
        assert cookie is not None
        session = {"cookie": f"rm_session={cookie.group(1)}"}
        page = http.get("/review", headers=session).text
        assert f'action="/review/{candidate}"' in page
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        assert csrf is not None
        refused = http.post(f"/review/{candidate}", data={"verdict": "accepted"}, headers=session)
        assert refused.status_code == 403  # no CSRF token
        anonymous = http.post(f"/review/{candidate}", data={"verdict": "accepted", "csrf": "x"})
        assert anonymous.status_code == 401
        (untouched,) = [e for e in cli_json(polled, "evidence", "--review") if e["id"] == candidate]
        assert untouched["review"] is None  # nothing changed
        done = http.post(f"/review/{candidate}", data={"verdict": "accepted", "csrf": csrf.group(1)},
                         headers=session)
        assert done.status_code == 200 and f"evidence {candidate} accepted for {CLAIM}" in done.text
        (reviewed,) = [e for e in cli_json(polled, "evidence", "--review") if e["id"] == candidate]
        assert reviewed["review"] == "accepted"
        # The review page's status form: set, then unpin, a claim named by its id.
        form = {"csrf": csrf.group(1), "claim_id": "tesla-india", "status": "denied",
                "reason": "the company said no"}
        assert http.post("/set-status", data=form, headers=session).status_code == 200
        assert _history(polled, "tesla-india")[-1]["actor"] == "web"
        unpin = {**form, "status": "unpin"}
        assert "unpinned" in http.post("/set-status", data=unpin, headers=session).text
        nobody = http.post("/set-status", data={**form, "claim_id": "nobody"}, headers=session)
        assert nobody.status_code == 404
        bad = http.post(f"/api/evidence/{candidate}/review", json={"verdict": "maybe"}, headers=bearer)
        assert bad.status_code == 422 and "verdict" in bad.json()["error"]

        # A script: redeliver over the API; the delivery is queued again, its earlier attempts kept.
        assert http.post(f"/api/deliveries/{delivery['id']}/redeliver").status_code == 401
        def attempts() -> int:
            (row,) = [d for d in cli_json(polled, "deliveries") if d["id"] == delivery["id"]]
            return int(row["attempts"])

        assert attempts() == 1
        ok = http.post(f"/api/deliveries/{delivery['id']}/redeliver", headers=bearer)
        assert ok.status_code == 200 and "queued again" in ok.json()["message"]
        pending = http.get("/api/deliveries", params={"state": "pending"}).json()
        (again,) = [d for d in pending if d["id"] == delivery["id"]]
        assert again["attempts"] == 1 and again["redelivered"] and again["event_id"] == delivery["event_id"]
        assert [a["status"] for a in again["attempt_log"]] == [a["status"] for a in delivery["attempt_log"]]
        assert http.get("/api/deliveries", params={"state": "dead"}).json() == []
        assert http.post("/api/deliveries/99999/redeliver", headers=bearer).status_code == 404


def test_serve_reads_and_never_writes(polled: Path) -> None:
    """`rumour-monitor serve` as its own process: it answers from the database as it is, and
    does not even sync the configuration (a claim added to the file stays unknown to it)."""
    import subprocess
    import sys

    from helpers.cli import REPO
    from helpers.wait import wait_until
    from helpers.webhook_receiver import free_port

    text = polled.read_text() + '\n[[claims]]\nid = "added-later"\ntext = "Something new happens"\n'
    polled.write_text(text)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "--config", str(polled), "serve", "--listen", f"127.0.0.1:{port}"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            def up() -> bool | None:
                try:
                    return http.get("/healthz").status_code == 200 or None
                except httpx.TransportError:
                    return None

            wait_until(up, what="serve to answer")
            ids = [c["id"] for c in http.get("/api/claims").json()]
            assert ids == ["tesla-india", CLAIM]
            ready = http.get("/readyz")
            assert ready.status_code == 503 and "no daemon" in ready.text  # only polls ran
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    assert "web.stopped" in out


def test_without_a_token_nothing_can_write(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_web_config(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", feed_server, token="")
    cli(config, "poll", "--all")
    with web_server(config) as base, httpx.Client(base_url=base) as http:
        refused = http.post(f"/api/claims/{CLAIM}/unpin", headers={"authorization": "Bearer x"})
        assert refused.status_code == 403 and "[http] token" in refused.json()["error"]
        assert http.post("/login", data={"token": "x"}).status_code == 401
        assert "Log in" not in http.get("/").text


def test_no_secret_in_any_answer(polled: Path, feed_server: FeedServer) -> None:
    # A private feed whose URL carries a password: polled, listed, never shown.
    private = feed_server.route("/private.xml", body=b"<rss version='2.0'><channel><title>P</title></channel></rss>")
    private = private.replace("http://", "http://reader:feed-password-42@")
    polled.write_text(polled.read_text() + f'\n[[feeds]]\nurl = "{private}"\n')
    cli(polled, "poll", "--all")
    paths = ["/", f"/claims/{CLAIM}", "/review", "/feeds", "/deliveries", "/login", "/changes.atom",
             "/api/claims", f"/api/claims/{CLAIM}", "/api/history", "/api/feeds", "/api/deliveries",
             "/api/openapi.json", "/metrics", "/readyz", "/healthz"]
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        http.post("/login", data={"token": TOKEN})
        for path in paths:
            r = http.get(path)
            assert r.status_code in (200, 503), path
            for secret in (TOKEN, WEBHOOK_SECRET, WEBHOOK_SECRET.removeprefix("whsec_"),
                           "feed-password-42"):
                assert secret not in r.text, f"{path} shows a secret"
                assert secret not in str(r.headers), f"{path} shows a secret in its headers"
        assert "http://***@127.0.0.1" in http.get("/feeds").text
        assert any(f["url"].startswith("http://***@127.0.0.1") for f in http.get("/api/feeds").json())


def test_request_bodies_are_limited(polled: Path) -> None:
    with web_server(polled) as base, httpx.Client(base_url=base) as http:
        big = http.post("/login", content=b"token=" + b"x" * 200_000,
                        headers={"content-type": "application/x-www-form-urlencoded"})
        assert big.status_code == 413 and "max_body_bytes" in big.text

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(100):
                yield b"x" * 10_000

        streamed = http.post("/login", content=chunks(),
                             headers={"content-type": "application/x-www-form-urlencoded"})
        assert streamed.status_code == 413


def test_listening_beyond_loopback_needs_a_token(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_web_config(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", feed_server, token="")
    text = config.read_text().replace('token = ""', 'token = ""\nlisten = "0.0.0.0:8787"')
    config.write_text(text)
    check = cli(config, "check-config", check=False)
    assert check.returncode == 2
    assert "http.listen" in check.stderr and "[http] token" in check.stderr
    config.write_text(text.replace('listen = "0.0.0.0:8787"\n', ""))
    cli(config, "poll", "--all")
    refused = cli(config, "serve", "--listen", "0.0.0.0:18999", check=False)
    assert refused.returncode == 2 and "not a loopback address" in refused.stderr


def test_pages_answer_while_the_daemon_writes(polled: Path) -> None:
    """A write transaction held open (a poll being stored) does not hold up the page: readers
    take no write lock (on SQLite they read the last commit; PostgreSQL's readers never wait)."""
    import threading

    from sqlalchemy import text

    from monitor.settings import load_settings
    from monitor.store.repo import Store

    store = Store.open(load_settings(polled).database_url)
    writing, answered = threading.Event(), threading.Event()
    held_through: list[bool] = []

    def write() -> None:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE claims SET text = text WHERE id = 'tesla-india'"))
            writing.set()
            held_through.append(answered.wait(20))  # the write ends only after the page answered

    writer = threading.Thread(target=write)
    try:
        with web_server(polled) as base, httpx.Client(base_url=base, timeout=30) as http:
            writer.start()
            assert writing.wait(10)
            assert http.get("/").status_code == 200
            assert http.get("/api/claims").status_code == 200
            answered.set()
            writer.join(30)
    finally:
        answered.set()
        store.close()
    assert held_through == [True]
