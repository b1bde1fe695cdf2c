"""Who may write: the ``[http] token``, sent as ``Authorization: Bearer <token>`` (scripts), or
given once in the login form, which sets a session cookie (browsers). A form post made with the
cookie must also carry the page's CSRF token and, when the browser names it, our own origin.

The cookie and the CSRF token are HMACs of the token, never the token itself, so neither page nor
cookie reveals it; changing the token logs everyone out.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

SESSION_COOKIE = "rm_session"


class WriteRefused(HTTPException):
    """A write that may not happen: 401 (who are you?) or 403 (not allowed here)."""


class Auth:
    def __init__(self, token: str, writable: bool):
        self._token = token.encode()
        self.writable = writable

    @property
    def writes_possible(self) -> bool:
        return self.writable and bool(self._token)

    def _mac(self, purpose: str) -> str:
        return hmac.new(self._token, purpose.encode(), hashlib.sha256).hexdigest()

    def session_value(self) -> str:
        return self._mac("session")

    def csrf_token(self) -> str:
        return self._mac("csrf")

    def token_matches(self, given: str) -> bool:
        return bool(self._token) and hmac.compare_digest(given.encode(), self._token)

    def bearer_ok(self, request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and self.token_matches(given.strip())

    def logged_in(self, request: Request) -> bool:
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return self.writes_possible and bool(cookie) and hmac.compare_digest(cookie, self.session_value())

    def check_write(self, request: Request, csrf: str | None = None) -> None:
        """Raise WriteRefused unless this request may write."""
        if not self.writable:
            raise WriteRefused(403, "this server is read only (rumour-monitor serve): make changes "
                               "on the daemon's page ([http] listen) or with the command line")
        if not self._token:
            raise WriteRefused(403, "writes are off: set [http] token in the configuration")
        if self.bearer_ok(request):
            return
        if not self.logged_in(request):
            raise WriteRefused(401, "log in with the token (/login), or send "
                               "'Authorization: Bearer <token>'",
                               headers={"WWW-Authenticate": "Bearer"})
        if not csrf or not hmac.compare_digest(csrf, self.csrf_token()):
            raise WriteRefused(403, "the form's CSRF token is missing or wrong: reload the page")
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            raise WriteRefused(403, f"a form from another site ({origin}) may not write here")
