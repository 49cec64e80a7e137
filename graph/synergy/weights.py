"""Weights of the synergy score parts, and the constants that measure them.

:class:`Weights` is a frozen dataclass: the first twelve fields weigh the parts of
:func:`graph.synergy.ranking.suggest`, the rest say how a part is measured (how a theme link
counts by its kind, saturation points, the activity window). Each field is also a
setting, ``DIPLOMAP_WEIGHT_<FIELD>``.

>>> w = Weights.from_dict({"geography": 0})
>>> w.geography, w.shared_themes, w.kind("expertise"), w.kind(None)
(0.0, 1.0, 0.75, 0.75)
>>> Weights.from_settings({"DIPLOMAP_WEIGHT_OPENNESS": "0.25", "DIPLOMAP_WEIGHT_ACTIVITY": ""}).openness
0.25
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from graph.errors import InvalidData


@dataclass(frozen=True)
class Weights:
    """Weights of the score parts, and the constants that measure them.

    The first twelve fields weigh the parts (:attr:`PARTS`); the rest say how parts are measured.
    Override any of them with a dict (``Weights.from_dict({"geography": 0})``) or
    the settings ``DIPLOMAP_WEIGHT_<FIELD>`` (:meth:`from_settings`).
    """

    shared_themes: float = 1.0
    shared_networks: float = 0.3
    partners_of_partners: float = 1.0
    complementary: float = 0.8
    eligibility: float = 0.0
    activity: float = 0.3
    geography: float = 0.1
    openness: float = 0.01
    proximity: float = 0.2
    size: float = 0.05
    partner_country: float = 0.0
    near_partners: float = 0.2
    # how a theme link counts, by its kind
    priority: float = 1.0
    focus: float = 0.75
    expertise: float = 0.75
    inferred: float = 0.5
    related_theme: float = 0.5  # a parent, child or sibling theme instead of the theme itself
    third_step: float = 2.0  # weight of three-step resource allocation beside two-step
    half_saturation: float = 0.5  # raw sum at which a saturating part reaches 0.5
    activity_years: float = 5.0  # window of "recent" activity
    activity_saturation: float = 3.0  # this many recent activities give activity 1.0
    openness_cap: float = 50.0  # this many partnerships give openness 1.0
    proximity_km: float = 500.0  # distance at which proximity is 0.5
    domestic_proximity: float = 0.5  # how much closeness counts for a city of our own country
    size_decades: float = 1.0  # populations this many powers of ten apart give size 0.5
    near_partner_km: float = 2.0  # distance to our nearest partner at which near_partners is 0.5

    PARTS = (
        "shared_themes",
        "shared_networks",
        "partners_of_partners",
        "complementary",
        "eligibility",
        "activity",
        "geography",
        "openness",
        "proximity",
        "size",
        "partner_country",
        "near_partners",
    )

    @classmethod
    def from_dict(cls, values: Mapping[str, Any] | None) -> Weights:
        """Weights from a mapping of field names to numbers (unknown names are refused)."""
        known = {f.name for f in fields(cls)}
        unknown = set(values or {}) - known
        if unknown:
            raise InvalidData(
                f"unknown weight(s): {', '.join(sorted(unknown))}",
                hint=f"use {', '.join(sorted(known))}",
            )
        return cls(**{k: float(v) for k, v in (values or {}).items()})

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Weights:
        """Weights from ``DIPLOMAP_WEIGHT_<FIELD>`` entries of ``settings`` that are set."""
        found = {
            f.name: settings[key]
            for f in fields(cls)
            # field names are ascii identifiers: str.upper() is right here
            if (key := f"DIPLOMAP_WEIGHT_{f.name.upper()}") in settings
            and settings[key] not in (None, "")
        }
        return cls.from_dict(found)

    def kind(self, kind: str | None) -> float:
        """The weight of a theme link of ``kind`` (priority, expertise, inferred...)."""
        return (
            getattr(self, kind, self.focus)
            if kind in ("priority", "focus", "expertise", "inferred")
            else self.focus
        )

    def to_dict(self) -> dict[str, float]:
        """The weights as plain data."""
        return asdict(self)


def as_weights(weights: Weights | Mapping[str, Any] | None) -> Weights:
    """``weights`` as :class:`Weights`: kept when it is one, else built from a mapping of field names."""
    return weights if isinstance(weights, Weights) else Weights.from_dict(weights)


def saturate(x: float, half: float) -> float:
    """``x / (x + half)``: 0 at 0, one half at ``half``, towards 1 as ``x`` grows.

    >>> saturate(0, 2), saturate(2, 2), round(saturate(18, 2), 2)
    (0.0, 0.5, 0.9)
    """
    return x / (x + half) if x > 0 else 0.0
