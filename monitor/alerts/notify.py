"""Notification channels through Apprise: `[[notify]] url = "slack://..."` (any Apprise URL).

A channel is one more endpoint of the outbox: its rows are written in the status change's
transaction like a webhook's, keyed ``notify:<url>``, and the relay (`monitor.alerts.relay`)
retries them on the same schedule. Here: the outbox key, the message a person reads on a phone
(pure, from the stored webhook payload), the redacted URL for logs and output, and one attempt.

Apprise opens its own connections (requests, smtplib); before each attempt the URL's host is
checked against the same private-address rule as feeds and webhooks.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from monitor.settings import AlertEndpoint, NotifySettings

NOTIFY_PREFIX = "notify:"
# Characters of the attempt's error kept (Apprise's own words for what failed).
ERROR_CHARS = 300


def endpoint_key(ep: AlertEndpoint) -> str:
    """The endpoint as the outbox stores it: a webhook's URL, or ``notify:`` + the channel's."""
    return NOTIFY_PREFIX + ep.url if isinstance(ep, NotifySettings) else ep.url


def is_notify_key(endpoint: str) -> bool:
    return endpoint.startswith(NOTIFY_PREFIX)


def redact_notify_url(url: str) -> str:
    """A channel's URL for logs and output: Apprise's own privacy form (tokens and passwords
    cut to their first and last character), without its options; unknown URLs show their
    scheme only."""
    import apprise

    url = url.removeprefix(NOTIFY_PREFIX)
    plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    scheme = urlsplit(url).scheme or "?"
    if plugin is None:
        return f"{NOTIFY_PREFIX}{scheme}://***"
    private = str(plugin.url(privacy=True)).split("?", 1)[0]
    return NOTIFY_PREFIX + private + ("?***" if "?" in url else "")


# --- the message (pure) --------------------------------------------------------------------------

_STATUS_TITLES = {
    "confirmed": "Confirmed",
    "denied": "Denied",
    "disputed": "Disputed",
    "unverified": "Unverified again",
}


def notification_message(payload: Mapping[str, Any]) -> tuple[str, str]:
    """(title, body) of a notification, from the webhook payload stored in the outbox row:
    "Confirmed: <claim>", then the reason and each piece of evidence with its link."""
    data = payload.get("data") or {}
    if payload.get("type") != "claim.status_changed":
        return "rumour-monitor", str(data.get("message") or payload.get("type") or "")
    claim = data.get("claim") or {}
    title = f"{_STATUS_TITLES.get(data.get('to', ''), str(data.get('to')))}: {claim.get('text', '')}"
    lines = [
        f"{claim.get('id', '')}: {data.get('from')} -> {data.get('to')}",
        str(data.get("reason") or ""),
    ]
    for e in data.get("evidence") or []:
        lines.append("")
        lines.append(f"- {e.get('source') or '?'} ({e.get('stance')}, {e.get('source_tier')}): "
                     f"{e.get('title') or ''}")
        if e.get("url"):
            lines.append(f"  {e['url']}")
    return title, "\n".join(lines).strip()


# --- one attempt ---------------------------------------------------------------------------------


def _host_refusal(url: str, allow_private: bool) -> str | None:
    """Why the channel's host may not be connected to (a private address), or None."""
    if allow_private:
        return None
    import httpcore

    from monitor.netpolicy import BlockedAddress, checked_addresses

    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
        if host:
            checked_addresses(host, port or 443, allow_private=False)
    except BlockedAddress as e:
        return f"refused: {e}"
    except (httpcore.ConnectError, ValueError):
        # Not a host name (a service's token, e.g. tgram://BOT:TOKEN/CHAT): Apprise connects to
        # the service's own public API host.
        return None
    return None


def _secret_parts(url: str) -> set[str]:
    """The pieces of a URL that may be secrets: user, password, tokens in the host or path,
    query values; not a dotted host name and not a port."""
    parts = urlsplit(url)
    pieces = re.split(r"[:@]", parts.netloc) + parts.path.split("/")
    pieces += [kv.split("=", 1)[1] for kv in parts.query.split("&") if "=" in kv]
    return {
        p for p in pieces
        if len(p) >= 4 and not (p.isdigit() and len(p) <= 5) and not re.fullmatch(r"[\w-]+(\.[\w-]+)+", p)
    }


def _scrub(text: str, url: str) -> str:
    """Apprise's log lines without the URL's secrets, should a plugin repeat them."""
    for secret in sorted(_secret_parts(url), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def with_timeouts(url: str, timeout: float) -> str:
    """The URL with Apprise's connect and read timeouts (``cto``, ``rto``: every plugin reads
    them) set from the channel's ``timeout``, unless the URL sets its own."""
    parts = urlsplit(url)
    given = {kv.split("=", 1)[0].lower() for kv in parts.query.split("&") if kv}
    extra = [f"{k}={timeout:g}" for k in ("cto", "rto") if k not in given]
    if not extra:
        return url
    query = "&".join([parts.query, *extra] if parts.query else extra)
    return parts._replace(query=query).geturl()


def send_notification(
    url: str, title: str, body: str, *, allow_private: bool, timeout: float = 30.0
) -> tuple[bool, int | None, str | None, float]:
    """Send one notification with Apprise: (sent, HTTP status if Apprise named one, error,
    seconds taken). Never raises for delivery trouble. ``timeout`` bounds each connect and each
    read (Apprise's own limits), so an attempt ends within the relay's lease."""
    import apprise

    started = time.monotonic()
    refused = _host_refusal(url, allow_private)
    if refused:
        return False, None, refused, time.monotonic() - started
    channel = apprise.Apprise()
    if not channel.add(with_timeouts(url, timeout)):
        return False, None, "not a notification URL Apprise knows", time.monotonic() - started
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
        try:
            sent = bool(channel.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT))
        except Exception as e:  # noqa: BLE001 - a plugin's bug is a failed attempt, not a crash
            sent, extra = False, f"{e.__class__.__name__}: {e}"
        else:
            extra = ""
    log_text = " ".join(line.strip() for line in captured.getvalue().splitlines() if line.strip())
    duration = time.monotonic() - started
    if sent:
        return True, None, None, duration
    error = _scrub((log_text + (" " + extra if extra else "")).strip(), url) or "not sent"
    status = re.search(r"error=(\d{3})\b", error)
    return False, int(status.group(1)) if status else None, error[:ERROR_CHARS], duration
