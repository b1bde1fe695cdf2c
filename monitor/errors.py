"""The package's exceptions: one root, so a caller can catch everything we raise on purpose.

The CLI maps each kind to an exit code in one place (``monitor.cli.EXIT_CODES``).
"""

from __future__ import annotations

from pathlib import Path


class RumourMonitorError(Exception):
    """Something the user can act on; the message says what went wrong and what to do."""


class ConfigError(RumourMonitorError):
    """A configuration problem; ``problems`` lists (key path, message) pairs."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = Path(path)
        self.problems = problems
        lines = [f"{self.path}: {key}: {msg}" if key else f"{self.path}: {msg}" for key, msg in problems]
        super().__init__("\n".join(lines))


class StorageError(RumourMonitorError):
    """The database failed (unreachable, locked, full, a driver error); wrapped at the store's edge."""


class DatabaseError(StorageError):
    """The database cannot be opened or upgraded; the message says what to do."""


class NotFound(RumourMonitorError, KeyError):
    """A thing asked for by id does not exist. (A KeyError too, for callers that expect one.)"""

    def __str__(self) -> str:  # KeyError's own str() quotes the message
        return str(self.args[0]) if self.args else ""


class ClaimNotFound(NotFound):
    def __init__(self, claim_id: str):
        super().__init__(f"no claim {claim_id!r}")
        self.claim_id = claim_id


class EvidenceNotFound(NotFound):
    def __init__(self, evidence_id: int):
        super().__init__(f"no evidence with id {evidence_id}")
        self.evidence_id = evidence_id


class InputError(RumourMonitorError, ValueError):
    """A file given to a command (eval, replay) cannot be read as what it should be."""
