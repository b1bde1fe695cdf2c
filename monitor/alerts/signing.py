"""Standard Webhooks signing: ``v1,`` + base64(HMAC-SHA256(secret, "id.timestamp.body"))."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"


def new_secret(nbytes: int = 32) -> str:
    """A fresh secret in the spec's format: "whsec_" + base64 of random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(nbytes)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key: the base64-decoded part after "whsec_"."""
    check_secret(secret)
    return base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)


def check_secret(secret: str) -> None:
    """Raise ValueError (without echoing the secret) unless it is whsec_ + base64 of 24-64 bytes."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError('a webhook secret starts with "whsec_"; make one with `rumour-monitor webhooks secret`')
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(
            'a webhook secret is "whsec_" + base64; make one with `rumour-monitor webhooks secret`'
        ) from None
    if not 24 <= len(key) <= 64:
        raise ValueError(
            f"a webhook secret holds 24 to 64 random bytes (this one has {len(key)}); "
            "make one with `rumour-monitor webhooks secret`"
        )


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The value of the ``webhook-signature`` header."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()
