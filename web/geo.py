"""Where an entity is on the map: coordinates of a city, or of the city an organisation is in.

Shared by the partner map (``web.pages.maps``) and the small map of an entity page.
"""

from __future__ import annotations

import math

import networkx as nx


def coords(G: nx.MultiDiGraph, n: str) -> tuple[float, float] | None:
    """(lat, lon) of a city, or of the city an organisation is located in."""
    attrs = G.nodes[n]
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and not isinstance(lat, bool)
        and not (math.isnan(lat) or math.isnan(lon))
    ):
        return float(lat), float(lon)
    if attrs.get("label") == "Organization":
        for c in G.successors(n):
            if G.has_edge(n, c, "LOCATED_IN") and G.nodes[c].get("label") == "City":
                return coords(G, c)
    return None
