"""The errors of staff accounts: bad input, unknown users, refused sign-ins."""

from __future__ import annotations

from graph.errors import DiplomapError, EntityNotFound


# -- errors ------------------------------------------------------------------------------------
class UserError(DiplomapError):
    """A user name, password or role that cannot be accepted."""

    status = 400


class UserNotFound(EntityNotFound):
    pass


class LoginFailed(DiplomapError):
    """Wrong user name or password, or a disabled account (deliberately not told apart)."""

    status = 401


class LoginThrottled(DiplomapError):
    """Too many failed logins; ``retry_after`` is in seconds."""

    status = 429

    def __init__(self, retry_after: int):
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            f"too many failed logins; try again in {minutes} minute(s)",
            hint="ask an admin to check the account if you forgot the password",
        )
        self.retry_after = retry_after
