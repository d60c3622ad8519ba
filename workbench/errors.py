"""Domain errors.

Every error the workbench raises on purpose inherits from :class:`WorkbenchError`,
so the CLI and the app can turn it into one readable line instead of a traceback::

    WorkbenchError
    ├── BadInput              input we refuse to read (binary, too large, bad encoding, bad CSV)
    │   └── DocumentError     a document that cannot be loaded (missing, directory, undecodable)
    ├── NotFound
    │   ├── DocumentNotFound
    │   ├── ClaimNotFound
    │   ├── SessionNotFound
    │   └── UserNotFound
    ├── EditConflict          a stale write: someone changed the claim since you loaded it
    ├── PermissionDenied      the acting user's role does not allow the action
    ├── AuthError             wrong password, disabled account, throttled login
    └── FetchError            a source URL could not be fetched
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AuthError",
    "BadInput",
    "ClaimNotFound",
    "DocumentError",
    "DocumentNotFound",
    "EditConflict",
    "FetchError",
    "NotFound",
    "PermissionDenied",
    "SessionNotFound",
    "UserNotFound",
    "WorkbenchError",
]


class WorkbenchError(Exception):
    """Base class of every error the workbench raises on purpose."""


class BadInput(WorkbenchError):
    """Input we refuse to read, with a message that says why."""


class DocumentError(BadInput):
    """A document that cannot be loaded."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotFound(WorkbenchError):
    what = "record"

    def __init__(self, key: object) -> None:
        self.key = key
        super().__init__(f"no {self.what} {key!r}")


class DocumentNotFound(NotFound):
    what = "document"


class ClaimNotFound(NotFound):
    what = "claim"


class SessionNotFound(NotFound):
    what = "review session"


class UserNotFound(NotFound):
    what = "user"


class EditConflict(WorkbenchError):
    """Someone changed the claim after you loaded it; nothing was written.

    ``current`` holds the claim as it is now, ``changed_by``/``changed_at`` who
    made the latest change, and ``changes`` the fields that differ from what the
    caller expected, so the UI can show them before the user decides.
    """

    def __init__(
        self,
        claim_id: int,
        expected_version: int,
        current_version: int,
        *,
        changed_by: str | None = None,
        changed_at: Any = None,
        changes: dict[str, Any] | None = None,
    ) -> None:
        self.claim_id = claim_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.changes = changes or {}
        who = f" by {changed_by}" if changed_by else ""
        super().__init__(
            f"claim {claim_id} was changed{who} since you loaded it "
            f"(your version {expected_version}, now {current_version}); nothing was saved"
        )


class PermissionDenied(WorkbenchError):
    """The acting user's role does not allow this action."""


class AuthError(WorkbenchError):
    """Login failed, the account is disabled, or it is throttled."""


class FetchError(WorkbenchError):
    """A source URL could not be fetched."""
