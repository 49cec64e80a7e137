"""What counts as a live tie, and how an entity holds a theme."""

from __future__ import annotations

from dataclasses import dataclass

ACTORS = ("City", "Organization")
#: Agreement statuses that make a live tie; no status (imported lists) counts as active.
LIVE_AGREEMENT = frozenset({None, "", "active"})
#: Project statuses that make a live tie (a planned project already has its partners).
LIVE_PROJECT = frozenset({None, "", "active", "planned"})
#: Membership statuses that make a member (an application is not yet a membership).
LIVE_MEMBERSHIP = frozenset({None, "", "active"})


@dataclass(frozen=True, slots=True)
class ThemeLink:
    """How a node holds a theme: kind (priority, expertise, focus, inferred), weight, source networks."""

    kind: str
    weight: float = 1.0
    via: tuple[str, ...] = ()

    @property
    def inferred(self) -> bool:
        """True when the theme is not the entity's own but inferred (e.g. from its networks)."""
        return self.kind == "inferred"
