"""Fast scoring of many candidates for one focus, one at a time, without evidence.

:class:`Scorer` is what :func:`graph.synergy.ranking.suggest` uses to rank the networks and
organisations among the candidates (cities are scored all at once by
:mod:`graph.synergy.vector`); the few that are shown are then scored again by
:func:`~graph.synergy.parts.score_parts` with evidence.

>>> from graph.analysis.example import example_graph
>>> from graph.analysis.tiegraph import index
>>> from graph.synergy.focus import make_focus
>>> from graph.synergy.parts import score_parts
>>> G = example_graph()
>>> idx, f, w = index(G), make_focus(G, today="2025-01-01"), Weights()
>>> Scorer(idx, f, w)("city-us-austin") == score_parts(idx, f, "city-us-austin", w)[::2]
True
"""

from __future__ import annotations

import math

from graph.analysis.live import LIVE_MEMBERSHIP
from graph.analysis.synergy_index import SynergyIndex
from graph.synergy.city_table import city_table
from graph.synergy.focus import Focus
from graph.synergy.parts import PARTS, applicable, part_activity, part_openness, total_weight
from graph.synergy.theme_parts import part_complementary, part_shared_themes
from graph.synergy.weights import Weights, saturate


class Scorer:
    """The score of :func:`score_parts` for many candidates of one focus, without evidence.

    It gives exactly the same numbers (the same operations in the same order) but
    skips the parts that are zero for a candidate, and caches what depends only on
    the candidate's country or number of ties. ``tests/test_synergy.py`` checks the
    two agree.
    """

    def __init__(self, idx: SynergyIndex, f: Focus, w: Weights):
        self.idx, self.f, self.w = idx, f, w
        self.weights = applicable(idx, f, w)
        self.total = total_weight(self.weights)
        self.network = [
            n
            for n in ("shared_themes", "partners_of_partners", "complementary")
            if n in self.weights
        ]
        self.wt = {n: self.weights.get(n, 0.0) for n in PARTS}
        self.net_weight = {n: 1.0 / math.log2(1 + len(idx.members[n])) for n in f.networks}
        self._by_country: dict[str | None, tuple[float, float]] = {}
        self._by_degree: dict[int, float] = {}
        self.cities = city_table(idx).pos

    def _country(self, code: str | None) -> tuple[float, float]:
        found = self._by_country.get(code)
        if found is None:
            idx, f = self.idx, self.f
            elig = (
                len(f.programmes & idx.programmes(code)) / len(f.programmes)
                if f.programmes
                else 0.0
            )
            best = idx.country_best.get(f.country or "")
            geo = (
                (idx.country_pairs.get((f.country, code), 0) if code else 0) / best if best else 0.0
            )
            found = self._by_country[code] = (elig, geo)
        return found

    def __call__(self, c: str) -> tuple[float, bool]:
        idx, f, w, wt = self.idx, self.f, self.w, self.wt
        if not self.total:
            return 0.0, False
        if idx.label[c] == "Network":
            got = 0.0
            relational = False
            for name in self.network:
                value = PARTS[name](idx, f, c, w, False)[0]
                got += wt[name] * value
                relational = relational or value > 0
            return got / self.total, relational
        # Zero parts add nothing, so skipping them keeps the sum of score_parts exactly.
        got = 0.0
        relational = False
        if wt["shared_themes"] and (
            c in idx.own or any(n in idx.themed_networks for n in idx.live_networks.get(c, ()))
        ):
            value = part_shared_themes(idx, f, c, w, False)[0]
            if value > 0:
                got += wt["shared_themes"] * value
                relational = True
        if wt["shared_networks"]:
            mine = idx.networks_of.get(c)
            if mine:
                raw = 0.0
                for n, s in mine.items():
                    if n in self.net_weight and s in LIVE_MEMBERSHIP:
                        raw += self.net_weight[n]
                if raw > 0:
                    got += wt["shared_networks"] * saturate(raw, w.half_saturation)
                    relational = True
        if wt["partners_of_partners"]:
            raw = f.two.get(c, 0.0) + w.third_step * f.three.get(c, 0.0)
            if raw > 0:
                got += wt["partners_of_partners"] * saturate(raw, w.half_saturation)
                relational = True
        if wt["complementary"] and c in idx.own:
            value = part_complementary(idx, f, c, w, False)[0]
            if value > 0:
                got += wt["complementary"] * value
                relational = True
        if wt["eligibility"] or wt["geography"]:
            elig, geo = self._country(idx.country.get(c))
        if wt["eligibility"] and elig:
            got += wt["eligibility"] * elig
        if wt["activity"] and c in idx.activity:
            got += wt["activity"] * part_activity(idx, f, c, w, False)[0]
        if wt["geography"] and geo:
            got += wt["geography"] * geo
        if wt["openness"]:
            n = idx.degree.get(c, 0)
            value = self._by_degree.get(n)
            if value is None:
                value = self._by_degree[n] = part_openness(idx, f, c, w, False)[0]
            got += wt["openness"] * value
        # zero for a candidate that is not a city
        for name in ("proximity", "size", "partner_country", "near_partners"):
            if wt[name] and c in self.cities:
                got += wt[name] * PARTS[name](idx, f, c, w, False)[0]
        return got / self.total, relational
